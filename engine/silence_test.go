package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSilenceCountedByClass: an indicator that counts silence as "no" (unknown = "as-false")
// counts every State of its population by class, those without data included: their "no"
// rests on the absence, of the register's class or of the silent Article 7 report's. The
// traced States' classes add up to the counts, with or without a trace (the quick loop), and
// with a breakdown the groups' counts add up to the whole's.
func TestSilenceCountedByClass(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	asFalse := 0
	for _, y := range []int{2021, 2024} {
		traced, err := p.Evaluate(ctx, ds, y, Trace())
		require.NoError(t, err)
		plain, err := p.Evaluate(ctx, ds, y)
		require.NoError(t, err)
		grouped, err := p.Evaluate(ctx, ds, y, By("region"))
		require.NoError(t, err)
		for i, ir := range traced.Indicators {
			if ir.Status == ValueError {
				continue
			}
			var sum ClassCounts
			for _, so := range ir.States {
				sum.Add(so.Class)
			}
			assert.Equal(t, ir.Classes, sum, "%d %s: the traced States' classes add up to the counts", y, ir.ID)
			assert.Equal(t, ir.Classes, plain.Indicators[i].Classes, "%d %s: the same without a trace", y, ir.ID)
			var weakest Class
			for _, g := range grouped.Indicators[i].Groups {
				weakest = weakest.Weaker(g.Class)
			}
			if ir.Value != nil {
				assert.Equal(t, ir.Class, weakest, "%d %s: the groups' classes make the whole's", y, ir.ID)
			}
			if ir.UnknownPolicy != UnknownAsFalse || (ir.Aggregate != AggCount && ir.Aggregate != AggShare) {
				continue
			}
			asFalse++
			assert.Equal(t, ir.Population, ir.Classes.Total(), "%d %s: every State counts by class, the silent ones too", y, ir.ID)
			for _, so := range ir.States {
				if so.InPopulation && so.Result == nil && so.Error == "" {
					assert.NotEmpty(t, so.Class, "%d %s %s: a no that rests on an absence has its class", y, ir.ID, so.ISO3)
				}
			}
		}
	}
	assert.Positive(t, asFalse)

	// Lebanon's 2024 report is invented (an illustrative receipt): its silence on progress
	// against its national strategy (2.2, a report field) rests on that report
	r, err := p.Evaluate(ctx, ds, 2024, Trace())
	require.NoError(t, err)
	ir, ok := r.Indicator("2.2")
	require.True(t, ok)
	for _, so := range ir.States {
		if so.ISO3 == "LBN" {
			require.True(t, so.InPopulation)
			assert.Nil(t, so.Result, "LBN's report is silent on it")
			assert.Equal(t, ClassIllustrative, so.Class)
		}
	}
}
