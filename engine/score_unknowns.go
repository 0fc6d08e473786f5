package engine

import (
	"slices"
)

// A verdict against the States not known (docs/methodology.md §3.2). Unknown is an answer
// ("not known"), never a verdict: a count or share that leaves its unknown States out could
// really be anywhere between "none of them satisfies the rule" and "all of them do". A status
// or direction of travel stands only if the same rules give it at both ends of that range;
// otherwise it is insufficient-data, with a reason naming the States (or their number).

// UnknownCheck is the check of an indicator's status (or, without a target, its direction of
// travel) against the States whose result is not known. It is set for a count or a share
// with unknown = "exclude" whose verdict the States not known could touch.
type UnknownCheck struct {
	// NotKnown is how many States in the population are not known: in the assessed year, or
	// for a direction of travel in either year it compares. States lists their ISO3 codes.
	NotKnown int      `json:"not_known"`
	States   []string `json:"states"`
	// Low and High are the assessed year's value if none of them satisfies the rule and if
	// all do: a count k could be k to k+u; a share of the States with data, k of (n-u), could
	// be 100 k / n to 100 (k+u) / n over the whole population n.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// StatusLow and StatusHigh are the progress status the same rules give at each end, with
	// the same baseline and thresholds. For a direction of travel they are the direction with
	// the assessed year at Low and the earlier years at the top of their own range, and with
	// the assessed year at High and the earlier years at the bottom of theirs.
	StatusLow  string `json:"status_low"`
	StatusHigh string `json:"status_high"`
	// Holds: both ends give the status the value itself gives, which then stands.
	Holds bool `json:"holds"`
}

// maxNamedStates is the most States a reason names; above it, it gives their number.
const maxNamedStates = 5

// unknownRange is the range the States not known allow for one point of the series: [k, k+u]
// for a count, [100 k / n, 100 (k+u) / n] for a share over its whole population n, u the
// States not known (IndicatorResult.NotKnown: none where the unknown policy counts silence as
// "no", as-false, but those a scenario's supposition leaves not known). ok is false when no
// State is not known, for a sum or a mean (docs/methodology.md §1.7), and for a point that has
// no value or too few States.
func unknownRange(yv *YearValue, ind *Indicator) (lo, hi float64, ok bool) {
	u := yv.notKnownOf(ind).Len()
	if u == 0 || yv.Value == nil || yv.TooFew {
		return 0, 0, false
	}
	k := float64(yv.counted.Len())
	switch ind.Aggregate {
	case AggCount:
		return k, k + float64(u), true
	case AggShare:
		if yv.population == 0 {
			return 0, 0, false
		}
		n := float64(yv.population)
		return 100 * k / n, 100 * (k + float64(u)) / n, true
	}
	return 0, 0, false
}

// isVerdict reports whether a progress status judges the indicator (and so could be
// overturned by the States not known).
func isVerdict(st ProgressStatus) bool {
	switch st {
	case ProgressAchieved, ProgressOnTrack, ProgressNeedsAcceleration, ProgressRegressing:
		return true
	}
	return false
}

// checkUnknowns checks the status the scorer gave (run) against the States not known and, when
// it does not hold at both ends, replaces it with insufficient-data.
func (s *scorer) checkUnknowns() {
	ia := s.ia
	cur := -1
	for k := range ia.Series {
		if ia.Series[k].Year == s.year {
			cur = k
		}
	}
	if cur < 0 {
		return
	}
	if s.ind.Target != nil {
		s.checkProgress(cur)
		return
	}
	switch ia.TrendStatus {
	case TrendImproving, TrendStable, TrendWorsening:
		s.checkTravel(cur)
	}
}

// checkProgress checks a progress status: the assessed year's value at both ends, the rest of
// the series (the baseline, a trend's earlier years) as it is.
func (s *scorer) checkProgress(cur int) {
	ia := s.ia
	if !isVerdict(ia.ProgressStatus) {
		return
	}
	lo, hi, ok := unknownRange(&ia.Series[cur], s.ind)
	if !ok {
		return
	}
	at := func(v float64) ProgressStatus {
		series := append([]YearValue(nil), ia.Series...)
		series[cur].Value = num(v)
		st, _, _ := s.at(series, cur)
		return st
	}
	stLo, stHi := at(lo), at(hi)
	notKnown := ia.Series[cur].notKnownOf(s.ind).List()
	c := &UnknownCheck{NotKnown: len(notKnown), States: notKnown, Low: lo, High: hi,
		StatusLow: string(stLo), StatusHigh: string(stHi), Holds: stLo == ia.ProgressStatus && stHi == ia.ProgressStatus}
	ia.UnknownCheck = c
	s.step(say(msgUnknownsRange, intArg("N", c.NotKnown),
		clauseArg("AtLow", say(msgUnknownsAtValue, numArg("Value", lo), clauseArg("Status", verdictWord(string(stLo))))),
		clauseArg("AtHigh", say(msgUnknownsAtValue, numArg("Value", hi), clauseArg("Status", verdictWord(string(stHi)))))))
	if c.Holds {
		s.step(say(msgUnknownsHold, intArg("N", c.NotKnown), clauseArg("Status", verdictWord(string(ia.ProgressStatus)))))
		return
	}
	ia.Score, ia.Progress = nil, nil
	s.status(ProgressInsufficientData, s.notKnownReason(notKnown, string(stLo), string(stHi), string(ia.ProgressStatus)))
}

