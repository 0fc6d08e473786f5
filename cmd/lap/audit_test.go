package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
)

// lap audit on the sample: no violation, the documented exceptions listed; exit 0.
func TestAuditSample(t *testing.T) {
	code, out, errOut := lap(t, "audit", "--data", sampleData, "--year", "2022")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Violations: 0\n")
	assert.Contains(t, out, "accession-with-stockpile")
	assert.Contains(t, out, "12.1 after accession-with-stockpile (")
	// an indicator that can no longer be decided is no move: compared like for like, it is
	// left out and listed, not excused (docs/methodology.md §8)
	assert.Contains(t, out, "\nLeft out of the like-for-like comparison (scored before or after the news only; no move): ")
	assert.Contains(t, out, "\n  26.1 after article-4-completed, no-longer-decided (9): AFG BIH CHL DEU IRQ LAO LBN SOM TCD\n")
	assert.NotContains(t, out, "Not known is not a verdict")

	code, js, _ := lap(t, "audit", "--data", sampleData, "--year", "2022", "--format", "json")
	require.Equal(t, 0, code)
	var res engine.AuditResult
	require.NoError(t, json.Unmarshal([]byte(js), &res))
	assert.Empty(t, res.Violations)
	assert.NotEmpty(t, res.Excused)
	for _, v := range res.Excused {
		assert.Equal(t, "12.1", v.Key, "the one documented exception")
	}
	require.NotEmpty(t, res.LeftOut)
	assert.Contains(t, res.LeftOut, engine.AuditLeftOut{ISO3: "LBN", News: engine.NewsArt4Completed, Indicator: "26.1",
		Change: engine.NoLongerDecided, Reason: "the answer of Lebanon is not known"})
	assert.Positive(t, res.Scenarios[engine.NewsArt4Completed])
}

// A plan whose remaining-area indicator counts only the obligations open at year end: the
// audit prints the violations, with the indicator and the reason, and exits 1.
func TestAuditViolations(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, indicators.FS))
	path := filepath.Join(dir, "a22.toml")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	text := strings.Replace(string(b), "population = 'annual_report_due && art4_obligation_in_year'", "population = 'art4_outstanding'", 1)
	text = strings.Replace(text, `fields = ["annual_report_due", "art4_obligation_in_year", "art4_area_remaining_m2"]`, `fields = ["art4_outstanding", "art4_area_remaining_m2"]`, 1)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	code, out, _ := lap(t, "audit", "--data", sampleData, "--year", "2022", "--plan", dir)
	assert.Equal(t, 1, code)
	assert.NotContains(t, out, "Violations: 0\n")
	assert.Regexp(t, `accession-with-contamination-and-victims +22\.1 Remaining contaminated area reported +\S+ +\S+ +the value moved against its direction \(increase\)`, out)
}
