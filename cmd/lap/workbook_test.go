package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/workbook"
)

func TestWorkbookUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"workbook"}, 2, "a workbook command is required"},
		{[]string{"workbook", "frob"}, 2, `unknown workbook command "frob"`},
		{[]string{"workbook", "template"}, 2, "--out is required"},
		{[]string{"workbook", "template", "--out", filepath.Join(dir, "t.csv")}, 2, "must end in .xlsx"},
		{[]string{"workbook", "template", "--out", filepath.Join(dir, "t.xlsx"), "--data", sampleData}, 2, "give --state too"},
		{[]string{"workbook", "template", "--out", filepath.Join(dir, "t.xlsx"), "--year", "5"}, 2, "--year 5"},
		{[]string{"workbook", "export", "--out", filepath.Join(dir, "e.xlsx")}, 2, "--data is required"},
		{[]string{"workbook", "import", "--data", dir}, 2, "no workbook given"},
		{[]string{"workbook", "import", "x.xlsx"}, 2, "--data is required"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := lap(t, tt.args...)
			assert.Equal(t, tt.code, code, stderr)
			assert.Contains(t, stderr, tt.err)
		})
	}
	code, stdout, _ := lap(t, "workbook", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "template")
}

// The Done-when round trip: the sample exported, then imported into an empty directory,
// evaluates to byte-identical JSON.
func TestWorkbookRoundTripEval(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates the sample twice")
	}
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "sample.xlsx")
	code, stdout, stderr := lap(t, "workbook", "export", "--data", sampleData, "--out", xlsx)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "197 States")

	data := filepath.Join(dir, "data")
	facts := strings.Count(readFile(t, filepath.Join(sampleData, "facts.csv")), "\n") - 1
	code, stdout, stderr = lap(t, "workbook", "import", xlsx, "--data", data, "--dry-run")
	require.Equal(t, 0, code, stderr)
	assert.True(t, strings.HasSuffix(stdout, fmt.Sprintf("\n%d facts added, 0 changed, 0 unchanged; 197 States added, 0 changed (dry run: nothing written)\n", facts)), "the summary ends the dry run")
	_, err := os.Stat(data)
	assert.True(t, os.IsNotExist(err), "a dry run writes nothing")

	code, stdout, stderr = lap(t, "workbook", "import", "--data", data, xlsx)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "wrote states.csv, facts.csv and registers.csv")
	// the workbook carries registers.csv (its Registers sheet), byte for byte
	assert.Equal(t, readFile(t, filepath.Join(sampleData, "registers.csv")), readFile(t, filepath.Join(data, "registers.csv")))

	_, want, _ := lap(t, "eval", "--data", sampleData, "--year", "2024", "--format", "json")
	_, got, _ := lap(t, "eval", "--data", data, "--year", "2024", "--format", "json")
	require.NotEmpty(t, want)
	assert.True(t, want == got, "lap eval --format json differs after the round trip")

	code, stdout, _ = lap(t, "workbook", "import", xlsx, "--data", data)
	require.Equal(t, 0, code)
	assert.Equal(t, fmt.Sprintf("0 facts added, 0 changed, %d unchanged: nothing to write\n", facts), stdout)

	code, _, stderr = lap(t, "workbook", "export", "--data", sampleData, "--out", xlsx)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "the file exists; refusing to replace it")
	code, _, stderr = lap(t, "workbook", "export", "--data", sampleData, "--out", xlsx, "--force")
	assert.Equal(t, 0, code, stderr)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "d.xlsx"), 0o755))
	code, _, stderr = lap(t, "workbook", "export", "--data", sampleData, "--out", filepath.Join(dir, "d.xlsx"), "--force")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "is not a regular file; refusing to replace it")
}

// copyData copies the sample's CSV files into a new directory.
func copyData(t *testing.T) string {
	dir := t.TempDir()
	for _, n := range []string{"states.csv", "facts.csv"} {
		b, err := os.ReadFile(filepath.Join(sampleData, n))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), b, 0o644))
	}
	return dir
}

