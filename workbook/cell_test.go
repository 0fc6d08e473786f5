package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
)

func TestFormatPrecision(t *testing.T) {
	for format, want := range map[string]string{
		"yyyy-mm-dd": "day", "dd/mm/yyyy": "day", `d" de "mmmm" de "yyyy`: "day", "[$-409]mmmm d, yyyy": "day",
		"mmm yyyy": "month", "mmmm\\ yyyy": "month", "mm/yy": "month",
		"yyyy": "year", `"Year "yyyy`: "year",
		"0.00": "", "h:mm": "", "#,##0": "", "@": "",
	} {
		got, ok := formatPrecision(format)
		assert.Equal(t, want, got, format)
		assert.Equal(t, want != "", ok, format)
	}
}

// Cells are read as what they show: a date cell to the precision its format displays, a
// year typed as a number as a year, numbers in plain decimals, yes/no and Excel booleans as
// true/false.
func TestCellValues(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	const s = "Sheet1"
	style := func(st excelize.Style) int {
		id, err := f.NewStyle(&st)
		require.NoError(t, err)
		return id
	}
	custom := func(fmt string) int { return style(excelize.Style{CustomNumFmt: &fmt}) }
	serial := 45091.0 // 2023-06-14
	cells := []struct {
		value any
		style int
		typ   engine.Type
		want  string
	}{
		{serial, custom("yyyy-mm-dd"), engine.TypeDate, "2023-06-14"},
		{serial, style(excelize.Style{NumFmt: 14}), engine.TypeDate, "2023-06-14"},
		{serial, style(excelize.Style{NumFmt: 17}), engine.TypeDate, "2023-06"}, // mmm-yy
		{serial, custom("mmmm yyyy"), engine.TypeDate, "2023-06"},
		{serial, custom("yyyy"), engine.TypeDate, "2023"},
		{2023, 0, engine.TypeDate, "2023"},
		{"2023-06", 0, engine.TypeDate, "2023-06"},
		{" 2023-06-14 ", 0, engine.TypeDate, "2023-06-14"},
		{1371100000, 0, engine.TypeNumber, "1371100000"},
		{2.5, 0, engine.TypeNumber, "2.5"},
		{"1,500", 0, engine.TypeNumber, "1,500"}, // left for the engine to refuse
		{true, 0, engine.TypeBool, "true"},
		{"No", 0, engine.TypeBool, "false"},
		{"Yes", 0, engine.TypeBool, "true"},
		{"Existing-Sufficient", 0, engine.TypeEnum, "existing-sufficient"},
		{"", 0, engine.TypeNumber, ""},
		{"   ", 0, engine.TypeText, ""},
	}
	for i, c := range cells {
		cell := cellName(1, i+1)
		require.NoError(t, f.SetCellValue(s, cell, c.value))
		if c.style != 0 {
			require.NoError(t, f.SetCellStyle(s, cell, cell, c.style))
		}
	}
	var buf bytes.Buffer
	require.NoError(t, save(f, &buf))
	g, p := openBytes("cells.xlsx", buf.Bytes())
	require.Nil(t, p)
	r, err := newSheetReader(g, "cells.xlsx", s)
	require.NoError(t, err)
	for i, c := range cells {
		got, p := r.value(1, i+1, c.typ)
		require.Nil(t, p, "row %d", i+1)
		assert.Equal(t, c.want, got, "row %d: %v", i+1, c.value)
	}
	got, p := r.value(1, 100, engine.TypeNumber)
	assert.Nil(t, p)
	assert.Empty(t, got, "a cell that is not there is empty")
}

// Text that a spreadsheet program could take for a formula is written as a text cell with
// the text format, never as a formula, and reads back unchanged; numbers stay numbers.
func TestFormulaInjectionWrittenAsText(t *testing.T) {
	texts := []string{`=HYPERLINK("http://example.invalid","click")`, "+1+1", "-2", "@SUM(A1:A2)", "=1+1"}
	tbl := Table{Sheet: "T", Header: []string{"text", "number"}}
	for _, s := range texts {
		tbl.Rows = append(tbl.Rows, []any{s, -3.5})
	}
	var buf bytes.Buffer
	require.NoError(t, WriteTables(&buf, "t", []Table{tbl}))
	f, p := openBytes("t.xlsx", buf.Bytes())
	require.Nil(t, p)
	for i, s := range texts {
		cell := cellName(1, i+2)
		formula, err := f.GetCellFormula("T", cell)
		require.NoError(t, err)
		assert.Empty(t, formula, s)
		typ, _ := f.GetCellType("T", cell)
		assert.Equal(t, excelize.CellTypeSharedString, typ, s)
		v, _ := f.GetCellValue("T", cell)
		assert.Equal(t, s, v)
		idx, _ := f.GetCellStyle("T", cell)
		st, _ := f.GetStyle(idx)
		assert.Equal(t, 49, st.NumFmt, "%s has the text format", s)
		typ, _ = f.GetCellType("T", cellName(2, i+2))
		assert.Contains(t, []excelize.CellType{excelize.CellTypeNumber, excelize.CellTypeUnset}, typ, "a number is a number")
	}
}

// A dataset whose sources look like formulas exports them as text and imports them back.
func TestExportedSourcesStayText(t *testing.T) {
	ds, err := engine.NewDataset(
		[]engine.State{{ISO3: "DEU", Name: "Germany", Region: "europe", Ratified: engine.MustDate("2009-07-08"), EntryIntoForce: engine.MustDate("2010-08-01")}},
		[]engine.Fact{{ISO3: "DEU", Year: 2023, Field: "re_programme", Value: "true", Source: "=cmd|' /C calc'!A0", File: "facts.csv", Line: 2}},
	)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, WriteDataset(&buf, ds))
	b := &Batch{}
	require.Empty(t, b.ReadBytes("deu.xlsx", buf.Bytes()))
	require.Len(t, b.Facts, 1)
	assert.Equal(t, "=cmd|' /C calc'!A0", b.Facts[0].Source)
}

func TestOpenRefusesWhatIsNotAWorkbook(t *testing.T) {
	_, p := readBounded(t.TempDir())
	require.NotNil(t, p)
	assert.Equal(t, CodeNotRegular, p.Code)
	_, p = readBounded("/dev/null")
	require.NotNil(t, p)
	assert.Equal(t, CodeNotRegular, p.Code)
	_, p = readBounded("no-such-file.xlsx")
	require.NotNil(t, p)
	assert.Equal(t, CodeRead, p.Code)
}

// TestReadBoundedLimit: a workbook over MaxFileSize is refused before it is read, by the engine's
// bounded reader, with the size and the limit.
func TestReadBoundedLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.xlsx")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(MaxFileSize+1)) // sparse: nothing is written
	require.NoError(t, f.Close())
	_, p := readBounded(path)
	require.NotNil(t, p)
	assert.Equal(t, CodeTooLarge, p.Code)
	assert.Equal(t, "big.xlsx", p.File)
	assert.Equal(t, "read workbook: file is 33554433 bytes (32.0 MiB); the limit is 33554432 bytes (32.0 MiB)", p.Message)

	require.NoError(t, os.Truncate(path, 0))
	data, p := readBounded(path)
	assert.Nil(t, p)
	assert.Empty(t, data)
}
