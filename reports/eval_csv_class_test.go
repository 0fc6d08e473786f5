package reports

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

// TestWriteEvalCSVClasses: lap eval --format csv says, as the table marks and the JSON has,
// the class of the data each value rests on: "class" (the value's, "official" included) and
// "baseline_class" (the baseline year's, as the table marks the baseline), empty without a
// value; a group's row has its own class. Before, the CSV had no class at all, though
// docs/data.md said it carried the classes: a value on invented data read as a fact.
func TestWriteEvalCSVClasses(t *testing.T) {
	a, _ := fixture()
	require.NotEmpty(t, a.Indicators[0].Groups)
	a.Indicators[0].Groups[0].Class = engine.ClassEstimate
	var b bytes.Buffer
	require.NoError(t, WriteEvalCSV(&b, []*engine.Assessment{a}))
	recs, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	col := func(name string) int {
		i := slices.Index(recs[0], name)
		require.GreaterOrEqual(t, i, 0, "column %s", name)
		return i
	}
	class, baseline, id, group, value := col("class"), col("baseline_class"), col("id"), col("group"), col("value")
	assert.Equal(t, []string{"class", "baseline_class", "by", "group"}, recs[0][len(recs[0])-4:], "added last: the columns before keep their places")
	type row struct{ class, baseline string }
	got := map[string]row{}
	var groupClasses []string
	for _, r := range recs[1:] {
		if r[group] != "" {
			if r[id] == a.Indicators[0].ID && r[value] != "" {
				groupClasses = append(groupClasses, r[class])
			}
			continue
		}
		got[r[id]] = row{r[class], r[baseline]}
	}
	require.NotEmpty(t, groupClasses)
	assert.Equal(t, "estimate", groupClasses[0], "a group's row has the group's class")
	// 3.1: an illustrative value over a baseline from the Monitor; 1.2: official
	assert.Equal(t, row{"illustrative", "monitor"}, got["3.1"])
	assert.Equal(t, "official", got["1.2"].class)
	for _, ir := range a.Indicators {
		if ir.Value == nil {
			assert.Empty(t, got[ir.ID].class, ir.ID)
		} else {
			assert.Equal(t, string(ir.Class), got[ir.ID].class, ir.ID)
		}
	}
}
