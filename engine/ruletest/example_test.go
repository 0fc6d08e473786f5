package ruletest_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/ruletest"
	"github.com/lapmonitor/lap/indicators"
)

// Rule unit tests check an indicator against a small dataset written in the test file: here the
// entry-into-force edge of South Sudan (deposit 2023-08-03, in force 2024-02-01). The second
// case expects the wrong count, to show how a failure reads.
func ExampleRun() {
	plan, err := engine.Load(indicators.FS) // the shipped plan: 10.1 counts the States Parties
	if err != nil {
		fmt.Println(err)
		return
	}
	tests := fstest.MapFS{"tests/a01.test.toml": {Data: []byte(`
[[test]]
name = "membership"
as_of = 2024-12-31
states = [
  {iso3 = "NGA", region = "africa", ratified = 2023-02-28, entry_into_force = 2023-08-01},
  {iso3 = "SSD", region = "africa", ratified = 2023-08-03, entry_into_force = 2024-02-01},
]

[[test.case]]
name = "deposit counts South Sudan in 2023"
indicator = "10.1"
year = 2023
counting = "deposit"
want = 2

[[test.case]]
name = "entry into force (wrong on purpose)"
indicator = "10.1"
year = 2023
counting = "entry-into-force"
want = 2
want_counted = ["NGA", "SSD"]
`)}}
	results, err := ruletest.Run(context.Background(), plan, tests, nil, nil)
	if err != nil {
		fmt.Println(err) // a Diagnostics: every problem in the test files, with file:line
		return
	}
	for i := range results {
		fmt.Print(results[i].Explain())
	}
	s := ruletest.Summarize(results)
	fmt.Printf("PASS: %d/%d\n", s.Pass, s.Total)
	// Output:
	// PASS tests/a01.test.toml:10: membership/deposit counts South Sudan in 2023
	//   indicator 10.1 "States Parties at year end", year 2023, counting deposit, as_of 2024-12-31
	// FAIL tests/a01.test.toml:17: membership/entry into force (wrong on purpose)
	//   indicator 10.1 "States Parties at year end", year 2023, counting entry-into-force, as_of 2024-12-31
	//   want / got:
	//     value        want 2, got 1
	//     counted      want [NGA SSD], got [NGA] (missing SSD)
	//   expressions:
	//     population   true
	//     rule         party
	//   result: status ok, value 1, population 2, known 2
	//     counted      NGA
	//     not counted  SSD
	//     no data      -
	//   States:
	//     NGA  result true  [party=true]
	//     SSD  result false  [party=false]
	// PASS: 1/2
}
