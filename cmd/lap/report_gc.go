package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// The garbage collector of lap report, unless $GOGC or $GOMEMLIMIT sets it. The report is a
// short-lived process that allocates about ten times what it keeps: with Go's default target
// (a collection each time the heap has grown by 100% of what is live) it starts with dozens of
// collections of a heap of a few megabytes, and at 100% its peak RSS on the sample was 92–103
// MB against the goal of 100 MB (75%, the setting before this one, gave about 82 MB for 39
// collections). Here the target is 200%, so that the small heap of the start is collected
// rarely, under a memory limit of reportMemLimit that keeps the peak where it was: on the
// sample the first run makes 26 collections, not 36, marking about 450 MB in all, not 570,
// with a peak RSS of 78 MB, not 83–86, and a re-run after a one-field change 10 collections,
// not 19, marking about 95 MB, not 195 (GODEBUG=gctrace=1, three runs each). A memory limit close to what is live would make the collector run
// all the time; with more data than the sample, once a collection finds more than two thirds
// of the limit live, the limit is lifted and the target becomes reportLargeGOGC, as before.
const (
	reportGOGC      = 200
	reportMemLimit  = 60 << 20
	reportLargeGOGC = 75
)

// reportGC sets the collector for lap report as above and returns what restores the settings
// it found (tests run lap in-process).
func reportGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	pct := debug.SetGCPercent(reportGOGC)
	limit := debug.SetMemoryLimit(reportMemLimit)
	var stop atomic.Bool
	watchLiveHeap(&stop, func(live uint64) bool {
		if live <= reportMemLimit*2/3 {
			return true
		}
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(reportLargeGOGC)
		return false
	})
	return func() {
		stop.Store(true)
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(pct)
	}
}

// watchLiveHeap calls f with the live heap after each garbage collection (in the finalizer
// goroutine, from a finalizer on an object allocated for the purpose) while f returns true
// and stop is false.
func watchLiveHeap(stop *atomic.Bool, f func(live uint64) bool) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		sentinel := &struct{ p *int }{} // a pointer in it: not batched by the tiny allocator
		runtime.SetFinalizer(sentinel, func(*struct{ p *int }) {
			if stop.Load() {
				return
			}
			metrics.Read(sample)
			live := uint64(math.MaxUint64)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live = sample[0].Value.Uint64()
			}
			if f(live) {
				arm()
			}
		})
	}
	arm()
}
