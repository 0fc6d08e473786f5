package server

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCoverageFlagShown: a sum flagged for its coverage (21.1, area cleared in 2025: figures
// from Afghanistan and Chad, which gave none for 2024) carries ⚑ where its value is shown, with
// what it means for a screen reader too, and its indicator page says why, as the report's note
// does; an indicator not flagged carries none.
func TestCoverageFlagShown(t *testing.T) {
	h := sample(t).Handler()
	sec := get(t, h, "/section/clearance").Body.String()
	row := regexp.MustCompile(`(?s)<a href="/indicator/21.1">21.1</a>.*?</tr>`).FindString(sec)
	require.NotEmpty(t, row)
	assert.Contains(t, row, `⚑<span class="sr"> Coverage flagged: figures are missing from too many States`)
	row = regexp.MustCompile(`(?s)<a href="/indicator/22.1">22.1</a>.*?</tr>`).FindString(sec)
	require.NotEmpty(t, row)
	assert.NotContains(t, row, "⚑")

	ind := get(t, h, "/indicator/21.1").Body.String()
	assert.Contains(t, ind, `<span class="note" id="coverage-note">Coverage flagged (⚑): a figure for 2025 from Afghanistan and Chad, which gave none for 2024; the change from the year before is not comparable</span>`)
	assert.NotContains(t, get(t, h, "/indicator/22.1").Body.String(), `id="coverage-note"`)
	fr := get(t, h, "/indicator/21.1?lang=fr").Body.String()
	assert.Contains(t, fr, `id="coverage-note">Couverture signalée (⚑)`)
}
