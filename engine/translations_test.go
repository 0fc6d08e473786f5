package engine

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/indicators"
)

// testFrench is a complete French translation of the test plan, each entry stamped with the
// fingerprint of the English it translates.
var testFrench = fmt.Sprintf(`language = "fr"
name = "Français"
status = "unofficial"
notice = "Traduction non officielle."

[plan]
source = %q
name = "Plan d'essai"

[section.universalization]
source = %q
title = "Universalisation"

[section.transparency]
source = %q
title = "Transparence"

[action.1]
source = %q
title = "Adhérer à la Convention"

[indicator."1.1"]
source = %q
title = "États parties"
definition = "Nombre d'États parties."

[action.2]
source = %q
title = "Faire rapport dans les délais"

[indicator."2.1"]
source = %q
title = "Rapports annuels dans les délais"
definition = "Proportion des États parties redevables d'un rapport qui l'ont présenté dans les délais."

[indicator."2.2"]
source = %q
title = "Superficie dépolluée"
definition = "Superficie dépolluée par les États ayant une obligation."
`,
	TextFingerprint("Test plan", ""),
	TextFingerprint("Universalization"),
	TextFingerprint("Transparency"),
	TextFingerprint("Join the Convention", "", ""),
	TextFingerprint("States Parties", "Number of States Parties.", ""),
	TextFingerprint("Report on time", "", ""),
	TextFingerprint("Annual reports on time", "Share of States Parties owing a report that sent it on time.", ""),
	TextFingerprint("Area cleared", "Area cleared by States with an obligation.", ""))

