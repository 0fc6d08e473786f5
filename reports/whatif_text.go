package reports

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// What-if results in plain words: one generated sentence per changed indicator, section,
// obligation and deadline projection, and a summary naming the events and the indicators that
// moved. Every sentence is one message of the catalogue (reports/locale/catalog, ids
// "whatif.*" and "event.*") with named values formatted by the locale, so that a translation
// can reorder it; nothing here glues translated pieces together except lists (message
// "list.and").

// WhatIfText is a scenario's outcome in words.
type WhatIfText struct {
	// Events says what happens, one phrase per event ("Lebanon completes clearance on 30 June
	// 2025").
	Events []string `json:"events"`
	// Summary is the headline: the events, the plan score's like-for-like change, the
	// indicators that moved and those left out of the comparison.
	Summary    string       `json:"summary"`
	Indicators []SentenceOf `json:"indicators"`
	// LeftOut says, per indicator scored on one side only, that it could no longer (or could
	// now) be decided, and why.
	LeftOut []SentenceOf `json:"left_out"`
	// Accepted says, per indicator that would move the wrong way as a documented exception
	// accepts (engine.IndicatorChange.Exception), why: the exception's full reason.
	Accepted []SentenceOf `json:"accepted"`
	// NotCovered says, per indicator that would move the wrong way where the scenario holds the
	// good news a documented exception covers but the move is not that news's alone
	// (engine.IndicatorChange.NotCovered), that the exception does not cover it.
	NotCovered []SentenceOf `json:"not_covered,omitempty"`
	Sections   []SentenceOf `json:"sections"`
	Deadlines  []SentenceOf `json:"deadlines"`
	Notes      []string     `json:"notes,omitempty"`
}

// SentenceOf is a sentence about one row (an indicator id, a section key, a State and
// article).
type SentenceOf struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

// EventPhrase says one event in words, in the locale's language.
func EventPhrase(loc *locale.Locale, e engine.Event) string {
	data := map[string]any{
		"State":    stateName(loc, e.ISO3, e.StateName),
		"OfState":  ofStateName(loc, e.ISO3, e.StateName),
		"Date":     locDate(loc, e.Date),
		"Year":     e.Date.Year(),
		"Article":  e.Article,
		"Deadline": locDate(loc, e.Deadline),
	}
	id := "event." + string(e.Type)
	switch e.Type {
	case engine.EventSubmitReport:
		id += "." + e.Report
		data["Year"] = e.Covering
	case engine.EventClear:
		area := 0.0
		if e.Area != nil {
			area = *e.Area
		}
		data["Area"] = loc.Number(area/1e6, 2) + " km²"
	}
	return loc.T(id, data)
}

// stateName is the State's name in the locale, else the name the data gives, else the code.
func stateName(loc *locale.Locale, iso3, name string) string {
	if n, ok := locale.LookupState(iso3); ok && loc.Lang() != locale.English {
		return n.WithArticle(loc.Lang()) // "le Liban": the messages take the name as a sentence does
	}
	if name != "" {
		return name
	}
	return iso3
}

// ofStateName is "of" and the State's name as the locale's language joins them ("du Liban",
// "de l'Allemagne", "del Perú"): French and Spanish contract the preposition with the article.
func ofStateName(loc *locale.Locale, iso3, name string) string {
	if n, ok := locale.LookupState(iso3); ok && loc.Lang() != locale.English {
		return n.Of(loc.Lang())
	}
	return "of " + stateName(loc, iso3, name)
}

// capFirst capitalises the first letter of a sentence that may begin with a State's name and
// its article ("le Liban aurait …").
func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func locDate(loc *locale.Locale, d engine.Date) string {
	if d.IsZero() {
		return ""
	}
	s, err := loc.ISODate(d.String())
	if err != nil {
		return d.String()
	}
	return s
}

// locValue formats an indicator value in its unit for a sentence, with the mark of its class
// (MarkSymbol) after the number, before an area's unit ("1,436.12ⁱ km²", not "km²ⁱ", which
// reads as a power); "not known" when absent.
func locValue(loc *locale.Locale, v *float64, unit string, c engine.Class) string {
	if v == nil {
		return loc.T("value.not-known")
	}
	mark := MarkSymbol(c)
	switch unit {
	case "percent":
		return loc.Percent(*v, 1) + mark
	case "km2":
		return loc.Number(*v, 2) + mark + " km²"
	case "m2":
		return loc.Number(*v, 0) + mark + " m²"
	}
	if *v == math.Trunc(*v) {
		return loc.Number(*v, 0) + mark
	}
	return loc.Number(*v, 2) + mark
}

