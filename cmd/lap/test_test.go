package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testSummaryLine = regexp.MustCompile(`(?m)^PASS: (\d+)/(\d+)\n\z`)

func TestTestShipped(t *testing.T) {
	code, out, errOut := lap(t, "test")
	require.Equal(t, 0, code, out+errOut)
	m := testSummaryLine.FindStringSubmatch(out)
	require.NotNil(t, m, out)
	assert.Equal(t, m[1], m[2], "every case passes")
	assert.NotContains(t, out, "FAIL")
}

func TestTestJSON(t *testing.T) {
	code, out, errOut := lap(t, "test", "--format", "json", "--run", `^10\.1$`)
	require.Equal(t, 0, code, errOut)
	var doc struct {
		Results []struct {
			File      string `json:"file"`
			Line      int    `json:"line"`
			Indicator string `json:"indicator"`
			Outcome   string `json:"outcome"`
		} `json:"results"`
		Summary struct {
			Total, Pass, Fail, Skip int
		} `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.NotEmpty(t, doc.Results)
	assert.Equal(t, len(doc.Results), doc.Summary.Total)
	assert.Equal(t, doc.Summary.Total, doc.Summary.Pass)
	for _, r := range doc.Results {
		assert.Equal(t, "10.1", r.Indicator)
		assert.Equal(t, "indicators/tests/a10.test.toml", r.File)
		assert.Positive(t, r.Line)
		assert.Equal(t, "pass", r.Outcome)
	}
}

// Changing one rule's expression makes its tests fail with a readable diff: want against got,
// the expressions and every State's outcome.
func TestTestFailsOnChangedRule(t *testing.T) {
	dir := copyPlan(t, "a10.toml", "rule = 'party'\naggregate = \"count\"\nunit = \"states\"\ndirection = \"increase\"\n# target: none\nfields = [\"party\"]",
		"rule = 'in_force'\naggregate = \"count\"\nunit = \"states\"\ndirection = \"increase\"\n# target: none\nfields = [\"in_force\"]")
	code, out, _ := lap(t, "test", "--plan", dir, "--run", `^10\.`)
	assert.Equal(t, 1, code)
	for _, want := range []string{
		"FAILURES\n",
		"FAIL indicators/tests/a10.test.toml:27: membership/2023 deposit: South Sudan counts from its deposit\n",
		"    value        want 4, got 3\n",
		"    counted      want [LTU NGA SSD XAA], got [LTU NGA XAA] (missing SSD)\n",
		"    rule         in_force\n",
		"    SSD  result false  [in_force=false]\n",
	} {
		assert.Contains(t, out, want)
	}
	assert.Regexp(t, `(?m)^PASS: \d+/\d+\nFAIL: \d+/\d+\n\z`, out)
}

func TestTestPaths(t *testing.T) {
	dir := t.TempDir()
	good := `[[test]]
name = "g"
as_of = 2024-12-31
states = [{iso3 = "XAA", region = "europe", ratified = 2010-01-15}]

[[test.case]]
name = "one party"
indicator = "10.1"
year = 2023
want = 1
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "good.test.toml"), []byte(good), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "more.test.toml"), []byte(good), 0o644))

	code, out, errOut := lap(t, "test", "-v", dir)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, filepath.ToSlash(dir)+"/good.test.toml:\n  PASS  g/one party (10.1, 2023)\n")
	assert.Contains(t, out, filepath.ToSlash(dir)+"/sub/more.test.toml:\n")
	assert.True(t, strings.HasSuffix(out, "PASS: 2/2\n"), out)

	code, out, errOut = lap(t, "test", filepath.Join(dir, "sub", "more.test.toml"))
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "PASS: 1/1\n", out)

	bad := strings.Replace(good, `region = "europe"`, `region = "eurpoe"`, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.test.toml"), []byte(bad), 0o644))
	code, out, errOut = lap(t, "test", dir)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, filepath.ToSlash(dir)+`/bad.test.toml:4: bad-value: region "eurpoe" is not one of`)
	assert.Contains(t, errOut, `did you mean "europe"?`)

	code, _, errOut = lap(t, "test", filepath.Join(dir, "missing.test.toml"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "read tests")
}

func TestTestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"test", "--format", "xml"}, 2, "--format"},
		{[]string{"test", "--run", "("}, 2, "--run"},
		{[]string{"test", "--run", "no such case"}, 1, "no case matched"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := lap(t, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, errOut, tt.err)
		})
	}
	code, out, _ := lap(t, "test", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Usage: lap test")
}
