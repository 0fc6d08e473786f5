package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
)

func runExplain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("explain", "ID --data DIR --year Y [--as-of DATE] [--counting C] [--format text|json] [--all] [--plan DIR]",
		"Show the whole derivation of one indicator for one year: its expressions, every State in\nits population with the value of each field the rule read and where it came from (file:line\nof facts.csv or states.csv, or derived), the aggregate, then the scoring arithmetic: baseline,\ntarget, expected-by-now value, progress, status and the thresholds used.", stdout)
	dataDir := fs.String("data", "", "dataset `directory` holding states.csv and facts.csv (or dataset.json)")
	year := fs.Int("year", 0, "evaluation `year`")
	asOf := fs.String("as-of", "", "data cut-off `date` YYYY-MM-DD; default: the latest date in the data")
	format := fs.String("format", "text", "output `format`: text or json")
	planDir := fs.String("plan", "", "plan `directory`; default: the embedded plan")
	counting := fs.String("counting", "", "override the plan's counting `convention`: deposit or entry-into-force")
	all := fs.Bool("all", false, "also show the values read for States outside the population")
	// the id may come first: lap explain 43.1 --data DIR --year 2024
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	rest := fs.Args()
	if id == "" && len(rest) > 0 {
		id, rest = rest[0], rest[1:]
	}
	switch {
	case len(rest) > 0:
		return usagef("unexpected arguments %v", rest)
	case id == "":
		return usagef("an indicator ID is required, e.g. lap explain 43.1 --data DIR --year 2024")
	case *year == 0:
		return usagef("--year is required")
	}
	if err := oneOf("format", *format, "text", "json"); err != nil {
		return err
	}
	opts, err := evalOptions(*asOf, *counting, "")
	if err != nil {
		return err
	}
	plan, err := loadPlan(*planDir, stderr)
	if err != nil {
		return err
	}
	if _, ok := plan.Indicator(id); !ok {
		return usagef("unknown indicator %q", id)
	}
	ds, err := loadData(*dataDir, stderr)
	if err != nil {
		return err
	}
	ex, err := plan.Explain(ctx, ds, id, *year, opts...)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(stdout, ex)
	}
	return writeExplanation(stdout, ex, *all)
}

// writeExplanation prints an explanation as text.
func writeExplanation(w io.Writer, ex *engine.Explanation, all bool) error {
	ia := &ex.Indicator
	fmt.Fprintf(w, "Indicator %s: %s\n", ia.ID, ia.Title)
	fmt.Fprintf(w, "  action %d (%s), aggregate %s, unit %s, direction %s, provenance %s\n", ia.Action, ia.Section, ia.Aggregate, ia.Unit, ia.Direction, ia.Provenance)
	fmt.Fprintf(w, "  defined in indicators/%s:%d\n", ex.File, ex.Line)
	fmt.Fprintf(w, "  %s\n", ex.Definition)
	fmt.Fprintf(w, "\nPopulation: %s\nRule:       %s\n", ex.Population, ex.Rule)
	fmt.Fprintf(w, "\nYear %d, as of %s, counting %s (plan %s %s)\n", ex.Year, ex.AsOf, ex.Counting, ex.Plan.Name, ex.Plan.Version)

	var in, out []engine.StateOutcome
	for _, so := range ia.States {
		if so.InPopulation {
			in = append(in, so)
		} else {
			out = append(out, so)
		}
	}
	fmt.Fprintf(w, "\nStates in the population: %d of %d\n", len(in), len(ia.States))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tOUTCOME\tFIELD\tVALUE\tORIGIN")
	inputs := map[string][]engine.FieldRead{}
	for _, si := range ex.DerivedInputs {
		inputs[si.ISO3] = si.Reads
	}
	writeOutcomes(tw, in, inputs)
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(out) > 0 {
		if all {
			fmt.Fprintf(w, "\nStates outside the population: %d\n", len(out))
			tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "STATE\tOUTCOME\tFIELD\tVALUE\tORIGIN")
			writeOutcomes(tw, out, inputs)
			if err := tw.Flush(); err != nil {
				return err
			}
		} else {
			isos := make([]string, len(out))
			for i, so := range out {
				isos[i] = so.ISO3
			}
			fmt.Fprintf(w, "\nOutside the population (%d; --all shows their values): %s\n", len(out), strings.Join(isos, " "))
		}
	}

	fmt.Fprintf(w, "\nValue: %s\n", describeValue(ia))
	fmt.Fprintf(w, "\nSeries:")
	for _, yv := range ia.Series {
		fmt.Fprintf(w, " %d %s", yv.Year, formatValue(yv.Value, ia.Unit))
		if yv.Year != ia.Series[len(ia.Series)-1].Year {
			fmt.Fprint(w, ",")
		}
	}
	fmt.Fprintf(w, "\n\nScoring (method %s, weight %s):\n", ia.Method, strconv.FormatFloat(ia.Weight, 'f', -1, 64))
	for _, s := range ex.Steps {
		fmt.Fprintf(w, "  %s\n", s)
	}
	sc := ex.Scoring
	fmt.Fprintf(w, "\nThresholds (plan.toml [scoring]): on_track %g, regressing %g, trend_on_track %g, trend_min_years %d, tolerance %g\n",
		sc.OnTrack, sc.Regressing, sc.TrendOnTrack, sc.TrendMinYears, sc.Tolerance)
	return nil
}

