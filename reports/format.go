package reports

import (
	"math"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/internal/thousands"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/locale"
)

// Fixed number formatting, so that the same assessment always gives the same text.

// dash stands for a value that is absent (never for zero).
const dash = "–"

// fmtValue formats an indicator value in its unit: percentages with one decimal and a "%",
// whole numbers plainly with thousands separators, other numbers with two decimals.
func fmtValue(v *float64, unit string) string {
	if v == nil {
		return dash
	}
	if unit == "percent" {
		return fixed(*v, 1) + "%"
	}
	if *v == math.Trunc(*v) && math.Abs(*v) < 1e15 {
		return fixed(*v, 0)
	}
	return fixed(*v, 2)
}

// fmtAmount formats an amount of an obligation (munitions, an area, a yearly rate) for people:
// thousands separators, whole numbers from 100 up, two decimals below ("11,666,667",
// "66.67"), and its unit ("m²"). It is the engine's rounding of the same amounts in the
// projection notes.
func fmtAmount(v *float64, unit string) string {
	if v == nil {
		return dash
	}
	s := fmtValue(v, "")
	if math.Abs(*v) >= 100 {
		s = fixed(*v, 0)
	}
	if u := unitOf(locale.For(locale.English), unit, v); u != "" {
		s += " " + u
	}
	return s
}

// fmtEstimate formats a computed amount (a mean rate, the rate a deadline needs) as fmtAmount
// does, rounded first to three significant digits ("13,400,000 m²"), as the engine's
// projection notes say it.
func fmtEstimate(v *float64, unit string) string {
	if v == nil || *v == 0 {
		return fmtAmount(v, unit)
	}
	r := *v
	p := math.Pow(10, 3-math.Ceil(math.Log10(math.Abs(r))))
	r = math.Round(r*p) / p
	return fmtAmount(&r, unit)
}

// fmtShare formats a share of a distance (progress, expected progress, a score) as a whole
// percentage.
func fmtShare(v *float64) string {
	if v == nil {
		return dash
	}
	return fixed(100**v, 0) + "%"
}

// fmtPoints formats a change of a share in percentage points, always signed.
func fmtPoints(d float64) string {
	return signed(fixed(100*d, 0)) + " pp"
}

// fmtDelta formats a change of a value in its unit, always signed.
func fmtDelta(d float64, unit string) string {
	s := fmtValue(&d, unit)
	if unit == "percent" {
		s = strings.TrimSuffix(s, "%") + " pp"
	}
	return signed(s)
}

// signed puts a "+" before a formatted number that is above zero.
func signed(s string) string {
	if strings.HasPrefix(s, "-") || strings.Trim(s, "0.,% p") == "" {
		return s
	}
	return "+" + s
}

// fixed formats v with dec decimals and thousands separators, never as "-0".
// decimalsUpTo is the fewest decimals, at most max, that write v as it is rounded to max
// decimals: 95 has 0, 0.5 has 1, 12.345 has 2 at most 2.
func decimalsUpTo(v float64, max int) int {
	s := strconv.FormatFloat(v, 'f', max, 64)
	if !strings.Contains(s, ".") {
		return 0
	}
	return len(strings.TrimRight(s[strings.IndexByte(s, '.')+1:], "0"))
}

func fixed(v float64, dec int) string {
	return thousands.Group(thousands.Plain(v, dec), 4)
}

// fmtYear formats a year, or a dash for 0.
func fmtYear(y int) string {
	if y == 0 {
		return dash
	}
	return strconv.Itoa(y)
}

