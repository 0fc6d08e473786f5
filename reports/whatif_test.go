package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/risk"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/locale"
)

// whatIfFixture is a baseline and one scenario that adds a State Party: indicator 1.1 and
// action 1 change, 1.2 does not, a deadline projection moves and the deadline risk rises.
func whatIfFixture(all bool) (*WhatIf, engine.Diff) {
	base, _ := fixture()
	rep := NewWhatIf(base, all)
	y1, y2 := 2031, 2029
	zafDeadline, zaf2023, zafOct := engine.MustDate("2023-11-01"), engine.MustDate("2023"), engine.MustDate("2023-10")
	d := engine.Diff{
		Indicators: []engine.IndicatorChange{
			{ID: "1.1", Title: "Share | of States", Unit: "percent", BaseValue: f(75), ScenarioValue: f(80), Delta: f(5),
				BaseProgress: f(0.5), ScenarioProgress: f(0.6), BaseStatus: engine.ProgressNeedsAcceleration,
				ScenarioStatus: engine.ProgressOnTrack, Changed: true,
				BaseSeries: series(2021, f(50), f(75)), ScenarioSeries: series(2021, f(50), f(80))},
			{ID: "1.2", Title: "Funds", Unit: "USD", BaseValue: f(10), ScenarioValue: f(10), Delta: f(0),
				BaseStatus: engine.ProgressNoTarget, ScenarioStatus: engine.ProgressNoTarget},
			{ID: "2.1", Title: "No data at all", Unit: "states", Delta: nil, Changed: true,
				BaseSeries: series(2021, nil), ScenarioSeries: series(2021, nil)},
		},
		Actions: []engine.ScoreChange{{Key: "1", Title: "Plan", BaseScore: f(0.5), ScenarioScore: f(0.512), Delta: f(0.012),
			BaseScored: 2, ScenarioScored: 2, LikeForLike: engine.LikeForLike{Indicators: 2, BaseScore: f(0.5), ScenarioScore: f(0.512)},
			BaseStatus: engine.ProgressNeedsAcceleration, ScenarioStatus: engine.ProgressOnTrack, Changed: true}},
		Overall: engine.ScoreChange{Key: "overall", BaseScore: f(0.4), ScenarioScore: f(0.41), Delta: f(0.01),
			BaseScored: 5, ScenarioScored: 5, LikeForLike: engine.LikeForLike{Indicators: 5, BaseScore: f(0.4), ScenarioScore: f(0.41)},
			BaseStatus: engine.ProgressNeedsAcceleration, ScenarioStatus: engine.ProgressNeedsAcceleration, Changed: true},
		Deadlines: []engine.DeadlineChange{{ISO3: "LAO", Article: 4, Deadline: "2030-08-01", BaseCompletionYear: &y1,
			ScenarioCompletionYear: &y2, BaseStatus: engine.ProjectionWillMiss, ScenarioStatus: engine.ProjectionOnCourse, Changed: true}},
		Obligations: []engine.ObligationChange{{ISO3: "ZAF", Name: "South Africa", Article: 3, Episode: 1, Deadline: &zafDeadline,
			BaseCompleted: &zaf2023, ScenarioCompleted: &zafOct, BaseDeadlineMet: engine.VerdictUnknown, ScenarioDeadlineMet: engine.VerdictYes,
			BaseStatusText: "completed; whether on time is not known", ScenarioStatusText: "completed on time", Changed: true}},
		ChangedTotals: engine.ChangeCounts{Indicators: 2, Actions: 1, Deadlines: 1, Obligations: 1},
	}
	tw := 3
	sc := &engine.Scenario{Name: "Kenya joins", Description: "A deposit in 2024.", File: "kenya.toml",
		Changes:   []engine.Change{{Kind: engine.ChangeSet, ISO3: "KEN", Field: "ratified", Value: "2024-03-01"}},
		Overrides: engine.PlanOverrides{Counting: engine.CountingEntryIntoForce, Scoring: engine.ScoringOverride{OnTrack: f(0.9), TrendMinYears: &tw}}}
	risk := &risk.Change{Draws: 500, Seed: 3,
		States:     []risk.StateChange{{ISO3: "LAO", Article: 4, Deadline: "2030-08-01", BasePByDeadline: f(0.1), ScenarioPByDeadline: f(0.25), BaseMedian: f(2031.2), ScenarioMedian: nil}},
		Indicators: []risk.IndicatorChange{{ID: "20.1", Target: 0, HorizonYear: 2026, BasePReach: 0.2, ScenarioPReach: 0.3}}}
	rep.Add(&engine.ScenarioRun{Scenario: sc, Affected: []string{"1.1", "2.1"}}, d, risk)
	return rep, d
}

