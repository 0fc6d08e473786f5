package locale

import (
	"fmt"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// htmlText stands for html/template.HTML: a string kind of another type.
type htmlText string

// stringer prints itself by its String method.
type stringer struct{ v int }

func (s stringer) String() string { return fmt.Sprintf("<%d>", s.v) }

// TestFastMessages: every form of every message of the catalogue, in every language, filled
// in without go-i18n (T, N, plural) gives go-i18n's own text, for values of every kind a
// report passes (text with markup, a string of another type, whole numbers, decimals, a
// Stringer) and every plural form; a value fill does not print (nil, a pointer, a missing
// name) goes through go-i18n and gives its text too.
func TestFastMessages(t *testing.T) {
	n := 0
	values := []any{"a <b>&amp; \"c\" {{.X}}", htmlText("<em>x</em>"), 7, int64(-3), 2.5, stringer{4}, true}
	for _, lang := range Langs() {
		loc := For(lang)
		slow := loc.cat.localizers[lang]
		for _, m := range Messages(lang) {
			f := compileForm(m.Forms["other"])
			if f == nil || len(f.names) == 0 {
				continue
			}
			for vi, v := range values {
				data := map[string]any{}
				for i, name := range f.names {
					data[name] = values[(vi+i)%len(values)]
				}
				data[f.names[0]] = v
				want, err := slow.Localize(&i18n.LocalizeConfig{MessageID: m.ID, TemplateData: data})
				require.NoError(t, err)
				assert.Equal(t, want, loc.T(m.ID, data), "%s %s %v", lang, m.ID, v)
				n++
				for _, count := range []any{0, 1, 2, 5, 21, 1000000, "0.5", "1.5", "1000000"} {
					want, werr := slow.Localize(&i18n.LocalizeConfig{MessageID: m.ID, TemplateData: data, PluralCount: count})
					got, ok := loc.fast(m.ID, count, data)
					if werr == nil && want != "" {
						if ok {
							assert.Equal(t, want, got, "%s %s %v count %v", lang, m.ID, v, count)
						}
					} else {
						assert.False(t, ok, "%s %s count %v: go-i18n fails (%v), so must fast", lang, m.ID, count, werr)
					}
				}
			}
			// values fill leaves to go-i18n: the result is go-i18n's
			for _, v := range []any{nil, new(int), &stringer{1}} {
				data := map[string]any{}
				for _, name := range f.names[1:] {
					data[name] = "x"
				}
				data[f.names[0]] = v
				want, _ := slow.Localize(&i18n.LocalizeConfig{MessageID: m.ID, TemplateData: data})
				_, ok := f.fill(data)
				assert.False(t, ok)
				if want != "" {
					assert.Equal(t, want, loc.T(m.ID, data), "%s %s %#v", lang, m.ID, v)
				}
			}
			_, ok := f.fill(map[string]any{"NotAName": 1})
			assert.False(t, ok, "a missing name goes through go-i18n")
		}
	}
	require.Greater(t, n, 1000, "messages with values checked")
}

// TestCompileForm: only {{.Name}} actions are simple.
func TestCompileForm(t *testing.T) {
	f := compileForm("a {{.X}} b {{.Y1}}{{.X}}")
	require.NotNil(t, f)
	assert.Equal(t, []string{"a ", " b ", "", ""}, f.text)
	assert.Equal(t, []string{"X", "Y1", "X"}, f.names)
	s, ok := f.fill(map[string]any{"X": "x", "Y1": 2})
	assert.True(t, ok)
	assert.Equal(t, "a x b 2x", s)
	for _, src := range []string{"{{ .X }}", "{{.X | printf}}", "{{if .X}}y{{end}}", "{{.}}", "{{.X.Y}}", "a {{.X", "{{- .X}}", "{{.1X}}"} {
		assert.Nil(t, compileForm(src), src)
	}
	f = compileForm("plain")
	require.NotNil(t, f)
	s, ok = f.fill(nil)
	assert.True(t, ok)
	assert.Equal(t, "plain", s)
}

// TestRenderFast: render (an engine sentence's form with its values) gives what executing the
// form's template gives, for every form of every message in every language, with the values
// of every kind a report passes and with a value missing.
func TestRenderFast(t *testing.T) {
	n := 0
	values := []any{"a <b>&amp; \"c\" {{.X}}", "", htmlText("<em>x</em>"), 7, 2.5, stringer{4}, nil, new(int)}
	for _, lang := range Langs() {
		loc := For(lang)
		for _, m := range Messages(lang) {
			for form, src := range m.Forms {
				if form == "description" {
					continue
				}
				f := compileForm(src)
				var names []string
				if f != nil {
					names = f.names
				}
				for vi := range values {
					data := map[string]any{}
					for i, name := range names {
						data[name] = values[(vi+i)%len(values)]
					}
					assert.Equal(t, loc.renderTemplate(m.ID, form, data), loc.render(m.ID, form, data), "%s %s %s %d", lang, m.ID, form, vi)
					n++
				}
				if len(names) > 0 {
					data := map[string]any{}
					for _, name := range names[1:] {
						data[name] = "x"
					}
					assert.Equal(t, loc.renderTemplate(m.ID, form, data), loc.render(m.ID, form, data), "%s %s %s: %s missing", lang, m.ID, form, names[0])
				}
			}
		}
	}
	require.Greater(t, n, 10000)
}
