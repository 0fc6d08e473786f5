// Command dictgen writes the Go forms of the engine's data dictionary from its one declaration,
// engine/dictionary.toml:
//
//   - schema_table.go: schema, the table that engine.Fields returns, and ix, the schema index of
//     every field by the name of its ruleEnv member;
//   - env_struct.go: ruleEnv, the struct every rule is compiled against and run with;
//   - derive_deps_table.go: derivedDeps, the fields and plan settings each derived field is
//     computed from, and the constants naming those plan settings (the pseudo-inputs).
//
// It runs as `go generate ./engine` (the directive is in engine/schema.go) and checks the
// dictionary before it writes anything: names unique and snake_case, every field a label (unique,
// short, lower case unless a proper name begins it, no parentheses or code), known types, scopes and
// kinds, every "from" naming a declared field or pseudo-input, no derived field depending on
// itself, input fields before derived ones. With -check it writes nothing and fails when a
// generated file differs from what the dictionary gives (CI also checks with git diff).
//
// dictgen does not import the engine: it must run when the generated files are broken.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Source is the dictionary's file name, in the engine's directory.
const Source = "dictionary.toml"

// The generated files, by name.
const (
	schemaFile = "schema_table.go"
	envFile    = "env_struct.go"
	depsFile   = "derive_deps_table.go"
)

func main() {
	dir := flag.String("dir", ".", "the engine's directory: where "+Source+" is read and the Go files are written")
	check := flag.Bool("check", false, "write nothing; fail when a generated file differs from what the dictionary gives")
	flag.Parse()
	if err := run(*dir, *check); err != nil {
		fmt.Fprintln(os.Stderr, "dictgen:", err)
		os.Exit(1)
	}
}

func run(dir string, check bool) error {
	src, err := os.ReadFile(filepath.Join(dir, Source))
	if err != nil {
		return err
	}
	files, err := generate(src)
	if err != nil {
		return fmt.Errorf("%s: %w", Source, err)
	}
	var stale []string
	for _, name := range sortedKeys(files) {
		path := filepath.Join(dir, name)
		if check {
			old, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(old, files[name]) {
				stale = append(stale, name)
			}
			continue
		}
		if err := writeFile(path, files[name]); err != nil {
			return err
		}
	}
	if len(stale) > 0 {
		return fmt.Errorf("%s out of date with %s: run `go generate ./engine`", strings.Join(stale, ", "), Source)
	}
	return nil
}

