package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReportGC: lap report's collector settings (a target of 200% under a memory limit) are
// lifted back to a target of 75% without a limit once a collection finds more than two thirds
// of the limit live, are restored when the report ends, and are not set at all when $GOGC or
// $GOMEMLIMIT is.
func TestReportGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	pct, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(pct)
	restore := reportGC()
	assert.Equal(t, reportGOGC, debug.SetGCPercent(reportGOGC))
	assert.Equal(t, int64(reportMemLimit), debug.SetMemoryLimit(-1))

	live := make([]byte, reportMemLimit*3/4)
	for i := range live {
		live[i] = 1
	}
	deadline := time.Now().Add(time.Minute)
	for debug.SetMemoryLimit(-1) == reportMemLimit && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer goroutine runs
	}
	runtime.KeepAlive(live)
	assert.Equal(t, limit, debug.SetMemoryLimit(-1), "three quarters of the limit live: the limit is lifted")
	assert.Equal(t, reportLargeGOGC, debug.SetGCPercent(reportLargeGOGC))
	restore()
	assert.Equal(t, pct, debug.SetGCPercent(pct), "restored")
	assert.Equal(t, limit, debug.SetMemoryLimit(-1), "restored")

	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, map[string]string{"GOGC": "100", "GOMEMLIMIT": "1GiB"}[env])
			restore := reportGC()
			defer restore()
			require.Equal(t, pct, debug.SetGCPercent(pct), "$%s set: lap leaves the collector alone", env)
			require.Equal(t, limit, debug.SetMemoryLimit(-1))
		})
	}
}
