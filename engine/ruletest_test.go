package engine

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ruleTestStates is a test group's States: Nigeria and South Sudan with their real treaty dates
// (deposit 2023-02-28 and 2023-08-03; entry into force 2023-08-01 and 2024-02-01), a long-time
// party and a State that never joined.
const ruleTestStates = `states = [
  {iso3 = "NGA", region = "africa", ratified = 2023-02-28, entry_into_force = 2023-08-01},
  {iso3 = "SSD", region = "africa", ratified = 2023-08-03, entry_into_force = 2024-02-01},
  {iso3 = "XAA", region = "europe", ratified = 2010-01-15},
  {iso3 = "XBB", region = "americas"},
]
`

func runTestFile(t *testing.T, src string, filter *regexp.Regexp) ([]RuleTestResult, error) {
	t.Helper()
	fsys := fstest.MapFS{"t.test.toml": {Data: []byte(src)}}
	return RunRuleTests(context.Background(), mustLoadTestPlan(t), fsys, nil, filter)
}

func TestRunRuleTestsOutcomes(t *testing.T) {
	tests := []struct {
		name    string
		caseSrc string
		want    RuleTestOutcome
		// wantMismatch is "what: want / got (diff)" for each expected mismatch, in order.
		wantMismatch []string
	}{
		{"value matches", `indicator = "1.1"
year = 2023
want = 3`, RuleTestPass, nil},
		{"value differs", `indicator = "1.1"
year = 2023
want = 2`, RuleTestFail, []string{"value: 2 / 3"}},
		{"value within tolerance", `indicator = "1.1"
year = 2023
want = 2.9
tolerance = 0.1`, RuleTestPass, nil},
		{"value outside tolerance", `indicator = "1.1"
year = 2023
want = 2.5
tolerance = 0.1`, RuleTestFail, []string{"value: 2.5 / 3 (off by 0.5, tolerance 0.1)"}},
		{"counting overrides the plan's", `indicator = "1.1"
year = 2023
counting = "entry-into-force"
want = 2
want_counted = ["NGA", "XAA"]`, RuleTestPass, nil},
		{"lists compare as sets", `indicator = "1.1"
year = 2023
want_counted = ["XAA", "SSD", "NGA"]
want_not_counted = ["XBB"]
want_no_data = []`, RuleTestPass, nil},
		{"list differences are named", `indicator = "1.1"
year = 2023
counting = "entry-into-force"
want_counted = ["NGA", "SSD"]`, RuleTestFail, []string{"counted: [NGA SSD] / [NGA XAA] (missing SSD; unexpected XAA)"}},
		{"not counted and no data", `indicator = "1.1"
year = 2022
want_not_counted = ["XBB"]
want_no_data = ["SSD"]`, RuleTestFail, []string{
			"not_counted: [XBB] / [NGA SSD XBB] (unexpected NGA SSD)",
			"no_data: [SSD] / [] (missing SSD)"}},
		{"status missing: nothing is owed for an unfinished year", `indicator = "2.1"
year = 2024
as_of = 2024-12-30
want_status = "missing"
want_population = 0`, RuleTestPass, nil},
		{"want implies status ok", `indicator = "2.1"
year = 2024
as_of = 2024-12-30
want = 0`, RuleTestFail, []string{"status: ok / missing", "value: 0 / nil"}},
		{"population", `indicator = "1.1"
year = 2023
want_population = 3`, RuleTestFail, []string{"population: 3 / 4"}},
		{"todo_ skips", `name = "todo_ write this case"
indicator = "1.1"
year = 2023
want = 99`, RuleTestSkip, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n" + ruleTestStates + "\n[[test.case]]\n" + tt.caseSrc + "\n"
			rs, err := runTestFile(t, src, nil)
			require.NoError(t, err)
			require.Len(t, rs, 1)
			r := rs[0]
			assert.Equal(t, tt.want, r.Outcome)
			var got []string
			for _, m := range r.Mismatches {
				s := m.What + ": " + m.Want + " / " + m.Got
				if m.Diff != "" {
					s += " (" + m.Diff + ")"
				}
				got = append(got, s)
			}
			assert.Equal(t, tt.wantMismatch, got)
			assert.Equal(t, r.Outcome == RuleTestPass, r.Pass())
			if r.Outcome == RuleTestSkip {
				assert.Nil(t, r.Got, "a skipped case is not evaluated")
			}
		})
	}
}

