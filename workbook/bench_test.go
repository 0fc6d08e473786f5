package workbook

import (
	"bytes"
	"testing"
)

// BenchmarkExportSample writes the sample dataset as a workbook.
func BenchmarkExportSample(b *testing.B) {
	ds := loadSample(b)
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteDataset(&buf, ds); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportSample reads the sample's workbook and merges it into an empty dataset (the
// round trip's import, without writing files).
func BenchmarkImportSample(b *testing.B) {
	ds := loadSample(b)
	var buf bytes.Buffer
	if err := WriteDataset(&buf, ds); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	for b.Loop() {
		bt := &Batch{}
		if ps := bt.ReadBytes("sample.xlsx", data); len(ps) > 0 {
			b.Fatal(ps)
		}
		if _, err := Merge(nil, bt, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTemplate writes one State's template filled from the sample.
func BenchmarkTemplate(b *testing.B) {
	ds := loadSample(b)
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteTemplate(&buf, TemplateOptions{State: "LAO", Year: 2024, Data: ds}); err != nil {
			b.Fatal(err)
		}
	}
}
