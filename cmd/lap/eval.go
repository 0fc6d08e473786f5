package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "--data DIR --year Y [--to Y2] [--as-of DATE] [--format table|json|csv] [--plan DIR]",
		"Evaluate every indicator of the plan against a dataset for one year (or each year up to --to)\nand print the values with their coverage: population, States with a known result, States\nwithout data. An indicator that fails is reported as status error; the others still run.", stdout)
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
	results, err := plan.EvaluateYears(ctx, ds, *year, *to, opts...)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		var v any = results[0]
		if len(results) > 1 {
			v = struct {
				Years []*engine.Result `json:"years"`
			}{results}
		}
		return writeJSON(stdout, v)
	case "csv":
		return writeEvalCSV(stdout, results)
	}
	return writeEvalTable(stdout, results)
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

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// formatValue prints a value with fixed rules so outputs are stable: whole numbers without
// decimals, percentages with one decimal, other fractions with up to two.
func formatValue(v *float64, unit string) string {
	if v == nil {
		return "–"
	}
	if unit == "percent" {
		return strconv.FormatFloat(*v, 'f', 1, 64) + "%"
	}
	if *v == float64(int64(*v)) {
		return strconv.FormatInt(int64(*v), 10)
	}
	return strconv.FormatFloat(*v, 'f', 2, 64)
}

func writeEvalTable(w io.Writer, results []*engine.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	r0 := results[0]
	fmt.Fprintf(tw, "Plan: %s %s   counting: %s   as of: %s\n", r0.Plan.Name, r0.Plan.Version, r0.Counting, r0.AsOf)
	for _, r := range results {
		fmt.Fprintf(tw, "\nYear %d\n", r.Year)
		fmt.Fprintln(tw, "ID\tVALUE\tUNIT\tPOPULATION\tKNOWN\tNO DATA\tSTATUS\tTITLE")
		for _, ir := range r.Indicators {
			status := string(ir.Status)
			if ir.Error != "" {
				status += ": " + ir.Error
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", ir.ID, formatValue(ir.Value, ir.Unit), ir.Unit,
				ir.Population, ir.Known, len(ir.NoData), status, ir.Title)
		}
	}
	return tw.Flush()
}

func writeEvalCSV(w io.Writer, results []*engine.Result) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"year", "id", "action", "section", "aggregate", "unit", "value", "numerator", "denominator", "population", "known", "no_data", "status", "error", "provenance", "counting", "as_of"})
	f := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	for _, r := range results {
		for _, ir := range r.Indicators {
			_ = cw.Write([]string{strconv.Itoa(r.Year), ir.ID, strconv.Itoa(ir.Action), ir.Section, string(ir.Aggregate), ir.Unit,
				f(ir.Value), f(ir.Numerator), f(ir.Denominator), strconv.Itoa(ir.Population), strconv.Itoa(ir.Known),
				strings.Join(ir.NoData, " "), string(ir.Status), ir.Error, ir.Provenance, string(r.Counting), r.AsOf})
		}
	}
	cw.Flush()
	return cw.Error()
}
