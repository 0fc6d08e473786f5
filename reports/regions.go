package reports

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// Results by group: for each breakdown of the plan (region, and the plan's own, e.g. States
// with Article 4 obligations), a table of the indicators the plan lists for it, one column per
// group, and a chart of the first of them.

// breakdownView is one breakdown's table.
type breakdownView struct {
	Key, Title string
	Groups     []string // the column heads, in the breakdown's order
	Rows       []groupRow
	Figure     *Figure
	chart      *GroupInput // the chart of the first count or share in Rows, drawn with the figures
}

// groupRow is one indicator across the groups of a breakdown.
type groupRow struct {
	ID, Title string
	Cells     []groupCell // one per group, in Groups order
	Whole     groupCell
}

// groupCell is an indicator's value in one group: "58.3%" over "21 of 36", or only "2 of 3"
// when the group is too few to give a share.
type groupCell struct {
	Value string
	Over  string
	Mark  markInfo
}

// breakdownViews builds the tables of the breakdowns whose report list names an indicator of
// the assessment with groups.
func breakdownViews(a *engine.Assessment, m Meta, loc *locale.Locale) []breakdownView {
	byID := map[string]*engine.IndicatorAssessment{}
	for i := range a.Indicators {
		byID[a.Indicators[i].ID] = &a.Indicators[i]
	}
	var out []breakdownView
	for _, b := range m.Breakdowns {
		bv := breakdownView{Key: b.Key, Title: b.Title}
		if b.Key == engine.RegionBreakdown {
			bv.Title = loc.T("groups.region")
		}
		for _, g := range b.Groups {
			bv.Groups = append(bv.Groups, groupTitle(loc, b, g))
		}
		for _, id := range b.Report {
			ia := byID[id]
			if ia == nil || ia.Status == engine.ValueError {
				continue
			}
			row := groupRow{ID: ia.ID, Title: ia.Title, Whole: cellOf(loc, ia.Value, ia.Status, ia.KOfN(), ia.Unit, ia.Class)}
			cells := map[string]groupCell{}
			for _, g := range ia.Groups {
				if g.By == b.Key {
					cells[g.Group] = cellOf(loc, g.Value, g.Status, g.KOfN, ia.Unit, g.Class)
				}
			}
			for _, g := range b.Groups {
				c, ok := cells[g.Key]
				if !ok {
					c = groupCell{Value: dash, Over: "0 of 0"}
				}
				row.Cells = append(row.Cells, c)
			}
			bv.Rows = append(bv.Rows, row)
			if bv.chart == nil && (ia.Aggregate == engine.AggCount || ia.Aggregate == engine.AggShare) {
				bv.chart = groupChartInput(loc, ia, b, bv.Title, yearHead(a))
			}
		}
		if len(bv.Rows) == 0 {
			continue
		}
		out = append(out, bv)
	}
	return out
}

// groupChartInput is the chart of a count or share across the groups of a breakdown; title
// names the breakdown as it follows "by".
func groupChartInput(loc *locale.Locale, ia *engine.IndicatorAssessment, b engine.Breakdown, title, yearHead string) *GroupInput {
	in := &GroupInput{Title: loc.T("groups.chart-title", map[string]any{"ID": ia.ID, "Title": ia.Title, "Breakdown": title, "Year": yearHead}),
		Counted: loc.T("groups.counted"), NotCounted: loc.T("groups.not-counted"), NoData: loc.T("groups.no-data"),
		Axis: loc.T("groups.states"), alt: loc.T("groups.chart-alt")}
	titles := map[string]string{}
	for _, g := range b.Groups {
		titles[g.Key] = groupTitle(loc, b, g)
	}
	for _, g := range ia.Groups {
		if g.By == b.Key {
			in.Bars = append(in.Bars, GroupBar{Label: titles[g.Group], Counted: g.Counted, NotCounted: g.NotCounted, NoData: g.NoData,
				Note: localNumbers(loc, g.KOfN)})
		}
	}
	return in
}

// groupTitle is a group's title in the report's language: a region's from the catalogue, a
// plan group's as the plan writes it.
func groupTitle(loc *locale.Locale, b engine.Breakdown, g engine.Group) string {
	if b.Key == engine.RegionBreakdown {
		return loc.T("region." + g.Key)
	}
	return g.Title
}

