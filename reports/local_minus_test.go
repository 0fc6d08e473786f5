package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lapmonitor/lap/reports/locale"
)

// TestLocalMinus: a negative count in a French or Spanish cell ("-1", a what-if or eval
// change) takes the locale's minus sign, as the column's other numbers do ("−3,90"), where it
// kept the hyphen; a range of years and a positive count are left as they are.
func TestLocalMinus(t *testing.T) {
	for _, l := range []locale.Lang{locale.French, locale.Spanish} {
		loc := locale.For(l)
		assert.Equal(t, loc.Number(-1, 0), localNumbers(loc, "-1"), l)
		assert.Equal(t, loc.Number(-3.9, 2), localNumbers(loc, "-3.90"), l)
		assert.Equal(t, "2021-2026", localNumbers(loc, "2021-2026"), l)
		assert.Equal(t, "+1", localNumbers(loc, "+1"), l)
		assert.Equal(t, "12", localNumbers(loc, "12"), l)
	}
	assert.Equal(t, "\u22121", localNumbers(locale.For(locale.French), "-1"), "French writes U+2212")
	assert.Equal(t, "-1", FormatIn(locale.For(locale.English), "-1"), "English is left as it is")
}
