package engine

// Obligation episodes (data dictionary §4.4; docs/methodology.md, "Obligation episodes").
//
// An Article 3 or 4 obligation is a sequence of episodes, never one record that later facts
// overwrite. Episode 1 starts at the first obligation start and ends at the first completion
// not certainly before it. Each start dated after a completion opens a later episode, which
// ends at the next completion. Starts while an episode is open belong to it; completions with
// no open episode (certainly before the start, or a second one) are not attached. Every
// completion is clipped to its episode's start: "completed before 2019" for an obligation that
// began at entry into force on 2010-08-01 is a day between 2010-08-01 and 2018-12-31.
//
// Deadline decisions (art3_deadline, art4_deadline facts) are dated by their recorded day, or,
// without one, by their year (a date of year precision). A decision belongs to the first
// episode it may fall in, from its start (episode 1: from before its start, for the original
// deadline recorded in the start year) to its completion. A later episode has a deadline only
// if one is recorded after its start; otherwise it is judged by its duration. The deadline in
// force on a day is the latest decision on or before it (for episode 1 the first decision holds
// from the start). Where a decision's date does not say whether it came before the day, both
// deadlines are candidates, and a comparison holds only if it holds for each.
//
// Extension requests (art*_extension_requested) are read against the deadline chain: an
// episode's latest request made by the year of its deadline is decided when a deadline
// decision of its year or later is recorded, not granted when an art*_extension_granted =
// false of its year or later is, and otherwise awaits a decision (or, granted without a new
// deadline recorded, awaits its date). Once the deadline in force has passed, such a request
// makes the deadline that applies not known: the State is never judged against a deadline
// that may not apply to it. Before it passes, a pending request changes nothing.

// episode is one obligation episode as seen at a cut-off.
type episode struct {
	n         int // 1 = the original obligation
	start     Date
	startFact *Fact
	done      Date // the completion clipped to the start; zero while open at the cut-off
	doneFact  *Fact
	chain     []*Fact // the deadline decisions attached, in the order they were made
	ext       extension
}

// extension is an episode's latest extension request and what is recorded of its outcome.
type extension struct {
	request  *Fact // art*_extension_requested = true; nil when none
	outcome  extOutcome
	decision *Fact // the art*_extension_granted fact that answered it, if any
}

// extOutcome is what the data record of an extension request.
type extOutcome uint8

const (
	extDecided   extOutcome = iota // a new deadline is recorded in the request's year or later (or no request)
	extPending                     // no decision recorded: neither granted nor refused, no new deadline
	extNoNewDate                   // granted, the new deadline not recorded
	extRefused                     // not granted: the deadline in force stands
)

// unsettled reports whether the request leaves the deadline that applies open: awaiting a
// decision, or granted without its new deadline recorded.
func (x extension) unsettled() bool { return x.outcome == extPending || x.outcome == extNoNewDate }

// note is the factual note on the request ("extension requested in 2024, no decision
// recorded"); "" when there is no request or a new deadline was recorded.
func (x extension) note() string { return x.noteSentence().String() }

// noteSentence is note as a message and its values; empty when nothing is to be said.
func (x extension) noteSentence() Sentence {
	switch x.outcome {
	case extPending:
		return say(msgExtensionPending, yearArg("Requested", x.request.Year))
	case extNoNewDate:
		return say(msgExtensionNoNewDate, yearArg("Decided", x.decision.Year))
	case extRefused:
		return say(msgExtensionRefused, yearArg("Requested", x.request.Year), yearArg("Decided", x.decision.Year))
	}
	return Sentence{}
}

// why says why the deadline that applies is not known, dl being the last one recorded ("the
// last recorded, 1 August 2025, has passed and the extension requested in 2024 has no recorded
// decision"); "" when the request is settled.
func (x extension) why(dl Date) Sentence {
	switch x.outcome {
	case extPending:
		return say(msgWhyPending, dateArg("Deadline", dl), yearArg("Requested", x.request.Year))
	case extNoNewDate:
		return say(msgWhyNoNewDate, dateArg("Deadline", dl), yearArg("Decided", x.decision.Year))
	}
	return Sentence{}
}

