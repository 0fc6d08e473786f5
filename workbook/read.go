package workbook

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
)

// Classes are the classes a workbook may give its values: the engine's classes but
// "unstated", which is written by leaving the class empty. A template's value whose workbook
// names none is "official".
var Classes = func() []string {
	var out []string
	for _, c := range engine.Classes {
		if c != engine.ClassUnstated {
			out = append(out, string(c))
		}
	}
	return out
}()

// Fact is a fact read from a workbook, with the cells it came from.
type Fact struct {
	engine.Fact
	Origin Origin
}

// Origin locates what a fact or State was read from: the file, the sheet, and the cell of
// each column ("iso3", "year", "field", "value", "source", "class", or a states.csv column).
type Origin struct {
	File  string
	Sheet string
	Cells map[string]string
}

// Where is FILE!Sheet!CELL for the cell of key (the value cell when key has none).
func (o Origin) Where(key string) string {
	return o.problem(key, "", "").Where()
}

func (o Origin) problem(key, code, msg string) Problem {
	c := o.Cells[key]
	if c == "" {
		c = o.Cells["value"]
	}
	sheet := o.Sheet
	if i := strings.LastIndex(c, "!"); i >= 0 { // a cell on another sheet: Cover!B5
		sheet, c = c[:i], c[i+1:]
	}
	return Problem{File: o.File, Sheet: sheet, Cell: c, Code: code, Message: msg}
}

// StateRow is a row of a States sheet: the text of each states.csv column.
type StateRow struct {
	Values map[string]string
	Origin Origin
}

// Batch is what one or more workbooks hold.
type Batch struct {
	Files  []string // base names, in the order read
	States []StateRow
	Facts  []Fact
	// Registers are the rows of the Registers sheets (registers.csv's declarations), and
	// HasRegisters says a workbook had such a sheet: its rows then replace registers.csv.
	Registers    []RegisterRow
	HasRegisters bool
}

// RegisterRow is one row of a Registers sheet: a declaration of registers.csv, by column,
// with the cells it came from.
type RegisterRow struct {
	Values map[string]string
	Origin Origin
}

// registerColumns are the columns of registers.csv, in order (engine.RegisterColumns): all
// required (the years may be empty) but the last, iso3, a declaration for one State.
var (
	registerColumns  = engine.RegisterColumns()
	registerRequired = registerColumns[:len(registerColumns)-1]
)

// registerHeader is the columns registers.csv is written with: without iso3 when no
// declaration names a State, so that a file without the column round-trips byte for byte.
func registerHeader(rows [][]string) []string {
	for _, r := range rows {
		if r[len(registerColumns)-1] != "" {
			return registerColumns
		}
	}
	return registerRequired
}

// registerCSV encodes registers.csv's rows (of registerColumns) under registerHeader.
func registerCSV(rows [][]string) []byte {
	h := registerHeader(rows)
	trimmed := make([][]string, len(rows))
	for i, r := range rows {
		trimmed[i] = r[:len(h)]
	}
	return encodeCSV(h, trimmed)
}

// stateColumns are the columns of states.csv, in order; class is optional.
var stateColumns = []string{"iso3", "name", "region", "signed", "ratified", "entry_into_force", "withdrawn", "class"}

// factColumns are the columns of facts.csv that a Facts sheet may hold; class and recorded (the
// day a fact became known; for a deadline, the day it was decided) are optional.
var factColumns = []string{"iso3", "year", "field", "value", "source", "class", "recorded"}

