package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each test here reproduces a worked example of docs/methodology.md, with its numbers.

func TestMethodologyCounting(t *testing.T) {
	// §1.1: Nigeria deposited 2023-02-28, in force 2023-08-01; as_of 2023-06-30
	p := mustLoadTestPlan(t)
	ds := mustLoadData(t, "")
	for c, want := range map[Counting]float64{CountingDeposit: 3, CountingEntryIntoForce: 2} {
		r, err := p.Evaluate(context.Background(), ds, 2023, AsOf(MustDate("2023-06-30")), WithCounting(c))
		require.NoError(t, err)
		ir, _ := r.Indicator("1.1")
		assert.InDelta(t, want, *ir.Value, 0, c)
		assert.Contains(t, ir.Counted.List(), "DEU")
		assert.Contains(t, ir.Counted.List(), "LTU")
		assert.Equal(t, c == CountingDeposit, ir.Counted.Has("NGA"))
	}
}

func TestMethodologyMissingDataAndAsOf(t *testing.T) {
	p := loadAssessPlan(t)
	ds := assessData(t)
	eval := func(asOf string) IndicatorResult {
		r, err := p.Evaluate(context.Background(), ds, 2024, AsOf(MustDate(asOf)))
		require.NoError(t, err)
		ir, _ := r.Indicator("3.1")
		return ir
	}
	// §1.2: at the deadline CCC's missing report is unknown, not late
	ir := eval("2025-04-30")
	assert.InDelta(t, 100, *ir.Value, 1e-12)
	assert.Equal(t, 4, ir.Population)
	assert.Equal(t, 3, ir.Known)
	assert.Equal(t, []string{"CCC"}, ir.NoData.List())
	// once the deadline has passed it is late
	ir = eval("2025-06-30")
	assert.InDelta(t, 75, *ir.Value, 1e-12)
	assert.Equal(t, 4, ir.Known)
	// §1.3: a report dated after as_of is not seen
	ir = eval("2025-04-29")
	assert.InDelta(t, 100, *ir.Value, 1e-12)
	assert.Equal(t, 2, ir.Known)
	assert.Equal(t, []string{"CCC", "DDD"}, ir.NoData.List())
	// deadlines are exempt: AAA's 2027-06-01 deadline is seen at as_of 2025-04-29
	a, err := p.Assess(context.Background(), ds, 2024, AsOf(MustDate("2025-04-29")))
	require.NoError(t, err)
	assert.Equal(t, "2027-06-01", a.Deadlines[0].Deadline)
}

func TestMethodologyProgress(t *testing.T) {
	def := DefaultScoring()
	// §2, 12.1 decreasing to 0
	dec := &Indicator{ID: "12.1", Unit: "states", Direction: Decrease, Target: num(0), TargetYear: 2026}
	ia := scoreAt(dec, 2024, map[int]float64{2021: 4, 2024: 1}, def)
	assert.InDelta(t, 0.6, *ia.ExpectedProgress, 1e-12)
	assert.InDelta(t, 1.6, *ia.Expected, 1e-12)
	assert.InDelta(t, 0.75, *ia.Progress, 1e-12)
	assert.InDelta(t, 0.75, *ia.Score, 1e-12)
	assert.Equal(t, ProgressOnTrack, ia.ProgressStatus)

	// §2, standing obligation 43.2
	st := &Indicator{ID: "43.2", Unit: "percent", Direction: Increase, Target: num(100), TargetYear: 2021, TargetEachYear: true}
	ia = scoreAt(st, 2024, map[int]float64{2021: 40, 2024: 44}, def)
	assert.InDelta(t, 1, *ia.ExpectedProgress, 0)
	assert.InDelta(t, 100, *ia.Expected, 1e-12)
	assert.Equal(t, "0.0667", fnum(*ia.Progress))
	assert.Equal(t, ProgressNeedsAcceleration, ia.ProgressStatus)

	// §2, target met at baseline: 14.3
	past := &Indicator{ID: "14.3", Unit: "states", Direction: Decrease, Target: num(0), TargetYear: 2021, TargetEachYear: true}
	ia = scoreAt(past, 2024, map[int]float64{2021: 0, 2024: 1}, def)
	assert.InDelta(t, 0, *ia.Progress, 0)
	assert.InDelta(t, 0, *ia.Score, 0)
	assert.Equal(t, ProgressRegressing, ia.ProgressStatus)
	ia = scoreAt(past, 2024, map[int]float64{2021: 0, 2024: 0}, def)
	assert.InDelta(t, 1, *ia.Progress, 0)
	assert.Equal(t, ProgressAchieved, ia.ProgressStatus)
}

