package reports

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// The output of `lap eval`: a table for people and a CSV file for programs, for one
// assessment or a range of years.

// WriteEvalTable writes assessments of consecutive years as plain-text tables: the overall
// score, then per year the sections, actions, indicators, deadline projections and States
// Parties.
func WriteEvalTable(w io.Writer, years []*engine.Assessment) error {
	return WriteEvalTableIn(w, years, locale.English, "")
}

// WriteEvalTableIn writes the tables of WriteEvalTable with their heads, lines and status
// words in lang; the plan's texts are those of the plan assessed (engine.Plan.Translated),
// and notice, the translation's notice (engine.Plan.Language), is printed under the first
// line: the plan's translation is unofficial.
func WriteEvalTableIn(w io.Writer, years []*engine.Assessment, lang locale.Lang, notice string) error {
	if len(years) == 0 {
		return ErrNoAssessment
	}
	loc := locale.For(lang)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	r0 := years[0]
	counting := string(r0.Counting)
	if id := "counting." + counting; lang != locale.English && loc.Has(id) {
		counting = loc.T(id)
	}
	// A range of years is assessed at one day per year (each year seen the same time after its
	// end as the last, docs/methodology.md §1.3): the plan line then names no single day, and
	// each year's heading gives its own. Before (until 2026-11-30) the plan line gave the first
	// year's day alone, so that "lap eval --year 2022 --to 2025" read "as of: 2023-06-30" above
	// values of 2025 first known in 2026.
	perYear := false
	for _, r := range years[1:] {
		perYear = perYear || r.AsOf != r0.AsOf
	}
	planLine := "eval.plan"
	if perYear {
		planLine = "eval.plan-each-year"
	}
	fmt.Fprintln(tw, loc.T(planLine, map[string]any{"Name": r0.Plan.Name, "Version": r0.Plan.Version, "Counting": counting,
		"AsOf": r0.AsOf, "Baseline": r0.BaselineYear, "Target": r0.TargetYear}))
	if notice != "" {
		fmt.Fprintln(tw, notice)
	}
	// Nothing in the tables is official LAP text, and a value that rests on data that are not
	// official carries its mark, as in the report.
	pc := provenanceCounts(r0)
	fmt.Fprintln(tw, loc.T("cli.provenance", map[string]any{"Text": loc.N("profile.provenance", pc.Found, map[string]any{"Proposed": pc.Proposed,
		"Indicators": pc.Indicators, "Actions": pc.Actions, "Found": pc.Found, "Inferred": pc.Inferred, "Reconstructed": pc.Reconstr})}))
	fmt.Fprintln(tw, loc.T("cli.marks"))
	for _, r := range years {
		writeAssessmentTable(tw, r, loc, perYear)
	}
	return tw.Flush()
}

// statusWord is a progress status in the locale's language; English keeps the status name
// ("on-track") that the tables have always shown.
func statusWord(loc *locale.Locale, s engine.ProgressStatus) string {
	if loc.Lang() == locale.English || s == "" {
		return string(s)
	}
	return loc.Status(string(s))
}

// trendWord is a direction of travel in the locale's language, as statusWord.
func trendWord(loc *locale.Locale, s engine.TrendStatus) string {
	if loc.Lang() == locale.English || s == "" {
		return string(s)
	}
	return loc.T("trend." + string(s))
}

// WriteEvalJSON writes one assessment as JSON, or several (a range of years) as
// {"years": [...]}.
func WriteEvalJSON(w io.Writer, years []*engine.Assessment) error {
	switch len(years) {
	case 0:
		return ErrNoAssessment
	case 1:
		return EncodeJSON(w, years[0])
	}
	return EncodeJSON(w, struct {
		Years []*engine.Assessment `json:"years"`
	}{years})
}

