package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/stretchr/testify/require"
)

// vmValue runs an expression on the expr VM and gives its result as a dval: pointers
// dereferenced, ints marked. An error is the VM's; a result of another type is an error too.
func vmValue(m *vm.VM, e Expr, env *ruleEnv) (dval, error) {
	out, err := m.Run(e.program, env)
	if err != nil {
		return dval{}, err
	}
	v := reflect.ValueOf(out)
	for v.IsValid() && v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return dval{}, nil
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return dval{}, nil
	}
	switch v.Kind() {
	case reflect.Bool:
		return dval{k: dBool, b: v.Bool()}, nil
	case reflect.Int:
		return dval{k: dNum, i: true, n: float64(v.Int())}, nil
	case reflect.Float64:
		return dval{k: dNum, n: v.Float()}, nil
	case reflect.String:
		return dval{k: dStr, s: v.String()}, nil
	}
	return dval{}, fmt.Errorf("VM gave %T", out)
}

// sameDval compares bit for bit (so that -0 and 0 differ), any NaN equal to any NaN.
func sameDval(a, b dval) bool {
	if a.k != b.k || a.b != b.b || a.s != b.s {
		return false
	}
	if a.k == dNum && a.i != b.i {
		return false
	}
	if math.IsNaN(a.n) && math.IsNaN(b.n) {
		return true
	}
	return math.Float64bits(a.n) == math.Float64bits(b.n)
}

// negZeroLiteral finds a negated zero literal. expr's compiler keeps one constant per value
// (compiler.addConstant indexes its pool by the constant as a map key), and 0.0 == -0.0 as a map
// key, so the VM runs every zero constant of an expression with the sign of the first one it
// compiled: "x == nil ? -+-0.0 : (+-0.0 + (y + -0.0))" gives +0 on the VM for y = -0, where IEEE
// arithmetic (and the direct closures) give -0. Only the sign of a zero result can differ, and
// only in expressions that write a negative zero, which no rule has reason to; the comparison
// then ignores the sign of zero.
var negZeroLiteral = regexp.MustCompile(`-\s*0(\.0+)?([^.0-9]|$)`)

// checkDirect fails when the direct closures give a value where the VM fails, or a value
// other than the VM's; the same for the bool and number entry points that the evaluator
// calls. Giving up is always allowed: the VM then decides.
func checkDirect(t testing.TB, m *vm.VM, e Expr, env *ruleEnv, where string) {
	t.Helper()
	if e.direct == nil {
		return
	}
	if e.direct.fails(env) {
		if _, err := vmValue(m, e, env); err == nil {
			t.Fatalf("%s: %q: direct says the VM fails, and it does not", where, e.Source)
		}
	}
	if got, ok := e.direct.run(env); ok {
		want, err := vmValue(m, e, env)
		if err != nil {
			t.Fatalf("%s: %q: direct gave %+v where the VM fails: %v", where, e.Source, got, err)
		}
		if negZeroLiteral.MatchString(e.Source) && got.k == dNum && want.k == dNum && got.n == 0 && want.n == 0 {
			want.n = got.n // see negZeroLiteral
		}
		if !sameDval(got, want) {
			t.Fatalf("%s: %q: direct gave %+v, the VM %+v", where, e.Source, got, want)
		}
	}
	ev := &evaluator{}
	se := &stateEnv{env: *env}
	if v, known, ok := e.direct.bool(env); ok {
		wv, wk, err := ev.vmBool(&e, se)
		if err != nil || v != wv || known != wk {
			t.Fatalf("%s: %q: direct bool gave %v %v, the VM %v %v %v", where, e.Source, v, known, wv, wk, err)
		}
	}
	if v, known, ok := e.direct.number(env); ok {
		wv, wk, err := ev.vmNumber(&e, se)
		if negZeroLiteral.MatchString(e.Source) && v == 0 && wv == 0 {
			wv = v // see negZeroLiteral
		}
		if err != nil || math.Float64bits(v) != math.Float64bits(wv) || known != wk {
			t.Fatalf("%s: %q: direct number gave %v %v, the VM %v %v %v", where, e.Source, v, known, wv, wk, err)
		}
	}
}

