package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// The engine's one TOML reader. Plan files, scenario files, rule-test files and check files are
// all read by readTOML (or decodeTOML for bytes already read), so that they share the same
// limits, the same positions (file:line:col), the same snippets for syntax errors and the same
// did-you-mean hints for unknown keys. Each loader then validates the decoded struct and uses
// the tomlDoc to place its own diagnostics.

// maxTOMLFileBytes bounds a TOML input file.
const maxTOMLFileBytes = 1 << 20

// tomlDoc is one decoded TOML file: its name, its lines and the position of every key, named
// as the decoder names it with array-of-table indexes added ("indicator[2].rule").
type tomlDoc struct {
	file  string
	lines []string
	pos   map[string]position
}

// readTOML reads the file name from fsys and decodes it with decodeTOML. It returns the bytes
// read (nil when the file could not be read), for callers that hash their inputs.
func readTOML(fsys fs.FS, name string, v any) (*tomlDoc, []byte, Diagnostics) {
	data, err := ReadInput(fsys, name, maxTOMLFileBytes) // a regular file within the limit, checked before reading
	if err != nil {
		return nil, nil, Diagnostics{err.(*Diagnostic)}
	}
	doc, diags := decodeTOML(name, data, v)
	return doc, data, diags
}

// TOMLDoc is a TOML file read by ReadTOML: the line of every key, for the packages built on
// the engine (engine/ruletest) that read TOML files of their own and place their own
// diagnostics.
type TOMLDoc struct{ doc *tomlDoc }

// ReadTOML reads the TOML file name from fsys into v, a pointer to a struct whose toml tags are
// the file's schema, with the reader of plan, scenario and check files: the same input limits,
// positions, snippets for syntax errors and did-you-mean hints for unknown keys. doc is nil
// when the file could not be decoded; diags lists every problem found (unknown keys do not stop
// the decoding).
func ReadTOML(fsys fs.FS, name string, v any) (doc *TOMLDoc, diags Diagnostics) {
	d, _, diags := readTOML(fsys, name, v)
	if d == nil {
		return nil, diags
	}
	return &TOMLDoc{d}, diags
}

// LineOf is the line of key, named as the decoder names it with array-of-table indexes added
// ("test[1].name", "test.case[3].want"), or fallback when the file does not set it.
func (d *TOMLDoc) LineOf(key string, fallback int) int { return d.doc.lineOf(key, fallback) }

// ElementLines returns, for the array value of key, the line on which each of its inline-table
// elements opens; nil when key is not set or its value is not such an array.
func (d *TOMLDoc) ElementLines(key string) []int {
	return arrayElementLines(d.doc.lines, d.doc.lineOf(key, 0))
}

