package engine

import (
	"reflect"
	"strconv"
	"time"
)

// Counting is the membership counting convention: what "party" means (data dictionary §5).
type Counting string

// The counting conventions.
const (
	CountingDeposit        Counting = "deposit"
	CountingEntryIntoForce Counting = "entry-into-force"
)

// Valid reports whether c is one of the two conventions.
func (c Counting) Valid() bool { return c == CountingDeposit || c == CountingEntryIntoForce }

// frame fixes everything one State's environment depends on besides the data: the year, the
// as_of date, the counting convention and the plan's adoption date.
type frame struct {
	year int
	// asOf is the day the year is seen at; current the run's cut-off, whose versions of the
	// values are used (seenAt). They differ only for an earlier year of an assessment's series.
	asOf, current Date
	counting      Counting
	adopted       Date
	// rateYears is the plan's deadline_rate_years, for art*_projected_to_miss.
	rateYears int
	// texts are the year's dates every State's environment shows alike, as text (withTexts);
	// build writes them itself when they are not set
	texts *frameTexts
}

// frameFor is the frame every State's environment for year y is built in under cfg. It is the
// one constructor of a frame, so that no path (evaluation, data checks, records, what-if) builds
// environments without one of the plan's settings, deadline_rate_years among them.
func (p *Plan) frameFor(cfg evalConfig, y int) frame {
	s := cfg.seenFor(y)
	return frame{year: y, asOf: s.day, current: s.current, counting: cfg.counting, adopted: p.adopted, rateYears: p.scoringFor(cfg).DeadlineRateYears}
}

// seen is when the frame's year is seen (seenAt).
func (fr frame) seen() seenAt {
	if fr.current.IsZero() {
		return seenOn(fr.asOf)
	}
	return seenAt{fr.asOf, fr.current}
}

// frameTexts are a frame's as_of, reference date R and annual report deadline as text.
type frameTexts struct{ asOf, ref, annualDeadline string }

// withTexts is fr with its dates written once as text for all the environments built in it.
func (fr frame) withTexts() frame {
	R := minDate(yearEnd(fr.year), fr.asOf)
	fr.texts = &frameTexts{asOf: fr.asOf.String(), ref: R.String(), annualDeadline: annualDeadline(fr.year).String()}
	return fr
}

// annualDeadline is the deadline of the annual Article 7 report for year y: 30 April of y+1.
func annualDeadline(y int) Date { return NewDate(y+1, time.April, 30) }

// stateEnv is one State's environment for one year, with the set of fields that are present
// (not nil) and, for input fields, the fact each value came from.
type stateEnv struct {
	env     ruleEnv
	present fieldSet
	from    []*Fact // by schema index; nil for derived or absent fields
	// eps3 and eps4 are the Article 3 and 4 obligation episodes at R (§4.4), reused between
	// builds.
	eps3, eps4 []episode
	// at is when the year is seen (the frame's seenAt)
	at seenAt
	// projCls is the class of the figures art3_projected_to_miss and art4_projected_to_miss
	// rest on (the projection's amount remaining and rate, of whichever years of the episode
	// they are); empty when no projection decided them.
	projCls [2]Class
}

// setInput points a ruleEnv input field at the fact's value.
func (se *stateEnv) setInput(fi int, f *Fact) {
	fd := &schema[fi]
	v := reflect.ValueOf(&se.env).Elem().Field(envFieldPath[fi])
	switch fd.Type {
	case TypeNumber:
		v.Set(reflect.ValueOf(&f.num))
	case TypeBool:
		v.Set(reflect.ValueOf(&f.flag))
	default:
		v.Set(reflect.ValueOf(&f.Value))
	}
	se.present.add(fi)
	se.from[fi] = f
}

// visible reports whether a fact's value can be seen at as_of: a date later than as_of is
// treated as absent (data dictionary §1.3), except for deadlines, which lie ahead by nature;
// so is a fact not yet known at as_of, or already replaced by a correction (knownAt).
func visible(fd *Field, f *Fact, s seenAt) bool {
	if !knownAt(f, s) {
		return false
	}
	return fd.Type != TypeDate || fd.isDeadline() || f.date.NotAfter(s.day)
}

// pick returns the fact a rule sees for year y under the field's scope, or nil. list is in
// year order (Dataset.byState), the facts of one year in the order they were made; a year's
// and a carried field's facts are looked for from the end, where the latest years are.
func pick(fd *Field, list []*Fact, y int, s seenAt) *Fact {
	switch fd.Scope {
	case ScopeStatic:
		for _, f := range list { // the value and its corrections: at most one is seen
			if visible(fd, f, s) {
				return f
			}
		}
	case ScopeYear, ScopeEvent:
		// the first visible fact of year y
		end := len(list)
		for end > 0 && list[end-1].Year > y {
			end--
		}
		start := end
		for start > 0 && list[start-1].Year == y {
			start--
		}
		for _, f := range list[start:end] {
			if visible(fd, f, s) {
				return f
			}
		}
	case ScopeCarried:
		// the last visible fact of a year up to y
		for i := len(list) - 1; i >= 0; i-- {
			if f := list[i]; f.Year <= y && visible(fd, f, s) {
				return f
			}
		}
	}
	return nil
}

