// Package typography holds the one rule of French spacing lap applies wherever it writes French
// (reports/locale/typography.go says why U+00A0): the report catalogue's French messages and the
// plan's French translation are typeset by French when they are loaded.
package typography

import (
	"strings"
	"unicode"
)

// NoBreakSpace is the space French puts before ; : ! ? and inside « » (U+00A0).
const NoBreakSpace = "\u00a0"

// French gives a French text the spaces its punctuation takes: a no-break space
// before ; ! ? that end a clause (in place of a plain space, or where there was none), before a
// colon written with a space before it ("Plan : x"; a colon glued to a word is left alone:
// "http://", "facts.csv:12"), and inside « ». A clause ends at white space, the end of the text or markup (*, _, <, ")").
func French(s string) string {
	if !strings.ContainsAny(s, ";:!?«»") {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs)+8)
	noBreak := func(r rune) bool { return r == '\u00a0' || r == '\u202f' }
	endsClause := func(i int) bool {
		return i+1 == len(rs) || unicode.IsSpace(rs[i+1]) || strings.ContainsRune("*_<)", rs[i+1])
	}
	// spaceBefore puts one no-break space before the mark about to be written, in place of
	// plain spaces; none at the start of the text unless one was written there (" ; aucun", a
	// message continuing a sentence).
	spaceBefore := func() {
		spaced := len(out) > 0 && out[len(out)-1] == ' '
		for len(out) > 0 && out[len(out)-1] == ' ' {
			out = out[:len(out)-1]
		}
		if len(out) > 0 && !noBreak(out[len(out)-1]) || len(out) == 0 && spaced {
			out = append(out, '\u00a0')
		}
	}
	for i, r := range rs {
		switch {
		case (r == ';' || r == '!' || r == '?') && endsClause(i):
			spaceBefore()
		case r == ':' && endsClause(i) && len(out) > 0 && out[len(out)-1] == ' ':
			out[len(out)-1] = '\u00a0'
		case r == '»':
			spaceBefore()
		case r == '«':
			out = append(out, r)
			if i+1 < len(rs) && !noBreak(rs[i+1]) {
				out = append(out, '\u00a0')
			}
			continue
		}
		if r == ' ' && i > 0 && rs[i-1] == '«' {
			continue // the space inside « is the no-break one written above
		}
		out = append(out, r)
	}
	return string(out)
}
