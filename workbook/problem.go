package workbook

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lapmonitor/lap/engine"
)

// Problem codes of the workbook reader. They are stable: tests and tools match on them. A
// value the engine refuses keeps the engine's code (engine.CodeBadValue, engine.CodeBadDate,
// engine.CodeUnknownField, ...).
const (
	CodeRead         = "read-error"
	CodeNotRegular   = "not-regular-file"
	CodeEmptyFile    = engine.CodeEmptyFile
	CodeTooLarge     = "too-large"
	CodeNotXLSX      = "not-xlsx"
	CodeNoSheet      = "no-lap-sheet"
	CodeUnknownSheet = "unknown-sheet"
	CodeHeader       = "missing-header"
	CodeMerged       = "merged-cells"
	CodeFormula      = "formula"
	CodeCellError    = "cell-error"
	CodeBadCell      = "bad-cell"
	CodeConflict     = "conflict"
	CodeDuplicate    = engine.CodeDuplicateFact
)

// Problem is one problem found in a workbook: the file (its base name), the sheet and the
// cell, when they are known.
type Problem struct {
	File    string `json:"file"`
	Sheet   string `json:"sheet,omitempty"`
	Cell    string `json:"cell,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// Where is FILE!Sheet!B12, or as much of it as is known.
func (p Problem) Where() string {
	s := p.File
	if p.Sheet != "" {
		s += "!" + p.Sheet
		if p.Cell != "" {
			s += "!" + p.Cell
		}
	}
	return s
}

// Error renders FILE!Sheet!B12: message.
func (p Problem) Error() string { return p.Where() + ": " + p.Message }

// Long renders the problem with its hint on a second line.
func (p Problem) Long() string {
	if p.Hint == "" {
		return p.Error()
	}
	return p.Error() + "\n    hint: " + p.Hint
}

// Problems is every problem found by one read or merge. It implements error.
type Problems []Problem

func (ps Problems) Error() string {
	if len(ps) == 1 {
		return ps[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(ps))
	for _, p := range ps {
		b.WriteString("\n" + p.Error())
	}
	return b.String()
}

// Sort orders problems by file, sheet, cell (row, then column) and message.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if ra, rb := cellRow(a.Cell), cellRow(b.Cell); ra != rb {
			return ra < rb
		}
		if a.Cell != b.Cell {
			return len(a.Cell) < len(b.Cell) || len(a.Cell) == len(b.Cell) && a.Cell < b.Cell
		}
		return a.Message < b.Message
	})
}

// cellRow is the row number of an A1 cell name, 0 when there is none.
func cellRow(cell string) int {
	n := 0
	for _, r := range cell {
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
		}
	}
	return n
}