// class is the least reliable class of the facts the episode's status rests on: its start,
// deadline decisions and completion, and its latest extension request and the decision on it
// while the request is not answered by a deadline decision (pending, granted without its new
// deadline, or not granted). A request that a recorded deadline answered changes nothing in
// the status: Bosnia and Herzegovina's completion on time in 2023 rests on its completion and
// the deadline decided in 2022, not on the year its request was made, which the sample
// assumes (illustrative).
func (ep *episode) class() Class {
	var c Class
	facts := [...]*Fact{ep.startFact, ep.doneFact, ep.ext.request, ep.ext.decision}
	n := len(facts)
	if ep.ext.outcome == extDecided {
		n = 2
	}
	for _, f := range facts[:n] {
		if f != nil {
			c = c.Weaker(f.Class)
		}
	}
	for _, f := range ep.chain {
		c = c.Weaker(f.Class)
	}
	return c
}

// decided is the date of a deadline decision: its recorded day, else its year.
func decided(f *Fact) Date {
	if !f.Recorded.IsZero() {
		return f.Recorded
	}
	return YearDate(f.Year)
}

// episodeInputs are one State's facts of an article's episode fields, each list sorted by year
// (and recorded day).
type episodeInputs struct {
	starts, done, deadlines []*Fact
	requests, granted       []*Fact // art*_extension_requested, art*_extension_granted
}

// articleInputs picks an article's episode facts from one State's facts by schema index (nil
// when the State has none).
func articleInputs(facts [][]*Fact, article int) episodeInputs {
	if facts == nil {
		return episodeInputs{}
	}
	if article == 3 {
		return episodeInputs{facts[fArt3Start], facts[fArt3Done], facts[fArt3Deadline], facts[ix.Art3ExtensionRequested], facts[ix.Art3ExtensionGranted]}
	}
	return episodeInputs{facts[fArt4Start], facts[fArt4Done], facts[fArt4Deadline], facts[ix.Art4ExtensionRequested], facts[ix.Art4ExtensionGranted]}
}

// extensionNotes says, for State si in year y seen at asOf, each episode of the articles (3,
// 4) open at R or completed in y whose extension request is recorded without a new deadline, in the
// episode's status words: "Article 4, episode 1: open; deadline not known (extension requested
// in 2024, no decision recorded)". Explain shows them beside the values read.
func (d *Dataset) extensionNotes(si int, articles []int, y int, asOf Date) []Sentence {
	R := minDate(yearEnd(y), asOf)
	var out []Sentence
	for _, article := range articles {
		for _, ep := range buildEpisodes(nil, articleInputs(d.byState[si], article), R, seenOn(asOf)) {
			if ep.ext.note() == "" || !ep.open() && !ep.done.InYear(y) {
				continue
			}
			_, text, _ := ep.describe(article, ep.verdict(R), R)
			if !ep.deadlineNotKnown(R) {
				text = say(msgWithExtension, clauseArg("Status", text), clauseArg("Extension", ep.ext.noteSentence()))
			}
			out = append(out, say(msgEpisodeNote, intArg("Article", article), intArg("Episode", ep.n), clauseArg("Status", text)))
		}
	}
	return out
}

