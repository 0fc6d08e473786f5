package locale

import "github.com/lapmonitor/lap/engine"

// CutOffReason is why a cut-off is the day it is, in the catalogue's cutoff.rule.* words, with
// no leading space or final stop; "" when the rule has no words. given and givenPlanned are the
// messages for a day the user gave (alone, and beside the plan's own day for the year): the
// report's first page and lap serve's head word that case differently. It is the one choice of
// words for a cut-off's rule: reports and server both call it.
func (l *Locale) CutOffReason(c engine.CutOff, given, givenPlanned string) string {
	data := map[string]any{"Year": c.Year, "Planned": l.engineDay(c.Planned)}
	switch {
	case c.Rule == engine.CutOffPlan:
		return l.T("cutoff.rule.plan", data)
	case c.Rule == engine.CutOffData:
		return l.T("cutoff.rule.data", data)
	case c.Rule == engine.CutOffGiven && c.Planned.IsZero():
		return l.T(given)
	case c.Rule == engine.CutOffGiven:
		return l.T(givenPlanned, data)
	case c.Rule == engine.CutOffLatest:
		return l.T("cutoff.rule.latest")
	}
	return ""
}

// engineDay is an engine date in the language's words, or its own text when it is not a day.
func (l *Locale) engineDay(d engine.Date) string {
	if s, err := l.ISODate(d.String()); err == nil {
		return s
	}
	return d.Text()
}
