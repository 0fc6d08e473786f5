package locale

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTypeset(t *testing.T) {
	const n = "\u00a0"
	for _, c := range []struct{ in, want string }{
		{"obligation permanente ; selon les rapports : {{.Reported}}", "obligation permanente" + n + "; selon les rapports" + n + ": {{.Reported}}"},
		{"a; b", "a" + n + "; b"},
		{"a" + n + "; b", "a" + n + "; b"},
		{"Vraiment ? Oui !", "Vraiment" + n + "? Oui" + n + "!"},
		{"statut « {{.From}} » ou «x»", "statut «" + n + "{{.From}}" + n + "» ou «" + n + "x" + n + "»"},
		{"voir http://x.org/a?b=1 et facts.csv:12", "voir http://x.org/a?b=1 et facts.csv:12"},
		{"Note: rien", "Note: rien"},
		{"fin :", "fin" + n + ":"},
		{"; au début", "; au début"},
		{" ; aucun n'avait", n + "; aucun n'avait"},
		{" : suite", n + ": suite"},
	} {
		assert.Equal(t, c.want, typeset(French, c.in), c.in)
		assert.Equal(t, c.in, typeset(Spanish, c.in), "Spanish is left as it is")
		assert.Equal(t, c.in, typeset(English, c.in), "English is left as it is")
	}
	fr, es := For(French), For(Spanish)
	assert.Equal(t, "a"+n+"; b", fr.JoinClauses([]string{"a", "b"}))
	assert.Equal(t, "a; b", es.JoinClauses([]string{"a", "b"}))
	assert.Equal(t, n+": ", fr.Colon())
	assert.Equal(t, ": ", For(English).Colon())
}

// Every French message of the catalogue is typeset: no plain space before ; : ! ? or inside
// « » survives loading.
func TestFrenchCatalogueTypeset(t *testing.T) {
	for _, m := range Messages(French) {
		for form, text := range m.Forms {
			for _, bad := range []string{" ;", " :", " !", " ?", "« ", " »"} {
				assert.NotContains(t, text, bad, "%s (%s)", m.ID, form)
			}
		}
	}
}
