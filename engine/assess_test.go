package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assessPlan is a small plan with every scoring case: a decreasing count with target 0, an
// informational sum, a weighted trend indicator and a standing obligation.
var assessPlan = fstest.MapFS{
	"plan.toml": {Data: []byte(`name = "Assess test"
version = "1"
baseline_year = 2021
target_year = 2026

[scoring]
on_track = 0.95
deadline_rate_years = 2
# four States: score shares over any number of them; weigh sections alike
min_population = 1
weighting = "equal"

[[section]]
key = "stockpiles"
title = "Stockpiles and clearance"
first_action = 1
last_action = 2

[[section]]
key = "transparency"
title = "Transparency"
first_action = 3
last_action = 3

[[section]]
key = "empty"
title = "Nothing measurable"
first_action = 4
last_action = 4
`)},
	"a01.toml": {Data: []byte(`number = 1
section = "stockpiles"
title = "Destroy stockpiles"
provenance = "reconstructed"
section_provenance = "found"

[[indicator]]
id = "1.1"
title = "Destruction outstanding"
definition = "States Parties with Article 3 destruction outstanding."
population = 'party'
rule = 'art3_outstanding'
aggregate = "count"
unit = "states"
direction = "decrease"
target = 0.0
target_year = 2026
fields = ["party", "art3_outstanding"]
provenance = "proposed"

[[indicator]]
id = "1.2"
title = "Stock held"
definition = "Cluster munitions held for destruction."
population = 'art3_outstanding'
rule = 'art3_stock_munitions'
aggregate = "sum"
unit = "munitions"
direction = "decrease"
fields = ["art3_outstanding", "art3_stock_munitions"]
provenance = "proposed"
`)},
	"a02.toml": {Data: []byte(`number = 2
section = "stockpiles"
title = "Plan clearance"
provenance = "reconstructed"
section_provenance = "found"

[[indicator]]
id = "2.1"
title = "Clearance strategy"
definition = "Share of States with clearance outstanding that have a national strategy."
population = 'art4_outstanding'
rule = 'art4_national_strategy'
aggregate = "share"
unit = "percent"
direction = "increase"
target = 100.0
target_year = 2026
method = "trend"
weight = 2.0
fields = ["art4_outstanding", "art4_national_strategy"]
provenance = "proposed"
`)},
	"a03.toml": {Data: []byte(`number = 3
section = "transparency"
title = "Report on time"
provenance = "inferred"
section_provenance = "found"

[[indicator]]
id = "3.1"
title = "Annual reports on time"
definition = "Share of States Parties owing an annual report that sent it on time."
population = 'annual_report_due'
rule = 'annual_report_on_time'
aggregate = "share"
unit = "percent"
direction = "increase"
target = 100.0
target_year = 2021
target_each_year = true
fields = ["annual_report_due", "annual_report_on_time"]
provenance = "proposed"
`)},
	"a04.toml": {Data: []byte(`number = 4
section = "empty"
title = "Count the meetings"
provenance = "reconstructed"
section_provenance = "reconstructed"

[[indicator]]
id = "4.1"
title = "States Parties"
definition = "States Parties."
population = 'true'
rule = 'party'
aggregate = "count"
unit = "states"
direction = "increase"
fields = ["party"]
provenance = "proposed"
`)},
}

