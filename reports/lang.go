package reports

import (
	htmltemplate "html/template"
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
func localeFuncs(loc *locale.Locale) map[string]any {
	return map[string]any{
		"t": func(id string) string { return loc.T(id) },
		"tf": func(id string, kv ...any) string {
			data := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				if k, ok := kv[i].(string); ok {
					data[k] = kv[i+1]
				}
			}
			return loc.T(id, data)
		},
		"tn": func(id string, n int) string { return loc.N(id, n, nil) },
	}
}

// placeholderFuncs declare the locale functions at parse time; each language's clone
// replaces them.
var placeholderFuncs = localeFuncs(locale.For(locale.English))

// htmlIn and markdownIn are the report templates of each language.
var (
	htmlIn     = map[locale.Lang]*htmltemplate.Template{}
	markdownIn = map[locale.Lang]*texttemplate.Template{}
)

func init() {
	for _, l := range locale.Langs() {
		fm := localeFuncs(locale.For(l))
		htmlIn[l] = htmltemplate.Must(htmlTemplate.Clone()).Funcs(fm)
		markdownIn[l] = texttemplate.Must(markdownTemplate.Clone()).Funcs(fm)
	}
}

// reportLang is the language of a report: Meta.Lang, English when empty or unknown.
func reportLang(m Meta) locale.Lang {
	if _, err := locale.ParseLang(string(m.Lang)); err != nil {
		return locale.English
	}
	return m.Lang
}
