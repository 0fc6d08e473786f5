package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
)

// Revisions: the earlier-year values a report on year Y states differently from the report
// before it, because facts became known between the two cut-offs (data dictionary §1.3): a
// report received late, a figure recorded late, a correction.

// RevisionKind says why a fact was not seen at the previous report's cut-off and is now.
type RevisionKind string

// The revision kinds, in the order a revision lists them.
const (
	// RevisionLateReport: the State's Article 7 report for the year was received after the
	// previous cut-off (art7_annual_submitted dated after it); the figures taken from it
	// became known that day.
	RevisionLateReport RevisionKind = "late-report"
	// RevisionCorrection: a value was corrected after the previous cut-off (a later row for
	// the same State, year and field, recorded after it).
	RevisionCorrection RevisionKind = "correction"
	// RevisionLateData: a fact recorded, or dated, after the previous cut-off, about a year
	// the previous report covered.
	RevisionLateData RevisionKind = "late-data"
)

// RevisionCause is one State's facts that became known between the two cut-offs and that the
// revised value reads: a late report, a correction or late data, with the day it became known.
type RevisionCause struct {
	Kind RevisionKind `json:"kind"`
	ISO3 string       `json:"iso3"`
	Name string       `json:"name"`
	// Year is the year the facts describe (for a late report, the year it reports on; zero
	// for a static fact).
	Year int `json:"year,omitempty"`
	// Known is the day the facts became known: the report's receipt, the correction's or the
	// fact's recorded day, or a date value.
	Known Date `json:"known"`
	// Fields lists the fields of the facts, sorted; Origins their file:line.
	Fields  []string `json:"fields"`
	Origins []string `json:"origins"`
	// Class is the least reliable class of the facts, so that a cause resting on data that
	// are not official (a receipt date, a correction) carries its mark where it is named.
	Class Class `json:"class,omitempty"`
}

// Revision is one earlier-year value of an indicator that differs between the previous
// report's cut-off (Then) and this one (Now).
type Revision struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Unit  string `json:"unit"`
	Year  int    `json:"year"`
	// Then and Now are the value, status and "k of n" at each cut-off.
	Then       *float64    `json:"then"`
	ThenStatus ValueStatus `json:"then_status"`
	ThenKOfN   string      `json:"then_k_of_n"`
	// ThenKOfNSentence and NowKOfNSentence are the k-of-n phrases as messages and their values.
	ThenKOfNSentence Sentence    `json:"-"`
	NowKOfNSentence  Sentence    `json:"-"`
	ThenClass        Class       `json:"then_class,omitempty"`
	Now              *float64    `json:"now"`
	NowStatus        ValueStatus `json:"now_status"`
	NowKOfN          string      `json:"now_k_of_n"`
	NowClass         Class       `json:"now_class,omitempty"`
	// Causes are the facts behind the change, by State and kind; empty when none is found
	// (which the report says).
	Causes []RevisionCause `json:"causes"`
}

// RevisionReport lists the revisions of the years From..Year-1 between the cut-offs Then
// (the previous report's) and Now (this report's).
type RevisionReport struct {
	Year      int        `json:"year"`
	From      int        `json:"from"`
	Then      Date       `json:"then"`
	Now       Date       `json:"now"`
	Revisions []Revision `json:"revisions"`
	// Between is set when this report's series sees the year before on another day than the
	// previous report's cut-off (a cut-off other than the plan's): what became known between
	// the two days and changes a value of that year (RevisionsBetween).
	Between *KnownBetween `json:"between,omitempty"`
}

// KnownBetween is what became known between the day a report's series sees the year before
// (Seen: its cut-off shifted back a year, docs/methodology.md §1.3 "Every year at the same
// lag") and the previous report's cut-off (Then), when the two differ: the facts, of the
// States and fields an indicator reads, first known (data dictionary §1.3: recorded, their
// report received, or a date value) after the earlier day and by the later one, that make a
// value of Year the indicator gives differ between the two days.
type KnownBetween struct {
	Year int  `json:"year"`
	Seen Date `json:"seen"`
	Then Date `json:"then"`
	// Values is how many indicator values of Year differ between the two days with such facts
	// behind them.
	Values int `json:"values"`
	// Facts are the facts by State, the year they describe and the day they became known
	// (their Kind that of the first of them), sorted by State, year and day.
	Facts []RevisionCause `json:"facts"`
}

