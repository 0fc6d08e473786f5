package locale

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// The names of the States in English, French and Spanish: states.csv, one row per State (the
// 197 States of the sample data), with the French and Spanish article the name takes in a
// sentence and the source of the names:
//
//	unterm     the UN terminology database (UNTERM) short names, as reproduced in the
//	           UNTERM columns of the datasets/country-codes table (commit 060e8c0); the
//	           articles are UNTERM's
//	m49        the UN Statistics Division's M49 names in the same table, where its UNTERM
//	           columns are out of date
//	unchecked  written from a later UN change of name and not confirmed against any source
//
// An unchecked name is never presented as official: StateName.Checked is false and its Note
// says why.

//go:embed states.csv
var statesCSV string

// Name sources.
const (
	SourceUNTERM    = "unterm"
	SourceM49       = "m49"
	SourceUnchecked = "unchecked"
)

// StateName is one State's name in the three languages.
type StateName struct {
	ISO3   string
	names  map[Lang]string
	art    map[Lang]string
	Source string // unterm, m49 or unchecked
	Note   string
}

// Checked reports whether the names were confirmed against a UN source.
func (n StateName) Checked() bool { return n.Source != SourceUnchecked }

// In returns the name in a language: "Pérou".
func (n StateName) In(l Lang) string { return n.names[l] }

// Article returns the article the name takes in a language ("le", "la", "l'", "les", "el", "la",
// "los", "las"), or "" for none.
func (n StateName) Article(l Lang) string { return n.art[l] }

// WithArticle returns the name with its article, as it stands in a sentence: "le Pérou",
// "l'Afrique du Sud", "el Perú", "Bulgaria". English names take none.
func (n StateName) WithArticle(l Lang) string {
	a := n.art[l]
	switch {
	case a == "":
		return n.names[l]
	case strings.HasSuffix(a, "'"):
		return a + n.names[l]
	}
	return a + " " + n.names[l]
}

// Of returns "of" and the name as a sentence joins them, with the contractions of the language:
// "du Liban", "de l'Allemagne", "de la France", "des Pays-Bas", "d'Israël", "de Cuba";
// "del Perú", "de Alemania", "de los Países Bajos"; "of Lebanon".
func (n StateName) Of(l Lang) string {
	name, a := n.names[l], n.art[l]
	switch l {
	case French:
		switch a {
		case "le":
			return "du " + name
		case "les":
			return "des " + name
		case "":
			if r, _ := utf8.DecodeRuneInString(name); strings.ContainsRune("AEIOUYÉÈÊÎÔÂaeiouy", r) {
				return "d'" + name
			}
			return "de " + name
		}
		return "de " + n.WithArticle(l)
	case Spanish:
		if a == "el" {
			return "del " + name
		}
		return "de " + n.WithArticle(l)
	}
	return "of " + name
}

// stateNames is read on first use, not at package initialisation, which runs before lap's main
// on one processor whatever the command.
var stateNames = sync.OnceValue(func() map[string]StateName { return mustParseStateNames(statesCSV) })

func mustParseStateNames(text string) map[string]StateName {
	m, err := parseStateNames(strings.NewReader(text))
	if err != nil {
		panic(err) // embedded: a broken table fails every test at once
	}
	return m
}

var stateNamesHeader = []string{"iso3", "en", "fr", "fr_article", "es", "es_article", "source", "note"}

func parseStateNames(r io.Reader) (map[string]StateName, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read state names: %w", err)
	}
	if strings.Join(head, ",") != strings.Join(stateNamesHeader, ",") {
		return nil, fmt.Errorf("read state names: header %v, want %v", head, stateNamesHeader)
	}
	out := map[string]StateName{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read state names: %w", err)
		}
		n := StateName{ISO3: rec[0], names: map[Lang]string{English: rec[1], French: rec[2], Spanish: rec[4]},
			art: map[Lang]string{French: rec[3], Spanish: rec[5]}, Source: rec[6], Note: rec[7]}
		switch {
		case len(n.ISO3) != 3 || strings.ToUpper(n.ISO3) != n.ISO3:
			return nil, fmt.Errorf("read state names: line %d: iso3 %q", line, n.ISO3)
		case rec[1] == "" || rec[2] == "" || rec[4] == "":
			return nil, fmt.Errorf("read state names: line %d: %s lacks a name", line, n.ISO3)
		case n.Source != SourceUNTERM && n.Source != SourceM49 && n.Source != SourceUnchecked:
			return nil, fmt.Errorf("read state names: line %d: source %q", line, n.Source)
		}
		if _, dup := out[n.ISO3]; dup {
			return nil, fmt.Errorf("read state names: line %d: %s twice", line, n.ISO3)
		}
		out[n.ISO3] = n
	}
}

// LookupState returns the names of a State by ISO 3166 alpha-3 code.
func LookupState(iso3 string) (StateName, bool) {
	n, ok := stateNames()[iso3]
	return n, ok
}

// StateCodes lists the ISO3 codes of the names table, sorted.
func StateCodes() []string {
	out := make([]string, 0, len(stateNames()))
	for k := range stateNames() {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// State returns a State's name in the locale's language, or the code itself when the table
// lacks it.
func (l *Locale) State(iso3 string) string {
	if n, ok := stateNames()[iso3]; ok {
		return n.In(l.lang)
	}
	return iso3
}