// TestDirectMatchesVM runs every population and rule of the shipped plan both ways on every
// State of the sample data, for years from 2006 to 2026 under both counting conventions.
func TestDirectMatchesVM(t *testing.T) {
	p, ds := benchSetup(t)
	var m vm.VM
	var onVM []string
	for _, ind := range p.indicators {
		for _, e := range []Expr{ind.Population, ind.Rule} {
			if e.direct == nil {
				onVM = append(onVM, ind.ID+": "+e.Source)
			}
		}
	}
	t.Logf("%d of %d shipped expressions run on the VM only: %s", len(onVM), 2*len(p.indicators), strings.Join(onVM, "; "))
	for _, c := range []Counting{CountingDeposit, CountingEntryIntoForce} {
		for _, year := range []int{2006, 2009, 2012, 2015, 2018, 2020, 2021, 2022, 2023, 2024, 2025, 2026} {
			ev := nativeEvaluator(p, ds, year, c)
			for _, ind := range p.indicators {
				for si := range ev.envs {
					where := fmt.Sprintf("%s %d %s %s", ind.ID, year, c, ds.states[si].ISO3)
					checkDirect(t, &m, ind.Population, &ev.envs[si].env, where)
					checkDirect(t, &m, ind.Rule, &ev.envs[si].env, where)
				}
			}
		}
	}
}

// TestDirectCoversShippedRules: the shipped expressions that a State's data can drive run
// directly, so that the speed in docs/performance.md holds. (The VM would still be right.)
func TestDirectCoversShippedRules(t *testing.T) {
	p, ds := benchSetup(t)
	ev := nativeEvaluator(p, ds, 2024, p.counting)
	direct, total := 0, 0
	for _, ind := range p.indicators {
		for _, e := range []Expr{ind.Population, ind.Rule} {
			total++
			if e.direct == nil {
				continue
			}
			direct++
			for si := range ev.envs {
				if _, ok := e.direct.run(&ev.envs[si].env); !ok && !e.strict.missingFrom(&ev.envs[si].present) {
					t.Errorf("%s %q gives up for %s", ind.ID, e.Source, ds.states[si].ISO3)
				}
			}
		}
	}
	require.Equal(t, total, direct, "every shipped population and rule compiles to the direct subset")
}

// exprGen writes random, mostly well-typed expressions over the Env fields.
type exprGen struct {
	r      *rand.Rand
	fields map[string][]string // by kind: bool, *bool, num, *num, int, *int, str, *str
}

func newExprGen(seed uint64) *exprGen {
	g := &exprGen{r: rand.New(rand.NewPCG(seed, 14)), fields: map[string][]string{}}
	for i := 0; i < envType.NumField(); i++ {
		f := envType.Field(i)
		var k string
		switch f.Type {
		case reflect.TypeFor[bool]():
			k = "bool"
		case reflect.TypeFor[*bool]():
			k = "*bool"
		case reflect.TypeFor[float64]():
			k = "num"
		case reflect.TypeFor[*float64]():
			k = "*num"
		case reflect.TypeFor[int]():
			k = "int"
		case reflect.TypeFor[*int]():
			k = "*int"
		case reflect.TypeFor[string]():
			k = "str"
		case reflect.TypeFor[*string]():
			k = "*str"
		}
		g.fields[k] = append(g.fields[k], f.Tag.Get("expr"))
	}
	return g
}

func (g *exprGen) pick(list ...string) string { return list[g.r.IntN(len(list))] }

func (g *exprGen) field(kinds ...string) string {
	var all []string
	for _, k := range kinds {
		all = append(all, g.fields[k]...)
	}
	return all[g.r.IntN(len(all))]
}

