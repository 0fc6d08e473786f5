package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lapmonitor/lap/indicators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func shippedPlan(t testing.TB) *Plan {
	t.Helper()
	p, err := Load(indicators.FS)
	require.NoError(t, err)
	return p
}

func loadExample(t testing.TB, name string, ds *Dataset, p *Plan) *Scenario {
	t.Helper()
	sc, err := LoadScenario(os.DirFS("../testdata/scenarios"), name, ds, p)
	require.NoError(t, err)
	return sc
}

// TestScenarioExamples runs every example of testdata/scenarios for 2025 and checks the
// changes it is meant to make, and that the incremental result equals a full assessment.
func TestScenarioExamples(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	bl, err := p.NewBaseline(ctx, ds, 2025)
	require.NoError(t, err)
	type ind struct {
		id             string
		base, scenario float64
		baseStatus     ProgressStatus
		scenStatus     ProgressStatus
	}
	tests := []struct {
		file       string
		indicators []ind // every changed indicator, with values
		deadlines  int   // changed deadline projections
		overallUp  bool  // the plan score rises
	}{
		{"two-signatories-ratify.toml", []ind{
			{"10.1", 112, 114, ProgressNoTarget, ProgressNoTarget},
			{"10.2", 3, 5, ProgressNoTarget, ProgressNoTarget},
			// 10.3 is unchanged: its population is fixed at the LAP's adoption, so the two
			// joiners stay in it with their votes. 48.2 (no target) is a share of all States
			// Parties: two joiners without a known investment ban lower it (a composition
			// effect, documented in docs/methodology.md)
			{"48.2", 10.71, 10.53, ProgressNoTarget, ProgressNoTarget},
		}, 0, false},
		{"lao-clears-faster.toml", []ind{
			// faster clearance meets Lao PDR's 2025 land-release milestone (illustrative)
			{"19.3", 60, 80, ProgressNoTarget, ProgressNoTarget},
			{"21.1", 69.06, 97.76, ProgressNoTarget, ProgressNoTarget},
			{"24.2", 1436.12, 1379.87, ProgressNoTarget, ProgressNoTarget},
		}, 1, false},
		{"overdue-initial-reports.toml", []ind{
			{"43.1", 92.79, 100, "", ProgressAchieved}, // "": any status short of achieved (the method may change)
			{"46.1", 8, 0, "", ProgressAchieved},
			{"46.2", 57.14, -1, ProgressNoTarget, ProgressNoTarget}, // -1: no value (nobody overdue)
		}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			sc := loadExample(t, tt.file, ds, p)
			run, err := bl.Run(ctx, sc)
			require.NoError(t, err)
			d := run.Diff().Changes()
			var got []string
			for _, c := range d.Indicators {
				got = append(got, c.ID)
			}
			var want []string
			for _, w := range tt.indicators {
				want = append(want, w.id)
				c, ok := d.Indicator(w.id)
				require.True(t, ok, w.id)
				require.NotNil(t, c.BaseValue, w.id)
				assert.InDelta(t, w.base, *c.BaseValue, 0.01, w.id)
				if w.scenario < 0 {
					assert.Nil(t, c.ScenarioValue, w.id)
				} else {
					require.NotNil(t, c.ScenarioValue, w.id)
					assert.InDelta(t, w.scenario, *c.ScenarioValue, 0.01, w.id)
					assert.InDelta(t, w.scenario-w.base, *c.Delta, 0.01, w.id)
				}
				if w.baseStatus == "" {
					assert.NotEqual(t, ProgressAchieved, c.BaseStatus, w.id)
				} else {
					assert.Equal(t, w.baseStatus, c.BaseStatus, w.id)
				}
				assert.Equal(t, w.scenStatus, c.ScenarioStatus, w.id)
			}
			assert.Equal(t, want, got)
			assert.Len(t, d.Deadlines, tt.deadlines)
			require.NotNil(t, d.Overall.Delta)
			if tt.overallUp {
				assert.Greater(t, *d.Overall.Delta, 0.0)
			} else {
				assert.Zero(t, *d.Overall.Delta)
			}
			// incremental equals full
			full, err := run.Plan.Assess(ctx, run.Data, 2025)
			require.NoError(t, err)
			assert.Equal(t, full.Indicators, run.Assessment.Indicators)
			assert.Equal(t, full.Overall, run.Assessment.Overall)
			assert.Equal(t, full.Deadlines, run.Assessment.Deadlines)
			assert.Equal(t, full.States, run.Assessment.States)
		})
	}
	t.Run("target-43-2-at-90.toml", func(t *testing.T) {
		sc := loadExample(t, "target-43-2-at-90.toml", ds, p)
		run, err := bl.Run(ctx, sc)
		require.NoError(t, err)
		d := run.Diff()
		c, ok := d.Indicator("43.2")
		require.True(t, ok)
		assert.Equal(t, 100.0, *c.BaseTarget)
		assert.Equal(t, 90.0, *c.ScenarioTarget)
		assert.True(t, c.Changed)
		assert.Equal(t, CountingEntryIntoForce, run.Assessment.Counting)
		assert.Equal(t, 0.9, run.Assessment.Scoring.OnTrack)
		// Vanuatu deposited in 2025, in force in 2026: not a party under entry into force
		c, _ = d.Indicator("10.1")
		assert.Equal(t, []string{"VUT"}, c.Left)
		full, err := run.Plan.Assess(ctx, run.Data, 2025)
		require.NoError(t, err)
		assert.Equal(t, full.Indicators, run.Assessment.Indicators)
	})
}

