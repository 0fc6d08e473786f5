package engine

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScanTOMLRefuses: a TOML file nested too deep, with a key or string too long, or with a
// control character, is refused before it is decoded, at the line and column of the problem.
func TestScanTOMLRefuses(t *testing.T) {
	deep := func(open, close string, n int) string {
		return "x = " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n) + "\n"
	}
	tests := []struct {
		name      string
		src       string
		code      string
		line, col int
		msg       string
	}{
		{"10,000 nested inline tables", deep("{a = ", "}", 10000), CodeTooLarge, 1, 161, "nested 33 deep here; the limit is 32"},
		{"10,000 nested arrays", deep("[", "]", 10000), CodeTooLarge, 1, 37, "nested 33 deep here"},
		{"a dotted key of 10,000 parts", strings.Repeat("a.", 9999) + "a = 1\n", CodeTooLarge, 1, 64, "more than 32 parts"},
		{"a table header of 10,000 parts", "[" + strings.Repeat("a.", 9999) + "a]\nx = 1\n", CodeTooLarge, 1, 65, "more than 32 parts"},
		{"10,000 nested tables in headers and keys", "[" + strings.Repeat("a.", 20) + "a]\n" + strings.Repeat("b.", 20) + "b = 1\n", CodeTooLarge, 2, 1, "the key is nested 42 deep"},
		{"arrays of inline tables", "x = [" + strings.Repeat("{a = [", 20) + "]", CodeTooLarge, 1, 0, "the limit is 32"},
		{"a long bare key", strings.Repeat("k", 300) + " = 1\n", CodeTooLarge, 1, 257, "longer than 256 bytes"},
		{"a long quoted key", `"` + strings.Repeat("k", 300) + `" = 1` + "\n", CodeTooLarge, 1, 1, "the key is 302 bytes long"},
		{"a long string", "x = \"" + strings.Repeat("s", 70000) + "\"\n", CodeTooLarge, 1, 5, "a string is longer than 65536 bytes"},
		{"a long multi-line string", "x = '''\n" + strings.Repeat("s\n", 40000) + "'''\n", CodeTooLarge, 1, 5, "longer than 65536"},
		{"NUL in a string", "a = 1\ntitle = \"x\x00y\"\n", CodeControlChar, 2, 11, "control character U+0000 in a string"},
		{"ESC in a literal string", "title = 'x\x1b[31m'\n", CodeControlChar, 1, 11, "U+001B"},
		{"an escaped NUL", `title = "x\u0000y"` + "\n", CodeControlChar, 1, 11, `the escape \u0000 is the control character U+0000`},
		{"an escaped ESC", `title = "\U0000001b[2J"` + "\n", CodeControlChar, 1, 10, "U+001B"},
		{"backspace", `title = "abc\b"` + "\n", CodeControlChar, 1, 13, `the escape \b`},
		{"a C1 control", "title = \"x\u0085\"\n", CodeControlChar, 1, 11, "U+0085"},
		{"a control character in a comment", "a = 1 # note\x07\n", CodeControlChar, 1, 13, "in a comment"},
		{"a control character in a key", "a\x01b = 1\n", CodeControlChar, 1, 2, "U+0001"},
		{"a control character in a value", "a = 12\x00\n", CodeControlChar, 1, 7, "U+0000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := scanTOML(tt.src)
			require.NotNil(t, p, "refused")
			assert.Equal(t, tt.code, p.code)
			assert.Equal(t, tt.line, p.line)
			if tt.col != 0 {
				assert.Equal(t, tt.col, p.col)
			}
			assert.Contains(t, p.msg, tt.msg)

			var v map[string]any
			_, diags := decodeTOML("f.toml", []byte(tt.src), &v)
			require.Len(t, diags, 1)
			assert.Equal(t, tt.code, diags[0].Code, "decodeTOML scans first")
			assert.Equal(t, tt.line, diags[0].Line)
			assert.Less(t, len(diags[0].Error())+len(diags[0].Snippet), 2000, "the message quotes little of a huge line")
		})
	}
}

