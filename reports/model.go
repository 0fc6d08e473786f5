package reports

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/locale"
)

// The document model: everything the Markdown and HTML reports print, already ordered and
// formatted, so that the two templates show the same numbers in the same words.

// ErrNoAssessment is returned when a writer is given a nil assessment.
var ErrNoAssessment = errors.New("reports: no assessment")

type document struct {
	Lang locale.Lang // the report's language: <html lang>, the templates' words
	loc  *locale.Locale
	// TranslationNotice is the notice of the plan's unofficial translation (Meta), shown on
	// the first page; empty for the plan as written.
	TranslationNotice string
	Title             string
	Year              int
	PrevYear          int
	AsOf              string
	Date              string
	Plan              engine.PlanRef
	Period            string
	Counting          string
	CountingIs        string // what the convention means
	Baseline          int
	Target            int
	Generator         string
	Explain           string // the `lap explain` command, with ID for the indicator id
	CutOff            cutoffView
	Groups            []breakdownView // results by group (regions.go)
	Revisions         revisionsView   // revisions since the previous report (revisions.go)

	Overall       rollupView
	Trends        string       // direction of travel of the indicators without a target, in words
	Statuses      []statusInfo // table heads, in report order
	SectionCounts []countRow
	TotalCounts   countRow
	HasPrevious   bool
	// PrevAsOf is the cut-off the previous year is seen at, in words, when it is not this
	// report's: the previous report's, so that the changes compare like with like
	PrevAsOf string
	// ChangesPrevHead and ChangesYearHead head the largest changes' columns with the day
	// each year is seen at: "2024 (as of 30 June 2025)", "2025 (as of 30 June 2026)"
	ChangesPrevHead, ChangesYearHead string
	Changes                          []changeRow
	StatusChanges                    int
	Parties                          int
	PrevParties                      int
	NewParties                       []string // "Name (ISO3)"
	LeftParties                      []string

	Sections    []sectionView
	Obligations []obligationRow
	Coverage    []coverageRow
	Marks       []markInfo  // the legend of the class marks
	Quality     qualityView // the data-quality annex
	Method      methodView
	Figures     []*chart.Figure // overview figures: scores, status, Article 4
	Article4    []*chart.Figure
	Content     contentView // summary, names, Article 7, annex, votes, Article 3 (content.go)
}

type rollupView struct {
	Score    string
	Expected string
	Status   statusInfo
	Scored   int
	Total    int
}

type countRow struct {
	Key    string
	Title  string
	Counts []int // per status, in report order
	Total  int
	Score  string
	Status statusInfo
}

type changeRow struct {
	ID, Title, Unit  string
	Previous, Value  string
	PrevMark, Mark   markInfo
	Delta            string // value change, in the unit
	ProgressDelta    string // change of progress, in percentage points of the distance
	PrevStatus, Stat statusInfo
}

type sectionView struct {
	Key, Title string
	Provenance string
	Sources    []string
	Rollup     rollupView
	Actions    []actionView
}

type actionView struct {
	Number      int
	Title       string
	Description string
	Provenance  string
	Basis       string
	Rollup      rollupView
	Rows        []indicatorRow
	Counted     []countedNames // the States each count indicator counts (content.go)
	Figures     []*chart.Figure
}

type indicatorRow struct {
	ID, Title, Definition, Note string
	Unit                        string
	Baseline, Previous, Value   string
	BaselineNote                string // "(2023, as of 30 June 2024)": a baseline of another year than the column head's
	BaselineMark, PreviousMark  markInfo
	ValueMark                   markInfo
	Target, Expected, Progress  string
	Over                        string // "12 of 110", "12 of the 26 with data"
	Trend                       string // direction of travel (indicators without a target)
	Status                      statusInfo
	Reason                      string
	Notes                       []string // too few States, coverage flag, direction of travel
	Provenance                  string
	Error                       string
}

