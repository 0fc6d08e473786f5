package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Rule unit tests, modelled on `promtool test rules` and `opa test`. A test file (name ending
// in .test.toml) holds one or more [[test]] groups; each gives a small inline dataset (States
// and facts, in the same shape and with the same validation as states.csv and facts.csv) and
// [[test.case]] entries, each naming an indicator, a year and what the evaluation must give:
//
//	[[test]]
//	name = "membership"
//	as_of = 2026-06-30                 # optional default for the cases
//	states = [
//	  {iso3 = "NGA", region = "africa", ratified = 2023-02-28},
//	  {iso3 = "SSD", region = "africa", ratified = 2023-08-03, entry_into_force = 2024-02-01},
//	]
//	facts = [
//	  {iso3 = "NGA", year = 2023, field = "art7_annual_submitted", value = 2024-04-12},
//	]
//
//	[[test.case]]
//	name = "South Sudan counts from its deposit"
//	indicator = "10.1"
//	year = 2023
//	counting = "deposit"               # optional; default the plan's
//	want = 2                           # the value (tolerance defaults to 1e-9)
//	want_counted = ["NGA", "SSD"]      # optional: exact lists, in any order
//
// A case of a data check (check.go) names the check instead of an indicator and lists the States
// whose data must violate it (ruletest_check.go):
//
//	[[test.case]]
//	check = "a4-cleared-within-remaining"
//	year = 2024
//	want_violations = ["LBN"]         # exactly these States violate it
//	want_passed = ["DEU"]              # optional: exactly these pass
//	want_skipped = ["BIH"]             # optional: exactly these are skipped for missing values
//	want_message = "90,000,000 m²"     # optional: every violation's message contains it
//
// A case name starting with todo_ marks the case skipped.

// RuleTestOutcome is how one rule test case ended.
type RuleTestOutcome string

// The outcomes.
const (
	RuleTestPass RuleTestOutcome = "pass"
	RuleTestFail RuleTestOutcome = "fail" // the evaluation differs from an expectation
	RuleTestSkip RuleTestOutcome = "skip" // the case name starts with todo_
)

// ruleTestSuffix is how a rule test file's name ends.
const ruleTestSuffix = ".test.toml"

// defaultTolerance is the absolute difference a value may have from `want` by default.
const defaultTolerance = 1e-9

// RuleTestMismatch is one expectation a case did not meet.
type RuleTestMismatch struct {
	What string `json:"what"` // value, status, population, counted, not_counted, no_data, error
	Want string `json:"want"`
	Got  string `json:"got"`
	Diff string `json:"diff,omitempty"` // for lists: which States are missing or extra
}

// RuleTestResult is the outcome of one rule test case, with what the evaluation gave.
type RuleTestResult struct {
	File       string             `json:"file"`
	Line       int                `json:"line"`
	Test       string             `json:"test"`
	Case       string             `json:"case"`
	Indicator  string             `json:"indicator,omitempty"`
	Check      string             `json:"check,omitempty"` // a case of a data check (ruletest_check.go)
	Year       int                `json:"year"`
	AsOf       string             `json:"as_of"`
	Counting   Counting           `json:"counting"`
	Outcome    RuleTestOutcome    `json:"outcome"`
	Mismatches []RuleTestMismatch `json:"mismatches,omitempty"`
	Title      string             `json:"title"`
	Population string             `json:"population"` // the indicator's expressions
	Rule       string             `json:"rule"`
	// Got is the indicator's result, traced: every State's outcome and the values it read.
	Got *IndicatorResult `json:"got,omitempty"`
	// GotCheck is a data check's outcome for every State, for a case of a check.
	GotCheck []CheckStateResult `json:"got_check,omitempty"`
}

// Name is the case's full name: test group and case, "membership/South Sudan counts".
func (r *RuleTestResult) Name() string { return r.Test + "/" + r.Case }

// Pass reports whether the case passed (skipped cases do not).
func (r *RuleTestResult) Pass() bool { return r.Outcome == RuleTestPass }

// Explain renders a case for a person: its position and name, then, when it did not pass,
// every expectation it missed (want against got), the indicator's expressions and each
// State's outcome with the values it read.
func (r *RuleTestResult) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s:%d: %s\n", strings.ToUpper(string(r.Outcome)), r.File, r.Line, r.Name())
	if r.Check != "" {
		r.explainCheck(&b)
		return b.String()
	}
	fmt.Fprintf(&b, "  indicator %s %q, year %d, counting %s, as_of %s\n", r.Indicator, r.Title, r.Year, r.Counting, r.AsOf)
	if r.Outcome == RuleTestPass || r.Outcome == RuleTestSkip {
		return b.String()
	}
	if len(r.Mismatches) > 0 {
		b.WriteString("  want / got:\n")
	}
	for _, m := range r.Mismatches {
		fmt.Fprintf(&b, "    %-12s want %s, got %s", m.What, m.Want, m.Got)
		if m.Diff != "" {
			fmt.Fprintf(&b, " (%s)", m.Diff)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "  expressions:\n    %-12s %s\n    %-12s %s\n", "population", oneLine(r.Population), "rule", oneLine(r.Rule))
	if g := r.Got; g != nil {
		fmt.Fprintf(&b, "  result: status %s, value %s, population %d, known %d\n", g.Status, formatNumber(g.Value), g.Population, g.Known)
		fmt.Fprintf(&b, "    %-12s %s\n    %-12s %s\n    %-12s %s\n", "counted", listText(g.Counted), "not counted", listText(g.NotCounted), "no data", listText(g.NoData))
		if g.Error != "" {
			fmt.Fprintf(&b, "    %-12s %s\n", "error", g.Error)
		}
		if len(g.States) > 0 {
			b.WriteString("  States:\n")
			for _, so := range g.States {
				b.WriteString("    " + stateLine(so) + "\n")
			}
		}
	}
	return b.String()
}

func dateText(d Date) string {
	if d.IsZero() {
		return "none"
	}
	return d.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func listText(l []string) string {
	if len(l) == 0 {
		return "-"
	}
	return strings.Join(l, " ")
}

func formatNumber(v *float64) string {
	if v == nil {
		return "nil"
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}

// stateLine renders one State's traced outcome: what happened and the values it read.
func stateLine(so StateOutcome) string {
	var what string
	switch {
	case so.Error != "":
		what = "error: " + so.Error
	case !so.InPopulation:
		what = "outside population"
	case len(so.Unknown) > 0:
		what = "no data (" + strings.Join(so.Unknown, ", ") + " unknown)"
	case so.Result == nil:
		what = "no data"
	default:
		what = fmt.Sprintf("result %v", so.Result)
	}
	var vals []string
	for _, fr := range so.Values {
		v := "nil"
		if fr.Value != nil {
			v = fmt.Sprint(fr.Value)
		}
		vals = append(vals, fr.Field+"="+v)
	}
	return fmt.Sprintf("%s  %s  [%s]", so.ISO3, what, strings.Join(vals, " "))
}

// RuleTestSummary counts outcomes.
type RuleTestSummary struct {
	Total int `json:"total"`
	Pass  int `json:"pass"`
	Fail  int `json:"fail"`
	Skip  int `json:"skip"`
}

// SummarizeRuleTests counts the outcomes of results.
func SummarizeRuleTests(results []RuleTestResult) RuleTestSummary {
	s := RuleTestSummary{Total: len(results)}
	for _, r := range results {
		switch r.Outcome {
		case RuleTestPass:
			s.Pass++
		case RuleTestFail:
			s.Fail++
		case RuleTestSkip:
			s.Skip++
		}
	}
	return s
}

// FindRuleTests lists, sorted, every rule test file (name ending in .test.toml) under the root
// of fsys.
func FindRuleTests(fsys fs.FS) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ruleTestSuffix) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find rule tests: %w", err)
	}
	sort.Strings(out)
	return out, nil
}

