package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"

	"github.com/expr-lang/expr/vm"
)

// ValueStatus is the outcome of evaluating one indicator for one year: whether it has a value
// (IndicatorResult.Status). It says nothing of progress (ProgressStatus), direction of travel
// (TrendStatus), an obligation (ObligationStatus) or a deadline projection (ProjectionStatus).
type ValueStatus string

// The value statuses.
const (
	ValueOK      ValueStatus = "ok"      // a value was computed
	ValueMissing ValueStatus = "missing" // no State had a known result, so there is no value
	ValueError   ValueStatus = "error"   // an expression failed for at least one State
	// ValueTooFew: a value was computed, but over fewer States than min_population (a share
	// or a mean) or over an empty population (any aggregate). It is shown as "k of n" and never
	// scored, ranked or given a direction of travel.
	ValueTooFew ValueStatus = "too-few"
)

// UnknownPolicy is how a State in an indicator's population whose result is unknown counts
// (the indicator's key unknown; docs/methodology.md, "Unknowns").
type UnknownPolicy string

// The unknown policies.
const (
	// UnknownExclude (the default): the State leaves the denominator of a share; the value is
	// a share "of the States with data" and says so.
	UnknownExclude UnknownPolicy = "exclude"
	// UnknownAsFalse: silence counts as "no": the State stays in the denominator as not
	// counted. For reporting indicators (due and not sent is not reported) and register-backed
	// ones (a complete public record, where absence means no).
	UnknownAsFalse UnknownPolicy = "as-false"
)

// PlanRef names the plan a result came from.
type PlanRef struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Hash    string `json:"hash,omitempty"`
}

// Result is the evaluation of a plan for one year.
type Result struct {
	Plan       PlanRef           `json:"plan"`
	Counting   Counting          `json:"counting"`
	AsOf       string            `json:"as_of"`
	Year       int               `json:"year"`
	Indicators []IndicatorResult `json:"indicators"`
}

// Indicator returns the result for one indicator id.
func (r *Result) Indicator(id string) (IndicatorResult, bool) {
	for _, ir := range r.Indicators {
		if ir.ID == id {
			return ir, true
		}
	}
	return IndicatorResult{}, false
}

// IndicatorResult is one indicator's value for one year, with its coverage: how many States
// its population holds, which counted, which had a known negative result and which had no
// data.
type IndicatorResult struct {
	ID          string    `json:"id"`
	Action      int       `json:"action"`
	Section     string    `json:"section"`
	Title       string    `json:"title"`
	Unit        string    `json:"unit"`
	Aggregate   Aggregate `json:"aggregate"`
	Provenance  string    `json:"provenance"`
	Value       *float64  `json:"value"`
	Numerator   *float64  `json:"numerator"`   // share only: States whose rule is true
	Denominator *float64  `json:"denominator"` // share only: States with a known result
	Population  int       `json:"population"`  // States for which the population expression is true
	Known       int       `json:"known"`       // States in the population with a known result
	// UnknownPolicy is how the States under NoData count: left out of a share's denominator
	// (exclude) or counted in it as not counted (as-false).
	UnknownPolicy UnknownPolicy `json:"unknown_policy"`
	// N is how many States the value is taken over: a share's denominator, the States giving
	// a number to a mean, the population of a count or a sum.
	N int `json:"n"`
	// MinPopulation is the smallest n a share or a mean is scored at (status too-few below).
	MinPopulation int `json:"min_population"`
	// Counted holds the States that satisfied the rule (count, share) or contributed a
	// number (sum, mean). The three State lists are compact sets (StateSet): Counted.List()
	// gives the ISO3 codes, Counted.Len() how many; in JSON each is an array of codes.
	Counted StateSet `json:"counted"`
	// NotCounted holds the States whose rule was known to be false (count, share).
	NotCounted StateSet `json:"not_counted"`
	// NoData holds the States in the population for which a field the rule reads is unknown.
	NoData StateSet `json:"no_data"`
	// Supposed holds the States of NoData that are in the population only under a what-if
	// scenario and answer from a reporting record the scenario does not suppose (supposed.go):
	// not known, and never counted as "no", even where silence is (as-false). Empty, and left
	// out of the JSON, for data as recorded.
	Supposed StateSet `json:"supposed,omitzero"`
	// Classes counts the States with a known result by the least reliable class of the values
	// their result rests on, and, in an indicator that counts silence as "no" (as-false), the
	// States without data too, by the class of the absence their "no" rests on (a register's,
	// or the year's Article 7 report's for a report field); Class is the least reliable of
	// those (docs/data.md).
	Classes ClassCounts `json:"classes"`
	Class   Class       `json:"class,omitempty"`
	Status  ValueStatus `json:"status"`
	Error   string      `json:"error,omitempty"`
	// States holds each State's outcome when the evaluation was traced (see Trace).
	States []StateOutcome `json:"states,omitempty"`
	// Groups splits the result by the breakdowns asked for (By), group by group in each
	// breakdown's order; their counts add up to the whole's.
	Groups []GroupResult `json:"groups,omitempty"`
}