func planWithTranslation(files map[string]string) fstest.MapFS {
	fsys := testPlanFS()
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func warnings(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	reports, err := Check(fsys)
	require.NoError(t, err, "translation problems are warnings, never errors")
	var out []string
	for _, fr := range reports {
		for _, d := range fr.Diagnostics {
			assert.Equal(t, SeverityWarning, d.Severity, d.Error())
			out = append(out, d.Error())
		}
	}
	return out
}

func TestTranslationComplete(t *testing.T) {
	fsys := planWithTranslation(map[string]string{"lang/fr.toml": testFrench})
	assert.Empty(t, warnings(t, fsys))
	p, err := Load(fsys)
	require.NoError(t, err)
	assert.Equal(t, []string{"fr"}, p.Languages())
	tr, ok := p.Translation("fr")
	require.True(t, ok)
	assert.Equal(t, TranslationUnofficial, tr.Status)
	assert.Equal(t, "lang/fr.toml", tr.File)
	assert.Len(t, tr.SHA256, 64)
	assert.Empty(t, tr.Missing())

	fr, err := p.Translated("fr")
	require.NoError(t, err)
	assert.Equal(t, "Plan d'essai", fr.Name())
	assert.Equal(t, "Universalisation", fr.Sections()[0].Title)
	assert.Equal(t, "Adhérer à la Convention", fr.Actions()[0].Title)
	ind, ok := fr.Indicator("2.1")
	require.True(t, ok)
	assert.Equal(t, "Rapports annuels dans les délais", ind.Title)
	assert.Equal(t, "annual_report_on_time", ind.Rule.Source, "a translation changes text only")
	tag, notice := fr.Language()
	assert.Equal(t, "fr", tag)
	assert.Equal(t, "Traduction non officielle.", notice)

	// The original is untouched, and both have the same hash: a translation changes no value.
	orig, _ := p.Indicator("2.1")
	assert.Equal(t, "Annual reports on time", orig.Title)
	assert.Equal(t, "Test plan", p.Name())
	tag, notice = p.Language()
	assert.Empty(t, tag+notice)
	assert.Equal(t, p.Hash(), fr.Hash())
	base, err := Load(testPlanFS())
	require.NoError(t, err)
	assert.Equal(t, base.Hash(), p.Hash(), "translation files are not part of the plan hash")

	_, err = p.Translated("es")
	assert.ErrorContains(t, err, `no "es" translation`)
}

func TestTranslationWarnings(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(string) string
		extra map[string]string
		want  []string // substrings of the one-line diagnostics, in order
	}{
		{
			name: "indicator without entry, reported at the plan's line",
			edit: func(s string) string { return cut(s, `[indicator."2.2"]`, 4) },
			want: []string{`a02.toml:22: 2.2: translation-missing: indicator 2.2 has no "fr" translation in lang/fr.toml`},
		},
		{
			name: "entry for an indicator the plan lacks, at the translation's line",
			edit: func(s string) string { return s + "\n[indicator.\"2.9\"]\ntitle = \"x\"\ndefinition = \"y\"\n" },
			want: []string{`lang/fr.toml:41: translation-orphan: the plan has no indicator "2.9"`},
		},
		{
			name: "entry lacking a text",
			edit: func(s string) string {
				return strings.Replace(s, "definition = \"Nombre d'États parties.\"\n", "", 1)
			},
			want: []string{`a01.toml:7: 1.1: translation-missing: indicator 1.1 definition has no "fr" translation`},
		},
		{
			name: "a text the plan does not have",
			edit: func(s string) string {
				return strings.Replace(s, "[action.1]\n", "[action.1]\ndescription = \"Texte.\"\n", 1)
			},
			want: []string{`lang/fr.toml:18: translation-orphan: action 1 has a description here but none in a01.toml`},
		},
		{
			name: "missing section and unknown action",
			edit: func(s string) string {
				return strings.Replace(cut(s, "[section.transparency]", 3), "[action.2]", "[action.7]", 1)
			},
			want: []string{
				`a02.toml:1: translation-missing: action 2 has no "fr" translation`,
				`plan.toml:16: translation-missing: section transparency has no "fr" translation`,
				`lang/fr.toml:24: translation-orphan: the plan has no action 7`,
			},
		},
		{
			name:  "stale: the English definition changed since the translation",
			edit:  func(s string) string { return s },
			extra: map[string]string{"a01.toml": strings.Replace(testAction1, "Number of States Parties.", "Number of States Parties at year end.", 1)},
			want:  []string{`lang/fr.toml:22: translation-stale: indicator 1.1 was translated from another English text`},
		},
		{
			name: "stale: no source fingerprint",
			edit: func(s string) string {
				return strings.Replace(s, "source = \""+TextFingerprint("Transparency")+"\"\n", "", 1)
			},
			want: []string{`lang/fr.toml:14: translation-stale: section transparency has no source fingerprint`},
		},
		{
			name: "header problems",
			edit: func(s string) string {
				s = strings.Replace(s, `language = "fr"`, `language = "es"`, 1)
				s = strings.Replace(s, `status = "unofficial"`, `status = "draft"`, 1)
				return strings.Replace(s, `notice = "Traduction non officielle."`, "colour = 1", 1)
			},
			want: []string{
				`lang/fr.toml: translation-file: notice is empty`,
				`lang/fr.toml:1: translation-file: language is "es" but the file is fr.toml`,
				`lang/fr.toml:3: translation-file: status "draft" must be "unofficial" or "official"`,
				`lang/fr.toml:4:10: unknown-key: unknown key "colour"`,
			},
		},
		{
			name: "syntax error: the translation is ignored, the plan loads",
			edit: func(s string) string { return s + "\n[indicator.\"1.1\"\n" },
			want: []string{`lang/fr.toml:42:17: toml-syntax: the translation cannot be read and is ignored`},
		},
		{
			name:  "a file name that is no language tag",
			edit:  func(s string) string { return s },
			extra: map[string]string{"lang/French.toml": testFrench},
			want:  []string{`lang/French.toml: translation-file: file name "French.toml" is not a language tag`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"lang/fr.toml": tc.edit(testFrench)}
			for k, v := range tc.extra {
				files[k] = v
			}
			got := warnings(t, planWithTranslation(files))
			require.Len(t, got, len(tc.want), strings.Join(got, "\n"))
			for i, w := range tc.want {
				assert.Contains(t, got[i], w)
			}
		})
	}
}