// writeFile writes data to path whole (temp file, then rename), and only when it changes.
func writeFile(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dictgen-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// dictionary is dictionary.toml.
type dictionary struct {
	Pseudo []pseudoInput `toml:"pseudo_input"`
	Groups []group       `toml:"group"`
}

// pseudoInput is a plan setting that derived fields are computed from.
type pseudoInput struct {
	Name        string `toml:"name"`
	Const       string `toml:"const"`
	Description string `toml:"description"`
}

type group struct {
	Name   string  `toml:"name"`
	Fields []field `toml:"field"`
}

// field is one field as declared; see dictionary.toml's header for the keys.
type field struct {
	Name        string    `toml:"name"`
	Label       string    `toml:"label"`
	Type        string    `toml:"type"`
	Unit        string    `toml:"unit"`
	Scope       string    `toml:"scope"`
	Kind        string    `toml:"kind"`
	Enum        []string  `toml:"enum"`
	Nilable     bool      `toml:"nilable"`
	Deadline    bool      `toml:"deadline"`
	Form        string    `toml:"form"`
	Item        string    `toml:"item"`
	From        *[]string `toml:"from"`
	Source      string    `toml:"source"`
	Description string    `toml:"description"`

	group  string
	goName string
}

func (f *field) derived() bool { return f.Scope == "derived" }

// The dictionary's words and the engine's Go names for them (engine/schema.go).
var (
	types  = map[string]string{"number": "TypeNumber", "bool": "TypeBool", "date": "TypeDate", "enum": "TypeEnum", "text": "TypeText", "int": "TypeInt"}
	scopes = map[string]string{"static": "ScopeStatic", "year": "ScopeYear", "carried": "ScopeCarried", "event": "ScopeEvent", "derived": "ScopeDerived"}
	kinds  = map[string]string{"report": "KindReport", "register": "KindRegister"}
	goType = map[string]string{"number": "float64", "bool": "bool", "date": "string", "enum": "string", "text": "string", "int": "int"}
)

var (
	snake   = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	goIdent = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	// formRef finds the forms a source names: "Form F", "Forms F, H or J", "Form H or I".
	formRef    = regexp.MustCompile(`\bForms? ([A-J](?:(?:, | or | and )[A-J])*)\b`)
	formLetter = regexp.MustCompile(`[A-J]`)
)

// forms are the values of a field's form: the cover page and header of the Article 7 report,
// or one of its Forms A to J (the format recommended at the First Meeting of States Parties).
var forms = []string{"cover", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}

// sourceForms lists the forms a source names, in order.
func sourceForms(src string) []string {
	var out []string
	for _, m := range formRef.FindAllStringSubmatch(src, -1) {
		out = append(out, formLetter.FindAllString(m[1], -1)...)
	}
	return out
}

// properStart lists the proper names a label may begin with; any other label begins in lower
// case, so that it reads inside a sentence.
var properStart = []string{"Article", "Convention", "State", "ISO3", "UN"}

// maxLabel bounds a label's length: it is a short name, not a description.
const maxLabel = 80

// checkLabel returns what is wrong with a field's label, or "".
func checkLabel(label string) string {
	first, _, _ := strings.Cut(label, " ")
	switch {
	case strings.TrimSpace(label) == "":
		return "label is empty: say in a few words what a reader is shown instead of the name"
	case label != strings.TrimSpace(label) || strings.Contains(label, "  "):
		return fmt.Sprintf("label %q has extra spaces", label)
	case len(label) > maxLabel:
		return fmt.Sprintf("label %q is longer than %d bytes: a label is a short name, the description says the rest", label, maxLabel)
	case strings.ContainsAny(label, "()[]"):
		return fmt.Sprintf("label %q has parentheses: reports put a label inside them", label)
	case strings.ContainsAny(label, "_`"):
		return fmt.Sprintf("label %q looks like a code: a label is words", label)
	case strings.HasSuffix(label, "."):
		return fmt.Sprintf("label %q ends with a period: it is a name, not a sentence", label)
	case first[0] >= 'A' && first[0] <= 'Z' && !contains(properStart, first):
		return fmt.Sprintf("label %q begins with a capital: a label is in lower case (it reads inside a sentence) unless it begins with %s", label, strings.Join(properStart, ", "))
	}
	return ""
}

// maxErrors caps the problems reported at once.
const maxErrors = 20

// generate checks the dictionary and returns the generated files by name.
func generate(src []byte) (map[string][]byte, error) {
	var d dictionary
	md, err := toml.Decode(string(src), &d)
	if err != nil {
		return nil, err
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.String()
		}
		return nil, fmt.Errorf("unknown keys: %s", strings.Join(names, ", "))
	}
	fields, err := check(&d)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for name, render := range map[string]func(*dictionary, []*field) string{
		schemaFile: renderSchema,
		envFile:    renderEnv,
		depsFile:   renderDeps,
	} {
		b, err := format.Source([]byte(render(&d, fields)))
		if err != nil {
			return nil, fmt.Errorf("format %s: %w", name, err)
		}
		out[name] = b
	}
	return out, nil
}

