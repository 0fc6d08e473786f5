package chart

// The content key of a chart file: what lets lap report reuse a chart an earlier run drew.

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"image"
	"image/color"
	"math"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pngRenderer names lap's own code that turns a chart's drawing into PNG bytes: newImageCanvas,
// encodePNG and PNGDPI. Change it whenever that code changes what a chart's PNG file holds,
// pixels or bytes; TestPNGRendererPinned fails until you do. (What a chart draws is in the key
// itself, and the libraries that rasterise it are there by version.)
const pngRenderer = "lap-png/3"

// ChartKey returns the content key of p written as format ("svg" or "png") at width × height
// by WriteChart: a SHA-256, in hex, of everything the file's bytes depend on. That is every
// drawing operation WriteChart sends to the canvas, with its exact numbers (text, colours,
// fonts, paths, line widths and dashes), and the renderer: for PNG lap's own code
// (pngRenderer) and resolution, the Go release, the build settings (architecture, ...) and the
// version and checksum of every module in the binary (gonum/plot, its rasteriser gg, freetype,
// golang.org/x/image and the Liberation fonts among them). Two charts with the same key give
// the same file, so an unchanged chart can be copied from an earlier output instead of drawn.
//
// ChartKey returns "" when the binary does not say which modules it was built with (no build
// information): such a chart is never reused. A test binary records no module versions; its
// keys say so and rest on the rest.
func ChartKey(p *plot.Plot, format string, width, height vg.Length) (string, error) {
	if err := checkChartArgs(p, format, width, height); err != nil {
		return "", fmt.Errorf("chart key: %w", err)
	}
	h := newKeyCanvas(format, width, height)
	if h == nil {
		return "", nil
	}
	drawChart(h, p, format, nil)
	return h.key(), nil
}

// newKeyCanvas returns a canvas hashing a chart's drawing into its content key in format,
// having hashed the renderer's identity; nil when the renderer cannot be identified.
func newKeyCanvas(format string, width, height vg.Length) *hashCanvas {
	id := rendererID()
	if id == "" {
		return nil
	}
	h := &hashCanvas{w: width, h: height, sum: sha256.New()}
	h.str("lap chart key 1")
	h.str(id)
	h.str(format)
	if format == "png" {
		h.str(pngRenderer)
		h.int(PNGDPI)
	}
	h.num(float64(width))
	h.num(float64(height))
	return h
}

// key returns the key hashed so far, in hex.
func (c *hashCanvas) key() string { return hex.EncodeToString(c.sum.Sum(nil)) }

// Key returns the content key of the figure's file in format at the default size. With
// Content set, it is a hash of Content, the format and the size, computed without drawing.
// Without, it is ChartKey's key of the drawing; the PNG key is then computed while the SVG is
// drawn (see SVG), from the drawing both formats share.
func (f *Figure) Key(format string) (string, error) {
	if f.Content != "" {
		if format != "svg" && format != "png" {
			return "", fmt.Errorf("figure %s: %w: unsupported format %q (want svg or png)", f.Name, ErrInvalidInput, format)
		}
		sum := sha256.Sum256([]byte(fmt.Sprintf("lap figure file 1\n%s\n%s\n%d\n%v\n%v\n%s\n", f.Content, format, PNGDPI, float64(DefaultWidth), float64(DefaultHeight), pngRenderer)))
		return hex.EncodeToString(sum[:]), nil
	}
	if format == "png" {
		if _, err := f.SVG(); err != nil {
			return "", err
		}
		return f.pngKey, nil
	}
	k, err := ChartKey(f.Plot, format, DefaultWidth, DefaultHeight)
	if err != nil {
		return "", fmt.Errorf("figure %s: %w", f.Name, err)
	}
	return k, nil
}

// rendererID describes the binary: Go release, platform, build settings and modules; "" when
// the binary has no build information.
var rendererID = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "go %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	var settings []string
	for _, s := range bi.Settings {
		if !strings.HasPrefix(s.Key, "vcs.") { // where the source came from, not what it is
			settings = append(settings, s.Key+"="+s.Value)
		}
	}
	sort.Strings(settings)
	for _, s := range settings {
		fmt.Fprintf(&b, "setting %q\n", s)
	}
	if len(bi.Deps) == 0 {
		b.WriteString("modules not recorded\n") // a test binary
	}
	for _, m := range bi.Deps {
		fmt.Fprintf(&b, "module %s %s %s\n", m.Path, m.Version, m.Sum)
		if r := m.Replace; r != nil {
			if r.Version == "" {
				return "" // replaced by a directory: its content has no version
			}
			fmt.Fprintf(&b, "  replaced by %s %s %s\n", r.Path, r.Version, r.Sum)
		}
	}
	return b.String()
})

