package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine/risk"
)

// WriteRiskTable writes a Monte Carlo deadline risk report as plain-text tables: one row per
// State and article, then the indicators counting outstanding obligations (`lap risk`).
func WriteRiskTable(w io.Writer, r *risk.Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Deadline risk, year %d, as of %s: %d draws per State, seed %d, horizon %d\n", r.Year, r.AsOf, r.Draws, r.Seed, r.HorizonYear)
	fmt.Fprintln(tw, "\nSTATE\tARTICLE\tEPISODE\tREMAINING\tHISTORY\tDEADLINE\tP(BY DEADLINE)\tP(BY END "+strconv.Itoa(r.HorizonYear)+")\tCOMPLETION P10\tMEDIAN\tP90\tPROJECTION\tNOTE")
	if len(r.States) == 0 {
		fmt.Fprintln(tw, "(no open Article 3 or 4 obligation)")
	}
	var why []string
	for _, s := range r.States {
		hist := dash
		switch n := len(s.History); n {
		case 0:
		case 1:
			hist = fmt.Sprintf("1 year %d", s.History[0].Year)
		default:
			hist = fmt.Sprintf("%d years %d-%d", n, s.History[0].Year, s.History[n-1].Year)
		}
		q := func(v *float64) string {
			if !s.Simulated {
				return dash
			}
			return textYearFrac(v)
		}
		proj := dash
		if s.Remaining != nil && (s.Projected != nil || s.Simulated || s.SinglePoint) {
			proj = textYearFrac(s.Projected)
		}
		note := s.Reason
		if s.Stale {
			note = strings.TrimPrefix(note+"; rests on data older than two years", "; ")
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ISO3, s.Article, s.Episode, textRemaining(s.Remaining, s.Unit, s.RemainingYear),
			hist, orDash(s.Deadline), textProb(s.PByDeadline), textProb(s.PByHorizon), q(s.P10), q(s.Median), q(s.P90), proj, note)
		if s.Why != "" {
			why = append(why, fmt.Sprintf("  %s (article %d): %s.", s.ISO3, s.Article, s.Why))
		}
	}
	if len(why) > 0 {
		fmt.Fprintln(tw, "\nMEDIAN AND PROJECTION: the projection is the deterministic one of lap eval and the report (no further extension, the recent rate); the median is the simulation's.")
		for _, l := range why {
			fmt.Fprintln(tw, l)
		}
	}
	if len(r.Indicators) > 0 {
		fmt.Fprintln(tw, "\nINDICATOR\tCURRENT\tTARGET\tEXPECTED AT END OF HORIZON\tP(TARGET MET)\tNOT SIMULATED\tDEADLINE NOT KNOWN\tTITLE")
		notKnown := false
		for _, ir := range r.Indicators {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", ir.ID, textValue(ir.Current, "states"), textExact(ir.Target),
				strconv.FormatFloat(ir.Expected, 'f', 2, 64), textProb(&ir.PReach), ir.Unsimulated, ir.DeadlineNotKnown, ir.Title)
			notKnown = notKnown || ir.DeadlineNotKnown > 0
		}
		if notKnown {
			fmt.Fprintln(tw, "DEADLINE NOT KNOWN: the States left out of a past-deadline count: their deadline has passed while an extension request awaits a decision, so the deadline that applies is not known.")
		}
	}
	return tw.Flush()
}
