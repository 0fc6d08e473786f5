package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReportCutOffDefault: lap report --year Y uses the plan's report cut-off (30 June of the
// year after), capped at the data's latest date, and says so on the first page; the cut-off
// reaches the assessment in results.json.
func TestReportCutOffDefault(t *testing.T) {
	tests := []struct {
		year        int
		asOf, first string
		partial     bool
	}{
		{2024, "2025-06-30", "Data as of 30 June 2025 (the plan's report cut-off for 2024). Nothing dated or recorded after that day is used.", false},
		{2026, "2026-10-31", "Data as of 31 October 2026 (the latest date in the data; the plan's report cut-off for 2026, 30 June 2027, lies beyond it). Nothing dated or recorded after that day is used. 2026 is a partial year", true},
	}
	for _, tt := range tests {
		out := filepath.Join(t.TempDir(), "r")
		code, _, stderr := lap(t, "report", "--data", sampleData, "--year", itoa(tt.year), "--out", out, "--formats", "md,json", "--charts", "none")
		require.Equal(t, 0, code, stderr)
		md, err := os.ReadFile(filepath.Join(out, "report.md"))
		require.NoError(t, err)
		first := string(md[:min(len(md), 1500)])
		assert.Contains(t, first, tt.first, "stated on the first page")
		var res struct {
			Report struct {
				PartialYear bool `json:"partial_year"`
				CutOff      struct {
					AsOf     string `json:"as_of"`
					Previous string `json:"previous"`
				} `json:"cut_off"`
			} `json:"report"`
			Assessment struct {
				AsOf string `json:"as_of"`
			} `json:"assessment"`
		}
		js, err := os.ReadFile(filepath.Join(out, "results.json"))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(js, &res))
		assert.Equal(t, tt.asOf, res.Assessment.AsOf)
		assert.Equal(t, tt.asOf, res.Report.CutOff.AsOf)
		assert.Equal(t, tt.partial, res.Report.PartialYear)
		if tt.partial {
			assert.Contains(t, first, "progress report 2026 (partial year)")
		}
	}
}