// assessData: four States Parties since 2011.
//   - AAA destroys 200 munitions a year, 400 left at the end of 2024, deadline extended to
//     2027-06-01: at risk.
//   - BBB completed destruction on 2022-03-01, after its 2019-06-01 deadline.
//   - CCC clears 100 000 m2 in 2023 and 150 000 + 50 000 by survey in 2024, 1 000 000 m2 left,
//     deadline 2026-06-01: will miss.
//   - DDD has an Article 4 obligation with no figures: no data.
func assessData(t testing.TB) *Dataset {
	t.Helper()
	var states []State
	for _, iso := range []string{"AAA", "BBB", "CCC", "DDD"} {
		states = append(states, State{ISO3: iso, Name: "State " + iso, Region: "europe", Signed: MustDate("2008-12-03"),
			Ratified: MustDate("2010-12-01"), EntryIntoForce: MustDate("2011-06-01"), File: "states.csv", Line: len(states) + 2})
	}
	rows := [][3]string{}
	add := func(iso, year, field, value string) { rows = append(rows, [3]string{iso + "|" + year, field, value}) }
	for _, iso := range []string{"AAA", "BBB", "CCC", "DDD"} {
		add(iso, "", "art7_initial_submitted", "2011-11-01")
	}
	add("AAA", "2011", "art3_obligation_start", "2011-06-01")
	add("AAA", "2011", "art3_deadline", "2019-06-01")
	add("AAA", "2019", "art3_deadline", "2027-06-01")
	for y, v := range map[string]string{"2021": "1000", "2022": "800", "2023": "600", "2024": "400"} {
		add("AAA", y, "art3_stock_munitions", v)
	}
	for _, y := range []string{"2022", "2023", "2024"} {
		add("AAA", y, "art3_destroyed_munitions", "200")
	}
	add("BBB", "2011", "art3_obligation_start", "2011-06-01")
	add("BBB", "2011", "art3_deadline", "2019-06-01")
	add("BBB", "2021", "art3_stock_munitions", "50")
	add("BBB", "2022", "art3_completed_date", "2022-03-01")
	add("BBB", "2025", "art3_compliance_declared_date", "2025-06-30") // the latest date: as_of
	add("CCC", "2011", "art4_obligation_start", "2011-06-01")
	add("CCC", "2011", "art4_deadline", "2021-06-01")
	add("CCC", "2020", "art4_deadline", "2026-06-01")
	add("CCC", "2021", "art4_national_strategy", "false")
	add("CCC", "2023", "art4_national_strategy", "true")
	add("CCC", "2023", "art4_area_cleared_m2", "100000")
	add("CCC", "2024", "art4_area_cleared_m2", "150000")
	add("CCC", "2024", "art4_area_released_survey_m2", "50000")
	add("CCC", "2024", "art4_area_remaining_m2", "1000000")
	add("DDD", "2012", "art4_obligation_start", "2012-01-01")
	add("DDD", "2012", "art4_deadline", "2022-01-01")
	add("DDD", "2021", "art4_national_strategy", "false")
	add("AAA", "2015", "art9_legislation", "specific")
	add("BBB", "2015", "art9_legislation", "in-progress")
	// annual reports: AAA always on time; BBB late for 2022; CCC never; DDD from 2024
	for _, y := range []string{"2021", "2022", "2023", "2024"} {
		next := map[string]string{"2021": "2022", "2022": "2023", "2023": "2024", "2024": "2025"}[y]
		add("AAA", y, "art7_annual_submitted", next+"-04-01")
		if y == "2022" {
			add("BBB", y, "art7_annual_submitted", next+"-06-01")
		} else {
			add("BBB", y, "art7_annual_submitted", next+"-04-15")
		}
	}
	add("DDD", "2024", "art7_annual_submitted", "2025-04-30")
	var facts []Fact
	for i, r := range rows {
		isoYear := strings.SplitN(r[0], "|", 2)
		f := Fact{ISO3: isoYear[0], Field: r[1], Value: r[2], Source: "test", File: "facts.csv", Line: i + 2}
		if isoYear[1] != "" {
			f.Year = atoiT(t, isoYear[1])
		}
		facts = append(facts, f)
	}
	ds, err := NewDataset(states, facts)
	require.NoError(t, err)
	return ds
}

func atoiT(t testing.TB, s string) int {
	n := 0
	for _, c := range s {
		require.True(t, c >= '0' && c <= '9', s)
		n = n*10 + int(c-'0')
	}
	return n
}

func loadAssessPlan(t testing.TB) *Plan {
	t.Helper()
	p, err := Load(assessPlan)
	require.NoError(t, err)
	return p
}

