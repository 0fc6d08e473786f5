package reports

import (
	"bytes"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

// hostile is text an input could carry: terminal escape sequences (clear the screen, set the
// window title, a hyperlink, 8-bit CSI), NUL, HTML and a spreadsheet formula.
const hostile = "\x1b[2J\x1b]0;owned\x07\x1b]8;;http://evil\x07click\x1b]8;;\x07\u009b31m\x00<script>alert(1)</script><img src=x onerror=alert(2)>"

func TestTerminalWriter(t *testing.T) {
	var b bytes.Buffer
	w := TerminalWriter(&b)
	_, err := w.Write([]byte("name:\t" + hostile + "\n"))
	require.NoError(t, err)
	assert.Equal(t, "name:\t[2J]0;owned]8;;http://evilclick]8;;31m<script>alert(1)</script><img src=x onerror=alert(2)>\n", b.String(),
		"no ESC, BEL, NUL or C1 control is left; tab and newline are")
	assert.NotContains(t, b.String(), "\x1b")

	// a character cut between two writes is kept whole
	b.Reset()
	e := []byte("é\u009bü")
	for _, c := range e {
		_, err := w.Write([]byte{c})
		require.NoError(t, err)
	}
	assert.Equal(t, "éü", b.String())
	assert.Same(t, w, TerminalWriter(w), "wrapping twice is once")
	assert.Equal(t, io.Writer(&b), w.(interface{ Unwrap() io.Writer }).Unwrap())
}

func TestMarkdownText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"<img src=x onerror=alert(2)>", `\<img src=x onerror=alert(2)\>`},
		{"[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"a|b\nc  d", `a\|b c d`},
		{"# heading *bold* _em_ `code`", "\\# heading \\*bold\\* \\_em\\_ \\`code\\`"},
		{"Ger\x00many\x1b[31m", `Germany\[31m`},
		{"R&D &lt;b&gt;", "R&D &lt;b&gt;"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, markdownText(tt.in), "%q", tt.in)
	}
	assert.Equal(t, "`a \\|\\| b`", mdCode("a ||\n  b"))
	assert.Equal(t, "`` x == \"`\" ``", mdCode("x == \"`\""))
	assert.Equal(t, "`file.toml`", mdCode("file\x1b.toml"))
	assert.Equal(t, "<https://example.org/a?b=1>", mdLink("https://example.org/a?b=1"))
	assert.Equal(t, `https://x\>\<script\>`, mdLink("https://x><script>"))
	assert.Equal(t, "javascript:alert(1)", mdLink("javascript:alert(1)"))
}

func TestCSVText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://evil\",\"click\")", "'=HYPERLINK(\"http://evil\",\"click\")"},
		{"+1+1", "'+1+1"},
		{"-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"-12.5", "-12.5"}, // a number stays a number
		{"-3", "-3"},
		{"Plan = strategy", "Plan = strategy"},
		{"a\x00b", "ab"},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, csvText(tt.in), "%q", tt.in)
	}
}

