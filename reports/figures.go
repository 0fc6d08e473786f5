package reports

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/contentkey"
	"github.com/lapmonitor/lap/reports/locale"
)

// The report's figures, drawn with the chart primitives of package reports/chart.

// article4PerChart and article4Ratio split the Article 4 States over several charts: at most
// article4PerChart States each, and a State whose remaining area is below 1/article4Ratio of
// the largest on the chart starts a new one, so that small areas are not drawn flat on a
// linear axis.
const (
	article4PerChart = 6
	article4Ratio    = 10
)

// buildFigures draws every figure of the report: the overview (scores, statuses, Article 4)
// and one trend per indicator with at least one value, keyed by indicator id.
func buildFigures(a *engine.Assessment, m Meta) (overview, art4 []*chart.Figure, trends map[string]*chart.Figure, err error) {
	yh := yearHead(a)
	lang := reportLang(m)
	words := chartWords(lang)
	scores := chart.ScoresInput{Title: fmt.Sprintf("Progress scores %s: sections and the whole plan", yh), Words: words}
	status := chart.StatusInput{Title: fmt.Sprintf("Indicator status by section, %s", yh), Words: words}
	if lang != locale.English {
		yh = chartYearHead(lang, a, yh)
		scores.Title = locale.For(lang).T("chart.scores-title", map[string]any{"Year": yh})
		status.Title = locale.For(lang).T("chart.status-title", map[string]any{"Year": yh})
	}
	for _, s := range a.Sections {
		sc := chart.Score{Label: s.Title, Missing: s.Score == nil}
		if s.Score != nil {
			sc.Value = 100 * *s.Score
		}
		scores.Sections = append(scores.Sections, sc)
		counts := map[chart.Status]int{}
		for _, st := range engine.ProgressStatuses {
			if n := s.ProgressCounts.Get(st); n > 0 {
				counts[chart.Status(st)] = n
			}
		}
		status.Sections = append(status.Sections, chart.SectionStatus{Section: s.Title, Counts: counts})
	}
	ov := chart.Score{Label: chartWord(lang, "chart.whole-plan", "Whole plan"), Missing: a.Overall.Score == nil}
	if a.Overall.Score != nil {
		ov.Value = 100 * *a.Overall.Score
	}
	scores.Overall = &ov
	// in is the chart's input without its words (functions of lang, which the key holds)
	add := func(list *[]*chart.Figure, name, title, alt string, in any, p *plot.Plot, err error) error {
		switch {
		case errors.Is(err, chart.ErrNoData):
			return nil
		case err != nil:
			return fmt.Errorf("draw %s: %w", name, err)
		}
		localizePlot(lang, p)
		*list = append(*list, &chart.Figure{Name: name, Title: title, Alt: alt, Plot: p, Content: figureContent(name, title, alt, lang, in)})
		return nil
	}
	p, err := chart.ScoresChart(scores)
	if err := add(&overview, "scores", scores.Title,
		chartWord(lang, "chart.alt-scores", "Horizontal bars: the progress score of each section and of the whole plan, 0 to 100 percent."), withoutWords(scores), p, err); err != nil {
		return nil, nil, nil, err
	}
	p, err = chart.StatusChart(status)
	if err := add(&overview, "status", status.Title,
		chartWord(lang, "chart.alt-status", "Stacked horizontal bars: for each section, how many indicators have each status."), withoutWords(status), p, err); err != nil {
		return nil, nil, nil, err
	}

	groups := article4Groups(a, m)
	loc := locale.For(lang)
	dataNames := map[string]string{}
	for _, s := range a.States {
		dataNames[s.ISO3] = s.Name
	}
	for i, g := range groups {
		codes := make([]string, len(g.States))
		named := make([]string, len(g.States)) // the alternative text names each line's State: "Chile (CHL)"
		for j, s := range g.States {
			codes[j] = s.Code
			named[j] = cmp.Or(stateIn(loc, s.Code, dataNames[s.Code]), s.Code) + " (" + s.Code + ")"
		}
		// The chart's own title lists the codes that label its lines; its caption names each
		// State with that code: "Chile (CHL) and Iraq (IRQ)".
		title := func(states string) string {
			if lang != locale.English {
				if len(groups) > 1 {
					return loc.T("chart.article4-title-part", map[string]any{"I": i + 1, "N": len(groups), "States": states})
				}
				return loc.T("chart.article4-title", map[string]any{"States": states})
			}
			if len(groups) > 1 {
				return fmt.Sprintf("Article 4: remaining contaminated area (%d of %d): %s", i+1, len(groups), states)
			}
			return fmt.Sprintf("Article 4: remaining contaminated area, %s", states)
		}
		g.Title = title(strings.Join(codes, ", "))
		g.Words = words
		p, err := chart.Article4Chart(g)
		if err := add(&art4, "article4-"+strconv.Itoa(i+1), title(loc.JoinAnd(named)),
			chartWord(lang, "chart.alt-article4", "Lines: remaining cluster munition contaminated area in square kilometres by year for "+loc.JoinAnd(named)+
				", with a dashed vertical line at each State's clearance deadline.", "States", loc.JoinAnd(named)), withoutWords(g), p, err); err != nil {
			return nil, nil, nil, err
		}
	}

	// every point of a trend is its year as known the same time after its end (methodology
	// §1.3, "Every year at the same lag"): the alternative text says which day
	lagAlt := ""
	if asOf, err := engine.ParseDay(a.AsOf); err == nil {
		day := func(d engine.Date) string {
			if lang == locale.English {
				return d.Text()
			}
			return dayIn(loc, d)
		}
		prev := asOf.YearsBefore(1)
		lagAlt = chartWord(lang, "chart.alt-lag", fmt.Sprintf("Each year as known the same time after its end: %d as of %s, %d as of %s, and so on back.",
			a.Year, asOf.Text(), a.Year-1, prev.Text()), "Year", a.Year, "Date", day(asOf), "PrevYear", a.Year-1, "PrevDate", day(prev))
	}
	trends = map[string]*chart.Figure{}
	for i := range a.Indicators {
		ia := &a.Indicators[i]
		in, ok := trendInput(ia)
		if !ok {
			continue
		}
		if words != nil {
			in.Words, in.Series.Label = words, words.Observed
		}
		p, err := chart.TrendChart(in)
		var one []*chart.Figure
		caption := ia.ID + " " + ia.Title
		alt := chartWord(lang, "chart.alt-trend", fmt.Sprintf("Line: indicator %s by year in %s, with its baseline, target and the expected path between them where defined; years without a value are gaps.", ia.ID, axisLabel(ia.Unit)),
			"ID", ia.ID, "Unit", axisIn(lang, axisLabel(ia.Unit)))
		alt += " " + lagAlt
		if yh != fmtYear(a.Year) {
			caption += " " + chartWord(lang, "chart.partial-caption", fmt.Sprintf("(%d: partial year)", a.Year), "Year", a.Year)
			alt += " " + chartWord(lang, "chart.alt-partial", fmt.Sprintf("The last point, %d, covers part of the year only.", a.Year), "Year", a.Year)
		}
		if err := add(&one, "trend-"+ia.ID, caption, alt, withoutWords(in), p, err); err != nil {
			return nil, nil, nil, err
		}
		if len(one) == 1 {
			trends[ia.ID] = one[0]
		}
	}
	return overview, art4, trends, nil
}

