package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// whatIfReport is the JSON output of `lap whatif`.
type whatIfReport struct {
	Year      int              `json:"year"`
	AsOf      string           `json:"as_of"`
	Plan      engine.PlanRef   `json:"plan"`
	All       bool             `json:"all"` // every row, not only changed ones
	Scenarios []whatIfScenario `json:"scenarios"`
}

type whatIfScenario struct {
	Name        string                   `json:"name"`
	Description string                   `json:"description,omitempty"`
	File        string                   `json:"file,omitempty"`
	Changes     []string                 `json:"changes"`
	Overrides   *engine.PlanOverrides    `json:"overrides,omitempty"`
	Reevaluated []string                 `json:"reevaluated"` // indicators evaluated again
	Changed     engine.ChangeCounts      `json:"changed"`
	Indicators  []engine.IndicatorChange `json:"indicators"`
	Actions     []engine.ScoreChange     `json:"actions"`
	Sections    []engine.ScoreChange     `json:"sections"`
	Overall     engine.ScoreChange       `json:"overall"`
	Deadlines   []engine.DeadlineChange  `json:"deadlines"`
	Risk        *engine.RiskChange       `json:"risk,omitempty"`
}

func runWhatIf(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("whatif", "--data DIR (--scenario FILE ... | --set ISO3.field[@year]=value ...) --year Y [--format table|json|md] [--out DIR] [--all] [--risk]",
		"Evaluate the baseline and each what-if scenario and print what changed: per indicator the value,\nprogress and status before and after; action, section and plan score deltas; deadline\nprojection changes. Only changed rows unless --all. Scenario files are described in\ndocs/whatif.md; the --set changes form one more scenario of their own. With --risk, the Monte\nCarlo deadline risk (see `lap risk`) of the baseline and each scenario. With --out, a Markdown\npage and overlay charts (baseline vs scenario) of every changed indicator.", stdout)
	dataDir := fs.String("data", "", "dataset `directory` holding states.csv and facts.csv (or dataset.json)")
	var scenarios, sets stringList
	fs.Var(&scenarios, "scenario", "scenario `file` (TOML); repeatable")
	fs.Var(&sets, "set", "a change `ISO3.field[@year]=value`, e.g. KEN.ratified=2024-03-01; repeatable")
	year := fs.Int("year", 0, "evaluation `year`")
	format := fs.String("format", "table", "output `format`: table, json or md")
	outDir := fs.String("out", "", "write a Markdown page and overlay charts (SVG) to this `directory`")
	all := fs.Bool("all", false, "print every row, not only the changed ones")
	planDir := fs.String("plan", "", "plan `directory`; default: the embedded plan")
	asOf := fs.String("as-of", "", "data cut-off `date` YYYY-MM-DD; default: the latest date in the data or any scenario")
	risk := fs.Bool("risk", false, "add the Monte Carlo deadline risk of the baseline and each scenario")
	draws := fs.Int("draws", 10000, "Monte Carlo draws per State (with --risk)")
	seed := fs.Uint64("seed", 1, "Monte Carlo random `seed` (with --risk)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %v", fs.Args())
	}
	switch {
	case *year == 0:
		return usagef("--year is required")
	case len(scenarios) == 0 && len(sets) == 0:
		return usagef("give at least one --scenario or --set")
	case *risk && *draws <= 0:
		return usagef("--draws %d: want a positive number", *draws)
	}
	if err := oneOf("format", *format, "table", "json", "md"); err != nil {
		return err
	}
	setChanges, err := parseSets(sets)
	if err != nil {
		return err
	}
	var opts []engine.EvalOption
	if *asOf != "" {
		d, err := engine.ParseDate(*asOf)
		if err != nil {
			return usagef("--as-of: %v", err)
		}
		opts = append(opts, engine.AsOf(d))
	}
	plan, err := loadPlan(*planDir, stderr)
	if err != nil {
		return err
	}
	ds, err := loadData(*dataDir, stderr)
	if err != nil {
		return err
	}
	var scs []*engine.Scenario
	failed := false
	for _, f := range scenarios {
		data, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("read scenario: %w", err)
		}
		sc, err := engine.ParseScenario(f, data, ds, plan)
		if err != nil {
			printDiagnostics(stderr, "load scenario "+f, err)
			failed = true
			continue
		}
		scs = append(scs, sc)
	}
	if len(setChanges) > 0 {
		sc := &engine.Scenario{Name: "--set", Description: strings.Join(sets, " "), Changes: setChanges}
		if _, err := ds.Apply(sc.Changes); err != nil {
			printDiagnostics(stderr, "apply --set", err)
			failed = true
		}
		scs = append(scs, sc)
	}
	if failed {
		return errSilent
	}
	if *asOf == "" {
		// one as_of for every run, so that a scenario's later dates are not hidden and the
		// baseline is cut off at the same date
		latest := ds.LatestDate()
		for _, sc := range scs {
			nd, err := ds.Apply(sc.Changes)
			if err != nil {
				return fmt.Errorf("apply scenario %q: %w", sc.Name, err)
			}
			if nd.LatestDate().After(latest) {
				latest = nd.LatestDate()
			}
		}
		opts = append(opts, engine.AsOf(latest))
	}
	bl, err := plan.NewBaseline(ctx, ds, *year, opts...)
	if err != nil {
		return err
	}
	base := bl.Assessment()
	rep := whatIfReport{Year: *year, AsOf: base.AsOf, Plan: base.Plan, All: *all, Scenarios: []whatIfScenario{}}
	var baseRisk *engine.RiskReport
	var progress []engine.RiskOption
	if *risk {
		opt, done := progressBar(stderr, "risk")
		defer done()
		if opt != nil {
			progress = append(progress, opt)
		}
		baseRisk, err = plan.DeadlineRisk(ctx, ds, base, append(progress, engine.Draws(*draws), engine.Seed(*seed))...)
		if err != nil {
			return err
		}
	}
	var diffs []engine.Diff
	for _, sc := range scs {
		run, err := bl.Run(ctx, sc)
		if err != nil {
			return err
		}
		d := engine.Compare(base, run.Assessment)
		diffs = append(diffs, d)
		if !*all {
			d = d.Changes()
		}
		ws := whatIfScenario{Name: sc.Name, Description: sc.Description, File: sc.File, Changes: []string{}, Reevaluated: run.Affected,
			Changed: d.ChangedTotals, Indicators: orEmpty(d.Indicators), Actions: orEmpty(d.Actions), Sections: orEmpty(d.Sections),
			Overall: d.Overall, Deadlines: orEmpty(d.Deadlines)}
		if ws.Reevaluated == nil {
			ws.Reevaluated = []string{}
		}
		if !sc.Overrides.IsZero() {
			ws.Overrides = &sc.Overrides
		}
		for _, c := range sc.Changes {
			ws.Changes = append(ws.Changes, c.String())
		}
		if *risk {
			r, err := run.Plan.DeadlineRisk(ctx, run.Data, run.Assessment, append(progress, engine.Draws(*draws), engine.Seed(*seed))...)
			if err != nil {
				return err
			}
			ws.Risk = engine.CompareRisk(baseRisk, r, *all)
		}
		rep.Scenarios = append(rep.Scenarios, ws)
	}
	if *outDir != "" {
		if err := writeWhatIfDir(*outDir, &rep, diffs); err != nil {
			return err
		}
	}
	switch *format {
	case "json":
		return reports.EncodeJSON(stdout, rep)
	case "md":
		return writeWhatIfMarkdown(stdout, &rep, nil)
	}
	return writeWhatIfTable(stdout, &rep)
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
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

