package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The limit the engine is measured against: three shipped indicators written by hand in Go
// over the same prepared environments, one of each kind that matters for speed: a count over
// every State (10.1), a share over a "due" population with unknown results (43.2) and a sum
// of a nilable number over an obligation population (21.1). TestNativeIndicators checks that
// they give the engine's values; the benchmarks below compare the engine's per-indicator loop
// and the bare expr VM with them, per State × indicator (docs/performance.md).

// nativeResult is what a hand-written indicator computes: the value and the coverage counts.
type nativeResult struct {
	value                              *float64
	population, known, counted, noData int
}

var nativeIndicators = []struct {
	id  string
	run func(envs []stateEnv) nativeResult
}{
	{"10.1", native10_1},
	{"43.2", native43_2},
	{"21.1", native21_1},
}

// native10_1: population true, rule party, count.
func native10_1(envs []stateEnv) nativeResult {
	n := 0
	for i := range envs {
		if envs[i].env.Party {
			n++
		}
	}
	v := float64(n)
	return nativeResult{value: &v, population: len(envs), known: len(envs), counted: n}
}

// native43_2: population annual_report_due, rule annual_report_on_time (nil: not known),
// share in percent of the States with a known result.
func native43_2(envs []stateEnv) nativeResult {
	var r nativeResult
	for i := range envs {
		e := &envs[i].env
		if !e.AnnualReportDue {
			continue
		}
		r.population++
		switch {
		case e.AnnualReportOnTime == nil:
			r.noData++
		case *e.AnnualReportOnTime:
			r.known++
			r.counted++
		default:
			r.known++
		}
	}
	if r.known > 0 {
		v := 100 * float64(r.counted) / float64(r.known)
		r.value = &v
	}
	return r
}

// native21_1: population art4_obligation_in_year, rule
// art4_area_cleared_m2 / 1000000 (nil: not known), sum; 0 for an empty population.
func native21_1(envs []stateEnv) nativeResult {
	var r nativeResult
	var sum float64
	for i := range envs {
		e := &envs[i].env
		if !e.Art4ObligationInYear {
			continue
		}
		r.population++
		if e.Art4AreaClearedM2 == nil {
			r.noData++
			continue
		}
		r.known++
		r.counted++
		sum += *e.Art4AreaClearedM2 / 1000000
	}
	switch {
	case r.population == 0:
		sum = 0
		r.value = &sum
	case r.known > 0:
		r.value = &sum
	}
	return r
}

// nativeEvaluator prepares every State's environment for year, as Evaluate does.
func nativeEvaluator(p *Plan, ds *Dataset, year int, c Counting) *evaluator {
	ev := &evaluator{plan: p, ds: ds, cfg: evalConfig{asOf: ds.latest, counting: c}}
	ev.buildEnvs(year)
	return ev
}

func TestNativeIndicators(t *testing.T) {
	p, ds := benchSetup(t)
	for _, c := range []Counting{CountingDeposit, CountingEntryIntoForce} {
		for year := 2008; year <= 2026; year++ {
			ev := nativeEvaluator(p, ds, year, c)
			r, err := p.Evaluate(context.Background(), ds, year, WithCounting(c))
			require.NoError(t, err)
			for _, ni := range nativeIndicators {
				t.Run(fmt.Sprintf("%s/%d/%s", ni.id, year, c), func(t *testing.T) {
					ir, ok := r.Indicator(ni.id)
					require.True(t, ok)
					want := nativeResult{value: ir.Value, population: ir.Population, known: ir.Known,
						counted: ir.Counted.Len(), noData: ir.NoData.Len()}
					assert.Equal(t, want, ni.run(ev.envs))
				})
			}
		}
	}
}

// BenchmarkNative is the hand-written indicator over every State's prepared environment.
func BenchmarkNative(b *testing.B) {
	p, ds := benchSetup(b)
	ev := nativeEvaluator(p, ds, 2024, p.counting)
	for _, ni := range nativeIndicators {
		b.Run(ni.id, func(b *testing.B) {
			var sink nativeResult
			for b.Loop() {
				sink = ni.run(ev.envs)
			}
			_ = sink
			perStateMetric(b, len(ev.envs))
		})
	}
}

// BenchmarkIndicator is the engine's per-indicator loop over the same environments: the
// population and rule of every State, the missing-data check, the result lists and the value.
func BenchmarkIndicator(b *testing.B) {
	p, ds := benchSetup(b)
	ev := nativeEvaluator(p, ds, 2024, p.counting)
	for _, ni := range nativeIndicators {
		ind := p.byID[ni.id]
		b.Run(ni.id, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ir := ev.indicator(0, ind)
				if ir.Status != ValueOK {
					b.Fatal(ir.Error)
				}
			}
			perStateMetric(b, len(ev.envs))
		})
	}
}

// BenchmarkIndicatorVM is the bare expr VM for one indicator: its population over every
// State and its rule where the population holds, through one reused vm.VM, results dropped.
func BenchmarkIndicatorVM(b *testing.B) {
	p, ds := benchSetup(b)
	ev := nativeEvaluator(p, ds, 2024, p.counting)
	for _, ni := range nativeIndicators {
		ind := p.byID[ni.id]
		b.Run(ni.id, func(b *testing.B) {
			var machine vm.VM
			b.ReportAllocs()
			for b.Loop() {
				for si := range ev.envs {
					env := &ev.envs[si].env
					in, err := machine.Run(ind.Population.program, env)
					if err != nil {
						b.Fatal(err)
					}
					if in != true {
						continue
					}
					_, _ = machine.Run(ind.Rule.program, env)
				}
			}
			perStateMetric(b, len(ev.envs))
		})
	}
}

// perStateMetric reports the time per State × indicator.
func perStateMetric(b *testing.B, states int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(states), "ns/state")
}
