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

const whatIfData = "../../testdata/sample"
const scenarioDir = "../../testdata/scenarios"

// TestWhatIfAcceptance: a deposit by Kenya in 2024 adds one State Party (10.1) and the JSON
// has the plan score change.
func TestWhatIfAcceptance(t *testing.T) {
	code, out, errOut := lap(t, "whatif", "--data", whatIfData, "--year", "2024", "--set", "KEN.ratified=2024-03-01", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var rep struct {
		Year      int    `json:"year"`
		AsOf      string `json:"as_of"`
		Scenarios []struct {
			Name       string `json:"name"`
			Indicators []struct {
				ID             string   `json:"id"`
				BaseValue      *float64 `json:"base_value"`
				ScenarioValue  *float64 `json:"scenario_value"`
				Delta          *float64 `json:"delta"`
				BaseStatus     string   `json:"base_status"`
				ScenarioStatus string   `json:"scenario_status"`
				Entered        []string `json:"entered"`
			} `json:"indicators"`
			Actions []json.RawMessage `json:"actions"`
			Overall struct {
				BaseScore     *float64 `json:"base_score"`
				ScenarioScore *float64 `json:"scenario_score"`
				Delta         *float64 `json:"delta"`
			} `json:"overall"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 2024, rep.Year)
	require.Len(t, rep.Scenarios, 1)
	s := rep.Scenarios[0]
	require.NotEmpty(t, s.Indicators)
	assert.Equal(t, "10.1", s.Indicators[0].ID)
	assert.Equal(t, 1.0, *s.Indicators[0].Delta)
	assert.Equal(t, *s.Indicators[0].BaseValue+1, *s.Indicators[0].ScenarioValue)
	assert.Equal(t, []string{"KEN"}, s.Indicators[0].Entered)
	assert.NotNil(t, s.Actions)
	require.NotNil(t, s.Overall.Delta)
	assert.InDelta(t, *s.Overall.ScenarioScore-*s.Overall.BaseScore, *s.Overall.Delta, 1e-12)
	for _, ind := range s.Indicators {
		assert.NotEmpty(t, ind.BaseStatus)
		assert.NotEmpty(t, ind.ScenarioStatus)
	}

	// deterministic output
	_, again, _ := lap(t, "whatif", "--data", whatIfData, "--year", "2024", "--set", "KEN.ratified=2024-03-01", "--format", "json")
	assert.Equal(t, out, again)
}

func TestWhatIfFormats(t *testing.T) {
	args := []string{"whatif", "--data", whatIfData, "--year", "2025", "--scenario", filepath.Join(scenarioDir, "overdue-initial-reports.toml"),
		"--scenario", filepath.Join(scenarioDir, "lao-clears-faster.toml")}
	code, out, errOut := lap(t, args...)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "== All overdue initial reports submitted")
	assert.Contains(t, out, "46.1  8")
	assert.Contains(t, out, "== Lao PDR clears 50% faster from 2024")
	assert.Contains(t, out, "LAO        4        2025-08-01  2042 -> 2038")
	assert.NotContains(t, out, "10.1 ", "unchanged rows are left out")

	code, all, _ := lap(t, append(args, "--all")...)
	require.Equal(t, 0, code)
	assert.Contains(t, all, "10.1 ")

	code, md, _ := lap(t, append(args, "--format", "md")...)
	require.Equal(t, 0, code)
	assert.Contains(t, md, "## All overdue initial reports submitted")
	assert.Contains(t, md, "| 46.1 | 8ⁱ | 0ⁱ | -8 |")

	code, risk, errOut := lap(t, append(args, "--risk", "--draws", "500", "--seed", "3")...)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, risk, "RISK (500 draws, seed 3)")
	assert.Empty(t, errOut, "no progress bar when stderr is not a terminal")
}

func TestWhatIfOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "whatif")
	code, _, errOut := lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--set", "KEN.ratified=2024-03-01", "--out", dir)
	require.Equal(t, 0, code, errOut)
	code, _, errOut = lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--scenario", filepath.Join(scenarioDir, "overdue-initial-reports.toml"), "--out", dir)
	require.Equal(t, 0, code, errOut)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{".lap-manifest.json", "index.md", "s1-43.1.svg", "s1-46.1.svg", "s1-46.2.svg"}, names, "lap's earlier output is replaced whole")
	page, err := os.ReadFile(filepath.Join(dir, "index.md"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "![43.1: baseline and scenario](s1-43.1.svg)")
	svg, err := os.ReadFile(filepath.Join(dir, "s1-43.1.svg"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(svg), "<?xml") || strings.Contains(string(svg[:200]), "<svg"))
	parent, _ := os.ReadDir(filepath.Dir(dir))
	assert.Len(t, parent, 1, "no temporary directory left behind")
}

// TestWhatIfEvent: --event and the same event in a scenario file give the same numbers, and
// the output lists the event above its changes.
func TestWhatIfEvent(t *testing.T) {
	code, out, errOut := lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--event", "Lebanon complete-clearance 2025-06-30", "--format", "json")
	require.Equal(t, 0, code, errOut)
	file := filepath.Join(t.TempDir(), "lbn.toml")
	require.NoError(t, os.WriteFile(file, []byte("name = \"--event\"\ndescription = \"Lebanon complete-clearance 2025-06-30\"\n\n[[event]]\nstate = \"LBN\"\ntype = \"complete-clearance\"\ndate = 2025-06-30\n"), 0o644))
	code, fromFile, errOut := lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--scenario", file, "--format", "json")
	require.Equal(t, 0, code, errOut)
	var a, b map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &a))
	require.NoError(t, json.Unmarshal([]byte(fromFile), &b))
	delete(a["scenarios"].([]any)[0].(map[string]any), "file")
	delete(b["scenarios"].([]any)[0].(map[string]any), "file")
	assert.Equal(t, a, b)
	sc := a["scenarios"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{"LBN complete-clearance 2025-06-30"}, sc["events"])
	assert.Contains(t, sc["changes"], "set LBN.art4_completed_date@2025 = 2025-06-30")
	code, table, _ := lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--event", "LBN complete-clearance 2025-06-30")
	require.Equal(t, 0, code)
	assert.Contains(t, table, "  event: LBN complete-clearance 2025-06-30\n  set LBN.art4_completed_date@2025 = 2025-06-30")
}

func TestWhatIfErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("name = \"x\"\n\n[[set]]\nstate = \"KEM\"\nfield = \"ratified\"\nvalue = \"2024-01-01\"\n"), 0o644))
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no year", []string{"whatif", "--data", whatIfData, "--set", "KEN.ratified=2024-03-01"}, 2, "--year is required"},
		{"nothing to do", []string{"whatif", "--data", whatIfData, "--year", "2024"}, 2, "--scenario, --event or --set"},
		{"event without type", []string{"whatif", "--data", whatIfData, "--year", "2025", "--event", "Lebanon 2025-06-30"}, 2, "no event type"},
		{"event State typo", []string{"whatif", "--data", whatIfData, "--year", "2025", "--event", "Lebanonn complete-clearance 2025-06-30"}, 1, "--event 'Lebanonn complete-clearance 2025-06-30': unknown-state"},
		{"event problem", []string{"whatif", "--data", whatIfData, "--year", "2025", "--event", "Kenya complete-clearance 2025-06-30"}, 1, "Kenya has no Article 4 (clearance) obligation"},
		{"bad set syntax", []string{"whatif", "--data", whatIfData, "--year", "2024", "--set", "KEN-ratified"}, 2, "ISO3.field[@year]=value"},
		{"bad format", []string{"whatif", "--data", whatIfData, "--year", "2024", "--set", "KEN.ratified=2024-03-01", "--format", "xml"}, 2, "--format"},
		{"unknown field in --set", []string{"whatif", "--data", whatIfData, "--year", "2024", "--set", "KEN.ratifed=2024-03-01"}, 1, `did you mean "ratified"?`},
		{"bad value in --set", []string{"whatif", "--data", whatIfData, "--year", "2024", "--set", "LAO.art4_area_cleared_m2@2024=lots"}, 1, "not a plain decimal number"},
		{"bad scenario file", []string{"whatif", "--data", whatIfData, "--year", "2024", "--scenario", bad}, 1, bad + ":4:9: unknown-state"},
		{"missing scenario file", []string{"whatif", "--data", whatIfData, "--year", "2024", "--scenario", "nope.toml"}, 1, "nope.toml: no-plan-file: read file: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := lap(t, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, errOut, tt.err)
			assert.Empty(t, out, "no partial output")
		})
	}
}

func TestRisk(t *testing.T) {
	code, out, errOut := lap(t, "risk", "--data", whatIfData, "--year", "2025", "--draws", "2000", "--seed", "9", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var rep struct {
		Draws  int    `json:"draws"`
		Seed   uint64 `json:"seed"`
		States []struct {
			ISO3        string   `json:"iso3"`
			PByDeadline *float64 `json:"p_by_deadline"`
		} `json:"states"`
		Indicators []struct {
			ID     string  `json:"id"`
			PReach float64 `json:"p_reach"`
		} `json:"indicators"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 2000, rep.Draws)
	assert.Equal(t, uint64(9), rep.Seed)
	assert.NotEmpty(t, rep.States)
	assert.NotEmpty(t, rep.Indicators)
	_, again, _ := lap(t, "risk", "--data", whatIfData, "--year", "2025", "--draws", "2000", "--seed", "9", "--format", "json")
	assert.Equal(t, out, again, "same seed, same numbers")

	code, table, _ := lap(t, "risk", "--data", whatIfData, "--draws", "300")
	require.Equal(t, 0, code)
	assert.Contains(t, table, "Deadline risk, year 2026")
	assert.Contains(t, table, "P(BY DEADLINE)")

	code, _, errOut = lap(t, "risk", "--data", whatIfData, "--draws", "0")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--draws")
}

// TestWhatIfSouthAfricaVerdict: South Africa completed its stockpile destruction in 2023
// against a deadline of 2023-11-01, so whether on time is not known; with the month given
// (October 2023) the verdict becomes yes (issue 10).
func TestWhatIfSouthAfricaVerdict(t *testing.T) {
	code, out, errOut := lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--set", "ZAF.art3_completed_date=2023-10", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var rep struct {
		Scenarios []struct {
			Obligations []struct {
				ISO3                string `json:"iso3"`
				Article             int    `json:"article"`
				Episode             int    `json:"episode"`
				BaseDeadlineMet     string `json:"base_deadline_met"`
				ScenarioDeadlineMet string `json:"scenario_deadline_met"`
				BaseCompleted       string `json:"base_completed"`
				ScenarioCompleted   string `json:"scenario_completed"`
				Deadline            string `json:"deadline"`
				ScenarioStatusText  string `json:"scenario_status_text"`
			} `json:"obligations"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.Len(t, rep.Scenarios, 1)
	obs := rep.Scenarios[0].Obligations
	require.Len(t, obs, 1, "only South Africa's episode changes")
	o := obs[0]
	assert.Equal(t, "ZAF", o.ISO3)
	assert.Equal(t, 3, o.Article)
	assert.Equal(t, 1, o.Episode)
	assert.Equal(t, "unknown", o.BaseDeadlineMet)
	assert.Equal(t, "yes", o.ScenarioDeadlineMet)
	assert.Equal(t, "2023", o.BaseCompleted)
	assert.Equal(t, "2023-10", o.ScenarioCompleted)
	assert.Equal(t, "2023-11-01", o.Deadline)
	assert.Equal(t, "completed on time", o.ScenarioStatusText)

	code, text, errOut := lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--set", "ZAF.art3_completed_date=2023-10")
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `(?m)^ZAF +3 +1 +2023-11-01 +2023 -> 2023-10 +not known -> yes `, text)
}
