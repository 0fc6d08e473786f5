package workbook

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
)

// openTemplate writes a template and opens it for the test to fill.
func openTemplate(t *testing.T, o TemplateOptions) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, WriteTemplate(&b, o))
	f, err := excelize.OpenReader(&b)
	require.NoError(t, err)
	return f
}

// fieldCell finds the value cell of a field (or cover key) in a template.
func fieldCell(t *testing.T, f *excelize.File, field string) (sheet, cell string) {
	t.Helper()
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		require.NoError(t, err)
		for i, r := range rows {
			if len(r) >= colField && r[colField-1] == field {
				return s, cellName(colValue, i+1)
			}
		}
	}
	t.Fatalf("no row for %s", field)
	return "", ""
}

// fill sets the value cells of fields and saves the workbook under dir.
func fill(t *testing.T, f *excelize.File, dir, name string, values map[string]any) string {
	t.Helper()
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s, c := fieldCell(t, f, k)
		require.NoError(t, f.SetCellValue(s, c, values[k]))
	}
	p := filepath.Join(dir, name)
	require.NoError(t, f.SaveAs(p))
	return p
}

func TestFormsHoldEveryInputFieldOnce(t *testing.T) {
	seen := map[string]string{}
	for _, fm := range Forms() {
		for _, fd := range fm.Fields {
			require.NotContains(t, seen, fd.Name, "%s is on %s and %s", fd.Name, seen[fd.Name], fm.Sheet)
			seen[fd.Name] = fm.Sheet
		}
	}
	for _, fd := range engine.Fields() {
		if fd.Input() {
			assert.Contains(t, seen, fd.Name)
			assert.NotContains(t, metaKeys, fd.Name, "a cover key shadows an input field")
		}
	}
	assert.Equal(t, "Form F", seen["art4_area_cleared_m2"])
	assert.Equal(t, "Form H", seen["art5_budget_usd"], `"Form H or I" is Form H`)
	assert.Equal(t, "Cover", seen["art7_annual_submitted"])
	assert.Equal(t, "Records", seen["unga_vote"])
	assert.Equal(t, "Form J", seen["cc_strategy_progress_reported"])
}

// A field added to the dictionary appears in the template and reads back without workbook
// code: the layout and the reader take everything from engine.Fields.
func TestTemplateFollowsTheSchema(t *testing.T) {
	f := openTemplate(t, TemplateOptions{State: "LAO", Year: 2023})
	defer f.Close()
	want := []string{"Cover"}
	for _, k := range "ABCDEFGHIJ" {
		want = append(want, "Form "+string(k))
	}
	assert.Equal(t, append(want, "Records"), f.GetSheetList())
	n := 0
	for _, fm := range Forms() {
		rows, err := f.GetRows(fm.Sheet)
		require.NoError(t, err)
		assert.Equal(t, templateHeader, rows[headerRow-1], fm.Sheet)
		for _, fd := range fm.Fields {
			_, cell := fieldCell(t, f, fd.Name)
			assert.NotEmpty(t, cell)
			n++
		}
		dvs, err := f.GetDataValidations(fm.Sheet)
		require.NoError(t, err)
		types := map[string]int{}
		for _, dv := range dvs {
			types[dv.Type]++
			assert.LessOrEqual(t, len(dv.Formula1), 255, "Excel's limit for a validation formula")
		}
		for _, fd := range fm.Fields {
			switch fd.Type {
			case engine.TypeNumber:
				assert.NotZero(t, types["decimal"], "%s: number validation", fm.Sheet)
			case engine.TypeDate:
				assert.NotZero(t, types["custom"], "%s: date validation", fm.Sheet)
			case engine.TypeBool, engine.TypeEnum:
				assert.NotZero(t, types["list"], "%s: list validation", fm.Sheet)
			}
		}
	}
	inputs := 0
	for _, fd := range engine.Fields() {
		if fd.Input() {
			inputs++
		}
	}
	assert.Equal(t, inputs, n)
}

