package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// EvaluateState gives, for every State and indicator, the outcome Evaluate's lists give: a
// profile never says what the indicator does not. Sums are the sums of the States' numbers,
// and the per-State classes add up to the indicator's class counts.
func TestEvaluateStateAgreesWithEvaluate(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	const year = 2024
	r, err := p.Evaluate(ctx, ds, year)
	require.NoError(t, err)
	sums := map[string]float64{}
	classes := map[string]*ClassCounts{}
	for _, st := range ds.States() {
		se, err := p.EvaluateState(ctx, ds, st.ISO3, year)
		require.NoError(t, err)
		require.Equal(t, r.AsOf, se.AsOf, "the whole dataset's as_of")
		require.Len(t, se.Indicators, len(r.Indicators))
		for i, ir := range r.Indicators {
			o := se.Indicators[i]
			require.Equal(t, ir.ID, o.ID)
			counted, notCounted, noData := ir.Counted.Has(st.ISO3), ir.NotCounted.Has(st.ISO3), ir.NoData.Has(st.ISO3)
			assert.Equal(t, counted || notCounted || noData, o.InPopulation, "%s %s in the population", ir.ID, st.ISO3)
			switch v := o.Result.(type) {
			case bool:
				assert.Equal(t, v, counted, "%s %s", ir.ID, st.ISO3)
				assert.Equal(t, !v, notCounted, "%s %s", ir.ID, st.ISO3)
			case float64:
				assert.True(t, counted, "%s %s", ir.ID, st.ISO3)
				sums[ir.ID] += v
			case nil:
				assert.False(t, counted || notCounted, "%s %s: unknown but counted", ir.ID, st.ISO3)
			}
			// a known result has a class, and so has silence counted as "no" (as-false)
			asFalse := ir.UnknownPolicy == UnknownAsFalse && (ir.Aggregate == AggCount || ir.Aggregate == AggShare)
			if o.Result != nil || asFalse && o.InPopulation && o.Error == "" {
				assert.NotEmpty(t, o.Class, "%s %s: a known result, or a silence counted as no, has a class", ir.ID, st.ISO3)
				if classes[ir.ID] == nil {
					classes[ir.ID] = &ClassCounts{}
				}
				classes[ir.ID].Add(o.Class)
			} else {
				assert.Empty(t, o.Class)
			}
		}
	}
	for _, ir := range r.Indicators {
		if ir.Aggregate == AggSum && ir.Value != nil && ir.Known > 0 {
			assert.InDelta(t, *ir.Value, sums[ir.ID], 1e-6, ir.ID)
		}
		if c := classes[ir.ID]; c != nil {
			assert.Equal(t, ir.Classes, *c, ir.ID)
		}
	}
}

// EvaluateStates gives, from one evaluation, what EvaluateState gives State by State.
func TestEvaluateStatesAgreesWithEvaluateState(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	asOf := AsOf(MustDate("2025-06-30"))
	all, err := p.EvaluateStates(ctx, ds, 2024, asOf)
	require.NoError(t, err)
	require.Len(t, all, len(ds.States()))
	for i, st := range ds.States() {
		one, err := p.EvaluateState(ctx, ds, st.ISO3, 2024, asOf)
		require.NoError(t, err)
		require.Equal(t, one, all[i], st.ISO3)
	}
	_, err = p.EvaluateStates(ctx, nil, 2024)
	require.ErrorIs(t, err, ErrNilDataset)
	_, err = p.EvaluateStates(ctx, ds, 2024, AsOf(MustDate("2023-06-30")))
	require.ErrorIs(t, err, ErrYearAfter)
}

func TestEvaluateStateErrors(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	_, err := p.EvaluateState(context.Background(), ds, "XXX", 2024)
	require.ErrorIs(t, err, ErrUnknownState)
	_, err = p.EvaluateState(context.Background(), nil, "LAO", 2024)
	require.ErrorIs(t, err, ErrNilDataset)
	_, err = p.EvaluateState(context.Background(), ds, "LAO", 2024, AsOf(MustDate("2023-06-30")))
	require.ErrorIs(t, err, ErrYearAfter)
}

// The Article 7 records count what the reporting indicators count: the overdue initial
// reports of 46.1, the on-time annual reports of 43.2 and the reports received of 43.3.
func TestStateRecordsAgreeWithIndicators(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	for _, year := range []int{2021, 2024} {
		a, err := p.Assess(ctx, ds, year)
		require.NoError(t, err)
		recs, err := p.StateRecords(ctx, ds, year)
		require.NoError(t, err)
		require.Len(t, recs, len(ds.States()))
		var parties, overdue, onTime, received []string
		for _, r := range recs {
			if r.Party {
				parties = append(parties, r.ISO3)
			}
			if r.Party && r.Reporting.InitialRequired && r.Reporting.Initial == nil {
				overdue = append(overdue, r.ISO3)
				assert.Equal(t, VerdictNo, r.Reporting.InitialOnTime, r.ISO3)
			}
			for _, an := range r.Reporting.Annual {
				if an.Year != year || !an.Owed {
					continue
				}
				if an.OnTime == VerdictYes {
					onTime = append(onTime, r.ISO3)
				}
				if an.Received != nil {
					received = append(received, r.ISO3)
				}
			}
		}
		var sv []string
		for _, s := range a.States {
			sv = append(sv, s.ISO3)
		}
		assert.Equal(t, sv, parties, "%d: the States Parties", year)
		ind := func(id string) IndicatorAssessment {
			ia, ok := a.Indicator(id)
			require.True(t, ok, id)
			return ia
		}
		assert.Equal(t, ind("46.1").Counted.List(), overdue, "%d: 46.1", year)
		assert.Equal(t, ind("43.2").Counted.List(), onTime, "%d: 43.2", year)
		assert.Equal(t, ind("43.3").Counted.List(), received, "%d: 43.3", year)
	}
}

