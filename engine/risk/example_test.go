package risk_test

import (
	"context"
	"fmt"
	"os"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/risk"
	"github.com/lapmonitor/lap/indicators"
)

// Deadline risk with a fixed seed: the same numbers on any number of cores. A deadline that
// has passed while an extension request awaits a decision is not known: no probability of
// meeting it is given.
func ExampleSimulate() {
	ctx := context.Background()
	plan, _ := engine.Load(indicators.FS)
	ds, _ := engine.LoadDataset(os.DirFS("../../testdata/sample"), ".")
	a, _ := plan.Assess(ctx, ds, 2025)
	r, err := risk.Simulate(ctx, plan, ds, a, risk.Draws(2000), risk.Seed(1))
	if err != nil {
		panic(err)
	}
	for _, s := range r.States {
		switch {
		case s.ISO3 != "LAO" && s.ISO3 != "LBN":
		case s.DeadlineNotKnown:
			fmt.Printf("%s Article %d: %s\n", s.ISO3, s.Article, s.Reason)
		default:
			fmt.Printf("%s Article %d, deadline %s: P(by deadline) = %.2f\n", s.ISO3, s.Article, s.Deadline, *s.PByDeadline)
		}
	}
	// Output:
	// LAO Article 4: deadline not known (extension requested in 2024, no decision recorded)
	// LBN Article 4, deadline 2026-05-01: P(by deadline) = 0.00
}
