package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
	"github.com/lapmonitor/lap/reports/outdir"
)

func TestReportUsage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	tests := []struct {
		name string
		args []string
		err  string
	}{
		{"no year", []string{"--data", cliData, "--out", out}, "--year is required"},
		{"no out", []string{"--data", cliData, "--year", "2023"}, "--out is required"},
		{"bad format", []string{"--data", cliData, "--year", "2023", "--out", out, "--formats", "md,docx"}, `--formats: unknown value "docx"`},
		{"bad chart format", []string{"--data", cliData, "--year", "2023", "--out", out, "--charts", "jpg"}, `--charts: unknown value "jpg"`},
		{"nothing to write", []string{"--data", cliData, "--year", "2023", "--out", out, "--formats", "", "--charts", "none"}, "nothing to write"},
		{"bad date", []string{"--data", cliData, "--year", "2023", "--out", out, "--date", "2024-13-01"}, "--date"},
		{"bad as-of", []string{"--data", cliData, "--year", "2023", "--out", out, "--as-of", "soon"}, "--as-of"},
		{"stray argument", []string{"--data", cliData, "--year", "2023", "--out", out, "extra"}, "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := lap(t, append([]string{"report"}, tt.args...)...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tt.err)
			assert.Contains(t, stderr, "Try: lap report --help")
			assert.NoDirExists(t, out, "a usage error writes nothing")
		})
	}
}

func TestListFlag(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"svg,png", []string{"svg", "png"}},
		{"png, svg,png", []string{"svg", "png"}}, // fixed order, no duplicates
		{"none", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := listFlag("charts", tt.in, chartFormats, true)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := listFlag("formats", "none", reportFormats, false)
	assert.ErrorContains(t, err, `unknown value "none"`)
}

// tree reads every file under dir: relative path to content. A manifest is read without the
// files' identities, as by snapshotTree.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel == outdir.ManifestName {
			b = withoutStats(t, b)
		}
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	}))
	return out
}

func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, content := range tree(t, dir) {
		sum := sha256.Sum256([]byte(content))
		out[name] = hex.EncodeToString(sum[:])
	}
	return out
}

// TestReportSample runs the whole report on the sample data twice: the two output trees are
// byte-identical, hold every file the issue asks for, and the HTML names every action and
// indicator of the shipped plan.
func TestReportSample(t *testing.T) {
	if testing.Short() {
		t.Skip("the full sample report takes seconds")
	}
	inputs := hashTree(t, sampleData)
	base := t.TempDir()
	dirs := []string{filepath.Join(base, "one"), filepath.Join(base, "two", "nested")}
	for _, dir := range dirs {
		code, stdout, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", dir)
		require.Equal(t, 0, code, stderr)
		assert.Empty(t, stdout)
		assert.Empty(t, stderr, "quiet when stderr is not a terminal")
	}
	one, two := tree(t, dirs[0]), tree(t, dirs[1])
	require.Equal(t, len(one), len(two))
	for name := range one {
		assert.True(t, one[name] == two[name], "%s differs between two runs", name)
	}
	assert.Equal(t, inputs, hashTree(t, sampleData), "the inputs are never modified")

	for _, name := range []string{"report.md", "report.html", "indicators.csv", "results.json",
		"charts/scores.svg", "charts/scores.png", "charts/status.svg", "charts/status.png",
		"charts/article4-1.svg", "charts/article4-1.png", "charts/trend-1.1.svg", "charts/trend-1.1.png"} {
		assert.Contains(t, one, name)
	}
	entries, err := os.ReadDir(base)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary directory is left next to the output")
	readmeListsOutputs(t, one)

	plan, err := engine.Load(indicators.FS)
	require.NoError(t, err)
	page, md := one["report.html"], one["report.md"]
	require.Len(t, plan.Actions(), 50)
	for _, a := range plan.Actions() {
		assert.Contains(t, page, `<article id="action-`+strconv.Itoa(a.Number)+`">`)
		assert.Contains(t, page, "Action "+strconv.Itoa(a.Number)+": ")
		assert.Contains(t, md, "### Action "+strconv.Itoa(a.Number)+": ")
	}
	csvRows := strings.Count(one["indicators.csv"], "\n")
	assert.Equal(t, len(plan.Indicators())+1, csvRows, "a header and one row per indicator")
	for _, ind := range plan.Indicators() {
		assert.Contains(t, page, `<tr id="ind-`+ind.ID+`"><th scope="row">`+ind.ID+`</th>`)
		assert.Contains(t, md, "| "+ind.ID+" | ")
	}
	assert.NotContains(t, page, "Report date", "no date unless --date")

	// The obligations table: one row per episode in neutral words, the same as results.json
	// and lap eval --format json (issue 10), each date marked with the class of its data
	// (issue 12).
	assert.NotContains(t, md, "Not met")
	for _, row := range []string{
		`| Bulgaria (BGR) | 3 | 1 | 1 October 2011ᵐ | 31 December 2023 (3 extension decisions)ᵐ | June 2023ᵐ | ✔ Completed on time | yes |`,
		`| Peru (PER) | 3 | 1 | 1 March 2013ᵐ | 1 April 2024 (1 extension decision)ᵐ | 2023ᵐ | ✔ Completed on time | yes |`,
		`| South Africa (ZAF) | 3 | 1 | 1 November 2015ᵐ | 1 November 2023 | 2023ᵐ | ? Completed; whether on time is not known | not known |`,
		`| Croatia (HRV) | 3 | 2 | 8 March 2022ⁱ | – | 31 May 2022ⁱ | – Completed 2 months after it was found | no deadline |`,
		`| Albania (ALB) | 4 | 1 | 1 August 2010ᵐ | 1 August 2020 | 2018 or earlierᵐ | ✔ Completed on time | yes |`,
		`| Bosnia and Herzegovina (BIH) | 4 | 1 | 1 March 2011ᵐ | 1 September 2023 (2 extension decisions)ᵉ | August 2023 | ✔ Completed on time | yes |`,
		`| Chile (CHL) | 4 | 1 | 1 June 2011ᵐ | 1 June 2026 (3 extension decisions)ᵉ | – | ○ Open, deadline ahead | pending |`,
	} {
		assert.Contains(t, md, row)
	}
	var results struct {
		Assessment struct {
			Obligations []map[string]any `json:"obligations"`
		} `json:"assessment"`
	}
	var eval struct {
		Obligations []map[string]any `json:"obligations"`
	}
	require.NoError(t, json.Unmarshal([]byte(one["results.json"]), &results))
	code, out, errOut := lap(t, "eval", "--data", sampleData, "--year", "2024", "--as-of", "2025-06-30", "--format", "json") // the report's cut-off
	require.Equal(t, 0, code, errOut)
	require.NoError(t, json.Unmarshal([]byte(out), &eval))
	require.NotEmpty(t, eval.Obligations)
	assert.Equal(t, eval.Obligations, results.Assessment.Obligations, "results.json and lap eval --format json show the same obligations")
}

func TestReportDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", cliData, "--year", "2023", "--out", out, "--formats", "md", "--charts", "none", "--date", "2025-9-1")
	require.Equal(t, 2, code, "dates are YYYY-MM-DD")
	code, _, stderr = lap(t, "report", "--data", cliData, "--year", "2023", "--out", out, "--formats", "md", "--charts", "none", "--date", "2025-09-01")
	require.Equal(t, 0, code, stderr)
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "Report date: 2025-09-01.")
	assert.NotContains(t, string(md), "Data as of 30 June 2023")

	code, _, stderr = lap(t, "report", "--data", cliData, "--year", "2023", "--out", out, "--formats", "md", "--charts", "none", "--as-of", "2023-06-30")
	require.Equal(t, 0, code, stderr)
	md, err = os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "Data as of 30 June 2023 (the cut-off given for this report", "--as-of reaches the assessment")
	assert.NotContains(t, string(md), "Report date")
	got := names(t, out)
	for name := range got {
		if strings.HasPrefix(name, "profiles/") {
			assert.True(t, strings.HasSuffix(name, ".md"), "%s: the profiles in the formats asked for", name)
			delete(got, name)
		}
	}
	assert.Equal(t, map[string]bool{"report.md": true, ".lap-manifest.json": true}, got, "only the formats asked for")
}

func names(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for name := range tree(t, dir) {
		out[name] = true
	}
	return out
}

