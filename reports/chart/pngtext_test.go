package chart

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"git.sr.ht/~sbinet/gg"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/draw"
	xf64 "golang.org/x/image/math/f64"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// TestGlyphInterpolator: glyphInterpolator gives the pixels draw.BiLinear gives, for random
// coverage masks, colours (translucent too), images under them (translucent too), moves by
// whole pixels partly or wholly off the image, masks read from an offset, and the cases it
// leaves to draw.BiLinear (a move by a fraction of a pixel, a scale, a rotation, another
// source).
func TestGlyphInterpolator(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 10))
	for i := range 3000 {
		dst := image.NewRGBA(image.Rect(r.IntN(5)-2, r.IntN(5)-2, 5+r.IntN(30), 5+r.IntN(30)))
		for k := 0; k < len(dst.Pix); k += 4 {
			a := uint8(255)
			if i%3 == 0 {
				a = uint8(r.IntN(256))
			}
			dst.Pix[k], dst.Pix[k+1], dst.Pix[k+2], dst.Pix[k+3] = uint8(r.IntN(int(a)+1)), uint8(r.IntN(int(a)+1)), uint8(r.IntN(int(a)+1)), a
		}
		mask := image.NewAlpha(image.Rect(0, 0, 1+r.IntN(20), 1+r.IntN(20)))
		for k := range mask.Pix {
			switch r.IntN(3) {
			case 0:
				mask.Pix[k] = 0
			case 1:
				mask.Pix[k] = 255
			default:
				mask.Pix[k] = uint8(r.IntN(256))
			}
		}
		ca := uint8(255)
		if i%2 == 0 {
			ca = uint8(r.IntN(256))
		}
		var src image.Image = image.NewUniform(color.RGBA{uint8(r.IntN(int(ca) + 1)), uint8(r.IntN(int(ca) + 1)), uint8(r.IntN(int(ca) + 1)), ca})
		if i%50 == 0 {
			other := image.NewRGBA(dst.Rect) // not a uniform colour
			copy(other.Pix, dst.Pix)
			src = other
		}
		mp := image.Pt(r.IntN(3), r.IntN(3))
		sr := image.Rect(0, 0, mask.Rect.Dx()-mp.X+r.IntN(3), mask.Rect.Dy()-mp.Y+r.IntN(3))
		m := xf64.Aff3{1, 0, float64(r.IntN(50) - 20), 0, 1, float64(r.IntN(50) - 20)}
		switch i % 20 {
		case 1:
			m[2] += 0.25
		case 2:
			m[0] = 1.5
		case 3:
			m[1], m[3] = 1, -1
		}
		want := image.NewRGBA(dst.Rect)
		copy(want.Pix, dst.Pix)
		opts := &draw.Options{SrcMask: mask, SrcMaskP: mp}
		draw.BiLinear.Transform(want, m, src, sr, draw.Over, opts)
		glyphInterpolator{}.Transform(dst, m, src, sr, draw.Over, opts)
		require.Equal(t, want.Pix, dst.Pix, "case %d: move %v", i, m)
	}
}

// TestGlyphInterpolatorText: text drawn by gg, straight and rotated, in colour and
// translucent, gives the same pixels with glyphInterpolator as with gg's draw.BiLinear.
func TestGlyphInterpolatorText(t *testing.T) {
	face := font.DefaultCache.Lookup(font.Font{Typeface: "Liberation", Variant: "Sans"}, vg.Points(11))
	require.NotNil(t, face.Face)
	for _, rotate := range []float64{0, 0.5} {
		var imgs [2]*image.RGBA
		for k, interp := range []draw.Interpolator{draw.BiLinear, glyphInterpolator{}} {
			img := image.NewRGBA(image.Rect(0, 0, 300, 120))
			for i := range img.Pix {
				img.Pix[i] = 255
			}
			ctx := gg.NewContextForRGBA(img)
			ctx.SetInterpolator(interp)
			ff := face.FontFace(PNGDPI)
			ctx.SetFontFace(ff)
			ctx.InvertY()
			ctx.Rotate(rotate)
			ctx.SetColor(color.RGBA{0x1f, 0x4e, 0x79, 0xff})
			ctx.DrawString("Progress 2021–2024: 57.1 % (n = 12)", 10.25, 40)
			ctx.SetColor(color.NRGBA{0xc0, 0x30, 0x30, 0x80})
			ctx.DrawString("États parties — ñ", 12, 80)
			ff.Close()
			imgs[k] = img
		}
		require.Equal(t, imgs[0].Pix, imgs[1].Pix, "rotation %v", rotate)
	}
}