// statusCounts is "3 achieved, 1 regressing": the statuses that occur, in their fixed order.
func statusCounts(c engine.ProgressCounts, loc *locale.Locale) string {
	var parts []string
	for _, s := range engine.ProgressStatuses {
		if n := c.Get(s); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, statusWord(loc, s)))
		}
	}
	return strings.Join(parts, ", ")
}

// trendCounts is "3 improving, 1 stable, 2 worsening, 1 insufficient-data".
func trendCounts(c engine.TrendCounts, loc *locale.Locale) string {
	parts := make([]string, len(engine.TrendStatuses))
	for i, s := range engine.TrendStatuses {
		parts[i] = fmt.Sprintf("%d %s", c.Get(s), trendWord(loc, s))
	}
	return strings.Join(parts, ", ")
}

// countCells is one tab-separated cell per status.
func countCells(c engine.ProgressCounts) string {
	cells := make([]string, len(engine.ProgressStatuses))
	for i, s := range engine.ProgressStatuses {
		cells[i] = strconv.Itoa(c.Get(s))
	}
	return strings.Join(cells, "\t")
}

// writeAssessmentTable writes one year's tables; asOf adds the year's own cut-off to its
// heading (a range of years, each seen on its own day).
func writeAssessmentTable(tw io.Writer, r *engine.Assessment, loc *locale.Locale, asOf bool) {
	o := r.Overall
	tx := tableWords{loc}
	name := stateNamer(loc, r, nil)
	heading := "eval.year"
	if asOf {
		heading = "eval.year-as-of"
	}
	fmt.Fprintln(tw, "\n"+loc.T(heading, map[string]any{"Year": r.Year, "AsOf": r.AsOf}))
	fmt.Fprintln(tw, loc.T("eval.overall", map[string]any{"Score": tx.score(o.Score), "Expected": tx.score(o.Expected),
		"Status": statusWord(loc, o.Status), "Scored": o.IndicatorsScored, "Total": o.Indicators, "Counts": statusCounts(o.ProgressCounts, loc)}))
	fmt.Fprintln(tw, loc.T("eval.travel", map[string]any{"Counts": trendCounts(o.TrendCounts, loc)}))
	sc := r.Scoring
	settings := fmt.Sprintf("on_track %g, regressing %g, trend_on_track %g, trend_min_years %d, min_population %d, min_coverage %g, cagr_improving %g, cagr_worsening %g; weighting %s",
		sc.OnTrack, sc.Regressing, sc.TrendOnTrack, sc.TrendMinYears, sc.MinPopulation, sc.MinCoverage, sc.CAGRImproving, sc.CAGRWorsening, sc.Weighting)
	if tx.english() {
		fmt.Fprintln(tw, "Thresholds: "+settings)
	} else {
		fmt.Fprintln(tw, loc.T("cli.eval.thresholds", map[string]any{"Settings": settings})) // the settings as the plan writes them
	}

	fmt.Fprintln(tw, "\n"+loc.T("eval.head.sections"))
	without := map[string]engine.SectionContribution{}
	for _, c := range o.Contributions {
		without[c.Key] = c
	}
	for _, s := range r.Sections {
		weight, wo := dash, dash
		if c, ok := without[s.Key]; ok {
			weight = fmt.Sprintf("%g (%s)", c.Weight, tx.score(&c.Share))
			wo = tx.score(c.Without)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Key, tx.score(s.Score), tx.score(s.Expected), statusWord(loc, s.Status), weight, wo, countCells(s.ProgressCounts), s.Title)
	}

	fmt.Fprintln(tw, "\n"+loc.T("eval.head.actions"))
	for _, a := range r.Actions {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d/%d\t%s\n", a.Number, a.Section, tx.score(a.Score), tx.score(a.Expected), statusWord(loc, a.Status), a.IndicatorsScored, a.Indicators, labelled(a.Title, a.Provenance))
	}

	fmt.Fprintln(tw, "\n"+loc.T("eval.head.indicators"))
	for _, ir := range r.Indicators {
		status := string(ir.Status)
		if ir.Error != "" {
			status += ": " + ir.Error
		}
		baseline := tx.value(ir.Baseline, ir.Unit) + MarkSymbol(seriesClass(&ir, ir.BaselineYear))
		if ir.Baseline != nil && ir.BaselineYear != r.BaselineYear {
			baseline += fmt.Sprintf(" (%d)", ir.BaselineYear)
		}
		target := tx.value(ir.Target, ir.Unit)
		switch {
		case ir.Target == nil:
		case tx.english() && ir.TargetEachYear:
			target += " yearly"
		case tx.english():
			target += fmt.Sprintf(" by %d", ir.TargetYear)
		case ir.TargetEachYear:
			target = loc.T("cli.target.yearly", map[string]any{"Target": target})
		default:
			target = loc.T("cli.target.by", map[string]any{"Target": target, "Year": ir.TargetYear})
		}
		flags := dash
		if ir.CoverageFlag {
			flags = "coverage"
			if !tx.english() {
				flags = loc.T("cli.flag.coverage")
			}
		}
		over := tx.sentence(ir.KOfN(), ir.KOfNSentence())
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", ir.ID, tx.value(ir.Value, ir.Unit)+MarkSymbol(ir.Class), tx.unitCode(ir.Unit),
			over, baseline, target, tx.value(ir.Expected, ir.Unit), tx.score(ir.Progress), statusWord(loc, ir.ProgressStatus), orDash(trendWord(loc, ir.TrendStatus)),
			ir.Method, ir.Population, ir.Known, ir.NoData.Len(), ir.UnknownPolicy, flags, status, labelled(ir.Title, ir.Provenance))
	}
	writeGroupsTable(tw, r, loc)

	fmt.Fprintln(tw, "\n"+loc.T("eval.head.obligations"))
	if len(r.Obligations) == 0 {
		fmt.Fprintln(tw, loc.T("eval.no-obligation"))
	}
	for _, o := range r.Obligations {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", o.ISO3, name(o.ISO3), o.Article, o.Episode, o.Start, textDatePtr(o.Deadline),
			textDatePtr(o.Completed), tx.verdict(o.DeadlineMet), tx.sentence(o.StatusText, o.StatusSentence)+MarkSymbol(episodeClass(o)))
	}

	fmt.Fprintln(tw, "\n"+loc.T("eval.head.projections"))
	if len(r.Deadlines) == 0 {
		fmt.Fprintln(tw, loc.T("eval.no-open-episode"))
	}
	for _, d := range r.Deadlines {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", d.ISO3, nameIn(loc, d.ISO3, d.Name), d.Article, d.Episode, tx.remaining(d.Remaining, d.Unit, d.RemainingYear)+MarkSymbol(d.RemainingClass),
			tx.estimate(d.Rate, d.Unit)+MarkSymbol(d.RateClass), yearOrDash(d.CompletionYear), orDash(d.Deadline), tx.estimate(d.RateNeeded, d.Unit), tx.projection(d.Status), projectionBasis(d, tx))
	}
	if len(r.Deadlines) > 0 {
		if tx.english() {
			fmt.Fprintln(tw, "Projections assume no further extension, the State's own recent rate (the years in BASIS) and no new findings; see `lap eval --format json` for each one's assumptions.")
		} else {
			fmt.Fprintln(tw, loc.T("cli.eval.projections-assume"))
		}
		for _, d := range r.Deadlines {
			switch {
			case d.Status != engine.ProjectionNotKnown:
			case tx.english():
				fmt.Fprintf(tw, "%s, Article %d, deadline-not-known: the deadline recorded, %s, has passed (%s); the deadline that applies is not known, so none is applied.\n", nameIn(loc, d.ISO3, d.Name), d.Article, d.Deadline, d.ExtensionNote)
			default:
				fmt.Fprintln(tw, loc.T("cli.eval.deadline-not-known", map[string]any{"State": nameIn(loc, d.ISO3, d.Name), "Article": d.Article,
					"Deadline": d.Deadline, "Note": tx.sentence(d.ExtensionNote, d.ExtensionNoteSentence)}))
			}
		}
	}

	fmt.Fprintln(tw, "\n"+loc.T("eval.head.states"))
	for _, s := range r.States {
		cells := map[int]string{3: dash, 4: dash, 5: dash, 7: dash, 9: dash}
		for _, o := range s.Obligations {
			c := tx.sentence(o.StatusText, o.StatusSentence)
			switch {
			case o.Article == 5 || o.Article == 7 || o.Article == 9:
				c = tx.obligationLabel(o.Status) // StatusText in full is in the JSON
			case o.Episode > 1 && tx.english():
				c = fmt.Sprintf("episode %d: %s", o.Episode, c)
			case o.Episode > 1:
				c = loc.T("cli.eval.episode", map[string]any{"Episode": o.Episode, "Status": c})
			}
			cells[o.Article] = c + MarkSymbol(o.Class) // the latest episode of Articles 3 and 4
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", s.ISO3, name(s.ISO3), cells[3], cells[4], cells[5], cells[7], cells[9], len(s.CountedIn), len(s.NoDataIn))
	}
}

