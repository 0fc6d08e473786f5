package workbook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
)

// readDatasetLayout reads a dataset workbook: its States sheet (if any) and its Facts sheet,
// which hold what states.csv and facts.csv hold. The per-form sheets beside them are views
// for reading, written by lap workbook export, and are not read.
func (b *Batch) readDatasetLayout(f *excelize.File, name string, sheets []string) Problems {
	known := []string{aboutSheet, statesSheet, factsSheet, registersSheet}
	for _, fm := range Forms() {
		known = append(known, viewSheet(fm))
	}
	ps := checkSheets(f, name, sheets, func(s string) bool { return slices.Contains(known, s) }, known)
	if slices.Contains(sheets, statesSheet) {
		ps = append(ps, b.readStates(f, name)...)
	}
	if slices.Contains(sheets, registersSheet) {
		ps = append(ps, b.readRegisters(f, name)...)
	}
	return append(ps, b.readFacts(f, name)...)
}

// readRegisters reads a Registers sheet: the rows of registers.csv, each cell as text (a year
// typed as a number reads as the year). The engine checks the values (Merge).
func (b *Batch) readRegisters(f *excelize.File, name string) Problems {
	t, ps := readColumnTable(f, name, registersSheet, registerColumns, registerRequired)
	if t == nil {
		return ps
	}
	b.HasRegisters = true
	t.each(func(row int) {
		r := RegisterRow{Values: map[string]string{}, Origin: t.origin()}
		for col, c := range t.cols {
			r.Origin.Cells[col] = cellName(c, row)
			v := strings.TrimSpace(t.r.raw(c, row))
			if col == "first_year" || col == "last_year" {
				n, p := t.r.value(c, row, engine.TypeNumber)
				if p != nil {
					ps = append(ps, *p)
				}
				v = n
			}
			r.Values[col] = v
		}
		b.Registers = append(b.Registers, r)
	})
	return ps
}

// columnTable is a sheet whose first row names its columns, as a CSV file's header does.
type columnTable struct {
	r    *sheetReader
	cols map[string]int
}

func readColumnTable(f *excelize.File, file, sheet string, allowed, required []string) (*columnTable, Problems) {
	r, err := newSheetReader(f, file, sheet)
	if err != nil {
		return nil, Problems{{File: file, Sheet: sheet, Code: CodeRead, Message: fmt.Sprintf("read sheet: %v", err)}}
	}
	ps := mergedIn(f, file, sheet, 1)
	t := &columnTable{r: r, cols: map[string]int{}}
	if len(r.rows) == 0 {
		return nil, append(ps, Problem{File: file, Sheet: sheet, Cell: "A1", Code: CodeEmptyFile,
			Message: fmt.Sprintf("the sheet is empty; want a header row: %s", strings.Join(allowed, ", "))})
	}
	for c, v := range r.rows[0] {
		h := strings.TrimSpace(v)
		switch {
		case h == "":
		case !slices.Contains(allowed, h):
			p := Problem{File: file, Sheet: sheet, Cell: cellName(c+1, 1), Code: CodeHeader,
				Message: fmt.Sprintf("unknown column %q; the columns are %s", h, strings.Join(allowed, ", "))}
			for _, a := range allowed {
				if similar(h, a) {
					p.Hint = fmt.Sprintf("did you mean %q?", a)
				}
			}
			ps = append(ps, p)
		case t.cols[h] != 0:
			ps = append(ps, Problem{File: file, Sheet: sheet, Cell: cellName(c+1, 1), Code: CodeHeader, Message: fmt.Sprintf("column %q given twice", h)})
		default:
			t.cols[h] = c + 1
		}
	}
	for _, req := range required {
		if t.cols[req] == 0 {
			ps = append(ps, Problem{File: file, Sheet: sheet, Cell: "A1", Code: CodeHeader, Message: fmt.Sprintf("no %q column in the header row", req)})
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return t, nil
}

// each calls fn for every row below the header with a non-empty cell.
func (t *columnTable) each(fn func(row int)) {
	for row := 2; row <= len(t.r.rows); row++ {
		for _, v := range t.r.rows[row-1] {
			if strings.TrimSpace(v) != "" {
				fn(row)
				break
			}
		}
	}
}

func (t *columnTable) origin() Origin {
	o := Origin{File: t.r.file, Sheet: t.r.sheet, Cells: map[string]string{}}
	return o
}

func (b *Batch) readStates(f *excelize.File, name string) Problems {
	t, ps := readColumnTable(f, name, statesSheet, stateColumns, []string{"iso3", "name", "region"})
	if t == nil {
		return ps
	}
	t.each(func(row int) {
		s := StateRow{Values: map[string]string{}, Origin: t.origin()}
		for col, c := range t.cols {
			s.Origin.Cells[col] = cellName(c, row)
			if col == "iso3" || col == "name" || col == "region" || col == "class" {
				s.Values[col] = strings.TrimSpace(t.r.raw(c, row))
				continue
			}
			v, p := t.r.value(c, row, engine.TypeDate)
			if p != nil {
				ps = append(ps, *p)
			}
			s.Values[col] = v
		}
		b.States = append(b.States, s)
	})
	return ps
}

func (b *Batch) readFacts(f *excelize.File, name string) Problems {
	t, ps := readColumnTable(f, name, factsSheet, factColumns, []string{"iso3", "year", "field", "value", "source"})
	if t == nil {
		return ps
	}
	t.each(func(row int) {
		o := t.origin()
		for col, c := range t.cols {
			o.Cells[col] = cellName(c, row)
		}
		raw := func(col string) string { return t.r.raw(t.cols[col], row) }
		fact := Fact{Fact: engine.Fact{ISO3: strings.TrimSpace(raw("iso3")), Field: strings.TrimSpace(raw("field")), Source: raw("source")}, Origin: o}
		y, p := t.r.value(t.cols["year"], row, engine.TypeNumber)
		if p == nil && y != "" {
			n, err := strconv.Atoi(y)
			if err != nil || n < 1900 || n > 2200 {
				p = t.r.problem(o.Cells["year"], engine.CodeBadYear, "year %q is not a year between 1900 and 2200", y)
			}
			fact.Year = n
		}
		if p != nil {
			ps = append(ps, *p)
		}
		typ := engine.TypeText
		if fd, ok := engine.LookupField(fact.Field); ok {
			typ = fd.Type
		}
		if fact.Value, p = t.r.value(t.cols["value"], row, typ); p != nil {
			ps = append(ps, *p)
		}
		if c := t.cols["class"]; c != 0 {
			fact.Class = engine.Class(strings.ToLower(strings.TrimSpace(t.r.raw(c, row))))
			if fact.Class != "" && !slices.Contains(Classes, string(fact.Class)) {
				ps = append(ps, *t.r.problem(o.Cells["class"], CodeBadCell, "class %q is not one of %s (leave it empty when the class is not known)", fact.Class, strings.Join(Classes, ", ")))
			}
		}
		if c := t.cols["recorded"]; c != 0 {
			v, p := t.r.value(c, row, engine.TypeDate)
			if p != nil {
				ps = append(ps, *p)
			} else if v != "" {
				d, err := engine.ParseDate(v)
				if err != nil {
					ps = append(ps, *t.r.problem(o.Cells["recorded"], engine.CodeBadDate, "recorded: %v", err))
				}
				fact.Recorded = d
			}
		}
		b.Facts = append(b.Facts, fact)
	})
	return ps
}
