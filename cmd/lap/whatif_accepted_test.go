package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWhatIfAcceptedMoveWithSeveralEvents: with several events, lap whatif gives the documented
// exception's reason (12.1: a State joining with stockpiles) only for a move that news causes.
// Angola joining beside Lebanon completing clearance: 12.1's rise is accepted, with its reason.
// Angola joining beside Bulgaria's completion removed: Bulgaria raises 12.1 too, and the
// what-if says the exception does not cover the move, in the table, in Markdown and in French.
func TestWhatIfAcceptedMoveWithSeveralEvents(t *testing.T) {
	const reason = "a State joining with stockpiles adds to the work left under Article 3"
	args := []string{"whatif", "--data", sampleData, "--year", "2024",
		"--event", "AGO ratify 2024-06-02 stockpile=1200", "--event", "LBN complete-clearance 2024-06-30"}
	code, out, stderr := lap(t, args...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "MOVES THE PLAN ACCEPTS")
	assert.Contains(t, out, "(accepted: "+reason+")")
	assert.NotContains(t, out, "NO DOCUMENTED EXCEPTION COVERS")

	file := filepath.Join(t.TempDir(), "bulgaria.toml")
	require.NoError(t, os.WriteFile(file, []byte(`name = "Angola joins; Bulgaria's completion removed"

[[event]]
state = "AGO"
type = "ratify"
date = 2024-06-02
stockpile = 1200

[[remove]]
state = "BGR"
field = "art3_completed_date"
year = 2023
`), 0o644))
	for _, tc := range []struct{ format, lang, head, short, sentence string }{
		{"table", "en", "MOVES THE WRONG WAY NO DOCUMENTED EXCEPTION COVERS", "(not covered by the documented exception)",
			"The documented exception for it (" + reason + ") does not cover this move"},
		{"md", "en", "Moves the wrong way no documented exception covers.", "(not covered by the documented exception)",
			"The documented exception for it (" + reason + ") does not cover this move"},
		{"table", "fr", "ÉVOLUTIONS DANS LE MAUVAIS SENS QU’AUCUNE EXCEPTION DOCUMENTÉE NE COUVRE", "(non couvert par l’exception documentée)",
			"ne couvre pas cette évolution"},
	} {
		code, out, stderr := lap(t, "whatif", "--data", sampleData, "--year", "2024", "--scenario", file, "--format", tc.format, "--lang", tc.lang)
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, out, tc.head, tc.format+" "+tc.lang)
		assert.Contains(t, out, tc.short, tc.format+" "+tc.lang)
		assert.Contains(t, strings.Join(strings.Fields(out), " "), tc.sentence, tc.format+" "+tc.lang)
		assert.NotContains(t, out, "MOVES THE PLAN ACCEPTS", tc.format+" "+tc.lang)
		assert.NotContains(t, out, "accepted: ", tc.format+" "+tc.lang)
		assert.NotContains(t, out, "accepté", tc.format+" "+tc.lang)
	}
}
