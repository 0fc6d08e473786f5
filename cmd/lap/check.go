package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lapmonitor/lap/engine"
)

func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "[--plan DIR]", "Load, validate and compile every file of a plan (with its translations and its\ndata checks, checks/*.toml), and print per file SUCCESS: N indicators (N checks) or FAILED: with every problem (file:line:col: code: message).\nExit 0 when the plan is valid, 1 otherwise.", stdout)
	planDir := fs.String("plan", "", "plan `directory` (plan.toml and one .toml per action); default: the embedded plan")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 1 && *planDir == "" {
		*planDir = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return usagef("unexpected arguments %v", fs.Args())
	}
	fsys, label := planFS(*planDir)
	reports, err := engine.Check(fsys)
	failed, printed, unprinted := false, 0, 0
	for _, fr := range reports {
		fmt.Fprintf(stdout, "Checking %s\n", displayPath(*planDir, fr.File))
		what := fmt.Sprintf("%d indicators", fr.Indicators)
		switch {
		case strings.HasPrefix(fr.File, engine.TranslationDir+"/"):
			what = "translation"
		case strings.HasPrefix(fr.File, engine.ChecksDir+"/"):
			what = fmt.Sprintf("%d checks", fr.Checks)
		}
		if len(fr.Diagnostics) == 0 {
			fmt.Fprintf(stdout, "  SUCCESS: %s\n", what)
			continue
		}
		if fr.Diagnostics.HasErrors() {
			failed = true
			fmt.Fprintln(stdout, "  FAILED:")
		} else {
			fmt.Fprintf(stdout, "  SUCCESS: %s, with warnings:\n", what)
		}
		for _, d := range fr.Diagnostics {
			if printed == maxPrinted {
				unprinted++
				continue
			}
			printed++
			d.File = displayPath(*planDir, d.File)
			fmt.Fprintln(stdout, indent(d.Long(), "    "))
		}
	}
	if unprinted > 0 {
		fmt.Fprintf(stdout, "... and %d more problem(s) not shown\n", unprinted)
	}
	var ds engine.Diagnostics
	if err != nil && !errors.As(err, &ds) {
		return fmt.Errorf("check %s: %w", label, err)
	}
	if failed || err != nil {
		fmt.Fprintf(stderr, "lap check: %s is not valid\n", label)
		return errSilent
	}
	return nil
}

func displayPath(dir, file string) string {
	if dir == "" {
		return "indicators/" + file
	}
	return dir + "/" + file
}

func indent(s, pre string) string { return pre + strings.ReplaceAll(s, "\n", "\n"+pre) }
