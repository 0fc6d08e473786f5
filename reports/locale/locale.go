package locale

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Lang is a language of the reports: English, French or Spanish.
type Lang string

// The languages.
const (
	English Lang = "en"
	French  Lang = "fr"
	Spanish Lang = "es"
)

// Langs lists the languages in the order the Convention's documents list them.
func Langs() []Lang { return []Lang{English, French, Spanish} }

// ParseLang reads a language code: "en", "fr" or "es".
func ParseLang(s string) (Lang, error) {
	for _, l := range Langs() {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("parse language %q: want en, fr or es", s)
}

// Tag is the BCP 47 tag of the language, e.g. for <html lang>.
func (l Lang) Tag() language.Tag {
	switch l {
	case French:
		return language.French
	case Spanish:
		return language.Spanish
	}
	return language.English
}

// Locale formats numbers, percentages, dates, messages and State names in one language.
type Locale struct {
	lang    Lang
	numbers numberSymbols
	cal     calendar
	cat     *catalogue
	plain   *sync.Map // id -> message without values, once looked up (T)
	*fastCaches
}

// locales makes each language's Locale on first use: a run in English never parses the French
// and Spanish catalogues.
var locales = func() map[Lang]func() *Locale {
	out := map[Lang]func() *Locale{}
	for _, l := range Langs() {
		out[l] = sync.OnceValue(func() *Locale {
			return &Locale{lang: l, numbers: symbolsFor(l.Tag()), cal: calendars[l], cat: mustLoadCatalogue(l), plain: &sync.Map{}, fastCaches: &fastCaches{}}
		})
	}
	return out
}()

// For returns the Locale of a language; an unknown language gives English.
func For(l Lang) *Locale {
	if loc, ok := locales[l]; ok {
		return loc()
	}
	return locales[English]()
}

// Lang returns the locale's language.
func (l *Locale) Lang() Lang { return l.lang }

// Capitalize returns s with its first letter in upper case ("en bonne voie" -> "En bonne voie"),
// for a message that starts a sentence or a table cell.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Minus is the sign of a negative number a French reader reads: U+2212 MINUS SIGN, not the
// hyphen-minus a program writes ("−17 %", "−0,6 % par an"), as French typography requires.
// English and Spanish keep the hyphen-minus, their CLDR minus sign: house style
// (../shared/reference/style.md) says nothing of it, and the English outputs (results.json's
// reasons, lap explain) are written by the engine, which knows no language. Machine outputs
// (CSV, JSON values, lap validate, expressions) keep the hyphen-minus in every language.
const Minus = "\u2212"

// minus is the language's minus sign.
func (l *Locale) minus() string {
	if l.lang == French {
		return Minus
	}
	return "-"
}

// trimSign splits a formatted number into its sign ("-" or "") and its digits.
func trimSign(s string) (sign, rest string) {
	if strings.HasPrefix(s, "-") {
		return "-", s[1:]
	}
	return "", s
}
