package chart

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"runtime"
	"slices"
	"sync"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// imagePool keeps the images charts are rasterised into (3.3 MB each at the default size), so
// that a report does not allocate, clear and collect one per chart.
var imagePool keep[image.RGBA]

// keep holds up to as many values between uses as there are processors (at most 8): those a
// report's chart workers hand on from one chart to the next. Unlike a sync.Pool, which the
// garbage collector empties at every other cycle (a report has about 25), it keeps them: each
// chart image allocated anew was 3.3 MB of fresh memory (about 800 page faults, and, under
// lap report's memory limit, as many pages given back to the system first).
type keep[T any] struct {
	mu   sync.Mutex
	free []*T
}

// get returns a kept value, or nil when there is none.
func (k *keep[T]) get() *T {
	k.mu.Lock()
	defer k.mu.Unlock()
	if n := len(k.free); n > 0 {
		x := k.free[n-1]
		k.free[n-1] = nil
		k.free = k.free[:n-1]
		return x
	}
	return nil
}

// put keeps x for a later get, unless as many values as there are processors are kept.
func (k *keep[T]) put(x *T) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.free) < min(runtime.GOMAXPROCS(0), 8) {
		k.free = append(k.free, x)
	}
}

// newImageCanvas returns a white image canvas of the given size at PNGDPI and the image it
// draws into. It is what vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(PNGDPI))
// gives, pixel for pixel, without the two full-size images that allocates (gg's context
// copies the canvas's image into a new one): the image comes from imagePool, and the context
// draws into it directly, and its texts are drawn from remembered glyphs (pngCanvas). Give the
// image back with releaseImage once it is encoded.
func newImageCanvas(width, height vg.Length) (pngCanvas, *image.RGBA) {
	w := width / vg.Inch * vg.Length(PNGDPI)
	h := height / vg.Inch * vg.Length(PNGDPI)
	r := image.Rect(0, 0, int(w+0.5), int(h+0.5)) // as vgimg.NewWith rounds
	img := imagePool.get()
	if img == nil || img.Rect != r {
		img = image.NewRGBA(r)
	}
	ctx := gg.NewContextForRGBA(img)         // as vgimg.NewWith sets up its own context
	ctx.SetInterpolator(glyphInterpolator{}) // the same pixels as gg's draw.BiLinear, faster for text
	ctx.SetLineCapButt()
	ctx.InvertY()
	// vgimg has no option for both a size and a context; its options are functions of the
	// canvas, so one that applies both does it. NewWith then paints the image white.
	both := func(c *vgimg.Canvas) uint32 {
		vgimg.UseWH(width, height)(c)
		vgimg.UseImageWithContext(img, ctx)(c)
		return 0
	}
	return pngCanvas{vgimg.NewWith(vgimg.UseDPI(PNGDPI), both), ctx}, img
}

// releaseImage gives an image of newImageCanvas back to imagePool.
func releaseImage(img *image.RGBA) { imagePool.put(img) }

