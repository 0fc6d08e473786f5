package reports

import (
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"strings"

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

var htmlTemplate = template.Must(template.Must(template.Must(template.New("report.html").Funcs(template.FuncMap{
	"join":   strings.Join,
	"inc":    func(i int) int { return i + 1 },
	"plural": plural,
	"svg":    inlineSVG,
}).Funcs(placeholderFuncs).Parse(htmlSource)).Parse(contentHTMLSource)).Parse(htmlSections))

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
	data := struct {
		*document
		CSS template.CSS
	}{d, template.CSS(htmlCSS + statusCSS() + contentCSS)}
	if err := htmlIn(d.Lang).Execute(w, data); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// inlineSVG turns a figure into an <svg> element for the page: without the XML prolog, with
// its alternative text as an accessible label, sized by the stylesheet.
func inlineSVG(f *chart.Figure) (template.HTML, error) {
	b, err := f.SVG()
	if err != nil {
		return "", err
	}
	return labelSVG(f.Name, f.Title+". "+f.Alt, b)
}

// labelSVG is a figure's SVG, from its <svg> element on, with the accessible label added.
func labelSVG(name, label string, b []byte) (template.HTML, error) {
	s := string(b)
	i := strings.Index(s, "<svg ")
	if i < 0 {
		return "", fmt.Errorf("inline figure %s: %w: no <svg> element", name, chart.ErrInvalidInput)
	}
	s = s[i:]
	s = `<svg role="img" aria-label="` + html.EscapeString(label) + `" ` + s[len("<svg "):]
	return template.HTML(strings.TrimSpace(s)), nil
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
