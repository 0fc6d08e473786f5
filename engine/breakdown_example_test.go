package engine_test

import (
	"context"
	"fmt"

	"github.com/lapmonitor/lap/engine"
)

// Split an indicator by region: each group has the indicator's own aggregate over its States,
// and the groups' counts add up to the whole.
func ExampleBy() {
	plan, _ := engine.Load(scoredPlan)
	data, _ := engine.LoadDataset(scoredData, ".")
	r, err := plan.Evaluate(context.Background(), data, 2024, engine.By(engine.RegionBreakdown))
	if err != nil {
		fmt.Println(err)
		return
	}
	ir, _ := r.Indicator("1.1")
	fmt.Println("whole:", *ir.Value, ir.KOfN())
	for _, g := range ir.Groups {
		fmt.Printf("%s: %s\n", g.Title, g.KOfN)
	}
	// Output:
	// whole: 3 3 of 4
	// Africa: 2 of 2
	// Americas: 0 of 1
	// Asia-Pacific: 0 of 0
	// Europe: 1 of 1
	// Middle East: 0 of 0
}