// decodeTOML decodes data, the content of the TOML file name, into v, a pointer to a struct
// whose toml tags are the file's schema. It refuses a file that is too large, empty or not
// UTF-8; reports a syntax or type error with its line, column and a snippet of the file; and
// reports every key the schema does not know, at its line, with the closest known key as a hint.
// The returned doc is nil when the file could not be decoded; unknown keys are reported but do
// not stop the decoding.
func decodeTOML(name string, data []byte, v any) (*tomlDoc, Diagnostics) {
	switch {
	case len(data) > maxTOMLFileBytes:
		return nil, Diagnostics{tooLarge(name, int64(len(data)), maxTOMLFileBytes, "")}
	case !isUTF8(data):
		return nil, Diagnostics{{Code: CodeBadEncoding, File: name, Line: 1, Message: "file is not valid UTF-8"}}
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	if strings.TrimSpace(text) == "" {
		return nil, Diagnostics{{Code: CodeEmptyFile, File: name, Line: 1, Message: "file is empty"}}
	}
	doc := &tomlDoc{file: name, lines: strings.Split(text, "\n")}
	if p := scanTOML(text); p != nil { // depth, lengths and control characters, before decoding
		return nil, Diagnostics{{Code: p.code, File: name, Line: p.line, Col: p.col, Message: p.msg, Snippet: doc.snippet(p.line)}}
	}
	md, err := toml.Decode(text, v)
	if err != nil {
		return nil, Diagnostics{doc.syntaxError(err)}
	}
	doc.pos = keyPositions(text)
	return doc, doc.unknownKeys(md, reflect.TypeOf(v))
}

// syntaxError turns a decoder error into a diagnostic with the position and a snippet.
func (d *tomlDoc) syntaxError(err error) *Diagnostic {
	diag := &Diagnostic{Code: CodeTOMLSyntax, File: d.file, Message: err.Error()}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		diag.Line, diag.Col, diag.Message, diag.Key = pe.Position.Line, pe.Position.Col, pe.Message, pe.LastKey
		diag.Snippet = pe.ErrorWithPosition()
		if u := strings.TrimSpace(pe.Usage); u != "" {
			diag.Hint = u
		}
		return diag
	}
	// a type mismatch: "toml: line 5 (last key "indicator.target"): incompatible types: ..."
	if m := tomlLine.FindStringSubmatch(err.Error()); m != nil {
		diag.Code = CodeBadValue
		diag.Line, _ = strconv.Atoi(m[1])
		if k := tomlLastKey.FindStringSubmatch(err.Error()); k != nil {
			diag.Key = k[1]
		}
		diag.Snippet = d.snippet(diag.Line)
	}
	return diag
}

var (
	tomlLine    = regexp.MustCompile(`line (\d+)`)
	tomlLastKey = regexp.MustCompile(`last key "([^"]+)"`)
)

// snippet shows line n of the file (1-based) with its neighbours, numbered.
func (d *tomlDoc) snippet(n int) string {
	if n < 1 || n > len(d.lines) {
		return ""
	}
	var b strings.Builder
	for i := max(1, n-1); i <= min(len(d.lines), n+1); i++ {
		mark := "  "
		if i == n {
			mark = "> "
		}
		fmt.Fprintf(&b, "%s%4d | %s\n", mark, i, clipLine(strings.TrimRight(d.lines[i-1], "\r")))
	}
	return b.String()
}

