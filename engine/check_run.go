package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"

	"github.com/lapmonitor/lap/internal/thousands"
)

// CheckOutcome is what one check gave for one State in one year.
type CheckOutcome string

// The check outcomes.
const (
	CheckPassed        CheckOutcome = "passed"         // the normal condition holds
	CheckViolated      CheckOutcome = "violated"       // it does not: a violation
	CheckSkipped       CheckOutcome = "skipped"        // values it needs are absent (the missing strategy)
	CheckNotApplicable CheckOutcome = "not-applicable" // the guard (when) is false or unknown
	CheckUnknown       CheckOutcome = "unknown"        // the rule gave nil (e.g. a date comparison the precision does not decide)
	CheckFailed        CheckOutcome = "error"          // the rule could not be evaluated
)

// CheckStateResult is one check's outcome for one State in one year.
type CheckStateResult struct {
	ISO3    string       `json:"iso3"`
	Outcome CheckOutcome `json:"outcome"`
	// Message is the check's message with the values filled in (violations only).
	Message string `json:"message,omitempty"`
	// Values holds every field of the check with its value, class and origin; prev.x fields
	// come from the year before.
	Values []FieldRead `json:"values"`
	// Missing lists the absent values that made the check skip (skipped) or that were taken
	// as 0 (skip-if-all, never-skip).
	Missing []string `json:"missing,omitempty"`
	Error   string   `json:"error,omitempty"`
}

// Violation is one check that a State's data failed in one year.
type Violation struct {
	Check      string      `json:"check"`
	Title      string      `json:"title"`
	Importance Importance  `json:"importance"`
	ISO3       string      `json:"iso3"`
	State      string      `json:"state"` // the State's name
	Year       int         `json:"year"`
	Message    string      `json:"message"`
	Values     []FieldRead `json:"values"`
	// Error is set when the check could not be evaluated; such a violation has importance
	// error whatever the check's importance.
	Error string `json:"error,omitempty"`
}

// CheckSummary counts one check's outcomes over the States and years validated.
type CheckSummary struct {
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	Importance    Importance `json:"importance"`
	Passed        int        `json:"passed"`
	Violated      int        `json:"violated"`
	Skipped       int        `json:"skipped"`
	NotApplicable int        `json:"not_applicable"`
	Unknown       int        `json:"unknown"`
	Errors        int        `json:"errors"`
}

// Validation is the result of running the checks on a dataset over a range of years.
type Validation struct {
	AsOf     string   `json:"as_of"`
	Counting Counting `json:"counting"`
	From     int      `json:"from"`
	To       int      `json:"to"`
	// Checks has one summary per check, in the plan's order.
	Checks []CheckSummary `json:"checks"`
	// Violations are sorted by importance (errors first), check, State and year.
	Violations []Violation `json:"violations"`
}

// Count returns the number of violations of the given importance.
func (v *Validation) Count(i Importance) int {
	n := 0
	for _, x := range v.Violations {
		if x.Importance == i {
			n++
		}
	}
	return n
}

// HasErrors reports whether any violation has importance error.
func (v *Validation) HasErrors() bool { return v.Count(ImportanceError) > 0 }

// DataYears returns the first and last year any per-year fact of the dataset describes (0, 0
// when it has none).
func (d *Dataset) DataYears() (from, to int) {
	for _, f := range d.facts {
		if f.Year == 0 {
			continue
		}
		if from == 0 || f.Year < from {
			from = f.Year
		}
		if f.Year > to {
			to = f.Year
		}
	}
	return from, to
}

