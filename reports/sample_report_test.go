package reports

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
	"github.com/lapmonitor/lap/reports/locale"
)

// sampleReport is the report lap report writes for the sample's 2024 in lang (every
// section: the revisions, the data checks, the States' records and profiles), its figures
// not yet drawn.
func sampleReport(tb testing.TB, lang locale.Lang) *Report {
	tb.Helper()
	p, err := engine.Load(indicators.FS)
	if err != nil {
		tb.Fatal(err)
	}
	ds, err := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	cut := p.ReportCutOff(ds, 2024, engine.Date{})
	opts := []engine.EvalOption{engine.AsOf(cut.AsOf)}
	var by []string
	for _, b := range p.Breakdowns() {
		if len(b.Report) > 0 {
			by = append(by, b.Key)
		}
	}
	if len(by) > 0 {
		opts = append(opts, engine.By(by...))
	}
	both, err := p.AssessYears(ctx, ds, 2023, 2024, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	v, err := p.Validate(ctx, ds, min(p.BaselineYear(), 2024), 2024, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	m := NewMeta(p, ds, "", "sample")
	m.Previous, m.Validation, m.CutOff = both[0], v, &cut
	if !cut.Previous.IsZero() {
		if m.Revisions, err = p.RevisionsOf(ctx, ds, both[1], cut.Previous, opts...); err != nil {
			tb.Fatal(err)
		}
	}
	if m.States, err = NewStateData(ctx, p, ds, both[1]); err != nil {
		tb.Fatal(err)
	}
	m.Profiles, m.ChartFormat, m.Lang = true, "svg", lang
	r, err := New(both[1], m)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// BenchmarkWriteFormats is the writing of each text format of the sample's report (the
// figures drawn beforehand: only the page itself).
func BenchmarkWriteFormats(b *testing.B) {
	r := sampleReport(b, locale.English)
	figs, err := r.Figures()
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range figs {
		if _, err := f.SVG(); err != nil {
			b.Fatal(err)
		}
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{{"html", r.WriteHTML}, {"md", r.WriteMarkdown}, {"json", r.WriteJSON}, {"csv", r.WriteCSV}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
