package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkReport is `lap report` for one year on the sample data: load, assess, and write
// every format and every chart as SVG and PNG.
func BenchmarkReport(b *testing.B) {
	for _, charts := range []string{"svg,png", "svg"} {
		b.Run("charts="+charts, func(b *testing.B) {
			dir := b.TempDir()
			b.ReportAllocs()
			for b.Loop() {
				out := filepath.Join(dir, "report")
				code := run(context.Background(), []string{"report", "--data", "../../testdata/sample", "--year", "2024", "--out", out, "--charts", charts}, io.Discard, io.Discard)
				if code != 0 {
					b.Fatalf("lap report exited %d", code)
				}
			}
		})
	}
}