// locScore formats a score (a share) as a percentage with one decimal, so that a change of a
// few tenths of a point shows in the values as well as in the difference.
func locScore(loc *locale.Locale, v *float64) string {
	if v == nil {
		return loc.T("value.not-known")
	}
	return loc.Percent(100**v, 1)
}

// NewWhatIfText words one scenario of a what-if report. events are the scenario's events (for
// the summary; a scenario of field changes only is summarised by its name); names gives State
// names by ISO3 code (nil: the codes).
func NewWhatIfText(loc *locale.Locale, ws WhatIfScenario, events []engine.Event, names map[string]string) WhatIfText {
	t := WhatIfText{Events: []string{}, Indicators: []SentenceOf{}, LeftOut: []SentenceOf{}, Accepted: []SentenceOf{}, Sections: []SentenceOf{}, Deadlines: []SentenceOf{}}
	name := func(iso string) string { return stateName(loc, iso, names[iso]) }
	of := func(iso string) string { return ofStateName(loc, iso, names[iso]) }
	for _, e := range events {
		t.Events = append(t.Events, EventPhrase(loc, e))
	}
	what := loc.JoinAnd(t.Events)
	if what == "" {
		what = loc.T("whatif.scenario-named", map[string]any{"Name": ws.Name})
	}
	var moved []string
	for _, c := range ws.Indicators {
		if !c.Changed {
			continue
		}
		moved = append(moved, c.ID)
		t.Indicators = append(t.Indicators, SentenceOf{Key: c.ID, Text: indicatorSentence(loc, c, name)})
	}
	t.Summary = whatIfHeadline(loc, what, ws.Overall, moved, ws.LeftOut)
	var accepted []string
	for _, c := range ws.Indicators {
		if ex := c.Exception; ex != nil {
			accepted = append(accepted, c.ID)
			t.Accepted = append(t.Accepted, SentenceOf{Key: c.ID, Text: loc.T("whatif.accepted", map[string]any{"Indicator": c.ID, "Title": c.Title,
				"Reason": engineSentence(loc, ex.Reason, ex.ReasonSentence)})})
		}
	}
	if len(accepted) > 0 {
		t.Summary += " " + loc.N("whatif.accepted-summary", len(accepted), map[string]any{"Indicators": loc.JoinAnd(accepted)})
	}
	for _, c := range ws.Indicators {
		if ex := c.NotCovered; ex != nil {
			t.NotCovered = append(t.NotCovered, SentenceOf{Key: c.ID, Text: loc.T("whatif.not-covered", map[string]any{"Indicator": c.ID, "Title": c.Title,
				"Short": engineSentence(loc, ex.Short, ex.ShortSentence)})})
		}
	}
	for _, l := range ws.LeftOut {
		d := map[string]any{"Indicator": l.ID, "Title": l.Title, "Reason": engineSentence(loc, l.Reason, l.ReasonSentence)}
		id := "whatif.left-out.no-longer"
		if l.Change == engine.NowDecided {
			id = "whatif.left-out.now"
			d["Status"] = loc.Status(string(l.ScenarioStatus))
		}
		t.LeftOut = append(t.LeftOut, SentenceOf{Key: l.ID, Text: loc.T(id, d)})
	}
	for _, s := range ws.Sections {
		if st, ok := sectionSentence(loc, s); ok {
			t.Sections = append(t.Sections, SentenceOf{Key: s.Key, Text: st})
		}
	}
	for _, n := range ws.Composition {
		t.Notes = append(t.Notes, engineSentence(loc, n.Text, n.TextSentence)+" ("+strings.Join(n.Indicators, ", ")+").")
	}
	for _, c := range ws.Obligations {
		if !c.Changed {
			continue
		}
		d := map[string]any{"State": name(c.ISO3), "OfState": of(c.ISO3), "Article": c.Article, "From": orNotKnown(loc, engineSentence(loc, c.BaseStatusText, c.BaseStatusSentence)),
			"To": orNotKnown(loc, engineSentence(loc, c.ScenarioStatusText, c.ScenarioStatusSentence))}
		t.Deadlines = append(t.Deadlines, SentenceOf{Key: c.ISO3 + "-" + itoa(c.Article), Text: capFirst(loc.T("whatif.obligation", d))})
	}
	for _, c := range ws.Deadlines {
		if !c.Changed {
			continue
		}
		d := map[string]any{"State": name(c.ISO3), "OfState": of(c.ISO3), "Article": c.Article, "From": projectionWords(loc, c.BaseStatus, c.BaseCompletionYear),
			"To": projectionWords(loc, c.ScenarioStatus, c.ScenarioCompletionYear)}
		id := "whatif.projection.changed"
		switch {
		case c.ScenarioStatus == "":
			id = "whatif.projection.gone"
		case c.BaseStatus == "":
			id = "whatif.projection.new"
		}
		t.Deadlines = append(t.Deadlines, SentenceOf{Key: c.ISO3 + "-" + itoa(c.Article) + "-projection", Text: capFirst(loc.T(id, d))})
	}
	return t
}

