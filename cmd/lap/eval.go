package main

import (
	"context"
	"io"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "--data DIR --year Y [--to Y2] [--as-of DATE] [--format table|json|csv] [--plan DIR]",
		"Evaluate every indicator of the plan against a dataset for one year (or each year up to --to)\nand score it: value and coverage (population, States with a known result, States without\ndata), baseline, target, expected-by-now value, progress and status; scores for actions,\nsections and the plan; each State Party's obligations; Article 3 and 4 deadline projections.\nAn indicator that fails is reported as status error; the others still run.\nThe formulas are in docs/methodology.md; `lap explain ID` shows one indicator's derivation.", stdout)
	dataDir := fs.String("data", "", "dataset `directory` holding states.csv and facts.csv (or dataset.json)")
	year := fs.Int("year", 0, "evaluation `year`")
	to := fs.Int("to", 0, "last `year` of a range starting at --year")
	asOf := fs.String("as-of", "", "data cut-off `date` YYYY-MM-DD; default: the latest date in the data")
	format := fs.String("format", "table", "output `format`: table, json or csv")
	planDir := fs.String("plan", "", "plan `directory`; default: the embedded plan")
	counting := fs.String("counting", "", "override the plan's counting `convention`: deposit or entry-into-force")
	only := fs.String("only", "", "evaluate only indicators whose id matches this `regexp`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %v", fs.Args())
	}
	if *year == 0 {
		return usagef("--year is required")
	}
	if err := oneOf("format", *format, "table", "json", "csv"); err != nil {
		return err
	}
	opts, err := evalOptions(*asOf, *counting, *only)
	if err != nil {
		return err
	}
	if *to == 0 {
		*to = *year
	}
	if *to < *year {
		return usagef("--to %d is before --year %d", *to, *year)
	}
	plan, err := loadPlan(*planDir, stderr)
	if err != nil {
		return err
	}
	ds, err := loadData(*dataDir, stderr)
	if err != nil {
		return err
	}
	var results []*engine.Assessment
	for y := *year; y <= *to; y++ {
		a, err := plan.Assess(ctx, ds, y, opts...)
		if err != nil {
			return err
		}
		results = append(results, a)
	}
	switch *format {
	case "json":
		var v any = results[0]
		if len(results) > 1 {
			v = struct {
				Years []*engine.Assessment `json:"years"`
			}{results}
		}
		return reports.EncodeJSON(stdout, v)
	case "csv":
		return reports.WriteEvalCSV(stdout, results)
	}
	return reports.WriteEvalTable(stdout, results)
}

// evalOptions turns the shared evaluation flags into engine options.
func evalOptions(asOf, counting, only string) ([]engine.EvalOption, error) {
	var opts []engine.EvalOption
	if asOf != "" {
		d, err := engine.ParseDate(asOf)
		if err != nil {
			return nil, usagef("--as-of: %v", err)
		}
		opts = append(opts, engine.AsOf(d))
	}
	if counting != "" {
		c := engine.Counting(counting)
		if !c.Valid() {
			return nil, usagef("--counting %q: want deposit or entry-into-force", counting)
		}
		opts = append(opts, engine.WithCounting(c))
	}
	if only != "" {
		re, err := compileRegexp(only)
		if err != nil {
			return nil, usagef("--only: %v", err)
		}
		opts = append(opts, engine.Only(re))
	}
	return opts, nil
}
