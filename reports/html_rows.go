package reports

import (
	"fmt"
	htmltemplate "html/template"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// The long lists of report.html (the indicator tables and their notes, the obligations, the
// coverage, the Article 7 table, the annex of States, the revisions, the results by group, the
// data checks) are written here rather than by the template: template execution calls every
// escaper and every field by reflection, and these rows were most of the page's time
// (docs/performance.md). Each function writes what the template wrote, byte for byte, and
// escapes as html/template does in the same place: text and quoted attributes by
// htmlText, a link's fragment by urlPart, a link by urlAttr (TestHostileTextGolden locks it).

// htmlRows writes the rows of one language's report.html.
type htmlRows struct {
	loc *locale.Locale
	// provTitle is the provenance label's tooltip, as html/template escapes th's HTML in an
	// attribute
	provTitle string
}

func newHTMLRows(loc *locale.Locale) *htmlRows {
	return &htmlRows{loc: loc, provTitle: attrOfHTML(htmlT(loc, "report.provenance-label"))}
}

// funcs are the template functions writing the rows.
func (h *htmlRows) funcs() htmltemplate.FuncMap {
	return htmltemplate.FuncMap{
		"actionArticles":  h.actionArticles,
		"obligationRows":  rowsFunc(h.obligationRows),
		"obligationNotes": rowsFunc(h.obligationNotes),
		"obligationFacts": rowsFunc(h.obligationFacts),
		"coverageRows":    rowsFunc(h.coverageRows),
		"article7Rows":    rowsFunc(h.article7Rows),
		"annexRows":       h.annexRows,
		"revisionRows":    rowsFunc(h.revisionRows),
		"groupRows":       rowsFunc(h.groupRows),
		"violationRows":   rowsFunc(h.violationRows),
		"inputFileRows":   h.inputFileRows,
	}
}

// rowsFunc makes a function writing rows a template function: with out (the page's writer,
// .Out) it writes them there, where the template calls it, and gives nothing (see pageOut);
// without, it gives them as HTML.
func rowsFunc[T any](write func(rowWriter, []T)) func(*pageOut, []T) htmltemplate.HTML {
	return func(out *pageOut, rows []T) htmltemplate.HTML {
		if out != nil {
			write(out.w, rows)
			return ""
		}
		var b strings.Builder
		b.Grow(256 * len(rows))
		write(&b, rows)
		return htmltemplate.HTML(b.String())
	}
}

// htmlText escapes text as html/template escapes a string in element content and in a quoted
// attribute (its htmlEscaper: NUL, quotes, &, +, < and >).
var htmlText = valueText.Replace

// attrOfHTML is HTML (a message of th) as html/template writes it in a quoted attribute.
func attrOfHTML(h htmltemplate.HTML) string {
	var b strings.Builder
	if err := attrTemplate.Execute(&b, h); err != nil {
		return ""
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a title="`), `">`)
}

var attrTemplate = htmltemplate.Must(htmltemplate.New("attr").Parse(`<a title="{{.}}">`))

// urlPart escapes text in a link's query or fragment as html/template does (its urlEscaper:
// every byte but the unreserved ones percent-encoded).
func urlPart(s string) string { return processURL(s, false) }

// urlAttr is a whole link (href="...") as html/template writes it: a scheme other than http,
// https or mailto gives "#ZgotmplZ", the rest is normalised (bytes that cannot be in a URL
// percent-encoded) and escaped for the attribute.
func urlAttr(s string) string {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ"
	}
	return htmlText(processURL(s, true))
}

// processURL is html/template's processURLOnto: with norm, the reserved characters and valid
// escapes are kept.
func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// mark writes the template "mark": a class mark with its meaning as tooltip (writeMark).
func (h *htmlRows) mark(b rowWriter, m markInfo) { writeMark(b, h.loc, m) }

// st writes the template "st": a status with its symbol and word.
func st(b rowWriter, s statusInfo) {
	b.WriteString(`<span class="st st-`)
	b.WriteString(htmlText(s.Key))
	b.WriteString(`"><span class="sym" aria-hidden="true">`)
	b.WriteString(htmlText(s.Symbol))
	b.WriteString(`</span> `)
	b.WriteString(htmlText(s.Label))
	b.WriteString(`</span>`)
}

// prov writes the template "prov": a provenance label.
func (h *htmlRows) prov(b rowWriter, p string) {
	p = htmlText(p)
	b.WriteString(`<span class="prov prov-`)
	b.WriteString(p)
	b.WriteString(`" title="`)
	b.WriteString(h.provTitle)
	b.WriteString(`">`)
	b.WriteString(p)
	b.WriteString(`</span>`)
}

// sref writes a State, linked to its profile when it has one, and
// marked (the templates' "sref" once).
func (h *htmlRows) sref(b rowWriter, s stateRef) {
	if s.HTML != "" {
		b.WriteString(`<a href="`)
		b.WriteString(urlAttr(s.HTML))
		b.WriteString(`">`)
		b.WriteString(htmlText(s.Name))
		b.WriteString(`</a>`)
	} else {
		b.WriteString(htmlText(s.Name))
	}
	h.mark(b, s.Mark)
}

// citem writes an item's value and mark.
func (h *htmlRows) citem(b rowWriter, it ProfileItem) {
	b.WriteString(htmlText(it.Value))
	h.mark(b, it.Mark())
}

// cells writes text cells: <td class="n">value</td> and the like, from pairs of an opening
// and a value escaped.
func cells(b rowWriter, kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString(kv[i])
		b.WriteString(htmlText(kv[i+1]))
	}
}

// actionArticles writes the articles of a section's actions: each action's heading, score,
// indicator table, notes, the States its count indicators count, the definitions and the
// trend charts.
// With out (the page's writer, .Out) they are written there, where the call stands, and the
// function gives nothing; without, it gives them.
func (h *htmlRows) actionArticles(out *pageOut, cut cutoffView, year int, actions []actionView) (htmltemplate.HTML, error) {
	if out != nil {
		return "", h.writeActionArticles(out.w, cut, year, actions)
	}
	size := 8 << 10 * len(actions)
	for _, a := range actions {
		for _, f := range a.Figures {
			if svg, err := f.SVG(); err == nil {
				size += len(svg) + 512
			}
		}
	}
	var b strings.Builder
	b.Grow(size)
	if err := h.writeActionArticles(&b, cut, year, actions); err != nil {
		return "", err
	}
	return htmltemplate.HTML(b.String()), nil
}

func (h *htmlRows) writeActionArticles(b rowWriter, cut cutoffView, year int, actions []actionView) error {
	t := func(id string) string { return htmlText(h.loc.T(id)) }
	prevHead, yearHead, seriesNote := cut.PrevHead, cut.YearHead, cut.SeriesNote
	head := `<thead><tr><th scope="col">` + t("report.id") + `</th><th scope="col">` + t("report.indicator") +
		`</th><th scope="col">` + t("report.unit") + `</th><th scope="col" class="n">` + htmlText(cut.BaseHead) +
		`</th><th scope="col" class="n">` + htmlText(prevHead) + `</th><th scope="col" class="n">` + htmlText(yearHead) +
		`</th><th scope="col" class="n">` + t("report.over") + `</th><th scope="col" class="n">` + t("report.target") +
		`</th><th scope="col" class="n">` + htmlText(h.loc.T("report.expected-year", pairs([]any{"Year", year}))) +
		`</th><th scope="col" class="n">` + t("report.progress") + `</th><th scope="col">` + t("report.status") +
		`</th><th scope="col">` + t("report.direction-of-travel") + `</th></tr></thead>`
	for _, a := range actions {
		b.WriteString("\n<article id=\"action-" + strconv.Itoa(a.Number) + "\">\n<h3>" + htmlText(h.loc.T("report.action", pairs([]any{"N", a.Number}))) +
			" " + htmlText(a.Title) + " ")
		h.prov(b, a.Provenance)
		b.WriteString("</h3>\n<p class=\"desc\">")
		if a.Provenance != "found" {
			b.WriteString("<em>" + t("report.not-official-wording") + "</em> ")
		}
		b.WriteString(htmlText(a.Description) + "</p>\n<p>" + t("report.action-score") + " <strong>" + htmlText(a.Rollup.Score) +
			"</strong> (" + t("report.expected-by-now") + " " + htmlText(a.Rollup.Expected) + ") ")
		st(b, a.Rollup.Status)
		b.WriteString("</p>\n<table>\n" + head + "\n<tbody>")
		h.indicatorRows(b, a.Rows)
		b.WriteString("\n</tbody>\n</table>\n<ul class=\"why\">")
		h.whyList(b, a.Rows)
		b.WriteString("\n</ul>")
		h.countedNames(b, a.Counted)
		b.WriteString("\n<details class=\"defs\"><summary>" + t("content.definitions") + "</summary>\n<dl>")
		h.definitions(b, a.Rows)
		b.WriteString("\n</dl>\n</details>")
		if len(a.Figures) > 0 {
			b.WriteString("\n<div class=\"figs\">")
			for _, f := range a.Figures {
				b.WriteString("\n<figure id=\"fig-" + htmlText(f.Name) + "\">")
				if err := writeInlineSVG(b, f); err != nil {
					return err
				}
				b.WriteString("</figure>")
			}
			b.WriteString("\n</div>\n<p><em>" + htmlText(seriesNote) + "</em></p>")
		}
		b.WriteString("\n</article>")
	}
	return nil
}

func (h *htmlRows) indicatorRows(b rowWriter, rows []indicatorRow) {
	for _, r := range rows {
		id := htmlText(r.ID)
		b.WriteString("\n<tr id=\"ind-" + id + `"><th scope="row">` + id + "</th><td>" + htmlText(r.Title) + " ")
		h.prov(b, r.Provenance)
		cells(b, "</td><td>", r.Unit, `</td><td class="n">`, r.Baseline)
		h.mark(b, r.BaselineMark)
		if r.BaselineNote != "" {
			cells(b, " ", r.BaselineNote)
		}
		cells(b, `</td><td class="n">`, r.Previous)
		h.mark(b, r.PreviousMark)
		cells(b, `</td><td class="n">`, r.Value)
		h.mark(b, r.ValueMark)
		cells(b, `</td><td class="n">`, r.Over, `</td><td class="n">`, r.Target, `</td><td class="n">`, r.Expected, `</td><td class="n">`, r.Progress)
		b.WriteString("</td><td>")
		st(b, r.Status)
		cells(b, "</td><td>", r.Trend)
		b.WriteString("</td></tr>")
	}
}

func (h *htmlRows) whyList(b rowWriter, rows []indicatorRow) {
	colon := htmlText(h.loc.Colon())
	for _, r := range rows {
		b.WriteString("\n<li><strong>" + htmlText(r.ID) + "</strong>" + colon + htmlText(r.Reason) + ".")
		if r.Error != "" {
			b.WriteString(" " + htmlText(h.loc.T("report.evaluation-error")) + " " + htmlText(r.Error) + ".")
		}
		for _, n := range r.Notes {
			b.WriteString(" " + htmlText(n) + ".")
		}
		b.WriteString("</li>")
	}
}

func (h *htmlRows) countedNames(b rowWriter, counted []countedNames) {
	names := func(c countedNames) {
		for i, s := range c.Names {
			if i > 0 {
				b.WriteString(", ")
			}
			h.sref(b, s)
		}
	}
	for _, c := range counted {
		switch {
		case c.Long:
			b.WriteString("\n<details class=\"names\"><summary>" + string(htmlT(h.loc, "content.counts-names", "ID", c.ID, "N", c.N)) + "</summary><p>")
			names(c)
			b.WriteString(".</p></details>")
		case c.N != 0:
			b.WriteString("\n<p class=\"names\">" + string(htmlTN(h.loc, "content.counts-prefix", c.N, "ID", c.ID)) + " ")
			names(c)
			b.WriteString(".</p>")
		default:
			b.WriteString("\n<p class=\"names\">" + string(htmlT(h.loc, "content.counts-none", "ID", c.ID)) + "</p>")
		}
	}
}

func (h *htmlRows) definitions(b rowWriter, rows []indicatorRow) {
	for _, r := range rows {
		b.WriteString("\n<dt>" + htmlText(r.ID) + " " + htmlText(r.Title) + "</dt><dd>")
		if r.Definition != "" {
			b.WriteString(htmlText(r.Definition))
		} else {
			b.WriteString(string(htmlT(h.loc, "content.no-definition")))
		}
		if r.Note != "" {
			b.WriteString(" <em>" + string(htmlT(h.loc, "content.note-label")) + "</em> " + htmlText(r.Note))
		}
		b.WriteString(" <em>" + string(htmlT(h.loc, "content.taken-over")) + "</em> " + htmlText(r.Over) + ".</dd>")
	}
}

func (h *htmlRows) obligationRows(b rowWriter, rows []obligationRow) {
	for _, o := range rows {
		cells(b, "\n<tr><th scope=\"row\">", o.Name, " (", o.ISO3, `)</th><td class="n">`, strconv.Itoa(o.Article),
			`</td><td class="n">`, strconv.Itoa(o.Episode), `</td><td class="date">`, o.Start)
		h.mark(b, o.StartMark)
		cells(b, `</td><td class="date" title="`, o.Chain, `">`, o.Deadline)
		h.mark(b, o.DeadlineMark)
		cells(b, `</td><td class="date">`, o.Completed)
		h.mark(b, o.CompletedMark)
		cells(b, `</td><td title="`, o.Detail)
		b.WriteString(`">`)
		st(b, o.Status)
		cells(b, "</td><td>", o.DeadlineMet, `</td><td class="n">`, o.InYear)
		h.mark(b, o.InYearMark)
		cells(b, `</td><td class="n">`, o.Remaining)
		h.mark(b, o.RemainingMark)
		cells(b, `</td><td class="n">`, o.Rate)
		h.mark(b, o.RateMark)
		cells(b, `</td><td class="n">`, o.Completion, `</td><td class="n">`, o.RateNeeded, `</td><td title="`, o.ProjectionNote)
		b.WriteString(`">`)
		st(b, o.Projection)
		if o.Basis != "" {
			b.WriteString(" (" + htmlText(o.Basis) + ")")
		}
		b.WriteString("</td></tr>")
	}
}

// obligationNotes writes the list of the projections' notes, or nothing when there is none.
func (h *htmlRows) obligationNotes(b rowWriter, rows []obligationRow) {
	any := false
	for _, o := range rows {
		if o.ProjectionNote == "" {
			continue
		}
		if !any {
			b.WriteString("\n<ul class=\"notes\">")
			any = true
		}
		b.WriteString("\n<li><strong>" + string(htmlT(h.loc, "report.note-head", "State", o.Name, "Article", o.Article)) + "</strong>" +
			htmlText(h.loc.Colon()) + htmlText(o.ProjectionNote) + "</li>")
	}
	if any {
		b.WriteString("\n</ul>")
	}
}

func (h *htmlRows) obligationFacts(b rowWriter, rows []obligationRow) {
	colon := htmlText(h.loc.Colon())
	for _, o := range rows {
		for _, s := range o.Sources {
			b.WriteString("\n<li>" + string(htmlT(h.loc, "report.fact-head", "State", s.State, "ISO3", s.ISO3, "Article", s.Article, "Episode", s.Episode)) +
				" <code>" + htmlText(s.Field) + "</code> = " + htmlText(s.Value))
			h.mark(b, s.Mark)
			b.WriteString(" (")
			if s.Class != "" {
				b.WriteString(htmlText(classWord(h.loc, engine.Class(s.Class))) + ", ") // « illustratif »
			}
			b.WriteString(htmlText(s.Origin) + ")" + colon + htmlText(s.Source) + "</li>")
		}
	}
}

func (h *htmlRows) coverageRows(b rowWriter, rows []coverageRow) {
	for _, r := range rows {
		id := urlPart(r.ID)
		cells(b, "\n<tr><td><a href=\"#ind-"+id+`">`, r.ID, "</a> ", r.Title, `</td><td class="n">`, strconv.Itoa(r.Population),
			`</td><td class="n">`, strconv.Itoa(r.Known), `</td><td class="n">`, strconv.Itoa(r.NoData), `</td><td class="n">`, r.Share,
			"</td><td>", r.Unknown, "</td><td>", r.Flag, `</td><td class="n">`, strconv.Itoa(r.Classes.Official),
			`</td><td class="n">`, strconv.Itoa(r.Classes.Monitor), `</td><td class="n">`, strconv.Itoa(r.Classes.Estimate),
			`</td><td class="n">`, strconv.Itoa(r.Classes.Unstated), `</td><td class="n">`, strconv.Itoa(r.Classes.Illustrative))
		b.WriteString("</td><td>")
		if r.Long {
			cells(b, `<details class="names"><summary>`, h.loc.N("count.states", r.NoData, nil), "</summary>", r.Missing)
			b.WriteString("</details>")
		} else {
			b.WriteString(htmlText(r.Missing))
		}
		b.WriteString("</td></tr>")
	}
}

func (h *htmlRows) article7Rows(b rowWriter, rows []article7Row) {
	for _, r := range rows {
		b.WriteString("\n<tr><th scope=\"row\">")
		h.sref(b, r.State)
		cells(b, `</th><td class="date">`, r.InitialDue)
		b.WriteString(`</td><td class="date">`)
		h.citem(b, r.InitialReceived)
		cells(b, `</td><td class="v-`, r.InitialKey, `">`, r.InitialOnTime)
		h.mark(b, r.InitialMark)
		b.WriteString(`</td><td class="date">`)
		h.citem(b, r.Annual)
		cells(b, `</td><td class="v-`, r.AnnualKey, `">`, r.AnnualOnTime)
		h.mark(b, r.AnnualMark)
		b.WriteString("</td></tr>")
	}
}

// annexRows writes rows of the annex of States: "parties" (linked, ratified and entered
// into force), "pending" (the same, not linked), "signatories" or "former".
func (h *htmlRows) annexRows(kind string, rows []annexRow) (htmltemplate.HTML, error) {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("\n<tr><th scope=\"row\">")
		if kind == "parties" {
			h.sref(&b, r.State)
		} else {
			b.WriteString(htmlText(r.State.Name))
		}
		cells(&b, "</th><td>", r.Region)
		switch kind {
		case "parties", "pending":
			cells(&b, `</td><td class="date">`, r.Signed, `</td><td class="date">`, r.Deposited, " (", r.Instrument, `)</td><td class="date">`, r.EntryIntoForce)
		case "signatories":
			cells(&b, `</td><td class="date">`, r.Signed)
		case "former":
			cells(&b, `</td><td class="date">`, r.Deposited, `</td><td class="date">`, r.Withdrawn)
		default:
			return "", fmt.Errorf("annexRows: unknown kind %q", kind)
		}
		b.WriteString("</td></tr>")
	}
	return htmltemplate.HTML(b.String()), nil
}

