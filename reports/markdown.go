package reports

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"text/template"
)

//go:embed templates/report.md.tmpl
var markdownSource string

//go:embed templates/content.md.tmpl
var contentMarkdownSource string

//go:embed templates/sections.md.tmpl
var markdownSections string

// markdownTemplate is report.md's template, parsed on first use (see htmlTemplate).
var markdownTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.Must(template.Must(template.New("report.md").Funcs(template.FuncMap{
		"md":     markdownText,
		"join":   strings.Join,
		"inc":    func(i int) int { return i + 1 },
		"plural": plural,
		"status": func(s statusInfo) string { return s.Symbol + " " + s.Label },
	}).Funcs(placeholderFuncs()).Funcs(mdRows{}.funcs()).Parse(markdownSource)).Parse(contentMarkdownSource)).Parse(markdownSections))
})

// WriteMarkdown writes the report as Markdown.
func (r *Report) WriteMarkdown(w io.Writer) error {
	if r.m.ChartFormat != "" {
		if err := r.figures(); err != nil {
			return err
		}
	}
	return writeMarkdownDoc(w, r.doc, r.m.ChartFormat)
}

// writeMarkdownDoc writes a document as report.md, linking its figures as
// charts/NAME.chartFormat when chartFormat is set.
func writeMarkdownDoc(w io.Writer, d *document, chartFormat string) error {
	out, done := newPageOut(w)
	if err := markdownIn(d.Lang).Execute(out.w, markdownData(d, chartFormat, out)); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	if err := done(); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

// markdownData is what report.md's template is executed with (see htmlData).
func markdownData(d *document, chartFormat string, out *pageOut) any {
	return struct {
		*document
		ChartFormat string
		Out         *pageOut
	}{d, chartFormat, out}
}

// plural returns "1 action" or "3 actions".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
