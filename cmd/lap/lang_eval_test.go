package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/locale"
)

// valueStatusCode is a value's status code (engine.ValueStatus) in its column of lap eval.
var valueStatusCode = regexp.MustCompile(`  missing  `)

// englishLeft lists the catalogue's English-only texts (locale.EnglishOnly) that out contains
// as whole words.
func englishLeft(out string, l locale.Lang) []string {
	var left []string
	for _, e := range locale.EnglishOnly(l, 5) {
		for i := 0; ; {
			j := strings.Index(out[i:], e)
			if j < 0 {
				break
			}
			j += i
			end := j + len(e)
			if (j == 0 || !isWordByte(out[j-1])) && (end == len(out) || !isWordByte(out[end])) {
				left = append(left, e)
				break
			}
			i = j + 1
		}
	}
	return left
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-'
}

// lap eval --lang fr|es: no English of the catalogue is left in the table (numbers, obligation
// words, the engine's sentences, the notes under the tables), and the French table is a golden
// file; the English table is unchanged (TestEval's goldens).
func TestEvalTableLeavesNoEnglish(t *testing.T) {
	for _, l := range []locale.Lang{locale.French, locale.Spanish} {
		code, out, errOut := lap(t, "eval", "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample, "--lang", string(l))
		require.Equal(t, 0, code, errOut)
		var lines []string
		for _, line := range strings.Split(out, "\n") {
			if !strings.HasPrefix(line, "Seuils") && !strings.HasPrefix(line, "Umbrales") {
				// the thresholds line holds setting names: codes; so does the indicators' last
				// column but one, the value's status (ok, missing, too-few, error)
				lines = append(lines, valueStatusCode.ReplaceAllString(line, " "))
			}
		}
		assert.Empty(t, englishLeft(strings.Join(lines, "\n"), l), "%s", l)
		if l == locale.French {
			assert.Contains(t, out, "1\u00a0572\u00a0026")
			assert.Contains(t, out, "en cours, échéance à venir")
			assert.Contains(t, out, "prolongation demandée en 2022, aucune décision enregistrée")
			golden(t, "eval-fr", out)
		}
	}
}

// lap whatif --lang fr|es: the table's heads, score lines, numbers, status words and the
// engine's sentences (obligation statuses, composition notes) leave no English of the
// catalogue; the English table is unchanged (TestWhatIf's goldens).
func TestWhatIfTableLeavesNoEnglish(t *testing.T) {
	for _, l := range []locale.Lang{locale.French, locale.Spanish} {
		code, out, errOut := lap(t, "whatif", "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample, "--lang", string(l),
			"--event", "Lebanon complete-clearance 2025-06-30", "--event", "AGO ratify 2024-06-02 stockpile=1200")
		require.Equal(t, 0, code, errOut)
		var kept []string
		lines := strings.Split(out, "\n")
		for i, line := range lines {
			// the scenario's own name and description, its events and data changes are quoted as
			// given (command-line codes)
			if strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "== ") || i > 0 && strings.HasPrefix(lines[i-1], "== ") {
				continue
			}
			kept = append(kept, line)
		}
		assert.Empty(t, englishLeft(strings.Join(kept, "\n"), l), "%s", l)
		if l == locale.French {
			assert.Contains(t, out, "Score du plan")
			assert.Contains(t, out, "ÉTAT DU SCÉNARIO")
			golden(t, "whatif-fr", out)
		}
	}
}

// lap whatif --lang fr|es --out DIR: the Markdown page (heads, labels, tables, status words,
// dates) and its overlay charts (legend, axes, tick labels) leave no English of the catalogue
// (issue 18).
func TestWhatIfPageLeavesNoEnglish(t *testing.T) {
	for _, l := range []locale.Lang{locale.French, locale.Spanish} {
		dir := filepath.Join(t.TempDir(), "w")
		code, _, errOut := lap(t, "whatif", "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample, "--lang", string(l),
			"--event", "Lebanon complete-clearance 2025-06-30", "--event", "AGO ratify 2024-06-02 stockpile=1200", "--out", dir)
		require.Equal(t, 0, code, errOut)
		b, err := os.ReadFile(filepath.Join(dir, "index.md"))
		require.NoError(t, err)
		var kept []string
		lines := strings.Split(string(b), "\n")
		for i, line := range lines {
			// the scenario's own name, its events and data changes are quoted as given
			if strings.HasPrefix(line, "## ") || i > 1 && strings.HasPrefix(lines[i-2], "## ") || strings.HasPrefix(line, "- set ") || strings.Contains(line, "`") {
				continue
			}
			kept = append(kept, line)
		}
		assert.Empty(t, englishLeft(strings.Join(kept, "\n"), l), "%s", l)
		for _, en := range []string{"What if", "Plan score", "| Indicator |", "### Charts", "baseline and scenario"} {
			assert.NotContains(t, string(b), en, "%s", l)
		}
		svgs, err := filepath.Glob(filepath.Join(dir, "*.svg"))
		require.NoError(t, err)
		require.NotEmpty(t, svgs)
		for _, f := range svgs {
			svg, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, en := range []string{">Baseline<", ">Scenario<", ">Year<", "in a square", ">km2<", ">states<"} {
				assert.NotContains(t, string(svg), en, "%s %s", l, filepath.Base(f))
			}
			assert.NotRegexp(t, `>\d+\.\d+<`, string(svg), "a tick label with an English decimal point: %s %s", l, filepath.Base(f))
		}
	}
}

