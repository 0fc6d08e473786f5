package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDocsQuoteWhatIf: docs/whatif.md ("Like for like") quotes lap whatif on the sample for
// 2025, Lebanon completing clearance: the plan-score line, the action rows, the start of the
// section row and the populations as the command prints them, and the scores of the old rule
// (the full change) as the JSON gives them; docs/methodology.md §8 works the same example
// with the full and like-for-like scores. A change of the sample or of the scoring that moves
// these numbers fails here, so that the page is updated with it.
func TestDocsQuoteWhatIf(t *testing.T) {
	doc, err := os.ReadFile("../../docs/whatif.md")
	require.NoError(t, err)
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	page := words(string(doc))
	quotes := func(want, why string) {
		t.Helper()
		assert.True(t, strings.Contains(page, want), "%s: docs/whatif.md should read\n%s", why, want)
	}

	args := []string{"whatif", "--data", sampleData, "--year", "2025", "--event", "LBN complete-clearance 2025-06-30"}
	code, out, stderr := lap(t, args...)
	require.Equal(t, 0, code, stderr)
	quoted := 0
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "Plan score:"), strings.HasPrefix(line, "24 "), strings.HasPrefix(line, "26 "),
			strings.HasPrefix(line, "Lebanon left the population"), strings.HasPrefix(line, "Lebanon entered the population"):
			quotes(words(line), "a line of lap whatif, as it prints it")
			quoted++
		case strings.HasPrefix(line, "clearance "):
			f := strings.Fields(line)
			require.GreaterOrEqual(t, len(f), 8)
			quotes(strings.Join(f[:8], " ")+" ...", "the start of the section row")
			quoted++
		}
	}
	assert.Equal(t, 7, quoted, "the lines docs/whatif.md quotes are all printed")

	code, out, stderr = lap(t, append(args, "--format", "json")...)
	require.Equal(t, 0, code, stderr)
	var rep struct {
		Scenarios []struct {
			Overall struct {
				Base      float64 `json:"base_score"`
				Scenario  float64 `json:"scenario_score"`
				FullDelta float64 `json:"full_delta"`
			} `json:"overall"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.Len(t, rep.Scenarios, 1)
	o := rep.Scenarios[0].Overall
	pct := func(v float64) string { return fmt.Sprintf("%.0f%%", math.Round(100*v)) }
	old := fmt.Sprintf("the plan score would fall by %.1f pp, from %.1f%% to %.1f%%, ... Plan score: %s -> %s (%.1f pp)",
		-100*o.FullDelta, 100*o.Base, 100*o.Scenario, pct(o.Base), pct(o.Scenario), 100*o.FullDelta)
	quotes(old, "what the rule before like for like said, from today's scores")

	// docs/methodology.md §8 works the same example
	doc, err = os.ReadFile("../../docs/methodology.md")
	require.NoError(t, err)
	method := words(string(doc))
	var lfl struct {
		Scenarios []struct {
			Overall struct {
				LikeForLike struct {
					Base     float64 `json:"base_score"`
					Scenario float64 `json:"scenario_score"`
				} `json:"like_for_like"`
			} `json:"overall"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &lfl))
	l := lfl.Scenarios[0].Overall.LikeForLike
	for _, want := range []string{
		fmt.Sprintf("the plan score would fall by %.1f pp, from %.1f%% to %.1f%%", -100*o.FullDelta, 100*o.Base, 100*o.Scenario),
		fmt.Sprintf("(%.2f%% → %.2f%%)", 100*l.Base, 100*l.Scenario),
		fmt.Sprintf("scores, %.1f%% over 41 indicators and %.1f%% over 40, stay shown", 100*o.Base, 100*o.Scenario),
	} {
		assert.True(t, strings.Contains(method, want), "docs/methodology.md §8 (Lebanon completes clearance) should read\n%s", want)
	}
}
