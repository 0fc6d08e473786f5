package locale

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lapmonitor/lap/engine"
)

// Every value of an enumerated field of the data dictionary has its words in every language
// (value.CODE), so that a reader reads "revised" or « révisé », never a code such as
// "in-progress"; and every importance of a data check has its word and its count.
func TestEnumValueWords(t *testing.T) {
	for _, lang := range []Lang{English, French, Spanish} {
		l := For(lang)
		for _, f := range engine.Fields() {
			for _, v := range f.Enum {
				assert.True(t, l.Has("value."+v), "%s: no words for %s = %q (value.%s)", lang, f.Name, v, v)
			}
		}
		for _, i := range engine.Importances {
			assert.True(t, l.Has("report.importance."+string(i)), "%s: importance %s", lang, i)
			assert.True(t, l.Has("report.importance-count."+string(i)), "%s: importance %s", lang, i)
		}
	}
	assert.Equal(t, "législation en cours d'élaboration", For(French).T("value.in-progress"))
	assert.Equal(t, "38 avertissements", For(French).N("report.importance-count.warning", 38, nil))
	assert.Equal(t, "1 advertencia", For(Spanish).N("report.importance-count.warning", 1, nil))
}