// StateOutcome is what one State gave for one indicator: whether it is in the population,
// its result, and every field the expressions read with the value seen and where it came from.
type StateOutcome struct {
	ISO3         string   `json:"iso3"`
	InPopulation bool     `json:"in_population"`
	Result       any      `json:"result"` // bool, float64 or nil (unknown)
	Unknown      []string `json:"unknown,omitempty"`
	Error        string   `json:"error,omitempty"`
	// Class is the least reliable class of the values a known result rests on (empty when
	// the result is unknown).
	Class  Class       `json:"class,omitempty"`
	Values []FieldRead `json:"values"`
}

// FieldRead is one field value a rule read, with its origin: "file:line" of the fact, the
// States file row for treaty dates, or "derived".
type FieldRead struct {
	Field  string `json:"field"`
	Value  any    `json:"value"`
	Origin string `json:"origin"`
	Source string `json:"source,omitempty"`
	// Class is the class of the value: of its fact, or for a derived value the least reliable
	// class of the facts, States-file row and register absences it is computed from. For an
	// absent register field, the class of the absence (Dataset.AbsentClass); empty for any
	// other field without a value.
	Class Class `json:"class,omitempty"`
	// Year is the year a per-year fact is for, when it is read for another year than the one
	// assessed: an extension request of 2024 behind the verdict of 2025. Zero otherwise.
	Year int `json:"year,omitempty"`
	// OriginSentence is Origin as a message and its values when it says more than a file and
	// line or a word ("facts.csv:12 (after as_of: not seen)"); zero otherwise.
	OriginSentence Sentence `json:"-"`
}

// EvalOption sets something that may differ between evaluations of the same plan.
type EvalOption func(*evalConfig)

type evalConfig struct {
	asOf     Date
	counting Counting
	filter   *regexp.Regexp
	trace    bool
	scoring  *Scoring // Assess only: replaces the plan's thresholds (WithScoring)
	// seriesOf, when not zero, is the year whose assessment the years evaluated are the series
	// of: an earlier year y is seen at as_of shifted back seriesOf-y years (seenFor)
	seriesOf int
	// current, when not zero, is the day whose versions of the values are used, when later
	// than as_of (correctedTo); zero: as_of
	current Date
	byKeys  []string     // By, as given
	by      []*Breakdown // By, resolved by configure
}

// seenFor is when year y is seen in a run under c (docs/methodology.md §1.3, "Every year at
// the same lag"): at as_of, or, for a year y before the assessed year Y of a series
// (seriesOf), the same time after its end as Y: as_of shifted back Y-y years, with the values
// in their versions current at as_of.
func (c *evalConfig) seenFor(y int) seenAt {
	s := seenOn(c.asOf)
	if c.seriesOf > y {
		s.day = c.asOf.YearsBefore(c.seriesOf - y)
	}
	if c.current.After(s.current) {
		s.current = c.current
	}
	return s
}

// correctedTo makes a run use the values in their versions current at d, a day after its
// as_of: a year of AssessYears's series assessed as Assess would at its own lag.
func correctedTo(d Date) EvalOption { return func(c *evalConfig) { c.current = d } }

// seriesFor makes the years evaluated the series of year y's assessment (evalConfig.seriesOf).
func seriesFor(y int) EvalOption { return func(c *evalConfig) { c.seriesOf = y } }

// AsOf sets the data cut-off (data dictionary §1.3). Without it, the run uses the latest date
// in the data. The engine never reads the clock.
func AsOf(d Date) EvalOption { return func(c *evalConfig) { c.asOf = d } }

// WithCounting overrides the plan's counting convention for this evaluation.
func WithCounting(c Counting) EvalOption { return func(cfg *evalConfig) { cfg.counting = c } }

// Only restricts the evaluation to indicators whose id matches re.
func Only(re *regexp.Regexp) EvalOption { return func(c *evalConfig) { c.filter = re } }

// Trace records every State's outcome and the values it read in IndicatorResult.States.
func Trace() EvalOption { return func(c *evalConfig) { c.trace = true } }

// Errors returned by Evaluate when the whole run is unusable.
var (
	ErrNilDataset = errors.New("evaluate: no dataset")
	ErrYearAfter  = errors.New("evaluate: year starts after the as_of date")
)

