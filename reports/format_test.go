package reports

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

func TestFormat(t *testing.T) {
	point1 := 0.1
	tests := []struct {
		name, got, want string
	}{
		{"missing value is a dash", fmtValue(nil, "states"), "–"},
		{"zero is zero", fmtValue(f(0), "states"), "0"},
		{"percent one decimal", fmtValue(f(92.30769), "percent"), "92.3%"},
		{"whole number grouped", fmtValue(f(1296700000), "m2"), "1,296,700,000"},
		{"four digits grouped", fmtValue(f(1234), "people"), "1,234"},
		{"fraction two decimals", fmtValue(f(113333.3333), "m2"), "113,333.33"},
		{"no negative zero", fmtValue(f(-0.001), "USD"), "0.00"},
		{"share", fmtShare(f(0.5897)), "59%"},
		{"share missing", fmtShare(nil), "–"},
		{"share negative", fmtShare(f(-0.25)), "-25%"},
		{"points up", fmtPoints(0.123), "+12 pp"},
		{"points down", fmtPoints(-1), "-100 pp"},
		{"points nil change", fmtPoints(0.001), "0 pp"},
		{"delta percent", fmtDelta(27.27, "percent"), "+27.3 pp"},
		{"delta count", fmtDelta(-2, "states"), "-2"},
		{"delta small fraction", fmtDelta(0.5, "USD"), "+0.50"},
		{"delta zero", fmtDelta(0, "states"), "0"},
		{"year", fmtYear(2024), "2024"},
		{"no year", fmtYear(0), "–"},
		{"raw full precision", raw(f(point1 + 0.2)), "0.30000000000000004"},
		{"raw missing", raw(nil), ""},
		{"plain path", shellQuote("testdata/sample"), "testdata/sample"},
		{"path with space", shellQuote("my data"), "'my data'"},
		{"path with quote", shellQuote("it's"), `'it'\''s'`},
		{"markdown escape", markdownText("a|b *c* <d>\n e_f"), `a\|b \*c\* \<d\> e\_f`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got)
		})
	}
}

func TestStatusInfo(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range engine.ProgressStatuses {
		si := progressStatus(s)
		assert.NotEmpty(t, si.Label, s)
		assert.NotEqual(t, string(s), si.Label, "a word for people, not the key")
		assert.False(t, seen[si.Symbol], "symbol %s of %s is used twice: statuses must differ without colour", si.Symbol, s)
		seen[si.Symbol] = true
	}
	assert.Equal(t, "Will miss", deadlineStatus(engine.ProjectionWillMiss).Label)
	assert.Equal(t, "No projection", deadlineStatus("").Label)
	assert.Equal(t, statusInfo{Key: "deadline-not-known", Label: "Deadline not known", Symbol: "?"}, deadlineStatus(engine.ProjectionNotKnown))
	for _, c := range []struct {
		v      engine.Verdict
		text   string
		symbol string
	}{
		{engine.VerdictYes, "completed on time", "✔"},
		{engine.VerdictNo, "completed after the deadline", "✘"},
		{engine.VerdictPending, "open, deadline ahead", "○"},
		{engine.VerdictNone, "completed 4 months after it was found", "–"},
		{engine.VerdictUnknown, "completed; whether on time is not known", "?"},
	} {
		si := episodeStatus(engine.ObligationEpisode{DeadlineMet: c.v, StatusText: c.text})
		assert.Equal(t, c.symbol, si.Symbol, c.text)
		assert.Equal(t, strings.ToUpper(c.text[:1])+c.text[1:], si.Label)
		assert.NotContains(t, si.Label, "Not met")
	}
}

// The charts' tick labels and deadline legends follow the language (issue 18): French and
// Spanish separators, grouping only when the axis needs it.
func TestChartWordsNumbers(t *testing.T) {
	cases := []struct {
		lang               locale.Lang
		grouped, plain, dl string
	}{
		{locale.French, "12\u00a0500", "2,5", "LAO (échéance 2025)"},
		{locale.Spanish, "12.500", "2,5", "LAO (plazo 2025)"},
	}
	for _, c := range cases {
		w := chartWords(c.lang)
		require.NotNil(t, w)
		assert.Equal(t, c.grouped, w.Number(12500, 0, true), c.lang)
		assert.Equal(t, c.plain, w.Number(2.5, 1, false), c.lang)
		assert.Equal(t, "2500", w.Number(2500, 0, false), c.lang)
		assert.Equal(t, "0", w.Number(-0.0001, 0, false), c.lang)
		assert.Equal(t, c.dl, w.Deadline("LAO", 2025), c.lang)
	}
}
