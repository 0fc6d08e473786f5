package main

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/internal/typography"
	"github.com/lapmonitor/lap/reports/locale"
)

// explainCases are lap explain runs that between them reach every kind of line: a count over
// derived fields, a share with unknowns counted as not (with the States outside shown), a
// share over a due population with a standing target, the trend method, a sum whose coverage
// is flagged, a value over too few States, and facts dated after the cut-off.
var explainCases = [][]string{
	{"10.1"},
	{"2.2"},
	{"2.2", "--all"},
	{"43.1"},
	{"43.2"},
	{"38.1"},
	{"12.2"},
	{"10.1", "--as-of", "2024-06-30"},
}

// lap explain --lang fr|es: no English of the catalogue, and none of the words the English text
// is made of, is left in the text; what stays is an interface (field names, codes, settings,
// expressions, file:line) or the data's own words (each fact's source note), which the scan
// leaves out. The French explanation of 2.2 is a golden file; English is unchanged
// (TestExplain's goldens and TestExplainEnglishUnchanged).
func TestExplainLeavesNoEnglish(t *testing.T) {
	english := []string{"counted", "derived", "  from ", "nil", "direction of travel", "status:", "rests ", "States counted",
		"Coverage:", "FLAGGED", "not seen", "the sum over", "with a known result", "in the population", "expected progress",
		"baseline", "percent", "capped", "least squares", "official", "illustrative", "increase", "agrégat share", "agregado share",
		"2026-10-31", "0.95", "0.6%", "1e-09", "unknown)", "no data", "true", "false"}
	for _, l := range []locale.Lang{locale.French, locale.Spanish} {
		for _, c := range explainCases {
			args := append([]string{"explain", c[0], "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample, "--lang", string(l)}, c[1:]...)
			code, out, errOut := lap(t, args...)
			require.Equal(t, 0, code, errOut)
			text := withoutInterface(t, out, args)
			assert.Empty(t, englishLeft(text, l), "%s %v", l, c)
			for _, e := range english {
				assert.False(t, containsWord(text, e), "%s %v: %q left", l, c, e)
			}
			if l == locale.French && len(c) == 1 && c[0] == "2.2" {
				golden(t, "explain-fr", out)
			}
		}
	}
	_, out, _ := lap(t, "explain", "43.2", "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample, "--lang", "fr")
	for _, want := range []string{"  cible : 100\u00a0% chaque année à partir de 2021 (obligation permanente) ; sens souhaité : hausse",
		"  tendance : moindres carrés sur 4 années : pente = 2,3342 par an, passant par (2022,5 ; 41,036)",
		"  en bonne voie si progrès anticipé >= trend_on_track = 0,95, ou si la valeur projetée atteint la cible",
		"  statut : à accélérer : la tendance depuis 2021 ne couvrirait que 15,34\u00a0% du chemin entre la référence et la cible d'ici 2026, moins que les 95\u00a0% nécessaires pour être en bonne voie",
		"Année 2024, données au 31 octobre 2026, décompte dépôt", "Laissés tels quels"} {
		assert.Contains(t, out, typography.French(want))
	}
	_, out, _ = lap(t, "explain", "10.1", "--data", "../../testdata/sample", "--year", "2024", "--lang", "es", "--as-of", "2024-06-30")
	assert.Contains(t, out, "states.csv:106 (posterior a as_of: no visto)")
	assert.Contains(t, out, "112 Estados contados (población 197, resultado conocido 197, sin datos 0)")
}

// containsWord reports whether s contains w with no word character (isWordByte) either side.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isWordByte(s[j-1]) || !isWordByte(w[0])) && (end == len(s) || !isWordByte(s[end]) || !isWordByte(w[len(w)-1])) {
			return true
		}
		i = j + 1
	}
}

