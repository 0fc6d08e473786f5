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

// TestSilentReadsCarryTheirCountedClass: in an indicator that counts silence as "no", a value
// the State's data lack (its report is silent on it) is shown with the class the counts use for
// it (silenceRank: the silent report's), never none: the weakest class of a traced State's reads
// is its counted class, with Trace and State by State (EvaluateStates, whose reads are shared
// between indicators, yet the same as with Trace).
// Lebanon's invented 2024 report is silent on 2.2's field: illustrative, not none.
func TestSilentReadsCarryTheirCountedClass(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	const year = 2024
	traced, err := p.Evaluate(ctx, ds, year, Trace())
	require.NoError(t, err)
	byState, err := p.EvaluateStates(ctx, ds, year)
	require.NoError(t, err)
	outcomes := map[string][]StateOutcome{} // by indicator: the traced outcomes, both ways
	reads := map[[2]string][]FieldRead{}
	for _, ir := range traced.Indicators {
		outcomes[ir.ID] = append(outcomes[ir.ID], ir.States...)
		for _, so := range ir.States {
			reads[[2]string{ir.ID, so.ISO3}] = so.Values
		}
	}
	for _, se := range byState {
		for _, io := range se.Indicators {
			outcomes[io.ID] = append(outcomes[io.ID], io.StateOutcome)
			// State by State, a read is shared by the indicators reading the field: the class
			// one of them gives a silent read must not reach the others
			assert.Equal(t, reads[[2]string{io.ID, se.ISO3}], io.Values, "%s %s: the same reads both ways", io.ID, se.ISO3)
		}
	}
	silent := 0
	for _, ir := range traced.Indicators {
		asFalse := ir.UnknownPolicy == UnknownAsFalse && (ir.Aggregate == AggCount || ir.Aggregate == AggShare)
		for _, so := range outcomes[ir.ID] {
			if !so.InPopulation || so.Error != "" {
				continue
			}
			if !asFalse {
				continue
			}
			var weakest Class
			unclassed := 0
			for _, fr := range so.Values {
				weakest = weakest.Weaker(fr.Class)
				if fr.Value == nil && fr.Class == "" {
					unclassed++
				}
			}
			assert.Zero(t, unclassed, "%s %s: a silent read has the class it is counted by", ir.ID, so.ISO3)
			assert.Equal(t, so.Class, weakest, "%s %s: the reads' weakest class is the State's", ir.ID, so.ISO3)
			if so.Result == nil {
				silent++
			}
		}
	}
	assert.Positive(t, silent)
	for _, so := range outcomes["2.2"] {
		if so.ISO3 != "LBN" {
			continue
		}
		for _, fr := range so.Values {
			if fr.Field == "cc_strategy_progress_reported" {
				assert.Nil(t, fr.Value)
				assert.Equal(t, ClassIllustrative, fr.Class, "LBN's silent report is invented")
			}
		}
	}
}
