package locale

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func msgFile(id, text string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("[\"" + id + "\"]\ndescription = \"d\"\nother = \"" + text + "\"\n")}
}

// The catalogue of a language is every file of that language: LANG.toml and PART.LANG.toml.
func TestCatalogueParts(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, l := range Langs() {
		fsys["catalog/"+string(l)+".toml"] = msgFile("a", "a "+string(l))
		fsys["catalog/engine."+string(l)+".toml"] = msgFile("b", "b "+string(l))
	}
	c, err := loadCatalogue(fsys)
	require.NoError(t, err)
	for _, l := range Langs() {
		assert.Equal(t, "a "+string(l), c.raw[l]["a"]["other"])
		assert.Equal(t, "b "+string(l), c.raw[l]["b"]["other"])
	}
}

func TestCataloguePartsRejects(t *testing.T) {
	base := func() fstest.MapFS {
		fsys := fstest.MapFS{}
		for _, l := range Langs() {
			fsys["catalog/"+string(l)+".toml"] = msgFile("a", "a")
			fsys["catalog/serve."+string(l)+".toml"] = msgFile("b", "b")
		}
		return fsys
	}
	cases := map[string]struct {
		change func(fstest.MapFS)
		want   string
	}{
		"a part missing in one language": {func(f fstest.MapFS) { delete(f, "catalog/serve.es.toml") }, "every language has the same files"},
		"an id in two files":             {func(f fstest.MapFS) { f["catalog/serve.fr.toml"] = msgFile("a", "a") }, `message "a" is defined in catalog/fr.toml too`},
		"no language in the name":        {func(f fstest.MapFS) { f["catalog/serve.toml"] = msgFile("c", "c") }, "catalog/serve.toml: the name must be"},
		"an unknown language":            {func(f fstest.MapFS) { f["catalog/serve.de.toml"] = msgFile("c", "c") }, "catalog/serve.de.toml: the name must be"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			fsys := base()
			c.change(fsys)
			_, err := loadCatalogue(fsys)
			assert.ErrorContains(t, err, c.want)
		})
	}
	_, err := loadCatalogue(base())
	assert.NoError(t, err)
}
