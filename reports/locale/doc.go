// Package locale holds what reports need to speak English, French and Spanish: locale number,
// percentage and date formatting, the message catalogue (catalog/en.toml, fr.toml, es.toml,
// files a translator can edit) with CLDR plural rules, and the names of the 197 States in the
// three languages (states.csv, with the source of each name).
//
// A Locale is made once per report with For(lang) and is safe for concurrent use. Every
// output is a pure function of its inputs: the same call gives the same bytes.
//
//	loc := locale.For(locale.French)
//	loc.Number(1234.5, 1)                       // "1 234,5" (no-break space)
//	loc.Percent(12.5, 1)                        // "12,5 %"
//	loc.Date(locale.Date{Year: 2023, Month: 6}) // "juin 2023"
//	loc.T("status.on-track")                    // "en bonne voie"
//	loc.N("count.states-parties", 2, nil)       // "2 États parties"
//	loc.State("PER")                            // "Pérou"
//
// Numbers are rounded by strconv (round half to even on the exact binary value, as the English
// reports do today) and printed with the CLDR decimal and grouping symbols that
// golang.org/x/text gives for the language. Dates, whose precision is a day, a month or a year,
// are written in the CLDR long form of each language. Messages go through
// github.com/nicksnyder/go-i18n/v2 (see catalog.go for why). The report writers are wired
// through this package in a later phase of issue 18.
package locale
