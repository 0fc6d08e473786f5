package reports

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTrendAxisWholeNumbers: a short range of whole values (a count of States) is labelled
// with whole numbers only; other values keep round-number ticks.
func TestTrendAxisWholeNumbers(t *testing.T) {
	tests := []struct {
		name   string
		values []*float64
		whole  bool
	}{
		{"count of States", []*float64{f(9), f(9), f(8), f(8)}, true},
		{"fractions", []*float64{f(8.5), f(9), f(8), f(8)}, false},
		{"wide whole range", []*float64{f(0), f(500), f(1000), f(2000)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSeries("Observed", []int{2021, 2022, 2023, 2024}, tt.values)
			require.NoError(t, err)
			p, err := TrendChart(TrendInput{ID: "18.1", Title: "States", Unit: "States", Series: s})
			require.NoError(t, err)
			_, isInt := p.Y.Tick.Marker.(integerTicks)
			assert.Equal(t, tt.whole, isInt)
			for _, tick := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
				if tt.whole && tick.Label != "" {
					assert.NotContains(t, tick.Label, ".", "whole numbers only")
				}
			}
		})
	}
}

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
	broken := &Figure{Name: "broken", svg: []byte("<p>not svg</p>")}
	broken.once.Do(func() {}) // the SVG is preset
	_, err = inlineSVG(broken)
	assert.ErrorIs(t, err, ErrInvalidInput)
}