// TestApply covers each change kind and that the baseline is never modified.
func TestApply(t *testing.T) {
	ds := sampleDataset(t)
	factsBefore := ds.Facts()
	statesBefore := ds.States()
	latestBefore := ds.LatestDate()
	tests := []struct {
		name   string
		change Change
		check  func(t *testing.T, nd *Dataset)
	}{
		{"set replaces a fact", Change{Kind: ChangeSet, ISO3: "LAO", Field: "art4_area_cleared_m2", Year: 2024, Value: "1000"}, func(t *testing.T, nd *Dataset) {
			f := findFact(nd, "LAO", 2024, "art4_area_cleared_m2")
			require.NotNil(t, f)
			assert.Equal(t, 1000.0, f.Number())
			assert.Equal(t, "scenario", f.Source)
			assert.Len(t, nd.facts, len(ds.facts))
		}},
		{"set adds a fact", Change{Kind: ChangeSet, ISO3: "KEN", Field: "art7_initial_submitted", Value: "2025-01-10", Source: "test"}, func(t *testing.T, nd *Dataset) {
			f := findFact(nd, "KEN", 0, "art7_initial_submitted")
			require.NotNil(t, f)
			assert.Equal(t, MustDate("2025-01-10"), f.Date())
			assert.Len(t, nd.facts, len(ds.facts)+1)
		}},
		{"set ratified derives entry into force", Change{Kind: ChangeSet, ISO3: "KEN", Field: "ratified", Value: "2024-03-01"}, func(t *testing.T, nd *Dataset) {
			s, _ := nd.State("KEN")
			assert.Equal(t, MustDate("2024-03-01"), s.Ratified)
			assert.Equal(t, MustDate("2024-09-01"), s.EntryIntoForce)
			assert.True(t, s.EIFDerived)
		}},
		{"remove clears a States-file date", Change{Kind: ChangeRemove, ISO3: "LAO", Field: "withdrawn"}, func(t *testing.T, nd *Dataset) {
			s, _ := nd.State("LAO")
			assert.True(t, s.Withdrawn.IsZero())
		}},
		{"scale multiplies a range", Change{Kind: ChangeScale, States: []string{"LAO"}, Field: "art4_area_cleared_m2", From: 2024, To: 2025, Factor: 1.5}, func(t *testing.T, nd *Dataset) {
			assert.Equal(t, 55100000*1.5, findFact(nd, "LAO", 2024, "art4_area_cleared_m2").Number())
			assert.Equal(t, 57400000*1.5, findFact(nd, "LAO", 2025, "art4_area_cleared_m2").Number())
			assert.Equal(t, 52800000.0, findFact(nd, "LAO", 2023, "art4_area_cleared_m2").Number())
			assert.Equal(t, "82650000", findFact(nd, "LAO", 2024, "art4_area_cleared_m2").Value)
		}},
		{"scale every State", Change{Kind: ChangeScale, Field: "art4_area_cleared_m2", Factor: 0}, func(t *testing.T, nd *Dataset) {
			for _, f := range nd.facts {
				if f.Field == "art4_area_cleared_m2" {
					assert.Zero(t, f.Number(), f.ISO3)
				}
			}
		}},
		{"remove drops a fact", Change{Kind: ChangeRemove, ISO3: "LAO", Field: "art4_area_cleared_m2", Year: 2024}, func(t *testing.T, nd *Dataset) {
			assert.Nil(t, findFact(nd, "LAO", 2024, "art4_area_cleared_m2"))
			assert.Len(t, nd.facts, len(ds.facts)-1)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nd, err := ds.Apply([]Change{tt.change})
			require.NoError(t, err)
			tt.check(t, nd)
			assert.Equal(t, factsBefore, ds.Facts(), "the baseline facts changed")
			assert.Equal(t, statesBefore, ds.States(), "the baseline States changed")
			assert.Equal(t, latestBefore, ds.LatestDate())
		})
	}
	t.Run("unchanged facts are shared", func(t *testing.T) {
		nd, err := ds.Apply([]Change{{Kind: ChangeSet, ISO3: "LAO", Field: "art4_area_cleared_m2", Year: 2024, Value: "1"}})
		require.NoError(t, err)
		shared := map[*Fact]bool{}
		for _, f := range ds.facts {
			shared[f] = true
		}
		n := 0
		for _, f := range nd.facts {
			if !shared[f] {
				n++
			}
		}
		assert.Equal(t, 1, n)
	})
	errTests := []struct {
		name   string
		change Change
		code   string
	}{
		{"unknown State", Change{Kind: ChangeSet, ISO3: "XXX", Field: "art4_area_cleared_m2", Year: 2024, Value: "1"}, CodeUnknownState},
		{"bad number", Change{Kind: ChangeSet, ISO3: "LAO", Field: "art4_area_cleared_m2", Year: 2024, Value: "1 km2"}, CodeBadValue},
		{"static field with a year", Change{Kind: ChangeSet, ISO3: "LAO", Field: "art7_initial_submitted", Year: 2024, Value: "2024-01-01"}, CodeBadYear},
		{"remove an absent fact", Change{Kind: ChangeRemove, ISO3: "KEN", Field: "art4_area_cleared_m2", Year: 2024}, CodeBadValue},
		{"scale a bool", Change{Kind: ChangeScale, Field: "art4_hazards_marked", Factor: 2}, CodeBadValue},
		{"States-file column with a year", Change{Kind: ChangeSet, ISO3: "KEN", Field: "ratified", Year: 2024, Value: "2024-03-01"}, CodeBadYear},
		{"withdrawal before deposit", Change{Kind: ChangeSet, ISO3: "LAO", Field: "withdrawn", Value: "2001-01-01"}, CodeInconsistentDates},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change.File, tt.change.Line, tt.change.Key = "s.toml", 7, "set[0]"
			_, err := ds.Apply([]Change{tt.change})
			var diags Diagnostics
			require.True(t, errors.As(err, &diags), "%v", err)
			assert.Equal(t, tt.code, diags[0].Code, diags.Error())
			assert.Equal(t, factsBefore, ds.Facts())
		})
	}
}

