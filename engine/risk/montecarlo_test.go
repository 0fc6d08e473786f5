package risk

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"os"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
)

func shippedPlan(t testing.TB) *engine.Plan {
	t.Helper()
	p, err := engine.Load(indicators.FS)
	require.NoError(t, err)
	return p
}

func sampleDataset(t testing.TB) *engine.Dataset {
	t.Helper()
	ds, err := engine.LoadDataset(os.DirFS("../../testdata/sample"), ".")
	require.NoError(t, err)
	return ds
}

// germany is a dataset of Germany alone with the given facts (iso3,year,field,value,source,
// recorded rows).
func germany(t *testing.T, rows string) *engine.Dataset {
	t.Helper()
	ds, err := engine.LoadDataset(fstest.MapFS{
		"states.csv": {Data: []byte("iso3,name,region,signed,ratified,entry_into_force,withdrawn\nDEU,Germany,europe,2008-12-03,2009-07-08,2010-08-01,\n")},
		"facts.csv":  {Data: []byte("iso3,year,field,value,source,recorded\n" + rows)},
	}, ".")
	require.NoError(t, err)
	return ds
}

// openArt4 is an Article 4 obligation open since 2010 with a deadline extended to 2030.
const openArt4 = "" +
	"DEU,2010,art4_obligation_start,2010-08-01,ISU,\n" +
	"DEU,2010,art4_deadline,2020-08-01,treaty,\n" +
	"DEU,2019,art4_deadline,2030-08-01,9MSP,\n"

func TestSimulateReproducible(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	a, err := p.Assess(ctx, ds, 2025)
	require.NoError(t, err)
	run := func(procs, workers int, seed uint64) *Report {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		opts := []Option{Draws(5000), Seed(seed)}
		if workers > 0 {
			opts = append(opts, Workers(workers))
		}
		r, err := Simulate(ctx, p, ds, a, opts...)
		require.NoError(t, err)
		return r
	}
	ref := run(1, 0, 42)
	require.NotEmpty(t, ref.States)
	for _, c := range []struct{ procs, workers int }{{1, 1}, {2, 0}, {4, 0}, {8, 3}, {runtime.NumCPU(), 0}} {
		assert.Equal(t, ref, run(c.procs, c.workers, 42), "GOMAXPROCS %d, workers %d", c.procs, c.workers)
	}
	other := run(4, 0, 43)
	assert.NotEqual(t, ref.States, other.States, "another seed gives other draws")
	assert.Equal(t, 5000, ref.Draws)
	assert.Equal(t, uint64(42), ref.Seed)
}

