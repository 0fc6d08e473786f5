package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapmonitor/lap/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

const cliData = "../../testdata/cli/data"

// lap runs the command in-process and returns its exit code, stdout and stderr.
func lap(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "cli", name+".golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/lap -update to create %s", path)
	assert.Equal(t, string(want), got)
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string // substring of stdout
		err  string // substring of stderr
	}{
		{nil, 2, "Usage: lap <command>", ""},
		{[]string{"--help"}, 0, "Commands:", ""},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"eval", "--help"}, 0, "--as-of", ""},
		{[]string{"eval", "--data", cliData}, 2, "", "--year is required"},
		{[]string{"eval", "--data", cliData, "--year", "2023", "--format", "xml"}, 2, "", "--format"},
		{[]string{"eval", "--data", cliData, "--year", "2023", "--as-of", "2023-02-30"}, 2, "", "--as-of"},
		{[]string{"eval", "--bogus"}, 2, "", "flag provided but not defined"},
		{[]string{"check", "--help"}, 0, "SUCCESS", ""},
		{[]string{"report", "--help"}, 0, "and profiles/ (a country profile per State Party)", ""},
		{[]string{"fields", "--format", "yaml"}, 2, "", "--format"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := lap(t, tt.args...)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out, errOut)
			assert.Contains(t, out, tt.out)
			assert.Contains(t, errOut, tt.err)
			if tt.code == 2 && tt.err != "" {
				assert.Contains(t, errOut, "Try: lap")
			}
		})
	}
}

// Every subcommand prints its usage once: the whole text on stdout for --help (exit 0), its
// one-line synopsis on stderr with a bad flag's error (exit 2).
func TestSubcommandUsageOnce(t *testing.T) {
	var names []string
	for _, c := range commands {
		if c.name == "workbook" {
			for _, w := range workbookCommands {
				names = append(names, "workbook "+w.name)
			}
			continue
		}
		names = append(names, c.name)
	}
	require.Len(t, names, len(commands)-1+len(workbookCommands))
	for _, name := range names {
		args := strings.Fields(name)
		t.Run(name+" --help", func(t *testing.T) {
			code, out, errOut := lap(t, append(args, "--help")...)
			assert.Equal(t, 0, code, errOut)
			assert.Equal(t, 1, strings.Count(out, "Usage: lap "+name+" "), out)
			assert.Equal(t, 1, strings.Count(out, "Flags:"), out)
			assert.Empty(t, errOut)
		})
		t.Run(name+" --no-such-flag", func(t *testing.T) {
			code, out, errOut := lap(t, append(args, "--no-such-flag")...)
			assert.Equal(t, 2, code, errOut)
			assert.Empty(t, out, "nothing on stdout for a usage error")
			assert.Equal(t, 1, strings.Count(errOut, "Usage: lap "+name+" "), errOut)
			assert.Contains(t, errOut, "flag provided but not defined: -no-such-flag")
			assert.Contains(t, errOut, "Try: lap "+args[0]+" --help")
			assert.NotContains(t, errOut, "Flags:", "a usage error gives the synopsis, not the whole help")
		})
	}
}

func TestCheckShippedPlan(t *testing.T) {
	code, out, errOut := lap(t, "check")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Checking indicators/a01.toml\n  SUCCESS:")
	assert.NotContains(t, out, "FAILED")
}

// copyPlan copies the shipped plan to a temporary directory, applying edit to one file.
func copyPlan(t *testing.T, file, old, new string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir("../../indicators")
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		data, err := os.ReadFile(filepath.Join("../../indicators", e.Name()))
		require.NoError(t, err)
		if e.Name() == file {
			require.Contains(t, string(data), old)
			data = []byte(strings.Replace(string(data), old, new, 1))
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644))
	}
	// the plan's data checks come with it
	checks, err := filepath.Glob("../../indicators/checks/*.toml")
	require.NoError(t, err)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "checks"), 0o755))
	for _, c := range checks {
		data, err := os.ReadFile(c)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "checks", filepath.Base(c)), data, 0o644))
	}
	return dir
}

