package locale

import (
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// The message catalogue: catalog/en.toml (the source), catalog/fr.toml and catalog/es.toml,
// and per surface catalog/PART.en.toml, PART.fr.toml, PART.es.toml (see catalogueFiles).
//
// Library: github.com/nicksnyder/go-i18n/v2, chosen over golang.org/x/text/message and its
// catalog because its message files are plain TOML (the format of the plan files), keyed by a
// stable id with a description for the translator, which a translator edits directly and
// `goi18n merge` can extend; it applies the CLDR plural rules of each language ("one" is 0 and 1
// in French, 1 only in English and Spanish); and its named {{.Values}} let a translation change
// word order. x/text/message keys its catalogue by the English format string and builds it
// through gotext code generation, which suits a translator less. Numbers, dates and State
// names are formatted by this package before they go into a message, so go-i18n only places
// them.

//go:embed catalog/*.toml
var catalogFS embed.FS

// catalogue is the parsed message files: the go-i18n bundle for localizing, and the raw
// templates per language and id for the completeness checks.
type catalogue struct {
	localizers map[Lang]*i18n.Localizer
	raw        map[Lang]map[string]map[string]string // lang -> id -> form ("one", "other", "description") -> text
}

// pluralForms are the forms a message may carry (CLDR categories used by en, fr and es).
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

func mustLoadCatalogue(l Lang) *catalogue {
	c, err := loadCatalogue(catalogFS, l)
	if err != nil {
		panic(err) // the catalogue is embedded: a broken one fails every test at once
	}
	return c
}

// catalogueFiles lists the message files of each language: catalog/LANG.toml (the reports'
// words) and catalog/PART.LANG.toml (one part per surface: engine, serve), so that engineers
// working on different surfaces never edit the same file. Every language must have the same
// parts; a file whose name carries no known language is an error.
func catalogueFiles(fsys fs.FS) (map[Lang][]string, error) {
	entries, err := fs.ReadDir(fsys, "catalog")
	if err != nil {
		return nil, fmt.Errorf("list catalogue: %w", err)
	}
	files := map[Lang][]string{}
	parts := map[Lang][]string{}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".toml")
		part, tag := "", name
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			part, tag = name[:i], name[i+1:]
		}
		l, err := ParseLang(tag)
		if err != nil || part == "" && strings.Contains(name, ".") {
			return nil, fmt.Errorf("load catalogue: catalog/%s: the name must be LANG.toml or PART.LANG.toml with LANG en, fr or es", e.Name())
		}
		files[l] = append(files[l], "catalog/"+e.Name())
		parts[l] = append(parts[l], part)
	}
	for _, l := range Langs() {
		sort.Strings(parts[l])
	}
	for _, l := range Langs() {
		if strings.Join(parts[l], ",") != strings.Join(parts[English], ",") {
			return nil, fmt.Errorf("load catalogue: %s has the parts %q, English %q: every language has the same files", l, parts[l], parts[English])
		}
	}
	return files, nil
}

// loadCatalogue parses the message files of langs (every language when none is given). A
// language's messages are looked up in its own files only (a missing one gives "[id]", never
// the English), so that a run in one language parses that language's files and no others:
// the catalogue is a sixth of lap's start-up time per language.
func loadCatalogue(fsys fs.FS, langs ...Lang) (*catalogue, error) {
	bundle := i18n.NewBundle(English.Tag())
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &catalogue{localizers: map[Lang]*i18n.Localizer{}, raw: map[Lang]map[string]map[string]string{}}
	files, err := catalogueFiles(fsys)
	if err != nil {
		return nil, err
	}
	if len(langs) == 0 {
		langs = Langs()
	}
	for _, l := range langs {
		raw := map[string]map[string]string{}
		from := map[string]string{}
		for _, name := range files[l] {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("load catalogue: %w", err)
			}
			part, err := decodeCatalogueFile(data)
			if err != nil {
				return nil, fmt.Errorf("load catalogue %s: %w", name, err)
			}
			msgs := make([]*i18n.Message, 0, len(part))
			for id, m := range part {
				if prev, dup := from[id]; dup {
					return nil, fmt.Errorf("load catalogue %s: message %q is defined in %s too", name, id, prev)
				}
				for _, f := range pluralForms {
					if text, ok := m[f]; ok {
						m[f] = typeset(l, text) // French spacing (typography.go)
					}
				}
				from[id] = name
				raw[id] = m
				msgs = append(msgs, &i18n.Message{ID: id, Description: m["description"], Zero: m["zero"], One: m["one"], Two: m["two"],
					Few: m["few"], Many: m["many"], Other: m["other"]})
			}
			if err := bundle.AddMessages(l.Tag(), msgs...); err != nil {
				return nil, fmt.Errorf("load catalogue %s: %w", name, err)
			}
		}
		if err := bundle.AddMessages(l.Tag(), pluralProbe); err != nil {
			return nil, fmt.Errorf("load catalogue: %w", err)
		}
		c.raw[l] = raw
		c.localizers[l] = i18n.NewLocalizer(bundle, string(l))
	}
	return c, nil
}