// Evaluate computes every indicator of the plan for one year. Indicator-level failures are
// data in the result (Status error); the error is non-nil only when the run as a whole cannot
// be done: a nil dataset, a year that starts after as_of, a bad option, a cancelled context.
func (p *Plan) Evaluate(ctx context.Context, ds *Dataset, year int, opts ...EvalOption) (*Result, error) {
	rs, err := p.EvaluateYears(ctx, ds, year, year, opts...)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// EvaluateYears evaluates every year from..to, in order.
func (p *Plan) EvaluateYears(ctx context.Context, ds *Dataset, from, to int, opts ...EvalOption) ([]*Result, error) {
	return p.evaluateYears(ctx, ds, from, to, from, opts, nil, nil)
}

// evaluateYears is EvaluateYears; then, when not nil, is called after each year with the
// results so far and that year's environments (valid only during the call). The results by
// group (By) are computed for the years from groupsFrom on only: the years before serve
// only as a series (Assess), or are compared as wholes (Revisions). states, when not nil,
// receives every State's traced outcomes in the last year, to (EvaluateStates), from the
// same evaluation.
func (p *Plan) evaluateYears(ctx context.Context, ds *Dataset, from, to, groupsFrom int, opts []EvalOption,
	then func(results []*Result, envs []stateEnv), states *[]*StateEvaluation) ([]*Result, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	cfg, err := p.configure(ds, opts)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	if from > to {
		return nil, fmt.Errorf("evaluate: year range %d..%d is empty", from, to)
	}
	if from < MinYear || to > MaxYear {
		return nil, fmt.Errorf("evaluate: years %d..%d are outside %d..%d", from, to, MinYear, MaxYear)
	}
	if NewDate(to, 1, 1).After(cfg.asOf) {
		return nil, fmt.Errorf("%w: %d starts after %s", ErrYearAfter, to, cfg.asOf)
	}
	inds := p.indicators
	if cfg.filter != nil {
		inds = nil
		for _, ind := range p.indicators {
			if cfg.filter.MatchString(ind.ID) {
				inds = append(inds, ind)
			}
		}
	}
	var out []*Result
	ev := &evaluator{plan: p, ds: ds, cfg: cfg}
	ev.takeScratch()
	defer ev.putScratch()
	// then (the scoring of a year) runs beside the evaluation of the next year: each year's
	// environments are built into one of two buffers, in turn, and then for year y must be done
	// before year y+2 is built into its buffer; the calls of then are in year order, one at a
	// time, and all are done before evaluateYears returns.
	var (
		bufs    [2][]stateEnv
		pending chan struct{}
	)
	wait := func() {
		if pending != nil {
			<-pending
			pending = nil
		}
	}
	defer wait() // before putScratch (deferred calls run last first)
	for y := from; y <= to; y++ {
		ev.noGroups = y < groupsFrom
		if y == to && states != nil { // the last year: nothing is evaluated after it
			ev.byState = newStateTrace(ds, cfg, y, inds)
			*states = ev.byState.out
		}
		if then != nil && y > from {
			i := (y - from) & 1
			bufs[1-i], ev.envs = ev.envs, bufs[i] // the buffer of y-2, whose then is done
		}
		r, err := ev.year(ctx, y, inds)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
		if then != nil {
			wait() // then of y-1, run beside this year's evaluation
			results, envs := out[:len(out):len(out)], ev.envs
			pending = make(chan struct{})
			go func() {
				defer close(pending)
				then(results, envs)
			}()
		}
	}
	wait()
	return out, nil
}

// evaluator holds the state of one evaluation run. It is not shared between goroutines.
type evaluator struct {
	plan    *Plan
	ds      *Dataset
	cfg     evalConfig
	machine vm.VM
	envs    []stateEnv
	budget  ruleBudget // the step counter of rules with loops (sandbox.go)
	// outcomes is indicator's per-State scratch space, reused from one indicator to the next.
	outcomes []uint8
	// classes caches, per State, the class of each field's value in envs (see stateClass).
	classes [][maxFields]uint8
	// codes is every State's ISO3 code, in order, shared by the State sets of the results
	codes *[]string
	// with By, unless noGroups (a year that needs no groups: evaluateYears): each State's
	// group in each breakdown for the year (assignGroups), and the per-State numbers and
	// class ranks indicator records for the groups
	noGroups bool
	groupOf  [][]int
	nums     []float64
	ranks    []int8
	// byState, when not nil, receives the year's traced outcomes State by State
	// (EvaluateStates); IndicatorResult.States stays empty unless Trace is asked for too
	byState *stateTrace
	// shadows holds, for a scenario's dataset, the environments as recorded of the States the
	// scenario supposes something of, for the year shadowYear, built when first needed
	// (supposed.go)
	shadows    map[int]*stateEnv
	shadowYear int
}

// byGroup reports whether the year's results are split by group.
func (ev *evaluator) byGroup() bool { return len(ev.cfg.by) > 0 && !ev.noGroups }

// Envs builds the environment of every State for one year. It is exported to the package's
// benchmarks through envsFor.
func (ev *evaluator) buildEnvs(y int) {
	if n := len(ev.ds.states); cap(ev.envs) >= n {
		ev.envs = ev.envs[:n]
	} else {
		ev.envs = make([]stateEnv, n)
	}
	if n := len(ev.envs); cap(ev.classes) >= n {
		ev.classes = ev.classes[:n]
	} else {
		ev.classes = make([][maxFields]uint8, n)
	}
	fr := ev.plan.frameFor(ev.cfg, y).withTexts()
	for si := range ev.ds.states {
		ev.ds.build(si, fr, &ev.envs[si])
	}
	clear(ev.classes)
}

// classRank is the rank (Class.rank) of the least reliable class of the values State si's
// result rests on: the fields of a and b. A field's class is computed once for the
// environments in ev.envs (they are built anew, and the cache cleared, for each year).
func (ev *evaluator) classRank(si int, a, b []int) int {
	if len(ev.classes) != len(ev.envs) { // environments not built by buildEnvs
		ev.classes = make([][maxFields]uint8, len(ev.envs))
	}
	cache := &ev.classes[si]
	rank := -1
	for _, fi := range a {
		rank = max(rank, ev.fieldClass(cache, si, fi))
	}
	for _, fi := range b {
		rank = max(rank, ev.fieldClass(cache, si, fi))
	}
	return rank
}

// silenceRank is classRank for an indicator that counts silence as "no" (as-false): a value
// the State's data lack that has no class of its own (a report field: the report is silent on
// it) takes the class of the State's annual Article 7 report for the year, the report that is
// silent: its receipt's class, or the class of the register's absence when none is recorded
// (registers.csv). A "no" that rests on an absence is so counted by the class of the absence,
// never left out of the class counts (docs/data.md).
func (ev *evaluator) silenceRank(si int, a, b []int) int {
	if len(ev.classes) != len(ev.envs) {
		ev.classes = make([][maxFields]uint8, len(ev.envs))
	}
	rank, report := -1, -2
	for _, list := range [2][]int{a, b} {
		for _, fi := range list {
			rank = max(rank, ev.silentFieldRank(si, fi, &report))
		}
	}
	return rank
}

// silentFieldRank is the class rank field fi of State si counts by in an indicator that counts
// silence as "no" (silenceRank): its value's class, or for a value the data lack that has no
// class of its own, the class of the State's annual report for the year (report caches it: -2
// until read).
func (ev *evaluator) silentFieldRank(si, fi int, report *int) int {
	cache := &ev.classes[si]
	r := ev.fieldClass(cache, si, fi)
	if r < 0 && !ev.envs[si].present.has(fi) {
		if *report == -2 {
			*report = ev.fieldClass(cache, si, fAnnualSubmitted)
		}
		r = *report
	}
	return r
}

// classSilentReads gives the traced reads of so (of the fields fields, in order) that have no
// class of their own the class silenceRank counts them by, so that lap explain shows the class
// the counts use, not none. The reads are copied first when one changes: they may be shared
// with other indicators' outcomes (stateTrace).
func (ev *evaluator) classSilentReads(si int, so *StateOutcome, fields []int) {
	report, copied := -2, false
	for k, fi := range fields {
		if k >= len(so.Values) || so.Values[k].Class != "" {
			continue
		}
		if r := ev.silentFieldRank(si, fi, &report); r >= 0 {
			if !copied {
				so.Values, copied = slices.Clone(so.Values), true
			}
			so.Values[k].Class = Classes[r]
		}
	}
}

// classed reports whether a State's outcome is counted by class: a known result, or, in an
// indicator that counts silence as "no", a result not known (it counts as "no").
func classed(o uint8, asFalse bool) bool {
	return o == outCounted || o == outNotCounted || asFalse && o == outNoData
}

// fieldClass is the class rank of field fi's value for State si, from the cache when known.
func (ev *evaluator) fieldClass(cache *[maxFields]uint8, si, fi int) int {
	if c := cache[fi]; c != 0 {
		return int(c) - 2
	}
	r := ev.ds.valueClass(si, fi, ev.envs[si].env.Year, &ev.envs[si]).rank()
	cache[fi] = uint8(r + 2) // 0 means not computed yet
	return r
}

func (ev *evaluator) year(ctx context.Context, y int, inds []*Indicator) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("evaluate %d: %w", y, err)
	}
	ev.buildEnvs(y)
	ev.buildShadows(y)
	if ev.byGroup() {
		if err := ev.assignGroups(); err != nil {
			return nil, fmt.Errorf("evaluate %d: %w", y, err)
		}
	}
	ev.budget.ctx = ctx
	r := &Result{Plan: PlanRef{Name: ev.plan.name, Version: ev.plan.version, Hash: ev.plan.hash},
		Counting: ev.cfg.counting, AsOf: ev.cfg.seenFor(y).day.String(), Year: y, Indicators: make([]IndicatorResult, 0, len(inds))}
	for i, ind := range inds {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("evaluate %d: %w", y, err)
		}
		r.Indicators = append(r.Indicators, ev.indicator(i, ind))
		if err := ctx.Err(); err != nil { // it may have stopped a rule
			return nil, fmt.Errorf("evaluate %d: %w", y, err)
		}
	}
	return r, nil
}