func (g *exprGen) boolExpr(d int) string {
	if d <= 0 {
		switch g.r.IntN(4) {
		case 0:
			return g.pick("true", "false")
		case 1:
			return g.field("*bool")
		default:
			return g.field("bool")
		}
	}
	switch g.r.IntN(14) {
	case 12: // a conditional the checker cannot narrow: any pointer may come out
		return "(" + g.boolExpr(d-1) + " ? " + g.field("*bool", "*num", "*int", "*str") + " : " + g.pick("nil", "true", g.field("*bool")) + ")"
	case 0:
		return "!" + g.boolExpr(d-1)
	case 1:
		return "(" + g.boolExpr(d-1) + " && " + g.boolExpr(d-1) + ")"
	case 2:
		return "(" + g.boolExpr(d-1) + " || " + g.boolExpr(d-1) + ")"
	case 3:
		return "(" + g.numExpr(d-1) + " " + g.pick("<", "<=", ">", ">=", "==", "!=") + " " + g.numExpr(d-1) + ")"
	case 4:
		return "(" + g.strExpr(d-1) + " " + g.pick("==", "!=", "<", ">=") + " " + g.strExpr(d-1) + ")"
	case 5:
		return "(" + g.field("*bool", "*num", "*int", "*str") + " " + g.pick("==", "!=") + " nil)"
	case 6:
		return "(" + g.field("*bool") + " ?? " + g.boolExpr(d-1) + ")"
	case 7:
		return "(" + g.strExpr(d-1) + " in [" + g.pick(`"yes"`, `"none", "specific"`, `"2024-01-01", ""`) + "])"
	case 8:
		return "(" + g.boolExpr(d-1) + " ? " + g.boolExpr(d-1) + " : " + g.boolExpr(d-1) + ")"
	case 9:
		return "(" + g.boolExpr(d-1) + " ? " + g.boolExpr(d-1) + " : nil)"
	case 10:
		return "(" + g.numExpr(d-1) + " in [1, 2, 2024])"
	case 11:
		return "(" + g.boolExpr(d-1) + " == " + g.boolExpr(d-1) + ")"
	}
	return "not " + g.boolExpr(d-1)
}

func (g *exprGen) numExpr(d int) string {
	if d <= 0 {
		switch g.r.IntN(5) {
		case 0:
			return g.pick("0", "1", "-1", "2024", "1000000", "0.5", "1e300", "9007199254740993", "-0.0")
		case 1:
			return g.field("int", "*int")
		default:
			return g.field("num", "*num")
		}
	}
	switch g.r.IntN(9) {
	case 7:
		return "(" + g.boolExpr(d-1) + " ? " + g.field("*bool", "*num", "*int", "*str") + " : " + g.pick("nil", "1", g.field("*num")) + ")"
	case 0, 1:
		return "(" + g.numExpr(d-1) + " " + g.pick("+", "-", "*", "/") + " " + g.numExpr(d-1) + ")"
	case 2:
		return "-" + g.numExpr(d-1)
	case 3:
		return "(" + g.field("*num", "*int") + " ?? " + g.numExpr(d-1) + ")"
	case 4:
		return "(" + g.boolExpr(d-1) + " ? " + g.numExpr(d-1) + " : " + g.numExpr(d-1) + ")"
	case 5:
		return "(" + g.numExpr(d-1) + " " + g.pick("%", "**") + " " + g.numExpr(d-1) + ")"
	case 6:
		return "+" + g.numExpr(d-1)
	}
	return g.numExpr(0)
}

func (g *exprGen) strExpr(d int) string {
	if d <= 0 || g.r.IntN(3) > 0 {
		switch g.r.IntN(3) {
		case 0:
			return g.pick(`"yes"`, `"none"`, `""`, `"2024-04-30"`)
		case 1:
			return g.field("str")
		}
		return g.field("*str")
	}
	if g.r.IntN(2) == 0 {
		return "(" + g.field("*str") + " ?? " + g.strExpr(d-1) + ")"
	}
	return "(" + g.strExpr(d-1) + " + " + g.strExpr(d-1) + ")"
}