// obligationRow is one Article 3 or 4 obligation episode: the same as results.json's
// "obligations" entry, in words.
type obligationRow struct {
	ISO3, Name     string
	Article        int
	Episode        int
	Start          string // the day, month or year it began, as precisely as known
	StartMark      markInfo
	Status         statusInfo
	Detail         string
	Deadline       string // in force at completion, or now
	DeadlineMark   markInfo
	Chain          string // the dated deadline decisions
	Completed      string
	CompletedMark  markInfo
	DeadlineMet    string
	InYear         string // destroyed (Article 3) or cleared (Article 4) in the year
	InYearMark     markInfo
	Remaining      string
	RemainingMark  markInfo
	Rate           string
	RateMark       markInfo
	Sources        []obligationSource
	Completion     string
	RateNeeded     string
	Projection     statusInfo
	ProjectionNote string // the reason and the assumptions
	Basis          string // "one data point", "data older than two years"
}

type coverageRow struct {
	ID, Title  string
	Population int
	Known      int
	NoData     int
	Share      string // known / population
	Missing    string // the States without data, by name in the language's order
	Long       bool   // more than maxInlineNames of them: folded in HTML
	Classes    engine.ClassCounts
	Unknown    string // how a State without data counts: "left out" or "as not"
	Flag       string // "coverage flagged" for a sum whose coverage is low or changed
}

type methodView struct {
	Weighting   string          // how sections and actions are weighed, in words
	Weights     []sectionWeight // the plan score with and without each section
	AsFalse     int             // indicators whose unknowns count as "no"
	Excluded    int             // shares over the States with data
	PlanFiles   []engine.InputFile
	DataFiles   []engine.InputFile
	PlanSource  string
	DataSource  string
	Linear      int
	Trend       int
	Thresholds  []threshold
	Provenance  ProvenanceCounts
	PlanNote    string
	PlanProvLbl string
}

type sectionWeight struct {
	Title, Weight, Share, Score, Without string
}

type threshold struct {
	Key     string
	Setting string // the value as plan.toml writes it ("0.95"), in every language: Value would be localised
	Meaning string // what it means, with its value in the reader's terms ("… at least 95% …")
}

// newDocument builds the document model of an assessment. Figures are attached by the caller.
func newDocument(a *engine.Assessment, m Meta) (*document, error) {
	if a == nil {
		return nil, ErrNoAssessment
	}
	var err error
	lang := reportLang(m)
	d := &document{
		Lang: lang, loc: locale.For(lang),
		Title: fmt.Sprintf("%s: progress report %d", a.Plan.Name, a.Year),
		Year:  a.Year, PrevYear: a.Year - 1, AsOf: a.AsOf, Date: m.Date, Plan: a.Plan, Period: m.PlanPeriod,
		Counting: string(a.Counting), Baseline: a.BaselineYear, Target: a.TargetYear, Generator: m.Generator,
		HasPrevious: m.Previous != nil,
	}
	if d.CutOff, err = newCutoffView(a, m); err != nil {
		return nil, err
	}
	if d.CutOff.Partial {
		d.Title += " (partial year)"
	}
	if strings.Contains(d.Plan.Name, d.Period) {
		d.Period = "" // already in the name
	}
	if d.Generator == "" {
		d.Generator = "lap report"
	}
	switch a.Counting {
	case engine.CountingDeposit, engine.CountingEntryIntoForce:
		d.Counting = d.loc.T("counting." + string(a.Counting))
		d.CountingIs = d.loc.T("counting." + string(a.Counting) + "-means")
	}
	data := m.DataSource
	if data == "" {
		data = "DIR"
	}
	d.Explain = fmt.Sprintf("lap explain ID --data %s --year %d", shellQuote(data), a.Year)
	if m.PlanSource != "" && !strings.HasPrefix(m.PlanSource, "(") {
		d.Explain += " --plan " + shellQuote(m.PlanSource)
	}
	for _, s := range engine.ProgressStatuses {
		d.Statuses = append(d.Statuses, progressStatus(s))
	}
	d.Overall = rollup(a.Overall.Rollup)
	var tr []string
	for _, t := range engine.TrendStatuses {
		tr = append(tr, d.loc.T("report.trend-count", map[string]any{"N": d.loc.Int(a.Overall.TrendCounts.Get(t)), "Trend": d.loc.T("trend." + string(t))}))
	}
	d.Trends = strings.Join(tr, ", ")
	d.glance(a, m)
	d.sections(a, m)
	d.obligations(a)
	d.coverage(a, m)
	d.method(a, m)
	d.Groups = breakdownViews(a, m, d.loc)
	d.Revisions = newRevisionsView(a, m, d.loc)
	d.Marks = legendMarks()
	d.quality(m.Validation, m.Checks)
	d.content(a, m)
	if d.Lang != locale.English {
		if err := d.localize(a, m); err != nil {
			return nil, err
		}
	} else {
		d.AsOf = dateIn(d.loc, d.AsOf) // in words, as every other date a reader sees
	}
	return d, nil
}

