package main

import (
	"context"
	"io"
	"slices"
	"strings"

	"github.com/lapmonitor/lap/reports"
)

// planLanguages are the languages `lap plan --lang` shows: the plan as written (en) and its
// unofficial translations (lang/fr.toml, lang/es.toml of the plan directory).
var planLanguages = []string{"en", "fr", "es"}

func runPlan(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("plan", "[--format table|json|md] [--lang en|fr|es] [--plan DIR]",
		"Print the whole plan for review: its sections, every action with its provenance label and\nevery indicator with its provenance, aggregate, unit, direction, target and the text of its\npopulation and rule expressions. The plan is a reconstruction: the labels say what is sourced.\nWith --lang fr or es the titles, descriptions, bases, definitions and notes come from the\nplan's unofficial translation (lang/fr.toml, lang/es.toml), marked as such in the output.", stdout)
	format := addFormat(fs, "table", "json", "md")
	planDir := fs.String("plan", "", planUsage)
	lang := fs.String("lang", "en", "`language` of the plan's text: en (as written), fr or es (unofficial translations)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	if !slices.Contains(planLanguages, *lang) {
		return usagef("--lang %q: want one of %s", *lang, strings.Join(planLanguages, ", "))
	}
	plan, err := loadPlan(*planDir, stderr)
	if err != nil {
		return err
	}
	if *lang != "en" {
		if plan, err = plan.Translated(*lang); err != nil {
			return err
		}
	}
	return reports.WritePlan(stdout, plan, format.value)
}
