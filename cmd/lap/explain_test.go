package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/lapmonitor/lap/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sampleData = "../../testdata/sample"

func TestEvalScoresJSON(t *testing.T) {
	code, out, errOut := lap(t, "eval", "--data", sampleData, "--year", "2024", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	for _, k := range []string{"actions", "sections", "overall", "states", "deadlines", "scoring"} {
		assert.Contains(t, doc, k)
	}
	assert.Len(t, doc["sections"], 9)
	assert.Len(t, doc["actions"], 50)
	overall := doc["overall"].(map[string]any)
	assert.Contains(t, overall, "score")
	assert.Contains(t, overall, "status_counts")
	for _, it := range doc["indicators"].([]any) {
		ind := it.(map[string]any)
		for _, k := range []string{"baseline", "target", "expected", "progress", "progress_status", "method"} {
			assert.Contains(t, ind, k, ind["id"])
		}
	}
	var a engine.Assessment
	require.NoError(t, json.Unmarshal([]byte(out), &a))
	assert.Equal(t, 103, a.Overall.Indicators)
	assert.NotEmpty(t, a.States)
	assert.NotEmpty(t, a.Deadlines)
}

func TestEvalScoresTableAndCSV(t *testing.T) {
	code, out, errOut := lap(t, "eval", "--data", sampleData, "--year", "2024")
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `Overall: score \d+%, expected by now \d+%`, out)
	for _, h := range []string{"SECTION", "ACTION", "PROGRESS STATUS", "OBLIGATIONS", "PROJECTIONS", "STATE PARTY"} {
		assert.Contains(t, out, h)
	}
	// 12.1 is 0 at the end of 2024 (lap-plan.md section 7): the target, reached early.
	assert.Regexp(t, `(?m)^12\.1 +0[ᵐᵉᵘⁱ]? +states +0 of 112 +4[ᵐᵉᵘⁱ]? +0 by 2026 +1\.60 +100% +achieved +– +trend`, out)
	// 48.2 counts every State Party; 41.2's coverage is flagged
	assert.Regexp(t, `(?m)^48\.2 +10\.7%[ᵐᵉᵘⁱ]? +percent +12 of 112 .* no-target +\S+ .* as-false +– +ok `, out)
	assert.Regexp(t, `(?m)^41\.2 .* exclude +coverage +ok `, out)
	assert.NotContains(t, out, "-0%")

	code, out, _ = lap(t, "eval", "--data", sampleData, "--year", "2024", "--format", "csv", "--only", `^12\.1$`)
	require.Equal(t, 0, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2)
	assert.True(t, strings.HasSuffix(lines[0], ",expected,expected_progress,progress,score,progress_status,n,counted_count,unknown_policy,min_population,coverage_flag,trend_status,class,baseline_class"))
	assert.True(t, strings.HasSuffix(lines[1], ",1.6,0.6,1,1,achieved,112,0,exclude,5,false,,illustrative,illustrative"), lines[1])
}

func TestExplainCommand(t *testing.T) {
	code, out, errOut := lap(t, "explain", "43.1", "--data", sampleData, "--year", "2024")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Population: initial_report_required")
	assert.Contains(t, out, "Rule:       initial_report_submitted")
	m := regexp.MustCompile(`States in the population: (\d+) of (\d+)`).FindStringSubmatch(out)
	require.NotNil(t, m)
	// every State of the population has a block with the fact behind its result
	code, js, _ := lap(t, "explain", "--data", sampleData, "--year", "2024", "--format", "json", "43.1")
	require.Equal(t, 0, code)
	var ex engine.Explanation
	require.NoError(t, json.Unmarshal([]byte(js), &ex))
	n := 0
	for _, so := range ex.Indicator.States {
		if !so.InPopulation {
			continue
		}
		n++
		assert.Regexp(t, `(?m)^`+so.ISO3+` +`+regexp.QuoteMeta(ex.Names[so.ISO3])+` +(counted|not counted|no data)`, out, "the code, then the name")
	}
	assert.Equal(t, m[1], itoa(n))
	assert.Regexp(t, `from art7_initial_submitted +\d{4}-\d{2}-\d{2} +.*facts\.csv:\d+`, out)
	assert.Regexp(t, `from entry_into_force +\d{4}-\d{2}-\d{2} +.*states\.csv:\d+`, out)
	assert.Contains(t, out, "Scoring (method linear")
	assert.Contains(t, out, "status: ")
	assert.Contains(t, out, "Thresholds (plan.toml [scoring]): on_track 0.95")
	assert.NotEmpty(t, ex.Steps)
	assert.NotEmpty(t, ex.DerivedInputs)
}

// TestExplainNotKnown: 24.1 on the sample for 2024 is 0 of 112 with Iraq not known (deadline
// 1 November 2023, extension requested, no decision recorded); explain shows the check of the
// status against the State not known and why it is not known (docs/methodology.md §3.2), and
// 3.1 one whose status holds.
func TestExplainNotKnown(t *testing.T) {
	code, out, errOut := lap(t, "explain", "24.1", "--data", sampleData, "--year", "2024")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "  the 1 State not known: if it does not satisfy the rule, value 0, achieved; if it does, value 1, regressing\n")
	assert.Contains(t, out, "  status: insufficient-data: with the answer of Iraq not known, it could be achieved or not\n")
	code, js, _ := lap(t, "explain", "24.1", "--data", sampleData, "--year", "2024", "--format", "json")
	require.Equal(t, 0, code)
	var ex engine.Explanation
	require.NoError(t, json.Unmarshal([]byte(js), &ex))
	assert.Nil(t, ex.Indicator.Score, "not known is not scored")
	require.NotNil(t, ex.Indicator.UnknownCheck)
	assert.Equal(t, engine.UnknownCheck{NotKnown: 1, States: []string{"IRQ"}, Low: 0, High: 1,
		StatusLow: "achieved", StatusHigh: "regressing"}, *ex.Indicator.UnknownCheck)

	code, out, errOut = lap(t, "explain", "3.1", "--data", sampleData, "--year", "2024")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "  the status holds whichever way the 1 State not known goes: in need of acceleration at both ends\n")
	assert.Contains(t, out, "  status: needs-acceleration: ")
}

func TestExplainUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"explain", "--data", sampleData, "--year", "2024"}, 2, "an indicator ID is required"},
		{[]string{"explain", "43.1", "--data", sampleData}, 2, "--year is required"},
		{[]string{"explain", "99.9", "--data", sampleData, "--year", "2024"}, 2, `unknown indicator "99.9"`},
		{[]string{"explain", "43.1", "--data", sampleData, "--year", "2024", "--format", "xml"}, 2, "--format"},
		{[]string{"explain", "43.1", "extra", "--data", sampleData, "--year", "2024"}, 2, "unexpected arguments"},
		{[]string{"explain", "43.1", "--data", sampleData, "--year", "2099"}, 1, "starts after the as_of date"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := lap(t, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, errOut, tt.err)
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