var (
	fArt3Start    = fieldIndex["art3_obligation_start"]
	fArt3Done     = fieldIndex["art3_completed_date"]
	fArt3Declared = fieldIndex["art3_compliance_declared_date"]
	fArt3Deadline = fieldIndex["art3_deadline"]
	fArt3Retain   = fieldIndex["art3_retention"]
	fArt4Start    = fieldIndex["art4_obligation_start"]
	fArt4Done     = fieldIndex["art4_completed_date"]
	fArt4Declared = fieldIndex["art4_completion_declared_date"]
	fArt4Deadline = fieldIndex["art4_deadline"]
	fArt5Victims  = fieldIndex["art5_victims_present"]
	fArt7Initial  = fieldIndex["art7_initial_submitted"]
	fArt7Annual   = fieldIndex["art7_annual_submitted"]
)

// build fills se with State si's environment for the frame: the input facts the rules see and
// every derived field of data dictionary §4.
func (d *Dataset) build(si int, fr frame, se *stateEnv) {
	from := se.from
	if from == nil {
		from = make([]*Fact, len(schema))
	} else {
		clear(from)
	}
	*se = stateEnv{from: from, eps3: se.eps3[:0], eps4: se.eps4[:0]}
	st := &d.states[si]
	y, A, seen := fr.year, fr.asOf, fr.seen()
	se.at = seen
	E := yearEnd(y)
	R := minDate(E, A)
	facts := d.byState[si]
	for fi, list := range facts {
		if len(list) == 0 {
			continue
		}
		if f := pick(&schema[fi], list, y, seen); f != nil {
			se.setInput(fi, f)
		}
	}
	// events "set" at a date: present and not later than as_of
	events := func(fi int) []*Fact {
		if facts == nil {
			return nil
		}
		return facts[fi]
	}
	setDate := func(d Date) *string {
		if !setBy(d, A) {
			return nil
		}
		s := d.String()
		return &s
	}
	e := &se.env
	set := func(fi int) { se.present.add(fi) }
	texts := fr.texts
	if texts == nil {
		texts = fr.withTexts().texts
	}

	// §4.1 status and membership
	e.Year, e.AsOf, e.RefDate = y, texts.asOf, texts.ref
	e.Iso3, e.Region = st.ISO3, st.Region
	set(ix.Year)
	set(ix.AsOf)
	set(ix.RefDate)
	set(ix.Iso3)
	set(ix.Region)
	signed, ratified, withdrawn, eif := st.Signed, st.Ratified, st.Withdrawn, st.EntryIntoForce
	for _, p := range []*Date{&signed, &ratified, &withdrawn, &eif} {
		if !setBy(*p, A) {
			*p = Date{}
		}
	}
	if e.Signed = setDate(signed); e.Signed != nil {
		set(ix.Signed)
	}
	if e.Ratified = setDate(ratified); e.Ratified != nil {
		set(ix.Ratified)
	}
	if e.Withdrawn = setDate(withdrawn); e.Withdrawn != nil {
		set(ix.Withdrawn)
	}
	if e.EntryIntoForce = setDate(eif); e.EntryIntoForce != nil {
		set(ix.EntryIntoForce)
	}
	notWithdrawnAt := func(at Date) bool { return !setBy(withdrawn, at) }
	e.InForce = setBy(eif, R) && notWithdrawnAt(R)
	e.Deposited = (setBy(ratified, R) || e.InForce) && notWithdrawnAt(R)
	if fr.counting == CountingEntryIntoForce {
		e.Party = e.InForce
	} else {
		e.Party = e.Deposited
	}
	e.PendingEif = e.Deposited && !e.InForce
	e.Signatory = setBy(signed, R) && !e.Deposited && notWithdrawnAt(R)
	e.NotParty = !e.Party
	e.FormerParty = setBy(withdrawn, R)
	set(ix.InForce)
	set(ix.Deposited)
	set(ix.Party)
	set(ix.PendingEif)
	set(ix.Signatory)
	set(ix.NotParty)
	set(ix.FormerParty)
	set(ix.JoinedAfterLap)
	set(ix.EifInYear)
	if !ratified.IsZero() {
		jy := ratified.Year()
		e.JoinedYear = &jy
		set(ix.JoinedYear)
	}
	e.JoinedAfterLap = ratified.After(fr.adopted) && setBy(ratified, R)
	e.EifInYear = eif.InYear(y) && setBy(eif, R)
	if e.InForce {
		n := y - eif.Year()
		e.YearsSinceEif = &n
		set(ix.YearsSinceEif)
	}

	// §4.2 Article 7 reporting. The initial report is due 180 days after entry into force;
	// nil when entry_into_force is nil (absent, or later than as_of).
	var due Date
	if !eif.IsZero() {
		due = eif.AddDays(180)
		s := due.String()
		e.InitialReportDue = &s
		set(ix.InitialReportDue)
	}
	e.InitialReportRequired = e.Party && setBy(due, R)
	if f := se.from[fArt7Initial]; f != nil && f.date.NotAfter(R) {
		e.InitialReportSubmitted = true
	}
	e.InitialReportOverdue = e.InitialReportRequired && !e.InitialReportSubmitted
	deadline := annualDeadline(y)
	e.AnnualReportDeadline = texts.annualDeadline
	partyAtE := e.Party // R == E whenever A >= E
	e.AnnualReportDue = !A.Before(E) && partyAtE && setBy(due, E) && notWithdrawnAt(deadline)
	if f := se.from[fArt7Annual]; f != nil {
		e.AnnualReportSubmitted = true
		e.AnnualReportOnTime = f.date.onOrBefore(deadline).Bool()
	} else if A.After(deadline) {
		onTime := false
		e.AnnualReportOnTime = &onTime
	}
	set(ix.InitialReportRequired)
	set(ix.InitialReportSubmitted)
	set(ix.InitialReportOverdue)
	set(ix.AnnualReportDeadline)
	set(ix.AnnualReportDue)
	set(ix.AnnualReportSubmitted)
	if e.AnnualReportOnTime != nil {
		set(ix.AnnualReportOnTime)
	}

	// §4.3 and §4.4 Articles 3 and 4: obligation episodes
	se.eps3 = buildEpisodes(se.eps3, articleInputs(facts, 3), R, seen)
	se.eps4 = buildEpisodes(se.eps4, articleInputs(facts, 4), R, seen)
	a3 := articleFields(e.Party, se.eps3, events(fArt3Declared), y, R, seen)
	a4 := articleFields(e.Party, se.eps4, events(fArt4Declared), y, R, seen)
	e.Art3Outstanding, e.Art4Outstanding = a3.outstanding, a4.outstanding
	e.Art3ObligationInYear, e.Art4ObligationInYear = a3.inYear, a4.inYear
	deriveSinceLAP(se, st, fr, events(fArt4Start), events(fArt4Done), R)
	e.Art3CompletedInYear, e.Art4CompletedInYear = a3.completedInYear, a4.completedInYear
	e.Art3CompletedOnTime, e.Art4CompletedOnTime = a3.onTime, a4.onTime
	e.Art3CompletedWithDeadlineInYear, e.Art4CompletedWithDeadlineInYear = a3.withDeadlineInYear, a4.withDeadlineInYear
	e.Art3PastDeadline, e.Art4PastDeadline = a3.pastDeadline, a4.pastDeadline
	e.Art3ComplianceDeclaredTimely, e.Art4DeclaredTimely = a3.declaredTimely, a4.declaredTimely
	e.Art3ComplianceDeclaredInYear = eventInYear(events(fArt3Declared), y, R, seen)
	e.Art4CompletionDeclaredInYear = eventInYear(events(fArt4Declared), y, R, seen)
	if f := se.from[fArt3Retain]; f != nil {
		e.Art3Retaining = e.Party && f.flag
	}
	e.Art4Cleared = e.Party && !a4.outstanding && a4.completed
	e.Art4NewObligationInYear = a4.laterStartInYear
	e.Art3ProjectedToMiss, se.projCls[0] = d.projectedToMiss(si, 3, se.eps3, y, R, seen, fr.rateYears)
	e.Art4ProjectedToMiss, se.projCls[1] = d.projectedToMiss(si, 4, se.eps4, y, R, seen, fr.rateYears)
	if !e.Party {
		e.Art3ProjectedToMiss, e.Art4ProjectedToMiss = boolPtr(false), boolPtr(false)
		se.projCls = [2]Class{}
	}
	if f := se.from[fArt5Victims]; f != nil {
		e.Art5Applies = e.Party && f.flag
	}
	e.HasObligation = e.Art3Outstanding || e.Art4Outstanding || e.Art5Applies
	deriveMilestones(se)
	set(ix.Art3Outstanding)
	set(ix.Art3CompletedInYear)
	set(ix.Art3ComplianceDeclaredInYear)
	set(ix.Art3Retaining)
	set(ix.Art4Outstanding)
	set(ix.Art4CompletedInYear)
	set(ix.Art4CompletionDeclaredInYear)
	set(ix.Art4Cleared)
	set(ix.Art4NewObligationInYear)
	set(ix.Art3CompletedWithDeadlineInYear)
	set(ix.Art4CompletedWithDeadlineInYear)
	set(ix.Art3ObligationInYear)
	set(ix.Art4ObligationInYear)
	set(ix.Art5Applies)
	set(ix.HasObligation)
	for _, nb := range [...]struct {
		fi int
		p  *bool
	}{{ix.Art3PastDeadline, e.Art3PastDeadline}, {ix.Art4PastDeadline, e.Art4PastDeadline}, {ix.Art3ComplianceDeclaredTimely, e.Art3ComplianceDeclaredTimely}, {ix.Art4DeclaredTimely, e.Art4DeclaredTimely}, {ix.Art4CompletedOnTime, e.Art4CompletedOnTime}, {ix.Art3CompletedOnTime, e.Art3CompletedOnTime}, {ix.Art3ProjectedToMiss, e.Art3ProjectedToMiss}, {ix.Art4ProjectedToMiss, e.Art4ProjectedToMiss}} {
		if nb.p != nil {
			set(nb.fi)
		}
	}
}

