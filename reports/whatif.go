package reports

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/risk"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/locale"
)

// The output of `lap whatif`: a baseline against scenarios, as text, Markdown, JSON and
// overlay charts.

// WhatIf is the what-if report: what each scenario changes against the baseline. It is also
// the JSON output of `lap whatif`.
type WhatIf struct {
	Year      int              `json:"year"`
	AsOf      string           `json:"as_of"`
	Plan      engine.PlanRef   `json:"plan"`
	All       bool             `json:"all"` // every row, not only changed ones
	Scenarios []WhatIfScenario `json:"scenarios"`
	// Lang is the language of the sentences (Text) and of the tables' words; empty is
	// English. The keys stay English.
	Lang locale.Lang `json:"lang,omitempty"`
	// Titles, when set, are the indicators' titles by id and the sections' by key, in Lang
	// (from the translated plan, engine.Plan.Translated), for a what-if run on the plan as
	// written (lap serve).
	Titles map[string]string `json:"-"`
}

// WhatIfScenario is one scenario of a WhatIf: its changes and what they changed.
type WhatIfScenario struct {
	Name        string                   `json:"name"`
	Description string                   `json:"description,omitempty"`
	File        string                   `json:"file,omitempty"`
	Events      []string                 `json:"events,omitempty"` // as lap whatif --event reads them
	Changes     []string                 `json:"changes"`
	Overrides   *engine.PlanOverrides    `json:"overrides,omitempty"`
	Reevaluated []string                 `json:"reevaluated"` // indicators evaluated again
	Changed     engine.ChangeCounts      `json:"changed"`
	Indicators  []engine.IndicatorChange `json:"indicators"`
	Actions     []engine.ScoreChange     `json:"actions"`
	Sections    []engine.ScoreChange     `json:"sections"`
	Overall     engine.ScoreChange       `json:"overall"`
	Deadlines   []engine.DeadlineChange  `json:"deadlines"`
	// Obligations lists the Article 3 and 4 obligation episodes whose verdict or status the
	// scenario changes (every episode with --all).
	Obligations []engine.ObligationChange `json:"obligations"`
	// Composition says who entered or left which populations, and why.
	Composition []engine.CompositionNote `json:"composition,omitempty"`
	// LeftOut lists the indicators scored on one side only, left out of every like-for-like
	// score change (the deltas of Actions, Sections and Overall), and why.
	LeftOut []engine.LeftOutIndicator `json:"left_out"`
	Risk    *risk.Change              `json:"risk,omitempty"`
	// Text is the outcome in words (in WhatIf.Lang): a summary naming the events and the indicators
	// that moved, and a sentence per changed indicator, section, obligation and projection.
	Text WhatIfText `json:"text"`
}

// NewWhatIf starts a what-if report on the baseline assessment base; with all, the scenarios
// list every row, not only the changed ones.
func NewWhatIf(base *engine.Assessment, all bool) *WhatIf {
	return &WhatIf{Year: base.Year, AsOf: base.AsOf, Plan: base.Plan, All: all, Scenarios: []WhatIfScenario{}}
}

