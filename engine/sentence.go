package engine

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/internal/thousands"
)

// Sentences the engine writes (obligation status words, projection reasons, directions of
// travel, ...) are kept twice over in one value: a Sentence is a message id and its typed
// values, and Sentence.String gives the engine's own English. Every id is declared once, with
// its English, in messages (engine/messages.go); an output in another language renders the
// same id from its catalogue (reports/locale, catalog/engine.LANG.toml, whose English file is
// generated from Messages). The engine knows nothing of other languages: it only keeps the
// facts of each sentence apart from their English.

// ArgKind says what a Sentence's value is, so that a locale can format it.
type ArgKind string

// The kinds of values.
const (
	ArgYear     ArgKind = "year"     // a year, written as is: Int
	ArgInt      ArgKind = "int"      // a whole number (a count): Int
	ArgNumber   ArgKind = "number"   // a number with Dec decimals, without thousands separators: Num
	ArgPercent  ArgKind = "percent"  // a percentage in points with Dec decimals, no separators: Num
	ArgAmount   ArgKind = "amount"   // an amount with Dec decimals and its unit (Unit: "m2", "munitions", "USD"): Num
	ArgDate     ArgKind = "date"     // a date with its precision: Date (English writes it as ISO when Code is "iso")
	ArgState    ArgKind = "state"    // a State: Code is its ISO3, Text its name in the data
	ArgStates   ArgKind = "states"   // States listed by name ("Italy, Netherlands and Sweden"): Items, each an ArgState
	ArgCode     ArgKind = "code"     // a code, never translated: Text
	ArgField    ArgKind = "field"    // a field of the data dictionary: Code is its name, Text its label
	ArgSentence ArgKind = "sentence" // a clause of its own: Sentences[0] (none: empty)
	ArgList     ArgKind = "list"     // clauses joined by "; ": Sentences
)

// Arg is one named value of a Sentence.
type Arg struct {
	Name      string
	Kind      ArgKind
	Int       int
	Num       float64
	Dec       int
	Unit      string
	Date      Date
	Code      string
	Text      string
	Sentences []Sentence
	Items     []Arg // ArgStates: the States, each an ArgState, sorted by name
}

// Sentence is a sentence or clause the engine writes: a message id (declared in Messages) and
// its values. The zero Sentence is empty.
type Sentence struct {
	ID   string
	Args []Arg
}

// IsZero reports whether the sentence is empty.
func (s Sentence) IsZero() bool { return s.ID == "" }

// Arg returns the value named name, and whether the sentence has it.
func (s Sentence) Arg(name string) (Arg, bool) {
	for _, a := range s.Args {
		if a.Name == name {
			return a, true
		}
	}
	return Arg{}, false
}

// String is the sentence in the engine's English.
func (s Sentence) String() string {
	if s.ID == "" {
		return ""
	}
	var b strings.Builder
	s.write(&b)
	return b.String()
}

func (s Sentence) write(b *strings.Builder) {
	m, ok := messageByID[s.ID]
	if !ok {
		b.WriteString("[" + s.ID + "]")
		return
	}
	pieces := m.other
	if m.One != "" {
		if n, ok := s.Arg("N"); ok && n.English() == "1" {
			pieces = m.one
		}
	}
	for _, p := range pieces {
		if p.name == "" {
			b.WriteString(p.text)
			continue
		}
		a, ok := s.Arg(p.name)
		if !ok {
			b.WriteString("[" + p.name + "]")
			continue
		}
		a.write(b)
	}
}

// English is the value as the engine's English writes it.
func (a Arg) English() string {
	var b strings.Builder
	a.write(&b)
	return b.String()
}

