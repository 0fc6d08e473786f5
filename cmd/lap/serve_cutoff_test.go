package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports"
)

// TestServeBaselineIsTheReports: the workspace for a year shows the figures of lap report
// --year on that year, at the same cut-off: the plan's report cut-off (30 June of the year
// after) for 2024 and 2025, and for 2026, whose report cut-off (30 June 2027) lies after the
// data's latest date, that date, as lap report does; the year started with (2025, lap serve
// --year) and the years picked in it (?year=) alike. The dashboard's plan score is the report's, and a
// what-if's values before (base_value, the plan's base_score) are the report's values of the
// same indicators; the head of every page names the day and why, in the report's words.
func TestServeBaselineIsTheReports(t *testing.T) {
	tests := []struct {
		year       int
		asOf, says string
	}{
		{2024, "2025-06-30", "Data as of 30 June 2025 (the plan's report cut-off for 2024)"},
		{2025, "2026-06-30", "Data as of 30 June 2026 (the plan's report cut-off for 2025)"},
		{2026, "2026-10-31", "Data as of 31 October 2026 (the latest date in the data; the plan's report cut-off for 2026, 30 June 2027, lies beyond it)"},
	}
	for _, tt := range tests {
		t.Run(itoa(tt.year), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r")
			code, _, stderr := lap(t, "report", "--data", whatIfData, "--year", itoa(tt.year), "--out", out, "--formats", "json", "--charts", "none")
			require.Equal(t, 0, code, stderr)
			js, err := os.ReadFile(filepath.Join(out, "results.json"))
			require.NoError(t, err)
			var res struct {
				Assessment struct {
					AsOf       string `json:"as_of"`
					Indicators []struct {
						ID    string   `json:"id"`
						Value *float64 `json:"value"`
					} `json:"indicators"`
					Overall struct {
						Score *float64 `json:"score"`
					} `json:"overall"`
				} `json:"assessment"`
			}
			require.NoError(t, json.Unmarshal(js, &res))
			require.Equal(t, tt.asOf, res.Assessment.AsOf)
			reported := map[string]*float64{}
			for _, ind := range res.Assessment.Indicators {
				reported[ind.ID] = ind.Value
			}

			// the year started with, and the year picked in the workspace of 2025
			ts, pick := workspace(t, tt.year), ""
			if tt.year == 2024 {
				ts, pick = workspace(t), "year=2024&"
			}
			page := fetch(t, ts.URL+"/?"+pick)
			m := regexp.MustCompile(`id="plan-score">([^<]*)<`).FindStringSubmatch(page)
			require.NotNil(t, m)
			assert.Equal(t, reports.FormatScore(res.Assessment.Overall.Score), m[1], "the dashboard's plan score is the report's")
			assert.Contains(t, page, `<p class="cutoff" id="cutoff">`+strings.ReplaceAll(tt.says, "'", "&#39;")+`.`)

			q := url.Values{"a.e0.state": {"Lebanon"}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {itoa(tt.year) + "-06-30"}}
			var rep struct {
				AsOf      string `json:"as_of"`
				Scenarios []struct {
					Overall struct {
						BaseScore *float64 `json:"base_score"`
					} `json:"overall"`
					Indicators []struct {
						ID        string   `json:"id"`
						BaseValue *float64 `json:"base_value"`
					} `json:"indicators"`
				} `json:"scenarios"`
			}
			require.NoError(t, json.Unmarshal([]byte(fetch(t, ts.URL+"/api/whatif?"+pick+q.Encode())), &rep))
			assert.Equal(t, tt.asOf, rep.AsOf)
			require.Len(t, rep.Scenarios, 1)
			assert.InDelta(t, *res.Assessment.Overall.Score, *rep.Scenarios[0].Overall.BaseScore, 1e-12, "the plan score before is the report's")
			require.GreaterOrEqual(t, len(rep.Scenarios[0].Indicators), 3)
			for _, c := range rep.Scenarios[0].Indicators {
				want, ok := reported[c.ID]
				require.True(t, ok, c.ID)
				if assert.Equal(t, want == nil, c.BaseValue == nil, c.ID) && want != nil {
					assert.InDelta(t, *want, *c.BaseValue, 1e-12, "%s: the value before is the report's", c.ID)
				}
			}
		})
	}
}

// fetch GETs url and returns the body of a 200 answer.
func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	return string(b)
}
