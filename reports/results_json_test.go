package reports

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/internal/golden"
)

// results.json carries the country profile of every State Party of the year, in ISO3 order,
// each the model its pages are written from; its bytes are those of the whole document
// encoded at once, although the profiles are written one by one; and one profile is a golden
// file.
func TestResultsJSONProfiles(t *testing.T) {
	s := loadSample(t)
	var b bytes.Buffer
	require.NoError(t, s.r.WriteJSON(&b))
	var doc struct {
		Assessment struct {
			States []struct {
				ISO3 string `json:"iso3"`
			} `json:"states"`
		} `json:"assessment"`
		Profiles []json.RawMessage `json:"profiles"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	var parties []string
	for _, sv := range s.a.States { // the States Parties of the year, in ISO3 order
		parties = append(parties, sv.ISO3)
	}
	require.Len(t, parties, 112, "the sample's States Parties at the end of 2024")
	require.Len(t, doc.Assessment.States, len(parties))
	require.Len(t, doc.Profiles, len(parties), "a profile per State Party")
	profiles, err := s.r.Profiles()
	require.NoError(t, err)
	for i, raw := range doc.Profiles {
		var p struct {
			ISO3 string `json:"iso3"`
			Name string `json:"name"`
		}
		require.NoError(t, json.Unmarshal(raw, &p))
		assert.Equal(t, parties[i], p.ISO3)
		assert.Equal(t, profiles[i].Name, p.Name)
		if p.ISO3 == "LAO" {
			golden.Check(t, "report/results-profile-LAO.json", append(bytes.Clone(raw), '\n'))
		}
	}
	whole := struct {
		resultsJSON
		Profiles []*StateProfile `json:"profiles"`
	}{s.r.resultsDoc(), profiles}
	var want bytes.Buffer
	require.NoError(t, EncodeJSON(&want, whole))
	assert.Equal(t, want.String(), b.String(), "the bytes of the whole document encoded at once")
}

// A report without profiles (--profiles=false, or no States file) has none in results.json.
func TestResultsJSONWithoutProfiles(t *testing.T) {
	a, m := fixture()
	require.False(t, m.Profiles)
	got := renderDoc(t, WriteJSON, a, m)
	assert.NotContains(t, got, `"profiles"`)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(got), &v))
}
