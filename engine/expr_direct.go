package engine

import (
	"math"
	"reflect"
	"unsafe"

	"github.com/expr-lang/expr/ast"
)

// Direct evaluation. Nearly every rule and population of a plan is a field, a presence test,
// a comparison with a constant or a few of these joined by && and ||. For that subset of expr
// an expression is also compiled to Go closures over ruleEnv that read fields at fixed offsets:
// no interpreter loop, no boxing of values, no allocation. The checked and optimised tree
// that the expr VM runs is the input, so both see the same program.
//
// Exactness comes first. Each closure either returns the value the VM would give (ok) or
// gives up (not ok) wherever the VM would fail or where the subset does not fix the result:
// a nil operand where a value is needed, an integer too large for a float64. On giving up
// the caller runs the expr VM, which gives its own result or error. TestDirectMatchesVM
// checks every shipped expression against the VM on every State and year, and
// FuzzDirectMatchesVM random expressions over random environments.

// dkind is the kind of a directly computed value.
type dkind uint8

const (
	dNil dkind = iota
	dBool
	dNum
	dStr
)

// dval is a directly computed value: nil, a bool, a number or a string. Numbers are carried
// as float64; i marks one that is an int on the VM, where it stays exact because the subset
// gives up on integers beyond ±2^53.
type dval struct {
	k dkind
	i bool
	b bool
	n float64
	s string
}

// dfn evaluates an expression for one State; ok is false when the VM must decide.
type dfn func(e *ruleEnv) (v dval, ok bool)

// maxExactInt bounds the integers the subset handles: every integer of at most this magnitude
// is exact in a float64.
const maxExactInt = 1 << 53

// direct is an expression compiled to closures. The commonest expressions, a constant or a
// single field, also have a form that bool and number read without calling a closure. (A
// pointer to direct, unlike a func, compares equal to itself, so that Expr values stay
// comparable with reflect.DeepEqual.)
type direct struct {
	run dfn
	// boolOK and numberOK say whether the result can be given as runBool and runNumber
	// would: false when the VM may hold a pointer of another kind, which they reject.
	boolOK, numberOK bool
	form             form
	off              uintptr // the field's offset in ruleEnv (formBool, formBoolPtr, formNumPtr)
	c                dval    // the constant (formConst)
	// cmpL and cmpR are the operands of an expression that is an ordering comparison (< <= >
	// >=), for fails; nil for any other expression.
	cmpL, cmpR dfn
}

type form uint8

const (
	formClosure   form = iota
	formConst          // a literal
	formBoolConst      // true or false
	formBool           // a bool field
	formBoolPtr        // a *bool field
	formNumPtr         // a *float64 field
)

// compileDirect compiles the checked tree of an expression; nil when the expression is
// outside the subset and always runs on the VM.
func compileDirect(n ast.Node) *direct {
	f, raw, ok := directNode(n)
	if !ok {
		return nil
	}
	d := &direct{run: f, boolOK: raw&^rawBool == 0, numberOK: raw&^rawNum == 0}
	switch n := n.(type) {
	case *ast.BoolNode:
		d.form, d.c = formBoolConst, mustRun(f)
	case *ast.NilNode, *ast.FloatNode, *ast.StringNode:
		d.form, d.c = formConst, mustRun(f)
	case *ast.BinaryNode:
		switch n.Operator {
		case "<", "<=", ">", ">=":
			d.cmpL, _ = operand(n.Left) // both compile: the comparison did
			d.cmpR, _ = operand(n.Right)
		}
	case *ast.IdentifierNode:
		sf := envType.Field(envFieldPath[fieldIndex[n.Value]])
		d.off = sf.Offset
		switch sf.Type {
		case reflect.TypeFor[bool]():
			d.form = formBool
		case reflect.TypeFor[*bool]():
			d.form = formBoolPtr
		case reflect.TypeFor[*float64]():
			d.form = formNumPtr
		}
	}
	return d
}

func mustRun(f dfn) dval {
	v, _ := f(nil) // a constant reads no field
	return v
}

