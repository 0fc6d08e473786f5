package engine

import (
	"context"
	"errors"
	"fmt"
	"reflect"
)

// Baseline is an assessment kept with what re-assessing a scenario against it reuses: every
// State's environment in every evaluated year. It is the library's one way to run what-if
// scenarios (Run, RunAll): a scenario then rebuilds only the environments of the States it
// changes and re-runs only the indicators that read a field its changes reach; everything else
// is the baseline's, and the result equals a full Assess of the changed plan and data at the
// same cut-off. A Baseline is immutable and safe for concurrent use.
//
// The cut-off (as_of) is fixed when the Baseline is made: the AsOf option, or else the latest
// date in the data. When it was not given and a scenario adds a later date (a deposit in the
// future of the data), RunAll assesses the baseline again at the latest date of the data and
// every scenario run together, so that the later date is not hidden and the two sides of every
// comparison share one cut-off. Given with AsOf, the cut-off holds for the scenarios too.
type Baseline struct {
	plan     *Plan
	ds       *Dataset
	opts     []EvalOption // as given, and AsOf(asOf) last
	given    []EvalOption // as given
	asOfSet  bool         // AsOf was among the options given
	cfg      evalConfig
	a        *Assessment
	from     int
	envs     [][]stateEnv // by year (from first), then State index
	rebasedF Date         // the default cut-off this baseline replaced, zero if none
}

// NewBaseline assesses year like Assess and keeps the States' environments for scenarios.
func (p *Plan) NewBaseline(ctx context.Context, ds *Dataset, year int, opts ...EvalOption) (*Baseline, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	cfg := p.assessConfig(ds, opts)
	cfg.seriesOf = year // the series Assess evaluates: each year at the assessed year's lag
	if cfg.filter != nil {
		return nil, errors.New("new baseline: an Only filter leaves indicators out; assess the whole plan")
	}
	var given evalConfig
	for _, o := range opts {
		o(&given)
	}
	pinned := append(opts[:len(opts):len(opts)], AsOf(cfg.asOf), seriesFor(year))
	a, err := p.Assess(ctx, ds, year, pinned...)
	if err != nil {
		return nil, err
	}
	b := &Baseline{plan: p, ds: ds, opts: pinned, given: opts, asOfSet: !given.asOf.IsZero(), cfg: cfg, a: a, from: p.firstYear(year)}
	for y := b.from; y <= year; y++ {
		ev := &evaluator{plan: p, ds: ds, cfg: b.cfg}
		ev.buildEnvs(y)
		b.envs = append(b.envs, ev.envs)
	}
	return b, nil
}

// Assessment returns the baseline's assessment.
func (b *Baseline) Assessment() *Assessment { return b.a }

// AsOf returns the baseline's cut-off.
func (b *Baseline) AsOf() Date { return b.cfg.asOf }

// Year returns the assessed year.
func (b *Baseline) Year() int { return b.a.Year }

// Rebased returns the default cut-off this baseline replaced because a scenario added a later
// date (see Baseline), or the zero Date.
func (b *Baseline) Rebased() Date { return b.rebasedF }

// Plan returns the baseline's plan.
func (b *Baseline) Plan() *Plan { return b.plan }

// Dataset returns the baseline's dataset.
func (b *Baseline) Dataset() *Dataset { return b.ds }

// Run applies a scenario to the baseline's plan and dataset and assesses it incrementally:
// RunAll with one scenario.
func (b *Baseline) Run(ctx context.Context, sc *Scenario) (*ScenarioRun, error) {
	runs, err := b.RunAll(ctx, []*Scenario{sc})
	if err != nil {
		return nil, err
	}
	return runs[0], nil
}

