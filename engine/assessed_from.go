package engine

import (
	"runtime"
	"sync"
	"weak"
)

// assessedFrom is the evaluation an assessment was scored from: the plan, the dataset and the
// run's options, and the results of every year of its series, in order. RevisionsOf reuses
// the results rather than evaluating the years again.
type assessedFrom struct {
	plan    *Plan
	ds      *Dataset
	cfg     evalConfig
	results []*Result
}

// assessedFroms maps each live assessment to what it was scored from. The entries are kept
// beside the Assessment rather than in it, so that assessments compare and encode by their
// content alone; an entry goes when its assessment is collected.
var assessedFroms = struct {
	sync.Mutex
	m map[weak.Pointer[Assessment]]*assessedFrom
}{m: map[weak.Pointer[Assessment]]*assessedFrom{}}

// rememberFrom records what a was scored from.
func rememberFrom(a *Assessment, f *assessedFrom) {
	wp := weak.Make(a)
	assessedFroms.Lock()
	assessedFroms.m[wp] = f
	assessedFroms.Unlock()
	runtime.AddCleanup(a, func(wp weak.Pointer[Assessment]) {
		assessedFroms.Lock()
		delete(assessedFroms.m, wp)
		assessedFroms.Unlock()
	}, wp)
}

// fromOf is what a was scored from, or nil when it is not known (an assessment built
// elsewhere, or decoded from JSON).
func fromOf(a *Assessment) *assessedFrom {
	assessedFroms.Lock()
	defer assessedFroms.Unlock()
	return assessedFroms.m[weak.Make(a)]
}