// A translation that lacks texts still builds: the plan's own text stands in, and Missing
// says where.
func TestTranslatedFallsBackToPlanText(t *testing.T) {
	fsys := planWithTranslation(map[string]string{"lang/fr.toml": cut(testFrench, `[indicator."2.2"]`, 4)})
	p, err := Load(fsys)
	require.NoError(t, err)
	tr, _ := p.Translation("fr")
	assert.Equal(t, []string{"indicator 2.2"}, tr.Missing())
	fr, err := p.Translated("fr")
	require.NoError(t, err)
	ind, _ := fr.Indicator("2.2")
	assert.Equal(t, "Area cleared", ind.Title)
}

// A plan with errors is not compared with its translations (the comparison would only add noise).
func TestTranslationsSkippedWhenPlanHasErrors(t *testing.T) {
	fsys := planWithTranslation(map[string]string{"lang/fr.toml": "not toml ["})
	fsys["a01.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(testAction1, `rule = 'party'`, `rule = 'partyy'`, 1))}
	reports, err := Check(fsys)
	require.Error(t, err)
	for _, fr := range reports {
		assert.NotContains(t, fr.File, "lang/")
	}
}

// cut removes the line that starts with header and the n-1 lines after it.
func cut(s, header string, n int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, header) {
			return strings.Join(append(lines[:i:i], lines[i+n:]...), "\n")
		}
	}
	panic("no " + header)
}

// A stale entry is not shown: the plan's English stands in, and Missing says so.
func TestStaleTranslationFallsBack(t *testing.T) {
	fsys := planWithTranslation(map[string]string{"lang/fr.toml": testFrench})
	fsys["a01.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(testAction1, "Number of States Parties.", "Number of States Parties at year end.", 1))}
	p, err := Load(fsys)
	require.NoError(t, err)
	tr, _ := p.Translation("fr")
	assert.Equal(t, []string{"indicator 1.1 (stale)"}, tr.Missing())
	fr, err := p.Translated("fr")
	require.NoError(t, err)
	ind, _ := fr.Indicator("1.1")
	assert.Equal(t, "Number of States Parties at year end.", ind.Definition)
	ind, _ = fr.Indicator("2.1")
	assert.Equal(t, "Rapports annuels dans les délais", ind.Title, "other entries are still used")
	reports, _ := Check(fsys)
	for _, r := range reports {
		for _, d := range r.Diagnostics {
			if d.Code == CodeTranslationStale {
				assert.Contains(t, d.Hint, `the English now reads "States Parties | Number of States Parties at year end. | "`)
				assert.Contains(t, d.Hint, fmt.Sprintf("set source = %q", TextFingerprint("States Parties", "Number of States Parties at year end.", "")))
			}
		}
	}
}

func TestTextFingerprint(t *testing.T) {
	assert.Len(t, TextFingerprint("a"), 8)
	assert.NotEqual(t, TextFingerprint("a", "b"), TextFingerprint("ab", ""), "texts are separated")
	assert.Equal(t, TextFingerprint("x", "y"), TextFingerprint("x", "y"))
}

// shippedPlanFS is a copy of the shipped plan's files that a test may change.
func shippedPlanFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(indicators.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(indicators.FS, path)
		fsys[path] = &fstest.MapFile{Data: data}
		return err
	}))
	return fsys
}

