package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/internal/thousands"
)

// Status words: the one declared set of neutral, factual words that every output uses to say
// where a State stands on an obligation (data dictionary §4.4; docs/methodology.md §5). No
// word here is a verdict of "met" or "not met": each says what the data record. Words with a
// verb (%s, %d) take a date as Date.Text gives it, or a year. Outputs that translate key on
// ObligationStatus and the data fields, not on these words.
const (
	// Articles 3 and 4, per episode.
	wordsCompletedOnTime        = "completed on time"
	wordsCompletedLate          = "completed after the deadline"
	wordsCompletedTimingUnknown = "completed; whether on time is not known"
	wordsCompletedNoDeadline    = "completed; deadline not known"
	wordsCompletedAfterFound    = "completed %s after it was found" // a duration, monthsText
	wordsOpenAhead              = "open, deadline ahead"
	wordsOpenPast               = "open, past the deadline"
	wordsOpenNoDeadlineOfItsOwn = "open, no deadline of its own"
	wordsOpenTimingUnknown      = "open; whether past the deadline is not known"
	wordsOpenDeadlineNotKnown   = "open; deadline not known"
	// Notes on an episode's latest extension request (docs/methodology.md §5.1, "Extension
	// requests"), shown in brackets after the status words, in the detail line, the
	// projection's assumptions and the risk table.
	wordsExtensionPending   = "extension requested in %d, no decision recorded"
	wordsExtensionNoNewDate = "extension granted in %d, new deadline not recorded"
	wordsExtensionRefused   = "extension requested in %d, not granted (%d)"
	// Why the deadline that applies is not known, after "the deadline that applies is not
	// known: " in a projection's reason.
	wordsWhyPending   = "the last recorded, %s, has passed and the extension requested in %d has no recorded decision"
	wordsWhyNoNewDate = "the last recorded, %s, has passed and the extension granted in %d has no new deadline recorded"

	// Article 5, an ongoing obligation: what is reported.
	wordsOngoingAsReported = "ongoing; as reported: %s"

	// Article 7: the initial report and the annual report covering the year.
	wordsInitialReceived   = "initial report received (%s)"
	wordsInitialNotYetDue  = "initial report not yet due (due %s)"
	wordsInitialNotDue     = "initial report not yet due"
	wordsInitialOverdue    = "initial report overdue since %s"
	wordsAnnualOnTime      = "annual report for %d received on time (%s)"
	wordsAnnualLate        = "annual report for %d received late (%s)"
	wordsAnnualReceived    = "annual report for %d received (%s); whether on time is not known"
	wordsAnnualNotReceived = "annual report for %d not received (deadline %s passed)"
	wordsAnnualNotYetDue   = "annual report for %d not yet due (due %s)"
	wordsAnnualNotOwed     = "no annual report owed for %d"

	// Article 9: what is reported of national implementation measures.
	wordsSpecificLegislation   = "specific legislation"
	wordsExistingLawSufficient = "existing law considered sufficient"
	wordsLegislationInProgress = "legislation in progress"
	wordsNoMeasures            = "no measures"
	wordsStatusUnclear         = "assessed; status unclear"
	wordsNotAssessed           = "not assessed"
)

// article9Words maps art9_legislation to its status and words; an absent fact is "not
// assessed" (data dictionary §3.7).
var article9Words = map[string]struct {
	status ObligationStatus
	words  string
}{
	"specific":            {ObligationSpecificLegislation, wordsSpecificLegislation},
	"existing-sufficient": {ObligationExistingLawSufficient, wordsExistingLawSufficient},
	"in-progress":         {ObligationLegislationInProgress, wordsLegislationInProgress},
	"none":                {ObligationNoMeasures, wordsNoMeasures},
	"unknown":             {ObligationStatusUnclear, wordsStatusUnclear},
}

// amountText writes an amount for people, deterministically and without a locale: thousands
// separated by commas, whole numbers from 100 up, at most two decimals below (three
// significant digits below 1), and the unit as reports print it ("13,383,333 m²",
// "1,250 munitions", "0.42 years"). Reports format numbers again in their own locale from the
// data fields; this is the engine's plain-language English.
func amountText(v float64, unit string) string {
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
	s = thousands.Group(s, 4)
	switch unit {
	case "":
		return s
	case "m2":
		return s + " m²"
	case "km2":
		return s + " km²"
	case "USD":
		return "USD " + s
	}
	return s + " " + unit
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

// yearsText writes a number of years with one decimal: "4.4 years", "1 year".
func yearsText(v float64) string {
	s := trimZeros(strconv.FormatFloat(v, 'f', 1, 64))
	if s == "1" {
		return "1 year"
	}
	return s + " years"
}

// trimZeros drops the trailing zeros of a decimal fraction and a trailing point.
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

// words fills a status word's verbs.
func words(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// Label is the status key in words, for a table cell too narrow for StatusText: "annual
// report on time", "initial report overdue", "specific legislation", "ongoing".
func (s ObligationStatus) Label() string { return strings.ReplaceAll(string(s), "-", " ") }
