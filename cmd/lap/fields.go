package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
)

func runFields(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := newFlags("fields", "[--format table|json|md]", "Print the data dictionary as the engine knows it: every input field of facts.csv and every\nderived field, with type, unit, scope (static, year, carried, event or derived), kind and\ndescription. It is generated from the engine's own schema.", stdout)
	format := addFormat(fs, "table", "json", "md")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	fields := engine.Fields()
	switch format.value {
	case "json":
		return reports.EncodeJSON(stdout, fields)
	case "md":
		fmt.Fprintln(stdout, "| Field | Type | Unit | Scope | Kind | Nil possible | Description |")
		fmt.Fprintln(stdout, "| --- | --- | --- | --- | --- | --- | --- |")
		for _, f := range fields {
			fmt.Fprintf(stdout, "| `%s` | %s | %s | %s | %s | %s | %s |\n", f.Name, typeText(f), dash(f.Unit), f.Scope, f.Kind, yesNo(f.CanBeNil()), strings.ReplaceAll(f.Description, "|", "\\|"))
		}
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FIELD\tTYPE\tUNIT\tSCOPE\tKIND\tNIL\tDESCRIPTION")
	for _, f := range fields {
		desc := f.Description
		if len(desc) > 90 {
			desc = desc[:87] + "..."
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Name, typeText(f), dash(f.Unit), f.Scope, f.Kind, yesNo(f.CanBeNil()), desc)
	}
	return tw.Flush()
}

func typeText(f engine.Field) string {
	if len(f.Enum) > 0 {
		return "enum(" + strings.Join(f.Enum, "|") + ")"
	}
	return f.Type.String()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
