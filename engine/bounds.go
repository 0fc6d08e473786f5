package engine

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds on inputs (docs/safety.md). Every file is checked before it is read: it must be a
// regular file (not a pipe, a device or a directory) of at most its kind's size; a TOML file
// is scanned for its nesting depth before it is decoded; a CSV line, a value and a TOML key or
// string have a length limit; control characters are refused with the file and line; a load
// collects at most maxDiagnostics problems and counts the rest.

const (
	// MaxDataFileBytes bounds a data file: states.csv, facts.csv, dataset.json (and a
	// workbook): 64 MiB, about 800,000 facts.
	MaxDataFileBytes = 64 << 20
	maxLineBytes     = 64 << 10 // one line of a CSV file
	maxValueBytes    = 4096     // one CSV cell or JSON value
	maxTOMLDepth     = 32       // tables, dotted key parts, arrays and inline tables, nested
	maxTOMLKeyBytes  = 256      // one key (or one part of a dotted key)
	maxTOMLStrBytes  = 64 << 10 // one TOML string
	maxDiagnostics   = 1000     // problems kept by one load; the rest are counted
	maxQuoted        = 60       // characters of a value quoted in a message
	maxSnippetLine   = 200      // characters of a line shown in a snippet
)

// MinYear and MaxYear bound every year the engine reads or evaluates: a date, a fact's year, the
// year of a run.
const (
	MinYear = minDateYear
	MaxYear = maxDateYear
)

// ReadInput reads the file name of fsys whole, after checking, before reading anything, that
// it is a regular file of at most limit bytes. A pipe, a device, a socket or a directory is
// refused with CodeNotRegular (a named pipe would block the read, a device like /dev/zero never
// end it); a larger file with CodeTooLarge. The error is a *Diagnostic naming the file.
func ReadInput(fsys fs.FS, name string, limit int64) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, &Diagnostic{Code: CodeNoPlanFile, File: name, Message: fmt.Sprintf("read file: %v", unwrapPathError(err))}
	}
	if err := checkRegular(name, st, limit); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &Diagnostic{Code: CodeNoPlanFile, File: name, Message: fmt.Sprintf("read file: %v", unwrapPathError(err))}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil { // it may have changed since
		if err := checkRegular(name, st, limit); err != nil {
			return nil, err
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(st.Size(), limit)+512)) // the size Stat gave: one allocation
	_, err = buf.ReadFrom(io.LimitReader(f, limit+1))
	data := buf.Bytes()
	if err != nil {
		return nil, &Diagnostic{Code: CodeNoPlanFile, File: name, Message: fmt.Sprintf("read file: %v", unwrapPathError(err))}
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(name, int64(len(data)), limit, "at least ")
	}
	return data, nil
}

func checkRegular(name string, st fs.FileInfo, limit int64) error {
	m := st.Mode()
	if !m.IsRegular() {
		what := "not a regular file"
		switch {
		case m.IsDir():
			what = "a directory"
		case m&fs.ModeNamedPipe != 0:
			what = "a named pipe"
		case m&fs.ModeCharDevice != 0:
			what = "a character device"
		case m&fs.ModeDevice != 0:
			what = "a device"
		case m&fs.ModeSocket != 0:
			what = "a socket"
		}
		return &Diagnostic{Code: CodeNotRegular, File: name, Message: fmt.Sprintf("it is %s, not a regular file: give a file", what)}
	}
	if st.Size() > limit {
		return tooLarge(name, st.Size(), limit, "")
	}
	return nil
}

func tooLarge(name string, size, limit int64, atLeast string) *Diagnostic {
	return &Diagnostic{Code: CodeTooLarge, File: name, Message: fmt.Sprintf("file is %s%s; the limit is %s", atLeast, byteSize(size), byteSize(limit))}
}

// byteSize writes a size in bytes, with MiB or KiB when round enough to help.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d bytes (%.1f MiB)", n, float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d bytes (%.1f KiB)", n, float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// clip quotes a value for a message: at most maxQuoted characters, with control characters
// escaped, and the length of what was left out.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == maxQuoted {
			return strconv.Quote(s[:i]) + fmt.Sprintf("… (%d bytes in all)", len(s))
		}
		n++
	}
	return strconv.Quote(s)
}

