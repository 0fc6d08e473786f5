package workbook

import (
	"fmt"
	"io"
	"sort"

	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
)

// viewSheet is the name of a form's read-only sheet in a dataset workbook. The cover's fields
// are shown as "Reporting": a Cover sheet would make the workbook a template.
func viewSheet(fm Form) string {
	if fm.Key == "cover" {
		return "Reporting"
	}
	return fm.Sheet
}

// WriteDataset writes the whole dataset as a workbook: an About sheet, a States sheet and a
// Facts sheet holding exactly what states.csv and facts.csv hold (rows in the files' order),
// and one read-only sheet per form with a row per State and year, for people to read. Import
// reads the States and Facts sheets back.
func WriteDataset(w io.Writer, ds *engine.Dataset) error {
	f := newFile("Article 7 reporting data")
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	states := ds.States()
	sort.SliceStable(states, func(i, j int) bool { return states[i].Line < states[j].Line })
	facts := ds.Facts()
	sort.SliceStable(facts, func(i, j int) bool {
		if facts[i].File != facts[j].File {
			return facts[i].File < facts[j].File
		}
		return facts[i].Line < facts[j].Line
	})

	about := Table{Sheet: aboutSheet, Header: []string{"Article 7 reporting data, written by lap workbook export"}, Widths: []float64{110}}
	for _, l := range []string{
		fmt.Sprintf("%d States and %d facts.", len(states), len(facts)),
		"States, Facts and Registers hold exactly what states.csv, facts.csv and registers.csv hold (Registers: the registers the data hold in full, so that a missing record reads \"none recorded\" with the register's class). Edit them and import the workbook with: lap workbook import FILE.xlsx --data DIR",
		"The other sheets show the facts of each Article 7 form, a row per State and year, for reading. They are protected (without a password) and are not imported: change the Facts sheet instead.",
		"A fact that is not there is unknown, never zero or no.",
	} {
		about.Rows = append(about.Rows, []any{l})
	}
	tables := []Table{about, statesTable(states), factsTable(facts), registersTable(ds.Registers())}
	if err := f.SetSheetName("Sheet1", aboutSheet); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	for i, t := range tables {
		if i > 0 {
			if _, err := f.NewSheet(t.Sheet); err != nil {
				return fmt.Errorf("write workbook: %w", err)
			}
		}
		if err := writeTable(f, st, t); err != nil {
			return err
		}
	}
	names := map[string]string{}
	for _, s := range states {
		names[s.ISO3] = s.Name
	}
	for _, fm := range Forms() {
		if len(fm.Fields) == 0 {
			continue
		}
		t := viewTable(fm, facts, names)
		if _, err := f.NewSheet(t.Sheet); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
		if err := writeTable(f, st, t); err != nil {
			return err
		}
		if err := f.ProtectSheet(t.Sheet, &excelize.SheetProtectionOptions{AutoFilter: true, Sort: true, SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true}); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
	}
	f.SetActiveSheet(0)
	return save(f, w)
}

// registersTable is registers.csv as a sheet, in the file's order.
func registersTable(regs []engine.Register) Table {
	t := Table{Sheet: registersSheet, Header: registerColumns, Widths: []float64{32, 12, 12, 14, 100, 8}}
	for _, r := range regs {
		row := make([]any, len(registerColumns))
		for i, v := range registerText(r) {
			row[i] = v
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func statesTable(states []engine.State) Table {
	t := Table{Sheet: statesSheet, Header: stateColumns, Widths: []float64{8, 36, 14, 14, 14, 18, 14, 12}}
	for _, s := range states {
		row := make([]any, len(stateColumns))
		for i, v := range stateText(s) {
			row[i] = v
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func factsTable(facts []engine.Fact) Table {
	t := Table{Sheet: factsSheet, Header: factColumns, Widths: []float64{8, 8, 32, 16, 80, 12, 12}}
	for _, f := range facts {
		var year any
		if f.Year != 0 {
			year = f.Year
		}
		t.Rows = append(t.Rows, []any{f.ISO3, year, f.Field, cellOf(f.Field, f.Value, false), f.Source, classText(f.Class), f.Recorded.String()})
	}
	return t
}

// cellOf is a fact's value as a cell: a number cell when the field is a number and the text
// reads back the same; yes/no for a boolean when readable is set; text otherwise.
func cellOf(field, value string, readable bool) any {
	fd, _ := engine.LookupField(field)
	if fd.Type == engine.TypeNumber {
		if n, ok := canonicalNumber(value); ok {
			return n
		}
	}
	if readable && fd.Type == engine.TypeBool {
		return map[string]string{"true": "yes", "false": "no"}[value]
	}
	return value
}

// viewTable is a form's facts with a row per State and year and a column per field.
func viewTable(fm Form, facts []engine.Fact, names map[string]string) Table {
	t := Table{Sheet: viewSheet(fm), Header: []string{"iso3", "name", "year"}, Widths: []float64{8, 28, 8}}
	col := map[string]int{}
	for i, fd := range fm.Fields {
		t.Header = append(t.Header, fd.Name)
		t.Widths = append(t.Widths, 18)
		col[fd.Name] = i + 3
	}
	type rowKey struct {
		iso3 string
		year int
	}
	rows := map[rowKey][]any{}
	var keys []rowKey
	for _, f := range facts {
		c, ok := col[f.Field]
		if !ok {
			continue
		}
		k := rowKey{f.ISO3, f.Year}
		r, ok := rows[k]
		if !ok {
			r = make([]any, len(t.Header))
			r[0], r[1] = f.ISO3, names[f.ISO3]
			if f.Year != 0 {
				r[2] = f.Year
			}
			rows[k] = r
			keys = append(keys, k)
		}
		r[c] = cellOf(f.Field, f.Value, true)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].iso3 != keys[j].iso3 {
			return keys[i].iso3 < keys[j].iso3
		}
		return keys[i].year < keys[j].year
	})
	for _, k := range keys {
		t.Rows = append(t.Rows, rows[k])
	}
	return t
}
