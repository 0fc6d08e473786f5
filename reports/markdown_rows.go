package reports

import (
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// The long lists of report.md, written here rather than by the template, as report.html's are
// (html_rows.go): each function writes what the template wrote, byte for byte, with every
// text that the template passed through md through markdownText (TestHostileTextGolden locks
// it).

// mdRows writes the rows of one language's report.md.
type mdRows struct{ loc *locale.Locale }

// funcs are the template functions writing the rows.
func (m mdRows) funcs() map[string]any {
	return map[string]any{
		"mdActions":         m.actions,
		"mdObligationRows":  mdRowsFunc(m.obligationRows),
		"mdObligationFacts": mdRowsFunc(m.obligationFacts),
		"mdObligationNotes": mdRowsFunc(m.obligationNotes),
		"mdCoverageRows":    mdRowsFunc(m.coverageRows),
		"mdArticle7Rows":    mdRowsFunc(m.article7Rows),
		"mdAnnexRows":       m.annexRows,
		"mdCountedAnnex":    mdRowsFunc(m.countedAnnex),
		"mdRevisionRows":    mdRowsFunc(m.revisionRows),
		"mdGroupRows":       mdRowsFunc(m.groupRows),
		"mdViolations":      mdRowsFunc(m.violations),
		"mdInputFileRows":   m.inputFileRows,
	}
}

// mdRowsFunc makes a function writing rows a template function: with out (the page's
// writer, .Out) it writes them there, where the template calls it, and gives nothing (see
// pageOut); without, it gives them.
func mdRowsFunc[T any](write func(rowWriter, []T)) func(*pageOut, []T) string {
	return func(out *pageOut, rows []T) string {
		if out != nil {
			write(out.w, rows)
			return ""
		}
		var b strings.Builder
		b.Grow(160 * len(rows))
		write(&b, rows)
		return b.String()
	}
}

func (m mdRows) t(id string, kv ...any) string { return m.loc.T(id, pairs(kv)) }

func mdStatus(s statusInfo) string { return s.Symbol + " " + s.Label }

// sref writes a State, linked to its profile when it has one, and
// marked (the templates' "sref" once).
func (m mdRows) sref(b rowWriter, s stateRef) {
	if s.MD != "" {
		b.WriteString("[" + markdownText(s.Name) + "](" + s.MD + ")")
	} else {
		b.WriteString(markdownText(s.Name))
	}
	b.WriteString(s.Mark.Symbol)
}

func (m mdRows) names(b rowWriter, names []stateRef) {
	for i, s := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		m.sref(b, s)
	}
}

// actions writes the part of a section for each of its actions: heading, score, indicator
// table, notes, the States its count indicators count, the definitions and the chart links.
// With out (the page's writer, .Out) it is written there, where the call stands, and the
// function gives nothing; without, it gives it.
func (m mdRows) actions(out *pageOut, cut cutoffView, year int, chartFormat string, actions []actionView) string {
	if out != nil {
		m.writeActions(out.w, cut, year, chartFormat, actions)
		return ""
	}
	var b strings.Builder
	b.Grow(4 << 10 * len(actions))
	m.writeActions(&b, cut, year, chartFormat, actions)
	return b.String()
}

