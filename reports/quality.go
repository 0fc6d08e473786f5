package reports

import (
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
)

// The class marks and the data-quality annex of the report (docs/data.md, "The class of a
// value" and "Checks").

// markInfo is the mark a value carries when it does not rest on official data only.
type markInfo struct {
	Symbol string // "" for official data (or no value)
	Class  string
	Title  string // what the mark means, for a tooltip and the legend
}

// classMarks are the marks, least reliable class last.
var classMarks = map[engine.Class]markInfo{
	engine.ClassMonitor:      {Symbol: "ᵐ", Class: "monitor", Title: "monitor: secondary public research (Monitor, Mine Action Review, the press), not an official record"},
	engine.ClassEstimate:     {Symbol: "ᵉ", Class: "estimate", Title: "estimate: estimated, or its date inferred"},
	engine.ClassUnstated:     {Symbol: "ᵘ", Class: "unstated", Title: "unstated: the data do not say what the value rests on"},
	engine.ClassIllustrative: {Symbol: "ⁱ", Class: "illustrative", Title: "illustrative: invented for a sample or a demonstration, not a fact"},
}

// markOf is the mark of a class: none for official data and for no value.
func markOf(c engine.Class) markInfo { return classMarks[c] }

// MarkSymbol is the mark a value, or a State named in a list, carries for the class of the data
// it rests on ("ⁱ" for illustrative), as the report shows it; "" for official data and for no
// class (docs/data.md, "The class of a value").
func MarkSymbol(c engine.Class) string { return markOf(c).Symbol }

// markedValue is a value in a text table (eval, what-if) with the mark of its class; none
// without a value.
func markedValue(tx tableWords, v *float64, unit string, c engine.Class) string {
	if v == nil {
		return tx.value(v, unit)
	}
	return tx.value(v, unit) + MarkSymbol(c)
}

// legendMarks lists the marks in the order of the classes.
func legendMarks() []markInfo {
	var out []markInfo
	for _, c := range engine.Classes {
		if m, ok := classMarks[c]; ok {
			out = append(out, m)
		}
	}
	return out
}

// seriesClass is the class of an indicator's value in a year of its series.
func seriesClass(ia *engine.IndicatorAssessment, year int) engine.Class {
	for _, yv := range ia.Series {
		if yv.Year == year {
			return yv.Class
		}
	}
	return ""
}

// qualityView is the data-quality annex: what the checks found in the years the report uses.
type qualityView struct {
	Ran        bool
	Years      string
	Checks     int
	AsOf       string
	Counts     []importanceCount
	ByCheck    []checkCountRow
	Violations []violationRow
	Omitted    int // violations not listed (beyond maxListedViolations)
	Errors     int
}

type importanceCount struct {
	Importance string
	N          int
}

type checkCountRow struct {
	ID, Title, Importance string
	Violations            int
	Passed, Skipped       int
}

type violationRow struct {
	Importance, Check string
	State, ISO3       string
	Year              int
	Message           string
	Values            []string // "field = value (class, origin)"
}

// maxListedViolations bounds the violations the annex lists; lap validate lists them all.
const maxListedViolations = 200

