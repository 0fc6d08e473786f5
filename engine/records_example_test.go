package engine_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/lapmonitor/lap/engine"
)

var recordsData = fstest.MapFS{
	"states.csv": {Data: []byte(`iso3,name,region,signed,ratified,entry_into_force,withdrawn
NGA,Nigeria,africa,2009-06-12,2023-02-28,2023-08-01,
USA,United States of America,americas,,,,
`)},
	"facts.csv": {Data: []byte(`iso3,year,field,value,source
NGA,,art7_initial_submitted,2024-03-15,an example
NGA,2024,art7_annual_submitted,2025-04-29,an example
`)},
}

// A State's record at the end of a year: its membership and its Article 7 reports, judged
// against their deadlines as the reporting indicators judge them.
func ExamplePlan_StateRecord() {
	plan, _ := engine.Load(scoredPlan)
	ds, _ := engine.LoadDataset(recordsData, ".")
	r, err := plan.StateRecord(context.Background(), ds, "NGA", 2024, engine.AsOf(engine.MustDate("2025-06-30")))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: party %v at %s, ratified %s\n", r.Name, r.Party, r.Ref.Text(), r.Ratified.Text())
	rep := r.Reporting
	fmt.Printf("initial report due %s, received %v: on time %s\n", rep.InitialDue.Text(), rep.Initial.Value, rep.InitialOnTime)
	for _, an := range rep.Annual {
		fmt.Printf("annual report for %d due %s, received %v: on time %s\n", an.Year, an.Deadline.Text(), an.Received.Value, an.OnTime)
	}
	// Output:
	// Nigeria: party true at 31 December 2024, ratified 28 February 2023
	// initial report due 28 January 2024, received 2024-03-15: on time no
	// annual report for 2024 due 30 April 2025, received 2025-04-29: on time yes
}

// One State's outcome for every indicator, from a traced evaluation: whether it is in the
// population and its result (nil when not known).
func ExamplePlan_EvaluateStates() {
	plan, _ := engine.Load(scoredPlan)
	ds, _ := engine.LoadDataset(recordsData, ".")
	all, err := plan.EvaluateStates(context.Background(), ds, 2024, engine.AsOf(engine.MustDate("2025-06-30")))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, se := range all {
		o, _ := se.Outcome("1.1")
		fmt.Printf("%s 1.1: in population %v, result %v\n", se.ISO3, o.InPopulation, o.Result)
	}
	// Output:
	// NGA 1.1: in population true, result true
	// USA 1.1: in population true, result false
}

// An assessment and, from the evaluation it is scored from, every State's traced outcome in
// its year: what a report's country profiles show beside the scores, without evaluating the
// year a second time.
func ExamplePlan_AssessYearsTraced() {
	plan, _ := engine.Load(scoredPlan)
	ds, _ := engine.LoadDataset(recordsData, ".")
	as, states, err := plan.AssessYearsTraced(context.Background(), ds, 2023, 2024, engine.AsOf(engine.MustDate("2025-06-30")))
	if err != nil {
		fmt.Println(err)
		return
	}
	a := as[len(as)-1]
	ia, _ := a.Indicator("1.1")
	fmt.Printf("%d 1.1: %s, %s\n", a.Year, ia.KOfN(), ia.Status)
	for _, se := range states {
		o, _ := se.Outcome("1.1")
		fmt.Printf("%s %d 1.1: in population %v, result %v, read %s = %v\n", se.ISO3, se.Year, o.InPopulation, o.Result, o.Values[0].Field, o.Values[0].Value)
	}
	// Output:
	// 2024 1.1: 1 of 2, ok
	// NGA 2024 1.1: in population true, result true, read party = true
	// USA 2024 1.1: in population true, result false, read party = false
}