func (a Arg) write(b *strings.Builder) {
	switch a.Kind {
	case ArgYear:
		b.WriteString(strconv.Itoa(a.Int))
	case ArgInt:
		b.WriteString(thousands.Group(strconv.Itoa(a.Int), 4))
	case ArgNumber:
		b.WriteString(thousands.Plain(a.Num, a.Dec))
	case ArgPercent:
		b.WriteString(thousands.Plain(a.Num, a.Dec) + "%")
	case ArgAmount:
		b.WriteString(withUnit(thousands.Group(thousands.Plain(a.Num, a.Dec), 4), a.Unit))
	case ArgDate:
		if a.Code == "iso" {
			b.WriteString(a.Date.String())
		} else {
			b.WriteString(a.Date.Text())
		}
	case ArgState:
		b.WriteString(a.Text)
	case ArgStates:
		names := make([]string, len(a.Items))
		for i, st := range a.Items {
			names[i] = st.English()
		}
		sort.Strings(names)
		for i, n := range names {
			switch {
			case i == 0:
			case i == len(names)-1:
				b.WriteString(" and ")
			default:
				b.WriteString(", ")
			}
			b.WriteString(n)
		}
	case ArgCode, ArgField:
		b.WriteString(a.Text)
	case ArgSentence:
		if len(a.Sentences) > 0 {
			a.Sentences[0].write(b)
		}
	case ArgList:
		for i, s := range a.Sentences {
			if i > 0 {
				b.WriteString("; ")
			}
			s.write(b)
		}
	}
}

// PluralCount is the value as a plain number ("1", "4.4") for the plural rules of a language:
// the "N" value of a message that has a "one" form.
func (a Arg) PluralCount() string {
	switch a.Kind {
	case ArgInt, ArgYear:
		return strconv.Itoa(a.Int)
	}
	return thousands.Plain(a.Num, a.Dec)
}

// decimalsOf counts the decimals of a number written by strconv.
func decimalsOf(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// The values, built as the engine's English always wrote them.

// Values for the sentences a package of the engine's (risk) builds from the messages declared
// here: Say makes a sentence; YearArg, IntArg, CodeArg, ClauseArg and ListArg a value;
// EstimateArg an amount as EstimateText writes it; YearFracArg a fractional year with one
// decimal (2031.2).

// Say is a sentence of a declared message and its values.
func Say(id string, args ...Arg) Sentence { return say(id, args...) }

// YearArg is a year.
func YearArg(name string, y int) Arg { return yearArg(name, y) }

// IntArg is a whole number.
func IntArg(name string, n int) Arg { return intArg(name, n) }

// CodeArg is a code, never translated.
func CodeArg(name, code string) Arg { return codeArg(name, code) }

// FieldArg is a field of the data dictionary, written as its label (a locale writes the label
// in its language).
func FieldArg(name, field string) Arg { return fieldArg(name, field) }

// ClauseArg is a clause of its own.
func ClauseArg(name string, s Sentence) Arg { return clauseArg(name, s) }

// ListArg is clauses joined by "; ".
func ListArg(name string, ss []Sentence) Arg { return listArg(name, ss) }

// EstimateArg is a computed amount with its unit, to three significant digits.
func EstimateArg(name string, v float64, unit string) Arg { return estimateArg(name, v, unit) }

// YearFracArg is a fractional year with one decimal: "2031.2".
func YearFracArg(name string, v float64) Arg {
	n, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 1, 64), 64)
	return Arg{Name: name, Kind: ArgNumber, Num: n, Dec: 1}
}

// ClausesOf joins clauses with "; " as one sentence (the zero Sentence when there are none).
func ClausesOf(ss []Sentence) Sentence {
	if len(ss) == 0 {
		return Sentence{}
	}
	return say(msgClauses, listArg("Clauses", ss))
}

func say(id string, args ...Arg) Sentence { return Sentence{ID: id, Args: args} }

func yearArg(name string, y int) Arg { return Arg{Name: name, Kind: ArgYear, Int: y} }

func intArg(name string, n int) Arg { return Arg{Name: name, Kind: ArgInt, Int: n} }

func dateArg(name string, d Date) Arg { return Arg{Name: name, Kind: ArgDate, Date: d} }

