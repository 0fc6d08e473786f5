package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// episodeOf finds one episode in an assessment's obligations.
func episodeOf(t *testing.T, a *Assessment, iso3 string, article, n int) ObligationEpisode {
	t.Helper()
	for _, oe := range a.Obligations {
		if oe.ISO3 == iso3 && oe.Article == article && oe.Episode == n {
			return oe
		}
	}
	t.Fatalf("%d: no episode %d of %s article %d", a.Year, n, iso3, article)
	return ObligationEpisode{}
}

// sourcedCompletions are the completions of ../shared/data/obligations.csv that the sample
// carries, with the first year they are known and the verdict the sources support
// (issue 10): on time for all but South Africa's Article 3, which is not known (completed
// 2023, deadline 2023-11-01).
var sourcedCompletions = []struct {
	iso3      string
	article   int
	completed string // as the source gives it
	year      int
	want      Verdict
}{
	{"BGR", 3, "2023-06", 2023, VerdictYes}, // deadline 31 December 2023
	{"PER", 3, "2023", 2023, VerdictYes},    // deadline 1 April 2024
	{"SVK", 3, "2023-09-01", 2023, VerdictYes},
	{"HRV", 3, "2018-07", 2018, VerdictYes}, // deadline 1 August 2018
	{"DEU", 3, "2015-11-25", 2015, VerdictYes},
	{"CHL", 3, "2013-07", 2013, VerdictYes},
	{"CHE", 3, "2019-03", 2019, VerdictYes},
	{"ZAF", 3, "2023", 2023, VerdictUnknown},
	{"HRV", 4, "2020-07-10", 2020, VerdictYes},
	{"MNE", 4, "2020-07", 2020, VerdictYes},
	{"BIH", 4, "2023-08", 2023, VerdictYes}, // deadline 1 September 2023
	// Completed before 2019 (the Monitor, 2019): every day the source allows is before the
	// treaty deadline, entry into force + 10 years (2020-08-01, 2021-05-01).
	{"ALB", 4, "../2018", 2018, VerdictYes},
	{"GNB", 4, "../2018", 2018, VerdictYes},
}

// TestSampleVerdicts: for every report year 2021-2025, every sourced completion gets the
// verdict the sources support, as episode 1 of its obligation; before its year it is pending.
func TestSampleVerdicts(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	for y := 2021; y <= 2025; y++ {
		a, err := p.Assess(context.Background(), ds, y)
		require.NoError(t, err)
		for _, c := range sourcedCompletions {
			t.Run(fmt.Sprintf("%d/%s/%d", y, c.iso3, c.article), func(t *testing.T) {
				oe := episodeOf(t, a, c.iso3, c.article, 1)
				if y < c.year {
					assert.Nil(t, oe.Completed)
					assert.Equal(t, VerdictPending, oe.DeadlineMet, oe.Detail)
					return
				}
				require.NotNil(t, oe.Completed, oe.Detail)
				assert.Equal(t, c.completed, oe.Completed.String(), "the first completion, as precise as the source")
				assert.Equal(t, c.want, oe.DeadlineMet, oe.Detail)
				assert.Nil(t, oe.MonthsToComplete)
				assert.Nil(t, oe.Projection)
			})
		}
	}
}

// TestVerdictsNeverChangeWithLaterFacts: the report for year Y says the same about every
// episode whether or not the data holds facts for later years (data dictionary §4.4).
func TestVerdictsNeverChangeWithLaterFacts(t *testing.T) {
	p, full := shippedPlan(t), sampleDataset(t)
	asOf := AsOf(full.LatestDate())
	for y := 2021; y <= 2025; y++ {
		var facts []Fact
		for _, f := range full.Facts() {
			if f.Year <= y {
				facts = append(facts, f)
			}
		}
		cut, err := NewDataset(full.States(), facts)
		require.NoError(t, err)
		// the same register declarations: only the later facts differ (the class of an
		// absence rests on the register)
		cut.registers, cut.absence = full.registers, full.absence
		a, err := p.Assess(context.Background(), full, y, asOf)
		require.NoError(t, err)
		b, err := p.Assess(context.Background(), cut, y, asOf)
		require.NoError(t, err)
		ja, err := json.Marshal(a.Obligations)
		require.NoError(t, err)
		jb, err := json.Marshal(b.Obligations)
		require.NoError(t, err)
		assert.JSONEq(t, string(jb), string(ja), "%d", y)
		for i := range a.States {
			assert.Equal(t, b.States[i].Obligations, a.States[i].Obligations, "%d %s: the per-State view", y, a.States[i].ISO3)
		}
	}
}

