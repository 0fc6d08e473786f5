package engine

import (
	"context"
	"os"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/lapmonitor/lap/indicators"
	"github.com/stretchr/testify/require"
)

// benchSetup loads the shipped plan and the sample dataset.
func benchSetup(b testing.TB) (*Plan, *Dataset) {
	b.Helper()
	p, err := Load(indicators.FS)
	require.NoError(b, err)
	ds, err := LoadDataset(os.DirFS("../testdata/sample"), ".")
	require.NoError(b, err)
	return p, ds
}

// BenchmarkEvaluate is the whole shipped plan over the sample dataset for one year: building
// every State's environment, running every population and rule, checking for missing data
// and aggregating.
func BenchmarkEvaluate(b *testing.B) {
	p, ds := benchSetup(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Evaluate(ctx, ds, 2024); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareVM is the floor: the same compiled programs run through one reused vm.VM over
// the same environments, prepared once outside the loop, with no engine around them.
func BenchmarkBareVM(b *testing.B) {
	p, ds := benchSetup(b)
	ev := &evaluator{plan: p, ds: ds, cfg: evalConfig{asOf: ds.latest, counting: p.counting}}
	ev.buildEnvs(2024)
	var machine vm.VM
	b.ReportAllocs()
	for b.Loop() {
		for _, ind := range p.indicators {
			for si := range ev.envs {
				env := &ev.envs[si].env
				in, err := machine.Run(ind.Population.program, env)
				if err != nil {
					b.Fatal(err)
				}
				if in != true {
					continue
				}
				_, _ = machine.Run(ind.Rule.program, env) // errors are data here (nil fields)
			}
		}
	}
}

// BenchmarkBuildEnvs is the cost of preparing every State's environment for one year.
func BenchmarkBuildEnvs(b *testing.B) {
	p, ds := benchSetup(b)
	ev := &evaluator{plan: p, ds: ds, cfg: evalConfig{asOf: ds.latest, counting: p.counting}}
	b.ReportAllocs()
	for b.Loop() {
		ev.buildEnvs(2024)
	}
}

// BenchmarkLoad is loading and compiling the shipped plan.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(indicators.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateYears is every year 2010 to 2026 for all States (as_of 2026-12-31).
func BenchmarkEvaluateYears(b *testing.B) {
	p, ds := benchSetup(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.EvaluateYears(ctx, ds, 2010, 2026, AsOf(MustDate("2026-12-31"))); err != nil {
			b.Fatal(err)
		}
	}
}
