package reports

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/locale"
)

// rawRatio is a fraction written as a bare number (0.1678, -0,12): the reader reads
// percentages ("16.78%"), never the ratios lap explain computes with.
var rawRatio = regexp.MustCompile(`(^|[^0-9.,])-?0[.,][0-9]+([^0-9 %\x{a0}\x{202f}]|$| [^%])`)

// settingName is a [scoring] key (on_track, min_population, cagr_improving...).
var settingName = regexp.MustCompile(`\b(on_track|trend_on_track|trend_min_years|min_population|min_coverage|cagr_improving|cagr_worsening|deadline_rate_years|deadline_margin_years)\b`)

// Every indicator's reason and notes, as the report prints them in English, French and
// Spanish, read in words and percentages: no setting name, no raw ratio, no method code.
func TestReaderReasonsInWords(t *testing.T) {
	s := loadSample(t)
	for _, l := range locale.Langs() {
		loc := locale.For(l)
		for i := range s.a.Indicators {
			ia := &s.a.Indicators[i]
			def, _ := s.plan.Indicator(ia.ID)
			r := indicatorRowOf(loc, s.a, ia, def)
			for _, text := range append([]string{r.Reason}, r.Notes...) {
				assert.NotRegexp(t, settingName, text, "%s (%s)", ia.ID, l)
				assert.NotRegexp(t, rawRatio, text, "%s (%s)", ia.ID, l)
				assert.NotContains(t, text, "linear", "%s (%s)", ia.ID, l)
			}
		}
	}
}

var (
	// floatForm is a number in a program's exponent form ("1e-09", "2.5E+06").
	floatForm = regexp.MustCompile(`\d[eE][-+]?\d`)
	// hyphenMinus is a hyphen-minus used as a minus sign: before a digit, not inside a word,
	// a range ("2021-2026") or a date ("2023-04-12").
	hyphenMinus = regexp.MustCompile(`(^|[^\p{L}\p{N}_-])-\d`)
	// ungrouped is a whole number of five digits or more without a thousands separator.
	ungrouped = regexp.MustCompile(`(^|[^\p{N}.,])\d{5,}`)
	// fourDigits is a four-digit whole number: a year, or an amount written without its
	// thousands separator (English and French group from 1,000).
	fourDigits = regexp.MustCompile(`(^|[^\p{N}.,])(\d{4})($|[^\p{N}])`)
)

// Every reason and note of every indicator, and the method annex's thresholds, as a reader
// reads them in English, French and Spanish: no number in a program's form. No exponent form
// ("1e-09"), no amount without its thousands separator ("128096"; Spanish, after CLDR, leaves
// four-digit numbers ungrouped), and in French the minus sign U+2212, never a hyphen-minus.
func TestReaderNumbersFormatted(t *testing.T) {
	s := loadSample(t)
	for _, l := range locale.Langs() {
		loc := locale.For(l)
		var texts []string
		for i := range s.a.Indicators {
			ia := &s.a.Indicators[i]
			def, _ := s.plan.Indicator(ia.ID)
			r := indicatorRowOf(loc, s.a, ia, def)
			texts = append(texts, r.Reason)
			texts = append(texts, r.Notes...)
		}
		m := s.m
		m.Lang = l
		d, err := newDocument(s.a, m)
		require.NoError(t, err)
		for _, th := range d.Method.Thresholds {
			texts = append(texts, th.Meaning)
		}
		negatives := 0
		for _, text := range texts {
			assert.NotRegexp(t, floatForm, text, "%s", l)
			assert.NotRegexp(t, ungrouped, text, "%s", l)
			if l == locale.French {
				assert.NotRegexp(t, hyphenMinus, text, "%s", l)
				negatives += strings.Count(text, locale.Minus)
			}
			if l != locale.Spanish {
				for _, m := range fourDigits.FindAllStringSubmatch(text, -1) {
					y, _ := strconv.Atoi(m[2])
					assert.True(t, y >= 1990 && y <= 2100, "%s: %q is not a year and has no thousands separator: %s", l, m[2], text)
				}
			}
		}
		if l == locale.French {
			assert.Positive(t, negatives, "the sample's reasons have negative rates: the test reads them")
		}
	}
}
