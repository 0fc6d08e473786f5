package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNewRollup(t *testing.T) {
	sc := DefaultScoring()
	item := func(st ProgressStatus, score, expected float64, w float64) rollItem {
		return rollItem{status: st, score: num(score), expected: num(expected), weight: w}
	}
	unscored := func(st ProgressStatus) rollItem { return rollItem{status: st, weight: 1} }
	tests := []struct {
		name            string
		items           []rollItem
		status          ProgressStatus
		score, expected *float64
	}{
		{name: "weighted mean", items: []rollItem{item(ProgressAchieved, 1, 0.6, 2), item(ProgressNeedsAcceleration, 0.25, 0.6, 1)},
			status: ProgressOnTrack, score: num(0.75), expected: num(0.6)},
		{name: "no-target and insufficient-data are left out, not zero",
			items:  []rollItem{item(ProgressNeedsAcceleration, 0.5, 0.6, 1), unscored(ProgressNoTarget), unscored(ProgressInsufficientData)},
			status: ProgressNeedsAcceleration, score: num(0.5), expected: num(0.6)},
		{name: "regression counts as zero score", items: []rollItem{item(ProgressRegressing, 0, 0.6, 1), item(ProgressAchieved, 1, 0.6, 1)},
			status: ProgressNeedsAcceleration, score: num(0.5), expected: num(0.6)},
		{name: "on-track boundary", items: []rollItem{item(ProgressOnTrack, 0.57, 0.6, 1)},
			status: ProgressOnTrack, score: num(0.57), expected: num(0.6)},
		{name: "every scored member achieved", items: []rollItem{item(ProgressAchieved, 1, 0.6, 1), unscored(ProgressNoTarget)},
			status: ProgressAchieved, score: num(1), expected: num(0.6)},
		{name: "nothing but no-target", items: []rollItem{unscored(ProgressNoTarget), unscored(ProgressNoTarget)}, status: ProgressNoTarget},
		{name: "nothing scored", items: []rollItem{unscored(ProgressNoTarget), unscored(ProgressInsufficientData)}, status: ProgressInsufficientData},
		{name: "empty", items: nil, status: ProgressInsufficientData},
		{name: "weight 0 means 1", items: []rollItem{item(ProgressOnTrack, 1, 1, 0), item(ProgressOnTrack, 0, 0, 1)},
			status: ProgressOnTrack, score: num(0.5), expected: num(0.5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRollup(tt.items, sc)
			assert.Equal(t, tt.status, r.Status)
			assertNum(t, "score", tt.score, r.Score)
			assertNum(t, "expected", tt.expected, r.Expected)
		})
	}
}

func TestStatusCounts(t *testing.T) {
	var c ProgressCounts
	for _, s := range ProgressStatuses {
		c.Add(s)
	}
	c.Add(ProgressRegressing)
	c.Add("bogus")
	for _, s := range ProgressStatuses {
		want := 1
		if s == ProgressRegressing {
			want = 2
		}
		assert.Equal(t, want, c.Get(s), s)
	}
	assert.Zero(t, c.Get("bogus"))
}
