package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

// shippedPlan loads the plan shipped in indicators/ (read as files: reports does not import
// package indicators).
func shippedPlan(t *testing.T) *engine.Plan {
	t.Helper()
	p, err := engine.Load(os.DirFS("../indicators"))
	require.NoError(t, err)
	return p
}

func TestWritePlan(t *testing.T) {
	p := shippedPlan(t)
	tests := []struct {
		format string
		prefix string
		want   []string
		count  map[string]int
	}{
		{"table", "Lausanne Action Plan 2021-2026, version ", []string{
			"50 actions, 103 indicators",
			"== universalization: Universalization (actions 10-11, section found)\n",
			"Action 10 [reconstructed] Promote ratification and accession by States not party\n",
			"  10.1  [proposed] States Parties at year end\n        count, states, increase, target none, unknown exclude\n        population: true\n        rule:       party\n",
			"share, percent, increase, target none, unknown as-false\n        population: party\n        rule:       art9_investment_ban\n",
			"target 100 percent every year from 2021",
			"target 0 states by 2026",
		}, map[string]int{"\nAction ": 50}},
		{"md", "# Lausanne Action Plan 2021-2026\n\n> **Reconstruction, not the official text.**", []string{
			"### Action 13: Declare compliance once stockpile destruction is complete\n\nProvenance `found`",
			"#### 10.1 States Parties at year end\n",
			"| Rule | `party` |\n",
			// a pipe inside an expression is escaped so that the table cell stays whole
			"| Population | `art3_obligation_in_year \\|\\| art4_obligation_in_year` |",
			"| Unknown counts | `as-false` |",
			"| `transparency` | Transparency measures (Article 7) | 43-46 | `found` |",
			"*Sources:* none\n",
		}, map[string]int{"\n### Action ": 50, "\n#### ": 103}},
		{"json", "{\n  \"name\": \"Lausanne Action Plan 2021-2026\",", []string{`"indicator_count": 103`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WritePlan(&b, p, tt.format))
			out := b.String()
			assert.True(t, strings.HasPrefix(out, tt.prefix), out[:80])
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
			for s, n := range tt.count {
				assert.Equal(t, n, strings.Count(out, s), s)
			}
		})
	}
	assert.Error(t, WritePlan(&bytes.Buffer{}, p, "yaml"))
}

func TestPlanJSONLists(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WritePlan(&b, shippedPlan(t), "json"))
	var doc planDoc
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	require.Len(t, doc.Actions, 50)
	for _, a := range doc.Actions {
		assert.NotNil(t, a.Sources, "action %d: no sources is [] in JSON, not null", a.Number)
		for _, ind := range a.Indicators {
			assert.NotNil(t, ind.Fields, ind.ID)
		}
	}
}

func TestPlanMarkdownHelpers(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"pipes escaped in code", mdCode("a ||\n  b"), "`a \\|\\| b`"},
		{"backtick in code", mdCode("x == \"`\""), "`` x == \"`\" ``"},
		{"no links", planMDLinks(nil), "none"},
		{"links", planMDLinks([]string{"https://a", "https://b"}), "<https://a> <https://b>"},
		{"one action", planActionRange(engine.Section{FirstAction: 50, LastAction: 50}), "Action 50"},
		{"actions", planActionRange(engine.Section{FirstAction: 10, LastAction: 11}), "Actions 10-11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got)
		})
	}
}
