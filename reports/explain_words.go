package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// explainWords writes the words and numbers of lap explain's text: in English exactly as the
// text has always read (scripts and the goldens read it), in French and Spanish from the
// catalogue (catalog/cli.LANG.toml, cli.explain.*) and the locale.
type explainWords struct {
	loc *locale.Locale
	en  bool
	// name is a State's name in the language, from the explanation's names (nameIn).
	name func(iso3 string) string
}

// names lists States by name in the language's order: "Chile, Iraq and Lebanon"; "–" for none.
func (x explainWords) names(codes []string) string {
	return orDash(namesIn(x.loc, codes, x.name))
}

// code is a code's word (prefix + code in the catalogue); in English, or when the catalogue
// has no word for it, the code.
func (x explainWords) code(prefix, code string) string {
	if x.en || !x.loc.Has(prefix+code) {
		return code
	}
	return x.loc.T(prefix + code)
}

// unit is an indicator's unit: its code in English, its word or symbol otherwise.
func (x explainWords) unit(u string) string {
	if x.en {
		return u
	}
	return unitIn(x.loc, u)
}

// date is an ISO date of running text: as is in English, in words otherwise.
func (x explainWords) date(iso string) string {
	if x.en {
		return iso
	}
	if s, err := x.loc.ISODate(iso); err == nil {
		return s
	}
	return iso
}

// exact is a number as the engine holds it, with the language's separators.
func (x explainWords) exact(v float64) string {
	s := textExact(v)
	if x.en {
		return s
	}
	dec := 0
	if _, frac, ok := strings.Cut(strconv.FormatFloat(v, 'f', -1, 64), "."); ok {
		dec = len(frac)
	}
	return x.loc.Number(v, dec)
}

// number is a value in its unit (textValue).
func (x explainWords) number(v *float64, unit string) string {
	return tableWords{x.loc}.value(v, unit)
}

// seriesSep separates the years of the series.
func (x explainWords) seriesSep() string {
	if x.en {
		return ","
	}
	return x.loc.T("cli.explain.series-sep")
}

// outcome is describeOutcome in the language.
func (x explainWords) outcome(so engine.StateOutcome) string {
	if x.en {
		return describeOutcome(so)
	}
	switch {
	case so.Error != "":
		return x.loc.T("cli.explain.outcome.error", map[string]any{"Error": so.Error})
	case !so.InPopulation:
		return x.loc.T("cli.explain.outcome.not-in-population")
	case len(so.Unknown) > 0:
		return x.loc.N("cli.explain.outcome.no-data-unknown", len(so.Unknown), map[string]any{"Fields": labelledFields(x.loc, so.Unknown)})
	case so.Result == nil:
		return x.loc.T("cli.explain.outcome.no-data")
	}
	switch v := so.Result.(type) {
	case bool:
		if v {
			return x.loc.T("cli.explain.outcome.counted")
		}
		return x.loc.T("cli.explain.outcome.not-counted")
	case float64:
		return x.loc.T("cli.explain.outcome.counted-value", map[string]any{"Value": x.exact(v)})
	}
	return fmt.Sprint(so.Result)
}

// read is a value a rule read (describeRead): true and false (a field's, or a fact's as the
// data file writes it), an empty value and numbers in the language; other text (dates, codes)
// as read.
func (x explainWords) read(v any) string {
	if x.en {
		return describeRead(v)
	}
	switch r := v.(type) {
	case nil:
		return x.loc.T("cli.explain.read.nil")
	case bool:
		if r {
			return x.loc.T("cli.explain.read.true")
		}
		return x.loc.T("cli.explain.read.false")
	case float64:
		return x.exact(r)
	case string:
		switch r { // a fact's true or false, as the data file writes it
		case "true":
			return x.loc.T("cli.explain.read.true")
		case "false":
			return x.loc.T("cli.explain.read.false")
		}
	}
	return describeRead(v)
}