// withoutInterface is lap explain's text without what it quotes as it is: the source notes of
// the facts it shows (the data's words), the plan's title and definition (the translated
// plan's text, checked by lap check), field names, setting names and file paths; read from
// the same run's JSON.
func withoutInterface(t *testing.T, out string, args []string) string {
	t.Helper()
	code, js, errOut := lap(t, append(args, "--format", "json")...)
	require.Equal(t, 0, code, errOut)
	var ex struct {
		Definition, Population, Rule string
		Indicator                    struct {
			Title  string
			States []struct {
				Values []struct{ Field, Source string }
			}
		}
		DerivedInputs []struct {
			Reads []struct{ Field, Source string }
		} `json:"derived_inputs"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &ex))
	quoted := []string{ex.Definition, ex.Indicator.Title, ex.Population, ex.Rule}
	codes := []string{"on_track", "regressing", "trend_on_track", "trend_min_years", "tolerance", "min_population", "min_coverage",
		"cagr_improving", "cagr_worsening", "indicators/", "states.csv", "facts.csv", "party"}
	for _, so := range ex.Indicator.States {
		for _, v := range so.Values {
			quoted, codes = append(quoted, " ("+v.Source+")"), append(codes, v.Field)
		}
	}
	for _, si := range ex.DerivedInputs {
		for _, r := range si.Reads {
			quoted, codes = append(quoted, " ("+r.Source+")"), append(codes, r.Field)
		}
	}
	for _, s := range quoted {
		if s != "" && s != " ()" {
			out = strings.ReplaceAll(out, s, "")
		}
	}
	sort.Slice(codes, func(i, j int) bool { return len(codes[i]) > len(codes[j]) }) // art3_x before art3
	for _, c := range codes {
		out = strings.ReplaceAll(out, c, "")
	}
	return out
}

// lap explain --format json --lang fr: the sentences (the scoring steps, the reasons, the
// coverage reason, the notes on facts after the cut-off) follow the language; field names
// and codes stay English.
func TestExplainJSONSentencesInLanguage(t *testing.T) {
	code, out, errOut := lap(t, "explain", "38.1", "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample, "--lang", "fr", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var ex struct {
		Steps     []string `json:"steps"`
		Indicator struct {
			Title          string `json:"title"`
			Aggregate      string `json:"aggregate"`
			Direction      string `json:"direction"`
			ProgressStatus string `json:"progress_status"`
			TrendStatus    string `json:"trend_status"`
			Reason         string `json:"reason"`
			Travel         struct {
				Status string `json:"status"`
				Reason string `json:"reason"`
			} `json:"direction_of_travel"`
			Coverage struct {
				Reason string `json:"reason"`
			} `json:"coverage"`
			States []struct {
				Values []struct {
					Origin string `json:"origin"`
					Class  string `json:"class"`
				} `json:"values"`
			} `json:"states"`
		} `json:"indicator"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &ex))
	ia := ex.Indicator
	assert.Equal(t, "Ressources nationales consacrées à la mise en œuvre", ia.Title)
	assert.Equal(t, []string{"sum", "increase", "no-target", "insufficient-data", "insufficient-data"},
		[]string{ia.Aggregate, ia.Direction, ia.ProgressStatus, ia.TrendStatus, ia.Travel.Status}, "codes stay English")
	assert.Equal(t, "indicateur informatif, sans cible", ia.Reason)
	assert.Equal(t, "la couverture de 2024 n'est pas comparable à celle des années précédentes", ia.Travel.Reason)
	assert.True(t, strings.HasPrefix(ia.Coverage.Reason, "seuls 8 États sur 13 ont donné un chiffre"), ia.Coverage.Reason)
	require.Len(t, ex.Steps, 3)
	assert.Equal(t, typography.French("statut : sans cible : indicateur informatif, sans cible"), ex.Steps[2])
	assert.Equal(t, "illustrative", ia.States[0].Values[0].Class, "a class is a code")
	assert.Equal(t, "derived", ia.States[0].Values[1].Origin, "an origin is a code")

	code, out, errOut = lap(t, "explain", "10.1", "--data", "../../testdata/sample", "--year", "2024", "--lang", "es", "--as-of", "2024-06-30", "--format", "json")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, `"origin": "states.csv:106 (posterior a as_of: no visto)"`)
	assert.NotContains(t, out, "direction of travel")
}

// lap explain in English is the text it was before the other languages came (the golden was
// written by the English-only lap explain): a sum with a flagged coverage, its derived inputs,
// the series and every scoring step.
func TestExplainEnglishUnchanged(t *testing.T) {
	code, out, errOut := lap(t, "explain", "38.1", "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample)
	require.Equal(t, 0, code, errOut)
	golden(t, "explain-en", out)
	_, en, _ := lap(t, "explain", "38.1", "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample, "--lang", "en")
	assert.Equal(t, out, en)
}
