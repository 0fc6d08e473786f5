package workbook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
)

// formTable is a template sheet: the row of its header, the columns it found, and each row
// that names a field.
type formTable struct {
	r      *sheetReader
	header int
	cols   map[string]int // "value", "field", "source", "class" -> column
}

// readFormTable finds the header row of a template sheet: the first row, among the first 20,
// with a "Field" and a "Value" cell.
func readFormTable(f *excelize.File, file, sheet string) (*formTable, Problems) {
	r, err := newSheetReader(f, file, sheet)
	if err != nil {
		return nil, Problems{{File: file, Sheet: sheet, Code: CodeRead, Message: fmt.Sprintf("read sheet: %v", err)}}
	}
	for row := 1; row <= min(20, len(r.rows)); row++ {
		cols := map[string]int{}
		for c, v := range r.rows[row-1] {
			w := strings.ToLower(strings.Trim(strings.SplitN(strings.TrimSpace(v)+" ", " ", 2)[0], "()"))
			if slices.Contains([]string{"value", "field", "source", "class"}, w) && cols[w] == 0 {
				cols[w] = c + 1
			}
		}
		if cols["value"] != 0 && cols["field"] != 0 {
			t := &formTable{r: r, header: row, cols: cols}
			return t, mergedIn(f, file, sheet, row)
		}
	}
	return nil, Problems{{File: file, Sheet: sheet, Cell: cellName(colField, headerRow), Code: CodeHeader,
		Message: "no header row with a Field and a Value column among the first 20 rows; the importer finds each value by the field name beside it",
		Hint:    "write a fresh template with lap workbook template and copy the values into it"}}
}

// fieldRows calls fn for each row below the header whose Field cell is not empty.
func (t *formTable) fieldRows(fn func(row int, key string)) {
	for row := t.header + 1; row <= len(t.r.rows); row++ {
		if key := strings.TrimSpace(t.r.raw(t.cols["field"], row)); key != "" {
			fn(row, key)
		}
	}
}

// cover is what the Cover sheet says about the whole workbook.
type cover struct {
	state, source, class string
	year                 int
	stateCell, yearCell  string // Cover!B5
}

func (b *Batch) readReportLayout(f *excelize.File, name string, sheets []string) Problems {
	forms := formSheets()
	var expected []string
	for _, fm := range Forms() {
		expected = append(expected, fm.Sheet)
	}
	ps := checkSheets(f, name, sheets, func(s string) bool { _, ok := forms[s]; return ok }, expected)
	ct, cps := readFormTable(f, name, coverSheet)
	ps = append(ps, cps...)
	if ct == nil {
		return ps
	}
	cv, cps := readCover(ct)
	ps = append(ps, cps...)
	for _, fm := range Forms() {
		t := ct
		if fm.Sheet != coverSheet {
			if !slices.Contains(sheets, fm.Sheet) {
				continue // a form left out of the workbook: nothing reported on it
			}
			var tps Problems
			t, tps = readFormTable(f, name, fm.Sheet)
			ps = append(ps, tps...)
			if t == nil {
				continue
			}
		}
		ps = append(ps, b.readFormFacts(t, cv)...)
	}
	return ps
}

