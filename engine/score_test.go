package engine

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// series builds a series from 2021 to year; vals maps a year to its value (absent: no value).
func series(year int, vals map[int]float64) []YearValue {
	var out []YearValue
	for y := 2021; y <= year; y++ {
		yv := YearValue{Year: y}
		if v, ok := vals[y]; ok {
			yv.Value = num(v)
		}
		out = append(out, yv)
	}
	return out
}

// scoreAt scores an indicator whose value in year is the series' last value.
func scoreAt(ind *Indicator, year int, vals map[int]float64, sc Scoring) IndicatorAssessment {
	s := series(year, vals)
	ir := IndicatorResult{ID: ind.ID, Unit: ind.Unit, Status: ValueMissing}
	if v := s[len(s)-1].Value; v != nil {
		ir.Value, ir.Status = num(*v), ValueOK
	}
	return scoreIndicator(ir, ind, s, year, 2021, 2026, sc, nil)
}

func increaseTo(target float64, year int) *Indicator {
	return &Indicator{ID: "1.1", Unit: "percent", Direction: Increase, Target: num(target), TargetYear: year}
}

func TestScoreLinear(t *testing.T) {
	standing := &Indicator{ID: "43.2", Unit: "percent", Direction: Increase, Target: num(100), TargetYear: 2021, TargetEachYear: true}
	// 12.1: States with stockpile destruction outstanding, decrease to 0 by 2026
	dec := &Indicator{ID: "12.1", Unit: "states", Direction: Decrease, Target: num(0), TargetYear: 2026}
	override := increaseTo(100, 2026)
	override.BaselineYear = 2022
	noTarget := &Indicator{ID: "10.2", Unit: "states", Direction: Increase}
	def := DefaultScoring()
	lenient := def
	lenient.Regressing = -0.1
	strict := def
	strict.OnTrack = 1
	tests := []struct {
		name             string
		ind              *Indicator
		year             int
		vals             map[int]float64
		sc               Scoring
		status           ProgressStatus
		progress, score  *float64 // nil: want nil
		expected, expPr  *float64
		baselineYear     int
		reasonSubstrings []string
	}{
		// baseline 0 in 2021, target 100 by 2026; in 2024 the path has covered 3/5 = 0.6, so
		// on-track needs progress >= 0.95 x 0.6 = 0.57
		{name: "on-track at the boundary", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2021: 0, 2024: 57}, sc: def,
			status: ProgressOnTrack, progress: num(0.57), score: num(0.57), expected: num(60), expPr: num(0.6), baselineYear: 2021},
		{name: "needs acceleration just below", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2021: 0, 2024: 56.9}, sc: def,
			status: ProgressNeedsAcceleration, progress: num(0.569), score: num(0.569), expected: num(60), expPr: num(0.6), baselineYear: 2021},
		{name: "on_track threshold from the plan", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2021: 0, 2024: 59}, sc: strict,
			status: ProgressNeedsAcceleration, progress: num(0.59), score: num(0.59), expected: num(60), expPr: num(0.6), baselineYear: 2021},
		{name: "no movement is not regression", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2021: 40, 2024: 40}, sc: def,
			status: ProgressNeedsAcceleration, progress: num(0), score: num(0), expected: num(76), expPr: num(0.6), baselineYear: 2021},
		{name: "regressing just below the baseline", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2021: 40, 2024: 39.4}, sc: def,
			status: ProgressRegressing, progress: num(-0.01), score: num(0), expected: num(76), expPr: num(0.6), baselineYear: 2021},
		{name: "regressing threshold from the plan", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2021: 40, 2024: 39.4}, sc: lenient,
			status: ProgressNeedsAcceleration, progress: num(-0.01), score: num(0), expected: num(76), expPr: num(0.6), baselineYear: 2021},
		{name: "achieved beyond the target, score capped", ind: increaseTo(50, 2026), year: 2024, vals: map[int]float64{2021: 20, 2024: 60}, sc: def,
			status: ProgressAchieved, progress: num(4.0 / 3), score: num(1), expected: num(38), expPr: num(0.6), baselineYear: 2021},
		{name: "baseline equals target, still met", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2021: 100, 2024: 100}, sc: def,
			status: ProgressAchieved, progress: num(1), score: num(1), expected: num(100), expPr: num(0.6), baselineYear: 2021},
		{name: "baseline equals target, lost", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2021: 100, 2024: 90}, sc: def,
			status: ProgressRegressing, progress: num(0), score: num(0), expected: num(100), expPr: num(0.6), baselineYear: 2021,
			reasonSubstrings: []string{"already met"}},
		{name: "decrease: target 0 met at baseline", ind: dec, year: 2024, vals: map[int]float64{2021: 0, 2024: 0}, sc: def,
			status: ProgressAchieved, progress: num(1), score: num(1), expected: num(0), expPr: num(0.6), baselineYear: 2021},
		{name: "decrease: on track", ind: dec, year: 2024, vals: map[int]float64{2021: 10, 2024: 4}, sc: def,
			status: ProgressOnTrack, progress: num(0.6), score: num(0.6), expected: num(4), expPr: num(0.6), baselineYear: 2021},
		{name: "decrease: too slow", ind: dec, year: 2024, vals: map[int]float64{2021: 10, 2024: 5}, sc: def,
			status: ProgressNeedsAcceleration, progress: num(0.5), score: num(0.5), expected: num(4), expPr: num(0.6), baselineYear: 2021},
		{name: "decrease: rising is regressing", ind: dec, year: 2024, vals: map[int]float64{2021: 10, 2024: 12}, sc: def,
			status: ProgressRegressing, progress: num(-0.2), score: num(0), expected: num(4), expPr: num(0.6), baselineYear: 2021},
		{name: "decrease: reached", ind: dec, year: 2025, vals: map[int]float64{2021: 10, 2025: 0}, sc: def,
			status: ProgressAchieved, progress: num(1), score: num(1), expected: num(2), expPr: num(0.8), baselineYear: 2021},
		{name: "standing obligation: expected in full every year", ind: standing, year: 2023, vals: map[int]float64{2021: 80, 2023: 90}, sc: def,
			status: ProgressNeedsAcceleration, progress: num(0.5), score: num(0.5), expected: num(100), expPr: num(1), baselineYear: 2021},
		{name: "standing obligation met", ind: standing, year: 2023, vals: map[int]float64{2021: 80, 2023: 100}, sc: def,
			status: ProgressAchieved, progress: num(1), score: num(1), expected: num(100), expPr: num(1), baselineYear: 2021},
		{name: "the baseline year itself", ind: increaseTo(100, 2026), year: 2021, vals: map[int]float64{2021: 30}, sc: def,
			status: ProgressOnTrack, progress: num(0), score: num(0), expected: num(30), expPr: num(0), baselineYear: 2021},
		{name: "no baseline data: first later year", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2022: 20, 2024: 50}, sc: def,
			status: ProgressNeedsAcceleration, progress: num(0.375), score: num(0.375), expected: num(60), expPr: num(0.5), baselineYear: 2022,
			reasonSubstrings: []string{"37.5% of the way from the 2022 baseline", "short of the 47.5% needed to be on track in 2024 (95% of the 50% expected by then)"}},
		{name: "no baseline data at all", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2024: 50}, sc: def,
			status: ProgressInsufficientData, expPr: num(0.6), reasonSubstrings: []string{"no baseline"}},
		{name: "single year of data that meets the target", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2024: 100}, sc: def,
			status: ProgressAchieved, progress: num(1), score: num(1), expPr: num(0.6)},
		{name: "no value this year", ind: increaseTo(100, 2026), year: 2024, vals: map[int]float64{2021: 10, 2023: 50}, sc: def,
			status: ProgressInsufficientData, expected: num(64), expPr: num(0.6), baselineYear: 2021, reasonSubstrings: []string{"no value for 2024"}},
		{name: "baseline_year override", ind: override, year: 2024, vals: map[int]float64{2021: 0, 2022: 50, 2024: 75}, sc: def,
			status: ProgressOnTrack, progress: num(0.5), score: num(0.5), expected: num(75), expPr: num(0.5), baselineYear: 2022},
		{name: "no target", ind: noTarget, year: 2024, vals: map[int]float64{2021: 3, 2024: 5}, sc: def,
			status: ProgressNoTarget},
		{name: "target year passed, not met", ind: increaseTo(100, 2023), year: 2024, vals: map[int]float64{2021: 0, 2024: 90}, sc: def,
			status: ProgressNeedsAcceleration, progress: num(0.9), score: num(0.9), expected: num(100), expPr: num(1), baselineYear: 2021},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ia := scoreAt(tt.ind, tt.year, tt.vals, tt.sc)
			assert.Equal(t, tt.status, ia.ProgressStatus, ia.Reason)
			assert.Equal(t, MethodLinear, ia.Method)
			assertNum(t, "progress", tt.progress, ia.Progress)
			assertNum(t, "score", tt.score, ia.Score)
			assertNum(t, "expected", tt.expected, ia.Expected)
			assertNum(t, "expected_progress", tt.expPr, ia.ExpectedProgress)
			assert.Equal(t, tt.baselineYear, ia.BaselineYear)
			assert.Nil(t, ia.Trend)
			for _, s := range tt.reasonSubstrings {
				assert.Contains(t, ia.Reason, s)
			}
			require.NotEmpty(t, ia.steps)
			assert.True(t, strings.HasPrefix(ia.steps[len(ia.steps)-1].String(), "status: "+string(tt.status)))
		})
	}
}

