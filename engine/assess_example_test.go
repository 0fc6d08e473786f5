package engine_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/lapmonitor/lap/engine"
)

// scoredPlan has one indicator with a target: four States Parties by 2026.
var scoredPlan = fstest.MapFS{
	"plan.toml": {Data: []byte(`
name = "Example plan"
version = "1"
baseline_year = 2021
target_year = 2026

[scoring]
on_track = 0.95

[[section]]
key = "universalization"
title = "Universalization"
first_action = 1
last_action = 1
`)},
	"a01.toml": {Data: []byte(`
number = 1
section = "universalization"
title = "Join the Convention"
provenance = "reconstructed"
section_provenance = "reconstructed"

[[indicator]]
id = "1.1"
title = "States Parties"
definition = "Number of States Parties at the end of the year."
population = 'true'
rule = 'party'
aggregate = "count"
unit = "states"
direction = "increase"
target = 4.0
target_year = 2026
fields = ["party"]
provenance = "proposed"
`)},
}

var scoredData = fstest.MapFS{
	"states.csv": {Data: []byte(`iso3,name,region,signed,ratified,entry_into_force,withdrawn
DEU,Germany,europe,2008-12-03,2009-07-08,2010-08-01,
NGA,Nigeria,africa,2009-06-12,2023-02-28,2023-08-01,
SSD,South Sudan,africa,,2023-08-03,2024-02-01,
USA,United States of America,americas,,,,
`)},
	"facts.csv": {Data: []byte("iso3,year,field,value,source\n")},
}

func ExamplePlan_Assess() {
	plan, _ := engine.Load(scoredPlan)
	ds, _ := engine.LoadDataset(scoredData, ".")
	a, err := plan.Assess(context.Background(), ds, 2024, engine.AsOf(engine.MustDate("2024-12-31")))
	if err != nil {
		fmt.Println(err)
		return
	}
	ia, _ := a.Indicator("1.1")
	fmt.Printf("1.1: value %g, baseline %g (%d), target %g by %d\n", *ia.Value, *ia.Baseline, ia.BaselineYear, *ia.Target, ia.TargetYear)
	fmt.Printf("expected %.1f, progress %.3f of %.1f expected: %s\n", *ia.Expected, *ia.Progress, *ia.ExpectedProgress, ia.ProgressStatus)
	fmt.Printf("overall: score %.3f, %s; %d sections, %d actions\n", *a.Overall.Score, a.Overall.Status, len(a.Sections), len(a.Actions))
	// Output:
	// 1.1: value 3, baseline 1 (2021), target 4 by 2026
	// expected 2.8, progress 0.667 of 0.6 expected: on-track
	// overall: score 0.667, on-track; 1 sections, 1 actions
}

func ExamplePlan_Explain() {
	plan, _ := engine.Load(scoredPlan)
	ds, _ := engine.LoadDataset(scoredData, ".")
	ex, err := plan.Explain(context.Background(), ds, "1.1", 2024, engine.AsOf(engine.MustDate("2024-12-31")))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, so := range ex.Indicator.States {
		fmt.Printf("%s %v: %s = %v (%s)\n", so.ISO3, so.Result, so.Values[0].Field, so.Values[0].Value, so.Values[0].Origin)
	}
	for _, s := range ex.Steps {
		fmt.Println(s)
	}
	// Output:
	// DEU true: party = true (derived)
	// NGA true: party = true (derived)
	// SSD true: party = true (derived)
	// USA false: party = false (derived)
	// target: 4 states by 2026; direction increase
	// baseline: 2021 = 1
	// expected progress = (year - baseline year) / (target year - baseline year) = (2024 - 2021) / (2026 - 2021) = 0.6, within [0, 1]
	// expected = baseline + expected progress x (target - baseline) = 1 + 0.6 x (4 - 1) = 2.8
	// value: 2024 = 3
	// progress = (value - baseline) / (target - baseline) = (3 - 1) / (4 - 1) = 0.6667
	// score = progress capped to [0, 1] = 0.6667
	// regressing when progress < regressing = 0; on track when progress >= on_track x expected progress = 0.95 x 0.6 = 0.57
	// status: on-track: 66.67% of the way from the 2021 baseline to the target, at least the 57% needed to be on track in 2024 (95% of the 60% expected by then)
}

func ExampleProject() {
	// 400 munitions left at the end of 2024, 200 destroyed a year, deadline 2027-06-01
	pr := engine.Project(engine.ProjectionInput{Remaining: 400, RemainingYear: 2024, Rate: 200,
		Deadline: engine.MustDate("2027-06-01"), MarginYears: 1})
	fmt.Printf("completes in %d, needs %.2f a year: %s\n", *pr.CompletionYear, *pr.RateNeeded, pr.Status)
	// a Monte Carlo caller draws the rate and projects each draw
	for _, rate := range []float64{100, 250, 300} {
		pr := engine.Project(engine.ProjectionInput{Remaining: 400, RemainingYear: 2024, Rate: rate,
			Deadline: engine.MustDate("2027-06-01"), MarginYears: 1})
		fmt.Printf("rate %g: %s\n", rate, pr.Status)
	}
	// Output:
	// completes in 2026, needs 165.53 a year: at-risk
	// rate 100: will-miss
	// rate 250: at-risk
	// rate 300: on-course
}
