package chart

import (
	"fmt"
	"strconv"
)

// Words are a chart's own words in the report's language: its legend entries and how a
// legend writes a value. A nil *Words (the zero value of the inputs' Words field) writes
// them in English, as the charts always have; a caller in another language fills every
// field. Titles and axis labels are the caller's (the inputs' Title, Unit, Labels).
type Words struct {
	Observed      string                              // the observed series: "Observed"
	Baseline      func(year int, value string) string // "Baseline 2021: 12.5"
	Target        func(year int, value string) string // "Target 2026: 100"
	ExpectedPath  string                              // "Expected path"
	NoData        func(label string) string           // "Observed (no data)"
	NotComparable func(label string) string           // "Observed in a square: not comparable"
	Ringed        string                              // "ringed: rests on data that are not official"
	Value         func(v float64) string              // a value in a legend: "1,234.5"
	Status        func(s Status) string               // a status in the legend: "On track"
	Overall       string                              // the scores chart's overall bar: "Overall plan"
	NotAvailable  string                              // a score the scores chart lacks: "n/a"
	Percent       func(v float64) string              // a whole score in percent: "33%"
	// Number writes an axis's tick label: v with dec decimals, thousands grouped when group
	// ("12,500", "2.5"; French "12 500", "2,5"). An axis groups all its labels or none.
	Number func(v float64, dec int, group bool) string
	// Deadline labels a State's series with its deadline year: "LAO (deadline 2025)".
	Deadline func(state string, year int) string
}

// english are the charts' words in English.
var english = Words{
	Observed:      "Observed",
	Baseline:      func(year int, value string) string { return fmt.Sprintf("Baseline %d: %s", year, value) },
	Target:        func(year int, value string) string { return fmt.Sprintf("Target %d: %s", year, value) },
	ExpectedPath:  "Expected path",
	NoData:        func(label string) string { return label + " (no data)" },
	NotComparable: func(label string) string { return label + " in a square: not comparable" },
	Ringed:        "ringed: rests on data that are not official",
	Value:         formatValue,
	Status:        Status.Label,
	Overall:       "Overall plan",
	NotAvailable:  "n/a",
	Percent:       func(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) + "%" },
	Number:        tickNumber,
	Deadline:      func(state string, year int) string { return fmt.Sprintf("%s (deadline %d)", state, year) },
}

// wordsOf is w, or the English words for nil.
func wordsOf(w *Words) *Words {
	if w == nil {
		return &english
	}
	return w
}

// number is w.Number, or English when the caller left it unset.
func (w *Words) number(v float64, dec int, group bool) string {
	if w == nil || w.Number == nil {
		return tickNumber(v, dec, group)
	}
	return w.Number(v, dec, group)
}

// deadline is w.Deadline, or English when the caller left it unset.
func (w *Words) deadline(state string, year int) string {
	if w == nil || w.Deadline == nil {
		return english.Deadline(state, year)
	}
	return w.Deadline(state, year)
}
