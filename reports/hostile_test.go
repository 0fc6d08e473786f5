package reports

import (
	"bytes"
	htmltemplate "html/template"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/internal/golden"
	"github.com/lapmonitor/lap/reports/locale"
)

// TestHostileTextGolden locks how report.html and report.md show hostile text, byte for byte:
// the sample's 2024 report in English and French with every text of its document model (a
// State's name, a note, a source, a title, a mark, a status word, a link) given HTML,
// quotes, an ampersand, a plus and NUL, and links given a javascript: scheme; every list is
// cut to two entries to keep the files small. Every row the page writes is in it, whether a
// template or Go code writes it, so that a change of the one for the other keeps the escaping.
func TestHostileTextGolden(t *testing.T) {
	for _, lang := range []locale.Lang{locale.English, locale.French} {
		t.Run(string(lang), func(t *testing.T) {
			r := sampleReport(t, lang)
			d := *r.doc
			hostileValue(reflect.ValueOf(&d).Elem())
			var h, md bytes.Buffer
			require.NoError(t, writeHTMLDoc(&h, &d))
			require.NoError(t, writeMarkdownDoc(&md, &d, "svg"))
			require.NotContains(t, h.String(), "<script>")
			golden.Check(t, "report/hostile-"+string(lang)+".html", h.Bytes())
			golden.Check(t, "report/hostile-"+string(lang)+".md", md.Bytes())
		})
	}
}

// hostileText is what hostileValue adds to every text.
const hostileText = "<script>x</script>\"'&amp;+\x00 *a* [b](c) |"

// hostileValue gives every non-empty text under v hostile text (hostileText after it, and a
// javascript: scheme before a link), cuts every list to two entries and drops the figures.
// The report's language (Lang) is left alone, as are texts already of HTML.
func hostileValue(v reflect.Value) {
	figure := reflect.TypeFor[*chart.Figure]()
	switch v.Kind() {
	case reflect.Pointer:
		if v.Type() == figure {
			v.SetZero()
			return
		}
		if !v.IsNil() {
			// a copy, so that the report's own model is left as it was
			c := reflect.New(v.Type().Elem())
			c.Elem().Set(v.Elem())
			v.Set(c)
			hostileValue(c.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Name == "Lang" {
				continue
			}
			fv := v.Field(i)
			if fv.Kind() == reflect.String && (f.Name == "HTML" || f.Name == "MD") && fv.String() != "" {
				fv.SetString("javascript:alert(1)//" + fv.String() + hostileText)
				continue
			}
			hostileValue(fv)
		}
	case reflect.Slice:
		if v.Type().Elem() == figure {
			v.SetZero()
			return
		}
		c := reflect.MakeSlice(v.Type(), min(v.Len(), 2), min(v.Len(), 2))
		reflect.Copy(c, v)
		v.Set(c)
		for i := range c.Len() {
			hostileValue(c.Index(i))
		}
	case reflect.Array:
		for i := range v.Len() {
			hostileValue(v.Index(i))
		}
	case reflect.String:
		if v.String() != "" && v.Type().PkgPath() != reflect.TypeFor[htmltemplate.HTML]().PkgPath() {
			v.SetString(v.String() + hostileText)
		}
	}
}

// TestHostileProfileGolden is TestHostileTextGolden for country profile pages: the profiles of
// the sample's States with an obligation (a projection among them), every text made hostile,
// written as HTML (page and fragment) and Markdown with hostile links, generator and date.
func TestHostileProfileGolden(t *testing.T) {
	for _, lang := range []locale.Lang{locale.English, locale.French} {
		t.Run(string(lang), func(t *testing.T) {
			r := sampleReport(t, lang)
			ps, err := r.Profiles()
			require.NoError(t, err)
			o := ProfileOptions{IndicatorLink: "javascript:alert(1)//{id}" + hostileText, ReportLink: "javascript:x" + hostileText,
				Generator: "lap" + hostileText, Date: "2025-01-01" + hostileText}
			var h, md bytes.Buffer
			n := 0
			for _, p := range ps {
				if len(p.Obligations) == 0 || n == 3 {
					continue
				}
				n++
				c := *p
				hostileValue(reflect.ValueOf(&c).Elem())
				require.NoError(t, WriteProfileHTML(&h, &c, o))
				frag, err := ProfileHTML(&c, o)
				require.NoError(t, err)
				h.WriteString(string(frag))
				require.NoError(t, WriteProfileMarkdown(&md, &c, o))
			}
			require.Equal(t, 3, n)
			require.NotContains(t, h.String(), "<script>")
			golden.Check(t, "profile/hostile-"+string(lang)+".html", h.Bytes())
			golden.Check(t, "profile/hostile-"+string(lang)+".md", md.Bytes())
		})
	}
}

// indicatorLink replaces as the strings.Replacer it stands for.
func TestIndicatorLink(t *testing.T) {
	pieces := []string{"{id}", "{action}", "{", "}", "{i", "d}", "a", "/", "{{id}}", "{act"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(7) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		link, id, action := b.String(), pieces[rng.IntN(len(pieces))], pieces[rng.IntN(len(pieces))]
		want := strings.NewReplacer("{id}", id, "{action}", action).Replace(link)
		require.Equal(t, want, indicatorLink(link, id, action), "%q %q %q", link, id, action)
	}
}

// executeWhole writes nothing when the page fails: into a bytes.Buffer it cuts what it wrote.
func TestExecuteWhole(t *testing.T) {
	fail := func(b *bytes.Buffer) error { b.WriteString("part"); return io.ErrShortWrite }
	b := bytes.NewBufferString("before")
	require.ErrorIs(t, executeWhole(b, fail), io.ErrShortWrite)
	require.Equal(t, "before", b.String())
	var s strings.Builder
	require.ErrorIs(t, executeWhole(&s, fail), io.ErrShortWrite)
	require.Empty(t, s.String())
	require.NoError(t, executeWhole(b, func(b *bytes.Buffer) error { b.WriteString(" page"); return nil }))
	require.Equal(t, "before page", b.String())
}