// clipLine cuts a line of a file shown in a snippet to maxSnippetLine characters.
func clipLine(s string) string {
	n := 0
	for i := range s {
		if n == maxSnippetLine {
			return s[:i] + fmt.Sprintf("… (%d bytes in all)", len(s))
		}
		n++
	}
	return s
}

// controlChar returns the first control character of s (C0 but tab, newline and carriage
// return; DEL; C1) and its byte offset, or -1.
func controlChar(s string) (rune, int) {
	for i, r := range s {
		if isControl(r) {
			return r, i
		}
	}
	return 0, -1
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// checkValue checks one CSV cell or JSON value: its length and control characters. The
// message never quotes a value that is too long.
func checkValue(s string) (code, msg string, ok bool) {
	if len(s) > maxValueBytes {
		return CodeTooLarge, fmt.Sprintf("value is %s long; the limit is %d bytes", byteSize(int64(len(s))), maxValueBytes), false
	}
	if r, i := controlChar(s); i >= 0 {
		return CodeControlChar, fmt.Sprintf("value holds the control character %U at byte %d: %s", r, i+1, clip(s)), false
	}
	return "", "", true
}

// longLine returns the 1-based number and the length of the first line of data longer than
// maxLineBytes, or 0.
func longLine(data []byte) (line, length int) {
	for line = 1; ; line++ {
		n := bytes.IndexByte(data, '\n')
		if n < 0 {
			n = len(data)
		}
		if n > maxLineBytes {
			return line, n
		}
		if n == len(data) {
			return 0, 0
		}
		data = data[n+1:]
	}
}

const (
	ones     = 0x0101010101010101
	highBits = 0x8080808080808080
)

// cleanValues reports whether checkValue passes every value of a CSV file in the plain form
// (parsePlainCSV), where a value lies within one line: no line is longer than maxValueBytes,
// and the file holds no control character (isControl; in UTF-8, a C1 control is 0xc2 followed
// by 0x80-0x9f) but tabs and line ends. It lets a clean file skip checkValue value by value.
func cleanValues(data []byte) bool {
	for len(data) > 0 {
		n := bytes.IndexByte(data, '\n')
		if n < 0 {
			n = len(data)
		}
		if n > maxValueBytes {
			return false
		}
		line := data[:n]
		for i := 0; i < len(line); {
			if i+8 <= len(line) { // eight printable ASCII bytes at once
				if x := binary.LittleEndian.Uint64(line[i:]); ((x-ones*0x20)|(x+ones))&highBits == 0 {
					i += 8
					continue
				}
			}
			for end := min(i+8, len(line)); i < end; i++ { // a byte below 0x20, 0x7f or above among them
				c := line[i]
				if c < 0x20 && c != '\t' || c == 0x7f || c == 0xc2 && i+1 < len(line) && line[i+1] >= 0x80 && line[i+1] <= 0x9f {
					return false
				}
			}
		}
		data = data[min(n+1, len(data)):]
	}
	return true
}

// controlLine returns the line, column (1-based, in characters) and the control character of
// the first one in text, or a zero line.
func controlLine(text string) (line, col int, r rune) {
	line, col = 1, 0
	for _, c := range text {
		col++
		switch {
		case c == '\n':
			line, col = line+1, 0
		case isControl(c):
			return line, col, c
		}
	}
	return 0, 0, 0
}

// tomlProblem is what scanTOML found, with its 1-based line and column (in bytes).
type tomlProblem struct {
	line, col int
	code, msg string
}

// scanTOML checks a TOML document before it is decoded, so that the decoder never sees one
// that would exhaust its stack or memory: nesting (table header parts, dotted key parts,
// arrays and inline tables) at most maxTOMLDepth deep, keys at most maxTOMLKeyBytes and
// strings at most maxTOMLStrBytes long, and no control characters, written or escaped. It
// reads the text once, without recursion, and does not otherwise check the syntax: the decoder
// does. It returns nil when it finds nothing.
func scanTOML(text string) *tomlProblem {
	s := &tomlScanner{src: text, line: 1, lineStart: 0, mode: modeKey}
	return s.run()
}

type tomlMode int

const (
	modeKey   tomlMode = iota // a key is expected (start of a statement, or in an inline table)
	modeValue                 // a value is expected
	modeAfter                 // a value was read
)

type tomlFrame struct {
	kind  byte // '[' array or '{' inline table
	depth int  // depth of what is inside
}

type tomlScanner struct {
	src       string
	i         int
	line      int
	lineStart int
	mode      tomlMode
	table     int // parts of the current table header
	stack     []tomlFrame
	keyParts  int // parts of the key being read
}

func (s *tomlScanner) problem(at int, code, format string, args ...any) *tomlProblem {
	return &tomlProblem{line: s.line, col: at - s.lineStart + 1, code: code, msg: fmt.Sprintf(format, args...)}
}

// tomlMark is a position of the scanner, to report a problem where a token started.
type tomlMark struct{ i, line, lineStart int }

func (s *tomlScanner) mark() tomlMark { return tomlMark{s.i, s.line, s.lineStart} }

func (s *tomlScanner) problemAt(m tomlMark, code, format string, args ...any) *tomlProblem {
	return &tomlProblem{line: m.line, col: m.i - m.lineStart + 1, code: code, msg: fmt.Sprintf(format, args...)}
}

// depth is the nesting depth of what is being read at the top of the stack.
func (s *tomlScanner) depth() int {
	if n := len(s.stack); n > 0 {
		return s.stack[n-1].depth
	}
	return s.table
}

func (s *tomlScanner) newline() {
	s.line++
	s.lineStart = s.i + 1
}

func (s *tomlScanner) run() *tomlProblem {
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '\n':
			s.newline()
			s.i++
			if len(s.stack) == 0 {
				s.mode = modeKey
			}
		case c == '#':
			if p := s.comment(); p != nil {
				return p
			}
		case s.mode == modeKey && c == '[' && len(s.stack) == 0:
			if p := s.header(); p != nil {
				return p
			}
		case s.mode == modeKey && c == '}':
			s.pop()
		case s.mode == modeKey:
			if p := s.key(); p != nil {
				return p
			}
		case c == '"' || c == '\'':
			if p := s.str(); p != nil {
				return p
			}
			s.mode = modeAfter
		case c == '[' || c == '{':
			d := s.depth() + 1
			if len(s.stack) == 0 || s.stack[len(s.stack)-1].kind == '{' {
				d += s.keyParts - 1 // the key's own parts; the table counts one
			}
			if d > maxTOMLDepth {
				return s.problem(s.i, CodeTooLarge, "values are nested %d deep here; the limit is %d", d, maxTOMLDepth)
			}
			s.stack = append(s.stack, tomlFrame{kind: c, depth: d})
			s.i++
			if c == '{' {
				s.mode = modeKey
			} else {
				s.mode = modeValue
			}
		case c == ']' || c == '}':
			s.pop()
		case c == ',':
			s.i++
			if n := len(s.stack); n > 0 && s.stack[n-1].kind == '{' {
				s.mode = modeKey
			} else {
				s.mode = modeValue
			}
		case c < 0x20 || c == 0x7f:
			return s.problem(s.i, CodeControlChar, "control character %U", rune(c))
		default: // a number, a date, true, false, inf, nan: up to a delimiter
			for s.i < len(s.src) && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
				if c := s.src[s.i]; c < 0x20 || c == 0x7f {
					return s.problem(s.i, CodeControlChar, "control character %U", rune(c))
				}
				s.i++
			}
			s.mode = modeAfter
		}
	}
	return nil
}

