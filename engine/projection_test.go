package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openArt4 is Germany with an open Article 4 episode (deadline 2030-08-01) and the given
// Form F rows.
const openArt4 = "" +
	"DEU,2010,art4_obligation_start,2010-08-01,ISU,\n" +
	"DEU,2010,art4_deadline,2020-08-01,treaty,\n" +
	"DEU,2019,art4_deadline,2030-08-01,9MSP,\n"

// TestProjectionPerOpenEpisode: one projection per open episode, with its assumptions, and
// marked when it rests on one year of data or on data older than two years.
func TestProjectionPerOpenEpisode(t *testing.T) {
	p := shippedPlan(t)
	tests := []struct {
		name, rows  string
		year        int
		status      ProjectionStatus
		single      bool
		stale       bool
		toMiss      any
		assumptions []string
	}{
		{"three years, on course", openArt4 +
			"DEU,2022,art4_area_cleared_m2,1000000,F,\nDEU,2023,art4_area_cleared_m2,1000000,F,\nDEU,2024,art4_area_cleared_m2,1000000,F,\n" +
			"DEU,2024,art4_area_remaining_m2,3000000,F,\n", 2024, ProjectionOnCourse, false, false, false,
			[]string{"no further extension: the deadline in force, 1 August 2030, stays", "the mean of 3 years with data, 2022–2024", "no new contamination or stockpile is found"}},
		{"one year of data", openArt4 +
			"DEU,2024,art4_area_cleared_m2,100000,F,\nDEU,2024,art4_area_remaining_m2,3000000,F,\n", 2024, ProjectionWillMiss, true, false, true,
			[]string{"rests on one year of data"}},
		{"old data", openArt4 +
			"DEU,2020,art4_area_cleared_m2,1000000,F,\nDEU,2021,art4_area_cleared_m2,1000000,F,\nDEU,2021,art4_area_remaining_m2,3000000,F,\n", 2025, ProjectionOnCourse, false, true, false,
			[]string{"rests on data older than 2 years: the newest figure is for 2021"}},
		{"no figures", openArt4, 2024, ProjectionNoData, false, false, nil, []string{"no further extension"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := episodeFacts(t, tt.rows)
			a, err := p.Assess(context.Background(), ds, tt.year, AsOf(MustDate("2026-06-30")))
			require.NoError(t, err)
			require.Len(t, a.Deadlines, 1)
			dp := a.Deadlines[0]
			assert.Equal(t, 1, dp.Episode)
			assert.Equal(t, "2010-08-01", dp.Start)
			assert.Equal(t, tt.status, dp.Status, dp.Reason)
			assert.Equal(t, tt.single, dp.SinglePoint)
			assert.Equal(t, tt.stale, dp.Stale)
			all := strings.Join(dp.Assumptions, "; ")
			for _, want := range tt.assumptions {
				assert.Contains(t, all, want)
			}
			oe := episodeOf(t, a, "DEU", 4, 1)
			require.NotNil(t, oe.Projection, "the open episode carries its projection")
			assert.Equal(t, dp, *oe.Projection)
			_, env := episodesOf(t, ds, 4, tt.year, "2026-06-30")
			if tt.toMiss == nil {
				assert.Nil(t, env.Art4ProjectedToMiss)
			} else {
				require.NotNil(t, env.Art4ProjectedToMiss)
				assert.Equal(t, tt.toMiss, *env.Art4ProjectedToMiss)
			}
		})
	}
}

// TestProjectionFromEpisodeStart: a later episode's projection reads only the figures from its
// start year on, and an episode without a deadline has nothing to miss.
func TestProjectionFromEpisodeStart(t *testing.T) {
	ds := episodeFacts(t, ""+
		"DEU,2010,art4_obligation_start,2010-08-01,ISU,\n"+
		"DEU,2010,art4_deadline,2020-08-01,treaty,\n"+
		"DEU,2019,art4_area_cleared_m2,9000000,F,\n"+
		"DEU,2019,art4_completed_date,2019-11-30,ISU,\n"+
		"DEU,2023,art4_obligation_start,2023-03-01,new contamination,\n"+
		"DEU,2023,art4_area_cleared_m2,10000,F,\n"+
		"DEU,2024,art4_area_cleared_m2,20000,F,\n"+
		"DEU,2024,art4_area_remaining_m2,60000,F,\n")
	a, err := shippedPlan(t).Assess(context.Background(), ds, 2024, AsOf(MustDate("2026-06-30")))
	require.NoError(t, err)
	require.Len(t, a.Deadlines, 1)
	dp := a.Deadlines[0]
	assert.Equal(t, 2, dp.Episode)
	assert.Equal(t, []YearValue{{Year: 2023, Value: num(10000), Class: ClassUnstated}, {Year: 2024, Value: num(20000), Class: ClassUnstated}}, dp.RateYears, "2019 belongs to episode 1")
	assert.Equal(t, ProjectionNoData, dp.Status, "no deadline of its own")
	assert.Empty(t, dp.Deadline)
	_, env := episodesOf(t, ds, 4, 2024, "2026-06-30")
	assert.Nil(t, env.Art4ProjectedToMiss, "no deadline: nil")
	assert.Equal(t, false, *env.Art4PastDeadline)
}

// TestProjectedToMissSample: on the sample every open Article 4 episode in 2025 has enough
// data; the field agrees with the report's projection, and is nil where the deadline is not
// known (Germany, Iraq, Lao PDR: a deadline passed with an extension request undecided).
func TestProjectedToMissSample(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	a, err := p.Assess(context.Background(), ds, 2025)
	require.NoError(t, err)
	require.NotEmpty(t, a.Deadlines)
	for _, dp := range a.Deadlines {
		_, env := sampleEnv(t, ds, dp.ISO3, 2025)
		if dp.Status == ProjectionNotKnown {
			assert.Nil(t, env.Art4ProjectedToMiss, dp.ISO3)
			assert.Nil(t, env.Art4PastDeadline, dp.ISO3)
			continue
		}
		want := dp.Status == ProjectionWillMiss
		require.NotNil(t, env.Art4ProjectedToMiss, dp.ISO3)
		assert.Equal(t, want, *env.Art4ProjectedToMiss, dp.ISO3)
	}
	_, env := sampleEnv(t, ds, "BIH", 2025)
	assert.Equal(t, false, *env.Art4ProjectedToMiss, "no open episode")
	_, env = sampleEnv(t, ds, "USA", 2025)
	assert.Equal(t, false, *env.Art4ProjectedToMiss, "not party")
}

func sampleEnv(t *testing.T, ds *Dataset, iso3 string, year int) (*stateEnv, ruleEnv) {
	t.Helper()
	var se stateEnv
	ds.build(ds.stateIdx[iso3], frame{year: year, asOf: ds.latest, counting: CountingDeposit, adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
	return &se, se.env
}
