// Package workbook moves Article 7 reporting data in and out of Excel workbooks (.xlsx).
//
// Three workbooks, all laid out from the engine's data dictionary (engine.Fields), so that a
// field added to the dictionary appears in every one of them without new code here:
//
//   - The reporting template (WriteTemplate): a Cover sheet naming the State, the year the
//     report covers, where the data come from and their class, then one sheet per Article 7
//     form (Form A to Form J) and a Records sheet for the register fields that no form
//     carries. Each field is one row: what it means, the value cell (with Excel data
//     validation: lists for enumerations and yes/no, non-negative numbers, dates), its unit,
//     and the field name that the importer reads. With a dataset the values already known
//     are filled in.
//   - The dataset workbook (WriteDataset): the whole dataset, as States, Facts and Registers
//     sheets that hold exactly what states.csv, facts.csv and registers.csv hold, plus one
//     read-only sheet per form with a row per State and year for people to read.
//   - Any table (WriteTables), used by package reports for indicators.xlsx.
//
// Read reads filled workbooks of either layout into facts whose source names the file, sheet
// and cell they came from, reporting every problem at once with its cell (Problem). Merge
// compares them with a dataset: added, changed and unchanged facts, and conflicts, which are
// errors unless the caller asks to replace; a Registers sheet is the whole of registers.csv,
// checked by the engine with its problems at their cells. WriteDataDir writes the merged
// dataset's states.csv, facts.csv (and registers.csv) whole, each through a temporary file and
// a rename.
//
// Workbooks are read with bounds checked before anything is parsed (MaxFileSize,
// MaxUnzippedSize), and written deterministically: the same inputs give byte-identical files.
// A text cell that a spreadsheet program would take for a formula (one that starts with =, +,
// - or @) is always written as text, never as a formula.
package workbook