// writeOutcomes prints one block per State: its outcome, then each field read with its value
// and origin, then (marked "from") the facts and States-file columns behind the derived ones.
func writeOutcomes(tw io.Writer, list []engine.StateOutcome, inputs map[string][]engine.FieldRead) {
	for _, so := range list {
		outcome := describeOutcome(so)
		rows := len(so.Values) + len(inputs[so.ISO3])
		if rows == 0 {
			fmt.Fprintf(tw, "%s\t%s\t\t\t\n", so.ISO3, outcome)
			continue
		}
		i := 0
		line := func(field string, fr engine.FieldRead) {
			state, oc := "", ""
			if i == 0 {
				state, oc = so.ISO3, outcome
			}
			i++
			origin := fr.Origin
			if fr.Source != "" {
				origin += " (" + fr.Source + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", state, oc, field, describeRead(fr.Value), origin)
		}
		for _, fr := range so.Values {
			line(fr.Field, fr)
		}
		for _, fr := range inputs[so.ISO3] {
			line("  from "+fr.Field, fr)
		}
	}
}

func describeOutcome(so engine.StateOutcome) string {
	switch {
	case so.Error != "":
		return "error: " + so.Error
	case !so.InPopulation:
		return "not in population"
	case len(so.Unknown) > 0:
		return "no data (" + strings.Join(so.Unknown, ", ") + " unknown)"
	case so.Result == nil:
		return "no data"
	}
	switch v := so.Result.(type) {
	case bool:
		if v {
			return "counted"
		}
		return "not counted"
	case float64:
		return "counted: " + strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(so.Result)
}

func describeRead(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func describeValue(ia *engine.IndicatorAssessment) string {
	v := formatValue(ia.Value, ia.Unit)
	cov := fmt.Sprintf("population %d, known %d, no data %d", ia.Population, ia.Known, len(ia.NoData))
	switch {
	case ia.Status == engine.StatusError:
		return "error: " + ia.Error
	case ia.Value == nil:
		return "none (" + cov + ")"
	case ia.Aggregate == engine.AggShare:
		return fmt.Sprintf("%s = 100 x %s counted / %s with a known result (%s)", v, formatValue(ia.Numerator, ""), formatValue(ia.Denominator, ""), cov)
	case ia.Aggregate == engine.AggCount:
		return fmt.Sprintf("%s States counted (%s)", v, cov)
	case ia.Aggregate == engine.AggSum:
		return fmt.Sprintf("%s %s, the sum over %d States (%s)", v, ia.Unit, ia.Known, cov)
	}
	return fmt.Sprintf("%s %s, the mean over %d States (%s)", v, ia.Unit, ia.Known, cov)
}
