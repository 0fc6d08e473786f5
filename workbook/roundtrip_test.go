package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

const sampleDir = "../testdata/sample"

func loadSample(t testing.TB) *engine.Dataset {
	t.Helper()
	ds, err := engine.LoadDataset(os.DirFS(sampleDir), ".")
	require.NoError(t, err)
	return ds
}

// importInto reads the workbook files and merges them into dir, writing the result.
func importInto(t testing.TB, dir string, replace bool, files ...string) (*Merged, error) {
	t.Helper()
	b, err := Read(files...)
	if err != nil {
		return nil, err
	}
	ds, err := OpenDataDir(dir)
	require.NoError(t, err)
	m, err := Merge(ds, b, replace)
	if err != nil {
		return nil, err
	}
	_, err = WriteDataDir(dir, m)
	return m, err
}

// The sample exported and imported into an empty directory gives back states.csv, facts.csv
// and registers.csv byte for byte.
func TestRoundTripSample(t *testing.T) {
	ds := loadSample(t)
	tmp := t.TempDir()
	xlsx := filepath.Join(tmp, "sample.xlsx")
	var buf bytes.Buffer
	require.NoError(t, WriteDataset(&buf, ds))
	require.NoError(t, os.WriteFile(xlsx, buf.Bytes(), 0o644))

	out := filepath.Join(tmp, "data")
	m, err := importInto(t, out, false, xlsx)
	require.NoError(t, err)
	added, changed, unchanged := m.Count()
	assert.Equal(t, len(ds.Facts()), added)
	assert.Zero(t, changed+unchanged)
	require.NotEmpty(t, ds.Registers())
	for _, name := range []string{"states.csv", "facts.csv", "registers.csv"} {
		want, err := os.ReadFile(filepath.Join(sampleDir, name))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(out, name))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), name)
	}

	// Importing the same workbook again changes nothing and writes nothing.
	m, err = importInto(t, out, false, xlsx)
	require.NoError(t, err)
	added, changed, unchanged = m.Count()
	assert.Equal(t, 0, added+changed)
	assert.Equal(t, len(ds.Facts()), unchanged)
	entries, _ := os.ReadDir(out)
	assert.Len(t, entries, 3, "no backup: nothing was written")

	// The same bytes from the same dataset.
	var again bytes.Buffer
	require.NoError(t, WriteDataset(&again, ds))
	assert.True(t, bytes.Equal(buf.Bytes(), again.Bytes()), "export is deterministic")
}

func TestOpenDataDir(t *testing.T) {
	ds, err := OpenDataDir(filepath.Join(t.TempDir(), "new"))
	assert.NoError(t, err)
	assert.Nil(t, ds, "a directory that does not exist yet holds no dataset")

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dataset.json"), []byte(`{"states":[],"facts":[]}`), 0o644))
	_, err = OpenDataDir(dir)
	assert.ErrorContains(t, err, "holds dataset.json")

	dir = t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "facts.csv"), []byte("iso3,year,field,value,source\n"), 0o644))
	_, err = OpenDataDir(dir)
	assert.ErrorContains(t, err, "without states.csv")

	ds, err = OpenDataDir(sampleDir)
	require.NoError(t, err)
	assert.NotEmpty(t, ds.Facts())
}

// An import never rewrites a facts.csv whose columns it would not all write back.
func TestImportRefusesUnknownColumns(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "states.csv"), []byte("iso3,name,region,signed,ratified,entry_into_force,withdrawn\nDEU,Germany,europe,,2009-07-08,2010-08-01,\n"), 0o644))
	facts := "iso3,year,field,value,source,comment\nDEU,2023,re_programme,true,Art7,2024-04-30\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "facts.csv"), []byte(facts), 0o644))
	m := &Merged{hasOld: true, changed: [3]bool{false, true, false}}
	_, err := WriteDataDir(dir, m)
	assert.ErrorContains(t, err, `column "comment"`)
	got, _ := os.ReadFile(filepath.Join(dir, "facts.csv"))
	assert.Equal(t, facts, string(got))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 2, "no backup, no temporary file")
}

// A fact given twice on one sheet is a problem even if the values agree (as in facts.csv);
// two workbooks that agree are fine; two that disagree are a problem naming both cells.
func TestDuplicateFacts(t *testing.T) {
	sheet := func(rows ...[]any) []byte {
		var b bytes.Buffer
		require.NoError(t, WriteTables(&b, "t", []Table{{Sheet: factsSheet, Header: factColumns[:5], Rows: rows}}))
		return b.Bytes()
	}
	row := func(v string) []any { return []any{"LAO", 2030, "re_programme", v, "Art7"} }
	read := func(files map[string][]byte) error {
		b := &Batch{}
		for _, n := range []string{"a.xlsx", "b.xlsx"} {
			if data, ok := files[n]; ok {
				require.Empty(t, b.ReadBytes(n, data))
			}
		}
		_, err := Merge(loadSample(t), b, false)
		return err
	}
	err := read(map[string][]byte{"a.xlsx": sheet(row("true"), row("true"))})
	var ps Problems
	require.ErrorAs(t, err, &ps)
	assert.Equal(t, "a.xlsx!Facts!C3: duplicate fact (LAO 2030 re_programme): first given at a.xlsx!Facts!C2", ps[0].Error())

	assert.NoError(t, read(map[string][]byte{"a.xlsx": sheet(row("true")), "b.xlsx": sheet(row("true"))}))

	err = read(map[string][]byte{"a.xlsx": sheet(row("true")), "b.xlsx": sheet(row("false"))})
	require.ErrorAs(t, err, &ps)
	assert.Equal(t, "b.xlsx!Facts!D2: LAO 2030 re_programme is false here and true at a.xlsx!Facts!D2", ps[0].Error())
}

