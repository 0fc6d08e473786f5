package engine

import "sync"

// evalScratch is an evaluation's working memory that no result keeps: the States'
// environments (with each one's field facts and obligation episodes), the cache of their
// values' classes and the States' outcomes of one indicator. Every year of an evaluation
// already builds its environments into the year before's; evaluateYears also takes this
// memory from scratchPool and puts it back when it returns, so that one evaluation after
// another (a report's revisions after its assessment, lap serve's what-ifs, the benchmarks)
// does not allocate and clear it anew. Nothing in it outlives the evaluation that used it:
// results copy what they show from the environments.
type evalScratch struct {
	envs     []stateEnv
	classes  [][maxFields]uint8
	outcomes []uint8
}

var scratchPool sync.Pool

// takeScratch gives ev the working memory of an earlier evaluation, when there is one.
func (ev *evaluator) takeScratch() {
	if s, ok := scratchPool.Get().(*evalScratch); ok {
		ev.envs, ev.classes, ev.outcomes = s.envs, s.classes, s.outcomes
	}
}

// putScratch hands ev's working memory on to a later evaluation; ev must not be used after.
func (ev *evaluator) putScratch() {
	scratchPool.Put(&evalScratch{envs: ev.envs, classes: ev.classes, outcomes: ev.outcomes})
	ev.envs, ev.classes, ev.outcomes = nil, nil, nil
}
