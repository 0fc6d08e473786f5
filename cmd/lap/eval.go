package main

import (
	"bufio"
	"context"
	"io"
	"slices"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "--data DIR --year Y [--to Y2] [--as-of DATE] [--by region|KEY] [--format table|json|csv] [--lang en|fr|es] [--plan DIR]",
		"Evaluate every indicator of the plan against a dataset for one year (or each year up to --to)\nand score it: value and coverage (population, States with a known result, States without\ndata), baseline, target, expected-by-now value, progress and status; scores for actions,\nsections and the plan; each State Party's obligations; Article 3 and 4 deadline projections.\nAn indicator that fails is reported as status error; the others still run.\nThe formulas are in docs/methodology.md; `lap explain ID` shows one indicator's derivation.", stdout)
	in := addInputs(fs, true)
	outF := addOutput(fs, "the table's words and the plan's text", "table", "json", "csv")
	to := fs.Int("to", 0, "last `year` of a range starting at --year")
	fs.Lookup("as-of").Usage = "data cut-off `date` YYYY-MM-DD; default: the cut-off of lap report for the last year (--to, else --year: the plan's report cut-off, 30 June of the year after), or the data's latest date when that comes first; the last year is seen on that day and each earlier year the same time after its end, with the corrections known on that day (docs/methodology.md §1.3)"
	only := fs.String("only", "", "evaluate only indicators whose id matches this `regexp`")
	by := fs.String("by", "", "split every indicator's value by a `breakdown`: region (states.csv), or a key of the plan's [[breakdown]] tables (e.g. article4); comma-separated for several")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if in.year == 0 {
		return usagef("--year is required")
	}
	lang, err := outF.check()
	if err != nil {
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
	if plan, err = translate(plan, lang); err != nil {
		return err
	}
	if *by != "" {
		keys, err := breakdownFlag(plan, *by)
		if err != nil {
			return err
		}
		opts = append(opts, engine.By(keys...))
	}
	opts = in.reportOn(opts, plan, ds, *to) // the cut-off of the report on the last year; each earlier year at its lag
	results, err := plan.AssessYears(ctx, ds, in.year, *to, opts...)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(stdout) // the table writes line by line: one system call a line otherwise
	switch outF.format.value {
	case "json":
		err = reports.WriteEvalJSON(out, results)
	case "csv":
		err = reports.WriteEvalCSV(out, results)
	default:
		_, notice := plan.Language()
		err = reports.WriteEvalTableIn(out, results, lang, notice)
	}
	if err != nil {
		return err
	}
	return out.Flush()
}

// breakdownFlag checks a --by list against the plan's breakdowns.
func breakdownFlag(plan *engine.Plan, v string) ([]string, error) {
	var known []string
	for _, b := range plan.Breakdowns() {
		known = append(known, b.Key)
	}
	var keys []string
	for _, k := range strings.Split(v, ",") {
		k = strings.TrimSpace(k)
		if !slices.Contains(known, k) {
			return nil, usagef("--by %q: want one of %s (region, or a [[breakdown]] of the plan)", k, strings.Join(known, ", "))
		}
		keys = append(keys, k)
	}
	return keys, nil
}
