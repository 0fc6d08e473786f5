package reports

import (
	"fmt"
	"slices"

	"github.com/lapmonitor/lap/engine"
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

// summarize writes the summary of an assessment; prev (the year before, or nil) gives the
// States that joined, name gives a State's name.
func summarize(a *engine.Assessment, prev *engine.Assessment, name func(string) string) []summarySentence {
	s := summarizer{a: a, prev: prev, name: name}
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

// at says when: "At the end of 2024" or, when the year is not over at the cut-off, "By 31
// October 2026 (2026 is not over)".
func (s summarizer) at() string {
	asOf, err := engine.ParseDay(s.a.AsOf)
	if err == nil && asOf.Before(engine.NewDate(s.a.Year, 12, 31)) {
		return fmt.Sprintf("By %s (%d is not over)", asOf.Text(), s.a.Year)
	}
	return fmt.Sprintf("At the end of %d", s.a.Year)
}

// count is an indicator's value as a whole number with its mark; ok is false without a value.
func count(ia *engine.IndicatorAssessment) (int, string, bool) {
	if ia.Value == nil {
		return 0, "", false
	}
	return int(*ia.Value), markOf(ia.Class).Symbol, true
}

// names lists States by name, at most maxSummaryNames, then "and N others".
func (s summarizer) names(isos []string) string {
	var ns []string
	for _, iso := range isos {
		ns = append(ns, s.name(iso))
	}
	slices.Sort(ns)
	if len(ns) > maxSummaryNames {
		rest := len(ns) - maxSummaryNames
		ns = append(ns[:maxSummaryNames:maxSummaryNames], fmt.Sprintf("%s other%s", numberWord(rest), plural1(rest)))
	}
	return joinNames(ns)
}

func (s summarizer) membership() (summarySentence, bool) {
	ia, ok := s.ind(idParties)
	if !ok {
		return summarySentence{}, false
	}
	n, mark, ok := count(ia)
	if !ok {
		return summarySentence{Text: s.at() + ", the number of States Parties is not known.", Refs: []string{idParties}}, true
	}
	text := fmt.Sprintf("%s, %s State%s %s Part%s to the Convention.", s.at(), numberWord(n)+mark, plural1(n),
		pick(n == 1, "was a", "were"), pick(n == 1, "y", "ies"))
	if s.prev != nil {
		if pi, ok := s.prev.Indicator(idParties); ok && pi.Value != nil {
			before := map[string]bool{}
			for _, iso := range pi.Counted {
				before[iso] = true
			}
			now := map[string]bool{}
			var joined, left []string
			for _, iso := range ia.Counted {
				now[iso] = true
				if !before[iso] {
					joined = append(joined, iso)
				}
			}
			for _, iso := range pi.Counted {
				if !now[iso] {
					left = append(left, iso)
				}
			}
			switch len(joined) {
			case 0:
				text += fmt.Sprintf(" No State became a Party in %d.", s.a.Year)
			default:
				text += fmt.Sprintf(" %s became %s in %d: %s.", capitalise(numberWord(len(joined)))+" State"+plural1(len(joined)),
					pick(len(joined) == 1, "a Party", "Parties"), s.a.Year, s.names(joined))
			}
			if len(left) > 0 {
				text += fmt.Sprintf(" %s ceased to be %s: %s.", capitalise(numberWord(len(left)))+" State"+plural1(len(left)),
					pick(len(left) == 1, "a Party", "Parties"), s.names(left))
			}
		}
	}
	return summarySentence{Text: text, Refs: []string{idParties}}, true
}

func (s summarizer) score() (summarySentence, bool) {
	o := s.a.Overall
	if o.Score == nil {
		return summarySentence{Text: "No plan score can be given: no indicator could be scored.", Refs: nil}, true
	}
	c := o.ProgressCounts
	text := fmt.Sprintf("The plan score is %s, against %s expected by now on a straight path to the %d targets: of the %d indicators, %d %s scored (%d achieved, %d on track, %d needing acceleration, %d regressing); the others have no target, no data or too few States and are not counted as zero.",
		fmtShare(o.Score), fmtShare(o.Expected), s.a.TargetYear, o.Indicators, o.IndicatorsScored, pick(o.IndicatorsScored == 1, "is", "are"),
		c.Get(engine.ProgressAchieved), c.Get(engine.ProgressOnTrack), c.Get(engine.ProgressNeedsAcceleration), c.Get(engine.ProgressRegressing))
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
		return summarySentence{Text: s.at() + ", whether any State Party's initial Article 7 report was overdue is not known.", Refs: refs}, true
	case n == 0:
		return summarySentence{Text: s.at() + ", no State Party's initial Article 7 report was overdue" + mark + ".", Refs: refs}, true
	}
	return summarySentence{Text: fmt.Sprintf("%s, %s State%s Part%s had not submitted %s initial Article 7 report by its due date: %s.",
		s.at(), numberWord(n)+mark, plural1(n), pick(n == 1, "y", "ies"), pick(n == 1, "its", "their"), s.names(ia.Counted)), Refs: refs}, true
}

func (s summarizer) annualReports() (summarySentence, bool) {
	recv, okR := s.ind(idAnnualReceived)
	onTime, okT := s.ind(idAnnualOnTime)
	if !okR && !okT {
		return summarySentence{}, false
	}
	var refs []string
	var text string
	switch {
	case okR && recv.Value != nil && recv.N > 0:
		refs = append(refs, idAnnualReceived)
		text = fmt.Sprintf("Of the %s annual Article 7 report%s due for %d, %s had been received by %s%s", numberWord(recv.N), plural1(recv.N), s.a.Year,
			ofWord(len(recv.Counted)), dateText(s.a.AsOf), markOf(recv.Class).Symbol)
		if okT && onTime.Value != nil && onTime.N == recv.N {
			refs = append(refs, idAnnualOnTime)
			text += fmt.Sprintf(", %s of them by the deadline of 30 April %d%s", ofWord(len(onTime.Counted)), s.a.Year+1, markOf(onTime.Class).Symbol)
		}
	case okR:
		refs = append(refs, idAnnualReceived)
		text = fmt.Sprintf("How many annual Article 7 reports for %d were received is not known", s.a.Year)
	case onTime.Value != nil && onTime.N > 0:
		refs = append(refs, idAnnualOnTime)
		text = fmt.Sprintf("Of the %s annual Article 7 report%s due for %d, %s were received by the deadline of 30 April %d%s", numberWord(onTime.N),
			plural1(onTime.N), s.a.Year, ofWord(len(onTime.Counted)), s.a.Year+1, markOf(onTime.Class).Symbol)
	default:
		refs = append(refs, idAnnualOnTime)
		text = fmt.Sprintf("How many annual Article 7 reports for %d were received on time is not known", s.a.Year)
	}
	return summarySentence{Text: text + ".", Refs: refs}, true
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
		return summarySentence{Text: s.at() + ", whether any State Party still had stockpiles to destroy is not known.", Refs: refs}, true
	case n == 0:
		return summarySentence{Text: s.at() + ", no State Party had cluster munition stockpiles still to destroy" + mark + ".", Refs: refs}, true
	}
	text := fmt.Sprintf("%s, %s State%s Part%s still had cluster munition stockpiles to destroy: %s", s.at(), numberWord(n)+mark,
		plural1(n), pick(n == 1, "y", "ies"), s.names(ia.Counted))
	if pd, ok := s.ind(idArt3PastDeadline); ok {
		refs = append(refs, idArt3PastDeadline)
		if m, mk, ok := count(pd); ok {
			text += fmt.Sprintf("; %s %s past %s Article 3 deadline%s", ofWord(m)+mk, pick(m == 1, "was", "were"), pick(m == 1, "its", "their"),
				pick(m > 0, ": "+s.names(pd.Counted), ""))
		} else {
			text += "; whether any was past its deadline is not known"
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
		return summarySentence{Text: s.at() + ", whether any State Party had clearance obligations outstanding is not known.", Refs: refs}, true
	case n == 0:
		return summarySentence{Text: s.at() + ", no State Party had Article 4 clearance obligations outstanding" + mark + ".", Refs: refs}, true
	}
	text := fmt.Sprintf("%s, %s State%s Part%s had Article 4 clearance obligations outstanding: %s", s.at(), numberWord(n)+mark,
		plural1(n), pick(n == 1, "y", "ies"), s.names(ia.Counted))
	if pd, ok := s.ind(idArt4PastDeadline); ok {
		refs = append(refs, idArt4PastDeadline)
		if m, mk, ok := count(pd); ok {
			text += fmt.Sprintf("; %s %s past %s deadline%s", ofWord(m)+mk, pick(m == 1, "was", "were"), pick(m == 1, "its", "their"),
				pick(m > 0, ": "+s.names(pd.Counted), ""))
		}
	}
	if wm, ok := s.ind(idArt4WillMiss); ok {
		refs = append(refs, idArt4WillMiss)
		if m, mk, ok := count(wm); ok {
			text += fmt.Sprintf("; %s of the %s open obligation%s %s past the deadline or projected to miss it at the State's recent rate",
				ofWord(m)+mk, numberWord(wm.Population), plural1(wm.Population), pick(m == 1, "is", "are"))
		}
	}
	return summarySentence{Text: text + ".", Refs: refs}, true
}

func (s summarizer) areaCleared() (summarySentence, bool) {
	ia, ok := s.ind(idAreaCleared)
	if !ok {
		return summarySentence{}, false
	}
	refs := []string{idAreaCleared}
	switch {
	case ia.Population == 0:
		return summarySentence{Text: fmt.Sprintf("No State Party had a clearance obligation in %d.", s.a.Year), Refs: refs}, true
	case ia.Value == nil:
		return summarySentence{Text: fmt.Sprintf("The area cleared in %d is not known: no affected State Party gave a figure.", s.a.Year), Refs: refs}, true
	}
	text := fmt.Sprintf("States Parties reported clearing %s %s in %d%s, %s of the %s with clearance obligations in the year giving a figure",
		fmtValue(ia.Value, ia.Unit), unitLabel(ia.Unit), s.a.Year, markOf(ia.Class).Symbol, ofWord(len(ia.Counted)), numberWord(ia.Population))
	if ia.CoverageFlag {
		text += "; the total lacks figures from too many of them, or from States that gave one the year before, so it is not comparable with earlier years"
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
		return summarySentence{Text: "How many States Parties had legislation specific to the Convention is not known.", Refs: refs}, true
	}
	return summarySentence{Text: fmt.Sprintf("%s, %s of the %s State%s Part%s had adopted legislation specific to the Convention%s.",
		s.at(), ofWord(n), numberWord(ia.Population), plural1(ia.Population), pick(ia.Population == 1, "y", "ies"), mark), Refs: refs}, true
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

// plural1 is "s" unless n is 1.
func plural1(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// pick returns a when c, else b.
func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}