func (m mdRows) writeActions(b rowWriter, cut cutoffView, year int, chartFormat string, actions []actionView) {
	md := markdownText
	prevHead, yearHead, seriesNote := cut.PrevHead, cut.YearHead, cut.SeriesNote
	head := "| " + m.t("report.id") + " | " + m.t("report.indicator") + " | " + m.t("report.unit") + " | " + cut.BaseHead +
		" | " + prevHead + " | " + yearHead + " | " + m.t("report.over") + " | " + m.t("report.target") +
		" | " + m.t("report.expected-year", "Year", year) + " | " + m.t("report.progress") + " | " + m.t("report.status") +
		" | " + m.t("report.direction-of-travel") + " |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
	colon := m.loc.Colon()
	for _, a := range actions {
		b.WriteString("\n<a id=\"action-" + strconv.Itoa(a.Number) + "\"></a>\n\n### " + m.t("report.action", "N", a.Number) + " " + md(a.Title) + "\n\n")
		if a.Provenance != "found" {
			b.WriteString(m.t("report.md-action-provenance", "Provenance", a.Provenance))
		} else {
			b.WriteString(m.t("report.md-action-provenance-found", "Provenance", a.Provenance))
		}
		b.WriteString(" " + md(a.Description) + "\n\n" +
			m.t("report.md-action-score", "Score", a.Rollup.Score, "Expected", a.Rollup.Expected, "Status", mdStatus(a.Rollup.Status)) + "\n\n" + head)
		for _, r := range a.Rows {
			b.WriteString("\n| " + r.ID + " | " + md(r.Title) + " *(" + r.Provenance + ")* | " + md(r.Unit) + " | " + r.Baseline + r.BaselineMark.Symbol + note(r.BaselineNote) +
				" | " + r.Previous + r.PreviousMark.Symbol + " | " + r.Value + r.ValueMark.Symbol + " | " + md(r.Over) + " | " + md(r.Target) +
				" | " + r.Expected + " | " + r.Progress + " | " + mdStatus(r.Status) + " | " + r.Trend + " |")
		}
		b.WriteString("\n")
		for _, r := range a.Rows {
			b.WriteString("\n- **" + r.ID + "**" + colon + md(r.Reason) + ".")
			if r.Error != "" {
				b.WriteString(" " + m.t("report.evaluation-error") + " " + md(r.Error) + ".")
			}
			for _, n := range r.Notes {
				b.WriteString(" " + md(n) + ".")
			}
		}
		for _, c := range a.Counted {
			b.WriteString("\n- ")
			switch {
			case c.Long:
				b.WriteString(m.t("content.counts-long-md", "ID", c.ID, "N", c.N, "Section", m.t("content.counted-title")))
			case c.N != 0:
				b.WriteString(m.loc.N("content.counts-prefix", c.N, pairs([]any{"ID", c.ID})) + " ")
				m.names(b, c.Names)
				b.WriteString(".")
			default:
				b.WriteString(m.t("content.counts-none", "ID", c.ID))
			}
		}
		b.WriteString("\n\n" + m.t("content.definitions-md") + "\n")
		for _, r := range a.Rows {
			b.WriteString("\n- **" + r.ID + "** " + md(r.Title) + colon)
			if r.Definition != "" {
				b.WriteString(md(r.Definition))
			} else {
				b.WriteString(m.t("content.no-definition-lc"))
			}
			if r.Note != "" {
				b.WriteString(" *" + m.t("content.note-label") + "* " + md(r.Note))
			}
			b.WriteString(" *" + m.t("content.taken-over") + "* " + md(r.Over) + ".")
		}
		if chartFormat != "" && len(a.Figures) > 0 {
			for _, f := range a.Figures {
				b.WriteString("\n\n![" + md(f.Title) + "](charts/" + f.Name + "." + chartFormat + ")")
			}
			b.WriteString("\n\n*" + md(seriesNote) + "*")
		}
		b.WriteString("\n")
	}
}

