package main

import (
	"context"
	"io"

	"github.com/lapmonitor/lap/reports"
)

func runPlan(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("plan", "[--format table|json|md] [--plan DIR]",
		"Print the whole plan for review: its sections, every action with its provenance label and\nevery indicator with its provenance, aggregate, unit, direction, target and the text of its\npopulation and rule expressions. The plan is a reconstruction: the labels say what is sourced.", stdout)
	format := addFormat(fs, "table", "json", "md")
	planDir := fs.String("plan", "", planUsage)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	plan, err := loadPlan(*planDir, stderr)
	if err != nil {
		return err
	}
	return reports.WritePlan(stdout, plan, format.value)
}
