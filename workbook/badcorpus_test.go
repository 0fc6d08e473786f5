package workbook

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite testdata/bad/workbook from the generators in this file")

const badDir = "../testdata/bad"

// badWorkbooks generate the malformed workbooks of the bad-input corpus
// (testdata/bad/workbook); `go test ./workbook -run BadCorpus -update` writes them. Their
// expected problems are in testdata/bad/expect.toml.
var badWorkbooks = map[string]func(t *testing.T) []byte{
	"empty.xlsx": func(*testing.T) []byte { return nil },
	"csv-renamed.xlsx": func(*testing.T) []byte {
		return []byte("iso3,year,field,value,source\nLAO,2023,re_programme,true,Art7\n")
	},
	"old-xls.xlsx": func(*testing.T) []byte {
		return append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	},
	"zip-not-xlsx.xlsx": func(t *testing.T) []byte {
		return zipOf(t, map[string][]byte{"content.xml": []byte("<office:document/>")})
	},
	"zip-bomb.xlsx": func(t *testing.T) []byte {
		// 300 MiB of zeros deflate to about 300 KiB: more than MaxUnzippedSize once unzipped.
		return zipOf(t, map[string][]byte{"xl/workbook.xml": []byte("<workbook/>"), "xl/worksheets/sheet1.xml": make([]byte, 300<<20)})
	},
	"wrong-sheet-name.xlsx": func(t *testing.T) []byte {
		return template(t, func(f *excelize.File) {
			require.NoError(t, f.SetSheetName("Form F", "Form F (2)"))
		}, map[string]any{"art4_area_cleared_m2": 1000})
	},
	"misspelt-cover.xlsx": func(t *testing.T) []byte {
		return template(t, func(f *excelize.File) { require.NoError(t, f.SetSheetName("Cover", "Covr")) }, nil)
	},
	"text-in-number.xlsx":     filled(map[string]any{"art4_area_cleared_m2": "1,500,000"}),
	"number-with-unit.xlsx":   filled(map[string]any{"art5_budget_usd": "USD 20000"}),
	"date-slashes.xlsx":       filled(map[string]any{"art7_annual_submitted": "14/06/2024"}),
	"date-words.xlsx":         filled(map[string]any{"art7_annual_submitted": "14 June 2024"}),
	"date-dots.xlsx":          filled(map[string]any{"art7_annual_submitted": "2024.06.14"}),
	"date-number.xlsx":        filled(map[string]any{"art7_annual_submitted": 45457}),
	"bool-as-number.xlsx":     filled(map[string]any{"re_programme": 1}),
	"enum-not-in-list.xlsx":   filled(map[string]any{"art9_legislation": "adopted"}),
	"unknown-field.xlsx":      filledWith(func(t *testing.T, f *excelize.File) { renameField(t, f, "re_targeted", "re_targetted") }, map[string]any{"re_targeted": "yes"}),
	"conflict.xlsx":           filled(map[string]any{"art4_area_cleared_m2": 1}),
	"cover-without-year.xlsx": filled(map[string]any{metaYear: ""}),
	"cover-bad-class.xlsx":    filled(map[string]any{metaClass: "rumour"}),
	"formula.xlsx":            filledWith(func(t *testing.T, f *excelize.File) { setFormula(t, f, "art4_area_cleared_m2", "1000*2") }, nil),
	"merged-cells.xlsx":       filledWith(func(t *testing.T, f *excelize.File) { mergeBelow(t, f, "art4_area_cleared_m2") }, nil),
	"no-header.xlsx":          filledWith(func(t *testing.T, f *excelize.File) { require.NoError(t, f.RemoveRow("Form G", headerRow)) }, nil),
	"facts-misspelt-column.xlsx": func(t *testing.T) []byte {
		return dataset(t, []string{"iso3", "year", "field", "vaule", "source"}, []any{"LAO", 2023, "re_programme", "true", "Art7"})
	},
	"facts-bad-year.xlsx": func(t *testing.T) []byte {
		return dataset(t, factColumns[:5], []any{"LAO", "twenty-three", "re_programme", "true", "Art7"})
	},
	"facts-empty-value.xlsx": func(t *testing.T) []byte {
		return dataset(t, factColumns[:5], []any{"LAO", 2023, "re_programme", "", "Art7"})
	},
	"states-bad-region.xlsx": func(t *testing.T) []byte {
		return datasetWithStates(t, [][]any{{"ZZZ", "Zedland", "atlantis", "", "", "", ""}})
	},
}

