package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing/fstest"

	"github.com/lapmonitor/lap/engine"
)

// A plan of its own, not the LAP: the engine knows nothing about the Lausanne Action Plan
// beyond the data dictionary its rules read.
var examplePlan = fstest.MapFS{
	"plan.toml": {Data: []byte(`
name = "Example plan"
version = "1"
baseline_year = 2021
target_year = 2026

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
fields = ["party"]
provenance = "proposed"
`)},
}

var exampleData = fstest.MapFS{
	"states.csv": {Data: []byte(`iso3,name,region,signed,ratified,entry_into_force,withdrawn
LTU,Lithuania,europe,2008-12-03,2011-03-24,2011-09-01,2025-03-06
NGA,Nigeria,africa,2009-06-12,2023-02-28,2023-08-01,
SSD,South Sudan,africa,,2023-08-03,2024-02-01,
`)},
	"facts.csv": {Data: []byte("iso3,year,field,value,source\n")},
}

func ExampleLoad() {
	plan, err := engine.Load(examplePlan)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ind := range plan.Indicators() {
		fmt.Println(ind.ID, ind.Title, "reads", ind.Rule.Reads)
	}
	// Output: 1.1 States Parties reads [party]
}

func ExampleLoad_diagnostics() {
	bad := fstest.MapFS{"plan.toml": examplePlan["plan.toml"], "a01.toml": {Data: []byte(`
number = 1
section = "universalization"
title = "Join the Convention"
provenance = "reconstructed"
section_provenance = "reconstructed"

[[indicator]]
id = "1.1"
title = "States Parties"
definition = "Number of States Parties."
population = 'true'
rule = 'partty'
aggregate = "count"
unit = "states"
direction = "increase"
fields = ["party"]
provenance = "proposed"
`)}}
	_, err := engine.Load(bad)
	var diags engine.Diagnostics
	if errors.As(err, &diags) {
		for _, d := range diags {
			fmt.Println(d.Error())
			fmt.Println(d.Hint)
		}
	}
	// Output:
	// a01.toml:13:9: 1.1: unknown-name: rule: unknown field "partty": not in the data dictionary (indicator[0].rule)
	// did you mean "party"? (lap fields lists every field)
}

func ExamplePlan_Evaluate() {
	plan, _ := engine.Load(examplePlan)
	data, _ := engine.LoadDataset(exampleData, ".")
	for _, counting := range []engine.Counting{engine.CountingDeposit, engine.CountingEntryIntoForce} {
		r, err := plan.Evaluate(context.Background(), data, 2023,
			engine.AsOf(engine.MustDate("2024-12-31")), engine.WithCounting(counting))
		if err != nil {
			fmt.Println(err)
			return
		}
		ir := r.Indicators[0]
		fmt.Printf("%s %s: %v %v\n", counting, ir.ID, *ir.Value, ir.Counted)
	}
	// Output:
	// deposit 1.1: 3 [LTU NGA SSD]
	// entry-into-force 1.1: 2 [LTU NGA]
}

// An indicator's State lists are compact sets: ask for their size, a member or the codes.
func ExampleStateSet() {
	plan, _ := engine.Load(examplePlan)
	data, _ := engine.LoadDataset(exampleData, ".")
	r, err := plan.Evaluate(context.Background(), data, 2023,
		engine.AsOf(engine.MustDate("2024-12-31")), engine.WithCounting(engine.CountingEntryIntoForce))
	if err != nil {
		fmt.Println(err)
		return
	}
	ir := r.Indicators[0]
	fmt.Println(ir.Counted.Len(), ir.Counted.List(), ir.Counted.Has("SSD"))
	for iso := range ir.NotCounted.All() {
		fmt.Println("not counted:", iso)
	}
	b, _ := json.Marshal(ir.Counted)
	fmt.Println(string(b))
	// Output:
	// 2 [LTU NGA] false
	// not counted: SSD
	// ["LTU","NGA"]
}