func findFact(d *Dataset, iso string, year int, field string) *Fact {
	for _, f := range d.facts {
		if f.ISO3 == iso && f.Year == year && f.Field == field {
			return f
		}
	}
	return nil
}

func TestPlanWith(t *testing.T) {
	p := shippedPlan(t)
	orig, _ := p.Indicator("43.2")
	w := 2.5
	np, err := p.With(PlanOverrides{Counting: CountingEntryIntoForce, Scoring: ScoringOverride{OnTrack: num(0.8)},
		Indicators: []IndicatorOverride{{ID: "43.2", Target: num(90), Weight: &w, Method: MethodTrend}}})
	require.NoError(t, err)
	got, _ := np.Indicator("43.2")
	assert.Equal(t, 90.0, *got.Target)
	assert.Equal(t, 2.5, got.Weight)
	assert.Equal(t, MethodTrend, got.Method)
	assert.Equal(t, CountingEntryIntoForce, np.Counting())
	assert.Equal(t, 0.8, np.Scoring().OnTrack)
	assert.Equal(t, p.Scoring().TrendOnTrack, np.Scoring().TrendOnTrack)
	// the compiled programs are shared, the baseline is unchanged
	assert.Same(t, p.byID["43.2"].Rule.program, np.byID["43.2"].Rule.program)
	assert.Same(t, p.byID["10.1"], np.byID["10.1"])
	after, _ := p.Indicator("43.2")
	assert.Equal(t, orig, after)
	assert.Equal(t, CountingDeposit, p.Counting())
	assert.Equal(t, DefaultScoring().OnTrack, p.Scoring().OnTrack)

	same, err := p.With(PlanOverrides{})
	require.NoError(t, err)
	assert.Same(t, p, same)

	for _, bad := range []PlanOverrides{
		{Indicators: []IndicatorOverride{{ID: "99.9", Target: num(1)}}},
		{Indicators: []IndicatorOverride{{ID: "43.2", Weight: num(0)}}},
		{Indicators: []IndicatorOverride{{ID: "43.2", Target: num(120)}}},
		{Counting: "ratification"},
		{Scoring: ScoringOverride{OnTrack: num(2)}},
	} {
		_, err := p.With(bad)
		assert.Error(t, err, "%+v", bad)
	}
}