// fails reports that the VM fails on env: the expression is an ordering comparison and one of
// its operands is nil (the VM's <, <=, > and >= have no case for nil: runtime.Less and the
// others panic, and the run returns the error). false when the closures cannot tell; never
// true where the VM would not fail (TestDirectMatchesVM, FuzzDirectMatchesVM). A data check's
// guard that fails on an absent value does not apply, and is not run (check_run.go).
func (d *direct) fails(env *ruleEnv) bool {
	if d.cmpL == nil || d.cmpR == nil {
		return false
	}
	a, ok := d.cmpL(env)
	if !ok {
		return false
	}
	if a.k == dNil {
		return true // whatever the right gives, or if it fails itself
	}
	b, ok := d.cmpR(env)
	return ok && b.k == dNil
}

// quickBool gives the value of a bool expression that is a bool field, a *bool field or a
// constant without a call (it is inlined in the evaluator's loop); ok is false for any other
// expression.
func (e *Expr) quickBool(env *ruleEnv) (v, known, ok bool) {
	d := e.direct
	if d == nil {
		return false, false, false
	}
	switch d.form {
	case formBool:
		return *(*bool)(unsafe.Add(unsafe.Pointer(env), d.off)), true, true
	case formBoolPtr:
		p := *(**bool)(unsafe.Add(unsafe.Pointer(env), d.off))
		return p != nil && *p, p != nil, true
	case formBoolConst:
		return d.c.b, true, true
	}
	return false, false, false
}

// quick reports whether quickBool gives the expression's value: it reads at most one field.
func (e *Expr) quick() bool {
	return e.direct != nil && (e.direct.form == formBool || e.direct.form == formBoolPtr || e.direct.form == formBoolConst) &&
		len(e.reads) <= 1
}

// bool runs a bool expression: v and known as runBool gives them; ok is false when the VM
// must decide.
func (d *direct) bool(env *ruleEnv) (v, known, ok bool) {
	if !d.boolOK {
		return false, false, false
	}
	var x dval
	switch d.form {
	case formBool:
		return *(*bool)(unsafe.Add(unsafe.Pointer(env), d.off)), true, true
	case formBoolPtr:
		if p := *(**bool)(unsafe.Add(unsafe.Pointer(env), d.off)); p != nil {
			return *p, true, true
		}
		return false, false, true
	case formConst, formBoolConst:
		x = d.c
	default:
		if x, ok = d.run(env); !ok {
			return false, false, false
		}
	}
	switch x.k {
	case dBool:
		return x.b, true, true
	case dNil:
		return false, false, true
	}
	return false, false, false
}

// number runs a numeric expression: v and known as runNumber gives them; ok is false when
// the VM must decide, NaN and infinities included (the VM reports them).
func (d *direct) number(env *ruleEnv) (v float64, known, ok bool) {
	if !d.numberOK {
		return 0, false, false
	}
	var x dval
	switch d.form {
	case formNumPtr:
		p := *(**float64)(unsafe.Add(unsafe.Pointer(env), d.off))
		if p == nil {
			return 0, false, true
		}
		x = dval{k: dNum, n: *p}
	case formConst:
		x = d.c
	default:
		if x, ok = d.run(env); !ok {
			return 0, false, false
		}
	}
	switch x.k {
	case dNum:
		if math.IsNaN(x.n) || math.IsInf(x.n, 0) {
			return 0, false, false
		}
		return x.n, true, true
	case dNil:
		return 0, false, true
	}
	return 0, false, false
}

// vmDerefs reports whether the VM dereferences n where it is an operand: it does so by n's
// static type (compiler.derefInNeeded), and the optimiser can give a node the type of the
// node it replaced: "true && p" becomes p typed bool, and the VM then compares the pointer.
func vmDerefs(n ast.Node) bool {
	if n.Nature().Nil || n.Type() == nil {
		return false
	}
	k := n.Type().Kind()
	return k == reflect.Pointer || k == reflect.Interface
}