func TestAssess(t *testing.T) {
	p := loadAssessPlan(t)
	ds := assessData(t)
	a, err := p.Assess(context.Background(), ds, 2024)
	require.NoError(t, err)
	assert.Equal(t, 2024, a.Year)
	assert.Equal(t, "2025-06-30", a.AsOf)
	assert.Equal(t, 2, a.Scoring.DeadlineRateYears, "from [scoring]")
	assert.Equal(t, DefaultScoring().TrendOnTrack, a.Scoring.TrendOnTrack, "default for a key the table leaves out")

	ind := func(id string) IndicatorAssessment {
		ia, ok := a.Indicator(id)
		require.True(t, ok, id)
		return ia
	}
	// 1.1: 2 States outstanding in 2021 (AAA, BBB), 1 in 2024: progress 0.5 against 0.6 expected
	i11 := ind("1.1")
	assert.Equal(t, ProgressNeedsAcceleration, i11.ProgressStatus, i11.Reason)
	assert.InDelta(t, 2, *i11.Baseline, 0)
	assert.InDelta(t, 0.5, *i11.Progress, 1e-12)
	assert.InDelta(t, 0.8, *i11.Expected, 1e-12)
	assert.InDelta(t, 1, *i11.Previous, 0)
	var vals []float64
	for _, yv := range i11.Series {
		vals = append(vals, *yv.Value)
	}
	assert.Equal(t, []float64{2, 1, 1, 1}, vals)
	assert.Equal(t, 2021, i11.Series[0].Year)
	assert.Equal(t, ClassUnstated, i11.Series[0].Class)
	// 1.2 has no target: informational, not scored
	assert.Equal(t, ProgressNoTarget, ind("1.2").ProgressStatus)
	assert.Nil(t, ind("1.2").Score)
	// 2.1: 0% (CCC false; DDD false) in 2021 and 2022, 50% in 2023 and 2024: the line through
	// 0, 0, 50, 50 rises 20 a year through (2022.5, 25), so 2026 projects to 25 + 20 x 3.5 = 95
	i21 := ind("2.1")
	assert.Equal(t, MethodTrend, i21.Method)
	assert.InDelta(t, 2, i21.Weight, 0)
	require.NotNil(t, i21.Trend)
	assert.InDelta(t, 20, i21.Trend.Slope, 1e-9)
	assert.InDelta(t, 95, i21.Trend.Projected, 1e-9)
	assert.Equal(t, ProgressOnTrack, i21.ProgressStatus, i21.Reason)
	assert.InDelta(t, 0.5, *i21.Score, 1e-12)
	// 3.1: 50% on time in 2021 (AAA, BBB of four), 75% in 2024 (DDD joins): standing obligation
	i31 := ind("3.1")
	assert.InDelta(t, 50, *i31.Baseline, 1e-12)
	assert.InDelta(t, 75, *i31.Value, 1e-12)
	assert.Equal(t, ProgressNeedsAcceleration, i31.ProgressStatus)

	// roll-ups: action 1 = 0.5 (1.2 left out); action 2 = 0.5; section = mean of actions
	require.Len(t, a.Actions, 4)
	a1, _ := a.Action(1)
	assert.InDelta(t, 0.5, *a1.Score, 1e-12)
	assert.Equal(t, 2, a1.Indicators)
	assert.Equal(t, 1, a1.IndicatorsScored)
	assert.Equal(t, 1, a1.ProgressCounts.NoTarget)
	require.Len(t, a.Sections, 3)
	s0 := a.Sections[0]
	assert.Equal(t, "stockpiles", s0.Key)
	assert.InDelta(t, 0.5, *s0.Score, 1e-12)
	assert.InDelta(t, 0.6, *s0.Expected, 1e-12)
	assert.Equal(t, 2, s0.ActionsScored)
	assert.Equal(t, 3, s0.Indicators)
	s2 := a.Sections[2]
	assert.Equal(t, ProgressNoTarget, s2.Status)
	assert.Nil(t, s2.Score, "a section with nothing scored has no score, not zero")
	// overall: mean of stockpiles 0.5 and transparency 0.5; the empty section is left out
	assert.InDelta(t, 0.5, *a.Overall.Score, 1e-12)
	assert.Equal(t, 3, a.Overall.Sections)
	assert.Equal(t, 2, a.Overall.SectionsScored)
	assert.Equal(t, 5, a.Overall.Indicators)
	assert.Equal(t, 3, a.Overall.IndicatorsScored)
	assert.Equal(t, ProgressCounts{OnTrack: 1, NeedsAcceleration: 2, NoTarget: 2}, a.Overall.ProgressCounts)

	// deadlines, sorted by State
	require.Len(t, a.Deadlines, 3)
	aaa, ccc, ddd := a.Deadlines[0], a.Deadlines[1], a.Deadlines[2]
	assert.Equal(t, "AAA", aaa.ISO3)
	assert.Equal(t, 3, aaa.Article)
	assert.Equal(t, "2027-06-01", aaa.Deadline, "the extended deadline")
	assert.InDelta(t, 400, *aaa.Remaining, 0)
	assert.InDelta(t, 200, *aaa.Rate, 0)
	assert.Len(t, aaa.RateYears, 2, "deadline_rate_years = 2")
	assert.Equal(t, 2026, *aaa.CompletionYear)
	assert.Equal(t, ProjectionAtRisk, aaa.Status, aaa.Reason)
	assert.Equal(t, "CCC", ccc.ISO3)
	assert.Equal(t, 4, ccc.Article)
	assert.InDelta(t, 150000, *ccc.Rate, 0, "mean of 100 000 and 150 000 + 50 000 by survey")
	assert.Equal(t, ProjectionWillMiss, ccc.Status, ccc.Reason)
	assert.InDelta(t, 1e6/(1+152.0/365), *ccc.RateNeeded, 1e-6)
	assert.Equal(t, "DDD", ddd.ISO3)
	assert.Equal(t, ProjectionNoData, ddd.Status)
	assert.Nil(t, ddd.Remaining, "no data is not zero")

	// per-State view
	require.Len(t, a.States, 4)
	obl := func(sv StateView, art int) Obligation {
		for _, o := range sv.Obligations {
			if o.Article == art {
				return o
			}
		}
		t.Fatalf("%s has no Article %d obligation", sv.ISO3, art)
		return Obligation{}
	}
	assert.Equal(t, ObligationOpen, obl(a.States[0], 3).Status)
	assert.Equal(t, "2027-06-01", obl(a.States[0], 3).Deadline)
	assert.Equal(t, VerdictPending, obl(a.States[0], 3).DeadlineMet, "the deadline is ahead")
	assert.Equal(t, "open, deadline ahead", obl(a.States[0], 3).StatusText, "never 'not met' beside a deadline ahead")
	assert.Equal(t, ObligationSpecificLegislation, obl(a.States[0], 9).Status)
	assert.Equal(t, "specific legislation", obl(a.States[0], 9).StatusText)
	a7 := obl(a.States[0], 7)
	assert.Equal(t, ObligationAnnualReportOnTime, a7.Status)
	assert.Equal(t, "initial report received (1 November 2011); annual report for 2024 received on time (1 April 2025)", a7.StatusText)
	assert.Equal(t, VerdictYes, a7.DeadlineMet)
	b3 := obl(a.States[1], 3)
	assert.Equal(t, ObligationCompleted, b3.Status)
	assert.Equal(t, VerdictNo, b3.DeadlineMet, "completed 2022-03-01 after the 2019-06-01 deadline")
	assert.Equal(t, "completed after the deadline", b3.StatusText)
	assert.Equal(t, ObligationLegislationInProgress, obl(a.States[1], 9).Status)
	assert.Equal(t, "legislation in progress", obl(a.States[1], 9).StatusText)
	c7 := obl(a.States[2], 7)
	assert.Equal(t, ObligationAnnualReportNotReceived, c7.Status, "CCC never reported")
	assert.Equal(t, "initial report received (1 November 2011); annual report for 2024 not received (deadline 30 April 2025 passed)", c7.StatusText)
	assert.Equal(t, VerdictNo, c7.DeadlineMet)
	assert.Equal(t, ObligationNotAssessed, obl(a.States[2], 9).Status)
	assert.Equal(t, "not assessed", obl(a.States[2], 9).StatusText)
	for _, sv := range a.States {
		for _, o := range sv.Obligations {
			for _, verdict := range []string{"met", "not met", "not-met"} {
				assert.NotEqual(t, verdict, o.StatusText, "%s article %d", sv.ISO3, o.Article)
				assert.NotEqual(t, ObligationStatus(verdict), o.Status, "%s article %d", sv.ISO3, o.Article)
			}
		}
	}
	d4 := obl(a.States[3], 4)
	assert.Equal(t, ObligationOpen, d4.Status)
	assert.Equal(t, VerdictNo, d4.DeadlineMet, "2022-01-01 has passed")
	assert.Equal(t, "open, past the deadline", d4.StatusText)
	for _, o := range a.States[0].Obligations {
		assert.NotEqual(t, 4, o.Article, "AAA has no Article 4 obligation")
	}
	assert.Equal(t, []string{"1.1", "1.2", "3.1", "4.1"}, a.States[0].CountedIn, "a sum counts the States that gave a number")
	assert.Equal(t, []string{"2.1", "4.1"}, a.States[2].CountedIn)
	assert.Equal(t, []string{"1.1", "3.1"}, a.States[2].NotCountedIn)
}