// over writes a value with its mark and, below it, what it is over.
func (h *htmlRows) over(b rowWriter, value, over string, m markInfo) {
	b.WriteString(`<td class="n">` + htmlText(value))
	h.mark(b, m)
	if over != "" {
		b.WriteString(`<br><span class="over">` + htmlText(over) + "</span>")
	}
	b.WriteString("</td>")
}

func (h *htmlRows) revisionRows(b rowWriter, rows []revisionRow) {
	for _, r := range rows {
		cells(b, "\n<tr><th scope=\"row\"><a href=\"#ind-"+urlPart(r.ID)+`">`, r.ID, "</a> ", r.Title, `</th><td class="n">`, strconv.Itoa(r.Year))
		b.WriteString("</td>")
		h.over(b, r.Then.Value, r.Then.Over, r.Then.Mark)
		h.over(b, r.Now.Value, r.Now.Over, r.Now.Mark)
		b.WriteString("<td>")
		for i, w := range r.Why {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(htmlText(w))
		}
		b.WriteString("</td></tr>")
	}
}

func (h *htmlRows) groupRows(b rowWriter, rows []groupRow) {
	for _, r := range rows {
		cells(b, "\n<tr><th scope=\"row\"><a href=\"#ind-"+urlPart(r.ID)+`">`, r.ID, "</a> ", r.Title)
		b.WriteString("</th>")
		for _, c := range r.Cells {
			h.over(b, c.Value, c.Over, c.Mark)
		}
		h.over(b, r.Whole.Value, r.Whole.Over, r.Whole.Mark)
		b.WriteString("</tr>")
	}
}

