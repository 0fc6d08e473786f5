package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvalByRegion: lap eval --by region --format json gives each indicator a groups array
// {group, value, population, counted, no_data, ...} whose counts add up to the whole.
func TestEvalByRegion(t *testing.T) {
	code, out, stderr := lap(t, "eval", "--data", sampleData, "--year", "2024", "--by", "region", "--format", "json")
	require.Equal(t, 0, code, stderr)
	var a struct {
		Indicators []struct {
			ID         string   `json:"id"`
			Population int      `json:"population"`
			Counted    []string `json:"counted"`
			NoData     []string `json:"no_data"`
			Groups     []struct {
				By         string   `json:"by"`
				Group      string   `json:"group"`
				Value      *float64 `json:"value"`
				Population *int     `json:"population"`
				Counted    *int     `json:"counted"`
				NoData     *int     `json:"no_data"`
			} `json:"groups"`
		} `json:"indicators"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &a))
	require.NotEmpty(t, a.Indicators)
	for _, ir := range a.Indicators {
		require.Len(t, ir.Groups, 5, ir.ID)
		var pop, counted, noData int
		for i, g := range ir.Groups {
			assert.Equal(t, "region", g.By)
			assert.Equal(t, []string{"africa", "americas", "asia-pacific", "europe", "middle-east"}[i], g.Group)
			require.NotNil(t, g.Population, "population is always written")
			require.NotNil(t, g.Counted)
			require.NotNil(t, g.NoData)
			pop += *g.Population
			counted += *g.Counted
			noData += *g.NoData
		}
		assert.Equal(t, ir.Population, pop, ir.ID)
		assert.Equal(t, len(ir.Counted), counted, ir.ID)
		assert.Equal(t, len(ir.NoData), noData, ir.ID)
	}
	assert.NotContains(t, out, `"by": "article4"`, "only the breakdown asked for")

	// without --by: no groups
	code, out, stderr = lap(t, "eval", "--data", sampleData, "--year", "2024", "--only", `^10\.1$`, "--format", "json")
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, out, `"groups"`)

	// the table and the CSV
	code, out, stderr = lap(t, "eval", "--data", sampleData, "--year", "2024", "--as-of", "2024-12-31", "--only", `^10\.1$`, "--by", "region,article4")
	require.Equal(t, 0, code, stderr)
	assert.Regexp(t, `(?m)^10\.1 +region +Africa +36 +36 of 54 +54 +54 +0 +ok$`, out)
	assert.Regexp(t, `(?m)^10\.1 +article4 +States with Article 4 obligations +`, out)
	code, out, stderr = lap(t, "eval", "--data", sampleData, "--year", "2024", "--only", `^10\.1$`, "--by", "region", "--format", "csv")
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 1+1+5, "header, the whole, five regions")
	assert.True(t, strings.HasSuffix(lines[0], ",by,group"))
	assert.True(t, strings.HasSuffix(lines[2], ",region,africa"))

	// an unknown breakdown is a usage error
	code, _, stderr = lap(t, "eval", "--data", sampleData, "--year", "2024", "--by", "continent")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `--by "continent": want one of region, article4`)
}
