package engine

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAccessionNeverLowersAScore is the property "good news never hurts" for a State joining
// (docs/whatif.md, "What a scenario does not suppose"): for every State of the sample that is
// not party and never was, a scenario in which it deposits its instrument, with nothing else
// supposed (a signatory ratifies, any other State accedes), lowers no indicator's progress
// score and not the plan score like for like, in 2024 and 2025, whether it deposits early in
// the assessed year (nothing falls due in it) or early in the year before (its initial and
// first annual reports fall due in the assessed year, and the scenario does not say it sends
// them). A lowering the plan accepts would have to be a documented exception for an accession
// (auditExceptions); there is none.
func TestAccessionNeverLowersAScore(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	type job struct {
		year int
		sc   *Scenario
	}
	var jobs []job
	for _, y := range []int{2024, 2025} {
		for _, st := range ds.States() {
			if !st.Ratified.IsZero() || !st.EntryIntoForce.IsZero() || !st.Withdrawn.IsZero() {
				continue
			}
			typ := "accede"
			if !st.Signed.IsZero() {
				typ = "ratify"
			}
			for _, date := range []string{fmt.Sprintf("%d-03-15", y-1), fmt.Sprintf("%d-03-15", y)} {
				sc, err := NewScenario(st.ISO3+" "+typ+" "+date, "", []EventSpec{{State: st.ISO3, Type: typ, Date: date}}, nil, ds)
				require.NoError(t, err)
				jobs = append(jobs, job{y, sc})
			}
		}
	}
	require.Greater(t, len(jobs), 40, "the sample has States not party to join")
	baselines := map[int]*Baseline{}
	for _, y := range []int{2024, 2025} {
		b, err := p.NewBaseline(ctx, ds, y)
		require.NoError(t, err)
		baselines[y] = b
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	work := make(chan job)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				run, err := baselines[j.year].Run(ctx, j.sc)
				if !assert.NoError(t, err) {
					continue
				}
				d := run.Diff()
				base := run.Baseline.Assessment()
				var bad []string
				for i := range base.Indicators {
					b, a := &base.Indicators[i], &run.Assessment.Indicators[i]
					if b.Score != nil && a.Score != nil && *a.Score < *b.Score-auditEps && auditException(b.ID, NewsAccession) == nil {
						bad = append(bad, fmt.Sprintf("%s score %.4g -> %.4g", b.ID, *b.Score, *a.Score))
					}
				}
				if dl := d.Overall.Delta; dl != nil && *dl < -auditEps {
					bad = append(bad, fmt.Sprintf("plan score %+.4g pp like for like", *dl))
				}
				mu.Lock()
				assert.Empty(t, bad, "%d, %s", j.year, j.sc.Name)
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
}
