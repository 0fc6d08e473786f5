package main

import (
	"context"
	"io"

	"github.com/lapmonitor/lap/reports"
)

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("audit", "--data DIR --year Y [--as-of DATE] [--format table|json] [--plan DIR]",
		"Check that good news never hurts: for every State and every kind of good news that can happen\nto it in the year (accession, with or without obligations; completion of Article 3 or 4; an\ninitial, annual or overdue Article 7 report submitted; more area cleared), apply it alone and\nassess again. A plan or section score that falls, or a scored indicator that moves against its\ndirection, is a violation unless the plan's documented exceptions (docs/methodology.md) accept\nit. Prints every violation with the indicator and the reason; exit 1 when there is one.", stdout)
	in := addInputs(fs, true)
	format := addFormat(fs, "table", "json")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if in.year == 0 {
		return usagef("--year is required")
	}
	if err := format.check(); err != nil {
		return err
	}
	opts, err := in.options("")
	if err != nil {
		return err
	}
	plan, ds, err := in.load(stderr)
	if err != nil {
		return err
	}
	res, err := plan.Audit(ctx, ds, in.year, opts...)
	if err != nil {
		return err
	}
	if format.value == "json" {
		err = reports.WriteAuditJSON(stdout, res)
	} else {
		err = reports.WriteAuditTable(stdout, res)
	}
	if err != nil {
		return err
	}
	if len(res.Violations) > 0 {
		return errSilent
	}
	return nil
}