func (d *document) quality(v *engine.Validation) {
	if v == nil {
		return
	}
	q := qualityView{Ran: true, Checks: len(v.Checks), AsOf: dateIn(d.loc, v.AsOf), Years: strconv.Itoa(v.From), Errors: v.Count(engine.ImportanceError)}
	if v.To != v.From {
		q.Years = d.loc.T("report.quality-years", map[string]any{"From": fmtYear(v.From), "To": fmtYear(v.To)})
	}
	for _, i := range engine.Importances {
		n, word := v.Count(i), string(i)
		if n != 1 && i != engine.ImportanceInfo {
			word += "s"
		}
		q.Counts = append(q.Counts, importanceCount{Importance: word, N: n})
	}
	for _, c := range v.Checks {
		n := c.Violated + c.Errors
		if n == 0 {
			continue
		}
		q.ByCheck = append(q.ByCheck, checkCountRow{ID: c.ID, Title: c.Title, Importance: string(c.Importance), Violations: n,
			Passed: c.Passed, Skipped: c.Skipped})
	}
	for i, x := range v.Violations {
		if i >= maxListedViolations {
			q.Omitted = len(v.Violations) - i
			break
		}
		row := violationRow{Importance: string(x.Importance), Check: x.Check, State: x.State, ISO3: x.ISO3, Year: x.Year, Message: x.Message}
		for _, fr := range x.Values {
			if codes, ok := fr.Value.(string); ok && fr.Field == engine.ReportFactsName && codes != "" {
				// the facts the check found, by their labels in the report's language rather
				// than the codes the engine's message lists (lap validate keeps the codes)
				row.Message = strings.Replace(row.Message, codes, d.loc.Fields(strings.Fields(codes)), 1)
			}
		}
		for _, fr := range x.Values {
			if fr.Value == nil && fr.Origin == "absent" || strings.HasPrefix(fr.Origin, "derived") {
				continue // absent, or computed: the message says it; lap validate shows them all
			}
			s := d.qualityValue(fr)
			var about []string
			if fr.Class != "" {
				about = append(about, strings.ToLower(d.loc.T("report.class."+string(fr.Class))))
			}
			about = append(about, fr.Origin)
			row.Values = append(row.Values, s+" ("+strings.Join(about, ", ")+")")
		}
		q.Violations = append(q.Violations, row)
	}
	d.Quality = q
}

// qualityValue is a value a check read as the annex lists it: the field's label in the report's
// language, its code after it for the checker ("area remaining (art4_area_remaining_m2)"), and
// the value in words: a number with its unit, yes or no.
func (d *document) qualityValue(fr engine.FieldRead) string {
	name, prev := strings.CutPrefix(fr.Field, "prev.")
	label := d.loc.Field(name)
	if prev {
		label = d.loc.T("report.quality-field-year-before", map[string]any{"Field": label})
	}
	fd, _ := engine.LookupField(name)
	value := describeRead(fr.Value)
	switch v := fr.Value.(type) {
	case float64:
		switch dec := decimalsUpTo(v, 2); fd.Unit {
		case "percent":
			value = d.loc.Percent(v, dec)
		case "", "states", "people":
			value = d.loc.Number(v, dec)
		default:
			value = d.loc.Number(v, dec) + " " + unitLabel(fd.Unit)
		}
	case bool:
		value = d.loc.Sentence(engine.Say(map[bool]string{true: "engine.answer.yes", false: "engine.answer.no"}[v]))
	}
	return label + " (" + fr.Field + ") = " + value
}

// obligationSource is one fact behind a row of the obligations table, with its source.
type obligationSource struct {
	State, ISO3 string
	Article     int
	Episode     int
	Field       string
	Value       string
	Mark        markInfo
	Class       string
	Origin      string
	Source      string
}

// obligationFacts reads the facts behind an obligation episode's row: the marks of its
// deadline, completion and the amount done in the year, and the sources of them all.
func obligationFacts(row *obligationRow, oe engine.ObligationEpisode) {
	done := "art3_destroyed_munitions"
	if oe.Article == 4 {
		done = "art4_area_cleared_m2"
	}
	for _, fr := range oe.Values {
		fd, _ := engine.LookupField(fr.Field)
		value := describeRead(fr.Value)
		if v, ok := fr.Value.(float64); ok {
			value = fmtValue(&v, fd.Unit) + " " + unitLabel(fd.Unit)
		}
		if fr.Year != 0 {
			value += " (" + strconv.Itoa(fr.Year) + ")" // an extension request: the year it was made
		}
		switch {
		case fr.Field == done:
			row.InYear, row.InYearMark = value, markOf(fr.Class)
		case strings.HasSuffix(fr.Field, "_deadline"):
			row.DeadlineMark = markOf(fr.Class) // the last decision: the deadline in force
		case strings.HasSuffix(fr.Field, "_completed_date"):
			row.CompletedMark = markOf(fr.Class)
		case strings.HasSuffix(fr.Field, "_obligation_start"):
			row.StartMark = markOf(fr.Class)
		}
		row.Sources = append(row.Sources, obligationSource{State: row.Name, ISO3: row.ISO3, Article: oe.Article, Episode: oe.Episode,
			Field: fr.Field, Value: value, Mark: markOf(fr.Class), Class: string(fr.Class), Origin: fr.Origin, Source: fr.Source})
	}
}
