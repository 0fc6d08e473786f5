package ruletest

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/internal/testplan"
	"github.com/lapmonitor/lap/indicators"
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

// mustLoadTestPlan loads the engine tests' minimal plan: 1.1 counts States Parties, 2.1 is the
// share of annual reports on time, 2.2 sums the area cleared.
func mustLoadTestPlan(t testing.TB) *engine.Plan {
	t.Helper()
	p, err := engine.Load(testplan.FS())
	require.NoError(t, err)
	return p
}

func runTestFile(t *testing.T, src string, filter *regexp.Regexp) ([]Result, error) {
	t.Helper()
	fsys := fstest.MapFS{"t.test.toml": {Data: []byte(src)}}
	return Run(context.Background(), mustLoadTestPlan(t), fsys, nil, filter)
}

func TestRunOutcomes(t *testing.T) {
	tests := []struct {
		name    string
		caseSrc string
		want    Outcome
		// wantMismatch is "what: want / got (diff)" for each expected mismatch, in order.
		wantMismatch []string
	}{
		{"value matches", `indicator = "1.1"
year = 2023
want = 3`, Pass, nil},
		{"value differs", `indicator = "1.1"
year = 2023
want = 2`, Fail, []string{"value: 2 / 3"}},
		{"value within tolerance", `indicator = "1.1"
year = 2023
want = 2.9
tolerance = 0.1`, Pass, nil},
		{"value outside tolerance", `indicator = "1.1"
year = 2023
want = 2.5
tolerance = 0.1`, Fail, []string{"value: 2.5 / 3 (off by 0.5, tolerance 0.1)"}},
		{"counting overrides the plan's", `indicator = "1.1"
year = 2023
counting = "entry-into-force"
want = 2
want_counted = ["NGA", "XAA"]`, Pass, nil},
		{"lists compare as sets", `indicator = "1.1"
year = 2023
want_counted = ["XAA", "SSD", "NGA"]
want_not_counted = ["XBB"]
want_no_data = []`, Pass, nil},
		{"list differences are named", `indicator = "1.1"
year = 2023
counting = "entry-into-force"
want_counted = ["NGA", "SSD"]`, Fail, []string{"counted: [NGA SSD] / [NGA XAA] (missing SSD; unexpected XAA)"}},
		{"not counted and no data", `indicator = "1.1"
year = 2022
want_not_counted = ["XBB"]
want_no_data = ["SSD"]`, Fail, []string{
			"not_counted: [XBB] / [NGA SSD XBB] (unexpected NGA SSD)",
			"no_data: [SSD] / [] (missing SSD)"}},
		{"status missing: nothing is owed for an unfinished year", `indicator = "2.1"
year = 2024
as_of = 2024-12-30
want_status = "missing"
want_population = 0`, Pass, nil},
		{"want implies status ok", `indicator = "2.1"
year = 2024
as_of = 2024-12-30
want = 0`, Fail, []string{"status: ok / missing", "value: 0 / nil"}},
		{"population", `indicator = "1.1"
year = 2023
want_population = 3`, Fail, []string{"population: 3 / 4"}},
		{"todo_ skips", `name = "todo_ write this case"
indicator = "1.1"
year = 2023
want = 99`, Skip, nil},
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
			assert.Equal(t, r.Outcome == Pass, r.Pass())
			if r.Outcome == Skip {
				assert.Nil(t, r.Got, "a skipped case is not evaluated")
			}
		})
	}
}

func TestRunError(t *testing.T) {
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
	assert.Equal(t, Fail, rs[0].Outcome)
	require.Len(t, rs[0].Mismatches, 2)
	assert.Equal(t, "status", rs[0].Mismatches[0].What)
	assert.Equal(t, "error", rs[0].Mismatches[1].What)
	assert.Equal(t, `"division by zero"`, rs[0].Mismatches[1].Want)
}

// The dates of a case: as_of from the case, else from its test, else the latest date in the
// test's data; counting from the case, else from its test, else the plan's.
func TestRunDefaults(t *testing.T) {
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
	assert.Equal(t, engine.CountingEntryIntoForce, rs[0].Counting)
	assert.Equal(t, "2023-05-01", rs[1].AsOf)
	assert.Equal(t, engine.CountingDeposit, rs[1].Counting)
	for _, r := range rs {
		assert.True(t, r.Pass(), r.Explain())
	}
}

