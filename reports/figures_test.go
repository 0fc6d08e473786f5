package reports

import (
	"strings"
	"testing"

	"github.com/lapmonitor/lap/reports/chart"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInlineSVG: the page gets an <svg> element with an accessible label and no XML prolog.
func TestInlineSVG(t *testing.T) {
	a, m := fixture()
	r, err := New(a, m)
	require.NoError(t, err)
	figs, err := r.Figures()
	require.NoError(t, err)
	got, err := inlineSVG(figs[0])
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(got), `<svg role="img" aria-label="Progress scores 2024: sections and the whole plan. Horizontal bars`))
	assert.NotContains(t, string(got), "<?xml")
	broken := &chart.Figure{Name: "broken", Title: "Broken"}
	broken.UseSVG([]byte("<p>not svg</p>"))
	_, err = inlineSVG(broken)
	assert.ErrorIs(t, err, chart.ErrInvalidInput)
}