func TestWorkbookImportConflictsAndProblems(t *testing.T) {
	data := copyData(t)
	before := hashTree(t, data)
	tmpl := filepath.Join(t.TempDir(), "lao.xlsx")
	code, _, stderr := lap(t, "workbook", "template", "--out", tmpl, "--state", "LAO", "--year", "2024", "--data", data)
	require.Equal(t, 0, code, stderr)

	f, err := excelize.OpenFile(tmpl)
	require.NoError(t, err)
	set := func(field string, v any) {
		for _, s := range f.GetSheetList() {
			rows, _ := f.GetRows(s)
			for i, r := range rows {
				if len(r) > 5 && r[5] == field {
					require.NoError(t, f.SetCellValue(s, "B"+itoa(i+1), v))
					return
				}
			}
		}
		t.Fatalf("no row for %s", field)
	}
	set("art4_area_cleared_m2", 1) // the sample says 55100000
	require.NoError(t, f.Save())

	code, _, stderr = lap(t, "workbook", "import", tmpl, "--data", data)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "lao.xlsx!Form F!B7: LAO 2024 art4_area_cleared_m2: the dataset holds 55100000")
	assert.Contains(t, stderr, "nothing was written")
	assert.Equal(t, before, hashTree(t, data), "nothing written")

	code, stdout, stderr := lap(t, "workbook", "import", tmpl, "--data", data, "--replace", "--dry-run")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "~ LAO 2024 art4_area_cleared_m2 = 1 (was 55100000)  [lao.xlsx!Form F!B7]")
	assert.Equal(t, before, hashTree(t, data), "a dry run writes nothing")

	code, stdout, stderr = lap(t, "workbook", "import", tmpl, "--data", data, "--replace")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "0 facts added, 1 changed")
	assert.Contains(t, stdout, "earlier versions kept as facts.csv.")
	after := hashTree(t, data)
	assert.Len(t, after, 3, "states.csv, facts.csv and the backup")
	for name, h := range after {
		if strings.HasSuffix(name, ".bak") {
			assert.Equal(t, before["facts.csv"], h, "the backup is the earlier facts.csv")
		}
	}

	// Five bad cells: five problems with sheet and cell, nothing written.
	for field, v := range map[string]any{"art4_area_cleared_m2": "12 000", "re_programme": "maybe", "art9_legislation": "drafted",
		"art7_annual_submitted": "30/04/2025", "art5_survivors": -1} {
		set(field, v)
	}
	require.NoError(t, f.Save())
	f.Close()
	code, _, stderr = lap(t, "workbook", "import", tmpl, "--data", data)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "5 problem(s); nothing was written")
	for _, where := range []string{"lao.xlsx!Form F!B7: ", "lao.xlsx!Form G!B5: ", "lao.xlsx!Form A!B5: ", "lao.xlsx!Cover!B10: ", "lao.xlsx!Form H!B10: "} {
		assert.Contains(t, stderr, where)
	}
	assert.Equal(t, after, hashTree(t, data))
}

func TestReportXLSX(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", cliData, "--year", "2023", "--out", out, "--formats", "csv,xlsx", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	f, err := excelize.OpenFile(filepath.Join(out, "indicators.xlsx"))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Indicators", "About"}, f.GetSheetList())
	rows, err := f.GetRows("Indicators")
	require.NoError(t, err)
	csv, err := os.ReadFile(filepath.Join(out, "indicators.csv"))
	require.NoError(t, err)
	assert.Equal(t, strings.Count(string(csv), "\n"), len(rows), "a row per indicator, as indicators.csv")
	assert.Equal(t, "coverage", rows[0][30])
	typ, err := f.GetCellType("Indicators", "AC2") // population
	require.NoError(t, err)
	assert.NotEqual(t, excelize.CellTypeSharedString, typ, "numbers are numbers")
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(b)
}

// Problems are printed up to a cap, then counted.
func TestWorkbookImportCapsProblems(t *testing.T) {
	dir := t.TempDir()
	tbl := workbook.Table{Sheet: "Facts", Header: []string{"iso3", "year", "field", "value", "source"}}
	for i := range 60 {
		tbl.Rows = append(tbl.Rows, []any{"LAO", 1960 + i, "re_programme", "maybe", "Art7"})
	}
	var b bytes.Buffer
	require.NoError(t, workbook.WriteTables(&b, "bad", []workbook.Table{tbl}))
	p := filepath.Join(dir, "many.xlsx")
	require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
	code, _, stderr := lap(t, "workbook", "import", p, "--data", copyData(t))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "60 problem(s); nothing was written")
	assert.Contains(t, stderr, "many.xlsx!Facts!D2: ")
	assert.Contains(t, stderr, "... and 10 more problem(s)")
	assert.Equal(t, maxProblems+2, strings.Count(stderr, "\n"))
}