func rollup(r engine.Rollup) rollupView {
	return rollupView{Score: fmtShare(r.Score), Expected: fmtShare(r.Expected), Status: progressStatus(r.Status),
		Scored: r.IndicatorsScored, Total: r.Indicators}
}

func counts(c engine.ProgressCounts) ([]int, int) {
	out := make([]int, len(engine.ProgressStatuses))
	total := 0
	for i, s := range engine.ProgressStatuses {
		out[i] = c.Get(s)
		total += out[i]
	}
	return out, total
}

// glance fills "At a glance": counts per status and section, the largest changes and the
// States Parties.
func (d *document) glance(a *engine.Assessment, m Meta) {
	for _, s := range a.Sections {
		c, total := counts(s.ProgressCounts)
		d.SectionCounts = append(d.SectionCounts, countRow{Key: s.Key, Title: s.Title, Counts: c, Total: total,
			Score: fmtShare(s.Score), Status: progressStatus(s.Status)})
	}
	c, total := counts(a.Overall.ProgressCounts)
	d.TotalCounts = countRow{Title: "All sections", Counts: c, Total: total, Score: fmtShare(a.Overall.Score),
		Status: progressStatus(a.Overall.Status)}

	d.Parties = len(a.States)
	if m.Previous == nil {
		return
	}
	d.PrevYear = m.Previous.Year
	if m.Previous.AsOf != a.AsOf {
		if s, err := d.loc.ISODate(m.Previous.AsOf); err == nil {
			d.PrevAsOf = s
		}
	}
	d.ChangesPrevHead, d.ChangesYearHead = fmtYear(d.PrevYear), fmtYear(a.Year)
	if day, err := engine.ParseDay(m.Previous.AsOf); err == nil {
		d.ChangesPrevHead = d.loc.T("cutoff.prev-head", map[string]any{"Year": d.PrevYear, "Date": dayOf(d.loc, day)})
	}
	if day, err := engine.ParseDay(a.AsOf); err == nil {
		id := "cutoff.prev-head"
		if engine.PartialYear(a.Year, day) {
			id = "cutoff.partial-year-head"
		}
		d.ChangesYearHead = d.loc.T(id, map[string]any{"Year": a.Year, "Date": dayOf(d.loc, day)})
	}
	d.PrevParties = len(m.Previous.States)
	before := map[string]bool{}
	for _, s := range m.Previous.States {
		before[s.ISO3] = true
	}
	now := map[string]bool{}
	for _, s := range a.States {
		now[s.ISO3] = true
		if !before[s.ISO3] {
			d.NewParties = append(d.NewParties, fmt.Sprintf("%s (%s)", stateIn(d.loc, s.ISO3, s.Name), s.ISO3))
		}
	}
	for _, s := range m.Previous.States {
		if !now[s.ISO3] {
			d.LeftParties = append(d.LeftParties, fmt.Sprintf("%s (%s)", stateIn(d.loc, s.ISO3, s.Name), s.ISO3))
		}
	}

	prev := map[string]*engine.IndicatorAssessment{}
	for i := range m.Previous.Indicators {
		prev[m.Previous.Indicators[i].ID] = &m.Previous.Indicators[i]
	}
	for i := range a.Indicators {
		if p := prev[a.Indicators[i].ID]; p != nil && p.ProgressStatus != a.Indicators[i].ProgressStatus {
			d.StatusChanges++
		}
	}
	for _, c := range LargestChanges(a, m.Previous) {
		ia, p := c.Now, c.Before
		d.Changes = append(d.Changes, changeRow{
			ID: ia.ID, Title: ia.Title, Unit: unitIn(d.loc, ia.Unit),
			Previous: fmtValue(p.Value, ia.Unit), Value: fmtValue(ia.Value, ia.Unit), PrevMark: markOf(p.Class), Mark: markOf(ia.Class),
			Delta: fmtDelta(*c.Delta(), ia.Unit), ProgressDelta: fmtPoints(c.Progress),
			PrevStatus: progressStatus(p.ProgressStatus), Stat: progressStatus(ia.ProgressStatus),
		})
	}
}

