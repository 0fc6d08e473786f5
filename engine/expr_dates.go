package engine

import (
	"fmt"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
)

// Dates in rules (docs/data.md, "Dates in rules"). Dates reach rules as text written as
// precisely as known: "2023-06-14", "2023-06" or "2023" (and "../2018" for "2018 or earlier").
// Text comparison would order them wrongly ("2023" < "2023-11-01" whatever day in 2023 is
// meant), so rules compare dates with four functions that answer as data dictionary §2.3 says:
// true or false when the spans decide, nil (unknown) when they do not.
//
//	before(a, b)        every day a can be is before every day b can be
//	after(a, b)         before(b, a)
//	on_or_before(a, b)  not after
//	on_or_after(a, b)   not before
//
// An argument is a date field or a date literal; nil (an absent field) gives nil. The
// operators <, <=, > and >= on a date field are refused at load with a hint to use them.

// dateFuncs are the rule functions over dates, by name.
var dateFuncs = map[string]func(a, b Date) triState{
	"before":       func(a, b Date) triState { return a.strictlyBefore(b) },
	"after":        func(a, b Date) triState { return b.strictlyBefore(a) },
	"on_or_before": func(a, b Date) triState { return a.onOrBefore(b) },
	"on_or_after":  func(a, b Date) triState { return b.onOrBefore(a) },
}

// dateFuncNames lists dateFuncs in a fixed order.
var dateFuncNames = []string{"after", "before", "on_or_after", "on_or_before"}

// dateFunctionOptions declares the date functions to expr (built once).
var dateFunctionOptions = sync.OnceValue(func() []expr.Option {
	out := make([]expr.Option, 0, len(dateFuncNames))
	for _, name := range dateFuncNames {
		name, cmp := name, dateFuncs[name]
		out = append(out, expr.Function(name, func(params ...any) (any, error) {
			var ds [2]Date
			for i, p := range params {
				s, ok := p.(string)
				if !ok { // nil: an absent field
					return nil, nil
				}
				d, err := parseRuleDate(s)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
				ds[i] = d
			}
			if v := cmp(ds[0], ds[1]).Bool(); v != nil {
				return *v, nil
			}
			return nil, nil
		}, new(func(string, string) *bool)))
	}
	return out
})

// parseRuleDate reads a date as the environment writes it: ParseDate's forms, or a span of
// days "first/last" that the engine derived.
func parseRuleDate(s string) (Date, error) {
	var d Date
	err := d.UnmarshalText([]byte(s))
	return d, err
}

// checkDates refuses ordering operators on date fields and date literals that do not parse,
// with the position in the expression.
func checkDates(src string, node ast.Node) *exprError {
	v := &dateVisitor{}
	ast.Walk(&node, v)
	if v.err == nil {
		return nil
	}
	e := toExprError((&file.Error{Location: v.at, Message: v.err.msg}).Bind(file.NewSource(src)))
	e.code, e.hint = v.err.code, v.err.hint
	return e
}

type dateVisitor struct {
	err *exprError
	at  file.Location
}

func (v *dateVisitor) fail(at file.Location, code, msg, hint string) {
	if v.err == nil {
		v.err, v.at = &exprError{code: code, msg: msg, hint: hint}, at
	}
}

func isDateField(n ast.Node) (string, bool) {
	id, ok := n.(*ast.IdentifierNode)
	if !ok {
		return "", false
	}
	i, ok := fieldIndex[id.Value]
	return id.Value, ok && schema[i].Type == TypeDate
}

func (v *dateVisitor) Visit(n *ast.Node) {
	switch node := (*n).(type) {
	case *ast.BinaryNode:
		switch node.Operator {
		case "<", "<=", ">", ">=":
			for _, side := range []ast.Node{node.Left, node.Right} {
				if name, ok := isDateField(side); ok {
					v.fail(node.Location(), CodeExprType,
						fmt.Sprintf("%s is a date: %q compares text, and a date may be a month or a year (2023-06, 2023)", name, node.Operator),
						"compare dates with before(a, b), after(a, b), on_or_before(a, b) or on_or_after(a, b), which give nil when the precision does not decide")
				}
			}
		}
	case *ast.CallNode:
		callee, ok := node.Callee.(*ast.IdentifierNode)
		if !ok || dateFuncs[callee.Value] == nil {
			return
		}
		for _, a := range node.Arguments {
			if s, ok := a.(*ast.StringNode); ok {
				if _, err := ParseDate(s.Value); err != nil {
					v.fail(a.Location(), CodeBadDate, fmt.Sprintf("%s: %v", callee.Value, err), "")
				}
			}
		}
	}
}