// formatDelta prints a signed change in an indicator's unit.
func formatDelta(v *float64, unit string) string {
	if v == nil {
		return "–"
	}
	s := formatValue(v, unit)
	if unit == "percent" {
		s = strings.TrimSuffix(s, "%") + " pts"
	}
	if *v > 0 {
		s = "+" + s
	}
	return s
}

// formatScoreDelta prints a change of score in percentage points.
func formatScoreDelta(v *float64) string {
	if v == nil {
		return "–"
	}
	s := strconv.FormatFloat(100**v, 'f', 1, 64)
	switch {
	case s == "0.0" || s == "-0.0":
		s = "0.0"
	case *v > 0:
		s = "+" + s
	}
	return s + " pts"
}

func formatProb(p *float64) string {
	if p == nil {
		return "–"
	}
	return strconv.FormatFloat(100**p, 'f', 1, 64) + "%"
}

func formatYearFrac(v *float64) string {
	if v == nil {
		return "never"
	}
	return strconv.FormatFloat(*v, 'f', 1, 64)
}

func writeWhatIfTable(w io.Writer, rep *whatIfReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "What if: %s %s, year %d, as of %s\n", rep.Plan.Name, rep.Plan.Version, rep.Year, rep.AsOf)
	for _, s := range rep.Scenarios {
		fmt.Fprintf(tw, "\n== %s\n", s.Name)
		if s.Description != "" {
			fmt.Fprintln(tw, s.Description)
		}
		for _, c := range s.Changes {
			fmt.Fprintln(tw, "  "+c)
		}
		if s.Overrides != nil {
			fmt.Fprintln(tw, "  plan: "+overridesText(s.Overrides))
		}
		fmt.Fprintf(tw, "Re-evaluated %d indicators; changed: %d indicators, %d actions, %d sections, %d deadline projections\n",
			len(s.Reevaluated), s.Changed.Indicators, s.Changed.Actions, s.Changed.Sections, s.Changed.Deadlines)
		o := s.Overall
		fmt.Fprintf(tw, "Plan score: %s -> %s (%s), %s -> %s\n", formatScore(o.BaseScore), formatScore(o.ScenarioScore), formatScoreDelta(o.Delta), o.BaseStatus, o.ScenarioStatus)
		if len(s.Indicators) > 0 {
			fmt.Fprintln(tw, "\nID\tBASE\tSCENARIO\tDELTA\tPROGRESS\tBASE STATUS\tSCENARIO STATUS\tTITLE")
			for _, c := range s.Indicators {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s -> %s\t%s\t%s\t%s\n", c.ID, formatValue(c.BaseValue, c.Unit), formatValue(c.ScenarioValue, c.Unit),
					formatDelta(c.Delta, c.Unit), formatScore(c.BaseProgress), formatScore(c.ScenarioProgress), c.BaseStatus, c.ScenarioStatus, c.Title)
			}
		}
		writeScoreRows(tw, "ACTION", s.Actions)
		writeScoreRows(tw, "SECTION", s.Sections)
		if len(s.Deadlines) > 0 {
			fmt.Fprintln(tw, "\nDEADLINES\tARTICLE\tDEADLINE\tCOMPLETES\tBASE STATUS\tSCENARIO STATUS")
			for _, d := range s.Deadlines {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s -> %s\t%s\t%s\n", d.ISO3, d.Article, orDash(d.Deadline), yearOrDash(d.BaseCompletionYear),
					yearOrDash(d.ScenarioCompletionYear), orDash(string(d.BaseStatus)), orDash(string(d.ScenarioStatus)))
			}
		}
		if r := s.Risk; r != nil {
			fmt.Fprintf(tw, "\nRISK (%d draws, seed %d)\tARTICLE\tDEADLINE\tP(BY DEADLINE)\tP(BY HORIZON)\tMEDIAN COMPLETION\n", r.Draws, r.Seed)
			if len(r.States) == 0 && len(r.Indicators) == 0 {
				fmt.Fprintln(tw, "(no change)")
			}
			for _, c := range r.States {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s -> %s\t%s -> %s\t%s -> %s\n", c.ISO3, c.Article, orDash(c.Deadline), formatProb(c.BasePByDeadline), formatProb(c.ScenarioPByDeadline),
					formatProb(c.BasePByHorizon), formatProb(c.ScenarioPByHorizon), formatYearFrac(c.BaseMedian), formatYearFrac(c.ScenarioMedian))
			}
			for _, c := range r.Indicators {
				fmt.Fprintf(tw, "%s reaches %s by %d\t\t\t%s -> %s\t\t\n", c.ID, strconv.FormatFloat(c.Target, 'f', -1, 64), c.HorizonYear,
					formatProb(&c.BasePReach), formatProb(&c.ScenarioPReach))
			}
		}
	}
	return tw.Flush()
}