// sections builds the per-section, per-action tables.
func (d *document) sections(a *engine.Assessment, m Meta) {
	defs := map[string]engine.Indicator{}
	for _, ind := range m.Indicators {
		defs[ind.ID] = ind
	}
	acts := map[int]engine.Action{}
	for _, act := range m.Actions {
		acts[act.Number] = act
	}
	secs := map[string]engine.Section{}
	for _, s := range m.Sections {
		secs[s.Key] = s
	}
	byAction := map[int][]*engine.IndicatorAssessment{}
	for i := range a.Indicators {
		ia := &a.Indicators[i]
		byAction[ia.Action] = append(byAction[ia.Action], ia)
	}
	for _, s := range a.Sections {
		sv := sectionView{Key: s.Key, Title: s.Title, Provenance: secs[s.Key].Provenance, Sources: secs[s.Key].Sources,
			Rollup: rollup(s.Rollup)}
		for _, as := range a.Actions {
			if as.Section != s.Key {
				continue
			}
			def := acts[as.Number]
			av := actionView{Number: as.Number, Title: as.Title, Description: def.Description, Provenance: as.Provenance,
				Basis: def.Basis, Rollup: rollup(as.Rollup)}
			for _, ia := range byAction[as.Number] {
				av.Rows = append(av.Rows, indicatorRowOf(d.loc, a, ia, defs[ia.ID]))
			}
			sv.Actions = append(sv.Actions, av)
		}
		d.Sections = append(d.Sections, sv)
	}
}

func indicatorRowOf(loc *locale.Locale, a *engine.Assessment, ia *engine.IndicatorAssessment, def engine.Indicator) indicatorRow {
	r := indicatorRow{ID: ia.ID, Title: ia.Title, Definition: def.Definition, Note: def.Note, Unit: unitIn(loc, ia.Unit),
		Baseline: fmtValue(ia.Baseline, ia.Unit), Previous: fmtValue(ia.Previous, ia.Unit), Value: fmtValue(ia.Value, ia.Unit),
		Target: fmtValue(ia.Target, ia.Unit), Expected: fmtValue(ia.Expected, ia.Unit), Progress: fmtShare(ia.Progress),
		Status: progressStatus(ia.ProgressStatus), Reason: engineSentence(loc, ia.Reason, ia.ReasonSentence), Provenance: ia.Provenance,
		Error: ia.Error, Over: engineSentence(loc, ia.KOfN(), ia.KOfNSentence()), Trend: dash}
	if ia.TrendStatus != "" {
		r.Trend = loc.T("trend." + string(ia.TrendStatus))
	}
	if ia.CoverageFlag && ia.Coverage != nil {
		r.Value += " ⚑"
		r.Notes = append(r.Notes, loc.T("report.coverage-flagged-note", map[string]any{"Reason": engineSentence(loc, ia.Coverage.Reason, ia.Coverage.ReasonSentence)}))
	}
	if t := ia.Travel; t != nil {
		r.Notes = append(r.Notes, loc.T("report.travel-note", map[string]any{"Trend": loc.T("trend." + string(t.Status)), "Reason": engineSentence(loc, t.Reason, t.ReasonSentence)}))
	}
	if ia.Baseline != nil {
		r.BaselineNote = baselineNote(loc, a, ia)
		r.BaselineMark = markOf(seriesClass(ia, ia.BaselineYear))
	}
	if n := len(ia.Series); ia.Previous != nil && n >= 2 {
		r.PreviousMark = markOf(seriesClass(ia, ia.Series[n-1].Year-1))
	}
	if ia.Value != nil {
		r.ValueMark = markOf(ia.Class)
	}
	if ia.Target != nil {
		switch {
		case ia.TargetEachYear:
			r.Target = loc.T("report.target-each-year", map[string]any{"Value": r.Target, "Year": strconv.Itoa(ia.TargetYear)})
		case ia.TargetYear != 0:
			r.Target = loc.T("report.target-by", map[string]any{"Value": r.Target, "Year": strconv.Itoa(ia.TargetYear)})
		}
	}
	return r
}

