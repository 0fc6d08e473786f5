package chart

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image/color"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/lapmonitor/lap/reports/internal/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The key of a chart is the same for the same chart, differs when anything drawn differs
// (even where SVG's five significant digits do not show it), with the format and with the
// size, and the key computed while the SVG is drawn is the one ChartKey gives.
func TestChartKey(t *testing.T) {
	key := func(in TrendInput, format string, w vg.Length) string {
		p, err := TrendChart(in)
		require.NoError(t, err)
		k, err := ChartKey(p, format, w, DefaultHeight)
		require.NoError(t, err)
		require.Len(t, k, 64)
		return k
	}
	base := key(sampleTrend(), "png", DefaultWidth)
	assert.Equal(t, base, key(sampleTrend(), "png", DefaultWidth), "same chart, same key")
	assert.NotEqual(t, base, key(sampleTrend(), "svg", DefaultWidth), "another format")
	assert.NotEqual(t, base, key(sampleTrend(), "png", DefaultWidth+1), "another size")

	nudged := sampleTrend()
	nudged.Series.Points = append([]Point(nil), nudged.Series.Points...)
	for i, pt := range nudged.Series.Points {
		if !pt.Missing {
			nudged.Series.Points[i].Value = pt.Value * (1 + 1e-9)
			break
		}
	}
	svg := func(in TrendInput) []byte {
		p, err := TrendChart(in)
		require.NoError(t, err)
		return render(t, p, "svg")
	}
	require.Equal(t, svg(sampleTrend()), svg(nudged), "the SVG does not show a change in the ninth digit")
	assert.NotEqual(t, base, key(nudged, "png", DefaultWidth), "the key does")
	retitled := sampleTrend()
	retitled.Title += "."
	assert.NotEqual(t, base, key(retitled, "png", DefaultWidth), "a title")
	marked := sampleTrend()
	marked.Series.Points = append([]Point(nil), marked.Series.Points...)
	marked.Series.Points[0].Unofficial = true
	assert.NotEqual(t, base, key(marked, "png", DefaultWidth), "a mark on a point")

	for _, tc := range goldenCases() {
		p, err := tc.build()
		require.NoError(t, err)
		want, err := ChartKey(p, "png", DefaultWidth, DefaultHeight)
		require.NoError(t, err)
		f := &Figure{Name: tc.name, Plot: p}
		got, err := f.Key("png")
		require.NoError(t, err)
		assert.Equal(t, want, got, "%s: the key computed with the SVG", tc.name)
		b, err := f.SVG()
		require.NoError(t, err)
		assert.Equal(t, render(t, p, "svg"), b, "%s: the SVG is the one WriteChart writes", tc.name)
	}

	_, err := ChartKey(nil, "png", DefaultWidth, DefaultHeight)
	assert.ErrorIs(t, err, ErrInvalidInput)
	p, _ := TrendChart(sampleTrend())
	_, err = ChartKey(p, "gif", DefaultWidth, DefaultHeight)
	assert.ErrorIs(t, err, ErrInvalidInput)
	assert.Contains(t, rendererID(), runtime.Version())
}

// pin is what TestPNGRendererPinned records: a fixed drawing, what it was rendered with, and
// the PNG it gave.
type pin struct {
	Go       string            `json:"go"`
	Modules  map[string]string `json:"modules"`  // the rasterising modules, from go.mod
	Renderer string            `json:"renderer"` // pngRenderer
	Drawing  string            `json:"drawing"`  // SHA-256 of the drawing operations
	PNG      string            `json:"png"`      // SHA-256 of the PNG file
}

// rasterModules are the modules a chart's pixels depend on.
var rasterModules = []string{"gonum.org/v1/plot", "git.sr.ht/~sbinet/gg", "github.com/golang/freetype", "golang.org/x/image", "codeberg.org/go-fonts/liberation"}

// pinFixture is a plot drawn by gonum/plot alone (not by chart.go, whose changes do not
// concern the renderer): text, lines, dashes, fills and markers.
func pinFixture(t *testing.T) *plot.Plot {
	p := plot.New()
	p.Title.Text = "Renderer pin: 12,345 km² é"
	p.X.Label.Text, p.Y.Label.Text = "Year", "Value"
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 2020, 2026, 0, 100
	poly, err := plotter.NewPolygon(plotter.XYs{{X: 2021, Y: 5}, {X: 2023, Y: 40}, {X: 2025, Y: 10}})
	require.NoError(t, err)
	poly.Color = color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xff}
	line, points, err := plotter.NewLinePoints(plotter.XYs{{X: 2020, Y: 12.5}, {X: 2022, Y: 55.5}, {X: 2026, Y: 93}})
	require.NoError(t, err)
	line.Color = color.RGBA{R: 0xD5, G: 0x5E, A: 0xff}
	line.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
	points.Shape = draw.RingGlyph{}
	p.Add(plotter.NewGrid(), poly, line, points)
	p.Legend.Add("series", line, points)
	return p
}

// TestPNGRendererPinned guards pngRenderer, the part of a PNG chart's content key that names
// lap's own rendering code: a fixed drawing, with the same Go release and rasterising modules,
// must give the same PNG bytes as when it was pinned, unless pngRenderer changed. Otherwise
// charts drawn by an earlier run would be reused although this code would draw them
// differently. go test ./reports/chart -update re-pins, but not over such a change.
func TestPNGRendererPinned(t *testing.T) {
	const path = "testdata/png-renderer.json"
	p := pinFixture(t)
	h := &hashCanvas{w: DefaultWidth, h: DefaultHeight, sum: sha256.New()}
	drawChart(h, p, "png", nil)
	cur := pin{Go: runtime.Version(), Modules: goModVersions(t, rasterModules), Renderer: pngRenderer, Drawing: h.key(), PNG: sha(render(t, p, "png"))}

	var old pin
	b, err := os.ReadFile(path)
	if err == nil {
		require.NoError(t, json.Unmarshal(b, &old), "read %s", path)
	} else if !*golden.Update {
		t.Fatalf("read %s: %v; run go test ./reports/chart -update to pin", path, err)
	}
	if old.Go != "" && old.Go != cur.Go && !*golden.Update {
		t.Skipf("pinned with %s, this is %s: deflate may differ between releases (the Go release is in every key)", old.Go, cur.Go)
	}
	sameInput := old.Go == cur.Go && equalMaps(old.Modules, cur.Modules) && old.Drawing == cur.Drawing
	if sameInput && old.Renderer == cur.Renderer && old.PNG != cur.PNG {
		t.Fatalf("the same drawing gives another PNG than when %s was pinned, with the same Go and modules: "+
			"lap's PNG code changed (newImageCanvas, encodePNG, PNGDPI). Change pngRenderer in chartkey.go, "+
			"so that charts drawn by earlier runs are not reused, then run go test ./reports/chart -update", path)
	}
	if sameInput && old.Renderer == cur.Renderer && old.PNG == cur.PNG {
		return
	}
	if *golden.Update {
		b, err := json.MarshalIndent(cur, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
		return
	}
	t.Fatalf("%s is out of date (pinned %+v, now %+v): run go test ./reports/chart -update", path, old, cur)
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// goModVersions reads the required version of each module from the module's go.mod.
func goModVersions(t *testing.T, modules []string) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../go.mod")
	require.NoError(t, err)
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "require "))
		for _, m := range modules {
			if len(f) >= 2 && f[0] == m {
				out[m] = f[1]
			}
		}
	}
	for _, m := range modules {
		require.Contains(t, out, m, "go.mod requires %s", m)
	}
	return out
}
