package engine

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSchemaMatchesEnv keeps the data dictionary table and the Env struct in step: every
// field has exactly one Env member of the matching Go type, and every Env member a field.
func TestSchemaMatchesEnv(t *testing.T) {
	et := reflect.TypeOf(ruleEnv{})
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
	et := reflect.TypeOf(ruleEnv{})
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

// TestDocsFormsAndItems: docs/data.md's table of the Article 7 content ("Field | Form | Item")
// says what the dictionary says, and lists every field the dictionary gives an item. A row
// whose name has _X_ stands for the forms a to j (its item's "Form X" for A to J).
func TestDocsFormsAndItems(t *testing.T) {
	b, err := os.ReadFile("../docs/data.md")
	require.NoError(t, err)
	row := regexp.MustCompile("(?m)^\\| `([a-zA-Z0-9_]+)`[^|]* \\| ([^|]+) \\| ([^|]+) \\| [^|]+ \\|$")
	listed := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(b), -1) {
		names, items := []string{m[1]}, []string{m[3]}
		if strings.Contains(m[1], "_X_") {
			names, items = nil, nil
			for _, l := range "abcdefghij" {
				names = append(names, strings.Replace(m[1], "_X_", "_"+string(l)+"_", 1))
				items = append(items, strings.Replace(m[3], "Form X", "Form "+strings.ToUpper(string(l)), 1))
			}
		}
		for i, name := range names {
			f, ok := LookupField(name)
			if !assert.True(t, ok, "docs/data.md lists %s, which the dictionary does not have", name) {
				continue
			}
			assert.Equal(t, f.Form, strings.TrimSpace(m[2]), "%s: form", name)
			assert.Equal(t, f.Item, strings.TrimSpace(items[i]), "%s: item", name)
			listed[name] = true
		}
	}
	require.NotEmpty(t, listed, "the table is in docs/data.md")
	for _, f := range Fields() {
		if f.Item != "" {
			assert.True(t, listed[f.Name], "%s has an item in the dictionary but no row in docs/data.md", f.Name)
		}
	}
}

// Every field has a label a reader can be shown instead of its name: words in lower case (or
// beginning with a proper name), no code, no parentheses, and no two fields the same (dictgen
// checks the same when it generates the table; this holds the table itself to it).
func TestFieldLabels(t *testing.T) {
	code := regexp.MustCompile(`[a-z0-9]_[a-z0-9]`)
	seen := map[string]string{}
	for _, f := range Fields() {
		if !assert.NotEmpty(t, f.Label, f.Name) {
			continue
		}
		assert.NotRegexp(t, code, f.Label, f.Name)
		assert.NotContains(t, f.Label, "(", f.Name)
		if other, dup := seen[f.Label]; dup {
			t.Errorf("%s and %s have the same label %q", other, f.Name, f.Label)
		}
		seen[f.Label] = f.Name
		assert.Equal(t, f.Label, FieldLabel(f.Name))
	}
	assert.Equal(t, "international assistance provided", FieldLabel("art6_assistance_provided_usd"))
	assert.Equal(t, "no_such_field", FieldLabel("no_such_field"), "a name the dictionary lacks stands for itself")
}

// TestRegisterFieldsNameARegister: a field of kind register is one "taken from a complete public
// record" (data dictionary §2.2), a record that exists whether or not a State reports: its
// source names such a record (a register, a list, a decision, the treaty), not only the
// Article 7 report. A value that comes with the report alone (the format the report used, a
// figure of a form) is of kind report: it becomes known when the report is received (§1.3), and
// is unknown, not "no", before. art7_form_version was a register whose source was "The report
// for year Y": its values were known from the start, so at a report's cut-off the format of a
// report not yet received was "known" and check a7-form-needs-report warned 18 times for 2024
// on the sample.
func TestRegisterFieldsNameARegister(t *testing.T) {
	reportOnly := regexp.MustCompile(`^(Forms? [A-J]|Article 7 report|The report)\b`)
	for _, f := range schema {
		if f.Kind != KindRegister {
			continue
		}
		other := false
		for _, part := range strings.Split(f.Source, ";") {
			if !reportOnly.MatchString(strings.TrimSpace(part)) {
				other = true
			}
		}
		assert.True(t, other, "%s is a register but its source %q is the State's report alone: make it kind report", f.Name, f.Source)
	}
	f, ok := LookupField("art7_form_version")
	require.True(t, ok)
	assert.Equal(t, KindReport, f.Kind, "the format of a report comes with the report")
}
