package reports

import (
	"cmp"
	"math"
	"slices"

	"github.com/lapmonitor/lap/engine"
)

// The largest changes since the year before: which indicators "At a glance" ranks, and in what
// order. The report and the coordinators' workspace (lap serve) both list them from here, so
// that the two never rank differently.

// MaxChanges is how many of the largest changes since the previous year are listed.
const MaxChanges = 10

// Change is one indicator's change since the year before.
type Change struct {
	Before, Now *engine.IndicatorAssessment
	// Progress is the change of progress, as a share of the baseline-to-target distance
	// (0.25 is 25 percentage points of the distance).
	Progress float64
}

// LargestChanges returns the indicators whose progress changed the most from prev (the year
// before, as the previous report gave it) to a, largest first (ties in the plan's order), at
// most MaxChanges. An indicator without progress in either year is not ranked, nor is a value
// over too few States or one flagged for coverage (not comparable), nor a change that rounds
// to 0 pp. Nil when prev is nil.
func LargestChanges(a, prev *engine.Assessment) []Change {
	if a == nil || prev == nil {
		return nil
	}
	before := map[string]*engine.IndicatorAssessment{}
	for i := range prev.Indicators {
		before[prev.Indicators[i].ID] = &prev.Indicators[i]
	}
	var out []Change
	for i := range a.Indicators {
		ia := &a.Indicators[i]
		p := before[ia.ID]
		if p == nil || ia.Progress == nil || p.Progress == nil || ia.Value == nil || p.Value == nil {
			continue
		}
		if ia.CoverageFlag || p.CoverageFlag || ia.Status == engine.ValueTooFew || p.Status == engine.ValueTooFew {
			continue // not comparable: never ranked
		}
		dp := *ia.Progress - *p.Progress
		if math.Abs(dp) < 0.005 { // rounds to 0 pp
			continue
		}
		out = append(out, Change{Before: p, Now: ia, Progress: dp})
	}
	// stable: equal changes keep the plan's order
	slices.SortStableFunc(out, func(x, y Change) int { return cmp.Compare(math.Abs(y.Progress), math.Abs(x.Progress)) })
	if len(out) > MaxChanges {
		out = out[:MaxChanges]
	}
	return out
}

// Delta is the change of the value, in the indicator's unit.
func (c Change) Delta() *float64 {
	d := *c.Now.Value - *c.Before.Value
	return &d
}