// operand compiles n where the VM pushes it as an operand. A value that may be a pointer the
// VM does not dereference there is outside the subset.
func operand(n ast.Node) (dfn, bool) {
	f, raw, ok := directNode(n)
	if !ok || raw != 0 && !vmDerefs(n) {
		return nil, false
	}
	return f, true
}

func constFn(v dval) dfn { return func(*ruleEnv) (dval, bool) { return v, true } }

// rawSet says which pointers an expression's value may be on the VM, not yet dereferenced: a
// pointer field, or a conditional that gives one. The closures always give the dereferenced
// value; where it matters, operand checks that the VM dereferences too, and at the top the
// result must be a pointer that runBool or runNumber accepts.
type rawSet uint8

const (
	rawBool rawSet = 1 << iota // *bool
	rawNum                     // *float64 or *int
	rawStr                     // *string
)

// directNode compiles n; raw is the pointers its value may be on the VM.
func directNode(n ast.Node) (f dfn, raw rawSet, ok bool) {
	switch n := n.(type) {
	case *ast.NilNode:
		return constFn(dval{}), 0, true
	case *ast.BoolNode:
		return constFn(dval{k: dBool, b: n.Value}), 0, true
	case *ast.IntegerNode:
		if n.Value > maxExactInt || n.Value < -maxExactInt {
			return nil, 0, false
		}
		return constFn(dval{k: dNum, i: true, n: float64(n.Value)}), 0, true
	case *ast.FloatNode:
		return constFn(dval{k: dNum, n: n.Value}), 0, true
	case *ast.StringNode:
		return constFn(dval{k: dStr, s: n.Value}), 0, true
	case *ast.ConstantNode:
		switch v := n.Value.(type) {
		case bool:
			return constFn(dval{k: dBool, b: v}), 0, true
		case float64:
			return constFn(dval{k: dNum, n: v}), 0, true
		case string:
			return constFn(dval{k: dStr, s: v}), 0, true
		case int:
			if v > maxExactInt || v < -maxExactInt {
				return nil, 0, false
			}
			return constFn(dval{k: dNum, i: true, n: float64(v)}), 0, true
		}
		return nil, 0, false
	case *ast.IdentifierNode:
		return fieldFn(n.Value)
	case *ast.UnaryNode:
		f, ok := directUnary(n)
		return f, 0, ok
	case *ast.BinaryNode:
		f, ok := directBinary(n)
		return f, 0, ok
	case *ast.ConditionalNode:
		cond, ok1 := operand(n.Cond)
		yes, raw1, ok2 := directNode(n.Exp1) // the VM pushes a branch's value as it is
		no, raw2, ok3 := directNode(n.Exp2)
		if !ok1 || !ok2 || !ok3 {
			return nil, 0, false
		}
		return func(e *ruleEnv) (dval, bool) {
			c, ok := cond(e)
			if !ok || c.k != dBool {
				return dval{}, false
			}
			if c.b {
				return yes(e)
			}
			return no(e)
		}, raw1 | raw2, true
	}
	return nil, 0, false
}

var envType = reflect.TypeFor[ruleEnv]()

