package locale

import (
	"strings"

	"golang.org/x/text/collate"
)

// Order returns a comparison of names in the language's alphabetical order (CLDR collation:
// "Égypte" after "Écuador" and before "Érythrée", not after "Zimbabwe"), for sorting lists of
// State names. English keeps the byte order the reports have always used. The function is
// for one goroutine (a collator keeps buffers).
func (l *Locale) Order() func(a, b string) int {
	if l.lang == English {
		return strings.Compare
	}
	c := collate.New(l.lang.Tag())
	return c.CompareString
}
