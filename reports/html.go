package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"strings"
	"sync"
	"unicode"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
)

//go:embed templates/report.html.tmpl
var htmlSource string

//go:embed templates/content.html.tmpl
var contentHTMLSource string

//go:embed templates/report.css
var htmlCSS string

//go:embed templates/content.css
var contentCSS string

//go:embed templates/sections.html.tmpl
var htmlSections string

// htmlTemplate is report.html's template, parsed on first use: a command that writes no
// report does not parse it, and lap report parses it beside the loading (Prepare).
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.Must(template.Must(template.New("report.html").Funcs(template.FuncMap{
		"join":   strings.Join,
		"inc":    func(i int) int { return i + 1 },
		"plural": plural,
		"svg":    inlineSVG,
	}).Funcs(placeholderFuncs()).Funcs(placeholderRows).Parse(htmlSource)).Parse(contentHTMLSource)).Parse(htmlSections))
})

// placeholderRows declare the row functions at parse time; each language's clone replaces
// them (htmlIn).
var placeholderRows = (&htmlRows{}).funcs()

// WriteHTML writes the report as one self-contained HTML page, straight to w (lap report
// writes it into a file through a buffer of its own; a page of the sample report is 1.4 MB,
// which a buffer of the whole page would hold twice while growing). A failed render may have
// written part of the page: lap report then removes its whole output.
func (r *Report) WriteHTML(w io.Writer) error {
	if err := r.figures(); err != nil {
		return err
	}
	return writeHTMLDoc(w, r.doc)
}

// writeHTMLDoc writes a document as report.html (its figures attached).
func writeHTMLDoc(w io.Writer, d *document) error {
	out, done := newPageOut(w)
	if err := htmlIn(d.Lang).Execute(out.w, htmlData(d, out)); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	if err := done(); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// htmlData is what report.html's template is executed with: the document, the stylesheet
// and the page's writer (nil: the row functions give their rows to the template).
func htmlData(d *document, out *pageOut) any {
	return struct {
		*document
		CSS template.CSS
		Out *pageOut
	}{d, template.CSS(htmlCSS + statusCSS() + contentCSS), out}
}

// inlineSVG turns a figure into an <svg> element for the page: without the XML prolog, with
// its alternative text as an accessible label, sized by the stylesheet.
func inlineSVG(f *chart.Figure) (template.HTML, error) {
	var b strings.Builder
	if err := writeInlineSVG(&b, f); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// writeInlineSVG writes inlineSVG's element into b, copying the figure's SVG once.
func writeInlineSVG(b rowWriter, f *chart.Figure) error {
	svg, err := f.SVG()
	if err != nil {
		return err
	}
	i := bytes.Index(svg, []byte("<svg "))
	if i < 0 {
		return fmt.Errorf("inline figure %s: %w: no <svg> element", f.Name, chart.ErrInvalidInput)
	}
	label := `<svg role="img" aria-label="` + html.EscapeString(f.Title+". "+f.Alt) + `" `
	rest := bytes.TrimRightFunc(svg[i+len("<svg "):], unicode.IsSpace)
	grow(b, len(label)+len(rest))
	b.WriteString(label)
	b.Write(rest)
	return nil
}

// statusCSS gives every status class its colour, from the same palette as the charts.
func statusCSS() string {
	var b strings.Builder
	rule := func(class string, s chart.Status) {
		c, _ := chart.StatusColor(s)
		fmt.Fprintf(&b, ".st-%s{border-left-color:#%02X%02X%02X;background:#%02X%02X%02X26}\n", class, c.R, c.G, c.B, c.R, c.G, c.B)
	}
	for _, s := range engine.ProgressStatuses {
		rule(string(s), chart.Status(s))
	}
	for _, cs := range []struct {
		class string
		s     chart.Status
	}{
		{"on-time", chart.StatusAchieved}, {"on-course", chart.StatusAchieved}, {"at-risk", chart.StatusNeedsAcceleration},
		{"will-miss", chart.StatusRegressing}, {"late", chart.StatusRegressing}, {"no-data", chart.StatusInsufficientData},
		{"unknown", chart.StatusInsufficientData}, {"none", chart.StatusInsufficientData},
		{"deadline-not-known", chart.StatusInsufficientData},
	} {
		rule(cs.class, cs.s)
	}
	return b.String()
}
