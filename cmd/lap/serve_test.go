package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
	"github.com/lapmonitor/lap/server"
)

// workspace starts the workspace (package server) on the sample, on a real loopback listener:
// for the latest year with data (2025), or for year when one is given.
func workspace(t *testing.T, year ...int) *httptest.Server {
	t.Helper()
	p, err := engine.Load(indicators.FS)
	require.NoError(t, err)
	ds, err := engine.LoadDataset(os.DirFS(whatIfData), ".")
	require.NoError(t, err)
	o := server.Options{Plan: p, Data: ds, DataName: "testdata/sample"}
	if len(year) > 0 {
		o.Year = year[0]
	}
	s, err := server.New(context.Background(), o)
	require.NoError(t, err)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// scenarioOnly drops what names a scenario's origin (its name, description and file), so that
// the same scenario given on the command line, as a file or through the web compares equal.
func scenarioOnly(t *testing.T, js string) []any {
	t.Helper()
	var rep map[string]any
	require.NoError(t, json.Unmarshal([]byte(js), &rep))
	scs := rep["scenarios"].([]any)
	for _, sc := range scs {
		m := sc.(map[string]any)
		delete(m, "name")
		delete(m, "description")
		delete(m, "file")
	}
	return append(scs, rep["year"], rep["as_of"], rep["plan"])
}

// reportCut2025 is the cut-off of lap report --year 2025 on the sample (the plan's, 30 June of
// the year after), the workspace's for 2025.
const reportCut2025 = "2026-06-30"

// TestServeMatchesWhatIf: /api/whatif gives the numbers `lap whatif --format json` gives at the
// same cut-off (the workspace's default, the report's), for a scenario file POSTed as
// `curl -d @scenario.toml` sends it, and for the web form's query of the --event the CLI takes.
func TestServeMatchesWhatIf(t *testing.T) {
	ts := workspace(t)
	for _, f := range []string{"lao-clears-faster.toml", "two-signatories-ratify.toml"} {
		t.Run(f, func(t *testing.T) {
			path := filepath.Join(scenarioDir, f)
			code, cli, errOut := lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--as-of", reportCut2025, "--scenario", path, "--format", "json")
			require.Equal(t, 0, code, errOut)
			body, err := os.ReadFile(path)
			require.NoError(t, err)
			resp, err := http.Post(ts.URL+"/api/whatif", "application/x-www-form-urlencoded", strings.NewReader(string(body)))
			require.NoError(t, err)
			web, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.Equal(t, 200, resp.StatusCode, string(web))
			assert.Equal(t, scenarioOnly(t, cli), scenarioOnly(t, string(web)))
		})
	}
	t.Run("the web form and --event", func(t *testing.T) {
		code, cli, errOut := lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--as-of", reportCut2025, "--event", "Lebanon complete-clearance 2025-06-30", "--format", "json")
		require.Equal(t, 0, code, errOut)
		q := url.Values{"a.e0.state": {"Lebanon"}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {"2025-06-30"}}
		resp, err := http.Get(ts.URL + "/api/whatif?" + q.Encode())
		require.NoError(t, err)
		web, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, 200, resp.StatusCode, string(web))
		assert.Equal(t, scenarioOnly(t, cli), scenarioOnly(t, string(web)))
		assert.Contains(t, cli, `"summary": "If Lebanon completes clearance on 30 June 2025, the plan score would`)
	})
}

// TestServeBrowser drives the workspace in the system Chromium (chromedp) as a coordinator
// would: the dashboard, a State, the Lebanon-completes-clearance scenario built through the
// form, the plan-score delta and the generated sentence read from the page, the scenario
// downloaded as TOML and run through `lap whatif`; no console error, no failed request.
// Skipped without Chromium unless LAP_REQUIRE_CHROMIUM=1 (.ci/run). With
// LAP_SCREENSHOT=FILE.png it saves the what-if page (docs/serve-whatif.png is one).
func TestServeBrowser(t *testing.T) {
	bin := chromium(t)
	ts := workspace(t)

	br := newBrowser(t, bin, 1280, 1500)
	ctx, text := br.ctx, br.text
	var toml string
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#plan-score")),
	))
	plan := text("#plan-score")
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav a[href="/states"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/state/LBN"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/state/LBN"]`)),
		chromedp.WaitVisible(chromedp.CSS("#whatif-link")),
	))
	title := text("h1")
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#whatif-link")),
		chromedp.WaitVisible(chromedp.CSS("#a-e0-type")),
		chromedp.SendKeys(chromedp.CSS("#a-name"), "Lebanon completes clearance"),
		chromedp.SetValue(chromedp.CSS("#a-e0-type"), "complete-clearance"),
		chromedp.SendKeys(chromedp.CSS("#a-e0-date"), "2025-06-30"),
		chromedp.Click(chromedp.CSS("#run")),
		chromedp.WaitVisible(chromedp.CSS("#summary-a")),
	))
	summary, delta, sentence := text("#summary-a"), text("#plan-delta-a"), text("#outcome-a .sentences li")
	assert.Regexp(t, `^\d+%$`, plan)
	assert.Contains(t, title, "Lebanon")
	assert.Contains(t, summary, "If Lebanon completes clearance on 30 June 2025, the plan score would")
	for _, id := range []string{"24.2", "25.2", "25.3"} {
		assert.Contains(t, summary, id, "the summary names the indicators that moved")
	}
	assert.Regexp(t, `^[+-]?\d+\.\d pp$`, delta)
	assert.NotEmpty(t, sentence)

	if shot := os.Getenv("LAP_SCREENSHOT"); shot != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(shot, png, 0o644))
	}

	// the scenario as the page's download link gives it, then through lap whatif (the test
	// fetches the link's target itself: headless Chromium's download manager is not needed to
	// show that the file round-trips)
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#dl-toml-a"), "href"))
	require.NoError(t, err)
	require.True(t, href.Exists)
	resp, err := http.Get(ts.URL + href.Value)
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Disposition"), `attachment; filename="scenario.toml"`)
	toml = string(b)
	assert.Contains(t, toml, `name = "Lebanon completes clearance"`)
	file := filepath.Join(t.TempDir(), "scenario.toml")
	require.NoError(t, os.WriteFile(file, b, 0o644))
	code, out, errOut := lap(t, "whatif", "--data", whatIfData, "--year", "2025", "--as-of", reportCut2025, "--scenario", file, "--format", "json")
	require.Equal(t, 0, code, errOut)
	var rep struct {
		Scenarios []struct {
			Overall struct {
				Delta *float64 `json:"delta"`
			} `json:"overall"`
			Text struct {
				Summary string `json:"summary"`
			} `json:"text"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.Len(t, rep.Scenarios, 1)
	assert.Equal(t, summary, rep.Scenarios[0].Text.Summary, "the page and lap whatif say the same")

	assert.Empty(t, br.Problems(), "no console errors, no failed requests")
}
