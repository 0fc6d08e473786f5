package engine

import (
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/expr-lang/expr/ast"
)

// Validation checks (docs/data.md, "Checks"): rules as data, in the style of DHIS2's validation
// rules, that say what State Party data must look like before it is scored. Each [[check]] of a
// checks/*.toml file beside the plan states the normal condition for one State in one year; a
// violation is raised when it is false. Load reads them with the plan; (*Plan).Validate runs
// them; `lap validate` prints the violations and `lap report` adds them as an annex.

// ChecksDir is the folder of check files in a plan directory.
const ChecksDir = "checks"

// Importance is how serious a violation is.
type Importance string

// The importances, from the most serious.
const (
	ImportanceError   Importance = "error"   // the data contradicts itself: fix it before scoring
	ImportanceWarning Importance = "warning" // unusual; worth a look, may be right
	ImportanceInfo    Importance = "info"    // worth knowing
)

// Importances lists the importances from the most serious.
var Importances = []Importance{ImportanceError, ImportanceWarning, ImportanceInfo}

func (i Importance) rank() int {
	for r, x := range Importances {
		if x == i {
			return r
		}
	}
	return len(Importances)
}

// MissingStrategy says what a check does when values it reads are absent, as DHIS2's
// missing-value strategy does.
type MissingStrategy string

// The strategies.
const (
	// SkipIfAny: no verdict when any value the rule reads strictly (outside ?? and presence
	// tests) is absent. The default of DHIS2 and the safe choice: unknown is never a violation.
	SkipIfAny MissingStrategy = "skip-if-any"
	// SkipIfAll: no verdict only when every value the rule reads is absent; otherwise an absent
	// number is taken as 0.
	SkipIfAll MissingStrategy = "skip-if-all"
	// NeverSkip: always a verdict; an absent number is taken as 0 (other absent values stay nil:
	// the rule handles them with ?? or presence tests).
	NeverSkip MissingStrategy = "never-skip"
)

var (
	importanceNames = []string{string(ImportanceError), string(ImportanceWarning), string(ImportanceInfo)}
	missingNames    = []string{string(SkipIfAny), string(SkipIfAll), string(NeverSkip)}
	checkIDPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	placeholder     = regexp.MustCompile(`\{([^{}]*)\}`)
	// noEnvField finds expr's message for prev.x when x is not a field of the rules' environment.
	noEnvField = regexp.MustCompile(`^type ` + regexp.QuoteMeta(reflect.TypeFor[ruleEnv]().String()) + ` has no field ([A-Za-z0-9_]+)`)
)

// Check names a check may read besides the data dictionary's fields: reportFacts lists the
// report-kind fields with a fact for the year (data dictionary §2.2).
const reportFactsName = "report_facts"

// ReportFactsName is the name a check reads the year's report facts by: a violation's values
// hold it with the facts' field codes joined by spaces.
const ReportFactsName = reportFactsName

// runParameters are fields that describe the run rather than the data: a check may read them
// without listing them in fields, and they are not shown among a violation's values.
var runParameters = map[string]bool{"year": true, "as_of": true, "ref_date": true}

// messageNames are the placeholders a message may use besides its fields.
var messageNames = []string{"state", "iso3", "year", "prev_year"}

// DataCheck is one validation check of the data.
type DataCheck struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Rule is the normal condition (an expression over one State's environment for one year,
	// with prev for the year before); a violation is raised when it is false.
	Rule string `json:"rule"`
	// When guards the check: it applies only where When is true.
	When       string          `json:"when,omitempty"`
	Importance Importance      `json:"importance"`
	Missing    MissingStrategy `json:"missing"`
	// Message is the violation's text; {field}, {prev.field}, {state}, {iso3}, {year} and
	// {prev_year} are replaced by their values.
	Message string `json:"message"`
	// Fields lists every field the rule and the guard read (prev.x for the year before; year,
	// as_of and ref_date may be left out) and any other the message shows.
	Fields []string `json:"fields"`
	Note   string   `json:"note,omitempty"`
	File   string   `json:"file"`
	Line   int      `json:"line"`

	rule, when checkExpr
	values     []checkField // Fields, resolved
}

// checkExpr is a compiled rule or guard with what it reads of the year before.
type checkExpr struct {
	Expr
	prev        []int    // schema indexes read as prev.x
	prevStrict  fieldSet // of those, read outside ?? and presence tests
	reportFacts bool     // reads report_facts
}