func TestAssessDeterministic(t *testing.T) {
	p := loadAssessPlan(t)
	ds := assessData(t)
	var outs []string
	for i := 0; i < 3; i++ {
		a, err := p.Assess(context.Background(), ds, 2024)
		require.NoError(t, err)
		b, err := json.Marshal(a)
		require.NoError(t, err)
		outs = append(outs, string(b))
	}
	assert.Equal(t, outs[0], outs[1])
	assert.Equal(t, outs[0], outs[2])
}

func TestAssessJSONFields(t *testing.T) {
	p := loadAssessPlan(t)
	a, err := p.Assess(context.Background(), assessData(t), 2024)
	require.NoError(t, err)
	b, err := json.Marshal(a)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	for _, k := range []string{"plan", "counting", "as_of", "year", "indicators", "actions", "sections", "overall", "states", "deadlines"} {
		assert.Contains(t, doc, k)
	}
	ind := doc["indicators"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "value", "population", "baseline", "target", "expected", "progress", "progress_status", "method", "series", "previous", "weight", "score"} {
		assert.Contains(t, ind, k)
	}
	act := doc["actions"].([]any)[0].(map[string]any)
	for _, k := range []string{"number", "section", "title", "provenance", "score", "indicators_scored", "status_counts"} {
		assert.Contains(t, act, k)
	}
}