// TestLaterEpisodeLeavesTheFirstUntouched: a stockpile found after completion (Germany, 2021,
// invented for the sample) opens episode 2 with its own outcome; episode 1 keeps its sourced
// completion and verdict in every later year.
func TestLaterEpisodeLeavesTheFirstUntouched(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	for y := 2021; y <= 2025; y++ {
		a, err := p.Assess(context.Background(), ds, y)
		require.NoError(t, err)
		e1 := episodeOf(t, a, "DEU", 3, 1)
		assert.Equal(t, "2010-08-01", e1.Start.String())
		assert.Equal(t, "2015-11-25", e1.Completed.String())
		assert.Equal(t, "2018-08-01", e1.Deadline.String())
		assert.Equal(t, VerdictYes, e1.DeadlineMet)
		e2 := episodeOf(t, a, "DEU", 3, 2)
		assert.Equal(t, "2021-02-15", e2.Start.String())
		assert.Equal(t, "2021-06-30", e2.Completed.String())
		assert.Nil(t, e2.Deadline, "never judged against episode 1's expired deadline")
		assert.Empty(t, e2.Deadlines)
		assert.Equal(t, VerdictNone, e2.DeadlineMet)
		require.NotNil(t, e2.MonthsToComplete)
		assert.Equal(t, 4, *e2.MonthsToComplete)
		assert.Equal(t, "completed 4 months after it was found", e2.StatusText)
	}
	// Albania, 2024: contamination found after its pre-2019 completion; the 2024 event is not
	// judged against the 2020-08-01 deadline (lap explain 25.2 --year 2024 used to).
	a, err := p.Assess(context.Background(), ds, 2024)
	require.NoError(t, err)
	e1, e2 := episodeOf(t, a, "ALB", 4, 1), episodeOf(t, a, "ALB", 4, 2)
	assert.Equal(t, VerdictYes, e1.DeadlineMet)
	assert.Equal(t, "../2018", e1.Completed.String())
	assert.Equal(t, VerdictNone, e2.DeadlineMet)
	assert.Equal(t, "completed 3 months after it was found", e2.StatusText)
	ia, ok := a.Indicator("25.2")
	require.True(t, ok)
	assert.NotContains(t, append(ia.Counted.List(), append(ia.NotCounted.List(), ia.NoData.List()...)...), "ALB", "a later episode without a deadline is not in 25.2's population")
}

// episodeFacts builds a dataset of Germany's facts for the episode unit tests.
func episodeFacts(t *testing.T, rows string) *Dataset {
	t.Helper()
	ds, err := LoadDataset(dataFS(testStatesCSV, "iso3,year,field,value,source,recorded\n"+rows), ".")
	require.NoError(t, err)
	return ds
}

