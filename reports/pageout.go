package reports

import (
	"bufio"
	"io"
)

// rowWriter is what the row functions (html_rows.go, markdown_rows.go) write into: a
// strings.Builder, or the page itself (pageOut).
type rowWriter interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

// pageOut is the writer a page's template is executed into, given to the template as .Out.
// The row functions that write most of a page (actionArticles, mdActions: the actions'
// articles with their charts, two thirds of report.html) write there directly, where they
// are called, instead of making a string of a section that the template then copies again
// (fmt's buffer) on its way to the file. Template execution writes its own text straight to
// the same writer, in order, so what such a function writes lands where its call stands;
// it may be called only where its value is printed (never in a condition or an argument).
type pageOut struct{ w rowWriter }

// newPageOut returns the writer to execute a page's template into and the function to call
// once it is done: w itself when it is a *bufio.Writer (lap report streams a page through
// one), else a buffer over w, flushed by done.
func newPageOut(w io.Writer) (*pageOut, func() error) {
	if bw, ok := w.(*bufio.Writer); ok {
		return &pageOut{w: bw}, func() error { return nil }
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	return &pageOut{w: bw}, bw.Flush
}

// grow makes room for n more bytes in b when b is a strings.Builder.
func grow(b rowWriter, n int) {
	if sb, ok := b.(interface{ Grow(int) }); ok {
		sb.Grow(n)
	}
}
