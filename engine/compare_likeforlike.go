package engine

import (
	"maps"
	"slices"
	"sort"
)

// Like-for-like score changes (docs/whatif.md, "Like for like"; docs/methodology.md §8). A
// roll-up's score is a mean over its scored indicators. A scenario that makes an indicator
// undecidable (its status becomes not known, §3.2, or it falls below min_population) takes it
// out of that mean, and the mean moves though no indicator moved: good news would read as bad
// news. So every score change of a comparison (ScoreChange.Delta) is taken over the
// indicators scored on both sides only, with the same weights; the indicators scored on one
// side only are listed apart (Diff.LeftOut), with the reason, and the full scores on each side
// stay shown with their n.

// The changes of a LeftOutIndicator.
const (
	// NoLongerDecided: scored in the baseline, not in the scenario.
	NoLongerDecided = "no-longer-decided"
	// NowDecided: scored in the scenario, not in the baseline.
	NowDecided = "now-decided"
)

// LikeForLike is a roll-up's score on each side over the indicators scored on both.
type LikeForLike struct {
	// Indicators counts the roll-up's indicators scored both in the baseline and in the
	// scenario: the n of both scores.
	Indicators    int      `json:"indicators"`
	BaseScore     *float64 `json:"base_score"`
	ScenarioScore *float64 `json:"scenario_score"`
	// LeftOut lists the roll-up's indicators scored on one side only (Diff.LeftOut says why).
	LeftOut []string `json:"left_out,omitempty"`
}

// LeftOutIndicator is an indicator scored on one side of a comparison only, so left out of its
// like-for-like score changes, and why.
type LeftOutIndicator struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Change is NoLongerDecided or NowDecided.
	Change         string         `json:"change"`
	BaseStatus     ProgressStatus `json:"base_status"`
	ScenarioStatus ProgressStatus `json:"scenario_status"`
	// Reason says why the side without a score has none: whose answers are not known when
	// that is why (NotKnown lists them, §3.2), else its status reason.
	Reason         string   `json:"reason"`
	ReasonSentence Sentence `json:"-"`
	NotKnown       []string `json:"not_known,omitempty"`
}

// keptScore is a roll-up's score over the indicators kept, and how many it is taken over.
type keptScore struct {
	score *float64
	n     int
}

// keptScores are an assessment's roll-ups over the indicators kept: its actions and sections
// in its order, and the plan.
type keptScores struct {
	actions, sections []keptScore
	overall           keptScore
}

// keptRollups takes an assessment's action, section and plan roll-ups again over the scored
// indicators keep accepts, with the weights Plan.rollups gives: a group's weight in the
// roll-up above it is its factor times the summed weights of its scored content
// (WeightingScored), so it is scaled by the share of that content kept, or its factor alone
// (WeightingEqual). With every scored indicator kept, it gives the assessment's own scores.
func keptRollups(a *Assessment, keep func(ia *IndicatorAssessment) bool) keptScores {
	sc := a.Scoring
	scale := func(w, kept, full float64) float64 {
		if sc.Weighting == WeightingEqual || kept == full || full == 0 {
			return w
		}
		return w * kept / full
	}
	byAction := map[int][]*IndicatorAssessment{}
	for i := range a.Indicators {
		byAction[a.Indicators[i].Action] = append(byAction[a.Indicators[i].Action], &a.Indicators[i])
	}
	out := keptScores{actions: make([]keptScore, len(a.Actions)), sections: make([]keptScore, len(a.Sections))}
	actW := make([]float64, len(a.Actions))
	for j, as := range a.Actions {
		var items []rollItem
		var full, kept float64
		n := 0
		for _, ia := range byAction[as.Number] {
			if !ia.Scored() {
				continue
			}
			full += ia.Weight
			if !keep(ia) {
				continue
			}
			kept += ia.Weight
			n++
			items = append(items, rollItem{status: ia.ProgressStatus, score: ia.Score, expected: ia.ExpectedProgress, weight: ia.Weight})
		}
		r := newRollup(items, sc)
		out.actions[j] = keptScore{score: r.Score, n: n}
		if r.Score != nil {
			actW[j] = scale(as.Weight, kept, full)
		}
	}
	secW := make([]float64, len(a.Sections))
	for k, ss := range a.Sections {
		var items []rollItem
		var full, kept float64
		n := 0
		for j, as := range a.Actions {
			if as.Section != ss.Key {
				continue
			}
			full += as.Weight
			if out.actions[j].score == nil {
				continue
			}
			kept += actW[j]
			n += out.actions[j].n
			items = append(items, rollItem{status: as.Status, score: out.actions[j].score, weight: actW[j]})
		}
		r := newRollup(items, sc)
		out.sections[k] = keptScore{score: r.Score, n: n}
		if r.Score != nil {
			secW[k] = scale(ss.Weight, kept, full)
		}
	}
	var items []rollItem
	n := 0
	for k, ss := range a.Sections {
		if out.sections[k].score != nil {
			n += out.sections[k].n
			items = append(items, rollItem{status: ss.Status, score: out.sections[k].score, weight: secW[k]})
		}
	}
	out.overall = keptScore{score: newRollup(items, sc).Score, n: n}
	return out
}

