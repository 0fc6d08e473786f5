package reports

import (
	"errors"
	"fmt"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
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
	Figure     *chart.Figure
	chart      *chart.GroupInput // the chart of the first count or share in Rows, drawn with the figures
	chartAlt   string            // the chart's alternative text
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
			row := groupRow{ID: ia.ID, Title: ia.Title, Whole: cellOf(loc, ia.Value, ia.Status, engineSentence(loc, ia.KOfN(), ia.KOfNSentence()), ia.Unit, ia.Class)}
			cells := map[string]groupCell{}
			for _, g := range ia.Groups {
				if g.By == b.Key {
					cells[g.Group] = cellOf(loc, g.Value, g.Status, engineSentence(loc, g.KOfN, g.KOfNSentence), ia.Unit, g.Class)
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
				bv.chart, bv.chartAlt = groupChartInput(loc, ia, b, bv.Title, yearHead(a)), loc.T("groups.chart-alt")
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
func groupChartInput(loc *locale.Locale, ia *engine.IndicatorAssessment, b engine.Breakdown, title, yearHead string) *chart.GroupInput {
	in := &chart.GroupInput{Title: loc.T("groups.chart-title", map[string]any{"ID": ia.ID, "Title": ia.Title, "Breakdown": title, "Year": yearHead}),
		Counted: loc.T("groups.counted"), NotCounted: loc.T("groups.not-counted"), NoData: loc.T("groups.no-data"),
		Axis: loc.T("groups.states")}
	titles := map[string]string{}
	for _, g := range b.Groups {
		titles[g.Key] = groupTitle(loc, b, g)
	}
	for _, g := range ia.Groups {
		if g.By == b.Key {
			in.Bars = append(in.Bars, chart.GroupBar{Label: titles[g.Group], Counted: g.Counted, NotCounted: g.NotCounted, NoData: g.NoData,
				Note: localNumbers(loc, engineSentence(loc, g.KOfN, g.KOfNSentence))})
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
func groupFigures(views []breakdownView) ([]*chart.Figure, error) {
	var out []*chart.Figure
	for i := range views {
		v := &views[i]
		if v.chart == nil {
			continue
		}
		p, err := chart.GroupChart(*v.chart)
		if errors.Is(err, chart.ErrNoData) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("draw groups-%s: %w", v.Key, err)
		}
		name := "groups-" + v.Key
		v.Figure = &chart.Figure{Name: name, Title: v.chart.Title, Plot: p, Alt: v.chartAlt, Content: figureContent(name, v.chart.Title, v.chartAlt, "", *v.chart)}
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
