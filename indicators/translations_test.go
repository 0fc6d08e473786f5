package indicators_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
)

// The gate for translations: the shipped plan has a French and a Spanish translation, both
// marked unofficial, and neither lacks a text, nor has an entry the plan does not have, nor
// has an entry made from another English text than the plan's (stale). An
// indicator added (or removed) without its translations fails here, and `lap check` says
// where, with file and line.
func TestTranslationsComplete(t *testing.T) {
	reports, err := engine.Check(indicators.FS)
	require.NoError(t, err)
	for _, fr := range reports {
		for _, d := range fr.Diagnostics {
			switch {
			case d.Code == engine.CodeTranslationMissing, d.Code == engine.CodeTranslationOrphan, d.Code == engine.CodeTranslationStale,
				strings.HasPrefix(d.File, engine.TranslationDir+"/"):
				t.Errorf("%s", d.Error())
			}
		}
	}
	plan := loadPlan(t)
	require.Equal(t, []string{"es", "fr"}, plan.Languages())
	for _, tag := range plan.Languages() {
		tr, ok := plan.Translation(tag)
		require.True(t, ok)
		assert.Equal(t, engine.TranslationUnofficial, tr.Status, "%s: no official translation of the plan exists", tag)
		assert.NotEmpty(t, tr.Notice, tag)
		assert.Empty(t, tr.Missing(), tag)

		translated, err := plan.Translated(tag)
		require.NoError(t, err)
		for _, ind := range translated.Indicators() {
			orig, _ := plan.Indicator(ind.ID)
			assert.NotEqual(t, orig.Definition, ind.Definition, "%s: indicator %s definition is not translated", tag, ind.ID)
			if orig.Note != "" {
				assert.NotEqual(t, orig.Note, ind.Note, "%s: indicator %s note is not translated", tag, ind.ID)
			}
		}
		for i, a := range translated.Actions() {
			assert.NotEqual(t, plan.Actions()[i].Title, a.Title, "%s: action %d title is not translated", tag, a.Number)
		}
	}
}