// Revisions compares the indicator values of the years before year, from the plan's first
// series year, at two cut-offs: then (the previous report's, CutOff.Previous) and now (this
// report's). opts are the evaluation options of the report (counting, filter); their AsOf is
// replaced by each cut-off. A value whose number or status differs is a revision; its causes
// are the facts its rule reads that became known between the two days.
func (p *Plan) Revisions(ctx context.Context, ds *Dataset, year int, then, now Date, opts ...EvalOption) (*RevisionReport, error) {
	return p.revisions(ctx, ds, year, evalConfig{asOf: then}, now, nil, nil, opts)
}

// RevisionsOf is Revisions of the year of a, an assessment of p on ds with opts, between the
// cut-offs then and a's own: the values at a's cut-off are those a was scored from (its
// series), not evaluated again. When a was made by another plan, from another dataset or
// with other options (cut-off, counting, filter), they are evaluated as Revisions does.
func (p *Plan) RevisionsOf(ctx context.Context, ds *Dataset, a *Assessment, then Date, opts ...EvalOption) (*RevisionReport, error) {
	cfg, now, err := p.revisionsOf(ds, a, opts)
	if err != nil {
		return nil, err
	}
	return p.revisions(ctx, ds, a.Year, evalConfig{asOf: then}, now, nil, a.seriesFor(p, ds, cfg), opts)
}

// revisionsOf checks the dataset and the assessment whose revisions are asked and returns the
// evaluation options' configuration and the assessment's cut-off.
func (p *Plan) revisionsOf(ds *Dataset, a *Assessment, opts []EvalOption) (evalConfig, Date, error) {
	if ds == nil {
		return evalConfig{}, Date{}, ErrNilDataset
	}
	if a == nil {
		return evalConfig{}, Date{}, errors.New("revisions: no assessment")
	}
	cfg, err := p.configure(ds, opts)
	if err != nil {
		return evalConfig{}, Date{}, fmt.Errorf("revisions: %w", err)
	}
	now, err := ParseDay(a.AsOf)
	if err != nil {
		return evalConfig{}, Date{}, fmt.Errorf("revisions: the assessment's as_of: %w", err)
	}
	return cfg, now, nil
}

// RevisionsBetween lists what a's series leaves out and what changed since the previous
// report: reported is the year before a's as the previous report gave it (Assess at the
// previous report's cut-off, CutOff.Previous, then), whose series sees each earlier year y at
// its lag (docs/methodology.md §1.3, "Every year at the same lag"), and a the assessment at
// now. Each earlier year is compared as reported's series holds it (Then: taken from the
// results it was scored from when it holds them) and with everything known at now (Now): a
// value differs by the reports and figures for y received after the day y is seen at (which
// a's series leaves out too) and by the corrections recorded since then.
func (p *Plan) RevisionsBetween(ctx context.Context, ds *Dataset, reported, a *Assessment, opts ...EvalOption) (*RevisionReport, error) {
	cfg, now, err := p.revisionsOf(ds, a, opts)
	if err != nil {
		return nil, err
	}
	if reported == nil {
		return nil, errors.New("revisions: no assessment of the year before")
	}
	if reported.Year != a.Year-1 {
		return nil, fmt.Errorf("revisions: the previous report's assessment is of %d, not %d", reported.Year, a.Year-1)
	}
	then, err := ParseDay(reported.AsOf)
	if err != nil {
		return nil, fmt.Errorf("revisions: the previous assessment's as_of: %w", err)
	}
	thenCfg := cfg
	thenCfg.asOf, thenCfg.seriesOf = then, reported.Year
	thenSeries := reported.seriesFor(p, ds, thenCfg)
	rr, err := p.revisions(ctx, ds, a.Year, thenCfg, now, thenSeries, a.seriesFor(p, ds, cfg), opts)
	if err != nil || rr.Year-1 < rr.From || now.YearsBefore(1) == then {
		return rr, err
	}
	// the year before as a's series sees it (a year before now, in the versions current at
	// now) against the previous report's (at then)
	lag := cfg
	lag.seriesOf = a.Year
	seen := yearsOf(a.seriesFor(p, ds, lag), a.Year-1, a.Year-1)
	if seen == nil {
		o := append(opts[:len(opts):len(opts)], AsOf(now), seriesFor(a.Year))
		if seen, err = p.evaluateYears(ctx, ds, a.Year-1, a.Year-1, a.Year, o, nil, nil); err != nil {
			return nil, fmt.Errorf("revisions: %w", err)
		}
	}
	before := yearsOf(thenSeries, a.Year-1, a.Year-1)
	if before == nil {
		o := append(opts[:len(opts):len(opts)], AsOf(then))
		if before, err = p.evaluateYears(ctx, ds, a.Year-1, a.Year-1, a.Year, o, nil, nil); err != nil {
			return nil, fmt.Errorf("revisions: %w", err)
		}
	}
	rr.Between = p.knownBetween(ds, seen[0], before[0], lag.seenFor(a.Year-1), thenCfg.seenFor(a.Year-1))
	return rr, nil
}

