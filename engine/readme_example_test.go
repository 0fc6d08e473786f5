package engine_test

import (
	"context"
	"fmt"
	"os"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
)

// The README's library example ("Using the engine as a library"), kept runnable: keep the two
// in step.
func Example_readme() {
	ctx := context.Background()
	plan, err := engine.Load(indicators.FS) // or os.DirFS("my-plan"); err is engine.Diagnostics
	if err != nil {
		panic(err)
	}
	data, err := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	if err != nil {
		panic(err)
	}
	res, err := plan.Evaluate(ctx, data, 2024, engine.AsOf(engine.MustDate("2025-06-30")))
	if err != nil {
		panic(err)
	}
	for _, ir := range res.Indicators[:1] {
		fmt.Println(res.Year, ir.ID, ir.Value != nil) // and ir.Population, ir.NoData, ir.Status
	}
	bl, err := plan.NewBaseline(ctx, data, 2025) // the assessment, kept for what-ifs, at one cut-off
	if err != nil {
		panic(err)
	}
	a := bl.Assessment() // scores, roll-ups, per-State view, deadlines
	fmt.Println("as of", a.AsOf)
	sc, err := engine.NewScenario("Lebanon completes clearance", "", []engine.EventSpec{
		{State: "Lebanon", Type: "complete-clearance", Date: "2025-06-30"}}, nil, data)
	if err != nil {
		panic(err)
	}
	run, err := bl.Run(ctx, sc) // never modifies plan or data
	if err != nil {
		panic(err)
	}
	diff := run.Diff().Changes() // what changed, as data, against the same cut-off
	c, _ := diff.Indicator("25.2")
	fmt.Printf("%s %s: %s -> %s\n", c.ID, c.Title, c.BaseStatus, c.ScenarioStatus)
	for _, d := range diff.Deadlines {
		fmt.Println(d.ISO3, "Article", d.Article, "projection left:", d.ScenarioStatus == "")
	}
	// Output:
	// 2024 1.1 true
	// as of 2026-10-31
	// 25.2 Clearance completed within the deadline: insufficient-data -> too-few
	// LBN Article 4 projection left: true
}
