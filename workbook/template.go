package workbook

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
)

// TemplateOptions say what a reporting template is for. All are optional.
type TemplateOptions struct {
	State string          // ISO3 code of the State reporting
	Year  int             // the calendar year the report covers
	Data  *engine.Dataset // when set (with State), the values it already holds are filled in
}

// WriteTemplate writes the reporting template: a Cover sheet, a sheet per Article 7 form and
// a Records sheet, each field on a row with its meaning, a value cell under Excel data
// validation, its unit, the field name the importer reads and the year the value describes.
func WriteTemplate(w io.Writer, o TemplateOptions) error {
	o.State = strings.ToUpper(strings.TrimSpace(o.State))
	name := ""
	var known map[string][]engine.Fact
	if o.Data != nil && o.State != "" {
		s, ok := o.Data.State(o.State)
		if !ok {
			return fmt.Errorf("write template: unknown State %q: not in the dataset", o.State)
		}
		name = s.Name
		known = map[string][]engine.Fact{}
		for _, f := range o.Data.Facts() {
			if f.ISO3 == o.State && f.ReplacedFrom().IsZero() { // a value a correction replaced is not in force
				known[f.Field] = append(known[f.Field], f)
			}
		}
	}
	title := "Article 7 report data"
	if o.State != "" {
		title += ": " + strings.TrimSpace(name+" ("+o.State+")")
	}
	if o.Year != 0 {
		title += fmt.Sprintf(", %d", o.Year)
	}
	f := newFile(title)
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	t := &templateWriter{f: f, st: st, o: o, known: known}
	for i, fm := range Forms() {
		if i == 0 {
			err = f.SetSheetName("Sheet1", fm.Sheet)
		} else {
			_, err = f.NewSheet(fm.Sheet)
		}
		if err == nil {
			err = t.sheet(fm, title)
		}
		if err != nil {
			return fmt.Errorf("write template: %s: %w", fm.Sheet, err)
		}
	}
	f.SetActiveSheet(0)
	return save(f, w)
}

type templateWriter struct {
	f     *excelize.File
	st    *styles
	o     TemplateOptions
	known map[string][]engine.Fact
}

func (t *templateWriter) sheet(fm Form, title string) error {
	f, s := t.f, fm.Sheet
	if err := putText(f, s, "A1", fm.Title, t.st.title, 0); err != nil {
		return err
	}
	intro := "Fill the yellow Value cells. Leave a cell empty when the report does not say: an empty cell is \"not known\", never zero or no. " +
		"State, year, source and class are those of the Cover unless a row's own Source or Class cell says otherwise."
	if fm.Key == "cover" {
		intro = "Give the State, the year the report covers and where the data come from, then fill each form's sheet. " +
			"Import the filled workbook with: lap workbook import FILE.xlsx --data DIR (add --dry-run to see what would change first)."
	}
	if err := putText(f, s, "A2", intro, t.st.note, 0); err != nil {
		return err
	}
	if fm.Key != "cover" {
		line := title
		if len(fm.Fields) == 0 {
			line += ". The data dictionary has no field from this form yet: nothing on this sheet is imported."
		}
		if err := putText(f, s, "A3", line, t.st.note, 0); err != nil {
			return err
		}
	}
	for c, h := range templateHeader {
		if err := putText(f, s, cellName(c+1, headerRow), h, t.st.header, 0); err != nil {
			return err
		}
	}
	row := headerRow + 1
	if fm.Key == "cover" {
		var err error
		if row, err = t.coverRows(row); err != nil {
			return err
		}
	}
	for _, fd := range fm.Fields {
		if err := t.fieldRow(s, row, fd); err != nil {
			return err
		}
		row++
	}
	for c, wd := range templateWidths {
		if err := f.SetColWidth(s, colName(c+1), colName(c+1), wd); err != nil {
			return err
		}
	}
	if err := fitRows(f, s, templateWidths); err != nil {
		return err
	}
	landscape, fit, tall := "landscape", 1, 0
	if err := f.SetPageLayout(s, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &fit, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)}); err != nil {
		return err
	}
	return f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cellName(1, headerRow+1), ActivePane: "bottomLeft"})
}

// templateWidths are the widths of the template's columns, in characters.
var templateWidths = []float64{60, 22, 28, 28, 14, 30, 28, 48}

func boolPtr(b bool) *bool { return &b }

