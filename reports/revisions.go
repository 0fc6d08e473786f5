package reports

import (
	"fmt"
	"strings"

	"github.com/lapmonitor/lap/engine"
)

// The revisions table: every earlier-year value that differs between the previous report's
// cut-off and this one, with why (engine.Plan.Revisions).

// maxNamed is how many States a cause names in full before it lists the rest by code.
const maxNamed = 3

// revisionsView is the report's revisions section.
type revisionsView struct {
	// Computed is false when the report was made without revisions (Meta.Revisions nil): the
	// section then says why.
	Computed bool
	// Summary says in one sentence what was compared and how many values changed; Note why
	// nothing was compared when that is the case.
	Summary, Note string
	// Short is the sentence for the first page: how many earlier values were revised.
	Short     string
	Then, Now string // the two cut-offs, in words
	Rows      []revisionRow
}

// revisionRow is one revised value.
type revisionRow struct {
	ID, Title string
	Year      int
	Then, Now revisionCell
	Why       []string // one sentence per kind of cause
}

// revisionCell is a value as a report gives it: the number with what it is over, or only
// "k of n" when too few, or "not known".
type revisionCell struct {
	Value, Over string
	Mark        markInfo
}

func newRevisionsView(a *engine.Assessment, m Meta) revisionsView {
	rr := m.Revisions
	if rr == nil {
		v := revisionsView{Note: "Revisions were not computed for this report."}
		if m.CutOff != nil && m.CutOff.Previous.IsZero() {
			v.Note = "The plan sets no report cut-off, so there is no previous report's cut-off to compare with: earlier values are given as known now, and revisions are not listed."
		}
		return v
	}
	v := revisionsView{Computed: true, Then: rr.Then.Text(), Now: rr.Now.Text()}
	n := len(rr.Revisions)
	switch {
	case rr.Year-1 < rr.From:
		v.Summary = fmt.Sprintf("No earlier year was reported before %d.", rr.Year)
	case n == 0:
		v.Summary = fmt.Sprintf("No value of %s differs between the previous report's cut-off (%s) and this report's (%s).", yearSpan(rr.From, rr.Year-1), v.Then, v.Now)
	default:
		v.Summary = fmt.Sprintf("%s of %s %s between the previous report's cut-off (%s) and this report's (%s): facts that became known in between, a report received late, a figure recorded late or a correction, as listed for each.",
			plural(n, "value", "values"), yearSpan(rr.From, rr.Year-1), map[bool]string{true: "differs", false: "differ"}[n == 1], v.Then, v.Now)
	}
	if n > 0 {
		v.Short = fmt.Sprintf("%s of %s revised since the previous report's cut-off (%s): see \"Revisions since the previous report\".",
			plural(n, "value", "values"), yearSpan(rr.From, rr.Year-1), v.Then)
		v.Short = strings.Replace(v.Short, " revised", map[bool]string{true: " was revised", false: " were revised"}[n == 1], 1)
	}
	for _, r := range rr.Revisions {
		row := revisionRow{ID: r.ID, Title: r.Title, Year: r.Year,
			Then: revisionValue(r.Then, r.ThenStatus, r.ThenKOfN, r.Unit, r.ThenClass),
			Now:  revisionValue(r.Now, r.NowStatus, r.NowKOfN, r.Unit, r.NowClass)}
		row.Why = revisionWhy(r.Causes)
		v.Rows = append(v.Rows, row)
	}
	return v
}

// yearSpan is "2023" or "2021 to 2023".
func yearSpan(from, to int) string {
	if from >= to {
		return fmtYear(to)
	}
	return fmtYear(from) + " to " + fmtYear(to)
}

// revisionValue formats one side of a revision.
func revisionValue(v *float64, st engine.ValueStatus, kOfN, unit string, class engine.Class) revisionCell {
	c := cellOf(v, st, kOfN, unit, class)
	return revisionCell{Value: c.Value, Over: c.Over, Mark: c.Mark}
}

// revisionWhy says why a value changed, one sentence per kind of cause: the late reports
// (naming up to maxNamed States, then the rest by code), the corrections, the facts recorded
// late.
func revisionWhy(causes []engine.RevisionCause) []string {
	if len(causes) == 0 {
		return []string{"No fact read by the indicator became known between the two cut-offs; the change comes from the data as a whole (see lap explain at each cut-off)."}
	}
	byKind := map[engine.RevisionKind][]engine.RevisionCause{}
	var kinds []engine.RevisionKind
	for _, c := range causes { // already in kind order
		if _, ok := byKind[c.Kind]; !ok {
			kinds = append(kinds, c.Kind)
		}
		byKind[c.Kind] = append(byKind[c.Kind], c)
	}
	var out []string
	for _, k := range kinds {
		cs := byKind[k]
		switch k {
		case engine.RevisionLateReport:
			out = append(out, lateReports(cs))
		case engine.RevisionCorrection:
			var parts []string
			for _, c := range cs {
				parts = append(parts, fmt.Sprintf("%s (%s) corrected %s for %s %s", c.Name, c.ISO3, strings.Join(c.Fields, ", "), yearOrStatic(c.Year), onDay(c.Known)))
			}
			out = append(out, "Correction: "+strings.Join(parts, "; ")+".")
		case engine.RevisionLateData:
			var parts []string
			for _, c := range cs {
				parts = append(parts, fmt.Sprintf("%s (%s): %s for %s, known %s", c.Name, c.ISO3, strings.Join(c.Fields, ", "), yearOrStatic(c.Year), c.Known.Text()))
			}
			out = append(out, "Recorded after the previous cut-off: "+strings.Join(parts, "; ")+".")
		}
	}
	return out
}

// lateReports is the sentence naming the reports received after the previous cut-off.
func lateReports(cs []engine.RevisionCause) string {
	years := map[int]bool{}
	for _, c := range cs {
		years[c.Year] = true
	}
	what := "report"
	if len(cs) > 1 {
		what = "reports"
	}
	if len(years) == 1 {
		what = fmt.Sprintf("%d %s", cs[0].Year, what)
	}
	var named []string
	for i, c := range cs {
		if i == maxNamed && len(cs) > maxNamed+1 {
			var codes []string
			for _, c := range cs[maxNamed:] {
				codes = append(codes, c.ISO3)
			}
			named = append(named, fmt.Sprintf("and %d more (%s)", len(cs)-maxNamed, strings.Join(codes, ", ")))
			break
		}
		s := fmt.Sprintf("%s (%s, received %s", c.Name, c.ISO3, c.Known.Text())
		if len(years) > 1 {
			s += fmt.Sprintf(", for %d", c.Year)
		}
		named = append(named, s+")")
	}
	return fmt.Sprintf("Late %s, received after the previous cut-off: %s.", what, strings.Join(named, ", "))
}

// onDay is "on 1 October 2024", or "in November 2024" for a date known to the month or year.
func onDay(d engine.Date) string {
	if len(d.String()) == len("2006-01-02") {
		return "on " + d.Text()
	}
	return "in " + d.Text()
}

// yearOrStatic names the year a fact describes, or "all years" for a static fact.
func yearOrStatic(y int) string {
	if y == 0 {
		return "all years"
	}
	return fmtYear(y)
}