// RunAll applies each scenario to the baseline's plan and dataset and assesses it
// incrementally, every run against one baseline at one cut-off (see Baseline for when that is a
// later one than b's). Each result equals a full Assess of the changed plan and dataset at that
// cut-off; run.Diff() compares it with its baseline.
func (b *Baseline) RunAll(ctx context.Context, scs []*Scenario) ([]*ScenarioRun, error) {
	type prepared struct {
		np *Plan
		nd *Dataset
	}
	preps := make([]prepared, len(scs))
	latest := b.cfg.asOf
	for i, sc := range scs {
		np, err := b.plan.With(sc.Overrides)
		if err != nil {
			return nil, fmt.Errorf("run scenario %q: %w", sc.Name, err)
		}
		nd, err := b.ds.Apply(sc.Changes)
		if err != nil {
			return nil, fmt.Errorf("run scenario %q: %w", sc.Name, err)
		}
		preps[i] = prepared{np, nd}
		if nd.latest.After(latest) {
			latest = nd.latest
		}
	}
	bl := b
	if !b.asOfSet && latest.After(b.cfg.asOf) {
		nb, err := b.plan.NewBaseline(ctx, b.ds, b.a.Year, append(b.given[:len(b.given):len(b.given)], AsOf(latest))...)
		if err != nil {
			return nil, err
		}
		nb.rebasedF = b.cfg.asOf
		bl = nb
	}
	runs := make([]*ScenarioRun, len(scs))
	for i, sc := range scs {
		inputs := sc.ChangedInputs()
		a, err := bl.reassess(ctx, preps[i].np, preps[i].nd, inputs)
		if err != nil {
			return nil, fmt.Errorf("run scenario %q: %w", sc.Name, err)
		}
		runs[i] = &ScenarioRun{Scenario: sc, Baseline: bl, Plan: preps[i].np, Data: preps[i].nd,
			Affected: preps[i].np.AffectedIndicators(inputs), Assessment: a}
	}
	return runs, nil
}

// reassess assesses np on nd, a plan and a dataset derived from the baseline's by With and
// Apply with the inputs listed changed, at the baseline's cut-off, reusing the baseline's
// environments for the States nd leaves unchanged and its results for the indicators the
// inputs do not reach.
func (b *Baseline) reassess(ctx context.Context, np *Plan, nd *Dataset, inputs []string) (*Assessment, error) {
	if nd == nil || np == nil {
		return nil, errors.New("reassess: no plan or dataset")
	}
	year := b.a.Year
	cfg := np.assessConfig(nd, b.opts)
	if !sameStates(nd, b.ds) || !sameIndicators(np, b.plan) || np.firstYear(year) != b.from {
		return np.Assess(ctx, nd, year, b.opts...) // not derived from the baseline: nothing to reuse
	}
	// which States' environments change: all of them when the frame does
	allStates := cfg.counting != b.cfg.counting || np.adopted != b.plan.adopted || cfg.scoring.DeadlineRateYears != b.cfg.scoring.DeadlineRateYears
	if cfg.scoring.DeadlineRateYears != b.cfg.scoring.DeadlineRateYears {
		inputs = append(inputs[:len(inputs):len(inputs)], DepRateYears)
	}
	if cfg.counting != b.cfg.counting {
		inputs = append(inputs[:len(inputs):len(inputs)], DepCounting)
	}
	if np.adopted != b.plan.adopted {
		inputs = append(inputs[:len(inputs):len(inputs)], DepAdopted)
	}
	var changed []int
	for si := range nd.states {
		if allStates || nd.states[si] != b.ds.states[si] || !sameFacts(nd.byState[si], b.ds.byState[si]) {
			changed = append(changed, si)
		}
	}
	set := dependentSet(inputs)
	var affected []*Indicator
	fresh := map[string]int{}
	for _, ind := range np.indicators {
		if len(changed) > 0 && readsAny(ind, set) {
			fresh[ind.ID] = len(affected)
			affected = append(affected, ind)
		}
	}
	base := b.a
	merged := make([]*Result, 0, year-b.from+1)
	var lastEnvs []stateEnv
	for k, y := 0, b.from; y <= year; k, y = k+1, y+1 {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("reassess %d: %w", y, err)
		}
		// the changed States' environments for y; the whole slice (the baseline's with these in
		// place) is copied only when an indicator is evaluated again in y, and for the assessed
		// year, whose environments finishReassessment reads
		envs := b.envs[k]
		own := make([]stateEnv, len(changed))
		if len(changed) > 0 {
			fr := np.frameFor(cfg, y)
			for j, si := range changed {
				nd.build(si, fr, &own[j])
			}
		}
		var ev *evaluator
		evaluate := func() *evaluator {
			if ev == nil {
				if len(changed) > 0 {
					envs = append([]stateEnv(nil), envs...)
					for j, si := range changed {
						envs[si] = own[j]
					}
				}
				ev = &evaluator{plan: np, ds: nd, cfg: cfg, envs: envs}
				ev.buildShadows(y)
			}
			return ev
		}
		// an indicator that reads, for every changed State, the same values from the same facts
		// as in the baseline gives the baseline's result (a change dated in the assessed year
		// leaves the earlier years as they were)
		sameMin := cfg.scoring.MinPopulation == b.cfg.scoring.MinPopulation && np.scoring.MinPopulation == b.plan.scoring.MinPopulation
		unchanged := func(ind *Indicator) bool {
			if !sameMin {
				return false
			}
			for j, si := range changed {
				if !sameReads(ind, si, nd, &own[j], b.ds, &b.envs[k][si]) {
					return false
				}
			}
			return true
		}
		r := &Result{Plan: PlanRef{Name: np.name, Version: np.version, Hash: np.hash}, Counting: cfg.counting,
			AsOf: cfg.seenFor(y).day.String(), Year: y, Indicators: make([]IndicatorResult, len(np.indicators))}
		for i, ind := range np.indicators {
			switch _, ok := fresh[ind.ID]; {
			case ok && !unchanged(ind):
				r.Indicators[i] = evaluate().indicator(i, ind)
			case y == year:
				r.Indicators[i] = base.Indicators[i].IndicatorResult
			default:
				r.Indicators[i] = base.Indicators[i].Series[k].stub(ind)
			}
		}
		if y == year {
			evaluate()
		}
		merged = append(merged, r)
		lastEnvs = envs
	}
	changedState := make(map[string]bool, len(changed))
	for _, si := range changed {
		changedState[nd.states[si].ISO3] = true
	}
	return np.finishReassessment(nd, merged, cfg, lastEnvs, reuse{
		base: base, basePlan: b.plan, baseScoring: *b.cfg.scoring, fresh: fresh, changedState: changedState,
	}), nil
}