func TestRunFilter(t *testing.T) {
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
func TestRunValueSyntax(t *testing.T) {
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
func TestRunDiagnostics(t *testing.T) {
	good := "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n" + ruleTestStates
	tests := []struct {
		name     string
		src      string
		wantCode string
		wantLine int
		wantMsg  string
	}{
		{"syntax", "a = = 1\n", engine.CodeTOMLSyntax, 1, ""},
		{"wrong type", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = \"2023\"\nwant = 1\n", engine.CodeBadValue, 13, ""},
		{"no tests", "# nothing\n", engine.CodeMissingKey, 1, "no [[test]] tables"},
		{"unknown top table", "[[tests]]\nname = \"x\"\n", engine.CodeUnknownKey, 1, `unknown key "tests"`},
		{"unknown case key", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwnat = 1\n", engine.CodeUnknownKey, 14, `unknown key "wnat"`},
		{"unknown key in an inline table", "[[test]]\nname = \"g\"\nstates = [\n  {iso3 = \"XAA\", regoin = \"europe\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 0\n", engine.CodeUnknownKey, 4, `unknown key "regoin"`},
		{"bad state row", "[[test]]\nname = \"g\"\nstates = [\n  {iso3 = \"XAA\", region = \"europe\"},\n  {iso3 = \"XBB\", region = \"afrika\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 0\n", engine.CodeBadValue, 5, `region "afrika"`},
		{"bad fact row", good + "facts = [\n  {iso3 = \"XAA\", year = 2023, field = \"art4_area_cleared_m2\", value = \"12 km2\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\n", engine.CodeBadValue, 11, "not a plain decimal number"},
		{"unknown State in a fact", good + "facts = [\n  {iso3 = \"XAA\", year = 2023, field = \"unga_vote\", value = \"yes\"},\n  {iso3 = \"XZZ\", year = 2023, field = \"unga_vote\", value = \"yes\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\n", engine.CodeUnknownState, 12, `unknown State "XZZ"`},
		{"duplicate fact", good + "facts = [\n  {iso3 = \"XAA\", year = 2023, field = \"unga_vote\", value = \"yes\"},\n  {iso3 = \"XAA\", year = 2023, field = \"unga_vote\", value = \"no\"},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\n", engine.CodeDuplicateFact, 12, "first given at t.test.toml:11"},
		{"date-time value", good + "facts = [\n  {iso3 = \"XAA\", year = 2023, field = \"art7_annual_submitted\", value = 2024-04-01T10:00:00},\n]\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\n", engine.CodeBadValue, 11, "is a date-time"},
		{"unknown indicator", good + "\n[[test.case]]\nindicator = \"1.9\"\nyear = 2023\nwant = 1\n", engine.CodeBadValue, 12, `unknown indicator "1.9"`},
		{"no indicator", good + "\n[[test.case]]\nyear = 2023\nwant = 1\n", engine.CodeMissingKey, 11, "has no indicator"},
		{"no year", good + "\n[[test.case]]\nindicator = \"1.1\"\nwant = 1\n", engine.CodeMissingKey, 11, "has no year"},
		{"year after as_of", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2025\nwant = 1\n", engine.CodeBadYear, 13, "starts after as_of 2024-12-31"},
		{"year after the data", "[[test]]\nname = \"g\"\n" + ruleTestStates + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2025\nwant = 1\n", engine.CodeBadYear, 12, "latest date in the test's data (2024-02-01)"},
		{"bad as_of", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nas_of = \"2023-02-30\"\nwant = 1\n", engine.CodeBadDate, 14, "not a calendar date"},
		{"bad counting", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\ncounting = \"ratification\"\nwant = 1\n", engine.CodeBadValue, 14, `counting "ratification"`},
		{"bad status", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_status = \"okay\"\n", engine.CodeBadValue, 14, `want_status "okay"`},
		{"want with a status other than ok", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_status = \"missing\"\nwant = 1\n", engine.CodeBadValue, 15, "contradicts"},
		{"negative tolerance", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 1\ntolerance = -1\n", engine.CodeBadValue, 15, "must not be negative"},
		{"tolerance without want", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_status = \"ok\"\ntolerance = 1\n", engine.CodeBadValue, 15, "without want"},
		{"no expectation", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\n", engine.CodeMissingKey, 11, "expects nothing"},
		{"unknown State in a list", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_counted = [\"XAA\", \"NGB\"]\n", engine.CodeUnknownState, 14, `"NGB"`},
		{"State listed twice", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant_no_data = [\"XAA\", \"XAA\"]\n", engine.CodeBadValue, 14, "twice"},
		{"duplicate case name", good + "\n[[test.case]]\nname = \"a\"\nindicator = \"1.1\"\nyear = 2023\nwant = 3\n\n[[test.case]]\nname = \"a\"\nindicator = \"1.1\"\nyear = 2022\nwant = 1\n", engine.CodeDuplicateID, 17, `case "a" is already defined at line 11`},
		{"no states", "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 0\n", engine.CodeMissingKey, 1, "has no states"},
		{"no cases", good, engine.CodeMissingKey, 1, "has no [[test.case]] tables"},
		{"duplicate test name", good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 3\n" + good + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 3\n", engine.CodeDuplicateID, 15, `test "g" is already defined at line 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := runTestFile(t, tt.src, nil)
			assert.Nil(t, rs, "no case runs when a file is bad")
			var ds engine.Diagnostics
			require.True(t, errors.As(err, &ds), "want Diagnostics, got %v", err)
			var found *engine.Diagnostic
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

func TestRunHints(t *testing.T) {
	src := "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n" + ruleTestStates + "\n[[test.case]]\nindicator = \"1.1\"\nyear = 2023\nwant = 3\nwant_countd = [\"XAA\"]\n"
	_, err := runTestFile(t, src, nil)
	var ds engine.Diagnostics
	require.True(t, errors.As(err, &ds))
	require.Len(t, ds, 1)
	assert.Equal(t, `did you mean "want_counted"?`, ds[0].Hint)

	src = "[[test]]\nname = \"g\"\nas_of = 2024-12-31\n" + ruleTestStates + "\n[[test.case]]\nindicator = \"11.1\"\nyear = 2023\nwant = 3\n"
	_, err = runTestFile(t, src, nil)
	require.True(t, errors.As(err, &ds))
	require.Len(t, ds, 1)
	assert.Equal(t, `did you mean "1.1"?`, ds[0].Hint)
}

func TestRunFiles(t *testing.T) {
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
	files, err := Find(fsys)
	require.NoError(t, err)
	assert.Equal(t, []string{"a.test.toml", "b.test.toml", "sub/c.test.toml"}, files)

	rs, err := Run(context.Background(), plan, fsys, nil, nil)
	require.NoError(t, err)
	var order []string
	for _, r := range rs {
		order = append(order, r.File)
	}
	assert.Equal(t, files, order, "results come in file order")

	rs, err = Run(context.Background(), plan, fsys, []string{"b.test.toml"}, nil)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, "b.test.toml", rs[0].File)

	_, err = Run(context.Background(), plan, fsys, []string{"missing.test.toml"}, nil)
	var ds engine.Diagnostics
	require.True(t, errors.As(err, &ds))
	assert.Equal(t, "missing.test.toml", ds[0].File)

	_, err = Run(context.Background(), plan, fstest.MapFS{"x.toml": {Data: okFile}}, nil, nil)
	require.True(t, errors.As(err, &ds))
	assert.Contains(t, ds[0].Message, "no rule test files")

	_, err = Run(context.Background(), nil, fsys, nil, nil)
	assert.EqualError(t, err, "run rule tests: no plan")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Run(ctx, plan, fsys, nil, nil)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestExplain(t *testing.T) {
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
	pass.Outcome, pass.Mismatches = Pass, nil
	assert.Equal(t, 2, strings.Count(pass.Explain(), "\n"), "a passing case is two lines: no detail")
}

func TestSummarize(t *testing.T) {
	rs := []Result{{Outcome: Pass}, {Outcome: Fail}, {Outcome: Pass}, {Outcome: Skip}}
	assert.Equal(t, Summary{Total: 4, Pass: 2, Fail: 1, Skip: 1}, Summarize(rs))
	assert.Equal(t, Summary{}, Summarize(nil))
}

func TestStateLine(t *testing.T) {
	reads := []engine.FieldRead{{Field: "art4_area_cleared_m2", Value: nil}, {Field: "art4_outstanding", Value: true}}
	tests := []struct {
		so   engine.StateOutcome
		want string
	}{
		{engine.StateOutcome{ISO3: "XAA", InPopulation: true, Result: 1.5, Values: reads}, "XAA  result 1.5  [art4_area_cleared_m2=nil art4_outstanding=true]"},
		{engine.StateOutcome{ISO3: "XAA", Values: reads}, "XAA  outside population  [art4_area_cleared_m2=nil art4_outstanding=true]"},
		{engine.StateOutcome{ISO3: "XAA", InPopulation: true, Unknown: []string{"art4_area_cleared_m2"}}, "XAA  no data (art4_area_cleared_m2 unknown)  []"},
		{engine.StateOutcome{ISO3: "XAA", InPopulation: true}, "XAA  no data  []"},
		{engine.StateOutcome{ISO3: "XAA", InPopulation: true, Error: "expression gave +Inf (a division by zero?)"}, "XAA  error: expression gave +Inf (a division by zero?)  []"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, stateLine(tt.so))
	}
}

func TestRunGroupValues(t *testing.T) {
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
			var ds engine.Diagnostics
			require.True(t, errors.As(err, &ds), "%v", err)
			require.NotEmpty(t, ds)
			assert.Contains(t, ds[0].Message, tt.wantMsg)
			assert.Equal(t, 3, ds[0].Line, ds[0].Error())
		})
	}
}

// A rule-test file is read by the engine's one TOML reader: a syntax error gets the same
// diagnostic (position, message, snippet) as in a plan file.
func TestRunOneTOMLReader(t *testing.T) {
	const broken = "name = \"x\"\ntitle = \n"
	_, err := Run(context.Background(), mustLoadTestPlan(t), fstest.MapFS{"a01.toml": {Data: []byte(broken)}}, []string{"a01.toml"}, nil)
	var got engine.Diagnostics
	require.True(t, errors.As(err, &got), "want Diagnostics, got %v", err)
	fsys := testplan.FS()
	fsys["a01.toml"] = &fstest.MapFile{Data: []byte(broken)}
	_, err = engine.Load(fsys)
	var want engine.Diagnostics
	require.True(t, errors.As(err, &want), "want Diagnostics, got %v", err)
	require.Len(t, got, 1)
	require.NotEmpty(t, want)
	assert.Equal(t, engine.CodeTOMLSyntax, got[0].Code)
	assert.Equal(t, *want[0], *got[0])
	assert.NotEmpty(t, got[0].Snippet)
}

// A failing case of a data check explains itself: what was missed, the check's expressions and
// each State's outcome with the values it read.
func TestExplainCheck(t *testing.T) {
	plan, err := engine.Load(indicators.FS)
	require.NoError(t, err)
	src := `[[test]]
name = "stock"
as_of = 2025-12-31
states = [
  {iso3 = "XAA", region = "europe", ratified = 2010-01-15},
  {iso3 = "XBB", region = "europe", ratified = 2010-01-15},
]
facts = [
  {iso3 = "XAA", year = 2022, field = "art3_stock_munitions", value = 1235},
  {iso3 = "XAA", year = 2022, field = "art3_stock_submunitions", value = 1000},
  {iso3 = "XAA", year = 2023, field = "art3_destroyed_munitions", value = 99999},
  {iso3 = "XAA", year = 2023, field = "art3_destroyed_submunitions", value = 5000},
  {iso3 = "XAA", year = 2023, field = "art3_stock_munitions", value = 0},
]

[[test.case]]
name = "wrong on purpose"
check = "a3-destroyed-within-stock"
year = 2023
want_violations = ["XBB"]
`
	rs, err := Run(context.Background(), plan, fstest.MapFS{"c.test.toml": {Data: []byte(src)}}, nil, nil)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, Fail, rs[0].Outcome)
	got := rs[0].Explain()
	for _, want := range []string{
		"FAIL c.test.toml:16: stock/wrong on purpose\n",
		"  check a3-destroyed-within-stock ",
		"  want / got:\n    violations   want [XBB], got [XAA] (missing XBB; unexpected XAA)\n",
		"  expressions:\n    when ",
		"  States:\n    XAA  violated  [",
		"art3_destroyed_munitions=99999",
	} {
		assert.Contains(t, got, want)
	}
}