// class is a value's class in the table (classText).
func (x explainWords) class(c engine.Class) string {
	if x.en || c == "" {
		return classText(c)
	}
	return x.code("report.class.", string(c)) // the report's words: a lower-case English word would be a code elsewhere
}

// from marks a fact or States-file column behind a derived field.
func (x explainWords) from(field string) string {
	if x.en {
		return "  from " + field
	}
	return x.loc.T("cli.explain.from", map[string]any{"Field": field})
}

// origin is where a value comes from: a file and line as is; the words "derived" and "absent"
// and the engine's notes on facts the run did not see in the language.
func (x explainWords) origin(fr engine.FieldRead) string {
	switch {
	case x.en:
		return fr.Origin
	case !fr.OriginSentence.IsZero():
		return x.loc.Sentence(fr.OriginSentence)
	}
	if id, ok := originWords[fr.Origin]; ok {
		return x.loc.T(id)
	}
	return fr.Origin
}

// originWords are the origins that are words (engine/evaluate.go, engine/explain_inputs.go).
var originWords = map[string]string{
	"derived":                                "cli.explain.origin.derived",
	"absent":                                 "cli.explain.origin.absent",
	"derived (Article 17, from the deposit)": "cli.explain.origin.eif-derived",
}

// value is describeValue in the language.
func (x explainWords) value(ia *engine.IndicatorAssessment) string {
	if x.en {
		return describeValue(ia)
	}
	l := x.loc
	data := map[string]any{"Population": l.Int(ia.Population), "Known": l.Int(ia.Known), "NoData": l.Int(ia.NoData.Len()), "Value": x.number(ia.Value, ia.Unit)}
	counted := 0
	if ia.Numerator != nil && ia.Denominator != nil {
		counted, data["Denominator"] = int(*ia.Numerator), x.exact(*ia.Denominator)
	}
	switch {
	case ia.Status == engine.ValueError:
		return l.T("cli.explain.outcome.error", map[string]any{"Error": ia.Error})
	case ia.Value == nil:
		return l.T("cli.explain.value.none", data)
	case ia.Aggregate == engine.AggShare && ia.UnknownPolicy == engine.UnknownAsFalse:
		return l.N("cli.explain.value.share-as-false", counted, data)
	case ia.Aggregate == engine.AggShare:
		return l.N("cli.explain.value.share", counted, data)
	case ia.Aggregate == engine.AggCount:
		return l.N("cli.explain.value.count", int(*ia.Value), data)
	case ia.Aggregate == engine.AggSum:
		data["Value"] = tableWords{l}.amount(ia.Value, ia.Unit)
		return l.N("cli.explain.value.sum", ia.Known, data)
	}
	data["Value"] = tableWords{l}.amount(ia.Value, ia.Unit)
	return l.N("cli.explain.value.mean", ia.Known, data)
}

// classes is describeClasses in the language.
func (x explainWords) classes(cc engine.ClassCounts) string {
	if x.en {
		return describeClasses(cc)
	}
	var parts []string
	for i := len(engine.Classes) - 1; i >= 0; i-- {
		c := engine.Classes[i]
		if n := cc.Get(c); n > 0 {
			parts = append(parts, x.loc.T("cli.explain.class-count", map[string]any{"Class": x.class(c), "N": x.loc.Int(n)}))
		}
	}
	if len(parts) == 0 {
		return x.loc.T("cli.explain.classes.none")
	}
	lead := x.loc.T("cli.explain.classes.official")
	if w := cc.Weakest(); w != engine.ClassOfficial {
		lead = x.loc.T("cli.explain.classes.partly", map[string]any{"Class": x.class(w)})
	}
	return x.loc.T("cli.explain.classes", map[string]any{"Lead": lead, "Counts": strings.Join(parts, x.loc.T("cli.explain.list-sep"))})
}

