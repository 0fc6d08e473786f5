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
	"sync"
	"text/tabwriter"
	"text/template"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

//go:embed templates/profile.html.tmpl
var profileHTMLSource string

//go:embed templates/profile.md.tmpl
var profileMarkdownSource string

// The profile templates, parsed on first use (see htmlTemplate).
var (
	profileHTMLTemplate = sync.OnceValue(func() *htmltemplate.Template {
		return htmltemplate.Must(htmltemplate.New("profile.html").Funcs(htmltemplate.FuncMap{
			"join": strings.Join,
		}).Funcs(placeholderFuncs()).Parse(profileHTMLSource))
	})
	profileMarkdownTemplate = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("profile.md").Funcs(template.FuncMap{
			"md":   markdownText,
			"join": strings.Join,
		}).Funcs(placeholderFuncs()).Parse(profileMarkdownSource))
	})
)

// profileHTMLIn and profileMarkdownIn are the profile templates of each language.
var (
	profileHTMLIn = perLang(func(l locale.Lang) *htmltemplate.Template {
		return htmltemplate.Must(profileHTMLTemplate().Clone()).Funcs(localeFuncs(locale.For(l)))
	})
	profileMarkdownIn = perLang(func(l locale.Lang) *template.Template {
		return template.Must(profileMarkdownTemplate().Clone()).Funcs(localeFuncs(locale.For(l)))
	})
)

// words is the locale of the profile's own words (English unless built in a language).
func (p *StateProfile) words() *locale.Locale {
	if p.loc != nil {
		return p.loc
	}
	return locale.For(locale.English)
}

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
	LangAttr       locale.Lang // <html lang>
	CountingName   string      // the counting convention by its name
	FooterAsOf     string      // the cut-off in the footer (ISO in English, as it always was)
	ClassWords     []profileClassWord
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

// profileClassWord is a count of the page's figures by class, the class in words.
type profileClassWord struct {
	N    int
	Word string
	Mark markInfo
}

type profileRow struct {
	ProfileIndicator
	Href string
}

func newProfileView(p *StateProfile, o ProfileOptions) *profileView {
	loc := p.words()
	v := &profileView{StateProfile: p, AsOfText: dateIn(loc, p.AsOf), ReportHref: o.ReportLink, Legend: legendMarks(),
		IndicatorTotal: len(p.Indicators) + p.Outside, Generator: o.Generator, Date: o.Date, LangAttr: loc.Lang(),
		CountingName: string(p.Counting), FooterAsOf: p.AsOf}
	if loc.Lang() != locale.English {
		v.CountingName = loc.T("counting." + string(p.Counting))
		v.FooterAsOf = v.AsOfText
		for i, m := range v.Legend {
			v.Legend[i].Title = markTitles(loc.Lang())[m.Class]
		}
		if d, err := loc.ISODate(o.Date); err == nil {
			v.Date = d
		}
	}
	if v.Generator == "" {
		v.Generator = "lap"
	}
	for _, pi := range p.Indicators {
		row := profileRow{ProfileIndicator: pi}
		if o.IndicatorLink != "" {
			row.Href = indicatorLink(o.IndicatorLink, pi.ID, strconv.Itoa(pi.Action))
		}
		v.IndicatorRows = append(v.IndicatorRows, row)
	}
	for _, c := range p.Classes {
		v.ClassTotal += c.N
		w := string(c.Class)
		if loc.Lang() != locale.English {
			w = strings.ToLower(loc.T("report.class." + w))
		}
		v.ClassWords = append(v.ClassWords, profileClassWord{N: c.N, Word: w, Mark: c.Mark()})
	}
	return v
}

