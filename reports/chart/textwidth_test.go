package chart

import (
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
)

// widthHandler draws every chart as gonum's own text.Plain does, to the last bit: the same
// drawing operations with the same numbers (the content key hashes them) and the same SVG and
// PNG bytes, whether its widths are measured now or remembered from a chart before.
func TestWidthHandlerSameDrawing(t *testing.T) {
	plain := text.Plain{Fonts: font.DefaultCache}
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			for round := range 2 { // measured, then remembered
				mine, err := tc.build()
				require.NoError(t, err)
				theirs, err := tc.build()
				require.NoError(t, err)
				useWidthHandler(theirs, plain)
				for _, format := range []string{"svg", "png"} {
					k1, err := ChartKey(mine, format, DefaultWidth, DefaultHeight)
					require.NoError(t, err)
					k2, err := ChartKey(theirs, format, DefaultWidth, DefaultHeight)
					require.NoError(t, err)
					require.Equal(t, k2, k1, "%s, round %d: the drawing differs", format, round)
					require.Equal(t, render(t, theirs, format), render(t, mine, format), "%s, round %d", format, round)
				}
			}
		})
	}
}
