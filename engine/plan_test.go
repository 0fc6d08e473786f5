package engine

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadTestPlan(t *testing.T) {
	p := mustLoadTestPlan(t)
	assert.Equal(t, "Test plan", p.Name())
	assert.Equal(t, CountingDeposit, p.Counting())
	assert.Equal(t, 2021, p.BaselineYear())
	require.Len(t, p.Actions(), 2)
	assert.Equal(t, []string{"2.1", "2.2"}, p.Actions()[1].Indicators)
	ind, ok := p.Indicator("2.1")
	require.True(t, ok)
	assert.Equal(t, AggShare, ind.Aggregate)
	require.NotNil(t, ind.Target)
	assert.Equal(t, 100.0, *ind.Target)
	assert.True(t, ind.TargetEachYear)
	assert.Equal(t, []string{"annual_report_on_time"}, ind.Rule.Reads)
	assert.Equal(t, "a02.toml", ind.File)
	assert.Equal(t, 7, ind.Line)
	assert.Len(t, p.Hash(), 64)
}

// replace returns the test plan with one file's text edited.
func replace(file, old, new string) fstest.MapFS {
	fsys := testPlanFS()
	text := string(fsys[file].Data)
	if !strings.Contains(text, old) {
		panic("test fixture does not contain " + old)
	}
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(text, old, new, 1))}
	return fsys
}

func TestLoadBadPlan(t *testing.T) {
	tests := []struct {
		name      string
		fsys      fstest.MapFS
		code      string
		file      string
		line      int
		indicator string
		contains  string
	}{
		{"misspelled TOML key", replace("a02.toml", "definition = \"Area", "defintion = \"Area"), CodeUnknownKey, "a02.toml", 25, "", `did you mean "definition"`},
		{"unknown field in an expression", replace("a02.toml", "rule = 'annual_report_on_time'", "rule = 'annual_report_ontime'"), CodeUnknownName, "a02.toml", 12, "2.1", `did you mean "annual_report_on_time"`},
		{"number where a bool is needed", replace("a02.toml", "rule = 'annual_report_on_time'", "rule = 'art4_area_cleared_m2 * 2'"), CodeExprType, "a02.toml", 12, "2.1", "a bool is needed"},
		{"bool where a number is needed", replace("a02.toml", "rule = 'art4_area_cleared_m2'", "rule = 'art4_outstanding'"), CodeExprType, "a02.toml", 27, "2.2", "a number is needed"},
		{"expression syntax", replace("a02.toml", "rule = 'annual_report_on_time'", "rule = 'annual_report_on_time &&'"), CodeExprSyntax, "a02.toml", 12, "2.1", ""},
		{"duplicate indicator id", replace("a02.toml", `id = "2.2"`, `id = "2.1"`), CodeDuplicateID, "a02.toml", 22, "2.1", "already defined at a02.toml:7"},
		{"action 51", replace("a02.toml", "number = 2", "number = 51"), CodeBadAction, "a02.toml", 1, "", "outside 1..2"},
		{"action in the wrong section", replace("a02.toml", `section = "transparency"`, `section = "universalization"`), CodeBadAction, "a02.toml", 1, "", "outside section"},
		{"unknown section", replace("a02.toml", `section = "transparency"`, `section = "transparancy"`), CodeBadValue, "a02.toml", 2, "", `did you mean "transparency"`},
		{"bad aggregate", replace("a02.toml", `aggregate = "sum"`, `aggregate = "total"`), CodeBadValue, "a02.toml", 28, "2.2", "not one of count, share, sum, mean"},
		{"bad direction", replace("a02.toml", `direction = "increase"`, `direction = "up"`), CodeBadValue, "a02.toml", 15, "2.1", ""},
		{"bad unit", replace("a02.toml", `unit = "m2"`, `unit = "hectares"`), CodeBadValue, "a02.toml", 29, "2.2", ""},
		{"share not in percent", replace("a02.toml", `unit = "percent"`, `unit = "states"`), CodeBadValue, "a02.toml", 14, "2.1", "unit must be \"percent\""},
		{"fields misses a field read", replace("a02.toml", `fields = ["art4_outstanding", "art4_area_cleared_m2"]`, `fields = ["art4_outstanding"]`), CodeFieldsMismatch, "a02.toml", 31, "2.2", "does not list art4_area_cleared_m2"},
		{"fields lists an unread field", replace("a02.toml", `fields = ["art4_outstanding", "art4_area_cleared_m2"]`, `fields = ["art4_outstanding", "art4_area_cleared_m2", "party"]`), CodeFieldsMismatch, "a02.toml", 31, "2.2", "lists party"},
		{"population that can be unknown", replace("a02.toml", "population = 'art4_outstanding'", "population = 're_programme'"), CodeNullablePopulatn, "a02.toml", 26, "2.2", "guard it with ??"},
		{"missing required key", replace("a01.toml", "direction = \"increase\"\n", ""), CodeMissingKey, "a01.toml", 7, "1.1", `"direction"`},
		{"target without a year", replace("a02.toml", "target_year = 2021\n", ""), CodeMissingKey, "a02.toml", 16, "2.1", "target_year"},
		{"share target above 100", replace("a02.toml", "target = 100.0", "target = 120.0"), CodeBadValue, "a02.toml", 16, "2.1", "between 0 and 100"},
		{"id of another action", replace("a02.toml", `id = "2.2"`, `id = "3.2"`), CodeBadValue, "a02.toml", 23, "3.2", "does not belong to action 2"},
		{"TOML syntax", replace("a02.toml", `unit = "m2"`, `unit = "m2`), CodeTOMLSyntax, "a02.toml", 29, "", ""},
		{"wrong TOML type", replace("a01.toml", `number = 1`, `number = "one"`), CodeBadValue, "a01.toml", 1, "", ""},
		{"empty file", fstest.MapFS{"plan.toml": {Data: []byte(testPlanTOML)}, "a01.toml": {Data: []byte("\n")}}, CodeEmptyFile, "a01.toml", 1, "", ""},
		{"non-UTF-8 file", fstest.MapFS{"plan.toml": {Data: []byte(testPlanTOML)}, "a01.toml": {Data: []byte("title = \"\xff\"\n")}}, CodeBadEncoding, "a01.toml", 1, "", ""},
		{"no plan file", fstest.MapFS{"a01.toml": {Data: []byte(testAction1)}}, CodeNoPlanFile, "plan.toml", 0, "", ""},
		{"bad counting", replace("plan.toml", `counting = "deposit"`, `counting = "ratification"`), CodeBadValue, "plan.toml", 7, "", "entry-into-force"},
		{"now() is disabled", replace("a02.toml", "rule = 'annual_report_on_time'", "rule = 'now() != nil'"), CodeUnknownName, "a02.toml", 12, "2.1", ""},
		{"expression too large", replace("a02.toml", "rule = 'annual_report_on_time'", "rule = '"+strings.Repeat("annual_report_on_time && ", 200)+"true'"), CodeExprSyntax, "a02.toml", 12, "2.1", "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Load(tt.fsys)
			require.Error(t, err)
			assert.Nil(t, p)
			var diags Diagnostics
			require.True(t, errors.As(err, &diags), "error is Diagnostics")
			var found *Diagnostic
			for _, d := range diags {
				if d.Code == tt.code {
					found = d
					break
				}
			}
			require.NotNil(t, found, "want %s, got:\n%v", tt.code, err)
			assert.Equal(t, tt.file, found.File)
			assert.Equal(t, tt.line, found.Line, found.Error())
			assert.Equal(t, tt.indicator, found.IndicatorID)
			assert.Contains(t, found.Long(), tt.contains)
		})
	}
}

