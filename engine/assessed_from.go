package engine

// assessedFrom is the evaluation an assessment was scored from: the plan, the dataset and the
// run's options, and the results of every year of its series, in order. An Assessment made by
// Assess or AssessYears holds it (unexported, so neither encoded nor part of its content), and
// RevisionsOf reuses the results rather than evaluating the years again.
type assessedFrom struct {
	plan    *Plan
	ds      *Dataset
	cfg     evalConfig
	results []*Result
}

// seriesFor is the results a was scored from when they are those RevisionsOf needs: made by p
// from ds with the cut-off, counting and filter of cfg, each year seen as cfg sees it (its
// seriesOf: the series of an assessment, each year at its lag, or every year at the cut-off),
// ending at a's year; nil otherwise (an assessment decoded from JSON, built elsewhere or made
// with other options).
func (a *Assessment) seriesFor(p *Plan, ds *Dataset, cfg evalConfig) []*Result {
	f := a.from
	if f == nil || f.cfg.seriesOf != cfg.seriesOf || f.plan != p || f.ds != ds || f.cfg.asOf != cfg.asOf || f.cfg.counting != cfg.counting ||
		!sameFilter(f.cfg.filter, cfg.filter) || len(f.results) == 0 || f.results[len(f.results)-1].Year != a.Year {
		return nil
	}
	return f.results
}
