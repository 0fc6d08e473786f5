package engine

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// The rule sandbox. A plan's expressions need little of the expression language: fields,
// literals, arithmetic, comparisons, logic, ?? and `in`, a few numeric functions, and at most
// loops over small lists. A plan file may come from anyone, so compileExpr accepts only that
// and refuses the rest at load, with the position and a reason:
//
//   - functions that read the clock or a time zone (now, date, duration, timezone, and every
//     method call such as date(...).Local()): results would change with the day or the machine;
//   - functions that build text or lists of any size (repeat, concat, flatten, join, reduce's
//     accumulator, ...), and joining texts with +: a rule only compares text;
//   - loops (all, any, count, filter, map, ...) nested more than maxLoopDepth deep;
//   - ranges a..b without constant bounds, or longer than maxRangeLen;
//   - member access by name, map literals and $env, which no field needs;
//   - expressions whose work before any loop exceeds maxStaticCost steps.
//
// What cannot be seen statically is bounded when the rule runs: an expression with a loop is
// compiled, per evaluation, with a step counter in every loop body (ruleBudget), so that an
// indicator whose rule runs more than ruleStepBudget steps in one year fails alone with a
// clear error, and a cancelled context stops it within a few milliseconds; the expression
// machine's memory budget bounds the lists a rule builds. The budget counts steps, not time,
// so that the same inputs give the same outputs on any machine.

const (
	maxLoopDepth   = 2         // a loop inside a loop, no deeper
	maxRangeLen    = 10_000    // numbers in a..b
	maxStaticCost  = 100_000   // steps of an expression outside its loops
	ruleStepBudget = 5_000_000 // steps in loop bodies, per indicator and year
	ctxCheckSteps  = 50_000    // steps between two looks at the context
	vmMemoryBudget = 1_000_000 // values in the lists one run may build (expr's default)
)

// Builtins a rule may call: loops (with a predicate) and numeric functions.
var (
	loopBuiltins  = []string{"all", "any", "none", "one", "count", "sum", "filter", "map", "find", "findIndex", "findLast", "findLastIndex"}
	plainBuiltins = []string{"len", "abs", "ceil", "floor", "round", "int", "float", "max", "min", "mean", "median", "first", "last", "hasPrefix", "hasSuffix"}
	// listBuiltins read a whole list when given one: each costs maxRangeLen steps unless
	// the list is a literal.
	listBuiltins = map[string]bool{"sum": true, "max": true, "min": true, "mean": true, "median": true}
)

// forbidden gives the reason each builtin a rule may not call is refused.
var forbidden = map[string]string{
	"now":        "it reads the clock, so results would change from day to day; use as_of or ref_date, the run's data cut-off",
	"date":       "it makes a time value that depends on the machine's time zone; compare dates with before, after, on_or_before or on_or_after",
	"duration":   "time arithmetic is not needed by a rule; compare dates with before, after, on_or_before or on_or_after",
	"timezone":   "it reads a time zone, so results would change from machine to machine",
	"repeat":     "it builds text of any length",
	"concat":     "it builds lists of any length",
	"flatten":    "it builds lists of any length",
	"reduce":     "its accumulator can grow in every step (doubling a text or a list); use sum, count, all or any",
	"join":       "it builds text; a rule only compares text",
	"split":      "it builds lists from text; a rule only compares text",
	"splitAfter": "it builds lists from text; a rule only compares text",
	"replace":    "it builds text; a rule only compares text",
	"string":     "it builds text; a rule only compares text",
	"toJSON":     "it builds text; a rule only compares text",
	"fromJSON":   "it decodes text of any shape",
	"toBase64":   "it builds text; a rule only compares text",
	"fromBase64": "it decodes text",
	"groupBy":    "it builds maps of lists",
	"sortBy":     "sorting is not needed by a rule",
	"sort":       "sorting is not needed by a rule",
}

func init() {
	for _, n := range loopBuiltins {
		allowedBuiltin[n] = true
	}
	for _, n := range plainBuiltins {
		allowedBuiltin[n] = true
	}
}

var allowedBuiltin = map[string]bool{}