// encodePNG writes img as an 8-bit PNG. An opaque image (every chart is: the canvas starts
// white) is written as RGB with every row Up-filtered (the row minus the one above it, which
// turns a chart's long runs of background and its vertical lines into zeros) and compressed
// by the deflater of deflate.go as one block, rather than by image/png's per-row
// filter search and compress/flate's 64 KiB blocks, which were most of a report's time. The
// decoded pixels are those image/png's encoding gives; only the bytes differ (and they no
// longer depend on the Go release's compress/flate). Any other image goes to image/png.
//
// An opaque image's pixels are overwritten (by its filtered rows): the image is the canvas a
// chart was drawn on, given back to imagePool once encoded.
//
// The zlib stream is written here around the deflate stream (header, deflate, Adler-32), for
// a checksum that skips zero bytes eight at a time (adler32).
func encodePNG(w io.Writer, img *image.RGBA) error {
	if !opaque(img) {
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	}
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	const bpp, colorType = 3, 2 // truecolour
	enc := encoderPool.get()
	if enc == nil {
		enc = &pngEncoder{bw: bufio.NewWriterSize(nil, 64<<10)}
	}
	defer encoderPool.put(enc)
	bw := enc.bw
	bw.Reset(w)
	defer bw.Reset(nil) // w is not kept
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, colorType // bit depth; compression, filter and interlace are 0
	writeChunk(bw, "IHDR", ihdr[:])

	rowLen := 1 + bpp*width
	// The filtered rows go over the image's own pixels when the image is its whole buffer and
	// they fit: filtered row y (with upFilter's 8 bytes of slack) ends at or before row y+1
	// begins, which holds once a row has 9 pixels. Rows y and y-1 are copied out before row y
	// is filtered.
	base := img.PixOffset(b.Min.X, b.Min.Y)
	var filtered []byte
	if base == 0 && img.Stride == 4*width && width >= 9 && len(img.Pix) >= rowLen*height+8 {
		filtered = img.Pix[base:][:rowLen*height+8]
	} else {
		filtered = make([]byte, rowLen*height+8)
	}
	enc.cur = slices.Grow(enc.cur[:0], 4*width)[:4*width]
	enc.prev = slices.Grow(enc.prev[:0], 4*width)[:4*width]
	clear(enc.prev) // the row above the first is zeros
	for y := 0; y < height; y++ {
		copy(enc.cur, img.Pix[base+y*img.Stride:][:4*width])
		f := filtered[y*rowLen:]
		f[0] = 2 // Up
		upFilter(f[1:rowLen+8], enc.cur, enc.prev)
		enc.cur, enc.prev = enc.prev, enc.cur
	}
	filtered = filtered[:rowLen*height]
	idat := &chunkWriter{w: bw, typ: "IDAT", buf: enc.chunk[:0]}
	defer func() { enc.chunk = idat.buf[:0] }()
	idat.Write([]byte{0x78, 0x01}) // zlib: deflate with a 32 KiB window, the fastest level
	idat.Write(enc.z.deflate(filtered, bpp, rowLen))
	var trailer [4]byte
	binary.BigEndian.PutUint32(trailer[:], adler32(1, filtered)) // of the uncompressed data
	idat.Write(trailer[:])
	if err := idat.flush(); err != nil {
		return err
	}
	writeChunk(bw, "IEND", nil)
	return bw.Flush()
}

// pngEncoder holds encodePNG's buffers from one chart to the next (encoderPool): two rows,
// the compressor's, the IDAT chunk's and the writer's.
type pngEncoder struct {
	cur, prev []byte
	z         deflater
	chunk     []byte
	bw        *bufio.Writer
}

var encoderPool keep[pngEncoder]

// opaque reports whether every pixel of img has full alpha, as img.Opaque does, two pixels at
// a time.
func opaque(img *image.RGBA) bool {
	b := img.Bounds()
	if b.Empty() {
		return true
	}
	const alpha = 0xff000000ff000000
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):][:4*b.Dx()]
		acc := uint64(alpha)
		for ; len(row) >= 32; row = row[32:] {
			w := row[:32]
			acc &= binary.LittleEndian.Uint64(w[0:]) & binary.LittleEndian.Uint64(w[8:]) &
				binary.LittleEndian.Uint64(w[16:]) & binary.LittleEndian.Uint64(w[24:])
		}
		for ; len(row) >= 8; row = row[8:] {
			acc &= binary.LittleEndian.Uint64(row)
		}
		if acc&alpha != alpha || len(row) == 4 && row[3] != 0xff {
			return false
		}
	}
	return true
}

// upFilter writes the RGB bytes of row (RGBA pixels) minus those of prev (the row above) into
// dst, which holds 8 bytes more than 3 per pixel. Two pixels are done at a time as one 64-bit
// word: a byte-wise subtraction without borrows between bytes, then the two alpha bytes
// squeezed out.
func upFilter(dst, row, prev []byte) {
	le := binary.LittleEndian
	// 64 pixels a turn where they equal those above (a chart's background and vertical lines:
	// most of it), compared by the runtime's vectorised comparison, else eight at a time
	for len(row) >= 256 && len(prev) >= 256 && len(dst) >= 200 {
		if string(row[:256]) == string(prev[:256]) {
			clear(dst[:192])
		} else {
			for k := 0; k < 8; k++ {
				upFilter8(dst[24*k:], row[32*k:], prev[32*k:])
			}
		}
		row, prev, dst = row[256:], prev[256:], dst[192:]
	}
	for len(row) >= 32 && len(prev) >= 32 && len(dst) >= 32 { // eight pixels a turn
		upFilter8(dst, row, prev)
		row, prev, dst = row[32:], prev[32:], dst[24:]
	}
	for len(row) >= 8 && len(prev) >= 8 && len(dst) >= 8 {
		le.PutUint64(dst, upPair(le.Uint64(row), le.Uint64(prev)))
		row, prev, dst = row[8:], prev[8:], dst[6:]
	}
	if len(row) >= 4 && len(prev) >= 4 && len(dst) >= 3 { // an odd pixel at the end
		dst[0], dst[1], dst[2] = row[0]-prev[0], row[1]-prev[1], row[2]-prev[2]
	}
}

