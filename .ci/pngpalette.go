// Command pngpalette rewrites PNG screenshots with a palette of their 256 most frequent
// colours, each other colour drawn as the nearest of those (the antialiased edges of text),
// so that the pictures in docs/ stay small: about half the bytes of Chromium's and
// pdftoppm's true-colour files, and the same to the eye. The same file gives the same
// bytes. A file that would not shrink is left as it is. Used by .ci/screenshots.sh:
//
//	go run .ci/pngpalette.go FILE.png...
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run .ci/pngpalette.go FILE.png...")
		os.Exit(2)
	}
	for _, f := range os.Args[1:] {
		before, after, err := shrink(f)
		if err != nil {
			fmt.Fprintf(os.Stderr, "pngpalette: %s: %v\n", f, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d → %d bytes\n", f, before, after)
	}
}

// shrink rewrites file with a palette when that makes it smaller (temp file, then rename).
func shrink(file string) (before, after int, err error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, 0, err
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, 0, fmt.Errorf("decode: %w", err)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, paletted(img)); err != nil {
		return 0, 0, fmt.Errorf("encode: %w", err)
	}
	if buf.Len() >= len(b) {
		return len(b), len(b), nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".pngpalette-*")
	if err != nil {
		return 0, 0, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return 0, 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, 0, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return 0, 0, err
	}
	return len(b), buf.Len(), os.Rename(tmp.Name(), file)
}

// paletted draws img with its 256 most frequent colours (ties broken by the colour's value,
// so that the result never depends on map order).
func paletted(img image.Image) *image.Paletted {
	r := img.Bounds()
	freq := map[color.RGBA]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			freq[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	cols := make([]color.RGBA, 0, len(freq))
	for c := range freq {
		cols = append(cols, c)
	}
	key := func(c color.RGBA) uint32 { return uint32(c.R)<<24 | uint32(c.G)<<16 | uint32(c.B)<<8 | uint32(c.A) }
	sort.Slice(cols, func(i, j int) bool {
		if freq[cols[i]] != freq[cols[j]] {
			return freq[cols[i]] > freq[cols[j]]
		}
		return key(cols[i]) < key(cols[j])
	})
	if len(cols) > 256 {
		cols = cols[:256]
	}
	pal := make(color.Palette, len(cols))
	for i, c := range cols {
		pal[i] = c
	}
	p := image.NewPaletted(r, pal)
	index := map[color.RGBA]uint8{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := index[c]
			if !ok {
				i = uint8(pal.Index(c))
				index[c] = i
			}
			p.SetColorIndex(x, y, i)
		}
	}
	return p
}
