package main

import (
	"context"
	"io"

	"github.com/lapmonitor/lap/reports"
)

func runPlan(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("plan", "[--format table|json|md] [--lang en|fr|es] [--plan DIR]",
		"Print the whole plan for review: its sections, every action with its provenance label and\nevery indicator with its provenance, aggregate, unit, direction, target and the text of its\npopulation and rule expressions. The plan is a reconstruction: the labels say what is sourced.\nWith --lang fr or es the titles, descriptions, bases, definitions and notes come from the\nplan's unofficial translation (lang/fr.toml, lang/es.toml), marked as such in the output.", stdout)
	outF := addOutput(fs, "the plan's text (fr, es: lang/fr.toml, lang/es.toml)", "table", "json", "md")
	planDir := fs.String("plan", "", planUsage)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	lang, err := outF.check()
	if err != nil {
		return err
	}
	plan, err := loadPlan(*planDir, stderr)
	if err != nil {
		return err
	}
	if plan, err = translate(plan, lang); err != nil {
		return err
	}
	return reports.WritePlan(stdout, plan, outF.format.value)
}
