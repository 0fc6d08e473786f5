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

// checkPlanFS is the test plan with one check file.
func checkPlanFS(checks string) fstest.MapFS {
	fsys := testPlanFS()
	fsys["checks/test.toml"] = &fstest.MapFile{Data: []byte(checks)}
	return fsys
}

const strategyChecks = `
[[check]]
id = "any"
title = "women within delegates, skip if any"
rule = "msp_delegates_women <= msp_delegates"
importance = "error"
missing = "skip-if-any"
message = "{state} {year}: {msp_delegates_women} of {msp_delegates}"
fields = ["msp_delegates_women", "msp_delegates"]

[[check]]
id = "all"
title = "women within delegates, skip if all"
rule = "msp_delegates_women <= msp_delegates"
importance = "warning"
missing = "skip-if-all"
message = "{state} {year}: {msp_delegates_women} of {msp_delegates}"
fields = ["msp_delegates_women", "msp_delegates"]

[[check]]
id = "never"
title = "women within delegates, never skip"
rule = "msp_delegates_women <= msp_delegates"
importance = "info"
missing = "never-skip"
message = "{state} {year}: {msp_delegates_women} of {msp_delegates}"
fields = ["msp_delegates_women", "msp_delegates"]

[[check]]
id = "growth"
title = "cleared within what remained the year before"
rule = "art4_area_cleared_m2 <= prev.art4_area_remaining_m2"
when = "party"
importance = "error"
missing = "skip-if-any"
message = "{iso3} {year}: {art4_area_cleared_m2} > {prev.art4_area_remaining_m2} ({prev_year})"
fields = ["art4_area_cleared_m2", "prev.art4_area_remaining_m2", "party"]
`

// DEU: both values, consistent. LTU: women only. NGA: delegates only. KEN: women above
// delegates. USA: nothing.
const strategyFacts = "" +
	"DEU,2023,msp_delegates,5,x\nDEU,2023,msp_delegates_women,2,x\n" +
	"LTU,2023,msp_delegates_women,3,x\n" +
	"NGA,2023,msp_delegates,4,x\n" +
	"KEN,2023,msp_delegates,1,x\nKEN,2023,msp_delegates_women,2,x\n" +
	"DEU,2022,art4_area_remaining_m2,100,Form F\nDEU,2023,art4_area_cleared_m2,150,Form F\n" +
	"NGA,2022,art4_area_remaining_m2,100,Form F\nNGA,2023,art4_area_cleared_m2,50,Form F\n"

func outcomes(rs []CheckStateResult) map[string]CheckOutcome {
	out := map[string]CheckOutcome{}
	for _, r := range rs {
		out[r.ISO3] = r.Outcome
	}
	return out
}

// TestCheckMissingStrategies: skip-if-any skips when any value is absent; skip-if-all only when
// all are, taking an absent number as 0 otherwise; never-skip always judges.
func TestCheckMissingStrategies(t *testing.T) {
	p, err := Load(checkPlanFS(strategyChecks))
	require.NoError(t, err)
	ds := mustLoadData(t, strategyFacts)
	ctx := context.Background()
	tests := []struct {
		id   string
		want map[string]CheckOutcome
	}{
		{"any", map[string]CheckOutcome{"DEU": CheckPassed, "KEN": CheckViolated, "LTU": CheckSkipped, "NGA": CheckSkipped, "USA": CheckSkipped}},
		{"all", map[string]CheckOutcome{"DEU": CheckPassed, "KEN": CheckViolated, "LTU": CheckViolated, "NGA": CheckPassed, "USA": CheckSkipped}},
		{"never", map[string]CheckOutcome{"DEU": CheckPassed, "KEN": CheckViolated, "LTU": CheckViolated, "NGA": CheckPassed, "USA": CheckPassed}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			rs, err := p.RunCheck(ctx, ds, tt.id, 2023)
			require.NoError(t, err)
			got := outcomes(rs)
			for iso, want := range tt.want {
				assert.Equal(t, want, got[iso], iso)
			}
		})
	}
	rs, err := p.RunCheck(ctx, ds, "all", 2023)
	require.NoError(t, err)
	for _, r := range rs {
		if r.ISO3 == "LTU" {
			assert.Equal(t, []string{"msp_delegates"}, r.Missing)
			assert.Equal(t, "Lithuania 2023: 3 of absent (taken as 0)", r.Message)
			assert.Equal(t, "absent (taken as 0)", r.Values[1].Origin)
		}
	}
	_, err = p.RunCheck(ctx, ds, "nope", 2023)
	assert.ErrorContains(t, err, `no check "nope"`)
}

