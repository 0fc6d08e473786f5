package engine

import (
	"fmt"
	"strconv"
	"time"
)

// The report cut-off. A report on year Y is written after Y ends, from the data known on a
// fixed day: the plan's report_cutoff (a month and day, "06-30") of the year after Y. Two
// reports on the same year written on different days then say the same thing, and a later
// report can tell which earlier figures were revised since (revisions.go).

// CutOffRule says where a report's cut-off came from.
type CutOffRule string

// The cut-off rules.
const (
	// CutOffGiven: the run gave the cut-off (AsOf, --as-of).
	CutOffGiven CutOffRule = "given"
	// CutOffPlan: the plan's report cut-off for the year.
	CutOffPlan CutOffRule = "plan"
	// CutOffData: the plan's cut-off lies after the data's latest date, so the cut-off is
	// that date: the data do not reach the day the plan names.
	CutOffData CutOffRule = "data"
	// CutOffLatest: the plan names no report cut-off; the data's latest date (data
	// dictionary §1.3).
	CutOffLatest CutOffRule = "latest"
)

// CutOff is the data cut-off of a year's report and why it is that day.
type CutOff struct {
	Year int        `json:"year"`
	AsOf Date       `json:"as_of"`
	Rule CutOffRule `json:"rule"`
	// Planned is the plan's report cut-off for the year; zero when the plan names none.
	Planned Date `json:"planned,omitzero"`
	// Latest is the latest date in the data.
	Latest Date `json:"latest"`
	// Previous is the cut-off of the report on the year before under the same plan (its
	// report_cutoff, never after AsOf): the day a revision is counted from. Zero when the plan
	// names no report cut-off.
	Previous Date `json:"previous,omitzero"`
	// Partial is true when AsOf falls before the end of Year: the year is not complete.
	Partial bool `json:"partial"`
}

// ReportCutoff returns the plan's report cut-off for year: report_cutoff of the year after;
// ok is false when the plan names none.
func (p *Plan) ReportCutoff(year int) (d Date, ok bool) {
	if p.cutoffMonth == 0 {
		return Date{}, false
	}
	return NewDate(year+1, time.Month(p.cutoffMonth), p.cutoffDay), true
}

// ReportCutOff decides the cut-off of the report on year: given when not zero; else the
// plan's report cut-off for the year, or the data's latest date when that comes first (the
// data do not reach the plan's day) or when the plan names none.
func (p *Plan) ReportCutOff(ds *Dataset, year int, given Date) CutOff {
	c := CutOff{Year: year, Latest: ds.LatestDate()}
	planned, ok := p.ReportCutoff(year)
	if ok {
		c.Planned = planned
	}
	switch {
	case !given.IsZero():
		c.AsOf, c.Rule = given, CutOffGiven
	case !ok:
		c.AsOf, c.Rule = c.Latest, CutOffLatest
	case c.Latest.Before(planned):
		c.AsOf, c.Rule = c.Latest, CutOffData
	default:
		c.AsOf, c.Rule = planned, CutOffPlan
	}
	if prev, ok := p.ReportCutoff(year - 1); ok {
		if c.AsOf.Before(prev) {
			prev = c.AsOf
		}
		c.Previous = prev
	}
	c.Partial = c.AsOf.Before(NewDate(year, 12, 31))
	return c
}

// PartialYear reports whether a run cut off at asOf sees only part of year: asOf falls
// before its last day.
func PartialYear(year int, asOf Date) bool { return asOf.Before(NewDate(year, 12, 31)) }

// parseCutoff reads report_cutoff: "MM-DD", a day that exists in every year.
func parseCutoff(s string) (month, day int, err error) {
	if len(s) != 5 || s[2] != '-' {
		return 0, 0, fmt.Errorf("report_cutoff %q: want MM-DD, the month and day of the year after the report year (e.g. \"06-30\")", s)
	}
	m, err1 := strconv.Atoi(s[:2])
	d, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || m < 1 || m > 12 || d < 1 {
		return 0, 0, fmt.Errorf("report_cutoff %q: want MM-DD, the month and day of the year after the report year (e.g. \"06-30\")", s)
	}
	// 2001 is not a leap year: 02-29 is refused, as a day some years lack
	if t := time.Date(2001, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Day() != d {
		return 0, 0, fmt.Errorf("report_cutoff %q: no such day in every year", s)
	}
	return m, d, nil
}
