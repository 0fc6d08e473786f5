package workbook_test

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/workbook"
)

// A reporting template for one State and year: a Cover, a sheet per Article 7 form and
// Records, laid out from the data dictionary.
func ExampleWriteTemplate() {
	var buf bytes.Buffer
	if err := workbook.WriteTemplate(&buf, workbook.TemplateOptions{State: "LAO", Year: 2024}); err != nil {
		panic(err)
	}
	f, _ := excelize.OpenReader(&buf)
	defer f.Close()
	fmt.Println(f.GetSheetList())
	for _, fm := range workbook.Forms() {
		if fm.Key == "F" {
			fmt.Println(fm.Title, "starts with", fm.Fields[0].Name)
		}
	}
	// Output:
	// [Cover Form A Form B Form C Form D Form E Form F Form G Form H Form I Form J Records]
	// Form F: Contaminated areas and clearance starts with art4_obligation_start
}

// Read a filled workbook and merge it into a dataset: what would be added, changed or left
// unchanged, or every problem with its cell.
func ExampleMerge() {
	data, _ := engine.NewDataset(
		[]engine.State{{ISO3: "LAO", Name: "Lao PDR", Region: "asia-pacific", Ratified: engine.MustDate("2009-03-18"), EntryIntoForce: engine.MustDate("2010-08-01")}},
		[]engine.Fact{{ISO3: "LAO", Year: 2024, Field: "art4_area_cleared_m2", Value: "55100000", Source: "Art7 2024 Form F", File: "facts.csv", Line: 2}},
	)
	f := excelize.NewFile()
	_ = f.SetSheetName("Sheet1", "Facts")
	_ = f.SetSheetRow("Facts", "A1", &[]any{"iso3", "year", "field", "value", "source"})
	_ = f.SetSheetRow("Facts", "A2", &[]any{"LAO", 2024, "art4_area_cleared_m2", 55100000, "Art7 2024 Form F"})
	_ = f.SetSheetRow("Facts", "A3", &[]any{"LAO", 2024, "re_programme", "yes", "Art7 2024 Form G"})
	_ = f.SetSheetRow("Facts", "A4", &[]any{"LAO", 2024, "re_beneficiaries", "12 000", "Art7 2024 Form G"})
	var buf bytes.Buffer
	_ = f.Write(&buf)

	b := &workbook.Batch{}
	if ps := b.ReadBytes("lao.xlsx", buf.Bytes()); len(ps) > 0 {
		fmt.Println(ps)
		return
	}
	_, err := workbook.Merge(data, b, false)
	fmt.Println(err)
	// Output:
	// lao.xlsx!Facts!D4: re_beneficiaries: "12 000" is not a plain decimal number (no units, separators or exponent)
}
