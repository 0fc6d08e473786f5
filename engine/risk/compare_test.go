package risk

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompare(t *testing.T) {
	p := func(v float64) *float64 { return &v }
	base := &Report{Draws: 100, Seed: 7,
		States: []State{
			{ISO3: "LAO", Article: 4, Deadline: "2030-08-01", PByDeadline: p(0.25), PByHorizon: p(0.1), Median: p(2033.5)},
			{ISO3: "DEU", Article: 3, Deadline: "2026-08-01", PByDeadline: p(0.5), PByHorizon: p(0.5), Median: p(2026.2)},
			{ISO3: "PER", Article: 3, Deadline: "2024-03-01", PByDeadline: p(0), PByHorizon: p(1), Median: p(2025.1)},
		},
		Indicators: []Indicator{
			{ID: "12.1", Title: "Stockpiles outstanding", Target: 0, HorizonYear: 2026, PReach: 0.2},
			{ID: "20.1", Title: "Clearance outstanding", Target: 0, HorizonYear: 2026, PReach: 0.4},
		},
	}
	// the scenario: LAO clears faster, PER has completed (no longer outstanding), CHL appears
	scen := &Report{Draws: 100, Seed: 7,
		States: []State{
			{ISO3: "CHL", Article: 4, Deadline: "2028-06-01", PByDeadline: p(0.9), PByHorizon: p(0.6)},
			{ISO3: "DEU", Article: 3, Deadline: "2026-08-01", PByDeadline: p(0.5), PByHorizon: p(0.5), Median: p(2026.2)},
			{ISO3: "LAO", Article: 4, Deadline: "2030-08-01", PByDeadline: p(0.75), PByHorizon: p(0.1), Median: p(2031)},
		},
		Indicators: []Indicator{
			{ID: "20.1", Title: "Clearance outstanding", Target: 0, HorizonYear: 2026, PReach: 0.4},
			{ID: "12.1", Title: "Stockpiles outstanding", Target: 0, HorizonYear: 2026, PReach: 0.3},
		},
	}
	tests := []struct {
		name       string
		all        bool
		wantStates []string
		wantInds   []string
	}{
		{"changes only", false, []string{"LAO", "PER", "CHL"}, []string{"12.1"}},
		{"all", true, []string{"LAO", "DEU", "PER", "CHL"}, []string{"12.1", "20.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := Compare(base, scen, tt.all)
			require.NotNil(t, rc)
			assert.Equal(t, 100, rc.Draws)
			assert.Equal(t, uint64(7), rc.Seed)
			var states, inds []string
			for _, s := range rc.States {
				states = append(states, s.ISO3)
			}
			for _, ir := range rc.Indicators {
				inds = append(inds, ir.ID)
			}
			assert.Equal(t, tt.wantStates, states, "baseline order, then the scenario's new States")
			assert.Equal(t, tt.wantInds, inds)
		})
	}

	rc := Compare(base, scen, false)
	lao, per, chl := rc.States[0], rc.States[1], rc.States[2]
	assert.Equal(t, StateChange{ISO3: "LAO", Article: 4, Deadline: "2030-08-01", BasePByDeadline: p(0.25), ScenarioPByDeadline: p(0.75),
		BasePByHorizon: p(0.1), ScenarioPByHorizon: p(0.1), BaseMedian: p(2033.5), ScenarioMedian: p(2031)}, lao)
	assert.NotNil(t, per.BasePByDeadline)
	assert.Nil(t, per.ScenarioPByDeadline, "not outstanding in the scenario")
	assert.Nil(t, chl.BasePByDeadline, "not outstanding in the baseline")
	assert.Nil(t, chl.ScenarioMedian)
	assert.InDelta(t, 0.2, rc.Indicators[0].BasePReach, 1e-12)
	assert.InDelta(t, 0.3, rc.Indicators[0].ScenarioPReach, 1e-12)

	empty := Compare(base, base, false)
	assert.Empty(t, empty.States)
	assert.Empty(t, empty.Indicators)
	assert.NotNil(t, empty.States, "an empty list, not null, in JSON")
}