// indicatorLink is link with "{id}" and "{action}" replaced, left to right, as a
// strings.Replacer of the two replaces them (one built per row cost a profile page hundreds of
// allocations).
func indicatorLink(link, id, action string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(link, '{')
		if i < 0 {
			b.WriteString(link)
			return b.String()
		}
		b.WriteString(link[:i])
		switch rest := link[i:]; {
		case strings.HasPrefix(rest, "{id}"):
			b.WriteString(id)
			link = rest[len("{id}"):]
		case strings.HasPrefix(rest, "{action}"):
			b.WriteString(action)
			link = rest[len("{action}"):]
		default:
			b.WriteByte('{')
			link = rest[1:]
		}
	}
}

// The two long lists of a profile, the indicators and the facts, are written here rather than
// by the templates: a report writes a hundred pages or more, and template execution of their
// rows cost most of the time (docs/performance.md). Every text is escaped as the template
// would.

// Subject is the State's name as the subject of a sentence in the page's language, with its
// article where the language gives it one (« La France », "El Perú"; "France" in English).
func (v *profileView) Subject() string {
	return capFirst(stateName(v.words(), v.ISO3, v.Name))
}

// IndicatorRowsHTML is the rows of the indicator table, one <tr> a line.
func (v *profileView) IndicatorRowsHTML() htmltemplate.HTML {
	var b strings.Builder
	e := html.EscapeString
	provLabel := e(v.words().T("report.provenance-label"))
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
		b.WriteString(" " + e(r.Title) + ` <span class="prov prov-` + e(r.Provenance) + `" title="` + provLabel + `">` + e(r.Provenance) + "</span></td><td>")
		b.WriteString(e(r.Result) + markHTMLIn(v.words(), r.Mark()))
		if len(r.Unknown) > 0 {
			b.WriteString(` <span class="unknown">(` + e(v.words().T("profile.no-data-fields", map[string]any{"Fields": v.words().Fields(r.Unknown)})) + ")</span>")
		}
		if r.Error != "" {
			b.WriteString(` <span class="error">(` + e(r.Error) + ")</span>")
		}
		effect := r.Effect
		if effect == "" {
			effect = dash
		}
		b.WriteString(`</td><td class="e-` + e(r.EffectKey) + `">` + e(effect) + `</td><td class="n">` + e(r.Value) + markHTMLIn(v.words(), r.ValueMark()) +
			`</td><td class="n">` + e(r.Over) + "</td></tr>")
	}
	return htmltemplate.HTML(b.String())
}

// classWord is a class as a fact's note names it, in the reader's language: "illustrative",
// « illustratif ».
func classWord(loc *locale.Locale, c engine.Class) string {
	if loc.Lang() == locale.English {
		return string(c)
	}
	return strings.ToLower(loc.T("report.class." + string(c)))
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
		b.WriteString(" = " + e(s.Value) + markHTMLIn(v.words(), s.Mark()) + " (")
		if s.Class != "" {
			b.WriteString(e(classWord(v.words(), s.Class)) + ", ")
		}
		b.WriteString(e(s.Origin) + ")")
		if s.Source != "" {
			b.WriteString(v.words().Colon() + e(s.Source))
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
			b.WriteString(" (" + md(v.words().T("profile.no-data-fields", map[string]any{"Fields": v.words().Fields(r.Unknown)})) + ")")
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
			b.WriteString(classWord(v.words(), s.Class) + ", ")
		}
		b.WriteString(md(s.Origin) + ")")
		if s.Source != "" {
			b.WriteString(v.words().Colon() + md(s.Source))
		}
	}
	return b.String()
}

// WriteProfileMarkdown writes a country profile as Markdown (profiles/ISO3.md).
func WriteProfileMarkdown(w io.Writer, p *StateProfile, o ProfileOptions) error {
	return executeWhole(w, func(b *bytes.Buffer) error {
		if err := profileMarkdownIn(p.words().Lang()).ExecuteTemplate(b, "profile-md", newProfileView(p, o)); err != nil {
			return fmt.Errorf("write profile %s: %w", p.ISO3, err)
		}
		return nil
	})
}

