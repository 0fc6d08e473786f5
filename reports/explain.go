package reports

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// WriteExplanation writes the derivation of one indicator as text (`lap explain`): its
// expressions, each State of the population with the fields its rule read and their origin,
// the aggregate, the series and the scoring steps. With all, the States outside the population
// get their blocks too; otherwise they are only named.
func WriteExplanation(w io.Writer, ex *engine.Explanation, all bool) error {
	return WriteExplanationIn(w, ex, all, locale.English)
}

// WriteExplanationIn writes the explanation in lang: every sentence, word and number of the
// text (headings, the outcome, class and origin words of the table, the value and its
// classes, coverage, the series, the scoring steps, the engine's sentences) comes from the
// catalogue and the locale. What is an interface stays as it is, and a closing legend says so
// in French and Spanish: field names, indicator ids, section keys, settings, the expressions,
// method, unknown-policy and provenance codes, file:line origins, the data's own source notes
// and the dates of the VALUE column (as read, ISO). English is WriteExplanation, byte for byte.
func WriteExplanationIn(w io.Writer, ex *engine.Explanation, all bool, lang locale.Lang) error {
	loc := locale.For(lang)
	ia := &ex.Indicator
	line := func(id string, kv ...any) {
		data := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			data[kv[i].(string)] = kv[i+1]
		}
		fmt.Fprintln(w, loc.T(id, data))
	}
	line("cli.explain.indicator", "ID", ia.ID, "Title", ia.Title)
	xw := explainWords{loc: loc, en: lang == locale.English, name: func(iso3 string) string { return nameIn(loc, iso3, ex.Names[iso3]) }}
	line("cli.explain.meta", "Action", ia.Action, "Section", ia.Section, "Aggregate", xw.code("cli.explain.aggregate.", string(ia.Aggregate)),
		"Unit", xw.unit(ia.Unit), "Direction", xw.code("cli.explain.direction.", string(ia.Direction)), "Provenance", ia.Provenance)
	line("cli.explain.defined", "File", ex.File, "Line", ex.Line)
	fmt.Fprintf(w, "  %s\n", ex.Definition)
	fmt.Fprintln(w)
	line("cli.explain.population", "Population", ex.Population)
	line("cli.explain.rule", "Rule", ex.Rule)
	fmt.Fprintln(w)
	line("cli.explain.year", "Year", ex.Year, "AsOf", xw.date(ex.AsOf), "Counting", xw.code("counting.", string(ex.Counting)), "Plan", ex.Plan.Name, "Version", ex.Plan.Version)

	var in, out []engine.StateOutcome
	for _, so := range ia.States {
		if so.InPopulation {
			in = append(in, so)
		} else {
			out = append(out, so)
		}
	}
	inputs := map[string][]engine.FieldRead{}
	notes := map[string][]string{}
	for _, si := range ex.DerivedInputs {
		inputs[si.ISO3], notes[si.ISO3] = si.Reads, engineSentences(loc, si.Notes, si.NoteSentences)
	}
	fmt.Fprintln(w)
	line("cli.explain.in-population", "K", len(in), "N", len(ia.States))
	if err := writeOutcomes(w, xw, in, inputs, notes); err != nil {
		return err
	}
	if len(out) > 0 {
		if all {
			fmt.Fprintln(w)
			line("cli.explain.outside-all", "N", len(out))
			if err := writeOutcomes(w, xw, out, inputs, notes); err != nil {
				return err
			}
		} else {
			isos := make([]string, len(out))
			for i, so := range out {
				isos[i] = so.ISO3
			}
			fmt.Fprintln(w)
			line("cli.explain.outside", "N", len(out), "States", xw.names(isos))
		}
	}

	fmt.Fprintln(w)
	line("cli.explain.value", "Value", xw.value(ia))
	if ia.Value != nil {
		line("cli.explain.class", "Class", xw.classes(ia.Classes))
	}
	over := engineSentence(loc, ia.KOfN(), ia.KOfNSentence())
	unknown := "unknown = " + string(ia.UnknownPolicy)
	if lang != locale.English {
		unknown = loc.T("cli.explain.unknown", map[string]any{"Policy": ia.UnknownPolicy})
	}
	line("cli.explain.taken-over", "Over", over, "N", ia.N, "Min", ia.MinPopulation, "Unknown", unknown)
	if ia.Status == engine.ValueTooFew {
		line("cli.explain.too-few", "Over", over)
	}
	if c := ia.Coverage; c != nil {
		xw.coverage(w, ia, c, ex.Year)
	}
	if t := ia.Travel; t != nil {
		status := string(t.Status)
		if lang != locale.English {
			status = loc.T("trend." + string(t.Status))
		}
		line("cli.explain.travel", "Status", status, "Reason", engineSentence(loc, t.Reason, t.ReasonSentence))
	}
	fmt.Fprintf(w, "\n%s", loc.T("cli.explain.series"))
	for _, yv := range ia.Series {
		fmt.Fprintf(w, " %d %s", yv.Year, xw.number(yv.Value, ia.Unit))
		switch {
		case yv.TooFew:
			fmt.Fprint(w, " "+loc.T("cli.explain.series-too-few", map[string]any{"N": yv.N}))
		case yv.CoverageFlag:
			fmt.Fprint(w, " "+loc.T("cli.whatif.coverage-flagged"))
		}
		if yv.Year != ia.Series[len(ia.Series)-1].Year {
			fmt.Fprint(w, xw.seriesSep())
		}
	}
	fmt.Fprint(w, "\n")
	if n := len(ia.Series); n > 1 && ia.Series[n-2].AsOf != "" { // the day the year before is seen at (methodology §1.3)
		fmt.Fprintf(w, "  %s\n", loc.T("cutoff.series-lag", map[string]any{"Year": ia.Series[n-1].Year, "PrevYear": ia.Series[n-2].Year, "PrevDate": xw.date(ia.Series[n-2].AsOf)}))
	}
	fmt.Fprint(w, "\n")
	line("cli.explain.scoring", "Method", ia.Method, "Weight", xw.exact(ia.Weight))
	for _, s := range engineSentences(loc, ex.Steps, ex.StepSentences) {
		fmt.Fprintf(w, "  %s\n", s)
	}
	sc := ex.Scoring
	if xw.en {
		_, err := fmt.Fprintf(w, "\n%s on_track %g, regressing %g, trend_on_track %g, trend_min_years %d, tolerance %g, min_population %d, min_coverage %g, cagr_improving %g, cagr_worsening %g\n",
			loc.T("cli.explain.thresholds"), sc.OnTrack, sc.Regressing, sc.TrendOnTrack, sc.TrendMinYears, sc.Tolerance, sc.MinPopulation, sc.MinCoverage, sc.CAGRImproving, sc.CAGRWorsening)
		return err
	}
	settings := []struct {
		name string
		v    float64
	}{{"on_track", sc.OnTrack}, {"regressing", sc.Regressing}, {"trend_on_track", sc.TrendOnTrack}, {"trend_min_years", float64(sc.TrendMinYears)},
		{"tolerance", sc.Tolerance}, {"min_population", float64(sc.MinPopulation)}, {"min_coverage", sc.MinCoverage},
		{"cagr_improving", sc.CAGRImproving}, {"cagr_worsening", sc.CAGRWorsening}}
	list := make([]string, len(settings))
	for i, st := range settings {
		list[i] = st.name + " " + xw.exact(st.v) // a setting's name is a key of plan.toml: kept
	}
	_, err := fmt.Fprintf(w, "\n%s %s\n\n%s\n", loc.T("cli.explain.thresholds"), strings.Join(list, loc.T("cli.explain.list-sep")), loc.T("cli.explain.legend"))
	return err
}