// randomEnv fills every Env field with a value drawn from a few that matter: nil, zero, signs,
// fractions, huge integers, NaN and the strings the generator compares with.
func randomEnv(r *rand.Rand) *ruleEnv {
	var env ruleEnv
	v := reflect.ValueOf(&env).Elem()
	nums := []float64{0, 1, -1, 0.5, 2024, 1e6, math.Copysign(0, -1), math.NaN(), math.Inf(1), 1e300}
	ints := []int{0, 1, -1, 2024, 1 << 53, 1<<53 + 1, -(1 << 62), math.MaxInt}
	strs := []string{"yes", "none", "specific", "", "2024-04-30", "2024-01-01"}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		isNil := f.Kind() == reflect.Pointer && r.IntN(3) == 0
		t := f.Type()
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		x := reflect.New(t).Elem()
		switch t.Kind() {
		case reflect.Bool:
			x.SetBool(r.IntN(2) == 0)
		case reflect.Float64:
			x.SetFloat(nums[r.IntN(len(nums))])
		case reflect.Int:
			x.SetInt(int64(ints[r.IntN(len(ints))]))
		case reflect.String:
			x.SetString(strs[r.IntN(len(strs))])
		}
		switch {
		case f.Kind() != reflect.Pointer:
			f.Set(x)
		case !isNil:
			p := reflect.New(t)
			p.Elem().Set(x)
			f.Set(p)
		}
	}
	return &env
}

// TestDirectRandom compares the direct closures with the VM on random expressions and
// environments: a property that must hold for every input.
func TestDirectRandom(t *testing.T) {
	g := newExprGen(1)
	r := rand.New(rand.NewPCG(2, 14))
	var m vm.VM
	compiled, direct := 0, 0
	for i := 0; i < 2500; i++ {
		var src string
		want := wantBool
		if i%3 == 0 {
			src, want = g.numExpr(1+i%4), wantNumber
		} else {
			src = g.boolExpr(1 + i%4)
		}
		e, xe := compileExpr(src, want)
		if xe != nil {
			continue
		}
		compiled++
		if e.direct != nil {
			direct++
		}
		for j := 0; j < 8; j++ {
			checkDirect(t, &m, e, randomEnv(r), fmt.Sprintf("expression %d, env %d", i, j))
		}
	}
	t.Logf("%d expressions compiled, %d of them direct", compiled, direct)
	require.Greater(t, compiled, 1000, "the generator writes mostly valid expressions")
	require.Greater(t, direct, compiled/2, "the generator exercises the direct subset")
}

// FuzzDirectMatchesVM: any expression that compiles gives the VM's result directly, or
// leaves it to the VM.
func FuzzDirectMatchesVM(f *testing.F) {
	for _, s := range []string{"party", "re_programme ?? false", "art4_area_cleared_m2 / 0 > 1",
		"(art9_legislation ?? 'x') in ['none']", "-joined_year", "year * year * year * year * year > 0",
		"msp_delegates > 0 ? msp_delegates_women / msp_delegates * 100 : nil", "!compliance_clarified"} {
		f.Add(s, uint64(1))
	}
	var m vm.VM
	f.Fuzz(func(t *testing.T, src string, seed uint64) {
		r := rand.New(rand.NewPCG(seed, 14))
		for _, want := range []exprKind{wantBool, wantNumber} {
			e, xe := compileExpr(src, want)
			if xe != nil {
				continue
			}
			for j := 0; j < 8; j++ {
				checkDirect(t, &m, e, randomEnv(r), fmt.Sprintf("env %d", j))
			}
		}
	})
}

// BenchmarkDirect compares one rule run directly and on the VM.
func BenchmarkDirect(b *testing.B) {
	p, ds := benchSetup(b)
	ev := nativeEvaluator(p, ds, 2024, p.counting)
	ind := p.byID["21.1"]
	env := &ev.envs[0].env
	b.Run("direct", func(b *testing.B) {
		for b.Loop() {
			ind.Population.direct.run(env)
		}
	})
	b.Run("vm", func(b *testing.B) {
		var m vm.VM
		for b.Loop() {
			_, _ = m.Run(ind.Population.program, env)
		}
	})
}
