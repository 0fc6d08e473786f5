package main

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/locale"
)

// The subject of explain and profile may come before or after the flags.
func TestParseSubject(t *testing.T) {
	tests := []struct {
		args        []string
		wantSubject string
		wantRest    []string
		wantYear    int
	}{
		{[]string{"43.1", "--year", "2024"}, "43.1", []string{}, 2024},
		{[]string{"--year", "2024", "43.1"}, "43.1", []string{}, 2024},
		{[]string{"--year", "2024"}, "", []string{}, 2024},
		{[]string{"LAO", "--year", "2024", "extra"}, "LAO", []string{"extra"}, 2024},
		{[]string{"--year", "2024", "LAO", "extra"}, "LAO", []string{"extra"}, 2024},
	}
	for _, tt := range tests {
		fs := newFlags("x", "", "", io.Discard)
		year := fs.Int("year", 0, "")
		subject, rest, err := parseSubject(fs, tt.args)
		require.NoError(t, err, "%v", tt.args)
		assert.Equal(t, tt.wantSubject, subject, "%v", tt.args)
		assert.Equal(t, tt.wantRest, append([]string{}, rest...), "%v", tt.args)
		assert.Equal(t, tt.wantYear, *year, "%v", tt.args)
	}
	_, _, err := parseSubject(newFlags("x", "", "", io.Discard), []string{"43.1", "--nope"})
	assert.Error(t, err)
}

// --format is checked before --lang; both are usage errors naming what is allowed.
func TestOutputCheck(t *testing.T) {
	check := func(args ...string) (locale.Lang, error) {
		fs := newFlags("x", "", "", io.Discard)
		o := addOutput(fs, "the words", "table", "json")
		require.NoError(t, parse(fs, args))
		return o.check()
	}
	lang, err := check("--lang", "fr")
	require.NoError(t, err)
	assert.Equal(t, locale.French, lang)
	_, err = check("--format", "xml", "--lang", "de")
	assert.ErrorContains(t, err, `--format "xml": want one of table, json`)
	_, err = check("--lang", "de")
	assert.ErrorContains(t, err, `--lang "de": want one of en, fr, es`)
}
