package reports

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
)

// encodePNG writes img as an 8-bit PNG. An opaque image (every chart is: the canvas starts
// white) is written as RGB the way image/png writes it at BestSpeed, except for the per-row
// filter search, which was about 60% of the encoding: every row uses the Up filter (the row
// minus the one above it), which turns a chart's long runs of background and its horizontal
// lines into zeros that deflate well. The decoded pixels are the same; only the bytes
// differ. Any other image goes to image/png.
func encodePNG(w io.Writer, img *image.RGBA) error {
	if !img.Opaque() {
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	}
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	const bpp, colorType = 3, 2 // truecolour
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, colorType // bit depth; compression, filter and interlace are 0
	writeChunk(bw, "IHDR", ihdr[:])

	idat := &chunkWriter{w: bw, typ: "IDAT"}
	zw, err := zlib.NewWriterLevel(idat, zlib.BestSpeed)
	if err != nil {
		return err
	}
	rowLen := 1 + bpp*width
	prev := make([]byte, rowLen)
	cur := make([]byte, rowLen)
	filtered := make([]byte, rowLen)
	for y := 0; y < height; y++ {
		pix := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		for x, i := 0, 1; x < width; x, i = x+1, i+3 {
			cur[i], cur[i+1], cur[i+2] = pix[4*x], pix[4*x+1], pix[4*x+2]
		}
		filtered[0] = 2 // Up
		for i := 1; i < rowLen; i++ {
			filtered[i] = cur[i] - prev[i]
		}
		if _, err := zw.Write(filtered); err != nil {
			return err
		}
		prev, cur = cur, prev
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := idat.flush(); err != nil {
		return err
	}
	writeChunk(bw, "IEND", nil)
	return bw.Flush()
}

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
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc.Sum32())
	w.Write(sum[:])
}