// writeOutcomes writes a table with one block per State (its code and name): its outcome, then each field read
// with its value and origin, then (marked "from") the facts and States-file columns behind the
// derived ones; a per-year fact read for an earlier year shows that year ("true (2024)").
// Under the table, the notes on the States' obligation episodes (a pending extension request).
func writeOutcomes(w io.Writer, xw explainWords, list []engine.StateOutcome, inputs map[string][]engine.FieldRead, notes map[string][]string) error {
	loc := xw.loc
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, loc.T("cli.explain.head"))
	for _, so := range list {
		outcome := xw.outcome(so)
		rows := len(so.Values) + len(inputs[so.ISO3])
		if rows == 0 {
			fmt.Fprintf(tw, "%s\t%s\t%s\t\t\t\t\n", so.ISO3, xw.name(so.ISO3), outcome)
			continue
		}
		i := 0
		line := func(field string, fr engine.FieldRead) {
			state, name, oc := "", "", ""
			if i == 0 {
				state, name, oc = so.ISO3, xw.name(so.ISO3), outcome
			}
			i++
			origin := xw.origin(fr)
			if fr.Source != "" {
				origin += " (" + fr.Source + ")"
			}
			value := xw.read(fr.Value)
			if fr.Year != 0 {
				value += fmt.Sprintf(" (%d)", fr.Year)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", state, name, oc, field, value, xw.class(fr.Class), origin)
		}
		for _, fr := range so.Values {
			line(fr.Field, fr)
		}
		for _, fr := range inputs[so.ISO3] {
			line(xw.from(fr.Field), fr)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var lines []string
	for _, so := range list {
		for _, n := range notes[so.ISO3] {
			lines = append(lines, "  "+loc.T("cli.explain.note", map[string]any{"State": xw.name(so.ISO3), "Note": n}))
		}
	}
	if len(lines) > 0 {
		_, err := fmt.Fprintf(w, "%s\n%s\n", loc.T("cli.explain.notes"), strings.Join(lines, "\n"))
		return err
	}
	return nil
}

// labelledFields names fields as a derivation tool does: each by its label in the locale's
// language, with its code after it ("international assistance provided
// (art6_assistance_provided_usd)"), joined as clauses.
func labelledFields(loc *locale.Locale, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = loc.Field(n) + " (" + n + ")"
	}
	return loc.JoinClauses(out)
}

func describeOutcome(so engine.StateOutcome) string {
	switch {
	case so.Error != "":
		return "error: " + so.Error
	case !so.InPopulation:
		return "not in population"
	case len(so.Unknown) > 0:
		return "no data: " + labelledFields(locale.For(locale.English), so.Unknown)
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
		return "counted: " + textExact(v)
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
		return textExact(x)
	}
	return fmt.Sprint(v)
}

func describeValue(ia *engine.IndicatorAssessment) string {
	v := textValue(ia.Value, ia.Unit)
	cov := fmt.Sprintf("population %d, known %d, no data %d", ia.Population, ia.Known, ia.NoData.Len())
	switch {
	case ia.Status == engine.ValueError:
		return "error: " + ia.Error
	case ia.Value == nil:
		return "none (" + cov + ")"
	case ia.Aggregate == engine.AggShare && ia.UnknownPolicy == engine.UnknownAsFalse:
		return fmt.Sprintf("%s = 100 x %s counted / %s in the population, those without data counted as not (%s)", v, textValue(ia.Numerator, ""), textValue(ia.Denominator, ""), cov)
	case ia.Aggregate == engine.AggShare:
		return fmt.Sprintf("%s = 100 x %s counted / %s with a known result (%s)", v, textValue(ia.Numerator, ""), textValue(ia.Denominator, ""), cov)
	case ia.Aggregate == engine.AggCount:
		return fmt.Sprintf("%s States counted (%s)", v, cov)
	case ia.Aggregate == engine.AggSum:
		return fmt.Sprintf("%s %s, the sum over %d States (%s)", v, ia.Unit, ia.Known, cov)
	}
	return fmt.Sprintf("%s %s, the mean over %d States (%s)", v, ia.Unit, ia.Known, cov)
}

// classText is a value's class for text output: "-" when there is no value.
func classText(c engine.Class) string {
	if c == "" {
		return "-"
	}
	return string(c)
}

// describeClasses says what classes of data a value rests on: "official (12 States)", or the
// weakest class first with the count of each.
func describeClasses(cc engine.ClassCounts) string {
	var parts []string
	for i := len(engine.Classes) - 1; i >= 0; i-- {
		c := engine.Classes[i]
		if n := cc.Get(c); n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c, n))
		}
	}
	if len(parts) == 0 {
		return "no State contributed"
	}
	w := cc.Weakest()
	lead := "rests on official data only"
	if w != engine.ClassOfficial {
		lead = "rests partly on " + string(w) + " data"
	}
	return fmt.Sprintf("%s (States by the least reliable class of what they read: %s)", lead, strings.Join(parts, ", "))
}
