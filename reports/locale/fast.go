package locale

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Every message of the catalogue places values with actions of one kind, {{.Name}}. go-i18n
// runs each message through text/template: parsed on first use, then executed by reflection
// into a buffer of its own for every sentence of a report (a report's words are thousands of
// them). A form made only of such actions is split once into its literal pieces and the
// names between them (simpleForm), and filled in by concatenation: the same text as
// text/template gives for a value that is a string, an integer or any other value fmt
// prints the same way. Anything else (another action, a missing name, a nil, a pointer, a
// function) goes through go-i18n as before, so that the result never differs.

// simpleForm is one form of a message split at its actions: text[0] names[0] text[1] ...
// names[n-1] text[n].
type simpleForm struct {
	text  []string
	names []string
}

// notSimple marks, in Locale.forms, a form that goes through go-i18n.
var notSimple = &simpleForm{}

// compileForm splits src at its {{.Name}} actions; nil when it holds any other action.
func compileForm(src string) *simpleForm {
	f := &simpleForm{}
	for {
		i := strings.Index(src, "{{")
		if i < 0 {
			f.text = append(f.text, src)
			return f
		}
		j := strings.Index(src[i:], "}}")
		if j < 0 {
			return nil
		}
		name, ok := strings.CutPrefix(src[i+2:i+j], ".")
		if !ok || name == "" || !isIdent(name) {
			return nil
		}
		f.text = append(f.text, src[:i])
		f.names = append(f.names, name)
		src = src[i+j+2:]
	}
}

func isIdent(s string) bool {
	for i, r := range s {
		if r != '_' && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// form returns the form ("other", "one", ...) of message id split at its actions, nil when
// the message has no such form in the locale's language or it is not simple.
func (l *Locale) form(id, form string) *simpleForm {
	key := id + "\x00" + form
	if f, ok := l.forms.Load(key); ok {
		if f == notSimple {
			return nil
		}
		return f.(*simpleForm)
	}
	var f *simpleForm
	if src, ok := l.cat.raw[l.lang][id][form]; ok {
		f = compileForm(src)
	}
	if f == nil {
		l.forms.Store(key, notSimple)
		return nil
	}
	l.forms.Store(key, f)
	return f
}

// fill gives the form with data's values in place of its actions, as text/template prints
// them; ok is false when a name is missing from data or its value is one that fill does not
// print (the caller then asks go-i18n), or the text comes out empty (which go-i18n's callers
// take as a failure).
func (f *simpleForm) fill(data map[string]any) (string, bool) {
	if len(f.names) == 0 {
		return f.text[0], f.text[0] != ""
	}
	var vals [8]string
	vs := vals[:0]
	n := 0
	for i, name := range f.names {
		v, ok := data[name]
		if !ok {
			return "", false
		}
		s, ok := printed(v)
		if !ok {
			return "", false
		}
		vs = append(vs, s)
		n += len(f.text[i]) + len(s)
	}
	n += len(f.text[len(f.names)])
	if n == 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(n)
	for i, s := range vs {
		b.WriteString(f.text[i])
		b.WriteString(s)
	}
	b.WriteString(f.text[len(vs)])
	return b.String(), true
}

// printed is a value as text/template prints it ({{.Name}} of a map[string]any: the value
// taken out of its interface, then fmt.Fprint), for the values where that is fmt.Sprint's
// text: not nil (printed "<no value>"), not a pointer (printed as what it points to), not a
// channel or a function (an error).
func printed(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int:
		return strconv.Itoa(v), true
	case nil:
		return "", false
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Pointer, reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Interface:
		return "", false
	}
	return fmt.Sprint(v), true
}

// pluralProbe is a message that every language's bundle holds (loadCatalogue) and no report
// shows: each of its forms is the form's name, without an action, so that go-i18n gives the
// plural form its rules choose for a count without executing a template.
var pluralProbe = &i18n.Message{ID: "\x00plural-form", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}

// pluralForm returns the plural form ("one", "other", ...) that count (an int, or a number
// as text) takes in the locale's language, by go-i18n's rules.
func (l *Locale) pluralForm(count any) (string, bool) {
	if f, ok := l.plurals.Load(count); ok {
		return f.(string), true
	}
	f, err := l.cat.localizers[l.lang].Localize(&i18n.LocalizeConfig{MessageID: pluralProbe.ID, PluralCount: count})
	if err != nil || f == "" {
		return "", false
	}
	l.plurals.Store(count, f)
	return f, true
}

// plurals and forms are the caches of pluralForm and form, one per Locale.
type fastCaches struct {
	forms   sync.Map // id + "\x00" + form -> *simpleForm (notSimple: through go-i18n)
	plurals sync.Map // count -> plural form
}
