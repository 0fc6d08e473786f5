// Package ruletest runs the rule unit tests of a plan (lap test; docs/rule-tests.md), modelled
// on `promtool test rules` and `opa test`. A test file (name ending in .test.toml) holds one or
// more [[test]] groups; each gives a small inline dataset (States and facts, in the same shape and with the same validation as states.csv and facts.csv) and
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
// A case of a data check (engine.DataCheck) names the check instead of an indicator and lists
// the States whose data must violate it (check.go):
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
//
// Run reads the files with the engine's TOML reader (engine.ReadTOML: positions, snippets,
// did-you-mean hints) and validates their States and facts as rows of states.csv and facts.csv
// (engine.DatasetFromRows); it evaluates each case with the engine's API. The engine does not
// import this package.
package ruletest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lapmonitor/lap/engine"
)

// Outcome is how one rule test case ended.
type Outcome string

// The outcomes.
const (
	Pass Outcome = "pass"
	Fail Outcome = "fail" // the evaluation differs from an expectation
	Skip Outcome = "skip" // the case name starts with todo_
)

// ruleTestSuffix is how a rule test file's name ends.
const ruleTestSuffix = ".test.toml"

// defaultTolerance is the absolute difference a value may have from `want` by default.
const defaultTolerance = 1e-9

// Mismatch is one expectation a case did not meet.
type Mismatch struct {
	What string `json:"what"` // value, status, population, counted, not_counted, no_data, error
	Want string `json:"want"`
	Got  string `json:"got"`
	Diff string `json:"diff,omitempty"` // for lists: which States are missing or extra
}

// Result is the outcome of one rule test case, with what the evaluation gave.
type Result struct {
	File       string          `json:"file"`
	Line       int             `json:"line"`
	Test       string          `json:"test"`
	Case       string          `json:"case"`
	Indicator  string          `json:"indicator,omitempty"`
	Check      string          `json:"check,omitempty"` // a case of a data check (ruletest_check.go)
	Year       int             `json:"year"`
	AsOf       string          `json:"as_of"`
	Counting   engine.Counting `json:"counting"`
	Outcome    Outcome         `json:"outcome"`
	Mismatches []Mismatch      `json:"mismatches,omitempty"`
	Title      string          `json:"title"`
	Population string          `json:"population"` // the indicator's expressions
	Rule       string          `json:"rule"`
	// Got is the indicator's result, traced: every State's outcome and the values it read.
	Got *engine.IndicatorResult `json:"got,omitempty"`
	// GotCheck is a data check's outcome for every State, for a case of a check.
	GotCheck []engine.CheckStateResult `json:"got_check,omitempty"`
}

// Name is the case's full name: test group and case, "membership/South Sudan counts".
func (r *Result) Name() string { return r.Test + "/" + r.Case }

// Pass reports whether the case passed (skipped cases do not).
func (r *Result) Pass() bool { return r.Outcome == Pass }

