package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
)

// sheetReader reads the cells of one sheet of one workbook and turns them into the text that
// facts.csv would hold, leaving the validation of that text to the engine.
type sheetReader struct {
	f        *excelize.File
	file     string // base name, for problems
	sheet    string
	date1904 bool
	rows     [][]string // raw cell values
}

func newSheetReader(f *excelize.File, file, sheet string) (*sheetReader, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	r := &sheetReader{f: f, file: file, sheet: sheet, rows: rows}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		r.date1904 = *p.Date1904
	}
	return r, nil
}

// raw is the raw value of the cell at col, row (1-based), "" when there is none.
func (r *sheetReader) raw(col, row int) string {
	if row < 1 || row > len(r.rows) || col < 1 || col > len(r.rows[row-1]) {
		return ""
	}
	return r.rows[row-1][col-1]
}

func (r *sheetReader) problem(cell, code, format string, args ...any) *Problem {
	return &Problem{File: r.file, Sheet: r.sheet, Cell: cell, Code: code, Message: fmt.Sprintf(format, args...)}
}

// value reads the cell at col, row as the value of a field of type t (and its enumeration):
// "" for an empty cell. Numbers are written in plain decimals, Excel booleans and yes/no as
// true/false, date cells as dates of the precision their display format shows. Text is
// returned as typed (trimmed, and lower-cased for yes/no and enumerations), for the engine to
// accept or refuse.
func (r *sheetReader) value(col, row int, t engine.Type) (string, *Problem) {
	raw := r.raw(col, row)
	cell := cellName(col, row)
	if formula, _ := r.f.GetCellFormula(r.sheet, cell); formula != "" {
		return "", r.problem(cell, CodeFormula, "the cell holds a formula (=%s); type the value itself: lap does not evaluate formulas", clip(formula))
	}
	if strings.TrimSpace(raw) == "" {
		return "", nil
	}
	typ, _ := r.f.GetCellType(r.sheet, cell)
	switch typ {
	case excelize.CellTypeError:
		return "", r.problem(cell, CodeCellError, "the cell shows the error %s; type the value", raw)
	case excelize.CellTypeBool:
		if raw == "1" {
			return "true", nil
		}
		return "false", nil
	case excelize.CellTypeDate: // an ISO 8601 date cell
		if len(raw) >= 10 {
			return raw[:10], nil
		}
		return raw, nil
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula:
		return textValue(raw, t), nil
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return textValue(raw, t), nil
	}
	if t != engine.TypeDate {
		return strconv.FormatFloat(n, 'f', -1, 64), nil
	}
	prec, isDate := r.datePrecision(cell)
	if !isDate {
		if n == math.Trunc(n) && n >= 1900 && n <= 2200 {
			return strconv.Itoa(int(n)), nil // a year typed as a number
		}
		return "", r.problem(cell, engine.CodeBadDate, "%s is a number, not a date; write 2023-06-14, 2023-06 or 2023", raw)
	}
	tm, err := excelize.ExcelDateToTime(n, r.date1904)
	if err != nil {
		return "", r.problem(cell, engine.CodeBadDate, "%s is not a date the workbook can hold", raw)
	}
	switch prec {
	case "year":
		return tm.Format("2006"), nil
	case "month":
		return tm.Format("2006-01"), nil
	}
	return tm.Format("2006-01-02"), nil
}

// textValue is a text cell as the value of a field of type t.
func textValue(raw string, t engine.Type) string {
	s := strings.TrimSpace(raw)
	switch t {
	case engine.TypeBool:
		switch strings.ToLower(s) {
		case "yes", "true":
			return "true"
		case "no", "false":
			return "false"
		}
	case engine.TypeEnum:
		return strings.ToLower(s)
	case engine.TypeText:
		return raw
	}
	return s
}

// datePrecision says whether the cell's number format shows a date, and to what precision
// ("day", "month" or "year"): a cell that shows "Jun-23" holds 1 June 2023, but what the person
// who typed it knows is the month, and a date is never made more precise than it is known.
func (r *sheetReader) datePrecision(cell string) (string, bool) {
	idx, err := r.f.GetCellStyle(r.sheet, cell)
	if err != nil {
		return "", false
	}
	st, err := r.f.GetStyle(idx)
	if err != nil || st == nil {
		return "", false
	}
	if st.CustomNumFmt != nil && *st.CustomNumFmt != "" {
		return formatPrecision(*st.CustomNumFmt)
	}
	switch id := st.NumFmt; {
	case id == 14 || id == 15 || id == 16 || id == 22 || id >= 27 && id <= 31 || id >= 34 && id <= 36 || id >= 50 && id <= 58:
		return "day", true
	case id == 17:
		return "month", true
	}
	return "", false
}

// formatPrecision reads a custom number format such as "dd/mm/yyyy", "mmm yyyy" or "yyyy".
func formatPrecision(format string) (string, bool) {
	var b strings.Builder
	inQuote := false
	for i := 0; i < len(format); i++ {
		c := format[i]
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			for i < len(format) && format[i] != ']' {
				i++
			}
		default:
			b.WriteByte(c | 0x20) // lower case for letters
		}
	}
	f := strings.SplitN(b.String(), ";", 2)[0]
	hasY, hasD := strings.Contains(f, "y"), strings.Contains(f, "d")
	hasM := strings.Contains(f, "m") && !strings.Contains(f, "h") && !strings.Contains(f, "s")
	switch {
	case hasD && (hasM || hasY):
		return "day", true
	case hasM && hasY:
		return "month", true
	case hasY:
		return "year", true
	}
	return "", false
}

// clip shortens text quoted in a message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