// checkTravel checks a direction of travel at the two extremes of the change the States not
// known allow: the earlier years at the top of their range and the assessed year at the
// bottom ("down"), then the reverse ("up"). A State not known in one year and known in the
// other could have given the same answer both years; only these crossed ends cover that.
func (s *scorer) checkTravel(cur int) {
	ia := s.ia
	down := append([]YearValue(nil), ia.Series...)
	up := append([]YearValue(nil), ia.Series...)
	changed := false
	for k := range ia.Series {
		if lo, hi, ok := unknownRange(&ia.Series[k], s.ind); ok {
			if k == cur {
				down[k].Value, up[k].Value = num(lo), num(hi)
			} else {
				down[k].Value, up[k].Value = num(hi), num(lo)
			}
			changed = true
		}
	}
	if !changed {
		return
	}
	_, trDown, tDown := s.at(down, cur)
	_, trUp, tUp := s.at(up, cur)
	t := ia.Travel
	// the States not known in either year the direction compares
	codes := ia.Series[cur].notKnownOf(s.ind).List()
	for k := range ia.Series {
		if ia.Series[k].Year == t.FromYear {
			codes = append(codes, ia.Series[k].notKnownOf(s.ind).List()...)
		}
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	if len(codes) == 0 {
		return
	}
	c := &UnknownCheck{NotKnown: len(codes), States: codes, Low: *down[cur].Value, High: *up[cur].Value,
		StatusLow: string(trDown), StatusHigh: string(trUp), Holds: trDown == t.Status && trUp == t.Status}
	ia.UnknownCheck = c
	end := func(tr TrendStatus, tt *Travel) Arg {
		return clauseArg("", say(msgUnknownsAtTravel, numArg("From", *tt.From), numArg("To", *tt.To), clauseArg("Status", verdictWord(string(tr)))))
	}
	dn, upArg := end(trDown, tDown), end(trUp, tUp)
	dn.Name, upArg.Name = "Down", "Up"
	s.step(say(msgUnknownsTravelRange, intArg("N", c.NotKnown), yearArg("FromYear", t.FromYear), yearArg("ToYear", t.ToYear), dn, upArg))
	if c.Holds {
		s.step(say(msgUnknownsHold, intArg("N", c.NotKnown), clauseArg("Status", verdictWord(string(t.Status)))))
		return
	}
	t.Status = TrendInsufficientData
	t.ReasonSentence = s.notKnownReason(codes, string(trDown), string(trUp), string(ia.TrendStatus))
	t.Reason = t.ReasonSentence.String()
	ia.TrendStatus = t.Status
	s.step(say(msgExplainTravel+string(t.Status), clauseArg("Reason", t.ReasonSentence)))
}

// at is the progress status and direction of travel the same rules give over another series
// (its point cur the assessed year's value): a scorer of its own, on a copy of the assessment,
// so that the assessment being built and its steps are untouched.
func (s *scorer) at(series []YearValue, cur int) (ProgressStatus, TrendStatus, *Travel) {
	ia := *s.ia
	ia.Series, ia.Value = series, series[cur].Value
	ia.Score, ia.Progress, ia.Trend, ia.Travel, ia.UnknownCheck = nil, nil, nil, nil, nil
	sub := scorer{ia: &ia, ind: s.ind, year: s.year, by: s.by, planTarget: s.planTarget, sc: s.sc}
	sub.run()
	return ia.ProgressStatus, ia.TrendStatus, ia.Travel
}

// notKnownReason says why a verdict is not known: what it could be at each end, and who is not
// known (their names when there are few, else their number). plain is the status the value
// itself gives, named when both ends agree with each other but not with it. A reason never
// names a status that is a strong word (regressing, worsening) only because of the States not
// known: when the worse end is one, it names the better end and says "or not" ("it could be
// achieved or not"); the explanation's step and the check give both ends (methodology §3.2).
func (s *scorer) notKnownReason(codes []string, lo, hi, plain string) Sentence {
	if lo == hi {
		hi = plain
	}
	better, worse := lo, hi
	if verdictRank[worse] > verdictRank[better] {
		better, worse = worse, better
	}
	n := intArg("N", len(codes))
	if strongVerdict[worse] {
		st := clauseArg("Status", verdictWord(better))
		if len(codes) > maxNamedStates {
			return say(msgUnknownsCouldBeOrNot, n, st)
		}
		return say(msgUnknownsCouldBeOrNotNamed, n, statesArg("States", codes, s.names), st)
	}
	a, b := clauseArg("AtLow", verdictWord(lo)), clauseArg("AtHigh", verdictWord(hi))
	if len(codes) > maxNamedStates {
		return say(msgUnknownsCouldBe, n, a, b)
	}
	return say(msgUnknownsCouldBeNamed, n, statesArg("States", codes, s.names), a, b)
}

// verdictRank orders the progress statuses and the directions of travel from the least to the
// most favourable; a status without a verdict ranks 0.
var verdictRank = map[string]int{
	string(ProgressRegressing): 1, string(ProgressNeedsAcceleration): 2, string(ProgressOnTrack): 3, string(ProgressAchieved): 4,
	string(TrendWorsening): 1, string(TrendStable): 2, string(TrendImproving): 3,
}

// strongVerdict marks the statuses a reason does not name when only the States not known could
// give them: a verdict of going backwards.
var strongVerdict = map[string]bool{string(ProgressRegressing): true, string(TrendWorsening): true}

// verdictWord is a progress status or a direction of travel as a word of a sentence.
func verdictWord(st string) Sentence { return say(msgVerdictWord + st) }
