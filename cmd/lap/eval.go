package main

import (
	"bufio"
	"context"
	"io"

	"github.com/lapmonitor/lap/reports"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "--data DIR --year Y [--to Y2] [--as-of DATE] [--format table|json|csv] [--plan DIR]",
		"Evaluate every indicator of the plan against a dataset for one year (or each year up to --to)\nand score it: value and coverage (population, States with a known result, States without\ndata), baseline, target, expected-by-now value, progress and status; scores for actions,\nsections and the plan; each State Party's obligations; Article 3 and 4 deadline projections.\nAn indicator that fails is reported as status error; the others still run.\nThe formulas are in docs/methodology.md; `lap explain ID` shows one indicator's derivation.", stdout)
	in := addInputs(fs, true)
	format := addFormat(fs, "table", "json", "csv")
	to := fs.Int("to", 0, "last `year` of a range starting at --year")
	only := fs.String("only", "", "evaluate only indicators whose id matches this `regexp`")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if in.year == 0 {
		return usagef("--year is required")
	}
	if err := format.check(); err != nil {
		return err
	}
	opts, err := in.options(*only)
	if err != nil {
		return err
	}
	if *to == 0 {
		*to = in.year
	}
	if err := checkYear("--to", *to); err != nil {
		return err
	}
	if *to < in.year {
		return usagef("--to %d is before --year %d", *to, in.year)
	}
	plan, ds, err := in.load(stderr)
	if err != nil {
		return err
	}
	results, err := plan.AssessYears(ctx, ds, in.year, *to, opts...)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(stdout) // the table writes line by line: one system call a line otherwise
	switch format.value {
	case "json":
		err = reports.WriteEvalJSON(out, results)
	case "csv":
		err = reports.WriteEvalCSV(out, results)
	default:
		err = reports.WriteEvalTable(out, results)
	}
	if err != nil {
		return err
	}
	return out.Flush()
}
