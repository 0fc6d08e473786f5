package engine

import (
	"math"
	"strconv"
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
		pr.Status = ProjectionNoData
		return pr
	}
	dl := yearFraction(in.Deadline)
	if left := dl - start; left > 0 {
		pr.RateNeeded = num(math.Max(in.Remaining, 0) / left)
	}
	switch {
	case in.Remaining <= 0:
		pr.Status = ProjectionOnCourse
	case dl <= start, in.Rate <= 0, finish > dl:
		pr.Status = ProjectionWillMiss
	case finish > dl-in.MarginYears:
		pr.Status = ProjectionAtRisk
	default:
		pr.Status = ProjectionOnCourse
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

// staleYears: a projection whose newest figure is more than this many years before the
// assessed year rests on old data, and says so.
const staleYears = 2

// factsUpTo returns State si's facts of one field for years up to y, ascending.
func (d *Dataset) factsUpTo(si int, field string, y int) []*Fact {
	return d.factsIn(si, field, 0, y)
}

// factsIn returns State si's facts of one field for years from..to, ascending.
func (d *Dataset) factsIn(si int, field string, from, to int) []*Fact {
	if d.byState[si] == nil {
		return nil
	}
	var out []*Fact
	for _, f := range d.byState[si][fieldIndex[field]] {
		if f.Year >= from && f.Year <= to {
			out = append(out, f)
		}
	}
	return out
}

// AmountsDone is the record of yearly amounts behind a deadline projection, as the Monte Carlo
// deadline risk (package risk) draws from it.
type AmountsDone struct {
	// Field is the field of the amount done in a year (art3_destroyed_munitions,
	// art3_destroyed_submunitions or art4_area_cleared_m2); for Article 4 the area released by
	// survey is added to it where known.
	Field string
	// From is the year the projection's episode began (0 when its start is not known).
	From int
	// Years holds each year from From to the assessed year with an amount done known at as_of.
	Years []YearValue
	// Class is the least reliable class of the facts the amounts are read from; empty when
	// there are none.
	Class Class
}

// AmountsDone returns the yearly amounts done behind dp, a deadline projection of an assessment
// of d for year, as known at asOf. ok is false when dp's State is not in d.
func (d *Dataset) AmountsDone(dp *DeadlineProjection, year int, asOf Date) (done AmountsDone, ok bool) {
	if s, err := ParseDate(dp.Start); err == nil {
		done.From = s.Year()
	}
	m := art4Area
	switch dp.Measure {
	case art3Munitions.remaining:
		m = art3Munitions
	case art3Submunitions.remaining:
		m = art3Submunitions
	}
	done.Field = m.done
	si, ok := d.stateIdx[dp.ISO3]
	if !ok {
		return done, false
	}
	extra := map[int]float64{}
	if m.extra != "" {
		for _, f := range d.factsIn(si, m.extra, done.From, year) {
			if knownAt(f, seenOn(asOf)) {
				extra[f.Year] = f.num
				done.Class = done.Class.Weaker(f.Class)
			}
		}
	}
	for _, f := range d.factsIn(si, m.done, done.From, year) {
		if knownAt(f, seenOn(asOf)) {
			done.Years = append(done.Years, YearValue{Year: f.Year, Value: num(f.num + extra[f.Year]), Class: f.Class})
			done.Class = done.Class.Weaker(f.Class)
		}
	}
	return done, true
}

// basis is what a projection rests on, read without allocating: the latest remaining amount
// and the mean yearly amount over the latest rateYears years with data, both within the
// episode's years (from its start year to y).
type basis struct {
	remaining     float64
	remainingYear int   // 0: none reported
	remainingCls  Class // the class of the remaining amount's fact
	rateCls       Class // the least reliable class of the facts of the rate
	rateSum       float64
	rateN         int
	rateFrom      int // first and last year of the rate
	rateTo        int
	extraByYear   bool // some year's rate includes land released by survey
	measure       measure
	window        [2]int
	deadline      Date
}

// visibleFact reports whether a figure can be used for year y's projection at as_of.
func visibleFact(f *Fact, s seenAt) bool { return knownAt(f, s) }

// basisOf reads the projection basis of measure m for years from..y.
func (d *Dataset) basisOf(si int, m measure, from, y, rateYears int, s seenAt) basis {
	b := basis{measure: m, window: [2]int{from, y}}
	facts := d.byState[si]
	if facts == nil {
		return b
	}
	for _, f := range facts[fieldIndex[m.remaining]] {
		if f.Year >= from && f.Year <= y && visibleFact(f, s) {
			b.remaining, b.remainingYear, b.remainingCls = f.num, f.Year, f.Class
		}
	}
	done := facts[fieldIndex[m.done]]
	var extra []*Fact
	if m.extra != "" {
		extra = facts[fieldIndex[m.extra]]
	}
	// the latest rateYears years with data, walking back
	for i := len(done) - 1; i >= 0 && b.rateN < rateYears; i-- {
		f := done[i]
		if f.Year > y || f.Year < from || !visibleFact(f, s) {
			continue
		}
		v := f.num
		b.rateCls = b.rateCls.Weaker(f.Class)
		for _, x := range extra {
			if x.Year == f.Year && visibleFact(x, s) {
				v += x.num
				b.extraByYear = true
				b.rateCls = b.rateCls.Weaker(x.Class)
			}
		}
		b.rateSum += v
		b.rateN++
		if b.rateTo == 0 {
			b.rateTo = f.Year
		}
		b.rateFrom = f.Year
	}
	return b
}

// rate is the mean yearly amount, or nil.
func (b *basis) rate() *float64 {
	if b.rateN == 0 {
		return nil
	}
	return num(b.rateSum / float64(b.rateN))
}

// newest is the latest year of the figures used.
func (b *basis) newest() int { return max(b.remainingYear, b.rateTo) }

// article3Measure picks munitions, or submunitions when the State reports only those in the
// episode's years.
func (d *Dataset) article3Measure(si int, from, y int, s seenAt) measure {
	has := func(field string) bool {
		for _, f := range d.factsIn(si, field, from, y) {
			if visibleFact(f, s) {
				return true
			}
		}
		return false
	}
	if !has(art3Munitions.remaining) && !has(art3Munitions.done) && (has(art3Submunitions.remaining) || has(art3Submunitions.done)) {
		return art3Submunitions
	}
	return art3Munitions
}

// projectionOf projects an open episode: the status alone (for the derived field
// art*_projected_to_miss, without allocating) or in full.
func projectionOf(b *basis, margin float64) Projection {
	rate := 0.0
	if r := b.rateN; r > 0 {
		rate = b.rateSum / float64(r)
	}
	switch {
	case b.remainingYear == 0:
		return Projection{Status: ProjectionNoData}
	case b.rateN == 0 && b.remaining > 0:
		pr := Project(ProjectionInput{Remaining: b.remaining, RemainingYear: b.remainingYear, Rate: 0, Deadline: b.deadline})
		return Projection{Status: ProjectionNoData, RateNeeded: pr.RateNeeded}
	}
	return Project(ProjectionInput{Remaining: b.remaining, RemainingYear: b.remainingYear, Rate: rate, Deadline: b.deadline, MarginYears: margin})
}

// projectedToMiss is art3_projected_to_miss / art4_projected_to_miss: for the open episode, true
// when its projection will miss the deadline, false when it is on course or at risk; nil when
// the projection has no data or the episode has no deadline. False with no open episode. The
// class is that of the figures a projection rests on (the amount remaining and the years of the
// rate, which may be years before y), empty when no projection decided the value.
func (d *Dataset) projectedToMiss(si, article int, eps []episode, y int, R Date, s seenAt, rateYears int) (*bool, Class) {
	ep := lastEpisode(eps)
	if ep == nil || !ep.open() {
		return boolPtr(false), ""
	}
	if v := ep.verdict(R); v == VerdictNone {
		return nil, ""
	} else if v == VerdictNo {
		return boolPtr(true), "" // the deadline has passed
	}
	if ep.deadlineNotKnown(R) {
		return nil, "" // passed, with an extension request awaiting a decision: not known
	}
	dl := ep.deadlineAt(R)
	if dl.IsZero() {
		return nil, ""
	}
	from := ep.start.Year()
	m := art4Area
	if article == 3 {
		m = d.article3Measure(si, from, y, s)
	}
	b := d.basisOf(si, m, from, y, rateYears, s)
	b.deadline = dl
	cls := b.remainingCls.Weaker(b.rateCls) // the figures the projection rests on, of any year of the episode
	switch projectionOf(&b, 0).Status {
	case ProjectionWillMiss:
		return boolPtr(true), cls
	case ProjectionNoData:
		return nil, ""
	}
	return boolPtr(false), cls
}

// projectEpisode builds the projection of State si's open episode ep under article.
func (d *Dataset) projectEpisode(si, article int, ep *episode, y int, R Date, s seenAt, sc Scoring) DeadlineProjection {
	st := &d.states[si]
	from := ep.start.Year()
	m := art4Area
	if article == 3 {
		m = d.article3Measure(si, from, y, s)
	}
	b := d.basisOf(si, m, from, y, sc.DeadlineRateYears, s)
	b.deadline = ep.deadlineAt(R)
	dp := DeadlineProjection{ISO3: st.ISO3, Name: st.Name, Article: article, Episode: ep.n, Start: ep.start.String(),
		Measure: m.remaining, Unit: m.unit, RateYears: []YearValue{}, Assumptions: []string{}}
	if b.remainingYear != 0 {
		dp.Remaining, dp.RemainingYear, dp.RemainingClass = num(b.remaining), b.remainingYear, b.remainingCls
	}
	extra := map[int]float64{}
	if m.extra != "" {
		for _, f := range d.factsIn(si, m.extra, from, y) {
			if visibleFact(f, s) {
				extra[f.Year] = f.num
			}
		}
	}
	if b.rateN > 0 {
		for _, f := range d.factsIn(si, m.done, b.rateFrom, b.rateTo) {
			if visibleFact(f, s) {
				dp.RateYears = append(dp.RateYears, YearValue{Year: f.Year, Value: num(f.num + extra[f.Year]), Class: f.Class})
			}
		}
		dp.Rate, dp.RateClass = b.rate(), b.rateCls
	}
	if !b.deadline.IsZero() {
		dp.Deadline = b.deadline.String()
	}
	if r := ep.ext.request; r != nil {
		dp.ExtensionRequested, dp.ExtensionPending, dp.ExtensionNoteSentence = r.Year, ep.ext.outcome == extPending, ep.ext.noteSentence()
		dp.ExtensionNote = dp.ExtensionNoteSentence.String()
	}
	var notKnown Sentence
	if ep.deadlineNotKnown(R) {
		// the deadline recorded has passed and a request awaits a decision: projected without
		// a deadline, and said so
		notKnown = ep.ext.why(b.deadline)
		recorded := b.deadline
		b.deadline = Date{}
		dp.Projection = projectionOf(&b, sc.DeadlineMarginYears)
		dp.Status = ProjectionNotKnown
		b.deadline = recorded
	} else {
		dp.Projection = projectionOf(&b, sc.DeadlineMarginYears)
	}
	if dp.Remaining != nil && dp.Rate != nil {
		dp.SinglePoint = b.rateN == 1
	}
	if n := b.newest(); n != 0 && y-n > staleYears {
		dp.Stale = true
	}
	dp.AssumptionSentences = projectionAssumptions(&dp, &b, ep, notKnown, y, sc)
	for _, a := range dp.AssumptionSentences {
		dp.Assumptions = append(dp.Assumptions, a.String())
	}
	dp.ReasonSentence, dp.ReasonCode = projectionReason(&dp, b.deadline, notKnown, sc, y)
	dp.Reason = dp.ReasonSentence.String()
	return dp
}

// projectionAssumptions states what a projection takes for granted. notKnown says why the
// deadline that applies is not known ("" when it is known).
func projectionAssumptions(dp *DeadlineProjection, b *basis, ep *episode, notKnown Sentence, y int, sc Scoring) []Sentence {
	var out []Sentence
	switch {
	case !notKnown.IsZero():
		out = append(out, say(msgAssumeNoDeadline))
	case !b.deadline.IsZero():
		if ep.ext.unsettled() {
			out = append(out, say(msgAssumeNoExtensionNote, dateArg("Deadline", b.deadline), clauseArg("Note", ep.ext.noteSentence())))
		} else {
			out = append(out, say(msgAssumeNoExtension, dateArg("Deadline", b.deadline)))
		}
	}
	if b.rateN > 0 {
		years := strconv.Itoa(b.rateFrom)
		if b.rateTo != b.rateFrom {
			years += "–" + strconv.Itoa(b.rateTo)
		}
		out = append(out, say(msgAssumeOwnRate, countYearsArg("Years", b.rateN), codeArg("Span", years), intArg("Max", sc.DeadlineRateYears), yearArg("Began", b.window[0])))
		if b.measure.extra != "" && b.extraByYear {
			out = append(out, say(msgAssumeSurvey))
		}
	}
	if dp.Remaining != nil {
		out = append(out, say(msgAssumeRemaining, yearArg("Year", dp.RemainingYear)))
	}
	out = append(out, say(msgAssumeNoNewFinding))
	if dp.SinglePoint {
		out = append(out, say(msgAssumeOnePoint))
	}
	if dp.Stale {
		out = append(out, say(msgAssumeStale, intArg("Years", staleYears), yearArg("Newest", b.newest())))
	}
	return out
}

// projectionReason says the projection in plain English, its numbers formatted for people
// (amountText for the data, EstimateText for the rates computed), its dates as precisely as
// known, and names the case. notKnown says why the deadline that applies is not known (empty
// when it is known).
func projectionReason(dp *DeadlineProjection, dl Date, notKnown Sentence, sc Scoring, y int) (Sentence, ReasonCode) {
	start := codeArg("Start", dp.Start)
	if d, err := ParseDate(dp.Start); err == nil {
		start = dateArg("Start", d)
	}
	var unknown Sentence
	if !notKnown.IsZero() {
		unknown = say(msgProjNotKnownSuffix, clauseArg("Why", notKnown))
	}
	switch {
	case dp.Remaining == nil:
		return say(msgProjNoRemaining, codeArg("Field", dp.Measure), start, yearArg("Year", y), clauseArg("NotKnown", unknown)), ReasonNoRemaining
	case dp.Rate == nil && *dp.Remaining > 0:
		return say(msgProjNoRate, codeArg("Field", doneField(dp.Measure)), start, yearArg("Year", y), clauseArg("NotKnown", unknown)), ReasonNoRate
	}
	rem := clauseArg("Remaining", say(msgProjRemaining, amountArg("Amount", *dp.Remaining, dp.Unit), yearArg("Year", dp.RemainingYear)))
	if *dp.Remaining <= 0 {
		return say(msgProjNothingLeft, rem), ReasonNothingLeft
	}
	var at Sentence
	if dp.CompletionYear != nil {
		at = say(msgProjAtRate, estimateArg("Rate", *dp.Rate, dp.Unit), countYearsArg("Years", len(dp.RateYears)),
			yearsArg("Needed", *dp.YearsNeeded), yearArg("Completion", *dp.CompletionYear))
	} else {
		at = say(msgProjAtRateNothing, estimateArg("Rate", *dp.Rate, dp.Unit))
	}
	switch {
	case !notKnown.IsZero():
		return say(msgProjDeadlineNotKnown, rem, clauseArg("At", at), clauseArg("NotKnown", unknown)), ReasonDeadlineNotKnown
	case dl.IsZero():
		return say(msgProjNoDeadline, rem, clauseArg("At", at)), ReasonNoDeadline
	}
	need := say(msgProjDeadlinePassed)
	if dp.RateNeeded != nil {
		need = say(msgProjRateNeeded, dateArg("Deadline", dl), estimateArg("Rate", *dp.RateNeeded, dp.Unit))
	}
	switch dp.Status {
	case ProjectionAtRisk:
		return say(msgProjAtRisk, rem, clauseArg("At", at), yearsArg("Margin", sc.DeadlineMarginYears), dateArg("Deadline", dl), clauseArg("Need", need)), ReasonAtRisk
	case ProjectionWillMiss:
		return say(msgProjWillMiss, rem, clauseArg("At", at), dateArg("Deadline", dl), clauseArg("Need", need)), ReasonWillMiss
	}
	return say(msgProjOnCourse, rem, clauseArg("At", at), dateArg("Deadline", dl)), ReasonOnCourse
}

// doneField names the yearly amount field that goes with a remaining-amount field.
func doneField(remaining string) string {
	for _, m := range []measure{art3Munitions, art3Submunitions, art4Area} {
		if m.remaining == remaining {
			return m.done
		}
	}
	return remaining
}

// deadlines projects every open Article 3 and 4 episode in year y: one projection per open
// episode, by State (in the dataset's order), then article.
func (d *Dataset) deadlines(envs []stateEnv, y int, sc Scoring) []DeadlineProjection {
	out := []DeadlineProjection{}
	for si := range d.states {
		out = d.appendDeadlines(out, si, &envs[si], y, sc)
	}
	return out
}

// appendDeadlines appends the projections of State si's open episodes (Article 3, then 4) in
// year y to out, none when the State is not a party. They read only the State's own
// environment se, its own facts, y and the scoring (what deadlinesReusing relies on).
func (d *Dataset) appendDeadlines(out []DeadlineProjection, si int, se *stateEnv, y int, sc Scoring) []DeadlineProjection {
	if !se.env.Party {
		return out
	}
	R := MustDate(se.env.RefDate)
	for _, a := range [...]struct {
		article int
		eps     []episode
	}{{3, se.eps3}, {4, se.eps4}} {
		if ep := lastEpisode(a.eps); ep != nil && ep.open() {
			out = append(out, d.projectEpisode(si, a.article, ep, y, R, se.at, sc))
		}
	}
	return out
}