// TestWritersEscape: every writer of the report and of the commands escapes what it takes
// from the inputs.
func TestWritersEscape(t *testing.T) {
	a, m := fixture()
	a.Plan.Name = "=cmd|' /C calc'!A0"
	a.Indicators[0].Title = "=HYPERLINK(\"http://evil\",\"click\") " + hostile
	a.Indicators[1].Error = "@SUM(1)"

	t.Run("indicators.csv", func(t *testing.T) {
		r, err := New(a, m)
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, r.WriteCSV(&b))
		recs, err := csv.NewReader(&b).ReadAll()
		require.NoError(t, err)
		title := recs[1][5]
		assert.True(t, strings.HasPrefix(title, "'=HYPERLINK("), title)
		assert.NotContains(t, title, "\x1b")
		assert.Equal(t, "'@SUM(1)", recs[2][33], "error column")
		for _, rec := range recs[1:] {
			for i, c := range rec {
				if c != "" && strings.ContainsRune("=+@", rune(c[0])) {
					t.Errorf("column %s holds a formula: %q", recs[0][i], c)
				}
			}
		}
	})
	t.Run("report.md", func(t *testing.T) {
		md := renderDoc(t, WriteMarkdown, a, m)
		assert.NotRegexp(t, `(^|[^\\])<(script|img)`, md, "no tag is left unescaped")
		assert.NotContains(t, md, "\x00")
		assert.NotContains(t, md, "\x1b")
		assert.Contains(t, md, `\<script\>alert(1)\</script\>`)
	})
	t.Run("report.html", func(t *testing.T) {
		page := renderDoc(t, WriteHTML, a, m)
		assert.NotContains(t, page, "<script>alert")
		assert.NotContains(t, page, "<img src=x")
		assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;")
	})
	t.Run("eval csv", func(t *testing.T) {
		var b bytes.Buffer
		require.NoError(t, WriteEvalCSV(&b, []*engine.Assessment{a}))
		assert.Contains(t, b.String(), ",'@SUM(1),")
	})
	t.Run("what-if markdown", func(t *testing.T) {
		rep, _ := whatIfFixture(false)
		rep.Scenarios[0].Name = "<img src=x onerror=alert(1)>"
		rep.Scenarios[0].Description = hostile
		rep.Scenarios[0].File = "a`b.toml"
		var b bytes.Buffer
		require.NoError(t, WriteWhatIfMarkdown(&b, rep, nil))
		md := b.String()
		assert.NotRegexp(t, `(^|[^\\])<(script|img)`, md, "no tag is left unescaped")
		assert.NotContains(t, md, "\x1b")
		assert.Contains(t, md, `## \<img src=x onerror=alert(1)\>`)
		assert.Contains(t, md, "Scenario file: `` a`b.toml ``")
	})
}

// slowTerminal is the terminal writer without its fast path: every write decoded rune by rune.
type slowTerminal struct{ terminalWriter }

func (t *slowTerminal) Write(p []byte) (int, error) {
	buf := append(t.pending, p...)
	t.pending = nil
	if i := lastRuneStart(buf); i >= 0 && !utf8.FullRune(buf[i:]) {
		t.pending = append([]byte(nil), buf[i:]...)
		buf = buf[:i]
	}
	for i := 0; i < len(buf); {
		r, size := utf8.DecodeRune(buf[i:])
		if r == utf8.RuneError && size == 1 || !isControl(r) {
			t.w.Write(buf[i : i+size])
		}
		i += size
	}
	return len(p), nil
}

// TestTerminalWriterFastPath: what the terminal writer passes on unchanged (terminalPlain) it
// passes as the rune-by-rune filter does: 20,000 random streams of text with control
// characters, C1 controls, other UTF-8 and broken UTF-8, cut into random writes.
func TestTerminalWriterFastPath(t *testing.T) {
	parts := []string{"a", "Z", " ", "~", "\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\u0085", "\u009b", "\u00a0", "é", "–", "ᵐ", "😀", "\xc2", "\xe2\x80", "\xff", "abcdefgh", "12345678"}
	rng := rand.New(rand.NewPCG(13, 4))
	for range 20000 {
		var s []byte
		for range rng.IntN(30) {
			p := parts[rng.IntN(len(parts))]
			if rng.IntN(3) > 0 {
				p = parts[rng.IntN(4)]
			}
			s = append(s, p...)
		}
		var fast, slow bytes.Buffer
		fw, sw := TerminalWriter(&fast), &slowTerminal{terminalWriter{w: &slow}}
		for rest := s; len(rest) > 0; {
			n := 1 + rng.IntN(len(rest))
			_, err := fw.Write(rest[:n])
			require.NoError(t, err)
			sw.Write(rest[:n])
			rest = rest[n:]
		}
		require.Equal(t, slow.String(), fast.String(), "%q", s)
	}
}
