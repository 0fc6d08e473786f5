package locale

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/lapmonitor/lap/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fieldCatalogue writes the English labels of the data dictionary's fields as catalogue TOML.
func fieldCatalogue() []byte {
	var b strings.Builder
	b.WriteString("# The labels of the data dictionary's fields, in English: what a reader is shown instead of a\n" +
		"# field's code. Generated from engine/dictionary.toml (engine.Fields) by\n" +
		"# `go test ./reports/locale -run TestFieldCatalogue -update`. Do not edit: change the label in\n" +
		"# engine/dictionary.toml. field.fr.toml and field.es.toml translate it: a short noun phrase in\n" +
		"# lower case (unless a proper name begins it) that reads inside a sentence (\"no data: ...\"),\n" +
		"# without parentheses; the description is the field's own.\n")
	for _, f := range engine.Fields() {
		desc := f.Description
		if f.Unit != "" {
			desc += " Unit: " + f.Unit + "."
		}
		b.WriteString("\n[" + strconv.Quote(fieldID(f.Name)) + "]\n")
		b.WriteString("description = " + strconv.Quote(desc) + "\n")
		b.WriteString("other = " + strconv.Quote(f.Label) + "\n")
	}
	return []byte(b.String())
}

// The English catalogue of the fields' labels is generated from the data dictionary: the two
// never drift.
func TestFieldCatalogue(t *testing.T) {
	want := fieldCatalogue()
	if *update {
		require.NoError(t, os.WriteFile("catalog/field.en.toml", want, 0o644))
	}
	got, err := os.ReadFile("catalog/field.en.toml")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "catalog/field.en.toml is out of date: go test ./reports/locale -run TestFieldCatalogue -update")
}

// Every field has a label in every language, different from its code, and no two fields of a
// language share one.
func TestFieldLabelsTranslated(t *testing.T) {
	for _, l := range Langs() {
		loc := For(l)
		seen := map[string]string{}
		for _, f := range engine.Fields() {
			got := loc.Field(f.Name)
			assert.True(t, loc.Has(fieldID(f.Name)), "%s lacks the label of %s", l, f.Name)
			assert.NotContains(t, got, "_", "%s %s", l, f.Name)
			assert.NotContains(t, got, "(", "%s %s: a label goes inside parentheses", l, f.Name)
			if other, dup := seen[got]; dup {
				t.Errorf("%s: %s and %s have the same label %q", l, other, f.Name, got)
			}
			seen[got] = f.Name
		}
	}
	assert.Equal(t, "international assistance provided", For(English).Field("art6_assistance_provided_usd"))
	assert.Equal(t, "assistance internationale fournie", For(French).Field("art6_assistance_provided_usd"))
	assert.Equal(t, "asistencia internacional prestada", For(Spanish).Field("art6_assistance_provided_usd"))
	assert.Equal(t, "no_such_field", For(French).Field("no_such_field"), "a name the dictionary lacks stands for itself")
	assert.Equal(t, "national implementing legislation; international assistance provided",
		For(English).Fields([]string{"art9_legislation", "art6_assistance_provided_usd"}))
}
