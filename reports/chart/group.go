package chart

import (
	"fmt"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

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
}

// GroupChart draws one horizontal bar per group, stacked: the States counted, those not
// counted and those without data, labelled "k of n".
func GroupChart(in GroupInput) (*plot.Plot, error) {
	if len(in.Bars) == 0 {
		return nil, fmt.Errorf("draw group chart: %w: no groups", ErrNoData)
	}
	p := newPlot(wrapText(in.Title, titleWidth, titleLines))
	leg := newSideLegend(p, nil)
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
