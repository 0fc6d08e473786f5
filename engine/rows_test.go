package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// DatasetFromRows validates rows as states.csv and facts.csv rows, at the rows' positions,
// with every problem at once.
func TestDatasetFromRows(t *testing.T) {
	states := []Row{
		{File: "t.toml", Line: 3, Values: map[string]string{"iso3": "NGA", "name": "Nigeria", "region": "africa", "ratified": "2023-02-28"}},
		{File: "t.toml", Line: 4, Values: map[string]string{"iso3": "SSD", "name": "South Sudan", "region": "africa", "ratified": "2023-08-03"}},
	}
	facts := []Row{{File: "t.toml", Line: 7, Values: map[string]string{"iso3": "NGA", "year": "2023", "field": "unga_vote", "value": "yes", "source": "UN"}}}
	ds, diags := DatasetFromRows(states, facts)
	require.NotNil(t, ds)
	assert.False(t, diags.HasErrors())
	var isos []string
	for _, s := range ds.States() {
		isos = append(isos, s.ISO3)
	}
	assert.Equal(t, []string{"NGA", "SSD"}, isos)
	assert.Equal(t, MustDate("2023-08-03"), ds.LatestDate())

	bad := []Row{
		{File: "t.toml", Line: 3, Values: map[string]string{"iso3": "NGA", "name": "Nigeria", "region": "afrika"}},
		{File: "t.toml", Line: 4, Values: map[string]string{"iso3": "SSD", "name": "South Sudan", "region": "africa", "ratified": "2023-02-30"}},
	}
	badFacts := []Row{{File: "t.toml", Line: 9, Values: map[string]string{"iso3": "XZZ", "year": "2023", "field": "unga_vote", "value": "yes", "source": "UN"}}}
	ds, diags = DatasetFromRows(bad, badFacts)
	assert.Nil(t, ds)
	var got []string
	for _, d := range diags {
		got = append(got, d.Code+"@"+itoa(d.Line))
		assert.Equal(t, "t.toml", d.File)
		assert.Zero(t, d.Col, "a row given as values has no columns")
	}
	assert.ElementsMatch(t, []string{CodeBadValue + "@3", CodeBadDate + "@4", CodeUnknownState + "@9"}, got)
}

func TestHintClosest(t *testing.T) {
	d := (&Diagnostic{Message: "unknown indicator"}).HintClosest("11.1", []string{"1.1", "2.1"})
	assert.Equal(t, `did you mean "1.1"?`, d.Hint)
	d = (&Diagnostic{}).HintClosest("zzz", []string{"1.1"})
	assert.Empty(t, d.Hint, "nothing close: no hint")
}
