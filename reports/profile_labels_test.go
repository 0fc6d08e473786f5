package reports

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// fieldCodes finds the data dictionary's field names in a text (Markdown's escaped "\_" read
// as "_"). Names without an underscore ("year", "party") are words and are not looked for.
func fieldCodes(text string) []string {
	names := map[string]bool{}
	for _, f := range engine.Fields() {
		if strings.Contains(f.Name, "_") {
			names[f.Name] = true
		}
	}
	var out []string
	for _, w := range regexp.MustCompile(`[a-z0-9]+(?:_[a-z0-9]+)+`).FindAllString(strings.ReplaceAll(text, `\_`, "_"), -1) {
		if names[w] {
			out = append(out, w)
		}
	}
	return out
}

// A country profile shows a field to its reader by the field's label, in the profile's
// language, never by its code: the result cells ("not known (no data: ...)") and the obligation
// lines, in Markdown, HTML and text, of every State Party of the sample in English, French and
// Spanish. Only the list of facts behind the profile (a trace for checkers: field, value, file
// and line) keeps the codes.
func TestProfileShowsNoFieldCode(t *testing.T) {
	s := loadSample(t)
	sd := s.m.States
	require.NotNil(t, sd)
	profiles, unknownCells := 0, 0
	for _, lang := range locale.Langs() {
		for i, rec := range sd.Records {
			if !rec.Party {
				continue
			}
			p, err := NewStateProfileIn(lang, s.a, rec, sd.Outcomes[i])
			require.NoError(t, err)
			for _, pi := range p.Indicators {
				if len(pi.Unknown) > 0 {
					unknownCells++
				}
			}
			reader := *p
			reader.Sources = nil // the facts behind the profile keep their codes
			var md, html, txt bytes.Buffer
			require.NoError(t, WriteProfileMarkdown(&md, &reader, ProfileOptions{}))
			require.NoError(t, WriteProfileHTML(&html, &reader, ProfileOptions{}))
			require.NoError(t, WriteProfileText(&txt, &reader))
			for format, b := range map[string]*bytes.Buffer{"md": &md, "html": &html, "text": &txt} {
				assert.Empty(t, fieldCodes(b.String()), "%s %s profile (%s) shows field codes", lang, rec.ISO3, format)
				assert.True(t, utf8.Valid(b.Bytes()), "%s %s profile (%s) is not valid UTF-8", lang, rec.ISO3, format)
			}
			profiles++
		}
	}
	require.Greater(t, unknownCells, 300, "the sample's profiles have cells without data: the test looks at them")
	t.Logf("%d profiles, %d cells without data", profiles, unknownCells)

	// the codes stay where they are data: the profile's JSON and its list of facts
	p := profileOf(t, "AFG")
	var withUnknown *ProfileIndicator
	for i := range p.Indicators {
		if len(p.Indicators[i].Unknown) > 0 {
			withUnknown = &p.Indicators[i]
			break
		}
	}
	require.NotNil(t, withUnknown)
	assert.NotEmpty(t, fieldCodes(strings.Join(withUnknown.Unknown, " ")), "JSON keeps the fields' codes")
	var md bytes.Buffer
	require.NoError(t, WriteProfileMarkdown(&md, p, ProfileOptions{}))
	assert.NotEmpty(t, fieldCodes(md.String()), "the list of facts keeps the codes")
}

func TestFieldCodes(t *testing.T) {
	assert.Equal(t, []string{"art6_assistance_provided_usd", "art9_legislation"},
		fieldCodes(`no data: art6\_assistance\_provided\_usd; art9_legislation; not_a_field; year`))
	assert.Empty(t, fieldCodes("no data: international assistance provided"))
}

// capitalise works on the first letter, not the first byte: French and Spanish statuses begin
// with accented letters ("évalué ; situation peu claire").
func TestCapitalise(t *testing.T) {
	for in, want := range map[string]string{"évalué ; situation": "Évalué ; situation", "assessed": "Assessed", "": "", "ñ": "Ñ", "1 of 2": "1 of 2"} {
		assert.Equal(t, want, capitalise(in), in)
	}
}

// TestProfileDeadlinesLabel: the country profile heads an obligation's list of deadlines for
// what it holds, the original deadline the treaty sets as well as each extension decided:
// "Deadlines", « Échéances », «Plazos», never "Deadline decisions" (the original was never
// decided); in Markdown and HTML, for Lao PDR, whose original Article 4 deadline was set in 2010.
func TestProfileDeadlinesLabel(t *testing.T) {
	s := loadSample(t)
	sd := s.m.States
	require.NotNil(t, sd)
	for lang, want := range map[locale.Lang][2]string{
		locale.English: {"- Deadlines: 1 August 2020 (original deadline, set 2010)", "Deadline decisions"},
		locale.French:  {"- Échéances\u00a0: 1er août 2020", "Décisions sur l'échéance"},
		locale.Spanish: {"- Plazos: 1 de agosto de 2020", "Decisiones sobre el plazo"},
	} {
		for i, rec := range sd.Records {
			if rec.ISO3 != "LAO" {
				continue
			}
			p, err := NewStateProfileIn(lang, s.a, rec, sd.Outcomes[i])
			require.NoError(t, err)
			var md, html bytes.Buffer
			require.NoError(t, WriteProfileMarkdown(&md, p, ProfileOptions{}))
			require.NoError(t, WriteProfileHTML(&html, p, ProfileOptions{}))
			assert.Contains(t, md.String(), want[0], lang)
			label := strings.TrimPrefix(strings.SplitN(want[0], ":", 2)[0], "- ")
			label = strings.TrimSuffix(label, "\u00a0")
			assert.Contains(t, html.String(), `<th scope="row">`+label+`</th>`, lang)
			assert.NotContains(t, md.String()+html.String(), want[1], lang)
		}
	}
}