func TestLoadReportsAllProblemsAtOnce(t *testing.T) {
	fsys := replace("a02.toml", "rule = 'annual_report_on_time'", "rule = 'annual_report_ontime'")
	fsys["a01.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(testAction1, "direction = \"increase\"", "direction = \"up\"", 1))}
	_, err := Load(fsys)
	var diags Diagnostics
	require.True(t, errors.As(err, &diags))
	require.Len(t, diags, 2)
	assert.Equal(t, "a01.toml", diags[0].File, "sorted by file")
	assert.Equal(t, "a02.toml", diags[1].File)
}

func TestExpressionCaretPointsIntoTheFile(t *testing.T) {
	_, err := Load(replace("a02.toml", "rule = 'annual_report_on_time'", "rule = 'annual_report_due && annual_report_ontime'"))
	var diags Diagnostics
	require.True(t, errors.As(err, &diags))
	d := diags[0]
	assert.Equal(t, 12, d.Line)
	assert.Equal(t, 30, d.Col, "column of annual_report_ontime in the file line")
	assert.Contains(t, d.Snippet, "^")
	assert.Equal(t, "a02.toml:12:30: 2.1: unknown-name: rule: unknown field \"annual_report_ontime\": not in the data dictionary (indicator[0].rule)", d.Error())
}

func TestCheckCountsIndicatorsPerFile(t *testing.T) {
	reports, err := Check(testPlanFS())
	require.NoError(t, err)
	require.Len(t, reports, 3)
	assert.Equal(t, "a01.toml", reports[0].File)
	assert.Equal(t, 1, reports[0].Indicators)
	assert.Equal(t, 2, reports[1].Indicators)
	assert.Equal(t, "plan.toml", reports[2].File)
}

func TestReadsAndStrictness(t *testing.T) {
	tests := []struct {
		src    string
		reads  []string
		strict []string
	}{
		{"re_programme", []string{"re_programme"}, []string{"re_programme"}},
		{"re_programme ?? false", []string{"re_programme"}, nil},
		{"re_beneficiaries != nil", []string{"re_beneficiaries"}, nil},
		{"nil == re_beneficiaries", []string{"re_beneficiaries"}, nil},
		{"party && re_targeted", []string{"party", "re_targeted"}, []string{"re_targeted"}},
		{"(art9_legislation ?? \"unknown\") in [\"none\"]", []string{"art9_legislation"}, nil},
		{"re_beneficiaries_female / re_beneficiaries > 0.4", []string{"re_beneficiaries", "re_beneficiaries_female"}, []string{"re_beneficiaries", "re_beneficiaries_female"}},
		{"annual_report_on_time", []string{"annual_report_on_time"}, []string{"annual_report_on_time"}},
		{"in_force", []string{"in_force"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e, xe := compileExpr(tt.src, wantBool)
			require.Nil(t, xe)
			assert.Equal(t, tt.reads, e.Reads)
			var strict []string
			for _, fi := range e.reads {
				if e.strict.has(fi) {
					strict = append(strict, schema[fi].Name)
				}
			}
			assert.Equal(t, tt.strict, strict)
		})
	}
}
