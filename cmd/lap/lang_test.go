package main

import (
	"encoding/json"
	htmlpkg "html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/locale"
)

// --lang is one flag with one check on every command that speaks: an unknown language is a
// usage error naming the three.
func TestLangFlagRefused(t *testing.T) {
	for _, args := range [][]string{
		{"plan"},
		{"eval", "--data", "../../testdata/sample", "--year", "2024"},
		{"profile", "LAO", "--data", "../../testdata/sample", "--year", "2024"},
		{"explain", "12.2", "--data", "../../testdata/sample", "--year", "2024"},
		{"whatif", "--data", "../../testdata/sample", "--year", "2024", "--set", "KEN.ratified=2024-03-01"},
		{"report", "--data", "../../testdata/sample", "--year", "2024", "--out", filepath.Join(t.TempDir(), "r")},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, _, errOut := lap(t, append(args, "--lang", "de")...)
			assert.Equal(t, 2, code)
			assert.Contains(t, errOut, `--lang "de": want one of en, fr, es`)
		})
	}
}

// eval --lang fr: the table's heads, lines and status words in French, the plan's titles from
// its unofficial translation, with the notice saying so.
func TestEvalTableFrench(t *testing.T) {
	code, out, errOut := lap(t, "eval", "--data", "../../testdata/sample", "--year", "2024", "--lang", "fr")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Traduction non officielle")
	assert.Contains(t, out, "Année 2024")
	assert.Contains(t, out, "ÉTAT DU PROGRÈS")
	assert.Contains(t, out, "à accélérer")
	assert.Contains(t, out, "Destruction et conservation des stocks (article 3)")
	assert.NotContains(t, out, "needs-acceleration")
}