// fitRows sets the height of each row to the lines its wrapped text needs (spreadsheet
// programs do not all fit rows of a file that does not say), from the column widths.
func fitRows(f *excelize.File, sheet string, widths []float64) error {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	for r, row := range rows {
		lines := 1
		for c, v := range row {
			if c >= len(widths) || v == "" {
				continue
			}
			per := int(widths[c]*1.1) - 2
			n := 0
			for _, para := range strings.Split(v, "\n") {
				n += (len([]rune(para)) + per - 1) / per
			}
			lines = max(lines, n)
		}
		if lines > 1 {
			if err := f.SetRowHeight(sheet, r+1, float64(lines)*15+2); err != nil {
				return err
			}
		}
	}
	return nil
}

// coverRows writes the rows that describe the whole workbook and returns the next row.
func (t *templateWriter) coverRows(row int) (int, error) {
	f, s := t.f, coverSheet
	source := ""
	if t.o.Year != 0 {
		source = fmt.Sprintf("Article 7 report covering %d", t.o.Year)
	}
	rows := []struct {
		label, key string
		value      any
		hint       string
		dv         func(cell string) *excelize.DataValidation
	}{
		{"State: its ISO3 code, as in states.csv", metaState, t.o.State, "three capital letters, e.g. LAO", func(cell string) *excelize.DataValidation {
			dv := excelize.NewDataValidation(false)
			_ = dv.SetRange(3, 3, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween)
			dv.SetError(excelize.DataValidationErrorStyleStop, "State", "Write the State's three-letter ISO3 code.")
			return dv
		}},
		{"Year the report covers (a calendar year; a report for another period: the last calendar year it covers)", metaYear, nilIfZero(t.o.Year), "a year, e.g. 2023", func(cell string) *excelize.DataValidation {
			dv := excelize.NewDataValidation(false)
			_ = dv.SetRange(1900, 2200, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
			dv.SetError(excelize.DataValidationErrorStyleStop, "Year", "Write a calendar year between 1900 and 2200.")
			return dv
		}},
		{"Source of these data: the document they come from", metaSource, source, "e.g. Article 7 report covering 2023, received 2024-04-30", nil},
		{"Class of these data: official (the State's own report or a treaty record) unless they come from elsewhere", metaClass, "official", "one of: " + strings.Join(Classes, ", "), func(cell string) *excelize.DataValidation {
			dv := excelize.NewDataValidation(true)
			_ = dv.SetDropList(Classes)
			return dv
		}},
	}
	for _, r := range rows {
		if err := putText(f, s, cellName(colItem, row), r.label, t.st.wrap, 0); err != nil {
			return 0, err
		}
		cell := cellName(colValue, row)
		switch v := r.value.(type) {
		case int:
			_ = f.SetCellInt(s, cell, int64(v))
			_ = f.SetCellStyle(s, cell, cell, t.st.input)
		case string:
			if err := putText(f, s, cell, v, t.st.inputText, 0); err != nil {
				return 0, err
			}
		default:
			_ = f.SetCellStyle(s, cell, cell, t.st.inputText)
		}
		_ = putText(f, s, cellName(colUnit, row), r.hint, t.st.wrap, 0)
		_ = putText(f, s, cellName(colField, row), r.key, t.st.note, 0)
		if r.dv != nil {
			dv := r.dv(cell)
			dv.Sqref = cell
			if err := f.AddDataValidation(s, dv); err != nil {
				return 0, err
			}
		}
		row++
	}
	return row, nil
}

func nilIfZero(y int) any {
	if y == 0 {
		return nil
	}
	return y
}

// itemText is a field's Item cell: its label as a heading (the words the reports use for the
// field), then its description on the next line.
func itemText(fd engine.Field) string {
	label := fd.Label
	if label != "" && label[0] >= 'a' && label[0] <= 'z' {
		label = string(label[0]-'a'+'A') + label[1:]
	}
	return label + "\n" + fd.Description
}

// fieldRow writes one field's row.
func (t *templateWriter) fieldRow(s string, row int, fd engine.Field) error {
	f := t.f
	cell := cellName(colValue, row)
	if err := putText(f, s, cellName(colItem, row), itemText(fd), t.st.wrap, 0); err != nil {
		return err
	}
	_ = putText(f, s, cellName(colUnit, row), typeHint(fd), t.st.wrap, 0)
	_ = putText(f, s, cellName(colField, row), fd.Name, t.st.note, 0)
	_ = putText(f, s, cellName(colYear, row), scopeHint(fd, t.o.Year), t.st.wrap, 0)
	for _, c := range []int{colSource, colClass} {
		_ = f.SetCellStyle(s, cellName(c, row), cellName(c, row), t.st.text)
	}
	classDV := excelize.NewDataValidation(true)
	_ = classDV.SetDropList(Classes)
	classDV.Sqref = cellName(colClass, row)
	if err := f.AddDataValidation(s, classDV); err != nil {
		return err
	}

	style := t.st.inputText
	if fd.Type == engine.TypeNumber {
		style = t.st.input
	}
	if err := f.SetCellStyle(s, cell, cell, style); err != nil {
		return err
	}
	value, note := t.knownValue(fd)
	if value != "" {
		if n, ok := canonicalNumber(value); ok && fd.Type == engine.TypeNumber {
			_ = f.SetCellFloat(s, cell, n, -1, 64)
		} else {
			if fd.Type == engine.TypeBool {
				value = map[string]string{"true": "yes", "false": "no"}[value]
			}
			if err := putText(f, s, cell, value, style, 0); err != nil {
				return err
			}
		}
	}
	if note != "" {
		if err := putText(f, s, cellName(colNotes, row), note, t.st.note, 0); err != nil {
			return err
		}
	}
	if dv := validation(fd, cell); dv != nil {
		dv.Sqref = cell
		return f.AddDataValidation(s, dv)
	}
	return nil
}

// validation is the Excel data validation of a field's value cell.
func validation(fd engine.Field, cell string) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	switch fd.Type {
	case engine.TypeBool:
		_ = dv.SetDropList([]string{"yes", "no"})
	case engine.TypeEnum:
		if err := dv.SetDropList(fd.Enum); err != nil {
			return nil
		}
	case engine.TypeNumber:
		_ = dv.SetRange(0, 1e15, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, fd.Name, "Write a number, 0 or more, without units or thousands separators"+unitSuffix(fd)+".")
	case engine.TypeDate:
		// A date cell, or text that starts with a year and has the length of YYYY, YYYY-MM or
		// YYYY-MM-DD, after an optional "../" (that date or earlier). The importer checks the
		// rest; Excel limits a validation formula to 255 characters.
		dv.Type = "custom"
		dv.Formula1 = fmt.Sprintf(`OR(ISNUMBER(%[1]s),AND(ISNUMBER(--MID(%[1]s,1+3*(LEFT(%[1]s,3)="../"),4)),OR(LEN(%[1]s)=4,LEN(%[1]s)=7,LEN(%[1]s)=10,LEN(%[1]s)=13)))`, cell)
		dv.SetError(excelize.DataValidationErrorStyleStop, fd.Name, "Write a date as precisely as the report gives it: 2023-06-14, 2023-06 or 2023 (../2018 for 2018 or earlier).")
	default:
		return nil
	}
	return dv
}