// buildEpisodes lists one article's episodes as seen at R (the year's reference date) with
// what is seen at s, appending to buf.
func buildEpisodes(buf []episode, in episodeInputs, R Date, s seenAt) []episode {
	starts, done, deadlines := in.starts, in.done, in.deadlines
	eps := buf[:0]
	di := 0
	for _, st := range starts {
		if !setBy(st.date, R) || !knownAt(st, s) {
			continue
		}
		if n := len(eps); n > 0 {
			last := &eps[n-1]
			if last.done.IsZero() || !st.date.MayBeAfter(last.done) {
				continue // found while the episode was open: part of it
			}
		}
		ep := episode{n: len(eps) + 1, start: st.date, startFact: st}
		for ; di < len(done); di++ {
			c := done[di]
			if !setBy(c.date, R) || !knownAt(c, s) || c.date.Before(st.date) {
				continue // not yet, not known yet, or before this episode (a completion without one)
			}
			ep.done, ep.doneFact = c.date.Clip(st.date), c
			di++
			break
		}
		eps = append(eps, ep)
	}
	// attach the deadline decisions, in order, to the episodes they may fall in
	k, first := 0, -1
	for i, f := range deadlines {
		d := decided(f)
		if d.lo > R.hi || !knownAt(f, s) {
			break // decided after the cut-off (decisions are sorted)
		}
		for k < len(eps) && !eps[k].done.IsZero() && d.lo > eps[k].done.hi {
			k, first = k+1, -1 // certainly after episode k's completion
		}
		if k == len(eps) {
			break
		}
		if k > 0 && d.hi < eps[k].start.lo {
			continue // between two episodes: it belongs to neither
		}
		if first < 0 {
			first = i
		}
		eps[k].chain = deadlines[first : i+1]
	}
	for i := range eps {
		eps[i].ext = eps[i].extensionAt(in.requests, in.granted, R, s)
	}
	return eps
}

// extensionAt finds the episode's latest extension request known at the cut-off and what is
// recorded of its outcome. A request belongs to the episode when its year is from the
// episode's start year to its completion year (or R's year while open) and not after the year
// of the deadline in force: a request made after the deadline passed leaves the State past it.
// A deadline decision or a granted / not-granted fact of the request's year or later answers
// it (within the same bounds).
func (ep *episode) extensionAt(requests, granted []*Fact, R Date, s seenAt) extension {
	dl := ep.deadlineShown(R)
	if dl.IsZero() {
		return extension{} // no deadline: nothing to extend
	}
	from, to := ep.start.Year(), R.Year()
	if !ep.open() {
		to = min(to, ep.done.Year())
	}
	var x extension
	for _, f := range requests {
		if f.flag && f.Year >= from && f.Year <= to && f.Year <= dl.Year() && knownAt(f, s) {
			x.request = f // sorted by year: the latest wins
		}
	}
	if x.request == nil {
		return x
	}
	y := x.request.Year
	for _, f := range ep.chain {
		if decided(f).Year() >= y {
			return extension{request: x.request, outcome: extDecided}
		}
	}
	x.outcome = extPending
	for _, f := range granted {
		if f.Year < y || f.Year > to || !knownAt(f, s) {
			continue
		}
		switch {
		case f.flag:
			x.outcome, x.decision = extNoNewDate, f
		case x.outcome == extPending:
			x.outcome, x.decision = extRefused, f
		}
	}
	return x
}

// open reports whether the episode had no completion by the cut-off.
func (ep *episode) open() bool { return ep.done.IsZero() }

// hasDeadline reports whether any deadline decision belongs to the episode.
func (ep *episode) hasDeadline() bool { return len(ep.chain) > 0 }