// points is a change of a score in percentage points, without its sign.
func points(loc *locale.Locale, d float64) string {
	return strings.TrimPrefix(loc.Points(math.Abs(100*d), 1), "+")
}

// sameScore reports whether a score change rounds to nothing at the one decimal shown.
func sameScore(d float64) bool { return math.Abs(d) < 0.0005 }

// whatIfHeadline is the headline: the events, the plan score's change and the indicators that
// moved. The change is like for like (over the indicators scored on both sides); when an
// indicator is scored on one side only, the headline says so and leaves it out, so that an
// indicator that can no longer be decided never reads as a fall of the score.
func whatIfHeadline(loc *locale.Locale, what string, o engine.ScoreChange, moved []string, leftOut []engine.LeftOutIndicator) string {
	data := map[string]any{"Events": what, "From": locScore(loc, o.BaseScore), "To": locScore(loc, o.ScenarioScore),
		"Indicators": loc.JoinAnd(moved)}
	if len(moved) == 0 {
		return loc.T("whatif.summary.none", data)
	}
	prefix := "whatif.summary."
	if len(o.LikeForLike.LeftOut) > 0 {
		prefix = "whatif.summary.lfl."
	}
	id := prefix + "same"
	switch {
	case o.Delta == nil && len(o.LikeForLike.LeftOut) > 0:
		id = "whatif.summary.lfl.none"
	case o.Delta != nil && !sameScore(*o.Delta):
		data["Points"] = points(loc, *o.Delta)
		id = prefix + "up"
		if *o.Delta < 0 {
			id = prefix + "down"
		}
	}
	parts := []string{loc.N(id, len(moved), data)}
	for _, c := range []struct{ change, id string }{{engine.NoLongerDecided, "whatif.summary.no-longer-decided"}, {engine.NowDecided, "whatif.summary.now-decided"}} {
		var ids []string
		for _, l := range leftOut {
			if l.Change == c.change {
				ids = append(ids, l.ID)
			}
		}
		if len(ids) > 0 {
			parts = append(parts, loc.N(c.id, len(ids), map[string]any{"Indicators": loc.JoinAnd(ids)}))
		}
	}
	return strings.Join(parts, " ")
}

// sectionSentence says how a changed section's score would move: like for like when one of its
// indicators is scored on one side only.
func sectionSentence(loc *locale.Locale, s engine.ScoreChange) (string, bool) {
	if !s.Changed {
		return "", false
	}
	d := map[string]any{"Section": s.Title, "From": locScore(loc, s.BaseScore), "To": locScore(loc, s.ScenarioScore)}
	if lo := s.LikeForLike.LeftOut; len(lo) > 0 {
		d["LeftOut"] = loc.JoinAnd(lo)
		switch {
		case s.Delta == nil:
			return loc.T("whatif.section.lfl.none", d), true
		case sameScore(*s.Delta):
			return loc.T("whatif.section.lfl.same", d), true
		}
		d["Points"] = points(loc, *s.Delta)
		if *s.Delta < 0 {
			return loc.T("whatif.section.lfl.down", d), true
		}
		return loc.T("whatif.section.lfl.up", d), true
	}
	if s.Delta == nil {
		return "", false
	}
	d["Points"] = points(loc, *s.Delta)
	switch {
	case sameScore(*s.Delta):
		d["FromStatus"], d["ToStatus"] = loc.Status(string(s.BaseStatus)), loc.Status(string(s.ScenarioStatus))
		return loc.T("whatif.section.status", d), true
	case *s.Delta < 0:
		return loc.T("whatif.section.down", d), true
	}
	return loc.T("whatif.section.up", d), true
}