func (h *htmlRows) violationRows(b rowWriter, rows []violationRow) {
	colon := htmlText(h.loc.Colon())
	for _, v := range rows {
		imp := htmlText(v.Importance)
		b.WriteString("\n<li class=\"imp-" + htmlText(string(v.Level)) + `"><strong>` + imp + "</strong> <code>" + htmlText(v.Check) + "</code>" + colon + htmlText(v.Message))
		if len(v.Values) > 0 {
			b.WriteString(". " + string(htmlT(h.loc, "report.values-label")) + " " + htmlText(h.loc.JoinClauses(v.Values)) + ".")
		}
		b.WriteString("</li>")
	}
}

// inputFileRows writes the rows of the input files: the data's (plan false) or the plan's.
func (h *htmlRows) inputFileRows(plan bool, files []engine.InputFile) htmltemplate.HTML {
	var b strings.Builder
	word := htmlText(h.loc.T("report.data"))
	if plan {
		word = htmlText(h.loc.T("report.plan-file"))
	}
	for _, f := range files {
		b.WriteString("\n<tr><td>" + htmlText(f.Name) + " " + word + `</td><td class="hash">` + htmlText(f.SHA256) + `</td><td class="n">`)
		switch {
		case f.Rows != 0 || !plan:
			b.WriteString(strconv.Itoa(f.Rows))
		default:
			b.WriteString("–")
		}
		b.WriteString("</td></tr>")
	}
	return htmltemplate.HTML(b.String())
}
