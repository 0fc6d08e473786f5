package chart

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/draw"
	xf64 "golang.org/x/image/math/f64"
)

// glyphInterpolator is the interpolator of the PNG canvas's gg context (gg's default is
// draw.BiLinear). gg draws every glyph of a text with the interpolator's Transform: the
// font's coverage mask as the source mask over a uniform colour, moved by the context's
// matrix. For text that is not rotated or scaled that matrix is a move by whole pixels, and
// draw.BiLinear then takes its generic path (an interface call and a colour conversion per
// pixel, a quarter of a chart's drawing and encoding time) to compute what one formula gives:
// each pixel blended with the colour times the mask's coverage at the same place. That case
// is done here, with the very integer arithmetic and rounding of draw.BiLinear's generic path
// (weights 1 and 0, so its floating-point sums are exact), pixel for pixel the same;
// everything else goes to draw.BiLinear. TestGlyphInterpolator compares the two.
type glyphInterpolator struct{}

var bilinear draw.Interpolator = draw.BiLinear

func (glyphInterpolator) Scale(dst draw.Image, dr image.Rectangle, src image.Image, sr image.Rectangle, op draw.Op, opts *draw.Options) {
	bilinear.Scale(dst, dr, src, sr, op, opts)
}

func (glyphInterpolator) Transform(dst draw.Image, s2d xf64.Aff3, src image.Image, sr image.Rectangle, op draw.Op, opts *draw.Options) {
	d, dOK := dst.(*image.RGBA)
	u, uOK := src.(*image.Uniform)
	var mask *image.Alpha
	if opts != nil && opts.DstMask == nil {
		mask, _ = opts.SrcMask.(*image.Alpha)
	}
	tx, ty, move := wholeMove(s2d)
	if !dOK || !uOK || mask == nil || op != draw.Over || !move {
		bilinear.Transform(dst, s2d, src, sr, op, opts)
		return
	}
	glyphOver(d, tx, ty, u.C, sr, mask, opts.SrcMaskP)
}

// wholeMove reports whether m moves by whole pixels only, and by how much.
func wholeMove(m xf64.Aff3) (tx, ty int, ok bool) {
	const limit = 1 << 24 // far beyond any chart, and exact as float64 and int
	if m[0] != 1 || m[1] != 0 || m[3] != 0 || m[4] != 1 ||
		m[2] != math.Trunc(m[2]) || m[5] != math.Trunc(m[5]) || math.Abs(m[2]) > limit || math.Abs(m[5]) > limit {
		return 0, 0, false
	}
	return int(m[2]), int(m[5]), true
}

// glyphOver blends colour c, through the coverage of mask (mask point mp for source point
// sr.Min... as draw.Options.SrcMaskP), over dst at sr moved by (tx, ty): what
// draw.BiLinear.Transform does for such a move with op Over.
func glyphOver(dst *image.RGBA, tx, ty int, c color.Color, sr image.Rectangle, mask *image.Alpha, mp image.Point) {
	adr := dst.Rect.Intersect(sr.Add(image.Pt(tx, ty)))
	if adr.Empty() || sr.Empty() {
		return
	}
	cr, cg, cb, ca := c.RGBA()
	// the columns whose mask point is within the mask (others have no coverage: such a pixel
	// keeps its colour), the same for every row
	x0 := max(adr.Min.X, mask.Rect.Min.X-mp.X+tx)
	x1 := min(adr.Max.X, mask.Rect.Max.X-mp.X+tx)
	if x0 >= x1 {
		return
	}
	for y := adr.Min.Y; y < adr.Max.Y; y++ {
		my := mp.Y + y - ty // the mask row
		if my < mask.Rect.Min.Y || my >= mask.Rect.Max.Y {
			continue
		}
		mrow := mask.Pix[mask.PixOffset(mp.X+x0-tx, my):][:x1-x0]
		row := dst.Pix[dst.PixOffset(x0, y):][:4*(x1-x0)]
		for i, ma := range mrow {
			if ma == 0 {
				continue
			}
			ma := uint32(ma)
			ma |= ma << 8
			pr, pg, pb, pa := cr*ma/0xffff, cg*ma/0xffff, cb*ma/0xffff, ca*ma/0xffff
			pr, pg, pb = min(pr, pa), min(pg, pa), min(pb, pa)
			pa1 := 0xffff - pa
			px := row[4*i : 4*i+4 : 4*i+4]
			qr, qg, qb, qa := uint32(px[0])*0x101, uint32(px[1])*0x101, uint32(px[2])*0x101, uint32(px[3])*0x101
			px[0] = uint8(uint16(qr*pa1/0xffff+pr) >> 8)
			px[1] = uint8(uint16(qg*pa1/0xffff+pg) >> 8)
			px[2] = uint8(uint16(qb*pa1/0xffff+pb) >> 8)
			px[3] = uint8(uint16(qa*pa1/0xffff+pa) >> 8)
		}
	}
}