// fieldFn reads one ruleEnv field at its offset. A pointer field gives its value, or nil, and is
// raw: the VM holds the pointer itself until an operator dereferences it.
func fieldFn(name string) (f dfn, raw rawSet, ok bool) {
	fi, found := fieldIndex[name]
	if !found {
		return nil, 0, false
	}
	sf := envType.Field(envFieldPath[fi])
	off := sf.Offset
	at := func(e *ruleEnv) unsafe.Pointer { return unsafe.Add(unsafe.Pointer(e), off) }
	switch sf.Type {
	case reflect.TypeFor[bool]():
		f = func(e *ruleEnv) (dval, bool) { return dval{k: dBool, b: *(*bool)(at(e))}, true }
	case reflect.TypeFor[*bool]():
		f = func(e *ruleEnv) (dval, bool) {
			if p := *(**bool)(at(e)); p != nil {
				return dval{k: dBool, b: *p}, true
			}
			return dval{}, true
		}
	case reflect.TypeFor[float64]():
		f = func(e *ruleEnv) (dval, bool) { return dval{k: dNum, n: *(*float64)(at(e))}, true }
	case reflect.TypeFor[*float64]():
		f = func(e *ruleEnv) (dval, bool) {
			if p := *(**float64)(at(e)); p != nil {
				return dval{k: dNum, n: *p}, true
			}
			return dval{}, true
		}
	case reflect.TypeFor[int]():
		f = func(e *ruleEnv) (dval, bool) { return intVal(*(*int)(at(e))) }
	case reflect.TypeFor[*int]():
		f = func(e *ruleEnv) (dval, bool) {
			if p := *(**int)(at(e)); p != nil {
				return intVal(*p)
			}
			return dval{}, true
		}
	case reflect.TypeFor[string]():
		f = func(e *ruleEnv) (dval, bool) { return dval{k: dStr, s: *(*string)(at(e))}, true }
	case reflect.TypeFor[*string]():
		f = func(e *ruleEnv) (dval, bool) {
			if p := *(**string)(at(e)); p != nil {
				return dval{k: dStr, s: *p}, true
			}
			return dval{}, true
		}
	default:
		return nil, 0, false
	}
	switch sf.Type {
	case reflect.TypeFor[*bool]():
		raw = rawBool
	case reflect.TypeFor[*float64](), reflect.TypeFor[*int]():
		raw = rawNum
	case reflect.TypeFor[*string]():
		raw = rawStr
	}
	return f, raw, true
}

func intVal(v int) (dval, bool) {
	if v > maxExactInt || v < -maxExactInt {
		return dval{}, false
	}
	return dval{k: dNum, i: true, n: float64(v)}, true
}

func directUnary(n *ast.UnaryNode) (dfn, bool) {
	x, ok := operand(n.Node)
	if !ok {
		return nil, false
	}
	switch n.Operator {
	case "!", "not":
		return func(e *ruleEnv) (dval, bool) {
			v, ok := x(e)
			if !ok || v.k != dBool {
				return dval{}, false
			}
			return dval{k: dBool, b: !v.b}, true
		}, true
	case "-":
		return func(e *ruleEnv) (dval, bool) {
			v, ok := x(e)
			if !ok || v.k != dNum {
				return dval{}, false
			}
			if v.i { // an int has no negative zero
				v.n = 0 - v.n
			} else {
				v.n = -v.n
			}
			return v, true
		}, true
	case "+": // the VM emits nothing for a unary plus
		return x, true
	}
	return nil, false
}

