package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/pdf"
)

// The real-browser check of report.html: headless Chromium loads the page, an injected
// script records script errors, console errors, resources that failed to load, images with
// no pixels and SVG charts that drew nothing into the DOM, and --dump-dom hands the record
// back. Chromium's own console log on stderr is a second net. No Go dependency is needed.

// chromium finds the browser as lap report --formats pdf does (pdf.Find: $LAP_CHROMIUM, then
// /usr/bin/chromium, then chromium and the like on PATH). Without one the test skips, unless
// LAP_REQUIRE_CHROMIUM=1 (set by .ci/run), when it fails.
func chromium(t *testing.T) string {
	t.Helper()
	bin, err := pdf.Find()
	if err == nil {
		return bin
	}
	if os.Getenv("LAP_REQUIRE_CHROMIUM") == "1" {
		t.Fatalf("Chromium is required (LAP_REQUIRE_CHROMIUM=1): %v", err)
	}
	t.Skipf("skipping the browser check: %v", err)
	return ""
}

// runChromium runs headless Chromium with the given extra arguments and a fresh profile.
func runChromium(t *testing.T, bin string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--hide-scrollbars", "--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "run chromium: %s", errOut.String())
	return out.String(), errOut.String()
}

// checkHead is injected first into <head>: it records errors from then on.
const checkHead = `<script>window.__lapErrors=[];` +
	`window.addEventListener("error",function(e){var t=e.target;` +
	`window.__lapErrors.push(t&&t!==window&&(t.src||t.href)?"resource failed to load: "+(t.src||t.href):"script error: "+e.message)},true);` +
	`var ce=console.error;console.error=function(){window.__lapErrors.push("console.error: "+Array.prototype.join.call(arguments," "));ce.apply(console,arguments)};</script>`

// checkTail is injected before </body>: once the page has loaded it writes what it found
// into <pre id="lap-check">.
const checkTail = `<script>window.addEventListener("load",function(){` +
	`var r={errors:window.__lapErrors,images:0,broken:[],svgs:0,empty:[]};` +
	`document.querySelectorAll("img").forEach(function(i){r.images++;if(!i.complete||i.naturalWidth===0)r.broken.push(i.src.slice(0,100))});` +
	`document.querySelectorAll("svg").forEach(function(s,k){r.svgs++;var b=s.getBoundingClientRect();` +
	`if(b.width<50||b.height<50||s.getBBox().width<50)r.empty.push((s.closest("figure")||{}).id||("svg "+k))});` +
	`var p=document.createElement("pre");p.id="lap-check";p.textContent=JSON.stringify(r);document.body.appendChild(p)});</script>`

type pageCheck struct {
	Errors  []string `json:"errors"`
	Images  int      `json:"images"`
	Broken  []string `json:"broken"`
	SVGs    int      `json:"svgs"`
	Empty   []string `json:"empty"`
	Console []string `json:"-"` // console messages Chromium logged on stderr
}

var (
	checkRE   = regexp.MustCompile(`<pre id="lap-check">(.*?)</pre>`)
	consoleRE = regexp.MustCompile(`:CONSOLE[^\]]*\] (.*)`)
)

// checkPage loads a copy of page with the check scripts injected and returns what they found.
func checkPage(t *testing.T, bin, page string) pageCheck {
	t.Helper()
	html, err := os.ReadFile(page)
	require.NoError(t, err)
	s := strings.Replace(string(html), "<head>", "<head>"+checkHead, 1)
	s = strings.Replace(s, "</body>", checkTail+"</body>", 1)
	probe := filepath.Join(filepath.Dir(page), "check-"+filepath.Base(page))
	require.NoError(t, os.WriteFile(probe, []byte(s), 0o644))
	defer os.Remove(probe)

	dom, stderr := runChromium(t, bin, "--virtual-time-budget=10000", "--dump-dom", "file://"+probe)
	m := checkRE.FindStringSubmatch(dom)
	require.NotNil(t, m, "the check script did not run; chromium stderr:\n%s", stderr)
	var c pageCheck
	require.NoError(t, json.Unmarshal([]byte(unescapeHTML(m[1])), &c))
	for _, cm := range consoleRE.FindAllStringSubmatch(stderr, -1) {
		c.Console = append(c.Console, cm[1])
	}
	return c
}

func unescapeHTML(s string) string {
	return strings.NewReplacer("&quot;", `"`, "&lt;", "<", "&gt;", ">", "&#39;", "'", "&amp;", "&").Replace(s)
}

func TestReportInChromium(t *testing.T) {
	bin := chromium(t)
	for _, lang := range []string{"en", "fr", "es"} {
		t.Run(lang, func(t *testing.T) { reportInChromium(t, bin, lang) })
	}
}

// reportInChromium checks the report in one language (--lang) in headless Chromium.
func reportInChromium(t *testing.T, bin, lang string) {
	out := filepath.Join(t.TempDir(), "report")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--lang", lang, "--out", out, "--formats", "html", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	page := filepath.Join(out, "report.html")
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.Contains(t, string(b), `<html lang="`+lang+`">`)

	c := checkPage(t, bin, page)
	assert.Empty(t, c.Errors, "script or console errors, or resources that failed to load")
	assert.Empty(t, c.Console, "console messages")
	assert.Empty(t, c.Broken, "images that did not load")
	assert.Empty(t, c.Empty, "SVG charts that drew nothing")
	assert.Greater(t, c.SVGs, 50, "the charts are inline SVG")

	// LAP_SCREENSHOT_DIR keeps the screenshot after the test, for a look at it.
	shotDir := os.Getenv("LAP_SCREENSHOT_DIR")
	if shotDir == "" {
		shotDir = t.TempDir()
	}
	shot := filepath.Join(shotDir, "report-"+lang+".png")
	if lang == "en" {
		shot = filepath.Join(shotDir, "report.png")
	}
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1280,2000", "file://"+page)
	f, err := os.Open(shot)
	require.NoError(t, err, "no screenshot")
	defer f.Close()
	img, err := png.DecodeConfig(f)
	require.NoError(t, err)
	assert.Equal(t, 1280, img.Width)
	assert.Equal(t, 2000, img.Height)
	t.Logf("screenshot of report.html: %s", shot)
}

// TestChromiumCheckCatchesProblems proves the check fails a page with a missing image, a
// script error and a console error, so that a clean result means something.
func TestChromiumCheckCatchesProblems(t *testing.T) {
	bin := chromium(t)
	page := filepath.Join(t.TempDir(), "bad.html")
	require.NoError(t, os.WriteFile(page, []byte(`<!DOCTYPE html><html><head><title>bad</title></head><body>`+
		`<img src="missing.png" alt="x"><svg width="100" height="100"></svg>`+
		`<script>console.error("boom"); undefinedFunction();</script></body></html>`), 0o644))
	c := checkPage(t, bin, page)
	assert.Len(t, c.Broken, 1)
	assert.Equal(t, 1, c.SVGs)
	assert.Len(t, c.Empty, 1, "an SVG that draws nothing")
	joined := strings.Join(c.Errors, "\n")
	assert.Contains(t, joined, "resource failed to load: file://")
	assert.Contains(t, joined, "console.error: boom")
	assert.Contains(t, joined, "undefinedFunction")
	assert.NotEmpty(t, c.Console, "chromium logs console messages on stderr")
}