func boolPtr(b bool) *bool { return &b }

// setBy reports whether d is set and had certainly come by the day at: every day of its span is
// on or before at. A date known only to the month or year counts from the end of its span
// (data dictionary §2.3), so a run never takes for done what may not yet have happened.
func setBy(d, at Date) bool { return !d.IsZero() && d.NotAfter(at) }

// articleFacts are the derived fields of §4.3 that an article's episodes give for year y.
type articleFacts struct {
	outstanding, inYear, completedInYear, completed, laterStartInYear, withDeadlineInYear bool
	onTime, pastDeadline, declaredTimely                                                  *bool
}

// articleFields derives one article's fields from its episodes at R (data dictionary §4.3 as
// §4.4 makes it episode-aware).
func articleFields(party bool, eps []episode, declared []*Fact, y int, R Date, s seenAt) articleFacts {
	var out articleFacts
	jan1 := NewDate(y, time.January, 1)
	var lastDone *episode // the latest episode completed in y
	yes, no, unknown := false, false, false
	for i := range eps {
		ep := &eps[i]
		if party && (ep.open() || !ep.done.Before(jan1)) {
			out.inYear = true // open at some time during y
		}
		if ep.n > 1 && ep.start.InYear(y) {
			out.laterStartInYear = true
		}
		if ep.open() {
			continue
		}
		out.completed = true
		if !ep.done.InYear(y) {
			continue
		}
		out.completedInYear, lastDone = true, ep
		switch ep.verdict(R) {
		case VerdictYes:
			yes = true
		case VerdictNo:
			no = true
		case VerdictUnknown:
			unknown = true
		}
		if v := ep.verdict(R); v != VerdictNone {
			out.withDeadlineInYear = true
		}
	}
	if last := lastEpisode(eps); party && last != nil && last.open() {
		out.outstanding = true
		out.pastDeadline = last.pastDeadline(R)
	} else {
		out.pastDeadline = boolPtr(false)
	}
	switch {
	case !out.completedInYear:
		out.onTime = boolPtr(false)
	case no:
		out.onTime = boolPtr(false)
	case yes && !unknown:
		out.onTime = boolPtr(true)
	} // else nil: not known, or no completion in y had a deadline
	out.declaredTimely = declaredTimely(lastDone, declared, y, s)
	return out
}

func eventInYear(list []*Fact, y int, R Date, s seenAt) bool {
	for _, f := range list {
		if f.date.InYear(y) && setBy(f.date, R) && knownAt(f, s) {
			return true
		}
	}
	return false
}

// declaredTimely is art3_compliance_declared_timely / art4_declared_timely for the latest
// episode completed in y (nil ep: none was): a declaration in y or y+1 that may be on or after
// the episode's start, so that a declaration about an earlier episode does not count.
func declaredTimely(ep *episode, declared []*Fact, y int, s seenAt) *bool {
	if ep == nil {
		return boolPtr(false)
	}
	for _, f := range declared {
		if (f.date.InYear(y) || f.date.InYear(y+1)) && setBy(f.date, s.day) && knownAt(f, s) && !f.date.Before(ep.start) {
			return boolPtr(true)
		}
	}
	if s.day.After(yearEnd(y + 1)) {
		return boolPtr(false)
	}
	return nil
}

// itoa is strconv.Itoa, kept short for messages.
func itoa(n int) string { return strconv.Itoa(n) }
