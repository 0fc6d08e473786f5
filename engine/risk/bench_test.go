package risk

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkMonteCarlo is Simulate over the sample's outstanding obligations in 2025 with
// 10000 draws per State, on every core. draws/s counts State-draws.
func BenchmarkMonteCarlo(b *testing.B) {
	p, ds := shippedPlan(b), sampleDataset(b)
	ctx := context.Background()
	a, err := p.Assess(ctx, ds, 2025)
	require.NoError(b, err)
	const draws = 10000
	simulated := 0
	b.ReportAllocs()
	for b.Loop() {
		r, err := Simulate(ctx, p, ds, a, Draws(draws), Seed(1))
		if err != nil {
			b.Fatal(err)
		}
		simulated = 0
		for _, s := range r.States {
			if s.Simulated {
				simulated++
			}
		}
	}
	b.ReportMetric(float64(draws*simulated*b.N)/b.Elapsed().Seconds(), "draws/s")
}
