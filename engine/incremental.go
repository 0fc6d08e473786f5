package engine

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Incremental re-assessment: after a change, only the indicators whose expressions read a
// field the change can reach (derive_deps.go) are evaluated again; the others keep the
// baseline's results and are only re-scored (their targets, weights or the thresholds may
// have changed).

// AffectedIndicators returns, in plan order, the ids of the indicators whose population or
// rule reads a field that changes when any of the inputs change (see Dependents).
func (p *Plan) AffectedIndicators(inputs []string) []string {
	set := dependentSet(inputs)
	var out []string
	for _, ind := range p.indicators {
		if readsAny(ind, set) {
			out = append(out, ind.ID)
		}
	}
	return out
}

func readsAny(ind *Indicator, set fieldSet) bool {
	for _, fi := range ind.Population.reads {
		if set.has(fi) {
			return true
		}
	}
	for _, fi := range ind.Rule.reads {
		if set.has(fi) {
			return true
		}
	}
	return false
}

// Reassess assesses year like Assess, reusing base for the indicators that read none of the
// fields the changed inputs reach. base must be an assessment of the same year by a plan with
// the same indicators (p itself, or the plan p was derived from by With) on a dataset that
// differs from ds only in the inputs listed; inputs names input fields, States-file columns
// and DepCounting, as Scenario.ChangedInputs gives them. When base does not fit (another year,
// as_of or indicator list, or an Only filter), Reassess falls back to a full Assess.
func (p *Plan) Reassess(ctx context.Context, base *Assessment, ds *Dataset, inputs []string, opts ...EvalOption) (*Assessment, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	if base == nil {
		return nil, errors.New("reassess: no baseline assessment")
	}
	cfg := p.assessConfig(ds, opts)
	if cfg.filter != nil || base.AsOf != cfg.asOf.String() || len(base.Indicators) != len(p.indicators) {
		return p.Assess(ctx, ds, base.Year, opts...)
	}
	year := base.Year
	from := p.firstYear(year)
	for i, ind := range p.indicators {
		ia := &base.Indicators[i]
		if ia.ID != ind.ID || len(ia.Series) != year-from+1 || (len(ia.Series) > 0 && ia.Series[0].Year != from) {
			return p.Assess(ctx, ds, year, opts...)
		}
	}
	if base.Counting != cfg.counting {
		inputs = append(inputs[:len(inputs):len(inputs)], DepCounting)
	}
	affected := p.AffectedIndicators(inputs)
	fresh := map[string]int{} // id -> index in the fresh results
	var results []*Result
	if len(affected) > 0 {
		quoted := make([]string, len(affected))
		for i, id := range affected {
			quoted[i] = regexp.QuoteMeta(id)
			fresh[id] = i
		}
		only := regexp.MustCompile("^(?:" + strings.Join(quoted, "|") + ")$")
		rs, err := p.EvaluateYears(ctx, ds, from, year, append(opts[:len(opts):len(opts)], Only(only))...)
		if err != nil {
			return nil, fmt.Errorf("reassess %d: %w", year, err)
		}
		results = rs
	}
	merged := make([]*Result, 0, year-from+1)
	for k, y := 0, from; y <= year; k, y = k+1, y+1 {
		r := &Result{Plan: PlanRef{Name: p.name, Version: p.version, Hash: p.hash}, Counting: cfg.counting,
			AsOf: cfg.asOf.String(), Year: y, Indicators: make([]IndicatorResult, len(p.indicators))}
		for i, ind := range p.indicators {
			switch j, ok := fresh[ind.ID]; {
			case ok:
				r.Indicators[i] = results[k].Indicators[j]
			case y == year:
				r.Indicators[i] = base.Indicators[i].IndicatorResult
			default:
				r.Indicators[i] = base.Indicators[i].Series[k].stub(ind)
			}
		}
		merged = append(merged, r)
	}
	return p.finishAssessment(ds, merged, cfg, nil), nil
}

// finishAssessment scores results (the evaluations of every year from firstYear, ending at the
// assessed year) as Assess does. envs are the States' environments in the assessed year; nil
// builds them.
func (p *Plan) finishAssessment(ds *Dataset, results []*Result, cfg evalConfig, envs []stateEnv) *Assessment {
	last := results[len(results)-1]
	year := last.Year
	a := &Assessment{Plan: last.Plan, Counting: last.Counting, AsOf: last.AsOf, Year: year,
		BaselineYear: p.baselineYear, TargetYear: p.targetYear, Scoring: *cfg.scoring}
	a.Indicators = p.scoreAll(results, *cfg.scoring)
	a.Actions, a.Sections, a.Overall = p.rollups(a.Indicators, *cfg.scoring)
	if envs == nil {
		ev := &evaluator{plan: p, ds: ds, cfg: cfg}
		ev.buildEnvs(year)
		envs = ev.envs
	}
	a.States = ds.stateViews(envs, last)
	a.Deadlines = ds.deadlines(envs, year, *cfg.scoring)
	a.Obligations = ds.obligationEpisodes(envs, a.Deadlines)
	return a
}

// ScenarioRun is the outcome of running one scenario against a baseline.
type ScenarioRun struct {
	Scenario *Scenario
	Plan     *Plan    // the baseline plan with the scenario's overrides
	Data     *Dataset // the baseline dataset with the scenario's changes
	// Affected lists the indicators that were evaluated again (the others were re-scored).
	Affected   []string
	Assessment *Assessment
}

// RunScenario applies a scenario to the baseline plan and dataset and assesses it
// incrementally against base, the baseline's assessment (see Reassess). The baseline is never
// modified. opts should be the options base was assessed with (AsOf in particular).
func RunScenario(ctx context.Context, p *Plan, ds *Dataset, base *Assessment, sc *Scenario, opts ...EvalOption) (*ScenarioRun, error) {
	np, err := p.With(sc.Overrides)
	if err != nil {
		return nil, fmt.Errorf("run scenario %q: %w", sc.Name, err)
	}
	nd, err := ds.Apply(sc.Changes)
	if err != nil {
		return nil, fmt.Errorf("run scenario %q: %w", sc.Name, err)
	}
	inputs := sc.ChangedInputs()
	a, err := np.Reassess(ctx, base, nd, inputs, opts...)
	if err != nil {
		return nil, fmt.Errorf("run scenario %q: %w", sc.Name, err)
	}
	aff := np.AffectedIndicators(inputs)
	return &ScenarioRun{Scenario: sc, Plan: np, Data: nd, Affected: aff, Assessment: a}, nil
}
