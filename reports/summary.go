package reports

import (
	"slices"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// The plain-language summary at the top of the report: a few sentences generated from the
// assessment by fixed templates, each number in them the value, the "k" or the "n" of an
// indicator the sentence names in brackets (or the plan score, which the report derives from
// them). A sentence whose indicator is not in the plan is left out; one whose value is not
// known says so. Values that rest on anything but official data carry their mark.

// summarySentence is one sentence of the summary and the indicators it rests on.
type summarySentence struct {
	Text string
	Refs []string
}

// The indicators of the shipped plan the summary reads.
const (
	idParties          = "10.1" // States Parties at year end
	idInitialOverdue   = "46.1" // States Parties with overdue initial reports
	idAnnualOnTime     = "43.2" // annual reports submitted on time
	idAnnualReceived   = "43.3" // annual reports submitted at all
	idArt3Outstanding  = "12.1" // stockpile destruction outstanding
	idArt3PastDeadline = "14.3" // past the Article 3 deadline
	idArt4Outstanding  = "24.3" // clearance obligations outstanding
	idArt4PastDeadline = "24.1" // past the Article 4 deadline
	idArt4WillMiss     = "24.5" // open clearance obligations projected to miss
	idAreaCleared      = "21.1" // area cleared
	idLegislation      = "47.1" // specific implementing legislation
)

// maxSummaryNames is how many States a summary sentence names; a longer list is "and N others".
const maxSummaryNames = 10

// summarize writes the summary of an assessment in loc's language; prev (the year before, or
// nil) gives the States that joined, name gives a State's name. Each sentence is one message
// of the catalogue (summary.*), with the counts that decide its grammar as its plural count.
func summarize(loc *locale.Locale, a *engine.Assessment, prev *engine.Assessment, name func(string) string,
	classOf func(id, iso3 string) engine.Class) []summarySentence {
	s := summarizer{a: a, prev: prev, name: name, classOf: classOf, loc: loc, order: loc.Order()}
	var out []summarySentence
	for _, f := range []func() (summarySentence, bool){
		s.membership, s.score, s.initialReports, s.annualReports, s.stockpiles, s.clearance, s.areaCleared, s.legislation,
	} {
		if st, ok := f(); ok {
			out = append(out, st)
		}
	}
	return out
}

type summarizer struct {
	a, prev *engine.Assessment
	name    func(string) string
	classOf func(id, iso3 string) engine.Class // the class of a State's result, for its mark
	loc     *locale.Locale
	order   func(a, b string) int
}

// ind returns an indicator of the assessment.
func (s summarizer) ind(id string) (*engine.IndicatorAssessment, bool) {
	for i := range s.a.Indicators {
		if s.a.Indicators[i].ID == id {
			return &s.a.Indicators[i], true
		}
	}
	return nil, false
}

// msg is a message of the summary; n is its plural count, or -1 for a message without one.
func (s summarizer) msg(id string, n int, kv ...any) string {
	data := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		data[kv[i].(string)] = kv[i+1]
	}
	if n < 0 {
		return s.loc.T(id, data)
	}
	return s.loc.N(id, n, data)
}

// english says whether the summary is in English, which spells small numbers in words.
func (s summarizer) english() bool { return s.loc.Lang() == locale.English }

// at says when: "At the end of 2024" or, when the year is not over at the cut-off, "By 31
// October 2026 (2026 is not over)".
func (s summarizer) at() string {
	asOf, err := engine.ParseDay(s.a.AsOf)
	if err == nil && asOf.Before(engine.NewDate(s.a.Year, 12, 31)) {
		return s.msg("summary.at-partial", -1, "Date", dayOf(s.loc, asOf), "Year", s.a.Year)
	}
	return s.msg("summary.at-end", -1, "Year", s.a.Year)
}

// num writes a count for running text: in words from "no" to "nine" in English, in figures
// in the other languages.
func (s summarizer) num(n int) string {
	if s.english() {
		return numberWord(n)
	}
	return s.loc.Int(n)
}

// lead writes a count that begins a sentence: "One", "Eight" in English; "Un", "Huit" in
// French, "Un", "Ocho" in Spanish (locale.Leading); figures from 10.
func (s summarizer) lead(n int) string {
	if s.english() {
		return capitalise(numberWord(n))
	}
	return s.loc.Leading(n)
}

// of writes the k of "k of n": "none" for zero in English, else as num.
func (s summarizer) of(n int) string {
	if s.english() {
		return ofWord(n)
	}
	return s.loc.Int(n)
}

