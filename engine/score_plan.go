package engine

import (
	"math"
	"strings"
)

// Loading and validating the scoring keys of the plan files: the [scoring] table of plan.toml
// and the per-indicator keys method, weight and baseline_year.

// maxWeight bounds an indicator's weight so that one indicator cannot silence the others of
// its action by accident (a typo of 100 for 1.00).
const maxWeight = 10

type badFunc func(code, key, format string, args ...any)

// checkScoring validates the [scoring] table.
func (l *loader) checkScoring(bad badFunc) {
	sf := l.plan.Scoring
	if sf == nil {
		return
	}
	frac := func(key string, v *float64, lo, hi float64, loOpen bool) {
		if v == nil {
			return
		}
		if math.IsNaN(*v) || math.IsInf(*v, 0) || *v > hi || *v < lo || (loOpen && *v == lo) {
			open := "["
			if loOpen {
				open = "("
			}
			bad(CodeBadValue, "scoring."+key, "scoring.%s = %g must be in %s%g, %g]", key, *v, open, lo, hi)
		}
	}
	frac("on_track", sf.OnTrack, 0, 1, true)
	frac("trend_on_track", sf.TrendOnTrack, 0, 1, true)
	frac("regressing", sf.Regressing, -1, 0, false)
	frac("tolerance", sf.Tolerance, 0, 1, false)
	frac("deadline_margin_years", sf.DeadlineMarginYears, 0, 10, false)
	if v := sf.TrendMinYears; v != nil && (*v < 2 || *v > 50) {
		bad(CodeBadValue, "scoring.trend_min_years", "scoring.trend_min_years = %d must be between 2 and 50: a line needs two points", *v)
	}
	if v := sf.DeadlineRateYears; v != nil && (*v < 1 || *v > 50) {
		bad(CodeBadValue, "scoring.deadline_rate_years", "scoring.deadline_rate_years = %d must be between 1 and 50", *v)
	}
	if v := sf.MinPopulation; v != nil && (*v < 1 || *v > maxMinPopulation) {
		bad(CodeBadValue, "scoring.min_population", "scoring.min_population = %d must be between 1 and %d", *v, maxMinPopulation)
	}
	frac("min_coverage", sf.MinCoverage, 0, 1, false)
	frac("cagr_improving", sf.CAGRImproving, 0, 1, false)
	frac("cagr_worsening", sf.CAGRWorsening, -1, 0, false)
	if v := sf.Weighting; v != nil && !Weighting(*v).Valid() {
		bad(CodeBadValue, "scoring.weighting", "scoring.weighting = %q must be %q or %q", *v, WeightingScored, WeightingEqual)
	}
}

// maxMinPopulation bounds min_population: a larger value would leave every indicator unscored.
const maxMinPopulation = 50

// Valid reports whether w is one of the weightings.
func (w Weighting) Valid() bool { return w == WeightingScored || w == WeightingEqual }

// scoring merges the [scoring] table over the defaults. It runs after validation.
func (l *loader) scoring() Scoring { return l.plan.Scoring.over(DefaultScoring()) }

// over returns s with every threshold the table sets replaced; a nil table changes nothing.
func (sf *scoringFile) over(s Scoring) Scoring {
	if sf == nil {
		return s
	}
	setF := func(dst *float64, v *float64) {
		if v != nil {
			*dst = *v
		}
	}
	setI := func(dst *int, v *int) {
		if v != nil {
			*dst = *v
		}
	}
	setF(&s.OnTrack, sf.OnTrack)
	setF(&s.Regressing, sf.Regressing)
	setF(&s.TrendOnTrack, sf.TrendOnTrack)
	setI(&s.TrendMinYears, sf.TrendMinYears)
	setF(&s.Tolerance, sf.Tolerance)
	setI(&s.DeadlineRateYears, sf.DeadlineRateYears)
	setF(&s.DeadlineMarginYears, sf.DeadlineMarginYears)
	setI(&s.MinPopulation, sf.MinPopulation)
	setF(&s.MinCoverage, sf.MinCoverage)
	setF(&s.CAGRImproving, sf.CAGRImproving)
	setF(&s.CAGRWorsening, sf.CAGRWorsening)
	if sf.Weighting != nil {
		s.Weighting = Weighting(*sf.Weighting)
	}
	return s
}

// badWeight reports whether a weight is out of (0, maxWeight].
func badWeight(w float64) bool { return math.IsNaN(w) || w <= 0 || w > maxWeight }

// indicatorScoring validates an indicator's method, weight and baseline_year and copies them.
func (l *loader) indicatorScoring(bad badFunc, f *indicatorFile, ind *Indicator) {
	ind.Method = MethodLinear
	if f.Method != "" {
		ind.Method = Method(f.Method)
		valid := false
		names := make([]string, len(methods))
		for i, m := range methods {
			names[i] = string(m)
			valid = valid || m == ind.Method
		}
		switch {
		case !valid:
			bad(CodeBadValue, "method", "method %q is not one of %s", f.Method, strings.Join(names, ", "))
		case f.Target == nil:
			bad(CodeBadValue, "method", "method %q needs a target: an indicator without one is informational", f.Method)
		}
	}
	ind.Weight = 1
	if f.Weight != nil {
		ind.Weight = *f.Weight
		if badWeight(*f.Weight) {
			bad(CodeBadValue, "weight", "weight %g must be above 0 and at most %d", *f.Weight, maxWeight)
		}
	}
	ind.Unknown = UnknownExclude
	switch UnknownPolicy(f.Unknown) {
	case "", UnknownExclude:
	case UnknownAsFalse:
		ind.Unknown = UnknownAsFalse
		if f.Aggregate == string(AggSum) || f.Aggregate == string(AggMean) {
			bad(CodeBadValue, "unknown", "unknown = %q needs a count or a share: a %s has no false to count", f.Unknown, f.Aggregate)
		}
	default:
		bad(CodeBadValue, "unknown", "unknown %q is not one of %s, %s", f.Unknown, UnknownExclude, UnknownAsFalse)
	}
	if v := f.MinPopulation; v != nil {
		ind.MinPopulation = *v
		if *v < 1 || *v > maxMinPopulation {
			bad(CodeBadValue, "min_population", "min_population %d must be between 1 and %d", *v, maxMinPopulation)
		}
	}
	if f.BaselineYear != nil {
		ind.BaselineYear = *f.BaselineYear
		by := *f.BaselineYear
		switch {
		case l.planOK && (by < l.plan.BaselineYear || by > l.plan.TargetYear):
			bad(CodeBadValue, "baseline_year", "baseline_year %d is outside the plan period %d..%d", by, l.plan.BaselineYear, l.plan.TargetYear)
		case f.Target != nil && f.TargetYear != nil && (f.TargetEachYear == nil || !*f.TargetEachYear) && by >= *f.TargetYear:
			bad(CodeBadValue, "baseline_year", "baseline_year %d must be before target_year %d", by, *f.TargetYear)
		}
	}
}