// allowedList names the functions a rule may call, for messages.
func allowedList() string {
	names := append(append(append([]string(nil), loopBuiltins...), plainBuiltins...), dateFuncNames...)
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// sandboxError is the first feature of an expression the sandbox refuses.
type sandboxError struct {
	node ast.Node // nil: the whole expression
	msg  string
	hint string
}

// checkSandbox walks a parsed and type-checked expression and returns the first feature it
// refuses (nil when there is none), and whether the expression loops.
func checkSandbox(tree ast.Node) (loops bool, _ *sandboxError) { return checkSandboxPrev(tree, false) }

// checkSandboxPrev is checkSandbox that, with prev, also allows prev.<field>: a data check's
// value of the year before (check.go), the one member read a check may make.
func checkSandboxPrev(tree ast.Node, prev bool) (loops bool, _ *sandboxError) {
	s := &sandbox{prev: prev}
	cost := s.walk(tree, 0)
	if s.err != nil {
		return false, s.err
	}
	if cost > maxStaticCost {
		return false, &sandboxError{msg: fmt.Sprintf("the expression needs about %d steps outside its loops; the limit is %d", cost, maxStaticCost),
			hint: "look up fewer values in long lists or ranges"}
	}
	return s.loops, nil
}

type sandbox struct {
	err   *sandboxError
	loops bool
	prev  bool // prev.<field> is allowed (data checks)
}

func (s *sandbox) refuse(n ast.Node, hint, format string, args ...any) int {
	if s.err == nil {
		s.err = &sandboxError{node: n, msg: fmt.Sprintf(format, args...), hint: hint}
	}
	return 0
}

// walk checks n and returns its static cost: the steps one evaluation of n takes, counting
// each loop body once (loop iterations are counted when the rule runs).
func (s *sandbox) walk(n ast.Node, depth int) int {
	if n == nil || s.err != nil {
		return 0
	}
	switch n := n.(type) {
	case *ast.NilNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.StringNode, *ast.ConstantNode, *ast.PointerNode:
		return 1
	case *ast.IdentifierNode:
		if n.Value == "$env" {
			return s.refuse(n, "name the fields you read", "$env is not allowed in a rule")
		}
		return 1
	case *ast.UnaryNode:
		return 1 + s.walk(n.Node, depth)
	case *ast.BinaryNode:
		return s.binary(n, depth)
	case *ast.ChainNode:
		return 1 + s.walk(n.Node, depth)
	case *ast.MemberNode:
		if s.prev && isPrevField(n) {
			return 1
		}
		c := 1 + s.walk(n.Node, depth) // what it reads from may say more ($env, a map literal)
		if _, byName := n.Property.(*ast.StringNode); byName {
			return s.refuse(n, "rules read fields by their names alone, e.g. art4_deadline",
				"reading a member by name (x.y, including methods such as date(...).Local()) is not allowed in a rule")
		}
		return c + s.walk(n.Property, depth)
	case *ast.SliceNode:
		return 1 + s.walk(n.Node, depth) + s.walk(n.From, depth) + s.walk(n.To, depth)
	case *ast.CallNode:
		// what is called on may say more (date(...).Local() names date's reason)
		if m, ok := n.Callee.(*ast.MemberNode); ok {
			s.walk(m.Node, depth)
		}
		for _, a := range n.Arguments {
			s.walk(a, depth)
		}
		if s.err != nil {
			return 0
		}
		if id, ok := n.Callee.(*ast.IdentifierNode); ok && dateFuncs[id.Value] != nil {
			return 1 + len(n.Arguments) // the date comparisons (expr_dates.go)
		}
		name := "a function"
		if m, ok := n.Callee.(*ast.MemberNode); ok {
			if p, ok := m.Property.(*ast.StringNode); ok {
				name = "the method " + p.Value
			}
		} else if id, ok := n.Callee.(*ast.IdentifierNode); ok {
			name = id.Value + "()"
		}
		return s.refuse(n, "a rule may call only "+allowedList(), "calling %s is not allowed in a rule", name)
	case *ast.BuiltinNode:
		return s.builtin(n, depth)
	case *ast.PredicateNode:
		return 1 + s.walk(n.Node, depth)
	case *ast.ConditionalNode:
		return 1 + s.walk(n.Cond, depth) + s.walk(n.Exp1, depth) + s.walk(n.Exp2, depth)
	case *ast.VariableDeclaratorNode:
		return 1 + s.walk(n.Value, depth) + s.walk(n.Expr, depth)
	case *ast.SequenceNode:
		c := 0
		for _, x := range n.Nodes {
			c += s.walk(x, depth)
		}
		return c
	case *ast.ArrayNode:
		c := 1
		for _, x := range n.Nodes {
			c += s.walk(x, depth)
		}
		return c
	case *ast.MapNode, *ast.PairNode:
		return s.refuse(n, "", "a map literal {...} is not allowed in a rule")
	}
	return s.refuse(n, "", "%T is not allowed in a rule", n)
}

func (s *sandbox) binary(n *ast.BinaryNode, depth int) int {
	c := 1 + s.walk(n.Left, depth) + s.walk(n.Right, depth)
	switch n.Operator {
	case "..":
		from, okf := intConst(n.Left)
		to, okt := intConst(n.Right)
		if !okf || !okt {
			return s.refuse(n, "write the bounds as numbers, e.g. 1..10", "a range a..b must have constant bounds")
		}
		if size := to - from + 1; size > maxRangeLen {
			return s.refuse(n, "", "the range %d..%d holds %d numbers; the limit is %d", from, to, size, maxRangeLen)
		} else if size > 0 {
			c += size
		}
	case "+":
		if n.Type() != nil && n.Type().Kind() == reflect.String {
			return s.refuse(n, "compare texts with ==, <, in, startsWith or contains", "joining texts with + is not allowed in a rule")
		}
	case "matches":
		if _, ok := n.Right.(*ast.StringNode); !ok {
			return s.refuse(n.Right, "", "the pattern of matches must be a literal text")
		}
	case "in":
		if !isLiteralList(n.Right) {
			c += maxRangeLen // a lookup in a list built at run time reads all of it
		}
	}
	return c
}

func (s *sandbox) builtin(n *ast.BuiltinNode, depth int) int {
	if reason, ok := forbidden[n.Name]; ok {
		return s.refuse(n, "a rule may call only "+allowedList(), "%s() is not allowed in a rule: %s", n.Name, reason)
	}
	if !allowedBuiltin[n.Name] {
		return s.refuse(n, "a rule may call only "+allowedList(), "%s() is not allowed in a rule", n.Name)
	}
	c := 1
	for _, a := range n.Arguments {
		p, isPred := a.(*ast.PredicateNode)
		if !isPred {
			c += s.walk(a, depth)
			if listBuiltins[n.Name] && !isLiteralList(a) {
				c += maxRangeLen
			}
			continue
		}
		s.loops = true
		if depth+1 > maxLoopDepth {
			return s.refuse(n, "take the inner loop out, or count in two indicators",
				"%s() is a loop nested %d deep; the limit is %d", n.Name, depth+1, maxLoopDepth)
		}
		c += 1 + s.walk(p.Node, depth+1)
	}
	return c
}

// intConst reads an integer literal, possibly negated.
func intConst(n ast.Node) (int, bool) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return n.Value, true
	case *ast.UnaryNode:
		if v, ok := intConst(n.Node); ok && n.Operator == "-" {
			return -v, true
		}
	}
	return 0, false
}

