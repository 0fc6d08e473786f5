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

// TestSupposedObligationNotKnown: Angola acceding in 2024 (angola-accedes-2024.toml), assessed
// for 2025, owes its initial report and its report for 2025, which the scenario does not
// suppose (supposed.go). Its answers from those reports are not known, under either unknown
// policy, and say so; a report the scenario does set is known; a standing fact (an investment
// ban) is read as the data say; and the data as loaded are never read this way.
func TestSupposedObligationNotKnown(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	base, err := p.NewBaseline(ctx, ds, 2025)
	require.NoError(t, err)
	for _, ia := range base.Assessment().Indicators {
		require.Zero(t, ia.Supposed.Len(), "%s: real data suppose nothing", ia.ID)
	}
	run, err := base.Run(ctx, loadExample(t, "angola-accedes-2024.toml", ds, p))
	require.NoError(t, err)
	ind := func(a *Assessment, id string) *IndicatorAssessment {
		for i := range a.Indicators {
			if a.Indicators[i].ID == id {
				return &a.Indicators[i]
			}
		}
		t.Fatalf("no %s", id)
		return nil
	}

	// as-false (silence is "no"): Angola is not known, out of n, and the verdict it could
	// overturn is not given
	b, a := ind(base.Assessment(), "22.1"), ind(run.Assessment, "22.1")
	assert.Equal(t, []string{"AGO"}, a.Supposed.List())
	assert.Equal(t, []string{"AGO"}, a.NotKnown().List())
	assert.Equal(t, b.N, a.N, "Angola is not counted as not reporting")
	assert.Equal(t, *b.Value, *a.Value)
	assert.Equal(t, b.Population+1, a.Population, "but it is in the population")
	assert.Equal(t, ProgressAchieved, b.ProgressStatus)
	assert.Equal(t, ProgressInsufficientData, a.ProgressStatus, "achieved holds only if Angola reported")
	require.NotNil(t, a.UnknownCheck)
	assert.Equal(t, []string{"AGO"}, a.UnknownCheck.States)
	assert.Equal(t, fmt.Sprintf("%d of the %d with data", a.Counted.Len(), a.N), a.KOfN())

	// a count: Angola is not added as an overdue initial report
	b, a = ind(base.Assessment(), "46.1"), ind(run.Assessment, "46.1")
	assert.Equal(t, *b.Value, *a.Value)
	assert.False(t, a.Counted.Has("AGO"))
	assert.Equal(t, []string{"AGO"}, a.NotKnown().List())
	assert.Equal(t, fmt.Sprintf("%.0f of %d, 1 not known", *a.Value, a.Population), a.KOfN())

	// exclude: not known as ever, and now said to be because of the supposition
	a = ind(run.Assessment, "43.1")
	assert.True(t, a.NoData.Has("AGO"))
	assert.Equal(t, []string{"AGO"}, a.Supposed.List())

	// a standing fact an accession does not create is read as the data say: no investment ban
	a = ind(run.Assessment, "48.2")
	assert.Zero(t, a.Supposed.Len())
	assert.True(t, a.NotCounted.Has("AGO") || a.NoData.Has("AGO"))

	// the note, once, with the indicators
	d := Compare(base.Assessment(), run.Assessment)
	base.Composition(run, &d)
	var note *CompositionNote
	for i := range d.Composition {
		if d.Composition[i].TextSentence.ID == msgSupposedNotKnown {
			require.Nil(t, note, "one note per State")
			note = &d.Composition[i]
		}
	}
	require.NotNil(t, note)
	assert.Equal(t, "Angola's reports, owed under the scenario, are not supposed by it: counted as not known", note.Text)
	assert.Contains(t, note.Indicators, "22.1")
	assert.Contains(t, note.Indicators, "46.1")
	assert.NotContains(t, note.Indicators, "48.2")
	c, ok := d.Indicator("22.1")
	require.True(t, ok)
	assert.Contains(t, c.Population, PopulationNote{ISO3: "AGO", Name: "Angola", Change: "not-known", Text: note.Text, TextSentence: note.TextSentence})

	// what the scenario says is known: its initial report, submitted
	sc, err := NewScenario("Angola reports", "", []EventSpec{
		{State: "AGO", Type: "ratify", Date: "2024-03-15"},
		{State: "AGO", Type: "submit-report", Report: "initial", Date: "2025-01-20"}}, nil, ds)
	require.NoError(t, err)
	run, err = base.Run(ctx, sc)
	require.NoError(t, err)
	a = ind(run.Assessment, "43.1")
	assert.True(t, a.Counted.Has("AGO"), "the supposed report counts")
	assert.Zero(t, a.Supposed.Len())
	a = ind(run.Assessment, "43.3")
	assert.Equal(t, []string{"AGO"}, a.Supposed.List(), "the annual report is still not supposed")
}
