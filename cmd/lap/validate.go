package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
)

func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("validate", "--data DIR [--year Y] [--format table|json|csv] [--plan DIR] [--as-of DATE] [--only REGEX]",
		"Run the plan's data checks (checks/*.toml beside the plan) on a dataset and list every\n"+
			"violation: State (name and ISO3), year, check, importance, message, and each value read with\n"+
			"its class and the file and line it came from. Without --year, every year of the data is\n"+
			"checked, each against the year before. Exit 0 when no violation has importance error, 1\n"+
			"otherwise (warnings and info are shown but do not fail).", stdout)
	in := addInputs(fs, false)
	fs.Lookup("year").Usage = "check only this `year`; default: every year of the data"
	fs.Lookup("as-of").Usage = "data cut-off `date` YYYY-MM-DD; with --year, " + reportCutOffUsage + "; without --year, the latest date in the data"
	format := addFormat(fs, "table", "json", "csv")
	only := fs.String("only", "", "run only the checks whose id matches this `regexp`")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	opts, err := in.options(*only)
	if err != nil {
		return err
	}
	plan, ds, err := in.load(stderr)
	if err != nil {
		return err
	}
	from, to := ds.DataYears()
	if in.year != 0 {
		from, to = in.year, in.year
		opts = in.reportOn(opts, plan, ds, in.year)
	}
	if from == 0 {
		return fmt.Errorf("validate %s: the data has no per-year facts; give --year", in.data)
	}
	v, err := plan.Validate(ctx, ds, from, to, opts...)
	if err != nil {
		return err
	}
	prefixOrigins(v, in.data)
	switch format.value {
	case "json":
		err = reports.WriteViolationsJSON(stdout, v)
	case "csv":
		err = reports.WriteViolationsCSV(stdout, v)
	default:
		err = reports.WriteViolationsTable(stdout, v)
	}
	if err != nil {
		return err
	}
	if n := v.Count(engine.ImportanceError); n > 0 {
		fmt.Fprintf(stderr, "lap validate: %d violation(s) of importance error in %s\n", n, in.data)
		return errSilent
	}
	return nil
}

// prefixOrigins makes the file names in the values' origins ("facts.csv:12") relative to the
// working directory, as prefixDiags does for diagnostics.
func prefixOrigins(v *engine.Validation, dir string) {
	for i := range v.Violations {
		for j := range v.Violations[i].Values {
			fr := &v.Violations[i].Values[j]
			for _, f := range []string{"facts.csv:", "states.csv:", "dataset.json:"} {
				if strings.HasPrefix(fr.Origin, f) {
					fr.Origin = filepath.ToSlash(filepath.Join(dir, fr.Origin))
				}
			}
		}
	}
}