func isLiteralList(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ArrayNode:
		return true
	case *ast.BinaryNode:
		return n.Operator == ".."
	}
	return false
}

// bodyCost is the static cost of one iteration of a loop body, charged by the step counter.
func bodyCost(n ast.Node) int {
	s := &sandbox{}
	return max(1, s.walk(n, 0))
}

// tickName is the step counter's function name in a guarded program; no rule can name it (the
// sandbox refuses every function call).
const tickName = "__lap_step"

// tickPatcher puts a call of the step counter, with the body's cost, at the start of every
// loop body.
type tickPatcher struct{}

func (tickPatcher) Visit(n *ast.Node) {
	p, ok := (*n).(*ast.PredicateNode)
	if !ok {
		return
	}
	if seq, ok := p.Node.(*ast.SequenceNode); ok && len(seq.Nodes) == 2 {
		if c, ok := seq.Nodes[0].(*ast.CallNode); ok {
			if id, ok := c.Callee.(*ast.IdentifierNode); ok && id.Value == tickName {
				return // already counted
			}
		}
	}
	tick := &ast.CallNode{Callee: &ast.IdentifierNode{Value: tickName}, Arguments: []ast.Node{&ast.IntegerNode{Value: bodyCost(p.Node)}}}
	tick.SetLocation(p.Node.Location())
	body := &ast.SequenceNode{Nodes: []ast.Node{tick, p.Node}}
	body.SetLocation(p.Node.Location())
	p.Node = body
}

