package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lapmonitor/lap/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidateSample: the shipped checks find no error in the sample (warnings are shown).
func TestValidateSample(t *testing.T) {
	code, out, errOut := lap(t, "validate", "--data", sampleData)
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `^Data checks: \d+ checks, years \d{4}-2025, as of 2026-10-31: 0 errors, \d+ warnings?, \d+ info\n`, out)
	assert.Contains(t, out, "WARNING  a7-facts-need-report")
}

// TestValidateFormsAtTheCutOff: the format of an annual report comes with the report
// (art7_form_version is of kind report, data dictionary §1.3): at the cut-off of the report on
// a year, the format of a report received after it is not known, so check a7-form-needs-report
// ("a format recorded for a report not received") finds nothing in the sample, where every
// format belongs to a received report. When the field was a register, known from the start,
// it warned 18 times for 2024 and 13 for 2025, in lap validate and the report's quality annex.
func TestValidateFormsAtTheCutOff(t *testing.T) {
	for _, year := range []string{"2023", "2024", "2025"} {
		code, out, errOut := lap(t, "validate", "--data", sampleData, "--year", year, "--only", "^a7-form-needs-report$")
		require.Equal(t, 0, code, errOut)
		assert.NotContains(t, out, "a7-form-needs-report  ", year)
		assert.Regexp(t, `: 0 errors, 0 warnings, 0 info\n`, out, year)
	}
}

// sampleWith copies the sample into a temporary directory, replacing the facts.csv line that
// starts with prefix by line.
func sampleWith(t *testing.T, prefix, line string) string {
	t.Helper()
	dir := t.TempDir()
	states, err := os.ReadFile(filepath.Join(sampleData, "states.csv"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "states.csv"), states, 0o644))
	facts, err := os.ReadFile(filepath.Join(sampleData, "facts.csv"))
	require.NoError(t, err)
	lines := strings.Split(string(facts), "\n")
	found := false
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i], found = line, true
		}
	}
	require.True(t, found, "no line starts with %q", prefix)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "facts.csv"), []byte(strings.Join(lines, "\n")), 0o644))
	return dir
}

// lineOf is the line number of the facts.csv line that starts with prefix.
func lineOf(t *testing.T, dir, prefix string) int {
	t.Helper()
	facts, err := os.ReadFile(filepath.Join(dir, "facts.csv"))
	require.NoError(t, err)
	for i, l := range strings.Split(string(facts), "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}

// TestValidateClearedExceedsRemaining: with a row making the area cleared exceed the area
// remaining, lap validate exits 1 and names the State, year, check, both values and their
// facts.csv lines.
func TestValidateClearedExceedsRemaining(t *testing.T) {
	dir := sampleWith(t, "LBN,2025,art4_area_cleared_m2,", "LBN,2025,art4_area_cleared_m2,90000000,Form F,official,")
	cleared := lineOf(t, dir, "LBN,2025,art4_area_cleared_m2,")
	remaining := lineOf(t, dir, "LBN,2024,art4_area_remaining_m2,")

	code, out, errOut := lap(t, "validate", "--data", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "1 violation(s) of importance error")
	assert.Contains(t, out, "ERROR  a4-cleared-within-remaining  Lebanon (LBN)  2025\n")
	assert.Contains(t, out, "90,000,000 m² cleared, more than the 4,400,000 m² that remained at the end of 2024")
	assert.Regexp(t, regexp.MustCompile(`art4_area_cleared_m2 +90000000 +official +`+regexp.QuoteMeta(filepath.ToSlash(filepath.Join(dir, "facts.csv")))+`:`+itoa(cleared)+` `), out)
	assert.Regexp(t, regexp.MustCompile(`prev\.art4_area_remaining_m2 +4400000 +illustrative +.*facts\.csv:`+itoa(remaining)+` `), out)

	// the JSON has exactly the documented shape
	code, out, _ = lap(t, "validate", "--data", dir, "--year", "2025", "--format", "json", "--only", "^a4-cleared")
	assert.Equal(t, 1, code)
	var doc map[string][]map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc, 1)
	require.Len(t, doc["violations"], 1)
	v := doc["violations"][0]
	assert.ElementsMatch(t, []string{"check", "importance", "iso3", "year", "message", "values"}, keys(v))
	assert.Equal(t, "a4-cleared-within-remaining", v["check"])
	assert.Equal(t, "error", v["importance"])
	assert.Equal(t, "LBN", v["iso3"])
	assert.Equal(t, 2025.0, v["year"])
	values := v["values"].([]any)
	require.Len(t, values, 3)
	first := values[0].(map[string]any)
	assert.ElementsMatch(t, []string{"field", "value", "class", "origin"}, keys(first))
	assert.Equal(t, map[string]any{"field": "art4_area_cleared_m2", "value": 90000000.0, "class": "official",
		"origin": filepath.ToSlash(filepath.Join(dir, "facts.csv")) + ":" + itoa(cleared)}, first)

	// CSV: one row per value read
	code, out, _ = lap(t, "validate", "--data", dir, "--year", "2025", "--format", "csv", "--only", "^a4-cleared")
	assert.Equal(t, 1, code)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 4)
	assert.Equal(t, []string{"importance", "check", "iso3", "state", "year", "message", "field", "value", "class", "origin", "source"}, rows[0])
	assert.Equal(t, []string{"error", "a4-cleared-within-remaining", "LBN", "Lebanon", "2025"}, rows[1][:5])
	assert.Equal(t, "prev.art4_area_remaining_m2", rows[2][6])
}