// Add adds a scenario run with d, its diff against the baseline, and rc, the change of
// deadline risk (nil when not simulated).
func (r *WhatIf) Add(run *engine.ScenarioRun, d engine.Diff, rc *risk.Change) {
	if !r.All {
		d = d.Changes()
	}
	sc := run.Scenario
	ws := WhatIfScenario{Name: sc.Name, Description: sc.Description, File: sc.File, Changes: []string{},
		Reevaluated: nonNil(run.Affected), Changed: d.ChangedTotals, Indicators: nonNil(d.Indicators),
		Actions: nonNil(d.Actions), Sections: nonNil(d.Sections), Overall: d.Overall, Deadlines: nonNil(d.Deadlines), Obligations: nonNil(d.Obligations),
		Composition: d.Composition, LeftOut: nonNil(d.LeftOut), Risk: rc}
	if !sc.Overrides.IsZero() {
		ws.Overrides = &sc.Overrides
	}
	for _, e := range sc.Events {
		ws.Events = append(ws.Events, e.String())
	}
	for _, c := range sc.Changes {
		ws.Changes = append(ws.Changes, c.String())
	}
	names := map[string]string{}
	if run.Data != nil {
		for _, s := range run.Data.States() {
			names[s.ISO3] = s.Name
		}
	}
	if r.Titles != nil {
		ws.Indicators = append([]engine.IndicatorChange(nil), ws.Indicators...)
		for i := range ws.Indicators {
			if t, ok := r.Titles[ws.Indicators[i].ID]; ok {
				ws.Indicators[i].Title = t
			}
		}
		ws.Sections = append([]engine.ScoreChange(nil), ws.Sections...)
		for i := range ws.Sections {
			if t, ok := r.Titles[ws.Sections[i].Key]; ok {
				ws.Sections[i].Title = t
			}
		}
		ws.LeftOut = append([]engine.LeftOutIndicator(nil), ws.LeftOut...)
		for i := range ws.LeftOut {
			if t, ok := r.Titles[ws.LeftOut[i].ID]; ok {
				ws.LeftOut[i].Title = t
			}
		}
	}
	ws.Text = NewWhatIfText(locale.For(r.Lang), ws, sc.Events, names)
	r.Scenarios = append(r.Scenarios, ws)
}