func TestWhatIfAdd(t *testing.T) {
	for _, all := range []bool{false, true} {
		rep, _ := whatIfFixture(all)
		require.Len(t, rep.Scenarios, 1)
		s := rep.Scenarios[0]
		var ids []string
		for _, c := range s.Indicators {
			ids = append(ids, c.ID)
		}
		if all {
			assert.Equal(t, []string{"1.1", "1.2", "2.1"}, ids, "every row")
		} else {
			assert.Equal(t, []string{"1.1", "2.1"}, ids, "only the changed rows")
		}
		assert.Equal(t, []string{"set KEN.ratified = 2024-03-01"}, s.Changes)
		require.NotNil(t, s.Overrides)
		assert.NotNil(t, s.Sections, "[] rather than null in JSON")
		b, err := json.Marshal(rep)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"sections":[]`)
		assert.Contains(t, string(b), `"year":2024`)
	}
}

func TestWriteWhatIfTable(t *testing.T) {
	rep, _ := whatIfFixture(false)
	var b bytes.Buffer
	require.NoError(t, WriteWhatIfTable(&b, rep))
	out := b.String()
	tests := []struct{ name, re string }{
		{"header", `^What if: Test Action Plan 2021-2026 0\.1-test, year 2024, as of 2025-06-30\n`},
		{"scenario", `\n== Kenya joins\nA deposit in 2024\.\n  set KEN\.ratified = 2024-03-01\n  plan: counting entry-into-force; on_track 0\.9; trend_min_years 3\n`},
		{"counts", `Re-evaluated 2 indicators; changed: 2 indicators, 1 action, 0 sections, 1 deadline projection, 1 obligation episode\n`},
		{"obligation verdict", `ZAF +3 +1 +2023-11-01 +2023 -> 2023-10 +not known -> yes +completed; whether on time is not known +completed on time`},
		{"plan score", `Plan score: 40% over 5 indicators -> 41% over 5; like for like, over the 5 scored in both: \+1\.0 pp; needs acceleration -> needs acceleration\n`},
		{"indicator", `(?m)^1\.1 +75\.0% +80\.0% +\+5\.0 pp +50% -> 60% +needs acceleration +on track +Share \| of States$`},
		{"no value", `(?m)^2\.1 +– +– +– +– -> – `},
		{"action", `(?m)^1 +50% \(2\) +51% \(2\) +\+1\.2 pp \(2\) +needs acceleration +on track +Plan$`},
		{"deadline", `(?m)^LAO +4 +2030-08-01 +2031 -> 2029 +projected to miss the deadline +on course$`},
		{"risk", `(?m)^LAO +4 +2030-08-01 +10\.0% -> 25\.0% +– -> – +2031\.2 -> never$`},
		{"risk indicator", `(?m)^20\.1 reaches 0 by 2026 +20\.0% -> 30\.0%`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Regexp(t, tt.re, out)
		})
	}
	assert.NotContains(t, out, "\nSECTION", "no table for no rows")
	for _, code := range []string{"needs-acceleration", "on-track", "will-miss", "on-course"} {
		assert.NotContains(t, out, code, "statuses in words, as everything else a reader sees")
	}
}

func TestWriteWhatIfMarkdown(t *testing.T) {
	rep, d := whatIfFixture(false)
	figs, err := WhatIfFigures([]engine.Diff{d}, locale.English)
	require.NoError(t, err)
	require.Len(t, figs, 1, "1.1 only: 1.2 did not change and 2.1 has nothing to draw")
	assert.Equal(t, "s1-1.1", figs[0].Name)
	var svg bytes.Buffer
	require.NoError(t, figs[0].Write(&svg, "svg"))
	assert.Contains(t, svg.String(), "<svg")

	tests := []struct {
		name   string
		charts []*chart.Figure
		want   []string
		not    []string
	}{
		{"no charts", nil, []string{
			"# What if: Test Action Plan 2021-2026 0.1-test, 2024\n",
			"Data as of 2025-06-30. Only what changed is listed.\n",
			"\n## Kenya joins\n\nA deposit in 2024.\n\nScenario file: `kenya.toml`\n\n- set KEN.ratified = 2024-03-01\n- plan: counting entry-into-force; on\\_track 0.9; trend\\_min\\_years 3\n",
			"**Plan score:** 40% over 5 indicators → 41% over 5; like for like, over the 5 scored in both: +1.0 pp; needs acceleration → needs acceleration. 2 indicators re-evaluated; 2 changed.\n",
			"| 1.1 | 75.0% | 80.0% | +5.0 pp | 50% → 60% | needs acceleration → on track | Share \\| of States |\n",
			"| 1 | 50% (2) | 51% (2) | +1.2 pp (2) | needs acceleration → on track | Plan |\n",
			"| LAO | 4 | 2030-08-01 | 2031 → 2029 | projected to miss the deadline → on course |\n",
			"Deadline risk (500 draws, seed 3):",
			"\n- P(20.1 reaches 0 by 2026): 20.0% → 30.0%\n",
		}, []string{"### Charts", "needs-acceleration", "on-track", "will-miss", "on-course"}},
		{"charts", figs, []string{"\n### Charts\n\n![1.1: baseline and scenario](s1-1.1.svg)\n"}, []string{"2.1: baseline"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteWhatIfMarkdown(&b, rep, tt.charts))
			for _, w := range tt.want {
				assert.Contains(t, b.String(), w)
			}
			for _, w := range tt.not {
				assert.NotContains(t, b.String(), w)
			}
			assert.False(t, strings.Contains(b.String(), "\t"), "no tabs in Markdown")
		})
	}
}

func TestOverridesText(t *testing.T) {
	tgt, ty, w := 90.0, 2025, 2.0
	tests := []struct {
		name string
		o    engine.PlanOverrides
		want string
	}{
		{"nothing", engine.PlanOverrides{}, ""},
		{"counting", engine.PlanOverrides{Counting: engine.CountingDeposit}, "counting deposit"},
		{"indicator", engine.PlanOverrides{Indicators: []engine.IndicatorOverride{{ID: "43.2", Target: &tgt, TargetYear: &ty, Weight: &w, Method: engine.MethodTrend}}},
			"43.2: target 90, target_year 2025, weight 2, method trend"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, overridesText(&tt.o))
		})
	}
}

// The what-if Markdown page and its overlay charts in French and Spanish: no English heads,
// labels or legends (issue 18).
func TestWriteWhatIfMarkdownIn(t *testing.T) {
	for _, c := range []struct {
		lang       locale.Lang
		want       []string
		legend     []string
		tickDecSep string
	}{
		{locale.French, []string{"# Et si\u00a0: ", "Données au 30 juin 2025.", "**Score du plan\u00a0:**", "| Indicateur | Actuel | Scénario |", "### Graphiques", "![1.1\u00a0: situation actuelle et scénario](s1-1.1.svg)"},
			[]string{"Situation actuelle", "Scénario", "Année"}, ","},
		{locale.Spanish, []string{"# Qué pasaría si: ", "Datos al 30 de junio de 2025.", "**Puntuación del plan:**", "| Indicador | Actual | Escenario |", "### Gráficos", "![1.1: situación actual y escenario](s1-1.1.svg)"},
			[]string{"Situación actual", "Escenario", "Año"}, ","},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			rep, d := whatIfFixture(false)
			rep.Lang = c.lang
			figs, err := WhatIfFigures([]engine.Diff{d}, c.lang)
			require.NoError(t, err)
			require.Len(t, figs, 1)
			var svg bytes.Buffer
			require.NoError(t, figs[0].Write(&svg, "svg"))
			for _, w := range c.legend {
				assert.Contains(t, svg.String(), ">"+w+"<")
			}
			for _, en := range []string{">Baseline<", ">Scenario<", ">Year<", "baseline and scenario"} {
				assert.NotContains(t, svg.String(), en)
			}
			assert.NotContains(t, figs[0].Alt, "by year")
			var b bytes.Buffer
			require.NoError(t, WriteWhatIfMarkdown(&b, rep, figs))
			out := b.String()
			for _, w := range c.want {
				assert.Contains(t, out, w)
			}
			assert.NotContains(t, out, "[status.", "an empty status is no message")
			assert.Contains(t, out, "2031,2 →", "a year and its fraction are never grouped")
			for _, en := range []string{"What if", "Data as of", "Plan score", "| Indicator |", "| Base |", "### Charts", "baseline and scenario", "Only what changed"} {
				assert.NotContains(t, out, en)
			}
		})
	}
}
