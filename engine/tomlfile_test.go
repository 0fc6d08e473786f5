package engine

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
	assert.Nil(t, schemaKeys(reflect.TypeOf(tomlText{}), nil), "a value type with its own decoder has no keys")
}

// TestOneTOMLLoader: a plan file, a scenario, a rule-test file and a check file with the same
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
	_, err = RunRuleTests(context.Background(), mustLoadTestPlan(t), fstest.MapFS{"a01.toml": {Data: []byte(broken)}}, []string{"a01.toml"}, nil)
	pick(err)
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
