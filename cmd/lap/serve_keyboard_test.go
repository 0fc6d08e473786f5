package main

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeKeyboard: a coordinator who uses the keyboard alone, in Chromium: the first Tab
// reaches the skip link, which is then shown; Tab goes on through the head (the year picker
// and its button among it) to the what-if form's "Data as of", the scenario's name and its
// first event's State, event and date, each shown with a focus outline; an event typed and
// sent with Enter gives the results. Skipped without Chromium unless LAP_REQUIRE_CHROMIUM=1.
func TestServeKeyboard(t *testing.T) {
	bin := chromium(t)
	ts := workspace(t)
	br := newBrowser(t, bin, 1280, 1000)
	ctx := br.ctx
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/whatif"), chromedp.WaitVisible(chromedp.CSS("#asof"))))
	focus := func() (id, outline string) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function(){var e=document.activeElement;var s=getComputedStyle(e);return [e.id||e.className||e.tagName, s.outlineStyle+" "+s.outlineWidth]})()`))
		require.NoError(t, err)
		return v[0], v[1]
	}
	tab := func() { require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab))) }

	tab()
	id, outline := focus()
	assert.Equal(t, "skip", id, "the skip link comes first")
	assert.Equal(t, "solid 3px", outline)
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".skip").getBoundingClientRect().left >= 0`))
	require.NoError(t, err)
	assert.True(t, visible, "the focused skip link is on screen")

	var order []string
	for i := 0; i < 20 && (len(order) == 0 || order[len(order)-1] != "a-e0-date"); i++ {
		tab()
		id, outline := focus()
		order = append(order, id)
		assert.Equal(t, "solid 3px", outline, "%s shows its focus", id)
	}
	for _, want := range []string{"year-pick", "asof", "a-name", "a-e0-state", "a-e0-type", "a-e0-date"} {
		assert.Contains(t, order, want)
	}
	assert.Less(t, indexOf(order, "year-pick"), indexOf(order, "asof"))
	assert.Less(t, indexOf(order, "asof"), indexOf(order, "a-e0-state"))

	// an event typed, sent with Enter from the date field
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#a-e0-state"), "Lebanon"),
		chromedp.SetValue(chromedp.CSS("#a-e0-type"), "complete-clearance"),
		chromedp.SendKeys(chromedp.CSS("#a-e0-date"), "2025-06-30"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("#summary-a")),
	))
	assert.Contains(t, br.text("#summary-a"), "If Lebanon completes clearance on 30 June 2025")
	assert.Empty(t, br.Problems(), "no console errors, no failed requests")
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
