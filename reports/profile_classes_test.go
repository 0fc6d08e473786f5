package reports

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/lapmonitor/lap/reports/locale"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProfileClassesSentence: a profile says how many values its figures rest on, then each
// class by its word and count ("by class: official 6, Monitorᵐ 14"), so the sentence reads in
// French and Spanish too, where "reposent sur 6 officiel, 14 observatoireᵐ … valeurs" put the
// noun after a list of adjectives that do not agree with it.
func TestProfileClassesSentence(t *testing.T) {
	for _, tc := range []struct {
		lang locale.Lang
		want *regexp.Regexp
	}{
		{locale.English, regexp.MustCompile(`The figures on this page rest on \d+ values, by class: official \d+, `)},
		{locale.French, regexp.MustCompile(`Les chiffres de cette page reposent sur \d+ valeurs, par classe[\s\x{00A0}\x{202F}]*:[\s\x{00A0}\x{202F}]*officiel \d+, `)},
		{locale.Spanish, regexp.MustCompile(`Las cifras de esta página se basan en \d+ valores, por clase: oficial \d+, `)},
	} {
		r := sampleReport(t, tc.lang)
		ps, err := r.Profiles()
		require.NoError(t, err)
		for _, p := range ps {
			if p.ISO3 != "AFG" {
				continue
			}
			var md, html, text bytes.Buffer
			require.NoError(t, WriteProfileMarkdown(&md, p, ProfileOptions{}))
			require.NoError(t, WriteProfileHTML(&html, p, ProfileOptions{}))
			require.NoError(t, WriteProfileText(&text, p))
			assert.Regexp(t, tc.want, md.String(), tc.lang)
			for _, out := range []string{md.String(), html.String(), text.String()} {
				assert.NotRegexp(t, `\d+ (official|officiel|oficial)\b`, out, "%s: the count follows the class word", tc.lang)
			}
		}
	}
}

// TestUnitOf: a unit word takes the number of its amount, in each language's plural rule
// ("1 person", "0 people"; "0 personne", "1 personne", "2 personnes"); symbols do not change.
func TestUnitOf(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		lang locale.Lang
		unit string
		v    *float64
		want string
	}{
		{locale.English, "people", f(1), "person"},
		{locale.English, "people", f(0), "people"},
		{locale.English, "people", f(2), "people"},
		{locale.English, "people", f(1.5), "people"},
		{locale.English, "people", nil, "people"},
		{locale.English, "states", f(1), "State"},
		{locale.English, "m2", f(1), "m²"},
		{locale.French, "people", f(0), "personne"},
		{locale.French, "people", f(1), "personne"},
		{locale.French, "people", f(2), "personnes"},
		{locale.French, "munitions", f(1), "arme à sous-munitions"},
		{locale.Spanish, "people", f(1), "persona"},
		{locale.Spanish, "people", f(0), "personas"},
		{locale.Spanish, "submunitions", f(1), "submunición"},
	} {
		assert.Equal(t, tc.want, unitOf(locale.For(tc.lang), tc.unit, tc.v), "%s %s %v", tc.lang, tc.unit, tc.v)
	}
}
