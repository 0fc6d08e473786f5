package workbook

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadBytes: any bytes read as a workbook and merged into an empty dataset give problems
// or a batch, never a crash or a hang. Seeds: the bad-input corpus (but its zip bomb) and
// the LibreOffice fixture.
func FuzzReadBytes(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(badDir, "workbook", "*.xlsx"))
	seeds = append(seeds, "../testdata/workbook/calc-lbn-2026.xlsx")
	for _, p := range seeds {
		if filepath.Base(p) == "zip-bomb.xlsx" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b := &Batch{}
		if ps := b.ReadBytes("fuzz.xlsx", data); len(ps) > 0 {
			for _, p := range ps {
				if p.File != "fuzz.xlsx" || p.Code == "" || p.Message == "" {
					t.Fatalf("a problem without file, code or message: %+v", p)
				}
			}
			return
		}
		_, _ = Merge(nil, b, false)
	})
}