// episodeClass is the least reliable class of the facts an obligation episode rests on.
func episodeClass(o engine.ObligationEpisode) engine.Class {
	var c engine.Class
	for _, v := range o.Values {
		c = c.Weaker(v.Class)
	}
	return c
}

// labelled is a plan title with its provenance label (found, inferred, reconstructed,
// proposed: codes, in every language, as in the report): nothing in lap is official LAP text.
func labelled(title, provenance string) string {
	if provenance == "" {
		return title
	}
	return title + " (" + provenance + ")"
}

// projectionBasis says what a projection rests on: the years of its rate, and whether that is
// one year or data older than two years.
func projectionBasis(d engine.DeadlineProjection, tx tableWords) string {
	var parts []string
	if n := len(d.RateYears); n > 0 {
		y := strconv.Itoa(d.RateYears[0].Year)
		if last := d.RateYears[n-1].Year; n > 1 && last-d.RateYears[0].Year == n-1 {
			y += "-" + strconv.Itoa(last) // consecutive years
		} else {
			for _, yv := range d.RateYears[1:] {
				y += "," + strconv.Itoa(yv.Year)
			}
		}
		if tx.english() {
			parts = append(parts, "rate "+y)
		} else {
			parts = append(parts, tx.loc.T("cli.basis.rate", map[string]any{"Years": y}))
		}
	}
	switch {
	case d.SinglePoint && tx.english():
		parts = append(parts, "one data point")
	case d.SinglePoint:
		parts = append(parts, tx.loc.T("cli.basis.one-point"))
	}
	switch {
	case d.Stale && tx.english():
		parts = append(parts, "data older than 2 years")
	case d.Stale:
		parts = append(parts, tx.loc.T("cli.basis.stale"))
	}
	return orDash(tx.loc.JoinClauses(parts))
}

