package engine

import (
	"bytes"
	"io"
	"math"
	"strings"
)

// csvRecords reads the records of a CSV file one at a time, with the line and column of each
// field: *csv.Reader, or a plainCSV for the common case.
type csvRecords interface {
	Read() ([]string, error)
	FieldPos(field int) (line, column int)
}

// plainCSV reads a CSV file in the plain form that the data files nearly always have: LF line
// ends, and quoted fields that hold no line end and whose quotes are doubled. It reads as
// encoding/csv's Reader (comma ',', FieldsPerRecord -1, no LazyQuotes) reads such a file,
// field positions included (FuzzPlainCSV compares them), at a fraction of the cost: the file
// is read once, by parsePlainCSV, into one string whose parts are the fields (unless a field
// holds a doubled quote) and a list of the records; Read hands them out.
type plainCSV struct {
	s        string
	fields   []plainField
	unquoted []string // the values of the fields that hold a doubled quote
	recs     []plainRecord
	next     int // the record Read returns next
	cur      plainRecord
	start    int      // the index in fields of the record Read returned last
	rec      []string // that record, reused
}

// plainField is a field of a plainCSV: its value s[start:end] (when start < 0, unquoted[-start-1])
// and its column (1-based, in bytes).
type plainField struct{ start, end, col int32 }

// plainRecord is a record of a plainCSV: its line, and the index in fields after its last field.
type plainRecord struct{ line, end int32 }

// parsePlainCSV is a reader of data; nil when data is not in the plain form (a CR, a quote in
// an unquoted field, a line end in a quoted field, text after a closing quote, an unclosed
// quote): encoding/csv reads such a file and reports its errors. The whole file is read, so
// that it is known to be plain before a record is used.
func parsePlainCSV(data []byte) *plainCSV {
	if bytes.IndexByte(data, '\r') >= 0 || len(data) > math.MaxInt32 {
		return nil
	}
	lines := bytes.Count(data, []byte{'\n'}) + 1
	perLine := bytes.Count(data[:max(bytes.IndexByte(data, '\n'), 0)], []byte{','}) + 1 // the header's fields, about
	s := string(data)
	p := &plainCSV{s: s, fields: make([]plainField, 0, lines*perLine), recs: make([]plainRecord, 0, lines)}
	line := int32(0)
	for i := 0; i < len(s); {
		// one record from i, skipping empty lines as encoding/csv does
		if s[i] == '\n' {
			line++
			i++
			continue
		}
		line++
		start := i // the line's first byte
		for {      // one field from i
			col := int32(i - start + 1)
			if i < len(s) && s[i] == '"' {
				end, doubled, ok := quotedField(s, i)
				if !ok {
					return nil
				}
				f := plainField{start: int32(i + 1), end: int32(end - 1), col: col}
				if doubled {
					p.unquoted = append(p.unquoted, replaceDoubledQuotes(s[i+1:end-1]))
					f.start = -int32(len(p.unquoted))
				}
				p.fields, i = append(p.fields, f), end
			} else {
				j := i
				for j < len(s) && !plainStop[s[j]] {
					j++
				}
				if j < len(s) && s[j] == '"' {
					return nil // a bare quote
				}
				p.fields, i = append(p.fields, plainField{start: int32(i), end: int32(j), col: col}), j
			}
			if i < len(s) && s[i] == ',' {
				i++
				continue
			}
			if i < len(s) { // a line end
				i++
			}
			break
		}
		p.recs = append(p.recs, plainRecord{line: line, end: int32(len(p.fields))})
	}
	return p
}

// plainStop marks the bytes that end an unquoted field (a comma, a line end), or that make a
// file not plain (a quote).
var plainStop = [256]bool{',': true, '\n': true, '"': true}

// quotedField reads the quoted field that begins at s[i] == '"': the index after its closing
// quote, which must be followed by a comma, a line end or the end of the file, and whether it
// holds a doubled quote. It reports false for a line end inside the quotes, an unclosed quote or
// text after it.
func quotedField(s string, i int) (end int, doubled, ok bool) {
	j := i + 1
	for {
		n := strings.IndexByte(s[j:], '"')
		if n < 0 || strings.IndexByte(s[j:j+n], '\n') >= 0 {
			return 0, false, false
		}
		k := j + n
		if k+1 < len(s) && s[k+1] == '"' { // a doubled quote: part of the value
			doubled, j = true, k+2
			continue
		}
		if k+1 < len(s) && s[k+1] != ',' && s[k+1] != '\n' {
			return 0, false, false
		}
		return k + 1, doubled, true
	}
}

func replaceDoubledQuotes(v string) string {
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		b = append(b, v[i])
		if v[i] == '"' {
			i++
		}
	}
	return string(b)
}

// Read returns the next record, or io.EOF. The record is valid until the next Read.
func (p *plainCSV) Read() ([]string, error) {
	if p.next == len(p.recs) {
		return nil, io.EOF
	}
	p.start = int(p.cur.end)
	p.cur = p.recs[p.next]
	p.next++
	p.rec = p.rec[:0]
	for _, f := range p.fields[p.start:p.cur.end] {
		if f.start < 0 {
			p.rec = append(p.rec, p.unquoted[-f.start-1])
		} else {
			p.rec = append(p.rec, p.s[f.start:f.end])
		}
	}
	return p.rec, nil
}

// FieldPos is the line and column of a field of the record Read returned last.
func (p *plainCSV) FieldPos(field int) (line, column int) {
	return int(p.cur.line), int(p.fields[p.start+field].col)
}
