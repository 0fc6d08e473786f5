package reports

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/locale"
)

// TestFrenchAndSpanishWords: words of the French and Spanish report, profiles and what-if that
// read as English or did not agree (found reading the French report on 2025 and the what-if):
//   - a profile's indicators sentence named the State without its article and made « compté »
//     agree with it (« France fait partie … : compté dans 12 »): the State is the subject with
//     its article (« La France »), and the counts quote the table's words (« compté »);
//   - the marks' legend joined its entries with ";" without the French space before it;
//   - the report's list of obligation facts gave each fact's class in English ("official",
//     "monitor"): it is the class's word in the language, as the profiles give it;
//   - a what-if's population notes said « il » of any State (« la France … : il est devenu
//     État partie ») and named it without its article as a subject: the State is a label
//     (« Liban : entre dans la population, car l'État a achevé la dépollution … »).
func TestFrenchAndSpanishWords(t *testing.T) {
	nb := "\u00a0"
	r := sampleReport(t, locale.French)
	ps, err := r.Profiles()
	require.NoError(t, err)
	var fra, deu string
	for _, p := range ps {
		if p.ISO3 != "FRA" && p.ISO3 != "DEU" {
			continue
		}
		var b bytes.Buffer
		require.NoError(t, r.WriteProfile(&b, p, "md"))
		var h bytes.Buffer
		require.NoError(t, r.WriteProfile(&h, p, "html"))
		assert.Contains(t, h.String(), "fait partie de la population", p.ISO3)
		if p.ISO3 == "FRA" {
			fra = b.String()
		} else {
			deu = b.String()
		}
	}
	assert.Contains(t, fra, "\nLa France fait partie de la population de ")
	assert.Contains(t, deu, "\nL'Allemagne fait partie de la population de ")
	assert.Contains(t, fra, nb+": résultat «"+nb+"compté"+nb+"» dans ")
	assert.NotContains(t, fra, ": compté dans")
	assert.Contains(t, fra, "et non un document officiel"+nb+"; ᵉ estimation", "the legend's semicolons")

	var md, html bytes.Buffer
	require.NoError(t, r.WriteMarkdown(&md))
	require.NoError(t, r.WriteHTML(&html))
	for name, page := range map[string]string{"report.md": md.String(), "report.html": html.String()} {
		assert.Contains(t, page, "et non un document officiel"+nb+"; ", name)
		assert.NotContains(t, page, "officiel; ", name)
		assert.Contains(t, page, "(officiel, facts.csv:", name)
		for _, english := range []string{"(official, facts.csv:", "(monitor, facts.csv:", "(illustrative, facts.csv:", "(estimate, facts.csv:"} {
			assert.NotContains(t, page, english, name)
		}
	}

	// the directions of travel are counted as labels: « stable » does not take the count's plural
	assert.Regexp(t, `\*\*Évolution\*\* des indicateurs sans cible\x{a0}: en amélioration\x{a0}: \d+, stable\x{a0}: \d+, en détérioration\x{a0}: \d+, données insuffisantes\x{a0}: \d+\.`, md.String())
	assert.NotRegexp(t, `\d+ stable,`, md.String())

	rep, run := lebanonWhatIf(t)
	fr := NewWhatIfText(locale.For(locale.French), rep.Scenarios[0], run.Scenario.Events, map[string]string{"LBN": "Lebanon"})
	assert.Contains(t, fr.Notes, "Liban"+nb+": entre dans la population, car l'État a achevé la dépollution, soumise à une échéance, dans l'année (25.2).")
	for _, n := range fr.Notes {
		assert.NotContains(t, n, ": il ", n)
	}
}

// TestSpanishProfileSubject: the Spanish profile names the State with its article where the
// language gives it one, and quotes the table's words for the counts.
func TestSpanishProfileSubject(t *testing.T) {
	r := sampleReport(t, locale.Spanish)
	ps, err := r.Profiles()
	require.NoError(t, err)
	for _, p := range ps {
		if p.ISO3 != "PER" {
			continue
		}
		var b bytes.Buffer
		require.NoError(t, r.WriteProfile(&b, p, "md"))
		assert.Contains(t, b.String(), "\nEl Perú forma parte de la población de ")
		assert.Contains(t, b.String(), ": resultado «contado» en ")
		return
	}
	t.Fatal("no profile of Peru")
}