// TestBadScenarioFiles checks that every problem names the file, line and key.
func TestBadScenarioFiles(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	tests := []struct {
		name string
		text string
		code string
		line int
		key  string
		hint string
	}{
		{"no name", "[[set]]\nstate = \"KEN\"\nfield = \"ratified\"\nvalue = \"2024-01-01\"\n", CodeMissingKey, 1, "name", ""},
		{"unknown State", "name = \"x\"\n\n[[set]]\nstate = \"KEM\"\nfield = \"ratified\"\nvalue = \"2024-01-01\"\n", CodeUnknownState, 4, "set[0].state", `"KEN"`},
		{"unknown field", "name = \"x\"\n[[set]]\nstate = \"KEN\"\nfield = \"ratifed\"\nvalue = \"2024-01-01\"\n", CodeUnknownField, 4, "set[0].field", `"ratified"`},
		{"derived field", "name = \"x\"\n[[set]]\nstate = \"KEN\"\nfield = \"party\"\nvalue = true\n", CodeDerivedField, 4, "set[0].field", ""},
		{"type mismatch", "name = \"x\"\n[[set]]\nstate = \"LAO\"\nfield = \"art4_area_cleared_m2\"\nyear = 2024\nvalue = \"lots\"\n", CodeBadValue, 6, "set[0].value", ""},
		{"bool for a date", "name = \"x\"\n[[set]]\nstate = \"KEN\"\nfield = \"ratified\"\nvalue = true\n", CodeBadValue, 5, "set[0].value", ""},
		{"bad enum", "name = \"x\"\n[[set]]\nstate = \"LAO\"\nfield = \"art7_form_version\"\nyear = 2024\nvalue = \"revized\"\n", CodeBadValue, 6, "set[0].value", `"revised"`},
		{"year missing", "name = \"x\"\n[[set]]\nstate = \"LAO\"\nfield = \"art4_area_cleared_m2\"\nvalue = 1\n", CodeBadYear, 4, "set[0].field", ""},
		{"year on a static field", "name = \"x\"\n[[set]]\nstate = \"KEN\"\nfield = \"ratified\"\nyear = 2024\nvalue = \"2024-01-01\"\n", CodeBadYear, 5, "set[0].year", ""},
		{"unknown key", "name = \"x\"\n[[set]]\nstate = \"KEN\"\nfield = \"ratified\"\nvalu = \"2024-01-01\"\n", CodeUnknownKey, 5, "set[0].valu", `"value"`},
		{"unknown top-level key", "name = \"x\"\ncountng = \"deposit\"\n", CodeUnknownKey, 2, "countng", `"counting"`},
		{"unknown indicator", "name = \"x\"\n[[indicator]]\nid = \"43.9\"\ntarget = 90.0\n", CodeUnknownName, 3, "indicator[0].id", ""},
		{"share target out of range", "name = \"x\"\n[[indicator]]\nid = \"43.2\"\ntarget = 190.0\n", CodeBadValue, 4, "indicator[0].target", ""},
		{"bad weight", "name = \"x\"\n[[indicator]]\nid = \"43.2\"\nweight = 0.0\n", CodeBadValue, 4, "indicator[0].weight", ""},
		{"bad threshold", "name = \"x\"\n[scoring]\non_track = 1.5\n", CodeBadValue, 3, "scoring.on_track", ""},
		{"bad counting", "name = \"x\"\ncounting = \"ratification\"\n", CodeBadValue, 2, "counting", ""},
		{"scale a text field", "name = \"x\"\n[[scale]]\nfield = \"art9_legislation\"\nfactor = 2.0\n", CodeBadValue, 3, "scale[0].field", ""},
		{"scale without factor", "name = \"x\"\n[[scale]]\nfield = \"art4_area_cleared_m2\"\n", CodeMissingKey, 2, "scale[0].factor", ""},
		{"remove an absent fact", "name = \"x\"\n[[remove]]\nstate = \"KEN\"\nfield = \"art4_area_cleared_m2\"\nyear = 2024\n", CodeBadValue, 4, "remove[0].field", ""},
		{"dates out of order", "name = \"x\"\n[[set]]\nstate = \"LAO\"\nfield = \"withdrawn\"\nvalue = \"2001-01-01\"\n", CodeInconsistentDates, 5, "set[0].value", ""},
		{"toml syntax", "name = \"x\"\n[[set]\n", CodeTOMLSyntax, 3, "", ""},
		{"changes nothing", "name = \"x\"\n", CodeMissingKey, 1, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseScenario("bad.toml", []byte(tt.text), ds, p)
			var diags Diagnostics
			require.True(t, errors.As(err, &diags), "want Diagnostics, got %v", err)
			d := diags[0]
			for _, x := range diags {
				if x.Code == tt.code {
					d = x
					break
				}
			}
			assert.Equal(t, tt.code, d.Code, diags.Error())
			if tt.line > 0 {
				assert.Equal(t, "bad.toml", d.File)
				assert.Equal(t, tt.line, d.Line, diags.Error())
			}
			if tt.key != "" {
				assert.Equal(t, tt.key, d.Key, diags.Error())
			}
			if tt.hint != "" {
				assert.Contains(t, d.Hint, tt.hint)
			}
			assert.True(t, strings.HasPrefix(d.Error(), "bad.toml"), d.Error())
		})
	}
}