// knownBetween compares one year's results as seen on two days, a at sa and b at sb: every
// indicator value that differs, and the facts behind it that one side sees and the other
// does not and that became known between the two days (KnownBetween).
func (p *Plan) knownBetween(ds *Dataset, a, b *Result, sa, sb seenAt) *KnownBetween {
	kb := &KnownBetween{Year: a.Year, Seen: sa.day, Then: sb.day, Facts: []RevisionCause{}}
	lo, hi := sa.day, sb.day
	if hi.Before(lo) {
		lo, hi = hi, lo
	}
	within := func(d Date) bool { return !d.IsZero() && lo.Before(d) && d.NotAfter(hi) }
	var changed []*Fact
	for _, f := range ds.facts {
		fd := &schema[fieldIndex[f.Field]]
		if visible(fd, f, sa) == visible(fd, f, sb) {
			continue
		}
		if within(f.first) || within(f.known) || fd.Type == TypeDate && !fd.isDeadline() && within(f.date) {
			changed = append(changed, f)
		}
	}
	if len(changed) == 0 {
		return kb
	}
	tol := p.scoring.Tolerance
	if tol <= 0 {
		tol = DefaultScoring().Tolerance
	}
	type key struct {
		iso   string
		year  int
		known Date
	}
	rank := map[RevisionKind]int{RevisionLateReport: 0, RevisionCorrection: 1, RevisionLateData: 2}
	byKey := map[key]*RevisionCause{}
	deps := map[string]map[string]bool{}
	for ii := range a.Indicators {
		ra, rb := &a.Indicators[ii], &b.Indicators[ii]
		if ra.ID != rb.ID || sameValue(ra, rb, tol) {
			continue
		}
		causes := ds.revisionCauses(p.byID[ra.ID], a.Year, changed, deps, ra, rb)
		if len(causes) == 0 {
			continue
		}
		kb.Values++
		for _, c := range causes {
			k := key{c.ISO3, c.Year, c.Known}
			m := byKey[k]
			if m == nil {
				c.Fields, c.Origins = slices.Clone(c.Fields), slices.Clone(c.Origins)
				byKey[k] = &c
				continue
			}
			if rank[c.Kind] < rank[m.Kind] {
				m.Kind = c.Kind
			}
			m.Class = m.Class.Weaker(c.Class)
			for _, fl := range c.Fields {
				if !contains(m.Fields, fl) {
					m.Fields = append(m.Fields, fl)
				}
			}
			for _, o := range c.Origins {
				if !contains(m.Origins, o) {
					m.Origins = append(m.Origins, o)
				}
			}
		}
	}
	for _, c := range byKey {
		sort.Strings(c.Fields)
		kb.Facts = append(kb.Facts, *c)
	}
	sort.Slice(kb.Facts, func(i, j int) bool {
		x, y := kb.Facts[i], kb.Facts[j]
		if x.ISO3 != y.ISO3 {
			return x.ISO3 < y.ISO3
		}
		if x.Year != y.Year {
			return x.Year < y.Year
		}
		return x.Known.Before(y.Known)
	})
	return kb
}

