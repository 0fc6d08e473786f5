package engine_test

import (
	"context"
	"fmt"
	"os"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
)

// The shipped data checks on the sample: no error, and each violation names the State, the
// year, the check and the values behind it with their class and origin.
func ExamplePlan_Validate() {
	ctx := context.Background()
	plan, _ := engine.Load(indicators.FS)
	ds, _ := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	v, err := plan.Validate(ctx, ds, 2023, 2023)
	if err != nil {
		panic(err)
	}
	fmt.Println("checks:", len(v.Checks), "errors:", v.Count(engine.ImportanceError))
	for _, x := range v.Violations {
		if x.Check == "a7-initial-after-eif" {
			fmt.Println(x.Importance, x.ISO3, x.Year)
			for _, fr := range x.Values {
				fmt.Printf("  %s = %v (%s)\n", fr.Field, fr.Value, fr.Class)
			}
		}
	}
	// Output:
	// checks: 45 errors: 0
	// info NGA 2023
	//   art7_initial_submitted = 2023-04-12 (monitor)
	//   entry_into_force = 2023-08-01 (official)
	//   eif_in_year = true (official)
}