// The outcome of one State for one indicator, recorded in the first pass of indicator.
const (
	outNone       uint8 = iota // not in the population, or an error
	outCounted                 // rule true, or a number
	outNotCounted              // rule known false
	outNoData                  // a field the rule reads is unknown, or the result is
)

// indicator evaluates one indicator, the year's i-th, over every State's environment. A
// first pass runs the population and the rule of each State and records its outcome; the
// second fills the three State lists, sized exactly, from one allocation.
func (ev *evaluator) indicator(i int, ind *Indicator) IndicatorResult {
	ir := IndicatorResult{ID: ind.ID, Action: ind.Action, Section: ind.Section, Title: ind.Title, Unit: ind.Unit,
		Aggregate: ind.Aggregate, Provenance: ind.Provenance, UnknownPolicy: ind.Unknown, MinPopulation: ev.minPopulation(ind)}
	if ir.UnknownPolicy == "" {
		ir.UnknownPolicy = UnknownExclude
	}
	var errs []string
	var sum float64
	var counts [4]int
	var supposed []int // the States not known because the scenario supposes their obligation
	isBool := ind.Aggregate == AggCount || ind.Aggregate == AggShare
	asFalse := isBool && ir.UnknownPolicy == UnknownAsFalse
	if cap(ev.outcomes) < len(ev.envs) {
		ev.outcomes = make([]uint8, len(ev.envs))
	}
	outcomes := ev.outcomes[:len(ev.envs)]
	byGroup := ev.byGroup()
	if byGroup && len(ev.nums) != len(ev.envs) {
		ev.nums, ev.ranks = make([]float64, len(ev.envs)), make([]int8, len(ev.envs))
	}
	pop, rule := &ind.Population, &ind.Rule
	ev.budget.reset()
	byState := ev.byState
	if !ev.cfg.trace && byState == nil && !byGroup && isBool && pop.quick() && rule.quick() && !noQuickLoop {
		ev.quickLoop(pop, rule, &ir, asFalse)
		aggregateValue(ind, &ir, 0)
		return ir
	}
	var traced []int            // with Trace: the fields the indicator reads, in schema order
	var tracedReads []FieldRead // and the values read by every State, one allocation
	if ev.cfg.trace {
		traced = tracedFields(ind)
		ir.States = make([]StateOutcome, 0, len(ev.envs))
		tracedReads = make([]FieldRead, len(traced)*len(ev.envs))
	}
	// tracedOf is the fields of a traced outcome's values, in order
	tracedOf := func(i int) []int {
		if traced == nil && byState != nil {
			return byState.fields[i]
		}
		return traced
	}
	for si := range ev.envs {
		outcomes[si] = outNone
		if ev.budget.stopped {
			continue // out of steps, or cancelled: the other States would be too
		}
		se := &ev.envs[si]
		var so *StateOutcome
		if ev.cfg.trace {
			vals := tracedReads[:len(traced):len(traced)]
			tracedReads = tracedReads[len(traced):]
			for i, fi := range traced {
				vals[i] = ev.ds.fieldRead(si, fi, se)
			}
			ir.States = append(ir.States, StateOutcome{ISO3: ev.ds.states[si].ISO3, Values: vals})
			so = &ir.States[len(ir.States)-1]
		} else if byState != nil {
			so = byState.outcome(ev.ds, i, si, se)
		}
		in, err := ev.inPopulation(pop, se, so)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: population: %v", ev.ds.states[si].ISO3, err))
			continue
		}
		if !in {
			continue
		}
		ir.Population++
		if ev.isSupposed(si) && ev.supposedAnswer(pop, rule, si, se) {
			// in the population only under the scenario, and answering from a record the
			// scenario does not suppose: not known, never "no" (supposed.go)
			outcomes[si] = outNoData
			counts[outNoData]++
			supposed = append(supposed, si)
			if so != nil {
				so.Unknown = absentRecords(rule, se)
			}
			continue
		}
		if rule.strict.missingFrom(&se.present) {
			outcomes[si] = outNoData
			counts[outNoData]++
			if so != nil {
				so.Unknown = missingReads(*rule, se)
			}
			if asFalse {
				ev.addClass(&ir, si, ev.silenceRank(si, pop.reads, rule.reads), byGroup, so)
				if so != nil {
					ev.classSilentReads(si, so, tracedOf(i))
				}
			}
			continue
		}
		o, v, err := ev.ruleOutcome(rule, isBool, se, so)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", ev.ds.states[si].ISO3, err))
		}
		if o == outCounted && !isBool {
			sum += v
			if byGroup {
				ev.nums[si] = v
			}
		}
		outcomes[si] = o
		counts[o]++
		switch {
		case asFalse && classed(o, true):
			ev.addClass(&ir, si, ev.silenceRank(si, pop.reads, rule.reads), byGroup, so)
			if so != nil {
				ev.classSilentReads(si, so, tracedOf(i))
			}
		case classed(o, false):
			ev.addClass(&ir, si, ev.classRank(si, pop.reads, rule.reads), byGroup, so)
		}
	}
	if byState != nil && ev.cfg.trace { // traced both ways: the same outcomes
		for si := range ir.States {
			byState.out[si].Indicators[i].StateOutcome = ir.States[si]
		}
	}
	ev.fillStateLists(&ir, outcomes, &counts)
	if len(supposed) > 0 {
		ir.Supposed = stateSetOf(ev.stateCodes(), supposed)
	}
	if len(errs) > 0 {
		ir.Status = ValueError
		ir.Error = errs[0]
		if len(errs) > 1 {
			ir.Error += fmt.Sprintf(" (and %d more States)", len(errs)-1)
		}
		return ir
	}
	aggregateValue(ind, &ir, sum)
	if byGroup && ir.Status != ValueError {
		ir.Groups = ev.groups(ind, &ir, outcomes, ev.nums, ev.ranks)
	}
	return ir
}