// at returns the position of key, or of its nearest enclosing key that has one
// ("indicator[2].rule", then "indicator[2]"), or the zero position.
func (d *tomlDoc) at(key string) position {
	for key != "" {
		if p, ok := d.pos[key]; ok {
			return p
		}
		i := strings.LastIndex(key, ".")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return position{}
}

// lineOf is the line of key, or fallback when the file does not set it.
func (d *tomlDoc) lineOf(key string, fallback int) int {
	if p, ok := d.pos[key]; ok {
		return p.line
	}
	return fallback
}

// has reports whether the file sets key.
func (d *tomlDoc) has(key string) bool {
	_, ok := d.pos[key]
	return ok
}

// diag makes a diagnostic at key (or its nearest enclosing key).
func (d *tomlDoc) diag(code, key, format string, args ...any) *Diagnostic {
	p := d.at(key)
	return &Diagnostic{Code: code, File: d.file, Line: p.line, Col: p.col, Key: key, Message: fmt.Sprintf(format, args...)}
}

// unknownKeys reports the keys the decoder left undecoded, each at its line, with the closest
// key the schema t knows at that level as a hint. A key inside an unknown table is not reported
// again.
func (d *tomlDoc) unknownKeys(md toml.MetaData, t reflect.Type) Diagnostics {
	undecoded := md.Undecoded()
	if len(undecoded) == 0 {
		return nil
	}
	// the positions of each key without its indexes, in file order: the n-th undecoded
	// "indicator.rulee" is the n-th line that sets it
	plain := map[string][]string{}
	for k := range d.pos {
		pk := stripIndexes(k)
		plain[pk] = append(plain[pk], k)
	}
	for _, ks := range plain {
		sort.Slice(ks, func(i, j int) bool { return d.pos[ks[i]].line < d.pos[ks[j]].line })
	}
	used := map[string]int{}
	searchFrom := map[string]int{}
	reported := map[string]bool{}
	var out Diagnostics
	for _, k := range undecoded {
		ks := k.String()
		if parentReported(reported, k) {
			continue
		}
		reported[ks] = true
		last := k[len(k)-1]
		known := schemaKeys(t, k[:len(k)-1])
		diag := &Diagnostic{Code: CodeUnknownKey, File: d.file, Key: ks, Message: fmt.Sprintf("unknown key %q", last)}
		if s := suggest(last, known); s != "" {
			diag.Hint = fmt.Sprintf("did you mean %q?", s)
		} else if len(known) > 0 {
			diag.Hint = "known keys: " + strings.Join(known, ", ")
		}
		if cands := plain[ks]; used[ks] < len(cands) {
			full := cands[used[ks]]
			used[ks]++
			p := d.pos[full]
			diag.Key, diag.Line, diag.Col = full, p.line, p.col
		} else {
			// a key inside an inline table: find the line that sets it, after its parent's
			parent := d.at(strings.Join(k[:len(k)-1], "."))
			from := max(parent.line, searchFrom[ks])
			if line := d.findKey(last, from); line > 0 {
				diag.Line, diag.Col = line, 1
				searchFrom[ks] = line + 1
			} else {
				diag.Line = parent.line
			}
		}
		out = append(out, diag)
	}
	return out
}

// findKey returns the first line, from line from (1-based) on, that sets key in an inline or
// ordinary table, or 0.
func (d *tomlDoc) findKey(key string, from int) int {
	re := regexp.MustCompile(`(^|[{,\s])["']?` + regexp.QuoteMeta(key) + `["']?\s*=`)
	for i := max(from, 1); i <= len(d.lines); i++ {
		if re.MatchString(d.lines[i-1]) {
			return i
		}
	}
	return 0
}

func parentReported(reported map[string]bool, k toml.Key) bool {
	for i := 1; i < len(k); i++ {
		if reported[k[:i].String()] {
			return true
		}
	}
	return false
}

var indexPattern = regexp.MustCompile(`\[[0-9]+\]`)

func stripIndexes(key string) string { return indexPattern.ReplaceAllString(key, "") }

var tomlUnmarshaler = reflect.TypeOf((*toml.Unmarshaler)(nil)).Elem()

// schemaKeys lists, sorted, the keys the schema t (a struct type, or a pointer or slice of
// one) knows in the table at path.
func schemaKeys(t reflect.Type, path []string) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || reflect.PointerTo(t).Implements(tomlUnmarshaler) {
		return nil
	}
	if len(path) == 0 {
		return tomlTags(t)
	}
	for i := 0; i < t.NumField(); i++ {
		if tomlTag(t.Field(i)) == path[0] {
			return schemaKeys(t.Field(i).Type, path[1:])
		}
	}
	return nil
}

func tomlTag(f reflect.StructField) string { return strings.Split(f.Tag.Get("toml"), ",")[0] }