// share is a share as the report's language writes it.
func (s summarizer) share(v *float64) string {
	if s.english() {
		return fmtShare(v)
	}
	return localNumbers(s.loc, fmtShare(v))
}

// count is an indicator's value as a whole number with its mark; ok is false without a value.
func count(ia *engine.IndicatorAssessment) (int, string, bool) {
	if ia.Value == nil {
		return 0, "", false
	}
	return int(*ia.Value), markOf(ia.Class).Symbol, true
}

// names lists States by name in the language's order, at most maxSummaryNames, then "and N
// others". Each name counted by indicator id carries the mark of its result's class (id ""
// for names that rest on the States file, which are official).
func (s summarizer) names(id string, isos []string) string {
	type named struct{ name, mark string }
	var nm []named
	for _, iso := range isos {
		n := named{name: s.name(iso)}
		if id != "" && s.classOf != nil {
			n.mark = markOf(s.classOf(id, iso)).Symbol
		}
		nm = append(nm, n)
	}
	slices.SortStableFunc(nm, func(x, y named) int { return s.order(x.name, y.name) })
	ns := make([]string, len(nm))
	for i, n := range nm {
		ns[i] = n.name + n.mark
	}
	if len(ns) > maxSummaryNames {
		rest := len(ns) - maxSummaryNames
		ns = append(ns[:maxSummaryNames:maxSummaryNames], s.msg("summary.others", rest, "N", s.num(rest)))
	}
	if s.english() || len(ns) < 2 {
		return joinNames(ns)
	}
	return s.loc.T("list.and", map[string]any{"Items": strings.Join(ns[:len(ns)-1], ", "), "Last": ns[len(ns)-1]})
}

func (s summarizer) membership() (summarySentence, bool) {
	ia, ok := s.ind(idParties)
	if !ok {
		return summarySentence{}, false
	}
	n, mark, ok := count(ia)
	if !ok {
		return summarySentence{Text: s.msg("summary.parties-not-known", -1, "At", s.at()), Refs: []string{idParties}}, true
	}
	text := s.msg("summary.parties", n, "At", s.at(), "N", s.num(n)+mark)
	if s.prev != nil {
		if pi, ok := s.prev.Indicator(idParties); ok && pi.Value != nil {
			before := map[string]bool{}
			for iso := range pi.Counted.All() {
				before[iso] = true
			}
			now := map[string]bool{}
			var joined, left []string
			for iso := range ia.Counted.All() {
				now[iso] = true
				if !before[iso] {
					joined = append(joined, iso)
				}
			}
			for iso := range pi.Counted.All() {
				if !now[iso] {
					left = append(left, iso)
				}
			}
			switch len(joined) {
			case 0:
				text += " " + s.msg("summary.none-joined", -1, "Year", s.a.Year)
			default:
				text += " " + s.msg("summary.joined", len(joined), "N", s.lead(len(joined)), "Year", s.a.Year, "Names", s.names("", joined))
			}
			if len(left) > 0 {
				text += " " + s.msg("summary.left", len(left), "N", s.lead(len(left)), "Names", s.names("", left))
			}
		}
	}
	return summarySentence{Text: text, Refs: []string{idParties}}, true
}

func (s summarizer) score() (summarySentence, bool) {
	o := s.a.Overall
	if o.Score == nil {
		return summarySentence{Text: s.msg("summary.no-score", -1), Refs: nil}, true
	}
	c := o.ProgressCounts
	text := s.msg("summary.score", o.IndicatorsScored, "Score", s.share(o.Score), "Expected", s.share(o.Expected), "Target", s.a.TargetYear,
		"Indicators", s.loc.Int(o.Indicators), "Scored", s.loc.Int(o.IndicatorsScored), "Achieved", s.loc.Int(c.Get(engine.ProgressAchieved)),
		"OnTrack", s.loc.Int(c.Get(engine.ProgressOnTrack)), "Accel", s.loc.Int(c.Get(engine.ProgressNeedsAcceleration)),
		"Regressing", s.loc.Int(c.Get(engine.ProgressRegressing)))
	return summarySentence{Text: text}, true
}

func (s summarizer) initialReports() (summarySentence, bool) {
	ia, ok := s.ind(idInitialOverdue)
	if !ok {
		return summarySentence{}, false
	}
	refs := []string{idInitialOverdue}
	n, mark, ok := count(ia)
	switch {
	case !ok:
		return summarySentence{Text: s.msg("summary.initial-not-known", -1, "At", s.at()), Refs: refs}, true
	case n == 0:
		return summarySentence{Text: s.msg("summary.initial-none", -1, "At", s.at(), "Mark", mark), Refs: refs}, true
	}
	return summarySentence{Text: s.msg("summary.initial", n, "At", s.at(), "N", s.num(n)+mark, "Names", s.names(ia.ID, ia.Counted.List())), Refs: refs}, true
}

