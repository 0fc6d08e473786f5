package chart

import (
	"image"
	"image/draw"
	"sync"

	"git.sr.ht/~sbinet/gg"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	plotfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// pngCanvas is the image canvas of a PNG chart (newImageCanvas) with its text drawn from
// remembered glyphs. vgimg draws every text through a new font face (opentype.NewFace), which
// rasterises each glyph anew: a report draws about 2,000 texts, mostly the same few dozen
// characters in three sizes, and rasterising them was about a twentieth of its instructions.
// A glyph's coverage mask depends only on the font, its size, the resolution, the character
// and where the pen stands within a pixel (the dot's 1/64 fractions); its place is the same
// rectangle moved by the dot's whole pixels (opentype.Face.Glyph computes both in fixed
// point). So a mask made once is the mask opentype would make again, and the pixels are the
// same (TestPNGCanvasSamePixels, and the golden PNGs).
type pngCanvas struct {
	*vgimg.Canvas
	ctx *gg.Context
}

// FillString is vgimg.Canvas.FillString (gonum/plot v0.17.0, vg/vgimg/vgimg.go) with the font
// face of faceFor.
func (c pngCanvas) FillString(fnt plotfont.Face, pt vg.Point, str string) {
	if fnt.Font.Size == 0 {
		return
	}

	c.ctx.Push()
	defer c.ctx.Pop()

	c.ctx.SetFontFace(faceFor(fnt, c.DPI()))

	x := pt.X.Dots(c.DPI())
	y := pt.Y.Dots(c.DPI())
	_, hh := c.Size()
	h := hh.Dots(c.DPI())

	c.ctx.InvertY()
	c.ctx.DrawString(str, x, h-y)
}

// glyphFace is a font face of one font, size and resolution whose glyphs are remembered. It is
// safe for concurrent use: the opentype face under it is used under mu.
type glyphFace struct {
	mu      sync.Mutex
	face    font.Face // opentype's, as vgimg makes it (plot/font.Face.FontFace)
	metrics font.Metrics
	glyphs  map[glyphKey]glyph
	size    int // bytes of the masks held
}

type glyphKey struct {
	r      rune
	fx, fy fixed.Int26_6 // the dot within its pixel
}

type glyph struct {
	dr      image.Rectangle // for a dot in pixel (0, 0)
	mask    *image.Alpha    // nil when ok is false
	maskp   image.Point
	advance fixed.Int26_6
	ok      bool
}

type faceKey struct {
	font *sfnt.Font
	size vg.Length
	dpi  float64
}

// glyphFaces holds a glyphFace per font, size and resolution: a report's charts use three.
var glyphFaces = struct {
	sync.Mutex
	m map[faceKey]*glyphFace
}{m: map[faceKey]*glyphFace{}}

// maxGlyphBytes bounds the masks a glyphFace keeps (the sample report's charts make about
// 5,400 masks of 1 MB in all over four faces, and find 73% of their glyphs among them); past
// it a glyph is rasterised without being kept.
const maxGlyphBytes = 4 << 20

// faceFor returns the glyphFace of fnt at dpi.
func faceFor(fnt plotfont.Face, dpi float64) *glyphFace {
	k := faceKey{fnt.Face, fnt.Font.Size, dpi}
	glyphFaces.Lock()
	defer glyphFaces.Unlock()
	f := glyphFaces.m[k]
	if f == nil {
		face := fnt.FontFace(dpi)
		f = &glyphFace{face: face, metrics: face.Metrics(), glyphs: map[glyphKey]glyph{}}
		glyphFaces.m[k] = f
	}
	return f
}

// Close does nothing: the face is kept for the charts to come.
func (f *glyphFace) Close() error { return nil }

func (f *glyphFace) Metrics() font.Metrics { return f.metrics }

func (f *glyphFace) Kern(r0, r1 rune) fixed.Int26_6 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.face.Kern(r0, r1)
}

func (f *glyphFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.face.GlyphAdvance(r)
}

func (f *glyphFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.face.GlyphBounds(r)
}

// Glyph returns what the opentype face's Glyph returns for dot and r: the mask made for the
// same character at the same place within a pixel, moved by the dot's whole pixels. The mask
// is shared: it must not be changed (gg only reads it).
func (f *glyphFace) Glyph(dot fixed.Point26_6, r rune) (dr image.Rectangle, mask image.Image, maskp image.Point, advance fixed.Int26_6, ok bool) {
	whole := image.Pt(dot.X.Floor(), dot.Y.Floor())
	k := glyphKey{r, dot.X - fixed.Int26_6(whole.X<<6), dot.Y - fixed.Int26_6(whole.Y<<6)}
	f.mu.Lock()
	defer f.mu.Unlock()
	g, found := f.glyphs[k]
	if !found {
		d := fixed.Point26_6{X: k.fx, Y: k.fy}
		dr, m, mp, adv, ok := f.face.Glyph(d, r)
		g = glyph{dr: dr, maskp: mp, advance: adv, ok: ok}
		if ok {
			// a copy: opentype's mask is its own buffer, made anew by its next glyph
			if a, isAlpha := m.(*image.Alpha); isAlpha {
				g.mask = &image.Alpha{Pix: append([]uint8(nil), a.Pix...), Stride: a.Stride, Rect: a.Rect}
			} else {
				g.mask = image.NewAlpha(m.Bounds())
				draw.Draw(g.mask, m.Bounds(), m, m.Bounds().Min, draw.Src)
			}
		}
		if f.size+len(g.maskPix()) <= maxGlyphBytes {
			f.glyphs[k] = g
			f.size += len(g.maskPix())
		}
	}
	if !g.ok {
		return g.dr, nil, g.maskp, g.advance, false
	}
	return g.dr.Add(whole), g.mask, g.maskp, g.advance, true
}

func (g glyph) maskPix() []uint8 {
	if g.mask == nil {
		return nil
	}
	return g.mask.Pix
}
