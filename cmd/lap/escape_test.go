package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoControlCharactersPrinted: what a command prints goes through the terminal filter: a
// path holding escape sequences (which would set the terminal's title, clear it or make a
// hyperlink) is printed without them, on stdout and on stderr.
func TestNoControlCharactersPrinted(t *testing.T) {
	plan := copyPlan(t, "a10.toml", "", "")
	hostile := filepath.Join(filepath.Dir(plan), "plan\x1b]0;owned\x07\x1b[2J\u009b31m")
	require.NoError(t, os.Rename(plan, hostile))

	code, stdout, stderr := lap(t, "check", "--plan", hostile)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "plan]0;owned[2J31m/a10.toml")
	code, _, stderr = lap(t, "eval", "--data", hostile, "--year", "2023")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "plan]0;owned[2J31m")
	for _, out := range []string{stdout, stderr} {
		assert.False(t, strings.ContainsAny(out, "\x1b\x07\u009b"), "%q", out)
	}
}
