package engine

// Land release and work-plan milestones (data dictionary §4.3): the area released by every
// method, and whether a State Party reached the milestone its plan set for the year. A State
// without a milestone for the year gets nil: it is neither meeting nor failing a plan it does not
// have, so indicators leave it out of their population.

// deriveMilestones sets art4_area_released_m2, art4_milestone_met and art3_milestone_met from
// the input fields of the year and the completions derived before it.
func deriveMilestones(se *stateEnv) {
	e := &se.env
	e.Art4AreaReleasedM2 = areaReleased(e.Art4AreaClearedM2, e.Art4AreaReleasedSurveyM2, e.Art4AreaCancelledM2, e.Art4AreaReducedM2)
	e.Art4MilestoneMet = art4Milestone(e.Art4PlannedReleaseM2, e.Art4AreaClearedM2, e.Art4AreaReleasedM2, e.Art4CompletedInYear)
	e.Art3MilestoneMet = art3Milestone(e.Art3PlannedDestroyedMunitions, e.Art3PlannedDestroyedSubmunitions,
		e.Art3DestroyedMunitions, e.Art3DestroyedSubmunitions, e.Art3CompletedInYear)
	if e.Art4AreaReleasedM2 != nil {
		se.present.add(ix.Art4AreaReleasedM2)
	}
	if e.Art4MilestoneMet != nil {
		se.present.add(ix.Art4MilestoneMet)
	}
	if e.Art3MilestoneMet != nil {
		se.present.add(ix.Art3MilestoneMet)
	}
}

// areaReleased is the area cleared plus the area released by survey: the reported total, or
// its two parts when only they are given. Nil when either term is not known.
func areaReleased(cleared, survey, cancelled, reduced *float64) *float64 {
	if cleared == nil {
		return nil
	}
	var s float64
	switch {
	case survey != nil:
		s = *survey
	case cancelled != nil && reduced != nil:
		s = *cancelled + *reduced
	default:
		return nil
	}
	v := *cleared + s
	return &v
}

// art4Milestone is art4_milestone_met: nil without a milestone; true on a completion in the
// year, or when the area released, or the area cleared alone, reaches the milestone; false when
// the area released is known and below it; nil otherwise.
func art4Milestone(planned, cleared, released *float64, completed bool) *bool {
	switch {
	case planned == nil:
		return nil
	case completed:
		return boolPtr(true)
	case released != nil:
		return boolPtr(atLeast(*released, *planned))
	case cleared != nil && atLeast(*cleared, *planned):
		return boolPtr(true)
	}
	return nil
}

// art3Milestone is art3_milestone_met: nil without a milestone; true on a completion in the
// year or when every planned quantity was reached; false when a known quantity is below its
// plan; nil when a planned quantity's achievement is not known and none is below plan.
func art3Milestone(plannedMun, plannedSub, doneMun, doneSub *float64, completed bool) *bool {
	if plannedMun == nil && plannedSub == nil {
		return nil
	}
	if completed {
		return boolPtr(true)
	}
	unknown := false
	for _, q := range [...]struct{ plan, done *float64 }{{plannedMun, doneMun}, {plannedSub, doneSub}} {
		switch {
		case q.plan == nil:
		case q.done == nil:
			unknown = true
		case !atLeast(*q.done, *q.plan):
			return boolPtr(false)
		}
	}
	if unknown {
		return nil
	}
	return boolPtr(true)
}

// atLeast reports whether done reaches plan, allowing for the rounding of sums of decimals.
func atLeast(done, plan float64) bool { return done >= plan-1e-9*max(1, plan) }