func TestScenarioParsing(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	text := `name = "All kinds"
description = "d"
counting = "entry-into-force"

[[set]]
state = "LAO"
field = "art4_area_cleared_m2"
years = [2024, 2025]
value = 1.5

[[set]]
state = "LAO"
field = "art4_completed_date"
value = 2025-05-01

[[scale]]
field = "art4_area_released_survey_m2"
factor = 2
to = 2023

[[remove]]
state = "LAO"
field = "art4_area_remaining_m2"
years = [2024, 2025]

[[indicator]]
id = "43.2"
target = 90
target_year = 2025

[scoring]
trend_min_years = 3
`
	sc, err := ParseScenario("all.toml", []byte(text), ds, p)
	require.NoError(t, err)
	assert.Equal(t, "All kinds", sc.Name)
	require.Len(t, sc.Changes, 6)
	assert.Equal(t, Change{Kind: ChangeSet, ISO3: "LAO", Field: "art4_area_cleared_m2", Year: 2024, Value: "1.5", File: "all.toml", Line: 5, Key: "set[0]"}, sc.Changes[0])
	assert.Equal(t, 2025, sc.Changes[1].Year)
	assert.Equal(t, 2025, sc.Changes[2].Year, "an event's year comes from its date")
	assert.Equal(t, "2025-05-01", sc.Changes[2].Value)
	assert.Equal(t, Change{Kind: ChangeScale, Field: "art4_area_released_survey_m2", Factor: 2, To: 2023, File: "all.toml", Line: 16, Key: "scale[0]"}, sc.Changes[3])
	assert.Equal(t, ChangeRemove, sc.Changes[5].Kind)
	assert.Equal(t, CountingEntryIntoForce, sc.Overrides.Counting)
	assert.Equal(t, 3, *sc.Overrides.Scoring.TrendMinYears)
	assert.Equal(t, []string{"art4_area_cleared_m2", "art4_area_released_survey_m2", "art4_area_remaining_m2", "art4_completed_date", DepCounting}, sc.ChangedInputs())
	assert.Equal(t, "set LAO.art4_area_cleared_m2@2024 = 1.5", sc.Changes[0].String())
	assert.Equal(t, "scale art4_area_released_survey_m2 x 2 (every State; up to 2023)", sc.Changes[3].String())
}

