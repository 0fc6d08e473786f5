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

// withRule returns the test plan with indicator 1.1's rule replaced (a count: the rule is a
// bool).
func withRule(rule string) fstest.MapFS {
	fsys := testPlanFS()
	a := strings.Replace(testAction1, "rule = 'party'", "rule = '"+rule+"'", 1)
	var reads []string // fields lists what the rule reads: that check is not what is tested here
	if e, xe := compileExpr(rule, wantBool); xe == nil {
		for _, r := range e.Reads {
			reads = append(reads, `"`+r+`"`)
		}
	}
	a = strings.Replace(a, `fields = ["party"]`, "fields = ["+strings.Join(reads, ", ")+"]", 1)
	fsys["a01.toml"] = &fstest.MapFile{Data: []byte(a)}
	return fsys
}

// TestSandboxRefuses: lap check refuses, at load, every expression feature a plan does not
// need and that could hang the run, exhaust memory or make results depend on the machine,
// with the code expr-not-allowed, the position in the file and a reason.
func TestSandboxRefuses(t *testing.T) {
	tests := []struct {
		name string
		rule string
		msg  string
		col  int // column in a01.toml of the refused node (the rule starts at column 9)
	}{
		{"repeat in repeat", `len(repeat(repeat("ab", 10000), 100000)) > 0`, `repeat() is not allowed in a rule: it builds text of any length`, 13},
		{"string doubling in reduce", `len(reduce(1..30, #acc + #acc, "x")) > 0`, "reduce() is not allowed in a rule: its accumulator can grow", 13},
		{"concat", `len(concat([1], [2])) > 0`, "concat() is not allowed in a rule", 13},
		{"flatten", `len(flatten([[1], [2]])) > 0`, "flatten() is not allowed in a rule", 13},
		{"join", `join(["a"]) == "a"`, "join() is not allowed in a rule", 9},
		{"three nested loops", `let r = 1..1000; any(r, any(r, any(r, # < 0)))`, "any() is a loop nested 3 deep; the limit is 2", 40},
		{"a time zone", `date("2024-01-01").Local().Year() > 2000`, "date() is not allowed in a rule: it makes a time value that depends on the machine's time zone", 9},
		{"timezone", `timezone("Pacific/Kiritimati") != nil`, "timezone() is not allowed in a rule: it reads a time zone", 9},
		{"duration", `duration("1h") != nil`, "duration() is not allowed", 9},
		{"$env", `$env.party`, "$env is not allowed in a rule", 9},
		{"$env by index", `$env["party"] == true`, "$env is not allowed in a rule", 9},
		{"a map literal", `{"a": 1}.a == 1`, "a map literal {...} is not allowed", 9},
		{"a map literal alone", `len({"a": 1}) == 1`, "a map literal {...} is not allowed", 13},
		{"joining texts", `art3_deadline + art3_deadline == ""`, "joining texts with + is not allowed", 23},
		{"a long range", `len(1..100000) > 0`, "the range 1..100000 holds 100000 numbers; the limit is 10000", 14},
		{"a range with a field bound", `len(1..year) > 0`, "a range a..b must have constant bounds", 14},
		{"a computed pattern", `iso3 matches iso3`, "the pattern of matches must be a literal text", 22},
		{"a builtin outside the list", `upper(iso3) == "DEU"`, "upper() is not allowed in a rule", 9},
		{"string()", `string(year) == "2023"`, "string() is not allowed in a rule", 9},
		{"toJSON", `toJSON(year) == "2023"`, "toJSON() is not allowed in a rule", 9},
		{"too much work outside loops", `let r = 1..10000;` + strings.Repeat(" year in r ||", 12) + ` false`, "the expression needs about 130053 steps outside its loops; the limit is 100000", 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(withRule(tt.rule))
			require.Error(t, err)
			var ds Diagnostics
			require.True(t, errors.As(err, &ds))
			require.Len(t, ds, 1, "%v", err)
			d := ds[0]
			assert.Equal(t, CodeExprNotAllowed, d.Code)
			assert.Equal(t, "a01.toml", d.File)
			assert.Equal(t, 12, d.Line, "the rule's line")
			assert.Equal(t, tt.col, d.Col, "the refused node's column")
			assert.Equal(t, "indicator[0].rule", d.Key)
			assert.Contains(t, d.Message, "rule: "+tt.msg)
			assert.NotEmpty(t, d.Snippet, "the expression with a caret")
		})
	}
}

// TestSandboxAccepts: what a plan needs compiles, loops up to two deep included.
func TestSandboxAccepts(t *testing.T) {
	for _, rule := range []string{
		`party`,
		`(art4_area_cleared_m2 ?? 0) > 0 && iso3 in ["DEU", "KEN"]`,
		`on_or_before(art4_completed_date, art4_deadline) ?? false`,
		`abs(-1) == 1 && max(1, 2) == 2 && round(1.4) == 1`,
		`any([1, 2, 3], # > 2)`,
		`all(1..10, any(1..10, # > 0))`,
		`count(1..10, # > 5) > 3`,
		`sum(1..10) > 3 && len([1, 2]) == 2`,
		`region startsWith "eu" || iso3 matches "^D"`,
		`let n = 3; n > 2 ? party : false`,
	} {
		_, err := Load(withRule(rule))
		assert.NoError(t, err, rule)
	}
}

