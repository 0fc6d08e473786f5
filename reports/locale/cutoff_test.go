package locale

import (
	"testing"

	"github.com/lapmonitor/lap/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCutOffReason: each rule of a cut-off has its own words in every language, the words for a
// given day are the caller's, and the plan's day is written in the language.
func TestCutOffReason(t *testing.T) {
	planned, err := engine.ParseDate("2026-06-30")
	require.NoError(t, err)
	for _, lang := range Langs() {
		loc := For(lang)
		seen := map[string]engine.CutOffRule{}
		for _, c := range []engine.CutOff{
			{Year: 2025, Rule: engine.CutOffPlan, Planned: planned},
			{Year: 2025, Rule: engine.CutOffData, Planned: planned},
			{Year: 2025, Rule: engine.CutOffGiven},
			{Year: 2025, Rule: engine.CutOffGiven, Planned: planned},
			{Year: 2025, Rule: engine.CutOffLatest},
		} {
			r := loc.CutOffReason(c, "cutoff.rule.given", "cutoff.rule.given-planned")
			require.NotEmpty(t, r, "%s %v", lang, c.Rule)
			_, dup := seen[r]
			assert.False(t, dup, "%s: two rules share the words %q", lang, r)
			seen[r] = c.Rule
		}
		assert.Equal(t, loc.T("serve.cutoff.given"),
			loc.CutOffReason(engine.CutOff{Year: 2025, Rule: engine.CutOffGiven}, "serve.cutoff.given", "serve.cutoff.given-planned"))
		assert.Contains(t, loc.CutOffReason(engine.CutOff{Year: 2025, Rule: engine.CutOffGiven, Planned: planned}, "", "cutoff.rule.given-planned"),
			loc.engineDay(planned), lang)
	}
}
