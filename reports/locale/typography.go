package locale

import (
	"strings"

	"github.com/lapmonitor/lap/internal/typography"
)

// French typography. French puts a no-break space before the high punctuation marks ; : ! ?
// and inside guillemets (« non connu »); English and Spanish put none. lap uses U+00A0 NO-BREAK
// SPACE for all of them, not U+202F NARROW NO-BREAK SPACE: it is the space CLDR (through
// golang.org/x/text) already gives French numbers and percentages in this package ("1 234,5",
// "47 %"), so a French page has one kind of no-break space throughout; and it is in every font
// the outputs meet (Liberation Sans in the charts' PNG and SVG, the PDF printed by Chromium,
// terminals, spreadsheet cells), where the narrow one is missing from some and shows as a box
// or a wide gap. The Imprimerie nationale wants a full no-break space before the colon and
// inside guillemets, which U+00A0 is; before ; ! ? it asks for a thin one, which U+00A0 widens
// slightly.
//
// The catalogue is written with plain spaces ("Plan : {{.Name}}"), as a translator types it:
// loadCatalogue typesets the French messages once (typeset, by internal/typography, which also
// typesets the plan's French translation when the engine loads it). Code that joins words with
// punctuation asks the locale: Semicolon, Colon, JoinClauses. Values put into a message (a
// code, the data's text) are never touched.

// nbsp is the no-break space French puts before ; : ! ? and inside « », and French and Spanish
// inside numbers and before "%".
const nbsp = typography.NoBreakSpace

// Semicolon is the separator of clauses: "; ", in French "\u00a0; ".
func (l *Locale) Semicolon() string {
	if l.lang == French {
		return nbsp + "; "
	}
	return "; "
}

// Colon is a colon and the space after it: ": ", in French "\u00a0: ".
func (l *Locale) Colon() string {
	if l.lang == French {
		return nbsp + ": "
	}
	return ": "
}

// JoinClauses joins clauses with the language's semicolon.
func (l *Locale) JoinClauses(parts []string) string { return strings.Join(parts, l.Semicolon()) }

// typeset gives a text of lang the spaces its punctuation takes: French text is typeset by
// typography.French; other languages' text is returned as it is.
func typeset(lang Lang, s string) string {
	if lang != French {
		return s
	}
	return typography.French(s)
}
