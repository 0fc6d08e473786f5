package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProfilesInChromium opens the report's country profiles in the system Chromium: every
// profile link of report.html leads to a page that exists; a profile page loads without a
// script or console error or a missing resource; a reader goes from the Article 7 table to
// Lao PDR's page, opens the projection's assumptions and follows an indicator back into the
// report. Skipped without Chromium unless LAP_REQUIRE_CHROMIUM=1 (.ci/run). With
// LAP_PROFILE_SCREENSHOT=FILE.png it saves the top of the page (docs/profile-lao.png is one).
func TestProfilesInChromium(t *testing.T) {
	bin := chromium(t)
	out := filepath.Join(t.TempDir(), "report")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--formats", "html", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	require.NoError(t, err)
	links := map[string]bool{}
	for _, m := range regexp.MustCompile(`href="(profiles/[A-Z]{3}\.html)"`).FindAllStringSubmatch(string(page), -1) {
		links[m[1]] = true
	}
	assert.Len(t, links, 112, "every State Party's name links to its page")
	for l := range links {
		_, err := os.Stat(filepath.Join(out, filepath.FromSlash(l)))
		assert.NoError(t, err, "%s: the link leads to a page", l)
	}

	c := checkPage(t, bin, filepath.Join(out, "profiles", "LAO.html"))
	assert.Empty(t, c.Errors, "script or console errors, or resources that failed to load")
	assert.Empty(t, c.Console, "console messages")
	assert.Empty(t, c.Broken, "images that did not load")

	br := newBrowser(t, bin, 1100, 1400)
	ctx, text := br.ctx, br.text
	visible := func(sel string) bool {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){var e=document.querySelector(`+"`"+sel+"`"+`);return !!e&&e.checkVisibility()})()`))
		require.NoError(t, err, sel)
		return v
	}

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(out, "report.html")),
		chromedp.WaitVisible(chromedp.CSS("#article7")),
		chromedp.Click(chromedp.CSS(`table.article7 a[href="profiles/LAO.html"]`)),
		chromedp.WaitVisible(chromedp.CSS("#profile-LAO")),
	))
	assert.Equal(t, "Lao People's Democratic Republic (LAO): country profile, 2024", text("#profile-LAO h1"))
	assert.Equal(t, "State Party at the end of 2024.", text("#profile-LAO .standing"))
	assert.Contains(t, text("#profile-LAO .projection"), "What it takes: Meeting the deadline of 1 August 2025")

	// the assumptions are folded until the reader opens them
	assert.False(t, visible(".projection details li"))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".projection details summary"))))
	assert.True(t, visible(".projection details li"))
	assert.Contains(t, text(".projection details li"), "no further extension")

	if shot := os.Getenv("LAP_PROFILE_SCREENSHOT"); shot != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(shot, png, 0o644))
	}

	// an indicator leads back to its row in the report
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href="../report.html#ind-46.1"]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr#ind-46\.1`)),
	))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(loc, "/report.html#ind-46.1"), loc)

	assert.Empty(t, br.Problems(), "no console error or warning, exception or failed request")
}