// readCover reads the rows of the cover that describe the workbook: State, year, source
// and class.
func readCover(t *formTable) (*cover, Problems) {
	cv := &cover{class: "official"}
	var ps Problems
	found := map[string]bool{}
	t.fieldRows(func(row int, key string) {
		if !slices.Contains(metaKeys, key) {
			return
		}
		found[key] = true
		cell := cellName(t.cols["value"], row)
		switch key {
		case metaState:
			cv.state = strings.ToUpper(strings.TrimSpace(t.r.raw(t.cols["value"], row)))
			cv.stateCell = coverSheet + "!" + cell
			if cv.state == "" {
				ps = append(ps, *t.r.problem(cell, CodeBadCell, "the State is empty: write its ISO3 code (e.g. LAO)"))
			}
		case metaYear:
			cv.yearCell = coverSheet + "!" + cell
			v, p := t.r.value(t.cols["value"], row, engine.TypeNumber)
			if p != nil {
				ps = append(ps, *p)
				return
			}
			y, err := strconv.Atoi(v)
			if err != nil || y < 1900 || y > 2200 {
				ps = append(ps, *t.r.problem(cell, engine.CodeBadYear, "the year the report covers is %q; want a year between 1900 and 2200", v))
				return
			}
			cv.year = y
		case metaSource:
			cv.source = strings.TrimSpace(t.r.raw(t.cols["value"], row))
			if cv.source == "" {
				ps = append(ps, *t.r.problem(cell, engine.CodeMissingSource, "the source is empty: name where these data come from (e.g. Article 7 report covering 2023)"))
			}
		case metaClass:
			if c := strings.ToLower(strings.TrimSpace(t.r.raw(t.cols["value"], row))); c != "" {
				if !slices.Contains(Classes, c) {
					ps = append(ps, *t.r.problem(cell, CodeBadCell, "class %q is not one of %s", c, strings.Join(Classes, ", ")))
				}
				cv.class = c
			}
		}
	})
	for _, k := range metaKeys[:3] {
		if !found[k] {
			ps = append(ps, Problem{File: t.r.file, Sheet: coverSheet, Code: CodeHeader,
				Message: fmt.Sprintf("no row with %q in the Field column: the cover must give the State, the year and the source", k)})
		}
	}
	return cv, ps
}

// readFormFacts reads the field rows of one template sheet.
func (b *Batch) readFormFacts(t *formTable, cv *cover) Problems {
	var ps Problems
	r := t.r
	t.fieldRows(func(row int, key string) {
		if r.sheet == coverSheet && slices.Contains(metaKeys, key) {
			return
		}
		fd, known := engine.LookupField(key)
		typ := fd.Type
		if !known {
			typ = engine.TypeText
		}
		v, p := r.value(t.cols["value"], row, typ)
		if p != nil {
			ps = append(ps, *p)
			return
		}
		if v == "" {
			return // an empty cell: the report does not say
		}
		valueCell := cellName(t.cols["value"], row)
		o := Origin{File: r.file, Sheet: r.sheet, Cells: map[string]string{
			"value": valueCell, "field": cellName(t.cols["field"], row),
			"iso3": cv.stateCell, "year": cv.yearCell,
		}}
		src := cv.source
		if c := t.cols["source"]; c != 0 {
			o.Cells["source"] = cellName(c, row)
			if s := strings.TrimSpace(r.raw(c, row)); s != "" {
				src = s
			}
		}
		class := cv.class
		if c := t.cols["class"]; c != 0 {
			o.Cells["class"] = cellName(c, row)
			if s := strings.ToLower(strings.TrimSpace(r.raw(c, row))); s != "" {
				if !slices.Contains(Classes, s) {
					ps = append(ps, *r.problem(cellName(c, row), CodeBadCell, "class %q is not one of %s", s, strings.Join(Classes, ", ")))
					return
				}
				class = s
			}
		}
		year := cv.year
		switch {
		case known && fd.Scope == engine.ScopeStatic:
			year = 0
		case known && fd.Scope == engine.ScopeEvent:
			if y, err := strconv.Atoi(v[:min(4, len(v))]); err == nil {
				year = y // an event is filed under the year it happened
				o.Cells["year"] = valueCell
			}
		}
		if src != "" {
			src = fmt.Sprintf("%s (%s!%s!%s)", src, r.file, r.sheet, valueCell)
		}
		b.Facts = append(b.Facts, Fact{
			Fact:   engine.Fact{ISO3: cv.state, Year: year, Field: key, Value: v, Source: src, Class: engine.Class(class)},
			Origin: o,
		})
	})
	return ps
}
