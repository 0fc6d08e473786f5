package engine

import (
	"math"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/internal/thousands"
)

// Status words: the one declared set of neutral, factual words that every output uses to say
// where a State stands on an obligation (data dictionary §4.4; docs/methodology.md §5) are the
// messages msgCompletedOnTime ... msgNotAssessed of engine/messages.go, with their English. No
// word there is a verdict of "met" or "not met": each says what the data record. Outputs that
// translate key on the Sentence (Obligation.StatusSentence), ObligationStatus and the data
// fields.

// article9Words maps art9_legislation to its status and words; an absent fact is "not
// assessed" (data dictionary §3.7).
var article9Words = map[string]struct {
	status ObligationStatus
	words  string // a message id
}{
	"specific":            {ObligationSpecificLegislation, msgSpecificLegislation},
	"existing-sufficient": {ObligationExistingLawSufficient, msgExistingLawSufficient},
	"in-progress":         {ObligationLegislationInProgress, msgLegislationInProgress},
	"none":                {ObligationNoMeasures, msgNoMeasures},
	"unknown":             {ObligationStatusUnclear, msgStatusUnclear},
}

// amountText writes an amount for people, deterministically and without a locale: thousands
// separated by commas, whole numbers from 100 up, at most two decimals below (three
// significant digits below 1), and the unit as reports print it ("13,383,333 m²",
// "1,250 munitions", "0.42 years"). Reports format numbers again in their own locale from the
// data fields; this is the engine's plain-language English.
func amountText(v float64, unit string) string {
	return withUnit(thousands.Group(amountNumber(v), 4), unit)
}

// amountNumber writes the number of amountText, without separators.
func amountNumber(v float64) string {
	var s string
	switch a := math.Abs(v); {
	case a >= 100 || v == math.Trunc(v):
		s = strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	case a >= 1:
		s = trimZeros(strconv.FormatFloat(v, 'f', 2, 64))
	default:
		s = trimZeros(strconv.FormatFloat(v, 'g', 3, 64))
		if strings.ContainsAny(s, "e") {
			s = trimZeros(strconv.FormatFloat(v, 'f', 6, 64))
		}
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// withUnit writes a formatted number with its unit as reports print it (the msgUnit messages:
// "13,383,333 m²", "USD 1,250", "1,250 munitions"); a unit without a message follows the number.
func withUnit(s, unit string) string {
	if unit == "" {
		return s
	}
	m, ok := messageByID[msgUnit+unit]
	if !ok {
		return s + " " + unit
	}
	var b strings.Builder
	for _, p := range m.other {
		if p.name == "" {
			b.WriteString(p.text)
		} else {
			b.WriteString(s)
		}
	}
	return b.String()
}

// EstimateText writes a computed amount (a mean rate, the rate a deadline needs) rounded to
// three significant digits, as amountText does the result: "13,400,000 m²", "166 munitions".
// A projection is not precise to the square metre; the data it starts from are shown as
// reported.
func EstimateText(v float64, unit string) string { return amountText(roundSignificant(v, 3), unit) }

// roundSignificant rounds v to n significant digits.
func roundSignificant(v float64, n int) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, float64(n)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// trimZeros drops the trailing zeros of a decimal fraction and a trailing point.
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

// Label is the status key in words, for a table cell too narrow for StatusText: "annual
// report on time", "initial report overdue", "specific legislation", "ongoing".
func (s ObligationStatus) Label() string { return strings.ReplaceAll(string(s), "-", " ") }