// A Registers sheet is validated as registers.csv is, each problem at its cell, all at once;
// a valid one replaces registers.csv (its earlier version kept as a backup), and a workbook
// without the sheet leaves registers.csv as it is.
func TestImportRegisters(t *testing.T) {
	book := func(rows ...[]any) string { return registersBook(t, rows...) }
	dir := sampleCopy(t)
	_, err := importInto(t, dir, false, book(
		[]any{"art7_annual_submitted", 2019, 2025, "offical", "UNODA"},
		[]any{"art4_area_remaining_m2", "", "", "official", "Art7"},
		[]any{"msp_attended", 2019, 2025, "official", ""}))
	var ps Problems
	require.ErrorAs(t, err, &ps)
	var cells []string
	for _, p := range ps {
		cells = append(cells, p.Sheet+"!"+p.Cell)
	}
	assert.Contains(t, cells, "Registers!D2", "a misspelt class")
	assert.Contains(t, cells, "Registers!A3", "a report field is no register")
	assert.Contains(t, cells, "Registers!E4", "no source")
	before, _ := os.ReadFile(filepath.Join(dir, "registers.csv"))
	after, _ := os.ReadFile(filepath.Join(sampleDir, "registers.csv"))
	assert.Equal(t, string(after), string(before), "nothing written")

	_, err = importInto(t, dir, false, book([]any{"art7_annual_submitted", 2019, 2025, "official", "UNODA Article 7 database"}))
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(dir, "registers.csv"))
	require.NoError(t, err)
	assert.Equal(t, "field,first_year,last_year,class,source\nart7_annual_submitted,2019,2025,official,UNODA Article 7 database\n", string(got))
	ds, err := OpenDataDir(dir)
	require.NoError(t, err)
	assert.Equal(t, engine.ClassOfficial, ds.AbsentClass("art7_annual_submitted", 2024), "the imported declaration is in force")
	entries, _ := filepath.Glob(filepath.Join(dir, "registers.csv.*.bak"))
	assert.Len(t, entries, 1, "the earlier registers.csv is kept")
}

// A Registers sheet may declare a register for one State (the iso3 column, last): an unknown
// State is a problem at its cell; a good one is written to registers.csv with the iso3 column
// (a file without such a declaration keeps the five columns), is in force for that State only,
// and exports back to the sheet.
func TestImportRegistersForOneState(t *testing.T) {
	book := func(rows ...[]any) string { return registersBook(t, rows...) }
	dir := sampleCopy(t)
	all := []any{"art7_annual_submitted", 2019, 2025, "illustrative", "invented", ""}
	_, err := importInto(t, dir, false, book(all, []any{"art7_annual_submitted", 2020, 2022, "monitor", "MAR 2023", "TCH"}))
	var ps Problems
	require.ErrorAs(t, err, &ps)
	require.Len(t, ps, 1)
	assert.Equal(t, "Registers!F3", ps[0].Sheet+"!"+ps[0].Cell, ps[0].Error())
	assert.Contains(t, ps[0].Hint, `did you mean "TCD"?`)

	_, err = importInto(t, dir, false, book(all, []any{"art7_annual_submitted", 2020, 2022, "monitor", "MAR 2023", "TCD"}))
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(dir, "registers.csv"))
	require.NoError(t, err)
	assert.Equal(t, "field,first_year,last_year,class,source,iso3\nart7_annual_submitted,2019,2025,illustrative,invented,\nart7_annual_submitted,2020,2022,monitor,MAR 2023,TCD\n", string(got))
	ds, err := OpenDataDir(dir)
	require.NoError(t, err)
	assert.Equal(t, engine.ClassMonitor, ds.AbsentClassOf("TCD", "art7_annual_submitted", 2021))
	assert.Equal(t, engine.ClassIllustrative, ds.AbsentClassOf("LBN", "art7_annual_submitted", 2021))
	tb := registersTable(ds.Registers())
	require.Len(t, tb.Rows, 2)
	assert.Equal(t, "iso3", tb.Header[len(tb.Header)-1])
	assert.Equal(t, "TCD", tb.Rows[1][len(tb.Header)-1])
}

// registersBook writes a workbook with an empty Facts sheet and a Registers sheet of rows, and
// returns its path.
func registersBook(t *testing.T, rows ...[]any) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, WriteTables(&b, "t", []Table{{Sheet: factsSheet, Header: factColumns[:5]},
		{Sheet: registersSheet, Header: registerColumns, Rows: rows}}))
	p := filepath.Join(t.TempDir(), "r.xlsx")
	require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
	return p
}

// sampleCopy copies the sample's states.csv, facts.csv and registers.csv into a new directory
// and returns it.
func sampleCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"states.csv", "facts.csv", "registers.csv"} {
		data, err := os.ReadFile(filepath.Join(sampleDir, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	return dir
}
