package chart

import (
	"math"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// widthHandler is gonum/plot's plain text handler (text.Plain) with the widths of the texts
// remembered: gonum measures every label several times per chart (the axes' and the legend's
// glyph boxes, the padding, the drawing), and a report draws the same tick labels, captions
// and legend entries in chart after chart. font.Face.Width allocates a glyph buffer per call
// (about 50 MB a report) and reads the font's tables rune by rune. A remembered width is the
// one Width gave, so the drawing is the same to the last bit (TestWidthHandlerSameDrawing).
type widthHandler struct {
	plain text.Plain
}

// textWidths holds the widths widthHandler measured, for every chart of the process: a
// report's texts are a few thousand. Past maxTextWidths entries a text is measured without
// being remembered, so that a long-running server does not grow it without bound.
var textWidths = struct {
	sync.RWMutex
	m map[textKey]vg.Length
}{m: map[textKey]vg.Length{}}

const maxTextWidths = 1 << 14

type textKey struct {
	txt string
	fnt font.Font
}

// textHandler is the handler of every chart's texts (newPlot).
var textHandler text.Handler = widthHandler{plain: text.Plain{Fonts: font.DefaultCache}}

// width returns face.Width(txt) for fnt's face.
func (h widthHandler) width(face font.Face, fnt font.Font, txt string) vg.Length {
	k := textKey{txt, fnt}
	textWidths.RLock()
	w, ok := textWidths.m[k]
	textWidths.RUnlock()
	if ok {
		return w
	}
	w = face.Width(txt)
	textWidths.Lock()
	if len(textWidths.m) < maxTextWidths {
		textWidths.m[k] = w
	}
	textWidths.Unlock()
	return w
}

func (h widthHandler) Cache() *font.Cache                 { return h.plain.Cache() }
func (h widthHandler) Extents(fnt font.Font) font.Extents { return h.plain.Extents(fnt) }
func (h widthHandler) Lines(txt string) []string          { return h.plain.Lines(txt) }

// Box is text.Plain's Box with the width remembered.
func (h widthHandler) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	face := h.plain.Fonts.Lookup(fnt, fnt.Size)
	ext := face.Extents()
	return h.width(face, fnt, txt), ext.Ascent, ext.Descent
}

// Draw is text.Plain's Draw (gonum/plot v0.17.0, text/plain.go) with the widths remembered.
func (h widthHandler) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 {
		return
	}

	fnt := h.plain.Fonts.Lookup(sty.Font, sty.Font.Size)
	c.SetColor(sty.Color)

	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}

	sin64, cos64 := math.Sincos(sty.Rotation)
	cos := vg.Length(cos64)
	sin := vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin

	lines := h.Lines(txt)
	ht := sty.Height(txt)
	pt.Y += ht*vg.Length(sty.YAlign) - fnt.Extents().Ascent
	for i, line := range lines {
		xoffs := vg.Length(sty.XAlign) * h.width(fnt, sty.Font, line)
		n := vg.Length(len(lines) - i)
		c.FillString(fnt, pt.Add(vg.Point{X: xoffs, Y: n * sty.Font.Size}), line)
	}

	if sty.Rotation != 0 {
		c.Pop()
	}
}

// useWidthHandler makes h the text handler of everything p draws (what plot.New gave
// plot.DefaultTextHandler).
func useWidthHandler(p *plot.Plot, h text.Handler) {
	p.TextHandler = h
	p.Title.TextStyle.Handler = h
	p.Legend.TextStyle.Handler = h
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Handler = h
		a.Tick.Label.Handler = h
	}
}
