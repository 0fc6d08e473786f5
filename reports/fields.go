package reports

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
)

// WriteFields writes the data dictionary (engine.Fields) in a format: "table" (plain text,
// descriptions cut to 90 characters), "md" (a Markdown table, as in docs/data.md) or "json".
// Each field is shown with its label, the words a reader of a report sees instead of its name.
func WriteFields(w io.Writer, fields []engine.Field, format string) error {
	switch format {
	case "json":
		return EncodeJSON(w, fields)
	case "md":
		tw := &textWriter{w: w}
		tw.printf("| Field | Label | Type | Unit | Scope | Kind | Form | Nil possible | Description |\n")
		tw.printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
		for _, f := range fields {
			tw.printf("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n", f.Name, strings.ReplaceAll(f.Label, "|", "\\|"), fieldType(f), hyphenIfEmpty(f.Unit), f.Scope, f.Kind,
				strings.ReplaceAll(formItem(f), "|", "\\|"), yesNo(f.CanBeNil()), strings.ReplaceAll(f.Description, "|", "\\|"))
		}
		return tw.err
	case "table":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "FIELD\tLABEL\tTYPE\tUNIT\tSCOPE\tKIND\tFORM\tNIL\tDESCRIPTION")
		for _, f := range fields {
			desc := f.Description
			if len(desc) > 90 {
				desc = desc[:87] + "..."
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Name, f.Label, fieldType(f), hyphenIfEmpty(f.Unit), f.Scope, f.Kind, hyphenIfEmpty(f.Form), yesNo(f.CanBeNil()), desc)
		}
		return tw.Flush()
	}
	return fmt.Errorf("write fields: unknown format %q (want table, md or json)", format)
}

// fieldType is a field's type, with the values of an enum.
func fieldType(f engine.Field) string {
	if len(f.Enum) > 0 {
		return "enum(" + strings.Join(f.Enum, "|") + ")"
	}
	return f.Type.String()
}

// formItem is the Article 7 form a field comes from, with its item: "F: Article 7.1(i)", "cover:
// reporting period", or "-" when it comes from no form.
func formItem(f engine.Field) string {
	switch {
	case f.Form == "":
		return "-"
	case f.Item == "":
		return f.Form
	}
	return f.Form + ": " + f.Item
}

// hyphenIfEmpty is s, or "-" (the dictionary's mark for none) when s is empty.
func hyphenIfEmpty(s string) string {
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
