package reports

import (
	"math"
	"strconv"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// tableWords formats the numbers and words of the plain-text tables (lap eval, lap whatif):
// in English exactly as the tables have always been written (scripts read them), in French and
// Spanish by the locale and the catalogue (catalog/cli.LANG.toml).
type tableWords struct{ loc *locale.Locale }

func (t tableWords) english() bool { return t.loc.Lang() == locale.English }

// value is textValue in the locale.
func (t tableWords) value(v *float64, unit string) string {
	switch {
	case t.english() || v == nil:
		return textValue(v, unit)
	case unit == "percent":
		return t.loc.Percent(*v, 1)
	case *v == float64(int64(*v)):
		return t.loc.Number(*v, 0)
	}
	return t.loc.Number(*v, 2)
}

// score is textScore in the locale.
func (t tableWords) score(v *float64) string {
	if t.english() || v == nil {
		return textScore(v)
	}
	return t.loc.Percent(100**v, 0)
}

// amount is fmtAmount in the locale.
func (t tableWords) amount(v *float64, unit string) string {
	if t.english() || v == nil {
		return fmtAmount(v, unit)
	}
	dec := 2
	if *v == math.Trunc(*v) || math.Abs(*v) >= 100 {
		dec = 0
	}
	s := t.loc.Number(*v, dec)
	if u := unitOf(t.loc, unit, v); u != "" {
		s += " " + u
	}
	return s
}

// estimate is fmtEstimate in the locale.
func (t tableWords) estimate(v *float64, unit string) string {
	if t.english() || v == nil || *v == 0 {
		return t.amountOrEnglish(v, unit, fmtEstimate)
	}
	r := *v
	p := math.Pow(10, 3-math.Ceil(math.Log10(math.Abs(r))))
	r = math.Round(r*p) / p
	return t.amount(&r, unit)
}

func (t tableWords) amountOrEnglish(v *float64, unit string, english func(*float64, string) string) string {
	if t.english() {
		return english(v, unit)
	}
	return t.amount(v, unit)
}

// remaining is textRemaining in the locale.
func (t tableWords) remaining(v *float64, unit string, year int) string {
	if t.english() {
		return textRemaining(v, unit, year)
	}
	s := t.amount(v, unit)
	if v != nil {
		s += " (" + strconv.Itoa(year) + ")"
	}
	return s
}

// verdict is verdictWord in the locale.
func (t tableWords) verdict(v engine.Verdict) string {
	if t.english() || v == "" {
		return verdictWord(v)
	}
	return t.loc.T("cli.verdict." + string(v))
}

// sentence is an engine sentence: the engine's English, or the locale's words.
func (t tableWords) sentence(english string, s engine.Sentence) string {
	if t.english() || s.IsZero() {
		return english
	}
	return t.loc.Sentence(s)
}

// obligationLabel is ObligationStatus.Label in the locale.
func (t tableWords) obligationLabel(s engine.ObligationStatus) string {
	if t.english() {
		return s.Label()
	}
	return t.loc.T("cli.obligation." + string(s))
}

// projection is a projection status: the code in English, the status word otherwise.
func (t tableWords) projection(s engine.ProjectionStatus) string {
	if t.english() {
		return string(s)
	}
	return t.loc.T("projection." + string(s))
}

// unitCode is the UNIT column: the plan's unit code in English, its word where the catalogue
// has one otherwise ("munitions" -> "armes à sous-munitions"; "percent" stays a code).
func (t tableWords) unitCode(u string) string {
	if t.english() {
		return u
	}
	return unitIn(t.loc, u)
}

// scoreDelta is textScoreDelta in the locale.
func (t tableWords) scoreDelta(v *float64) string {
	if t.english() || v == nil {
		return textScoreDelta(v)
	}
	return t.loc.Points(100**v, 1)
}

// delta is textDelta in the locale.
func (t tableWords) delta(v *float64, unit string) string {
	if t.english() || v == nil {
		return textDelta(v, unit)
	}
	return localNumbers(t.loc, textDelta(v, unit))
}

// prob is textProb in the locale.
func (t tableWords) prob(p *float64) string {
	if t.english() || p == nil {
		return textProb(p)
	}
	return t.loc.Percent(100**p, 1)
}

// yearFrac is textYearFrac in the locale.
func (t tableWords) yearFrac(v *float64) string {
	if t.english() {
		return textYearFrac(v)
	}
	if v == nil {
		return t.loc.T("cli.never")
	}
	return t.loc.PlainNumber(*v, 1) // a year and a fraction: never grouped ("2031,2")
}

// projectionOrEmpty is projection, empty when there is none.
func (t tableWords) projectionOrEmpty(s engine.ProjectionStatus) string {
	if s == "" {
		return ""
	}
	return t.projection(s)
}

// count is a whole number: as strconv writes it in English, grouped by the locale otherwise.
func (t tableWords) count(n int) string {
	if t.english() {
		return strconv.Itoa(n)
	}
	return t.loc.Int(n)
}

// exact is textExact in the locale.
func (t tableWords) exact(v float64) string {
	if t.english() {
		return textExact(v)
	}
	return localNumbers(t.loc, textExact(v))
}

// date is a date of a table: YYYY-MM-DD in English, as the tables have always written it; in
// words in French and Spanish, as their Markdown pages write it.
func (t tableWords) date(d *engine.Date) string {
	if t.english() || d == nil || d.IsZero() {
		return textDatePtr(d)
	}
	return dayOf(t.loc, *d)
}

// isoDate is date of a date written YYYY-MM-DD ("" for none: a dash).
func (t tableWords) isoDate(s string) string {
	if t.english() || s == "" {
		return orDash(s)
	}
	return dateIn(t.loc, s)
}