// reuse is what a reassessment may take from the baseline's assessment unchanged: the scores
// of indicators that were not evaluated again and whose definition and thresholds are the
// same, and the views of States whose environment did not change.
type reuse struct {
	base         *Assessment
	basePlan     *Plan
	baseScoring  Scoring
	fresh        map[string]int
	changedState map[string]bool
}

// finishReassessment is finishAssessment with the baseline's unchanged parts reused.
func (p *Plan) finishReassessment(ds *Dataset, results []*Result, cfg evalConfig, envs []stateEnv, ru reuse) *Assessment {
	last := results[len(results)-1]
	a := &Assessment{Plan: last.Plan, Counting: last.Counting, AsOf: last.AsOf, Year: last.Year,
		BaselineYear: p.baselineYear, TargetYear: p.targetYear, Scoring: *cfg.scoring}
	sameScoring := *cfg.scoring == ru.baseScoring
	a.Indicators = make([]IndicatorAssessment, len(last.Indicators))
	for i, ir := range last.Indicators {
		ind := p.byID[ir.ID]
		if _, fresh := ru.fresh[ir.ID]; !fresh && sameScoring && ind == ru.basePlan.byID[ir.ID] {
			a.Indicators[i] = ru.base.Indicators[i]
			continue
		}
		a.Indicators[i] = scoreIndicator(ir, ind, seriesOf(results, i, *cfg.scoring), last.Year, p.baselineYear, p.targetYear, *cfg.scoring, ds.stateName)
	}
	a.Actions, a.Sections, a.Overall = p.rollups(a.Indicators, *cfg.scoring)
	a.States = ds.stateViewsReusing(envs, last, ru)
	if !sameScoring || last.Year != ru.base.Year {
		a.Deadlines = ds.deadlines(envs, last.Year, *cfg.scoring)
		a.Obligations = ds.obligationEpisodes(envs, a.Deadlines)
		return a
	}
	a.Deadlines = ds.deadlinesReusing(envs, last.Year, *cfg.scoring, ru)
	a.Obligations = ds.obligationEpisodesReusing(envs, a.Deadlines, ru)
	return a
}

// deadlinesReusing is deadlines, taking the baseline's projections of every State whose
// environment did not change: a projection reads only its State's environment and facts, the
// year and the scoring (appendDeadlines), and the caller has checked the year and the scoring
// are the baseline's. Both lists are in the dataset's State order, each State's entries
// together, so one walk through the baseline's list finds each State's.
func (d *Dataset) deadlinesReusing(envs []stateEnv, y int, sc Scoring, ru reuse) []DeadlineProjection {
	base := ru.base.Deadlines
	if len(ru.changedState) == 0 {
		return base
	}
	out := make([]DeadlineProjection, 0, len(base)+2)
	j := 0
	for si := range d.states {
		iso := d.states[si].ISO3
		k := j
		for k < len(base) && base[k].ISO3 == iso {
			k++
		}
		if ru.changedState[iso] {
			out = d.appendDeadlines(out, si, &envs[si], y, sc)
		} else {
			out = append(out, base[j:k]...)
		}
		j = k
	}
	return out
}

