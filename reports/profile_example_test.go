package reports_test

import (
	"context"
	"fmt"
	"os"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
	"github.com/lapmonitor/lap/reports"
)

// A country profile from an assessment: the same page lap profile prints and lap report
// writes in profiles/.
func ExampleProfileOf() {
	ctx := context.Background()
	plan, _ := engine.Load(indicators.FS)
	ds, _ := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	a, err := plan.Assess(ctx, ds, 2024, engine.AsOf(engine.MustDate("2025-06-30")))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := reports.ProfileOf(ctx, plan, ds, a, "LAO")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Name, "-", p.Standing)
	o := p.Obligations[0]
	fmt.Printf("Article %d, episode %d: %s; deadline %s after %d decisions\n", o.Article, o.Episode, o.Status, o.Deadline.Value, len(o.Chain))
	fmt.Println(o.Projection.Takes)
	fmt.Printf("initial report: due %s, received %s, %s\n", p.Reporting.InitialDue, p.Reporting.InitialReceived.Value, p.Reporting.InitialOnTime)
	for _, pi := range p.Indicators {
		if pi.ID == "43.2" {
			fmt.Printf("%s %s: %s, %s (%s)\n", pi.ID, pi.Title, pi.Result, pi.Effect, pi.Over)
		}
	}
	// Output:
	// Lao People's Democratic Republic - State Party at the end of 2024.
	// Article 4, episode 1: Open, deadline ahead; deadline 1 August 2025 after 2 decisions
	// Meeting the deadline of 1 August 2025 takes releasing 2,220,000,000 m² a year from the end of 2024, 31.7 times the recent rate of 70,000,000 m² a year. At the recent rate, the work would be completed in 2043.
	// initial report: due 28 January 2011, received 25 January 2011, on time
	// 43.2 Annual Article 7 reports submitted on time: counted, helps (49 of 111)
}