func TestSimulateValues(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	a, err := p.Assess(ctx, ds, 2025)
	require.NoError(t, err)
	var mu sync.Mutex
	var calls, lastDone, lastTotal int
	r, err := Simulate(ctx, p, ds, a, Draws(4000), Seed(7), OnProgress(func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		assert.GreaterOrEqual(t, done, lastDone)
		lastDone, lastTotal = done, total
	}))
	require.NoError(t, err)
	assert.Equal(t, lastTotal, lastDone)
	assert.Equal(t, calls, lastTotal)
	assert.Len(t, r.States, len(a.Deadlines))
	for _, s := range r.States {
		if !s.Simulated {
			assert.NotEmpty(t, s.Reason, s.ISO3)
			continue
		}
		require.NotNil(t, s.PByHorizon, s.ISO3)
		assert.True(t, *s.PByHorizon >= 0 && *s.PByHorizon <= 1)
		if s.PByDeadline != nil {
			assert.True(t, *s.PByDeadline >= 0 && *s.PByDeadline <= 1)
		}
		if s.P10 != nil && s.P90 != nil {
			assert.LessOrEqual(t, *s.P10, *s.P90, s.ISO3)
		}
	}
	// Lao PDR: 1242 km2 left at ~70 km2 a year finishes after 2035; its deadline of 1 August
	// 2025 has passed while its 2024 extension request has no recorded decision, so the
	// deadline that applies is not known and no probability of meeting it is given
	lao := findRisk(r, "LAO", 4)
	require.NotNil(t, lao)
	assert.True(t, lao.DeadlineNotKnown)
	assert.Nil(t, lao.PByDeadline)
	assert.Equal(t, "2025-08-01", lao.Deadline, "the last recorded deadline")
	assert.Contains(t, lao.Reason, "deadline not known (extension requested in 2024, no decision recorded)")
	assert.Greater(t, *lao.Median, 2035.0)
	// Afghanistan: its 2025 request does not touch a deadline still ahead (2026-03-01)
	afg := findRisk(r, "AFG", 4)
	require.NotNil(t, afg)
	assert.False(t, afg.DeadlineNotKnown)
	ids := map[string]Indicator{}
	for _, ir := range r.Indicators {
		ids[ir.ID] = ir
		assert.True(t, ir.PReach >= 0 && ir.PReach <= 1)
	}
	require.Contains(t, ids, "12.1")
	require.Contains(t, ids, "24.1")
	// 12.1 reaches 0 exactly when every Article 3 State finishes by 2026
	pAll := 1.0
	for _, s := range r.States {
		if s.Article == 3 {
			pAll *= *s.PByHorizon
		}
	}
	assert.InDelta(t, pAll, ids["12.1"].PReach, 1e-9) // one State: the product is exact

	_, err = Simulate(ctx, p, ds, a, Draws(0))
	assert.ErrorIs(t, err, ErrBadDraws)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = Simulate(cctx, p, ds, a, Draws(100000))
	assert.ErrorIs(t, err, context.Canceled)
}

func findRisk(r *Report, iso string, art int) *State {
	for i := range r.States {
		if r.States[i].ISO3 == iso && r.States[i].Article == art {
			return &r.States[i]
		}
	}
	return nil
}

func TestDrawCompletion(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name      string
		remaining float64
		hist      []float64
		want      float64
	}{
		{"nothing left", 0, []float64{5}, 2025},
		{"constant rate", 10, []float64{4}, 2025 + 2.5},
		{"exact", 8, []float64{4}, 2027},
		{"no progress", 10, []float64{0}, math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, drawCompletion(rng, tt.remaining, 2025, tt.hist))
		})
	}
	// bootstrap: the mean completion over many draws matches remaining / mean rate roughly
	var sum float64
	const n = 20000
	for i := 0; i < n; i++ {
		sum += drawCompletion(rng, 100, 0, []float64{5, 15})
	}
	assert.InDelta(t, 10, sum/n, 0.3)
}

// TestRiskNextToProjection: lap risk gives the deterministic projection beside the median and
// says why they differ; one year of data is not simulated into false certainty.
func TestRiskNextToProjection(t *testing.T) {
	p := shippedPlan(t)
	ds := germany(t, openArt4+
		"DEU,2022,art4_area_cleared_m2,500000,F,\nDEU,2023,art4_area_cleared_m2,1500000,F,\nDEU,2024,art4_area_cleared_m2,1000000,F,\n"+
		"DEU,2021,art4_area_cleared_m2,200000,F,\nDEU,2024,art4_area_remaining_m2,4000000,F,\n")
	a, err := p.Assess(context.Background(), ds, 2024, engine.AsOf(engine.MustDate("2026-06-30")))
	require.NoError(t, err)
	r, err := Simulate(context.Background(), p, ds, a, Draws(2000), Seed(1))
	require.NoError(t, err)
	require.Len(t, r.States, 1)
	s := r.States[0]
	require.True(t, s.Simulated)
	require.NotNil(t, s.Projected)
	assert.InDelta(t, 2029.0, *s.Projected, 1e-9, "4,000,000 m² at 1,000,000 a year from the end of 2024")
	assert.Contains(t, s.Why, "mean of the latest years with data, 1,000,000 m² a year")
	assert.Contains(t, s.Why, "all 4 years with data since the episode began (2021-2024), mean 800,000 m² a year, lower than the recent rate, so it completes later")

	one := germany(t, openArt4+"DEU,2024,art4_area_cleared_m2,1000000,F,\nDEU,2024,art4_area_remaining_m2,4000000,F,\n")
	a, err = p.Assess(context.Background(), one, 2024, engine.AsOf(engine.MustDate("2026-06-30")))
	require.NoError(t, err)
	r, err = Simulate(context.Background(), p, one, a, Draws(2000), Seed(1))
	require.NoError(t, err)
	s = r.States[0]
	assert.False(t, s.Simulated)
	assert.True(t, s.SinglePoint)
	assert.Nil(t, s.PByDeadline, "no 100% from one data point")
	assert.Nil(t, s.Median)
	assert.Contains(t, s.Reason, "rests on one year of data (2024)")
	assert.InDelta(t, 2029.0, *s.Projected, 1e-9)
}

