package locale_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// The engine's dates, whatever their precision, are written in each language.
func TestEngineDates(t *testing.T) {
	cases := []struct{ iso, en, fr, es string }{
		{"2023-06-14", "14 June 2023", "14 juin 2023", "14 de junio de 2023"},
		{"2023-06", "June 2023", "juin 2023", "junio de 2023"},
		{"2023", "2023", "2023", "2023"},
		{"../2018", "2018 or earlier", "2018 ou avant", "2018 o antes"},
	}
	for _, c := range cases {
		d, err := engine.ParseDate(c.iso)
		require.NoError(t, err, c.iso)
		ld, err := locale.DateOf(d)
		require.NoError(t, err, c.iso)
		for l, want := range map[locale.Lang]string{locale.English: c.en, locale.French: c.fr, locale.Spanish: c.es} {
			assert.Equal(t, want, locale.For(l).Date(ld), "%s %s", l, c.iso)
			got, err := locale.For(l).ISODate(d.String())
			require.NoError(t, err)
			assert.Equal(t, want, got, "%s %s", l, c.iso)
		}
	}
	span, err := locale.For(locale.French).ISODate("2023-01-01/2023-03-31")
	require.NoError(t, err)
	assert.Equal(t, "du 1er janvier 2023 au 31 mars 2023", span)
	span, _ = locale.For(locale.Spanish).ISODate("2023-01-01/2023-03-31")
	assert.Equal(t, "del 1 de enero de 2023 al 31 de marzo de 2023", span)
	_, err = locale.For(locale.English).ISODate("2023-01-01/bad")
	assert.Error(t, err)
}