// TestScanTOMLAccepts: what plans, scenarios and rule tests hold passes the scan, nesting up to
// the limit included, and decodes.
func TestScanTOMLAccepts(t *testing.T) {
	plan, err := os.ReadFile("../indicators/plan.toml")
	require.NoError(t, err)
	a01, err := os.ReadFile("../indicators/a01.toml")
	require.NoError(t, err)
	docs := []string{
		string(plan), string(a01), testPlanTOML, testAction1, testAction2,
		"x = " + strings.Repeat("[", 31) + strings.Repeat("]", 31) + "\n",
		"x = " + strings.Repeat("{a = ", 31) + "1" + strings.Repeat("}", 31) + "\n",
		strings.Repeat("a.", 31) + "a = 1\n",
		"[a.b.c]\nd.e = {f = [1, 2, {g = 3}]}\n",
		"[[t]]\nname = \"x\" # a comment with a tab\t\n[[t]]\nname = 'y'\n",
		"s = \"tab\\tnewline\\nquote\\\" unicode \\u00e9 \\U0001F600\"\n",
		"m = \"\"\"\nline one\nline \\\n  two \"quoted\" \"\"\"\nl = '''\nraw \\ text ''' \n",
		"k = \"\"\"ends with quotes\"\"\"\"\"\n",
		"\"quoted.key\" = 1\n'literal key' = 2\na.\"b.c\".d = 3\n",
		"d = 2024-01-02\nf = -1.5e3\ni = inf\nn = nan\nh = 0xFF\n",
		"a = [\n  1, # one\n  2,\n]\n",
	}
	for i, src := range docs {
		assert.Nil(t, scanTOML(src), "document %d", i)
		var v map[string]any
		_, err := toml.Decode(src, &v)
		assert.NoError(t, err, "document %d", i)
	}
}

// tomlDepth is the nesting depth of a decoded TOML value: tables and arrays.
func tomlDepth(v any) int {
	d := 0
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			d = max(d, tomlDepth(e))
		}
		return d + 1
	case []map[string]any:
		for _, e := range x {
			d = max(d, tomlDepth(e))
		}
		return d + 1
	case []any:
		for _, e := range x {
			d = max(d, tomlDepth(e))
		}
		return d + 1
	}
	return 0
}

// FuzzScanTOML: the scan never fails to return, and a document it accepts decodes (or fails
// with an error) without exhausting the decoder, nested no deeper than the scan allows.
func FuzzScanTOML(f *testing.F) {
	for _, s := range []string{testPlanTOML, testAction1, "x = [[1], {a = {b = 2}}]\n", "[a.b]\nc.d = 'x'\n", "s = \"\\u0000\"\n", "a = \"\"\"\n\"\"\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// a scan or a decode that does not end is a failure, with its input
		tm := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("no answer after 10 s for %q", src)) })
		defer tm.Stop()
		p := scanTOML(src)
		if p != nil {
			if p.line < 1 || p.col < 1 || p.msg == "" {
				t.Fatalf("bad position or message: %+v", p)
			}
			return
		}
		var v map[string]any
		if _, err := toml.Decode(src, &v); err != nil {
			return
		}
		if d := tomlDepth(v); d > maxTOMLDepth+1 {
			t.Fatalf("the scan accepted a document nested %d deep", d)
		}
	})
}