// Validate runs the plan's checks on the dataset for every year from..to (each year's values
// against the year before's) and returns every violation. AsOf and WithCounting set the
// environment as for Evaluate; Only restricts the run to checks whose id matches. Years that
// start after as_of are left out. The error is non-nil only when the run cannot be done (no
// dataset, an empty range, a cancelled context).
func (p *Plan) Validate(ctx context.Context, ds *Dataset, from, to int, opts ...EvalOption) (*Validation, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	ck, err := p.newChecker(ds, opts)
	if err != nil {
		return nil, err
	}
	ck.budget.ctx = ctx
	if from > to {
		return nil, fmt.Errorf("validate: year range %d..%d is empty", from, to)
	}
	if last := ck.cfg.asOf.Year(); to > last {
		to = last
	}
	v := &Validation{AsOf: ck.cfg.asOf.String(), Counting: ck.cfg.counting, From: from, To: to, Checks: []CheckSummary{}, Violations: []Violation{}}
	sums := make([]CheckSummary, len(ck.checks))
	for i, c := range ck.checks {
		sums[i] = CheckSummary{ID: c.ID, Title: c.Title, Importance: c.Importance}
	}
	for y := from; y <= to; y++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("validate %d: %w", y, err)
		}
		ck.year(y)
		for ci, c := range ck.checks {
			ck.budget.reset()
			for si := range ds.states {
				r := ck.run(c, si)
				s := &sums[ci]
				switch r.Outcome {
				case CheckPassed:
					s.Passed++
				case CheckSkipped:
					s.Skipped++
				case CheckNotApplicable:
					s.NotApplicable++
				case CheckUnknown:
					s.Unknown++
				case CheckViolated, CheckFailed:
					vi := Violation{Check: c.ID, Title: c.Title, Importance: c.Importance, ISO3: r.ISO3, State: ds.states[si].Name,
						Year: y, Message: r.Message, Values: r.Values}
					if r.Outcome == CheckFailed {
						s.Errors++
						vi.Importance, vi.Error = ImportanceError, r.Error
						vi.Message = fmt.Sprintf("%s (%s) %d: the check could not be evaluated: %s", vi.State, vi.ISO3, y, r.Error)
					} else {
						s.Violated++
					}
					v.Violations = append(v.Violations, vi)
				}
			}
		}
	}
	v.Checks = sums
	order := map[string]int{}
	for i, c := range ck.checks {
		order[c.ID] = i
	}
	sort.SliceStable(v.Violations, func(i, j int) bool {
		a, b := &v.Violations[i], &v.Violations[j]
		if a.Importance.rank() != b.Importance.rank() {
			return a.Importance.rank() < b.Importance.rank()
		}
		if a.Check != b.Check {
			return order[a.Check] < order[b.Check]
		}
		if a.ISO3 != b.ISO3 {
			return a.ISO3 < b.ISO3
		}
		return a.Year < b.Year
	})
	return v, nil
}

// RunCheck runs one check for every State in one year and returns each State's outcome, in
// ISO3 order: what a rule test of a check compares with its expectations.
func (p *Plan) RunCheck(ctx context.Context, ds *Dataset, id string, year int, opts ...EvalOption) ([]CheckStateResult, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	ck, err := p.newChecker(ds, opts)
	if err != nil {
		return nil, err
	}
	ck.budget.ctx = ctx
	var c *DataCheck
	for _, x := range p.checks {
		if x.ID == id {
			c = x
		}
	}
	if c == nil {
		return nil, fmt.Errorf("run check: the plan has no check %q", id)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("run check %s: %w", id, err)
	}
	ck.year(year)
	ck.budget.reset()
	out := make([]CheckStateResult, len(ds.states))
	for si := range ds.states {
		out[si] = ck.run(c, si)
	}
	return out, nil
}

// checkRun holds the environments of one validation run.
type checkRun struct {
	plan    *Plan
	ds      *Dataset
	cfg     evalConfig
	checks  []*DataCheck
	cur     []stateEnv
	prev    []stateEnv
	curYear int
	machine vm.VM
	budget  ruleBudget // the step counter of rules with loops, per check and year (sandbox.go)
	zero    float64
	// envs are the States' check environments for the year, built once for all checks (year);
	// a check that fills absent numbers with 0 runs on env, a copy, with prevEnv, the
	// zero-filled copy of the year before. Kept here, as the VM is, so that a run does not
	// allocate them (they escape to the VM; one a check, State and year was most of a
	// report's allocation, and copying one for every check most of a validation's time).
	envs    []checkEnv
	env     checkEnv
	prevEnv ruleEnv
}

func (p *Plan) newChecker(ds *Dataset, opts []EvalOption) (*checkRun, error) {
	cfg, err := p.configure(ds, opts)
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	ck := &checkRun{plan: p, ds: ds, cfg: cfg}
	for _, c := range p.checks {
		if cfg.filter == nil || cfg.filter.MatchString(c.ID) {
			ck.checks = append(ck.checks, c)
		}
	}
	return ck, nil
}

