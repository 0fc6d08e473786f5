package engine

import (
	"context"
	"os"
	"testing"

	"github.com/lapmonitor/lap/indicators"
	"github.com/stretchr/testify/require"
)

// BenchmarkAssess scores the shipped plan on the sample dataset for 2024: four evaluated years
// (2021-2024), roll-ups, the per-State view and deadline projections.
func BenchmarkAssess(b *testing.B) {
	p, err := Load(indicators.FS)
	require.NoError(b, err)
	ds, err := LoadDataset(os.DirFS("../testdata/sample"), ".")
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Assess(context.Background(), ds, 2024); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssessRange is lap eval for one year against a twenty-year range: AssessYears
// evaluates each year once, so the range should cost at most about twice the year.
func BenchmarkAssessRange(b *testing.B) {
	p, ds := benchSetup(b)
	ctx := context.Background()
	for _, r := range []struct {
		name     string
		from, to int
	}{{"2025", 2025, 2025}, {"2006-2025", 2006, 2025}} {
		b.Run(r.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.AssessYears(ctx, ds, r.from, r.to); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