// TestWhatIfCutOff: a baseline and its scenarios always share one cut-off. Without AsOf, a
// scenario that adds a date later than the data's latest re-bases the baseline at that date
// (and every scenario run together shares it); with AsOf, the given cut-off holds for both.
func TestWhatIfCutOff(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	bl, err := p.NewBaseline(ctx, ds, 2025)
	require.NoError(t, err)
	assert.Equal(t, ds.LatestDate(), bl.AsOf())
	later := ds.LatestDate().AddDays(40)
	early := &Scenario{Name: "early", Changes: []Change{{Kind: ChangeSet, ISO3: "LAO", Field: "art4_area_cleared_m2", Year: 2025, Value: "1"}}}
	late := &Scenario{Name: "late", Changes: []Change{{Kind: ChangeSet, ISO3: "KEN", Field: "ratified", Value: later.String()}}}

	run, err := bl.Run(ctx, early)
	require.NoError(t, err)
	assert.Same(t, bl, run.Baseline, "nothing later: the baseline itself")
	assert.Equal(t, bl.Assessment().AsOf, run.Assessment.AsOf)

	runs, err := bl.RunAll(ctx, []*Scenario{early, late})
	require.NoError(t, err)
	for _, r := range runs {
		assert.Equal(t, later.String(), r.Baseline.Assessment().AsOf, r.Scenario.Name)
		assert.Equal(t, later.String(), r.Assessment.AsOf, r.Scenario.Name)
		assert.Equal(t, ds.LatestDate(), r.Baseline.Rebased())
		full, err := r.Plan.Assess(ctx, r.Data, 2025, AsOf(later))
		require.NoError(t, err)
		assert.Equal(t, assessmentContent(full), assessmentContent(r.Assessment), r.Scenario.Name)
	}
	assert.Same(t, runs[0].Baseline, runs[1].Baseline, "one baseline for every scenario run together")
	d := runs[1].Diff()
	assert.Equal(t, d.BaseAsOf, d.ScenarioAsOf)

	pinned, err := p.NewBaseline(ctx, ds, 2025, AsOf(MustDate("2025-06-30")))
	require.NoError(t, err)
	run, err = pinned.Run(ctx, late)
	require.NoError(t, err)
	assert.Same(t, pinned, run.Baseline, "a given cut-off holds")
	assert.Equal(t, "2025-06-30", run.Assessment.AsOf)
	assert.Zero(t, run.Diff().ChangedTotals.Indicators, "the deposit falls after the cut-off")
}

func TestCompare(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	base, err := p.Assess(ctx, ds, 2024)
	require.NoError(t, err)
	nd, err := ds.Apply([]Change{{Kind: ChangeSet, ISO3: "KEN", Field: "ratified", Value: "2024-03-01"}})
	require.NoError(t, err)
	other, err := p.Assess(ctx, nd, 2024)
	require.NoError(t, err)

	same := Compare(base, base)
	assert.Equal(t, ChangeCounts{}, same.ChangedTotals)
	assert.Empty(t, same.Changes().Indicators)
	assert.Len(t, same.Indicators, len(base.Indicators))

	d := Compare(base, other)
	c, ok := d.Indicator("10.1")
	require.True(t, ok)
	assert.True(t, c.Changed)
	assert.Equal(t, 1.0, *c.Delta)
	assert.Equal(t, *c.BaseValue+1, *c.ScenarioValue)
	assert.Equal(t, []string{"KEN"}, c.Entered)
	assert.Empty(t, c.Left)
	c, _ = d.Indicator("10.3")
	assert.Empty(t, c.Left, "a fixed reference population: Kenya stays counted after ratifying")
	assert.False(t, c.Changed)
	ch := d.Changes()
	assert.Len(t, ch.Indicators, d.ChangedTotals.Indicators)
	assert.Equal(t, "overall", ch.Overall.Key)
	require.NotNil(t, ch.Overall.Delta)
	assert.InDelta(t, *other.Overall.Score-*base.Overall.Score, *ch.Overall.Delta, 1e-12)

	// reversed, the deltas change sign
	r := Compare(other, base)
	rc, _ := r.Indicator("10.1")
	assert.Equal(t, -1.0, *rc.Delta)
	assert.Equal(t, []string{"KEN"}, rc.Left)
}

