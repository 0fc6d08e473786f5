package locale

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// decodeCatalogueFile decodes one message file: id -> form ("description", "one", "other",
// ...) -> text, as toml.Unmarshal gives it. Every message file has the same few kinds of line
// (comments, blank lines, a quoted table name ["id"] and form = "text"), which readSimple reads
// in one pass: decoding the English catalogue with the TOML library was about 30 ms of CPU in
// every run of lap report, beside the loading. Any other line, and anything TOML would refuse or
// read differently (a repeated table or form, an escape other than \" \\ \t \n \uXXXX, a control
// character, a CR, invalid UTF-8), goes to the TOML library instead, which gives its own result
// or error (TestDecodeCatalogueFile: the same result on every message file and on random
// files).
func decodeCatalogueFile(data []byte) (map[string]map[string]string, error) {
	if m, ok := readSimple(data); ok {
		return m, nil
	}
	m := map[string]map[string]string{}
	if err := toml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// readSimple reads data when every line is one of the message files' usual kinds (above);
// ok is false when a line is anything else.
func readSimple(data []byte) (out map[string]map[string]string, ok bool) {
	if !utf8.Valid(data) || bytes.IndexByte(data, '\r') >= 0 {
		return nil, false
	}
	out = map[string]map[string]string{}
	var table map[string]string
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		rest := trimBlank(line)
		switch {
		case len(rest) == 0:
		case rest[0] == '#':
			if hasControl(rest) {
				return nil, false
			}
		case len(line) >= 4 && line[0] == '[' && line[1] == '"':
			// ["id"]: a quoted name without escapes, nothing after it
			end := bytes.IndexByte(line[2:], '"')
			if end < 0 || string(line[2+end:]) != `"]` {
				return nil, false
			}
			id := line[2 : 2+end]
			if bytes.IndexByte(id, '\\') >= 0 || hasControl(id) {
				return nil, false
			}
			if _, dup := out[string(id)]; dup {
				return nil, false
			}
			table = map[string]string{}
			out[string(id)] = table
		default:
			// form = "text": a bare key, one space either side of =, a basic string, nothing after it
			eq := bytes.Index(line, []byte(` = "`))
			if eq <= 0 || table == nil || !bareKey(line[:eq]) || len(line) < eq+5 || line[len(line)-1] != '"' {
				return nil, false
			}
			text, ok := basicString(line[eq+4 : len(line)-1])
			if !ok {
				return nil, false
			}
			key := string(line[:eq])
			if _, dup := table[key]; dup {
				return nil, false
			}
			table[key] = text
		}
	}
	return out, true
}

// trimBlank cuts the spaces and tabs at the start of a line; a line of only those is blank.
func trimBlank(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	if len(bytes.Trim(b, " \t")) == 0 {
		return nil
	}
	return b
}

// hasControl reports a control character TOML refuses in a comment or a string (all but tab).
func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return true
		}
	}
	return false
}

// bareKey reports whether b is a TOML bare key: letters, digits, _ and -.
func bareKey(b []byte) bool {
	for _, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return len(b) > 0
}

// basicString decodes the inside of a TOML basic string with the escapes the message files use
// (\" \\ \t \n \uXXXX); ok is false for anything else, an unescaped quote or a control
// character.
func basicString(b []byte) (string, bool) {
	if bytes.IndexByte(b, '\\') < 0 {
		if bytes.IndexByte(b, '"') >= 0 || hasControl(b) {
			return "", false
		}
		return string(b), true
	}
	s := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"' || c < 0x20 && c != '\t' || c == 0x7f:
			return "", false
		case c != '\\':
			s = append(s, c)
		case i+1 == len(b):
			return "", false
		default:
			i++
			switch b[i] {
			case '"', '\\':
				s = append(s, b[i])
			case 't':
				s = append(s, '\t')
			case 'n':
				s = append(s, '\n')
			case 'u':
				if i+4 >= len(b) {
					return "", false
				}
				n, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 32)
				r := rune(n)
				if err != nil || !utf8.ValidRune(r) {
					return "", false
				}
				s = utf8.AppendRune(s, r)
				i += 4
			default:
				return "", false
			}
		}
	}
	return string(s), true
}
