package chart

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Figure is one chart of a report: a drawing with its file name, title and description, written
// as SVG or PNG at the default size.
type Figure struct {
	// Name is the file name without extension: the chart is written as charts/<Name>.svg
	// and charts/<Name>.png. Names are unique within a report.
	Name string
	// Title says what the chart shows; Alt describes it for readers who cannot see it.
	Title string
	Alt   string
	Plot  *plot.Plot
	// Content is the content key of what the figure draws (package contentkey: its input,
	// captions and language, and the binary that draws it), set by the code that built Plot;
	// "" when not known. Figures with the same Content give the same bytes in each format, so
	// that a file an earlier run wrote from it can be reused (Key).
	Content string

	once   sync.Once
	svg    []byte
	pngKey string // see Key
	err    error
}

// Write writes the figure as "svg" or "png" at the default size.
func (f *Figure) Write(w io.Writer, format string) error {
	if format == "svg" {
		b, err := f.SVG()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	if err := WriteChart(w, f.Plot, format, DefaultWidth, DefaultHeight); err != nil {
		return fmt.Errorf("write figure %s: %w", f.Name, err)
	}
	return nil
}

// UseSVG makes svg, the bytes of this figure's SVG file as an earlier run wrote it from the
// same Content, the figure's SVG, so that it is not drawn again (for the HTML page, which holds
// it). It reports whether it did: not when the SVG was already drawn or given.
func (f *Figure) UseSVG(svg []byte) bool {
	used := false
	f.once.Do(func() {
		f.svg, used = svg, true
	})
	return used
}

// SVG returns the figure as SVG, rendering it once (and computing the PNG's content key on the
// way, see Key).
func (f *Figure) SVG() ([]byte, error) {
	f.once.Do(func() {
		var b bytes.Buffer
		key := newKeyCanvas("png", DefaultWidth, DefaultHeight)
		var tee vg.Canvas
		if key != nil {
			tee = key
		}
		if err := writeChart(&b, f.Plot, "svg", DefaultWidth, DefaultHeight, tee); err != nil {
			f.err = fmt.Errorf("write figure %s: write svg chart: %w", f.Name, err)
			return
		}
		f.svg = b.Bytes()
		if key != nil {
			f.pngKey = key.key()
		}
	})
	return f.svg, f.err
}
