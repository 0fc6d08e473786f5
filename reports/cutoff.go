package reports

import (
	"fmt"

	"github.com/lapmonitor/lap/engine"
)

// cutoffView is the report's data cut-off in words, for its first page, and how the assessed
// year is labelled when the cut-off falls before the year's end (a partial year).
type cutoffView struct {
	// Statement says on the first page which day the data were cut off and why that day.
	Statement string
	// Partial is true when the assessed year is not complete at the cut-off.
	Partial bool
	// YearHead labels the assessed year in table heads and captions: "2024", or "2026
	// (partial)". YearEnd names the day "at year end" stands for: "the end of 2024", or "31
	// October 2026 (2026 is not over)".
	YearHead, YearEnd string
	// PrevHead labels the year before in the indicator tables with the day it is seen at
	// (methodology §1.3, "Every year at the same lag"): "2024 (as of 30 June 2025)".
	// SeriesNote says the same of every point of a trend chart, under its charts.
	PrevHead, SeriesNote string
	// BaseHead labels the baseline column of the indicator tables with the plan's baseline
	// year and the day it is seen at: "Baseline 2021 (as of 30 June 2022)"; plain "Baseline"
	// when the plan's baseline year is not in the series (a report on an earlier year). A row
	// whose baseline is of another year says its own (baselineNote).
	BaseHead string
}

// newCutoffView describes the cut-off of a report on a.Year: Meta.CutOff when the caller
// decided it (lap report), else the assessment's as_of alone.
func newCutoffView(a *engine.Assessment, m Meta) (cutoffView, error) {
	asOf, err := engine.ParseDay(a.AsOf)
	if err != nil {
		return cutoffView{}, fmt.Errorf("report cut-off: as_of %q: %w", a.AsOf, err)
	}
	v := cutoffView{Partial: engine.PartialYear(a.Year, asOf), YearHead: yearHead(a), YearEnd: "the end of " + fmtYear(a.Year)}
	s := "Data as of " + asOf.Text()
	if c := m.CutOff; c != nil && c.AsOf == asOf {
		switch c.Rule {
		case engine.CutOffPlan:
			s += fmt.Sprintf(" (the plan's report cut-off for %d)", a.Year)
		case engine.CutOffData:
			s += fmt.Sprintf(" (the latest date in the data; the plan's report cut-off for %d, %s, lies beyond it)", a.Year, c.Planned.Text())
		case engine.CutOffGiven:
			s += " (the cut-off given for this report"
			if !c.Planned.IsZero() {
				s += fmt.Sprintf("; the plan's report cut-off for %d is %s", a.Year, c.Planned.Text())
			}
			s += ")"
		case engine.CutOffLatest:
			s += " (the latest date in the data; the plan sets no report cut-off)"
		}
	}
	s += ". Nothing dated or recorded after that day is used."
	// every earlier year of the series is seen the same time after its end (engine.Plan.Assess)
	s += fmt.Sprintf(" Every earlier year (baselines, trends, the year before) is seen the same time after its end as %d: %d as it was known on %s, and so on back, with the corrections recorded since applied.",
		a.Year, a.Year-1, asOf.YearsBefore(1).Text())
	v.PrevHead = fmt.Sprintf("%d (as of %s)", a.Year-1, asOf.YearsBefore(1).Text())
	v.SeriesNote = fmt.Sprintf("Charts: each year as known the same time after its end, %d as of %s, %d as of %s, and so on back.",
		a.Year, asOf.Text(), a.Year-1, asOf.YearsBefore(1).Text())
	v.BaseHead = "Baseline"
	if b := a.BaselineYear; b > 0 && b <= a.Year {
		v.BaseHead = fmt.Sprintf("Baseline %d (as of %s)", b, seenDay(asOf, a.Year, b).Text())
	}
	if v.Partial {
		s += fmt.Sprintf(" %d is a partial year: its figures cover 1 January to %s and are marked \"partial\".", a.Year, asOf.Text())
		v.YearEnd = fmt.Sprintf("%s (%d is not over)", asOf.Text(), a.Year)
	}
	v.Statement = s
	return v, nil
}

// seenDay is the day year y is seen at in the series of an assessment of year cut off at
// asOf: asOf shifted back year-y years (docs/methodology.md §1.3, "Every year at the same
// lag"; engine.YearValue.AsOf).
func seenDay(asOf engine.Date, year, y int) engine.Date {
	if y >= year {
		return asOf
	}
	return asOf.YearsBefore(year - y)
}

// yearHead labels the assessed year in figure titles: "2024", or "2026 (partial)" when the
// assessment's cut-off falls before the year's end.
func yearHead(a *engine.Assessment) string {
	if asOf, err := engine.ParseDay(a.AsOf); err == nil && engine.PartialYear(a.Year, asOf) {
		return fmtYear(a.Year) + " (partial)"
	}
	return fmtYear(a.Year)
}