// RunRuleTests reads the rule test files at paths in fsys (every *.test.toml file under its
// root when paths is empty), checks them against plan, and runs every case whose full name
// (test/case) or indicator id matches filter (every case when filter is nil).
//
// Results come in file order, then in the order of the tests and cases in each file. The error
// is non-nil when the files cannot be used: it is then a Diagnostics listing every problem in
// every file (file:line, unknown keys, bad values, unknown indicators or States), and no case
// runs. A case that fails is a result, not an error.
func RunRuleTests(ctx context.Context, plan *Plan, fsys fs.FS, paths []string, filter *regexp.Regexp) ([]RuleTestResult, error) {
	if plan == nil {
		return nil, errors.New("run rule tests: no plan")
	}
	if len(paths) == 0 {
		found, err := FindRuleTests(fsys)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, Diagnostics{{Code: CodeNoPlanFile, File: ".", Message: "no rule test files (*" + ruleTestSuffix + ") found"}}
		}
		paths = found
	}
	var diags Diagnostics
	var suites []*ruleTestSuite
	for _, p := range paths {
		if s := loadRuleTestFile(plan, fsys, p, &diags); s != nil {
			suites = append(suites, s)
		}
	}
	if err := diags.errorsOnly(); err != nil {
		return nil, err
	}
	var out []RuleTestResult
	for _, s := range suites {
		for _, g := range s.groups {
			for _, c := range g.cases {
				if filter != nil && !filter.MatchString(g.name+"/"+c.name) && !filter.MatchString(c.indicator+c.dataCheck) {
					continue
				}
				r, err := runRuleTestCase(ctx, plan, s.file, g, c)
				if err != nil {
					return out, err
				}
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// ruleTestSuite is one validated test file.
type ruleTestSuite struct {
	file   string
	groups []*ruleTestGroupRun
}

type ruleTestGroupRun struct {
	name  string
	ds    *Dataset
	cases []*ruleTestCaseRun
}

type ruleTestCaseRun struct {
	name, indicator             string
	dataCheck                   string    // a case of a data check instead of an indicator
	wantViolations, wantPassed  *[]string // check cases
	wantSkipped                 *[]string
	wantMessage                 string
	line, year                  int
	asOf                        Date
	counting                    Counting
	want, tolerance             *float64
	wantStatus, wantError       string
	wantPopulation              *int
	counted, notCounted, noData *[]string
}

func runRuleTestCase(ctx context.Context, plan *Plan, file string, g *ruleTestGroupRun, c *ruleTestCaseRun) (RuleTestResult, error) {
	if c.dataCheck != "" {
		return runCheckTestCase(ctx, plan, file, g, c)
	}
	ind := plan.byID[c.indicator]
	r := RuleTestResult{File: file, Line: c.line, Test: g.name, Case: c.name, Indicator: c.indicator, Year: c.year,
		Title: ind.Title, Population: ind.Population.Source, Rule: ind.Rule.Source}
	asOf, skip := c.settle(&r, plan, g)
	if skip {
		return r, nil
	}
	opts := []EvalOption{Only(regexp.MustCompile("^" + regexp.QuoteMeta(c.indicator) + "$")), Trace(), AsOf(asOf), WithCounting(r.Counting)}
	res, err := plan.Evaluate(ctx, g.ds, c.year, opts...)
	if err != nil { // a cancelled context; the files were validated so that every case can run
		return r, fmt.Errorf("run rule test %s: %w", r.Name(), err)
	}
	got := res.Indicators[0]
	r.Got = &got
	r.Mismatches = c.check(&got)
	r.Outcome = RuleTestPass
	if len(r.Mismatches) > 0 {
		r.Outcome = RuleTestFail
	}
	return r, nil
}

// settle fills what every kind of case's result shares: the counting convention (the case's,
// else the plan's), the as_of date (the case's, else the latest date of the test's data) and
// the skip of a todo_ case.
func (c *ruleTestCaseRun) settle(r *RuleTestResult, plan *Plan, g *ruleTestGroupRun) (asOf Date, skip bool) {
	r.Counting = plan.counting
	if c.counting != "" {
		r.Counting = c.counting
	}
	asOf = c.asOf
	if asOf.IsZero() {
		asOf = g.ds.latest
	}
	r.AsOf = asOf.String()
	if strings.HasPrefix(c.name, "todo_") {
		r.Outcome = RuleTestSkip
		return asOf, true
	}
	return asOf, false
}

// check compares an indicator result with the case's expectations.
func (c *ruleTestCaseRun) check(got *IndicatorResult) []RuleTestMismatch {
	var ms []RuleTestMismatch
	wantStatus := c.wantStatus
	// a value alone asks for a computed value: ok, or too-few (computed over fewer States
	// than min_population, which the tiny datasets of rule tests usually are)
	computed := wantStatus == "" && c.want != nil && (got.Status == ValueOK || got.Status == ValueTooFew)
	if wantStatus == "" && c.want != nil {
		wantStatus = string(ValueOK)
	}
	if wantStatus != "" && string(got.Status) != wantStatus && !computed {
		g := string(got.Status)
		if got.Error != "" {
			g += " (" + got.Error + ")"
		}
		ms = append(ms, RuleTestMismatch{What: "status", Want: wantStatus, Got: g})
	}
	if c.want != nil {
		tol := defaultTolerance
		if c.tolerance != nil {
			tol = *c.tolerance
		}
		// The slack absorbs rounding at the boundary: 3 - 2.9 is 0.10000000000000009.
		slack := 1e-12 * math.Max(1, math.Abs(*c.want))
		if got.Value == nil || math.Abs(*got.Value-*c.want) > tol+slack {
			m := RuleTestMismatch{What: "value", Want: formatNumber(c.want), Got: formatNumber(got.Value)}
			if got.Value != nil && tol != defaultTolerance {
				m.Diff = fmt.Sprintf("off by %g, tolerance %g", math.Abs(*got.Value-*c.want), tol)
			}
			ms = append(ms, m)
		}
	}
	if c.wantError != "" && !strings.Contains(got.Error, c.wantError) {
		ms = append(ms, RuleTestMismatch{What: "error", Want: strconv.Quote(c.wantError), Got: strconv.Quote(got.Error)})
	}
	if c.wantPopulation != nil && got.Population != *c.wantPopulation {
		ms = append(ms, RuleTestMismatch{What: "population", Want: strconv.Itoa(*c.wantPopulation), Got: strconv.Itoa(got.Population)})
	}
	for _, l := range []struct {
		what string
		want *[]string
		got  []string
	}{{"counted", c.counted, got.Counted}, {"not_counted", c.notCounted, got.NotCounted}, {"no_data", c.noData, got.NoData}} {
		if l.want == nil {
			continue
		}
		if m, ok := compareStates(l.what, *l.want, l.got); !ok {
			ms = append(ms, m)
		}
	}
	return ms
}

// compareStates compares two lists of ISO3 codes as sets.
func compareStates(what string, want, got []string) (RuleTestMismatch, bool) {
	w := append([]string(nil), want...)
	g := append([]string(nil), got...)
	sort.Strings(w)
	sort.Strings(g)
	if strings.Join(w, " ") == strings.Join(g, " ") {
		return RuleTestMismatch{}, true
	}
	var missing, extra []string
	for _, s := range w {
		if !contains(g, s) {
			missing = append(missing, s)
		}
	}
	for _, s := range g {
		if !contains(w, s) {
			extra = append(extra, s)
		}
	}
	var diff []string
	if len(missing) > 0 {
		diff = append(diff, "missing "+strings.Join(missing, " "))
	}
	if len(extra) > 0 {
		diff = append(diff, "unexpected "+strings.Join(extra, " "))
	}
	return RuleTestMismatch{What: what, Want: "[" + strings.Join(w, " ") + "]", Got: "[" + strings.Join(g, " ") + "]", Diff: strings.Join(diff, "; ")}, false
}

// The test file schema.

type ruleTestFile struct {
	Tests []ruleTestGroup `toml:"test"`
}

type ruleTestGroup struct {
	Name     string          `toml:"name"`
	AsOf     tomlText        `toml:"as_of"`
	Counting string          `toml:"counting"`
	States   []ruleTestState `toml:"states"`
	Facts    []ruleTestFact  `toml:"facts"`
	Cases    []ruleTestCase  `toml:"case"`
}

type ruleTestState struct {
	ISO3           string   `toml:"iso3"`
	Name           string   `toml:"name"`
	Region         string   `toml:"region"`
	Signed         tomlText `toml:"signed"`
	Ratified       tomlText `toml:"ratified"`
	EntryIntoForce tomlText `toml:"entry_into_force"`
	Withdrawn      tomlText `toml:"withdrawn"`
	Class          string   `toml:"class"`
}

type ruleTestFact struct {
	ISO3   string   `toml:"iso3"`
	Year   *int     `toml:"year"`
	Field  string   `toml:"field"`
	Value  tomlText `toml:"value"`
	Source string   `toml:"source"`
	Class  string   `toml:"class"`
}

type ruleTestCase struct {
	Name           string    `toml:"name"`
	Indicator      string    `toml:"indicator"`
	Check          string    `toml:"check"`
	Year           int       `toml:"year"`
	AsOf           tomlText  `toml:"as_of"`
	Counting       string    `toml:"counting"`
	Want           *float64  `toml:"want"`
	Tolerance      *float64  `toml:"tolerance"`
	WantStatus     string    `toml:"want_status"`
	WantError      string    `toml:"want_error"`
	WantPopulation *int      `toml:"want_population"`
	WantCounted    *[]string `toml:"want_counted"`
	WantNotCounted *[]string `toml:"want_not_counted"`
	WantNoData     *[]string `toml:"want_no_data"`
	// for a case of a data check
	WantViolations *[]string `toml:"want_violations"`
	WantPassed     *[]string `toml:"want_passed"`
	WantSkipped    *[]string `toml:"want_skipped"`
	WantMessage    string    `toml:"want_message"`
}

// tomlText is a value written as a TOML string, integer, float, boolean or local date, kept as
// text in the syntax of facts.csv. Anything else (a date-time, an array) is recorded as a
// problem and reported with the position of its table.
type tomlText struct {
	text    string
	set     bool
	problem string
}

// UnmarshalTOML implements toml.Unmarshaler.
func (t *tomlText) UnmarshalTOML(v any) error {
	t.set = true
	switch x := v.(type) {
	case string:
		t.text = x
	case int64:
		t.text = strconv.FormatInt(x, 10)
	case float64:
		t.text = strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		t.text = strconv.FormatBool(x)
	case time.Time:
		if x.Location().String() != "date-local" {
			t.problem = fmt.Sprintf("%s is a date-time; write a date, YYYY-MM-DD", x.Format(time.RFC3339))
			return nil
		}
		t.text = x.Format("2006-01-02")
	default:
		t.problem = fmt.Sprintf("a %T is not a value; write a string, number, boolean or date", v)
	}
	return nil
}

var validStatuses = []string{string(ValueOK), string(ValueTooFew), string(ValueMissing), string(ValueError)}

// ruleTestLoader validates one test file.
type ruleTestLoader struct {
	plan  *Plan
	file  string
	pos   map[string]position
	lines []string
	diags *Diagnostics
	bad   bool
}

func (l *ruleTestLoader) diag(code string, line int, key, format string, args ...any) *Diagnostic {
	d := &Diagnostic{Code: code, File: l.file, Line: line, Key: key, Message: fmt.Sprintf(format, args...)}
	*l.diags = append(*l.diags, d)
	l.bad = true
	return d
}

func loadRuleTestFile(plan *Plan, fsys fs.FS, name string, diags *Diagnostics) *ruleTestSuite {
	var f ruleTestFile
	doc, _, ds := readTOML(fsys, name, &f)
	*diags = append(*diags, ds...)
	if doc == nil {
		return nil
	}
	l := &ruleTestLoader{plan: plan, file: name, pos: doc.pos, lines: doc.lines, diags: diags, bad: len(ds) > 0}
	if len(f.Tests) == 0 {
		l.diag(CodeMissingKey, 1, "test", "the file has no [[test]] tables")
	}
	s := &ruleTestSuite{file: name}
	caseBase := 0 // index of the group's first case among all [[test.case]] tables of the file
	names := map[string]int{}
	for i := range f.Tests {
		g := l.group(i, &f.Tests[i], caseBase)
		caseBase += len(f.Tests[i].Cases)
		if g == nil {
			continue
		}
		if prev, dup := names[g.name]; dup {
			l.diag(CodeDuplicateID, l.pos["test["+itoa(i)+"]"].line, "test["+itoa(i)+"].name", "test %q is already defined at line %d", g.name, prev)
		}
		names[g.name] = l.pos["test["+itoa(i)+"]"].line
		s.groups = append(s.groups, g)
	}
	if l.bad {
		return nil
	}
	return s
}

// group validates one [[test]] table and builds its dataset. caseBase is the global index of
// its first [[test.case]] table (keyPositions numbers them across the file).
func (l *ruleTestLoader) group(i int, tg *ruleTestGroup, caseBase int) *ruleTestGroupRun {
	k := "test[" + itoa(i) + "]"
	line := l.pos[k].line
	g := &ruleTestGroupRun{name: tg.Name}
	if g.name == "" {
		g.name = "test " + itoa(i+1)
	}
	before := len(*l.diags)
	groupAsOf := l.date(tg.AsOf, l.lineOf(k+".as_of", line), k+".as_of")
	if tg.Counting != "" && !Counting(tg.Counting).Valid() {
		l.diag(CodeBadValue, l.lineOf(k+".counting", line), k+".counting", "counting %q must be %q or %q", tg.Counting, CountingDeposit, CountingEntryIntoForce)
	}
	if len(tg.States) == 0 {
		l.diag(CodeMissingKey, line, k+".states", "test %q has no states", g.name)
	}
	if len(tg.Cases) == 0 {
		l.diag(CodeMissingKey, line, k+".case", "test %q has no [[test.case]] tables", g.name)
	}
	g.ds = l.dataset(k, line, tg)
	caseNames := map[string]int{}
	for j := range tg.Cases {
		ck := "test.case[" + itoa(caseBase+j) + "]"
		c := l.testCase(ck, &tg.Cases[j], tg, groupAsOf)
		if prev, dup := caseNames[c.name]; dup {
			l.diag(CodeDuplicateID, c.line, ck+".name", "case %q is already defined at line %d", c.name, prev)
		}
		caseNames[c.name] = c.line
		if c.asOf.IsZero() && g.ds != nil && tg.Cases[j].Year != 0 && NewDate(c.year, time.January, 1).After(g.ds.latest) {
			l.diag(CodeBadYear, l.lineOf(ck+".year", c.line), ck+".year", "year %d starts after the latest date in the test's data (%s), the default as_of; give as_of", c.year, dateText(g.ds.latest))
		}
		g.cases = append(g.cases, c)
	}
	if len(*l.diags) > before {
		return nil
	}
	return g
}

// lineOf is the line of a key, or fallback when it was not found.
func (l *ruleTestLoader) lineOf(key string, fallback int) int {
	if p, ok := l.pos[key]; ok {
		return p.line
	}
	return fallback
}

func (l *ruleTestLoader) date(t tomlText, line int, key string) Date {
	if !t.set {
		return Date{}
	}
	if t.problem != "" {
		l.diag(CodeBadValue, line, key, "%s", t.problem)
		return Date{}
	}
	d, err := ParseDay(t.text)
	if err != nil {
		l.diag(CodeBadDate, line, key, "%v", err)
	}
	return d
}

// dataset validates the group's States and facts exactly as states.csv and facts.csv rows,
// with each element's line in the test file as its position.
func (l *ruleTestLoader) dataset(k string, line int, tg *ruleTestGroup) *Dataset {
	var diags Diagnostics
	b := newBuilder(&diags)
	stateLines := arrayElementLines(l.lines, l.lineOf(k+".states", line))
	for e, s := range tg.States {
		r := &row{file: l.file, line: elementLine(stateLines, e, line), cols: map[string]int{}, vals: map[string]string{
			"iso3": s.ISO3, "name": s.Name, "region": s.Region, "signed": s.Signed.text, "ratified": s.Ratified.text,
			"entry_into_force": s.EntryIntoForce.text, "withdrawn": s.Withdrawn.text, "class": s.Class}}
		if r.vals["name"] == "" {
			r.vals["name"] = s.ISO3
		}
		for key, t := range map[string]tomlText{"signed": s.Signed, "ratified": s.Ratified, "entry_into_force": s.EntryIntoForce, "withdrawn": s.Withdrawn} {
			if t.problem != "" {
				diags = append(diags, r.diag(CodeBadValue, key, "%s: %s", key, t.problem))
				r.vals[key] = ""
			}
		}
		b.stateRow(r)
	}
	factLines := arrayElementLines(l.lines, l.lineOf(k+".facts", line))
	for e, f := range tg.Facts {
		r := &row{file: l.file, line: elementLine(factLines, e, line), cols: map[string]int{}, vals: map[string]string{
			"iso3": f.ISO3, "field": f.Field, "value": f.Value.text, "source": f.Source, "class": f.Class}}
		if f.Source == "" {
			r.vals["source"] = "rule test " + path.Base(l.file)
		}
		if f.Value.problem != "" {
			diags = append(diags, r.diag(CodeBadValue, "value", "value: %s", f.Value.problem))
			continue
		}
		if f.Year != nil {
			r.vals["year"] = strconv.Itoa(*f.Year)
		}
		b.factRow(r)
	}
	for _, d := range diags {
		d.Col = 0 // columns of a CSV row mean nothing here
	}
	*l.diags = append(*l.diags, diags...)
	if diags.HasErrors() || len(tg.States) == 0 {
		l.bad = l.bad || diags.HasErrors()
		return nil
	}
	return b.finish()
}

// testCase validates one [[test.case]] table.
func (l *ruleTestLoader) testCase(k string, tc *ruleTestCase, tg *ruleTestGroup, groupAsOf Date) *ruleTestCaseRun {
	line := l.pos[k].line
	at := func(key string) int { return l.lineOf(k+"."+key, line) }
	c := &ruleTestCaseRun{name: tc.Name, indicator: tc.Indicator, dataCheck: tc.Check, line: line, year: tc.Year, want: tc.Want,
		wantViolations: tc.WantViolations, wantPassed: tc.WantPassed, wantSkipped: tc.WantSkipped, wantMessage: tc.WantMessage,
		tolerance: tc.Tolerance, wantStatus: tc.WantStatus, wantError: tc.WantError, wantPopulation: tc.WantPopulation,
		counted: tc.WantCounted, notCounted: tc.WantNotCounted, noData: tc.WantNoData, asOf: groupAsOf, counting: Counting(tg.Counting)}
	if c.name == "" {
		c.name = fmt.Sprintf("%s %d", tc.Indicator+tc.Check, tc.Year)
		if tc.Counting != "" {
			c.name += " " + tc.Counting
		}
		if tc.Indicator+tc.Check == "" || tc.Year == 0 {
			c.name = "case at line " + itoa(line)
		}
	}
	isCheck := tc.Check != "" || tc.Indicator == "" && (tc.WantViolations != nil || tc.WantPassed != nil || tc.WantSkipped != nil)
	switch _, ok := l.plan.byID[tc.Indicator]; {
	case isCheck:
		l.checkCase(k, tc, c, at)
	case tc.Indicator == "":
		l.diag(CodeMissingKey, line, k+".indicator", "case %q has no indicator", c.name)
	case !ok:
		d := l.diag(CodeBadValue, at("indicator"), k+".indicator", "unknown indicator %q: the plan %s has no such id", tc.Indicator, l.plan.name)
		ids := make([]string, 0, len(l.plan.indicators))
		for _, ind := range l.plan.indicators {
			ids = append(ids, ind.ID)
		}
		if s := suggest(tc.Indicator, ids); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
	}
	switch {
	case tc.Year == 0:
		l.diag(CodeMissingKey, line, k+".year", "case %q has no year", c.name)
	case tc.Year < 1900 || tc.Year > 2200:
		l.diag(CodeBadYear, at("year"), k+".year", "year %d is not between 1900 and 2200", tc.Year)
	}
	if tc.AsOf.set {
		c.asOf = l.date(tc.AsOf, at("as_of"), k+".as_of")
	}
	if !c.asOf.IsZero() && tc.Year != 0 && NewDate(tc.Year, time.January, 1).After(c.asOf) {
		l.diag(CodeBadYear, at("year"), k+".year", "year %d starts after as_of %s, so it cannot be evaluated", tc.Year, c.asOf)
	}
	if tc.Counting != "" {
		c.counting = Counting(tc.Counting)
		if !c.counting.Valid() {
			l.diag(CodeBadValue, at("counting"), k+".counting", "counting %q must be %q or %q", tc.Counting, CountingDeposit, CountingEntryIntoForce)
		}
	}
	if tc.WantStatus != "" && !contains(validStatuses, tc.WantStatus) {
		d := l.diag(CodeBadValue, at("want_status"), k+".want_status", "want_status %q is not one of %s", tc.WantStatus, strings.Join(validStatuses, ", "))
		if s := suggest(tc.WantStatus, validStatuses); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
	}
	if tc.Tolerance != nil && (*tc.Tolerance < 0 || math.IsNaN(*tc.Tolerance)) {
		l.diag(CodeBadValue, at("tolerance"), k+".tolerance", "tolerance %g must not be negative", *tc.Tolerance)
	}
	if tc.Tolerance != nil && tc.Want == nil {
		l.diag(CodeBadValue, at("tolerance"), k+".tolerance", "tolerance given without want")
	}
	if tc.Want != nil && (math.IsNaN(*tc.Want) || math.IsInf(*tc.Want, 0)) {
		l.diag(CodeBadValue, at("want"), k+".want", "want %g is not a number", *tc.Want)
	}
	if tc.WantPopulation != nil && *tc.WantPopulation < 0 {
		l.diag(CodeBadValue, at("want_population"), k+".want_population", "want_population %d is negative", *tc.WantPopulation)
	}
	if !isCheck && tc.Want == nil && tc.WantStatus == "" && tc.WantError == "" && tc.WantPopulation == nil && tc.WantCounted == nil && tc.WantNotCounted == nil && tc.WantNoData == nil {
		l.diag(CodeMissingKey, line, k+".want", "case %q expects nothing: give want, want_status, want_error, want_population or a want_ list", c.name)
	}
	if tc.WantStatus != "" && tc.WantStatus != string(ValueOK) && tc.WantStatus != string(ValueTooFew) && tc.Want != nil {
		l.diag(CodeBadValue, at("want"), k+".want", "want %g contradicts want_status %q: only an ok or too-few result has a value", *tc.Want, tc.WantStatus)
	}
	isos := make([]string, 0, len(tg.States))
	for _, s := range tg.States {
		isos = append(isos, s.ISO3)
	}
	for key, list := range map[string]*[]string{"want_counted": tc.WantCounted, "want_not_counted": tc.WantNotCounted, "want_no_data": tc.WantNoData,
		"want_violations": tc.WantViolations, "want_passed": tc.WantPassed, "want_skipped": tc.WantSkipped} {
		if list == nil {
			continue
		}
		seen := map[string]bool{}
		for _, iso := range *list {
			switch {
			case seen[iso]:
				l.diag(CodeBadValue, at(key), k+"."+key, "%s lists %s twice", key, iso)
			case !contains(isos, iso):
				d := l.diag(CodeUnknownState, at(key), k+"."+key, "%s lists %q, which is not one of the test's states", key, iso)
				if s := suggest(iso, isos); s != "" {
					d.Hint = fmt.Sprintf("did you mean %q?", s)
				}
			}
			seen[iso] = true
		}
	}
	return c
}

// elementLine is the line of element e of an array, or fallback when it is unknown.
func elementLine(lines []int, e, fallback int) int {
	if e < len(lines) {
		return lines[e]
	}
	return fallback
}

// arrayElementLines finds, for the array value of the key on line keyLine (1-based), the line
// on which each of its inline-table elements opens. It understands strings and comments well
// enough for hand-written test files; when it finds nothing, callers fall back to the key's
// line.
func arrayElementLines(lines []string, keyLine int) []int {
	if keyLine < 1 || keyLine > len(lines) {
		return nil
	}
	first := lines[keyLine-1]
	eq := strings.Index(first, "=")
	if eq < 0 {
		return nil
	}
	var out []int
	depthArr, depthTbl := 0, 0
	var quote byte
	for li := keyLine - 1; li < len(lines); li++ {
		text := lines[li]
		start := 0
		if li == keyLine-1 {
			start = eq + 1
		}
		for i := start; i < len(text); i++ {
			ch := text[i]
			if quote != 0 {
				switch {
				case ch == '\\' && quote == '"':
					i++
				case ch == quote:
					quote = 0
				}
				continue
			}
			switch ch {
			case '"', '\'':
				quote = ch
			case '#':
				i = len(text)
			case '[':
				depthArr++
			case ']':
				depthArr--
				if depthArr == 0 && depthTbl == 0 {
					return out
				}
			case '{':
				if depthTbl == 0 && depthArr == 1 {
					out = append(out, li+1)
				}
				depthTbl++
			case '}':
				depthTbl--
			}
		}
		quote = 0 // strings in inline tables cannot span lines
	}
	return out
}
