package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommandsTraceTheReport: the report tells its readers to trace every number with
// lap explain ID --data DIR --year Y; so explain, eval, audit and risk on a year use the
// report's cut-off for it by default (the plan's report cut-off, 30 June of the year after),
// not the data's latest date, and eval gives the report's values. The sample has data up to
// 31 October 2026, so the data's latest date would show 2024 with later reports and revisions
// (eval's plan score for 2024 was 35% against the report's 23%).
func TestCommandsTraceTheReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--formats", "json", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	type assessment struct {
		AsOf       string `json:"as_of"`
		Indicators []struct {
			ID    string   `json:"id"`
			Value *float64 `json:"value"`
		} `json:"indicators"`
		Overall struct {
			Score *float64 `json:"score"`
		} `json:"overall"`
	}
	var rep struct {
		Assessment assessment `json:"assessment"`
	}
	b, err := os.ReadFile(filepath.Join(out, "results.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &rep))
	require.Equal(t, "2025-06-30", rep.Assessment.AsOf)

	for _, args := range [][]string{
		{"explain", "24.2", "--format", "json"},
		{"audit", "--format", "json"},
		{"risk", "--format", "json", "--draws", "10"},
		{"eval", "--format", "json"},
	} {
		code, stdout, stderr := lap(t, append(args, "--data", sampleData, "--year", "2024")...)
		require.Equal(t, 0, code, "%v: %s", args, stderr)
		var got assessment
		require.NoError(t, json.Unmarshal([]byte(stdout), &got), args)
		assert.Equal(t, rep.Assessment.AsOf, got.AsOf, "%v: the report's cut-off", args)
		if args[0] == "eval" {
			assert.Equal(t, rep.Assessment.Overall, got.Overall, "eval: the report's plan score")
			assert.Equal(t, rep.Assessment.Indicators, got.Indicators, "eval: the report's values")
		}
	}

	// --as-of still wins, and eval --to takes the cut-off of its last year for every year.
	code, stdout, stderr := lap(t, "eval", "--format", "json", "--data", sampleData, "--year", "2024", "--as-of", "2026-10-31")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, `"as_of": "2026-10-31"`)
	code, stdout, stderr = lap(t, "eval", "--format", "csv", "--data", sampleData, "--year", "2023", "--to", "2024")
	require.Equal(t, 0, code, stderr)
	// 2023 is seen as the 2024 report sees it: the same time after its end as 2024
	assert.Contains(t, stdout, "\n2023,1.1,1,cross-cutting,share,percent,87.5,14,16,17,16,ALB,ok,,proposed,deposit,2024-06-30,")
	assert.Contains(t, stdout, ",deposit,2025-06-30,")
	assert.NotContains(t, stdout, "2026-06-30")
}

// latestSample is the latest date in the sample: tests written for a run that sees all of the
// sample's data give it as --as-of, since a run on a year is otherwise cut off as the report on
// that year is.
const latestSample = "2026-10-31"

// TestChangesSinceThePreviousReport: the changes a report shows since the year before compare
// like with like: the year before as the previous report gave it (at its own cut-off, the same
// time after its end), not as revised by the reports that arrived late for it. On the sample,
// 18 States' 2024 reports arrived after 30 June 2025: seen in the 2025 report's data, 43.3
// (reports submitted at all) for 2024 is 71.2%, so comparing it with 2025 at its cut-off
// (55.0%) showed a fall of 16 points that is only the calendar. Every "previous" value of the
// report on 2025 must be the value of the report on 2024.
func TestChangesSinceThePreviousReport(t *testing.T) {
	type indicator struct {
		ID             string   `json:"id"`
		Value          *float64 `json:"value"`
		Progress       *float64 `json:"progress"`
		ProgressStatus string   `json:"progress_status"`
	}
	var reports [2]struct {
		Assessment struct {
			Indicators []indicator `json:"indicators"`
		} `json:"assessment"`
		Previous []indicator `json:"previous_year"`
	}
	for i, year := range []string{"2024", "2025"} {
		out := filepath.Join(t.TempDir(), "r")
		code, _, stderr := lap(t, "report", "--data", sampleData, "--year", year, "--out", out, "--formats", "json,md", "--charts", "none")
		require.Equal(t, 0, code, stderr)
		b, err := os.ReadFile(filepath.Join(out, "results.json"))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(b, &reports[i]))
		if year == "2025" {
			md, err := os.ReadFile(filepath.Join(out, "report.md"))
			require.NoError(t, err)
			for _, want := range []string{"### Largest changes since the report on 2024",
				"The 2024 figures are 2024 as seen on 30 June 2025, so that both years are seen the same time after their end"} {
				assert.True(t, strings.Contains(string(md), want), "report.md says %q", want)
			}
			assert.False(t, strings.Contains(string(md), "| 43.3 Annual Article 7 reports submitted at all | 71.2%"), "a revision is not a change")
		}
	}
	require.NotEmpty(t, reports[1].Previous)
	// the report on 2025's 2024 figures are the report on 2024's (2024 seen on 30 June 2025),
	// with the one correction recorded since applied: Iraq's 2024 remaining area, re-surveyed
	// (facts.csv:9808, recorded 2025-09-10: 178.0 -> 176.5 km2)
	was, now := reports[0].Assessment.Indicators, reports[1].Previous
	require.Equal(t, len(was), len(now))
	for i := range was {
		if was[i].ID == "24.2" {
			require.NotNil(t, now[i].Value)
			assert.InDelta(t, *was[i].Value-1.5, *now[i].Value, 1e-9, "24.2: Iraq's correction applied")
			continue
		}
		assert.Equal(t, was[i], now[i], "the report on 2025's 2024 figures are the report on 2024's")
	}
}