func (s summarizer) annualReports() (summarySentence, bool) {
	recv, okR := s.ind(idAnnualReceived)
	onTime, okT := s.ind(idAnnualOnTime)
	if !okR && !okT {
		return summarySentence{}, false
	}
	var refs []string
	var text string
	deadline := dayOf(s.loc, engine.NewDate(s.a.Year+1, 4, 30))
	switch {
	case okR && recv.Value != nil && recv.N > 0:
		refs = append(refs, idAnnualReceived)
		text = s.msg("summary.annual-received", recv.N, "N", s.num(recv.N), "Year", s.a.Year, "K", s.of(recv.Counted.Len()),
			"Date", dateIn(s.loc, s.a.AsOf), "Mark", markOf(recv.Class).Symbol)
		if okT && onTime.Value != nil && onTime.N == recv.N {
			refs = append(refs, idAnnualOnTime)
			text += s.msg("summary.annual-on-time-of-them", -1, "K", s.of(onTime.Counted.Len()), "Deadline", deadline, "Mark", markOf(onTime.Class).Symbol)
		}
	case okR:
		refs = append(refs, idAnnualReceived)
		text = s.msg("summary.annual-received-not-known", -1, "Year", s.a.Year)
	case onTime.Value != nil && onTime.N > 0:
		refs = append(refs, idAnnualOnTime)
		text = s.msg("summary.annual-on-time", onTime.N, "N", s.num(onTime.N), "Year", s.a.Year, "K", s.of(onTime.Counted.Len()),
			"Deadline", deadline, "Mark", markOf(onTime.Class).Symbol)
	default:
		refs = append(refs, idAnnualOnTime)
		text = s.msg("summary.annual-on-time-not-known", -1, "Year", s.a.Year)
	}
	return summarySentence{Text: text + ".", Refs: refs}, true
}

// pastDeadline is the clause on the States past their deadline, of the messages prefix
// "-past", "-past-names" and "-past-none".
// The States for which it is not known whether the deadline has passed (a request awaits a
// decision, a date is too coarse) are named in a clause of their own, "-past-unknown", and
// "none" becomes "none known" ("-past-none-known"): unknown is never counted as "not past".
func (s summarizer) pastDeadline(prefix string, pd *engine.IndicatorAssessment, m int, mk string) string {
	var text string
	switch {
	case m == 0 && pd.NoData.Len() > 0:
		text = s.msg(prefix+"-past-none-known", -1, "Mark", mk)
	case m == 0:
		return s.msg(prefix+"-past-none", -1, "Mark", mk)
	case pd.Counted.Len() > 0:
		text = s.msg(prefix+"-past-names", m, "K", s.of(m)+mk, "Names", s.names(pd.ID, pd.Counted.List()))
	default:
		text = s.msg(prefix+"-past", m, "K", s.of(m)+mk)
	}
	if u := pd.NoData.Len(); u > 0 {
		text += s.msg(prefix+"-past-unknown", u, "K", s.num(u), "Names", s.names("", pd.NoData.List()))
	}
	return text
}

func (s summarizer) stockpiles() (summarySentence, bool) {
	ia, ok := s.ind(idArt3Outstanding)
	if !ok {
		return summarySentence{}, false
	}
	refs := []string{idArt3Outstanding}
	n, mark, ok := count(ia)
	switch {
	case !ok:
		return summarySentence{Text: s.msg("summary.art3-not-known", -1, "At", s.at()), Refs: refs}, true
	case n == 0:
		return summarySentence{Text: s.msg("summary.art3-none", -1, "At", s.at(), "Mark", mark), Refs: refs}, true
	}
	text := s.msg("summary.art3", n, "At", s.at(), "N", s.num(n)+mark, "Names", s.names(ia.ID, ia.Counted.List()))
	if pd, ok := s.ind(idArt3PastDeadline); ok {
		refs = append(refs, idArt3PastDeadline)
		if m, mk, ok := count(pd); ok {
			text += s.pastDeadline("summary.art3", pd, m, mk)
		} else {
			text += s.msg("summary.art3-past-not-known", -1)
		}
	}
	return summarySentence{Text: text + ".", Refs: refs}, true
}