// obligationEpisodesReusing is obligationEpisodes, taking the baseline's episodes of every
// State whose environment did not change (appendEpisodes reads only the State's environment
// and facts; an open episode's projection is then the baseline's, which deadlinesReusing kept
// too). Both lists are by article, then State in the dataset's order.
func (d *Dataset) obligationEpisodesReusing(envs []stateEnv, deadlines []DeadlineProjection, ru reuse) []ObligationEpisode {
	base := ru.base.Obligations
	if len(ru.changedState) == 0 {
		return base
	}
	proj := map[projKey]*DeadlineProjection{}
	for i := range deadlines {
		if dp := &deadlines[i]; ru.changedState[dp.ISO3] {
			proj[projKey{dp.ISO3, dp.Article, dp.Episode}] = dp
		}
	}
	out := make([]ObligationEpisode, 0, len(base)+2)
	j := 0
	for _, article := range []int{3, 4} {
		for si := range d.states {
			iso := d.states[si].ISO3
			k := j
			for k < len(base) && base[k].Article == article && base[k].ISO3 == iso {
				k++
			}
			if ru.changedState[iso] {
				out = d.appendEpisodes(out, si, &envs[si], article, proj)
			} else {
				out = append(out, base[j:k]...)
			}
			j = k
		}
	}
	return out
}

// stateViewsReusing is stateViews, taking the baseline's view of every State whose
// environment did not change: its obligations and its outcome in every indicator are the same.
func (d *Dataset) stateViewsReusing(envs []stateEnv, last *Result, ru reuse) []StateView {
	if len(ru.changedState) == 0 {
		return ru.base.States
	}
	wasParty := make(map[string]int, len(ru.base.States))
	for i, sv := range ru.base.States {
		wasParty[sv.ISO3] = i
	}
	out := ru.base.States
	copied := false
	for si := range d.states {
		iso := d.states[si].ISO3
		if !ru.changedState[iso] {
			continue
		}
		i, was := wasParty[iso]
		if was != envs[si].env.Party {
			return d.stateViews(envs, last) // a State joined or left: rebuild the list
		}
		if !was {
			continue
		}
		if !copied {
			out = append([]StateView(nil), out...)
			copied = true
		}
		out[i] = d.stateView(si, &envs[si], last)
	}
	return out
}

// sameFacts reports whether two States' fact indexes hold the same facts (the same pointers).
func sameFacts(a, b [][]*Fact) bool {
	if len(a) != len(b) {
		return false
	}
	for fi := range a {
		if len(a[fi]) != len(b[fi]) {
			return false
		}
		for j := range a[fi] {
			if a[fi][j] != b[fi][j] {
				return false
			}
		}
	}
	return true
}

// sameReads reports whether an indicator's expressions read the same values, from the same
// facts and of the same class, in two environments of State si (a in dataset da, b in db).
func sameReads(ind *Indicator, si int, da *Dataset, a *stateEnv, db *Dataset, b *stateEnv) bool {
	va, vb := reflect.ValueOf(&a.env).Elem(), reflect.ValueOf(&b.env).Elem()
	for _, reads := range [2][]int{ind.Population.reads, ind.Rule.reads} {
		for _, fi := range reads {
			if a.present.has(fi) != b.present.has(fi) || a.from[fi] != b.from[fi] ||
				da.valueClass(si, fi, a.env.Year, a) != db.valueClass(si, fi, b.env.Year, b) {
				return false
			}
			fa, fb := va.Field(envFieldPath[fi]), vb.Field(envFieldPath[fi])
			if fa.Kind() == reflect.Pointer {
				if fa.IsNil() != fb.IsNil() || (!fa.IsNil() && fa.Elem().Interface() != fb.Elem().Interface()) {
					return false
				}
			} else if fa.Interface() != fb.Interface() {
				return false
			}
		}
	}
	return true
}

// sameStates reports whether two datasets list the same States in the same order: what reusing
// one's environments, projections and episodes by State index for the other needs (a count alone
// would let a dataset of other States, or of the same in another order, take the baseline's).
func sameStates(a, b *Dataset) bool {
	if len(a.states) != len(b.states) {
		return false
	}
	for i := range a.states {
		if a.states[i].ISO3 != b.states[i].ISO3 {
			return false
		}
	}
	return true
}

// sameIndicators reports whether two plans list the same indicators in the same order, as
// reusing the baseline's results by index needs.
func sameIndicators(a, b *Plan) bool {
	if len(a.indicators) != len(b.indicators) {
		return false
	}
	for i := range a.indicators {
		if a.indicators[i].ID != b.indicators[i].ID {
			return false
		}
	}
	return true
}