func TestMethodologyTrendAndBoundaries(t *testing.T) {
	def := DefaultScoring()
	ind := increaseTo(100, 2026)
	ind.Method = MethodTrend
	ia := scoreAt(ind, 2024, map[int]float64{2021: 10, 2022: 20, 2023: 30, 2024: 40}, def)
	require.NotNil(t, ia.Trend)
	assert.InDelta(t, 10, ia.Trend.Slope, 1e-12)
	assert.InDelta(t, 2022.5, ia.Trend.MeanYear, 1e-12)
	assert.InDelta(t, 25, ia.Trend.MeanValue, 1e-12)
	assert.InDelta(t, 60, ia.Trend.Projected, 1e-12)
	assert.Equal(t, "0.5556", fnum(*ia.Trend.Anticipated))
	assert.Equal(t, "0.3333", fnum(*ia.Progress))
	assert.Equal(t, ProgressNeedsAcceleration, ia.ProgressStatus)
	ia = scoreAt(ind, 2024, map[int]float64{2021: 10, 2022: 30, 2023: 50, 2024: 70}, def)
	assert.InDelta(t, 110, ia.Trend.Projected, 1e-12)
	assert.Equal(t, ProgressOnTrack, ia.ProgressStatus)

	lin := increaseTo(100, 2026)
	for _, c := range []struct {
		b, v float64
		want ProgressStatus
	}{{0, 57, ProgressOnTrack}, {0, 56.9, ProgressNeedsAcceleration}, {0, 0, ProgressNeedsAcceleration}, {40, 39.4, ProgressRegressing}} {
		ia := scoreAt(lin, 2024, map[int]float64{2021: c.b, 2024: c.v}, def)
		assert.Equal(t, c.want, ia.ProgressStatus, "B=%v V=%v", c.b, c.v)
	}
}

func TestMethodologyRollup(t *testing.T) {
	sc := DefaultScoring()
	f := num(0.6)
	r := newRollup([]rollItem{
		{status: ProgressAchieved, score: num(1), expected: f, weight: 2},
		{status: ProgressNeedsAcceleration, score: num(0.25), expected: f, weight: 1},
		{status: ProgressNoTarget, weight: 1},
	}, sc)
	assert.InDelta(t, 0.75, *r.Score, 1e-12)
	assert.InDelta(t, 0.6, *r.Expected, 1e-12)
	assert.Equal(t, ProgressOnTrack, r.Status)
	sec := newRollup([]rollItem{{status: r.Status, score: r.Score, expected: r.Expected, weight: 1},
		{status: ProgressNeedsAcceleration, score: num(0.45), expected: f, weight: 1}}, sc)
	assert.InDelta(t, 0.6, *sec.Score, 1e-12)
}

func TestMethodologyDeadline(t *testing.T) {
	dl := MustDate("2027-06-01")
	assert.Equal(t, "2027.4164", fnum(yearFraction(dl)))
	pr := Project(ProjectionInput{Remaining: 400, RemainingYear: 2024, Rate: 200, Deadline: dl, MarginYears: 1})
	assert.InDelta(t, 2, *pr.YearsNeeded, 0)
	assert.Equal(t, 2026, *pr.CompletionYear)
	assert.Equal(t, "165.5329", fnum(*pr.RateNeeded))
	assert.Equal(t, ProjectionAtRisk, pr.Status)
	// the same through Assess, from AAA's facts
	a, err := loadAssessPlan(t).Assess(context.Background(), assessData(t), 2024)
	require.NoError(t, err)
	aaa := a.Deadlines[0]
	assert.Equal(t, "AAA", aaa.ISO3)
	assert.InDelta(t, 200, *aaa.Rate, 0)
	assert.Equal(t, pr, aaa.Projection)
	assert.Contains(t, aaa.Reason, "meeting the deadline of 1 June 2027 takes 166 munitions a year", "three significant digits in the note")
}

