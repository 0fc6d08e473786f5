package reports

import (
	"fmt"
	htmltemplate "html/template"
	"regexp"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/lapmonitor/lap/reports/locale"
)

// The report in a language (Meta.Lang): the templates call t, tf and tn for every word of
// their own (catalogue ids of reports/locale/catalog), and the document model formats
// numbers, dates and status words with the report's Locale. The plan's texts come
// translated with the plan (engine.Plan.Translated); the data's texts (State-provided text,
// sources) are never translated.

// localeFuncs are the template functions of one language:
//
//	{{t "report.glance"}}                         a message
//	{{tf "report.parties-at" "Date" .CutOff.YearEnd}}  a message with named values
//	{{tn "count.states" .N}}                      a counted message (plural rules)
//	{{tnf "report.x" .N "Year" .Year}}            a counted message with named values
//	{{th "report.x" "Date" .AsOf}}                HTML: a message whose *emphasis*,
//	{{thn "report.x" .N "Year" .Year}}            **strong** and `code` become markup
//
// A message that carries inline markup is written once, in Markdown's spelling: report.md
// shows it as it is (tf, tnf), report.html through th and thn, which escape the text first.
func localeFuncs(loc *locale.Locale) map[string]any {
	return map[string]any{
		"t":   func(id string) string { return loc.T(id) },
		"tf":  func(id string, kv ...any) string { return loc.T(id, pairs(kv)) },
		"tn":  func(id string, n int) string { return loc.N(id, n, nil) },
		"tnf": func(id string, n int, kv ...any) string { return loc.N(id, n, pairs(kv)) },
		// French spacing of punctuation the templates write (locale/typography.go)
		"semi":    loc.Semicolon,
		"colon":   loc.Colon,
		"clauses": loc.JoinClauses,
		"th":      func(id string, kv ...any) htmltemplate.HTML { return htmlT(loc, id, kv...) },
		"thn":     func(id string, n int, kv ...any) htmltemplate.HTML { return htmlTN(loc, id, n, kv...) },
		// a class mark with its meaning in the language as tooltip (writeMark)
		"markHTML": func(m markInfo) htmltemplate.HTML { return htmltemplate.HTML(markHTMLIn(loc, m)) },
	}
}

// htmlT is th: a message for an HTML page, its markup made elements and its values escaped.
func htmlT(loc *locale.Locale, id string, kv ...any) htmltemplate.HTML {
	data, values := tokens(kv)
	return inlineMarkup(loc.T(id, data), values)
}

// htmlTN is thn: htmlT of a counted message.
func htmlTN(loc *locale.Locale, id string, n int, kv ...any) htmltemplate.HTML {
	data, values := tokens(kv)
	return inlineMarkup(loc.N(id, n, data), values)
}

// pairs makes a message's named values of a template's "Name", value, ... arguments.
func pairs(kv []any) map[string]any {
	data := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			data[k] = kv[i+1]
		}
	}
	return data
}

// tokens stands a token in for each named value of a message for an HTML page, so that the
// message's own text and its values are escaped apart (inlineMarkup).
func tokens(kv []any) (map[string]any, []string) {
	data := make(map[string]any, len(kv)/2)
	var values []string
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			data[k] = "\x01" + strconv.Itoa(len(values)) + "\x02"
			values = append(values, fmt.Sprint(kv[i+1]))
		}
	}
	return data, values
}

var (
	strongRE = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	emRE     = regexp.MustCompile(`\*([^*]+)\*`)
	codeRE   = regexp.MustCompile("`([^`]+)`")
	tokenRE  = regexp.MustCompile("\x01([0-9]+)\x02")
	// markupText escapes a message's own text: quotes and apostrophes stay as the
	// template's own text had them (th and thn are used in element content only).
	markupText = strings.NewReplacer("\x00", "\uFFFD", "&", "&amp;", "<", "&lt;", ">", "&gt;")
	// valueText escapes a value as html/template escapes it in element content.
	valueText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")
)

// inlineMarkup is a message for an HTML page: its text escaped, its **strong**, *emphasis*
// and `code` made elements, then its values put in, escaped.
func inlineMarkup(s string, values []string) htmltemplate.HTML {
	s = markupText.Replace(s)
	s = strongRE.ReplaceAllString(s, "<strong>$1</strong>")
	s = emRE.ReplaceAllString(s, "<em>$1</em>")
	s = codeRE.ReplaceAllString(s, "<code>$1</code>")
	if len(values) > 0 {
		s = tokenRE.ReplaceAllStringFunc(s, func(tok string) string {
			i, err := strconv.Atoi(tok[1 : len(tok)-1])
			if err != nil || i >= len(values) {
				return ""
			}
			return valueText.Replace(values[i])
		})
	}
	return htmltemplate.HTML(s)
}

// placeholderFuncs declare the locale functions at parse time; each language's clone
// replaces them.
func placeholderFuncs() map[string]any { return localeFuncs(locale.For(locale.English)) }

// htmlIn and markdownIn are the report templates of each language.
var (
	htmlIn = perLang(func(l locale.Lang) *htmltemplate.Template {
		loc := locale.For(l)
		return htmltemplate.Must(htmlTemplate().Clone()).Funcs(localeFuncs(loc)).Funcs(newHTMLRows(loc).funcs())
	})
	markdownIn = perLang(func(l locale.Lang) *texttemplate.Template {
		loc := locale.For(l)
		return texttemplate.Must(markdownTemplate().Clone()).Funcs(localeFuncs(loc)).Funcs(mdRows{loc}.funcs())
	})
)

// perLang returns the function giving make(l) for each language l, made on first use (a run
// in one language makes nothing for the others: their catalogues are not even parsed); the
// zero value for an unknown language.
func perLang[T any](make func(locale.Lang) T) func(locale.Lang) T {
	made := map[locale.Lang]func() T{}
	for _, l := range locale.Langs() {
		made[l] = sync.OnceValue(func() T { return make(l) })
	}
	return func(l locale.Lang) T {
		if f, ok := made[l]; ok {
			return f()
		}
		var zero T
		return zero
	}
}

// reportLang is the language of a report: Meta.Lang, English when empty or unknown.
func reportLang(m Meta) locale.Lang {
	if _, err := locale.ParseLang(string(m.Lang)); err != nil {
		return locale.English
	}
	return m.Lang
}

// PrepareTemplates parses the templates of report.md, report.html and the country profiles in
// language l, which the first report written in l would otherwise parse on its way to the
// files. lap report calls it beside the loading of the plan and the data (about 30 ms of one
// processor that package initialisation spent before). Safe to call concurrently and more than
// once; an unknown language prepares nothing.
func PrepareTemplates(l locale.Lang) {
	htmlIn(l)
	markdownIn(l)
	profileHTMLIn(l)
	profileMarkdownIn(l)
}