// check validates the dictionary and returns its fields in order, each with its group and Go
// name. It reports every problem at once (capped).
func check(d *dictionary) ([]*field, error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	pseudo := map[string]bool{}
	consts := map[string]bool{}
	for i, p := range d.Pseudo {
		switch {
		case !snake.MatchString(p.Name):
			bad("pseudo_input %d: name %q is not snake_case", i+1, p.Name)
		case pseudo[p.Name]:
			bad("pseudo_input %s: declared twice", p.Name)
		}
		if !goIdent.MatchString(p.Const) || consts[p.Const] {
			bad("pseudo_input %s: const %q is not a new exported Go name", p.Name, p.Const)
		}
		if strings.TrimSpace(p.Description) == "" {
			bad("pseudo_input %s: description is empty", p.Name)
		}
		pseudo[p.Name], consts[p.Const] = true, true
	}

	var fields []*field
	byName := map[string]*field{}
	byGo := map[string]string{}
	for gi := range d.Groups {
		g := &d.Groups[gi]
		if strings.TrimSpace(g.Name) == "" {
			bad("group %d: name is empty", gi+1)
		}
		if len(g.Fields) == 0 {
			bad("group %q: no fields", g.Name)
		}
		for fi := range g.Fields {
			f := &g.Fields[fi]
			f.group = g.Name
			if !snake.MatchString(f.Name) {
				bad("group %q, field %d: name %q is not snake_case", g.Name, fi+1, f.Name)
				continue
			}
			if byName[f.Name] != nil {
				bad("field %s: declared twice", f.Name)
				continue
			}
			if pseudo[f.Name] {
				bad("field %s: also declared as a pseudo_input", f.Name)
			}
			f.goName = goName(f.Name)
			if other, dup := byGo[f.goName]; dup {
				bad("field %s: its Go name %s is also %s's", f.Name, f.goName, other)
			}
			byGo[f.goName] = f.Name
			byName[f.Name] = f
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		bad("no fields")
	}

	seenDerived := ""
	byLabel := map[string]string{}
	for _, f := range fields {
		fail := func(format string, args ...any) { bad("field %s: "+format, append([]any{f.Name}, args...)...) }
		if msg := checkLabel(f.Label); msg != "" {
			fail("%s", msg)
		} else if other, dup := byLabel[f.Label]; dup {
			fail("label %q is also %s's: a reader must tell the fields apart", f.Label, other)
		} else {
			byLabel[f.Label] = f.Name
		}
		if _, ok := types[f.Type]; !ok {
			fail("type %q is not one of %s", f.Type, keyList(types))
		}
		if _, ok := scopes[f.Scope]; !ok {
			fail("scope %q is not one of %s", f.Scope, keyList(scopes))
		}
		if strings.TrimSpace(f.Description) == "" {
			fail("description is empty")
		}
		if f.Unit != "" && f.Type != "number" {
			fail("unit %q on a %s field: only numbers have units", f.Unit, f.Type)
		}
		if len(f.Enum) > 0 && f.Type != "enum" {
			fail("enum values on a %s field", f.Type)
		}
		if f.Type == "enum" && !f.derived() && len(f.Enum) == 0 {
			fail("an input enum field needs its values (enum = [...])")
		}
		if f.Deadline && (f.Type != "date" || f.derived()) {
			fail("deadline = true is for input date fields")
		}
		if f.Item != "" && f.Form == "" {
			fail("item %q without a form: an item is a part of a form", f.Item)
		}
		if f.Form != "" {
			switch named := sourceForms(f.Source); {
			case f.derived():
				fail("form on a derived field: only input fields come from a form")
			case !contains(forms, f.Form):
				fail("form %q is not one of %s", f.Form, strings.Join(forms, ", "))
			case len(named) > 0 && !contains(named, f.Form):
				fail("form %q, but its source names Form %s", f.Form, strings.Join(named, ", "))
			}
		} else if named := sourceForms(f.Source); len(named) > 0 {
			fail("its source names Form %s: say which in form = %q", strings.Join(named, ", "), named[0])
		}
		if f.derived() {
			if seenDerived == "" {
				seenDerived = f.Name
			}
			if f.Kind != "" {
				fail("kind %q on a derived field: derived fields have kind derived", f.Kind)
			}
			if f.Source != "" {
				fail("source on a derived field: its inputs are its from list")
			}
			if f.From == nil {
				fail("a derived field needs from = [...]: the fields and pseudo-inputs it is computed from (empty when none)")
				continue
			}
			seen := map[string]bool{}
			for _, dep := range *f.From {
				switch {
				case dep == f.Name:
					fail("from names the field itself")
				case seen[dep]:
					fail("from names %s twice", dep)
				case byName[dep] == nil && !pseudo[dep]:
					fail("from names %s, which is neither a field nor a pseudo_input%s", dep, didYouMean(dep, byName, pseudo))
				}
				seen[dep] = true
			}
			continue
		}
		if seenDerived != "" {
			fail("an input field after the derived field %s: input fields come first", seenDerived)
		}
		if _, ok := kinds[f.Kind]; !ok {
			fail("kind %q is not one of %s", f.Kind, keyList(kinds))
		}
		if f.Type == "int" {
			fail("type int is for derived fields; input numbers are type number")
		}
		if f.Nilable {
			fail("nilable on an input field: every input field can be nil (absent)")
		}
		if f.From != nil {
			fail("from on an input field: only derived fields are computed")
		}
		if strings.TrimSpace(f.Source) == "" {
			fail("an input field needs its source: where its values come from")
		}
	}
	if len(errs) == 0 {
		if cycle := findCycle(fields, byName); cycle != nil {
			bad("derived fields depend on themselves: %s", strings.Join(cycle, " -> "))
		}
	}
	if len(errs) > maxErrors {
		n := len(errs) - maxErrors
		errs = append(errs[:maxErrors], fmt.Errorf("and %d more", n))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return fields, nil
}

// findCycle returns a dependency cycle among the derived fields, or nil.
func findCycle(fields []*field, byName map[string]*field) []string {
	const (
		unseen = iota
		active
		finished
	)
	state := map[string]int{}
	var path []string
	var visit func(f *field) []string
	visit = func(f *field) []string {
		switch state[f.Name] {
		case active:
			for i, n := range path {
				if n == f.Name {
					return append(append([]string{}, path[i:]...), f.Name)
				}
			}
		case finished:
			return nil
		}
		state[f.Name] = active
		path = append(path, f.Name)
		if f.From != nil {
			for _, dep := range *f.From {
				if g := byName[dep]; g != nil && g.derived() {
					if c := visit(g); c != nil {
						return c
					}
				}
			}
		}
		path = path[:len(path)-1]
		state[f.Name] = finished
		return nil
	}
	for _, f := range fields {
		if f.derived() {
			if c := visit(f); c != nil {
				return c
			}
		}
	}
	return nil
}

// didYouMean suggests the closest declared name, for a typo in a from list.
func didYouMean(name string, byName map[string]*field, pseudo map[string]bool) string {
	best, bestD := "", 4
	try := func(n string) {
		if d := distance(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	for n := range byName {
		try(n)
	}
	for n := range pseudo {
		try(n)
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// goName is the Go name of a field's ruleEnv member: its snake_case name in CamelCase
// (art4_area_remaining_m2 gives Art4AreaRemainingM2).
func goName(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "_") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

const header = "// Code generated by dictgen from dictionary.toml. DO NOT EDIT.\n" +
	"// To change a field, edit engine/dictionary.toml and run `go generate ./engine`.\n\npackage engine\n\n"

func renderSchema(_ *dictionary, fields []*field) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("// schema is the data dictionary as the engine knows it: every input field, then every derived\n")
	b.WriteString("// field, in dictionary order. Fields returns a copy.\n")
	b.WriteString("var schema = []Field{\n")
	for _, f := range fields {
		kv := []string{"Name: " + quote(f.Name), "Label: " + quote(f.Label), "Type: " + types[f.Type]}
		if f.Unit != "" {
			kv = append(kv, "Unit: "+quote(f.Unit))
		}
		kv = append(kv, "Scope: "+scopes[f.Scope])
		if f.derived() {
			kv = append(kv, "Kind: KindDerived")
		} else {
			kv = append(kv, "Kind: "+kinds[f.Kind])
		}
		if f.Nilable {
			kv = append(kv, "Nilable: true")
		}
		kv = append(kv, "Group: "+quote(f.group))
		if len(f.Enum) > 0 {
			q := make([]string, len(f.Enum))
			for i, e := range f.Enum {
				q[i] = quote(e)
			}
			kv = append(kv, "Enum: []string{"+strings.Join(q, ", ")+"}")
		}
		if f.Source != "" {
			kv = append(kv, "Source: "+quote(f.Source))
		}
		if f.Form != "" {
			kv = append(kv, "Form: "+quote(f.Form))
		}
		if f.Item != "" {
			kv = append(kv, "Item: "+quote(f.Item))
		}
		kv = append(kv, "Description: "+quote(f.Description))
		if f.Deadline {
			kv = append(kv, "deadline: true")
		}
		fmt.Fprintf(&b, "\t{%s},\n", strings.Join(kv, ", "))
	}
	b.WriteString("}\n\n")
	b.WriteString("// ix holds the schema index of every field, by the name of its ruleEnv member.\n")
	b.WriteString("var ix = struct {\n")
	for _, f := range fields {
		fmt.Fprintf(&b, "\t%s int\n", f.goName)
	}
	b.WriteString("}{\n")
	for i, f := range fields {
		fmt.Fprintf(&b, "\t%s: %d,\n", f.goName, i)
	}
	b.WriteString("}\n")
	return b.String()
}

func renderEnv(_ *dictionary, fields []*field) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("// ruleEnv is the typed environment every expression is compiled against and run with: one State\n")
	b.WriteString("// in one year. Input fields are pointers, nil when the fact is absent (missing is not zero);\n")
	b.WriteString("// derived fields are plain values unless the data dictionary says they can be nil.\n")
	b.WriteString("type ruleEnv struct {\n")
	for _, f := range fields {
		t := goType[f.Type]
		if !f.derived() || f.Nilable {
			t = "*" + t
		}
		fmt.Fprintf(&b, "\t%s %s `expr:%s`\n", f.goName, t, quote(f.Name))
	}
	b.WriteString("}\n")
	return b.String()
}

func renderDeps(d *dictionary, fields []*field) string {
	var b strings.Builder
	b.WriteString(header)
	constOf := map[string]string{}
	if len(d.Pseudo) > 0 {
		b.WriteString("// The pseudo-inputs of the dependency table: settings of the plan that derived fields are\n")
		b.WriteString("// computed from.\n")
		b.WriteString("const (\n")
		for _, p := range d.Pseudo {
			fmt.Fprintf(&b, "\t// %s is %s\n", p.Const, strings.TrimSuffix(strings.TrimSpace(p.Description), ".")+".")
			fmt.Fprintf(&b, "\t%s = %s\n", p.Const, quote(p.Name))
			constOf[p.Name] = p.Const
		}
		b.WriteString(")\n\n")
	}
	b.WriteString("// derivedDeps maps each derived field to the fields and pseudo-inputs (*Dataset).build reads\n")
	b.WriteString("// to compute it. A States-file column is named as the derived field that exposes it, so\n")
	b.WriteString("// \"ratified\" here means the column.\n")
	b.WriteString("var derivedDeps = map[string][]string{\n")
	for _, f := range fields {
		if !f.derived() {
			continue
		}
		if len(*f.From) == 0 {
			fmt.Fprintf(&b, "\t%s: nil,\n", quote(f.Name))
			continue
		}
		q := make([]string, len(*f.From))
		for i, dep := range *f.From {
			if c, ok := constOf[dep]; ok {
				q[i] = c
			} else {
				q[i] = quote(dep)
			}
		}
		fmt.Fprintf(&b, "\t%s: {%s},\n", quote(f.Name), strings.Join(q, ", "))
	}
	b.WriteString("}\n")
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// quote writes s as a Go string literal; printable non-ASCII text stays as it is.
func quote(s string) string { return strconv.Quote(s) }

func keyList[V any](m map[string]V) string { return strings.Join(sortedKeys(m), ", ") }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