// TestBaselineRun checks that the per-State incremental path equals a full assessment for each
// change kind, plan overrides and the examples, and that it leaves the baseline alone.
func TestBaselineRun(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	opts := []EvalOption{AsOf(ds.LatestDate())}
	b, err := p.NewBaseline(ctx, ds, 2025, opts...)
	require.NoError(t, err)
	before, err := p.Assess(ctx, ds, 2025, opts...)
	require.NoError(t, err)
	require.Equal(t, assessmentContent(before), assessmentContent(b.Assessment()))
	scenarios := []*Scenario{
		{Name: "set", Changes: []Change{{Kind: ChangeSet, ISO3: "LAO", Field: "art4_area_cleared_m2", Year: 2023, Value: "1"}}},
		{Name: "add", Changes: []Change{{Kind: ChangeSet, ISO3: "KEN", Field: "art7_initial_submitted", Value: "2024-01-01"}}},
		{Name: "scale all", Changes: []Change{{Kind: ChangeScale, Field: "art4_area_remaining_m2", Factor: 0.5}}},
		{Name: "remove", Changes: []Change{{Kind: ChangeRemove, ISO3: "LAO", Field: "art4_area_remaining_m2", Year: 2025}}},
		{Name: "deposit", Changes: []Change{{Kind: ChangeSet, ISO3: "KEN", Field: "ratified", Value: "2022-03-01"}}},
		{Name: "withdraw", Changes: []Change{{Kind: ChangeSet, ISO3: "LAO", Field: "withdrawn", Value: "2023-06-01"}}},
		{Name: "completion", Changes: []Change{{Kind: ChangeSet, ISO3: "LAO", Field: "art4_completed_date", Year: 2024, Value: "2024-05-01"}}},
		// deadline and extension facts: the episodes and projections of that State change, the
		// others' are the baseline's (deadlinesReusing, obligationEpisodesReusing)
		{Name: "deadline", Changes: []Change{{Kind: ChangeSet, ISO3: "BIH", Field: "art4_deadline", Year: 2022, Value: "2030-09-01"}}},
		{Name: "extension refused", Changes: []Change{{Kind: ChangeSet, ISO3: "AFG", Field: "art4_extension_granted", Year: 2025, Value: "false"}}},
		{Name: "scale one State", Changes: []Change{{Kind: ChangeScale, States: []string{"LAO"}, Field: "art4_area_cleared_m2", From: 2024, Factor: 1.5}}},
		{Name: "margin", Overrides: PlanOverrides{Scoring: ScoringOverride{DeadlineMarginYears: num(10)}}},
		{Name: "margin and clearance", Overrides: PlanOverrides{Scoring: ScoringOverride{DeadlineMarginYears: num(10)}},
			Changes: []Change{{Kind: ChangeScale, States: []string{"LAO"}, Field: "art4_area_cleared_m2", From: 2024, Factor: 1.5}}},
		{Name: "rate years", Overrides: PlanOverrides{Scoring: ScoringOverride{DeadlineRateYears: intPtr(1)}}},
		{Name: "counting", Overrides: PlanOverrides{Counting: CountingEntryIntoForce}},
		{Name: "target", Overrides: PlanOverrides{Indicators: []IndicatorOverride{{ID: "43.1", Target: num(50)}}}},
	}
	for _, f := range []string{"two-signatories-ratify.toml", "lao-clears-faster.toml", "overdue-initial-reports.toml", "target-43-2-at-90.toml"} {
		scenarios = append(scenarios, loadExample(t, f, ds, p))
	}
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			run, err := b.Run(ctx, sc)
			require.NoError(t, err)
			full, err := run.Plan.Assess(ctx, run.Data, 2025, opts...)
			require.NoError(t, err)
			assert.Equal(t, assessmentContent(full), assessmentContent(run.Assessment))
		})
	}
	after, err := p.Assess(ctx, ds, 2025, opts...)
	require.NoError(t, err)
	assert.Equal(t, assessmentContent(before), assessmentContent(after))
	assert.Equal(t, assessmentContent(before), assessmentContent(b.Assessment()))

	t.Run("concurrent runs", func(t *testing.T) {
		done := make(chan *Assessment, len(scenarios))
		for _, sc := range scenarios {
			go func() {
				run, err := b.Run(ctx, sc)
				assert.NoError(t, err)
				done <- run.Assessment
			}()
		}
		for range scenarios {
			<-done
		}
		assert.Equal(t, assessmentContent(before), assessmentContent(b.Assessment()))
	})
}