// TestReadInput: an input is refused, before anything is read, when it is not a regular file
// (a named pipe would block, /dev/zero never ends) or when it is larger than its limit.
func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "pipe.csv"), 0o644))
	require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, "zero.csv")))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "dir.csv"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "big.csv"), make([]byte, 2048), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ok.csv"), []byte("fine"), 0o644))
	fsys := os.DirFS(dir)
	tests := []struct {
		name, code, msg string
	}{
		{"pipe.csv", CodeNotRegular, "it is a named pipe, not a regular file"},
		{"zero.csv", CodeNotRegular, "it is a character device, not a regular file"},
		{"dir.csv", CodeNotRegular, "it is a directory"},
		{"big.csv", CodeTooLarge, "file is 2048 bytes (2.0 KiB); the limit is 1024 bytes (1.0 KiB)"},
		{"missing.csv", CodeNoPlanFile, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadInput(fsys, tt.name, 1024)
			var d *Diagnostic
			require.True(t, errors.As(err, &d), "%v", err)
			assert.Equal(t, tt.code, d.Code)
			assert.Equal(t, tt.name, d.File)
			assert.Contains(t, d.Message, tt.msg)
		})
	}
	b, err := ReadInput(fsys, "ok.csv", 1024)
	require.NoError(t, err)
	assert.Equal(t, "fine", string(b))

	// through the loaders: the data directory, a plan, a scenario
	require.NoError(t, os.WriteFile(filepath.Join(dir, "states.csv"), []byte(testStatesCSV), 0o644))
	require.NoError(t, os.Symlink("pipe.csv", filepath.Join(dir, "facts.csv")))
	_, err = LoadDataset(fsys, ".")
	assert.ErrorContains(t, err, "facts.csv: not-a-file: it is a named pipe")
	_, err = LoadScenario(fsys, "zero.csv", mustLoadData(t, ""), mustLoadTestPlan(t))
	assert.ErrorContains(t, err, "zero.csv: not-a-file: it is a character device")
	plan := t.TempDir() // a translation that is a named pipe would block lap check
	require.NoError(t, os.WriteFile(filepath.Join(plan, "plan.toml"), []byte(testPlanTOML), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(plan, "a01.toml"), []byte(testAction1), 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(plan, TranslationDir), 0o755))
	require.NoError(t, syscall.Mkfifo(filepath.Join(plan, TranslationDir, "fr.toml"), 0o644))
	reports, err := Check(os.DirFS(plan))
	require.NoError(t, err, "a translation that cannot be read is a warning")
	var msgs []string
	for _, fr := range reports {
		for _, d := range fr.Diagnostics {
			msgs = append(msgs, d.Message)
		}
	}
	assert.Contains(t, strings.Join(msgs, "\n"), "it is a named pipe, not a regular file")
	planDir := fstest.MapFS{"plan.toml": {Data: []byte(testPlanTOML)}, "a01.toml": {Data: make([]byte, maxTOMLFileBytes+1)}}
	_, err = Load(planDir)
	assert.ErrorContains(t, err, "a01.toml: too-large: file is 1048577 bytes (1.0 MiB); the limit is 1048576 bytes (1.0 MiB)")
}

