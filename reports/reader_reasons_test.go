package reports

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"

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
			r := indicatorRowOf(loc, ia, def)
			for _, text := range append([]string{r.Reason}, r.Notes...) {
				assert.NotRegexp(t, settingName, text, "%s (%s)", ia.ID, l)
				assert.NotRegexp(t, rawRatio, text, "%s (%s)", ia.ID, l)
				assert.NotContains(t, text, "linear", "%s (%s)", ia.ID, l)
			}
		}
	}
}