// addClass counts State si's result by its class rank r, for the indicator, its groups and its
// traced outcome so.
func (ev *evaluator) addClass(ir *IndicatorResult, si, r int, byGroup bool, so *StateOutcome) {
	ir.Classes.addRank(r)
	if byGroup {
		ev.ranks[si] = int8(r)
	}
	if so != nil && r >= 0 {
		so.Class = Classes[r]
	}
}

// noQuickLoop turns quickLoop off, for the test that compares it with the general loop.
var noQuickLoop = false

// quickLoop is indicator's loop for the commonest shape of indicator, when there is no trace
// and no breakdown: a count or a share whose population and rule are each a bool field, a
// *bool field or a constant (Expr.quick). It sets the result's Population, Known, State sets
// and Classes as the general loop does (TestQuickLoop), with the expressions read inline, no
// error possible, and the State sets built a word (64 States) at a time. asFalse: the
// indicator counts silence as "no", and its States' classes are silenceRank's.
func (ev *evaluator) quickLoop(pop, rule *Expr, ir *IndicatorResult, asFalse bool) {
	if len(ev.classes) != len(ev.envs) {
		ev.classes = make([][maxFields]uint8, len(ev.envs))
	}
	// the fields a known result's class comes from: at most one each (Expr.quick)
	var fields [2]int
	nf := copy(fields[:], pop.reads)
	nf += copy(fields[nf:], rule.reads)
	strict := rule.strict != fieldSet{}
	n := len(ev.envs)
	w := words(n)
	sets := make([]uint64, 3*w)
	var ranks [6]int // by class rank + 1
	var supposed []int
	for wi := range w {
		var counted, notCounted, noData uint64
		for si := wi * 64; si < min(n, wi*64+64); si++ {
			se := &ev.envs[si]
			if in, known, _ := pop.quickBool(&se.env); !in || !known {
				continue
			}
			bit := uint64(1) << (uint(si) & 63)
			if ev.isSupposed(si) && ev.supposedAnswer(pop, rule, si, se) {
				noData |= bit // not known, never "no" (supposed.go)
				supposed = append(supposed, si)
				continue
			}
			b, known := false, false
			if !strict || !rule.strict.missingFrom(&se.present) {
				b, known, _ = rule.quickBool(&se.env)
			}
			switch {
			case !known:
				noData |= bit
			case b:
				counted |= bit
			default:
				notCounted |= bit
			}
			if asFalse {
				ranks[ev.silenceRank(si, pop.reads, rule.reads)+1]++
				continue
			}
			if !known {
				continue
			}
			cache := &ev.classes[si]
			r := -1
			for _, fi := range fields[:nf] {
				c := int(cache[fi]) - 2
				if c == -2 {
					c = ev.fieldClass(cache, si, fi)
				}
				r = max(r, c)
			}
			ranks[r+1]++
		}
		sets[wi], sets[w+wi], sets[2*w+wi] = counted, notCounted, noData
	}
	codes := ev.stateCodes()
	ir.Counted, ir.NotCounted, ir.NoData = StateSet{codes, sets[:w:w]}, StateSet{codes, sets[w : 2*w : 2*w]}, StateSet{codes, sets[2*w:]}
	ir.Known = ir.Counted.Len() + ir.NotCounted.Len()
	ir.Population = ir.Known + ir.NoData.Len()
	if len(supposed) > 0 {
		ir.Supposed = stateSetOf(codes, supposed)
	}
	for r, k := range ranks[1:] {
		ir.Classes.addRankN(r, k)
	}
}