func (s *tomlScanner) pop() {
	s.i++
	if n := len(s.stack); n > 0 {
		s.stack = s.stack[:n-1]
	}
	s.keyParts = 0
	s.mode = modeAfter
}

// comment skips a comment, refusing control characters in it.
func (s *tomlScanner) comment() *tomlProblem {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		r, n := utf8.DecodeRuneInString(s.src[s.i:])
		if isControl(r) && r != '\r' {
			return s.problem(s.i, CodeControlChar, "control character %U in a comment", r)
		}
		s.i += n
	}
	return nil
}

// header reads a table header [a.b] or [[a.b]] and sets the table depth.
func (s *tomlScanner) header() *tomlProblem {
	m := s.mark()
	s.i++
	if s.i < len(s.src) && s.src[s.i] == '[' {
		s.i++
	}
	parts, p := s.keyPath(']')
	if p != nil {
		return p
	}
	for s.i < len(s.src) && s.src[s.i] == ']' {
		s.i++
	}
	if parts > maxTOMLDepth {
		return s.problemAt(m, CodeTooLarge, "the table header has %d parts; the limit is %d", parts, maxTOMLDepth)
	}
	s.table = parts
	s.mode = modeAfter
	return nil
}

// key reads a key up to '=' and checks the depth of its value.
func (s *tomlScanner) key() *tomlProblem {
	m := s.mark()
	parts, p := s.keyPath('=')
	if p != nil {
		return p
	}
	if s.i < len(s.src) && s.src[s.i] == '=' {
		s.i++
	}
	s.keyParts = parts
	if d := s.depth() + parts; d > maxTOMLDepth {
		return s.problemAt(m, CodeTooLarge, "the key is nested %d deep here; the limit is %d", d, maxTOMLDepth)
	}
	s.mode = modeValue
	return nil
}

