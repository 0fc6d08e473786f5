package engine

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBoundedRules: a rule that builds huge arrays or strings, divides by zero or nests deeply
// fails as that indicator's error (or at load), and every other indicator still runs.
func TestBoundedRules(t *testing.T) {
	tests := []struct {
		name    string
		rule    string
		loadErr string // non-empty: the plan must not load
		runErr  string // non-empty: the indicator's error
	}{
		{"huge array", "len(1..100000000) > 0", "the range 1..100000000 holds", ""},
		{"huge array built in a loop", "len(map(1..10000, map(1..10000, #))) > 0", "", "memory budget"},
		{"huge string", "len(repeat('abc', 100000000)) > 0", "repeat() is not allowed", ""},
		{"division by zero", "1 / (year - year) > 0", "", ""}, // +Inf > 0 is a bool: allowed
		{"integer modulo by zero", "year % (year - year) == 0", "", "integer divide by zero"},
		{"deep nesting", strings.Repeat("(", 3000) + "party" + strings.Repeat(")", 3000), "", ""},
		{"too many nodes", strings.Repeat("party && ", 2000) + "party", "limit", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testPlanFS()
			fsys["a01.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(testAction1, "rule = 'party'", "rule = '''"+tt.rule+"'''", 1))}
			p, err := Load(fsys)
			if tt.loadErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.loadErr)
				return
			}
			if err != nil {
				// deep nesting may be refused at load: that is bounded too
				assert.Contains(t, err.Error(), "a01.toml")
				return
			}
			r, err := p.Evaluate(context.Background(), mustLoadData(t, evalFacts), 2023)
			require.NoError(t, err)
			bad, _ := r.Indicator("1.1")
			if tt.runErr != "" {
				assert.Equal(t, ValueError, bad.Status)
				assert.Contains(t, bad.Error, tt.runErr)
			}
			other, _ := r.Indicator("2.1")
			assert.Equal(t, ValueOK, other.Status, "the other indicators still run")
		})
	}
}

func TestNaNNumberIsAnError(t *testing.T) {
	fsys := testPlanFS()
	fsys["a02.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(testAction2, "rule = 'art4_area_cleared_m2'", "rule = '(art4_area_cleared_m2 - art4_area_cleared_m2) / 0'", 1))}
	p, err := Load(fsys)
	require.NoError(t, err)
	r, err := p.Evaluate(context.Background(), mustLoadData(t, evalFacts), 2023, Only(regexp.MustCompile(`^2\.2$`)))
	require.NoError(t, err)
	assert.Equal(t, ValueError, r.Indicators[0].Status)
	assert.Contains(t, r.Indicators[0].Error, "NaN")
}