func TestTemplatePrefilledFromData(t *testing.T) {
	ds := loadSample(t)
	f := openTemplate(t, TemplateOptions{State: "LAO", Year: 2023, Data: ds})
	defer f.Close()
	want := map[string]string{}
	for _, fact := range ds.Facts() {
		if fact.ISO3 == "LAO" && (fact.Year == 2023 || fact.Year == 0) {
			want[fact.Field] = fact.Value
		}
	}
	require.NotEmpty(t, want)
	for field, v := range want {
		s, c := fieldCell(t, f, field)
		got, err := f.GetCellValue(s, c, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		if fd, _ := engine.LookupField(field); fd.Type == engine.TypeBool {
			v = map[string]string{"true": "yes", "false": "no"}[v]
		}
		assert.Equal(t, v, got, field)
	}
	s, c := fieldCell(t, f, metaState)
	v, _ := f.GetCellValue(s, c)
	assert.Equal(t, "LAO", v)

	// Importing the pre-filled template unchanged changes nothing.
	dir := t.TempDir()
	p := filepath.Join(dir, "lao.xlsx")
	require.NoError(t, f.SaveAs(p))
	b, err := Read(p)
	require.NoError(t, err)
	m, err := Merge(ds, b, false)
	require.NoError(t, err)
	added, changed, unchanged := m.Count()
	assert.Zero(t, added+changed, "a pre-filled template adds nothing")
	assert.NotZero(t, unchanged)

	var buf bytes.Buffer
	err = WriteTemplate(&buf, TemplateOptions{State: "XXX", Data: ds})
	assert.ErrorContains(t, err, "unknown State")
}

func TestTemplateIsDeterministic(t *testing.T) {
	ds := loadSample(t)
	var a, b bytes.Buffer
	require.NoError(t, WriteTemplate(&a, TemplateOptions{State: "LAO", Year: 2023, Data: ds}))
	require.NoError(t, WriteTemplate(&b, TemplateOptions{State: "LAO", Year: 2023, Data: ds}))
	assert.True(t, bytes.Equal(a.Bytes(), b.Bytes()))
}

// A workbook filled for one State, written by the test through the library, imports with the
// expected facts, each with its class and a source naming file, sheet and cell.
func TestImportFilledTemplate(t *testing.T) {
	ds := loadSample(t)
	dir := t.TempDir()
	f := openTemplate(t, TemplateOptions{State: "BIH", Year: 2026})
	p := fill(t, f, dir, "bih-2026.xlsx", map[string]any{
		metaSource:                     "Art7 2026",
		"art4_area_cleared_m2":         1250000,       // a number cell
		"art4_area_released_survey_m2": "300000",      // a number typed as text
		"re_programme":                 "yes",         // from the list
		"art5_focal_point":             true,          // an Excel boolean
		"art9_legislation":             "In-Progress", // case does not matter
		"art7_annual_submitted":        "2027-04-28",  // a date as text
		"art4_completed_date":          "2025-11",     // an event: filed under its own year, to the month
	})
	b, err := Read(p)
	require.NoError(t, err)
	m, err := Merge(ds, b, false)
	require.NoError(t, err)
	got := map[string]FactChange{}
	for _, c := range m.Facts {
		got[c.Fact.Field] = c
	}
	want := map[string]struct {
		value string
		year  int
		cell  string
	}{
		"art4_area_cleared_m2":         {"1250000", 2026, "Form F"},
		"art4_area_released_survey_m2": {"300000", 2026, "Form F"},
		"re_programme":                 {"true", 2026, "Form G"},
		"art5_focal_point":             {"true", 2026, "Form H"},
		"art9_legislation":             {"in-progress", 2026, "Form A"},
		"art7_annual_submitted":        {"2027-04-28", 2026, "Cover"},
		"art4_completed_date":          {"2025-11", 2025, "Form F"},
	}
	require.Len(t, got, len(want))
	for field, w := range want {
		c := got[field]
		assert.Equal(t, w.value, c.Fact.Value, field)
		assert.Equal(t, w.year, c.Fact.Year, field)
		assert.Equal(t, "BIH", c.Fact.ISO3)
		assert.Equal(t, engine.ClassOfficial, c.Fact.Class)
		sheet, cell := fieldCell(t, f, field)
		assert.Equal(t, fmt.Sprintf("Art7 2026 (bih-2026.xlsx!%s!%s)", sheet, cell), c.Fact.Source, field)
		assert.Equal(t, w.cell, sheet)
		want := Added
		if field == "art5_focal_point" {
			want = Unchanged // true since 2019: a carried value already in force
		}
		assert.Equal(t, want, c.Change, field)
	}
}

// Five bad cells are five problems, each with its sheet and cell, and nothing is written.
func TestImportReportsEveryBadCell(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	require.NoError(t, os.MkdirAll(data, 0o755))
	for _, n := range []string{"states.csv", "facts.csv"} {
		b, err := os.ReadFile(filepath.Join(sampleDir, n))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(data, n), b, 0o644))
	}
	f := openTemplate(t, TemplateOptions{State: "BIH", Year: 2025})
	bad := map[string]any{
		"art4_area_cleared_m2":          "12 000 m2",  // text in a number cell
		"art4_area_remaining_m2":        -5,           // negative
		"re_programme":                  "perhaps",    // not yes or no
		"art9_legislation":              "drafted",    // not in the list
		"art7_annual_submitted":         "28/04/2026", // a date in another format
		"art5_survivors":                42,           // fine
		"art3_destruction_plan":         "no",         // fine
		"art4_baseline_survey_complete": "yes",        // fine
	}
	p := fill(t, f, dir, "bad.xlsx", bad)
	ds, err := OpenDataDir(data)
	require.NoError(t, err)
	b, err := Read(p)
	require.NoError(t, err, "the cells themselves are readable; the engine refuses the values")
	_, err = Merge(ds, b, false)
	var ps Problems
	require.ErrorAs(t, err, &ps)
	require.Len(t, ps, 5, "%v", ps)
	for _, field := range []string{"art4_area_cleared_m2", "art4_area_remaining_m2", "re_programme", "art9_legislation", "art7_annual_submitted"} {
		sheet, cell := fieldCell(t, f, field)
		found := false
		for _, p := range ps {
			if p.Sheet == sheet && p.Cell == cell {
				found = true
				assert.True(t, strings.HasPrefix(p.Error(), "bad.xlsx!"+sheet+"!"+cell+": "), p.Error())
			}
		}
		assert.True(t, found, "no problem at %s!%s (%s): %v", sheet, cell, field, ps)
	}
	// The command writes nothing when Merge fails; the files are as they were.
	got, _ := os.ReadFile(filepath.Join(data, "facts.csv"))
	want, _ := os.ReadFile(filepath.Join(sampleDir, "facts.csv"))
	assert.Equal(t, string(want), string(got))
}