// isoDateArg is a date the engine's English writes as ISO ("2025-02-28"); other languages
// write it in words.
func isoDateArg(name string, d Date) Arg { return Arg{Name: name, Kind: ArgDate, Date: d, Code: "iso"} }

func codeArg(name, code string) Arg { return Arg{Name: name, Kind: ArgCode, Text: code} }

// fieldArg is a field, which a reader sees by its label, never by its code.
func fieldArg(name, field string) Arg {
	return Arg{Name: name, Kind: ArgField, Code: field, Text: FieldLabel(field)}
}

func stateArg(name, iso3, stateName string) Arg {
	return Arg{Name: name, Kind: ArgState, Code: iso3, Text: stateName}
}

// statesArg lists States by name: codes are their ISO3 codes, name gives a State's name (nil,
// or "" for a code it does not know: the code stands for the name). The States are sorted by
// name, in byte order as the reports' English sorts names (English writes them so whatever
// their order); a locale sorts them in its own.
func statesArg(argName string, codes []string, name func(iso3 string) string) Arg {
	a := Arg{Name: argName, Kind: ArgStates, Items: make([]Arg, 0, len(codes))}
	for _, c := range codes {
		n := ""
		if name != nil {
			n = name(c)
		}
		if n == "" {
			n = c
		}
		a.Items = append(a.Items, stateArg("", c, n))
	}
	sort.SliceStable(a.Items, func(i, j int) bool { return a.Items[i].Text < a.Items[j].Text })
	return a
}

func clauseArg(name string, s Sentence) Arg {
	a := Arg{Name: name, Kind: ArgSentence}
	if !s.IsZero() {
		a.Sentences = []Sentence{s}
	}
	return a
}

func listArg(name string, ss []Sentence) Arg { return Arg{Name: name, Kind: ArgList, Sentences: ss} }

// numArg is a number as fnum writes it: whole, or up to four decimals.
func numArg(name string, v float64) Arg {
	s := fnum(v)
	n, _ := strconv.ParseFloat(s, 64)
	return Arg{Name: name, Kind: ArgNumber, Num: n, Dec: decimalsOf(s)}
}

// pctArg is a rate as pct writes it: a percentage with up to two decimals.
func pctArg(name string, v float64) Arg {
	a := numArg(name, math.Round(v*1e4)/100)
	a.Kind = ArgPercent
	return a
}

// valueArg is a value of an indicator in its unit: a percentage with up to two decimals for
// an indicator in percent (its values are in points), else a number as numArg writes it,
// with its thousands grouped.
func valueArg(name string, v float64, unit string) Arg {
	if unit != "percent" {
		a := numArg(name, v)
		a.Kind = ArgAmount // a value is an amount: its thousands grouped ("128,096")
		return a
	}
	a := numArg(name, math.Round(v*100)/100)
	a.Kind = ArgPercent
	return a
}

// amountArg is an amount as amountText writes it.
func amountArg(name string, v float64, unit string) Arg {
	s := amountNumber(v)
	n, _ := strconv.ParseFloat(s, 64)
	return Arg{Name: name, Kind: ArgAmount, Num: n, Dec: decimalsOf(s), Unit: unit}
}

// estimateArg is a computed amount as estimateText writes it (three significant digits).
func estimateArg(name string, v float64, unit string) Arg {
	return amountArg(name, roundSignificant(v, 3), unit)
}

// yearsArg is a number of years with one decimal at most: "4.4 years", "1 year".
func yearsArg(name string, v float64) Arg {
	s := trimZeros(strconv.FormatFloat(v, 'f', 1, 64))
	n, _ := strconv.ParseFloat(s, 64)
	return clauseArg(name, say(msgYears, Arg{Name: "N", Kind: ArgNumber, Num: n, Dec: decimalsOf(s)}))
}

// countArg is a count of years: "1 year", "3 years".
func countYearsArg(name string, n int) Arg {
	return clauseArg(name, say(msgCountYears, intArg("N", n)))
}