// inPopulation runs an indicator's population expression for one State: whether it is known
// to be in the population. so, the State's traced outcome or nil, records an error and the
// membership.
func (ev *evaluator) inPopulation(pop *Expr, se *stateEnv, so *StateOutcome) (bool, error) {
	in, known, quick := pop.quickBool(&se.env)
	var err error
	if !quick {
		in, known, err = ev.runBool(pop, se)
	}
	if err != nil {
		if so != nil {
			so.Error = err.Error()
		}
		return false, err
	}
	in = known && in
	if in && so != nil {
		so.InPopulation = true
	}
	return in, nil
}

// ruleOutcome runs an indicator's rule for one State in its population, with every field the
// rule needs present: a truth for count and share (isBool), a number v for sum and mean. An
// error gives outNone. so, the State's traced outcome or nil, records the result or the error.
func (ev *evaluator) ruleOutcome(rule *Expr, isBool bool, se *stateEnv, so *StateOutcome) (o uint8, v float64, err error) {
	if isBool {
		b, known, quick := rule.quickBool(&se.env)
		if !quick {
			b, known, err = ev.runBool(rule, se)
		}
		switch {
		case err != nil:
			if so != nil {
				so.Error = err.Error()
			}
		case !known:
			o = outNoData
		case b:
			o = outCounted
		default:
			o = outNotCounted
		}
		if so != nil && err == nil && known {
			so.Result = b
		}
		return o, 0, err
	}
	v, known, err := ev.runNumber(rule, se)
	switch {
	case err != nil:
		if so != nil {
			so.Error = err.Error()
		}
	case !known:
		o = outNoData
	default:
		o = outCounted
		if so != nil {
			so.Result = v
		}
	}
	return o, v, err
}

// fillStateLists sets a result's Known and its Counted, NotCounted and NoData sets from the
// States' outcomes and their counts: one allocation of three bit sets, no codes copied.
func (ev *evaluator) fillStateLists(ir *IndicatorResult, outcomes []uint8, counts *[4]int) {
	ir.Known = counts[outCounted] + counts[outNotCounted]
	ir.Counted, ir.NotCounted, ir.NoData = stateSets(ev.stateCodes(), outcomes)
}

