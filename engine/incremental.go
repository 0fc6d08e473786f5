package engine

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

// ScenarioRun is the outcome of running one scenario against a baseline (Baseline.Run).
type ScenarioRun struct {
	Scenario *Scenario
	// Baseline is what the scenario is compared with: the Baseline it was run against, or, when
	// the scenario adds a date later than that baseline's default cut-off, the same baseline
	// assessed again at the later cut-off, so that both sides always share one as_of.
	Baseline *Baseline
	Plan     *Plan    // the baseline plan with the scenario's overrides
	Data     *Dataset // the baseline dataset with the scenario's changes
	// Affected lists the indicators that were evaluated again (the others were re-scored).
	Affected   []string
	Assessment *Assessment
}

// Diff compares the scenario with its baseline, two assessments at the same as_of
// (Compare(run.Baseline.Assessment(), run.Assessment)), with the population notes of the
// composition effects (Baseline.Composition).
func (r *ScenarioRun) Diff() Diff {
	d := Compare(r.Baseline.Assessment(), r.Assessment)
	r.Baseline.Composition(r, &d)
	return d
}