// TestReportAllOrNothing: the output directory is written whole or not at all, an earlier
// report is replaced, and anything else is never overwritten.
func TestReportAllOrNothing(t *testing.T) {
	quick := []string{"--formats", "csv", "--charts", "none"}

	t.Run("bad data writes nothing", func(t *testing.T) {
		data := t.TempDir()
		states, err := os.ReadFile(filepath.Join(cliData, "states.csv"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(data, "states.csv"), states, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(data, "facts.csv"), []byte("iso3,year,field,value,source\nXXX,2023,art4_area_cleared_m2,5,s\n"), 0o644))
		parent := t.TempDir()
		out := filepath.Join(parent, "r")
		code, _, stderr := lap(t, append([]string{"report", "--data", data, "--year", "2023", "--out", out}, quick...)...)
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr, data+"/facts.csv:2:1: unknown-state", "errors name file and line")
		entries, err := os.ReadDir(parent)
		require.NoError(t, err)
		assert.Empty(t, entries, "no output and no temporary directory")
	})

	t.Run("refuses a directory that is not a report", func(t *testing.T) {
		out := t.TempDir()
		keep := filepath.Join(out, "notes.txt")
		require.NoError(t, os.WriteFile(keep, []byte("mine"), 0o644))
		code, _, stderr := lap(t, append([]string{"report", "--data", cliData, "--year", "2023", "--out", out}, quick...)...)
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr, "it holds notes.txt, and lap did not write it")
		b, err := os.ReadFile(keep)
		require.NoError(t, err)
		assert.Equal(t, "mine", string(b))
		assert.Equal(t, map[string]bool{"notes.txt": true}, names(t, out))
	})

	t.Run("refuses the data directory", func(t *testing.T) {
		code, _, stderr := lap(t, append([]string{"report", "--data", cliData, "--year", "2023", "--out", cliData}, quick...)...)
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr, "refuse to write "+cliData+": it is "+cliData+", an input of this run")
	})

	t.Run("replaces an earlier report whole", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "r")
		code, _, stderr := lap(t, "report", "--data", cliData, "--year", "2023", "--out", out, "--formats", "csv,json", "--charts", "svg")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, names(t, out), "charts/scores.svg")
		code, _, stderr = lap(t, append([]string{"report", "--data", cliData, "--year", "2023", "--out", out}, quick...)...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, map[string]bool{"indicators.csv": true, ".lap-manifest.json": true}, names(t, out), "nothing of the earlier report is left")
		entries, err := os.ReadDir(parent)
		require.NoError(t, err)
		assert.Len(t, entries, 1, "no temporary directory is left")
	})
}

func TestIsTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a regular file")
	assert.False(t, isTerminal(&strings.Builder{}), "not a file")
	progress(f)("step")
	st, err := f.Stat()
	require.NoError(t, err)
	assert.Zero(t, st.Size(), "no progress lines unless a terminal")
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer null.Close()
		assert.True(t, isTerminal(null), "a character device")
	}
}

// TestReportStatesParties: the report compares the year with the one before to name new
// States Parties and withdrawals (sample data: published deposit dates).
func TestReportStatesParties(t *testing.T) {
	tests := []struct {
		year string
		want string
	}{
		{"2023", "at the end of 2023: 112 (2022: 110). New States Parties: Nigeria (NGA), South Sudan (SSD)."},
		{"2024", "at the end of 2024: 112 (2023: 112). New States Parties: none."},
		{"2025", "New States Parties: Vanuatu (VUT). No longer States Parties: Lithuania (LTU)."},
	}
	for _, tt := range tests {
		t.Run(tt.year, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r")
			code, _, stderr := lap(t, "report", "--data", sampleData, "--year", tt.year, "--out", out, "--formats", "md", "--charts", "none")
			require.Equal(t, 0, code, stderr)
			md, err := os.ReadFile(filepath.Join(out, "report.md"))
			require.NoError(t, err)
			assert.Contains(t, string(md), tt.want)
		})
	}
}

// TestReportPlanDir: a plan read from a directory is named in the provenance block and in
// the suggested `lap explain` command; a broken plan names its file and line and writes
// nothing.
func TestReportPlanDir(t *testing.T) {
	plan := copyPlan(t, "a10.toml", "", "") // an unchanged copy
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", cliData, "--year", "2023", "--plan", plan, "--out", out, "--formats", "md", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "`lap explain ID --data "+cliData+" --year 2023 --plan "+plan+"`")
	assert.Contains(t, string(md), "read from "+mdEscape(plan))

	bad := copyPlan(t, "a10.toml", `aggregate = "count"`, `aggregate = "total"`)
	out = filepath.Join(t.TempDir(), "r")
	code, _, stderr = lap(t, "report", "--data", cliData, "--year", "2023", "--plan", bad, "--out", out)
	assert.Equal(t, 1, code)
	assert.Regexp(t, `a10\.toml:\d+:\d+`, stderr, "the plan error names file, line and column")
	assert.NoDirExists(t, out)
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "_", `\_`) }

// readmeListsOutputs: the README's quick start names every file and directory the default
// report writes (hidden bookkeeping files aside), and each kind of file in profiles/.
func readmeListsOutputs(t *testing.T, files map[string]string) {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, para, ok := strings.Cut(string(b), "The first command writes `out/report/`:")
	require.True(t, ok, "README's quick start says what the first command writes")
	para, _, _ = strings.Cut(para, "\n\n")
	named := map[string]bool{}
	for name := range files {
		top, rest, dir := strings.Cut(name, "/")
		if strings.HasPrefix(top, ".") {
			continue
		}
		if dir {
			top += "/"
			if top == "profiles/" {
				named["`ISO3"+filepath.Ext(rest)+"`"] = true
			}
		}
		named["`"+top+"`"] = true
	}
	for n := range named {
		assert.Contains(t, para, n, "README's quick start names what lap report writes")
	}
}