// Explain renders a case for a person: its position and name, then, when it did not pass,
// every expectation it missed (want against got), the indicator's expressions and each
// State's outcome with the values it read.
func (r *Result) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s:%d: %s\n", strings.ToUpper(string(r.Outcome)), r.File, r.Line, r.Name())
	if r.Check != "" {
		r.explainCheck(&b)
		return b.String()
	}
	fmt.Fprintf(&b, "  indicator %s %q, year %d, counting %s, as_of %s\n", r.Indicator, r.Title, r.Year, r.Counting, r.AsOf)
	if r.Outcome == Pass || r.Outcome == Skip {
		return b.String()
	}
	writeMismatches(&b, r.Mismatches)
	fmt.Fprintf(&b, "  expressions:\n    %-12s %s\n    %-12s %s\n", "population", oneLine(r.Population), "rule", oneLine(r.Rule))
	if g := r.Got; g != nil {
		fmt.Fprintf(&b, "  result: status %s, value %s, population %d, known %d\n", g.Status, formatNumber(g.Value), g.Population, g.Known)
		fmt.Fprintf(&b, "    %-12s %s\n    %-12s %s\n    %-12s %s\n", "counted", listText(g.Counted.List()), "not counted", listText(g.NotCounted.List()), "no data", listText(g.NoData.List()))
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

// writeMismatches writes each expectation a case missed, want against got.
func writeMismatches(b *strings.Builder, ms []Mismatch) {
	if len(ms) > 0 {
		b.WriteString("  want / got:\n")
	}
	for _, m := range ms {
		fmt.Fprintf(b, "    %-12s want %s, got %s", m.What, m.Want, m.Got)
		if m.Diff != "" {
			fmt.Fprintf(b, " (%s)", m.Diff)
		}
		b.WriteString("\n")
	}
}

func dateText(d engine.Date) string {
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
func stateLine(so engine.StateOutcome) string {
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
	return fmt.Sprintf("%s  %s  [%s]", so.ISO3, what, readsText(so.Values))
}

// readsText lists the values a State's expressions read: "field=value field=nil".
func readsText(reads []engine.FieldRead) string {
	vals := make([]string, 0, len(reads))
	for _, fr := range reads {
		v := "nil"
		if fr.Value != nil {
			v = fmt.Sprint(fr.Value)
		}
		vals = append(vals, fr.Field+"="+v)
	}
	return strings.Join(vals, " ")
}

// Summary counts outcomes.
type Summary struct {
	Total int `json:"total"`
	Pass  int `json:"pass"`
	Fail  int `json:"fail"`
	Skip  int `json:"skip"`
}

// Summarize counts the outcomes of results.
func Summarize(results []Result) Summary {
	s := Summary{Total: len(results)}
	for _, r := range results {
		switch r.Outcome {
		case Pass:
			s.Pass++
		case Fail:
			s.Fail++
		case Skip:
			s.Skip++
		}
	}
	return s
}

// Find lists, sorted, every rule test file (name ending in .test.toml) under the root
// of fsys.
func Find(fsys fs.FS) ([]string, error) {
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

// Run reads the rule test files at paths in fsys (every *.test.toml file under its
// root when paths is empty), checks them against plan, and runs every case whose full name
// (test/case) or indicator id matches filter (every case when filter is nil).
//
// Results come in file order, then in the order of the tests and cases in each file. The error
// is non-nil when the files cannot be used: it is then a Diagnostics listing every problem in
// every file (file:line, unknown keys, bad values, unknown indicators or States), and no case
// runs. A case that fails is a result, not an error.
func Run(ctx context.Context, plan *engine.Plan, fsys fs.FS, paths []string, filter *regexp.Regexp) ([]Result, error) {
	if plan == nil {
		return nil, errors.New("run rule tests: no plan")
	}
	if len(paths) == 0 {
		found, err := Find(fsys)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, engine.Diagnostics{{Code: engine.CodeNoPlanFile, File: ".", Message: "no rule test files (*" + ruleTestSuffix + ") found"}}
		}
		paths = found
	}
	var diags engine.Diagnostics
	var suites []*ruleTestSuite
	for _, p := range paths {
		if s := loadRuleTestFile(plan, fsys, p, &diags); s != nil {
			suites = append(suites, s)
		}
	}
	if diags.HasErrors() {
		diags.Sort()
		return nil, diags
	}
	var out []Result
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
	ds    *engine.Dataset
	cases []*ruleTestCaseRun
}

type ruleTestCaseRun struct {
	name, indicator             string
	dataCheck                   string    // a case of a data check instead of an indicator
	wantViolations, wantPassed  *[]string // check cases
	wantSkipped                 *[]string
	wantMessage                 string
	line, year                  int
	asOf                        engine.Date
	counting                    engine.Counting
	want, tolerance             *float64
	wantStatus, wantError       string
	wantPopulation              *int
	counted, notCounted, noData *[]string
}

func runRuleTestCase(ctx context.Context, plan *engine.Plan, file string, g *ruleTestGroupRun, c *ruleTestCaseRun) (Result, error) {
	if c.dataCheck != "" {
		return runCheckTestCase(ctx, plan, file, g, c)
	}
	ind, _ := plan.Indicator(c.indicator) // the files were validated: it exists
	r := Result{File: file, Line: c.line, Test: g.name, Case: c.name, Indicator: c.indicator, Year: c.year,
		Title: ind.Title, Population: ind.Population.Source, Rule: ind.Rule.Source}
	asOf, skip := c.settle(&r, plan, g)
	if skip {
		return r, nil
	}
	opts := []engine.EvalOption{engine.Only(regexp.MustCompile("^" + regexp.QuoteMeta(c.indicator) + "$")), engine.Trace(), engine.AsOf(asOf), engine.WithCounting(r.Counting)}
	res, err := plan.Evaluate(ctx, g.ds, c.year, opts...)
	if err != nil { // a cancelled context; the files were validated so that every case can run
		return r, fmt.Errorf("run rule test %s: %w", r.Name(), err)
	}
	got := res.Indicators[0]
	r.Got = &got
	r.Mismatches = c.check(&got)
	r.Outcome = Pass
	if len(r.Mismatches) > 0 {
		r.Outcome = Fail
	}
	return r, nil
}

// settle fills what every kind of case's result shares: the counting convention (the case's,
// else the plan's), the as_of date (the case's, else the latest date of the test's data) and
// the skip of a todo_ case.
func (c *ruleTestCaseRun) settle(r *Result, plan *engine.Plan, g *ruleTestGroupRun) (asOf engine.Date, skip bool) {
	r.Counting = plan.Counting()
	if c.counting != "" {
		r.Counting = c.counting
	}
	asOf = c.asOf
	if asOf.IsZero() {
		asOf = g.ds.LatestDate()
	}
	r.AsOf = asOf.String()
	if strings.HasPrefix(c.name, "todo_") {
		r.Outcome = Skip
		return asOf, true
	}
	return asOf, false
}

// check compares an indicator result with the case's expectations.
func (c *ruleTestCaseRun) check(got *engine.IndicatorResult) []Mismatch {
	var ms []Mismatch
	wantStatus := c.wantStatus
	// a value alone asks for a computed value: ok, or too-few (computed over fewer States
	// than min_population, which the tiny datasets of rule tests usually are)
	computed := wantStatus == "" && c.want != nil && (got.Status == engine.ValueOK || got.Status == engine.ValueTooFew)
	if wantStatus == "" && c.want != nil {
		wantStatus = string(engine.ValueOK)
	}
	if wantStatus != "" && string(got.Status) != wantStatus && !computed {
		g := string(got.Status)
		if got.Error != "" {
			g += " (" + got.Error + ")"
		}
		ms = append(ms, Mismatch{What: "status", Want: wantStatus, Got: g})
	}
	if c.want != nil {
		tol := defaultTolerance
		if c.tolerance != nil {
			tol = *c.tolerance
		}
		// The slack absorbs rounding at the boundary: 3 - 2.9 is 0.10000000000000009.
		slack := 1e-12 * math.Max(1, math.Abs(*c.want))
		if got.Value == nil || math.Abs(*got.Value-*c.want) > tol+slack {
			m := Mismatch{What: "value", Want: formatNumber(c.want), Got: formatNumber(got.Value)}
			if got.Value != nil && tol != defaultTolerance {
				m.Diff = fmt.Sprintf("off by %g, tolerance %g", math.Abs(*got.Value-*c.want), tol)
			}
			ms = append(ms, m)
		}
	}
	if c.wantError != "" && !strings.Contains(got.Error, c.wantError) {
		ms = append(ms, Mismatch{What: "error", Want: strconv.Quote(c.wantError), Got: strconv.Quote(got.Error)})
	}
	if c.wantPopulation != nil && got.Population != *c.wantPopulation {
		ms = append(ms, Mismatch{What: "population", Want: strconv.Itoa(*c.wantPopulation), Got: strconv.Itoa(got.Population)})
	}
	for _, l := range []struct {
		what string
		want *[]string
		got  []string
	}{{"counted", c.counted, got.Counted.List()}, {"not_counted", c.notCounted, got.NotCounted.List()}, {"no_data", c.noData, got.NoData.List()}} {
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
func compareStates(what string, want, got []string) (Mismatch, bool) {
	w := append([]string(nil), want...)
	g := append([]string(nil), got...)
	sort.Strings(w)
	sort.Strings(g)
	if strings.Join(w, " ") == strings.Join(g, " ") {
		return Mismatch{}, true
	}
	var missing, extra []string
	for _, s := range w {
		if !slices.Contains(g, s) {
			missing = append(missing, s)
		}
	}
	for _, s := range g {
		if !slices.Contains(w, s) {
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
	return Mismatch{What: what, Want: "[" + strings.Join(w, " ") + "]", Got: "[" + strings.Join(g, " ") + "]", Diff: strings.Join(diff, "; ")}, false
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

var validStatuses = []string{string(engine.ValueOK), string(engine.ValueTooFew), string(engine.ValueMissing), string(engine.ValueError)}

// ruleTestLoader validates one test file.
type ruleTestLoader struct {
	plan  *engine.Plan
	file  string
	doc   *engine.TOMLDoc
	diags *engine.Diagnostics
	bad   bool
}

func (l *ruleTestLoader) diag(code string, line int, key, format string, args ...any) *engine.Diagnostic {
	d := &engine.Diagnostic{Code: code, File: l.file, Line: line, Key: key, Message: fmt.Sprintf(format, args...)}
	*l.diags = append(*l.diags, d)
	l.bad = true
	return d
}

func loadRuleTestFile(plan *engine.Plan, fsys fs.FS, name string, diags *engine.Diagnostics) *ruleTestSuite {
	var f ruleTestFile
	doc, ds := engine.ReadTOML(fsys, name, &f)
	*diags = append(*diags, ds...)
	if doc == nil {
		return nil
	}
	l := &ruleTestLoader{plan: plan, file: name, doc: doc, diags: diags, bad: len(ds) > 0}
	if len(f.Tests) == 0 {
		l.diag(engine.CodeMissingKey, 1, "test", "the file has no [[test]] tables")
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
			l.diag(engine.CodeDuplicateID, l.doc.LineOf("test["+itoa(i)+"]", 0), "test["+itoa(i)+"].name", "test %q is already defined at line %d", g.name, prev)
		}
		names[g.name] = l.doc.LineOf("test["+itoa(i)+"]", 0)
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
	line := l.doc.LineOf(k, 0)
	g := &ruleTestGroupRun{name: tg.Name}
	if g.name == "" {
		g.name = "test " + itoa(i+1)
	}
	before := len(*l.diags)
	groupAsOf := l.date(tg.AsOf, l.lineOf(k+".as_of", line), k+".as_of")
	if tg.Counting != "" && !engine.Counting(tg.Counting).Valid() {
		l.diag(engine.CodeBadValue, l.lineOf(k+".counting", line), k+".counting", "counting %q must be %q or %q", tg.Counting, engine.CountingDeposit, engine.CountingEntryIntoForce)
	}
	if len(tg.States) == 0 {
		l.diag(engine.CodeMissingKey, line, k+".states", "test %q has no states", g.name)
	}
	if len(tg.Cases) == 0 {
		l.diag(engine.CodeMissingKey, line, k+".case", "test %q has no [[test.case]] tables", g.name)
	}
	g.ds = l.dataset(k, line, tg)
	caseNames := map[string]int{}
	for j := range tg.Cases {
		ck := "test.case[" + itoa(caseBase+j) + "]"
		c := l.testCase(ck, &tg.Cases[j], tg, groupAsOf)
		if prev, dup := caseNames[c.name]; dup {
			l.diag(engine.CodeDuplicateID, c.line, ck+".name", "case %q is already defined at line %d", c.name, prev)
		}
		caseNames[c.name] = c.line
		if c.asOf.IsZero() && g.ds != nil && tg.Cases[j].Year != 0 && engine.NewDate(c.year, time.January, 1).After(g.ds.LatestDate()) {
			l.diag(engine.CodeBadYear, l.lineOf(ck+".year", c.line), ck+".year", "year %d starts after the latest date in the test's data (%s), the default as_of; give as_of", c.year, dateText(g.ds.LatestDate()))
		}
		g.cases = append(g.cases, c)
	}
	if len(*l.diags) > before {
		return nil
	}
	return g
}

// lineOf is the line of a key, or fallback when it was not found.
func (l *ruleTestLoader) lineOf(key string, fallback int) int { return l.doc.LineOf(key, fallback) }

func (l *ruleTestLoader) date(t tomlText, line int, key string) engine.Date {
	if !t.set {
		return engine.Date{}
	}
	if t.problem != "" {
		l.diag(engine.CodeBadValue, line, key, "%s", t.problem)
		return engine.Date{}
	}
	d, err := engine.ParseDay(t.text)
	if err != nil {
		l.diag(engine.CodeBadDate, line, key, "%v", err)
	}
	return d
}

// dataset validates the group's States and facts exactly as states.csv and facts.csv rows,
// with each element's line in the test file as its position.
func (l *ruleTestLoader) dataset(k string, line int, tg *ruleTestGroup) *engine.Dataset {
	var diags engine.Diagnostics
	var states, facts []engine.Row
	stateLines := l.doc.ElementLines(k + ".states")
	for e, s := range tg.States {
		r := engine.Row{File: l.file, Line: elementLine(stateLines, e, line), Values: map[string]string{
			"iso3": s.ISO3, "name": s.Name, "region": s.Region, "signed": s.Signed.text, "ratified": s.Ratified.text,
			"entry_into_force": s.EntryIntoForce.text, "withdrawn": s.Withdrawn.text, "class": s.Class}}
		if r.Values["name"] == "" {
			r.Values["name"] = s.ISO3
		}
		for key, t := range map[string]tomlText{"signed": s.Signed, "ratified": s.Ratified, "entry_into_force": s.EntryIntoForce, "withdrawn": s.Withdrawn} {
			if t.problem != "" {
				diags = append(diags, rowDiag(r, key, "%s: %s", key, t.problem))
				r.Values[key] = ""
			}
		}
		states = append(states, r)
	}
	factLines := l.doc.ElementLines(k + ".facts")
	for e, f := range tg.Facts {
		r := engine.Row{File: l.file, Line: elementLine(factLines, e, line), Values: map[string]string{
			"iso3": f.ISO3, "field": f.Field, "value": f.Value.text, "source": f.Source, "class": f.Class}}
		if f.Source == "" {
			r.Values["source"] = "rule test " + path.Base(l.file)
		}
		if f.Value.problem != "" {
			diags = append(diags, rowDiag(r, "value", "value: %s", f.Value.problem))
			continue
		}
		if f.Year != nil {
			r.Values["year"] = strconv.Itoa(*f.Year)
		}
		facts = append(facts, r)
	}
	ds, more := engine.DatasetFromRows(states, facts)
	diags = append(diags, more...)
	*l.diags = append(*l.diags, diags...)
	if diags.HasErrors() || len(tg.States) == 0 {
		l.bad = l.bad || diags.HasErrors()
		return nil
	}
	return ds
}

// rowDiag is a problem with a value of an inline State or fact, at its element's line.
func rowDiag(r engine.Row, key, format string, args ...any) *engine.Diagnostic {
	return &engine.Diagnostic{Code: engine.CodeBadValue, File: r.File, Line: r.Line, Key: key, Message: fmt.Sprintf(format, args...)}
}

// testCase validates one [[test.case]] table.
func (l *ruleTestLoader) testCase(k string, tc *ruleTestCase, tg *ruleTestGroup, groupAsOf engine.Date) *ruleTestCaseRun {
	line := l.doc.LineOf(k, 0)
	at := func(key string) int { return l.lineOf(k+"."+key, line) }
	c := &ruleTestCaseRun{name: tc.Name, indicator: tc.Indicator, dataCheck: tc.Check, line: line, year: tc.Year, want: tc.Want,
		wantViolations: tc.WantViolations, wantPassed: tc.WantPassed, wantSkipped: tc.WantSkipped, wantMessage: tc.WantMessage,
		tolerance: tc.Tolerance, wantStatus: tc.WantStatus, wantError: tc.WantError, wantPopulation: tc.WantPopulation,
		counted: tc.WantCounted, notCounted: tc.WantNotCounted, noData: tc.WantNoData, asOf: groupAsOf, counting: engine.Counting(tg.Counting)}
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
	switch _, ok := l.plan.Indicator(tc.Indicator); {
	case isCheck:
		l.checkCase(k, tc, c, at)
	case tc.Indicator == "":
		l.diag(engine.CodeMissingKey, line, k+".indicator", "case %q has no indicator", c.name)
	case !ok:
		var ids []string
		for _, ind := range l.plan.Indicators() {
			ids = append(ids, ind.ID)
		}
		l.diag(engine.CodeBadValue, at("indicator"), k+".indicator", "unknown indicator %q: the plan %s has no such id", tc.Indicator, l.plan.Name()).HintClosest(tc.Indicator, ids)
	}
	switch {
	case tc.Year == 0:
		l.diag(engine.CodeMissingKey, line, k+".year", "case %q has no year", c.name)
	case tc.Year < 1900 || tc.Year > 2200:
		l.diag(engine.CodeBadYear, at("year"), k+".year", "year %d is not between 1900 and 2200", tc.Year)
	}
	if tc.AsOf.set {
		c.asOf = l.date(tc.AsOf, at("as_of"), k+".as_of")
	}
	if !c.asOf.IsZero() && tc.Year != 0 && engine.NewDate(tc.Year, time.January, 1).After(c.asOf) {
		l.diag(engine.CodeBadYear, at("year"), k+".year", "year %d starts after as_of %s, so it cannot be evaluated", tc.Year, c.asOf)
	}
	if tc.Counting != "" {
		c.counting = engine.Counting(tc.Counting)
		if !c.counting.Valid() {
			l.diag(engine.CodeBadValue, at("counting"), k+".counting", "counting %q must be %q or %q", tc.Counting, engine.CountingDeposit, engine.CountingEntryIntoForce)
		}
	}
	if tc.WantStatus != "" && !slices.Contains(validStatuses, tc.WantStatus) {
		l.diag(engine.CodeBadValue, at("want_status"), k+".want_status", "want_status %q is not one of %s", tc.WantStatus, strings.Join(validStatuses, ", ")).HintClosest(tc.WantStatus, validStatuses)
	}
	if tc.Tolerance != nil && (*tc.Tolerance < 0 || math.IsNaN(*tc.Tolerance)) {
		l.diag(engine.CodeBadValue, at("tolerance"), k+".tolerance", "tolerance %g must not be negative", *tc.Tolerance)
	}
	if tc.Tolerance != nil && tc.Want == nil {
		l.diag(engine.CodeBadValue, at("tolerance"), k+".tolerance", "tolerance given without want")
	}
	if tc.Want != nil && (math.IsNaN(*tc.Want) || math.IsInf(*tc.Want, 0)) {
		l.diag(engine.CodeBadValue, at("want"), k+".want", "want %g is not a number", *tc.Want)
	}
	if tc.WantPopulation != nil && *tc.WantPopulation < 0 {
		l.diag(engine.CodeBadValue, at("want_population"), k+".want_population", "want_population %d is negative", *tc.WantPopulation)
	}
	if !isCheck && tc.Want == nil && tc.WantStatus == "" && tc.WantError == "" && tc.WantPopulation == nil && tc.WantCounted == nil && tc.WantNotCounted == nil && tc.WantNoData == nil {
		l.diag(engine.CodeMissingKey, line, k+".want", "case %q expects nothing: give want, want_status, want_error, want_population or a want_ list", c.name)
	}
	if tc.WantStatus != "" && tc.WantStatus != string(engine.ValueOK) && tc.WantStatus != string(engine.ValueTooFew) && tc.Want != nil {
		l.diag(engine.CodeBadValue, at("want"), k+".want", "want %g contradicts want_status %q: only an ok or too-few result has a value", *tc.Want, tc.WantStatus)
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
				l.diag(engine.CodeBadValue, at(key), k+"."+key, "%s lists %s twice", key, iso)
			case !slices.Contains(isos, iso):
				l.diag(engine.CodeUnknownState, at(key), k+"."+key, "%s lists %q, which is not one of the test's states", key, iso).HintClosest(iso, isos)
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

func itoa(n int) string { return strconv.Itoa(n) }