// baselineNote says the year of an indicator's baseline and the day it is seen at, "(2023, as
// of 30 June 2024)", when the baseline column's head does not (cutoffView.BaseHead): a
// baseline of another year than the plan's, or any baseline when the head names no year.
func baselineNote(loc *locale.Locale, a *engine.Assessment, ia *engine.IndicatorAssessment) string {
	if ia.BaselineYear == a.BaselineYear && a.BaselineYear <= a.Year {
		return ""
	}
	var day engine.Date
	for _, p := range ia.Series { // the day the engine saw the year at
		if d, err := engine.ParseDay(p.AsOf); p.Year == ia.BaselineYear && err == nil {
			day = d
		}
	}
	if day.IsZero() {
		asOf, err := engine.ParseDay(a.AsOf)
		if err != nil {
			return "(" + strconv.Itoa(ia.BaselineYear) + ")"
		}
		day = seenDay(asOf, a.Year, ia.BaselineYear)
	}
	return loc.T("cutoff.baseline-cell", map[string]any{"Year": ia.BaselineYear, "Date": dayOf(loc, day)})
}

// obligations lists every Article 3 and 4 obligation episode of the States Parties, as
// results.json's "obligations" does, with the projection of each open one.
func (d *document) obligations(a *engine.Assessment) {
	for _, oe := range a.Obligations {
		loc := d.loc
		row := obligationRow{ISO3: oe.ISO3, Name: stateIn(loc, oe.ISO3, oe.Name), Article: oe.Article, Episode: oe.Episode, Start: dayOf(loc, oe.Start),
			Status: episodeStatusIn(loc, oe), Detail: engineSentence(loc, oe.Detail, oe.DetailSentence), Deadline: dash, Completed: dash, DeadlineMet: verdictIn(loc, oe.DeadlineMet),
			Remaining: dash, Rate: dash, Completion: dash, RateNeeded: dash, Projection: deadlineStatus(""), Basis: "", InYear: dash}
		obligationFacts(&row, oe)
		if oe.Deadline != nil {
			row.Deadline = dayOf(loc, *oe.Deadline)
		}
		var chain []string
		for _, dd := range oe.Deadlines {
			chain = append(chain, loc.T("report.decided", map[string]any{"Deadline": dayOf(loc, dd.Deadline), "Date": dayOf(loc, dd.Decided)}))
		}
		row.Chain = loc.JoinClauses(chain)
		if n := len(oe.Deadlines); n > 1 {
			row.Deadline += " " + loc.N("report.extension-decisions", n-1, nil)
		}
		if oe.Completed != nil {
			row.Completed = dayOf(loc, *oe.Completed)
		}
		if dp := oe.Projection; dp != nil {
			if dp.Remaining != nil {
				row.Remaining = fmt.Sprintf("%s (%d)", fmtAmount(dp.Remaining, dp.Unit), dp.RemainingYear)
				row.RemainingMark = markOf(dp.RemainingClass)
			}
			if dp.Rate != nil {
				row.Rate = fmtEstimate(dp.Rate, dp.Unit)
				row.RateMark = markOf(dp.RateClass)
			}
			if dp.CompletionYear != nil {
				row.Completion = strconv.Itoa(*dp.CompletionYear)
			}
			if dp.RateNeeded != nil {
				row.RateNeeded = fmtEstimate(dp.RateNeeded, dp.Unit)
			}
			row.Projection = deadlineStatus(dp.Status)
			row.ProjectionNote = projectionNote(loc, dp)
			var basis []string
			if dp.SinglePoint {
				basis = append(basis, loc.T("report.basis.one-point"))
			}
			if dp.Stale {
				basis = append(basis, loc.T("report.basis.stale"))
			}
			row.Basis = strings.Join(basis, ", ")
		}
		d.Obligations = append(d.Obligations, row)
	}
}

