package reports

import (
	"cmp"
	"slices"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// The revisions table: every earlier-year value that differs between the previous report's
// cut-off and this one, with why (engine.Plan.Revisions).

// maxNamed is how many States a cause names in full (with the day each report was received)
// before it lists the rest by name alone.
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

func newRevisionsView(a *engine.Assessment, m Meta, loc *locale.Locale) revisionsView {
	rr := m.Revisions
	if rr == nil {
		v := revisionsView{Note: loc.T("revisions.not-computed")}
		if m.CutOff != nil && m.CutOff.Previous.IsZero() {
			v.Note = loc.T("revisions.no-plan-cutoff")
		}
		return v
	}
	v := revisionsView{Computed: true, Then: dayIn(loc, rr.Then), Now: dayIn(loc, rr.Now)}
	n := len(rr.Revisions)
	years := yearSpan(loc, rr.From, rr.Year-1)
	data := map[string]any{"Years": years, "Then": v.Then, "Now": v.Now, "Year": rr.Year, "Section": loc.T("revisions.title")}
	switch {
	case rr.Year-1 < rr.From:
		v.Summary = loc.T("revisions.first-year", data)
	case n == 0:
		v.Summary = loc.T("revisions.none", data)
	default:
		v.Summary = loc.N("revisions.summary", n, data)
		v.Short = loc.N("revisions.short", n, data)
	}
	// a cut-off other than the plan's: the year before in the tables (seen a year before this
	// cut-off) and the previous report compared here are seen on different days
	if now, err := engine.ParseDay(a.AsOf); err == nil && rr.Year-1 >= rr.From && now.YearsBefore(1) != rr.Then {
		differs := loc.T("revisions.then-differs", map[string]any{"PrevYear": rr.Year - 1, "PrevDate": dayIn(loc, now.YearsBefore(1)), "Then": v.Then})
		if rr.Between != nil {
			differs += " " + knownBetween(loc, rr.Between)
		}
		v.Summary += " " + differs
		if v.Short != "" {
			v.Short += " " + differs
		} else {
			v.Short = differs
		}
	}
	for _, r := range rr.Revisions {
		v.Rows = append(v.Rows, revisionRow{ID: r.ID, Title: r.Title, Year: r.Year,
			Then: revisionValue(loc, r.Then, r.ThenStatus, engineSentence(loc, r.ThenKOfN, r.ThenKOfNSentence), r.Unit, r.ThenClass),
			Now:  revisionValue(loc, r.Now, r.NowStatus, engineSentence(loc, r.NowKOfN, r.NowKOfNSentence), r.Unit, r.NowClass),
			Why:  revisionWhy(loc, r.Causes)})
	}
	return v
}

// maxBetween is how many States' facts the sentence on what became known between the two days
// names before it says how many more there are.
const maxBetween = 5

// knownBetween says what became known between the day the tables see the year before and the
// previous report's cut-off and changes a value of that year: each State's facts with the
// day they became known, in the language's order of names, the first maxBetween named and
// then how many more.
func knownBetween(loc *locale.Locale, kb *engine.KnownBetween) string {
	from, to := kb.Seen, kb.Then
	if to.Before(from) {
		from, to = to, from
	}
	data := map[string]any{"Year": fmtYear(kb.Year), "From": dayIn(loc, from), "To": dayIn(loc, to)}
	if len(kb.Facts) == 0 || kb.Values == 0 {
		return loc.T("revisions.between-none", data)
	}
	type item struct {
		name string
		c    engine.RevisionCause
	}
	items := make([]item, len(kb.Facts))
	for i, c := range kb.Facts {
		items[i] = item{cmp.Or(stateIn(loc, c.ISO3, c.Name), c.ISO3), c}
	}
	order := loc.Order()
	slices.SortStableFunc(items, func(x, y item) int { return order(x.name, y.name) }) // then by year and day, as given
	var parts []string
	for i, it := range items {
		if i == maxBetween && len(items) > maxBetween+1 {
			parts = append(parts, loc.N("revisions.between-more", len(items)-maxBetween, nil))
			break
		}
		c := it.c
		parts = append(parts, loc.T("revisions.late-data-item", map[string]any{"Name": it.name, "ISO3": c.ISO3,
			"Fields": someFields(loc, c.Fields), "Year": yearOrStatic(loc, c.Year), "Date": dayIn(loc, c.Known)})+markOf(c.Class).Symbol)
	}
	data["List"] = loc.JoinClauses(parts)
	return loc.N("revisions.between", kb.Values, data)
}

// maxFields is how many of a State's facts the sentence on what became known between the two
// days names before it says how many more there are.
const maxFields = 3

// someFields names a State's facts by their labels, the receipt of its Article 7 report first
// (the figures in the report became known with it), the first maxFields and then how many
// more: "date the annual Article 7 report was received, format of the annual Article 7 report,
// national budget for victim assistance and 13 other facts".
func someFields(loc *locale.Locale, names []string) string {
	names = slices.Clone(names)
	slices.SortStableFunc(names, func(x, y string) int {
		return cmp.Compare(boolRank(x != "art7_annual_submitted"), boolRank(y != "art7_annual_submitted"))
	})
	if len(names) <= maxFields+1 {
		return fieldLabels(loc, names)
	}
	labels := make([]string, 0, maxFields+1)
	for _, n := range names[:maxFields] {
		labels = append(labels, loc.Field(n))
	}
	labels = append(labels, loc.N("revisions.more-facts", len(names)-maxFields, nil))
	return loc.JoinAnd(labels)
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dayIn writes a date in the locale's words, as precisely as it is known.
func dayIn(loc *locale.Locale, d engine.Date) string {
	if s, err := loc.ISODate(d.String()); err == nil {
		return s
	}
	return d.Text()
}

// yearSpan is "2023" or "2021 to 2023".
func yearSpan(loc *locale.Locale, from, to int) string {
	if from >= to {
		return fmtYear(to)
	}
	return loc.T("revisions.years", map[string]any{"From": fmtYear(from), "To": fmtYear(to)})
}

// revisionValue formats one side of a revision.
func revisionValue(loc *locale.Locale, v *float64, st engine.ValueStatus, kOfN, unit string, class engine.Class) revisionCell {
	c := cellOf(loc, v, st, kOfN, unit, class)
	return revisionCell{Value: c.Value, Over: c.Over, Mark: c.Mark}
}

// revisionWhy says why a value changed, one sentence per kind of cause: the late reports
// (naming up to maxNamed States, then the rest by name alone), the corrections, the facts recorded
// late.
func revisionWhy(loc *locale.Locale, causes []engine.RevisionCause) []string {
	if len(causes) == 0 {
		return []string{loc.T("revisions.no-cause")}
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
		var parts []string
		switch k {
		case engine.RevisionLateReport:
			out = append(out, lateReports(loc, cs))
		case engine.RevisionCorrection:
			for _, c := range cs {
				parts = append(parts, loc.T("revisions.corrected", map[string]any{"Name": stateIn(loc, c.ISO3, c.Name), "ISO3": c.ISO3,
					"Fields": fieldLabels(loc, c.Fields), "Year": yearOrStatic(loc, c.Year), "When": onDay(loc, c.Known)})+markOf(c.Class).Symbol)
			}
			out = append(out, loc.T("revisions.correction", map[string]any{"List": loc.JoinClauses(parts)}))
		case engine.RevisionLateData:
			for _, c := range cs {
				parts = append(parts, loc.T("revisions.late-data-item", map[string]any{"Name": stateIn(loc, c.ISO3, c.Name), "ISO3": c.ISO3,
					"Fields": fieldLabels(loc, c.Fields), "Year": yearOrStatic(loc, c.Year), "Date": dayIn(loc, c.Known)})+markOf(c.Class).Symbol)
			}
			out = append(out, loc.T("revisions.late-data", map[string]any{"List": loc.JoinClauses(parts)}))
		}
	}
	return out
}

// lateReports is the sentence naming the reports received after the previous cut-off.
func lateReports(loc *locale.Locale, cs []engine.RevisionCause) string {
	years := map[int]bool{}
	for _, c := range cs {
		years[c.Year] = true
	}
	var named []string
	for i, c := range cs {
		if i == maxNamed && len(cs) > maxNamed+1 {
			named = append(named, loc.N("revisions.more", len(cs)-maxNamed, map[string]any{"States": restNamed(loc, cs[maxNamed:])}))
			break
		}
		data := map[string]any{"Name": stateIn(loc, c.ISO3, c.Name), "ISO3": c.ISO3, "Date": dayIn(loc, c.Known), "Year": fmtYear(c.Year)}
		item := loc.T("revisions.received", data)
		if len(years) > 1 {
			item = loc.T("revisions.received-for", data)
		}
		named = append(named, item+markOf(c.Class).Symbol) // the receipt date's class
	}
	data := map[string]any{"List": strings.Join(named, ", "), "Year": fmtYear(cs[0].Year)}
	if len(years) > 1 {
		return loc.N("revisions.late-report", len(cs), data)
	}
	return loc.N("revisions.late-report-year", len(cs), data)
}

// restNamed lists the States of the late reports not named in full: by name in the language's
// order, each with the mark of its receipt date's class, joined as the language lists them
// ("Chadⁱ and Paraguayⁱ").
func restNamed(loc *locale.Locale, cs []engine.RevisionCause) string {
	type named struct{ name, mark string }
	ns := make([]named, len(cs))
	for i, c := range cs {
		ns[i] = named{cmp.Or(stateIn(loc, c.ISO3, c.Name), c.ISO3), markOf(c.Class).Symbol}
	}
	order := loc.Order()
	slices.SortStableFunc(ns, func(x, y named) int { return order(x.name, y.name) })
	items := make([]string, len(ns))
	for i, n := range ns {
		items[i] = n.name + n.mark
	}
	return loc.JoinAnd(items)
}

// onDay is "on 1 October 2024", or "in November 2024" for a date known to the month or year.
func onDay(loc *locale.Locale, d engine.Date) string {
	if len(d.String()) == len("2006-01-02") {
		return loc.T("revisions.on-day", map[string]any{"Date": dayIn(loc, d)})
	}
	return loc.T("revisions.in-period", map[string]any{"Date": dayIn(loc, d)})
}

// yearOrStatic names the year a fact describes, or "all years" for a static fact.
func yearOrStatic(loc *locale.Locale, y int) string {
	if y == 0 {
		return loc.T("revisions.all-years")
	}
	return fmtYear(y)
}

// stateIn is a State's name in the report's language: as the data write it in English, from the
// names table in another language (the data's name when the table lacks it).
func stateIn(loc *locale.Locale, iso3, name string) string {
	if loc.Lang() == locale.English {
		return name
	}
	if s := loc.State(iso3); s != iso3 {
		return s
	}
	return name
}

// fieldLabels names fields by their labels in the language, listed as the language lists
// ("area cleared and contaminated area remaining"): the clauses they go in are joined by
// semicolons already.
func fieldLabels(loc *locale.Locale, names []string) string {
	labels := make([]string, len(names))
	for i, n := range names {
		labels[i] = loc.Field(n)
	}
	return loc.JoinAnd(labels)
}