// WriteWhatIfTable writes a what-if report as plain text: per scenario its changes, the plan
// score before and after, then tables of the changed indicators, actions, sections, deadline
// projections and (with risk) deadline risk.
func WriteWhatIfTable(w io.Writer, rep *WhatIf) error {
	loc := locale.For(rep.Lang)
	tx := tableWords{loc}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	asOf := rep.AsOf
	if !tx.english() {
		asOf = dateIn(loc, asOf)
	}
	fmt.Fprintln(tw, loc.T("cli.whatif.head", map[string]any{"Name": rep.Plan.Name, "Version": rep.Plan.Version, "Year": rep.Year, "AsOf": asOf}))
	fmt.Fprintln(tw, loc.T("cli.marks"))
	for _, s := range rep.Scenarios {
		fmt.Fprintf(tw, "\n== %s\n", s.Name)
		if s.Description != "" {
			fmt.Fprintln(tw, s.Description)
		}
		for _, e := range s.Events {
			fmt.Fprintln(tw, loc.T("cli.whatif.event", map[string]any{"Event": e}))
		}
		for _, c := range s.Changes {
			fmt.Fprintln(tw, "  "+c)
		}
		if s.Overrides != nil {
			fmt.Fprintln(tw, loc.T("cli.whatif.plan", map[string]any{"Overrides": overridesText(s.Overrides)}))
		}
		if !tx.english() && len(s.Events)+len(s.Changes) > 0 {
			fmt.Fprintln(tw, loc.T("cli.whatif.as-given"))
		}
		c := s.Changed
		changed := strings.Join([]string{loc.N("cli.whatif.count.indicators", c.Indicators, nil), loc.N("cli.whatif.count.actions", c.Actions, nil),
			loc.N("cli.whatif.count.sections", c.Sections, nil), loc.N("cli.whatif.count.deadlines", c.Deadlines, nil),
			loc.N("cli.whatif.count.obligations", c.Obligations, nil)}, ", ")
		fmt.Fprintln(tw, loc.T("cli.whatif.reevaluated", map[string]any{"Reevaluated": loc.N("cli.whatif.count.indicators", len(s.Reevaluated), nil), "Changed": changed}))
		fmt.Fprintln(tw, s.Text.Summary)
		o := s.Overall
		fmt.Fprintln(tw, loc.T("cli.whatif.plan-score", map[string]any{"Base": tx.score(o.BaseScore), "BaseN": o.BaseScored, "Scenario": tx.score(o.ScenarioScore),
			"ScenarioN": o.ScenarioScored, "Delta": tx.scoreDelta(o.Delta), "Common": o.LikeForLike.Indicators,
			"BaseStatus": statusText(loc, o.BaseStatus), "ScenarioStatus": statusText(loc, o.ScenarioStatus)}))
		if len(s.Indicators) > 0 {
			fmt.Fprintln(tw, "\n"+loc.T("cli.whatif.head.indicators"))
			for _, c := range s.Indicators {
				delta := tx.delta(c.Delta, c.Unit)
				if c.CoverageFlag {
					delta += " " + loc.T("cli.whatif.coverage-flagged")
				}
				title := labelled(c.Title, c.Provenance)
				if a := AcceptedShort(loc, c); a != "" {
					title += " (" + a + ")"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s -> %s\t%s\t%s\t%s\n", c.ID, markedValue(tx, c.BaseValue, c.Unit, c.BaseClass), markedValue(tx, c.ScenarioValue, c.Unit, c.ScenarioClass),
					delta, tx.score(c.BaseProgress), tx.score(c.ScenarioProgress), statusText(loc, c.BaseStatus), statusText(loc, c.ScenarioStatus), title)
			}
		}
		if len(s.Text.Accepted) > 0 {
			fmt.Fprintln(tw, "\n"+loc.T("cli.whatif.head.accepted"))
			for _, st := range s.Text.Accepted {
				fmt.Fprintln(tw, st.Text)
			}
		}
		if len(s.Text.NotCovered) > 0 {
			fmt.Fprintln(tw, "\n"+loc.T("cli.whatif.head.not-covered"))
			for _, st := range s.Text.NotCovered {
				fmt.Fprintln(tw, st.Text)
			}
		}
		if len(s.Text.LeftOut) > 0 {
			fmt.Fprintln(tw, "\n"+loc.T("cli.whatif.head.left-out"))
			for _, st := range s.Text.LeftOut {
				fmt.Fprintln(tw, st.Text)
			}
		}
		writePopulationNotes(tw, loc, s.Composition)
		writeScoreRows(tw, loc, "cli.whatif.head.actions", s.Actions)
		writeScoreRows(tw, loc, "cli.whatif.head.sections", s.Sections)
		if len(s.Obligations) > 0 {
			fmt.Fprintln(tw, "\n"+loc.T("cli.whatif.head.obligations"))
			for _, c := range s.Obligations {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s -> %s\t%s -> %s\t%s\t%s\n", c.ISO3, c.Article, c.Episode, tx.date(c.Deadline),
					tx.date(c.BaseCompleted), tx.date(c.ScenarioCompleted), tx.verdict(c.BaseDeadlineMet), tx.verdict(c.ScenarioDeadlineMet),
					orDash(tx.sentence(c.BaseStatusText, c.BaseStatusSentence)), orDash(tx.sentence(c.ScenarioStatusText, c.ScenarioStatusSentence)))
			}
		}
		if len(s.Deadlines) > 0 {
			fmt.Fprintln(tw, "\n"+loc.T("cli.whatif.head.deadlines"))
			for _, d := range s.Deadlines {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s -> %s\t%s\t%s\n", d.ISO3, d.Article, tx.isoDate(d.Deadline), yearOrDash(d.BaseCompletionYear),
					yearOrDash(d.ScenarioCompletionYear), orDash(projectionText(loc, d.BaseStatus)), orDash(projectionText(loc, d.ScenarioStatus)))
			}
		}
		if r := s.Risk; r != nil {
			fmt.Fprintln(tw, "\n"+loc.T("cli.whatif.head.risk", map[string]any{"Draws": r.Draws, "Seed": r.Seed}))
			if len(r.States) == 0 && len(r.Indicators) == 0 {
				fmt.Fprintln(tw, loc.T("cli.whatif.no-change"))
			}
			for _, c := range r.States {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s -> %s\t%s -> %s\t%s -> %s\n", c.ISO3, c.Article, tx.isoDate(c.Deadline), tx.prob(c.BasePByDeadline), tx.prob(c.ScenarioPByDeadline),
					tx.prob(c.BasePByHorizon), tx.prob(c.ScenarioPByHorizon), tx.yearFrac(c.BaseMedian), tx.yearFrac(c.ScenarioMedian))
			}
			for _, c := range r.Indicators {
				fmt.Fprintf(tw, "%s\t\t\t%s -> %s\t\t\n", loc.T("cli.whatif.reaches", map[string]any{"ID": c.ID, "Target": textExact(c.Target), "Year": c.HorizonYear}),
					tx.prob(&c.BasePReach), tx.prob(&c.ScenarioPReach))
			}
		}
	}
	return tw.Flush()
}

