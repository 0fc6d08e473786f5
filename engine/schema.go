package engine

// The data dictionary is declared once, in dictionary.toml; dictgen writes its Go forms
// (schema_table.go, env_struct.go, derive_deps_table.go). CI fails when they drift.
//go:generate go run ./internal/dictgen

import (
	"fmt"
	"reflect"
	"sort"
)

// Type is the type of a field's values, as the data dictionary names it.
type Type int

// The field types. Number, Bool, Date, Enum and Text appear in input data; Int only in
// derived fields.
const (
	TypeNumber Type = iota + 1
	TypeBool
	TypeDate
	TypeEnum
	TypeText
	TypeInt
)

var typeNames = map[Type]string{TypeNumber: "number", TypeBool: "bool", TypeDate: "date", TypeEnum: "enum", TypeText: "text", TypeInt: "int"}

// String is the type's dictionary name: "number", "bool", "date", "enum", "text" or "int".
func (t Type) String() string { return typeNames[t] }

// MarshalText writes the type's dictionary name.
func (t Type) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Scope says which fact a rule sees for year Y (data dictionary §1.2).
type Scope int

// The scopes. ScopeDerived marks fields the engine computes.
const (
	ScopeStatic  Scope = iota + 1 // one value, every year; the year column is empty
	ScopeYear                     // the fact for Y, no carrying
	ScopeCarried                  // the fact with the greatest year not after Y
	ScopeEvent                    // the event dated in Y; year must equal the date's year
	ScopeDerived                  // computed by the engine, never supplied in data
)

var scopeNames = map[Scope]string{ScopeStatic: "static", ScopeYear: "year", ScopeCarried: "carried", ScopeEvent: "event", ScopeDerived: "derived"}

// String is the scope's dictionary name: "static", "year", "carried", "event" or "derived".
func (s Scope) String() string { return scopeNames[s] }

// MarshalText writes the scope's dictionary name.
func (s Scope) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Kind says how complete a field's source is (data dictionary §2.2).
type Kind int

// The kinds.
const (
	KindReport   Kind = iota + 1 // from Article 7 reports and statements: absence means unknown
	KindRegister                 // from a complete public record: loaders record every case
	KindDerived                  // computed by the engine
)

var kindNames = map[Kind]string{KindReport: "report", KindRegister: "register", KindDerived: "derived"}

// String is the kind's dictionary name: "report", "register" or "derived".
func (k Kind) String() string { return kindNames[k] }

// MarshalText writes the kind's dictionary name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Field describes one name a rule may read: an input field of facts.csv or a derived field.
type Field struct {
	Name string `json:"name"`
	// Label is what a reader is shown instead of the name: a short noun phrase in English, in
	// lower case unless it begins with a proper name, that reads inside a sentence ("no data on
	// international assistance provided"). It carries no unit (Unit has it) and no parentheses.
	// Every field has one, and no two fields the same; its French and Spanish are in the report
	// catalogue (reports/locale, catalog/field.LANG.toml).
	Label   string   `json:"label"`
	Type    Type     `json:"type"`
	Unit    string   `json:"unit,omitempty"`
	Scope   Scope    `json:"scope"`
	Kind    Kind     `json:"kind"`
	Nilable bool     `json:"nilable"` // derived fields only: the value can be nil
	Group   string   `json:"group"`
	Enum    []string `json:"enum,omitempty"`
	Source  string   `json:"source,omitempty"`
	// Form is the part of the Article 7 report an input field's values are reported in: "cover"
	// (the cover page and header: reporting period, status of each form) or a form letter, "A"
	// to "J" (the format recommended at the First Meeting of States Parties). Empty for data no
	// form carries (treaty deadlines, MSP decisions, votes).
	Form string `json:"form,omitempty"`
	// Item is the part of the form, or the paragraph of Article 7.1 it answers, where known.
	Item        string `json:"item,omitempty"`
	Description string `json:"description"`

	index    int  // position in schema and in ruleEnv
	deadline bool // a date that holds a deadline (dictionary.toml: deadline = true)
}

// Input reports whether the field is supplied in facts.csv rather than derived.
func (f Field) Input() bool { return f.Scope != ScopeDerived }

// CanBeNil reports whether a rule can see nil for the field: every input field, and the
// derived fields the dictionary marks "or nil".
func (f Field) CanBeNil() bool { return f.Input() || f.Nilable }

// isDeadline reports whether a date field holds a deadline rather than the date of something
// that happened. Deadlines lie in the future by nature, so the as_of cut-off does not hide them
// (see docs/methodology.md, "The as_of cut-off").
func (f Field) isDeadline() bool { return f.deadline }

// Fields returns the data dictionary as the engine knows it: every input field, then every
// derived field, in dictionary order.
func Fields() []Field {
	out := make([]Field, len(schema))
	copy(out, schema)
	return out
}

// LookupField returns the field with the given name.
func LookupField(name string) (Field, bool) {
	i, ok := fieldIndex[name]
	if !ok {
		return Field{}, false
	}
	return schema[i], true
}

// FieldLabel returns the label of the field with the given name (what a reader is shown
// instead of it), or the name itself when no field has it.
func FieldLabel(name string) string {
	if i, ok := fieldIndex[name]; ok {
		return schema[i].Label
	}
	return name
}

var (
	// fieldIndex maps a field name to its schema index. It is a variable initializer (not
	// set in init) so that other package-level variables can use it.
	fieldIndex   = indexFields()
	envFieldPath []int // schema index -> ruleEnv struct field index
	fieldNames   []string
)

func indexFields() map[string]int {
	m := make(map[string]int, len(schema))
	for i, f := range schema {
		if _, dup := m[f.Name]; dup {
			panic(fmt.Sprintf("engine: field %s defined twice", f.Name))
		}
		m[f.Name] = i
	}
	return m
}

func init() {
	et := reflect.TypeOf(ruleEnv{})
	byTag := map[string]int{}
	for i := 0; i < et.NumField(); i++ {
		byTag[et.Field(i).Tag.Get("expr")] = i
	}
	envFieldPath = make([]int, len(schema))
	for i := range schema {
		schema[i].index = i
		j, ok := byTag[schema[i].Name]
		if !ok {
			panic(fmt.Sprintf("engine: field %s has no ruleEnv member", schema[i].Name))
		}
		envFieldPath[i] = j
		fieldNames = append(fieldNames, schema[i].Name)
	}
	if len(schema) > maxFields {
		panic("engine: too many fields for the presence set")
	}
	sort.Strings(fieldNames)
}

// maxFields bounds the schema so that a fieldSet fits in a fixed array.
const maxFields = 256

// fieldSet is a set of schema indexes.
type fieldSet [maxFields / 64]uint64

func (s *fieldSet) add(i int)      { s[i/64] |= 1 << (uint(i) % 64) }
func (s *fieldSet) has(i int) bool { return s[i/64]&(1<<(uint(i)%64)) != 0 }
func (s *fieldSet) del(i int)      { s[i/64] &^= 1 << (uint(i) % 64) }

// missingFrom reports whether s holds a field that present lacks.
func (s *fieldSet) missingFrom(present *fieldSet) bool {
	return s[0]&^present[0]|s[1]&^present[1]|s[2]&^present[2]|s[3]&^present[3] != 0
}

// missingFrom reads the four words of a fieldSet: this fails to compile if maxFields changes.
var _ = [1]struct{}{}[len(fieldSet{})-4]

func (s fieldSet) intersects(o fieldSet) bool {
	for i := range s {
		if s[i]&o[i] != 0 {
			return true
		}
	}
	return false
}
