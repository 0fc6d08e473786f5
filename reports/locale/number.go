package locale

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// numberSymbols are a language's decimal separator, grouping separator and percent suffix.
type numberSymbols struct {
	decimal, group, percent string
}

// symbolsFor reads the CLDR symbols of a language from golang.org/x/text by formatting a
// probe number, so that the symbols come from CLDR while rounding stays with strconv.
func symbolsFor(tag language.Tag) numberSymbols {
	p := message.NewPrinter(tag)
	probe := p.Sprint(number.Decimal(1234.5, number.MinFractionDigits(1), number.MaxFractionDigits(1)))
	// probe is "1" group "234" decimal "5"
	rest := strings.TrimPrefix(probe, "1")
	i := strings.Index(rest, "234")
	group := rest[:i]
	decimal := strings.TrimSuffix(rest[i+3:], "5")
	pct := p.Sprint(number.Percent(0.5))
	pct = strings.TrimPrefix(pct, "50")
	return numberSymbols{decimal: decimal, group: group, percent: pct}
}

// Number formats v with dec decimals (0 for a whole number) and the language's separators:
// 1234.5 is "1,234.5" in English, "1 234,5" in French (no-break space), "1.234,5" in Spanish.
// A value that rounds to zero is never "-0"; a negative one takes the language's minus sign
// (French "−1 234,5", U+2212).
func (l *Locale) Number(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	sign, s := trimSign(s)
	if sign != "" {
		sign = l.minus()
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(l.numbers.group)
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString(l.numbers.decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// PlainNumber formats v with dec decimals and the language's decimal separator, without
// thousands separators: 2500.5 is "2500.5", "2500,5", "2500,5" (an axis whose labels are all
// below 10 000).
func (l *Locale) PlainNumber(v float64, dec int) string { return l.plainNumber(v, dec) }

// Int formats a whole number: 1234 is "1,234", "1 234" or "1.234".
func (l *Locale) Int(n int) string { return l.Number(float64(n), 0) }

// leadingWords are the counts one to nine as a French or Spanish sentence begins with them.
var leadingWords = map[Lang][10]string{
	French:  {"", "Un", "Deux", "Trois", "Quatre", "Cinq", "Six", "Sept", "Huit", "Neuf"},
	Spanish: {"", "Un", "Dos", "Tres", "Cuatro", "Cinco", "Seis", "Siete", "Ocho", "Nueve"},
}

// Leading writes a count that begins a sentence. French and Spanish do not begin a sentence
// with a figure: one to nine are words, capitalised ("Un État", "Deux États"; "Un Estado");
// "Un" is the masculine form, so a message that begins with a count counts a masculine noun
// (one with a feminine noun puts the count further in). From ten, and in English (whose
// summary spells its own small numbers), the count is in figures, as Int writes it.
func (l *Locale) Leading(n int) string {
	if w, ok := leadingWords[l.lang]; ok && n >= 1 && n <= 9 {
		return w[n]
	}
	return l.Int(n)
}

// Percent formats a percentage given in percentage points (12.5 for 12.5 %), with dec decimals:
// "12.5%" in English, "12,5 %" in French and Spanish (no-break space).
func (l *Locale) Percent(points float64, dec int) string {
	return l.Number(points, dec) + l.numbers.percent
}

// Points formats a change of a percentage in percentage points, signed: "+3 pp", "+3 points",
// "+3 puntos".
func (l *Locale) Points(points float64, dec int) string {
	s := l.Number(points, dec)
	if points > 0 && strings.Trim(s, "0.,"+l.numbers.group) != "" {
		s = "+" + s
	}
	// the plural form follows the number as written: "0,5 point", "2 points"; "1 punto
	// porcentual", "0,5 puntos porcentuales"
	return l.plural("unit.percentage-points", strconv.FormatFloat(math.Abs(points), 'f', dec, 64), map[string]any{"N": s})
}
