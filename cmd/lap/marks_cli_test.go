package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// classMark is the mark of a class in every output (reports/quality.go).
var classMark = map[string]string{"monitor": "ᵐ", "estimate": "ᵉ", "unstated": "ᵘ", "illustrative": "ⁱ"}

// TestEvalTableMarksAndLabels: lap eval's table, like the report, marks every indicator value
// that rests on data that are not official, and carries each indicator's and action's
// provenance label and the plan's provenance: nothing in it is official LAP text.
func TestEvalTableMarksAndLabels(t *testing.T) {
	args := []string{"eval", "--data", sampleData, "--year", "2024"}
	code, js, stderr := lap(t, append(args, "--format", "json")...)
	require.Equal(t, 0, code, stderr)
	var res struct {
		Indicators []struct {
			ID         string   `json:"id"`
			Value      *float64 `json:"value"`
			Class      string   `json:"class"`
			Provenance string   `json:"provenance"`
		} `json:"indicators"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &res))
	code, table, stderr := lap(t, args...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, table, "Provenance: The official text of the Lausanne Action Plan and of its indicators could not be obtained")
	assert.Contains(t, table, "Marks: ")
	rows := map[string]string{}
	inIndicators := false
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 0 && f[0] == "ID":
			inIndicators = true
		case len(f) == 0:
			inIndicators = false
		case inIndicators:
			rows[f[0]] = line
		}
	}
	marked := 0
	for _, ia := range res.Indicators {
		line, ok := rows[ia.ID]
		require.True(t, ok, "row of %s", ia.ID)
		assert.True(t, strings.HasSuffix(strings.TrimSpace(line), "("+ia.Provenance+")"), "%s carries its label: %s", ia.ID, line)
		if m := classMark[ia.Class]; m != "" && ia.Value != nil {
			assert.Contains(t, strings.Fields(line)[1], m, "%s: the value rests on %s data", ia.ID, ia.Class)
			marked++
		}
	}
	assert.Positive(t, marked)
}

// TestRiskTableMarks: lap risk marks the remaining amounts, histories, deadlines and the
// probabilities drawn from them by the class of the data they rest on (the sample's clearance
// figures are illustrative), and labels the indicators.
func TestRiskTableMarks(t *testing.T) {
	args := []string{"risk", "--data", sampleData, "--year", "2024", "--draws", "200"}
	code, js, stderr := lap(t, append(args, "--format", "json")...)
	require.Equal(t, 0, code, stderr)
	var r struct {
		States []struct {
			ISO3           string `json:"iso3"`
			RemainingClass string `json:"remaining_class"`
			Class          string `json:"class"`
		} `json:"states"`
		Indicators []struct {
			ID         string `json:"id"`
			Provenance string `json:"provenance"`
		} `json:"indicators"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &r))
	require.NotEmpty(t, r.States)
	code, table, stderr := lap(t, args...)
	require.Equal(t, 0, code, stderr)
	for _, s := range r.States {
		m := classMark[s.Class]
		require.NotEmpty(t, m, "%s: the sample's clearance figures are not official", s.ISO3)
		for _, line := range strings.Split(table, "\n") {
			if strings.HasPrefix(line, s.ISO3+" ") {
				assert.Contains(t, line, classMark[s.RemainingClass], s.ISO3)
				assert.Contains(t, line, "%"+m, "%s: a probability drawn from %s data", s.ISO3, s.Class)
			}
		}
	}
	for _, ir := range r.Indicators {
		assert.Contains(t, table, "("+ir.Provenance+")", ir.ID)
	}
}

// TestWhatIfTableMarks: lap whatif's table and Markdown page mark each indicator's base and
// scenario values by the class of the data behind them, and label the indicators.
func TestWhatIfTableMarks(t *testing.T) {
	args := []string{"whatif", "--data", sampleData, "--year", "2024", "--event", "Lebanon complete-clearance 2024-06-30"}
	code, js, stderr := lap(t, append(args, "--format", "json")...)
	require.Equal(t, 0, code, stderr)
	var rep struct {
		Scenarios []struct {
			Indicators []struct {
				ID         string   `json:"id"`
				Provenance string   `json:"provenance"`
				BaseValue  *float64 `json:"base_value"`
				BaseClass  string   `json:"base_class"`
			} `json:"indicators"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &rep))
	require.Len(t, rep.Scenarios, 1)
	for _, format := range []string{"table", "md"} {
		code, out, stderr := lap(t, append(args, "--format", format)...)
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, out, "Marks: ", format)
		marked := 0
		for _, c := range rep.Scenarios[0].Indicators {
			var row string
			for _, line := range strings.Split(out, "\n") {
				if f := strings.Fields(strings.Trim(line, "| ")); row == "" && len(f) > 1 && f[0] == c.ID {
					row = line // the indicators table comes first
				}
			}
			require.NotEmpty(t, row, "%s: %s", format, c.ID)
			assert.Contains(t, row, "("+c.Provenance+")", "%s: %s", format, c.ID)
			if m := classMark[c.BaseClass]; m != "" && c.BaseValue != nil {
				base := strings.Fields(row)[1]
				if format == "md" {
					base = strings.TrimSpace(strings.Split(row, "|")[2])
				}
				assert.Contains(t, base, m, "%s: %s rests on %s data", format, c.ID, c.BaseClass)
				marked++
			}
		}
		assert.Positive(t, marked, format)
	}
}