// groupFigures draws the chart of each breakdown table that has one and attaches it.
func groupFigures(views []breakdownView) ([]*Figure, error) {
	var out []*Figure
	for i := range views {
		v := &views[i]
		if v.chart == nil {
			continue
		}
		p, err := GroupChart(*v.chart)
		if errors.Is(err, ErrNoData) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("draw groups-%s: %w", v.Key, err)
		}
		v.Figure = &Figure{Name: "groups-" + v.Key, Title: v.chart.Title, Plot: p, Alt: v.chart.alt}
		out = append(out, v.Figure)
	}
	return out, nil
}

// cellOf formats a value with what it is taken over; a value over too few States is shown as
// its k of n only, never as a share.
func cellOf(loc *locale.Locale, v *float64, st engine.ValueStatus, kOfN, unit string, class engine.Class) groupCell {
	switch {
	case v == nil:
		return groupCell{Value: loc.T("value.not-known"), Over: kOfN}
	case st == engine.ValueTooFew && unit == "percent":
		return groupCell{Value: kOfN, Over: loc.T("groups.too-few"), Mark: markOf(class)}
	}
	return groupCell{Value: fmtValue(v, unit), Over: kOfN, Mark: markOf(class)}
}

// GroupBar is one group's bar: how many States of the indicator's population counted, were
// not counted and had no data. Note is written right of the bar ("36 of 54"; default: counted
// of the bar's total).
type GroupBar struct {
	Label                       string
	Counted, NotCounted, NoData int
	Note                        string
}

// GroupInput is the data of a chart of one indicator across the groups of a breakdown.
type GroupInput struct {
	Title string
	// Counted, NotCounted and NoData name the three parts of a bar in the legend, e.g.
	// "States Parties", "Not party", "No data"; Axis names the horizontal axis ("States"
	// when empty).
	Counted, NotCounted, NoData string
	Axis                        string
	Bars                        []GroupBar
	alt                         string // the figure's alternative text
}

// GroupChart draws one horizontal bar per group, stacked: the States counted, those not
// counted and those without data, labelled "k of n".
func GroupChart(in GroupInput) (*plot.Plot, error) {
	if len(in.Bars) == 0 {
		return nil, fmt.Errorf("draw group chart: %w: no groups", ErrNoData)
	}
	p := newPlot(wrapText(in.Title, titleWidth, titleLines))
	leg := newSideLegend(p)
	p.X.Label.Text = in.Axis
	if p.X.Label.Text == "" {
		p.X.Label.Text = "States"
	}
	p.X.Tick.Marker = integerTicks{}
	bars := &hbars{note: textStyle(p, noteSize, text.XLeft, text.YCenter)}
	fills := []fillStyle{{rgb(colBlue), hatchNone}, {rgb(colGrey), hatchHorizontal}, {rgb(colLightGrey), hatchForward}}
	var ticks []plot.Tick
	n := len(in.Bars)
	most := 0
	for i, b := range in.Bars {
		if strings.TrimSpace(b.Label) == "" {
			return nil, fmt.Errorf("draw group chart: %w: group %d has no label", ErrInvalidInput, i+1)
		}
		if b.Counted < 0 || b.NotCounted < 0 || b.NoData < 0 {
			return nil, fmt.Errorf("draw group chart: %w: group %q has a negative count", ErrInvalidInput, b.Label)
		}
		y := float64(n - 1 - i)
		row := barRow{y: y}
		at := 0
		for k, c := range []int{b.Counted, b.NotCounted, b.NoData} {
			if c == 0 {
				continue
			}
			row.segs = append(row.segs, barSeg{from: float64(at), to: float64(at + c), fill: fills[k], label: strconv.Itoa(c)})
			at += c
		}
		note := b.Note
		if note == "" {
			note = fmt.Sprintf("%d of %d", b.Counted, at)
		}
		row.note, row.noteX = " "+note, float64(at)
		most = max(most, at)
		bars.rows = append(bars.rows, row)
		ticks = append(ticks, plot.Tick{Value: y, Label: wrapText(b.Label, categoryWidth, categoryLines)})
	}
	if most == 0 {
		return nil, fmt.Errorf("draw group chart: %w: every group is empty", ErrNoData)
	}
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical = draw.LineStyle{Color: rgb(colGridGrey), Width: vg.Points(0.5)}
	p.Add(grid, bars)
	nominalY(p, ticks, -0.5, float64(n)-0.5)
	p.X.Min, p.X.Max = 0, float64(most)*1.15 // room for the notes
	for k, label := range []string{in.Counted, in.NotCounted, in.NoData} {
		leg.add(label, fills[k])
	}
	p.Add(leg)
	return p, nil
}
