package main

import (
	"context"
	"io"

	"github.com/lapmonitor/lap/reports"
)

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("audit", "--data DIR --year Y [--as-of DATE] [--format table|json] [--plan DIR]",
		"Check that good news never hurts: for every State and every kind of good news that can happen\nto it in the year (accession in the year or the year before, with or without obligations;\ncompletion of Article 3 or 4; an initial, annual or overdue Article 7 report submitted; more\narea cleared), apply it alone and assess again. A plan or section score that falls like for like (over the indicators scored\nbefore and after), or a scored indicator that moves against its direction, is a violation\nunless the plan's documented exceptions (docs/methodology.md §8) accept it. Prints every\nviolation with the indicator and the reason, then the indicators left out of the comparison;\nexit 1 when there is a violation.", stdout)
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
	res, err := plan.Audit(ctx, ds, in.year, in.reportOn(opts, plan, ds, in.year)...)
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
