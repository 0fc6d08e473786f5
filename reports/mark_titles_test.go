package reports

import (
	"bytes"
	"html"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/locale"
)

// markRE is a class mark with its tooltip, as an HTML page writes it.
var markRE = regexp.MustCompile(`<sup class="mark mark-([a-z]+)" title="([^"]*)">`)

// TestMarkTitlesInTheLanguage: every class mark of a French or Spanish page (report.html, its
// content sections, every country profile, as a page and as the fragment lap serve embeds)
// says what it means in the page's language, the words of the legend (catalogue mark.<class>),
// as report.html's own marks did: the profiles' marks read the English class name ("monitor",
// "illustrative") where the French page has « illustratif », written by three copies of the
// mark (the template "pmark", pmarkHTML and markHTML) instead of one (writeMark).
func TestMarkTitlesInTheLanguage(t *testing.T) {
	en := locale.For(locale.English)
	for _, lang := range []locale.Lang{locale.French, locale.Spanish} {
		t.Run(string(lang), func(t *testing.T) {
			loc := locale.For(lang)
			r := sampleReport(t, lang)
			pages := map[string]*bytes.Buffer{"report.html": {}, "profiles": {}}
			require.NoError(t, r.WriteHTML(pages["report.html"]))
			ps, err := r.Profiles()
			require.NoError(t, err)
			for _, p := range ps {
				require.NoError(t, r.WriteProfile(pages["profiles"], p, "html"))
				frag, err := ProfileHTML(p, ProfileOptions{})
				require.NoError(t, err)
				pages["profiles"].WriteString(string(frag))
			}
			for name, b := range pages {
				marks := markRE.FindAllStringSubmatch(b.String(), -1)
				require.NotEmpty(t, marks, name)
				classes := map[string]int{}
				for _, m := range marks {
					class, title := m[1], html.UnescapeString(m[2])
					if classes[class]++; classes[class] > 1 {
						continue // one report of each class and page is enough
					}
					assert.Equal(t, loc.T("mark."+class), title, "%s: the mark of %s", name, class)
					assert.NotEqual(t, en.T("mark."+class), title, "%s: the mark of %s in English", name, class)
					assert.NotEqual(t, class, title, "%s: the mark of %s names its class in English", name, class)
				}
				for _, m := range marks {
					if want := html.EscapeString(loc.T("mark." + m[1])); m[2] != want {
						assert.Failf(t, "mark in another language", "%s: %s", name, m[0])
						break
					}
				}
			}
		})
	}
}
