package engine

import (
	"bytes"
	"io"
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
// field positions included (FuzzPlainCSV compares them), at a fraction of the cost: one
// string for the whole file, each field a part of it unless it holds a doubled quote, and one
// record slice that each Read reuses (as csv's ReuseRecord does).
type plainCSV struct {
	s       string
	i, line int      // the next byte and its line
	rec     []string // the record Read returned last
	recLine int
	cols    []int // its fields' columns (1-based, in bytes)
}

// parsePlainCSV is a reader of data; nil when data is not in the plain form (a CR, a quote in
// an unquoted field, a line end in a quoted field, text after a closing quote, an unclosed
// quote): encoding/csv reads such a file and reports its errors.
func parsePlainCSV(data []byte) *plainCSV {
	if bytes.IndexByte(data, '\r') >= 0 {
		return nil
	}
	p := &plainCSV{s: string(data)}
	for p.i < len(p.s) { // read it all once, to know it is plain before a record is used
		if !p.next() {
			return nil
		}
	}
	p.i, p.line, p.rec, p.cols = 0, 0, nil, p.cols[:0]
	return p
}

// next reads the record at p.i into p.rec, p.recLine and p.cols, skipping empty lines as
// encoding/csv does; it reports false when the record is not in the plain form. At the end of
// the file it leaves p.rec empty.
func (p *plainCSV) next() bool {
	s, i := p.s, p.i
	p.rec, p.cols = p.rec[:0], p.cols[:0]
	for i < len(s) && s[i] == '\n' {
		p.line++
		i++
	}
	if i == len(s) {
		p.i = i
		return true
	}
	p.line++
	p.recLine = p.line
	start := i // the line's first byte
	for {      // one field from i
		p.cols = append(p.cols, i-start+1)
		if i < len(s) && s[i] == '"' {
			field, end, ok := quotedField(s, i)
			if !ok {
				return false
			}
			p.rec, i = append(p.rec, field), end
		} else {
			j := i
			for j < len(s) && s[j] != ',' && s[j] != '\n' {
				if s[j] == '"' {
					return false // a bare quote
				}
				j++
			}
			p.rec, i = append(p.rec, s[i:j]), j
		}
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		if i < len(s) { // a line end
			i++
		}
		p.i = i
		return true
	}
}

// quotedField reads the quoted field that begins at s[i] == '"': its value and the index after
// its closing quote, which must be followed by a comma, a line end or the end of the file.
// It reports false for a line end inside the quotes, an unclosed quote or text after it.
func quotedField(s string, i int) (string, int, bool) {
	j := i + 1
	doubled := false
	for {
		k := j
		for k < len(s) && s[k] != '"' && s[k] != '\n' {
			k++
		}
		if k == len(s) || s[k] == '\n' {
			return "", 0, false
		}
		if k+1 < len(s) && s[k+1] == '"' { // a doubled quote: part of the value
			doubled, j = true, k+2
			continue
		}
		if k+1 < len(s) && s[k+1] != ',' && s[k+1] != '\n' {
			return "", 0, false
		}
		v := s[i+1 : k]
		if doubled {
			v = replaceDoubledQuotes(v)
		}
		return v, k + 1, true
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
	p.next() // the file is plain: parsePlainCSV read it all
	if len(p.rec) == 0 {
		return nil, io.EOF
	}
	return p.rec, nil
}

// FieldPos is the line and column of a field of the record Read returned last.
func (p *plainCSV) FieldPos(field int) (line, column int) {
	return p.recLine, p.cols[field]
}