// stateCodes is every State's ISO3 code in dataset order, built once for the evaluation.
func (ev *evaluator) stateCodes() *[]string {
	if ev.codes == nil || len(*ev.codes) != len(ev.ds.states) {
		codes := make([]string, len(ev.ds.states))
		for si := range ev.ds.states {
			codes[si] = ev.ds.states[si].ISO3
		}
		ev.codes = &codes
	}
	return ev.codes
}

// aggregateValue sets a result's N, Value (with a share's numerator and denominator), Status
// and Class from its State lists, Population, Known and Classes, and sum, the sum of the
// States' numbers (sum and mean). The whole and every group of a breakdown go through it.
func aggregateValue(ind *Indicator, ir *IndicatorResult, sum float64) {
	ir.N = ir.Population
	ratio := false
	switch ind.Aggregate {
	case AggCount:
		ir.Value = num(float64(ir.Counted.Len()))
	case AggShare:
		ratio = true
		ir.N = ir.Known
		if ind.Unknown == UnknownAsFalse {
			ir.N = ir.Known + ir.NoData.Len() - ir.Supposed.Len()
		}
		if ir.N > 0 {
			k := ir.Counted.Len()
			ir.Numerator = num(float64(k))
			ir.Denominator = num(float64(ir.N))
			ir.Value = num(100 * float64(k) / float64(ir.N))
		}
	case AggSum:
		if ir.Population == 0 {
			ir.Value = num(0)
		} else if ir.Known > 0 {
			ir.Value = num(sum)
		}
	case AggMean:
		ratio = true
		ir.N = ir.Known
		if ir.Known > 0 {
			ir.Value = num(sum / float64(ir.Known))
		}
	}
	if ir.Value != nil && (math.IsNaN(*ir.Value) || math.IsInf(*ir.Value, 0)) {
		ir.Status = ValueError
		ir.Error = fmt.Sprintf("the %s of the States' values is %v, not a finite number (the values are too large)", ind.Aggregate, *ir.Value)
		ir.Value = nil
		return
	}
	switch {
	case ir.Value == nil:
		ir.Status = ValueMissing // a share or mean with nothing known, an empty population included
	case ir.Population == 0 || (ratio && ir.N < ir.MinPopulation):
		ir.Status = ValueTooFew
	default:
		ir.Status = ValueOK
	}
	if ir.Value != nil {
		ir.Class = ir.Classes.Weakest()
	}
}

// NotKnown is the set of the States in the population whose answer is not known: NoData,
// where the unknown policy leaves them out (exclude); where it counts silence as "no"
// (as-false), only the States a scenario's supposition leaves not known (Supposed).
func (ir *IndicatorResult) NotKnown() StateSet {
	if ir.UnknownPolicy == UnknownAsFalse {
		return ir.Supposed
	}
	return ir.NoData
}

// KOfN says what a value is taken over, in words: "12 of 110" (counted of the population, or
// of a share's denominator), "12 of the 26 with data" (a share that leaves unknowns out),
// "9 of 17 with a figure" (a sum or a mean).
func (ir *IndicatorResult) KOfN() string { return ir.KOfNSentence().String() }

// KOfNSentence is KOfN as a message and its values (engine/sentence.go).
func (ir *IndicatorResult) KOfNSentence() Sentence {
	k := ir.Counted.Len()
	switch ir.Aggregate {
	case AggShare:
		if (ir.UnknownPolicy != UnknownAsFalse && ir.NoData.Len() > 0) || ir.Supposed.Len() > 0 {
			if ir.N == 0 {
				return say(msgKOfNNoneData, intArg("Total", ir.Population))
			}
			return say(msgKOfNWithData, intArg("K", k), intArg("Total", ir.N))
		}
		return say(msgKOfN, intArg("K", k), intArg("Total", ir.N))
	case AggSum, AggMean:
		return say(msgKOfNWithFigure, intArg("K", k), intArg("Total", ir.Population))
	}
	if u := ir.NotKnown().Len(); u > 0 {
		// a count over States some of which are not known: "0 of 112" alone would say all
		// 112 were known and none counted
		return say(msgKOfNNotKnown, intArg("K", k), intArg("Total", ir.Population), intArg("N", u))
	}
	return say(msgKOfN, intArg("K", k), intArg("Total", ir.Population))
}

// minPopulation is the indicator's min_population, else the run's (WithScoring), else the
// plan's.
func (ev *evaluator) minPopulation(ind *Indicator) int {
	switch {
	case ind.MinPopulation > 0:
		return ind.MinPopulation
	case ev.cfg.scoring != nil && ev.cfg.scoring.MinPopulation > 0:
		return ev.cfg.scoring.MinPopulation
	case ev.plan.scoring.MinPopulation > 0:
		return ev.plan.scoring.MinPopulation
	}
	return DefaultScoring().MinPopulation
}

// stateColumn names the derived fields that are read straight from the States file.
var stateColumn = map[string]bool{"iso3": true, "region": true, "signed": true, "ratified": true, "entry_into_force": true, "withdrawn": true}

