package server

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lapmonitor/lap/reports/locale"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
	scriptRE = regexp.MustCompile(`(?s)<(pre|code|datalist|select)[^>]*>.*?</(pre|code|datalist|select)>`)
)

// visibleText is the text a reader sees on a page: tags and attributes removed, and with them
// what is shown as it is by design: the derivation (<pre>), code, the names of the data's
// States (datalist) and the option lists of the form (their values are codes; the option
// words are checked on the page with an event chosen).
func visibleText(page string) string {
	page = scriptRE.ReplaceAllString(page, " ")
	return html.UnescapeString(tagRE.ReplaceAllString(page, " "))
}

// profileRE is a State's profile in a State page: the profile's own words are the report's.
var profileRE = regexp.MustCompile(`(?s)<article class="profile".*</article>`)

// TestPagesLeaveNoEnglish: a French and a Spanish page of every route shows no English text of
// the catalogue that its translation does not contain (locale.EnglishOnly): the workspace's
// frame, headings, table heads, labels and the engine's sentences (the reasons) are in the
// language.
func TestPagesLeaveNoEnglish(t *testing.T) {
	s := sample(t)
	h := s.Handler()
	a := s.bl.Assessment()
	routes := []string{"/", "/states", "/state/LBN", "/section/" + a.Sections[0].Key, "/indicator/" + a.Indicators[0].ID,
		"/indicator/12.2", "/whatif", "/whatif?" + lebanon.Encode(), "/no-such-page", "/section/nope", "/state/Lebanonn"}
	for _, ia := range a.Indicators {
		if ia.Travel != nil {
			routes = append(routes, "/indicator/"+ia.ID) // a direction of travel as the reason
			break
		}
	}
	for _, l := range []locale.Lang{locale.French, locale.Spanish} {
		english := locale.EnglishOnly(l, 5)
		require.NotEmpty(t, english)
		for _, route := range routes {
			sep := "?"
			if strings.Contains(route, "?") {
				sep = "&"
			}
			rec := get(t, h, route+sep+"lang="+string(l))
			require.Less(t, rec.Code, 500, route)
			text := visibleText(profileRE.ReplaceAllString(rec.Body.String(), ""))
			for _, e := range english {
				if wordIn(text, e) {
					assert.Failf(t, "English left", "%s %s: %q", l, route, e)
				}
			}
		}
	}
}

// wordIn reports whether s contains phrase as whole words.
func wordIn(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		j += i
		before, after := j == 0 || !isWord(s[j-1]), j+len(phrase) == len(s) || !isWord(s[j+len(phrase)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isWord(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

// A State page in French shows the indicators' French titles (the workspace's assessment is of
// the plan as written), and the what-if page's overlay charts keep the page's language: their
// legend, axes and title (issue 18).
func TestStatePageAndWhatIfChartsInTheLanguage(t *testing.T) {
	s := sample(t)
	h := s.Handler()
	fr, ok := s.texts[locale.French].indicators["24.5"]
	require.True(t, ok)
	rec := get(t, h, "/state/LAO?lang=fr")
	require.Equal(t, 200, rec.Code)
	assert.Contains(t, rec.Body.String(), html.EscapeString(fr.Title))
	assert.NotContains(t, rec.Body.String(), "Open clearance obligations projected to miss their deadline")

	q := "a.e0.area=20km2&a.e0.date=2025&a.e0.state=Lao&a.e0.type=clear"
	rec = get(t, h, "/whatif?"+q+"&lang=fr")
	require.Equal(t, 200, rec.Code)
	src := regexp.MustCompile(`src="(/whatif/chart\.svg\?[^"]*)"`).FindStringSubmatch(rec.Body.String())
	require.NotNil(t, src, "a chart on the page")
	u := html.UnescapeString(src[1])
	assert.Contains(t, u, "&lang=fr")
	rec = get(t, h, u)
	require.Equal(t, 200, rec.Code)
	svg := rec.Body.String()
	assert.Contains(t, svg, ">Situation actuelle<")
	assert.Contains(t, svg, ">Année<")
	assert.NotContains(t, svg, ">Baseline<")
	assert.NotContains(t, svg, ">Year<")
}