func writeScoreRows(tw io.Writer, what string, rows []engine.ScoreChange) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(tw, "\n%s\tBASE\tSCENARIO\tDELTA\tBASE STATUS\tSCENARIO STATUS\tTITLE\n", what)
	for _, c := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Key, formatScore(c.BaseScore), formatScore(c.ScenarioScore), formatScoreDelta(c.Delta),
			c.BaseStatus, c.ScenarioStatus, c.Title)
	}
}

// whatIfCell keeps text on one line and escapes Markdown table pipes.
func whatIfCell(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func yearOrDash(y *int) string {
	if y == nil {
		return "–"
	}
	return strconv.Itoa(*y)
}

func overridesText(o *engine.PlanOverrides) string {
	var parts []string
	if o.Counting != "" {
		parts = append(parts, "counting "+string(o.Counting))
	}
	s := o.Scoring
	for _, f := range []struct {
		name string
		v    *float64
	}{{"on_track", s.OnTrack}, {"regressing", s.Regressing}, {"trend_on_track", s.TrendOnTrack}, {"tolerance", s.Tolerance}, {"deadline_margin_years", s.DeadlineMarginYears}} {
		if f.v != nil {
			parts = append(parts, fmt.Sprintf("%s %g", f.name, *f.v))
		}
	}
	if s.TrendMinYears != nil {
		parts = append(parts, fmt.Sprintf("trend_min_years %d", *s.TrendMinYears))
	}
	if s.DeadlineRateYears != nil {
		parts = append(parts, fmt.Sprintf("deadline_rate_years %d", *s.DeadlineRateYears))
	}
	for _, io := range o.Indicators {
		var kv []string
		if io.Target != nil {
			kv = append(kv, fmt.Sprintf("target %g", *io.Target))
		}
		if io.TargetYear != nil {
			kv = append(kv, fmt.Sprintf("target_year %d", *io.TargetYear))
		}
		if io.Weight != nil {
			kv = append(kv, fmt.Sprintf("weight %g", *io.Weight))
		}
		if io.Method != "" {
			kv = append(kv, "method "+string(io.Method))
		}
		parts = append(parts, io.ID+": "+strings.Join(kv, ", "))
	}
	return strings.Join(parts, "; ")
}

// writeWhatIfMarkdown writes the report as Markdown; charts maps "scenario index/indicator id"
// to an image path relative to the page.
func writeWhatIfMarkdown(w io.Writer, rep *whatIfReport, charts map[string]string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# What if: %s %s, %d\n\nData as of %s. ", rep.Plan.Name, rep.Plan.Version, rep.Year, rep.AsOf)
	if rep.All {
		b.WriteString("Every row is listed.\n")
	} else {
		b.WriteString("Only what changed is listed.\n")
	}
	for i, s := range rep.Scenarios {
		fmt.Fprintf(&b, "\n## %s\n\n", whatIfCell(s.Name))
		if s.Description != "" {
			b.WriteString(s.Description + "\n\n")
		}
		if s.File != "" {
			fmt.Fprintf(&b, "Scenario file: `%s`\n\n", s.File)
		}
		for _, c := range s.Changes {
			fmt.Fprintf(&b, "- %s\n", whatIfCell(c))
		}
		if s.Overrides != nil {
			fmt.Fprintf(&b, "- plan: %s\n", whatIfCell(overridesText(s.Overrides)))
		}
		o := s.Overall
		fmt.Fprintf(&b, "\n**Plan score:** %s → %s (%s); %s → %s. %d indicators re-evaluated; %d changed.\n",
			formatScore(o.BaseScore), formatScore(o.ScenarioScore), formatScoreDelta(o.Delta), o.BaseStatus, o.ScenarioStatus, len(s.Reevaluated), s.Changed.Indicators)
		if len(s.Indicators) > 0 {
			b.WriteString("\n| Indicator | Base | Scenario | Delta | Progress | Status | Title |\n|---|---:|---:|---:|---|---|---|\n")
			for _, c := range s.Indicators {
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s → %s | %s → %s | %s |\n", c.ID, formatValue(c.BaseValue, c.Unit), formatValue(c.ScenarioValue, c.Unit),
					formatDelta(c.Delta, c.Unit), formatScore(c.BaseProgress), formatScore(c.ScenarioProgress), c.BaseStatus, c.ScenarioStatus, whatIfCell(c.Title))
			}
		}
		for _, grp := range []struct {
			name string
			rows []engine.ScoreChange
		}{{"Action", s.Actions}, {"Section", s.Sections}} {
			if len(grp.rows) == 0 {
				continue
			}
			fmt.Fprintf(&b, "\n| %s | Base | Scenario | Delta | Status | Title |\n|---|---:|---:|---:|---|---|\n", grp.name)
			for _, c := range grp.rows {
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s → %s | %s |\n", c.Key, formatScore(c.BaseScore), formatScore(c.ScenarioScore), formatScoreDelta(c.Delta),
					c.BaseStatus, c.ScenarioStatus, whatIfCell(c.Title))
			}
		}
		if len(s.Deadlines) > 0 {
			b.WriteString("\n| State | Article | Deadline | Completes | Status |\n|---|---:|---|---|---|\n")
			for _, d := range s.Deadlines {
				fmt.Fprintf(&b, "| %s | %d | %s | %s → %s | %s → %s |\n", d.ISO3, d.Article, orDash(d.Deadline), yearOrDash(d.BaseCompletionYear),
					yearOrDash(d.ScenarioCompletionYear), orDash(string(d.BaseStatus)), orDash(string(d.ScenarioStatus)))
			}
		}
		if r := s.Risk; r != nil {
			fmt.Fprintf(&b, "\nDeadline risk (%d draws, seed %d):\n\n| State | Article | Deadline | P(by deadline) | P(by horizon) | Median completion |\n|---|---:|---|---|---|---|\n", r.Draws, r.Seed)
			for _, c := range r.States {
				fmt.Fprintf(&b, "| %s | %d | %s | %s → %s | %s → %s | %s → %s |\n", c.ISO3, c.Article, orDash(c.Deadline), formatProb(c.BasePByDeadline), formatProb(c.ScenarioPByDeadline),
					formatProb(c.BasePByHorizon), formatProb(c.ScenarioPByHorizon), formatYearFrac(c.BaseMedian), formatYearFrac(c.ScenarioMedian))
			}
			for _, c := range r.Indicators {
				fmt.Fprintf(&b, "\n- P(%s reaches %g by %d): %s → %s", c.ID, c.Target, c.HorizonYear, formatProb(&c.BasePReach), formatProb(&c.ScenarioPReach))
			}
			if len(r.Indicators) > 0 {
				b.WriteString("\n")
			}
		}
		first := true
		for _, c := range s.Indicators {
			if p, ok := charts[fmt.Sprintf("%d/%s", i, c.ID)]; ok {
				if first {
					b.WriteString("\n### Charts\n")
					first = false
				}
				fmt.Fprintf(&b, "\n![%s: baseline and scenario](%s)\n", c.ID, p)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeWhatIfDir writes index.md and one overlay chart per changed indicator with a series,
// into a temporary directory next to dir that then replaces dir whole.
func writeWhatIfDir(dir string, rep *whatIfReport, diffs []engine.Diff) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, ".whatif-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp)
	charts := map[string]string{}
	for i, d := range diffs {
		for _, c := range d.Indicators {
			if !c.Changed || len(c.BaseSeries) == 0 || len(c.ScenarioSeries) == 0 {
				continue
			}
			name := fmt.Sprintf("s%d-%s.svg", i+1, c.ID)
			drawn, err := writeOverlay(filepath.Join(tmp, name), c)
			if err != nil {
				return err
			}
			if drawn {
				charts[fmt.Sprintf("%d/%s", i, c.ID)] = name
			}
		}
	}
	f, err := os.Create(filepath.Join(tmp, "index.md"))
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := writeWhatIfMarkdown(f, rep, charts); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	// replace dir: move the old one aside, move the new one in, drop the old one
	var old string
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		return fmt.Errorf("replace %s: %w", dir, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove the previous %s: %w", dir, err)
		}
	}
	return nil
}

// writeOverlay draws one indicator's baseline and scenario series; false when there is nothing
// to draw.
func writeOverlay(path string, c engine.IndicatorChange) (bool, error) {
	series := func(label string, yv []engine.YearValue) (reports.Series, error) {
		years := make([]int, len(yv))
		vals := make([]*float64, len(yv))
		for i, p := range yv {
			years[i], vals[i] = p.Year, p.Value
		}
		return reports.NewSeries(label, years, vals)
	}
	bs, err := series("Baseline", c.BaseSeries)
	if err != nil {
		return false, err
	}
	ss, err := series("Scenario", c.ScenarioSeries)
	if err != nil {
		return false, err
	}
	in := reports.OverlayInput{ID: c.ID, Title: c.Title, Unit: c.Unit, Base: bs, Scenario: ss}
	if c.ScenarioTarget != nil {
		y := c.TargetYear
		if y == 0 {
			y = c.ScenarioSeries[len(c.ScenarioSeries)-1].Year
		}
		in.Target = &reports.Reference{Year: y, Value: *c.ScenarioTarget}
	}
	p, err := reports.OverlayChart(in)
	if err != nil {
		if errors.Is(err, reports.ErrInvalidInput) {
			return false, nil // nothing drawable (every value missing): no chart
		}
		return false, err
	}
	f, err := os.Create(path)
	if err != nil {
		return false, fmt.Errorf("write chart: %w", err)
	}
	if err := reports.WriteChart(f, p, "svg", reports.DefaultWidth, reports.DefaultHeight); err != nil {
		f.Close()
		return false, err
	}
	return true, f.Close()
}
