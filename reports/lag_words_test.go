package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lapmonitor/lap/reports/locale"
)

// TestRevisionNoCauseWords: a revision without a cause says that no fact was seen on one side
// and not the other (the previous report sees each year at its lag), never that nothing became
// known "between the two cut-offs", which the equal-lag series no longer compares; and the
// register's "none recorded" is written so that it agrees with whatever it stands for (an
// investment ban, a report, a treaty action) in French and Spanish, and the marks' notes quote
// it as the pages write it.
func TestRevisionNoCauseWords(t *testing.T) {
	tests := []struct {
		lang          locale.Lang
		noCause, none string
	}{
		{locale.English, "No fact the indicator reads, of the States in its population, is seen on one side and not the other: the difference comes from the time that passed", "none recorded"},
		{locale.French, "Aucun fait lu par l'indicateur, pour les États de sa population, n'est vu d'un côté sans l'être de l'autre\u00a0: la différence tient au temps écoulé", "aucun enregistrement"},
		{locale.Spanish, "Ningún hecho leído por el indicador, de los Estados de su población, se ve en un lado y no en el otro: la diferencia se debe al tiempo transcurrido", "sin registro"},
	}
	for _, tt := range tests {
		loc := locale.For(tt.lang)
		why := revisionWhy(loc, nil)
		if assert.Len(t, why, 1) {
			assert.Contains(t, why[0], tt.noCause, tt.lang)
			assert.NotContains(t, why[0], "cut-off", tt.lang)
		}
		for _, id := range []string{"reporting.none-recorded", "profile.result.none-recorded"} {
			assert.Equal(t, tt.none, loc.T(id), "%s %s", tt.lang, id)
		}
		assert.Contains(t, loc.T("report.marks-outro"), tt.none, tt.lang)
		assert.Contains(t, loc.T("profile.marks-outro"), tt.none, tt.lang)
	}
}

// TestFrenchStandingNoPronoun: a former State Party's profile says that it withdrew without
// calling the State « il »: a State's name in French has its own gender (la Lituanie).
func TestFrenchStandingNoPronoun(t *testing.T) {
	s := locale.For(locale.French).T("profile.standing.former", map[string]any{"At": "au 31 décembre 2025"})
	assert.NotContains(t, s, " il ")
	assert.Contains(t, s, "cet État s'est retiré de la Convention")
}
