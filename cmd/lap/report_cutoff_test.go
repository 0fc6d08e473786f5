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
		{2024, "2025-06-30", "Data as of 30 June 2025 (the plan's report cut-off for 2024). Nothing dated or recorded after that day is used. Every earlier year (baselines, trends, the year before) is seen the same time after its end as 2024: 2023 as it was known on 30 June 2024, and so on back, with the corrections recorded since applied.", false},
		{2026, "2026-10-31", "Data as of 31 October 2026 (the latest date in the data; the plan's report cut-off for 2026, 30 June 2027, lies beyond it). Nothing dated or recorded after that day is used. Every earlier year (baselines, trends, the year before) is seen the same time after its end as 2026: 2025 as it was known on 31 October 2025, and so on back, with the corrections recorded since applied. 2026 is a partial year", true},
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

// TestReportGroupsAndRevisions: the 2024 report on the sample has the regional table (with
// the published African count), a regional chart, and the revisions table with its causes,
// and the first page counts the revisions.
func TestReportGroupsAndRevisions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--formats", "md,html", "--charts", "svg")
	require.Equal(t, 0, code, stderr)
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	md := string(b)
	first := md[:min(len(md), 1500)]
	assert.Regexp(t, `\d+ values of 2021 to 2023 differ from the previous report \(30 June 2024\) with what is known now`, first)
	for _, want := range []string{
		"### By region, 2024",
		"| Indicator | Africa | Americas | Asia-Pacific | Europe | Middle East | All |",
		"| 10.1 States Parties at year end | 36 (36 of 54) |",
		"### By Article 4 obligations, 2024",
		"![10.1 States Parties at year end, by region, 2024](charts/groups-region.svg)",
		"## Revisions since the previous report",
		"| Indicator | Year | Then: the previous report (each year at its lag, the last on 30 June 2024) | Now: all data known on 30 June 2025 | Why |",
		"| 43.3 Annual Article 7 reports submitted at all | 2023 | 50.0%ⁱ (55 of 110) | 67.3%ⁱ (74 of 110) | 2023 reports received after 2023 was seen (left out of the series):",
		"Correction: Lao People's Democratic Republic (LAO) corrected area cleared for 2023 on 20 November 2024ⁱ.",
		"Chad (TCD, received 13 October 2024)ⁱ",
		"Correction: Germany (DEU) corrected area cleared for 2022 on 15 September 2024ⁱ.",
		// States by name where a reader sees them, never by code: the rest of a list of late
		// reports, the coverage annex, the Article 4 charts' captions (with the codes that
		// label the lines)
		"Namibia (NAM, received 25 July 2024)ⁱ, and 2 more (Chadⁱ and Paraguayⁱ).",
		"| 1.2 National funds allocated to implementation (of those with data) | 13 | 7 | 6 | 54% | left out | – | 0 | 0 | 0 | 0 | 7 | Afghanistan, Bosnia and Herzegovina, Chad, Chile, Iraq and Montenegro |",
		"![Article 4: remaining contaminated area (1 of 3): Lao People's Democratic Republic (LAO) and Iraq (IRQ)](charts/article4-1.svg)",
	} {
		assert.Contains(t, md, want)
	}
	_, err = os.Stat(filepath.Join(out, "charts", "groups-region.svg"))
	assert.NoError(t, err)
	h, err := os.ReadFile(filepath.Join(out, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(h), `<h2 id="revisions">Revisions since the previous report</h2>`)
	assert.Contains(t, string(h), `<caption>By region, 2024</caption>`)
	assert.Contains(t, string(h), `<td><details class="names"><summary>64 States</summary>Afghanistan, Albania, Antigua and Barbuda,`,
		"a long list of States without data is folded")
	assert.NotRegexp(t, `\| [A-Z]{3}( [A-Z]{3})+ \|`, md, "no cell of codes")
	assert.NotContains(t, md, "| ALB |")
}