// The Article 7 content the data model gained for issue 17 (reporting period, status of each
// form, transfers, cancelled and reduced land, work-plan milestones, casualties, assistance by
// partner) is on the sheet of the form it comes from, and a filled template imports it.
func TestImportArticle7Content(t *testing.T) {
	ds := loadSample(t)
	dir := t.TempDir()
	f := openTemplate(t, TemplateOptions{State: "LBN", Year: 2026})
	values := map[string]any{
		metaSource:                         "Art7 2026",
		"art7_period_start":                "2026-01-01",
		"art7_period_end":                  "2026-12-31",
		"art7_form_a_status":               "unchanged",
		"art7_form_a_unchanged_since":      2019, // a year typed as a number
		"art7_form_e_status":               "Not-Applicable",
		"art7_form_f_status":               "changed",
		"art3_transferred_submunitions":    40,
		"art3_transfer_partners":           "NLD training; -BEL", // text, never a formula
		"art4_area_cancelled_m2":           120000,
		"art4_area_reduced_m2":             "80000",
		"art4_planned_release_m2":          600000,
		"art5_casualties":                  7,
		"art5_casualties_killed":           2,
		"art6_assistance_received_from":    "NOR 800000; European Union",
		"art3_planned_destroyed_munitions": 0,
	}
	p := fill(t, f, dir, "lbn-2026.xlsx", values)
	b, err := Read(p)
	require.NoError(t, err)
	m, err := Merge(ds, b, false)
	require.NoError(t, err)
	got := map[string]FactChange{}
	for _, c := range m.Facts {
		got[c.Fact.Field] = c
	}
	want := map[string]struct{ value, sheet string }{
		"art7_period_start":                {"2026-01-01", "Cover"},
		"art7_period_end":                  {"2026-12-31", "Cover"},
		"art7_form_a_status":               {"unchanged", "Cover"},
		"art7_form_a_unchanged_since":      {"2019", "Cover"},
		"art7_form_e_status":               {"not-applicable", "Cover"},
		"art7_form_f_status":               {"changed", "Cover"},
		"art3_transferred_submunitions":    {"40", "Form D"},
		"art3_transfer_partners":           {"NLD training; -BEL", "Form D"},
		"art4_area_cancelled_m2":           {"120000", "Form F"},
		"art4_area_reduced_m2":             {"80000", "Form F"},
		"art4_planned_release_m2":          {"600000", "Form F"},
		"art5_casualties":                  {"7", "Form H"},
		"art5_casualties_killed":           {"2", "Form H"},
		"art6_assistance_received_from":    {"NOR 800000; European Union", "Form I"},
		"art3_planned_destroyed_munitions": {"0", "Form B"},
	}
	require.Len(t, got, len(want))
	for field, w := range want {
		c := got[field]
		assert.Equal(t, w.value, c.Fact.Value, field)
		assert.Equal(t, 2026, c.Fact.Year, field)
		sheet, _ := fieldCell(t, f, field)
		assert.Equal(t, w.sheet, sheet, field)
		assert.Equal(t, Added, c.Change, field)
	}
}

