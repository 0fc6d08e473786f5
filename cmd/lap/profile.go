package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
	"github.com/lapmonitor/lap/reports/outdir"
)

func runProfile(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("profile", "ISO3|NAME --data DIR --year Y [--format text|md|json] [--lang en|fr|es] [--as-of DATE] [--plan DIR]",
		"Print one State's country profile for a year, as lap report writes it in profiles/ISO3.md:\nits membership with the treaty dates; each obligation with its episodes, deadlines (the\noriginal and each extension), verdict and projection (what meeting the deadline takes); its\nArticle 7 record year by year; every indicator it counts in, with its result and whether it\nhelped or held back the indicator's value; and the class and source of every figure. The\nState is named by its ISO3 code or its name as in states.csv (\"LAO\", \"Lao People's\nDemocratic Republic\"; case, accents and a unique beginning do not matter).", stdout)
	in := addInputs(fs, true)
	outF := addOutput(fs, "the plan's text (the profile's own words are English so far)", "text", "md", "json")
	query, rest, err := parseSubject(fs, args) // lap profile LAO --data DIR --year 2024
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return usagef("unexpected arguments %v (quote a name with spaces: lap profile \"Lao People's Democratic Republic\" ...)", rest)
	case strings.TrimSpace(query) == "":
		return usagef("a State is required: its ISO3 code or its name, e.g. lap profile LAO --data DIR --year 2024")
	case in.year == 0:
		return usagef("--year is required")
	}
	lang, err := outF.check()
	if err != nil {
		return err
	}
	plan, ds, opts, err := in.open(stderr, "")
	if err != nil {
		return err
	}
	if plan, err = translate(plan, lang); err != nil {
		return err
	}
	st, err := findState(ds, query)
	if err != nil {
		return err
	}
	cut := in.reportCutOff(plan, ds) // the same cut-off as lap report's
	opts = append(opts, engine.AsOf(cut.AsOf))
	a, err := plan.Assess(ctx, ds, in.year, opts...)
	if err != nil {
		return err
	}
	p, err := reports.ProfileOf(ctx, plan, ds, a, st.ISO3)
	if err != nil {
		return err
	}
	if _, notice := plan.Language(); notice != "" && outF.format.value != "json" {
		fmt.Fprintln(stdout, notice) // the plan's texts below are an unofficial translation
	}
	switch outF.format.value {
	case "json":
		return reports.EncodeJSON(stdout, p)
	case "md":
		return reports.WriteProfileMarkdown(stdout, p, reports.ProfileOptions{Generator: "lap profile"})
	}
	return reports.WriteProfileText(stdout, p)
}

// reportCutOff is the cut-off of the report for --year: --as-of, else the plan's report
// cut-off for the year, capped at the data's latest date (engine.Plan.ReportCutOff).
func (in *inputs) reportCutOff(plan *engine.Plan, ds *engine.Dataset) engine.CutOff {
	var given engine.Date
	if in.asOf != "" {
		given, _ = engine.ParseDay(in.asOf) // checked by in.options
	}
	return plan.ReportCutOff(ds, in.year, given)
}

// findState resolves a State by ISO3 code or name (engine.Dataset.LookupState); an unknown one
// is a usage error that names the nearest States.
func findState(ds *engine.Dataset, query string) (engine.State, error) {
	st, ok, hint := ds.LookupState(query)
	if ok {
		return st, nil
	}
	msg := fmt.Sprintf("no State %q in the data: give its ISO3 code or its name as in states.csv", query)
	if hint != "" {
		msg += "; did you mean " + hint + "?"
	}
	return engine.State{}, usagef("%s", msg)
}

// profileFiles are the country profile files of a report, by report format: the pages (md,
// html) and, with json, the model they are written from (what lap profile --format json prints).
var profileFiles = map[string]string{"md": ".md", "html": ".html", "json": ".json"}

// profileJobs returns a job per country profile file of rep: one per State Party and format
// (md, html, json), profiles/ISO3.md, .html and .json (each file is independent; the files
// are the same whatever the order).
func profileJobs(d *outdir.Dir, rep *reports.Report, fmts []string) ([]func() error, error) {
	ps, err := rep.Profiles()
	if err != nil {
		return nil, err
	}
	var jobs []func() error
	for _, f := range fmts {
		if _, ok := profileFiles[f]; ok {
			for _, p := range ps {
				jobs = append(jobs, func() error {
					name, key := "profiles/"+p.ISO3+profileFiles[f], rep.ProfileKey(p, f)
					if reused, err := d.Reuse(name, key); err != nil || reused {
						if err != nil {
							return fmt.Errorf("write profiles: %w", err)
						}
						return nil
					}
					var b bytes.Buffer
					if err := rep.WriteProfile(&b, p, f); err != nil {
						return err
					}
					if err := d.WriteFileKey(name, key, b.Bytes()); err != nil {
						return fmt.Errorf("write profiles: %w", err)
					}
					return nil
				})
			}
		}
	}
	return jobs, nil
}
