package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// whatIfCases are the changes the what-if benchmarks re-evaluate: a narrow one (one State's
// clearance figures, read by few indicators) and a wide one (a deposit, which changes party and
// so nearly every population).
var whatIfCases = []struct {
	name   string
	change Change
}{
	{"lao-clearance", Change{Kind: ChangeScale, States: []string{"LAO"}, Field: "art4_area_cleared_m2", From: 2024, Factor: 1.5}},
	{"ratify", Change{Kind: ChangeSet, ISO3: "KEN", Field: "ratified", Value: "2024-03-01"}},
}

// BenchmarkWhatIfFull assesses the changed dataset from scratch (every indicator, every year
// from the baseline year to 2024).
func BenchmarkWhatIfFull(b *testing.B) {
	p, ds := benchSetup(b)
	ctx := context.Background()
	for _, c := range whatIfCases {
		b.Run(c.name, func(b *testing.B) {
			nd, err := ds.Apply([]Change{c.change})
			require.NoError(b, err)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Assess(ctx, nd, 2024); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWhatIfIncremental re-assesses the changed dataset from a Baseline: only the changed
// States' environments are rebuilt and only the indicators that read a field the change reaches
// are evaluated again.
func BenchmarkWhatIfIncremental(b *testing.B) {
	p, ds := benchSetup(b)
	ctx := context.Background()
	bl, err := p.NewBaseline(ctx, ds, 2024)
	require.NoError(b, err)
	for _, c := range whatIfCases {
		b.Run(c.name, func(b *testing.B) {
			nd, err := ds.Apply([]Change{c.change})
			require.NoError(b, err)
			inputs := []string{c.change.Field}
			b.ReportMetric(float64(len(p.AffectedIndicators(inputs))), "indicators")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bl.reassess(ctx, p, nd, inputs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScenarioApply is the copy-on-write application of one change to the sample data.
func BenchmarkScenarioApply(b *testing.B) {
	_, ds := benchSetup(b)
	changes := []Change{whatIfCases[0].change}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ds.Apply(changes); err != nil {
			b.Fatal(err)
		}
	}
}