func assertNum(t *testing.T, name string, want, got *float64) {
	t.Helper()
	if want == nil {
		assert.Nil(t, got, name)
		return
	}
	if assert.NotNil(t, got, name) {
		assert.InDelta(t, *want, *got, 1e-9, name)
	}
}

func TestScoreTrend(t *testing.T) {
	trend := func(ind *Indicator) *Indicator { ind.Method = MethodTrend; return ind }
	def := DefaultScoring()
	three := def
	three.TrendMinYears = 3
	tests := []struct {
		name        string
		ind         *Indicator
		year        int
		vals        map[int]float64
		sc          Scoring
		status      ProgressStatus
		slope       float64
		projected   float64
		projYear    int
		anticipated float64
		noTrend     bool
	}{
		// 10, 30, 50, 70: +20 a year reaches 110 in 2026, past the target 100
		{name: "on-track: the projection meets the target", ind: trend(increaseTo(100, 2026)), year: 2024,
			vals: map[int]float64{2021: 10, 2022: 30, 2023: 50, 2024: 70}, sc: def,
			status: ProgressOnTrack, slope: 20, projected: 110, projYear: 2026, anticipated: 100.0 / 90},
		// the same values under the linear method: progress 0.667 >= 0.95 x 0.6
		{name: "needs acceleration: +10 a year reaches 60", ind: trend(increaseTo(100, 2026)), year: 2024,
			vals: map[int]float64{2021: 10, 2022: 20, 2023: 30, 2024: 40}, sc: def,
			status: ProgressNeedsAcceleration, slope: 10, projected: 60, projYear: 2026, anticipated: 50.0 / 90},
		// two points 0 and 19: the line reaches 95 in 2026: anticipated progress exactly 0.95
		{name: "trend_on_track boundary", ind: trend(increaseTo(100, 2026)), year: 2022,
			vals: map[int]float64{2021: 0, 2022: 19}, sc: def,
			status: ProgressOnTrack, slope: 19, projected: 95, projYear: 2026, anticipated: 0.95},
		{name: "just below the boundary", ind: trend(increaseTo(100, 2026)), year: 2022,
			vals: map[int]float64{2021: 0, 2022: 18.9}, sc: def,
			status: ProgressNeedsAcceleration, slope: 18.9, projected: 94.5, projYear: 2026, anticipated: 0.945},
		{name: "regressing: the trend moves away", ind: trend(increaseTo(100, 2026)), year: 2024,
			vals: map[int]float64{2021: 60, 2022: 58, 2023: 55, 2024: 53}, sc: def,
			status: ProgressRegressing, slope: -2.4, projected: 48.1, projYear: 2026, anticipated: -11.9 / 40},
		{name: "decrease: 12.1 falling 2 a year reaches 0", ind: trend(&Indicator{ID: "12.1", Direction: Decrease, Target: num(0), TargetYear: 2026}), year: 2023,
			vals: map[int]float64{2021: 10, 2022: 8, 2023: 6}, sc: def,
			status: ProgressOnTrack, slope: -2, projected: 0, projYear: 2026, anticipated: 1},
		{name: "gaps are skipped", ind: trend(increaseTo(100, 2026)), year: 2024,
			vals: map[int]float64{2021: 10, 2024: 40}, sc: def,
			status: ProgressNeedsAcceleration, slope: 10, projected: 60, projYear: 2026, anticipated: 50.0 / 90},
		{name: "standing obligation projects to the plan's target year", ind: trend(&Indicator{ID: "43.2", Direction: Increase, Target: num(100), TargetYear: 2021, TargetEachYear: true}), year: 2023,
			vals: map[int]float64{2021: 70, 2022: 80, 2023: 90}, sc: def,
			status: ProgressOnTrack, slope: 10, projected: 120, projYear: 2026, anticipated: 50.0 / 30},
		{name: "single year of data", ind: trend(increaseTo(100, 2026)), year: 2024,
			vals: map[int]float64{2024: 40}, sc: def, status: ProgressInsufficientData, noTrend: true},
		{name: "fewer years than trend_min_years", ind: trend(increaseTo(100, 2026)), year: 2024,
			vals: map[int]float64{2021: 10, 2024: 40}, sc: three, status: ProgressInsufficientData, noTrend: true},
		{name: "achieved needs no trend", ind: trend(increaseTo(100, 2026)), year: 2024,
			vals: map[int]float64{2024: 100}, sc: three, status: ProgressAchieved, noTrend: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ia := scoreAt(tt.ind, tt.year, tt.vals, tt.sc)
			assert.Equal(t, tt.status, ia.ProgressStatus, ia.Reason)
			assert.Equal(t, MethodTrend, ia.Method)
			if tt.noTrend {
				assert.Nil(t, ia.Trend)
				if tt.status == ProgressInsufficientData {
					assert.Nil(t, ia.Score, "insufficient data is not scored")
				}
				return
			}
			require.NotNil(t, ia.Trend)
			assert.InDelta(t, tt.slope, ia.Trend.Slope, 1e-9)
			assert.InDelta(t, tt.projected, ia.Trend.Projected, 1e-9)
			assert.Equal(t, tt.projYear, ia.Trend.ProjectedYear)
			assert.InDelta(t, tt.anticipated, *ia.Trend.Anticipated, 1e-9)
			// the score is the current progress, whatever the method
			require.NotNil(t, ia.Score)
			assert.InDelta(t, clamp(*ia.Progress, 0, 1), *ia.Score, 1e-12)
		})
	}
}