// errRuleBudget is the error of a rule that ran out of steps.
var errRuleBudget = fmt.Errorf("the rule ran more than %d steps in its loops for one year, the limit for one indicator; simplify the rule", ruleStepBudget)

// ruleBudget counts the steps of the guarded expressions one evaluator runs and looks at the
// context every ctxCheckSteps steps. It is not safe for concurrent use: each evaluator has its
// own.
type ruleBudget struct {
	ctx       context.Context
	used      int64
	nextCheck int64
	stopped   bool                        // out of steps or cancelled: stop the indicator
	programs  map[*vm.Program]*vm.Program // unguarded -> guarded, compiled for this budget
}

// reset starts a new indicator's count.
func (b *ruleBudget) reset() { b.used, b.nextCheck, b.stopped = 0, ctxCheckSteps, false }

func (b *ruleBudget) step(args ...any) (any, error) {
	b.used += int64(args[0].(int))
	if b.used > ruleStepBudget {
		return nil, errRuleBudget
	}
	if b.used >= b.nextCheck {
		b.nextCheck = b.used + ctxCheckSteps
		if b.ctx != nil {
			if err := b.ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
	return true, nil
}

// program returns the program to run for e: e's own, or for an expression with loops, one
// compiled with this budget's step counter in every loop body.
func (b *ruleBudget) program(e *Expr) (*vm.Program, error) {
	if !e.loops {
		return e.program, nil
	}
	if p := b.programs[e.program]; p != nil {
		return p, nil
	}
	opts := append(e.options(), expr.Patch(tickPatcher{}), expr.Function(tickName, b.step, new(func(int) bool)))
	p, err := expr.Compile(e.Source, opts...)
	if err != nil {
		return nil, fmt.Errorf("compile the rule with its step counter: %w", err)
	}
	if b.programs == nil {
		b.programs = map[*vm.Program]*vm.Program{}
	}
	b.programs[e.program] = p
	return p, nil
}

// stopsRun reports whether a rule's error is the run being cancelled rather than the rule's
// own failure.
func stopsRun(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// sandboxExprError places a sandbox refusal in the expression's text: at its node, or at
// the start when it is about the whole expression.
func sandboxExprError(src string, se *sandboxError) *exprError {
	var loc file.Location
	if se.node != nil {
		loc = se.node.Location()
	}
	fe := (&file.Error{Location: loc, Message: se.msg}).Bind(file.NewSource(src))
	return &exprError{code: CodeExprNotAllowed, msg: se.msg, hint: se.hint, line: fe.Line, col: fe.Column, snippet: strings.TrimPrefix(fe.Snippet, "\n")}
}

// run runs one expression for one State: an expression with loops with the evaluator's step
// counter. A rule out of steps or memory gets a plain error and stops the indicator
// (budget.stopped), as does a cancelled context.
func (ev *evaluator) run(e *Expr, se *stateEnv) (any, error) {
	prog, err := ev.budget.program(e)
	if err != nil {
		return nil, err
	}
	ev.machine.MemoryBudget = vmMemoryBudget
	out, err := ev.machine.Run(prog, &se.env)
	switch {
	case err == nil:
		return out, nil
	case errors.Is(err, errRuleBudget):
		ev.budget.stopped = true
		return nil, errRuleBudget
	case stopsRun(err):
		ev.budget.stopped = true
		return nil, err
	case strings.Contains(err.Error(), "memory budget exceeded"):
		ev.budget.stopped = true
		return nil, fmt.Errorf("the rule exceeded its memory budget: it builds lists of more than %d values in all", vmMemoryBudget)
	}
	return nil, err
}