// tomlTags lists, sorted, the toml tag names of a struct type's fields.
func tomlTags(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if k := tomlTag(t.Field(i)); k != "" && k != "-" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// tomlKeys lists the toml tag names of a struct value's fields, sorted.
func tomlKeys(v any) []string { return tomlTags(reflect.TypeOf(v)) }

func isUTF8(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

// position is where a key's value starts in a TOML file (1-based line and column).
type position struct{ line, col int }

// keyPositions scans TOML text for "key = value" lines and table headers and returns the
// position of each key, named as the decoder names it with array-of-table indexes added:
// "number", "indicator[2].rule", "section[0].key". The decoder reports no positions for
// semantic problems, so this second, shallow pass recovers them (as Prometheus's rulefmt
// does with yaml.Node).
func keyPositions(text string) map[string]position {
	pos := map[string]position{}
	counts := map[string]int{}
	prefix := ""
	inMulti := ""
	for i, line := range strings.Split(text, "\n") {
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
			continue
		case strings.HasPrefix(t, "[["):
			name := strings.TrimSpace(strings.Trim(strings.SplitN(t, "]]", 2)[0], "[]"))
			prefix = name + "[" + itoa(counts[name]) + "]."
			pos[strings.TrimSuffix(prefix, ".")] = position{i + 1, 1}
			counts[name]++
			continue
		case strings.HasPrefix(t, "["):
			name := strings.TrimSpace(strings.Trim(strings.SplitN(t, "]", 2)[0], "[]"))
			prefix = name + "."
			pos[name] = position{i + 1, 1}
			continue
		}
		keyStart, keyEnd, valueStart, ok := matchKeyLine(line)
		if !ok {
			continue
		}
		key := strings.Trim(line[keyStart:keyEnd], `"'`)
		pos[prefix+key] = position{i + 1, valueStart + 1}
		rest := line[valueStart:]
		for _, q := range []string{`'''`, `"""`} {
			if strings.HasPrefix(rest, q) && !strings.Contains(rest[3:], q) {
				inMulti = q
			}
		}
	}
	return pos
}

// matchKeyLine matches a "key = value" line as the regular expression
// ^\s*([A-Za-z0-9_\-"']+)\s*=\s*(\S) does (TestMatchKeyLine compares them): the key's start and
// end and the value's first byte. It reads each byte once; the expression was a tenth of a
// plan's loading.
func matchKeyLine(line string) (keyStart, keyEnd, valueStart int, ok bool) {
	i := skipSpace(line, 0)
	keyStart = i
	for i < len(line) && keyByte[line[i]] {
		i++
	}
	keyEnd = i
	i = skipSpace(line, i)
	if keyEnd == keyStart || i == len(line) || line[i] != '=' {
		return 0, 0, 0, false
	}
	i = skipSpace(line, i+1)
	if i == len(line) {
		return 0, 0, 0, false
	}
	return keyStart, keyEnd, i, true
}

// skipSpace is the index of the first byte of s from i that is not white space as \s means
// it in a regular expression (tab, line feed, form feed, carriage return, space).
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// keyByte marks the bytes of a bare or quoted key that matchKeyLine accepts.
var keyByte = func() (t [256]bool) {
	for _, c := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-\"'" {
		t[c] = true
	}
	return t
}()

// arrayElementLines finds, for the array value of the key on line keyLine (1-based), the line
// on which each of its inline-table elements opens. It understands strings and comments well
// enough for hand-written test files; when it finds nothing, callers fall back to the key's
// line.
func arrayElementLines(lines []string, keyLine int) []int {
	if keyLine < 1 || keyLine > len(lines) {
		return nil
	}
	first := lines[keyLine-1]
	eq := strings.Index(first, "=")
	if eq < 0 {
		return nil
	}
	var out []int
	depthArr, depthTbl := 0, 0
	var quote byte
	for li := keyLine - 1; li < len(lines); li++ {
		text := lines[li]
		start := 0
		if li == keyLine-1 {
			start = eq + 1
		}
		for i := start; i < len(text); i++ {
			ch := text[i]
			if quote != 0 {
				switch {
				case ch == '\\' && quote == '"':
					i++
				case ch == quote:
					quote = 0
				}
				continue
			}
			switch ch {
			case '"', '\'':
				quote = ch
			case '#':
				i = len(text)
			case '[':
				depthArr++
			case ']':
				depthArr--
				if depthArr == 0 && depthTbl == 0 {
					return out
				}
			case '{':
				if depthTbl == 0 && depthArr == 1 {
					out = append(out, li+1)
				}
				depthTbl++
			case '}':
				depthTbl--
			}
		}
		quote = 0 // strings in inline tables cannot span lines
	}
	return out
}