func TestCheckMisspelledField(t *testing.T) {
	dir := copyPlan(t, "a12.toml", "rule = 'art3_outstanding'", "rule = 'art3_outstandng'")
	code, out, errOut := lap(t, "check", "--plan", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, dir+"/a12.toml\n  FAILED:")
	assert.Regexp(t, `a12\.toml:\d+:9: 12\.1: unknown-name: rule: unknown field "art3_outstandng"`, out)
	assert.Contains(t, out, `did you mean "art3_outstanding"?`)
	assert.Contains(t, errOut, "is not valid")
}

func TestEvalJSONShape(t *testing.T) {
	code, out, errOut := lap(t, "eval", "--data", cliData, "--year", "2023", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	for _, k := range []string{"plan", "counting", "as_of", "year", "indicators"} {
		assert.Contains(t, doc, k)
	}
	plan := doc["plan"].(map[string]any)
	assert.Contains(t, plan, "name")
	assert.Contains(t, plan, "version")
	inds := doc["indicators"].([]any)
	require.NotEmpty(t, inds)
	for _, k := range []string{"id", "action", "section", "title", "unit", "aggregate", "value", "numerator", "denominator", "population", "counted", "no_data", "status"} {
		assert.Contains(t, inds[0].(map[string]any), k)
	}
	first := inds[0].(map[string]any)
	assert.Equal(t, "1.1", first["id"])
}

// TestEvalObligationsJSON: lap eval --format json has a top-level "obligations" array, one
// object per State, article and episode, with exactly the keys issue 10 lists.
func TestEvalObligationsJSON(t *testing.T) {
	code, out, errOut := lap(t, "eval", "--data", sampleData, "--year", "2025", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var doc struct {
		Obligations []map[string]any `json:"obligations"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.NotEmpty(t, doc.Obligations)
	keys := []string{"iso3", "article", "episode", "start", "deadline", "deadlines", "completed", "deadline_met", "months_to_complete", "projection", "values", "extension_requested", "extension_pending"}
	find := func(iso3 string, article, episode float64) map[string]any {
		for _, o := range doc.Obligations {
			if o["iso3"] == iso3 && o["article"] == article && o["episode"] == episode {
				return o
			}
		}
		t.Fatalf("no episode %v of %s article %v", episode, iso3, article)
		return nil
	}
	for _, o := range doc.Obligations {
		got := make([]string, 0, len(o))
		for k := range o {
			got = append(got, k)
		}
		assert.ElementsMatch(t, keys, got)
	}
	bgr := find("BGR", 3, 1)
	assert.Equal(t, "2011-10-01", bgr["start"])
	// the facts the episode rests on, each with its class and origin (issue 12)
	vals, _ := bgr["values"].([]any)
	require.NotEmpty(t, vals)
	first := vals[0].(map[string]any)
	assert.Equal(t, "art3_obligation_start", first["field"])
	assert.Equal(t, "monitor", first["class"])
	assert.Regexp(t, `^facts\.csv:\d+$`, first["origin"])
	assert.Equal(t, "2023-12-31", bgr["deadline"])
	assert.Equal(t, "2023-06", bgr["completed"], "as precise as the source")
	assert.Equal(t, "yes", bgr["deadline_met"])
	assert.Nil(t, bgr["months_to_complete"])
	assert.Nil(t, bgr["projection"])
	chain := bgr["deadlines"].([]any)
	require.Len(t, chain, 4)
	assert.Equal(t, map[string]any{"decided": "2011", "deadline": "2019-10-01", "source": chain[0].(map[string]any)["source"]}, chain[0])
	assert.Equal(t, "unknown", find("ZAF", 3, 1)["deadline_met"])
	assert.Equal(t, "2023", find("PER", 3, 1)["completed"])
	chl4 := find("CHL", 4, 1)
	assert.Equal(t, "pending", chl4["deadline_met"])
	assert.Nil(t, chl4["completed"])
	proj := chl4["projection"].(map[string]any)
	assert.NotEmpty(t, proj["assumptions"])
	decided := []any{}
	for _, d := range chl4["deadlines"].([]any) {
		decided = append(decided, d.(map[string]any)["decided"])
	}
	assert.Equal(t, []any{"2011", "2021-02", "2021-09", "2022"}, decided, "two decisions in 2021, each dated")
	gnb2 := find("GNB", 4, 2)
	assert.Equal(t, "none", gnb2["deadline_met"])
	assert.Nil(t, gnb2["deadline"])
	assert.Equal(t, 3.0, gnb2["months_to_complete"])
	// a deadline passed while an extension request awaits a decision: not known, never "no"
	for _, c := range []struct {
		iso3, deadline string
		requested      float64
	}{{"DEU", "2025-08-01", 2024}, {"IRQ", "2023-11-01", 2022}, {"LAO", "2025-08-01", 2024}} {
		o := find(c.iso3, 4, 1)
		assert.Equal(t, "unknown", o["deadline_met"], c.iso3)
		assert.Equal(t, c.deadline, o["deadline"], "%s: the last deadline recorded", c.iso3)
		assert.Equal(t, c.requested, o["extension_requested"], c.iso3)
		assert.Equal(t, true, o["extension_pending"], c.iso3)
		proj := o["projection"].(map[string]any)
		assert.Equal(t, "deadline-not-known", proj["status"], c.iso3)
		assert.Nil(t, proj["rate_needed"], c.iso3)
	}
	afg := find("AFG", 4, 1)
	assert.Equal(t, "pending", afg["deadline_met"], "a request made while the deadline is ahead changes nothing")
	assert.Equal(t, true, afg["extension_pending"])
}

func TestEvalRange(t *testing.T) {
	code, out, errOut := lap(t, "eval", "--data", cliData, "--year", "2021", "--to", "2025", "--format", "json", "--only", `^10\.1$`)
	require.Equal(t, 0, code, errOut)
	var doc struct {
		Years []engine.Result `json:"years"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Years, 5)
	var got []float64
	for _, y := range doc.Years {
		got = append(got, *y.Indicators[0].Value)
	}
	assert.Equal(t, []float64{110, 110, 112, 112, 112}, got, "published year-end counts by deposit")

	code, out, _ = lap(t, "eval", "--data", cliData, "--year", "2023", "--counting", "entry-into-force", "--only", `^10\.1$`, "--format", "csv")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "2023,10.1,10,universalization,count,states,111,")
}

func TestEvalBadData(t *testing.T) {
	tests := []struct {
		name, facts, want string
	}{
		{"too few columns", "DEU,2023,art4_area_cleared_m2,5\n", "facts.csv:2: csv-syntax: row has 4 fields"},
		{"unknown ISO3", "XXX,2023,art4_area_cleared_m2,5,s\n", "facts.csv:2:1: unknown-state"},
		{"negative area", "DEU,2023,art4_area_remaining_m2,-5,s\n", "facts.csv:2:33: negative-value"},
		{"impossible date", "DEU,2023,art7_annual_submitted,2023-02-30,s\n", "facts.csv:2:32: bad-date"},
		{"duplicate", "DEU,2023,re_programme,true,s\nDEU,2023,re_programme,false,s\n", "facts.csv:3:10: dup-fact"},
		{"empty file", "", "facts.csv:1: empty-file"},
		{"non-UTF-8", "DEU,2023,re_programme,true,\xff\n", "facts.csv:2:28: bad-encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			states, err := os.ReadFile(filepath.Join(cliData, "states.csv"))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "states.csv"), states, 0o644))
			facts := "iso3,year,field,value,source\n" + tt.facts
			if tt.facts == "" {
				facts = ""
			}
			require.NoError(t, os.WriteFile(filepath.Join(dir, "facts.csv"), []byte(facts), 0o644))
			code, out, errOut := lap(t, "eval", "--data", dir, "--year", "2023")
			assert.Equal(t, 1, code)
			assert.Empty(t, out, "no partial result")
			assert.Contains(t, errOut, dir+"/"+tt.want)
		})
	}
}

func TestFields(t *testing.T) {
	code, out, _ := lap(t, "fields", "--format", "md")
	require.Equal(t, 0, code)
	for _, f := range engine.Fields() {
		assert.Contains(t, out, "| `"+f.Name+"` |")
	}
	golden(t, "fields.md", out)

	code, out, _ = lap(t, "fields", "--format", "json")
	require.Equal(t, 0, code)
	var fields []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &fields))
	assert.Len(t, fields, len(engine.Fields()))
}