// judge applies test to each deadline that may be in force on some day of ref and combines the
// answers: True or False when every candidate agrees, Unknown otherwise. none is true when,
// for a later episode, no deadline was certainly in force on ref's first day: then a True or
// False from the candidates is downgraded to Unknown, and with no candidate at all the episode
// had no deadline on ref (none, Unknown).
func (ep *episode) judge(ref Date, test func(deadline Date) triState) (t triState, none bool) {
	certain := -1
	for i, f := range ep.chain {
		if decided(f).NotAfter(ref.First()) {
			certain = i
		}
	}
	if certain < 0 && ep.n == 1 && len(ep.chain) > 0 {
		certain = 0 // the original deadline holds from the start
	}
	var seen, yes, no bool
	if certain >= 0 {
		seen = true
		switch test(ep.chain[certain].date) {
		case triTrue:
			yes = true
		case triFalse:
			no = true
		default:
			return triUnknown, false
		}
	}
	for _, f := range ep.chain[certain+1:] {
		d := decided(f)
		if d.lo > ref.hi {
			break
		}
		seen = true
		switch test(f.date) {
		case triTrue:
			yes = true
		case triFalse:
			no = true
		default:
			return triUnknown, false
		}
	}
	switch {
	case !seen:
		return triUnknown, true
	case certain < 0: // a later episode whose first deadline may have come after ref began
		return triUnknown, false
	case yes && !no:
		return triTrue, false
	case no && !yes:
		return triFalse, false
	}
	return triUnknown, false
}

// deadlineAt is the deadline shown as in force on ref: the latest decision that may have come
// by ref's last day (for episode 1 at least the original one); zero when there is none.
func (ep *episode) deadlineAt(ref Date) Date {
	var dl Date
	for i, f := range ep.chain {
		if i == 0 && ep.n == 1 || !decided(f).After(ref.Last()) {
			dl = f.date
		}
	}
	return dl
}

// Verdict is whether an episode met its deadline (data dictionary §4.4).
type Verdict string

// The verdicts.
const (
	VerdictYes     Verdict = "yes"     // completed on or before the deadline in force on the day
	VerdictNo      Verdict = "no"      // completed after it, or still open after it passed
	VerdictUnknown Verdict = "unknown" // the dates' precision does not decide, or no deadline is recorded for episode 1
	VerdictPending Verdict = "pending" // open, the deadline still ahead
	VerdictNone    Verdict = "none"    // a later episode with no deadline of its own: judged by its duration
)

// verdict judges the episode at R: a completion against the deadline in force on its day, an
// open episode against the deadline in force at R. Where that deadline has passed while an
// extension request awaits a decision, the deadline that applies is not known: unknown.
func (ep *episode) verdict(R Date) Verdict {
	v := ep.rawVerdict(R)
	if v == VerdictNo && ep.ext.unsettled() {
		return VerdictUnknown
	}
	return v
}

// deadlineNotKnown reports whether the deadline in force at R (or at completion) has passed
// while an extension request awaits a decision: the deadline that applies is not known.
func (ep *episode) deadlineNotKnown(R Date) bool {
	return ep.ext.unsettled() && ep.rawVerdict(R) == VerdictNo
}

// rawVerdict is verdict without the extension rule: the deadlines recorded alone.
func (ep *episode) rawVerdict(R Date) Verdict {
	if !ep.open() {
		t, none := ep.judge(ep.done, ep.done.onOrBefore)
		return verdictOf(t, none, ep.n, VerdictYes, VerdictNo)
	}
	t, none := ep.judge(R, func(dl Date) triState { return dl.strictlyBefore(R) })
	return verdictOf(t, none, ep.n, VerdictNo, VerdictPending)
}

func verdictOf(t triState, none bool, n int, ifTrue, ifFalse Verdict) Verdict {
	switch {
	case none && n > 1:
		return VerdictNone
	case t == triTrue:
		return ifTrue
	case t == triFalse:
		return ifFalse
	}
	return VerdictUnknown
}

// pastDeadline is *_past_deadline for an open episode: nil when episode 1 has no deadline
// recorded or the dates do not decide; false for a later episode without a deadline.
func (ep *episode) pastDeadline(R Date) *bool {
	switch ep.verdict(R) {
	case VerdictNo:
		return boolPtr(true)
	case VerdictPending, VerdictNone:
		return boolPtr(false)
	}
	return nil
}

// lastEpisode returns the latest episode, or nil.
func lastEpisode(eps []episode) *episode {
	if len(eps) == 0 {
		return nil
	}
	return &eps[len(eps)-1]
}