// whatif --lang es --format json: the keys stay English, the sentences are Spanish and the
// language is named.
func TestWhatIfJSONSpanish(t *testing.T) {
	code, out, errOut := lap(t, "whatif", "--data", "../../testdata/sample", "--year", "2024", "--lang", "es", "--format", "json",
		"--event", "Lebanon complete-clearance 2025-06-30")
	require.Equal(t, 0, code, errOut)
	var got struct {
		Lang      string `json:"lang"`
		Scenarios []struct {
			Text struct {
				Summary string `json:"summary"`
			} `json:"text"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, "es", got.Lang)
	require.Len(t, got.Scenarios, 1)
	assert.Contains(t, got.Scenarios[0].Text.Summary, "Si el Líbano")
}

// report --lang: report.html carries the language in its lang attribute.
func TestReportHTMLLang(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "r")
			code, _, errOut := lap(t, "report", "--data", "../../testdata/sample", "--year", "2024", "--lang", lang,
				"--formats", "html", "--charts", "none", "--out", dir)
			require.Equal(t, 0, code, errOut)
			b, err := os.ReadFile(filepath.Join(dir, "report.html"))
			require.NoError(t, err)
			assert.Contains(t, string(b), `<html lang="`+lang+`">`)
		})
	}
}

// The report in French and Spanish: goldens of report.html and report.md (charts left out:
// their SVG is checked by the reports package), the same bytes on a second run, and no
// English left of the catalogue's words that the report uses.
func TestReportLanguages(t *testing.T) {
	for _, lang := range []locale.Lang{locale.French, locale.Spanish} {
		t.Run(string(lang), func(t *testing.T) {
			write := func() string {
				dir := filepath.Join(t.TempDir(), "r")
				code, _, errOut := lap(t, "report", "--data", "../../testdata/sample", "--year", "2024", "--lang", string(lang),
					"--formats", "md,html,csv,json", "--charts", "svg", "--out", dir)
				require.Equal(t, 0, code, errOut)
				return dir
			}
			dir := write()
			assert.Equal(t, hashTree(t, dir), hashTree(t, write()), "byte-reproducible in %s", lang)
			html, err := os.ReadFile(filepath.Join(dir, "report.html"))
			require.NoError(t, err)
			md, err := os.ReadFile(filepath.Join(dir, "report.md"))
			require.NoError(t, err)
			golden(t, "report-"+string(lang)+".html", string(html))
			golden(t, "report-"+string(lang)+".md", string(md))

			heads := structureText(string(html))
			require.NotEmpty(t, reportEnglish(lang), "nothing to look for")
			for _, en := range reportEnglish(lang) {
				assert.NotContains(t, heads, en, "English left in the headings, table heads, captions or labels of the %s report", lang)
			}
			text := visibleText(string(html))
			// the words a reader sees first
			loc := locale.For(lang)
			for _, id := range []string{"report.at-a-glance", "report.obligations", "report.coverage", "report.method", "status.on-track", "chart.status-title"} {
				want := loc.T(id, map[string]any{"Year": "2024"})
				if id == "status.on-track" {
					want = locale.Capitalize(want)
				}
				assert.Contains(t, text, want)
			}
			// charts: titles and axes in the language
			svg, err := os.ReadFile(filepath.Join(dir, "charts", "status.svg"))
			require.NoError(t, err)
			assert.Contains(t, string(svg), loc.T("chart.indicators"))
		})
	}
}

// reportEnglish is the English of the catalogue's report, chart and cut-off messages (the
// words the report's templates and model take from the catalogue): each literal piece of at
// least 8 runes between the {{.Values}} that the language's message does not contain.
func reportEnglish(lang locale.Lang) []string {
	tr := map[string]string{}
	for _, m := range locale.Messages(lang) {
		tr[m.ID] = m.Forms["one"] + "\x00" + m.Forms["other"]
	}
	var out []string
	for _, m := range locale.Messages(locale.English) {
		if !strings.HasPrefix(m.ID, "report.") && !strings.HasPrefix(m.ID, "chart.") && !strings.HasPrefix(m.ID, "cutoff.") &&
			!strings.HasPrefix(m.ID, "content.") {
			continue
		}
		for _, piece := range regexp.MustCompile(`\{\{[^}]*\}\}`).Split(m.Forms["other"], -1) {
			piece = strings.TrimSpace(strings.Trim(piece, " .,:;()"))
			if len([]rune(piece)) >= 8 && !strings.Contains(tr[m.ID], piece) {
				out = append(out, piece)
			}
		}
	}
	return out
}

var (
	tagsRE   = regexp.MustCompile(`(?s)<style>.*?</style>|<[^>]+>`)
	spacesRE = regexp.MustCompile(`\s+`)
)

var structureRE = regexp.MustCompile(`(?s)<(h[1-4]|th|caption|figcaption|summary|title)\b[^>]*>(.*?)</(?:h[1-4]|th|caption|figcaption|summary|title)>|<div class="lbl">(.*?)</div>|<nav class="toc"[^>]*>(.*?)</nav>`)

// structureText is the text of a page's headings, table heads, captions, KPI labels and
// contents: the report's own words, which the catalogue translates. The paragraphs of the
// method, the sentences the engine writes and the data's text are not in it (see
// docs/languages.md for what stays English).
func structureText(page string) string {
	var b strings.Builder
	for _, m := range structureRE.FindAllStringSubmatch(page, -1) {
		b.WriteString(visibleText(m[2]+m[3]+m[4]) + "\n")
	}
	return b.String()
}

// visibleText is a page's text as a reader sees it (tags and the stylesheet removed).
func visibleText(page string) string {
	return spacesRE.ReplaceAllString(htmlpkg.UnescapeString(tagsRE.ReplaceAllString(page, " ")), " ")
}

// The whole page in French and Spanish: no English text of the catalogue (every message's
// English pieces of at least 8 runes that its translation lacks, locale.EnglishOnly) is left
// anywhere in the text of report.html (its charts included), report.md and a country profile
// (profiles/LAO.html and .md) —
// apart from what the report quotes rather than writes: the engine's sentences and the data's
// own text (every string of results.json, the data checks' titles and messages, the lists of
// facts with their sources, code spans).
func TestReportNoEnglishLeft(t *testing.T) {
	for _, lang := range []locale.Lang{locale.French, locale.Spanish} {
		t.Run(string(lang), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "r")
			code, _, errOut := lap(t, "report", "--data", "../../testdata/sample", "--year", "2024", "--lang", string(lang),
				"--formats", "md,html,json", "--charts", "svg", "--out", dir)
			require.Equal(t, 0, code, errOut)
			quoted := quotedText(t, filepath.Join(dir, "results.json"))
			english := locale.EnglishOnly(lang, 8)
			require.NotEmpty(t, english)
			for _, page := range []struct{ name, text string }{
				{"report.html", htmlWords(t, filepath.Join(dir, "report.html"))},
				{"report.md", markdownWords(t, filepath.Join(dir, "report.md"))},
				{"profiles/LAO.html", htmlWords(t, filepath.Join(dir, "profiles", "LAO.html"))},
				{"profiles/LAO.md", markdownWords(t, filepath.Join(dir, "profiles", "LAO.md"))},
			} {
				text := page.text
				for _, q := range quoted {
					text = strings.ReplaceAll(text, q, " ")
					// as French punctuates it: the data's "art9_legislation: in-progress" is
					// quoted as "art9_legislation : in-progress"
					text = strings.ReplaceAll(text, strings.ReplaceAll(q, ": ", frenchColon), " ")
				}
				var left []string
				for _, en := range english {
					if strings.Contains(text, en) {
						left = append(left, en)
					}
				}
				assert.Empty(t, left, "English left in the %s %s", lang, page.name)
			}
			// the engine's coverage-flag reason (quoted in results.json, so the scan above skips it)
			md, err := os.ReadFile(filepath.Join(dir, "report.md"))
			require.NoError(t, err)
			assert.NotContains(t, string(md), "States gave a figure", "the coverage reason in English")
			// dates and spans of years in the prose are in words (the facts lists, "- `field` =
			// value", keep the data's own spelling)
			for _, line := range strings.Split(string(md), "\n") {
				if strings.HasPrefix(line, "- `") {
					continue
				}
				assert.NotContains(t, line, "2025-06-30", "the cut-off as an ISO date in the %s report.md", lang)
				assert.NotContains(t, line, "2021 to 2024", "a span of years in English in the %s report.md", lang)
			}
			// an obligation's detail line (quoted in results.json, so the scan above skips it; in
			// report.html also a tooltip): the engine's English of each is nowhere
			details := englishDetails(t, filepath.Join(dir, "results.json"))
			for _, name := range []string{"report.md", "report.html", "profiles/LAO.md", "profiles/LAO.html"} {
				b, err := os.ReadFile(filepath.Join(dir, name))
				require.NoError(t, err)
				for _, en := range append(details, "survey and clearance", "victim assistance", "transparency reports", "national implementation measures") {
					assert.NotContains(t, string(b), en, "an obligation's detail line in English in the %s %s", lang, name)
					assert.NotContains(t, string(b), htmlpkg.EscapeString(en), "an obligation's detail line in English in the %s %s", lang, name)
				}
			}
			// the marks' tooltips (attributes, which the page text above leaves out)
			raw, err := os.ReadFile(filepath.Join(dir, "report.html"))
			require.NoError(t, err)
			for _, class := range []string{"monitor", "estimate", "unstated", "illustrative"} {
				en := locale.For(locale.English).T("mark." + class)
				assert.NotContains(t, string(raw), `title="`+htmlpkg.EscapeString(en)+`"`, "English tooltip of the %s mark", class)
			}
		})
	}
}