func writeScoreRows(tw io.Writer, loc *locale.Locale, head string, rows []engine.ScoreChange) {
	if len(rows) == 0 {
		return
	}
	tx := tableWords{loc}
	fmt.Fprintln(tw, "\n"+loc.T(head))
	for _, c := range rows {
		fmt.Fprintf(tw, "%s\t%s (%d)\t%s (%d)\t%s (%d)\t%s\t%s\t%s\n", c.Key, tx.score(c.BaseScore), c.BaseScored, tx.score(c.ScenarioScore), c.ScenarioScored,
			tx.scoreDelta(c.Delta), c.LikeForLike.Indicators, statusText(loc, c.BaseStatus), statusText(loc, c.ScenarioStatus), c.Title)
	}
}

// statusText is a progress status in words, in the locale's language (the catalogue's
// status.*): the what-if's tables say what everything else a reader sees says; the JSON keeps
// the codes.
func statusText(loc *locale.Locale, s engine.ProgressStatus) string {
	if s == "" {
		return ""
	}
	return loc.Status(string(s))
}

// projectionText is a deadline projection's status in words, in the locale's language.
func projectionText(loc *locale.Locale, s engine.ProjectionStatus) string {
	if s == "" {
		return ""
	}
	return loc.T("projection." + string(s))
}

// overridesText lists a scenario's changes to the plan on one line.
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

