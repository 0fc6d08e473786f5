package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanJSON(t *testing.T) {
	code, out, errOut := lap(t, "plan", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var doc struct {
		Name     string           `json:"name"`
		Version  string           `json:"version"`
		Sections []map[string]any `json:"sections"`
		Actions  []struct {
			Number     int              `json:"number"`
			Section    string           `json:"section"`
			Title      string           `json:"title"`
			Provenance string           `json:"provenance"`
			Indicators []map[string]any `json:"indicators"`
		} `json:"actions"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "Lausanne Action Plan 2021-2026", doc.Name)
	assert.NotEmpty(t, doc.Version)
	assert.Len(t, doc.Sections, 9)
	require.Len(t, doc.Actions, 50)
	n := 0
	for i, a := range doc.Actions {
		assert.Equal(t, i+1, a.Number)
		assert.NotEmpty(t, a.Section)
		assert.NotEmpty(t, a.Title)
		assert.Contains(t, []string{"found", "inferred", "reconstructed"}, a.Provenance)
		for _, ind := range a.Indicators {
			n++
			for _, key := range []string{"id", "title", "aggregate", "unit", "direction", "target", "provenance", "population", "rule"} {
				assert.Contains(t, ind, key, "action %d indicator %v", a.Number, ind["id"])
			}
			assert.Contains(t, []any{"proposed", "found"}, ind["provenance"])
		}
	}
	assert.GreaterOrEqual(t, n, 90)

	// The anchor 10.1 in full.
	ind := doc.Actions[9].Indicators[0]
	assert.Equal(t, "10.1", ind["id"])
	assert.Equal(t, "true", ind["population"])
	assert.Equal(t, "party", ind["rule"])
	assert.Nil(t, ind["target"], "no target is null, not absent")
}

func TestPlanErrors(t *testing.T) {
	code, _, errOut := lap(t, "plan", "--format", "yaml")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--format")

	code, _, _ = lap(t, "plan", "extra")
	assert.Equal(t, 2, code)

	dir := copyPlan(t, "a10.toml", `rule = 'party'`, `rule = 'partyy'`)
	code, out, errOut := lap(t, "plan", "--plan", dir)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "a10.toml:19:9: 10.1: unknown-name")
	assert.Contains(t, errOut, `unknown field "partyy"`)
}

func TestPlanLang(t *testing.T) {
	for _, tc := range []struct{ lang, name, action1, notice string }{
		{"en", "Lausanne Action Plan 2021-2026", "Show high-level national ownership of implementation", ""},
		{"fr", "Plan d'action de Lausanne 2021-2026", "Faire preuve d'une appropriation nationale de haut niveau de la mise en œuvre", "Traduction non officielle"},
		{"es", "Plan de Acción de Lausana 2021-2026", "Demostrar una implicación nacional de alto nivel en la aplicación", "Traducción no oficial"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			code, out, errOut := lap(t, "plan", "--format", "json", "--lang", tc.lang)
			require.Equal(t, 0, code, errOut)
			var doc struct {
				Name     string `json:"name"`
				Language string `json:"language"`
				Notice   string `json:"translation_notice"`
				Actions  []struct {
					Title      string `json:"title"`
					Indicators []struct {
						Rule string `json:"rule"`
					} `json:"indicators"`
				} `json:"actions"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &doc))
			assert.Equal(t, tc.name, doc.Name)
			assert.Equal(t, tc.lang, doc.Language)
			assert.Equal(t, tc.action1, doc.Actions[0].Title)
			assert.Equal(t, "party", doc.Actions[9].Indicators[0].Rule, "rules are never translated")
			if tc.notice == "" {
				assert.Empty(t, doc.Notice)
			} else {
				assert.Contains(t, doc.Notice, tc.notice)
				// the notice is shown in the other formats too
				for _, format := range []string{"table", "md"} {
					_, text, _ := lap(t, "plan", "--format", format, "--lang", tc.lang)
					assert.Contains(t, text, tc.notice, format)
				}
			}
		})
	}
	code, _, errOut := lap(t, "plan", "--lang", "de")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `--lang "de": want one of en, fr, es`)
}

// lap plan --lang fr|es: the review's own words are in the language (its first lines, the
// sections' and actions' heads, the targets); the indicators' lines keep the plan's TOML keys
// and codes (issue 18).
func TestPlanTableInTheLanguage(t *testing.T) {
	for _, tc := range []struct{ lang, period, target, section string }{
		{"fr", "période 2021-2026, année de référence 2021", "target 100 percent d'ici 2026", "(actions 1 à 9, section reconstructed)"},
		{"es", "período 2021-2026, año de referencia 2021", "target 100 percent para 2026", "(medidas 1 a 9, sección reconstructed)"},
	} {
		code, out, errOut := lap(t, "plan", "--lang", tc.lang)
		require.Equal(t, 0, code, errOut)
		for _, want := range []string{tc.period, tc.target, tc.section} {
			assert.Contains(t, out, want, tc.lang)
		}
		for _, en := range []string{"period 2021", "baseline 2021", " by 2026", "every year from", "note: ", "language " + tc.lang, "(actions 1-9"} {
			assert.NotContains(t, out, en, tc.lang)
		}
	}
}
