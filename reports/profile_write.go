package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	htmltemplate "html/template"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"text/template"
)

//go:embed templates/profile.html.tmpl
var profileHTMLSource string

//go:embed templates/profile.md.tmpl
var profileMarkdownSource string

var (
	profileHTMLTemplate = htmltemplate.Must(htmltemplate.New("profile.html").Funcs(htmltemplate.FuncMap{
		"join": strings.Join,
	}).Parse(profileHTMLSource))
	profileMarkdownTemplate = template.Must(template.New("profile.md").Funcs(template.FuncMap{
		"md":   markdownText,
		"join": strings.Join,
	}).Parse(profileMarkdownSource))
)

// ProfileOptions say how a profile page is written: where its links go, what program wrote it
// and on which date.
type ProfileOptions struct {
	// IndicatorLink is the link of an indicator with "{id}" and "{action}" replaced
	// ("../report.html#ind-{id}", "/indicator/{id}"); empty leaves the IDs unlinked.
	IndicatorLink string
	// ReportLink links the page to its report; empty leaves the link out.
	ReportLink string
	// Generator names the program in the footer ("lap report"); Date is the report's date,
	// printed when set.
	Generator string
	Date      string
}

// profileView is a profile with what its pages print besides it.
type profileView struct {
	*StateProfile
	AsOfText       string
	ReportHref     string
	Legend         []markInfo
	IndicatorTotal int
	IndicatorRows  []profileRow
	ClassTotal     int
	Generator      string
	Date           string
	CSS            htmltemplate.CSS
}

type profileRow struct {
	ProfileIndicator
	Href string
}

func newProfileView(p *StateProfile, o ProfileOptions) *profileView {
	v := &profileView{StateProfile: p, AsOfText: dateText(p.AsOf), ReportHref: o.ReportLink, Legend: legendMarks(),
		IndicatorTotal: len(p.Indicators) + p.Outside, Generator: o.Generator, Date: o.Date}
	if v.Generator == "" {
		v.Generator = "lap"
	}
	for _, pi := range p.Indicators {
		row := profileRow{ProfileIndicator: pi}
		if o.IndicatorLink != "" {
			row.Href = strings.NewReplacer("{id}", pi.ID, "{action}", strconv.Itoa(pi.Action)).Replace(o.IndicatorLink)
		}
		v.IndicatorRows = append(v.IndicatorRows, row)
	}
	for _, c := range p.Classes {
		v.ClassTotal += c.N
	}
	return v
}

// The two long lists of a profile, the indicators and the facts, are written here rather than
// by the templates: a report writes a hundred pages or more, and template execution of their
// rows cost most of the time (docs/performance.md). Every text is escaped as the template
// would.

// markHTML is a class mark as HTML ("" for official data). Its tooltip is the class's name;
// the page's legend says what it means (a profile carries a hundred marks or more).
func markHTML(m markInfo) string {
	if m.Symbol == "" {
		return ""
	}
	return `<sup class="mark mark-` + m.Class + `" title="` + m.Class + `">` + m.Symbol + `</sup>`
}

// IndicatorRowsHTML is the rows of the indicator table, one <tr> a line.
func (v *profileView) IndicatorRowsHTML() htmltemplate.HTML {
	var b strings.Builder
	e := html.EscapeString
	for i, r := range v.IndicatorRows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("<tr><td>")
		if r.Href != "" {
			b.WriteString(`<a href="` + e(r.Href) + `">` + e(r.ID) + `</a>`)
		} else {
			b.WriteString(e(r.ID))
		}
		b.WriteString(" " + e(r.Title) + ` <span class="prov prov-` + e(r.Provenance) + `" title="provenance label">` + e(r.Provenance) + "</span></td><td>")
		b.WriteString(e(r.Result) + markHTML(r.Mark()))
		if len(r.Unknown) > 0 {
			b.WriteString(` <span class="unknown">(no data: ` + e(strings.Join(r.Unknown, ", ")) + ")</span>")
		}
		if r.Error != "" {
			b.WriteString(` <span class="error">(` + e(r.Error) + ")</span>")
		}
		effect := r.Effect
		if effect == "" {
			effect = dash
		}
		b.WriteString(`</td><td class="e-` + e(r.EffectKey) + `">` + e(effect) + `</td><td class="n">` + e(r.Value) + markHTML(r.ValueMark()) +
			`</td><td class="n">` + e(r.Over) + "</td></tr>")
	}
	return htmltemplate.HTML(b.String())
}

// SourcesHTML is the list of facts, one <li> a line.
func (v *profileView) SourcesHTML() htmltemplate.HTML {
	var b strings.Builder
	e := html.EscapeString
	for _, s := range v.Sources {
		b.WriteString("<li><code>" + e(s.Field) + "</code>")
		if s.Year != "" {
			b.WriteString(" (" + e(s.Year) + ")")
		}
		b.WriteString(" = " + e(s.Value) + markHTML(s.Mark()) + " (")
		if s.Class != "" {
			b.WriteString(e(string(s.Class)) + ", ")
		}
		b.WriteString(e(s.Origin) + ")")
		if s.Source != "" {
			b.WriteString(": " + e(s.Source))
		}
		b.WriteString("</li>\n")
	}
	return htmltemplate.HTML(b.String())
}