func unitSuffix(fd engine.Field) string {
	if fd.Unit == "" {
		return ""
	}
	return ", in " + fd.Unit
}

// knownValue is what the dataset already says for the template's State and year: the value to
// fill in, and a note on where it comes from.
func (t *templateWriter) knownValue(fd engine.Field) (string, string) {
	facts := t.known[fd.Name]
	if len(facts) == 0 {
		return "", ""
	}
	sort.Slice(facts, func(i, j int) bool { return facts[i].Year < facts[j].Year })
	y := t.o.Year
	from := func(f engine.Fact) string {
		return fmt.Sprintf("In the dataset: %s (class: %s; source: %s)", f.Value, f.Class, clip(f.Source))
	}
	switch fd.Scope {
	case engine.ScopeStatic:
		return facts[0].Value, from(facts[0])
	case engine.ScopeCarried:
		if y == 0 {
			return "", ""
		}
		var best *engine.Fact
		for i := range facts {
			if facts[i].Year <= y {
				best = &facts[i]
			}
		}
		if best == nil {
			return "", ""
		}
		note := from(*best)
		if best.Year < y {
			note = fmt.Sprintf("Unchanged since %d: %s", best.Year, note)
		}
		return best.Value, note
	case engine.ScopeEvent:
		var in, others []string
		for _, f := range facts {
			if f.Year == y {
				in = append(in, f.Value)
			} else {
				others = append(others, f.Value)
			}
		}
		note := ""
		if len(others) > 0 {
			note = "Other dates in the dataset: " + strings.Join(others, ", ")
		}
		if len(in) > 0 {
			return in[0], strings.TrimSpace("In the dataset. " + note)
		}
		return "", note
	}
	for _, f := range facts {
		if f.Year == y && y != 0 {
			return f.Value, from(f)
		}
	}
	return "", ""
}

// yearText is a fact's year as written in facts.csv.
func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}
