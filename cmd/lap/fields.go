package main

import (
	"context"
	"io"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
)

func runFields(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := newFlags("fields", "[--format table|json|md]", "Print the data dictionary as the engine knows it: every input field of facts.csv and every\nderived field, with its label (the words a report shows a reader instead of its name), type,\nunit, scope (static, year, carried, event or derived), kind and description. It is generated\nfrom the engine's own schema.", stdout)
	format := addFormat(fs, "table", "json", "md")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	return reports.WriteFields(stdout, engine.Fields(), format.value)
}