// Read reads the workbooks at paths. Every problem in every file is reported at once, as
// Problems; the Batch is nil when there is any.
func Read(paths ...string) (*Batch, error) {
	b := &Batch{}
	var ps Problems
	for _, p := range paths {
		ps = append(ps, b.readFile(p)...)
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	return b, nil
}

func (b *Batch) readFile(path string) Problems {
	name := filepath.Base(path)
	data, p := readBounded(path)
	if p != nil {
		return Problems{*p}
	}
	return b.ReadBytes(name, data)
}

// ReadBytes reads one workbook from memory; name is the file name that sources and problems
// carry. A workbook so malformed that the spreadsheet library fails on it is a problem, never
// a crash.
func (b *Batch) ReadBytes(name string, data []byte) (ps Problems) {
	defer func() {
		if r := recover(); r != nil {
			ps = Problems{{File: name, Code: CodeNotXLSX, Message: fmt.Sprintf("not a readable Excel workbook: the reader failed (%v)", r)}}
		}
	}()
	return b.readBytes(name, data)
}

func (b *Batch) readBytes(name string, data []byte) Problems {
	if len(data) > MaxFileSize {
		return Problems{{File: name, Code: CodeTooLarge, Message: fmt.Sprintf("read workbook: more than the limit of %d MiB", MaxFileSize>>20)}}
	}
	f, p := openBytes(name, data)
	if p != nil {
		return Problems{*p}
	}
	defer f.Close()
	b.Files = append(b.Files, name)
	sheets := f.GetSheetList()
	switch {
	case slices.Contains(sheets, factsSheet):
		return b.readDatasetLayout(f, name, sheets)
	case slices.Contains(sheets, coverSheet):
		return b.readReportLayout(f, name, sheets)
	}
	p = &Problem{File: name, Code: CodeNoSheet,
		Message: fmt.Sprintf("no %s sheet (a reporting template) and no %s sheet (a dataset workbook); the sheets are %s", coverSheet, factsSheet, quoteList(sheets))}
	if s := closest(sheets, []string{coverSheet, factsSheet}); s != "" {
		p.Hint = s
	}
	return Problems{*p}
}

// closest names a sheet that looks like a misspelt expected name: `rename "Covr" to "Cover"`.
func closest(have, want []string) string {
	for _, h := range have {
		if w := similarTo(h, want); w != "" {
			return fmt.Sprintf("rename the sheet %q to %q", h, w)
		}
	}
	return ""
}

// similarTo returns the name in want that name looks like a misspelling of, or "".
func similarTo(name string, want []string) string {
	for _, w := range want {
		if name != w && similar(name, w) {
			return w
		}
	}
	return ""
}

// similar reports whether two sheet names differ only in case, spaces or two letters.
func similar(a, b string) bool {
	if i := strings.LastIndex(a, " ("); i > 0 && strings.HasSuffix(a, ")") {
		a = a[:i] // "Form F (2)", as spreadsheet programs name a copied sheet
	}
	na := strings.ToLower(strings.Join(strings.Fields(a), ""))
	nb := strings.ToLower(strings.Join(strings.Fields(b), ""))
	return na == nb || levenshtein(na, nb) <= 2 && len(nb) > 3
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// checkSheets reports the sheets of a workbook that the layout does not know and that hold
// anything: their content would otherwise be ignored without a word.
func checkSheets(f *excelize.File, name string, sheets []string, known func(string) bool, expected []string) Problems {
	var ps Problems
	for _, s := range sheets {
		if known(s) {
			continue
		}
		rows, _ := f.GetRows(s, excelize.Options{RawCellValue: true})
		empty := true
		for _, r := range rows {
			for _, c := range r {
				if strings.TrimSpace(c) != "" {
					empty = false
				}
			}
		}
		if empty {
			continue
		}
		p := Problem{File: name, Sheet: s, Code: CodeUnknownSheet,
			Message: fmt.Sprintf("the sheet %q is not one lap reads, so its content would be lost; expected sheets: %s", s, strings.Join(expected, ", "))}
		if to := similarTo(s, expected); to != "" && !slices.Contains(sheets, to) {
			p.Hint = fmt.Sprintf("rename the sheet %q to %q", s, to)
		} else if to != "" {
			p.Hint = fmt.Sprintf("move its data into the sheet %q, or delete it", to)
		} else {
			p.Hint = "move its data into the sheet it belongs to, or delete the sheet"
		}
		ps = append(ps, p)
	}
	return ps
}

// mergedIn reports merged cell ranges that reach row from or below: in a table a merged
// range hides which cell holds the value.
func mergedIn(f *excelize.File, name, sheet string, from int) Problems {
	merges, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil
	}
	var ps Problems
	for _, m := range merges {
		_, r2, err := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err != nil || r2 < from {
			continue
		}
		ps = append(ps, Problem{File: name, Sheet: sheet, Cell: m.GetStartAxis(), Code: CodeMerged,
			Message: fmt.Sprintf("merged cells %s:%s: unmerge them; each value needs a cell of its own", m.GetStartAxis(), m.GetEndAxis())})
	}
	return ps
}