// TestMethodologyEpisodes reproduces §5.1's worked example: AAA's Article 4 obligation with two
// extensions decided in 2021, completed in May 2023, and contamination found and cleared in 2024.
func TestMethodologyEpisodes(t *testing.T) {
	states := "iso3,name,region,signed,ratified,entry_into_force,withdrawn\nAAA,Atlantis,europe,2008-12-03,2010-12-01,2011-06-01,\n"
	rows := func(completed string) string {
		return "iso3,year,field,value,source,recorded\n" +
			"AAA,2011,art4_obligation_start,2011-06-01,entry into force,\n" +
			"AAA,2011,art4_deadline,2021-06-01,treaty,\n" +
			"AAA,2021,art4_deadline,2022-06-01,February decision,2021-02\n" +
			"AAA,2021,art4_deadline,2023-06-01,September decision,2021-09-20\n" +
			"AAA,2023,art4_completed_date," + completed + ",declaration,\n" +
			"AAA,2024,art4_obligation_start,2024-02-06,contamination found,\n" +
			"AAA,2024,art4_completed_date,2024-05-31,cleared,\n"
	}
	load := func(completed string) *Dataset {
		ds, err := LoadDataset(dataFS(states, rows(completed)), ".")
		require.NoError(t, err)
		return ds
	}
	env := func(ds *Dataset, year int, asOf string) (ruleEnv, []episode) {
		var se stateEnv
		ds.build(0, frame{year: year, asOf: MustDate(asOf), counting: CountingDeposit, adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
		return se.env, se.eps4
	}
	ds := load("2023-05")
	// 2023: completed in May, on or before the 2023-06-01 deadline in force since September 2021
	e, eps := env(ds, 2023, "2026-06-30")
	require.Len(t, eps, 1)
	R := MustDate("2023-12-31")
	assert.Equal(t, "2023-06-01", eps[0].deadlineShown(R).String())
	assert.Equal(t, VerdictYes, eps[0].verdict(R))
	_, words, _ := eps[0].describe(4, VerdictYes, R)
	assert.Equal(t, "completed on time", words.String())
	assert.Equal(t, true, *e.Art4CompletedOnTime)
	// had the source said only 2023: not known
	e, eps = env(load("2023"), 2023, "2026-06-30")
	assert.Equal(t, VerdictUnknown, eps[0].verdict(R))
	assert.Nil(t, e.Art4CompletedOnTime)
	// end of 2022: open, the deadline ahead
	e, eps = env(ds, 2022, "2026-06-30")
	assert.Equal(t, VerdictPending, eps[0].verdict(MustDate("2022-12-31")))
	assert.Equal(t, false, *e.Art4PastDeadline)
	// 10 September 2021: February's 2022-06-01 in force, still ahead
	e, eps = env(ds, 2021, "2021-09-10")
	assert.Equal(t, "2022-06-01", eps[0].deadlineShown(MustDate("2021-09-10")).String())
	assert.Equal(t, false, *e.Art4PastDeadline)
	// 2024: episode 2, found 2024-02-06 and cleared 2024-05-31, no deadline of its own
	p := shippedPlan(t)
	a, err := p.Assess(context.Background(), ds, 2024, AsOf(MustDate("2026-06-30")))
	require.NoError(t, err)
	require.Len(t, a.Obligations, 2)
	e1, e2 := a.Obligations[0], a.Obligations[1]
	assert.Equal(t, "2023-05", e1.Completed.String(), "episode 1 keeps its completion")
	assert.Equal(t, VerdictYes, e1.DeadlineMet)
	assert.Equal(t, 2, e2.Episode)
	assert.Equal(t, VerdictNone, e2.DeadlineMet)
	assert.Equal(t, 3, *e2.MonthsToComplete)
	assert.Equal(t, "completed 3 months after it was found", e2.StatusText)
	e, _ = env(ds, 2024, "2026-06-30")
	assert.True(t, e.Art4NewObligationInYear)
	assert.True(t, e.Art4ObligationInYear)
	assert.False(t, e.Art4CompletedWithDeadlineInYear)
	assert.Nil(t, e.Art4CompletedOnTime)
	ia, _ := a.Indicator("25.2")
	assert.Zero(t, ia.Population, "25.2 leaves AAA out in 2024")
}

// TestMethodologyExtensionRequest reproduces §5.1's worked example on extension requests: BBB's
// deadline of 1 March 2025 passes while its 2024 request has no recorded decision.
func TestMethodologyExtensionRequest(t *testing.T) {
	states := "iso3,name,region,signed,ratified,entry_into_force,withdrawn\nBBB,Borduria,europe,2008-12-03,2014-09-10,2015-03-01,\n"
	base := "iso3,year,field,value,source,recorded\n" +
		"BBB,2015,art4_obligation_start,2015-03-01,entry into force,\n" +
		"BBB,2015,art4_deadline,2025-03-01,treaty,\n" +
		"BBB,2024,art4_extension_requested,true,MSP documents,\n" +
		"BBB,2024,art4_area_cleared_m2,300000,Article 7,\n" +
		"BBB,2024,art4_area_remaining_m2,1200000,Article 7,\n" +
		"BBB,2025,art4_area_cleared_m2,300000,Article 7,\n" +
		"BBB,2025,art4_area_remaining_m2,900000,Article 7,\n"
	p := shippedPlan(t)
	assess := func(rows string, year int) (ObligationEpisode, ruleEnv) {
		ds, err := LoadDataset(dataFS(states, base+rows), ".")
		require.NoError(t, err)
		a, err := p.Assess(context.Background(), ds, year, AsOf(MustDate("2026-06-30")))
		require.NoError(t, err)
		require.Len(t, a.Obligations, 1)
		var se stateEnv
		ds.build(0, frame{year: year, asOf: MustDate("2026-06-30"), counting: CountingDeposit, adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
		return a.Obligations[0], se.env
	}
	// 2024: the deadline is ahead; the request changes nothing
	oe, env := assess("", 2024)
	assert.Equal(t, VerdictPending, oe.DeadlineMet)
	assert.Equal(t, "open, deadline ahead", oe.StatusText)
	assert.Equal(t, false, *env.Art4PastDeadline)
	require.NotNil(t, oe.Projection)
	assert.Equal(t, 2028, *oe.Projection.CompletionYear)
	assert.Equal(t, "no further extension: the deadline in force, 1 March 2025, stays (extension requested in 2024, no decision recorded)", oe.Projection.Assumptions[0])
	// 2025: 1 March 2025 has passed while the request awaits a decision
	oe, env = assess("", 2025)
	assert.Equal(t, VerdictUnknown, oe.DeadlineMet)
	assert.Equal(t, "open; deadline not known (extension requested in 2024, no decision recorded)", oe.StatusText)
	assert.Equal(t, "2025-03-01", oe.Deadline.String(), "the last deadline recorded")
	assert.Nil(t, env.Art4PastDeadline)
	assert.Nil(t, env.Art4ProjectedToMiss)
	assert.Equal(t, ProjectionNotKnown, oe.Projection.Status)
	assert.Equal(t, "900,000 m² remaining at the end of 2025; at 300,000 m² a year (mean of 2 years) it takes 3 years, completing in 2028; "+
		"the deadline that applies is not known: the last recorded, 1 March 2025, has passed and the extension requested in 2024 has no recorded decision", oe.Projection.Reason)
	// refused in 2025: past the deadline, and the detail says so
	oe, env = assess("BBB,2025,art4_extension_granted,false,13MSP,\n", 2025)
	assert.Equal(t, VerdictNo, oe.DeadlineMet)
	assert.Equal(t, "open, past the deadline", oe.StatusText)
	assert.Contains(t, oe.Detail, "extension requested in 2024, not granted (2025)")
	assert.Equal(t, true, *env.Art4PastDeadline)
	// granted in 2025 with a new deadline: pending against it
	oe, _ = assess("BBB,2025,art4_extension_granted,true,13MSP,\nBBB,2025,art4_deadline,2029-03-01,13MSP,\n", 2025)
	assert.Equal(t, VerdictPending, oe.DeadlineMet)
	assert.Equal(t, "2029-03-01", oe.Deadline.String())
}
