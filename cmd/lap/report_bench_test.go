package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReport is `lap report` for one year on the sample data: load, assess, and write
// every format and every chart as SVG and PNG (charts=svg,png), as SVG only (charts=svg), and
// again into the same directory (rerun: every PNG is reused from the earlier report).
func BenchmarkReport(b *testing.B) {
	for _, tc := range []struct {
		name, charts string
		rerun        bool
	}{{"charts=svg,png", "svg,png", false}, {"charts=svg", "svg", false}, {"rerun", "svg,png", true}} {
		b.Run(tc.name, func(b *testing.B) {
			dir := b.TempDir()
			report := func(out string) {
				code := run(context.Background(), []string{"report", "--data", "../../testdata/sample", "--year", "2024", "--out", out, "--charts", tc.charts}, io.Discard, io.Discard)
				if code != 0 {
					b.Fatalf("lap report exited %d", code)
				}
			}
			out := filepath.Join(dir, "report")
			if tc.rerun {
				report(out)
			}
			b.ReportAllocs()
			for b.Loop() {
				if !tc.rerun {
					b.StopTimer()
					if err := os.RemoveAll(out); err != nil { // a first run: nothing to reuse
						b.Fatal(err)
					}
					b.StartTimer()
				}
				report(out)
			}
		})
	}
}
