package chart_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/lapmonitor/lap/reports/chart"
)

func ExampleTrendChart() {
	v := func(x float64) *float64 { return &x }
	// 2022 was not reported: the line has a gap there, not a zero.
	series, err := chart.NewSeries("Observed",
		[]int{2021, 2022, 2023, 2024},
		[]*float64{v(110), nil, v(112), v(112)})
	if err != nil {
		log.Fatal(err)
	}
	p, err := chart.TrendChart(chart.TrendInput{
		ID:       "10.1",
		Title:    "States Parties at year end",
		Unit:     "States",
		Series:   series,
		Baseline: &chart.Reference{Year: 2021, Value: 110},
		Target:   &chart.Reference{Year: 2026, Value: 130},
	})
	if err != nil {
		log.Fatal(err)
	}
	var svg bytes.Buffer
	if err := chart.WriteChart(&svg, p, "svg", chart.DefaultWidth, chart.DefaultHeight); err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Title.Text)
	fmt.Println(bytes.HasPrefix(svg.Bytes(), []byte("<?xml")))
	// Output:
	// 10.1 States Parties at year end
	// true
}

func ExampleStatusColor() {
	for _, s := range chart.Statuses() {
		c, _ := chart.StatusColor(s)
		fmt.Printf("%-18s %-18s #%02X%02X%02X\n", s, s.Label(), c.R, c.G, c.B)
	}
	// Output:
	// achieved           Achieved           #009E73
	// on-track           On track           #56B4E9
	// needs-acceleration Needs acceleration #E69F00
	// regressing         Regressing         #D55E00
	// no-target          No target          #999999
	// insufficient-data  Insufficient data  #DDDDDD
	// too-few            Too few to score   #F2F2F2
}

func ExampleScoresChart() {
	p, err := chart.ScoresChart(chart.ScoresInput{
		Sections: []chart.Score{
			{Label: "Universalization", Value: 12.5},
			{Label: "Compliance", Missing: true}, // drawn as "n/a", not as 0 %
		},
		Overall: &chart.Score{Value: 54.2},
	})
	if err != nil {
		log.Fatal(err)
	}
	var png bytes.Buffer
	if err := chart.WriteChart(&png, p, "png", chart.DefaultWidth, chart.DefaultHeight); err != nil {
		log.Fatal(err)
	}
	fmt.Println(png.Len() > 0)
	// Output: true
}