// executeWhole writes into w what write makes, or nothing when it fails. Into a
// *bytes.Buffer (as lap report writes a page) it writes directly, cutting what it wrote on a
// failure; any other writer gets the page from a buffer of its own.
func executeWhole(w io.Writer, write func(*bytes.Buffer) error) error {
	if b, ok := w.(*bytes.Buffer); ok {
		n := b.Len()
		if err := write(b); err != nil {
			b.Truncate(n)
			return err
		}
		return nil
	}
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteProfileHTML writes a country profile as one self-contained HTML page (profiles/ISO3.html):
// inline CSS, no script, a print stylesheet.
func WriteProfileHTML(w io.Writer, p *StateProfile, o ProfileOptions) error {
	v := newProfileView(p, o)
	v.CSS = profilePageCSS()
	return executeWhole(w, func(b *bytes.Buffer) error {
		if err := profileHTMLIn(p.words().Lang()).ExecuteTemplate(b, "profile-page", v); err != nil {
			return fmt.Errorf("write profile %s: %w", p.ISO3, err)
		}
		return nil
	})
}

// profilePageCSS is the stylesheet of a profile page, made once.
var profilePageCSS = sync.OnceValue(func() htmltemplate.CSS {
	return htmltemplate.CSS(htmlCSS + statusCSS() + contentCSS + profileCSS)
})

// ProfileHTML is a country profile as an HTML fragment (an <article>), for a page of another
// program (lap serve's State page) that brings its own stylesheet.
func ProfileHTML(p *StateProfile, o ProfileOptions) (htmltemplate.HTML, error) {
	var b bytes.Buffer
	if err := profileHTMLIn(p.words().Lang()).ExecuteTemplate(&b, "profile-body", newProfileView(p, o)); err != nil {
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
	loc := p.words()
	t := func(id string, kv ...any) string { return loc.T(id, pairs(kv)) }
	head := func(id string) string { return strings.ToUpper(t(id)) }
	label := func(l string) string { return t("profile.label", "Label", l) }
	pr := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	item := func(it ProfileItem) string { return it.Value + it.Mark().Symbol }
	pr("%s\n", t("profile.title", "Name", p.Name, "ISO3", p.ISO3, "Year", p.Year))
	pr("%s\n", loc.JoinClauses([]string{p.Plan.Name, t("profile.region", "Region", p.Region), t("profile.data-as-of", "Date", v.AsOfText),
		t("profile.counting", "Name", v.CountingName)}))
	pr("%s\n", p.Standing)
	if p.Partial {
		pr("%s\n", t("profile.text-partial", "Year", p.Year, "Date", p.Ref))
	}
	pr("\n%s", t("profile.text-marks-intro"))
	for _, m := range v.Legend {
		w := m.Class
		if loc.Lang() != locale.English {
			w = strings.ToLower(t("report.class." + m.Class))
		}
		pr(" %s %s%s", m.Symbol, w, strings.TrimSuffix(loc.Semicolon(), " "))
	}
	pr(" %s\n", t("profile.text-marks-outro"))

	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	pr("\n%s\n", head("profile.membership"))
	for _, it := range p.Membership {
		fmt.Fprintf(tw, "  %s\t%s\n", it.Label, item(it))
	}
	tw.Flush()

	pr("\n%s\n", head("profile.obligations"))
	if len(p.Obligations) == 0 {
		pr("  %s\n", t("profile.no-obligation", "Date", p.Ref))
	}
	for _, o := range p.Obligations {
		ep := ""
		if o.Episode > 0 {
			ep = " " + t("profile.episode", "N", o.Episode)
		}
		pr("  %s%s%s%s%s", t("profile.obligation-head", "Article", o.Article, "Name", o.Name), ep, loc.Colon(), o.Status, o.Mark().Symbol)
		if o.Verdict != "" {
			pr("%s%s", loc.Semicolon(), t("profile.deadline-met", "Verdict", o.Verdict))
		}
		pr("\n")
		if o.Began.Value != "" {
			fmt.Fprintf(tw, "    %s\t%s\n", t("report.began"), item(o.Began))
			fmt.Fprintf(tw, "    %s\t%s\n", t("profile.deadline-in-force"), item(o.Deadline))
			for _, c := range o.Chain {
				fmt.Fprintf(tw, "      %s\t%s\n", c.Label, item(c))
			}
			fmt.Fprintf(tw, "    %s\t%s\n", t("report.completed"), item(o.Completed))
			if o.Done.Value != "" {
				fmt.Fprintf(tw, "    %s\t%s\n", o.Done.Label, item(o.Done))
			}
			tw.Flush()
		} else if o.Deadline.Value != dash {
			pr("    %s %s\n", label(t("report.deadline")), item(o.Deadline))
		}
		if o.Detail != "" {
			pr("    %s\n", o.Detail)
		}
		if pp := o.Projection; pp != nil {
			pr("    %s %s", t("profile.projection-label"), pp.Status)
			if pp.Basis != "" {
				pr(" (%s)", pp.Basis)
			}
			pr(". %s %s%s%s %s", label(pp.Remaining.Label), item(pp.Remaining), loc.Semicolon(), label(pp.Rate.Label), item(pp.Rate))
			if pp.Completion != "" {
				pr("%s%s", loc.Semicolon(), t("profile.projected-completion", "Year", pp.Completion))
			}
			pr(".\n    %s %s\n    %s %s.\n", t("profile.what-it-takes"), pp.Takes, t("profile.assumes"), loc.JoinClauses(pp.Assumptions))
		}
	}

	pr("\n%s\n", head("content.article7"))
	r := p.Reporting
	pr("  %s\n", t("profile.text-initial", "Due", r.InitialDue, "Received", item(r.InitialReceived), "OnTime", r.InitialOnTime+r.InitialMark().Symbol))
	if len(r.Annual) > 0 {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", head("content.year"), head("report.deadline"), head("reporting.received"), head("content.on-time"))
		for _, an := range r.Annual {
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", an.Year, an.Deadline, item(an.Received), an.OnTime+an.Mark().Symbol)
		}
		tw.Flush()
	}
	if r.Covered != "" {
		pr("  %s\n", r.Covered)
	}

	pr("\n%s\n", head("profile.indicators"))
	pr("  %s\n", t("profile.text-indicators", "N", len(p.Indicators), "Total", v.IndicatorTotal, "Counted", p.Counted,
		"NotCounted", p.NotCounted, "NoData", p.NoData))
	if len(p.Indicators) > 0 {
		fmt.Fprintf(tw, "  %s\n", t("profile.text-heads"))
		for _, pi := range p.Indicators {
			res := pi.Result + pi.Mark().Symbol
			if len(pi.Unknown) > 0 {
				res += " (" + t("profile.no-data-fields", "Fields", loc.Fields(pi.Unknown)) + ")"
			}
			eff := pi.Effect
			if eff == "" {
				eff = dash
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s (%s)\n", pi.ID, res, eff, pi.Value+pi.ValueMark().Symbol, pi.Over, pi.Title, pi.Provenance)
		}
		tw.Flush()
	}

	pr("\n%s\n  ", head("profile.sources"))
	var cs []string
	for _, c := range v.ClassWords {
		cs = append(cs, fmt.Sprintf("%s %d", c.Word, c.N))
	}
	if len(cs) == 0 {
		cs = []string{t("profile.no-recorded-data")}
	}
	pr("%s\n", loc.N("profile.text-classes", len(p.Sources), map[string]any{"Classes": strings.Join(cs, ", ")}))
	for _, s := range p.Sources {
		year := ""
		if s.Year != "" {
			year = " (" + s.Year + ")"
		}
		cl := ""
		if s.Class != "" {
			cl = classWord(loc, s.Class) + ", "
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
