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

// formatScore prints a score or share of progress as a whole percentage.
func formatScore(v *float64) string {
	if v == nil {
		return "–"
	}
	s := strconv.FormatFloat(100**v, 'f', 0, 64)
	if s == "-0" {
		s = "0" // a tiny regression rounds to 0, not -0
	}
	return s + "%"
}

func writeEvalTable(w io.Writer, results []*engine.Assessment) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	r0 := results[0]
	fmt.Fprintf(tw, "Plan: %s %s   counting: %s   as of: %s   baseline %d, target %d\n", r0.Plan.Name, r0.Plan.Version, r0.Counting, r0.AsOf, r0.BaselineYear, r0.TargetYear)
	for _, r := range results {
		writeAssessmentTable(tw, r)
	}
	return tw.Flush()
}

func statusCounts(c engine.StatusCounts) string {
	var parts []string
	for _, s := range engine.ProgressStatuses {
		if n := c.Get(s); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	return strings.Join(parts, ", ")
}

func countCells(c engine.StatusCounts) string {
	cells := make([]string, len(engine.ProgressStatuses))
	for i, s := range engine.ProgressStatuses {
		cells[i] = strconv.Itoa(c.Get(s))
	}
	return strings.Join(cells, "\t")
}

func writeAssessmentTable(tw *tabwriter.Writer, r *engine.Assessment) {
	o := r.Overall
	fmt.Fprintf(tw, "\nYear %d\n", r.Year)
	fmt.Fprintf(tw, "Overall: score %s, expected by now %s: %s (%d of %d indicators scored: %s)\n",
		formatScore(o.Score), formatScore(o.Expected), o.Status, o.IndicatorsScored, o.Indicators, statusCounts(o.StatusCounts))
	sc := r.Scoring
	fmt.Fprintf(tw, "Thresholds: on_track %g, regressing %g, trend_on_track %g, trend_min_years %d\n", sc.OnTrack, sc.Regressing, sc.TrendOnTrack, sc.TrendMinYears)

	fmt.Fprintln(tw, "\nSECTION\tSCORE\tEXPECTED\tSTATUS\tACHIEVED\tON-TRACK\tNEEDS-ACC.\tREGRESSING\tNO-TARGET\tNO-DATA\tTITLE")
	for _, s := range r.Sections {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.Key, formatScore(s.Score), formatScore(s.Expected), s.Status, countCells(s.StatusCounts), s.Title)
	}

	fmt.Fprintln(tw, "\nACTION\tSECTION\tSCORE\tEXPECTED\tSTATUS\tSCORED\tTITLE")
	for _, a := range r.Actions {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d/%d\t%s\n", a.Number, a.Section, formatScore(a.Score), formatScore(a.Expected), a.Status, a.IndicatorsScored, a.Indicators, a.Title)
	}

	fmt.Fprintln(tw, "\nID\tVALUE\tUNIT\tBASELINE\tTARGET\tEXPECTED\tPROGRESS\tPROGRESS STATUS\tMETHOD\tPOPULATION\tKNOWN\tNO DATA\tSTATUS\tTITLE")
	for _, ir := range r.Indicators {
		status := string(ir.Status)
		if ir.Error != "" {
			status += ": " + ir.Error
		}
		baseline := formatValue(ir.Baseline, ir.Unit)
		if ir.Baseline != nil && ir.BaselineYear != r.BaselineYear {
			baseline += fmt.Sprintf(" (%d)", ir.BaselineYear)
		}
		target := formatValue(ir.Target, ir.Unit)
		if ir.Target != nil {
			if ir.TargetEachYear {
				target += " yearly"
			} else {
				target += fmt.Sprintf(" by %d", ir.TargetYear)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", ir.ID, formatValue(ir.Value, ir.Unit), ir.Unit,
			baseline, target, formatValue(ir.Expected, ir.Unit), formatScore(ir.Progress), ir.ProgressStatus, ir.Method,
			ir.Population, ir.Known, len(ir.NoData), status, ir.Title)
	}

	fmt.Fprintln(tw, "\nDEADLINES\tARTICLE\tREMAINING\tRATE/YEAR\tCOMPLETES\tDEADLINE\tNEEDED/YEAR\tSTATUS")
	if len(r.Deadlines) == 0 {
		fmt.Fprintln(tw, "(none outstanding)")
	}
	for _, d := range r.Deadlines {
		completes := "–"
		if d.CompletionYear != nil {
			completes = strconv.Itoa(*d.CompletionYear)
		}
		remaining := formatValue(d.Remaining, d.Unit) + " " + d.Unit
		if d.Remaining != nil {
			remaining += fmt.Sprintf(" (%d)", d.RemainingYear)
		}
		deadline := d.Deadline
		if deadline == "" {
			deadline = "–"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", d.ISO3, d.Article, remaining, formatValue(d.Rate, d.Unit), completes,
			deadline, formatValue(d.RateNeeded, d.Unit), d.Status)
	}

	fmt.Fprintln(tw, "\nSTATE PARTY\tART. 3\tART. 4\tART. 5\tART. 7\tART. 9\tCOUNTED IN\tNO DATA IN")
	for _, s := range r.States {
		cells := map[int]string{3: "–", 4: "–", 5: "–", 7: "–", 9: "–"}
		for _, o := range s.Obligations {
			c := string(o.Status)
			if o.DeadlineMet != nil && !*o.DeadlineMet {
				c += " (late)"
			}
			cells[o.Article] = c
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", s.ISO3, cells[3], cells[4], cells[5], cells[7], cells[9], len(s.CountedIn), len(s.NoDataIn))
	}
}

func writeEvalCSV(w io.Writer, results []*engine.Assessment) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"year", "id", "action", "section", "aggregate", "unit", "value", "numerator", "denominator", "population", "known", "no_data", "status", "error", "provenance", "counting", "as_of",
		"direction", "method", "weight", "baseline", "baseline_year", "target", "target_year", "target_each_year", "expected", "expected_progress", "progress", "score", "progress_status"})
	f := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	year := func(y int) string {
		if y == 0 {
			return ""
		}
		return strconv.Itoa(y)
	}
	for _, r := range results {
		for _, ir := range r.Indicators {
			_ = cw.Write([]string{strconv.Itoa(r.Year), ir.ID, strconv.Itoa(ir.Action), ir.Section, string(ir.Aggregate), ir.Unit,
				f(ir.Value), f(ir.Numerator), f(ir.Denominator), strconv.Itoa(ir.Population), strconv.Itoa(ir.Known),
				strings.Join(ir.NoData, " "), string(ir.Status), ir.Error, ir.Provenance, string(r.Counting), r.AsOf,
				string(ir.Direction), string(ir.Method), f(&ir.Weight), f(ir.Baseline), year(ir.BaselineYear), f(ir.Target),
				year(ir.TargetYear), strconv.FormatBool(ir.TargetEachYear), f(ir.Expected), f(ir.ExpectedProgress), f(ir.Progress),
				f(ir.Score), string(ir.ProgressStatus)})
		}
	}
	cw.Flush()
	return cw.Error()
}