func TestStateRecordLao(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	r, err := p.StateRecord(ctx, ds, "LAO", 2024)
	require.NoError(t, err)
	assert.True(t, r.Party)
	assert.Equal(t, 2024, r.Year)
	assert.Equal(t, "2024-12-31", r.Ref.String(), "the end of the year, before as_of")
	assert.Equal(t, ds.LatestDate(), r.AsOf)
	assert.Equal(t, "2008-12-03", r.Signed.String())
	assert.Equal(t, "2009-03-18", r.Ratified.String())
	assert.Equal(t, "2010-08-01", r.EntryIntoForce.String())
	assert.Nil(t, r.Withdrawn)
	rep := r.Reporting
	require.NotNil(t, rep.InitialDue)
	assert.Equal(t, "2011-01-28", rep.InitialDue.String(), "180 days after entry into force")
	require.NotNil(t, rep.Initial)
	assert.Equal(t, "2011-01-25", rep.Initial.Value)
	assert.Equal(t, ClassMonitor, rep.Initial.Class)
	assert.Equal(t, VerdictYes, rep.InitialOnTime)
	require.NotEmpty(t, rep.Annual)
	assert.Equal(t, 2019, rep.Annual[0].Year, "the first year the data record an annual report")
	assert.Equal(t, 2024, rep.Annual[len(rep.Annual)-1].Year)
	for _, an := range rep.Annual {
		assert.Equal(t, NewDate(an.Year+1, 4, 30), an.Deadline)
	}

	_, err = p.StateRecord(ctx, ds, "XXX", 2024)
	require.ErrorIs(t, err, ErrUnknownState)
}

// A date after as_of is not known: a 2024 record as of mid-2024 has no annual report for
// 2024 owed, and a State that joins later has no deposit date.
func TestStateRecordsAsOf(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	recs, err := p.StateRecords(ctx, ds, 2024, AsOf(MustDate("2024-06-30")))
	require.NoError(t, err)
	later := 0
	for _, r := range recs {
		require.Equal(t, "2024-06-30", r.Ref.String(), "as_of, when the year is not over")
		st, _ := ds.State(r.ISO3)
		if !st.Ratified.IsZero() && st.Ratified.After(MustDate("2024-06-30")) {
			later++
			assert.Nil(t, r.Ratified, r.ISO3)
			assert.False(t, r.Party, r.ISO3)
		}
		for _, an := range r.Reporting.Annual {
			if an.Year == 2024 {
				assert.False(t, an.Owed, "%s: the year is not over", r.ISO3)
			}
		}
	}
	assert.Positive(t, later, "the sample has States that joined after mid-2024")
}

func TestLookup(t *testing.T) {
	ds := sampleDataset(t)
	asOf := ds.LatestDate()
	v, ok, err := ds.Lookup("LAO", "unga_vote", 2024, asOf)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "yes", v.Value)
	assert.Contains(t, v.Origin, "facts.csv:")
	v, ok, err = ds.Lookup("LAO", "art4_area_cleared_m2", 2023, asOf)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, 53400000.0, v.Value, "the correction recorded 2024-11-20")
	v, ok, err = ds.Lookup("LAO", "art4_area_cleared_m2", 2023, MustDate("2024-11-19"))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, 52800000.0, v.Value, "the value first reported, before its correction")
	// a report's figure is known from the day the report was received (16 March 2024), as
	// the rules see it (data dictionary §1.3)
	_, ok, err = ds.Lookup("LAO", "art4_area_cleared_m2", 2023, MustDate("2024-03-15"))
	require.NoError(t, err)
	assert.False(t, ok, "the 2023 report is not yet received")
	_, ok, err = ds.Lookup("LAO", "art4_area_cleared_m2", 2023, MustDate("2024-03-16"))
	require.NoError(t, err)
	assert.True(t, ok, "known from the day the report was received")
	_, ok, err = ds.Lookup("LAO", "unga_vote", 2023, MustDate("2024-01-01"))
	require.NoError(t, err)
	assert.True(t, ok, "a register fact without a recorded day is known from its year's end")
	_, ok, err = ds.Lookup("LAO", "art7_annual_submitted", 2023, MustDate("2024-01-01"))
	require.NoError(t, err)
	assert.False(t, ok, "a submission dated after as_of is not known")

	_, _, err = ds.Lookup("XXX", "unga_vote", 2024, asOf)
	require.ErrorIs(t, err, ErrUnknownState)
	_, _, err = ds.Lookup("LAO", "party", 2024, asOf)
	require.Error(t, err, "a derived field is not looked up")
	_, _, err = ds.Lookup("LAO", "no_such_field", 2024, asOf)
	require.Error(t, err)
}