// T returns the message id in the locale's language, with data (a map of already formatted
// values) filled in. An id the catalogue lacks gives "[id]", which the catalogue tests and the
// English-string scan of the reports catch; it never panics.
func (l *Locale) T(id string, data ...map[string]any) string {
	var d map[string]any
	if len(data) > 0 {
		d = data[0]
	}
	if len(d) == 0 && l.plain != nil {
		// a message without values is the same text every time: the reports ask for the
		// same words for every State, so it is looked up once
		if s, ok := l.plain.Load(id); ok {
			return s.(string)
		}
		s := l.localize(&i18n.LocalizeConfig{MessageID: id})
		l.plain.Store(id, s)
		return s
	}
	if l.fastCaches != nil {
		if f := l.form(id, "other"); f != nil {
			if s, ok := f.fill(d); ok {
				return s
			}
		}
	}
	return l.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: d})
}

// N returns the message id in the plural form that count takes in the locale's language. data
// gets "N", count formatted as a whole number, unless it already has one.
func (l *Locale) N(id string, count int, data map[string]any) string {
	d := map[string]any{"N": l.Int(count)}
	for k, v := range data {
		d[k] = v
	}
	if s, ok := l.fast(id, count, d); ok {
		return s
	}
	s, err := l.cat.localizers[l.lang].Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: count})
	if err == nil && s != "" {
		return s
	}
	// CLDR gives French and Spanish a "many" form (1 000 000 and the like) that the catalogue
	// need not spell out: the "other" form stands in for any form a message lacks.
	return l.render(id, "other", d)
}

// plural is N for a count that need not be whole, given as a plain number ("0.5"), whose
// plural form the language's rules choose; data is used as is.
func (l *Locale) plural(id, count string, data map[string]any) string {
	if s, ok := l.fast(id, count, data); ok {
		return s
	}
	s, err := l.cat.localizers[l.lang].Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err == nil && s != "" {
		return s
	}
	return l.render(id, "other", data)
}

// fast is the message id in the plural form count takes, filled in without go-i18n (see
// simpleForm) when it can be; ok is false when it cannot, and the caller asks go-i18n.
func (l *Locale) fast(id string, count any, data map[string]any) (string, bool) {
	if l.fastCaches == nil {
		return "", false
	}
	form, ok := l.pluralForm(count)
	if !ok {
		return "", false
	}
	f := l.form(id, form)
	if f == nil {
		return "", false
	}
	return f.fill(data)
}

// render gives one form of a message with data's values in place, as executing its template
// directly gives it (renderTemplate): a form of {{.Name}} actions only is filled in without
// parsing it again (simpleForm); anything fill leaves goes to the template. The engine's
// sentences of a report go through here, thousands of them (TestRenderFast).
func (l *Locale) render(id, form string, data map[string]any) string {
	if l.fastCaches != nil {
		if f := l.form(id, form); f != nil {
			if s, ok := f.fill(data); ok {
				return s
			}
		}
	}
	return l.renderTemplate(id, form, data)
}

// renderTemplate executes one form of a message's template directly.
func (l *Locale) renderTemplate(id, form string, data map[string]any) string {
	src, ok := l.cat.raw[l.lang][id][form]
	if !ok {
		return "[" + id + "]"
	}
	tmpl, err := template.New(id).Option("missingkey=error").Parse(src)
	if err != nil {
		return "[" + id + "]"
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return "[" + id + "]"
	}
	return b.String()
}

func (l *Locale) localize(cfg *i18n.LocalizeConfig) string {
	s, err := l.cat.localizers[l.lang].Localize(cfg)
	if err != nil || s == "" {
		return "[" + cfg.MessageID + "]"
	}
	return s
}

// Status returns a progress status word ("achieved", "on-track", ...) in the language: the
// engine's status names are the catalogue's "status." ids.
func (l *Locale) Status(name string) string { return l.T("status." + name) }

// Message is one message of the catalogue: its id and its forms ("one", "other") in one
// language.
type Message struct {
	ID    string
	Forms map[string]string
}

// Messages lists the catalogue's messages in a language, sorted by id.
func Messages(lang Lang) []Message {
	raw := For(lang).cat.raw[lang] // nil for an unknown language
	out := make([]Message, 0, len(raw))
	for id, m := range raw {
		forms := map[string]string{}
		for _, f := range pluralForms {
			if s, ok := m[f]; ok {
				forms[f] = s
			}
		}
		out = append(out, Message{ID: id, Forms: forms})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

var templateAction = regexp.MustCompile(`\{\{[^}]*\}\}`)

// EnglishOnly lists the English text that must not appear in an output in lang: for each
// message, the literal pieces of its English forms (the text between the {{.Values}}), trimmed,
// of at least minRunes runes, that the message's forms in lang do not contain. A test that a
// French report has no English left scans the report for these. Sorted, without duplicates.
func EnglishOnly(lang Lang, minRunes int) []string {
	if lang == English {
		return nil
	}
	english, translation := For(English).cat.raw[English], For(lang).cat.raw[lang] // nil for an unknown language
	seen := map[string]bool{}
	for id, m := range english {
		var translated strings.Builder
		for _, f := range pluralForms {
			translated.WriteString(translation[id][f] + "\x00")
		}
		for _, f := range pluralForms {
			for _, piece := range templateAction.Split(m[f], -1) {
				piece = strings.TrimSpace(strings.Trim(piece, " .,:;()"))
				if len([]rune(piece)) >= minRunes && !strings.Contains(translated.String(), piece) {
					seen[piece] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Has reports whether the catalogue has the message id in the locale's language.
func (l *Locale) Has(id string) bool {
	_, ok := l.cat.raw[l.lang][id]
	return ok
}
