package reports

import (
	htmltemplate "html/template"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/reports/locale"
)

// The repeated parts of a country profile page besides its indicators and facts
// (profile_write.go), written in Go as the templates wrote them: the membership, the
// obligations and the Article 7 reports in HTML and Markdown. A report writes 224 pages; their
// template execution was about a tenth of a first run's CPU (docs/performance.md). HTML text is
// escaped as html/template escapes it (htmlText), Markdown through markdownText where the
// template called md; TestHostileProfileGolden locks both.

// pitemHTML writes the template "pitem": an item's value and mark (writeMark).
func pitemHTML(b *strings.Builder, loc *locale.Locale, it ProfileItem) {
	b.WriteString(htmlText(it.Value))
	writeMark(b, loc, it.Mark())
}

func (v *profileView) t(id string, kv ...any) string { return v.words().T(id, pairs(kv)) }

// MembershipHTML is the rows of the membership table, each after a newline.
func (v *profileView) MembershipHTML() htmltemplate.HTML {
	var b strings.Builder
	for _, it := range v.Membership {
		b.WriteString("\n<tr><th scope=\"row\">" + htmlText(it.Label) + "</th><td>")
		pitemHTML(&b, v.words(), it)
		b.WriteString("</td></tr>")
	}
	return htmltemplate.HTML(b.String())
}

// ObligationsHTML is the obligations, each a <div> after a newline.
func (v *profileView) ObligationsHTML() htmltemplate.HTML {
	var b strings.Builder
	e := htmlText
	semi := e(v.words().Semicolon())
	row := func(head string, it ProfileItem) {
		b.WriteString("\n<tr><th scope=\"row\">" + head + "</th><td>")
		pitemHTML(&b, v.words(), it)
		b.WriteString("</td></tr>")
	}
	for _, o := range v.Obligations {
		b.WriteString("\n<div class=\"obligation\">\n<h3>" + e(v.t("profile.obligation-head", "Article", o.Article, "Name", o.Name)))
		if o.Episode != 0 {
			b.WriteString(" " + e(v.t("profile.episode", "N", o.Episode)))
		}
		b.WriteString("</h3>\n<p><span class=\"st st-" + e(o.Key) + "\">" + e(o.Status) + "</span>")
		writeMark(&b, v.words(), o.Mark())
		if o.Verdict != "" {
			b.WriteString(" · " + e(v.t("profile.deadline-met", "Verdict", o.Verdict)))
		}
		b.WriteString("</p>")
		switch {
		case o.Began.Value != "" || len(o.Chain) > 0:
			b.WriteString("\n<table class=\"facts\"><tbody>")
			row(e(v.t("report.began")), o.Began)
			row(e(v.t("profile.deadline-in-force")), o.Deadline)
			if len(o.Chain) > 0 {
				b.WriteString("\n<tr><th scope=\"row\">" + e(v.t("profile.deadlines")) + "</th><td><ol class=\"chain\">")
				for _, c := range o.Chain {
					b.WriteString("<li>")
					pitemHTML(&b, v.words(), c)
					b.WriteString(" (" + e(c.Label) + ")</li>")
				}
				b.WriteString("</ol></td></tr>")
			}
			row(e(v.t("report.completed")), o.Completed)
			if o.Done.Value != "" {
				row(e(o.Done.Label), o.Done)
			}
			b.WriteString("\n</tbody></table>")
		case o.Deadline.Class != "":
			b.WriteString("\n<p>" + e(v.t("profile.label", "Label", v.t("report.deadline"))) + " ")
			pitemHTML(&b, v.words(), o.Deadline)
			b.WriteString("</p>")
		case o.Deadline.Value != "–":
			b.WriteString("\n<p>" + e(v.t("profile.label", "Label", v.t("report.deadline"))) + " " + e(o.Deadline.Value) + "</p>")
		}
		if o.Detail != "" {
			b.WriteString("\n<p class=\"detail\">" + e(o.Detail) + "</p>")
		}
		if p := o.Projection; p != nil {
			b.WriteString("\n<div class=\"projection\">\n<p><strong>" + e(v.t("profile.projection-label")) + "</strong> <span class=\"st st-" + e(p.Key) + "\">" + e(p.Status) + "</span>")
			if p.Basis != "" {
				b.WriteString(" (" + e(p.Basis) + ")")
			}
			b.WriteString(". " + e(v.t("profile.label", "Label", p.Remaining.Label)) + " ")
			pitemHTML(&b, v.words(), p.Remaining)
			b.WriteString(semi + e(v.t("profile.label", "Label", p.Rate.Label)) + " ")
			pitemHTML(&b, v.words(), p.Rate)
			if p.Completion != "" {
				b.WriteString(semi + e(v.t("profile.projected-completion", "Year", p.Completion)))
			}
			b.WriteString(".</p>\n<p><strong>" + e(v.t("profile.what-it-takes")) + "</strong> " + e(p.Takes) + "</p>\n<details><summary>" +
				e(v.t("profile.assumptions")) + "</summary><ul>")
			for _, a := range p.Assumptions {
				b.WriteString("<li>" + e(a) + "</li>")
			}
			b.WriteString("</ul></details>\n</div>")
		}
		b.WriteString("\n</div>")
	}
	return htmltemplate.HTML(b.String())
}