// likeForLike fills the like-for-like scores and deltas of d's actions, sections and plan, and
// d.LeftOut, from the two assessments d compares.
func (d *Diff) likeForLike(base, other *Assessment) {
	oi := make(map[string]*IndicatorAssessment, len(other.Indicators))
	for i := range other.Indicators {
		oi[other.Indicators[i].ID] = &other.Indicators[i]
	}
	names := map[string]string{}
	for _, a := range []*Assessment{base, other} {
		for _, s := range a.States {
			names[s.ISO3] = s.Name
		}
	}
	both := map[string]bool{}
	leftOut := map[string]bool{}
	for i := range base.Indicators {
		b := &base.Indicators[i]
		o := oi[b.ID]
		switch {
		case o != nil && b.Scored() && o.Scored():
			both[b.ID] = true
		case o != nil && b.Scored() != o.Scored():
			leftOut[b.ID] = true
			d.LeftOut = append(d.LeftOut, leftOutIndicator(b, o, names))
		}
	}
	keep := func(ia *IndicatorAssessment) bool { return both[ia.ID] }
	kb, ko := keptRollups(base, keep), keptRollups(other, keep)
	// the indicators left out of each action, and of each section through its actions
	outOf := map[int][]string{}
	for _, a := range []*Assessment{base, other} {
		for i := range a.Indicators {
			ia := &a.Indicators[i]
			if leftOut[ia.ID] && !contains(outOf[ia.Action], ia.ID) {
				outOf[ia.Action] = append(outOf[ia.Action], ia.ID)
			}
		}
	}
	section := map[int]string{}
	for _, as := range base.Actions {
		section[as.Number] = as.Section
	}
	outOfSection := map[string][]string{}
	var outOfPlan []string
	for _, n := range slices.Sorted(maps.Keys(outOf)) {
		outOfSection[section[n]] = append(outOfSection[section[n]], outOf[n]...)
		outOfPlan = append(outOfPlan, outOf[n]...)
	}
	oa := map[int]int{}
	for j, as := range other.Actions {
		oa[as.Number] = j
	}
	for j := range d.Actions {
		c := &d.Actions[j]
		k, ok := oa[base.Actions[j].Number]
		if !ok {
			continue
		}
		c.setLikeForLike(kb.actions[j], ko.actions[k], outOf[base.Actions[j].Number])
	}
	os := map[string]int{}
	for k, s := range other.Sections {
		os[s.Key] = k
	}
	for j := range d.Sections {
		c := &d.Sections[j]
		k, ok := os[base.Sections[j].Key]
		if !ok {
			continue
		}
		c.setLikeForLike(kb.sections[j], ko.sections[k], outOfSection[base.Sections[j].Key])
	}
	d.Overall.setLikeForLike(kb.overall, ko.overall, outOfPlan)
}

func (c *ScoreChange) setLikeForLike(b, o keptScore, leftOut []string) {
	sort.Strings(leftOut)
	c.LikeForLike = LikeForLike{Indicators: b.n, BaseScore: b.score, ScenarioScore: o.score, LeftOut: leftOut}
	c.Delta = delta(b.score, o.score)
}

// leftOutIndicator says why an indicator scored on one side only has no score on the other.
func leftOutIndicator(b, o *IndicatorAssessment, names map[string]string) LeftOutIndicator {
	l := LeftOutIndicator{ID: b.ID, Title: b.Title, BaseStatus: b.ProgressStatus, ScenarioStatus: o.ProgressStatus, Change: NoLongerDecided}
	side := o
	if o.Scored() {
		l.Change, side = NowDecided, b
	}
	if notKnownByCheck(side) {
		l.NotKnown = append([]string(nil), side.UnknownCheck.States...)
		l.ReasonSentence = answersNotKnown(l.NotKnown, names)
	} else {
		l.ReasonSentence = side.ReasonSentence
	}
	l.Reason = l.ReasonSentence.String()
	if l.Reason == "" {
		l.Reason = side.Reason
	}
	return l
}

// answersNotKnown says whose answers are not known: their names when there are few, else their
// number.
func answersNotKnown(codes []string, names map[string]string) Sentence {
	if len(codes) > maxNamedStates {
		return say(msgAnswersNotKnownMany, intArg("N", len(codes)))
	}
	return say(msgAnswersNotKnown, intArg("N", len(codes)), statesArg("States", codes, func(iso string) string { return names[iso] }))
}
