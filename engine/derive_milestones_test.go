package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDerivedMilestones: the area released by every method and the milestones of work plans,
// through the whole derivation (facts.csv rows to the values a rule reads).
func TestDerivedMilestones(t *testing.T) {
	ds := mustLoadData(t, `DEU,2010,art4_obligation_start,2010-08-01,s
DEU,2010,art3_obligation_start,2010-08-01,s
DEU,2021,art4_area_cleared_m2,400000,s
DEU,2021,art4_area_released_survey_m2,250000,s
DEU,2021,art4_planned_release_m2,600000,s
DEU,2022,art4_area_cleared_m2,300000,s
DEU,2022,art4_area_cancelled_m2,100000,s
DEU,2022,art4_area_reduced_m2,50000,s
DEU,2022,art4_planned_release_m2,600000,s
DEU,2023,art4_area_cleared_m2,700000,s
DEU,2023,art4_planned_release_m2,600000,s
DEU,2024,art4_area_cleared_m2,100000,s
DEU,2024,art4_planned_release_m2,600000,s
DEU,2025,art4_area_cleared_m2,100000,s
DEU,2025,art4_area_released_survey_m2,0,s
DEU,2025,art4_planned_release_m2,600000,s
DEU,2025,art4_completed_date,2025-06,s
DEU,2020,art4_area_cleared_m2,900000,s
DEU,2020,art4_area_released_survey_m2,0,s
DEU,2021,art3_planned_destroyed_munitions,100,s
DEU,2021,art3_planned_destroyed_submunitions,5000,s
DEU,2021,art3_destroyed_munitions,120,s
DEU,2021,art3_destroyed_submunitions,4000,s
DEU,2022,art3_planned_destroyed_munitions,100,s
DEU,2022,art3_planned_destroyed_submunitions,5000,s
DEU,2022,art3_destroyed_munitions,120,s
DEU,2023,art3_planned_destroyed_munitions,100,s
DEU,2023,art3_destroyed_munitions,100,s
DEU,2023,art3_destroyed_submunitions,10,s
DEU,2024,art3_planned_destroyed_munitions,100,s
DEU,2024,art3_destroyed_munitions,10,s
DEU,2024,art3_completed_date,2024-03,s
`)
	num := func(v float64) any { return v }
	runDeriveCases(t, ds, []deriveCase{
		// released: cleared plus the survey total, or plus its two parts
		{iso3: "DEU", year: 2021, field: "art4_area_released_m2", want: num(650000)},
		{iso3: "DEU", year: 2022, field: "art4_area_released_m2", want: num(450000)},
		{iso3: "DEU", year: 2023, field: "art4_area_released_m2", want: nil}, // survey release not known
		{iso3: "DEU", year: 2019, field: "art4_area_released_m2", want: nil},
		// milestones
		{iso3: "DEU", year: 2020, field: "art4_milestone_met", want: nil}, // no plan for 2020: not judged
		{iso3: "DEU", year: 2021, field: "art4_milestone_met", want: true},
		{iso3: "DEU", year: 2022, field: "art4_milestone_met", want: false},
		{iso3: "DEU", year: 2023, field: "art4_milestone_met", want: true},  // cleared alone is enough
		{iso3: "DEU", year: 2024, field: "art4_milestone_met", want: nil},   // below plan, survey not known
		{iso3: "DEU", year: 2025, field: "art4_milestone_met", want: true},  // completed: good news never fails a plan
		{iso3: "DEU", year: 2021, field: "art3_milestone_met", want: false}, // submunitions below plan
		{iso3: "DEU", year: 2022, field: "art3_milestone_met", want: nil},   // submunitions not known
		{iso3: "DEU", year: 2023, field: "art3_milestone_met", want: true},  // only munitions planned
		{iso3: "DEU", year: 2024, field: "art3_milestone_met", want: true},  // completed in the year
		{iso3: "DEU", year: 2025, field: "art3_milestone_met", want: nil},
		// a milestone is not seen before the cut-off lets its year be seen
		{iso3: "DEU", year: 2025, asOf: "2025-05-31", field: "art4_milestone_met", want: false},
	})
}

func TestMilestoneRules(t *testing.T) {
	p := func(v float64) *float64 { return &v }
	assert.Equal(t, p(30), areaReleased(p(10), p(20), p(1), p(1)), "the reported total wins over its parts")
	assert.Equal(t, p(12), areaReleased(p(10), nil, p(1), p(1)))
	assert.Nil(t, areaReleased(p(10), nil, p(1), nil))
	assert.Nil(t, areaReleased(nil, p(20), nil, nil))
	assert.True(t, atLeast(0.1+0.2, 0.3), "sums of decimals reach their plan")
	assert.False(t, atLeast(2.99, 3))
	assert.Nil(t, art4Milestone(nil, p(5), p(5), true), "no plan, no verdict, even on a completion")
	assert.Nil(t, art3Milestone(nil, nil, p(5), p(5), true))
	assert.Equal(t, boolPtr(false), art3Milestone(p(10), p(10), nil, p(5), false), "a known shortfall decides")
}
