package engine

import (
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// tracedByState is the reference for EvaluateStates: a traced evaluation of the year (Trace),
// its outcomes turned State by State.
func tracedByState(t *testing.T, p *Plan, ds *Dataset, year int, opts ...EvalOption) []*StateEvaluation {
	t.Helper()
	r, err := p.Evaluate(context.Background(), ds, year, append(opts[:len(opts):len(opts)], Trace())...)
	require.NoError(t, err)
	out := make([]*StateEvaluation, len(ds.states))
	for si, st := range ds.states {
		out[si] = &StateEvaluation{ISO3: st.ISO3, Year: year, AsOf: r.AsOf, Counting: r.Counting,
			Indicators: make([]IndicatorOutcome, len(r.Indicators))}
	}
	for i, ir := range r.Indicators {
		for si := range out {
			o := IndicatorOutcome{ID: ir.ID}
			if si < len(ir.States) && ir.States[si].ISO3 == ds.states[si].ISO3 {
				o.StateOutcome = ir.States[si]
			} else {
				o.ISO3 = ds.states[si].ISO3
			}
			out[si].Indicators[i] = o
		}
	}
	return out
}

// requireSameOutcomes compares traced outcomes State by State and indicator by indicator
// (a difference is shown as one outcome, not as the whole of them).
func requireSameOutcomes(t *testing.T, want, got []*StateEvaluation) {
	t.Helper()
	require.Len(t, got, len(want))
	for si := range want {
		w, g := *want[si], *got[si]
		w.Indicators, g.Indicators = nil, nil
		require.Equal(t, w, g)
		require.Len(t, got[si].Indicators, len(want[si].Indicators), w.ISO3)
		for i := range want[si].Indicators {
			require.Equal(t, want[si].Indicators[i], got[si].Indicators[i], "%s %s", w.ISO3, want[si].Indicators[i].ID)
		}
	}
}

// EvaluateStates, which reads each State's field once for all the indicators reading it,
// gives what a traced evaluation gives State by State: every outcome, every value read with
// its class and origin, in every year, counting convention, cut-off and filter.
func TestEvaluateStatesMatchesTrace(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	cases := []struct {
		name string
		year int
		opts []EvalOption
	}{
		{"2024", 2024, nil},
		{"2024 report cut-off", 2024, []EvalOption{AsOf(MustDate("2025-06-30"))}},
		{"2021 entry into force", 2021, []EvalOption{WithCounting(CountingEntryIntoForce)}},
		{"2016 by region", 2016, []EvalOption{By("region")}},
		{"2023 only action 4", 2023, []EvalOption{Only(regexp.MustCompile(`^4\.`))}},
		{"2024 traced too", 2024, []EvalOption{Trace()}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := p.EvaluateStates(ctx, ds, c.year, c.opts...)
			require.NoError(t, err)
			requireSameOutcomes(t, tracedByState(t, p, ds, c.year, c.opts...), got)
		})
	}
}

// AssessYearsTraced gives AssessYears's assessments and, from the same evaluation, the last
// year's traced outcomes that EvaluateStates gives.
func TestAssessYearsTraced(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	for _, opts := range [][]EvalOption{
		{AsOf(MustDate("2025-06-30")), By("region")},
		{WithCounting(CountingEntryIntoForce)},
	} {
		want, err := p.AssessYears(ctx, ds, 2023, 2024, opts...)
		require.NoError(t, err)
		wantStates, err := p.EvaluateStates(ctx, ds, 2024, opts...)
		require.NoError(t, err)
		got, states, err := p.AssessYearsTraced(ctx, ds, 2023, 2024, opts...)
		require.NoError(t, err)
		require.Len(t, got, 2)
		for i := range want {
			require.Equal(t, assessmentContent(want[i]), assessmentContent(got[i]), "assessment of %d", want[i].Year)
			for _, ia := range got[i].Indicators {
				require.Empty(t, ia.States, "%s: the assessment itself is not traced", ia.ID)
			}
		}
		requireSameOutcomes(t, wantStates, states)
	}
	_, _, err := p.AssessYearsTraced(ctx, nil, 2023, 2024)
	require.ErrorIs(t, err, ErrNilDataset)
	_, _, err = p.AssessYearsTraced(ctx, ds, 2024, 2024, AsOf(MustDate("2023-06-30")))
	require.ErrorIs(t, err, ErrYearAfter)
}