// TestValidate: the violations of every check over a range of years, sorted, with the values
// read and their origin; prev reads the year before.
func TestValidate(t *testing.T) {
	p, err := Load(checkPlanFS(strategyChecks))
	require.NoError(t, err)
	ds := mustLoadData(t, strategyFacts)
	v, err := p.Validate(context.Background(), ds, 2022, 2023)
	require.NoError(t, err)
	require.Len(t, v.Checks, 4)
	var got []string
	for _, x := range v.Violations {
		got = append(got, string(x.Importance)+" "+x.Check+" "+x.ISO3+" "+itoa(x.Year))
	}
	assert.Equal(t, []string{
		"error any KEN 2023", "error growth DEU 2023",
		"warning all KEN 2023", "warning all LTU 2023",
		"info never KEN 2023", "info never LTU 2023",
	}, got, "errors first, then by check order, State and year")
	assert.True(t, v.HasErrors())
	assert.Equal(t, 2, v.Count(ImportanceWarning))

	growth := v.Violations[1]
	assert.Equal(t, "Germany", growth.State)
	assert.Equal(t, "DEU 2023: 150 m² > 100 m² (2022)", growth.Message)
	require.Len(t, growth.Values, 3)
	assert.Equal(t, FieldRead{Field: "art4_area_cleared_m2", Value: 150.0, Origin: "facts.csv:9", Source: "Form F", Class: ClassUnstated}, growth.Values[0])
	assert.Equal(t, FieldRead{Field: "prev.art4_area_remaining_m2", Value: 100.0, Origin: "facts.csv:8", Source: "Form F", Class: ClassUnstated}, growth.Values[1])
	assert.Equal(t, "party", growth.Values[2].Field)

	// Only restricts the checks; a year after as_of is left out
	v, err = p.Validate(context.Background(), ds, 2023, 2030, Only(regexp.MustCompile(`^growth$`)), AsOf(MustDate("2024-06-30")))
	require.NoError(t, err)
	assert.Len(t, v.Checks, 1)
	assert.Equal(t, 2024, v.To)
	assert.Len(t, v.Violations, 1)

	_, err = p.Validate(context.Background(), nil, 2023, 2023)
	assert.ErrorIs(t, err, ErrNilDataset)
	_, err = p.Validate(context.Background(), ds, 2024, 2023)
	assert.Error(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = p.Validate(ctx, ds, 2023, 2023)
	assert.ErrorIs(t, err, context.Canceled)
}

// TestChecksLoadWithThePlan: check files are read with the plan, counted per file by Check,
// and part of the plan's hash.
func TestChecksLoadWithThePlan(t *testing.T) {
	p, err := Load(checkPlanFS(strategyChecks))
	require.NoError(t, err)
	checks := p.Checks()
	require.Len(t, checks, 4)
	assert.Equal(t, "any", checks[0].ID)
	assert.Equal(t, "checks/test.toml", checks[0].File)
	assert.Equal(t, 2, checks[0].Line)
	assert.Equal(t, "party", checks[3].When)

	reports, err := Check(checkPlanFS(strategyChecks))
	require.NoError(t, err)
	last := reports[len(reports)-1]
	assert.Equal(t, "checks/test.toml", last.File)
	assert.Equal(t, 4, last.Checks)

	plain := mustLoadTestPlan(t)
	assert.Empty(t, plain.Checks(), "a plan without checks/ has none")
	assert.NotEqual(t, plain.Hash(), p.Hash(), "the checks are part of the plan's content")

	// a bad check file fails the plan's load
	_, err = Load(checkPlanFS(strings.Replace(strategyChecks, `importance = "info"`, `importance = "note"`, 1)))
	var ds Diagnostics
	require.True(t, errors.As(err, &ds))
	assert.Equal(t, "checks/test.toml", ds[0].File)
	assert.Equal(t, "check[2].importance", ds[0].Key)
}

// TestCheckGuardAndErrors: a guard that reads an absent value makes the check not apply; a
// rule that fails for another reason is an error outcome, not a crash.
func TestCheckGuardAndErrors(t *testing.T) {
	p, err := Load(checkPlanFS(`
[[check]]
id = "guarded"
title = "women within delegates where delegates exceed 2"
rule = "msp_delegates_women <= msp_delegates"
when = "msp_delegates > 2"
importance = "error"
missing = "skip-if-any"
message = "{state}"
fields = ["msp_delegates_women", "msp_delegates"]

[[check]]
id = "failing"
title = "a rule that divides text"
rule = "int(iso3) > 0"
importance = "warning"
missing = "never-skip"
message = "{state}"
fields = ["iso3"]
`))
	require.NoError(t, err)
	ds := mustLoadData(t, strategyFacts)
	rs, err := p.RunCheck(context.Background(), ds, "guarded", 2023)
	require.NoError(t, err)
	got := outcomes(rs)
	assert.Equal(t, CheckPassed, got["DEU"])
	assert.Equal(t, CheckNotApplicable, got["KEN"], "1 delegate: the guard is false")
	assert.Equal(t, CheckNotApplicable, got["LTU"], "no delegates: the guard is unknown")
	v, err := p.Validate(context.Background(), ds, 2023, 2023, Only(regexp.MustCompile("failing")))
	require.NoError(t, err)
	require.NotEmpty(t, v.Violations)
	assert.Equal(t, ImportanceError, v.Violations[0].Importance, "a check that cannot be evaluated is an error, whatever its importance")
	assert.NotEmpty(t, v.Violations[0].Error)
	assert.Contains(t, v.Violations[0].Message, "could not be evaluated")
	assert.Equal(t, len(ds.States()), v.Checks[0].Errors)

	// a rule that builds too large lists fails with the sandbox's words
	p, err = Load(checkPlanFS(`
[[check]]
id = "memory"
title = "a rule that builds huge lists"
rule = "len(map(1..10000, map(1..10000, #))) > 0 && party"
importance = "warning"
missing = "never-skip"
message = "{state}"
fields = ["party"]
`))
	require.NoError(t, err)
	rs, err = p.RunCheck(context.Background(), ds, "memory", 2023)
	require.NoError(t, err)
	require.NotEmpty(t, rs)
	assert.Equal(t, CheckFailed, rs[0].Outcome)
	assert.Contains(t, rs[0].Error, "the rule exceeded its memory budget")
}

func TestLoadChecksDiagnostics(t *testing.T) {
	base := `[[check]]
id = "women"
title = "Women delegates"
rule = "msp_delegates_women <= msp_delegates"
importance = "error"
missing = "skip-if-any"
message = "{state}: {msp_delegates_women} of {msp_delegates}"
fields = ["msp_delegates_women", "msp_delegates"]
`
	tests := []struct {
		name, from, to string
		code           string
		line           int
		msg, hint      string
	}{
		{"unknown field in fields", `fields = ["msp_delegates_women", "msp_delegates"]`, `fields = ["msp_delegates_women", "msp_delegates", "msp_delegate"]`, CodeUnknownField, 8, `"msp_delegate", which is not in the data dictionary`, `did you mean "msp_delegates"?`},
		{"field listed twice", `fields = ["msp_delegates_women", "msp_delegates"]`, `fields = ["msp_delegates_women", "msp_delegates", "msp_delegates"]`, CodeFieldsMismatch, 8, `lists "msp_delegates" twice`, ""},
		{"field not read", `fields = ["msp_delegates_women", "msp_delegates"]`, `fields = ["msp_delegates_women", "msp_delegates", "msp_attended"]`, CodeFieldsMismatch, 8, "msp_attended, which neither the rule nor the guard reads", ""},
		{"bad missing strategy", `missing = "skip-if-any"`, `missing = "skip-if-ay"`, CodeBadValue, 6, `missing "skip-if-ay"`, `did you mean "skip-if-any"?`},
		{"guard not bool", `title = "Women delegates"`, "title = \"Women delegates\"\nwhen = \"msp_delegates\"", CodeExprType, 4, "when: expression gives a number", ""},
		{"prev alone", `rule = "msp_delegates_women <= msp_delegates"`, `rule = "prev == nil"`, CodeUnknownName, 4, "prev is the year before", ""},
		{"no fields key", "fields = [\"msp_delegates_women\", \"msp_delegates\"]\n", "", CodeMissingKey, 1, `missing required key "fields"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(base, tt.from, tt.to, 1)
			require.NotEqual(t, base, src)
			_, err := LoadChecks(fstest.MapFS{"checks/c.toml": {Data: []byte(src)}}, nil)
			var ds Diagnostics
			require.True(t, errors.As(err, &ds), "want Diagnostics, got %v", err)
			var found *Diagnostic
			for _, d := range ds {
				if d.Code == tt.code && strings.Contains(d.Message, tt.msg) {
					found = d
				}
			}
			require.NotNil(t, found, "no %s with %q in %v", tt.code, tt.msg, ds)
			assert.Equal(t, "checks/c.toml", found.File)
			assert.Equal(t, tt.line, found.Line, found.Error())
			if tt.hint != "" {
				assert.Equal(t, tt.hint, found.Hint)
			}
		})
	}
	checks, err := LoadChecks(fstest.MapFS{"checks/c.toml": {Data: []byte(base)}}, nil)
	require.NoError(t, err)
	require.Len(t, checks, 1)
	assert.Equal(t, []string{"msp_delegates_women", "msp_delegates"}, checks[0].Fields)
}

func TestGroupThousands(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 4400000: "4,400,000", 1234.5: "1,234.5", -12345: "-12,345"} {
		assert.Equal(t, want, groupThousands(in))
	}
}

// TestCheckUnknownPrevField: prev.x with x not a field is named in the dictionary's words, with
// a did-you-mean, never in the Go type's (noEnvField follows the environment's type name).
func TestCheckUnknownPrevField(t *testing.T) {
	err := loadBad(t, "checks/unknown-prev-field.toml")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown field "prev.art4_area_remainig_m2": not in the data dictionary`)
	var ds Diagnostics
	require.True(t, errors.As(err, &ds))
	assert.Equal(t, `did you mean "prev.art4_area_remaining_m2"?`, ds[0].Hint)
	assert.NotContains(t, err.Error(), "ruleEnv")
}