// keyPath reads a dotted key up to end (not consumed) or a line end, and counts its parts.
func (s *tomlScanner) keyPath(end byte) (int, *tomlProblem) {
	parts, partLen := 1, 0
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == end || c == '\n' || c == '#':
			return parts, nil
		case c == '.':
			parts++
			partLen = 0
			if parts > maxTOMLDepth {
				return parts, s.problem(s.i, CodeTooLarge, "the key has more than %d parts; the limit is %d", maxTOMLDepth, maxTOMLDepth)
			}
			s.i++
		case c == '"' || c == '\'':
			m := s.mark()
			if p := s.str(); p != nil {
				return parts, p
			}
			if s.i-m.i > maxTOMLKeyBytes {
				return parts, s.problemAt(m, CodeTooLarge, "the key is %d bytes long; the limit is %d", s.i-m.i, maxTOMLKeyBytes)
			}
		case c == ' ' || c == '\t':
			s.i++
		case c < 0x20 || c == 0x7f:
			return parts, s.problem(s.i, CodeControlChar, "control character %U", rune(c))
		default:
			partLen++
			if partLen > maxTOMLKeyBytes {
				return parts, s.problem(s.i, CodeTooLarge, "the key is longer than %d bytes", maxTOMLKeyBytes)
			}
			s.i++
		}
	}
	return parts, nil
}

// str reads a string of any of the four kinds, checking its length and control characters
// (escaped ones included).
func (s *tomlScanner) str() *tomlProblem {
	m := s.mark()
	start := s.i
	q := s.src[s.i]
	multi := strings.HasPrefix(s.src[s.i:], string([]byte{q, q, q}))
	delim := string(q)
	if multi {
		delim = strings.Repeat(delim, 3)
	}
	s.i += len(delim)
	for s.i < len(s.src) {
		if s.i-start > maxTOMLStrBytes {
			return s.problemAt(m, CodeTooLarge, "a string is longer than %d bytes", maxTOMLStrBytes)
		}
		if strings.HasPrefix(s.src[s.i:], delim) {
			s.i += len(delim)
			for k := 0; multi && k < 2 && s.i < len(s.src) && s.src[s.i] == q; k++ { // """a"""" ends in a quote
				s.i++
			}
			return nil
		}
		c := s.src[s.i]
		switch {
		case c == '\n':
			if !multi {
				return nil // the decoder reports the unterminated string
			}
			s.newline()
			s.i++
			continue
		case c == '\\' && q == '"':
			if p := s.escape(); p != nil {
				return p
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s.src[s.i:])
		if isControl(r) && r != '\r' {
			return s.problem(s.i, CodeControlChar, "control character %U in a string", r)
		}
		s.i += n
	}
	return nil
}

// escape reads one escape sequence of a basic string and refuses a control character.
func (s *tomlScanner) escape() *tomlProblem {
	at := s.i
	s.i++ // the backslash
	if s.i >= len(s.src) {
		return nil
	}
	c := s.src[s.i]
	s.i++
	var hex int
	switch c {
	case 'b', 'f', 'e':
		return s.problem(at, CodeControlChar, "the escape \\%c is a control character", c)
	case 'u':
		hex = 4
	case 'U':
		hex = 8
	case 'x':
		hex = 2
	case '\n', ' ', '\t', '\r': // a line-ending backslash in a multi-line string
		s.i--
		return nil
	default:
		return nil
	}
	if s.i+hex > len(s.src) {
		return nil
	}
	v, err := strconv.ParseUint(s.src[s.i:s.i+hex], 16, 32)
	s.i += hex
	if err == nil && isControl(rune(v)) {
		return s.problem(at, CodeControlChar, "the escape %s is the control character %U", s.src[at:s.i], rune(v))
	}
	return nil
}
