package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanJSON(t *testing.T) {
	code, out, errOut := lap(t, "plan", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var doc struct {
		Name     string           `json:"name"`
		Version  string           `json:"version"`
		Sections []map[string]any `json:"sections"`
		Actions  []struct {
			Number     int              `json:"number"`
			Section    string           `json:"section"`
			Title      string           `json:"title"`
			Provenance string           `json:"provenance"`
			Indicators []map[string]any `json:"indicators"`
		} `json:"actions"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "Lausanne Action Plan 2021-2026", doc.Name)
	assert.NotEmpty(t, doc.Version)
	assert.Len(t, doc.Sections, 9)
	require.Len(t, doc.Actions, 50)
	n := 0
	for i, a := range doc.Actions {
		assert.Equal(t, i+1, a.Number)
		assert.NotEmpty(t, a.Section)
		assert.NotEmpty(t, a.Title)
		assert.Contains(t, []string{"found", "inferred", "reconstructed"}, a.Provenance)
		for _, ind := range a.Indicators {
			n++
			for _, key := range []string{"id", "title", "aggregate", "unit", "direction", "target", "provenance", "population", "rule"} {
				assert.Contains(t, ind, key, "action %d indicator %v", a.Number, ind["id"])
			}
			assert.Contains(t, []any{"proposed", "found"}, ind["provenance"])
		}
	}
	assert.GreaterOrEqual(t, n, 90)

	// The anchor 10.1 in full.
	ind := doc.Actions[9].Indicators[0]
	assert.Equal(t, "10.1", ind["id"])
	assert.Equal(t, "true", ind["population"])
	assert.Equal(t, "party", ind["rule"])
	assert.Nil(t, ind["target"], "no target is null, not absent")
}

func TestPlanTable(t *testing.T) {
	code, out, errOut := lap(t, "plan")
	require.Equal(t, 0, code, errOut)
	assert.True(t, strings.HasPrefix(out, "Lausanne Action Plan 2021-2026, version "), out[:80])
	assert.Contains(t, out, "50 actions, 98 indicators")
	assert.Contains(t, out, "== universalization: Universalization (actions 10-11, section found)\n")
	assert.Contains(t, out, "Action 10 [reconstructed] Promote ratification and accession by States not party\n")
	assert.Contains(t, out, "  10.1  [proposed] States Parties at year end\n        count, states, increase, target none\n        population: true\n        rule:       party\n")
	assert.Contains(t, out, "target 100 percent every year from 2021")
	assert.Contains(t, out, "target 0 states by 2026")
	assert.Equal(t, 50, strings.Count(out, "\nAction "))
}

func TestPlanMarkdown(t *testing.T) {
	code, out, errOut := lap(t, "plan", "--format", "md")
	require.Equal(t, 0, code, errOut)
	assert.True(t, strings.HasPrefix(out, "# Lausanne Action Plan 2021-2026\n\n> **Reconstruction, not the official text.**"))
	assert.Equal(t, 50, strings.Count(out, "\n### Action "))
	assert.Equal(t, 98, strings.Count(out, "\n#### "))
	assert.Contains(t, out, "### Action 13: Declare compliance once stockpile destruction is complete\n\nProvenance `found`")
	assert.Contains(t, out, "#### 10.1 States Parties at year end\n")
	assert.Contains(t, out, "| Rule | `party` |\n")
	// A pipe inside an expression is escaped so that the table cell stays whole.
	assert.Contains(t, out, "| Population | `art3_outstanding \\|\\| art4_outstanding` |")
	assert.Contains(t, out, "| `transparency` | Transparency measures (Article 7) | 43-46 | `found` |")
	assert.Contains(t, out, "*Sources:* none\n")
}

func TestPlanErrors(t *testing.T) {
	code, _, errOut := lap(t, "plan", "--format", "yaml")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--format")

	code, _, _ = lap(t, "plan", "extra")
	assert.Equal(t, 2, code)

	dir := copyPlan(t, "a10.toml", `rule = 'party'`, `rule = 'partyy'`)
	code, out, errOut := lap(t, "plan", "--plan", dir)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "a10.toml:19:9: 10.1: unknown-name")
	assert.Contains(t, errOut, `unknown field "partyy"`)
}