// textRemaining is an outstanding amount with its unit and the year it was reported in.
func textRemaining(v *float64, unit string, year int) string {
	s := fmtAmount(v, unit)
	if v != nil {
		s += fmt.Sprintf(" (%d)", year)
	}
	return s
}

// evalCSVHeader is the header of `lap eval --format csv`.
var evalCSVHeader = []string{"year", "id", "action", "section", "aggregate", "unit", "value", "numerator", "denominator",
	"population", "known", "no_data", "status", "error", "provenance", "counting", "as_of", "direction", "method", "weight",
	"baseline", "baseline_year", "target", "target_year", "target_each_year", "expected", "expected_progress", "progress",
	"score", "progress_status", "n", "counted_count", "unknown_policy", "min_population", "coverage_flag", "trend_status",
	// the class of the data the value and the baseline rest on, as the table marks them (empty:
	// official, or no value); last, so that the columns before keep their places
	"class", "baseline_class"}

// valueClass is the class column of a value: its class, "official" included, as the table's
// mark says it; empty without a value.
func valueClass(v *float64, c engine.Class) string {
	if v == nil {
		return ""
	}
	return string(c)
}

// WriteEvalCSV writes one row per indicator and year, numbers in full precision. When the
// assessments were split by breakdowns (engine.By), two columns are added, by and group, and
// each indicator's row is followed by one row per group with the group's own value and
// counts (no_data then holds the group's number of States without data, not their codes).
func WriteEvalCSV(w io.Writer, years []*engine.Assessment) error {
	grouped := false
	for _, r := range years {
		for _, ir := range r.Indicators {
			grouped = grouped || len(ir.Groups) > 0
		}
	}
	header := evalCSVHeader
	if grouped {
		header = append(header[:len(header):len(header)], "by", "group")
	}
	recs := [][]string{header}
	for _, r := range years {
		for _, ir := range r.Indicators {
			rec := []string{strconv.Itoa(r.Year), ir.ID, strconv.Itoa(ir.Action), ir.Section, string(ir.Aggregate), ir.Unit,
				raw(ir.Value), raw(ir.Numerator), raw(ir.Denominator), strconv.Itoa(ir.Population), strconv.Itoa(ir.Known),
				strings.Join(ir.NoData.List(), " "), string(ir.Status), ir.Error, ir.Provenance, string(r.Counting), r.AsOf,
				string(ir.Direction), string(ir.Method), raw(&ir.Weight), raw(ir.Baseline), yearOrEmpty(ir.BaselineYear), raw(ir.Target),
				yearOrEmpty(ir.TargetYear), strconv.FormatBool(ir.TargetEachYear), raw(ir.Expected), raw(ir.ExpectedProgress), raw(ir.Progress),
				raw(ir.Score), string(ir.ProgressStatus), strconv.Itoa(ir.N), strconv.Itoa(ir.Counted.Len()), string(ir.UnknownPolicy),
				strconv.Itoa(ir.MinPopulation), strconv.FormatBool(ir.CoverageFlag), string(ir.TrendStatus),
				valueClass(ir.Value, ir.Class), valueClass(ir.Baseline, seriesClass(&ir, ir.BaselineYear))}
			if !grouped {
				recs = append(recs, rec)
				continue
			}
			recs = append(recs, append(rec, "", ""))
			for _, g := range ir.Groups {
				grec := make([]string, len(header))
				copy(grec, []string{strconv.Itoa(r.Year), ir.ID, strconv.Itoa(ir.Action), ir.Section, string(ir.Aggregate), ir.Unit,
					raw(g.Value), "", "", strconv.Itoa(g.Population), strconv.Itoa(g.Known), strconv.Itoa(g.NoData), string(g.Status), "",
					ir.Provenance, string(r.Counting), r.AsOf})
				at := func(col, v string) { grec[slices.Index(header, col)] = v }
				at("n", strconv.Itoa(g.N))
				at("counted_count", strconv.Itoa(g.Counted))
				at("unknown_policy", string(ir.UnknownPolicy))
				at("min_population", strconv.Itoa(ir.MinPopulation))
				at("class", valueClass(g.Value, g.Class))
				at("by", g.By)
				at("group", g.Group)
				recs = append(recs, grec)
			}
		}
	}
	return writeCSV(w, recs)
}

// writeGroupsTable writes, when the assessment was split by breakdowns (engine.By), each
// indicator's value in every group.
func writeGroupsTable(tw io.Writer, r *engine.Assessment, loc *locale.Locale) {
	header := false
	for _, ir := range r.Indicators {
		for _, g := range ir.Groups {
			if !header {
				fmt.Fprintln(tw, "\n"+loc.T("eval.head.groups"))
				header = true
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", ir.ID, g.By, g.Title, tableWords{loc}.value(g.Value, ir.Unit), g.KOfN,
				g.Population, g.Known, g.NoData, g.Status)
		}
	}
}
