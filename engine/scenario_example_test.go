package engine_test

import (
	"context"
	"fmt"
	"os"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
)

// A what-if from code: parse a scenario, run it against a baseline and read the diff.
func ExampleBaseline_Run() {
	ctx := context.Background()
	plan, err := engine.Load(indicators.FS)
	if err != nil {
		panic(err)
	}
	ds, err := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	if err != nil {
		panic(err)
	}
	sc, err := engine.ParseScenario("kenya.toml", []byte(`
name = "Kenya ratifies"

[[set]]
state = "KEN"
field = "ratified"
value = 2024-03-01
`), ds, plan)
	if err != nil {
		panic(err)
	}
	base, err := plan.NewBaseline(ctx, ds, 2024) // the cut-off: the latest date in the data
	if err != nil {
		panic(err)
	}
	run, err := base.Run(ctx, sc) // never modifies plan or data
	if err != nil {
		panic(err)
	}
	diff := run.Diff().Changes() // against the baseline at the same cut-off
	for _, c := range diff.Indicators {
		fmt.Printf("%s %s: %.4g -> %.4g (entered %v, left %v)\n", c.ID, c.Title, *c.BaseValue, *c.ScenarioValue, c.Entered, c.Left)
	}
	kenya, _ := run.Data.State("KEN")
	fmt.Println("entry into force:", kenya.EntryIntoForce)
	before, _ := ds.State("KEN")
	fmt.Println("baseline untouched:", before.Ratified.IsZero())
	// Output:
	// 10.1 States Parties at year end: 112 -> 113 (entered [KEN], left [])
	// 10.2 New States Parties since the LAP was adopted: 2 -> 3 (entered [KEN], left [])
	// 48.2 Share of States Parties known to ban investment in producers: 10.71 -> 10.62 (entered [], left [])
	// entry into force: 2024-09-01
	// baseline untouched: true
}