// IndicatorRowsMD is the rows of the indicator table in Markdown, one a line.
func (v *profileView) IndicatorRowsMD() string {
	var b strings.Builder
	md := markdownText
	for i, r := range v.IndicatorRows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("| ")
		if r.Href != "" {
			b.WriteString("[" + r.ID + "](" + r.Href + ")")
		} else {
			b.WriteString(md(r.ID))
		}
		b.WriteString(" " + md(r.Title) + " *(" + md(r.Provenance) + ")* | " + md(r.Result) + r.Mark().Symbol)
		if len(r.Unknown) > 0 {
			b.WriteString(" (no data: " + md(strings.Join(r.Unknown, ", ")) + ")")
		}
		if r.Error != "" {
			b.WriteString(" (" + md(r.Error) + ")")
		}
		effect := r.Effect
		if effect == "" {
			effect = dash
		}
		b.WriteString(" | " + effect + " | " + md(r.Value) + r.ValueMark().Symbol + " | " + md(r.Over) + " |")
	}
	return b.String()
}

// SourcesMD is the list of facts in Markdown, each on a line of its own after a newline.
func (v *profileView) SourcesMD() string {
	var b strings.Builder
	md := markdownText
	for _, s := range v.Sources {
		b.WriteString("\n- `" + s.Field + "`")
		if s.Year != "" {
			b.WriteString(" (" + s.Year + ")")
		}
		b.WriteString(" = " + md(s.Value) + s.Mark().Symbol + " (")
		if s.Class != "" {
			b.WriteString(string(s.Class) + ", ")
		}
		b.WriteString(md(s.Origin) + ")")
		if s.Source != "" {
			b.WriteString(": " + md(s.Source))
		}
	}
	return b.String()
}

