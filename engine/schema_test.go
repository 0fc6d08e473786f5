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
	assert.Equal(t, 145, len(Fields()), "92 input fields and 51 derived fields, as in the data dictionary, and the 2 of derive_lap.go")
}

// TestDerivedIndexesResolve guards the ix table: a misspelt name would silently map to 0.
func TestDerivedIndexesResolve(t *testing.T) {
	v := reflect.ValueOf(ix)
	for i := 0; i < v.NumField(); i++ {
		fi := int(v.Field(i).Int())
		assert.False(t, schema[fi].Input(), "ix.%s resolves to input field %s", v.Type().Field(i).Name, schema[fi].Name)
	}
}
