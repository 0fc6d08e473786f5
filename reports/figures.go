package reports

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// The report's figures, drawn with the chart primitives of chart.go.

// Figure is one chart of the report.
type Figure struct {
	// Name is the file name without extension: the chart is written as charts/<Name>.svg
	// and charts/<Name>.png. Names are unique within a report.
	Name string
	// Title says what the chart shows; Alt describes it for readers who cannot see it.
	Title string
	Alt   string
	Plot  *plot.Plot

	once   sync.Once
	svg    []byte
	pngKey string // see Key
	err    error
}

// Write writes the figure as "svg" or "png" at the default size.
func (f *Figure) Write(w io.Writer, format string) error {
	if format == "svg" {
		b, err := f.SVG()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	if err := WriteChart(w, f.Plot, format, DefaultWidth, DefaultHeight); err != nil {
		return fmt.Errorf("write figure %s: %w", f.Name, err)
	}
	return nil
}

// SVG returns the figure as SVG, rendering it once (and computing the PNG's content key on the
// way, see Key).
func (f *Figure) SVG() ([]byte, error) {
	f.once.Do(func() {
		var b bytes.Buffer
		key := newKeyCanvas("png", DefaultWidth, DefaultHeight)
		var tee vg.Canvas
		if key != nil {
			tee = key
		}
		if err := writeChart(&b, f.Plot, "svg", DefaultWidth, DefaultHeight, tee); err != nil {
			f.err = fmt.Errorf("write figure %s: write svg chart: %w", f.Name, err)
			return
		}
		f.svg = b.Bytes()
		if key != nil {
			f.pngKey = key.key()
		}
	})
	return f.svg, f.err
}

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
func buildFigures(a *engine.Assessment, m Meta) (overview, art4 []*Figure, trends map[string]*Figure, err error) {
	yh := yearHead(a)
	lang := reportLang(m)
	scores := ScoresInput{Title: fmt.Sprintf("Progress scores %s: sections and the whole plan", yh)}
	status := StatusInput{Title: fmt.Sprintf("Indicator status by section, %s", yh)}
	if lang != locale.English {
		yh = chartYearHead(lang, a, yh)
		scores.Title = locale.For(lang).T("chart.scores-title", map[string]any{"Year": yh})
		status.Title = locale.For(lang).T("chart.status-title", map[string]any{"Year": yh})
	}
	for _, s := range a.Sections {
		sc := Score{Label: s.Title, Missing: s.Score == nil}
		if s.Score != nil {
			sc.Value = 100 * *s.Score
		}
		scores.Sections = append(scores.Sections, sc)
		counts := map[Status]int{}
		for _, st := range engine.ProgressStatuses {
			if n := s.ProgressCounts.Get(st); n > 0 {
				counts[Status(st)] = n
			}
		}
		status.Sections = append(status.Sections, SectionStatus{Section: s.Title, Counts: counts})
	}
	ov := Score{Label: chartWord(lang, "chart.whole-plan", "Whole plan"), Missing: a.Overall.Score == nil}
	if a.Overall.Score != nil {
		ov.Value = 100 * *a.Overall.Score
	}
	scores.Overall = &ov
	add := func(list *[]*Figure, name, title, alt string, p *plot.Plot, err error) error {
		switch {
		case errors.Is(err, ErrNoData):
			return nil
		case err != nil:
			return fmt.Errorf("draw %s: %w", name, err)
		}
		localizePlot(lang, p)
		*list = append(*list, &Figure{Name: name, Title: title, Alt: alt, Plot: p})
		return nil
	}
	p, err := ScoresChart(scores)
	if err := add(&overview, "scores", scores.Title,
		"Horizontal bars: the progress score of each section and of the whole plan, 0 to 100 percent.", p, err); err != nil {
		return nil, nil, nil, err
	}
	p, err = StatusChart(status)
	if err := add(&overview, "status", status.Title,
		"Stacked horizontal bars: for each section, how many indicators have each status.", p, err); err != nil {
		return nil, nil, nil, err
	}

	groups := article4Groups(a, m)
	for i, g := range groups {
		codes := make([]string, len(g.States))
		for j, s := range g.States {
			codes[j] = s.Code
		}
		g.Title = fmt.Sprintf("Article 4: remaining contaminated area, %s", strings.Join(codes, ", "))
		if len(groups) > 1 {
			g.Title = fmt.Sprintf("Article 4: remaining contaminated area (%d of %d): %s", i+1, len(groups), strings.Join(codes, ", "))
		}
		if lang != locale.English {
			g.Title = locale.For(lang).T("chart.article4-title", map[string]any{"States": strings.Join(codes, ", ")})
			if len(groups) > 1 {
				g.Title = locale.For(lang).T("chart.article4-title-part", map[string]any{"I": i + 1, "N": len(groups), "States": strings.Join(codes, ", ")})
			}
		}
		p, err := Article4Chart(g)
		if err := add(&art4, "article4-"+strconv.Itoa(i+1), g.Title,
			"Lines: remaining cluster munition contaminated area in square kilometres by year for "+strings.Join(codes, ", ")+
				", with a dashed vertical line at each State's clearance deadline.", p, err); err != nil {
			return nil, nil, nil, err
		}
	}

	trends = map[string]*Figure{}
	for i := range a.Indicators {
		ia := &a.Indicators[i]
		in, ok := trendInput(ia)
		if !ok {
			continue
		}
		p, err := TrendChart(in)
		var one []*Figure
		caption, alt := ia.ID+" "+ia.Title, fmt.Sprintf("Line: indicator %s by year in %s, with its baseline, target and the expected path between them where defined; years without a value are gaps.", ia.ID, axisLabel(ia.Unit))
		if yh != fmtYear(a.Year) {
			caption += " " + chartWord(lang, "chart.partial-caption", fmt.Sprintf("(%d: partial year)", a.Year), "Year", a.Year)
			alt += fmt.Sprintf(" The last point, %d, covers part of the year only.", a.Year)
		}
		if err := add(&one, "trend-"+ia.ID, caption, alt, p, err); err != nil {
			return nil, nil, nil, err
		}
		if len(one) == 1 {
			trends[ia.ID] = one[0]
		}
	}
	return overview, art4, trends, nil
}

// trendInput is the trend chart input of an indicator; ok is false when it has no value.
func trendInput(ia *engine.IndicatorAssessment) (TrendInput, bool) {
	var pts []Point
	any := false
	for _, yv := range ia.Series {
		if yv.Value == nil {
			pts = append(pts, Point{Year: yv.Year, Missing: true})
			continue
		}
		any = true
		pts = append(pts, Point{Year: yv.Year, Value: *yv.Value, Unofficial: yv.Class != "" && yv.Class != engine.ClassOfficial,
			Flagged: yv.CoverageFlag || yv.TooFew})
	}
	if !any {
		return TrendInput{}, false
	}
	in := TrendInput{ID: ia.ID, Title: ia.Title, Unit: axisLabel(ia.Unit), Series: Series{Label: "Observed", Points: pts}}
	if ia.Baseline != nil && ia.BaselineYear > 0 {
		in.Baseline = &Reference{Year: ia.BaselineYear, Value: *ia.Baseline}
	}
	if ia.Target != nil && ia.TargetYear > 0 {
		in.Target = &Reference{Year: ia.TargetYear, Value: *ia.Target}
		if in.Baseline != nil && in.Target.Year <= in.Baseline.Year {
			in.Baseline = nil // a standing target has no path from the baseline
		}
	}
	return in, true
}

// article4Groups lists the States with an outstanding Article 4 obligation, largest
// remaining area first, split into charts (see article4PerChart).
func article4Groups(a *engine.Assessment, m Meta) []Article4Input {
	type st struct {
		area   StateArea
		latest float64
	}
	var states []st
	for _, dp := range a.Deadlines {
		if dp.Article != 4 {
			continue
		}
		s := st{area: StateArea{Code: dp.ISO3}}
		for _, yv := range m.Article4Area[dp.ISO3] {
			if yv.Year < a.BaselineYear || yv.Year > a.Year || yv.Value == nil {
				continue
			}
			s.area.Area = append(s.area.Area, Point{Year: yv.Year, Value: *yv.Value, Unofficial: yv.Class != "" && yv.Class != engine.ClassOfficial})
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
	var groups []Article4Input
	var top float64
	for _, s := range states {
		n := len(groups)
		if n == 0 || len(groups[n-1].States) == article4PerChart || s.latest*article4Ratio < top {
			groups = append(groups, Article4Input{})
			n++
			top = s.latest
		}
		groups[n-1].States = append(groups[n-1].States, s.area)
	}
	return groups
}