// TestTranslatedBreakdowns: a plan breakdown's title and its groups' titles come from the
// translation; a missing, stale or orphan entry is a warning with its place, and the English
// stands in where the translation is missing or stale.
func TestTranslatedBreakdowns(t *testing.T) {
	titles := func(p *Plan, key string) []string {
		for _, b := range p.Breakdowns() {
			if b.Key == key {
				out := []string{b.Title}
				for _, g := range b.Groups {
					out = append(out, g.Key+": "+g.Title)
				}
				return out
			}
		}
		return nil
	}
	english := []string{"Article 4 obligations", "article4: States with Article 4 obligations", "other: Other States"}
	for _, tc := range []struct {
		name   string
		change func(fsys fstest.MapFS)
		want   []string // the French titles
		warn   string   // a warning that must be given ("" for none)
	}{
		{"translated", func(fstest.MapFS) {},
			[]string{"obligations au titre de l'article 4", "article4: États ayant des obligations au titre de l'article 4", "other: Autres États"}, ""},
		{"missing", func(fsys fstest.MapFS) {
			f := fsys["lang/fr.toml"]
			f.Data = []byte(strings.Split(string(f.Data), "[breakdown.article4]")[0])
		}, english, `plan.toml:76: translation-missing: breakdown article4 has no "fr" translation`},
		{"stale", func(fsys fstest.MapFS) {
			f := fsys["plan.toml"]
			f.Data = []byte(strings.Replace(string(f.Data), `other = "Other States"`, `other = "All other States"`, 1))
		}, []string{"Article 4 obligations", "article4: States with Article 4 obligations", "other: All other States"},
			"translation-stale: breakdown article4 was translated from another English text"},
		{"orphan group", func(fsys fstest.MapFS) {
			f := fsys["lang/fr.toml"]
			f.Data = []byte(strings.Replace(string(f.Data), "[breakdown.article4]\n", "[breakdown.article4]\ngroup.nope = \"Aucun\"\n", 1))
		}, nil, `translation-orphan: breakdown "article4" has no group "nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := shippedPlanFS(t)
			tc.change(fsys)
			ws := strings.Join(warnings(t, fsys), "\n")
			if tc.warn == "" {
				assert.Empty(t, ws)
			} else {
				assert.Contains(t, ws, tc.warn)
			}
			p, err := Load(fsys)
			require.NoError(t, err)
			fr, err := p.Translated("fr")
			require.NoError(t, err)
			if tc.want != nil {
				assert.Equal(t, tc.want, titles(fr, "article4"))
			}
			assert.Equal(t, tc.name == "stale", titles(p, "article4")[2] == "other: All other States", "the plan as written keeps its English")
		})
	}
}

// The shipped French translation is typeset as French is (internal/typography): a no-break
// space before ; and : and inside « », though its file is typed with plain spaces; Spanish is
// left as it is (issue 18).
func TestFrenchTranslationTypeset(t *testing.T) {
	p := shippedPlan(t)
	fr, err := p.Translated("fr")
	require.NoError(t, err)
	_, notice := fr.Language()
	assert.Contains(t, notice, "lap\u00a0; il")
	texts := []string{notice, fr.Name()}
	for _, a := range fr.Actions() {
		texts = append(texts, a.Title, a.Description)
	}
	for _, s := range texts {
		for _, bad := range []string{" ;", " :", "« ", " »"} {
			assert.NotContains(t, s, bad)
		}
	}
	es, err := p.Translated("es")
	require.NoError(t, err)
	_, notice = es.Language()
	assert.NotContains(t, notice, "\u00a0;")
}

// TestTranslationsDecodedWhenAsked: Load reads the translations but decodes one only when its
// language is asked for (an English report decodes none), and what it decodes is what Check
// decodes at once; the file is read at load, so a later change of it is not seen.
func TestTranslationsDecodedWhenAsked(t *testing.T) {
	fsys := shippedPlanFS(t)
	p, err := Load(fsys)
	require.NoError(t, err)
	decoded := func(p *Plan) []string {
		var out []string
		for _, f := range p.translations.files {
			if f.decoded {
				out = append(out, f.tag)
			}
		}
		return out
	}
	require.Len(t, p.translations.files, 2)
	assert.Empty(t, decoded(p), "nothing decoded by Load")
	fr := fsys["lang/fr.toml"].Data
	fsys["lang/fr.toml"] = &fstest.MapFile{Data: []byte("not TOML")}
	_, err = p.Translated("fr")
	require.NoError(t, err, "the bytes read at load")
	assert.Equal(t, []string{"fr"}, decoded(p))
	fsys["lang/fr.toml"].Data = fr

	checked, _, err := load(fsys, true)
	require.NoError(t, err)
	assert.Equal(t, []string{"es", "fr"}, decoded(checked), "Check decodes every translation")
	assert.Equal(t, []string{"es", "fr"}, p.Languages())
	for _, tag := range p.Languages() {
		lazy, ok := p.Translation(tag)
		require.True(t, ok)
		eager, ok := checked.Translation(tag)
		require.True(t, ok)
		assert.Equal(t, eager, lazy, tag)
	}
	_, ok := p.Translation("de")
	assert.False(t, ok)
}

// TestTranslatedChecks: a data check's title and message come from the translation; a
// missing, stale or orphan entry, or a message with a placeholder the English lacks, is a
// warning with its place, and the English stands in. The message is filled by FillMessage.
func TestTranslatedChecks(t *testing.T) {
	const id = "a4-remaining-not-growing"
	check := func(p *Plan) DataCheck {
		for _, c := range p.Checks() {
			if c.ID == id {
				return c
			}
		}
		t.Fatalf("no check %s", id)
		return DataCheck{}
	}
	const english = "Remaining area does not grow without new contamination"
	const french = "La superficie restante n'augmente pas sans nouvelle contamination"
	entry := "[check.\"" + id + "\"]\n"
	for _, tc := range []struct {
		name   string
		change func(fsys fstest.MapFS)
		title  string // the French plan's title of the check
		warn   string // a warning that must be given ("" for none)
	}{
		{"translated", func(fstest.MapFS) {}, french, ""},
		{"missing", func(fsys fstest.MapFS) {
			f := fsys["lang/fr.toml"]
			f.Data = []byte(strings.Replace(string(f.Data), entry, "[check.\"gone\"]\n", 1))
		}, english, `checks/article4.toml:37: translation-missing: check ` + id + ` has no "fr" translation`},
		{"orphan", func(fsys fstest.MapFS) {
			f := fsys["lang/fr.toml"]
			f.Data = append(f.Data, "\n[check.\"nope\"]\ntitle = \"Non\"\n"...)
		}, french, `translation-orphan: the plan has no check "nope"`},
		{"stale", func(fsys fstest.MapFS) {
			f := fsys["checks/article4.toml"]
			f.Data = []byte(strings.Replace(string(f.Data), english, "Remaining area never grows without new contamination", 1))
		}, "Remaining area never grows without new contamination", "translation-stale: check " + id + " was translated from another English text"},
		{"unknown placeholder", func(fsys fstest.MapFS) {
			f := fsys["lang/fr.toml"]
			f.Data = []byte(strings.Replace(string(f.Data), "à {art4_area_remaining_m2}, et aucune", "à {art4_area_cleared_m2}, et aucune", 1))
		}, french, "translation-orphan: check " + id + "'s message shows {art4_area_cleared_m2}, which the English message does not"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := shippedPlanFS(t)
			tc.change(fsys)
			ws := strings.Join(warnings(t, fsys), "\n")
			if tc.warn == "" {
				assert.Empty(t, ws)
			} else {
				assert.Contains(t, ws, tc.warn)
			}
			p, err := Load(fsys)
			require.NoError(t, err)
			fr, err := p.Translated("fr")
			require.NoError(t, err)
			c := check(fr)
			assert.Equal(t, tc.title, c.Title)
			values := []FieldRead{{Field: "art4_area_remaining_m2", Value: 16.0}, {Field: "prev.art4_area_remaining_m2", Value: 12.0}}
			msg := FillMessage(c.Message, "Somalie", "SOM", 2022, values, func(fr FieldRead) string { return fmt.Sprint(fr.Value) })
			if tc.title == french && tc.name != "unknown placeholder" {
				assert.Equal(t, "Somalie (SOM) 2022\u00a0: la superficie restante est passée de 12 à la fin de 2021 à 16, et aucune nouvelle contamination n'est consignée en 2022", msg)
			} else {
				assert.Contains(t, msg, "Somalie (SOM) 2022: the remaining area grew from 12 at the end of 2021 to 16", "the English stands in")
			}
			if tc.name != "stale" {
				assert.Equal(t, english, check(p).Title, "the plan as written keeps its English")
			}
		})
	}
}