// revisions is Revisions; thenSeries and series, when not nil, are the results at then and at
// now of the years up to year-1 and year, in order, as EvaluateYears gives them. thenAt says
// how the earlier years are seen at then: its as_of (then), and its seriesOf when they are seen
// at their lags as the previous report's series saw them (RevisionsBetween).
func (p *Plan) revisions(ctx context.Context, ds *Dataset, year int, thenAt evalConfig, now Date, thenSeries, series []*Result, opts []EvalOption) (*RevisionReport, error) {
	then := thenAt.asOf
	if ds == nil {
		return nil, ErrNilDataset
	}
	if then.IsZero() || now.IsZero() || now.Before(then) {
		return nil, fmt.Errorf("revisions: the cut-offs %s and %s are not in order", then, now)
	}
	rr := &RevisionReport{Year: year, From: p.firstYear(year), Then: then, Now: now, Revisions: []Revision{}}
	to := year - 1
	if to < rr.From || NewDate(to, 1, 1).After(then) {
		return rr, nil // no earlier year was reported at then
	}
	at := func(d Date, lag int) ([]*Result, error) { // wholes only: no year split by group
		o := append(opts[:len(opts):len(opts)], AsOf(d))
		if lag != 0 {
			o = append(o, seriesFor(lag))
		}
		return p.evaluateYears(ctx, ds, rr.From, to, to+1, o, nil, nil)
	}
	var err error
	before := yearsOf(thenSeries, rr.From, to)
	if before == nil {
		if before, err = at(then, thenAt.seriesOf); err != nil {
			return nil, fmt.Errorf("revisions: %w", err)
		}
	}
	after := yearsOf(series, rr.From, to)
	if after == nil {
		if after, err = at(now, 0); err != nil {
			return nil, fmt.Errorf("revisions: %w", err)
		}
	}
	tol := p.scoring.Tolerance
	if tol <= 0 {
		tol = DefaultScoring().Tolerance
	}
	changed := make([][]*Fact, len(after)) // by year: the facts seen differently then and now
	for yi, r := range after {
		if yi > 0 && thenAt.seenFor(r.Year) == thenAt.seenFor(after[yi-1].Year) {
			changed[yi] = changed[yi-1]
			continue
		}
		changed[yi] = ds.changedBetween(thenAt.seenFor(r.Year), now)
	}
	deps := map[string]map[string]bool{}  // input field -> the fields it can change
	for ii := range after[0].Indicators { // by indicator, then year
		for yi := range after {
			a, b := &before[yi].Indicators[ii], &after[yi].Indicators[ii]
			if sameValue(a, b, tol) {
				continue
			}
			ind := p.byID[b.ID]
			r := Revision{ID: b.ID, Title: b.Title, Unit: b.Unit, Year: after[yi].Year,
				Then: a.Value, ThenStatus: a.Status, ThenKOfN: a.KOfN(), ThenKOfNSentence: a.KOfNSentence(), ThenClass: a.Class,
				Now: b.Value, NowStatus: b.Status, NowKOfN: b.KOfN(), NowKOfNSentence: b.KOfNSentence(), NowClass: b.Class}
			r.Causes = ds.revisionCauses(ind, r.Year, changed[yi], deps, a, b)
			rr.Revisions = append(rr.Revisions, r)
		}
	}
	return rr, nil
}

// sameFilter reports whether two Only filters select the same indicators: both none, or the
// same expression.
func sameFilter(a, b *regexp.Regexp) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.String() == b.String()
}

// yearsOf is the results of the years from..to in rs, or nil when rs does not hold them all.
func yearsOf(rs []*Result, from, to int) []*Result {
	for i, r := range rs {
		if r.Year == from && len(rs)-i > to-from && rs[i+to-from].Year == to {
			return rs[i : i+to-from+1]
		}
	}
	return nil
}

// sameValue reports whether two results of one indicator and year say the same: the same
// status and values within tol (both absent counts as the same).
func sameValue(a, b *IndicatorResult, tol float64) bool {
	if a.Status != b.Status {
		return false
	}
	switch {
	case a.Value == nil && b.Value == nil:
		return true
	case a.Value == nil || b.Value == nil:
		return false
	}
	return math.Abs(*a.Value-*b.Value) <= tol
}