// lap explain --lang fr: the headings, labels, the table's head and k of n are French (the
// rest of the text, the scoring steps included: TestExplainLeavesNoEnglish).
func TestExplainFrench(t *testing.T) {
	code, out, errOut := lap(t, "explain", "12.2", "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample, "--lang", "fr")
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{"Indicateur 12.2\u00a0: ", "États de la population\u00a0: 1 sur 197", "ÉTAT\u00a0", "Calculé sur\u00a0: 1 sur 1",
		"Trop peu pour noter\u00a0: indiqué comme 1 sur 1, non noté", "Seuils (plan.toml [scoring])\u00a0:"} {
		assert.Contains(t, strings.ReplaceAll(out, "ÉTAT  ", "ÉTAT\u00a0"), want)
	}
	assert.NotContains(t, out, "States in the population")
	assert.NotContains(t, out, "Taken over")
}

// lap risk --lang fr|es: the tables' heads, numbers, dates, history, the engine's sentences
// (why a State is not simulated, why its median differs from its projection) and the notes
// leave no English of the catalogue; the French table is a golden file, and so is the English
// one, which is written as it always was.
func TestRiskTableLeavesNoEnglish(t *testing.T) {
	for _, l := range []locale.Lang{locale.English, locale.French, locale.Spanish} {
		code, out, errOut := lap(t, "risk", "--data", "../../testdata/sample", "--year", "2025", "--as-of", latestSample, "--draws", "300", "--lang", string(l))
		require.Equal(t, 0, code, errOut)
		switch l {
		case locale.English:
			golden(t, "risk-en", out)
			continue
		case locale.French:
			assert.Contains(t, out, "Risque de dépassement des échéances, année 2025")
			assert.Contains(t, out, "la simulation (médiane ")
			golden(t, "risk-fr", out)
		}
		// the indicators' titles are the plan's unofficial translation: the output says so first
		assert.True(t, strings.HasPrefix(out, map[locale.Lang]string{locale.French: "Traduction non officielle", locale.Spanish: "Traducción no oficial"}[l]), "%s", l)
		assert.Empty(t, englishLeft(out, l), "%s", l)
		assert.NotContains(t, out, "draws per State", "%s", l)
		assert.NotContains(t, out, "a year; the simulation", "%s", l)
	}
}

// A what-if writes a change of a percentage in one unit in each language, in its table and its
// Markdown page alike (English "pp", French "point(s)", Spanish "punto(s) porcentual(es)"); and the
// French and Spanish table writes the dates of its columns in words, as the page does: only
// the scenario's events and changes, shown as given, keep YYYY-MM-DD, and a line says so.
func TestWhatIfOneUnitAndDates(t *testing.T) {
	// (a regular expression: French says "0,4 point", singular below 2, and "2 points")
	unit := map[locale.Lang]string{locale.English: " pp", locale.French: " points?", locale.Spanish: " puntos porcentuales"}
	isoDate := regexp.MustCompile(`\d{4}-\d\d-\d\d`)
	for _, l := range locale.Langs() {
		for _, format := range []string{"table", "md"} {
			t.Run(string(l)+" "+format, func(t *testing.T) {
				code, out, errOut := lap(t, "whatif", "--data", "../../testdata/sample", "--year", "2024", "--as-of", latestSample, "--lang", string(l), "--format", format,
					"--event", "Lebanon complete-clearance 2025-06-30", "--event", "AGO ratify 2024-06-02 stockpile=1200")
				require.Equal(t, 0, code, errOut)
				assert.NotContains(t, out, " pts", "one unit for a change of a percentage")
				dec := ","
				if l == locale.English {
					dec = `\.`
				}
				assert.Regexp(t, `[+-]?\d+`+dec+`\d`+unit[l]+`[\x{00a0}\x{202f} ]?;`, out, "the plan score's change")
				assert.Regexp(t, `\+0`+dec+`1`+unit[l], out, "an indicator's change (3.2)")
				if l == locale.English {
					return
				}
				for _, line := range strings.Split(out, "\n") {
					trimmed := strings.TrimLeft(line, "- ")
					asGiven := strings.HasPrefix(trimmed, "set ") || strings.Contains(line, "complete-clearance 2025-06-30") ||
						strings.Contains(line, "2024-06-02 stockpile=1200")
					if !asGiven {
						assert.NotRegexp(t, isoDate, line, "a date of the %s %s outside the events and changes", l, format)
					}
				}
				assert.Contains(t, out, "(AAAA-MM-", "the line that says the events and changes keep their dates")
			})
		}
	}
}
