package reports

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/internal/golden"
)

// Each country profile's JSON file (profiles/ISO3.json) is what lap profile ISO3 --format
// json prints: the model its pages are written from; one is a golden file. results.json does
// not repeat them.
func TestProfileJSONFiles(t *testing.T) {
	s := loadSample(t)
	profiles, err := s.r.Profiles()
	require.NoError(t, err)
	require.Len(t, profiles, 112, "a profile per State Party of the sample at the end of 2024")
	for _, p := range profiles {
		var b, want bytes.Buffer
		require.NoError(t, s.r.WriteProfile(&b, p, "json"))
		require.NoError(t, EncodeJSON(&want, p))
		require.Equal(t, want.String(), b.String(), p.ISO3)
		var got struct {
			ISO3 string `json:"iso3"`
			Name string `json:"name"`
		}
		require.NoError(t, json.Unmarshal(b.Bytes(), &got))
		assert.Equal(t, p.ISO3, got.ISO3)
		assert.Equal(t, p.Name, got.Name)
		if p.ISO3 == "LAO" {
			golden.Check(t, "report/profile-LAO.json", b.Bytes())
		}
	}
	assert.NotEmpty(t, s.r.ProfileKey(profiles[0], "json"), "a re-run can reuse the file")
	var res bytes.Buffer
	require.NoError(t, s.r.WriteJSON(&res))
	assert.NotContains(t, res.String(), `"profiles"`)
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
