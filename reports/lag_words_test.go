package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lapmonitor/lap/engine"
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

// TestKnownBetweenWords: what became known between the day the tables see the year before and
// the previous report's cut-off is listed by State (in the language's order of names) with
// its fields and the day, the first five named and then how many more; six are all named;
// nothing known says so; in English, French and Spanish.
func TestKnownBetweenWords(t *testing.T) {
	d := engine.MustDate
	facts := func(n int) []engine.RevisionCause {
		isos := []string{"AUT", "BEL", "CHL", "DEU", "ESP", "FRA", "GHA"}
		names := []string{"Austria", "Belgium", "Chile", "Germany", "Spain", "France", "Ghana"}
		var out []engine.RevisionCause
		for i := 0; i < n; i++ {
			out = append(out, engine.RevisionCause{Kind: engine.RevisionLateReport, ISO3: isos[i], Name: names[i], Year: 2024,
				Known: d("2025-05-20"), Fields: []string{"art7_annual_submitted"}, Class: engine.ClassOfficial})
		}
		return out
	}
	kb := func(n, values int) *engine.KnownBetween {
		return &engine.KnownBetween{Year: 2024, Seen: d("2025-03-31"), Then: d("2025-06-30"), Values: values, Facts: facts(n)}
	}
	tests := []struct {
		name string
		lang locale.Lang
		kb   *engine.KnownBetween
		want []string
		not  []string
	}{
		{"capped", locale.English, kb(7, 3), []string{
			"What became known between 31 March 2025 and 30 June 2025 changes 3 values of 2024 that the tables show: Austria (AUT): date the annual Article 7 report was received for 2024, known 20 May 2025; Belgium (BEL): ",
			"France (FRA): ", "; and 2 more."}, []string{"Spain", "Ghana"}},
		{"six, all named", locale.English, kb(6, 1), []string{"changes 1 value of 2024", "Spain (ESP): "}, []string{"more"}},
		{"a State's facts, the report's receipt first, capped", locale.English, &engine.KnownBetween{Year: 2024, Seen: d("2025-03-31"), Then: d("2025-06-30"), Values: 2,
			Facts: []engine.RevisionCause{{Kind: engine.RevisionLateReport, ISO3: "AUT", Name: "Austria", Year: 2024, Known: d("2025-05-20"),
				Fields: []string{"art3_retained_submunitions", "art4_area_cleared_m2", "art5_victims_recorded", "art6_assistance_provided", "art7_annual_submitted", "art7_form_version"}}}},
			[]string{"Austria (AUT): date the annual Article 7 report was received, explosive submunitions retained, area cleared and 3 other facts for 2024, known 20 May 2025."}, nil},
		{"four facts, all named", locale.French, &engine.KnownBetween{Year: 2024, Seen: d("2025-03-31"), Then: d("2025-06-30"), Values: 2,
			Facts: []engine.RevisionCause{{Kind: engine.RevisionLateReport, ISO3: "AUT", Name: "Austria", Year: 2024, Known: d("2025-05-20"),
				Fields: []string{"art3_retained_submunitions", "art4_area_cleared_m2", "art7_annual_submitted", "art7_form_version"}}}},
			[]string{"Autriche (AUT)\u00a0: date de réception du rapport annuel au titre de l'article 7, "}, []string{"autres faits"}},
		{"the later day first", locale.English, &engine.KnownBetween{Year: 2024, Seen: d("2025-09-30"), Then: d("2025-06-30"), Values: 1, Facts: facts(1)},
			[]string{"between 30 June 2025 and 30 September 2025"}, nil},
		{"none", locale.English, kb(0, 0), []string{"Nothing that became known between 31 March 2025 and 30 June 2025 changes a value of 2024 that the tables show."}, nil},
		{"fr", locale.French, kb(7, 3), []string{"Ce qui a été connu entre le 31 mars 2025 et le 30 juin 2025 change 3 valeurs de 2024 que montrent les tableaux\u00a0: Allemagne (DEU)\u00a0: ", "et 2 autres."}, []string{"Ghana"}},
		{"es", locale.Spanish, kb(7, 3), []string{"Lo que se conoció entre el 31 de marzo de 2025 y el 30 de junio de 2025 cambia 3 valores de 2024 que muestran las tablas: Alemania (DEU): ", "y 2 más."}, nil},
		{"es none", locale.Spanish, kb(0, 0), []string{"Nada de lo que se conoció entre el 31 de marzo de 2025 y el 30 de junio de 2025 cambia un valor de 2024"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := knownBetween(locale.For(tt.lang), tt.kb)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
			for _, w := range tt.not {
				assert.NotContains(t, got, w)
			}
		})
	}
}