// checkField is one entry of a check's fields.
type checkField struct {
	name string // as written: "x", "prev.x" or "report_facts"
	fi   int    // schema index; -1 for report_facts
	prev bool
}

// checkEnv is a check's environment: one State in one year (ruleEnv), the year before (prev) and
// the report-kind fields with a fact for the year.
type checkEnv struct {
	ruleEnv
	Prev        *ruleEnv `expr:"prev"`
	ReportFacts []string `expr:"report_facts"`
}

// The check file schema.
type checkFile struct {
	Checks []checkTOML `toml:"check"`
}

type checkTOML struct {
	ID         string   `toml:"id"`
	Title      string   `toml:"title"`
	Rule       string   `toml:"rule"`
	When       string   `toml:"when"`
	Importance string   `toml:"importance"`
	Missing    string   `toml:"missing"`
	Message    string   `toml:"message"`
	Fields     []string `toml:"fields"`
	Note       string   `toml:"note"`
}

// Checks returns the plan's validation checks, in file order.
func (p *Plan) Checks() []DataCheck {
	out := make([]DataCheck, len(p.checks))
	for i, c := range p.checks {
		out[i] = *c
	}
	return out
}

// LoadChecks reads and compiles the check files names of fsys (every checks/*.toml file when
// names is empty) without a plan, for tools that validate check files alone. Any non-nil error
// is a Diagnostics.
func LoadChecks(fsys fs.FS, names []string) ([]DataCheck, error) {
	l := &loader{fsys: fsys, perFile: map[string]*FileReport{}}
	if len(names) == 0 {
		names = checkFiles(fsys)
	}
	for _, n := range names {
		l.loadCheckFile(n)
	}
	l.crossCheckChecks()
	if err := l.all.errorsOnly(); err != nil {
		return nil, err
	}
	out := make([]DataCheck, len(l.checks))
	for i, c := range l.checks {
		out[i] = *c
	}
	return out, nil
}

// checkFiles lists, sorted, the check files of a plan directory.
func checkFiles(fsys fs.FS) []string {
	names, _ := fs.Glob(fsys, path.Join(ChecksDir, "*.toml"))
	sort.Strings(names)
	return names
}

// loadCheckFile validates and compiles one check file.
func (l *loader) loadCheckFile(name string) {
	var cf checkFile
	doc, ok := l.decode(name, &cf)
	if !ok {
		return
	}
	if len(cf.Checks) == 0 {
		l.diag(&Diagnostic{Code: CodeMissingKey, File: name, Line: 1, Key: "check", Message: "the file has no [[check]] tables"})
	}
	for i := range cf.Checks {
		if c := l.check(doc, i, &cf.Checks[i]); c != nil {
			l.checks = append(l.checks, c)
			l.perFile[name].Checks++
		}
	}
}

