package main

import (
	"context"
	"fmt"
	"io"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/risk"
	"github.com/lapmonitor/lap/reports"
)

func runRisk(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("risk", "--data DIR [--year Y] [--draws N] [--seed S] [--format table|json] [--lang en|fr|es] [--plan DIR]",
		"Monte Carlo deadline risk: for each State Party with an outstanding Article 3 or 4 obligation,\ndraw each year's amount destroyed or cleared from its reported history (bootstrap) until\nnothing remains, and give the probability of completing by the deadline and by the end of the\nplan's target year, with the median completion; then the probability that the indicators\ncounting outstanding or overdue obligations reach their target. The same seed gives the same\nnumbers on any number of cores. See docs/whatif.md.", stdout)
	in := addInputs(fs, false)
	fs.Lookup("year").Usage = "assessed `year`; default: the year of the latest date in the data"
	fs.Lookup("as-of").Usage = "data cut-off `date` YYYY-MM-DD; with --year, " + reportCutOffUsage + "; without --year, the latest date in the data"
	outF := addOutput(fs, "the table's words, numbers and dates and the plan's text", "table", "json")
	mc := addMonteCarlo(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	lang, err := outF.check()
	if err != nil {
		return err
	}
	if err := mc.check(); err != nil {
		return err
	}
	plan, ds, opts, err := in.open(stderr, "")
	if err != nil {
		return err
	}
	if plan, err = translate(plan, lang); err != nil {
		return err
	}
	if in.year == 0 {
		in.year = ds.LatestDate().Year()
		if in.asOf != "" {
			in.year = engine.MustDate(in.asOf).Year()
		}
	} else {
		opts = in.reportOn(opts, plan, ds, in.year)
	}
	a, err := plan.Assess(ctx, ds, in.year, opts...)
	if err != nil {
		return err
	}
	ropts, done := mc.options(stderr)
	r, err := risk.Simulate(ctx, plan, ds, a, ropts...)
	done()
	if err != nil {
		return err
	}
	if outF.format.value == "json" {
		return reports.EncodeJSON(stdout, r)
	}
	if _, notice := plan.Language(); notice != "" {
		fmt.Fprintln(stdout, notice) // the indicators' titles below are an unofficial translation
	}
	return reports.WriteRiskTableIn(stdout, r, lang)
}