// TestCorrectionsInWorkbooks: a value corrected after it became known (a later row with a
// recorded day) survives the round trip as its own row; a template shows the value in force,
// and importing it unchanged changes nothing; with --replace, a new value replaces the value in
// force and keeps its recorded day.
func TestCorrectionsInWorkbooks(t *testing.T) {
	ds := loadSample(t)
	f := openTemplate(t, TemplateOptions{State: "LAO", Year: 2023, Data: ds})
	defer f.Close()
	s, c := fieldCell(t, f, "art4_area_cleared_m2")
	got, err := f.GetCellValue(s, c, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "53400000", got, "the correction recorded 2024-11-20, not the first value 52800000")

	require.NoError(t, f.SetCellValue(s, c, 54000000))
	p := filepath.Join(t.TempDir(), "lao.xlsx")
	require.NoError(t, f.SaveAs(p))
	b, err := Read(p)
	require.NoError(t, err)
	_, err = Merge(ds, b, false)
	require.ErrorContains(t, err, "the dataset holds 53400000 (facts.csv:") // the correction, not the first value
	m, err := Merge(ds, b, true)
	require.NoError(t, err)
	_, changed, _ := m.Count()
	assert.Equal(t, 1, changed)
	for _, fc := range m.Facts {
		if fc.Change == Changed {
			assert.Equal(t, "2024-11-20", fc.Old.Recorded.String())
		}
	}
}

// A field's Item cell is headed by its label, the words the reports use for it, with its
// description below; the Field cell keeps the code the reader finds the row by.
func TestTemplateItemIsLabelled(t *testing.T) {
	f := openTemplate(t, TemplateOptions{})
	for _, name := range []string{"art6_assistance_provided_usd", "art9_legislation", "art3_deadline"} {
		fd, ok := engine.LookupField(name)
		require.True(t, ok)
		s, c := fieldCell(t, f, name)
		_, row, err := excelize.CellNameToCoordinates(c)
		require.NoError(t, err)
		item, err := f.GetCellValue(s, cellName(colItem, row))
		require.NoError(t, err)
		head, desc, _ := strings.Cut(item, "\n")
		assert.Equal(t, strings.ToUpper(fd.Label[:1])+fd.Label[1:], head, name)
		assert.Equal(t, fd.Description, desc, name)
	}
}