func TestRunRuleTestsError(t *testing.T) {
	src := "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n" + ruleTestStates + `
[[test.case]]
indicator = "2.2"
year = 2023
want_status = "error"
want_error = "division by zero"
`
	rs, err := runTestFile(t, src, nil)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	// 2.2 sums art4_area_cleared_m2 over art4_outstanding, which is empty here: status ok, so the
	// case fails on both expectations.
	assert.Equal(t, RuleTestFail, rs[0].Outcome)
	require.Len(t, rs[0].Mismatches, 2)
	assert.Equal(t, "status", rs[0].Mismatches[0].What)
	assert.Equal(t, "error", rs[0].Mismatches[1].What)
	assert.Equal(t, `"division by zero"`, rs[0].Mismatches[1].Want)
}

// The dates of a case: as_of from the case, else from its test, else the latest date in the
// test's data; counting from the case, else from its test, else the plan's.
func TestRunRuleTestsDefaults(t *testing.T) {
	src := `[[test]]
name = "g"
counting = "entry-into-force"
` + ruleTestStates + `
[[test.case]]
name = "group counting, as_of the latest date (2024-02-01)"
indicator = "1.1"
year = 2024
want = 3

[[test.case]]
name = "case counting and as_of"
indicator = "1.1"
year = 2023
counting = "deposit"
as_of = 2023-05-01
want = 2
want_counted = ["NGA", "XAA"]
`
	rs, err := runTestFile(t, src, nil)
	require.NoError(t, err)
	require.Len(t, rs, 2)
	assert.Equal(t, "2024-02-01", rs[0].AsOf)
	assert.Equal(t, CountingEntryIntoForce, rs[0].Counting)
	assert.Equal(t, "2023-05-01", rs[1].AsOf)
	assert.Equal(t, CountingDeposit, rs[1].Counting)
	for _, r := range rs {
		assert.True(t, r.Pass(), r.Explain())
	}
}

func TestRunRuleTestsFilter(t *testing.T) {
	src := "[[test]]\nname = \"members\"\nas_of = 2024-12-31\n" + ruleTestStates + `
[[test.case]]
name = "parties"
indicator = "1.1"
year = 2023
want = 3

[[test.case]]
name = "reports"
indicator = "2.1"
year = 2023
want_status = "missing"
`
	tests := []struct {
		filter string
		want   []string
	}{
		{"", []string{"members/parties", "members/reports"}},
		{"^members/rep", []string{"members/reports"}},
		{`^1\.1$`, []string{"members/parties"}},
		{"nothing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			var re *regexp.Regexp
			if tt.filter != "" {
				re = regexp.MustCompile(tt.filter)
			}
			rs, err := runTestFile(t, src, re)
			require.NoError(t, err)
			var names []string
			for _, r := range rs {
				names = append(names, r.Name())
			}
			assert.Equal(t, tt.want, names)
		})
	}
}

// Values may be written as TOML strings, numbers, booleans or dates; they reach the dataset in
// the syntax of facts.csv.
func TestRunRuleTestsValueSyntax(t *testing.T) {
	src := `[[test]]
name = "values"
as_of = 2024-12-31
states = [
  {iso3 = "XAA", region = "europe", ratified = "2010-01-15"},
  {iso3 = "XBB", region = "europe", ratified = 2010-01-15},
]
facts = [
  {iso3 = "XAA", year = 2010, field = "art4_obligation_start", value = "2010-08-01"},
  {iso3 = "XBB", year = 2010, field = "art4_obligation_start", value = 2010-08-01},
  {iso3 = "XAA", year = 2023, field = "art4_area_cleared_m2", value = 1500},
  {iso3 = "XBB", year = 2023, field = "art4_area_cleared_m2", value = 2.5},
]

[[test.case]]
indicator = "2.2"
year = 2023
want = 1502.5
`
	rs, err := runTestFile(t, src, nil)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.True(t, rs[0].Pass(), rs[0].Explain())
	require.NotNil(t, rs[0].Got)
	require.Len(t, rs[0].Got.States, 2)
	v := rs[0].Got.States[0].Values
	require.NotEmpty(t, v)
	assert.Equal(t, "t.test.toml:11", v[0].Origin, "a fact's origin is its line in the test file")
	assert.Equal(t, "rule test t.test.toml", v[0].Source)
}

