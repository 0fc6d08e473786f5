package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/risk"
	"github.com/lapmonitor/lap/reports"
	"github.com/lapmonitor/lap/reports/locale"
	"github.com/lapmonitor/lap/reports/outdir"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runWhatIf(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	w, err := parseWhatIf(args, stdout)
	if err != nil {
		return err
	}
	outInputs := append([]string{w.in.data, w.in.plan}, w.scenarios...)
	if w.outDir != "" {
		if err := outdir.Check(w.outDir, "whatif", outInputs...); err != nil {
			return err
		}
	}
	setChanges, err := parseSets(w.sets)
	if err != nil {
		return err
	}
	var specs []engine.EventSpec
	for _, e := range w.events {
		sp, err := engine.ParseEventText(e)
		if err != nil {
			return usagef("--event: %v", err)
		}
		specs = append(specs, sp)
	}
	plan, ds, opts, err := w.in.open(stderr, "")
	if err != nil {
		return err
	}
	if plan, err = translate(plan, w.lang); err != nil {
		return err
	}
	scs, err := w.loadScenarios(stderr, plan, ds, specs, setChanges)
	if err != nil {
		return err
	}
	rep, diffs, err := w.run(ctx, stderr, plan, ds, opts, scs)
	if err != nil {
		return err
	}
	if w.outDir != "" {
		if err := writeWhatIfDir(w.outDir, outInputs, rep, diffs); err != nil {
			return err
		}
	}
	switch w.format {
	case "json":
		return reports.EncodeJSON(stdout, rep)
	case "md":
		return reports.WriteWhatIfMarkdown(stdout, rep, nil)
	}
	return reports.WriteWhatIfTable(stdout, rep)
}

// whatIf is lap whatif's command line, checked.
type whatIf struct {
	in                      *inputs
	format                  string
	scenarios, sets, events stringList
	outDir                  string
	all, risk               bool
	lang                    locale.Lang
	mc                      *monteCarlo
}

// parseWhatIf reads and checks lap whatif's flags.
func parseWhatIf(args []string, stdout io.Writer) (*whatIf, error) {
	fs := newFlags("whatif", "--data DIR (--scenario FILE ... | --event 'STATE TYPE DATE ...' ... | --set ISO3.field[@year]=value ...) --year Y [--format table|json|md] [--lang en|fr|es] [--out DIR] [--all] [--risk]",
		"Evaluate the baseline and each what-if scenario and print what changed: per indicator the value,\nprogress and status before and after; action, section and plan score deltas; deadline\nprojection changes. Only changed rows unless --all. Scenario files are described in\ndocs/whatif.md; the --event and --set changes form one more scenario of their own. Events:\nratify, accede, complete-destruction, complete-clearance, clear, submit-report,\nextension-granted, extension-refused, withdraw (docs/whatif.md, \"Events\"). With --risk, the Monte\nCarlo deadline risk (see `lap risk`) of the baseline and each scenario. With --out, a Markdown\npage and overlay charts (baseline vs scenario) of every changed indicator.", stdout)
	w := &whatIf{in: addInputs(fs, false)}
	fs.Lookup("as-of").Usage = "data cut-off `date` YYYY-MM-DD; default: the latest date in the data or any scenario"
	outF := addOutput(fs, "the sentences and the plan's text", "table", "json", "md")
	fs.Var(&w.scenarios, "scenario", "scenario `file` (TOML); repeatable")
	fs.Var(&w.events, "event", "an event `'STATE TYPE DATE [key=value ...]'`, e.g. 'Lebanon complete-clearance 2025-06-30'; repeatable")
	fs.Var(&w.sets, "set", "a change `ISO3.field[@year]=value`, e.g. KEN.ratified=2024-03-01; repeatable")
	outDir := fs.String("out", "", "write a Markdown page and overlay charts (SVG) to this `directory`")
	all := fs.Bool("all", false, "print every row, not only the changed ones")
	riskF := fs.Bool("risk", false, "add the Monte Carlo deadline risk of the baseline and each scenario")
	w.mc = addMonteCarlo(fs)
	fs.Lookup("draws").Usage = "Monte Carlo draws per State (with --risk)"
	fs.Lookup("seed").Usage = "Monte Carlo random `seed` (with --risk)"
	if err := parseNoArgs(fs, args); err != nil {
		return nil, err
	}
	w.outDir, w.all, w.risk = *outDir, *all, *riskF
	switch {
	case w.in.year == 0:
		return nil, usagef("--year is required")
	case len(w.scenarios) == 0 && len(w.sets) == 0 && len(w.events) == 0:
		return nil, usagef("give at least one --scenario, --event or --set")
	}
	if w.risk {
		if err := w.mc.check(); err != nil {
			return nil, err
		}
	}
	lang, err := outF.check()
	if err != nil {
		return nil, err
	}
	w.format, w.lang = outF.format.value, lang
	return w, nil
}

