package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/indicators"
)

// selfDecoded is a value type with its own decoder, as a rule test's values are.
type selfDecoded struct{ Text string }

func (s *selfDecoded) UnmarshalTOML(v any) error { s.Text = fmt.Sprint(v); return nil }

type tomlFixture struct {
	Name  string `toml:"name"`
	Items []struct {
		ID    string `toml:"id"`
		Value *int   `toml:"value"`
		Pairs []struct {
			Key string `toml:"key"`
		} `toml:"pairs"`
	} `toml:"item"`
	Table *struct {
		Limit float64 `toml:"limit"`
	} `toml:"table"`
}

func TestDecodeTOML(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		wantCode  string
		wantLine  int
		wantCol   int
		wantKey   string
		wantHint  string
		wantSnip  string
		wantCount int // diagnostics expected; 0 means 1
		decoded   bool
	}{
		{name: "empty", src: " \n\t\n", wantCode: CodeEmptyFile, wantLine: 1},
		{name: "not UTF-8", src: "name = \"\xff\"\n", wantCode: CodeBadEncoding, wantLine: 1},
		{name: "too large", src: "name = \"" + strings.Repeat("x", maxTOMLFileBytes) + "\"\n", wantCode: CodeTooLarge},
		{name: "syntax error has a snippet", src: "name = \"a\"\n[[item]]\nid = \n", wantCode: CodeTOMLSyntax, wantLine: 3, wantSnip: "id ="},
		{name: "type mismatch has a snippet and key", src: "name = \"a\"\n[[item]]\nid = \"x\"\nvalue = \"seven\"\n", wantCode: CodeBadValue, wantLine: 4, wantKey: "item.value", wantSnip: `value = "seven"`},
		{name: "unknown key, did you mean", src: "nmae = \"a\"\n", wantCode: CodeUnknownKey, wantLine: 1, wantKey: "nmae", wantHint: `did you mean "name"?`, decoded: true},
		{name: "unknown key in the second array table", src: "[[item]]\nid = \"a\"\n[[item]]\nid = \"b\"\nvalu = 3\n", wantCode: CodeUnknownKey, wantLine: 5, wantCol: 8, wantKey: "item[1].valu", wantHint: `did you mean "value"?`, decoded: true},
		{name: "the same unknown key twice", src: "[[item]]\nid = \"a\"\nvalu = 1\n[[item]]\nid = \"b\"\nvalu = 3\n", wantCode: CodeUnknownKey, wantLine: 3, wantKey: "item[0].valu", wantCount: 2, decoded: true},
		{name: "unknown key in an inline table", src: "[[item]]\nid = \"a\"\npairs = [\n  {key = \"x\"},\n  {kye = \"y\"},\n]\n", wantCode: CodeUnknownKey, wantLine: 5, wantHint: `did you mean "key"?`, decoded: true},
		{name: "unknown table reported once", src: "[tabel]\nlimit = 1\nother = 2\n", wantCode: CodeUnknownKey, wantLine: 1, wantKey: "tabel", wantHint: `did you mean "table"?`, decoded: true},
		{name: "no hint lists the known keys", src: "[table]\nzzzzzz = 1\n", wantCode: CodeUnknownKey, wantLine: 2, wantHint: "known keys: limit", decoded: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v tomlFixture
			doc, diags := decodeTOML("f.toml", []byte(tt.src), &v)
			assert.Equal(t, tt.decoded, doc != nil)
			want := max(tt.wantCount, 1)
			require.Len(t, diags, want, "%v", diags)
			d := diags[0]
			assert.Equal(t, "f.toml", d.File)
			assert.Equal(t, tt.wantCode, d.Code)
			assert.Equal(t, tt.wantLine, d.Line, d.Error())
			if tt.wantCol != 0 {
				assert.Equal(t, tt.wantCol, d.Col)
			}
			if tt.wantKey != "" {
				assert.Equal(t, tt.wantKey, d.Key)
			}
			if tt.wantHint != "" {
				assert.Equal(t, tt.wantHint, d.Hint)
			}
			if tt.wantSnip != "" {
				assert.Contains(t, d.Snippet, tt.wantSnip)
			}
			if tt.wantCount == 2 {
				assert.Equal(t, 6, diags[1].Line, "the second occurrence is placed at its own line")
			}
		})
	}
}

func TestSchemaKeys(t *testing.T) {
	typ := func(v any) []string { return schemaKeys(reflect.TypeOf(v), nil) }
	assert.Equal(t, []string{"item", "name", "table"}, typ(&tomlFixture{}))
	assert.Equal(t, []string{"id", "pairs", "value"}, schemaKeys(reflect.TypeOf(&tomlFixture{}), []string{"item"}))
	assert.Equal(t, []string{"key"}, schemaKeys(reflect.TypeOf(&tomlFixture{}), []string{"item", "pairs"}))
	assert.Nil(t, schemaKeys(reflect.TypeOf(&tomlFixture{}), []string{"nothing"}))
	assert.Nil(t, schemaKeys(reflect.TypeOf(selfDecoded{}), nil), "a value type with its own decoder has no keys")
}

