package engine

// Roll-ups: action, section and plan scores (docs/methodology.md, "Roll-ups").

// rollItem is one member of a roll-up: an indicator (in an action), an action (in a section)
// or a section (in the plan).
type rollItem struct {
	status   ProgressStatus
	score    *float64
	expected *float64
	weight   float64
}

// newRollup takes the weighted mean of the scored members' scores and expected progress.
// Members without a score (no-target, insufficient-data) are left out, never counted as zero.
func newRollup(items []rollItem, sc Scoring) Rollup {
	var r Rollup
	var sw, ss, se float64
	allAchieved, allNoTarget := true, len(items) > 0
	for _, it := range items {
		if it.status != ProgressNoTarget {
			allNoTarget = false
		}
		if it.score == nil {
			continue
		}
		w := it.weight
		if w == 0 {
			w = 1
		}
		sw += w
		ss += w * *it.score
		if it.expected != nil {
			se += w * *it.expected
		}
		if it.status != ProgressAchieved {
			allAchieved = false
		}
	}
	switch {
	case sw == 0 && allNoTarget:
		r.Status = ProgressNoTarget
		return r
	case sw == 0:
		r.Status = ProgressInsufficientData
		return r
	}
	r.Score, r.Expected = num(ss/sw), num(se/sw)
	switch {
	case allAchieved:
		r.Status = ProgressAchieved
	case *r.Score >= sc.OnTrack**r.Expected-scoreEps:
		r.Status = ProgressOnTrack
	default:
		r.Status = ProgressNeedsAcceleration
	}
	return r
}

// groupWeight is a scored group's weight in the roll-up above it: its factor (the weight key
// of its action or section) times, under WeightingScored, content, the summed weights of its
// scored indicators. A group without a score weighs nothing.
func groupWeight(r Rollup, factor, content float64, sc Scoring) float64 {
	if r.Score == nil {
		return 0
	}
	if factor == 0 {
		factor = 1
	}
	if sc.Weighting == WeightingEqual {
		return factor
	}
	return factor * content
}

// scoredWeight sums the weights of the scored indicators.
func scoredWeight(inds []*IndicatorAssessment) float64 {
	var w float64
	for _, ia := range inds {
		if ia.Scored() {
			w += ia.Weight
		}
	}
	return w
}

// rollups computes the action, section and overall scores from the indicator assessments.
func (p *Plan) rollups(inds []IndicatorAssessment, sc Scoring) ([]ActionScore, []SectionScore, OverallScore) {
	byAction := map[int][]*IndicatorAssessment{}
	for i := range inds {
		byAction[inds[i].Action] = append(byAction[inds[i].Action], &inds[i])
	}
	actions := make([]ActionScore, 0, len(p.actions))
	for _, a := range p.actions {
		var items []rollItem
		var counts ProgressCounts
		scored := 0
		var trends TrendCounts
		for _, ia := range byAction[a.Number] {
			items = append(items, rollItem{status: ia.ProgressStatus, score: ia.Score, expected: ia.ExpectedProgress, weight: ia.Weight})
			counts.Add(ia.ProgressStatus)
			trends.Add(ia.TrendStatus)
			if ia.Scored() {
				scored++
			}
		}
		r := newRollup(items, sc)
		r.Indicators, r.IndicatorsScored, r.ProgressCounts, r.TrendCounts = len(items), scored, counts, trends
		r.Weight = groupWeight(r, a.Weight, scoredWeight(byAction[a.Number]), sc)
		actions = append(actions, ActionScore{Number: a.Number, Section: a.Section, Title: a.Title, Provenance: a.Provenance, Rollup: r})
	}
	sections := make([]SectionScore, 0, len(p.sections))
	for _, s := range p.sections {
		ss := SectionScore{Key: s.Key, Title: s.Title}
		var items []rollItem
		var content float64
		for _, as := range actions {
			if as.Section != s.Key {
				continue
			}
			ss.Actions++
			if as.Score != nil {
				ss.ActionsScored++
			}
			items = append(items, rollItem{status: as.Status, score: as.Score, expected: as.Expected, weight: as.Weight})
			content += as.Weight
			addCounts(&ss.Rollup, as.Rollup)
		}
		r := newRollup(items, sc)
		r.Indicators, r.IndicatorsScored, r.ProgressCounts, r.TrendCounts = ss.Indicators, ss.IndicatorsScored, ss.ProgressCounts, ss.TrendCounts
		r.Weight = groupWeight(r, s.Weight, content, sc)
		ss.Rollup = r
		sections = append(sections, ss)
	}
	var ov OverallScore
	var items []rollItem
	for _, ss := range sections {
		ov.Sections++
		if ss.Score != nil {
			ov.SectionsScored++
		}
		items = append(items, rollItem{status: ss.Status, score: ss.Score, expected: ss.Expected, weight: ss.Weight})
		addCounts(&ov.Rollup, ss.Rollup)
	}
	r := newRollup(items, sc)
	r.Indicators, r.IndicatorsScored, r.ProgressCounts, r.TrendCounts = ov.Indicators, ov.IndicatorsScored, ov.ProgressCounts, ov.TrendCounts
	ov.Rollup = r
	ov.Contributions = contributions(sections, items, sc)
	return actions, sections, ov
}

// contributions gives each scored section's share of the plan score's weight and the plan
// score without it.
func contributions(sections []SectionScore, items []rollItem, sc Scoring) []SectionContribution {
	var total float64
	for _, it := range items {
		if it.score != nil {
			total += it.weight
		}
	}
	out := []SectionContribution{}
	for j, ss := range sections {
		if ss.Score == nil {
			continue
		}
		c := SectionContribution{Key: ss.Key, Weight: ss.Weight, Score: ss.Score}
		if total > 0 {
			c.Share = ss.Weight / total
		}
		rest := make([]rollItem, 0, len(items)-1)
		rest = append(rest, items[:j]...)
		rest = append(rest, items[j+1:]...)
		c.Without = newRollup(rest, sc).Score
		out = append(out, c)
	}
	return out
}

// addCounts adds a member's indicator counts to a group's.
func addCounts(dst *Rollup, src Rollup) {
	dst.Indicators += src.Indicators
	dst.IndicatorsScored += src.IndicatorsScored
	dst.TrendCounts.add(src.TrendCounts)
	for _, s := range ProgressStatuses {
		for i := 0; i < src.ProgressCounts.Get(s); i++ {
			dst.ProgressCounts.Add(s)
		}
	}
}