// changedBetween lists the facts seen at now and not as then sees them, or then and not at now
// (a value a correction replaced), in dataset order.
func (d *Dataset) changedBetween(then seenAt, now Date) []*Fact {
	var out []*Fact
	for _, f := range d.facts {
		fd := &schema[fieldIndex[f.Field]]
		if visible(fd, f, then) != visible(fd, f, seenOn(now)) {
			out = append(out, f)
		}
	}
	return out
}

// revisionCauses finds, among the changed facts, those of the States in the indicator's
// population (at either cut-off) for the year, of fields its expressions can read, and groups
// them by State and kind.
func (d *Dataset) revisionCauses(ind *Indicator, year int, changed []*Fact, deps map[string]map[string]bool, a, b *IndicatorResult) []RevisionCause {
	states := map[string]bool{}
	for _, r := range []*IndicatorResult{a, b} {
		for _, l := range []StateSet{r.Counted, r.NotCounted, r.NoData} {
			for iso := range l.All() {
				states[iso] = true
			}
		}
	}
	reads := map[string]bool{}
	if ind != nil {
		for _, n := range append(append([]string(nil), ind.Population.Reads...), ind.Rule.Reads...) {
			reads[n] = true
		}
	}
	// touches: a value of the field can change what the indicator reads (for the day a
	// report was received, through its own value only: the figures it made known are causes
	// of their own)
	touches := func(field string) bool {
		dep, ok := deps[field]
		if !ok {
			dep = dependentsOf([]string{field}, false)
			deps[field] = dep
		}
		for n := range dep {
			if reads[n] {
				return true
			}
		}
		return false
	}
	type key struct {
		iso  string
		kind RevisionKind
		year int
	}
	byKey := map[key]*RevisionCause{}
	var order []key
	for _, f := range changed {
		if !states[f.ISO3] || f.Year > year || !touches(f.Field) {
			continue
		}
		fd := &schema[fieldIndex[f.Field]]
		if fd.Scope == ScopeYear && f.Year != year {
			continue
		}
		if !f.until.IsZero() {
			continue // the value a correction replaced: the correction is the cause
		}
		kind, known := RevisionLateData, f.known
		switch {
		case f.Field == "art7_annual_submitted":
			kind, known = RevisionLateReport, f.date
		case !f.Recorded.IsZero() && d.corrects(f):
			kind = RevisionCorrection
		case f.Recorded.IsZero() && !f.known.IsZero():
			kind = RevisionLateReport // a figure known from the day its report was received
		case known.IsZero():
			known = f.date // a date value after the previous cut-off
		}
		k := key{f.ISO3, kind, f.Year}
		c := byKey[k]
		if c == nil {
			name := f.ISO3
			if si, ok := d.stateIdx[f.ISO3]; ok {
				name = d.states[si].Name
			}
			c = &RevisionCause{Kind: kind, ISO3: f.ISO3, Name: name, Year: f.Year, Known: known}
			byKey[k] = c
			order = append(order, k)
		}
		if known.After(c.Known) {
			c.Known = known
		}
		c.Class = c.Class.Weaker(f.Class)
		if !contains(c.Fields, f.Field) {
			c.Fields = append(c.Fields, f.Field)
		}
		c.Origins = append(c.Origins, fmt.Sprintf("%s:%d", f.File, f.Line))
	}
	rank := map[RevisionKind]int{RevisionLateReport: 0, RevisionCorrection: 1, RevisionLateData: 2}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.kind != b.kind {
			return rank[a.kind] < rank[b.kind]
		}
		if a.iso != b.iso {
			return a.iso < b.iso
		}
		return a.year < b.year
	})
	out := make([]RevisionCause, 0, len(order))
	for _, k := range order {
		c := byKey[k]
		sort.Strings(c.Fields)
		out = append(out, *c)
	}
	return out
}

// corrects reports whether f is a correction: another version of the same State, year and
// field became known before it.
func (d *Dataset) corrects(f *Fact) bool {
	si, ok := d.stateIdx[f.ISO3]
	if !ok || d.byState[si] == nil {
		return false
	}
	for _, g := range d.byState[si][fieldIndex[f.Field]] {
		if g != f && g.Year == f.Year && g.until == f.known && !g.until.IsZero() {
			return true
		}
	}
	return false
}