// coverage lists, per indicator, how many States of its population had data, and names those
// that had none (results.json keeps their codes).
func (d *document) coverage(a *engine.Assessment, m Meta) {
	name := stateNamer(d.loc, a, m.States)
	order := d.loc.Order()
	for _, ia := range a.Indicators {
		missing := make([]string, 0, ia.NoData.Len())
		for _, iso3 := range ia.NoData.List() {
			missing = append(missing, name(iso3))
		}
		slices.SortStableFunc(missing, order)
		r := coverageRow{ID: ia.ID, Title: ia.Title, Population: ia.Population, Known: ia.Known, NoData: ia.NoData.Len(),
			Share: dash, Missing: d.loc.JoinAnd(missing), Long: len(missing) > maxInlineNames, Classes: ia.Classes,
			Unknown: d.loc.T("report.unknown.left-out"), Flag: dash}
		if ia.UnknownPolicy == engine.UnknownAsFalse {
			r.Unknown = d.loc.T("report.unknown.as-not")
		}
		if ia.CoverageFlag {
			r.Flag = d.loc.T("report.flagged")
		}
		if ia.Population > 0 {
			sh := float64(ia.Known) / float64(ia.Population)
			r.Share = fmtShare(&sh)
		}
		d.Coverage = append(d.Coverage, r)
	}
}

func (d *document) method(a *engine.Assessment, m Meta) {
	mv := methodView{PlanFiles: m.PlanFiles, DataFiles: m.DataFiles, PlanSource: m.PlanSource, DataSource: m.DataSource,
		Provenance: provenanceCounts(a), PlanNote: m.PlanNote, PlanProvLbl: m.PlanProvenance}
	for _, ia := range a.Indicators {
		switch {
		case ia.UnknownPolicy == engine.UnknownAsFalse:
			mv.AsFalse++
		case ia.Aggregate == engine.AggShare:
			mv.Excluded++
		}
		if ia.Target == nil {
			continue
		}
		if ia.Method == engine.MethodTrend {
			mv.Trend++
		} else {
			mv.Linear++
		}
	}
	sc := a.Scoring
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	switch sc.Weighting {
	case engine.WeightingEqual:
		mv.Weighting = d.loc.T("report.weighting.equal")
	default:
		mv.Weighting = d.loc.T("report.weighting.indicators")
	}
	contrib := map[string]engine.SectionContribution{}
	for _, c := range a.Overall.Contributions {
		contrib[c.Key] = c
	}
	for _, s := range a.Sections {
		sw := sectionWeight{Title: s.Title, Weight: dash, Share: dash, Score: fmtShare(s.Score), Without: dash}
		if c, ok := contrib[s.Key]; ok {
			sw.Weight, sw.Share, sw.Without = g(c.Weight), fmtShare(&c.Share), fmtShare(c.Without)
		} else {
			sw.Without = d.loc.T("report.no-score-excluded")
		}
		mv.Weights = append(mv.Weights, sw)
	}
	// Each threshold reads first as what it means, with its value in the reader's terms
	// ("95%"), then as the setting a coordinator edits in plan.toml ("on_track = 0.95").
	loc := d.loc
	pct := func(v float64) string { return loc.Percent(100*v, decimalsUpTo(100*v, 2)) }
	years := func(v float64) string {
		return loc.Sentence(engine.Say("engine.years", engine.Arg{Name: "N", Kind: engine.ArgNumber, Num: v, Dec: decimalsUpTo(v, 1)}))
	}
	th := func(key, value, reads string) threshold {
		return threshold{Key: key, Setting: value, Meaning: loc.T("report.threshold."+key, map[string]any{"Value": reads})}
	}
	mv.Thresholds = []threshold{
		th("on_track", g(sc.OnTrack), pct(sc.OnTrack)),
		th("regressing", g(sc.Regressing), pct(sc.Regressing)),
		th("trend_on_track", g(sc.TrendOnTrack), pct(sc.TrendOnTrack)),
		th("trend_min_years", strconv.Itoa(sc.TrendMinYears), loc.Int(sc.TrendMinYears)),
		tolerance(loc, sc.Tolerance, g(sc.Tolerance)),
		th("min_population", strconv.Itoa(sc.MinPopulation), loc.Int(sc.MinPopulation)),
		th("min_coverage", g(sc.MinCoverage), pct(sc.MinCoverage)),
		th("cagr_improving", g(sc.CAGRImproving), pct(sc.CAGRImproving)),
		th("cagr_worsening", g(sc.CAGRWorsening), pct(sc.CAGRWorsening)),
		th("deadline_rate_years", strconv.Itoa(sc.DeadlineRateYears), loc.Int(sc.DeadlineRateYears)),
		th("deadline_margin_years", g(sc.DeadlineMarginYears), years(sc.DeadlineMarginYears)),
	}
	d.Method = mv
}

