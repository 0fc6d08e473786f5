package reports

import (
	"bytes"
	"encoding/json"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

// A two-action plan, small enough to read the output against.
var planFixture = fstest.MapFS{
	"plan.toml": {Data: []byte(`name = "Test plan"
version = "1"
period = "2021-2026"
baseline_year = 2021
target_year = 2026
counting = "deposit"

[[section]]
key = "universalization"
title = "Universalization"
first_action = 1
last_action = 1

[[section]]
key = "clearance"
title = "Clearance | release"
first_action = 2
last_action = 3
`)},
	"a01.toml": {Data: []byte(`number = 1
section = "universalization"
title = "Join the Convention"
provenance = "reconstructed"
section_provenance = "found"

[[indicator]]
id = "1.1"
title = "States Parties"
definition = "Number of States Parties."
population = 'true'
rule = 'party'
aggregate = "count"
unit = "states"
direction = "increase"
fields = ["party"]
provenance = "proposed"
`)},
	"a02.toml": {Data: []byte(`number = 2
section = "clearance"
title = "Clear on time"
provenance = "inferred"
section_provenance = "found"

[[indicator]]
id = "2.1"
title = "States with an obligation"
definition = "States Parties with land still to clear."
population = 'party'
rule = '''art3_outstanding ||
  art4_outstanding'''
aggregate = "count"
unit = "states"
direction = "decrease"
target = 0.0
target_year = 2026
fields = ["party", "art3_outstanding", "art4_outstanding"]
provenance = "proposed"
`)},
	"a03.toml": {Data: []byte(`number = 3
section = "clearance"
title = "Report clearance"
provenance = "found"
section_provenance = "found"
sources = ["https://example.org/lap"]

[[indicator]]
id = "3.1"
title = "Area released"
definition = "Area released in the year."
population = 'art4_outstanding'
rule = 'art4_area_cleared_m2'
aggregate = "sum"
unit = "m2"
direction = "increase"
fields = ["art4_outstanding", "art4_area_cleared_m2"]
provenance = "proposed"
`)},
}

func TestWritePlan(t *testing.T) {
	p, err := engine.Load(planFixture)
	require.NoError(t, err)
	tests := []struct {
		format string
		want   []string
	}{
		{"table", []string{
			"Test plan, version 1 (",
			"period 2021-2026, baseline 2021, target 2026, counting deposit; 3 actions, 3 indicators\n",
			"\n== universalization: Universalization (action 1, section found)\n",
			"\nAction 1 [reconstructed] Join the Convention\n  1.1   [proposed] States Parties\n        count, states, increase, target none\n        population: true\n        rule:       party\n",
			"== clearance: Clearance | release (actions 2-3, section found)\n",
			"target 0 states by 2026\n",
			"        rule:       art3_outstanding || art4_outstanding\n",
		}},
		{"md", []string{
			"# Test plan\n\n> **Reconstruction, not the official text.**",
			"| `clearance` | Clearance \\| release | 2-3 | ",
			"| 1 | `universalization` | Join the Convention | `reconstructed` | 1.1 |\n",
			"\n## Clearance | release (Actions 2-3)\n",
			"### Action 2: Clear on time\n\nProvenance `inferred`",
			"| Rule | `art3_outstanding \\|\\| art4_outstanding` |\n",
			"*Sources:* none\n",
			"*Sources:* <https://example.org/lap>\n",
		}},
		{"json", []string{`"indicator_count": 3`, `"target": null`, `"rule": "party"`}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WritePlan(&b, p, tt.format))
			for _, w := range tt.want {
				assert.Contains(t, b.String(), w)
			}
		})
	}
	var doc planDoc
	var b bytes.Buffer
	require.NoError(t, WritePlan(&b, p, "json"))
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	require.Len(t, doc.Actions, 3)
	assert.Equal(t, []string{"https://example.org/lap"}, doc.Actions[2].Sources)
	assert.NotNil(t, doc.Actions[0].Sources, "no sources is [] in JSON, not null")
	assert.Error(t, WritePlan(&b, p, "yaml"))
}

func TestPlanMarkdownHelpers(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"pipes escaped in code", planMDCode("a ||\n  b"), "`a \\|\\| b`"},
		{"backtick in code", planMDCode("x == \"`\""), "`` x == \"`\" ``"},
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
