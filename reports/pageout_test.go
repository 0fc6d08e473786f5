package reports

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/lapmonitor/lap/reports/locale"
	"github.com/stretchr/testify/require"
)

// TestPageOut: report.html and report.md whose longest lists are written straight into the
// page's writer (pageOut) are byte for byte the pages whose row functions give the template
// their rows as strings, whatever the writer: lap report's buffered file, the smallest
// buffer there is (16 bytes: a flush inside nearly every write), any other writer.
func TestPageOut(t *testing.T) {
	r := sampleReport(t, locale.French)
	require.NoError(t, r.figures())
	var html, md strings.Builder
	require.NoError(t, htmlIn(r.doc.Lang).Execute(&html, htmlData(r.doc, nil)))
	require.NoError(t, markdownIn(r.doc.Lang).Execute(&md, markdownData(r.doc, r.m.ChartFormat, nil)))
	require.Contains(t, html.String(), `<article id="action-1">`)
	require.Contains(t, md.String(), `<a id="action-1"></a>`)
	for name, write := range map[string]func(*bytes.Buffer, int) error{
		"html": func(b *bytes.Buffer, size int) error {
			if size == 0 {
				return r.WriteHTML(b)
			}
			w := bufio.NewWriterSize(b, size)
			if err := r.WriteHTML(w); err != nil {
				return err
			}
			return w.Flush()
		},
		"md": func(b *bytes.Buffer, size int) error {
			if size == 0 {
				return r.WriteMarkdown(b)
			}
			w := bufio.NewWriterSize(b, size)
			if err := r.WriteMarkdown(w); err != nil {
				return err
			}
			return w.Flush()
		},
	} {
		want := html.String()
		if name == "md" {
			want = md.String()
		}
		for _, size := range []int{0, 16, 64 << 10} {
			var b bytes.Buffer
			require.NoError(t, write(&b, size), "%s, buffer %d", name, size)
			require.Equal(t, want, b.String(), "%s, buffer %d", name, size)
		}
	}
}
