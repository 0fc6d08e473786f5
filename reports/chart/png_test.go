package chart

import (
	"bytes"
	stdadler32 "hash/adler32"
	"image"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// encodePNG decodes to the pixels image/png's encoding decodes to: opaque images (written as
// RGB), translucent ones (left to image/png), sizes whose compressed data spans several
// chunks, and a sub-image.
func TestEncodePNGRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 3))
	for _, tc := range []struct {
		w, h   int
		opaque bool
		noise  int // 1 in noise pixels random, the rest white: a chart-like image
	}{{1, 1, true, 1}, {7, 3, false, 1}, {1209, 680, true, 50}, {600, 400, false, 3}, {300, 300, true, 1}} {
		img := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
		for i := 0; i < len(img.Pix); i += 4 {
			c := [4]byte{255, 255, 255, 255}
			if r.IntN(tc.noise) == 0 {
				c = [4]byte{byte(r.IntN(256)), byte(r.IntN(256)), byte(r.IntN(256)), 255}
				if !tc.opaque {
					c[3] = byte(r.IntN(256))
					for k := 0; k < 3; k++ { // premultiplied: no channel above alpha
						c[k] = min(c[k], c[3])
					}
				}
			}
			copy(img.Pix[i:], c[:])
		}
		for _, sub := range []bool{false, true} {
			im := cloneRGBA(img) // encodePNG overwrites the pixels of an opaque image
			if sub {
				im = im.SubImage(image.Rect(tc.w/3, tc.h/3, tc.w, tc.h)).(*image.RGBA)
			}
			var b, ref bytes.Buffer
			require.NoError(t, png.Encode(&ref, im))
			require.NoError(t, encodePNG(&b, im))
			require.Equal(t, decodeRGBA(t, &ref).Pix, decodeRGBA(t, &b).Pix, "%dx%d opaque=%v", tc.w, tc.h, tc.opaque)
		}
	}
}

func cloneRGBA(img *image.RGBA) *image.RGBA {
	c := *img
	c.Pix = append([]byte(nil), img.Pix...)
	return &c
}

func decodeRGBA(t *testing.T, b *bytes.Buffer) *image.RGBA {
	dec, err := png.Decode(b)
	require.NoError(t, err)
	out := image.NewRGBA(image.Rect(0, 0, dec.Bounds().Dx(), dec.Bounds().Dy()))
	draw.Draw(out, out.Bounds(), dec, dec.Bounds().Min, draw.Src)
	return out
}

// newImageCanvas draws the same pixels as the canvas vgimg.NewWith makes for the size and
// resolution, also when its image comes back from the pool holding another chart, and with
// its glyphs rasterised now or remembered from a chart before (pngCanvas).
func TestNewImageCanvasSamePixels(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.build()
			require.NoError(t, err)
			ref := vgimg.NewWith(vgimg.UseWH(DefaultWidth, DefaultHeight), vgimg.UseDPI(PNGDPI))
			drawChart(ref, p, "png", nil)
			want := ref.Image().(*image.RGBA)
			for range 2 { // the second image is the pooled one, with the first chart on it
				c, img := newImageCanvas(DefaultWidth, DefaultHeight)
				w, h := c.Size()
				require.Equal(t, []vg.Length{DefaultWidth, DefaultHeight}, []vg.Length{w, h})
				drawChart(c, p, "png", nil)
				require.Equal(t, want.Rect, img.Rect)
				require.True(t, bytes.Equal(want.Pix, img.Pix), "pixels differ")
				releaseImage(img)
			}
		})
	}
}

// adler32 gives hash/adler32's checksum: sparse and dense data, runs long enough to need the
// modular reduction, lengths that are not multiples of eight, and a checksum continued over
// several calls.
func TestAdler32(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 4))
	for _, n := range []int{0, 1, 7, 8, 9, 63, 5552, 5553, 3631, 40000, 100003} {
		for _, fill := range []int{0, 1, 20, 255} { // percent of non-zero bytes; 255: all 0xff
			p := make([]byte, n)
			for i := range p {
				switch {
				case fill == 255:
					p[i] = 0xff
				case r.IntN(100) < fill:
					p[i] = byte(r.IntN(256))
				}
			}
			require.Equal(t, stdadler32.Checksum(p), adler32(1, p), "n=%d fill=%d", n, fill)
			h := stdadler32.New()
			sum := uint32(1)
			for rest := p; len(rest) > 0; {
				k := min(len(rest), 1+r.IntN(9000))
				h.Write(rest[:k])
				sum = adler32(sum, rest[:k])
				rest = rest[k:]
			}
			require.Equal(t, h.Sum32(), sum, "in pieces: n=%d fill=%d", n, fill)
		}
	}
}

// opaque agrees with image.RGBA.Opaque, wherever the one translucent pixel is, for odd and
// even widths and sub-images.
func TestOpaque(t *testing.T) {
	for _, w := range []int{1, 2, 3, 8, 9} {
		img := image.NewRGBA(image.Rect(0, 0, w, 3))
		for i := range img.Pix {
			img.Pix[i] = 0xff
		}
		require.True(t, opaque(img))
		for i := 3; i < len(img.Pix); i += 4 {
			img.Pix[i] = 0xfe
			require.False(t, opaque(img), "w=%d pixel %d", w, i/4)
			sub := img.SubImage(image.Rect(0, 1, w, 2)).(*image.RGBA)
			require.Equal(t, sub.Opaque(), opaque(sub), "w=%d pixel %d, middle row", w, i/4)
			img.Pix[i] = 0xff
		}
	}
	require.True(t, opaque(image.NewRGBA(image.Rectangle{})))
}

// TestUpFilter: upFilter gives the byte-wise RGB differences of every width, with runs of
// equal and different pixels (its 64-pixel, eight-pixel, two-pixel and one-pixel steps), and
// with one pixel changed anywhere in rows otherwise equal (a 64-pixel block that is not equal
// after all).
func TestUpFilter(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 11))
	widths := []int{}
	for w := range 70 {
		widths = append(widths, w)
	}
	widths = append(widths, 127, 128, 129, 191, 200, 333, 605, 1210)
	for _, w := range widths {
		for _, differ := range []int{0, -1, 5, 50, 100} { // percent of bytes that differ from the row above; -1: one byte
			row, prev := make([]byte, 4*w), make([]byte, 4*w)
			for i := range row {
				prev[i] = byte(r.IntN(256))
				row[i] = prev[i]
				if r.IntN(100) < differ {
					row[i] = byte(r.IntN(256))
				}
			}
			if differ == -1 && w > 0 {
				row[r.IntN(4*w)]++
			}
			want := make([]byte, 3*w)
			for x := range w {
				for c := range 3 {
					want[3*x+c] = row[4*x+c] - prev[4*x+c]
				}
			}
			dst := make([]byte, 3*w+8)
			for i := range dst {
				dst[i] = 0xaa // what was there before is overwritten
			}
			upFilter(dst, row, prev)
			require.Equal(t, want, dst[:3*w], "width %d, %d%% differ", w, differ)
		}
	}
}