// upFilter8 is upFilter for the first eight pixels of row (32 bytes of row and prev, 24 of
// dst and 8 bytes of slack).
func upFilter8(dst, row, prev []byte) {
	le := binary.LittleEndian
	r, p, d := row[:32], prev[:32], dst[:32]
	a0, a1, a2, a3 := le.Uint64(r[0:]), le.Uint64(r[8:]), le.Uint64(r[16:]), le.Uint64(r[24:])
	p0, p1, p2, p3 := le.Uint64(p[0:]), le.Uint64(p[8:]), le.Uint64(p[16:]), le.Uint64(p[24:])
	if a0 == p0 && a1 == p1 && a2 == p2 && a3 == p3 { // mostly: a chart's background and vertical lines
		le.PutUint64(d[0:], 0)
		le.PutUint64(d[8:], 0)
		le.PutUint64(d[16:], 0)
		return
	}
	le.PutUint64(d[0:], upPair(a0, p0))
	le.PutUint64(d[6:], upPair(a1, p1))
	le.PutUint64(d[12:], upPair(a2, p2))
	le.PutUint64(d[18:], upPair(a3, p3))
}

// upPair is the Up filter of two RGBA pixels a over p (little-endian words): the six RGB
// byte-wise differences, without borrows between bytes, in the low six bytes.
func upPair(a, p uint64) uint64 {
	const hi = 0x8080808080808080
	d := ((a | hi) - (p &^ hi)) ^ ((a ^ ^p) & hi)
	return d&0xffffff | (d>>8)&0xffffff000000
}

// adler32 updates the Adler-32 checksum sum with p as hash/adler32 does, but adds a word of
// eight zero bytes in one step (the first sum is unchanged by them, the second grows by eight
// times the first): a filtered chart row is mostly zeros.
func adler32(sum uint32, p []byte) uint32 {
	const (
		mod  = 65521 // the largest prime below 2^16
		nmax = 5552  // the most bytes before the sums could overflow 32 bits
	)
	s1, s2 := sum&0xffff, sum>>16
	for len(p) > 0 {
		var q []byte
		if len(p) > nmax {
			p, q = p[:nmax], p[nmax:]
		}
		for len(p) >= 32 { // four words a turn, to skip zeros quickly
			w := p[:32]
			if binary.LittleEndian.Uint64(w[0:])|binary.LittleEndian.Uint64(w[8:])|
				binary.LittleEndian.Uint64(w[16:])|binary.LittleEndian.Uint64(w[24:]) == 0 {
				if len(p) >= 256 && string(p[:256]) == string(zeros256[:]) { // the runtime's vectorised comparison
					s2 += 256 * s1
					p = p[256:]
					continue
				}
				s2 += 32 * s1
				p = p[32:]
				continue
			}
			for _, x := range w {
				s1 += uint32(x)
				s2 += s1
			}
			p = p[32:]
		}
		for ; len(p) >= 8; p = p[8:] {
			if binary.LittleEndian.Uint64(p) == 0 {
				s2 += 8 * s1
				continue
			}
			for _, x := range p[:8] {
				s1 += uint32(x)
				s2 += s1
			}
		}
		for _, x := range p {
			s1 += uint32(x)
			s2 += s1
		}
		s1 %= mod
		s2 %= mod
		p = q
	}
	return s2<<16 | s1
}

// zeros256 is what adler32 compares a filtered chart's runs of zeros with.
var zeros256 [256]byte

// chunkWriter cuts what is written to it into chunks of one type, 64 KiB at most each.
type chunkWriter struct {
	w   *bufio.Writer
	typ string
	buf []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	const max = 64 << 10
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), max-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == max {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	writeChunk(c.w, c.typ, c.buf)
	c.buf = c.buf[:0]
	return nil
}

func writeChunk(w *bufio.Writer, typ string, data []byte) {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], typ)
	w.Write(hdr[:])
	w.Write(data)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc32.Update(crc32.ChecksumIEEE(hdr[4:]), crc32.IEEETable, data))
	w.Write(sum[:])
}