// AnnualHTML is the rows of the table of annual reports, each after a newline.
func (v *profileView) AnnualHTML() htmltemplate.HTML {
	var b strings.Builder
	for _, a := range v.Reporting.Annual {
		b.WriteString("\n<tr><th scope=\"row\">" + strconv.Itoa(a.Year) + "</th><td class=\"date\">" + htmlText(a.Deadline) + "</td><td class=\"date\">")
		pitemHTML(&b, v.words(), a.Received)
		b.WriteString("</td><td class=\"v-" + htmlText(a.Key) + "\">" + htmlText(a.OnTime))
		writeMark(&b, v.words(), a.Mark())
		b.WriteString("</td></tr>")
	}
	return htmltemplate.HTML(b.String())
}

// pitemMD writes the Markdown template "pitem".
func pitemMD(b *strings.Builder, it ProfileItem) {
	b.WriteString(markdownText(it.Value) + it.Mark().Symbol)
}

// MembershipMD is the rows of the membership table in Markdown, each after a newline.
func (v *profileView) MembershipMD() string {
	var b strings.Builder
	for _, it := range v.Membership {
		b.WriteString("\n| " + markdownText(it.Label) + " | ")
		pitemMD(&b, it)
		b.WriteString(" |")
	}
	return b.String()
}

// ObligationsMD is the obligations in Markdown, each after a blank line.
func (v *profileView) ObligationsMD() string {
	var b strings.Builder
	md := markdownText
	semi := v.words().Semicolon()
	label := func(l string) string { return v.t("profile.label", "Label", l) }
	for _, o := range v.Obligations {
		b.WriteString("\n\n### " + v.t("profile.obligation-head", "Article", o.Article, "Name", md(o.Name)))
		if o.Episode != 0 {
			b.WriteString(" " + v.t("profile.episode", "N", o.Episode))
		}
		b.WriteString("\n\n**" + md(o.Status) + "**" + o.Mark().Symbol)
		if o.Verdict != "" {
			b.WriteString(" · " + v.t("profile.deadline-met", "Verdict", o.Verdict))
		}
		switch {
		case o.Began.Value != "" || len(o.Chain) > 0:
			b.WriteString("\n\n- " + label(v.t("report.began")) + " ")
			pitemMD(&b, o.Began)
			b.WriteString("\n- " + label(v.t("profile.deadline-in-force")) + " ")
			pitemMD(&b, o.Deadline)
			if len(o.Chain) > 0 {
				b.WriteString("\n- " + label(v.t("profile.deadlines")) + " ")
				for i, c := range o.Chain {
					if i > 0 {
						b.WriteString(semi)
					}
					pitemMD(&b, c)
					b.WriteString(" (" + md(c.Label) + ")")
				}
			}
			b.WriteString("\n- " + label(v.t("report.completed")) + " ")
			pitemMD(&b, o.Completed)
			if o.Done.Value != "" {
				b.WriteString("\n- " + label(md(o.Done.Label)) + " ")
				pitemMD(&b, o.Done)
			}
		case o.Deadline.Value != "–":
			b.WriteString("\n\n" + label(v.t("report.deadline")) + " ")
			pitemMD(&b, o.Deadline)
		}
		if o.Detail != "" {
			b.WriteString("\n\n" + md(o.Detail))
		}
		if p := o.Projection; p != nil {
			b.WriteString("\n\n**" + v.t("profile.projection-label") + "** " + md(p.Status))
			if p.Basis != "" {
				b.WriteString(" (" + p.Basis + ")")
			}
			b.WriteString(". " + label(md(p.Remaining.Label)) + " ")
			pitemMD(&b, p.Remaining)
			b.WriteString(semi + label(md(p.Rate.Label)) + " ")
			pitemMD(&b, p.Rate)
			if p.Completion != "" {
				b.WriteString(semi + v.t("profile.projected-completion", "Year", p.Completion))
			}
			b.WriteString(".\n\n**" + v.t("profile.what-it-takes") + "** " + md(p.Takes) + "\n\n" + v.t("profile.assumes") + " " +
				md(v.words().JoinClauses(p.Assumptions)) + ".")
		}
	}
	return b.String()
}

// AnnualMD is the rows of the table of annual reports in Markdown, each after a newline.
func (v *profileView) AnnualMD() string {
	var b strings.Builder
	for _, a := range v.Reporting.Annual {
		b.WriteString("\n| " + strconv.Itoa(a.Year) + " | " + a.Deadline + " | ")
		pitemMD(&b, a.Received)
		b.WriteString(" | " + markdownText(a.OnTime) + a.Mark().Symbol + " |")
	}
	return b.String()
}