func orNotKnown(loc *locale.Locale, s string) string {
	if s == "" {
		return loc.T("whatif.no-obligation")
	}
	return s
}

// projectionWords says a deadline projection: its status and the year it completes.
func projectionWords(loc *locale.Locale, s engine.ProjectionStatus, year *int) string {
	if s == "" {
		return ""
	}
	d := map[string]any{"Status": loc.T("projection." + string(s))}
	if year != nil {
		d["Year"] = *year
		return loc.T("whatif.projection.with-year", d)
	}
	return d["Status"].(string)
}

func indicatorSentence(loc *locale.Locale, c engine.IndicatorChange, name func(string) string) string {
	// each value carries the mark of the class of the data behind it, as in the tables
	d := map[string]any{"Indicator": c.ID, "Title": c.Title, "From": locValue(loc, c.BaseValue, c.Unit, c.BaseClass),
		"To": locValue(loc, c.ScenarioValue, c.Unit, c.ScenarioClass)}
	var id string
	switch {
	case c.BaseValue == nil && c.ScenarioValue != nil:
		id = "whatif.indicator.known"
	case c.BaseValue != nil && c.ScenarioValue == nil:
		id = "whatif.indicator.unknown"
	case c.Delta != nil && *c.Delta > 0:
		id = "whatif.indicator.up"
	case c.Delta != nil && *c.Delta < 0:
		id = "whatif.indicator.down"
	default:
		id = "whatif.indicator.same"
	}
	parts := []string{loc.T(id, d)}
	if c.BaseStatus != c.ScenarioStatus {
		parts = append(parts, loc.T("whatif.indicator.status", map[string]any{"From": loc.Status(string(c.BaseStatus)), "To": loc.Status(string(c.ScenarioStatus))}))
	}
	if n := len(c.Entered); n > 0 {
		parts = append(parts, capFirst(loc.N("whatif.indicator.entered", n, map[string]any{"States": statesList(loc, c.Entered, name)})))
	}
	if n := len(c.Left); n > 0 {
		parts = append(parts, capFirst(loc.N("whatif.indicator.left", n, map[string]any{"States": statesList(loc, c.Left, name)})))
	}
	return strings.Join(parts, " ")
}

// statesList names up to five States, then "and N others".
func statesList(loc *locale.Locale, isos []string, name func(string) string) string {
	var ns []string
	for i, iso := range isos {
		if i == 5 {
			ns = append(ns, loc.N("whatif.others", len(isos)-5, nil))
			break
		}
		ns = append(ns, name(iso))
	}
	return loc.JoinAnd(ns)
}

func itoa(n int) string { return fmtYear(n) }

// engineSentence is a sentence the engine wrote, in the locale's language: English keeps the
// engine's own words (english), other languages render its message (locale.Sentence).
func engineSentence(loc *locale.Locale, english string, s engine.Sentence) string {
	if loc.Lang() == locale.English || s.IsZero() {
		return english
	}
	return loc.Sentence(s)
}

// engineSentences is engineSentence for a list.
func engineSentences(loc *locale.Locale, english []string, ss []engine.Sentence) []string {
	if loc.Lang() == locale.English || len(ss) != len(english) {
		return english
	}
	return loc.Sentences(ss)
}

// AcceptedShort is the short form of the reason a documented exception accepts an indicator's
// move the wrong way, for a table's cell ("accepted: a State joining with stockpiles adds to
// the work left under Article 3"), or that the documented exception does not cover it (with
// several events, engine.IndicatorChange.NotCovered); "" when no exception concerns it.
func AcceptedShort(loc *locale.Locale, c engine.IndicatorChange) string {
	if c.NotCovered != nil {
		return loc.T("whatif.not-covered-short")
	}
	if c.Exception == nil {
		return ""
	}
	return loc.T("whatif.accepted-short", map[string]any{"Short": engineSentence(loc, c.Exception.Short, c.Exception.ShortSentence)})
}
