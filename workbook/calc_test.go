package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

// testdata/workbook/calc-lbn-2026.xlsx is a template filled in LibreOffice Calc and saved by
// it as .xlsx (see testdata/workbook/calc-fixture.py): a spreadsheet program's own layout of
// styles, shared strings and a real date cell. Its values are invented and marked so.
func TestImportSpreadsheetProgramFile(t *testing.T) {
	ds := loadSample(t)
	b, err := Read("../testdata/workbook/calc-lbn-2026.xlsx")
	require.NoError(t, err)
	m, err := Merge(ds, b, false)
	require.NoError(t, err)
	added := map[string]FactChange{}
	for _, c := range m.Facts {
		assert.Equal(t, "LBN", c.Fact.ISO3)
		if c.Change == Added {
			added[c.Fact.Field] = c
		}
	}
	want := map[string]string{
		"art7_annual_submitted":       "2027-04-20", // a date cell (serial 46497 shown as YYYY-MM-DD)
		"art7_form_version":           "revised",
		"art4_area_remaining_m2":      "3550000",
		"art4_area_cleared_m2":        "350000",
		"art4_submunitions_destroyed": "812",
		"re_programme":                "true",
		"re_beneficiaries":            "48210",
		"re_beneficiaries_female":     "24105",
		"art5_survivors":              "451",
		"art5_medical_rehab":          "false",
	}
	require.Len(t, added, len(want))
	for field, v := range want {
		c := added[field]
		assert.Equal(t, v, c.Fact.Value, field)
		assert.Equal(t, 2026, c.Fact.Year, field)
		assert.Equal(t, engine.ClassIllustrative, c.Fact.Class, field)
	}
	assert.Equal(t, "illustrative: test fixture typed in LibreOffice Calc (calc-lbn-2026.xlsx!Form F!B7)", added["art4_area_cleared_m2"].Fact.Source)
	assert.Equal(t, "illustrative: survivor database extract (fixture) (calc-lbn-2026.xlsx!Form H!B10)", added["art5_survivors"].Fact.Source)
	a, c, u := m.Count()
	assert.Equal(t, []int{10, 0, 22}, []int{a, c, u}, "the values Calc kept from the pre-filled template are unchanged")
}