// WriteWhatIfMarkdown writes a what-if report as Markdown, in the report's language
// (WhatIf.Lang). Each of charts (from WhatIfFigures) is linked below its scenario as
// <name>.svg, a path relative to the page.
func WriteWhatIfMarkdown(w io.Writer, rep *WhatIf, charts []*chart.Figure) error {
	loc := locale.For(rep.Lang)
	tx := tableWords{loc}
	t := func(id string, kv ...any) string { return loc.T(id, pairs(kv)) }
	// head is a table's head row and its alignment row: cells are the message's tab-separated
	// words; a right-aligned column is marked by its index in right.
	head := func(id string, right ...int) string {
		cells := strings.Split(t(id), "\t")
		var b strings.Builder
		b.WriteString("\n| " + strings.Join(mdCells(cells), " | ") + " |\n|")
		for i := range cells {
			if slices.Contains(right, i) {
				b.WriteString("---:|")
			} else {
				b.WriteString("---|")
			}
		}
		return b.String() + "\n"
	}
	date, isoDate := tx.date, tx.isoDate
	target := func(v float64) string {
		if tx.english() {
			return fmt.Sprintf("%g", v)
		}
		return localNumbers(loc, fmt.Sprintf("%g", v))
	}
	linked := map[string]bool{}
	for _, f := range charts {
		linked[f.Name] = true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s ", markdownText(t("cli.whatif.md.title", "Name", rep.Plan.Name, "Version", rep.Plan.Version, "Year", rep.Year)),
		markdownText(t("cli.whatif.md.as-of", "AsOf", isoDate(rep.AsOf))))
	if rep.All {
		b.WriteString(markdownText(t("cli.whatif.md.every-row")) + "\n")
	} else {
		b.WriteString(markdownText(t("cli.whatif.md.only-changed")) + "\n")
	}
	b.WriteString("\n" + markdownText(t("cli.marks")) + "\n")
	for i, s := range rep.Scenarios {
		fmt.Fprintf(&b, "\n## %s\n\n", markdownText(s.Name))
		if s.Description != "" {
			b.WriteString(markdownText(s.Description) + "\n\n")
		}
		if s.File != "" {
			fmt.Fprintf(&b, "%s %s\n\n", markdownText(t("cli.whatif.md.scenario-file")), mdCode(s.File))
		}
		for _, e := range s.Events {
			fmt.Fprintf(&b, "- %s %s\n", markdownText(t("cli.whatif.md.event")), mdCode(e))
		}
		for _, c := range s.Changes {
			fmt.Fprintf(&b, "- %s\n", markdownText(c))
		}
		if s.Overrides != nil {
			fmt.Fprintf(&b, "- %s %s\n", markdownText(t("cli.whatif.md.plan")), markdownText(overridesText(s.Overrides)))
		}
		if !tx.english() && len(s.Events)+len(s.Changes) > 0 {
			fmt.Fprintf(&b, "\n%s\n", markdownText(t("cli.whatif.as-given")))
		}
		fmt.Fprintf(&b, "\n%s\n", markdownText(s.Text.Summary))
		for _, x := range [][]SentenceOf{s.Text.Indicators, s.Text.Sections, s.Text.Deadlines} {
			for _, st := range x {
				fmt.Fprintf(&b, "\n- %s", markdownText(st.Text))
			}
		}
		b.WriteString("\n")
		o := s.Overall
		fmt.Fprintf(&b, "\n**%s** %s\n", markdownText(t("cli.whatif.md.plan-score-label")), markdownText(t("cli.whatif.md.plan-score",
			"Base", tx.score(o.BaseScore), "BaseN", o.BaseScored, "Scenario", tx.score(o.ScenarioScore), "ScenarioN", o.ScenarioScored,
			"Delta", tx.scoreDelta(o.Delta), "Common", o.LikeForLike.Indicators,
			"BaseStatus", statusText(loc, o.BaseStatus), "ScenarioStatus", statusText(loc, o.ScenarioStatus),
			"Reevaluated", len(s.Reevaluated), "Changed", s.Changed.Indicators)))
		if len(s.Text.LeftOut) > 0 {
			fmt.Fprintf(&b, "\n**%s**\n\n", markdownText(t("cli.whatif.md.left-out")))
			for _, st := range s.Text.LeftOut {
				fmt.Fprintf(&b, "- %s\n", markdownText(st.Text))
			}
		}
		if len(s.Indicators) > 0 {
			b.WriteString(head("cli.whatif.md.head.indicators", 1, 2, 3))
			for _, c := range s.Indicators {
				delta := tx.delta(c.Delta, c.Unit)
				if c.CoverageFlag {
					delta += " " + t("cli.whatif.coverage-flagged")
				}
				status := statusText(loc, c.ScenarioStatus)
				if a := AcceptedShort(loc, c); a != "" {
					status += " (" + a + ")"
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s → %s | %s → %s | %s |\n", c.ID, markedValue(tx, c.BaseValue, c.Unit, c.BaseClass), markedValue(tx, c.ScenarioValue, c.Unit, c.ScenarioClass),
					markdownText(delta), tx.score(c.BaseProgress), tx.score(c.ScenarioProgress), statusText(loc, c.BaseStatus), markdownText(status), markdownText(labelled(c.Title, c.Provenance)))
			}
		}
		if len(s.Text.Accepted) > 0 {
			fmt.Fprintf(&b, "\n**%s**\n\n", markdownText(t("cli.whatif.md.accepted")))
			for _, st := range s.Text.Accepted {
				fmt.Fprintf(&b, "- %s\n", markdownText(st.Text))
			}
		}
		if len(s.Text.NotCovered) > 0 {
			fmt.Fprintf(&b, "\n**%s**\n\n", markdownText(t("cli.whatif.md.not-covered")))
			for _, st := range s.Text.NotCovered {
				fmt.Fprintf(&b, "- %s\n", markdownText(st.Text))
			}
		}
		if len(s.Composition) > 0 {
			fmt.Fprintf(&b, "\n**%s**\n\n", markdownText(t("cli.whatif.md.populations")))
			for _, n := range s.Composition {
				fmt.Fprintf(&b, "- %s (%s)\n", markdownText(engineSentence(loc, n.Text, n.TextSentence)), strings.Join(n.Indicators, ", "))
			}
		}
		for _, grp := range []struct {
			head string
			rows []engine.ScoreChange
		}{{"cli.whatif.md.head.actions", s.Actions}, {"cli.whatif.md.head.sections", s.Sections}} {
			if len(grp.rows) == 0 {
				continue
			}
			b.WriteString(head(grp.head, 1, 2, 3))
			for _, c := range grp.rows {
				fmt.Fprintf(&b, "| %s | %s (%d) | %s (%d) | %s (%d) | %s → %s | %s |\n", c.Key, tx.score(c.BaseScore), c.BaseScored, tx.score(c.ScenarioScore), c.ScenarioScored,
					tx.scoreDelta(c.Delta), c.LikeForLike.Indicators, statusText(loc, c.BaseStatus), statusText(loc, c.ScenarioStatus), markdownText(c.Title))
			}
		}
		if len(s.Obligations) > 0 {
			b.WriteString(head("cli.whatif.md.head.obligations", 1, 2))
			for _, c := range s.Obligations {
				fmt.Fprintf(&b, "| %s (%s) | %d | %d | %s | %s → %s | %s → %s | %s → %s |\n", markdownText(stateIn(loc, c.ISO3, c.Name)), c.ISO3, c.Article, c.Episode, date(c.Deadline),
					date(c.BaseCompleted), date(c.ScenarioCompleted), tx.verdict(c.BaseDeadlineMet), tx.verdict(c.ScenarioDeadlineMet),
					markdownText(orDash(tx.sentence(c.BaseStatusText, c.BaseStatusSentence))), markdownText(orDash(tx.sentence(c.ScenarioStatusText, c.ScenarioStatusSentence))))
			}
		}
		if len(s.Deadlines) > 0 {
			b.WriteString(head("cli.whatif.md.head.deadlines", 1))
			for _, d := range s.Deadlines {
				fmt.Fprintf(&b, "| %s | %d | %s | %s → %s | %s → %s |\n", d.ISO3, d.Article, isoDate(d.Deadline), yearOrDash(d.BaseCompletionYear),
					yearOrDash(d.ScenarioCompletionYear), orDash(projectionText(loc, d.BaseStatus)), orDash(projectionText(loc, d.ScenarioStatus)))
			}
		}
		if r := s.Risk; r != nil {
			fmt.Fprintf(&b, "\n%s\n%s", markdownText(t("cli.whatif.md.risk", "Draws", r.Draws, "Seed", r.Seed)), head("cli.whatif.md.head.risk", 1))
			for _, c := range r.States {
				fmt.Fprintf(&b, "| %s | %d | %s | %s → %s | %s → %s | %s → %s |\n", c.ISO3, c.Article, isoDate(c.Deadline), tx.prob(c.BasePByDeadline), tx.prob(c.ScenarioPByDeadline),
					tx.prob(c.BasePByHorizon), tx.prob(c.ScenarioPByHorizon), tx.yearFrac(c.BaseMedian), tx.yearFrac(c.ScenarioMedian))
			}
			for _, c := range r.Indicators {
				fmt.Fprintf(&b, "\n- P(%s)%s%s → %s", markdownText(t("cli.whatif.reaches", "ID", c.ID, "Target", target(c.Target), "Year", c.HorizonYear)), loc.Colon(),
					tx.prob(&c.BasePReach), tx.prob(&c.ScenarioPReach))
			}
			if len(r.Indicators) > 0 {
				b.WriteString("\n")
			}
		}
		first := true
		for _, c := range s.Indicators {
			if name := overlayName(i, c.ID); linked[name] {
				if first {
					fmt.Fprintf(&b, "\n### %s\n", markdownText(t("cli.whatif.md.charts")))
					first = false
				}
				fmt.Fprintf(&b, "\n![%s](%s.svg)\n", markdownText(t("chart.overlay-title", "ID", c.ID)), name)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCells are table cells as Markdown text.
func mdCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = markdownText(c)
	}
	return out
}

// WhatIfFigures draws, for each scenario's diff, one chart per changed indicator overlaying its
// baseline and scenario series (and the scenario's target), in lang (titles, legends, axes and
// tick labels; the indicators' titles are the diffs'). An indicator without a value to draw
// gets no chart. Figure names are s<scenario number>-<indicator id>.
func WhatIfFigures(diffs []engine.Diff, lang locale.Lang) ([]*chart.Figure, error) {
	var figs []*chart.Figure
	for i, d := range diffs {
		for _, c := range d.Indicators {
			if !c.Changed || len(c.BaseSeries) == 0 || len(c.ScenarioSeries) == 0 {
				continue
			}
			p, err := overlayOf(c, lang)
			if errors.Is(err, chart.ErrNoData) || errors.Is(err, chart.ErrInvalidInput) {
				continue // nothing drawable (every value missing): no chart
			}
			if err != nil {
				return nil, err
			}
			localizePlot(lang, p)
			figs = append(figs, &chart.Figure{Name: overlayName(i, c.ID),
				Title: chartWord(lang, "chart.overlay-title", c.ID+": baseline and scenario", "ID", c.ID),
				Alt:   chartWord(lang, "chart.overlay-alt", c.ID+" "+c.Title+": the baseline and the scenario by year", "ID", c.ID, "Title", c.Title), Plot: p})
		}
	}
	return figs, nil
}

// overlayName names the chart of the i-th scenario (from 0) and an indicator.
func overlayName(i int, id string) string { return fmt.Sprintf("s%d-%s", i+1, id) }

// overlayOf draws one indicator's baseline and scenario series, in lang.
func overlayOf(c engine.IndicatorChange, lang locale.Lang) (*plot.Plot, error) {
	series := func(label string, yv []engine.YearValue) (chart.Series, error) {
		years := make([]int, len(yv))
		vals := make([]*float64, len(yv))
		for i, p := range yv {
			years[i], vals[i] = p.Year, p.Value
		}
		s, err := chart.NewSeries(label, years, vals)
		for i := range s.Points {
			s.Points[i].Flagged = yv[i].CoverageFlag || yv[i].TooFew
		}
		return s, err
	}
	bs, err := series(chartWord(lang, "chart.overlay-baseline", "Baseline"), c.BaseSeries)
	if err != nil {
		return nil, err
	}
	ss, err := series(chartWord(lang, "chart.overlay-scenario", "Scenario"), c.ScenarioSeries)
	if err != nil {
		return nil, err
	}
	in := chart.OverlayInput{ID: c.ID, Title: c.Title, Unit: axisLabel(c.Unit), Base: bs, Scenario: ss, Words: chartWords(lang)}
	if c.ScenarioTarget != nil {
		y := c.TargetYear
		if y == 0 {
			y = c.ScenarioSeries[len(c.ScenarioSeries)-1].Year
		}
		in.Target = &chart.Reference{Year: y, Value: *c.ScenarioTarget}
	}
	return chart.OverlayChart(in)
}

// writePopulationNotes lists who entered or left which populations, and why, once per State
// and reason.
func writePopulationNotes(w io.Writer, loc *locale.Locale, notes []engine.CompositionNote) {
	if len(notes) == 0 {
		return
	}
	fmt.Fprintln(w, "\n"+loc.T("cli.whatif.head.populations"))
	for _, n := range notes {
		fmt.Fprintf(w, "%s (%s)\n", engineSentence(loc, n.Text, n.TextSentence), strings.Join(n.Indicators, ", "))
	}
}
