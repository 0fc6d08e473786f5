package reports

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
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
		for _, im := range []*image.RGBA{img, img.SubImage(image.Rect(tc.w/3, tc.h/3, tc.w, tc.h)).(*image.RGBA)} {
			var b, ref bytes.Buffer
			require.NoError(t, encodePNG(&b, im))
			require.NoError(t, png.Encode(&ref, im))
			require.Equal(t, decodeRGBA(t, &ref).Pix, decodeRGBA(t, &b).Pix, "%dx%d opaque=%v", tc.w, tc.h, tc.opaque)
		}
	}
}

func decodeRGBA(t *testing.T, b *bytes.Buffer) *image.RGBA {
	dec, err := png.Decode(b)
	require.NoError(t, err)
	out := image.NewRGBA(image.Rect(0, 0, dec.Bounds().Dx(), dec.Bounds().Dy()))
	draw.Draw(out, out.Bounds(), dec, dec.Bounds().Min, draw.Src)
	return out
}