// TestDeadlineClassIsTheDeadlineInForce: the mark of a State's deadline is the class of the
// decision(s) that set the deadline in force, not the least reliable of the episode's whole
// chain. An official deadline extended officially is official though the original deadline is
// known only from the Monitor; an original official deadline extended on the Monitor's word
// is the Monitor's. Chad (sample): its first interim extension (to 2024, an estimate: its
// decision year inferred) was followed by a second (to October 2026, from Mine Action Review):
// its deadline in force is the Monitor's, not an estimate.
func TestDeadlineClassIsTheDeadlineInForce(t *testing.T) {
	p := shippedPlan(t)
	ctx := context.Background()
	states := "iso3,name,region,signed,ratified,entry_into_force,withdrawn\nDEU,Germany,europe,2008-12-03,2009-07-08,2010-08-01,\n"
	for _, tc := range []struct {
		name, original, extension string
		want                      engine.Class
	}{
		{"official extension of a Monitor deadline", "monitor", "official", engine.ClassOfficial},
		{"Monitor extension of an official deadline", "official", "monitor", engine.ClassMonitor},
		{"estimated extension of an official deadline", "official", "estimate", engine.ClassEstimate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			facts := "iso3,year,field,value,source,class,recorded\n" +
				"DEU,2010,art4_obligation_start,2010-08-01,ISU,official,\n" +
				"DEU,2010,art4_deadline,2020-08-01,treaty," + tc.original + ",\n" +
				"DEU,2019,art4_deadline,2030-08-01,9MSP," + tc.extension + ",\n" +
				"DEU,2023,art4_area_cleared_m2,1500000,F,official,\nDEU,2024,art4_area_cleared_m2,1000000,F,official,\n" +
				"DEU,2024,art4_area_remaining_m2,4000000,F,official,\n"
			ds, err := engine.LoadDataset(fstest.MapFS{"states.csv": {Data: []byte(states)}, "facts.csv": {Data: []byte(facts)}}, ".")
			require.NoError(t, err)
			a, err := p.Assess(ctx, ds, 2024, engine.AsOf(engine.MustDate("2026-06-30")))
			require.NoError(t, err)
			r, err := Simulate(ctx, p, ds, a, Draws(200), Seed(1))
			require.NoError(t, err)
			require.Len(t, r.States, 1)
			assert.Equal(t, "2030-08-01", r.States[0].Deadline)
			assert.Equal(t, tc.want, r.States[0].DeadlineClass)
			assert.Equal(t, engine.ClassOfficial.Weaker(tc.want), r.States[0].Class, "the probabilities carry the deadline's class")
		})
	}

	ds := sampleDataset(t)
	a, err := p.Assess(ctx, ds, 2025)
	require.NoError(t, err)
	r, err := Simulate(ctx, p, ds, a, Draws(200), Seed(1))
	require.NoError(t, err)
	tcd := findRisk(r, "TCD", 4)
	require.NotNil(t, tcd)
	assert.Equal(t, "2026-10-01", tcd.Deadline)
	assert.Equal(t, engine.ClassMonitor, tcd.DeadlineClass, "the second interim extension, from Mine Action Review")
}
