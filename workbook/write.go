package workbook

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// styles are the cell styles a written workbook uses.
type styles struct {
	title, header, wrap, note, text, input, inputText int
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{}
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	input := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF8D6"}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	for _, d := range []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}}, Border: border, Alignment: top}},
		{&s.wrap, excelize.Style{Alignment: top, NumFmt: 49}},
		{&s.note, excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: top, NumFmt: 49}},
		{&s.text, excelize.Style{NumFmt: 49}}, // "@": text, also when edited
		{&s.input, excelize.Style{Fill: input, Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.inputText, excelize.Style{Fill: input, Border: border, Alignment: &excelize.Alignment{Vertical: "top"}, NumFmt: 49}},
	} {
		id, err := f.NewStyle(&d.st)
		if err != nil {
			return nil, fmt.Errorf("write workbook: %w", err)
		}
		*d.dst = id
	}
	return s, nil
}

// risky reports whether a spreadsheet program could take text for a formula.
func risky(s string) bool {
	return s != "" && strings.ContainsRune("=+-@", rune(s[0]))
}

// putText writes s as a text cell. Text that starts with =, +, - or @ gets the text number
// format too, so that it stays text even when someone edits the cell.
func putText(f *excelize.File, sheet, cell, s string, style int, textStyle int) error {
	if len([]rune(s)) > maxCellChars {
		return fmt.Errorf("write workbook: %s!%s: %d characters, more than a cell holds (%d)", sheet, cell, len([]rune(s)), maxCellChars)
	}
	if err := f.SetCellStr(sheet, cell, s); err != nil {
		return err
	}
	if risky(s) && textStyle != 0 {
		style = textStyle
	}
	if style != 0 {
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	return nil
}

// putValue writes a value: a float64 or int as a number, nil as nothing, anything else as
// text.
func putValue(f *excelize.File, sheet, cell string, v any, st *styles) error {
	switch x := v.(type) {
	case nil:
		return nil
	case float64:
		return f.SetCellFloat(sheet, cell, x, -1, 64)
	case int:
		return f.SetCellInt(sheet, cell, int64(x))
	case string:
		return putText(f, sheet, cell, x, 0, st.text)
	}
	return putText(f, sheet, cell, fmt.Sprint(v), 0, st.text)
}

// canonicalNumber returns the number a value holds when writing it as a number cell and
// reading it back gives the same text.
func canonicalNumber(v string) (float64, bool) {
	n, err := strconv.ParseFloat(v, 64)
	return n, err == nil && strconv.FormatFloat(n, 'f', -1, 64) == v
}

// Table is one sheet of a workbook written by WriteTables: a header row and rows of cells.
// A cell is a float64 or an int (written as a number), nil (left empty) or text.
type Table struct {
	Sheet  string
	Header []string
	Rows   [][]any
	Widths []float64 // column widths, optional
}

// WriteTables writes tables as a workbook, one sheet each, with the header row frozen and
// filters on it. Text that a spreadsheet program could take for a formula is written as text.
func WriteTables(w io.Writer, title string, tables []Table) error {
	f := newFile(title)
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, t := range tables {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.Sheet); err != nil {
				return fmt.Errorf("write workbook: %w", err)
			}
		} else if _, err := f.NewSheet(t.Sheet); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
		if err := writeTable(f, st, t); err != nil {
			return err
		}
	}
	return save(f, w)
}

func writeTable(f *excelize.File, st *styles, t Table) error {
	for c, h := range t.Header {
		if err := putText(f, t.Sheet, cellName(c+1, 1), h, st.header, 0); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for c, v := range row {
			if err := putValue(f, t.Sheet, cellName(c+1, r+2), v, st); err != nil {
				return fmt.Errorf("write workbook: %w", err)
			}
		}
	}
	for c, wd := range t.Widths {
		if wd > 0 {
			_ = f.SetColWidth(t.Sheet, colName(c+1), colName(c+1), wd)
		}
	}
	if len(t.Header) > 0 {
		_ = f.SetPanes(t.Sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		if len(t.Rows) > 0 {
			ref := "A1:" + cellName(len(t.Header), len(t.Rows)+1)
			if err := f.AutoFilter(t.Sheet, ref, nil); err != nil {
				return fmt.Errorf("write workbook: %w", err)
			}
		}
	}
	return nil
}