func zipOf(t *testing.T, parts map[string][]byte) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		require.NoError(t, err)
		_, err = w.Write(parts[n])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return b.Bytes()
}

// template is a LAO 2024 template, changed by edit, with values filled in.
func template(t *testing.T, edit func(*excelize.File), values map[string]any) []byte {
	f := openTemplate(t, TemplateOptions{State: "LAO", Year: 2024})
	defer f.Close()
	for k, v := range values {
		s, c := fieldCell(t, f, k)
		require.NoError(t, f.SetCellValue(s, c, v))
	}
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	require.NoError(t, save(f, &b))
	return b.Bytes()
}

func filled(values map[string]any) func(*testing.T) []byte {
	return filledWith(nil, values)
}

func filledWith(edit func(*testing.T, *excelize.File), values map[string]any) func(*testing.T) []byte {
	return func(t *testing.T) []byte {
		vs := map[string]any{metaSource: "Art7 2024"}
		for k, v := range values {
			vs[k] = v
		}
		return template(t, func(f *excelize.File) {
			if edit != nil {
				edit(t, f)
			}
		}, vs)
	}
}

func renameField(t *testing.T, f *excelize.File, field, to string) {
	s, c := fieldCell(t, f, field)
	_, row, _ := excelize.CellNameToCoordinates(c)
	require.NoError(t, f.SetCellStr(s, cellName(colField, row), to))
}

func setFormula(t *testing.T, f *excelize.File, field, formula string) {
	s, c := fieldCell(t, f, field)
	require.NoError(t, f.SetCellFormula(s, c, formula))
}

func mergeBelow(t *testing.T, f *excelize.File, field string) {
	s, c := fieldCell(t, f, field)
	_, row, _ := excelize.CellNameToCoordinates(c)
	require.NoError(t, f.SetCellInt(s, c, 1000))
	require.NoError(t, f.MergeCell(s, c, cellName(colValue, row+1)))
}

func dataset(t *testing.T, header []string, row []any) []byte {
	var b bytes.Buffer
	require.NoError(t, WriteTables(&b, "bad", []Table{{Sheet: factsSheet, Header: header, Rows: [][]any{row}}}))
	return b.Bytes()
}

func datasetWithStates(t *testing.T, states [][]any) []byte {
	var b bytes.Buffer
	require.NoError(t, WriteTables(&b, "bad", []Table{
		{Sheet: statesSheet, Header: stateColumns, Rows: states},
		{Sheet: factsSheet, Header: factColumns[:5]},
	}))
	return b.Bytes()
}

type badWorkbook struct {
	File  string `toml:"file"`
	Code  string `toml:"code"`
	Sheet string `toml:"sheet"`
	Cell  string `toml:"cell"`
}

// The malformed workbooks of the bad-input corpus each give the problem expect.toml pairs
// with them (code, and sheet and cell where there is one), read and merged into the sample.
func TestBadCorpus(t *testing.T) {
	dir := filepath.Join(badDir, "workbook")
	if *update {
		require.NoError(t, os.MkdirAll(dir, 0o755))
		for name, gen := range badWorkbooks {
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), gen(t), 0o644))
		}
	}
	var manifest struct {
		Case []badWorkbook `toml:"case"`
	}
	_, err := toml.DecodeFile(filepath.Join(badDir, "expect.toml"), &manifest)
	require.NoError(t, err)
	ds := loadSample(t)
	listed := map[string]bool{}
	for _, c := range manifest.Case {
		if !strings.HasPrefix(c.File, "workbook/") {
			continue
		}
		listed[filepath.Base(c.File)] = true
		t.Run(c.File, func(t *testing.T) {
			b, err := Read(filepath.Join(badDir, c.File))
			if err == nil {
				_, err = Merge(ds, b, false)
			}
			var ps Problems
			require.ErrorAs(t, err, &ps, "a bad workbook must be refused")
			var got []string
			for _, p := range ps {
				got = append(got, fmt.Sprintf("%s@%s!%s", p.Code, p.Sheet, p.Cell))
				if p.Code == c.Code && p.Sheet == c.Sheet && p.Cell == c.Cell {
					assert.Equal(t, filepath.Base(c.File), p.File)
					assert.NotEmpty(t, p.Message)
					return
				}
			}
			t.Errorf("want %s@%s!%s, got %v", c.Code, c.Sheet, c.Cell, got)
		})
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.True(t, listed[e.Name()], "%s has no entry in expect.toml", e.Name())
	}
	for name := range badWorkbooks {
		assert.True(t, listed[name], "%s is generated but has no entry in expect.toml", name)
	}
}
