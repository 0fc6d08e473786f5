package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine/risk"
	"github.com/lapmonitor/lap/reports/locale"
)

// WriteRiskTable writes a Monte Carlo deadline risk report as plain-text tables: one row per
// State and article, then the indicators counting outstanding obligations (`lap risk`).
func WriteRiskTable(w io.Writer, r *risk.Report) error {
	return WriteRiskTableIn(w, r, locale.English)
}

// WriteRiskTableIn writes the tables of WriteRiskTable with their heads, numbers, dates and
// notes in lang (catalog/cli.LANG.toml; the engine's sentences from catalog/engine.LANG.toml);
// the indicators' titles are those of the plan simulated (engine.Plan.Translated). English is
// written exactly as WriteRiskTable always wrote it. The DEADLINE column keeps its dates as
// YYYY-MM-DD, as lap eval's table does; French and Spanish say so under the table.
func WriteRiskTableIn(w io.Writer, r *risk.Report, lang locale.Lang) error {
	loc := locale.For(lang)
	tx := tableWords{loc}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	asOf := r.AsOf
	if !tx.english() {
		asOf = dateIn(loc, asOf)
	}
	fmt.Fprintln(tw, loc.T("cli.risk.head", map[string]any{"Year": r.Year, "AsOf": asOf, "Draws": tx.count(r.Draws), "Seed": r.Seed, "Horizon": r.HorizonYear}))
	fmt.Fprintln(tw, loc.T("cli.marks"))
	fmt.Fprintln(tw, "\n"+loc.T("cli.risk.head.states", map[string]any{"Horizon": r.HorizonYear}))
	if len(r.States) == 0 {
		fmt.Fprintln(tw, loc.T("cli.risk.none"))
	}
	var why []string
	for _, s := range r.States {
		hist := dash
		switch n := len(s.History); n {
		case 0:
		case 1:
			hist = loc.T("cli.risk.history-one", map[string]any{"Year": s.History[0].Year})
		default:
			hist = loc.T("cli.risk.history", map[string]any{"N": n, "From": s.History[0].Year, "To": s.History[n-1].Year})
		}
		q := func(v *float64) string {
			if !s.Simulated {
				return dash
			}
			return tx.yearFrac(v)
		}
		proj := dash
		if s.Remaining != nil && (s.Projected != nil || s.Simulated || s.SinglePoint) {
			proj = tx.yearFrac(s.Projected)
		}
		note := tx.sentence(s.Reason, s.ReasonSentence)
		if s.Stale {
			note = strings.TrimPrefix(note+loc.Semicolon()+loc.T("cli.risk.stale"), loc.Semicolon())
		}
		name := nameIn(loc, s.ISO3, s.Name)
		m := func(cell string) string { // a figure drawn from the data carries their mark
			if cell == dash {
				return cell
			}
			return cell + MarkSymbol(s.Class)
		}
		if hist != dash {
			hist += MarkSymbol(s.HistoryClass)
		}
		deadline := orDash(s.Deadline)
		if s.Deadline != "" {
			deadline += MarkSymbol(s.DeadlineClass)
		}
		remaining := tx.remaining(s.Remaining, s.Unit, s.RemainingYear)
		if s.Remaining != nil {
			remaining += MarkSymbol(s.RemainingClass)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ISO3, name, s.Article, s.Episode, remaining,
			hist, deadline, m(tx.prob(s.PByDeadline)), m(tx.prob(s.PByHorizon)), m(q(s.P10)), m(q(s.Median)), m(q(s.P90)), m(proj), note)
		if s.Why != "" {
			why = append(why, "  "+loc.T("cli.risk.why", map[string]any{"State": name, "Article": s.Article, "Why": tx.sentence(s.Why, s.WhySentence)}))
		}
	}
	if !tx.english() && len(r.States) > 0 {
		fmt.Fprintln(tw, loc.T("cli.risk.iso-dates"))
	}
	if len(why) > 0 {
		fmt.Fprintln(tw, "\n"+loc.T("cli.risk.median-and-projection"))
		for _, l := range why {
			fmt.Fprintln(tw, l)
		}
	}
	if len(r.Indicators) > 0 {
		fmt.Fprintln(tw, "\n"+loc.T("cli.risk.head.indicators", map[string]any{"Horizon": r.HorizonYear}))
		notKnown := false
		for _, ir := range r.Indicators {
			expected := strconv.FormatFloat(ir.Expected, 'f', 2, 64)
			if !tx.english() {
				expected = loc.PlainNumber(ir.Expected, 2)
			}
			current := tx.value(ir.Current, "states")
			if ir.Current != nil {
				current += MarkSymbol(ir.Class)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", ir.ID, current, tx.exact(ir.Target),
				expected+MarkSymbol(ir.Class), tx.prob(&ir.PReach)+MarkSymbol(ir.Class), ir.Unsimulated, ir.DeadlineNotKnown, labelled(ir.Title, ir.Provenance))
			notKnown = notKnown || ir.DeadlineNotKnown > 0
		}
		if notKnown {
			fmt.Fprintln(tw, loc.T("cli.risk.deadline-not-known"))
		}
	}
	return tw.Flush()
}