// year builds every State's environment for y and for the year before.
func (ck *checkRun) year(y int) {
	n := len(ck.ds.states)
	build := func(envs *[]stateEnv, y int) {
		if len(*envs) != n {
			*envs = make([]stateEnv, n)
		}
		fr := ck.plan.frameFor(ck.cfg, y).withTexts()
		for si := range ck.ds.states {
			ck.ds.build(si, fr, &(*envs)[si])
		}
	}
	if ck.curYear == y-1 && len(ck.cur) == n {
		ck.prev, ck.cur = ck.cur, ck.prev // the year before was built last time
	} else {
		build(&ck.prev, y-1)
	}
	build(&ck.cur, y)
	ck.curYear = y
	if len(ck.envs) != n {
		ck.envs = make([]checkEnv, n)
	}
	for si := range ck.envs {
		ck.envs[si] = checkEnv{ruleEnv: ck.cur[si].env, Prev: &ck.prev[si].env}
	}
}

// run evaluates check c for State si in the checker's year.
func (ck *checkRun) run(c *DataCheck, si int) CheckStateResult {
	se, pe := &ck.cur[si], &ck.prev[si]
	r := CheckStateResult{ISO3: ck.ds.states[si].ISO3, Values: []FieldRead{}}
	env := &ck.envs[si]
	env.ReportFacts = nil
	if c.rule.reportFacts || c.when.reportFacts {
		env.ReportFacts = ck.ds.reportFacts(si, se.env.Year, ck.cfg.asOf)
	}
	if c.when.program != nil {
		// a guard that fails on an absent value is unknown, and the check does not apply; one
		// that compares an absent value (x > 0, x absent: the VM's comparisons have no case
		// for nil) is known to fail without running it, which would cost a panic and its
		// recovery in the VM (direct.fails)
		if d := c.when.direct; d != nil && d.fails(&env.ruleEnv) && guardAbsent(c.when, se, pe) {
			r.Outcome = CheckNotApplicable
			return r
		}
		ok, known, err := ck.runBool(&c.when.Expr, env)
		switch {
		case err != nil && guardAbsent(c.when, se, pe):
			r.Outcome = CheckNotApplicable
			return r
		case err != nil:
			r.Outcome, r.Error = CheckFailed, "when: "+err.Error()
			r.Values = ck.values(c, si, se, pe, env.ReportFacts, nil)
			return r
		case !known || !ok:
			r.Outcome = CheckNotApplicable
			return r
		}
	}
	var zeroed map[string]bool
	switch c.Missing {
	case SkipIfAny:
		if strict, _ := ck.absent(c, se, pe, true); len(strict) > 0 {
			r.Outcome, r.Missing = CheckSkipped, strict
			return r
		}
	case SkipIfAll, NeverSkip:
		if c.Missing == SkipIfAll && ck.allAbsent(c, se, pe) {
			_, r.Missing = ck.absent(c, se, pe, false)
			r.Outcome = CheckSkipped
			return r
		}
		if !zeroToFill(c.rule.reads, se) && !zeroToFill(c.rule.prev, pe) {
			break // nothing to fill: the State's environment as it is
		}
		zeroed = map[string]bool{}
		ck.env = *env
		env = &ck.env
		prev := &ck.prevEnv
		*prev = pe.env
		ck.zeroFill(&env.ruleEnv, c.rule.reads, se, "", zeroed)
		ck.zeroFill(prev, c.rule.prev, pe, "prev.", zeroed)
		env.Prev = prev
		for n := range zeroed {
			r.Missing = append(r.Missing, n)
		}
		sort.Strings(r.Missing)
	}
	ok, known, err := ck.runBool(&c.rule.Expr, env)
	switch {
	case err != nil:
		r.Outcome, r.Error = CheckFailed, err.Error()
	case !known:
		r.Outcome = CheckUnknown
	case ok:
		r.Outcome = CheckPassed
	default:
		r.Outcome = CheckViolated
	}
	if r.Outcome == CheckViolated || r.Outcome == CheckFailed {
		r.Values = ck.values(c, si, se, pe, env.ReportFacts, zeroed)
		if r.Outcome == CheckViolated {
			r.Message = ck.message(c, si, r.Values)
		}
	}
	return r
}

