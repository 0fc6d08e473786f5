package main

import (
	"context"
	"fmt"
	"io"

	"github.com/lapmonitor/lap/reports"
)

func runExplain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("explain", "ID --data DIR --year Y [--as-of DATE] [--counting C] [--format text|json] [--lang en|fr|es] [--all] [--plan DIR]",
		"Show the whole derivation of one indicator for one year: its expressions, every State in\nits population with the value of each field the rule read and where it came from (file:line\nof facts.csv or states.csv, or derived), the aggregate, then the scoring arithmetic: baseline,\ntarget, expected-by-now value, progress, status and the thresholds used.", stdout)
	in := addInputs(fs, true)
	outF := addOutput(fs, "the indicator's text and status words", "text", "json")
	all := fs.Bool("all", false, "also show the values read for States outside the population")
	id, rest, err := parseSubject(fs, args) // lap explain 43.1 --data DIR --year 2024
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return usagef("unexpected arguments %v", rest)
	case id == "":
		return usagef("an indicator ID is required, e.g. lap explain 43.1 --data DIR --year 2024")
	case in.year == 0:
		return usagef("--year is required")
	}
	lang, err := outF.check()
	if err != nil {
		return err
	}
	opts, err := in.options("")
	if err != nil {
		return err
	}
	plan, err := loadPlan(in.plan, stderr)
	if err != nil {
		return err
	}
	if plan, err = translate(plan, lang); err != nil {
		return err
	}
	if _, ok := plan.Indicator(id); !ok {
		return usagef("unknown indicator %q", id)
	}
	ds, err := loadData(in.data, stderr)
	if err != nil {
		return err
	}
	ex, err := plan.Explain(ctx, ds, id, in.year, in.reportOn(opts, plan, ds, in.year)...)
	if err != nil {
		return err
	}
	if outF.format.value == "json" {
		return reports.EncodeJSON(stdout, reports.ExplanationIn(ex, lang)) // codes English, sentences in lang
	}
	if _, notice := plan.Language(); notice != "" {
		fmt.Fprintln(stdout, notice) // the plan's texts below are an unofficial translation
	}
	return reports.WriteExplanationIn(stdout, ex, *all, lang)
}