// trendInput is the trend chart input of an indicator; ok is false when it has no value.
func trendInput(ia *engine.IndicatorAssessment) (chart.TrendInput, bool) {
	var pts []chart.Point
	any := false
	for _, yv := range ia.Series {
		if yv.Value == nil {
			pts = append(pts, chart.Point{Year: yv.Year, Missing: true})
			continue
		}
		any = true
		pts = append(pts, chart.Point{Year: yv.Year, Value: *yv.Value, Unofficial: yv.Class != "" && yv.Class != engine.ClassOfficial,
			Flagged: yv.CoverageFlag || yv.TooFew})
	}
	if !any {
		return chart.TrendInput{}, false
	}
	in := chart.TrendInput{ID: ia.ID, Title: ia.Title, Unit: axisLabel(ia.Unit), Series: chart.Series{Label: "Observed", Points: pts}}
	if ia.Baseline != nil && ia.BaselineYear > 0 {
		in.Baseline = &chart.Reference{Year: ia.BaselineYear, Value: *ia.Baseline}
	}
	if ia.Target != nil && ia.TargetYear > 0 {
		in.Target = &chart.Reference{Year: ia.TargetYear, Value: *ia.Target}
		if in.Baseline != nil && in.Target.Year <= in.Baseline.Year {
			in.Baseline = nil // a standing target has no path from the baseline
		}
	}
	return in, true
}

// article4Groups lists the States with an outstanding Article 4 obligation, largest
// remaining area first, split into charts (see article4PerChart).
func article4Groups(a *engine.Assessment, m Meta) []chart.Article4Input {
	type st struct {
		area   chart.StateArea
		latest float64
	}
	var states []st
	for _, dp := range a.Deadlines {
		if dp.Article != 4 {
			continue
		}
		s := st{area: chart.StateArea{Code: dp.ISO3}}
		for _, yv := range m.Article4Area[dp.ISO3] {
			if yv.Year < a.BaselineYear || yv.Year > a.Year || yv.Value == nil {
				continue
			}
			s.area.Area = append(s.area.Area, chart.Point{Year: yv.Year, Value: *yv.Value, Unofficial: yv.Class != "" && yv.Class != engine.ClassOfficial})
			s.latest = *yv.Value
		}
		if len(s.area.Area) == 0 {
			continue
		}
		if len(dp.Deadline) >= 4 {
			s.area.Deadline, _ = strconv.Atoi(dp.Deadline[:4])
		}
		states = append(states, s)
	}
	slices.SortStableFunc(states, func(x, y st) int {
		return cmp.Or(cmp.Compare(y.latest, x.latest), cmp.Compare(x.area.Code, y.area.Code))
	})
	var groups []chart.Article4Input
	var top float64
	for _, s := range states {
		n := len(groups)
		if n == 0 || len(groups[n-1].States) == article4PerChart || s.latest*article4Ratio < top {
			groups = append(groups, chart.Article4Input{})
			n++
			top = s.latest
		}
		groups[n-1].States = append(groups[n-1].States, s.area)
	}
	return groups
}

// figureContent is the content key of a figure (chart.Figure.Content): its name, captions,
// language and chart input (without the words, which the language gives), hashed with the
// binary that draws it; "" when it cannot be computed (nothing is then reused).
func figureContent(name, title, alt string, lang locale.Lang, in any) string {
	k, _ := contentkey.Of("lap report figure", name, title, alt, string(lang), in)
	return k
}

// withoutWords returns a chart input with its Words (functions, given by the language) unset.
func withoutWords[T chart.ScoresInput | chart.StatusInput | chart.Article4Input | chart.TrendInput](in T) T {
	switch v := any(&in).(type) {
	case *chart.ScoresInput:
		v.Words = nil
	case *chart.StatusInput:
		v.Words = nil
	case *chart.Article4Input:
		v.Words = nil
	case *chart.TrendInput:
		v.Words = nil
	}
	return in
}
