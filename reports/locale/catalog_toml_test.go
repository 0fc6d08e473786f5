package locale

import (
	"io/fs"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecodeCatalogueFile checks the message files' reader against the TOML library: every
// message file is read by the simple reader (or the saving is lost) with the library's result,
// and on random files made of the usual lines and of lines TOML reads otherwise or refuses,
// whatever the simple reader accepts, the library reads the same.
func TestDecodeCatalogueFile(t *testing.T) {
	names, err := fs.Glob(catalogFS, "catalog/*.toml")
	require.NoError(t, err)
	require.NotEmpty(t, names)
	for _, name := range names {
		data, err := fs.ReadFile(catalogFS, name)
		require.NoError(t, err)
		want := map[string]map[string]string{}
		require.NoError(t, toml.Unmarshal(data, &want), name)
		got, ok := readSimple(data)
		require.True(t, ok, "%s: a line the simple reader does not know", name)
		assert.Equal(t, want, got, name)
	}

	accepted := 0
	rng := rand.New(rand.NewPCG(14, 2026))
	for i := range 20000 {
		data := randomCatalogue(rng)
		got, ok := readSimple([]byte(data))
		want := map[string]map[string]string{}
		werr := toml.Unmarshal([]byte(data), &want)
		if !ok {
			// the fallback is the library itself
			dec, derr := decodeCatalogueFile([]byte(data))
			if werr != nil {
				require.Error(t, derr, "file %d:\n%s", i, data)
			} else {
				require.NoError(t, derr, "file %d:\n%s", i, data)
				require.Equal(t, want, dec, "file %d:\n%s", i, data)
			}
			continue
		}
		accepted++
		require.NoError(t, werr, "file %d, accepted by the simple reader:\n%s", i, data)
		require.Equal(t, want, got, "file %d:\n%s", i, data)
	}
	// both kinds are tried often
	assert.Greater(t, accepted, 2000)
	assert.Less(t, accepted, 18000)
}

// randomCatalogue makes a small message file: mostly the usual lines, sometimes one that the
// simple reader leaves to the TOML library.
func randomCatalogue(rng *rand.Rand) string {
	ids := []string{"a", "status.on-track", "b c", "é", "x#y", ""}
	keys := []string{"description", "one", "other", "few", "zero"}
	texts := []string{"plain", "{{.N}} States", `say \"yes\"`, `a\tb`, `line\nnext`, `\\`, `\u00A0%`, `\u00e9t\u00E9`,
		"tab\there", "é ü ∑", "#not a comment", " = \"", "", "x = y"}
	odd := []string{`\uD800`, `\x41`, `\e`, `\b`, `\f`, `\r`, `\U0001F600`, `\u12`, `\`, `"`, "\x01", "\x7f", "\r", "\xff", `\z`}
	var b strings.Builder
	if rng.IntN(4) != 0 {
		b.WriteString("[\"first\"]\n")
	}
	n := 1 + rng.IntN(10)
	for range n {
		switch k := rng.IntN(40); {
		case k < 8:
			b.WriteString(`["` + ids[rng.IntN(len(ids))] + strconv.Itoa(rng.IntN(4)) + `"]`)
		case k < 26:
			text := texts[rng.IntN(len(texts))]
			if rng.IntN(6) == 0 {
				text += odd[rng.IntN(len(odd))]
			}
			b.WriteString(keys[rng.IntN(len(keys))] + ` = "` + text + `"`)
		case k < 29:
			b.WriteString("# a comment " + texts[rng.IntN(len(texts))])
		case k < 31:
			b.WriteString([]string{"", "  ", "\t", " \t "}[rng.IntN(4)])
		default:
			b.WriteString([]string{
				`[a]`, `[ "a" ]`, `["a"] # c`, `["a".b]`, `[["a"]]`, `["a\"b"]`, `["a\u0041"]`,
				`other = "x" # c`, `other = "x" `, `  other = "x"`, `other="x"`, `other =  "x"`,
				`other = 'lit'`, `other = """multi"""`, `other = 1`, `a.b = "x"`, `"other" = "x"`,
				"other = \"a\x01b\"", "# bad \x01 comment", "\ufeff# bom", `other = "é\u00e9"`,
			}[rng.IntN(21)])
		}
		if rng.IntN(30) == 0 {
			b.WriteString("\r")
		}
		if rng.IntN(15) != 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}