// Bad test files give every problem at once, each with its file and line (the Prometheus
// rulefmt pattern: a fixture, the code and a message substring).
func TestRunRuleTestsDiagnostics(t *testing.T) {
	good := "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n" + ruleTestStates
	tests := []struct {
		name     string
		src      string
		wantCode string
		wantLine int
		wantMsg  string
	}{
		{"syntax", "a = = 1\n", CodeTOMLSyntax, 1, ""},
		{"wrong type", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = \"2023\"\nwant = 1\n", CodeBadValue, 13, ""},
		{"no tests", "# nothing\n", CodeMissingKey, 1, "no [[test]] tables"},
		{"unknown top table", "[[tests]]\nname = \"x\"\n", CodeUnknownKey, 1, `unknown key "tests"`},
		{"unknown case key", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwnat = 1\n", CodeUnknownKey, 14, `unknown key "wnat"`},
		{"unknown key in an inline table", "[[test]]\nname = \"g\"\nstates = [\n  {iso3 = \"XAA\", regoin = \"europe\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 0\n", CodeUnknownKey, 4, `unknown key "regoin"`},
		{"bad state row", "[[test]]\nname = \"g\"\nstates = [\n  {iso3 = \"XAA\", region = \"europe\"},\n  {iso3 = \"XBB\", region = \"afrika\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 0\n", CodeBadValue, 5, `region "afrika"`},
		{"bad fact row", good + "facts = [\n  {iso3 = \"XAA\", year = 2023, field = \"art4_area_cleared_m2\", value = \"12 km2\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\n", CodeBadValue, 11, "not a plain decimal number"},
		{"unknown State in a fact", good + "facts = [\n  {iso3 = \"XAA\", year = 2023, field = \"unga_vote\", value = \"yes\"},\n  {iso3 = \"XZZ\", year = 2023, field = \"unga_vote\", value = \"yes\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\n", CodeUnknownState, 12, `unknown State "XZZ"`},
		{"duplicate fact", good + "facts = [\n  {iso3 = \"XAA\", year = 2023, field = \"unga_vote\", value = \"yes\"},\n  {iso3 = \"XAA\", year = 2023, field = \"unga_vote\", value = \"no\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\n", CodeDuplicateFact, 12, "first given at t.test.toml:11"},
		{"date-time value", good + "facts = [\n  {iso3 = \"XAA\", year = 2023, field = \"art7_annual_submitted\", value = 2024-04-01T10:00:00},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\n", CodeBadValue, 11, "is a date-time"},
		{"unknown indicator", good + "\n[[test.case]]\nindicator = \"1.9\"\nyear = 2023\nwant = 1\n", CodeBadValue, 12, `unknown indicator "1.9"`},
		{"no indicator", good + "\n[[test.case]]\nyear = 2023\nwant = 1\n", CodeMissingKey, 11, "has no indicator"},
		{"no year", good + "\n[[test.case]]\nindicator = \"1.1\"\nwant = 1\n", CodeMissingKey, 11, "has no year"},
		{"year after as_of", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2025\nwant = 1\n", CodeBadYear, 13, "starts after as_of 2024-12-31"},
		{"year after the data", "[[test]]\nname = \"g\"\n" + ruleTestStates + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2025\nwant = 1\n", CodeBadYear, 12, "latest date in the test's data (2024-02-01)"},
		{"bad as_of", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nas_of = \"2023-02-30\"\nwant = 1\n", CodeBadDate, 14, "not a calendar date"},
		{"bad counting", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\ncounting = \"ratification\"\nwant = 1\n", CodeBadValue, 14, `counting "ratification"`},
		{"bad status", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_status = \"okay\"\n", CodeBadValue, 14, `want_status "okay"`},
		{"want with a status other than ok", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_status = \"missing\"\nwant = 1\n", CodeBadValue, 15, "contradicts"},
		{"negative tolerance", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\ntolerance = -1\n", CodeBadValue, 15, "must not be negative"},
		{"tolerance without want", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_status = \"ok\"\ntolerance = 1\n", CodeBadValue, 15, "without want"},
		{"no expectation", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\n", CodeMissingKey, 11, "expects nothing"},
		{"unknown State in a list", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_counted = [\"XAA\", \"NGB\"]\n", CodeUnknownState, 14, `"NGB"`},
		{"State listed twice", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_no_data = [\"XAA\", \"XAA\"]\n", CodeBadValue, 14, "twice"},
		{"duplicate case name", good + "\n[[test.case]]\nname = \"a\"\nindicator = \"1.1\"\nyear = 2023\nwant = 3\n\n[[test.case]]\nname = \"a\"\nindicator = \"1.1\"\nyear = 2022\nwant = 1\n", CodeDuplicateID, 17, `case "a" is already defined at line 11`},
		{"no states", "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 0\n", CodeMissingKey, 1, "has no states"},
		{"no cases", good, CodeMissingKey, 1, "has no [[test.case]] tables"},
		{"duplicate test name", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 3\n" + good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 3\n", CodeDuplicateID, 15, `test "g" is already defined at line 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := runTestFile(t, tt.src, nil)
			assert.Nil(t, rs, "no case runs when a file is bad")
			var ds Diagnostics
			require.True(t, errors.As(err, &ds), "want Diagnostics, got %v", err)
			var found *Diagnostic
			for _, d := range ds {
				if d.Code == tt.wantCode && strings.Contains(d.Message, tt.wantMsg) {
					found = d
					break
				}
			}
			require.NotNil(t, found, "no %s diagnostic with %q in:\n%v", tt.wantCode, tt.wantMsg, ds)
			assert.Equal(t, "t.test.toml", found.File)
			assert.Equal(t, tt.wantLine, found.Line, found.Error())
		})
	}
}

func TestRunRuleTestsHints(t *testing.T) {
	src := "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n" + ruleTestStates + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 3\nwant_countd = [\"XAA\"]\n"
	_, err := runTestFile(t, src, nil)
	var ds Diagnostics
	require.True(t, errors.As(err, &ds))
	require.Len(t, ds, 1)
	assert.Equal(t, `did you mean "want_counted"?`, ds[0].Hint)

	src = "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n" + ruleTestStates + "\n[[test.case]]\nindicator = \"11.1\"\nyear = 2023\nwant = 3\n"
	_, err = runTestFile(t, src, nil)
	require.True(t, errors.As(err, &ds))
	require.Len(t, ds, 1)
	assert.Equal(t, `did you mean "1.1"?`, ds[0].Hint)
}

func TestRunRuleTestsFiles(t *testing.T) {
	plan := mustLoadTestPlan(t)
	okFile := []byte("[[test]]\nname = \"g\"\nas_of = 2024-12-31\n" + ruleTestStates + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 3\n")
	fsys := fstest.MapFS{
		"b.test.toml":          {Data: okFile},
		"a.test.toml":          {Data: okFile},
		"sub/c.test.toml":      {Data: okFile},
		"notes.toml":           {Data: []byte("not a test")},
		"sub/readme.test.txt":  {Data: []byte("not a test")},
		"bad/bad.test.toml.go": {Data: []byte("not a test")},
	}
	files, err := FindRuleTests(fsys)
	require.NoError(t, err)
	assert.Equal(t, []string{"a.test.toml", "b.test.toml", "sub/c.test.toml"}, files)

	rs, err := RunRuleTests(context.Background(), plan, fsys, nil, nil)
	require.NoError(t, err)
	var order []string
	for _, r := range rs {
		order = append(order, r.File)
	}
	assert.Equal(t, files, order, "results come in file order")

	rs, err = RunRuleTests(context.Background(), plan, fsys, []string{"b.test.toml"}, nil)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, "b.test.toml", rs[0].File)

	_, err = RunRuleTests(context.Background(), plan, fsys, []string{"missing.test.toml"}, nil)
	var ds Diagnostics
	require.True(t, errors.As(err, &ds))
	assert.Equal(t, "missing.test.toml", ds[0].File)

	_, err = RunRuleTests(context.Background(), plan, fstest.MapFS{"x.toml": {Data: okFile}}, nil, nil)
	require.True(t, errors.As(err, &ds))
	assert.Contains(t, ds[0].Message, "no rule test files")

	_, err = RunRuleTests(context.Background(), nil, fsys, nil, nil)
	assert.EqualError(t, err, "run rule tests: no plan")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = RunRuleTests(ctx, plan, fsys, nil, nil)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestRuleTestExplain(t *testing.T) {
	src := "[[test]]\nname = \"members\"\nas_of = 2024-12-31\n" + ruleTestStates + `
[[test.case]]
name = "South Sudan counts from its deposit"
indicator = "1.1"
year = 2023
counting = "entry-into-force"
want = 3
want_counted = ["NGA", "SSD", "XAA"]
`
	rs, err := runTestFile(t, src, nil)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	got := rs[0].Explain()
	for _, want := range []string{
		"FAIL t.test.toml:11: members/South Sudan counts from its deposit\n",
		`  indicator 1.1 "States Parties", year 2023, counting entry-into-force, as_of 2024-12-31` + "\n",
		"    value        want 3, got 2\n",
		"    counted      want [NGA SSD XAA], got [NGA XAA] (missing SSD)\n",
		"    population   true\n",
		"    rule         party\n",
		"  result: status ok, value 2, population 4, known 4\n",
		"    not counted  SSD XBB\n",
		"    SSD  result false  [party=false]\n",
	} {
		assert.Contains(t, got, want)
	}
	pass := rs[0]
	pass.Outcome, pass.Mismatches = RuleTestPass, nil
	assert.Equal(t, 2, strings.Count(pass.Explain(), "\n"), "a passing case is two lines: no detail")
}

func TestSummarizeRuleTests(t *testing.T) {
	rs := []RuleTestResult{{Outcome: RuleTestPass}, {Outcome: RuleTestFail}, {Outcome: RuleTestPass}, {Outcome: RuleTestSkip}}
	assert.Equal(t, RuleTestSummary{Total: 4, Pass: 2, Fail: 1, Skip: 1}, SummarizeRuleTests(rs))
	assert.Equal(t, RuleTestSummary{}, SummarizeRuleTests(nil))
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

func TestStateLine(t *testing.T) {
	reads := []FieldRead{{Field: "art4_area_cleared_m2", Value: nil}, {Field: "art4_outstanding", Value: true}}
	tests := []struct {
		so   StateOutcome
		want string
	}{
		{StateOutcome{ISO3: "XAA", InPopulation: true, Result: 1.5, Values: reads}, "XAA  result 1.5  [art4_area_cleared_m2=nil art4_outstanding=true]"},
		{StateOutcome{ISO3: "XAA", Values: reads}, "XAA  outside population  [art4_area_cleared_m2=nil art4_outstanding=true]"},
		{StateOutcome{ISO3: "XAA", InPopulation: true, Unknown: []string{"art4_area_cleared_m2"}}, "XAA  no data (art4_area_cleared_m2 unknown)  []"},
		{StateOutcome{ISO3: "XAA", InPopulation: true}, "XAA  no data  []"},
		{StateOutcome{ISO3: "XAA", InPopulation: true, Error: "expression gave +Inf (a division by zero?)"}, "XAA  error: expression gave +Inf (a division by zero?)  []"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, stateLine(tt.so))
	}
}

func TestRunRuleTestsGroupValues(t *testing.T) {
	tests := []struct {
		name, group, wantMsg string
	}{
		{"group counting", `counting = "ratified"`, `counting "ratified"`},
		{"group as_of date-time", `as_of = 2024-12-31T00:00:00`, "is a date-time"},
		{"group as_of not a date", `as_of = "31/12/2024"`, "want YYYY-MM-DD"},
		{"array as a value", `as_of = [2024]`, "is not a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "[[test]]\nname = \"g\"\n" + tt.group + "\n" + ruleTestStates + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nas_of = 2024-01-01\nwant = 3\n"
			_, err := runTestFile(t, src, nil)
			var ds Diagnostics
			require.True(t, errors.As(err, &ds), "%v", err)
			require.NotEmpty(t, ds)
			assert.Contains(t, ds[0].Message, tt.wantMsg)
			assert.Equal(t, 3, ds[0].Line, ds[0].Error())
		})
	}
}
