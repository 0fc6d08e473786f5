package reports

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/locale"
)

// TestObligationsIntroSaysWhatItLists: the obligations table lists the Article 3 and 4
// obligations the data record with the day they began, and says so; before, it said "Each
// Article 3 ... and Article 4 ... obligation of the States Parties", which a reader takes for
// every State that ever held stockpiles or contaminated areas, while the sample records the
// start of 8 of the 36 or more States Parties that destroyed stockpiles and lists Mozambique's
// and five other States' completions of clearance without a start, so that they are not in it.
func TestObligationsIntroSaysWhatItLists(t *testing.T) {
	for _, tt := range []struct {
		lang     locale.Lang
		recorded string
		not      string
	}{
		{locale.English, "that the data record with the day it began", "the table is not a list of every State that ever held stockpiles or had contaminated areas"},
		{locale.French, "que les données enregistrent avec la date de son début", "le tableau n'est pas la liste de tous les États qui ont un jour détenu des stocks ou eu des zones contaminées"},
		{locale.Spanish, "que los datos registran con la fecha de su inicio", "el cuadro no es la lista de todos los Estados que alguna vez tuvieron reservas o zonas contaminadas"},
	} {
		s := locale.For(tt.lang).T("report.obligations-intro", map[string]any{"Date": "X"})
		assert.Contains(t, s, tt.recorded, tt.lang)
		assert.Contains(t, s, tt.not, tt.lang)
	}
	var b bytes.Buffer
	require.NoError(t, loadSample(t).r.WriteMarkdown(&b))
	assert.Contains(t, b.String(), "obligation of the States Parties by the end of 2024 that the data record with the day it began, one row per episode")
}