// check validates and compiles one [[check]] table; nil when it has errors (reported).
func (l *loader) check(doc *tomlDoc, i int, ct *checkTOML) *DataCheck {
	k := "check[" + itoa(i) + "]"
	nerr := len(l.all)
	bad := func(code, key, format string, args ...any) *Diagnostic {
		d := doc.diag(code, k+"."+key, format, args...)
		d.IndicatorID = ct.ID
		l.diag(d)
		return d
	}
	for _, req := range []struct {
		key   string
		empty bool
	}{{"id", ct.ID == ""}, {"title", ct.Title == ""}, {"rule", ct.Rule == ""}, {"importance", ct.Importance == ""},
		{"missing", ct.Missing == ""}, {"message", ct.Message == ""}, {"fields", !doc.has(k + ".fields")}} {
		if req.empty {
			bad(CodeMissingKey, req.key, "missing required key %q", req.key)
		}
	}
	c := &DataCheck{ID: ct.ID, Title: ct.Title, Rule: ct.Rule, When: ct.When, Importance: Importance(ct.Importance),
		Missing: MissingStrategy(ct.Missing), Message: ct.Message, Fields: ct.Fields, Note: ct.Note, File: doc.file,
		Line: doc.lineOf(k, 0)}
	if ct.ID != "" && !checkIDPattern.MatchString(ct.ID) {
		bad(CodeBadValue, "id", "id %q must be lower-case words joined by hyphens, e.g. \"a4-cleared-within-remaining\"", ct.ID)
	}
	enum := func(key, v string, allowed []string) {
		if v == "" || contains(allowed, v) {
			return
		}
		d := bad(CodeBadValue, key, "%s %q is not one of %s", key, v, strings.Join(allowed, ", "))
		if s := suggest(v, allowed); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
	}
	enum("importance", ct.Importance, importanceNames)
	enum("missing", ct.Missing, missingNames)
	compile := func(key, src string) (checkExpr, bool) {
		e, node, xe := compileExprIn(src, wantBool, checkEnv{})
		if xe != nil {
			p := doc.at(k + "." + key)
			line, col := p.line, p.col
			if xe.line > 0 {
				line += xe.line - 1
				if xe.line == 1 {
					col += 1 + xe.col // skip the opening quote
				} else {
					col = xe.col + 1
				}
			}
			d := &Diagnostic{Code: xe.code, File: doc.file, Line: line, Col: col, Key: k + "." + key, IndicatorID: ct.ID,
				Message: key + ": " + xe.msg, Hint: xe.hint, Snippet: xe.snippet}
			if xe.code == CodeUnknownName && strings.HasPrefix(xe.msg, `unknown field "prev"`) {
				d.Message = key + ": prev is the year before: write prev.<field>"
			}
			if m := noEnvField.FindStringSubmatch(xe.msg); m != nil {
				d.Code, d.Message = CodeUnknownName, fmt.Sprintf("%s: unknown field \"prev.%s\": not in the data dictionary", key, m[1])
				if s := suggest(m[1], fieldNames); s != "" {
					d.Hint = fmt.Sprintf("did you mean \"prev.%s\"?", s)
				}
			}
			l.diag(d)
			return checkExpr{}, false
		}
		ce := checkExpr{Expr: e}
		var barePrev bool
		ce.prev, ce.prevStrict, ce.reportFacts, barePrev = analysePrev(node)
		if barePrev {
			bad(CodeUnknownName, key, "%s: prev is the year before: write prev.<field>", key)
			return ce, false
		}
		return ce, true
	}
	ruleOK, whenOK := false, true
	if ct.Rule != "" {
		c.rule, ruleOK = compile("rule", ct.Rule)
	}
	if ct.When != "" {
		c.when, whenOK = compile("when", ct.When)
	}
	if ruleOK && whenOK && doc.has(k+".fields") {
		c.values = l.checkCheckFields(bad, c)
	}
	if ct.Message != "" {
		l.checkMessage(bad, c)
	}
	if len(l.all) > nerr {
		return nil
	}
	return c
}