// frenchColon is a colon as French writes it, with a no-break space before.
const frenchColon = "\u00a0: "

// englishDetails are the detail lines of the Article 3 and 4 obligations in results.json: the
// engine's English ("survey and clearance since 1 March 2012; open at 31 December 2024; ...").
func englishDetails(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var r struct {
		Assessment struct {
			States []struct {
				Obligations []struct {
					Article int    `json:"article"`
					Detail  string `json:"detail"`
				} `json:"obligations"`
			} `json:"states"`
		} `json:"assessment"`
	}
	require.NoError(t, json.Unmarshal(b, &r))
	var out []string
	for _, st := range r.Assessment.States {
		for _, o := range st.Obligations {
			if o.Article == 3 || o.Article == 4 {
				out = append(out, o.Detail)
			}
		}
	}
	require.NotEmpty(t, out)
	return out
}

// quotedText is every string of results.json of at least 8 runes, as it is and capitalised,
// longest first: the engine's sentences and the data's text, which the report quotes as they
// are.
func quotedText(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var v any
	require.NoError(t, json.Unmarshal(b, &v))
	seen := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if len([]rune(x)) >= 8 {
				seen[x], seen[locale.Capitalize(x)] = true, true
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return out
}

var (
	quotedHTML = regexp.MustCompile(`(?s)<code>.*?</code>|<ul class="(?:violations|sources)">.*?</ul>|<td><code>[^<]*</code>[^<]*</td>`)
	quotedMD   = regexp.MustCompile("(?m)^- `[a-z0-9_]+`.*$|`[^`]*`|^- \\*\\*(error|warning|info)\\*\\* .*$|^\\| `.*$")
	mdEscaped  = regexp.MustCompile(`\\([\\` + "`" + `*_\[\]<>|#])`)
)

// htmlWords is a page's visible text without the data checks' own words and code spans.
func htmlWords(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return visibleText(quotedHTML.ReplaceAllString(string(b), " "))
}

// markdownWords is a Markdown page's text, unescaped, without the data checks' own words and
// code spans.
func markdownWords(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	s := mdEscaped.ReplaceAllString(quotedMD.ReplaceAllString(string(b), " "), "$1")
	return spacesRE.ReplaceAllString(s, " ")
}

// lap profile --lang fr: the profile's own words in French (its text format), the State's
// name and dates from the locale, and none of the catalogue's English.
func TestProfileFrench(t *testing.T) {
	code, out, errOut := lap(t, "profile", "LAO", "--data", "../../testdata/sample", "--year", "2024", "--lang", "fr")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "République démocratique populaire lao (LAO)\u00a0: profil de pays, 2024")
	assert.Contains(t, out, "ADHÉSION")
	assert.Contains(t, out, "données au 30 juin 2025")
	assert.Contains(t, out, "3 décembre 2008\u00a0; 18 mars 2009\u00a0; 1er août 2010", "the treaty dates among the facts, in French")
	for _, en := range []string{"country profile, 2024", "Membership", "Deadline in force", "What it takes", "Figures by class"} {
		assert.NotContains(t, out, en)
	}
	code, md, errOut := lap(t, "profile", "LAO", "--data", "../../testdata/sample", "--year", "2024", "--lang", "es", "--format", "md")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, md, "perfil de país, 2024")
	assert.Contains(t, md, "## Obligaciones")
}