// deadlineShown is the deadline shown for the episode: in force at its completion, or at R
// while it is open; zero when it has none.
func (ep *episode) deadlineShown(R Date) Date {
	if ep.open() {
		return ep.deadlineAt(R)
	}
	return ep.deadlineAt(ep.done)
}

// describe gives the episode's status and the neutral words for it (data dictionary §4.4;
// engine/words.go), and a detail line with the dates as precisely as known: its clauses
// joined by "; " (msgClauses).
func (ep *episode) describe(article int, v Verdict, R Date) (ObligationStatus, Sentence, Sentence) {
	var text Sentence
	status := ObligationCompleted
	var detail []Sentence
	switch {
	case ep.n > 1 && article == 3:
		detail = append(detail, say(msgDetailStockpileFound, dateArg("Start", ep.start)))
	case ep.n > 1:
		detail = append(detail, say(msgDetailContaminationFound, dateArg("Start", ep.start)))
	case article == 3:
		detail = append(detail, say(msgDetailStockpileSince, dateArg("Start", ep.start)))
	default:
		detail = append(detail, say(msgDetailClearanceSince, dateArg("Start", ep.start)))
	}
	dl := ep.deadlineShown(R)
	if ep.open() {
		status = ObligationOpen
		switch {
		case v == VerdictPending:
			text = say(msgOpenAhead)
		case v == VerdictNo:
			text = say(msgOpenPast)
		case v == VerdictNone:
			text = say(msgOpenNoDeadlineOfItsOwn)
		case ep.deadlineNotKnown(R), !ep.hasDeadline():
			text = say(msgOpenDeadlineNotKnown)
		default:
			text = say(msgOpenTimingUnknown)
		}
		detail = append(detail, say(msgDetailOpenAt, dateArg("Date", R)))
	} else {
		switch {
		case v == VerdictYes:
			text = say(msgCompletedOnTime)
		case v == VerdictNo:
			text = say(msgCompletedLate)
		case v == VerdictNone:
			text = say(msgCompletedAfterFound, clauseArg("Duration", monthsSentence(monthsBetween(ep.start, ep.done))))
		case !ep.hasDeadline():
			text = say(msgCompletedNoDeadline)
		default:
			text = say(msgCompletedTimingUnknown)
		}
		detail = append(detail, say(msgDetailCompleted, dateArg("Date", ep.doneFact.date)))
	}
	if ep.deadlineNotKnown(R) {
		text = say(msgWithExtension, clauseArg("Status", text), clauseArg("Extension", ep.ext.noteSentence()))
	}
	switch {
	case !dl.IsZero() && len(ep.chain) > 1:
		detail = append(detail, say(msgDetailDeadlineExtended, dateArg("Date", dl), intArg("N", len(ep.chain)-1)))
	case !dl.IsZero():
		detail = append(detail, say(msgDetailDeadline, dateArg("Date", dl)))
	case ep.n > 1:
		detail = append(detail, say(msgDetailNoDeadlineOfItsOwn))
	default:
		detail = append(detail, say(msgDetailNoDeadline))
	}
	if note := ep.ext.noteSentence(); !note.IsZero() {
		detail = append(detail, note)
	}
	return status, text, say(msgClauses, listArg("Clauses", detail))
}

// monthsSentence says a duration in whole months: "5 months", "3 to 4 months", "less than a
// month".
func monthsSentence(lo, hi int) Sentence {
	one := func(n int) Sentence {
		if n == 0 {
			return say(msgMonthsLess)
		}
		return say(msgMonths, intArg("N", n))
	}
	switch {
	case lo == hi:
		return one(lo)
	case lo == 0:
		return say(msgMonthsUpTo, clauseArg("Hi", one(hi)))
	}
	return say(msgMonthsRange, intArg("Lo", lo), clauseArg("Hi", one(hi)))
}
