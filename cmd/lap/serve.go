package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/server"
)

// runServe starts the coordinators' workspace (package server) and serves it until Ctrl-C or
// SIGTERM, then shuts down gracefully.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "--data DIR [--addr 127.0.0.1:8080] [--year Y]",
		"Serve the coordinators' workspace, a local web application: the dashboard, each section,\nindicator and State, and the what-if page (pick a State and events, read what would change in\nplain words, download the scenario and the result, compare up to three scenarios). The plan\nand the data are loaded once and never written. It binds to 127.0.0.1 unless --addr says\notherwise, and warns when it is reachable from other machines. Ctrl-C stops it.", stdout)
	in := addInputs(fs, false)
	fs.Lookup("year").Usage = "assessed `year`; default: the latest year with data (at most the plan's target year)"
	fs.Lookup("as-of").Usage = "data cut-off `date` YYYY-MM-DD; default: " + reportCutOffUsage + "; the what-if page may compare at another day"
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` host:port (port 0 picks a free one)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	plan, ds, opts, err := in.open(stderr, "")
	if err != nil {
		return err
	}
	o := server.Options{Plan: plan, Data: ds, Year: in.year, DataName: in.data, Eval: opts}
	if in.asOf != "" {
		if o.AsOf, err = engine.ParseDay(in.asOf); err != nil {
			return usagef("--as-of: %v", err)
		}
	}
	srv, err := server.New(ctx, o)
	if err != nil {
		return err
	}
	if !server.IsLoopback(*addr) {
		fmt.Fprintf(stderr, "lap serve: WARNING: %s is reachable from other machines; the workspace has no login. Use --addr 127.0.0.1:PORT to keep it on this machine.\n", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	fmt.Fprintf(stdout, "lap serve: the workspace for %d, data as of %s, is at http://%s/ (Ctrl-C stops it)\n", srv.Year(), srv.CutOff().AsOf.Text(), ln.Addr())
	if err := srv.Serve(ctx, ln, 5*time.Second); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "lap serve: stopped")
	return nil
}