func directBinary(n *ast.BinaryNode) (dfn, bool) {
	if n.Operator == "in" {
		return directIn(n)
	}
	l, ok1 := operand(n.Left)
	r, ok2 := operand(n.Right)
	if !ok1 || !ok2 {
		return nil, false
	}
	switch n.Operator {
	case "&&", "and":
		return func(e *ruleEnv) (dval, bool) {
			a, ok := l(e)
			if !ok || a.k != dBool {
				return dval{}, false
			}
			if !a.b {
				return a, true
			}
			return r(e)
		}, true
	case "||", "or":
		return func(e *ruleEnv) (dval, bool) {
			a, ok := l(e)
			if !ok || a.k != dBool {
				return dval{}, false
			}
			if a.b {
				return a, true
			}
			return r(e)
		}, true
	case "??":
		return func(e *ruleEnv) (dval, bool) {
			a, ok := l(e)
			if !ok {
				return dval{}, false
			}
			if a.k != dNil {
				return a, true
			}
			return r(e)
		}, true
	case "==", "!=":
		neg := n.Operator == "!="
		// The VM compares two plain ints or two plain strings with a type assertion that
		// fails on anything else (a nil from ??): give up there as well.
		var must dkind
		if lk, rk := simpleKind(n.Left), simpleKind(n.Right); lk == rk && (lk == reflect.Int || lk == reflect.String) {
			must = dNum
			if lk == reflect.String {
				must = dStr
			}
		}
		return func(e *ruleEnv) (dval, bool) {
			a, ok := l(e)
			if !ok {
				return dval{}, false
			}
			b, ok := r(e)
			if !ok {
				return dval{}, false
			}
			if must != dNil && (a.k != must || b.k != must || must == dNum && !(a.i && b.i)) {
				return dval{}, false
			}
			return dval{k: dBool, b: equal(a, b) != neg}, true
		}, true
	case "<", "<=", ">", ">=":
		op := n.Operator
		return func(e *ruleEnv) (dval, bool) {
			a, ok := l(e)
			if !ok {
				return dval{}, false
			}
			b, ok := r(e)
			if !ok || a.k != b.k {
				return dval{}, false
			}
			var c int
			switch a.k {
			case dNum:
				if a.n != a.n || b.n != b.n { // NaN: every comparison is false
					return dval{k: dBool}, true
				}
				c = cmpFloat(a.n, b.n)
			case dStr:
				c = cmpString(a.s, b.s)
			default:
				return dval{}, false
			}
			return dval{k: dBool, b: order(op, c)}, true
		}, true
	case "+", "-", "*", "/":
		op := n.Operator[0]
		return func(e *ruleEnv) (dval, bool) {
			a, ok := l(e)
			if !ok {
				return dval{}, false
			}
			b, ok := r(e)
			if !ok {
				return dval{}, false
			}
			if a.k == dStr && b.k == dStr && op == '+' {
				return dval{k: dStr, s: a.s + b.s}, true
			}
			if a.k != dNum || b.k != dNum {
				return dval{}, false
			}
			return arith(op, a, b)
		}, true
	}
	return nil, false
}

// directIn is "x in [string constants]", which the optimiser has turned into a set.
func directIn(n *ast.BinaryNode) (dfn, bool) {
	l, ok := operand(n.Left)
	if !ok {
		return nil, false
	}
	set := map[string]bool{}
	switch r := n.Right.(type) {
	case *ast.ConstantNode:
		m, ok := r.Value.(map[string]struct{})
		if !ok {
			return nil, false
		}
		for s := range m {
			set[s] = true
		}
	case *ast.ArrayNode:
		for _, x := range r.Nodes {
			s, ok := x.(*ast.StringNode)
			if !ok {
				return nil, false
			}
			set[s.Value] = true
		}
	default:
		return nil, false
	}
	return func(e *ruleEnv) (dval, bool) {
		a, ok := l(e)
		if !ok || a.k != dStr {
			return dval{}, false
		}
		return dval{k: dBool, b: set[a.s]}, true
	}, true
}

// arith is the VM's + - * / on two numbers: / is always in float64; + - * of two ints stay
// in int (wrapping as Go does), the rest is float64.
func arith(op byte, a, b dval) (dval, bool) {
	if op != '/' && a.i && b.i {
		x, y := int(a.n), int(b.n)
		var r int
		switch op {
		case '+':
			r = x + y
		case '-':
			r = x - y
		default:
			r = x * y
		}
		return intVal(r)
	}
	switch op {
	case '+':
		return dval{k: dNum, n: a.n + b.n}, true
	case '-':
		return dval{k: dNum, n: a.n - b.n}, true
	case '*':
		return dval{k: dNum, n: a.n * b.n}, true
	}
	return dval{k: dNum, n: a.n / b.n}, true
}

// simpleKind is the kind of a node's static type when the compiler treats it as simple (a
// type without a package), else reflect.Invalid.
func simpleKind(n ast.Node) reflect.Kind {
	t := n.Type()
	if t == nil || t.PkgPath() != "" {
		return reflect.Invalid
	}
	return t.Kind()
}

// equal is the VM's == on the values the subset produces: nil equals only nil, values of
// different kinds are unequal.
func equal(a, b dval) bool {
	if a.k != b.k {
		return false
	}
	switch a.k {
	case dBool:
		return a.b == b.b
	case dNum:
		return a.n == b.n
	case dStr:
		return a.s == b.s
	}
	return true
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func order(op string, c int) bool {
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}