// loadScenarios loads every --scenario file and makes one more scenario of the --event and
// --set changes. Every problem is printed; the error is errSilent when there was one.
func (w *whatIf) loadScenarios(stderr io.Writer, plan *engine.Plan, ds *engine.Dataset, specs []engine.EventSpec, setChanges []engine.Change) ([]*engine.Scenario, error) {
	var scs []*engine.Scenario
	failed := false
	for _, f := range w.scenarios {
		dir := filepath.Dir(f)
		sc, err := engine.LoadScenario(os.DirFS(dir), filepath.Base(f), ds, plan) // bounded: a regular file of at most 1 MiB
		if err != nil {
			printDiagnostics(stderr, "load scenario "+f, prefixDiags(err, dir))
			failed = true
			continue
		}
		scs = append(scs, sc)
	}
	if len(setChanges) > 0 || len(specs) > 0 {
		name, what := "--set", "apply --set"
		desc := append(append([]string(nil), w.events...), w.sets...)
		if len(specs) > 0 {
			name, what = "--event", "--event"
			if len(setChanges) > 0 {
				name, what = "--event --set", "--event and --set"
			}
		}
		sc, err := engine.NewScenario(name, strings.Join(desc, "; "), specs, setChanges, ds)
		if err != nil {
			printDiagnostics(stderr, what, labelEvents(err, w.events))
			failed = true
		}
		scs = append(scs, sc)
	}
	if failed {
		return nil, errSilent
	}
	return scs, nil
}

// run evaluates the baseline and every scenario against one cut-off (the engine moves the
// default cut-off to a scenario's later dates) and gathers the report, with the Monte Carlo
// risk when asked for.
func (w *whatIf) run(ctx context.Context, stderr io.Writer, plan *engine.Plan, ds *engine.Dataset, opts []engine.EvalOption, scs []*engine.Scenario) (*reports.WhatIf, []engine.Diff, error) {
	bl, err := plan.NewBaseline(ctx, ds, w.in.year, opts...)
	if err != nil {
		return nil, nil, err
	}
	runs, err := bl.RunAll(ctx, scs)
	if err != nil {
		return nil, nil, err
	}
	if len(runs) > 0 {
		bl = runs[0].Baseline
	}
	base := bl.Assessment()
	rep := reports.NewWhatIf(base, w.all)
	if w.lang != locale.English {
		rep.Lang = w.lang // absent from the JSON for English, as before
	}
	var baseRisk *risk.Report
	var ropts []risk.Option
	if w.risk {
		var done func()
		ropts, done = w.mc.options(stderr)
		defer done()
		baseRisk, err = risk.Simulate(ctx, plan, ds, base, ropts...)
		if err != nil {
			return nil, nil, err
		}
	}
	var diffs []engine.Diff
	for _, run := range runs {
		d := run.Diff()
		diffs = append(diffs, d)
		var rc *risk.Change
		if w.risk {
			r, err := risk.Simulate(ctx, run.Plan, run.Data, run.Assessment, ropts...)
			if err != nil {
				return nil, nil, err
			}
			rc = risk.Compare(baseRisk, r, w.all)
		}
		rep.Add(run, d, rc)
	}
	return rep, diffs, nil
}

// labelEvents names each event diagnostic by its --event text rather than its index.
func labelEvents(err error, events []string) error {
	var ds engine.Diagnostics
	if !errors.As(err, &ds) {
		return err
	}
	for _, d := range ds {
		var i int
		var rest string
		if n, _ := fmt.Sscanf(d.Key, "event[%d]", &i); n == 1 && i < len(events) {
			_, rest, _ = strings.Cut(d.Key, ".")
			d.File, d.Key = "--event '"+events[i]+"'", rest
		} else if d.File == "" {
			d.File = "--set"
		}
	}
	return ds
}

// parseSets reads --set values: ISO3.field[@year]=value.
func parseSets(sets []string) ([]engine.Change, error) {
	var out []engine.Change
	for _, s := range sets {
		lhs, val, ok := strings.Cut(s, "=")
		iso, field, ok2 := strings.Cut(lhs, ".")
		if !ok || !ok2 || iso == "" || field == "" || val == "" {
			return nil, usagef("--set %q: want ISO3.field[@year]=value, e.g. KEN.ratified=2024-03-01", s)
		}
		c := engine.Change{Kind: engine.ChangeSet, ISO3: strings.ToUpper(iso), Value: val, Source: "lap whatif --set", File: "--set " + s}
		if f, y, hasYear := strings.Cut(field, "@"); hasYear {
			n, err := strconv.Atoi(y)
			if err != nil {
				return nil, usagef("--set %q: year %q is not a number", s, y)
			}
			if err := checkYear("--set "+s+":", n); err != nil {
				return nil, err
			}
			field, c.Year = f, n
		}
		c.Field = field
		if fd, ok := engine.LookupField(field); ok && fd.Scope == engine.ScopeEvent && c.Year == 0 {
			if d, err := engine.ParseDate(val); err == nil {
				c.Year = d.Year() // an event's year is its date's
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// writeWhatIfDir writes index.md and one overlay chart (SVG) per changed indicator with a
// series into a temporary directory next to dir, which then replaces dir whole (see package
// outdir).
func writeWhatIfDir(dir string, inputs []string, rep *reports.WhatIf, diffs []engine.Diff) error {
	figs, err := reports.WhatIfFigures(diffs, rep.Lang)
	if err != nil {
		return err
	}
	d, err := outdir.Create(dir, "whatif", inputs...)
	if err != nil {
		return err
	}
	defer d.Abort()
	for _, f := range figs {
		if err := writeFigure(d, "", f, []string{"svg"}); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := reports.WriteWhatIfMarkdown(&b, rep, figs); err != nil {
		return err
	}
	if err := d.WriteFile("index.md", b.Bytes()); err != nil {
		return err
	}
	return d.Commit()
}