// checkCheckFields checks that fields lists exactly what the rule and the guard read, and
// resolves it.
func (l *loader) checkCheckFields(bad func(code, key, format string, args ...any) *Diagnostic, c *DataCheck) []checkField {
	read := map[string]bool{}
	for _, e := range []checkExpr{c.rule, c.when} {
		for _, n := range e.Reads {
			read[n] = true
		}
		for _, fi := range e.prev {
			read["prev."+schema[fi].Name] = true
		}
		if e.reportFacts {
			read[reportFactsName] = true
		}
	}
	var out []checkField
	given := map[string]bool{}
	var extra, missing []string
	for _, n := range c.Fields {
		cf := checkField{name: n, fi: -1}
		base := n
		if rest, ok := strings.CutPrefix(n, "prev."); ok {
			cf.prev, base = true, rest
		}
		if base == reportFactsName && !cf.prev {
			// a pseudo-field: no schema index
		} else if fi, ok := fieldIndex[base]; ok {
			cf.fi = fi
		} else {
			d := bad(CodeUnknownField, "fields", "fields lists %q, which is not in the data dictionary", n)
			if s := suggest(base, fieldNames); s != "" {
				d.Hint = fmt.Sprintf("did you mean %q?", strings.TrimSuffix(n, base)+s)
			}
			continue
		}
		if given[n] {
			bad(CodeFieldsMismatch, "fields", "fields lists %q twice", n)
			continue
		}
		given[n] = true
		if !read[n] {
			extra = append(extra, n)
		}
		out = append(out, cf)
	}
	for n := range read {
		if !given[n] && !runParameters[n] {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		bad(CodeFieldsMismatch, "fields", "fields does not list %s, which the rule or the guard reads", strings.Join(missing, ", "))
	}
	shown := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(c.Message, -1) {
		shown[m[1]] = true
	}
	var unused []string
	for _, n := range extra {
		if !shown[n] {
			unused = append(unused, n)
		}
	}
	if len(unused) > 0 {
		bad(CodeFieldsMismatch, "fields", "fields lists %s, which neither the rule nor the guard reads and the message does not show", strings.Join(unused, ", "))
	}
	return out
}

// checkMessage checks that every placeholder of the message names a field of the check or one
// of messageNames, and that braces are balanced.
func (l *loader) checkMessage(bad func(code, key, format string, args ...any) *Diagnostic, c *DataCheck) {
	rest := placeholder.ReplaceAllString(c.Message, "")
	if strings.ContainsAny(rest, "{}") {
		bad(CodeBadValue, "message", "message has an unbalanced { or }")
		return
	}
	known := append(append([]string(nil), messageNames...), c.Fields...)
	for _, m := range placeholder.FindAllStringSubmatch(c.Message, -1) {
		if contains(known, m[1]) {
			continue
		}
		d := bad(CodeUnknownName, "message", "message shows {%s}, which is not one of the check's fields or %s", m[1], strings.Join(messageNames, ", "))
		if s := suggest(m[1], known); s != "" {
			d.Hint = fmt.Sprintf("did you mean {%s}?", s)
		}
	}
}

// crossCheckChecks reports check ids used twice.
func (l *loader) crossCheckChecks() {
	seen := map[string]*DataCheck{}
	for _, c := range l.checks {
		if prev, dup := seen[c.ID]; dup {
			l.diag(&Diagnostic{Code: CodeDuplicateID, File: c.File, Line: c.Line, Key: "id", IndicatorID: c.ID,
				Message: fmt.Sprintf("check id %q is already defined at %s:%d", c.ID, prev.File, prev.Line)})
			continue
		}
		seen[c.ID] = c
	}
}

// analysePrev lists the fields an expression reads as prev.x, which of them it reads strictly,
// whether it reads report_facts, and whether it uses prev other than as prev.x.
func analysePrev(node ast.Node) ([]int, fieldSet, bool, bool) {
	rv := &readVisitor{lenient: map[ast.Node]bool{}, seen: map[int]bool{}}
	ast.Walk(&node, rv) // marks presence tests and the left of ??
	pv := &prevVisitor{lenient: rv.lenient, seen: map[int]bool{}, members: map[ast.Node]bool{}}
	ast.Walk(&node, pv)
	sort.Ints(pv.reads)
	bare := false
	for _, id := range pv.prevs {
		bare = bare || !pv.members[id]
	}
	return pv.reads, pv.strict, pv.reportFacts, bare
}

type prevVisitor struct {
	lenient     map[ast.Node]bool
	seen        map[int]bool
	reads       []int
	strict      fieldSet
	reportFacts bool
	prevs       []ast.Node        // every identifier prev
	members     map[ast.Node]bool // those that are the object of a prev.x
}

func (v *prevVisitor) Visit(n *ast.Node) {
	switch node := (*n).(type) {
	case *ast.IdentifierNode:
		if node.Value == reportFactsName {
			v.reportFacts = true
		}
		if node.Value == "prev" {
			v.prevs = append(v.prevs, node)
		}
	case *ast.MemberNode:
		id, ok := node.Node.(*ast.IdentifierNode)
		prop, ok2 := node.Property.(*ast.StringNode)
		if !ok || !ok2 || id.Value != "prev" {
			return
		}
		v.members[id] = true
		fi, ok := fieldIndex[prop.Value]
		if !ok {
			return
		}
		if !v.seen[fi] {
			v.seen[fi] = true
			v.reads = append(v.reads, fi)
		}
		if !v.lenient[node] && schema[fi].CanBeNil() {
			v.strict.add(fi)
		}
	}
}

// isPrevField reports whether n is prev.<field> for a field of the data dictionary.
func isPrevField(n *ast.MemberNode) bool {
	id, ok := n.Node.(*ast.IdentifierNode)
	prop, ok2 := n.Property.(*ast.StringNode)
	if !ok || !ok2 || id.Value != "prev" {
		return false
	}
	_, known := fieldIndex[prop.Value]
	return known
}
