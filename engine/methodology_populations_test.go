package engine

import (
	"context"
	"math"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The worked examples of docs/methodology.md on unknowns, small numbers, coverage of sums,
// direction of travel and weights (issue 11), with their numbers.

// methodologyPlan is a plan of three sections: alpha (action 1: two shares of the same rule,
// one per unknown policy, and a count over an empty population), beta (action 2: a sum) and
// gamma (action 3: an indicator without a target).
func methodologyPlan(t *testing.T, scoring string) *Plan {
	t.Helper()
	plan := `name = "Methodology examples"
version = "1"
adopted = "2021-09-21"
baseline_year = 2021
target_year = 2026
` + scoring + `
[[section]]
key = "alpha"
title = "Alpha"
first_action = 1
last_action = 1

[[section]]
key = "beta"
title = "Beta"
first_action = 2
last_action = 2

[[section]]
key = "gamma"
title = "Gamma"
first_action = 3
last_action = 3
`
	a1 := `number = 1
section = "alpha"
title = "Ban investment"
provenance = "reconstructed"
section_provenance = "reconstructed"

[[indicator]]
id = "1.1"
title = "States Parties banning investment (of those with data)"
definition = "Share of the States Parties with a known position that ban investment."
population = 'party'
rule = 'art9_investment_ban'
aggregate = "share"
unit = "percent"
direction = "increase"
fields = ["party", "art9_investment_ban"]
provenance = "proposed"

[[indicator]]
id = "1.2"
title = "States Parties known to ban investment"
definition = "Share of all States Parties known to ban investment."
population = 'party'
rule = 'art9_investment_ban'
aggregate = "share"
unit = "percent"
direction = "increase"
fields = ["party", "art9_investment_ban"]
provenance = "proposed"
unknown = "as-false"

[[indicator]]
id = "1.3"
title = "Compliance concerns left unclarified"
definition = "States Parties alleged to have used cluster munitions that did not clarify."
population = 'party && (compliance_use_alleged ?? false)'
rule = '!compliance_clarified'
aggregate = "count"
unit = "states"
direction = "decrease"
target = 0.0
target_year = 2021
target_each_year = true
fields = ["party", "compliance_use_alleged", "compliance_clarified"]
provenance = "proposed"
`
	a2 := `number = 2
section = "beta"
title = "Clear"
provenance = "reconstructed"
section_provenance = "reconstructed"

[[indicator]]
id = "2.1"
title = "Area cleared"
definition = "Area cleared by the States Parties with an Article 4 obligation during the year."
population = 'art4_obligation_in_year'
rule = 'art4_area_cleared_m2'
aggregate = "sum"
unit = "m2"
direction = "increase"
fields = ["art4_obligation_in_year", "art4_area_cleared_m2"]
provenance = "proposed"
`
	a3 := `number = 3
section = "gamma"
title = "Join"
provenance = "reconstructed"
section_provenance = "reconstructed"

[[indicator]]
id = "3.1"
title = "States Parties"
definition = "States Parties at year end."
population = 'true'
rule = 'party'
aggregate = "count"
unit = "states"
direction = "increase"
fields = ["party"]
provenance = "proposed"
`
	p, err := Load(fstest.MapFS{"plan.toml": {Data: []byte(plan)}, "a01.toml": {Data: []byte(a1)},
		"a02.toml": {Data: []byte(a2)}, "a03.toml": {Data: []byte(a3)}})
	require.NoError(t, err)
	return p
}

// methodologyData: Germany bans investment, Lithuania does not, Nigeria and South Sudan have no
// known position; Germany, Lithuania and Nigeria clear land, Lithuania gives no figure for 2024.
func methodologyData(t *testing.T) *Dataset {
	return mustLoadData(t, ""+
		"DEU,2012,art9_investment_ban,true,law\n"+
		"LTU,2012,art9_investment_ban,false,law\n"+
		"DEU,2010,art4_obligation_start,2010-08-01,ISU\n"+
		"LTU,2011,art4_obligation_start,2011-09-01,ISU\n"+
		"NGA,2023,art4_obligation_start,2023-08-01,ISU\n"+
		"DEU,2023,art4_area_cleared_m2,1000,Form F\n"+
		"LTU,2023,art4_area_cleared_m2,500,Form F\n"+
		"NGA,2023,art4_area_cleared_m2,300,Form F\n"+
		"DEU,2024,art4_area_cleared_m2,1100,Form F\n"+
		"NGA,2024,art4_area_cleared_m2,400,Form F\n")
}

// §1.2: unknown = "exclude" against "as-false"; §1.5: small numbers and the empty population.
func TestMethodologyUnknownsAndSmallNumbers(t *testing.T) {
	ctx := context.Background()
	ds := methodologyData(t)
	asOf := AsOf(MustDate("2025-06-30"))

	// with min_population 1, both shares are scored-size values
	p := methodologyPlan(t, "[scoring]\nmin_population = 1\n")
	r, err := p.Evaluate(ctx, ds, 2024, asOf)
	require.NoError(t, err)
	ex, _ := r.Indicator("1.1")
	assert.InDelta(t, 50, *ex.Value, 1e-12)
	assert.Equal(t, "1 of the 2 with data", ex.KOfN())
	assert.Equal(t, []string{"NGA", "SSD"}, ex.NoData.List())
	af, _ := r.Indicator("1.2")
	assert.InDelta(t, 25, *af.Value, 1e-12)
	assert.Equal(t, "1 of 4", af.KOfN())
	assert.Equal(t, UnknownAsFalse, af.UnknownPolicy)

	// with the shipped min_population 5 both are too few to score
	p = methodologyPlan(t, "")
	a, err := p.Assess(ctx, ds, 2024, asOf)
	require.NoError(t, err)
	ia, _ := a.Indicator("1.2")
	assert.Equal(t, ValueTooFew, ia.Status)
	assert.Equal(t, ProgressTooFew, ia.ProgressStatus)
	assert.Equal(t, 4, ia.N)
	assert.Nil(t, ia.Score)
	// an empty population: 0 of 0, never achieved although 0 meets the target 0
	ia, _ = a.Indicator("1.3")
	assert.InDelta(t, 0, *ia.Value, 0)
	assert.Equal(t, "0 of 0", ia.KOfN())
	assert.Equal(t, ProgressTooFew, ia.ProgressStatus)
	assert.Nil(t, ia.Score)
	alpha := a.Sections[0]
	assert.Nil(t, alpha.Score, "alpha has nothing scored: no score")
}

// §1.6: coverage of sums.
func TestMethodologyCoverage(t *testing.T) {
	p := methodologyPlan(t, "")
	a, err := p.Assess(context.Background(), methodologyData(t), 2024, AsOf(MustDate("2025-06-30")))
	require.NoError(t, err)
	ia, _ := a.Indicator("2.1")
	assert.InDelta(t, 1500, *ia.Value, 0)
	assert.InDelta(t, 1800, *ia.Series[len(ia.Series)-2].Value, 0)
	assert.False(t, ia.Series[len(ia.Series)-2].CoverageFlag, "2023: 3 of 3 gave a figure")
	require.NotNil(t, ia.Coverage)
	assert.True(t, ia.CoverageFlag)
	assert.True(t, ia.Coverage.Low)
	assert.InDelta(t, 2.0/3, *ia.Coverage.Share, 1e-12)
	assert.Equal(t, []string{"LTU"}, ia.Coverage.Dropped)
	assert.Equal(t, []string{"LTU"}, ia.Coverage.Missing)
	assert.Equal(t, "only 2 of 3 States gave a figure (67%), fewer than the 80% a comparable total needs; no figure for 2024 from Lithuania, which gave one for 2023", ia.Coverage.Reason,
		"the reason names the State; Dropped keeps its code")
	assert.Equal(t, TrendInsufficientData, ia.TrendStatus)
}

// §3.1: direction of travel.
func TestMethodologyDirectionOfTravel(t *testing.T) {
	sc := DefaultScoring()
	travel := func(ind *Indicator, year int, vals map[int]float64) *Travel {
		var s []YearValue
		for y := year - 5; y <= year; y++ {
			yv := YearValue{Year: y}
			if v, ok := vals[y]; ok {
				yv.Value = num(v)
			}
			s = append(s, yv)
		}
		ir := IndicatorResult{ID: ind.ID, Unit: ind.Unit, Status: ValueOK, Value: s[len(s)-1].Value}
		ia := scoreIndicator(ir, ind, s, year, 2021, 2026, sc, nil)
		require.NotNil(t, ia.Travel)
		assert.Equal(t, ia.TrendStatus, ia.Travel.Status)
		return ia.Travel
	}
	count := &Indicator{ID: "10.1", Unit: "states", Direction: Increase}
	tr := travel(count, 2025, map[int]float64{2021: 110, 2025: 112})
	assert.Equal(t, "0.0045", fnum(*tr.CAGR))
	assert.Equal(t, TrendStable, tr.Status, "0.45% a year is below cagr_improving 0.5%")

	share := &Indicator{ID: "1.2", Unit: "percent", Direction: Increase}
	tr = travel(share, 2023, map[int]float64{2021: 50, 2023: 60})
	assert.Equal(t, "0.9539", fnum(tr.Scale))
	assert.Equal(t, "0.0048", fnum(tr.Improving))
	assert.Equal(t, "0.0954", fnum(*tr.CAGR))
	assert.Equal(t, TrendImproving, tr.Status)

	down := &Indicator{ID: "12.3", Unit: "states", Direction: Decrease}
	tr = travel(down, 2024, map[int]float64{2021: 4, 2024: 5})
	assert.Equal(t, "0.0772", fnum(*tr.CAGR))
	assert.Equal(t, "-0.0772", fnum(*tr.Progress))
	assert.Equal(t, TrendWorsening, tr.Status)

	tr = travel(&Indicator{ID: "10.2", Unit: "states", Direction: Increase}, 2025, map[int]float64{2021: 0, 2025: 3})
	assert.True(t, tr.Fallback)
	assert.Nil(t, tr.CAGR)
	assert.Equal(t, TrendImproving, tr.Status)

	// the baseline year is compared with the year before it
	tr = travel(count, 2021, map[int]float64{2020: 110, 2021: 110})
	assert.Equal(t, 2020, tr.FromYear)
	assert.Equal(t, TrendStable, tr.Status)
	// a value over too few States is not compared
	s := []YearValue{{Year: 2021, Value: num(50)}, {Year: 2022, Value: num(100), TooFew: true}}
	ia := scoreIndicator(IndicatorResult{ID: "x", Status: ValueTooFew, Value: num(100)}, share, s, 2022, 2021, 2026, sc, nil)
	assert.Equal(t, TrendInsufficientData, ia.TrendStatus)
	assert.False(t, math.IsNaN(ia.Travel.Scale))
}

// §4: weights, and the plan score with and without each section.
func TestMethodologyWeights(t *testing.T) {
	p := methodologyPlan(t, "")
	f := num(0.6)
	ind := func(id string, action int, section string, st ProgressStatus, score *float64) IndicatorAssessment {
		return IndicatorAssessment{IndicatorResult: IndicatorResult{ID: id, Action: action, Section: section},
			ProgressStatus: st, Score: score, ExpectedProgress: f, Weight: 1}
	}
	inds := []IndicatorAssessment{
		ind("1.1", 1, "alpha", ProgressAchieved, num(1)),
		ind("1.2", 1, "alpha", ProgressNeedsAcceleration, num(0.5)),
		ind("1.3", 1, "alpha", ProgressTooFew, nil),
		ind("2.1", 2, "beta", ProgressRegressing, num(0)),
		ind("3.1", 3, "gamma", ProgressNoTarget, nil),
	}
	inds[4].TrendStatus = TrendStable
	sc := DefaultScoring()
	actions, sections, ov := p.rollups(inds, sc)
	assert.InDelta(t, 0.75, *actions[0].Score, 1e-12)
	assert.InDelta(t, 2, actions[0].Weight, 0)
	assert.InDelta(t, 0.75, *sections[0].Score, 1e-12)
	assert.InDelta(t, 2, sections[0].Weight, 0)
	assert.InDelta(t, 0, *sections[1].Score, 0)
	assert.InDelta(t, 1, sections[1].Weight, 0)
	assert.Nil(t, sections[2].Score, "gamma has no scored indicator: no score")
	assert.Equal(t, ProgressNoTarget, sections[2].Status)
	assert.Equal(t, 1, sections[2].TrendCounts.Stable)
	assert.InDelta(t, 0.5, *ov.Score, 1e-12, "(2 x 0.75 + 1 x 0) / 3")
	require.Len(t, ov.Contributions, 2, "gamma is excluded")
	assert.Equal(t, "alpha", ov.Contributions[0].Key)
	assert.Equal(t, "0.6667", fnum(ov.Contributions[0].Share))
	assert.InDelta(t, 0, *ov.Contributions[0].Without, 0, "without alpha: beta's 0")
	assert.InDelta(t, 0.75, *ov.Contributions[1].Without, 1e-12, "without beta: alpha's 0.75")

	sc.Weighting = WeightingEqual
	_, _, ov = p.rollups(inds, sc)
	assert.InDelta(t, 0.375, *ov.Score, 1e-12, "equal weights: (0.75 + 0) / 2")
}