// TestScenarioValuesAreIllustrative: what a scenario supposes is not a fact, and every value
// resting on it is marked so (docs/whatif.md, "Marks"): a set fact and a scaled one are
// illustrative, and so is a State's row whose date a scenario sets (the accession of Angola in
// the what-if tables is 113ⁱ States Parties, not 113).
func TestScenarioValuesAreIllustrative(t *testing.T) {
	ds, err := LoadDataset(dataFS(testStatesCSV, "iso3,year,field,value,source,class\nDEU,2023,art4_area_cleared_m2,1000,x,official\nDEU,2024,art4_area_cleared_m2,2000,x,official\n"), ".")
	require.NoError(t, err)
	nd, err := ds.Apply([]Change{
		{Kind: ChangeSet, ISO3: "DEU", Field: "art4_area_remaining_m2", Year: 2024, Value: "5000"},
		{Kind: ChangeScale, States: []string{"DEU"}, Field: "art4_area_cleared_m2", From: 2024, Factor: 2},
		{Kind: ChangeSet, ISO3: "KEN", Field: "ratified", Value: "2024-03-01"},
	})
	require.NoError(t, err)
	class := func(d *Dataset, year int, field string) Class {
		for _, f := range d.FactsOf(field) {
			if f.ISO3 == "DEU" && f.Year == year {
				return f.Class
			}
		}
		t.Fatalf("no DEU %s in %d", field, year)
		return ""
	}
	assert.Equal(t, ClassIllustrative, class(nd, 2024, "art4_area_remaining_m2"), "set")
	assert.Equal(t, ClassIllustrative, class(nd, 2024, "art4_area_cleared_m2"), "scaled")
	assert.Equal(t, ClassOfficial, class(nd, 2023, "art4_area_cleared_m2"), "outside the scale's years: unchanged")
	assert.Equal(t, ClassOfficial, class(ds, 2024, "art4_area_cleared_m2"), "the data applied to are not changed")
	ken, ok := nd.State("KEN")
	require.True(t, ok)
	assert.Equal(t, ClassIllustrative, ken.Class, "a State's row with a supposed date")
	deu, _ := nd.State("DEU")
	assert.Equal(t, ClassUnstated, deu.Class, "a row the scenario did not touch keeps its class")
}

// TestBaselineRunDeadlineScoring checks that a scenario changing the deadline margin, alone or
// with a change to one State, projects every State's deadline again rather than taking the
// baseline's: in data where clearance is fast enough for some States to be on course, the
// margin turns them at risk, so a reused projection would differ from the full assessment.
func TestBaselineRunDeadlineScoring(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	fast, err := ds.Apply([]Change{{Kind: ChangeScale, Field: "art4_area_cleared_m2", From: 2023, Factor: 20}})
	require.NoError(t, err)
	opts := []EvalOption{AsOf(ds.LatestDate())}
	b, err := p.NewBaseline(ctx, fast, 2025, opts...)
	require.NoError(t, err)
	statuses := func(a *Assessment) map[string]ProjectionStatus {
		m := map[string]ProjectionStatus{}
		for _, d := range a.Deadlines {
			m[fmt.Sprintf("%s/%d", d.ISO3, d.Article)] = d.Status
		}
		return m
	}
	margin := PlanOverrides{Scoring: ScoringOverride{DeadlineMarginYears: num(0)}}
	for _, sc := range []*Scenario{
		{Name: "margin", Overrides: margin},
		{Name: "margin and one State", Overrides: margin,
			Changes: []Change{{Kind: ChangeSet, ISO3: "KEN", Field: "art7_initial_submitted", Value: "2024-01-01"}}},
	} {
		t.Run(sc.Name, func(t *testing.T) {
			run, err := b.Run(ctx, sc)
			require.NoError(t, err)
			full, err := run.Plan.Assess(ctx, run.Data, 2025, opts...)
			require.NoError(t, err)
			require.NotEqual(t, statuses(b.Assessment()), statuses(full), "the margin must change a projection for this test to mean anything")
			assert.Equal(t, assessmentContent(full).Deadlines, run.Assessment.Deadlines)
			assert.Equal(t, assessmentContent(full), assessmentContent(run.Assessment))
		})
	}
}

// TestReassessNeedsTheSameStates: the incremental re-assessment reuses the baseline's
// environments, results, projections and episodes by State index, so it may do so only for a
// dataset that lists the same States in the same order. A dataset of as many States, one of
// them another (Kenya's row and facts under the code KEX), is assessed in full: the reused
// results would otherwise still name Kenya.
func TestReassessNeedsTheSameStates(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	opts := []EvalOption{AsOf(ds.LatestDate())}
	b, err := p.NewBaseline(ctx, ds, 2025, opts...)
	require.NoError(t, err)
	fsys := fstest.MapFS{}
	for _, name := range []string{"states.csv", "facts.csv", "registers.csv"} {
		data, err := os.ReadFile(filepath.Join("../testdata/sample", name))
		require.NoError(t, err)
		fsys[name] = &fstest.MapFile{Data: bytes.ReplaceAll(data, []byte("\nKEN,"), []byte("\nKEX,"))}
	}
	other, err := LoadDataset(fsys, ".")
	require.NoError(t, err)
	require.Len(t, other.States(), len(ds.States()))
	_, ok := other.State("KEX")
	require.True(t, ok)
	got, err := b.reassess(ctx, p, other, nil)
	require.NoError(t, err)
	want, err := p.Assess(ctx, other, 2025, opts...)
	require.NoError(t, err)
	assert.Equal(t, assessmentContent(want), assessmentContent(got))
}
