package reports

import (
	"encoding/binary"
	"encoding/csv"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escaping, in one place, for every writer (docs/safety.md, "Escaping"). The engine refuses
// control characters in its inputs; these functions make sure that whatever text reaches an
// output (a State's name, a source, a plan title, a scenario's description) is shown as text
// and never acts:
//
//   - TerminalWriter: text for a terminal keeps no control character, so data cannot move the
//     cursor, change the title, make a hyperlink or clear the screen;
//   - markdownText: text in Markdown renders as itself, never as HTML, a link or emphasis;
//   - csvText: a CSV cell a spreadsheet would run as a formula is written as text.
//
// HTML goes through html/template (or html.EscapeString, for the rows a country profile writes
// itself, and htmlText, urlPart and urlAttr for the rows of report.html, which escape as
// html/template does: html_rows.go), and chart text is escaped by the SVG writer.

// isControl reports whether r is a control character: C0 but tab and newline, DEL, and C1.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// stripControls removes the control characters of s (see isControl).
func stripControls(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

// TerminalWriter returns a writer that passes what is written to w without its control
// characters (see isControl): every command's output for a terminal goes through one. It keeps
// newlines and tabs. Unwrap returns w, for what must write control sequences on purpose (a
// progress bar).
func TerminalWriter(w io.Writer) io.Writer {
	if t, ok := w.(*terminalWriter); ok {
		return t
	}
	return &terminalWriter{w: w}
}

type terminalWriter struct {
	w       io.Writer
	pending []byte // the start of a UTF-8 sequence cut by the end of a write
}

// Unwrap returns the writer the control characters are kept from.
func (t *terminalWriter) Unwrap() io.Writer { return t.w }

func (t *terminalWriter) Write(p []byte) (int, error) {
	n := len(p)
	buf := p
	if len(t.pending) > 0 {
		buf = append(t.pending, p...)
		t.pending = nil
	}
	// keep an incomplete UTF-8 sequence at the end for the next write
	if i := lastRuneStart(buf); i >= 0 && !utf8.FullRune(buf[i:]) {
		t.pending = append([]byte(nil), buf[i:]...)
		buf = buf[:i]
	}
	out := buf // most writes hold no control character: passed on as they are
	if !terminalPlain(buf) {
		out = make([]byte, 0, len(buf))
		for i := 0; i < len(buf); {
			r, size := utf8.DecodeRune(buf[i:])
			if !(r == utf8.RuneError && size == 1) && isControl(r) {
				i += size
				continue
			}
			out = append(out, buf[i:i+size]...)
			i += size
		}
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}

// terminalPlain reports whether p holds no control character (isControl): no byte below 0x20
// but tab and newline, no DEL, no 0xc2 followed by 0x80-0x9f (a C1 control in UTF-8). Eight
// bytes are seen at once while none of them is below 0x20, DEL or 0xc2: most of what lap prints.
func terminalPlain(p []byte) bool {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(p); {
		if i+8 <= len(p) {
			x := binary.LittleEndian.Uint64(p[i:])
			del, c2 := x^(0x7f*ones), x^(0xc2*ones)
			if ((x-0x20*ones)&^x|(del-ones)&^del|(c2-ones)&^c2)&high == 0 {
				i += 8
				continue
			}
		}
		for end := min(i+8, len(p)); i < end; i++ {
			c := p[i]
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f || c == 0xc2 && i+1 < len(p) && p[i+1] >= 0x80 && p[i+1] <= 0x9f {
				return false
			}
		}
	}
	return true
}

// lastRuneStart is the index of the start of the last UTF-8 sequence of b, or -1.
func lastRuneStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return -1
}

// markdownText escapes text for Markdown, in running text and in table cells: it joins lines
// (a line break would end a table row), drops control characters, and puts a backslash before
// every character that Markdown or HTML would read as markup (<, >, [, ], *, _, `, #, | and the
// backslash), so that <script> or <img onerror=...> show as text. An entity such as &lt; shows
// as the character it names, never as markup.
func markdownText(s string) string {
	if plainMarkdown(s) {
		return s // the common case: nothing to escape, fold or strip
	}
	var b strings.Builder
	for _, r := range strings.Join(strings.FieldsFunc(stripControls(s), foldedSpace), " ") {
		if strings.ContainsRune("\\`*_[]<>|#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldedSpace reports whether markdownText folds r into a single space: white space, apart
// from the no-break spaces, which French and Spanish put in numbers and French before ; : ! ?
// (locale/typography.go) and which must not become a place to break a line.
func foldedSpace(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' }

// plainMarkdown reports whether markdownText would return s unchanged: no character to
// escape, no control character, no white space but single spaces between words.
func plainMarkdown(s string) bool {
	prevSpace := true // a leading space is folded away
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case r < utf8.RuneSelf && strings.IndexByte("\\`*_[]<>|#", byte(r)) >= 0,
			isControl(r), foldedSpace(r):
			return false
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// csvText makes a cell safe to open in a spreadsheet: a cell that begins with =, +, -, @, a
// tab or a carriage return would be read as a formula by Excel, LibreOffice Calc or Google
// Sheets, so it is written after an apostrophe, which the spreadsheet shows as text (the OWASP
// rule for CSV injection). A plain number (-12.5) is left as it is: it is a number, not a
// formula. Control characters are dropped.
func csvText(s string) string {
	s = stripControls(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !plainNumber.MatchString(s) {
		return "'" + s
	}
	return s
}

var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// writeCSV writes records as CSV through csvText: every CSV the commands and reports write
// goes through it.
func writeCSV(w io.Writer, records [][]string) error {
	cw := csv.NewWriter(w)
	for _, rec := range records {
		out := make([]string, len(rec))
		for i, c := range rec {
			out[i] = csvText(c)
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// mdCode writes text as inline code (an expression, a file name) on one line, for running
// text and table cells: without control characters, pipes escaped, and between double
// backticks when it holds a backtick (which would end a single-backtick span).
func mdCode(s string) string {
	s = strings.ReplaceAll(oneLine(stripControls(s)), "|", `\|`)
	if strings.Contains(s, "`") {
		return "`` " + s + " ``"
	}
	return "`" + s + "`"
}

// mdLink writes a source as a Markdown autolink when it is a plain http or https URL, and as
// escaped text otherwise (a "URL" holding > or a javascript: scheme stays text).
func mdLink(u string) string {
	if (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) && !strings.ContainsAny(u, "<> \t\n\\\"`|") && strings.IndexFunc(u, isControl) < 0 {
		return "<" + u + ">"
	}
	return markdownText(u)
}