func TestAssessErrors(t *testing.T) {
	p := loadAssessPlan(t)
	_, err := p.Assess(context.Background(), nil, 2024)
	assert.ErrorIs(t, err, ErrNilDataset)
	_, err = p.Assess(context.Background(), assessData(t), 2030)
	assert.ErrorIs(t, err, ErrYearAfter)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = p.Assess(ctx, assessData(t), 2024)
	assert.True(t, errors.Is(err, context.Canceled), err)
}

func TestAssessWithScoring(t *testing.T) {
	p := loadAssessPlan(t)
	sc := p.Scoring()
	sc.OnTrack = 0.8 // 1.1: progress 0.5 >= 0.8 x 0.6 = 0.48
	a, err := p.Assess(context.Background(), assessData(t), 2024, WithScoring(sc))
	require.NoError(t, err)
	ia, _ := a.Indicator("1.1")
	assert.Equal(t, ProgressOnTrack, ia.ProgressStatus)
	assert.InDelta(t, 0.8, a.Scoring.OnTrack, 0)
}

func TestAssessBeforeBaseline(t *testing.T) {
	p := loadAssessPlan(t)
	a, err := p.Assess(context.Background(), assessData(t), 2020)
	require.NoError(t, err)
	ia, _ := a.Indicator("1.1")
	assert.Equal(t, ProgressInsufficientData, ia.ProgressStatus, "no baseline before the baseline year")
	assert.Len(t, ia.Series, 2, "the year itself and the year before, for a direction of travel")
	assert.Equal(t, 2019, ia.Series[0].Year)
}

