package reports

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
)

// WriteRiskTable writes a Monte Carlo deadline risk report as plain-text tables: one row per
// State and article, then the indicators counting outstanding obligations (`lap risk`).
func WriteRiskTable(w io.Writer, r *engine.RiskReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Deadline risk, year %d, as of %s: %d draws per State, seed %d, horizon %d\n", r.Year, r.AsOf, r.Draws, r.Seed, r.HorizonYear)
	fmt.Fprintln(tw, "\nSTATE\tARTICLE\tREMAINING\tHISTORY\tDEADLINE\tP(BY DEADLINE)\tP(BY END "+strconv.Itoa(r.HorizonYear)+")\tCOMPLETION P10\tMEDIAN\tP90\tNOTE")
	if len(r.States) == 0 {
		fmt.Fprintln(tw, "(no outstanding Article 3 or 4 obligation)")
	}
	for _, s := range r.States {
		hist := dash
		if n := len(s.History); n > 0 {
			hist = fmt.Sprintf("%d years %d-%d", n, s.History[0].Year, s.History[n-1].Year)
		}
		q := func(v *float64) string {
			if !s.Simulated {
				return dash
			}
			return textYearFrac(v)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ISO3, s.Article, textRemaining(s.Remaining, s.Unit, s.RemainingYear),
			hist, orDash(s.Deadline), textProb(s.PByDeadline), textProb(s.PByHorizon), q(s.P10), q(s.Median), q(s.P90), s.Reason)
	}
	if len(r.Indicators) > 0 {
		fmt.Fprintln(tw, "\nINDICATOR\tCURRENT\tTARGET\tEXPECTED AT END OF HORIZON\tP(TARGET MET)\tNOT SIMULATED\tTITLE")
		for _, ir := range r.Indicators {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", ir.ID, textValue(ir.Current, "states"), textExact(ir.Target),
				strconv.FormatFloat(ir.Expected, 'f', 2, 64), textProb(&ir.PReach), ir.Unsimulated, ir.Title)
		}
	}
	return tw.Flush()
}
