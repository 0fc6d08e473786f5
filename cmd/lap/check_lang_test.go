package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/indicators"
)

// A translation that lacks an indicator, or translates one the plan does not have, is a
// warning with file and line: lap check still succeeds.
func TestCheckTranslationWarnings(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, indicators.FS))
	frPath := filepath.Join(dir, "lang", "fr.toml")
	data, err := os.ReadFile(frPath)
	require.NoError(t, err)
	fr := strings.Replace(string(data), `[indicator."12.3"]`, `[indicator."12.9"]`, 1)
	require.NoError(t, os.WriteFile(frPath, []byte(fr), 0o644))
	line := 1 + strings.Count(fr[:strings.Index(fr, `[indicator."12.9"]`)], "\n")

	code, out, errOut := lap(t, "check", "--plan", dir)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "a12.toml\n  SUCCESS: 3 indicators, with warnings:\n")
	assert.Regexp(t, `a12\.toml:\d+: 12\.3: translation-missing: indicator 12\.3 has no "fr" translation in lang/fr\.toml`, out)
	assert.Contains(t, out, "lang/fr.toml\n  SUCCESS: translation, with warnings:\n")
	assert.Contains(t, out, filepath.Join(dir, "lang", "fr.toml")+":"+strconv.Itoa(line)+`: translation-orphan: the plan has no indicator "12.9"`)
	assert.NotContains(t, out, "es.toml\n  SUCCESS: translation, with warnings")
}
