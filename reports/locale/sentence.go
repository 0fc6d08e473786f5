package locale

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Sentence writes a sentence of the engine (engine.Sentence: an obligation's status, a
// projection's reason, a direction of travel, ...) in the locale's language, from the
// catalogue's engine messages (catalog/engine.LANG.toml; the English file is generated from
// engine.Messages, so that English through the catalogue is the engine's own English). Its
// values are formatted by the locale: numbers, amounts with their unit, dates with their
// precision, State names. A message the catalogue lacks gives the engine's English.
func (l *Locale) Sentence(s engine.Sentence) string {
	if s.IsZero() {
		return ""
	}
	form := l.cat.raw[l.lang][s.ID]
	if form == nil {
		return s.String()
	}
	data := make(map[string]any, len(s.Args))
	for _, a := range s.Args {
		data[a.Name] = l.arg(a)
	}
	if _, plural := form["one"]; plural {
		if n, ok := s.Arg("N"); ok {
			out, err := l.cat.localizers[l.lang].Localize(&i18n.LocalizeConfig{MessageID: s.ID, TemplateData: data, PluralCount: n.PluralCount()})
			if err == nil && out != "" {
				return out
			}
		}
	}
	return l.render(s.ID, "other", data)
}

// Sentences writes each of ss (Sentence).
func (l *Locale) Sentences(ss []engine.Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = l.Sentence(s)
	}
	return out
}

// arg formats one value of an engine sentence.
func (l *Locale) arg(a engine.Arg) string {
	switch a.Kind {
	case engine.ArgYear:
		return strconv.Itoa(a.Int)
	case engine.ArgInt:
		return l.Int(a.Int)
	case engine.ArgNumber:
		return l.plainNumber(a.Num, a.Dec)
	case engine.ArgPercent:
		return l.plainNumber(a.Num, a.Dec) + l.numbers.percent
	case engine.ArgAmount:
		n := l.Number(a.Num, a.Dec)
		if a.Unit == "" {
			return n
		}
		if _, ok := l.cat.raw[l.lang]["engine.unit."+a.Unit]; ok {
			return l.T("engine.unit."+a.Unit, map[string]any{"N": n})
		}
		return n + " " + a.Unit
	case engine.ArgDate:
		s, err := l.ISODate(a.Date.String())
		if err != nil {
			return a.Date.String()
		}
		return s
	case engine.ArgState:
		if _, ok := LookupState(a.Code); ok {
			return l.State(a.Code)
		}
		return a.Text
	case engine.ArgStates:
		return l.stateList(a.Items)
	case engine.ArgCode:
		return a.Text
	case engine.ArgField:
		return l.Field(a.Code)
	case engine.ArgSentence:
		if len(a.Sentences) == 0 {
			return ""
		}
		return l.Sentence(a.Sentences[0])
	case engine.ArgList:
		return l.JoinClauses(l.Sentences(a.Sentences))
	}
	return a.Text
}

// stateList writes States by name in the language's order, joined as the report lists named
// States ("Italy, Netherlands and Sweden", "Italie, Pays-Bas et Suède"): English writes the
// names the data give, as the report does; French and Spanish the names of the table.
func (l *Locale) stateList(items []engine.Arg) string {
	names := make([]string, len(items))
	for i, st := range items {
		names[i] = st.Text
		if l.lang != English || st.Text == "" {
			if _, ok := LookupState(st.Code); ok {
				names[i] = l.State(st.Code)
			}
		}
		if names[i] == "" {
			names[i] = st.Code
		}
	}
	slices.SortStableFunc(names, l.Order())
	return l.JoinAnd(names)
}

// JoinAnd lists items as the language does: "A", "A and B", "A, B and C" (catalogue list.and).
func (l *Locale) JoinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return l.T("list.and", map[string]any{"Items": strings.Join(items[:len(items)-1], ", "), "Last": items[len(items)-1]})
}

// plainNumber writes v with dec decimals and the language's decimal separator, without
// thousands separators (the engine's audit numbers: "0.8571", "0,8571").
func (l *Locale) plainNumber(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	sign, s := trimSign(s)
	if sign != "" {
		sign = l.minus()
	}
	return sign + strings.Replace(s, ".", l.numbers.decimal, 1)
}