// TestDataValueBounds: a line or a value over its length limit, and a control character in a
// value, are refused with the file, line and column, quoting little of the value.
func TestDataValueBounds(t *testing.T) {
	huge := strings.Repeat("x", 70000)
	tests := []struct {
		name  string
		facts string
		code  string
		line  int
		key   string
		msg   string
	}{
		{"a long line", "DEU,2023,art4_area_cleared_m2,1500,\"" + huge + "\"\n", CodeTooLarge, 2, "", "line 2 is 70037 bytes (68.4 KiB) long; the limit is 65536 bytes"},
		{"a long value", "DEU,2023,art4_area_cleared_m2,1500,\"" + huge[:5000] + "\"\n", CodeTooLarge, 2, "source", "value is 5000 bytes (4.9 KiB) long; the limit is 4096 bytes"},
		{"NUL in a value", "DEU,2023,art4_area_cleared_m2,1500,Form\x00F\n", CodeControlChar, 2, "source", `value holds the control character U+0000 at byte 5: "Form\x00F"`},
		{"an escape sequence", "DEU,2023,art4_area_cleared_m2,1500,\"\x1b]0;owned\x07\"\n", CodeControlChar, 2, "source", "U+001B"},
		{"a C1 control", "DEU,2023,art4_area_cleared_m2,1500,x\u009by\n", CodeControlChar, 2, "source", "U+009B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadDataset(dataFS(testStatesCSV, factsHeader+tt.facts), ".")
			var ds Diagnostics
			require.True(t, errors.As(err, &ds), "%v", err)
			require.Len(t, ds, 1, "%v", err)
			d := ds[0]
			assert.Equal(t, tt.code, d.Code)
			assert.Equal(t, "facts.csv", d.File)
			assert.Equal(t, tt.line, d.Line)
			assert.Equal(t, tt.key, d.Key)
			if tt.key == "source" {
				assert.Equal(t, 36, d.Col)
			}
			assert.Contains(t, d.Message, tt.msg)
			assert.Less(t, len(d.Error()), 300)
		})
	}

	// a long value within the limit is quoted cut short in the message
	_, err := LoadDataset(dataFS(testStatesCSV, factsHeader+"DEU,2023,unga_vote,"+strings.Repeat("y", 3000)+",s\n"), ".")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unga_vote: "`+strings.Repeat("y", 60)+`"… (3000 bytes in all) is not one of yes, no, abstain, absent`)
	assert.Less(t, len(err.Error()), 300)

	// the same in dataset.json, where the control character comes as an escape
	js := `{"states": [{"iso3": "DEU", "name": "Germany", "region": "europe"}],
 "facts": [
  {"iso3": "DEU", "year": 2023, "field": "art4_area_cleared_m2", "value": 5, "source": "a\u0000b"},
  {"iso3": "DEU", "year": 2022, "field": "art4_area_cleared_m2", "value": "` + huge[:5000] + `", "source": "s"}]}`
	_, err = LoadDataset(fstest.MapFS{"dataset.json": {Data: []byte(js)}}, ".")
	var ds Diagnostics
	require.True(t, errors.As(err, &ds), "%v", err)
	require.Len(t, ds, 2, "%v", err)
	assert.Equal(t, []string{CodeControlChar, CodeTooLarge}, []string{ds[0].Code, ds[1].Code})
	assert.Equal(t, []int{3, 4}, []int{ds[0].Line, ds[1].Line})
	assert.Equal(t, []string{"source", "value"}, []string{ds[0].Key, ds[1].Key})
}

// TestDiagnosticsCapped: a file with a million bad rows gives the first maxDiagnostics problems
// and where reading stopped, not a million messages.
func TestDiagnosticsCapped(t *testing.T) {
	facts := strings.Repeat("XXX,2023,art4_area_cleared_m2,5,s\n", 5000)
	_, err := LoadDataset(dataFS(testStatesCSV, factsHeader+facts), ".")
	var ds Diagnostics
	require.True(t, errors.As(err, &ds))
	require.Len(t, ds, maxDiagnostics+1)
	assert.Equal(t, 2, ds[0].Line)
	last := ds[len(ds)-1]
	assert.Equal(t, CodeTooMany, last.Code)
	assert.Equal(t, "facts.csv", last.File)
	assert.Equal(t, maxDiagnostics+2, last.Line, "reading stopped after the last problem listed")
	assert.Contains(t, last.Message, "a load lists at most 1000 and stops reading there")
}

// TestFarDateWarning: one date far beyond the data's other dates (a typo of 2042 for 2024)
// would move the default cut-off; the dataset warns, naming the fact.
func TestFarDateWarning(t *testing.T) {
	ds := mustLoadData(t, evalFacts+"KEN,2042,art4_completed_date,2042-05-01,typo\n")
	w := ds.Warnings()
	require.Len(t, w, 1)
	assert.Equal(t, SeverityWarning, w[0].Severity)
	assert.Equal(t, CodeFarDate, w[0].Code)
	assert.Equal(t, "facts.csv", w[0].File)
	assert.Equal(t, 7, w[0].Line)
	assert.Contains(t, w[0].Message, "KEN art4_completed_date 2042-05-01 is the latest date in the data, 6082 days after the next latest (2025-09-05): without --as-of it sets the data cut-off")
	assert.Equal(t, "2042-05-01", ds.LatestDate().String())

	st := strings.Replace(testStatesCSV, "LTU,Lithuania,europe,2008-12-03,2011-03-24,2011-09-01,2025-03-06", "LTU,Lithuania,europe,2008-12-03,2011-03-24,2011-09-01,2199-03-06", 1)
	ds, err := LoadDataset(dataFS(st, factsHeader+evalFacts), ".")
	require.NoError(t, err)
	require.Len(t, ds.Warnings(), 1)
	assert.Equal(t, "states.csv", ds.Warnings()[0].File)
	assert.Equal(t, "withdrawn", ds.Warnings()[0].Key)
	assert.Contains(t, ds.Warnings()[0].Message, "LTU withdrawn 2199-03-06 is the latest date")

	assert.Empty(t, mustLoadData(t, evalFacts).Warnings(), "dates within a year of each other")
	sample, err := LoadDataset(os.DirFS("../testdata/sample"), ".")
	require.NoError(t, err)
	assert.Empty(t, sample.Warnings(), "the sample data")
}

// TestYearsBounded: a run's years are within MinYear..MaxYear; --year 99999 or -5 is an error
// at once, not a loop over thousands of years.
func TestYearsBounded(t *testing.T) {
	p := mustLoadTestPlan(t)
	ds := mustLoadData(t, evalFacts)
	for _, y := range []int{-5, 0, 1899, 2201, 99999, 5900000} {
		_, err := p.Assess(context.Background(), ds, y, AsOf(MustDate("2200-12-31")))
		assert.ErrorContains(t, err, fmt.Sprintf("are outside %d..%d", MinYear, MaxYear), "%d", y)
	}
	_, err := p.NewBaseline(context.Background(), ds, 99999)
	assert.Error(t, err)
}

// TestCleanValues: cleanValues, which lets a plain CSV file skip checkValue value by value,
// says a file is clean exactly when no line is longer than maxValueBytes and no line holds a
// control character (isControl, or a CR, which the plain form has not), on the edge cases and
// 20,000 random files made of the bytes and characters that matter.
func TestCleanValues(t *testing.T) {
	want := func(data string) bool {
		for _, line := range strings.Split(data, "\n") {
			if len(line) > maxValueBytes || strings.ContainsRune(line, '\r') {
				return false
			}
			if _, i := controlChar(line); i >= 0 {
				return false
			}
		}
		return true
	}
	cases := []string{"", "\n", "a,b\n", "a\tb\n", "abcdefgh\x00", "abcdefghi\x7f", "\u0085", "abcdefg\u0085", "§é\u00a0ü",
		"abcdefg\u009f", "abcdefg\u00a0", "a\x1fb", "\x7e\x7e\x7e\x7e\x7e\x7e\x7e\x7e", " !\"#$%&'", "a\rb",
		strings.Repeat("x", maxValueBytes), strings.Repeat("x", maxValueBytes+1), strings.Repeat("é", maxValueBytes/2+1) + "\nok"}
	for _, c := range cases {
		assert.Equal(t, want(c), cleanValues([]byte(c)), "%q", c)
	}
	parts := []string{"a", "Z", " ", "~", ",", "\"", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "\u0080", "\u0085", "\u009f", "\u00a0", "§", "é", "€", "😀", "abcdefgh"}
	rng := rand.New(rand.NewPCG(13, 13))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(40) {
			p := parts[rng.IntN(len(parts))]
			if rng.IntN(4) > 0 { // mostly printable text, as data files are
				p = parts[rng.IntN(5)]
			}
			b.WriteString(p)
		}
		s := b.String()
		require.Equal(t, want(s), cleanValues([]byte(s)), "%q", s)
	}
}
