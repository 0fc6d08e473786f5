package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lapmonitor/lap/reports/locale"
)

// TestAnnualNotOwedByANewPartyWords: the reason a new State Party owes no annual report for the
// year (its initial report falls due after it) reads in French and Spanish as in English.
func TestAnnualNotOwedByANewPartyWords(t *testing.T) {
	for _, tt := range []struct {
		lang       locale.Lang
		date, want string
	}{
		{locale.English, "28 January 2024", "no annual report owed for 2023: its initial report's due date (28 January 2024) falls after that year"},
		{locale.French, "28 janvier 2024", "aucun rapport annuel dû pour 2023\u00a0: l'échéance de son rapport initial (28 janvier 2024) tombe après cette année"},
		{locale.Spanish, "28 de enero de 2024", "ningún informe anual debido para 2023: el plazo de su informe inicial (28 de enero de 2024) vence después de ese año"},
	} {
		got := locale.For(tt.lang).T("engine.article7.annual-not-owed-new", map[string]any{"Year": "2023", "Date": tt.date})
		assert.Equal(t, tt.want, got, tt.lang)
	}
}
