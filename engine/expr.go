package engine

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// Limits on expressions, so that a hand-edited or third-party plan cannot make a rule
// arbitrarily large.
const (
	maxExprLen   = 4096
	maxExprNodes = 1000
)

// Expr is a compiled population or rule expression with what it reads.
type Expr struct {
	Source string // the expression text as written
	// Reads lists, sorted, every data-dictionary field the expression names.
	Reads []string

	program *vm.Program
	direct  *direct  // the program as Go closures, nil when it is outside that subset (expr_direct.go)
	reads   []int    // schema indexes of Reads
	strict  fieldSet // nilable fields read outside a presence test or the left of ??
	loops   bool     // it has a loop: it runs with a step counter (see sandbox.go)
	env     any      // the environment it was compiled against; nil for ruleEnv
}

// options returns the compile options of the expression's environment.
func (e *Expr) options() []expr.Option {
	if e.env == nil {
		return compileOptions()
	}
	return compileOptionsFor(e.env)
}

// String returns the expression text.
func (e Expr) String() string { return e.Source }

// exprKind is what an expression must produce.
type exprKind int

const (
	wantBool exprKind = iota
	wantNumber
)

func (k exprKind) String() string {
	if k == wantBool {
		return "bool"
	}
	return "number"
}

// compileOptions is the engine's fixed option set: the typed environment, no clock, bounded
// size, and only the builtins the rule sandbox allows (see sandbox.go).
func compileOptions() []expr.Option { return compileOptionsFor(ruleEnv{}) }

// compileOptionsFor is compileOptions over another environment: a data check's, which adds the
// year before's values to ruleEnv (checkEnv).
func compileOptionsFor(env any) []expr.Option {
	opts := checkOptions(env)
	for _, f := range builtin.Builtins {
		if !allowedBuiltin[f.Name] {
			opts = append(opts, expr.DisableBuiltin(f.Name))
		}
	}
	return opts
}

// checkOptions are the options an expression is type-checked with before the sandbox looks at
// it: every builtin but now is known, so that the sandbox can say why it refuses one.
func checkOptions(env any) []expr.Option {
	return append([]expr.Option{expr.Env(env), expr.DisableBuiltin("now"), expr.MaxNodes(maxExprNodes)}, dateFunctionOptions()...)
}

// checkedTree parses and type-checks src against env without compiling or optimising it.
func checkedTree(src string, env any) (*parser.Tree, error) {
	compilers.Lock()
	defer compilers.Unlock()
	return checker.ParseCheck(src, compilers.config(env, false))
}

// compileProgram is expr.Compile(src, compileOptionsFor(env)...), step for step, with the
// configuration built once for env (compilers).
func compileProgram(src string, env any) (*vm.Program, error) {
	compilers.Lock()
	defer compilers.Unlock()
	cfg := compilers.config(env, true)
	tree, err := checker.ParseCheck(src, cfg)
	if err != nil {
		return nil, err
	}
	if cfg.Optimize {
		if err := optimizer.Optimize(&tree.Node, cfg); err != nil {
			var fe *file.Error
			if errors.As(err, &fe) {
				return nil, fe.Bind(tree.Source)
			}
			return nil, err
		}
	}
	return compiler.Compile(tree, cfg)
}

// compilers holds the expr configurations the engine checks and compiles expressions with,
// one per environment type and purpose, built on first use and kept: building one (every
// builtin in a map) and, above all, the checker's lookups of the environment's fields by
// reflection (which a configuration caches, in its NtCache, for the next expression) were
// half the cost of loading a plan. The checker writes to that cache, so a configuration is
// used by one goroutine at a time: the mutex is held while an expression is checked and
// compiled.
var compilers = &exprConfigs{byEnv: map[exprConfigKey]*conf.Config{}}

type exprConfigs struct {
	sync.Mutex
	byEnv map[exprConfigKey]*conf.Config
}

type exprConfigKey struct {
	env     reflect.Type
	compile bool // compileOptionsFor (only the sandbox's builtins), else checkOptions
}

// config returns the configuration of checkOptions(env) (compile false) or of
// compileOptionsFor(env), prepared as expr.Compile prepares its own. The caller holds the
// mutex.
func (c *exprConfigs) config(env any, compile bool) *conf.Config {
	k := exprConfigKey{reflect.TypeOf(env), compile}
	if cfg := c.byEnv[k]; cfg != nil {
		return cfg
	}
	cfg := conf.CreateNew()
	opts := checkOptions(env)
	if compile {
		opts = compileOptionsFor(env)
	}
	for _, op := range opts {
		op(cfg)
	}
	for name := range cfg.Disabled {
		delete(cfg.Builtins, name)
	}
	cfg.Check()
	c.byEnv[k] = cfg
	return cfg
}

// exprError is a compile error with its position inside the expression (1-based line,
// 0-based column) when expr gave one.
type exprError struct {
	code    string
	msg     string
	hint    string
	line    int
	col     int
	snippet string
}

var unknownName = regexp.MustCompile(`^unknown name ([A-Za-z_][A-Za-z0-9_]*)`)

// compileExpr parses, type-checks and analyses one expression.
func compileExpr(src string, want exprKind) (Expr, *exprError) {
	e, _, xe := compileExprIn(src, want, nil)
	return e, xe
}

