package locale

import (
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCataloguePerLanguage: a language's catalogue loaded alone (as For loads it, on first use)
// gives every message exactly as the catalogue of all languages does, in every plural form;
// and the embedded catalogue loads whole without error.
func TestCataloguePerLanguage(t *testing.T) {
	all, err := loadCatalogue(catalogFS)
	require.NoError(t, err)
	for _, l := range Langs() {
		one, err := loadCatalogue(catalogFS, l)
		require.NoError(t, err)
		require.Equal(t, all.raw[l], one.raw[l], l)
		require.Len(t, one.raw, 1, "only %s is parsed", l)
		n := 0
		for id := range all.raw[English] {
			for _, count := range []int{0, 1, 2, 5, 1000000} {
				cfg := func() *i18n.LocalizeConfig {
					return &i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: map[string]any{"N": "n", "Name": "x", "Year": 2024}}
				}
				want, wantErr := all.localizers[l].Localize(cfg())
				got, gotErr := one.localizers[l].Localize(cfg())
				assert.Equal(t, want, got, "%s %s %d", l, id, count)
				assert.Equal(t, wantErr == nil, gotErr == nil, "%s %s %d: %v, %v", l, id, count, wantErr, gotErr)
				n++
			}
		}
		assert.Greater(t, n, 1000)
	}
}
