package engine

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/lapmonitor/lap/indicators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompileConcurrently loads the shipped plan from several goroutines at once: the expr
// configurations kept between compilations (compilers) are shared, and each load must still
// give the plan a load alone gives. Run with -race, it also checks that the sharing is safe.
func TestCompileConcurrently(t *testing.T) {
	ds, err := LoadDataset(os.DirFS("../testdata/sample"), ".")
	require.NoError(t, err)
	want := func(p *Plan) []IndicatorResult {
		r, err := p.Evaluate(context.Background(), ds, 2024)
		require.NoError(t, err)
		return r.Indicators
	}
	alone, err := Load(indicators.FS)
	require.NoError(t, err)
	wantResults := want(alone)
	plans := make([]*Plan, 4)
	var wg sync.WaitGroup
	for i := range plans {
		wg.Go(func() { plans[i], _ = Load(indicators.FS) })
	}
	wg.Wait()
	for _, p := range plans {
		require.NotNil(t, p)
		assert.Equal(t, alone.Hash(), p.Hash())
		require.Len(t, p.indicators, len(alone.indicators))
		for i, ind := range p.indicators {
			a := alone.indicators[i]
			for _, e := range [][2]*Expr{{&a.Population, &ind.Population}, {&a.Rule, &ind.Rule}} {
				assert.Equal(t, e[0].Reads, e[1].Reads, ind.ID)
				assert.Equal(t, e[0].strict, e[1].strict, ind.ID)
				assert.Equal(t, e[0].program.Disassemble(), e[1].program.Disassemble(), ind.ID)
			}
		}
		assert.Equal(t, wantResults, want(p))
	}
}