func TestExplain(t *testing.T) {
	p := loadAssessPlan(t)
	ex, err := p.Explain(context.Background(), assessData(t), "1.1", 2024)
	require.NoError(t, err)
	assert.Equal(t, "party", ex.Population)
	assert.Equal(t, "art3_outstanding", ex.Rule)
	assert.Equal(t, "a01.toml", ex.File)
	require.Len(t, ex.Indicator.States, 4, "every State is traced")
	aaa := ex.Indicator.States[0]
	assert.True(t, aaa.InPopulation)
	assert.Equal(t, true, aaa.Result)
	assert.Equal(t, []string{
		"target: 0 states by 2026; direction decrease",
		"baseline: 2021 = 2",
		"expected progress = (year - baseline year) / (target year - baseline year) = (2024 - 2021) / (2026 - 2021) = 0.6, within [0, 1]",
		"expected = baseline + expected progress x (target - baseline) = 2 + 0.6 x (0 - 2) = 0.8",
		"value: 2024 = 1",
		"progress = (value - baseline) / (target - baseline) = (1 - 2) / (0 - 2) = 0.5",
		"score = progress capped to [0, 1] = 0.5",
		"regressing when progress < regressing = 0; on track when progress >= on_track x expected progress = 0.95 x 0.6 = 0.57",
		"status: needs-acceleration: 50% of the way from the 2021 baseline to the target, short of the 57% needed to be on track in 2024 (95% of the 60% expected by then)",
	}, ex.Steps)
	assert.Equal(t, ProgressNeedsAcceleration, ex.Indicator.ProgressStatus)

	_, err = p.Explain(context.Background(), assessData(t), "9.9", 2024)
	assert.ErrorIs(t, err, ErrUnknownIndicator)
}

func TestExplainDerivedInputs(t *testing.T) {
	p := loadAssessPlan(t)
	ds := assessData(t)
	ex, err := p.Explain(context.Background(), ds, "3.1", 2024, AsOf(MustDate("2025-04-29")))
	require.NoError(t, err)
	require.Len(t, ex.DerivedInputs, 4)
	byField := func(si StateInputs, field string) []FieldRead {
		var out []FieldRead
		for _, fr := range si.Reads {
			if fr.Field == field {
				out = append(out, fr)
			}
		}
		return out
	}
	aaa := ex.DerivedInputs[0]
	assert.Equal(t, "AAA", aaa.ISO3)
	sub := byField(aaa, "art7_annual_submitted")
	require.Len(t, sub, 1, "only the fact for 2024")
	assert.Equal(t, "2025-04-01", sub[0].Value)
	assert.Regexp(t, `^facts\.csv:\d+$`, sub[0].Origin)
	assert.Equal(t, "test", sub[0].Source)
	eif := byField(aaa, "entry_into_force")
	require.Len(t, eif, 1)
	assert.Equal(t, "2011-06-01", eif[0].Value)
	assert.Equal(t, "states.csv:2", eif[0].Origin)
	// DDD's report is dated after as_of: shown, marked unseen
	ddd := byField(ex.DerivedInputs[3], "art7_annual_submitted")
	require.Len(t, ddd, 1)
	assert.Contains(t, ddd[0].Origin, "after as_of: not seen")
	// CCC has no report: absent, not zero
	ccc := byField(ex.DerivedInputs[2], "art7_annual_submitted")
	assert.Equal(t, []FieldRead{{Field: "art7_annual_submitted", Origin: "absent"}}, ccc)
}

func TestBaseInputs(t *testing.T) {
	assert.Equal(t, []string{"art3_completed_date", "art3_obligation_start", "entry_into_force", "ratified", "withdrawn"},
		baseInputs([]string{"art3_outstanding"}))
	assert.Equal(t, []string{"art7_initial_submitted"}, baseInputs([]string{"initial_report_submitted"}))
	assert.Empty(t, baseInputs([]string{"year"}))
}

// AssessYears gives what Assess gives for each year of the range, evaluating each year once.
func TestAssessYearsEqualsAssess(t *testing.T) {
	p, ds := benchSetup(t)
	ctx := context.Background()
	for _, c := range []Counting{CountingDeposit, CountingEntryIntoForce} {
		got, err := p.AssessYears(ctx, ds, 2006, 2025, WithCounting(c))
		require.NoError(t, err)
		require.Len(t, got, 20)
		for i, a := range got {
			// the year as the assessment of 2025 sees it: at its own lag, corrected to as_of
			want, err := p.Assess(ctx, ds, 2006+i, WithCounting(c), AsOf(ds.latest.YearsBefore(19-i)), correctedTo(ds.latest))
			require.NoError(t, err)
			require.Equal(t, assessmentContent(want), assessmentContent(a), "%d, %s", 2006+i, c)
		}
	}
	_, err := p.AssessYears(ctx, ds, 2025, 2028)
	_, want := p.Assess(ctx, ds, 2027)
	require.Error(t, want)
	require.EqualError(t, err, want.Error(), "the error of the first year that fails")
	_, err = p.AssessYears(ctx, ds, 2025, 2024)
	require.ErrorContains(t, err, "empty")
}