func num(f float64) *float64 { return &f }

// missingReads lists the nilable fields an expression reads strictly that are nil here.
func missingReads(e Expr, se *stateEnv) []string {
	if !e.strict.intersects(notPresent(se)) {
		return nil
	}
	var out []string
	for _, fi := range e.reads {
		if e.strict.has(fi) && !se.present.has(fi) {
			out = append(out, schema[fi].Name)
		}
	}
	return out
}

func notPresent(se *stateEnv) fieldSet {
	var s fieldSet
	for i := range s {
		s[i] = ^se.present[i]
	}
	return s
}

// runBool runs a bool expression; known is false when the result is nil (unknown). An
// expression of the direct subset runs without the VM (expr_direct.go).
func (ev *evaluator) runBool(e *Expr, se *stateEnv) (v, known bool, err error) {
	if e.direct != nil {
		if v, known, ok := e.direct.bool(&se.env); ok {
			return v, known, nil
		}
	}
	return ev.vmBool(e, se)
}

// configure applies opts over the plan's defaults: its counting convention, and the latest date
// of the data as as_of when none is given.
func (p *Plan) configure(ds *Dataset, opts []EvalOption) (evalConfig, error) {
	cfg := evalConfig{counting: p.counting}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.asOf.IsZero() {
		cfg.asOf = ds.latest
	}
	if !cfg.counting.Valid() {
		return cfg, fmt.Errorf("counting %q must be %q or %q", cfg.counting, CountingDeposit, CountingEntryIntoForce)
	}
	by, err := p.resolveBy(cfg.byKeys)
	if err != nil {
		return cfg, err
	}
	cfg.by = by
	return cfg, nil
}

// vmBool runs a bool expression on the expr VM.
func (ev *evaluator) vmBool(e *Expr, se *stateEnv) (v, known bool, err error) {
	out, err := ev.run(e, se)
	if err != nil {
		return false, false, err
	}
	return asBool(out)
}

// asBool reads the result of a bool expression; known is false when it is nil (unknown).
func asBool(out any) (v, known bool, err error) {
	switch x := out.(type) {
	case bool:
		return x, true, nil
	case *bool:
		if x == nil {
			return false, false, nil
		}
		return *x, true, nil
	case nil:
		return false, false, nil
	}
	return false, false, fmt.Errorf("expression gave %T, want a bool", out)
}

// runNumber runs a numeric expression; known is false when the result is nil (unknown). NaN
// and infinities are errors. An expression of the direct subset runs without the VM.
func (ev *evaluator) runNumber(e *Expr, se *stateEnv) (v float64, known bool, err error) {
	if e.direct != nil {
		if v, known, ok := e.direct.number(&se.env); ok {
			return v, known, nil
		}
	}
	return ev.vmNumber(e, se)
}

// vmNumber runs a numeric expression on the expr VM.
func (ev *evaluator) vmNumber(e *Expr, se *stateEnv) (v float64, known bool, err error) {
	out, err := ev.run(e, se)
	if err != nil {
		return 0, false, err
	}
	switch x := out.(type) {
	case float64:
		v = x
	case int:
		v = float64(x)
	case *float64:
		if x == nil {
			return 0, false, nil
		}
		v = *x
	case *int:
		if x == nil {
			return 0, false, nil
		}
		v = float64(*x)
	case nil:
		return 0, false, nil
	default:
		return 0, false, fmt.Errorf("expression gave %T, want a number", out)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, fmt.Errorf("expression gave %v (a division by zero?)", v)
	}
	return v, true, nil
}

// tracedFields lists the fields an indicator reads (its population's and its rule's), once
// each, in schema order: the values a traced outcome shows.
func tracedFields(ind *Indicator) []int {
	idx := append(append([]int(nil), ind.Population.reads...), ind.Rule.reads...)
	sort.Ints(idx)
	return slices.Compact(idx)
}

// fieldRead is the value of field fi in State si's environment se, with its class and origin.
func (d *Dataset) fieldRead(si, fi int, se *stateEnv) FieldRead {
	st := &d.states[si]
	fd := &schema[fi]
	fr := FieldRead{Field: fd.Name, Origin: "derived"}
	v := reflect.ValueOf(&se.env).Elem().Field(envFieldPath[fi])
	if v.Kind() == reflect.Pointer {
		if !v.IsNil() {
			fr.Value = v.Elem().Interface()
		}
	} else {
		fr.Value = v.Interface()
	}
	if fr.Value != nil || fd.Input() {
		fr.Class = d.valueClass(si, fi, se.env.Year, se) // an absent input: its absence's (AbsentClass)
	}
	if f := se.from[fi]; f != nil {
		fr.Origin = f.File + ":" + strconv.Itoa(f.Line)
		fr.Source = f.Source
	} else if fd.Input() {
		fr.Origin = "absent"
	} else if stateColumn[fd.Name] && st.File != "" {
		fr.Origin = st.File + ":" + strconv.Itoa(st.Line)
		if fd.Name == "entry_into_force" && st.EIFDerived {
			fr.Origin = "derived (Article 17, from the deposit)"
		}
	}
	return fr
}
