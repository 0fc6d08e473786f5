package reports

import (
	htmltemplate "html/template"
	"io"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
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

// writeMark writes a class mark as HTML: its symbol in a <sup> whose tooltip says what the mark
// means in loc's language (catalogue mark.<class>), the words of the legend; nothing for
// official data. Every HTML page that marks a value or a State writes the mark here: the report
// (template "mark", its rows), its content sections ("cmark"), the country profiles ("pmark",
// their rows) and lap serve (MarkHTML).
func writeMark(b io.StringWriter, loc *locale.Locale, m markInfo) {
	if m.Symbol == "" {
		return
	}
	b.WriteString(`<sup class="mark mark-`)
	b.WriteString(htmlText(m.Class))
	b.WriteString(`" title="`)
	b.WriteString(htmlText(loc.T("mark." + m.Class)))
	b.WriteString(`">`)
	b.WriteString(htmlText(m.Symbol))
	b.WriteString(`</sup>`)
}

// markHTMLIn is writeMark as a string.
func markHTMLIn(loc *locale.Locale, m markInfo) string {
	if m.Symbol == "" {
		return ""
	}
	var b strings.Builder
	writeMark(&b, loc, m)
	return b.String()
}

// MarkHTML is the mark of class c as HTML, with what it means in loc's language as its
// tooltip, as the report writes it; "" for official data and for no class.
func MarkHTML(loc *locale.Locale, c engine.Class) htmltemplate.HTML {
	return htmltemplate.HTML(markHTMLIn(loc, markOf(c)))
}

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
	Counts     []string // the violations by importance: "38 warnings"
	ByCheck    []checkCountRow
	Violations []violationRow
	Omitted    int // violations not listed (beyond maxListedViolations)
	Errors     int
}

type checkCountRow struct {
	ID, Title, Importance string
	Violations            int
	Passed, Skipped       int
}

type violationRow struct {
	Importance, Check string
	Level             engine.Importance // the importance's code, for the HTML class
	State, ISO3       string
	Year              int
	Message           string
	Values            []string // "field = value (class, origin)"
}

// maxListedViolations bounds the violations the annex lists; lap validate lists them all.
const maxListedViolations = 200

func (d *document) quality(v *engine.Validation, checks []engine.DataCheck) {
	if v == nil {
		return
	}
	q := qualityView{Ran: true, Checks: len(v.Checks), AsOf: dateIn(d.loc, v.AsOf), Years: strconv.Itoa(v.From), Errors: v.Count(engine.ImportanceError)}
	if v.To != v.From {
		q.Years = d.loc.T("report.quality-years", map[string]any{"From": fmtYear(v.From), "To": fmtYear(v.To)})
	}
	for _, i := range engine.Importances {
		q.Counts = append(q.Counts, d.loc.N("report.importance-count."+string(i), v.Count(i), nil))
	}
	messages := make(map[string]string, len(checks))
	for _, c := range checks {
		messages[c.ID] = c.Message
	}
	for _, c := range v.Checks {
		n := c.Violated + c.Errors
		if n == 0 {
			continue
		}
		q.ByCheck = append(q.ByCheck, checkCountRow{ID: c.ID, Title: c.Title, Importance: d.importance(c.Importance), Violations: n,
			Passed: c.Passed, Skipped: c.Skipped})
	}
	for i, x := range v.Violations {
		if i >= maxListedViolations {
			q.Omitted = len(v.Violations) - i
			break
		}
		row := violationRow{Importance: d.importance(x.Importance), Level: x.Importance, Check: x.Check, State: x.State, ISO3: x.ISO3, Year: x.Year, Message: x.Message}
		if msg, ok := messages[x.Check]; ok && x.Error == "" {
			// the check's message (translated with the plan) filled in the reader's words:
			// the State's name, numbers, dates and values in the report's language, the
			// facts found by their labels (lap validate keeps the codes and plain figures)
			state := x.State
			if d.Lang != locale.English {
				state = d.loc.State(x.ISO3)
			}
			row.Message = engine.FillMessage(msg, state, x.ISO3, x.Year, x.Values, d.messageValue)
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

// importance is a check's importance in the report's language ("warning", "avertissement").
func (d *document) importance(i engine.Importance) string {
	return d.loc.T("report.importance." + string(i))
}

// messageValue is a value a check read as a violation's message shows it: a number with its
// unit, a date, a yes or no, an enumerated value in words, the facts found by their labels.
func (d *document) messageValue(fr engine.FieldRead) string {
	name := strings.TrimPrefix(fr.Field, "prev.")
	if fr.Value == nil {
		if strings.HasPrefix(fr.Origin, "absent (taken as 0)") {
			return d.loc.T("report.value-absent-as-zero")
		}
		return d.loc.T("report.value-absent")
	}
	if name == engine.ReportFactsName {
		codes, _ := fr.Value.(string)
		return d.loc.Fields(strings.Fields(codes))
	}
	if v, ok := fr.Value.(float64); ok {
		if fd, _ := engine.LookupField(name); fd.Unit == "people" {
			return d.loc.Number(v, decimalsUpTo(v, 2)) // the message names the people: "3 women delegates"
		}
	}
	return readerValue(d.loc, name, fr.Value)
}

// readerValue is a value of a field as a reader is shown it: a number in the language's format
// with its unit, a date in words, yes or no, an enumerated value in words.
func readerValue(loc *locale.Locale, name string, value any) string {
	fd, _ := engine.LookupField(name)
	switch v := value.(type) {
	case float64:
		dec := decimalsUpTo(v, 2)
		switch fd.Unit {
		case "percent":
			return loc.Percent(v, dec)
		case "", "states":
			return loc.Number(v, dec)
		case "m2":
			return loc.Number(v, dec) + " m²"
		default:
			return loc.Number(v, dec) + " " + unitOf(loc, fd.Unit, &v)
		}
	case bool:
		id := "engine.answer.no"
		if v {
			id = "engine.answer.yes"
		}
		return loc.Sentence(engine.Say(id))
	case string:
		switch {
		case v == "":
			return loc.T("report.value-none")
		case fd.Type == engine.TypeDate:
			return dateIn(loc, v)
		case len(fd.Enum) > 0 && loc.Has("value."+v):
			return loc.T("value." + v)
		}
		return v
	}
	return describeRead(value)
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
	return label + " (" + fr.Field + ") = " + readerValue(d.loc, name, fr.Value)
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
			value = fmtValue(&v, fd.Unit) + " " + unitOf(locale.For(locale.English), fd.Unit, &v)
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