// checkChartArgs checks WriteChart's arguments.
func checkChartArgs(p *plot.Plot, format string, width, height vg.Length) error {
	if p == nil {
		return fmt.Errorf("%w: nil plot", ErrInvalidInput)
	}
	if format != "svg" && format != "png" {
		return fmt.Errorf("%w: unsupported format %q (want svg or png)", ErrInvalidInput, format)
	}
	if !(width > 2*chartMargin) || !(height > 2*chartMargin) || math.IsInf(float64(width), 0) || math.IsInf(float64(height), 0) {
		return fmt.Errorf("%w: size %v × %v is too small or not finite", ErrInvalidInput, width, height)
	}
	return nil
}

// hashCanvas is a canvas that draws nothing: it hashes every operation with its arguments,
// numbers by their exact bits.
type hashCanvas struct {
	w, h vg.Length
	sum  hash.Hash
	buf  [8]byte
}

var _ vg.CanvasSizer = (*hashCanvas)(nil)

func (c *hashCanvas) op(name string) { c.str(name) }

func (c *hashCanvas) num(v float64) {
	binary.LittleEndian.PutUint64(c.buf[:], math.Float64bits(v))
	c.sum.Write(c.buf[:])
}

func (c *hashCanvas) int(v int) { c.num(float64(v)) }

func (c *hashCanvas) str(s string) {
	c.int(len(s))
	c.sum.Write([]byte(s))
}

func (c *hashCanvas) point(p vg.Point) {
	c.num(float64(p.X))
	c.num(float64(p.Y))
}

func (c *hashCanvas) color(col color.Color) {
	if col == nil {
		c.str("nil")
		return
	}
	r, g, b, a := col.RGBA()
	c.str("rgba")
	for _, v := range []uint32{r, g, b, a} {
		c.int(int(v))
	}
}

func (c *hashCanvas) path(p vg.Path) {
	c.int(len(p))
	for _, comp := range p {
		c.int(comp.Type)
		c.point(comp.Pos)
		c.int(len(comp.Control))
		for _, q := range comp.Control {
			c.point(q)
		}
		c.num(float64(comp.Radius))
		c.num(comp.Start)
		c.num(comp.Angle)
	}
}

func (c *hashCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *hashCanvas) SetLineWidth(w vg.Length) { c.op("SetLineWidth"); c.num(float64(w)) }

func (c *hashCanvas) SetLineDash(pattern []vg.Length, offset vg.Length) {
	c.op("SetLineDash")
	c.int(len(pattern))
	for _, d := range pattern {
		c.num(float64(d))
	}
	c.num(float64(offset))
}

func (c *hashCanvas) SetColor(col color.Color) { c.op("SetColor"); c.color(col) }
func (c *hashCanvas) Rotate(rad float64)       { c.op("Rotate"); c.num(rad) }
func (c *hashCanvas) Translate(pt vg.Point)    { c.op("Translate"); c.point(pt) }
func (c *hashCanvas) Scale(x, y float64)       { c.op("Scale"); c.num(x); c.num(y) }
func (c *hashCanvas) Push()                    { c.op("Push") }
func (c *hashCanvas) Pop()                     { c.op("Pop") }
func (c *hashCanvas) Stroke(p vg.Path)         { c.op("Stroke"); c.path(p) }
func (c *hashCanvas) Fill(p vg.Path)           { c.op("Fill"); c.path(p) }

func (c *hashCanvas) FillString(f font.Face, pt vg.Point, text string) {
	c.op("FillString")
	c.str(string(f.Font.Typeface))
	c.str(string(f.Font.Variant))
	c.int(int(f.Font.Style))
	c.int(int(f.Font.Weight))
	c.num(float64(f.Font.Size))
	c.point(pt)
	c.str(text)
}

func (c *hashCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	c.op("DrawImage")
	c.point(rect.Min)
	c.point(rect.Max)
	b := img.Bounds()
	c.int(b.Min.X)
	c.int(b.Min.Y)
	c.int(b.Max.X)
	c.int(b.Max.Y)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c.color(img.At(x, y))
		}
	}
}