// guardAbsent reports whether a guard reads strictly a value that is absent, of the year or
// (prev.x) of the year before.
func guardAbsent(e checkExpr, se, pe *stateEnv) bool {
	return e.strict.missingFrom(&se.present) || prevMissing(e, pe)
}

// runBool runs a check's rule or guard: directly when it is of the direct subset and the
// closures decide (expr_direct.go; a check's environment starts with the State's ruleEnv),
// else on the VM under the sandbox's budgets (sandbox.go): a rule with loops counts its
// steps, and a run that builds too large lists fails.
func (ck *checkRun) runBool(e *Expr, env *checkEnv) (v, known bool, err error) {
	if e.direct != nil {
		if v, known, ok := e.direct.bool(&env.ruleEnv); ok {
			return v, known, nil
		}
	}
	prog, err := ck.budget.program(e)
	if err != nil {
		return false, false, err
	}
	ck.machine.MemoryBudget = vmMemoryBudget
	out, err := ck.machine.Run(prog, env)
	if err != nil {
		// the message alone: formatting the whole error (a snippet of the rule) for every
		// guard that fails on an absent value was a tenth of a validation
		msg := ""
		if fe := (*file.Error)(nil); errors.As(err, &fe) {
			msg = fe.Message
		} else {
			msg = err.Error()
		}
		if strings.Contains(msg, "memory budget exceeded") {
			err = fmt.Errorf("the rule exceeded its memory budget: it builds lists of more than %d values in all", vmMemoryBudget)
		}
		return false, false, err
	}
	return asBool(out)
}

// absent lists the absent values of the rule: those it reads strictly (current year, then
// prev.x) and, unless strictOnly, every absent nilable value it reads. When no value is
// absent (most runs), it allocates nothing.
func (ck *checkRun) absent(c *DataCheck, se, pe *stateEnv, strictOnly bool) (strict, nilable []string) {
	for _, fi := range c.rule.reads {
		if schema[fi].CanBeNil() && !se.present.has(fi) {
			if !strictOnly {
				nilable = append(nilable, schema[fi].Name)
			}
			if c.rule.strict.has(fi) {
				strict = append(strict, schema[fi].Name)
			}
		}
	}
	for _, fi := range c.rule.prev {
		if schema[fi].CanBeNil() && !pe.present.has(fi) {
			if !strictOnly {
				nilable = append(nilable, "prev."+schema[fi].Name)
			}
			if c.rule.prevStrict.has(fi) {
				strict = append(strict, "prev."+schema[fi].Name)
			}
		}
	}
	return strict, nilable
}

// allAbsent reports whether the rule reads a nilable value and every nilable value it reads
// is absent (skip-if-all skips then).
func (ck *checkRun) allAbsent(c *DataCheck, se, pe *stateEnv) bool {
	n := 0
	for _, l := range []struct {
		fields []int
		env    *stateEnv
	}{{c.rule.reads, se}, {c.rule.prev, pe}} {
		for _, fi := range l.fields {
			if schema[fi].CanBeNil() {
				if l.env.present.has(fi) {
					return false
				}
				n++
			}
		}
	}
	return n > 0
}

// prevMissing reports whether an expression reads strictly a value of the year before that is
// absent.
func prevMissing(e checkExpr, pe *stateEnv) bool {
	for _, fi := range e.prev {
		if e.prevStrict.has(fi) && !pe.present.has(fi) {
			return true
		}
	}
	return false
}

// zeroToFill reports whether zeroFill would fill any of fields in se.
func zeroToFill(fields []int, se *stateEnv) bool {
	for _, fi := range fields {
		if fd := &schema[fi]; fd.Input() && fd.Type == TypeNumber && !se.present.has(fi) {
			return true
		}
	}
	return false
}

// zeroFill points the absent number inputs among fields at 0 in env, naming them in zeroed.
func (ck *checkRun) zeroFill(env *ruleEnv, fields []int, se *stateEnv, prefix string, zeroed map[string]bool) {
	var v reflect.Value
	for _, fi := range fields {
		fd := &schema[fi]
		if !fd.Input() || fd.Type != TypeNumber || se.present.has(fi) {
			continue
		}
		if !v.IsValid() {
			v = reflect.ValueOf(env).Elem()
		}
		v.Field(envFieldPath[fi]).Set(reflect.ValueOf(&ck.zero))
		zeroed[prefix+fd.Name] = true
	}
}