func episodesOf(t *testing.T, ds *Dataset, article, year int, asOf string) ([]episode, ruleEnv) {
	t.Helper()
	var se stateEnv
	ds.build(ds.stateIdx["DEU"], frame{year: year, asOf: MustDate(asOf), counting: CountingDeposit, adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
	if article == 3 {
		return se.eps3, se.env
	}
	return se.eps4, se.env
}

// TestEpisodeDeadlineDecisions: several deadline decisions in one year stand as separate dated
// events; the deadline in force on a day is the latest decision on or before it.
func TestEpisodeDeadlineDecisions(t *testing.T) {
	base := "" +
		"DEU,2011,art4_obligation_start,2011-06-01,treaty,\n" +
		"DEU,2011,art4_deadline,2021-06-01,treaty,\n" +
		"DEU,2021,art4_deadline,2021-09-01,interim extension (February),2021-02\n" +
		"DEU,2021,art4_deadline,2023-06-01,second extension (2RC),2021-09-20\n"
	tests := []struct {
		completed string
		want      Verdict
		deadline  string
		chain     int // decisions up to the completion
	}{
		{"2021-08-15", VerdictYes, "2021-09-01", 2},  // under the February decision
		{"2021-09-10", VerdictNo, "2021-09-01", 2},   // before the September decision: late
		{"2021-09-25", VerdictYes, "2023-06-01", 3},  // after it
		{"2021-09", VerdictUnknown, "2023-06-01", 3}, // the month does not decide
		{"2021-05-31", VerdictYes, "2021-09-01", 2},  // extended in February, before the original expired
		{"2021-01-20", VerdictYes, "2021-06-01", 1},  // before either extension
		{"2021", VerdictUnknown, "2023-06-01", 3},    // any day of 2021
		{"2023-06", VerdictUnknown, "2023-06-01", 3}, // 1 June 2023 is on time, 2 June is not
		{"2023-05", VerdictYes, "2023-06-01", 3},
	}
	for _, tt := range tests {
		t.Run(tt.completed, func(t *testing.T) {
			y := MustDate(tt.completed).Year()
			ds := episodeFacts(t, base+fmt.Sprintf("DEU,%d,art4_completed_date,%s,ISU,\n", y, tt.completed))
			eps, _ := episodesOf(t, ds, 4, 2025, "2026-06-30")
			require.Len(t, eps, 1)
			assert.Len(t, eps[0].chain, tt.chain)
			assert.Equal(t, tt.want, eps[0].verdict(MustDate("2025-12-31")))
			assert.Equal(t, tt.deadline, eps[0].deadlineShown(MustDate("2025-12-31")).String())
		})
	}
	// open: past the deadline at R depends on which decision is in force at R
	ds := episodeFacts(t, base)
	for _, c := range []struct {
		year int
		asOf string
		want bool
	}{
		{2021, "2021-08-31", false}, // the 1 September interim deadline is ahead
		{2021, "2021-09-10", true},  // it has passed
		{2021, "2021-10-01", false}, // extended to 2023-06-01 on 20 September
		{2022, "2026-06-30", false},
		{2023, "2026-06-30", true}, // 2023-06-01 has passed by the end of 2023
	} {
		_, env := episodesOf(t, ds, 4, c.year, c.asOf)
		require.NotNil(t, env.Art4PastDeadline, "%d %s", c.year, c.asOf)
		assert.Equal(t, c.want, *env.Art4PastDeadline, "%d %s", c.year, c.asOf)
	}
}

// TestEpisodeRules covers the episode rules one by one on small fixtures.
func TestEpisodeRules(t *testing.T) {
	t.Run("a start while open belongs to the open episode", func(t *testing.T) {
		ds := episodeFacts(t, ""+
			"DEU,2011,art3_obligation_start,2011-01-01,ISU,\n"+
			"DEU,2011,art3_deadline,2019-01-01,treaty,\n"+
			"DEU,2014,art3_obligation_start,2014-05-01,more found while destroying,\n"+
			"DEU,2016,art3_completed_date,2016-03,ISU,\n")
		eps, env := episodesOf(t, ds, 3, 2016, "2026-06-30")
		require.Len(t, eps, 1)
		assert.Equal(t, VerdictYes, eps[0].verdict(MustDate("2016-12-31")))
		assert.Equal(t, true, *env.Art3CompletedOnTime)
		assert.True(t, env.Art3CompletedWithDeadlineInYear)
	})
	t.Run("a second completion does not overwrite the first", func(t *testing.T) {
		ds := episodeFacts(t, ""+
			"DEU,2011,art3_obligation_start,2011-01-01,ISU,\n"+
			"DEU,2011,art3_deadline,2019-01-01,treaty,\n"+
			"DEU,2016,art3_completed_date,2016-03,ISU,\n"+
			"DEU,2020,art3_completed_date,2020-02-01,a later report of completion,\n")
		eps, env := episodesOf(t, ds, 3, 2020, "2026-06-30")
		require.Len(t, eps, 1)
		assert.Equal(t, "2016-03", eps[0].doneFact.Value)
		assert.False(t, env.Art3CompletedInYear, "the 2020 row ends no episode")
	})
	t.Run("a later episode with a deadline of its own is judged by it", func(t *testing.T) {
		ds := episodeFacts(t, ""+
			"DEU,2010,art4_obligation_start,2010-08-01,ISU,\n"+
			"DEU,2010,art4_deadline,2020-08-01,treaty,\n"+
			"DEU,2019,art4_completed_date,2019-05-01,ISU,\n"+
			"DEU,2022,art4_obligation_start,2022-04-01,new contamination (Article 4.1(b)),\n"+
			"DEU,2022,art4_deadline,2032-04-01,MSP decision after the start,2022-09\n")
		eps, env := episodesOf(t, ds, 4, 2024, "2026-06-30")
		require.Len(t, eps, 2)
		assert.Len(t, eps[0].chain, 1)
		assert.Len(t, eps[1].chain, 1)
		assert.Equal(t, VerdictPending, eps[1].verdict(MustDate("2024-12-31")))
		assert.Equal(t, false, *env.Art4PastDeadline)
		assert.True(t, env.Art4Outstanding)
		_, env22 := episodesOf(t, ds, 4, 2022, "2026-06-30")
		assert.True(t, env22.Art4NewObligationInYear)
	})
	t.Run("a later episode without a deadline is never past one", func(t *testing.T) {
		ds := episodeFacts(t, ""+
			"DEU,2010,art4_obligation_start,2010-08-01,ISU,\n"+
			"DEU,2010,art4_deadline,2020-08-01,treaty,\n"+
			"DEU,2019,art4_completed_date,2019-05-01,ISU,\n"+
			"DEU,2022,art4_obligation_start,2022-04-01,new contamination,\n")
		eps, env := episodesOf(t, ds, 4, 2024, "2026-06-30")
		require.Len(t, eps, 2)
		assert.Equal(t, VerdictNone, eps[1].verdict(MustDate("2024-12-31")))
		assert.Equal(t, false, *env.Art4PastDeadline, "not judged against 2020-08-01")
		assert.True(t, env.Art4Outstanding)
		assert.Nil(t, env.Art4ProjectedToMiss, "no deadline: nothing to miss")
	})
	t.Run("episode 1 without a recorded deadline is not known", func(t *testing.T) {
		ds := episodeFacts(t, ""+
			"DEU,2010,art4_obligation_start,2010-08-01,ISU,\n"+
			"DEU,2022,art4_completed_date,2022-05-01,ISU,\n")
		eps, env := episodesOf(t, ds, 4, 2022, "2026-06-30")
		assert.Equal(t, VerdictUnknown, eps[0].verdict(MustDate("2022-12-31")))
		assert.Nil(t, env.Art4CompletedOnTime)
		assert.True(t, env.Art4CompletedWithDeadlineInYear, "the treaty deadline applies even when not recorded")
		_, env21 := episodesOf(t, ds, 4, 2021, "2026-06-30")
		assert.Nil(t, env21.Art4PastDeadline)
	})
	t.Run("a declaration about an earlier episode does not count", func(t *testing.T) {
		ds := episodeFacts(t, ""+
			"DEU,2010,art3_obligation_start,2010-08-01,ISU,\n"+
			"DEU,2010,art3_deadline,2018-08-01,treaty,\n"+
			"DEU,2015,art3_completed_date,2015-11-25,ISU,\n"+
			"DEU,2016,art3_compliance_declared_date,2016-09,MSP,\n"+
			"DEU,2016,art3_obligation_start,2016-10-01,found,\n"+
			"DEU,2016,art3_completed_date,2016-11-30,destroyed,\n")
		_, env := episodesOf(t, ds, 3, 2016, "2026-06-30")
		assert.True(t, env.Art3CompletedInYear)
		assert.Equal(t, false, *env.Art3ComplianceDeclaredTimely, "the September declaration was about episode 1")
	})
	t.Run("a completion known to the year counts at the year's end, not before", func(t *testing.T) {
		ds := episodeFacts(t, ""+
			"DEU,2015,art3_obligation_start,2015-11-01,ISU,\n"+
			"DEU,2015,art3_deadline,2023-11-01,treaty,\n"+
			"DEU,2023,art3_completed_date,2023,ISU,\n")
		_, env := episodesOf(t, ds, 3, 2023, "2023-10-31")
		assert.True(t, env.Art3Outstanding, "completed 2023 is not known to be done by 31 October")
		assert.True(t, env.Art3ObligationInYear)
		_, env = episodesOf(t, ds, 3, 2023, "2024-03-01")
		assert.False(t, env.Art3Outstanding)
		assert.True(t, env.Art3CompletedInYear)
		assert.Nil(t, env.Art3CompletedOnTime, "2023 against 2023-11-01: not known")
		_, env = episodesOf(t, ds, 3, 2024, "2024-03-01")
		assert.False(t, env.Art3ObligationInYear)
	})
	t.Run("a completion given only an upper bound is clipped to the start", func(t *testing.T) {
		ds := episodeFacts(t, ""+
			"DEU,2010,art4_obligation_start,2010-08-01,ISU,\n"+
			"DEU,2010,art4_deadline,2020-08-01,treaty,\n"+
			"DEU,2018,art4_completed_date,../2018,completed before 2019,\n")
		eps, env := episodesOf(t, ds, 4, 2021, "2026-06-30")
		require.Len(t, eps, 1)
		assert.Equal(t, "2010-08-01/2018-12-31", eps[0].done.String())
		assert.Equal(t, VerdictYes, eps[0].verdict(MustDate("2021-12-31")))
		assert.True(t, env.Art4Cleared)
		assert.False(t, env.Art4ObligationInYear)
	})
}

// TestApplyKeepsDatedDecisions: a scenario keeps both of Chile's 2021 deadline decisions, and a
// set of the year's deadline stands for all of them.
func TestApplyKeepsDatedDecisions(t *testing.T) {
	ds := sampleDataset(t)
	count := func(d *Dataset) (n int, values []string) {
		for _, f := range d.Facts() {
			if f.ISO3 == "CHL" && f.Year == 2021 && f.Field == "art4_deadline" {
				n++
				values = append(values, f.Value+"@"+f.Recorded.String())
			}
		}
		return n, values
	}
	n, vals := count(ds)
	require.Equal(t, 2, n, vals)
	nd, err := ds.Apply([]Change{{Kind: ChangeSet, ISO3: "LBN", Year: 2025, Field: "art4_completed_date", Value: "2025-06-30"}})
	require.NoError(t, err)
	n2, vals2 := count(nd)
	assert.Equal(t, vals, vals2, "an unrelated change keeps both dated decisions")
	assert.Equal(t, 2, n2)
	nd, err = ds.Apply([]Change{{Kind: ChangeSet, ISO3: "CHL", Year: 2021, Field: "art4_deadline", Value: "2024-06-01"}})
	require.NoError(t, err)
	_, vals3 := count(nd)
	assert.Equal(t, []string{"2024-06-01@"}, vals3, "the scenario's value replaces the year's decisions")
	nd, err = ds.Apply([]Change{{Kind: ChangeRemove, ISO3: "CHL", Year: 2021, Field: "art4_deadline"}})
	require.NoError(t, err)
	n4, _ := count(nd)
	assert.Zero(t, n4)
}