func (s summarizer) clearance() (summarySentence, bool) {
	ia, ok := s.ind(idArt4Outstanding)
	if !ok {
		return summarySentence{}, false
	}
	refs := []string{idArt4Outstanding}
	n, mark, ok := count(ia)
	switch {
	case !ok:
		return summarySentence{Text: s.msg("summary.art4-not-known", -1, "At", s.at()), Refs: refs}, true
	case n == 0:
		return summarySentence{Text: s.msg("summary.art4-none", -1, "At", s.at(), "Mark", mark), Refs: refs}, true
	}
	text := s.msg("summary.art4", n, "At", s.at(), "N", s.num(n)+mark, "Names", s.names(ia.ID, ia.Counted.List()))
	// noneKnownPast: no open obligation is known to be past its deadline; the States for which
	// it is not known are in pastUnknown.
	noneKnownPast, pastUnknown := false, engine.StateSet{}
	if pd, ok := s.ind(idArt4PastDeadline); ok {
		refs = append(refs, idArt4PastDeadline)
		if m, mk, ok := count(pd); ok {
			text += s.pastDeadline("summary.art4", pd, m, mk)
			noneKnownPast, pastUnknown = m == 0, pd.NoData
		}
	}
	if wm, ok := s.ind(idArt4WillMiss); ok {
		refs = append(refs, idArt4WillMiss)
		if m, mk, ok := count(wm); ok {
			// When none is past its deadline, "past the deadline or projected to miss it"
			// would suggest that some are past: the count is of projections only, unless a
			// State it counts is one for which the deadline's passing is not known.
			key := "summary.art4-will-miss"
			if noneKnownPast && !anyIn(wm.Counted, pastUnknown) {
				key = "summary.art4-will-miss-projected"
			}
			text += s.msg(key, m, "K", s.of(m)+mk, "N", s.num(wm.Population))
			if u := wm.NoData.Len(); u > 0 {
				// an obligation whose projection is not known is neither on course nor off it
				text += s.msg("summary.art4-will-miss-unknown", u, "K", s.num(u), "Names", s.names("", wm.NoData.List()))
			}
		}
	}
	return summarySentence{Text: text + ".", Refs: refs}, true
}

// anyIn reports whether a State of a is in b.
func anyIn(a, b engine.StateSet) bool {
	for iso := range a.All() {
		if b.Has(iso) {
			return true
		}
	}
	return false
}

func (s summarizer) areaCleared() (summarySentence, bool) {
	ia, ok := s.ind(idAreaCleared)
	if !ok {
		return summarySentence{}, false
	}
	refs := []string{idAreaCleared}
	switch {
	case ia.Population == 0:
		return summarySentence{Text: s.msg("summary.area-no-obligation", -1, "Year", s.a.Year), Refs: refs}, true
	case ia.Value == nil:
		return summarySentence{Text: s.msg("summary.area-not-known", -1, "Year", s.a.Year), Refs: refs}, true
	}
	value := fmtValue(ia.Value, ia.Unit)
	if !s.english() {
		value = localNumbers(s.loc, value)
	}
	text := s.msg("summary.area", -1, "Value", value, "Unit", unitIn(s.loc, ia.Unit), "Year", s.a.Year, "Mark", markOf(ia.Class).Symbol,
		"K", s.of(ia.Counted.Len()), "N", s.num(ia.Population))
	if ia.CoverageFlag && ia.Coverage != nil { // the reason the flag rests on, not a generic one
		text += s.msg("summary.area-flagged", -1, "Reason", engineSentence(s.loc, ia.Coverage.Reason, ia.Coverage.ReasonSentence))
	}
	return summarySentence{Text: text + ".", Refs: refs}, true
}

func (s summarizer) legislation() (summarySentence, bool) {
	ia, ok := s.ind(idLegislation)
	if !ok {
		return summarySentence{}, false
	}
	refs := []string{idLegislation}
	n, mark, ok := count(ia)
	if !ok {
		return summarySentence{Text: s.msg("summary.legislation-not-known", -1), Refs: refs}, true
	}
	return summarySentence{Text: s.msg("summary.legislation", ia.Population, "At", s.at(), "K", s.of(n), "N", s.num(ia.Population), "Mark", mark),
		Refs: refs}, true
}

// numberWord writes a number for running text: "no" for zero, words for one to nine, figures
// (with thousands separators) from 10.
func numberWord(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	f := float64(n)
	return fixed(f, 0)
}

// ofWord writes the k of "k of n": "none" for zero, else as numberWord.
func ofWord(n int) string {
	if n == 0 {
		return "none"
	}
	return numberWord(n)
}

// pick returns a when c, else b.
func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}