// roundingTolerance is the largest tolerance that only absorbs the rounding of the computation
// (the default is 1e-9): the method annex says so in words rather than write a number no
// reader can read ("1e-09").
const roundingTolerance = 1e-6

// tolerance is the method annex's line of the tolerance setting: a rounding guard in words, a
// larger tolerance as a number in the reader's format.
func tolerance(loc *locale.Locale, v float64, setting string) threshold {
	t := threshold{Key: "tolerance", Setting: setting}
	if v <= roundingTolerance {
		t.Meaning = loc.T("report.threshold.tolerance-rounding")
	} else {
		t.Meaning = loc.T("report.threshold.tolerance", map[string]any{"Value": loc.Number(v, decimalsUpTo(v, 6))})
	}
	return t
}

// shellQuote quotes a path for a shell command line when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@+,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// dayOf is a date of the engine as the report's language writes it, with its precision:
// "14 June 2023", "June 2023", "2023" (English as Date.Text writes it).
func dayOf(loc *locale.Locale, d engine.Date) string {
	if loc.Lang() == locale.English {
		return d.Text()
	}
	return dayIn(loc, d)
}

// verdictIn is verdictWord in the report's language.
func verdictIn(loc *locale.Locale, v engine.Verdict) string {
	w := verdictWord(v)
	if w == dash {
		return dash
	}
	return loc.T("verdict." + strings.ReplaceAll(w, " ", "-"))
}

// projectionNote is a deadline projection's reason and what it assumes, in the locale's
// language; English as it has always been written.
func projectionNote(loc *locale.Locale, dp *engine.DeadlineProjection) string {
	if loc.Lang() == locale.English || dp.ReasonSentence.IsZero() {
		return dp.Reason + ". Assumes: " + strings.Join(dp.Assumptions, "; ") + "."
	}
	return loc.T("cli.projection-note", map[string]any{"Reason": loc.Sentence(dp.ReasonSentence),
		"Assumptions": loc.JoinClauses(loc.Sentences(dp.AssumptionSentences))})
}

// episodeStatusIn is episodeStatus with the engine's words in the locale's language.
func episodeStatusIn(loc *locale.Locale, oe engine.ObligationEpisode) statusInfo {
	st := episodeStatus(oe)
	if loc.Lang() != locale.English && !oe.StatusSentence.IsZero() {
		st.Label = locale.Capitalize(loc.Sentence(oe.StatusSentence))
	}
	return st
}
