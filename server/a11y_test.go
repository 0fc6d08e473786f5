package server

import (
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

var (
	controlRE  = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	idRE       = regexp.MustCompile(`\bid="([^"]+)"`)
	typeRE     = regexp.MustCompile(`\btype="([^"]+)"`)
	describeRE = regexp.MustCompile(`aria-describedby="([^"]+)"`)
	imgRE      = regexp.MustCompile(`<img\b[^>]*>`)
	altRE      = regexp.MustCompile(`\balt="([^"]*)"`)
)

// TestAccessibleMarkup: on every kind of page, in each language, every visible form control
// has a label (<label for>), every image an alternative text, and every aria-describedby names
// an element of the page: the what-if form with results and with problems included.
func TestAccessibleMarkup(t *testing.T) {
	h := sample(t).Handler()
	bad := url.Values{"a.e0.state": {"Lao"}, "a.e0.type": {"extension-granted"}, "a.e0.date": {"2025-09-15"}, "asof": {"2026-13-01"}}
	pages := []string{"/", "/section/clearance", "/indicator/21.1", "/states", "/state/LBN", "/whatif", "/whatif?" + lebanon.Encode(),
		"/whatif?" + bad.Encode(), "/?year=2024"}
	for _, lang := range []string{"en", "fr", "es"} {
		for _, p := range pages {
			target := p
			if lang != "en" {
				if u, _ := url.Parse(p); u.RawQuery != "" {
					target += "&lang=" + lang
				} else {
					target += "?lang=" + lang
				}
			}
			body := get(t, h, target).Body.String()
			ids := map[string]bool{}
			for _, m := range idRE.FindAllStringSubmatch(body, -1) {
				ids[m[1]] = true
			}
			labels := map[string]bool{}
			for _, m := range regexp.MustCompile(`<label for="([^"]+)"`).FindAllStringSubmatch(body, -1) {
				labels[m[1]] = true
			}
			for _, c := range controlRE.FindAllString(body, -1) {
				if m := typeRE.FindStringSubmatch(c); m != nil && (m[1] == "hidden" || m[1] == "submit") {
					continue
				}
				id := idRE.FindStringSubmatch(c)
				if assert.NotNil(t, id, "%s: a control without an id: %s", target, c) {
					assert.True(t, labels[id[1]], "%s: no label for %s", target, id[1])
				}
				if d := describeRE.FindStringSubmatch(c); d != nil {
					for _, ref := range regexp.MustCompile(`\S+`).FindAllString(d[1], -1) {
						assert.True(t, ids[ref], "%s: %s is described by %s, which is not on the page", target, id, ref)
					}
				}
			}
			for _, img := range imgRE.FindAllString(body, -1) {
				alt := altRE.FindStringSubmatch(img)
				if assert.NotNil(t, alt, "%s: an image without alt: %s", target, img) {
					assert.GreaterOrEqual(t, len(alt[1]), 20, "%s: an alternative text that says little: %s", target, img)
				}
			}
		}
	}
}