// TestRuleBudget: a rule whose loops run longer than the step budget fails alone, with a
// clear error, and every other indicator is evaluated; so does one that builds lists larger
// than the memory budget.
func TestRuleBudget(t *testing.T) {
	for _, tt := range []struct{ name, rule, err string }{
		{"steps", `let r = 1..10000; any(r, any(r, # < 0))`, "the rule ran more than 5000000 steps in its loops"},
		{"memory", `let r = 1..10000; len(map(r, map(r, #))) > 0`, "the rule exceeded its memory budget"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Load(withRule(tt.rule))
			require.NoError(t, err)
			r, err := p.Evaluate(context.Background(), mustLoadData(t, evalFacts), 2023, AsOf(MustDate("2025-01-01")))
			require.NoError(t, err)
			bad, _ := r.Indicator("1.1")
			assert.Equal(t, ValueError, bad.Status)
			assert.Contains(t, bad.Error, tt.err)
			assert.Nil(t, bad.Value)
			for _, id := range []string{"2.1", "2.2"} {
				other, _ := r.Indicator(id)
				assert.NotEqual(t, ValueError, other.Status, "%s is evaluated", id)
			}
		})
	}
}

// TestRuleStepsDeterministic: the budget counts steps, not time: a rule just under it gives
// its value on any machine.
func TestRuleStepsDeterministic(t *testing.T) {
	p, err := Load(withRule(`let r = 1..200; any(r, any(r, # < 0)) || party`))
	require.NoError(t, err)
	r, err := p.Evaluate(context.Background(), mustLoadData(t, evalFacts), 2023, AsOf(MustDate("2025-01-01")))
	require.NoError(t, err)
	ir, _ := r.Indicator("1.1")
	require.Equal(t, ValueOK, ir.Status, ir.Error)
	assert.Equal(t, 4.0, *ir.Value)
}

// TestRuleCancelled: a cancelled context stops a rule inside its loops, after at most
// ctxCheckSteps steps, and the run returns the context's error.
func TestRuleCancelled(t *testing.T) {
	p, err := Load(withRule(`let r = 1..10000; any(r, any(r, # < 0))`))
	require.NoError(t, err)
	ds := mustLoadData(t, evalFacts)
	ind := p.byID["1.1"]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ev := &evaluator{plan: p, ds: ds, cfg: evalConfig{asOf: MustDate("2025-01-01"), counting: p.counting}}
	ev.buildEnvs(2023)
	ev.budget.ctx = ctx
	ev.budget.reset()
	_, err = ev.run(&ind.Rule, &ev.envs[0])
	require.ErrorIs(t, err, context.Canceled)
	assert.True(t, ev.budget.stopped)
	assert.LessOrEqual(t, ev.budget.used, int64(ctxCheckSteps+100), "stopped at the first look at the context")

	// through Evaluate: the run's error, not an indicator's
	_, err = p.Evaluate(ctx, ds, 2023)
	assert.ErrorIs(t, err, context.Canceled)
}

// TestNonFiniteIsAnError: a sum that overflows is an error for its indicator, never ok.
func TestNonFiniteIsAnError(t *testing.T) {
	fsys := testPlanFS()
	fsys["a02.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(testAction2, "rule = 'art4_area_cleared_m2'", "rule = 'art4_area_cleared_m2 * 0 + 1e308'", 1))}
	p, err := Load(fsys)
	require.NoError(t, err)
	facts := evalFacts + "NGA,2023,art4_area_cleared_m2,900000,Form F\n"
	r, err := p.Evaluate(context.Background(), mustLoadData(t, facts), 2023, Only(regexp.MustCompile(`^2\.2$`)), AsOf(MustDate("2025-01-01")))
	require.NoError(t, err)
	ir := r.Indicators[0]
	assert.Equal(t, []string{"DEU", "NGA"}, ir.Counted.List(), "each State's value is finite")
	assert.Equal(t, ValueError, ir.Status)
	assert.Contains(t, ir.Error, "the sum of the States' values is +Inf, not a finite number")
	assert.Nil(t, ir.Value)
}

// TestTargetsFinite: a target that is not a finite number is refused at load.
func TestTargetsFinite(t *testing.T) {
	for _, v := range []string{"nan", "inf", "+inf", "-inf"} {
		t.Run(v, func(t *testing.T) {
			fsys := testPlanFS()
			fsys["a02.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(testAction2, "target = 100.0", "target = "+v, 1))}
			_, err := Load(fsys)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "target")
			assert.Contains(t, err.Error(), "finite")
		})
	}
}