// coverage writes what a sum's coverage is, who dropped out or came in, and the flag.
func (x explainWords) coverage(w io.Writer, ia *engine.IndicatorAssessment, c *engine.Coverage, year int) {
	if x.en {
		fmt.Fprintf(w, "Coverage: %d of %d States gave a figure", c.Known, c.Population)
		if c.Share != nil {
			fmt.Fprintf(w, " (%s)", textScore(c.Share))
		}
		fmt.Fprintf(w, "; missing: %s\n", x.names(c.Missing))
		if len(c.Dropped) > 0 {
			fmt.Fprintf(w, "  gave a figure for %d but none for %d: %s\n", year-1, year, x.names(c.Dropped))
		}
		if len(c.Added) > 0 {
			fmt.Fprintf(w, "  gave a figure for %d but none for %d: %s\n", year, year-1, x.names(c.Added))
		}
		if ia.CoverageFlag {
			fmt.Fprintf(w, "  FLAGGED: %s. The change from %d is not comparable and is never ranked among the largest changes.\n", c.Reason, year-1)
		}
		return
	}
	l := x.loc
	data := map[string]any{"Population": l.Int(c.Population), "Missing": x.names(c.Missing), "Year": year, "Prev": year - 1}
	if c.Share != nil {
		data["Share"] = l.Percent(100**c.Share, 0)
		fmt.Fprintln(w, l.N("cli.explain.coverage.share", c.Known, data))
	} else {
		fmt.Fprintln(w, l.N("cli.explain.coverage.no-share", c.Known, data))
	}
	if len(c.Dropped) > 0 {
		data["States"] = x.names(c.Dropped)
		fmt.Fprintln(w, l.T("cli.explain.coverage.dropped", data))
	}
	if len(c.Added) > 0 {
		data["States"] = x.names(c.Added)
		fmt.Fprintln(w, l.T("cli.explain.coverage.added", data))
	}
	if ia.CoverageFlag {
		data["Reason"] = engineSentence(l, c.Reason, c.ReasonSentence)
		fmt.Fprintln(w, l.T("cli.explain.coverage.flagged", data))
	}
}

// ExplanationIn is ex with its sentences in lang, for lap explain --format json: the scoring
// steps, the status reason, the direction of travel's reason, the coverage reason, the notes
// on the States' obligation episodes and the notes on facts a run did not see (in the
// origins of the derived inputs). Field names, codes (statuses, aggregate, direction, class,
// method, unknown policy, provenance), field values and file:line origins stay as they are:
// JSON is an interface. The plan's texts (title, definition) are those of the plan explained
// (engine.Plan.Translated). English returns ex itself; ex is never modified.
func ExplanationIn(ex *engine.Explanation, lang locale.Lang) *engine.Explanation {
	if lang == locale.English {
		return ex
	}
	loc := locale.For(lang)
	out := *ex
	out.Steps = engineSentences(loc, ex.Steps, ex.StepSentences)
	ia := &out.Indicator
	ia.Reason = engineSentence(loc, ia.Reason, ia.ReasonSentence)
	if t := ia.Travel; t != nil {
		tc := *t
		tc.Reason = engineSentence(loc, t.Reason, t.ReasonSentence)
		ia.Travel = &tc
	}
	if c := ia.Coverage; c != nil {
		cc := *c
		cc.Reason = engineSentence(loc, c.Reason, c.ReasonSentence)
		ia.Coverage = &cc
	}
	out.DerivedInputs = make([]engine.StateInputs, len(ex.DerivedInputs))
	for i, si := range ex.DerivedInputs {
		si.Notes = engineSentences(loc, si.Notes, si.NoteSentences)
		reads := make([]engine.FieldRead, len(si.Reads))
		for j, fr := range si.Reads {
			if !fr.OriginSentence.IsZero() {
				fr.Origin = loc.Sentence(fr.OriginSentence)
			}
			reads[j] = fr
		}
		si.Reads = reads
		out.DerivedInputs[i] = si
	}
	return &out
}
