package engine

import (
	"context"
	"os"
	"testing"

	"github.com/lapmonitor/lap/indicators"
	"github.com/stretchr/testify/require"
)

// reportOpts are the evaluation options lap report gives the engine for year on the sample:
// the report's cut-off and the breakdowns the report tabulates.
func reportOpts(tb testing.TB, p *Plan, ds *Dataset, year int) (CutOff, []EvalOption) {
	tb.Helper()
	cut := p.ReportCutOff(ds, year, Date{})
	opts := []EvalOption{AsOf(cut.AsOf)}
	var by []string
	for _, b := range p.Breakdowns() {
		if len(b.Report) > 0 {
			by = append(by, b.Key)
		}
	}
	if len(by) > 0 {
		opts = append(opts, By(by...))
	}
	return cut, opts
}

// BenchmarkReportEngine is the engine's part of lap report --year 2024 on the sample, stage
// by stage (the command runs some of them side by side): loading the plan and the data, the
// assessment of the year and the year before with the States' traced outcomes of the country
// profiles (AssessYearsTraced), the revisions, the data checks and the States' records; all is
// every stage in turn. AssessYears and EvaluateStates, which the command no longer runs, are
// timed beside them and left out of all.
func BenchmarkReportEngine(b *testing.B) {
	ctx := context.Background()
	p, ds := benchSetup(b)
	const year = 2024
	cut, opts := reportOpts(b, p, ds, year)
	both, err := p.AssessYears(ctx, ds, year-1, year, opts...)
	require.NoError(b, err)
	a := both[1] // the assessment the revisions start from
	stages := []struct {
		name string
		run  func() error
	}{
		{"LoadPlan", func() error { _, err := Load(indicators.FS); return err }},
		{"LoadDataset", func() error { _, err := LoadDataset(os.DirFS("../testdata/sample"), "."); return err }},
		{"AssessYearsTraced", func() error {
			both, _, err := p.AssessYearsTraced(ctx, ds, year-1, year, opts...)
			if err == nil {
				a = both[1]
			}
			return err
		}},
		{"Revisions", func() error { _, err := p.RevisionsOf(ctx, ds, a, cut.Previous, opts...); return err }},
		{"Validate", func() error { _, err := p.Validate(ctx, ds, min(p.BaselineYear(), year), year, opts...); return err }},
		{"StateRecords", func() error { _, err := p.StateRecords(ctx, ds, year, AsOf(cut.AsOf)); return err }},
	}
	beside := []struct {
		name string
		run  func() error
	}{
		{"AssessYears", func() error { _, err := p.AssessYears(ctx, ds, year-1, year, opts...); return err }},
		{"EvaluateStates", func() error { _, err := p.EvaluateStates(ctx, ds, year, AsOf(cut.AsOf)); return err }},
	}
	for _, st := range append(stages, beside...) {
		b.Run(st.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				require.NoError(b, st.run())
			}
		})
	}
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, st := range stages {
				require.NoError(b, st.run())
			}
		}
	})
}
