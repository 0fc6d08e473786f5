package engine_test

import (
	"context"
	"fmt"

	"github.com/lapmonitor/lap/engine"
)

// Compare two assessments of a plan of its own: the baseline, and the same data with Lithuania's
// withdrawal taking effect in 2023 instead of 2025. Apply returns a new dataset; the baseline
// is never modified.
func ExampleCompare() {
	ctx := context.Background()
	plan, _ := engine.Load(scoredPlan) // 1.1: States Parties, target 4 by 2026
	data, _ := engine.LoadDataset(exampleData, ".")
	asOf := engine.AsOf(engine.MustDate("2024-12-31"))
	base, err := plan.Assess(ctx, data, 2023, asOf)
	if err != nil {
		fmt.Println(err)
		return
	}
	changed, err := data.Apply([]engine.Change{{Kind: engine.ChangeSet, ISO3: "LTU", Field: "withdrawn", Value: "2023-06-30"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	other, err := plan.Assess(ctx, changed, 2023, asOf)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range engine.Compare(base, other).Changes().Indicators {
		fmt.Printf("%s: %g -> %g (%s -> %s), left the count: %v\n", c.ID, *c.BaseValue, *c.ScenarioValue, c.BaseStatus, c.ScenarioStatus, c.Left)
	}
	lt, _ := data.State("LTU")
	fmt.Println("baseline withdrawal date:", lt.Withdrawn)
	// Output:
	// 1.1: 3 -> 2 (on-track -> needs-acceleration), left the count: [LTU]
	// baseline withdrawal date: 2025-03-06
}
