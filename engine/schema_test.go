package engine

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSchemaMatchesEnv keeps the data dictionary table and the Env struct in step: every
// field has exactly one Env member of the matching Go type, and every Env member a field.
func TestSchemaMatchesEnv(t *testing.T) {
	et := reflect.TypeOf(Env{})
	require.Equal(t, len(schema), et.NumField(), "one Env member per field")
	for i, f := range schema {
		sf := et.Field(envFieldPath[i])
		assert.Equal(t, f.Name, sf.Tag.Get("expr"))
		var want string
		switch f.Type {
		case TypeNumber:
			want = "float64"
		case TypeBool:
			want = "bool"
		case TypeInt:
			want = "int"
		default:
			want = "string"
		}
		if f.CanBeNil() {
			want = "*" + want
		}
		assert.Equal(t, want, sf.Type.String(), f.Name)
	}
}

func TestSchemaFacts(t *testing.T) {
	f, ok := LookupField("art4_area_remaining_m2")
	require.True(t, ok)
	assert.Equal(t, TypeNumber, f.Type)
	assert.Equal(t, "m2", f.Unit)
	assert.Equal(t, ScopeYear, f.Scope)
	assert.Equal(t, KindReport, f.Kind)
	f, ok = LookupField("party")
	require.True(t, ok)
	assert.False(t, f.Input())
	assert.False(t, f.CanBeNil())
	f, _ = LookupField("art9_legislation")
	assert.Equal(t, []string{"specific", "existing-sufficient", "in-progress", "none", "unknown"}, f.Enum)
	_, ok = LookupField("no_such_field")
	assert.False(t, ok)
	assert.Equal(t, 184, len(Fields()), "128 input fields and 54 derived fields, as in the data dictionary, and the 2 of derive_lap.go")
	f, _ = LookupField("art4_area_cancelled_m2")
	assert.Equal(t, "F", f.Form, "the Article 7 form a field comes from")
	assert.Equal(t, "Article 7.1(i): land release by method", f.Item)
	f, _ = LookupField("art7_form_b_status")
	assert.Equal(t, "cover", f.Form)
	assert.Equal(t, []string{"changed", "unchanged", "not-applicable"}, f.Enum)
	f, _ = LookupField("art7_form_a_status")
	assert.Equal(t, []string{"changed", "unchanged"}, f.Enum, "the cover page has no 'not applicable' for Form A")
	f, _ = LookupField("art4_deadline")
	assert.Empty(t, f.Form, "a treaty deadline comes from no form")
}

// TestIndexMatchesSchema guards the generated ix table: ix.X is the schema index of the field
// whose Env member is X.
func TestIndexMatchesSchema(t *testing.T) {
	v := reflect.ValueOf(ix)
	require.Equal(t, len(schema), v.NumField(), "one ix entry per field")
	et := reflect.TypeOf(Env{})
	for i := 0; i < v.NumField(); i++ {
		fi := int(v.Field(i).Int())
		assert.Equal(t, v.Type().Field(i).Name, et.Field(envFieldPath[fi]).Name, schema[fi].Name)
	}
}

// TestDeadlineFields: the as_of cut-off keeps exactly the two deadline fields (dictionary.toml
// deadline = true).
func TestDeadlineFields(t *testing.T) {
	var got []string
	for _, f := range schema {
		if f.isDeadline() {
			got = append(got, f.Name)
		}
	}
	assert.Equal(t, []string{"art3_deadline", "art4_deadline"}, got)
}
