package server

import (
	"html"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A State page names a field without data by its label in the page's language, never by its
// code (the profile's result cells: reports.TestProfileShowsNoFieldCode reads every profile).
func TestStatePageShowsFieldLabels(t *testing.T) {
	h := sample(t).Handler()
	for path, want := range map[string]string{
		"/state/LAO":         "(no data: national standards in line with international standards)",
		"/state/LAO?lang=fr": "(aucune donnée\u00a0: normes nationales conformes aux normes internationales)",
		"/state/LAO?lang=es": "(sin datos: normas nacionales acordes con las normas internacionales)",
	} {
		rec := get(t, h, path)
		require.Equal(t, 200, rec.Code, path)
		body := html.UnescapeString(rec.Body.String())
		assert.Contains(t, body, want, path)
		assert.NotContains(t, body, "no data: cc_national_standards", path)
	}
}
