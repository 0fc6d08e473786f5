package reports

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

// NewStateDataFrom, given the traced outcomes of the assessment's own evaluation
// (AssessYearsTraced), gives what NewStateData gives by evaluating the year again; outcomes
// that are not the assessment's are refused.
func TestNewStateDataFrom(t *testing.T) {
	s := loadSample(t)
	ctx := context.Background()
	asOf := engine.AsOf(engine.MustDate("2025-06-30"))
	both, outs, err := s.plan.AssessYearsTraced(ctx, s.ds, 2023, 2024, asOf)
	require.NoError(t, err)
	got, err := NewStateDataFrom(ctx, s.plan, s.ds, both[1], outs)
	require.NoError(t, err)
	want, err := NewStateData(ctx, s.plan, s.ds, s.a)
	require.NoError(t, err)
	require.Equal(t, len(want.Outcomes), len(got.Outcomes))
	for i := range want.Outcomes {
		require.Equal(t, want.Outcomes[i], got.Outcomes[i], want.Outcomes[i].ISO3)
	}
	got.Outcomes, want.Outcomes = nil, nil
	require.Equal(t, want, got)

	// outcomes of another year, cut-off or counting convention, or too few
	other, err := s.plan.EvaluateStates(ctx, s.ds, 2023, asOf)
	require.NoError(t, err)
	_, err = NewStateDataFrom(ctx, s.plan, s.ds, both[1], other)
	require.ErrorContains(t, err, "not those of the assessment of 2024")
	other, err = s.plan.EvaluateStates(ctx, s.ds, 2024, engine.AsOf(engine.MustDate("2025-05-31")))
	require.NoError(t, err)
	_, err = NewStateDataFrom(ctx, s.plan, s.ds, both[1], other)
	require.ErrorContains(t, err, "not those of the assessment")
	other, err = s.plan.EvaluateStates(ctx, s.ds, 2024, asOf, engine.WithCounting(engine.CountingEntryIntoForce))
	require.NoError(t, err)
	_, err = NewStateDataFrom(ctx, s.plan, s.ds, both[1], other)
	require.ErrorContains(t, err, "not those of the assessment")
	_, err = NewStateDataFrom(ctx, s.plan, s.ds, both[1], outs[1:])
	require.ErrorContains(t, err, "outcomes for")
	_, err = NewStateDataFrom(ctx, s.plan, s.ds, nil, outs)
	require.ErrorIs(t, err, ErrNoAssessment)
}