// WriteProfileMarkdown writes a country profile as Markdown (profiles/ISO3.md).
func WriteProfileMarkdown(w io.Writer, p *StateProfile, o ProfileOptions) error {
	var b bytes.Buffer
	if err := profileMarkdownTemplate.ExecuteTemplate(&b, "profile-md", newProfileView(p, o)); err != nil {
		return fmt.Errorf("write profile %s: %w", p.ISO3, err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteProfileHTML writes a country profile as one self-contained HTML page (profiles/ISO3.html):
// inline CSS, no script, a print stylesheet.
func WriteProfileHTML(w io.Writer, p *StateProfile, o ProfileOptions) error {
	v := newProfileView(p, o)
	v.CSS = htmltemplate.CSS(htmlCSS + statusCSS() + contentCSS + profileCSS)
	var b bytes.Buffer
	if err := profileHTMLTemplate.ExecuteTemplate(&b, "profile-page", v); err != nil {
		return fmt.Errorf("write profile %s: %w", p.ISO3, err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// ProfileHTML is a country profile as an HTML fragment (an <article>), for a page of another
// program (lap serve's State page) that brings its own stylesheet.
func ProfileHTML(p *StateProfile, o ProfileOptions) (htmltemplate.HTML, error) {
	var b bytes.Buffer
	if err := profileHTMLTemplate.ExecuteTemplate(&b, "profile-body", newProfileView(p, o)); err != nil {
		return "", fmt.Errorf("write profile %s: %w", p.ISO3, err)
	}
	return htmltemplate.HTML(b.String()), nil
}

// profileCSS styles what only profile pages have.
const profileCSS = `.profile .iso{color:var(--muted);font-weight:normal}
.profile table.facts{width:auto;min-width:50%}
.profile table.facts th{font-weight:bold;white-space:nowrap;padding-right:1.5rem}
.profile .obligation{border-left:3px solid var(--rule);padding-left:.8rem;margin:1rem 0}
.profile ol.chain{margin:0;padding-left:1.2rem}
.profile .e-helps{color:#0a6a2f}.profile .e-holds{color:#a3161a}
.profile .v-no{color:#a3161a}.profile .v-yes{color:#0a6a2f}
.profile .unknown{color:var(--muted);font-size:.9em}
.profile .standing{font-size:1.1rem}
@media print{.profile h2{break-before:auto}.profile details>*{display:block}}
`

// WriteProfileText writes a country profile as plain text for a terminal (lap profile).
func WriteProfileText(w io.Writer, p *StateProfile) error {
	var b bytes.Buffer
	v := newProfileView(p, ProfileOptions{})
	pr := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	item := func(it ProfileItem) string { return it.Value + it.Mark().Symbol }
	pr("%s (%s): country profile, %d\n", p.Name, p.ISO3, p.Year)
	pr("%s; region: %s; data as of %s; counting convention: %s\n", p.Plan.Name, p.Region, v.AsOfText, p.Counting)
	pr("%s\n", p.Standing)
	if p.Partial {
		pr("Partial year: %d is not over at the cut-off; the figures are those known on %s.\n", p.Year, p.Ref)
	}
	pr("\nMarks: a value without a mark rests on official data;")
	for _, m := range v.Legend {
		pr(" %s %s;", m.Symbol, m.Class)
	}
	pr(" \"not known\" where the data do not decide.\n")

	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	pr("\nMEMBERSHIP\n")
	for _, it := range p.Membership {
		fmt.Fprintf(tw, "  %s\t%s\n", it.Label, item(it))
	}
	tw.Flush()

	pr("\nOBLIGATIONS\n")
	if len(p.Obligations) == 0 {
		pr("  No obligation of a State Party applies at %s.\n", p.Ref)
	}
	for _, o := range p.Obligations {
		ep := ""
		if o.Episode > 0 {
			ep = fmt.Sprintf(" (episode %d)", o.Episode)
		}
		pr("  Article %d: %s%s: %s", o.Article, o.Name, ep, o.Status)
		if o.Verdict != "" {
			pr("; deadline met: %s", o.Verdict)
		}
		pr("\n")
		if o.Began.Value != "" {
			fmt.Fprintf(tw, "    Began\t%s\n", item(o.Began))
			fmt.Fprintf(tw, "    Deadline in force\t%s\n", item(o.Deadline))
			for _, c := range o.Chain {
				fmt.Fprintf(tw, "      %s\t%s\n", c.Label, item(c))
			}
			fmt.Fprintf(tw, "    Completed\t%s\n", item(o.Completed))
			if o.Done.Value != "" {
				fmt.Fprintf(tw, "    %s\t%s\n", o.Done.Label, item(o.Done))
			}
			tw.Flush()
		} else if o.Deadline.Value != dash {
			pr("    Deadline: %s\n", item(o.Deadline))
		}
		if o.Detail != "" {
			pr("    %s\n", o.Detail)
		}
		if pp := o.Projection; pp != nil {
			pr("    Projection: %s", pp.Status)
			if pp.Basis != "" {
				pr(" (%s)", pp.Basis)
			}
			pr(". %s: %s; %s: %s", pp.Remaining.Label, item(pp.Remaining), pp.Rate.Label, item(pp.Rate))
			if pp.Completion != "" {
				pr("; projected completion %s", pp.Completion)
			}
			pr(".\n    What it takes: %s\n    Assumes: %s.\n", pp.Takes, strings.Join(pp.Assumptions, "; "))
		}
	}

	pr("\nARTICLE 7 REPORTS\n")
	r := p.Reporting
	pr("  Initial report: due %s; received %s; %s.\n", r.InitialDue, item(r.InitialReceived), r.InitialOnTime)
	if len(r.Annual) > 0 {
		fmt.Fprintf(tw, "  YEAR\tDEADLINE\tRECEIVED\tON TIME\n")
		for _, an := range r.Annual {
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", an.Year, an.Deadline, item(an.Received), an.OnTime)
		}
		tw.Flush()
	}
	if r.Covered != "" {
		pr("  %s\n", r.Covered)
	}

	pr("\nINDICATORS\n")
	pr("  In the population of %d of the plan's %d indicators: counted in %d, not counted in %d, without data in %d.\n",
		len(p.Indicators), v.IndicatorTotal, p.Counted, p.NotCounted, p.NoData)
	if len(p.Indicators) > 0 {
		fmt.Fprintf(tw, "  ID\tRESULT\tEFFECT\tVALUE (ALL STATES)\tOVER\tTITLE\n")
		for _, pi := range p.Indicators {
			res := pi.Result + pi.Mark().Symbol
			if len(pi.Unknown) > 0 {
				res += " (no data: " + strings.Join(pi.Unknown, ", ") + ")"
			}
			eff := pi.Effect
			if eff == "" {
				eff = dash
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s (%s)\n", pi.ID, res, eff, pi.Value+pi.ValueMark().Symbol, pi.Over, pi.Title, pi.Provenance)
		}
		tw.Flush()
	}

	pr("\nWHERE THE FIGURES COME FROM\n  ")
	var cs []string
	for _, c := range p.Classes {
		cs = append(cs, fmt.Sprintf("%d %s", c.N, c.Class))
	}
	if len(cs) == 0 {
		cs = []string{"no recorded data"}
	}
	pr("Figures by class: %s. %d facts behind them:\n", strings.Join(cs, ", "), len(p.Sources))
	for _, s := range p.Sources {
		year := ""
		if s.Year != "" {
			year = " (" + s.Year + ")"
		}
		cl := ""
		if s.Class != "" {
			cl = string(s.Class) + ", "
		}
		pr("  %s%s = %s%s (%s%s)", s.Field, year, s.Value, s.Mark().Symbol, cl, s.Origin)
		if s.Source != "" {
			pr(": %s", s.Source)
		}
		pr("\n")
	}
	pr("\n%s\n", p.Provenance)
	_, err := w.Write(b.Bytes())
	return err
}
