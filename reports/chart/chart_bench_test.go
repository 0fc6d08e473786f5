package chart

import (
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkWriteChart writes each golden chart as SVG and as PNG at the default size.
func BenchmarkWriteChart(b *testing.B) {
	for _, format := range []string{"svg", "png"} {
		for _, tc := range goldenCases() {
			b.Run(format+"/"+tc.name, func(b *testing.B) {
				p, err := tc.build()
				require.NoError(b, err)
				b.ReportAllocs()
				for b.Loop() {
					if err := WriteChart(io.Discard, p, format, DefaultWidth, DefaultHeight); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
