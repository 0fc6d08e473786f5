package engine

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestObligationChangeJSON: an obligation's status in words is written under *_status_text, as
// Obligation.StatusText is; base_status and scenario_status are codes everywhere else in a
// what-if.
func TestObligationChangeJSON(t *testing.T) {
	b := &ObligationEpisode{ISO3: "LBN", Article: 4, Episode: 1, StatusText: "open, deadline ahead"}
	o := &ObligationEpisode{ISO3: "LBN", Article: 4, Episode: 1, StatusText: "completed on time"}
	out, err := json.Marshal(obligationChange(b, o))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(out, &m))
	assert.Equal(t, "open, deadline ahead", m["base_status_text"])
	assert.Equal(t, "completed on time", m["scenario_status_text"])
	assert.NotContains(t, m, "base_status")
	assert.NotContains(t, m, "scenario_status")
}
