package reports

import (
	"fmt"
	"io"
	"strconv"

	"github.com/lapmonitor/lap/workbook"
)

// xlsxNumeric are the columns of indicators.csv that indicators.xlsx writes as numbers.
var xlsxNumeric = map[string]bool{
	"year": true, "action": true, "weight": true, "baseline_year": true, "baseline": true, "previous": true,
	"value": true, "target": true, "target_year": true, "expected": true, "expected_progress": true,
	"progress": true, "score": true, "numerator": true, "denominator": true, "population": true,
	"known": true, "no_data_count": true, "coverage": true,
}

// WriteXLSX writes indicators.xlsx, for those who work in Excel: the rows and columns of
// indicators.csv (one row per indicator with its value, target, score, status and coverage:
// population, known, no data, coverage share), numbers as numbers, and a sheet that says what
// the workbook holds. Text is always written as text, never as a formula.
func (r *Report) WriteXLSX(w io.Writer) error {
	recs := r.indicatorRecords() // as plain text: a workbook cell of text is never a formula
	header := recs[0]
	t := workbook.Table{Sheet: "Indicators", Header: header}
	for _, rec := range recs[1:] {
		row := make([]any, len(rec))
		for i, v := range rec {
			switch {
			case v == "":
				row[i] = nil
			case xlsxNumeric[header[i]]:
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					row[i] = n
					continue
				}
				row[i] = v
			default:
				row[i] = v
			}
		}
		t.Rows = append(t.Rows, row)
	}
	for _, h := range header {
		wd := 12.0
		switch h {
		case "title", "explain", "reason", "no_data", "error":
			wd = 40
		}
		t.Widths = append(t.Widths, wd)
	}
	a := r.a
	about := workbook.Table{Sheet: "About", Header: []string{"what", "value"}, Widths: []float64{24, 100},
		Rows: [][]any{
			{"report", fmt.Sprintf("%s: indicator table for %d", a.Plan.Name, a.Year)},
			{"plan", a.Plan.Version + " (" + a.Plan.Hash + ")"},
			{"data cut-off (as_of)", a.AsOf},
			{"counting", string(a.Counting)},
			{"coverage", "population: the States the indicator is about; known: those with the data it needs; no_data: those without (listed in no_data); coverage: known / population"},
			{"provenance", "Each action and indicator carries its provenance label: the official LAP indicator text could not be obtained, so no proposed or reconstructed item is official."},
			{"columns", "The same columns as indicators.csv (see the README and docs/methodology.md)."},
		}}
	if r.m.Date != "" {
		about.Rows = append(about.Rows, []any{"date", r.m.Date})
	}
	return workbook.WriteTables(w, a.Plan.Name+" "+strconv.Itoa(a.Year), []workbook.Table{t, about})
}