// TestAssessSeriesAtEqualLags: an assessment of 2025 at the 2025 report's cut-off sees each
// earlier year the same time after its end (docs/methodology.md §1.3, "Every year at the same
// lag"): every year's value in the series is the value that year had at its own cut-off, A
// shifted back (Evaluate at that day, computed apart), except where a correction recorded
// after that day and by A applies. The sample holds three such corrections (facts.csv
// 9806-9808: DEU's 2022 and LAO's 2023 cleared area, IRQ's 2024 remaining area). 44.1 (due
// initial reports sent) counts a report's absence as "no": late 2021 reports raised its revised
// 2021 value to 77.3%, which made 73.7% in 2025 "regressing"; seen at the same lag, 2021 was
// 59.1% (13 of 22) and 2025 is no regression.
func TestAssessSeriesAtEqualLags(t *testing.T) {
	p, ds := benchSetup(t)
	ctx := context.Background()
	A := MustDate("2026-06-30")
	a, err := p.Assess(ctx, ds, 2025, AsOf(A))
	require.NoError(t, err)
	assert.Equal(t, "2026-06-30", a.AsOf)
	corrected := map[string]bool{"21.1 2022": true, "19.3 2022": true, "21.1 2023": true, "24.2 2024": true}
	for y := p.firstYear(2025); y <= 2025; y++ {
		V := A.YearsBefore(2025 - y)
		then, err := p.Evaluate(ctx, ds, y, AsOf(V))
		require.NoError(t, err)
		fixed, err := p.Evaluate(ctx, ds, y, AsOf(V), correctedTo(A))
		require.NoError(t, err)
		for i, ia := range a.Indicators {
			k := slices.IndexFunc(ia.Series, func(yv YearValue) bool { return yv.Year == y })
			require.GreaterOrEqual(t, k, 0, "%s %d", ia.ID, y)
			key := fmt.Sprintf("%s %d", ia.ID, y)
			want := then.Indicators[i]
			require.Equal(t, ia.ID, want.ID)
			if corrected[key] {
				assert.NotEqual(t, fmtNum(want.Value), fmtNum(ia.Series[k].Value), "%s: a correction recorded after %s applies", key, V)
				want = fixed.Indicators[i]
			}
			assert.Equal(t, fmtNum(want.Value), fmtNum(ia.Series[k].Value), "%s seen at %s", key, V)
			assert.Equal(t, want.N, ia.Series[k].N, "%s seen at %s", key, V)
			assert.Equal(t, V.String(), ia.Series[k].AsOf, "%s: the point says the day its year is seen at", key)
		}
	}
	ia, ok := a.Indicator("44.1")
	require.True(t, ok)
	require.NotNil(t, ia.Baseline)
	assert.Equal(t, 2021, ia.BaselineYear)
	assert.InDelta(t, 100*13.0/22, *ia.Baseline, 1e-9, "2021 at 30 June 2022, not 77.3% with the late reports")
	require.NotNil(t, ia.Value)
	assert.InDelta(t, 73.68, *ia.Value, 0.01)
	assert.NotEqual(t, ProgressRegressing, ia.ProgressStatus, "59.1% -> 73.7% is progress")
	// the revised 2021 value (every report known at A) is what a run on 2021 at A gives
	r, err := p.Evaluate(ctx, ds, 2021, AsOf(A), Only(regexp.MustCompile(`^44\.1$`)))
	require.NoError(t, err)
	assert.InDelta(t, 100*17.0/22, *r.Indicators[0].Value, 1e-9)
}

// fmtNum is a value for a comparison message: "nil" or the number.
func fmtNum(v *float64) string {
	if v == nil {
		return "nil"
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}