// raw formats a number for the machine-readable annexes: shortest exact representation.
func raw(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// unitLabel names a unit for people.
func unitLabel(unit string) string {
	switch unit {
	case "states":
		return "States"
	case "percent":
		return "%"
	case "m2":
		return "m²"
	case "km2":
		return "km²"
	}
	return unit
}

// unitIn is unitLabel in loc's language: the units that are words come from the catalogue
// (unit.*); symbols and currency codes stay as they are.
func unitIn(loc *locale.Locale, unit string) string {
	switch unit {
	case "states", "items", "munitions", "people", "submunitions":
		if loc.Lang() != locale.English {
			return loc.T("unit." + unit)
		}
	}
	return unitLabel(unit)
}

// unitOf is the unit word of an amount v in loc's language, in the number v takes: "1
// person", "2 people"; "1 personne", "0 personne"; the units that are not words as unitIn
// gives them.
func unitOf(loc *locale.Locale, unit string, v *float64) string {
	switch unit {
	case "states", "items", "munitions", "people", "submunitions":
		n := 2
		if v != nil && (*v == 0 || *v == 1) {
			n = int(*v)
		}
		return loc.N("unit."+unit, n, nil)
	}
	return unitIn(loc, unit)
}

// axisLabel is the y-axis label of an indicator's trend chart.
func axisLabel(unit string) string {
	switch unit {
	case "states":
		return "States"
	case "percent":
		return "Percent (%)"
	case "m2":
		return "Area (m²)"
	case "km2":
		return "Area (km²)"
	case "USD":
		return "US dollars"
	case "":
		return "Value"
	}
	return strings.ToUpper(unit[:1]) + unit[1:]
}

// statusInfo is how a status is shown: a word and a symbol, so that it reads without colour.
type statusInfo struct {
	Key    string // the status name, also the CSS class suffix
	Label  string
	Symbol string
}

// progressStatus describes an indicator or roll-up status.
func progressStatus(s engine.ProgressStatus) statusInfo {
	sym := map[engine.ProgressStatus]string{
		engine.ProgressAchieved:          "✔",
		engine.ProgressOnTrack:           "↗",
		engine.ProgressNeedsAcceleration: "⚠",
		engine.ProgressRegressing:        "↘",
		engine.ProgressNoTarget:          "○",
		engine.ProgressInsufficientData:  "?",
		engine.ProgressTooFew:            "n<",
	}[s]
	if sym == "" {
		sym = "?"
	}
	return statusInfo{Key: string(s), Label: chart.Status(s).Label(), Symbol: sym}
}

// deadlineStatus describes a deadline projection's outcome.
func deadlineStatus(s engine.ProjectionStatus) statusInfo {
	switch s {
	case engine.ProjectionOnCourse:
		return statusInfo{Key: string(s), Label: "On course", Symbol: "✔"}
	case engine.ProjectionAtRisk:
		return statusInfo{Key: string(s), Label: "At risk", Symbol: "⚠"}
	case engine.ProjectionWillMiss:
		return statusInfo{Key: string(s), Label: "Will miss", Symbol: "✘"}
	case "":
		return statusInfo{Key: "none", Label: "No projection", Symbol: "–"}
	case engine.ProjectionNotKnown:
		return statusInfo{Key: string(s), Label: "Deadline not known", Symbol: "?"}
	}
	return statusInfo{Key: string(s), Label: "No data", Symbol: "?"}
}

// episodeStatus describes an Article 3 or 4 obligation episode in neutral words (data
// dictionary §4.4): ✔ completed on time, ✘ completed after the deadline or open past it,
// ○ open with the deadline ahead, – a later episode without a deadline, ? not known.
func episodeStatus(oe engine.ObligationEpisode) statusInfo {
	label := capitalise(oe.StatusText)
	switch oe.DeadlineMet {
	case engine.VerdictYes:
		return statusInfo{Key: "on-time", Label: label, Symbol: "✔"}
	case engine.VerdictNo:
		return statusInfo{Key: "late", Label: label, Symbol: "✘"}
	case engine.VerdictPending:
		return statusInfo{Key: "ahead", Label: label, Symbol: "○"}
	case engine.VerdictNone:
		return statusInfo{Key: "no-deadline", Label: label, Symbol: "–"}
	}
	return statusInfo{Key: "unknown", Label: label, Symbol: "?"}
}
