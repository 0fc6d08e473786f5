package engine

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/lapmonitor/lap/indicators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScoringKeysLoad(t *testing.T) {
	p := mustLoadTestPlan(t)
	assert.Equal(t, DefaultScoring(), p.Scoring(), "no [scoring] table: the defaults")
	ind, _ := p.Indicator("2.1")
	assert.Equal(t, MethodLinear, ind.Method)
	assert.InDelta(t, 1, ind.Weight, 0)
	assert.Zero(t, ind.BaselineYear)

	fsys := replace("plan.toml", "counting = \"deposit\"\n", "counting = \"deposit\"\n\n[scoring]\non_track = 0.9\ntrend_min_years = 3\ndeadline_margin_years = 0.5\n\n")
	fsys = withEdit(fsys, "a02.toml", "target_each_year = true\n", "target_each_year = true\nmethod = \"trend\"\nweight = 2.5\nbaseline_year = 2022\n")
	p, err := Load(fsys)
	require.NoError(t, err)
	want := DefaultScoring()
	want.OnTrack, want.TrendMinYears, want.DeadlineMarginYears = 0.9, 3, 0.5
	assert.Equal(t, want, p.Scoring())
	ind, _ = p.Indicator("2.1")
	assert.Equal(t, MethodTrend, ind.Method)
	assert.InDelta(t, 2.5, ind.Weight, 0)
	assert.Equal(t, 2022, ind.BaselineYear)
}

// withEdit edits one file of fsys.
func withEdit(fsys fstest.MapFS, file, old, new string) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	out[file] = &fstest.MapFile{Data: []byte(replaceOnce(string(fsys[file].Data), old, new))}
	return out
}

func replaceOnce(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	panic("test fixture does not contain " + old)
}

func TestScoringKeysBad(t *testing.T) {
	scoring := func(body string) fstest.MapFS {
		return replace("plan.toml", "counting = \"deposit\"\n", "counting = \"deposit\"\n\n[scoring]\n"+body+"\n")
	}
	ind21 := func(keys string) fstest.MapFS {
		return replace("a02.toml", "target_each_year = true\n", "target_each_year = true\n"+keys+"\n")
	}
	tests := []struct {
		name     string
		fsys     fstest.MapFS
		code     string
		file     string
		key      string
		contains string
	}{
		{"on_track above 1", scoring("on_track = 1.5"), CodeBadValue, "plan.toml", "scoring.on_track", "must be in (0, 1]"},
		{"on_track zero", scoring("on_track = 0.0"), CodeBadValue, "plan.toml", "scoring.on_track", "must be in (0, 1]"},
		{"trend_on_track negative", scoring("trend_on_track = -0.5"), CodeBadValue, "plan.toml", "scoring.trend_on_track", "(0, 1]"},
		{"regressing positive", scoring("regressing = 0.1"), CodeBadValue, "plan.toml", "scoring.regressing", "[-1, 0]"},
		{"trend over one point", scoring("trend_min_years = 1"), CodeBadValue, "plan.toml", "scoring.trend_min_years", "two points"},
		{"no rate years", scoring("deadline_rate_years = 0"), CodeBadValue, "plan.toml", "scoring.deadline_rate_years", "between 1 and 50"},
		{"negative margin", scoring("deadline_margin_years = -1.0"), CodeBadValue, "plan.toml", "scoring.deadline_margin_years", "[0, 10]"},
		{"misspelled scoring key", scoring("on_trak = 0.9"), CodeUnknownKey, "plan.toml", "scoring.on_trak", `did you mean "on_track"`},
		{"unknown method", ind21(`method = "cagr"`), CodeBadValue, "a02.toml", "indicator[0].method", `not one of linear, trend`},
		{"method without a target", replace("a02.toml", "aggregate = \"sum\"\n", "aggregate = \"sum\"\nmethod = \"trend\"\n"), CodeBadValue, "a02.toml", "indicator[1].method", "needs a target"},
		{"zero weight", ind21("weight = 0.0"), CodeBadValue, "a02.toml", "indicator[0].weight", "above 0"},
		{"huge weight", ind21("weight = 100.0"), CodeBadValue, "a02.toml", "indicator[0].weight", "at most 10"},
		{"baseline year before the plan", ind21("baseline_year = 2019"), CodeBadValue, "a02.toml", "indicator[0].baseline_year", "outside the plan period"},
		{"baseline year at the target year", replace("a01.toml", "fields = [\"party\"]\n", "target = 200.0\ntarget_year = 2024\nbaseline_year = 2024\nfields = [\"party\"]\n"),
			CodeBadValue, "a01.toml", "indicator[0].baseline_year", "must be before target_year 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fsys)
			require.Error(t, err)
			var ds Diagnostics
			require.True(t, errors.As(err, &ds))
			var found *Diagnostic
			for _, d := range ds {
				if d.Code == tt.code && d.File == tt.file {
					found = d
				}
			}
			require.NotNil(t, found, "%v", err)
			assert.Equal(t, tt.key, found.Key)
			assert.NotZero(t, found.Line, "positioned")
			assert.Contains(t, found.Message+" "+found.Hint, tt.contains)
		})
	}
}

func TestShippedPlanScoring(t *testing.T) {
	// the shipped plan.toml sets every threshold in its [scoring] table
	p, err := Load(indicators.FS)
	require.NoError(t, err)
	assert.Equal(t, DefaultScoring(), p.Scoring(), "the table states the documented defaults")
}