func TestLeastSquares(t *testing.T) {
	slope, mx, my := leastSquares([]float64{2021, 2022, 2023}, []float64{1, 2, 6})
	assert.InDelta(t, 2.5, slope, 1e-12)
	assert.InDelta(t, 2022, mx, 1e-12)
	assert.InDelta(t, 3, my, 1e-12)
	slope, _, _ = leastSquares([]float64{2021, 2022, 2023}, []float64{0.1 + 0.2, 0.3, 0.3})
	assert.Zero(t, slope, "rounding noise counts as flat")
}

func TestFnum(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 3: "3", -2: "-2", 0.57: "0.57", 1.0 / 3: "0.3333", 1e6: "1000000", -0.00001: "0"} {
		assert.Equal(t, want, fnum(in))
	}
}

func TestNoNegativeZero(t *testing.T) {
	// 46.1: 9 overdue reports at baseline and now, target 0: (9 - 9) / (0 - 9) is -0
	ind := &Indicator{ID: "46.1", Unit: "states", Direction: Decrease, Target: num(0), TargetYear: 2021, TargetEachYear: true}
	ia := scoreAt(ind, 2024, map[int]float64{2021: 9, 2024: 9}, DefaultScoring())
	require.NotNil(t, ia.Progress)
	assert.False(t, math.Signbit(*ia.Progress), "progress is +0, not -0")
}