func TestValidateUsage(t *testing.T) {
	code, _, errOut := lap(t, "validate")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--data is required")
	code, _, errOut = lap(t, "validate", "--data", sampleData, "--format", "xml")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--format")
	code, out, _ := lap(t, "validate", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Exit 0 when no violation has importance error")
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestReportDataQuality: lap report runs the checks and adds a data-quality annex; values that
// rest on non-official data carry their mark (Chile's invented 2024 destruction is marked
// illustrative, with its source); no deadline in the obligations table disagrees with the
// sourced obligations table; --strict refuses a report with error violations.
func TestReportDataQuality(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--formats", "md,html", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	report := string(md)
	assert.Contains(t, report, "\n## Data quality\n")
	assert.Regexp(t, `Violations: 0 errors, \d+ warnings, \d+ info\.`, report)
	assert.Contains(t, report, "> **Marks on values.**")
	assert.Regexp(t, `(?m)^\| Chile \(CHL\) \| 3 \| 2 \|.*\| 6 munitionsⁱ \|`, report, "Chile's 2024 destruction figure carries the illustrative mark")
	assert.Contains(t, report, "Chile (CHL), Article 3, episode 2: `art3_destroyed_munitions` = 6 munitionsⁱ (illustrative, facts.csv:")
	assert.Contains(t, report, "invented for the sample; destroyed within the year", "the source reaches the report")
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), `<sup class="mark mark-illustrative" title="illustrative: invented for a sample or a demonstration, not a fact">ⁱ</sup>`)
	assert.Contains(t, string(html), `<h2 id="quality">Data quality</h2>`)

	// every deadline in the obligations table is one obligations.csv gives for that State and article
	obl, err := os.ReadFile(filepath.Join(sampleData, "reference", "obligations.csv"))
	require.NoError(t, err)
	rows, err := csv.NewReader(strings.NewReader(string(obl))).ReadAll()
	require.NoError(t, err)
	sourced := map[string][]string{} // the deadlines as the report prints them
	for _, r := range rows[1:] {
		if r[3] == "" {
			continue
		}
		for _, d := range strings.Split(r[3]+";"+r[4], ";") {
			if d != "" {
				sourced[r[1]+"/"+r[2]] = append(sourced[r[1]+"/"+r[2]], engine.MustDate(d).Text())
			}
		}
	}
	// | State (ISO) | article | episode | began | deadline [(n extension decisions)][mark] |
	table := regexp.MustCompile(`(?m)^\| [^|]+ \(([A-Z]{3})\) \| ([34]) \| 1 \| [^|]+ \| ([^|(ᵐᵉᵘⁱ]+?) ?(\([^)]*\))?[ᵐᵉᵘⁱ]? \|`)
	checked := 0
	for _, m := range table.FindAllStringSubmatch(report, -1) {
		list, ok := sourced[m[1]+"/"+m[2]]
		if !ok || m[3] == "–" {
			continue
		}
		checked++
		assert.Contains(t, list, m[3], "%s Article %s: deadline %s is not in obligations.csv (%v)", m[1], m[2], m[3], list)
	}
	assert.GreaterOrEqual(t, checked, 8, "the obligations table lists the sourced States")

	// --strict: an error violation stops the report, and nothing is written
	dir := sampleWith(t, "LBN,2024,art4_area_cleared_m2,", "LBN,2024,art4_area_cleared_m2,90000000,Form F,official,")
	strictOut := filepath.Join(t.TempDir(), "strict")
	code, _, stderr = lap(t, "report", "--data", dir, "--year", "2024", "--out", strictOut, "--formats", "md", "--charts", "none", "--strict")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "1 violation(s) of importance error")
	assert.Contains(t, stderr, "--strict: no report written")
	assert.NoDirExists(t, strictOut)
	// without --strict the report is written, and its annex lists the error
	code, _, stderr = lap(t, "report", "--data", dir, "--year", "2024", "--out", strictOut, "--formats", "md", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	md, err = os.ReadFile(filepath.Join(strictOut, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "- **error** `a4-cleared-within-remaining`: Lebanon (LBN) 2024: 90,000,000 m² cleared")
}
