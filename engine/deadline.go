package engine

import (
	"fmt"
	"math"
)

// Deadline projections for outstanding Article 3 and 4 obligations (docs/methodology.md,
// "Deadline projections").

// Project projects completion of an Article 3 or 4 obligation at a constant rate. Time runs in
// fractional years: the remaining amount is measured at the end of RemainingYear, i.e. at
// RemainingYear+1; a deadline d is at year(d) + dayOfYear(d)/daysInYear(d). It is pure and
// cheap, so callers can run it over many draws (Monte Carlo over Rate or Remaining).
func Project(in ProjectionInput) Projection {
	var pr Projection
	start := float64(in.RemainingYear + 1)
	var finish float64
	switch {
	case in.Remaining <= 0:
		pr.YearsNeeded = num(0)
		pr.CompletionYear = intPtr(in.RemainingYear)
		finish = start
	case in.Rate > 0:
		yrs := in.Remaining / in.Rate
		pr.YearsNeeded = num(yrs)
		finish = start + yrs
		pr.CompletionYear = intPtr(int(math.Ceil(finish-1e-9)) - 1)
	}
	if in.Deadline.IsZero() {
		pr.Status = DeadlineNoData
		return pr
	}
	dl := yearFraction(in.Deadline)
	if left := dl - start; left > 0 {
		pr.RateNeeded = num(math.Max(in.Remaining, 0) / left)
	}
	switch {
	case in.Remaining <= 0:
		pr.Status = DeadlineOnCourse
	case dl <= start, in.Rate <= 0, finish > dl:
		pr.Status = DeadlineWillMiss
	case finish > dl-in.MarginYears:
		pr.Status = DeadlineAtRisk
	default:
		pr.Status = DeadlineOnCourse
	}
	return pr
}

func intPtr(n int) *int { return &n }

// measure describes what an article's projection reads.
type measure struct {
	article         int
	remaining, done string // the field of the amount remaining and of the amount done in a year
	extra           string // added to done when known (land released by survey)
	unit            string
}

var (
	art3Munitions    = measure{3, "art3_stock_munitions", "art3_destroyed_munitions", "", "munitions"}
	art3Submunitions = measure{3, "art3_stock_submunitions", "art3_destroyed_submunitions", "", "submunitions"}
	art4Area         = measure{4, "art4_area_remaining_m2", "art4_area_cleared_m2", "art4_area_released_survey_m2", "m2"}
)

// facts returns State si's facts of one field for years up to y, ascending.
func (d *Dataset) factsUpTo(si int, field string, y int) []*Fact {
	if d.byState[si] == nil {
		return nil
	}
	var out []*Fact
	for _, f := range d.byState[si][fieldIndex[field]] {
		if f.Year <= y {
			out = append(out, f)
		}
	}
	return out
}

// projectState builds the projection of one State's outstanding obligation under article m.
func (d *Dataset) projectState(si int, m measure, deadline *string, y int, sc Scoring) DeadlineProjection {
	st := &d.states[si]
	dp := DeadlineProjection{ISO3: st.ISO3, Name: st.Name, Article: m.article, Measure: m.remaining, Unit: m.unit, RateYears: []YearValue{}}
	if rem := d.factsUpTo(si, m.remaining, y); len(rem) > 0 {
		last := rem[len(rem)-1]
		dp.Remaining, dp.RemainingYear = num(last.num), last.Year
	}
	done := d.factsUpTo(si, m.done, y)
	if n := sc.DeadlineRateYears; len(done) > n {
		done = done[len(done)-n:]
	}
	var extra map[int]float64
	if m.extra != "" {
		extra = map[int]float64{}
		for _, f := range d.factsUpTo(si, m.extra, y) {
			extra[f.Year] = f.num
		}
	}
	var sum float64
	for _, f := range done {
		v := f.num + extra[f.Year]
		dp.RateYears = append(dp.RateYears, YearValue{Year: f.Year, Value: num(v)})
		sum += v
	}
	if len(done) > 0 {
		dp.Rate = num(sum / float64(len(done)))
	}
	var dl Date
	if deadline != nil {
		if t, err := ParseDate(*deadline); err == nil {
			dl = t
			dp.Deadline = t.String()
		}
	}
	switch {
	case dp.Remaining == nil:
		dp.Status = DeadlineNoData
		dp.Reason = fmt.Sprintf("no %s reported up to %d", m.remaining, y)
		return dp
	case dp.Rate == nil && *dp.Remaining > 0:
		dp.Status = DeadlineNoData
		dp.Reason = fmt.Sprintf("no %s reported up to %d, so there is no rate", m.done, y)
		if dl.IsZero() {
			return dp
		}
		// what it takes is still known
		pr := Project(ProjectionInput{Remaining: *dp.Remaining, RemainingYear: dp.RemainingYear, Rate: 0, Deadline: dl})
		dp.RateNeeded = pr.RateNeeded
		return dp
	}
	rate := 0.0
	if dp.Rate != nil {
		rate = *dp.Rate
	}
	dp.Projection = Project(ProjectionInput{Remaining: *dp.Remaining, RemainingYear: dp.RemainingYear, Rate: rate,
		Deadline: dl, MarginYears: sc.DeadlineMarginYears})
	dp.Reason = projectionReason(&dp, dl, sc)
	return dp
}

func projectionReason(dp *DeadlineProjection, dl Date, sc Scoring) string {
	rem := fmt.Sprintf("%s %s remaining at the end of %d", fnum(*dp.Remaining), dp.Unit, dp.RemainingYear)
	if *dp.Remaining <= 0 {
		return rem + ": nothing left to do"
	}
	var at string
	if dp.CompletionYear != nil {
		at = fmt.Sprintf("at %s a year (mean of %d years) it takes %s years, completing in %d", fnum(*dp.Rate), len(dp.RateYears), fnum(*dp.YearsNeeded), *dp.CompletionYear)
	} else {
		at = fmt.Sprintf("at %s a year nothing is being done", fnum(*dp.Rate))
	}
	if dl.IsZero() {
		return rem + "; " + at + "; no deadline recorded"
	}
	need := "the deadline has passed"
	if dp.RateNeeded != nil {
		need = fmt.Sprintf("meeting the deadline %s takes %s a year", dl, fnum(*dp.RateNeeded))
	}
	switch dp.Status {
	case DeadlineAtRisk:
		return fmt.Sprintf("%s; %s, less than %s year(s) before the deadline %s; %s", rem, at, fnum(sc.DeadlineMarginYears), dl, need)
	case DeadlineWillMiss:
		return fmt.Sprintf("%s; %s, after the deadline %s; %s", rem, at, dl, need)
	}
	return fmt.Sprintf("%s; %s, before the deadline %s", rem, at, dl)
}

// deadlines projects every outstanding Article 3 and 4 obligation in year y.
func (d *Dataset) deadlines(envs []stateEnv, y int, sc Scoring) []DeadlineProjection {
	out := []DeadlineProjection{}
	for si := range d.states {
		env := &envs[si].env
		if env.Art3Outstanding {
			m := art3Munitions
			if len(d.factsUpTo(si, m.remaining, y)) == 0 && len(d.factsUpTo(si, m.done, y)) == 0 &&
				(len(d.factsUpTo(si, art3Submunitions.remaining, y)) > 0 || len(d.factsUpTo(si, art3Submunitions.done, y)) > 0) {
				m = art3Submunitions
			}
			out = append(out, d.projectState(si, m, env.Art3Deadline, y, sc))
		}
		if env.Art4Outstanding {
			out = append(out, d.projectState(si, art4Area, env.Art4Deadline, y, sc))
		}
	}
	return out
}
