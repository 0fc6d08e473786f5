package locale

import (
	"encoding/csv"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const nb = "\u00a0"

func TestNumbers(t *testing.T) {
	cases := []struct {
		v      float64
		dec    int
		en, fr string
		es     string
	}{
		{1234.5, 1, "1,234.5", "1" + nb + "234,5", "1.234,5"},
		{1234567, 0, "1,234,567", "1" + nb + "234" + nb + "567", "1.234.567"},
		{999, 0, "999", "999", "999"},
		{0.25, 2, "0.25", "0,25", "0,25"},
		{-1234.56, 1, "-1,234.6", "\u22121" + nb + "234,6", "-1.234,6"}, // French: U+2212 MINUS SIGN
		{-0.04, 1, "0.0", "0,0", "0,0"},                                 // never "-0"
		{2.5, 0, "2", "2", "2"},                                         // round half to even, as strconv
		{110, 0, "110", "110", "110"},
	}
	for _, c := range cases {
		assert.Equal(t, c.en, For(English).Number(c.v, c.dec), "en %v", c.v)
		assert.Equal(t, c.fr, For(French).Number(c.v, c.dec), "fr %v", c.v)
		assert.Equal(t, c.es, For(Spanish).Number(c.v, c.dec), "es %v", c.v)
	}
	assert.Equal(t, "12,345", For(English).Int(12345))
}

func TestPercentages(t *testing.T) {
	cases := []struct {
		v          float64
		dec        int
		en, fr, es string
	}{
		{12.5, 1, "12.5%", "12,5" + nb + "%", "12,5" + nb + "%"},
		{100, 0, "100%", "100" + nb + "%", "100" + nb + "%"},
		{0, 1, "0.0%", "0,0" + nb + "%", "0,0" + nb + "%"},
	}
	for _, c := range cases {
		assert.Equal(t, c.en, For(English).Percent(c.v, c.dec))
		assert.Equal(t, c.fr, For(French).Percent(c.v, c.dec))
		assert.Equal(t, c.es, For(Spanish).Percent(c.v, c.dec))
	}
	assert.Equal(t, "+3 pp", For(English).Points(3, 0))
	assert.Equal(t, "\u22122,5 points", For(French).Points(-2.5, 1))
	assert.Equal(t, "\u221212,5"+nb+"%", For(French).Percent(-12.5, 1))
	assert.Equal(t, "-12,5"+nb+"%", For(Spanish).Percent(-12.5, 1))
	assert.Equal(t, "0 puntos porcentuales", For(Spanish).Points(0.2, 0), "no sign on a change that rounds to zero")
	// the plural form follows the number as written (CLDR: French "one" for 0 to 1.x,
	// Spanish for 1 exactly)
	assert.Equal(t, "+0,5 point", For(French).Points(0.5, 1))
	assert.Equal(t, "\u22121,5 point", For(French).Points(-1.5, 1))
	assert.Equal(t, "+2 points", For(French).Points(2, 0))
	assert.Equal(t, "+1 punto porcentual", For(Spanish).Points(1, 0))
	assert.Equal(t, "+0,5 puntos porcentuales", For(Spanish).Points(0.5, 1))
	assert.Equal(t, "-1 pp", For(English).Points(-1, 0))
}

func TestDates(t *testing.T) {
	cases := []struct {
		iso        string
		en, fr, es string
	}{
		{"2023-06-14", "14 June 2023", "14 juin 2023", "14 de junio de 2023"},
		{"2023-06-01", "1 June 2023", "1er juin 2023", "1 de junio de 2023"},
		{"2021-09-21", "21 September 2021", "21 septembre 2021", "21 de septiembre de 2021"},
		{"2024-02-29", "29 February 2024", "29 février 2024", "29 de febrero de 2024"},
		{"2023-06", "June 2023", "juin 2023", "junio de 2023"},
		{"2023-08", "August 2023", "août 2023", "agosto de 2023"},
		{"2023", "2023", "2023", "2023"},
	}
	for _, c := range cases {
		d, err := ParseISODate(c.iso)
		require.NoError(t, err, c.iso)
		assert.Equal(t, c.en, For(English).Date(d), c.iso)
		assert.Equal(t, c.fr, For(French).Date(d), c.iso)
		assert.Equal(t, c.es, For(Spanish).Date(d), c.iso)
	}
	assert.Equal(t, Month, Date{Year: 2023, Month: time.June}.Precision())
	assert.Equal(t, "", For(French).Date(Date{}))
}

type isoString string

func (s isoString) String() string { return string(s) }

func TestDateOfAndBadDates(t *testing.T) {
	d, err := DateOf(isoString("2010-08-01"))
	require.NoError(t, err)
	assert.Equal(t, Date{Year: 2010, Month: time.August, Day: 1}, d)
	d, err = DateOf(isoString(""))
	require.NoError(t, err)
	assert.True(t, d.IsZero())
	for _, bad := range []string{"2023-02-30", "2023-13", "23-06-14", "2023-6-14", "2023-06-14-01", "June 2023"} {
		_, err := ParseISODate(bad)
		assert.Error(t, err, bad)
	}
}

func TestParseLang(t *testing.T) {
	for _, l := range Langs() {
		got, err := ParseLang(string(l))
		require.NoError(t, err)
		assert.Equal(t, l, got)
		assert.Equal(t, l, For(l).Lang())
	}
	_, err := ParseLang("de")
	assert.ErrorContains(t, err, "want en, fr or es")
	assert.Equal(t, "fr", French.Tag().String())
}

// The report words through the catalogue, the pattern for wiring the writers.
func TestStatusAndObligationWords(t *testing.T) {
	want := map[string][3]string{
		"status.achieved":                {"achieved", "atteint", "alcanzado"},
		"status.on-track":                {"on track", "en bonne voie", "en buen camino"},
		"status.needs-acceleration":      {"needs acceleration", "à accélérer", "requiere aceleración"},
		"status.regressing":              {"regressing", "en recul", "en retroceso"},
		"status.no-target":               {"no target", "sans cible", "sin meta"},
		"status.insufficient-data":       {"insufficient data", "données insuffisantes", "datos insuficientes"},
		"value.not-known":                {"not known", "non connu", "no se conoce"},
		"obligation.completed-on-time":   {"completed on time", "achevé dans les délais", "cumplida dentro del plazo"},
		"obligation.completed-late":      {"completed after the deadline", "achevé après l'expiration du délai", "cumplida después del plazo"},
		"obligation.open-deadline-ahead": {"open, deadline ahead", "en cours, délai non expiré", "pendiente, plazo no vencido"},
		"obligation.open-past-deadline":  {"open, past the deadline", "en cours, délai expiré", "pendiente, plazo vencido"},
	}
	for id, w := range want {
		for i, l := range Langs() {
			assert.Equal(t, w[i], For(l).T(id), "%s %s", l, id)
		}
	}
	assert.Equal(t, "En bonne voie", Capitalize(For(French).Status("on-track")))
	assert.Equal(t, "Insufficient data", Capitalize(For(English).Status("insufficient-data")))
	assert.Equal(t, "[no.such.id]", For(French).T("no.such.id"), "a missing id shows, never panics")
}

// CLDR plural rules: French "one" takes 0 and 1, English and Spanish only 1.
func TestPlurals(t *testing.T) {
	cases := []struct {
		n          int
		en, fr, es string
	}{
		{0, "0 States Parties", "0 État partie", "0 Estados Partes"},
		{1, "1 State Party", "1 État partie", "1 Estado Parte"},
		{2, "2 States Parties", "2 États parties", "2 Estados Partes"},
		{1234, "1,234 States Parties", "1" + nb + "234 États parties", "1.234 Estados Partes"},
		// CLDR's "many" form of French and Spanish: the "other" form stands in
		{1000000, "1,000,000 States Parties", "1" + nb + "000" + nb + "000 États parties", "1.000.000 Estados Partes"},
	}
	for _, c := range cases {
		assert.Equal(t, c.en, For(English).N("count.states-parties", c.n, nil))
		assert.Equal(t, c.fr, For(French).N("count.states-parties", c.n, nil))
		assert.Equal(t, c.es, For(Spanish).N("count.states-parties", c.n, nil))
	}
	assert.Equal(t, "2 sur 5 États parties", For(French).N("count.k-of-n", 5, map[string]any{"K": "2"}))
	assert.Equal(t, "2 de 5 Estados Partes", For(Spanish).N("count.k-of-n", 5, map[string]any{"K": "2"}))
}

// A sentence with a State and a date: word order, article and date format are the language's.
func TestSentence(t *testing.T) {
	d, _ := ParseISODate("2023-06-01")
	per, _ := LookupState("PER")
	zaf, _ := LookupState("ZAF")
	got := func(l Lang, n StateName) string {
		loc := For(l)
		return loc.T("sentence.stockpile-destruction-completed", map[string]any{"State": Capitalize(n.WithArticle(l)), "Date": loc.Date(d)})
	}
	assert.Equal(t, "Peru completed the destruction of its stockpiles on 1 June 2023.", got(English, per))
	assert.Equal(t, "Le Pérou a achevé la destruction de ses stocks le 1er juin 2023.", got(French, per))
	assert.Equal(t, "L'Afrique du Sud a achevé la destruction de ses stocks le 1er juin 2023.", got(French, zaf))
	assert.Equal(t, "El Perú finalizó la destrucción de sus reservas el 1 de junio de 2023.", got(Spanish, per))
	assert.Equal(t, "Sudáfrica finalizó la destrucción de sus reservas el 1 de junio de 2023.", got(Spanish, zaf))
}

var valueName = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func names(s string) string {
	var out []string
	for _, m := range valueName.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// Every language defines every English id, no other, with the same {{.Values}} and the plural
// forms its CLDR rules need.
func TestCataloguesComplete(t *testing.T) {
	en := Messages(English)
	require.NotEmpty(t, en)
	ids := map[string]Message{}
	for _, m := range en {
		ids[m.ID] = m
		require.NotEmpty(t, m.Forms["other"], m.ID)
	}
	for _, l := range []Lang{French, Spanish} {
		got := Messages(l)
		seen := map[string]bool{}
		for _, m := range got {
			seen[m.ID] = true
			e, ok := ids[m.ID]
			if !assert.True(t, ok, "%s has %q, which English does not define", l, m.ID) {
				continue
			}
			_, plural := e.Forms["one"]
			for _, form := range []string{"one", "other"} {
				if form == "one" && !plural {
					continue
				}
				if assert.NotEmpty(t, m.Forms[form], "%s %s: form %q", l, m.ID, form) {
					assert.Equal(t, names(e.Forms["other"]), names(m.Forms[form]), "%s %s %s: values", l, m.ID, form)
				}
			}
		}
		for id := range ids {
			assert.True(t, seen[id], "%s lacks %q", l, id)
		}
	}
}

func TestEnglishOnly(t *testing.T) {
	assert.Nil(t, EnglishOnly(English, 4))
	fr := EnglishOnly(French, 4)
	assert.Contains(t, fr, "on track")
	assert.Contains(t, fr, "completed the destruction of its stockpiles on")
	assert.Contains(t, fr, "States Parties")
	assert.NotContains(t, fr, "pp", "shorter than the minimum")
	for _, s := range fr {
		assert.NotContains(t, s, "{{", s)
	}
	assert.Equal(t, fr, EnglishOnly(French, 4), "sorted and stable")
}

// Every State of the sample data has a name in the three languages; a name not confirmed
// against a UN source is marked.
func TestStateNamesComplete(t *testing.T) {
	f, err := os.Open("../../testdata/sample/states.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 198)
	// where the sample's English name differs from the UNTERM short name in the table
	differs := map[string]string{"CZE": "Czech Republic", "GBR": "United Kingdom", "MDA": "Moldova"}
	for _, r := range rows[1:] {
		iso3, name := r[0], r[1]
		n, ok := LookupState(iso3)
		if !assert.True(t, ok, "%s has no names", iso3) {
			continue
		}
		for _, l := range Langs() {
			assert.NotEmpty(t, n.In(l), "%s %s", iso3, l)
		}
		if want, ok := differs[iso3]; ok {
			assert.Equal(t, want, name, iso3)
		} else {
			assert.Equal(t, name, n.In(English), "%s: English name of the sample", iso3)
		}
		if !n.Checked() {
			assert.NotEmpty(t, n.Note, "%s: an unchecked name says why", iso3)
		}
	}
	assert.Len(t, StateCodes(), 197)
	var unchecked []string
	for _, c := range StateCodes() {
		if n, _ := LookupState(c); !n.Checked() {
			unchecked = append(unchecked, c)
		}
	}
	assert.Equal(t, []string{"MKD", "SWZ", "TUR"}, unchecked)
	assert.Equal(t, "Pérou", For(French).State("PER"))
	assert.Equal(t, "XXX", For(French).State("XXX"))
	civ, _ := LookupState("CIV")
	assert.Equal(t, "la Côte d'Ivoire", civ.WithArticle(French))
	assert.Equal(t, "Côte d'Ivoire", civ.WithArticle(English))
}

func TestParseStateNamesRejects(t *testing.T) {
	head := strings.Join(stateNamesHeader, ",") + "\n"
	for _, bad := range []string{
		"iso3,en\n",
		head + "per,Peru,Pérou,le,Perú,el,unterm,\n",
		head + "PER,Peru,,le,Perú,el,unterm,\n",
		head + "PER,Peru,Pérou,le,Perú,el,wikipedia,\n",
		head + "PER,Peru,Pérou,le,Perú,el,unterm,\nPER,Peru,Pérou,le,Perú,el,unterm,\n",
	} {
		_, err := parseStateNames(strings.NewReader(bad))
		assert.Error(t, err, bad)
	}
}

// Same inputs, same bytes, also from many goroutines at once.
func TestReproducible(t *testing.T) {
	render := func() string {
		var b strings.Builder
		for _, l := range Langs() {
			loc := For(l)
			d, _ := ParseISODate("2023-06-14")
			b.WriteString(loc.Number(1234.5, 1) + loc.Percent(12.5, 1) + loc.Date(d) + loc.N("count.states", 3, nil) + loc.State("CIV"))
		}
		return b.String()
	}
	want := render()
	done := make(chan string, 8)
	for i := 0; i < 8; i++ {
		go func() { done <- render() }()
	}
	for i := 0; i < 8; i++ {
		assert.Equal(t, want, <-done)
	}
}
