package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
)

func runRisk(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("risk", "--data DIR [--year Y] [--draws N] [--seed S] [--format table|json] [--plan DIR]",
		"Monte Carlo deadline risk: for each State Party with an outstanding Article 3 or 4 obligation,\ndraw each year's amount destroyed or cleared from its reported history (bootstrap) until\nnothing remains, and give the probability of completing by the deadline and by the end of the\nplan's target year, with the median completion; then the probability that the indicators\ncounting outstanding or overdue obligations reach their target. The same seed gives the same\nnumbers on any number of cores. See docs/whatif.md.", stdout)
	dataDir := fs.String("data", "", "dataset `directory` holding states.csv and facts.csv (or dataset.json)")
	year := fs.Int("year", 0, "assessed `year`; default: the year of the latest date in the data")
	draws := fs.Int("draws", 10000, "draws per State")
	seed := fs.Uint64("seed", 1, "random `seed`")
	format := fs.String("format", "table", "output `format`: table or json")
	planDir := fs.String("plan", "", "plan `directory`; default: the embedded plan")
	asOf := fs.String("as-of", "", "data cut-off `date` YYYY-MM-DD; default: the latest date in the data")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %v", fs.Args())
	}
	if err := oneOf("format", *format, "table", "json"); err != nil {
		return err
	}
	if *draws <= 0 {
		return usagef("--draws %d: want a positive number", *draws)
	}
	opts, err := evalOptions(*asOf, "", "")
	if err != nil {
		return err
	}
	plan, err := loadPlan(*planDir, stderr)
	if err != nil {
		return err
	}
	ds, err := loadData(*dataDir, stderr)
	if err != nil {
		return err
	}
	if *year == 0 {
		*year = ds.LatestDate().Year()
		if *asOf != "" {
			*year = engine.MustDate(*asOf).Year()
		}
	}
	a, err := plan.Assess(ctx, ds, *year, opts...)
	if err != nil {
		return err
	}
	ropts := []engine.RiskOption{engine.Draws(*draws), engine.Seed(*seed)}
	opt, done := progressBar(stderr, "risk")
	if opt != nil {
		ropts = append(ropts, opt)
	}
	r, err := plan.DeadlineRisk(ctx, ds, a, ropts...)
	done()
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(stdout, r)
	}
	return writeRiskTable(stdout, r)
}

// progressBar returns a progress option drawing a bar on stderr when stderr is a terminal, and
// a function that clears it. Elsewhere (a file, a pipe, a test buffer) it draws nothing.
func progressBar(stderr io.Writer, label string) (engine.RiskOption, func()) {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil, func() {}
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil, func() {}
	}
	const width = 30
	last := -1
	return engine.OnProgress(func(done, total int) {
			pct := 100 * done / total
			if pct == last {
				return
			}
			last = pct
			n := width * done / total
			fmt.Fprintf(f, "\r%s [%s%s] %3d%%", label, strings.Repeat("#", n), strings.Repeat(" ", width-n), pct)
		}), func() {
			if last >= 0 {
				fmt.Fprint(f, "\r\033[K")
				last = -1
			}
		}
}

func writeRiskTable(w io.Writer, r *engine.RiskReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Deadline risk, year %d, as of %s: %d draws per State, seed %d, horizon %d\n", r.Year, r.AsOf, r.Draws, r.Seed, r.HorizonYear)
	fmt.Fprintln(tw, "\nSTATE\tARTICLE\tREMAINING\tHISTORY\tDEADLINE\tP(BY DEADLINE)\tP(BY END "+strconv.Itoa(r.HorizonYear)+")\tCOMPLETION P10\tMEDIAN\tP90\tNOTE")
	if len(r.States) == 0 {
		fmt.Fprintln(tw, "(no outstanding Article 3 or 4 obligation)")
	}
	for _, s := range r.States {
		rem := formatValue(s.Remaining, s.Unit) + " " + s.Unit
		if s.Remaining != nil {
			rem += fmt.Sprintf(" (%d)", s.RemainingYear)
		}
		hist := "–"
		if n := len(s.History); n > 0 {
			hist = fmt.Sprintf("%d years %d-%d", n, s.History[0].Year, s.History[n-1].Year)
		}
		q := func(v *float64) string {
			if !s.Simulated {
				return "–"
			}
			return formatYearFrac(v)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ISO3, s.Article, rem, hist, orDash(s.Deadline), formatProb(s.PByDeadline),
			formatProb(s.PByHorizon), q(s.P10), q(s.Median), q(s.P90), s.Reason)
	}
	if len(r.Indicators) > 0 {
		fmt.Fprintln(tw, "\nINDICATOR\tCURRENT\tTARGET\tEXPECTED AT END OF HORIZON\tP(TARGET MET)\tNOT SIMULATED\tTITLE")
		for _, ir := range r.Indicators {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", ir.ID, formatValue(ir.Current, "states"), strconv.FormatFloat(ir.Target, 'f', -1, 64),
				strconv.FormatFloat(ir.Expected, 'f', 2, 64), formatProb(&ir.PReach), ir.Unsimulated, ir.Title)
		}
	}
	return tw.Flush()
}