// compileExprIn is compileExpr against the environment env (nil: ruleEnv); it also returns the
// parsed tree, for callers that analyse more than the fields of ruleEnv.
func compileExprIn(src string, want exprKind, env any) (Expr, ast.Node, *exprError) {
	e := Expr{Source: src, env: env}
	if env == nil {
		env = ruleEnv{}
	}
	if strings.TrimSpace(src) == "" {
		return e, nil, &exprError{code: CodeExprSyntax, msg: "expression is empty"}
	}
	if len(src) > maxExprLen {
		return e, nil, &exprError{code: CodeExprSyntax, msg: fmt.Sprintf("expression is %d bytes long; the limit is %d", len(src), maxExprLen)}
	}
	tree, err := checkedTree(src, env)
	if err != nil {
		return e, nil, toExprError(err)
	}
	_, isCheck := env.(checkEnv)
	loops, se := checkSandboxPrev(tree.Node, isCheck)
	if se != nil {
		return e, nil, sandboxExprError(src, se)
	}
	prog, err := compileProgram(src, env)
	if err != nil {
		return e, nil, toExprError(err)
	}
	if err := checkType(prog.Node().Type(), want); err != nil {
		return e, nil, &exprError{code: CodeExprType, msg: err.Error(), line: 1}
	}
	if err := checkDates(src, tree.Node); err != nil {
		return e, nil, err
	}
	e.program, e.loops = prog, loops
	if !loops {
		e.direct = compileDirect(prog.Node())
	}
	e.reads, e.strict = analyse(tree.Node)
	for _, i := range e.reads {
		e.Reads = append(e.Reads, schema[i].Name)
	}
	sort.Strings(e.Reads)
	return e, tree.Node, nil
}

func toExprError(err error) *exprError {
	var fe *file.Error
	if !errors.As(err, &fe) {
		return &exprError{code: CodeExprSyntax, msg: err.Error()}
	}
	out := &exprError{code: CodeExprSyntax, msg: fe.Message, line: fe.Line, col: fe.Column, snippet: strings.TrimPrefix(fe.Snippet, "\n")}
	switch {
	case strings.HasPrefix(fe.Message, "unknown name"):
		out.code = CodeUnknownName
		if m := unknownName.FindStringSubmatch(fe.Message); m != nil && m[1] == "now" {
			out.msg = "now() is disabled: a rule must not read the clock"
			out.hint = "use as_of or ref_date, the run's data cut-off"
		} else if m != nil {
			out.msg = fmt.Sprintf("unknown field %q: not in the data dictionary", m[1])
			if s := suggest(m[1], fieldNames); s != "" {
				out.hint = fmt.Sprintf("did you mean %q? (lap fields lists every field)", s)
			} else {
				out.hint = "lap fields lists every field a rule can read"
			}
		}
	case strings.Contains(fe.Message, "mismatched types"), strings.Contains(fe.Message, "non-bool"), strings.Contains(fe.Message, "invalid operation"), strings.Contains(fe.Message, "cannot use"):
		out.code = CodeExprType
	}
	return out
}

// checkType accepts what can stand for the wanted kind: the type itself, a pointer to it (an
// optional field, nil meaning unknown) or an interface the checker could not narrow (checked
// again at run time).
func checkType(t reflect.Type, want exprKind) error {
	if t == nil {
		return nil
	}
	if t.Kind() == reflect.Interface {
		return nil
	}
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	switch want {
	case wantBool:
		if base.Kind() == reflect.Bool {
			return nil
		}
	case wantNumber:
		switch base.Kind() {
		case reflect.Float64, reflect.Float32, reflect.Int, reflect.Int64, reflect.Int32:
			return nil
		}
	}
	return fmt.Errorf("expression gives %s, but a %s is needed here", typeName(t), want)
}

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return typeName(t.Elem())
	case reflect.Float64, reflect.Int:
		return "a number"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "a bool"
	}
	return t.String()
}

// analyse lists the fields an expression names and which of them it reads strictly: a
// nilable field read anywhere but in a presence test (x == nil, x != nil) or on the left of
// ?? makes the State's result unknown when the field is nil.
func analyse(node ast.Node) ([]int, fieldSet) {
	v := &readVisitor{lenient: map[ast.Node]bool{}, seen: map[int]bool{}}
	ast.Walk(&node, v) // ast.Walk is post-order: mark presence tests first,
	v.collect = true
	ast.Walk(&node, v) // then collect the reads

	sort.Ints(v.reads)
	return v.reads, v.strict
}

type readVisitor struct {
	collect bool
	lenient map[ast.Node]bool
	seen    map[int]bool
	reads   []int
	strict  fieldSet
}

func (v *readVisitor) Visit(n *ast.Node) {
	if !v.collect {
		v.mark(*n)
		return
	}
	if node, ok := (*n).(*ast.IdentifierNode); ok {
		i, ok := fieldIndex[node.Value]
		if !ok {
			return
		}
		if !v.seen[i] {
			v.seen[i] = true
			v.reads = append(v.reads, i)
		}
		if !v.lenient[node] && schema[i].CanBeNil() {
			v.strict.add(i)
		}
	}
}

func (v *readVisitor) mark(n ast.Node) {
	switch node := n.(type) {
	case *ast.BinaryNode:
		switch node.Operator {
		case "??":
			if isRead(node.Left) {
				v.lenient[node.Left] = true
			}
		case "==", "!=":
			_, lnil := node.Left.(*ast.NilNode)
			_, rnil := node.Right.(*ast.NilNode)
			if isRead(node.Left) && rnil {
				v.lenient[node.Left] = true
			}
			if isRead(node.Right) && lnil {
				v.lenient[node.Right] = true
			}
		}
	}
}

// isRead reports whether a node reads a value: a name, or a member such as prev.x.
func isRead(n ast.Node) bool {
	switch n.(type) {
	case *ast.IdentifierNode, *ast.MemberNode:
		return true
	}
	return false
}