// note is a cell's note after its value, or nothing.
func note(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

func (m mdRows) obligationRows(b rowWriter, rows []obligationRow) {
	md := markdownText
	for _, o := range rows {
		b.WriteString("\n| " + md(o.Name) + " (" + o.ISO3 + ") | " + strconv.Itoa(o.Article) + " | " + strconv.Itoa(o.Episode) + " | " + o.Start + o.StartMark.Symbol +
			" | " + md(o.Deadline) + o.DeadlineMark.Symbol + " | " + o.Completed + o.CompletedMark.Symbol + " | " + mdStatus(o.Status) + " | " + o.DeadlineMet +
			" | " + md(o.InYear) + o.InYearMark.Symbol + " | " + md(o.Remaining) + o.RemainingMark.Symbol + " | " + md(o.Rate) + o.RateMark.Symbol +
			" | " + o.Completion + " | " + md(o.RateNeeded) + " | " + mdStatus(o.Projection))
		if o.Basis != "" {
			b.WriteString(" (" + o.Basis + ")")
		}
		b.WriteString(" |")
	}
}

func (m mdRows) obligationFacts(b rowWriter, rows []obligationRow) {
	md := markdownText
	colon := m.loc.Colon()
	for _, o := range rows {
		for _, s := range o.Sources {
			b.WriteString("\n- " + m.t("report.fact-head", "State", md(s.State), "ISO3", s.ISO3, "Article", s.Article, "Episode", s.Episode) +
				" `" + s.Field + "` = " + md(s.Value) + s.Mark.Symbol + " (")
			if s.Class != "" {
				b.WriteString(classWord(m.loc, engine.Class(s.Class)) + ", ") // « illustratif »
			}
			b.WriteString(md(s.Origin) + ")" + colon + md(s.Source))
		}
	}
}

func (m mdRows) obligationNotes(b rowWriter, rows []obligationRow) {
	for _, o := range rows {
		if o.ProjectionNote != "" {
			b.WriteString("\n\n- **" + m.t("report.note-head", "State", markdownText(o.Name), "Article", o.Article) + "**" + m.loc.Colon() + markdownText(o.ProjectionNote))
		}
	}
}

func (m mdRows) coverageRows(b rowWriter, rows []coverageRow) {
	for _, r := range rows {
		b.WriteString("\n| " + r.ID + " " + markdownText(r.Title) + " | " + strconv.Itoa(r.Population) + " | " + strconv.Itoa(r.Known) + " | " + strconv.Itoa(r.NoData) +
			" | " + r.Share + " | " + r.Unknown + " | " + r.Flag + " | " + strconv.Itoa(r.Classes.Official) + " | " + strconv.Itoa(r.Classes.Monitor) +
			" | " + strconv.Itoa(r.Classes.Estimate) + " | " + strconv.Itoa(r.Classes.Unstated) + " | " + strconv.Itoa(r.Classes.Illustrative) +
			" | " + markdownText(r.Missing) + " |")
	}
}

func (m mdRows) article7Rows(b rowWriter, rows []article7Row) {
	md := markdownText
	for _, r := range rows {
		b.WriteString("\n| ")
		m.sref(b, r.State)
		b.WriteString(" | " + r.InitialDue + " | " + md(r.InitialReceived.Value) + r.InitialReceived.Mark().Symbol + " | " + md(r.InitialOnTime) + r.InitialMark.Symbol +
			" | " + md(r.Annual.Value) + r.Annual.Mark().Symbol + " | " + md(r.AnnualOnTime) + r.AnnualMark.Symbol + " |")
	}
}

// annexRows writes rows of the annex of States, of the kinds html_rows.go's annexRows takes.
func (m mdRows) annexRows(kind string, rows []annexRow) string {
	var b strings.Builder
	md := markdownText
	for _, r := range rows {
		b.WriteString("\n| ")
		if kind == "parties" {
			m.sref(&b, r.State)
		} else {
			b.WriteString(md(r.State.Name))
		}
		b.WriteString(" | " + md(r.Region) + " | ")
		switch kind {
		case "parties", "pending":
			b.WriteString(r.Signed + " | " + r.Deposited + " (" + r.Instrument + ") | " + r.EntryIntoForce)
		case "signatories":
			b.WriteString(r.Signed)
		default: // former
			b.WriteString(r.Deposited + " | " + r.Withdrawn)
		}
		b.WriteString(" |")
	}
	return b.String()
}

func (m mdRows) countedAnnex(b rowWriter, counted []countedNames) {
	for _, c := range counted {
		b.WriteString("\n<a id=\"counted-" + c.ID + "\"></a>\n\n**" + c.ID + " " + markdownText(c.Title) + "** (" + m.loc.N("count.states", c.N, nil) + ")" + m.loc.Colon())
		m.names(b, c.Names)
		b.WriteString(".\n")
	}
}

// cell writes a value with its mark and what it is over.
func mdCell(b rowWriter, value, over string, mk markInfo) {
	b.WriteString(value + mk.Symbol)
	if over != "" {
		b.WriteString(" (" + over + ")")
	}
}

func (m mdRows) revisionRows(b rowWriter, rows []revisionRow) {
	for _, r := range rows {
		b.WriteString("\n| " + r.ID + " " + markdownText(r.Title) + " | " + strconv.Itoa(r.Year) + " | ")
		mdCell(b, r.Then.Value, r.Then.Over, r.Then.Mark)
		b.WriteString(" | ")
		mdCell(b, r.Now.Value, r.Now.Over, r.Now.Mark)
		b.WriteString(" | " + markdownText(strings.Join(r.Why, " ")) + " |")
	}
}

func (m mdRows) groupRows(b rowWriter, rows []groupRow) {
	for _, r := range rows {
		b.WriteString("\n| " + r.ID + " " + markdownText(r.Title) + " |")
		for _, c := range r.Cells {
			b.WriteString(" ")
			mdCell(b, c.Value, c.Over, c.Mark)
			b.WriteString(" |")
		}
		b.WriteString(" ")
		mdCell(b, r.Whole.Value, r.Whole.Over, r.Whole.Mark)
		b.WriteString(" |")
	}
}

func (m mdRows) violations(b rowWriter, rows []violationRow) {
	colon := m.loc.Colon()
	for _, v := range rows {
		b.WriteString("\n- **" + v.Importance + "** `" + v.Check + "`" + colon + markdownText(v.Message))
		if len(v.Values) > 0 {
			b.WriteString(". " + m.t("report.values-label") + " " + markdownText(m.loc.JoinClauses(v.Values)) + ".")
		}
	}
}

// inputFileRows writes the rows of the input files: the data's (plan false) or the plan's.
func (m mdRows) inputFileRows(plan bool, files []engine.InputFile) string {
	var b strings.Builder
	word := m.t("report.data")
	if plan {
		word = m.t("report.plan-file")
	}
	for _, f := range files {
		b.WriteString("\n| " + markdownText(f.Name) + " " + word + " | `" + f.SHA256 + "` | ")
		if f.Rows != 0 || !plan {
			b.WriteString(strconv.Itoa(f.Rows))
		} else {
			b.WriteString("–")
		}
		b.WriteString(" |")
	}
	return b.String()
}
