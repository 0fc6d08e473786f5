package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --lang is one flag with one check on every command that speaks: an unknown language is a
// usage error naming the three.
func TestLangFlagRefused(t *testing.T) {
	for _, args := range [][]string{
		{"plan"},
		{"eval", "--data", "../../testdata/sample", "--year", "2024"},
		{"profile", "LAO", "--data", "../../testdata/sample", "--year", "2024"},
		{"explain", "12.2", "--data", "../../testdata/sample", "--year", "2024"},
		{"whatif", "--data", "../../testdata/sample", "--year", "2024", "--set", "KEN.ratified=2024-03-01"},
		{"report", "--data", "../../testdata/sample", "--year", "2024", "--out", filepath.Join(t.TempDir(), "r")},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, _, errOut := lap(t, append(args, "--lang", "de")...)
			assert.Equal(t, 2, code)
			assert.Contains(t, errOut, `--lang "de": want one of en, fr, es`)
		})
	}
}

// eval --lang fr: the table's heads, lines and status words in French, the plan's titles from
// its unofficial translation, with the notice saying so.
func TestEvalTableFrench(t *testing.T) {
	code, out, errOut := lap(t, "eval", "--data", "../../testdata/sample", "--year", "2024", "--lang", "fr")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Traduction non officielle")
	assert.Contains(t, out, "Année 2024")
	assert.Contains(t, out, "ÉTAT DU PROGRÈS")
	assert.Contains(t, out, "à accélérer")
	assert.Contains(t, out, "Destruction et conservation des stocks (article 3)")
	assert.NotContains(t, out, "needs-acceleration")
}

// whatif --lang es --format json: the keys stay English, the sentences are Spanish and the
// language is named.
func TestWhatIfJSONSpanish(t *testing.T) {
	code, out, errOut := lap(t, "whatif", "--data", "../../testdata/sample", "--year", "2024", "--lang", "es", "--format", "json",
		"--event", "Lebanon complete-clearance 2025-06-30")
	require.Equal(t, 0, code, errOut)
	var got struct {
		Lang      string `json:"lang"`
		Scenarios []struct {
			Text struct {
				Summary string `json:"summary"`
			} `json:"text"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, "es", got.Lang)
	require.Len(t, got.Scenarios, 1)
	assert.Contains(t, got.Scenarios[0].Text.Summary, "Si el Líbano")
}

// report --lang: report.html carries the language in its lang attribute.
func TestReportHTMLLang(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "r")
			code, _, errOut := lap(t, "report", "--data", "../../testdata/sample", "--year", "2024", "--lang", lang,
				"--formats", "html", "--charts", "none", "--out", dir)
			require.Equal(t, 0, code, errOut)
			b, err := os.ReadFile(filepath.Join(dir, "report.html"))
			require.NoError(t, err)
			assert.Contains(t, string(b), `<html lang="`+lang+`">`)
		})
	}
}