// values reads every field of the check, with its class and origin.
func (ck *checkRun) values(c *DataCheck, si int, se, pe *stateEnv, reportFacts []string, zeroed map[string]bool) []FieldRead {
	out := make([]FieldRead, 0, len(c.values))
	for _, cf := range c.values {
		var fr FieldRead
		switch {
		case cf.fi < 0:
			fr = FieldRead{Field: cf.name, Value: strings.Join(reportFacts, " "), Origin: "derived"}
		case cf.prev:
			fr = ck.ds.fieldRead(si, cf.fi, pe)
		default:
			fr = ck.ds.fieldRead(si, cf.fi, se)
		}
		fr.Field = cf.name
		if zeroed[cf.name] {
			fr.Origin = "absent (taken as 0)"
		}
		out = append(out, fr)
	}
	return out
}

// message fills the check's message with the values read.
func (ck *checkRun) message(c *DataCheck, si int, values []FieldRead) string {
	st := &ck.ds.states[si]
	return FillMessage(c.Message, st.Name, st.ISO3, ck.curYear, values, messageValue)
}

// FillMessage fills a check's message (DataCheck.Message, as written or translated): {state}
// with state, {iso3}, {year} and {prev_year}, and each field the check read with value(the
// field's read). lap validate writes values with messageValue (codes, plain figures); a report
// passes its own, in the reader's words and number format.
func FillMessage(message, state, iso3 string, year int, values []FieldRead, value func(FieldRead) string) string {
	return placeholder.ReplaceAllStringFunc(message, func(m string) string {
		name := m[1 : len(m)-1]
		switch name {
		case "state":
			return state
		case "iso3":
			return iso3
		case "year":
			return strconv.Itoa(year)
		case "prev_year":
			return strconv.Itoa(year - 1)
		}
		for _, fr := range values {
			if fr.Field == name {
				return value(fr)
			}
		}
		return m
	})
}

// messageValue writes a value for a message: numbers with thousands separators and their
// unit, "absent" for no value.
func messageValue(fr FieldRead) string {
	if fr.Value == nil {
		if strings.HasPrefix(fr.Origin, "absent (taken as 0)") {
			return "absent (taken as 0)"
		}
		return "absent"
	}
	name := strings.TrimPrefix(fr.Field, "prev.")
	fd, _ := LookupField(name)
	switch v := fr.Value.(type) {
	case float64:
		s := groupThousands(v)
		switch fd.Unit {
		case "", "people":
		case "m2":
			s += " m²"
		default:
			s += " " + fd.Unit
		}
		return s
	case string:
		if v == "" {
			return "none"
		}
		return v
	}
	return fmt.Sprint(fr.Value)
}

// groupThousands writes a number with commas between groups of three digits.
func groupThousands(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return thousands.Group(strconv.FormatFloat(v, 'f', -1, 64), 4)
}

// reportFacts lists, in dictionary order, the per-year fields that the data dictionary sources to
// the Article 7 report alone (reportOnly) with a fact for year y seen at asOf.
func (d *Dataset) reportFacts(si, y int, asOf Date) []string {
	out := []string{}
	facts := d.byState[si]
	if facts == nil {
		return out
	}
	for fi, list := range facts {
		if !reportOnly[fi] {
			continue
		}
		for _, f := range list {
			if f.Year == y && knownAt(f, seenOn(asOf)) {
				out = append(out, schema[fi].Name)
				break
			}
		}
	}
	return out
}

// reportOnly marks, by schema index, the per-year input fields of kind report whose only source
// in the data dictionary is the Article 7 report (a form of it, or "Article 7 report"): a value
// for year Y of such a field comes from the report covering Y.
var reportOnly = func() []bool {
	out := make([]bool, len(schema))
	for i, f := range schema {
		src := f.Source
		out[i] = f.Kind == KindReport && f.Scope == ScopeYear &&
			(strings.HasPrefix(src, "Form") || strings.HasPrefix(src, "Article 7 report")) &&
			!strings.ContainsAny(src, ";,")
	}
	return out
}()