// TestOneTOMLLoader: a plan file, a scenario, a file read by ReadTOML (rule tests: engine/ruletest
// checks that Run gives the same) and a check file with the same
// syntax error get the same diagnostic: position, message and snippet.
func TestOneTOMLLoader(t *testing.T) {
	const broken = "name = \"x\"\ntitle = \n"
	var got []*Diagnostic
	pick := func(err error) {
		t.Helper()
		var ds Diagnostics
		require.True(t, errors.As(err, &ds), "want Diagnostics, got %v", err)
		for _, d := range ds {
			if d.Code == CodeTOMLSyntax {
				got = append(got, d)
				return
			}
		}
		t.Fatalf("no syntax error in %v", ds)
	}
	_, err := Load(fstest.MapFS{"plan.toml": {Data: []byte(testPlanTOML)}, "a01.toml": {Data: []byte(broken)}})
	pick(err)
	_, err = ParseScenario("a01.toml", []byte(broken), nil, nil)
	pick(err)
	var v struct{}
	_, ds := ReadTOML(fstest.MapFS{"a01.toml": {Data: []byte(broken)}}, "a01.toml", &v) // as engine/ruletest reads
	pick(ds)
	_, err = LoadChecks(fstest.MapFS{"checks/a01.toml": {Data: []byte(broken)}}, nil)
	pick(err)
	require.Len(t, got, 4)
	got[3].File = "a01.toml" // the check file's folder is part of its name
	for _, d := range got[1:] {
		assert.Equal(t, *got[0], *d)
	}
	assert.Equal(t, 2, got[0].Line)
	assert.NotEmpty(t, got[0].Snippet, "every loader shows where the syntax error is")
}

func TestArrayElementLines(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		keyLine int
		want    []int
	}{
		{"one per line", "x = 1\nstates = [\n  {a = 1},\n  {a = 2},\n]\n", 2, []int{3, 4}},
		{"on the key's line", "states = [{a = 1}, {a = 2}]\n", 1, []int{1, 1}},
		{"strings with brackets and braces", "facts = [\n  {a = \"{[\", b = '}]'},\n  {a = \"\\\"{\"},\n]\n", 1, []int{2, 3}},
		{"comments and nested arrays", "states = [ # {not one\n  {a = [1, 2], b = {c = 1}}, # {nor this\n  {a = 3},\n]\ny = {z = 1}\n", 1, []int{2, 3}},
		{"stops at the closing bracket", "states = [\n  {a = 1},\n]\nfacts = [\n  {a = 2},\n]\n", 1, []int{2}},
		{"empty array", "states = []\n", 1, nil},
		{"no such line", "states = []\n", 5, nil},
		{"no value", "[[test]]\n", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, arrayElementLines(strings.Split(tt.text, "\n"), tt.keyLine))
		})
	}
}

func TestReadTOML(t *testing.T) {
	var v struct {
		Test []struct {
			Name   string           `toml:"name"`
			States []map[string]any `toml:"states"`
		} `toml:"test"`
	}
	fsys := fstest.MapFS{"t.toml": {Data: []byte("[[test]]\nname = \"a\"\nstates = [\n  {iso3 = \"XAA\"},\n  {iso3 = \"XBB\"},\n]\nnmae = 1\n")}}
	doc, ds := ReadTOML(fsys, "t.toml", &v)
	require.NotNil(t, doc)
	require.Len(t, ds, 1, "an unknown key is reported, the file still decoded")
	assert.Equal(t, CodeUnknownKey, ds[0].Code)
	assert.Equal(t, `did you mean "name"?`, ds[0].Hint)
	assert.Equal(t, 2, doc.LineOf("test[0].name", 0))
	assert.Equal(t, 9, doc.LineOf("test[0].absent", 9))
	assert.Equal(t, []int{4, 5}, doc.ElementLines("test[0].states"))
	assert.Nil(t, doc.ElementLines("test[0].absent"))

	doc, ds = ReadTOML(fsys, "missing.toml", &v)
	assert.Nil(t, doc)
	require.Len(t, ds, 1)
	assert.Equal(t, "missing.toml", ds[0].File)
}

// TestMatchKeyLine: matchKeyLine finds what the regular expression it replaced finds, on every
// line of the shipped plan and 50,000 random lines made of the characters that matter.
func TestMatchKeyLine(t *testing.T) {
	re := regexp.MustCompile(`^\s*([A-Za-z0-9_\-"']+)\s*=\s*(\S)`)
	check := func(line string) {
		m := re.FindStringSubmatchIndex(line)
		ks, ke, vs, ok := matchKeyLine(line)
		require.Equal(t, m != nil, ok, "%q", line)
		if ok {
			require.Equal(t, []int{m[2], m[3], m[4]}, []int{ks, ke, vs}, "%q", line)
		}
	}
	files, err := fs.Glob(indicators.FS, "*.toml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := fs.ReadFile(indicators.FS, f)
		require.NoError(t, err)
		for _, line := range strings.Split(string(data), "\n") {
			check(line)
		}
	}
	parts := []string{"a", "Z", "0", "_", "-", `"`, "'", " ", "\t", "\f", "\r", "\v", "=", ".", "#", "é", "\u00a0", "[", "x y"}
	rng := rand.New(rand.NewPCG(13, 9))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		check(b.String())
	}
}
