package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/internal/thousands"
)

// Plain-text formatting for the command-line tables (lap eval, explain, risk, whatif, plan).
// Unlike the report's numbers (format.go) these have no thousands separators, so that a table
// column can be read back by a script.

// EncodeJSON writes v as indented JSON, without escaping <, > and &: the JSON output of every
// lap command. Nothing is written unless the whole value is encoded. The value is encoded
// compact, then indented on its way to w (jsonIndenter), which gives the bytes of an Encoder
// with SetIndent (or json.Indent) without a buffer of the whole indented document: for a
// report's results.json (1 MB) the buffers that grow by doubling were most of the encoding's
// time.
func EncodeJSON(w io.Writer, v any) error {
	ind := &jsonIndenter{w: w}
	enc := json.NewEncoder(ind) // one Write, of the whole compact value
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return ind.flush()
}

// jsonIndenter indents the compact JSON that encoding/json writes (no space outside strings
// but the newline after the value) as json.Indent with no prefix and an indent of two spaces
// does, writing to w through a buffer of jsonIndentBuf bytes. Its state runs across writes.
type jsonIndenter struct {
	w     io.Writer
	buf   []byte
	depth int
	inStr bool // in a string
	esc   bool // after a backslash in a string
	open  bool // after { or [: the newline waits, so that an empty one stays {} or []
	err   error
}

const jsonIndentBuf = 32 << 10

func (j *jsonIndenter) Write(p []byte) (int, error) {
	if j.buf == nil {
		j.buf = make([]byte, 0, jsonIndentBuf+256)
	}
	for i := 0; i < len(p); i++ {
		if len(j.buf) >= jsonIndentBuf && j.flush() != nil {
			return i, j.err
		}
		c := p[i]
		if j.inStr {
			// the run of plain bytes up to the next quote or backslash at once
			k := i
			for k < len(p) && p[k] != '"' && p[k] != '\\' && !j.esc {
				k++
			}
			if k > i {
				j.buf = append(j.buf, p[i:k]...)
				i = k - 1
				continue
			}
			switch {
			case j.esc:
				j.esc = false
			case c == '\\':
				j.esc = true
			case c == '"':
				j.inStr = false
			}
			j.buf = append(j.buf, c)
			continue
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			if j.depth == 0 && !j.open { // after the value: kept, as json.Indent keeps it
				j.buf = append(j.buf, c)
			}
			continue
		}
		if j.open && c != '}' && c != ']' {
			j.open = false
			j.depth++
			j.newline()
		}
		switch c {
		case '{', '[':
			j.open = true
			j.buf = append(j.buf, c)
		case ',':
			j.buf = append(j.buf, c)
			j.newline()
		case ':':
			j.buf = append(j.buf, ':', ' ')
		case '}', ']':
			if j.open {
				j.open = false
			} else {
				j.depth--
				j.newline()
			}
			j.buf = append(j.buf, c)
		case '"':
			j.inStr = true
			j.buf = append(j.buf, c)
		default:
			j.buf = append(j.buf, c)
		}
	}
	return len(p), nil
}

// newline starts a line indented to the depth.
func (j *jsonIndenter) newline() {
	j.buf = append(j.buf, '\n')
	for range j.depth {
		j.buf = append(j.buf, ' ', ' ')
	}
}

// flush writes what the buffer holds.
func (j *jsonIndenter) flush() error {
	if j.err == nil && len(j.buf) > 0 {
		_, j.err = j.w.Write(j.buf)
		j.buf = j.buf[:0]
	}
	return j.err
}

// textValue prints a value in its unit: whole numbers without decimals, percentages with one
// decimal, other numbers with two.
func textValue(v *float64, unit string) string {
	if v == nil {
		return dash
	}
	if unit == "percent" {
		return strconv.FormatFloat(*v, 'f', 1, 64) + "%"
	}
	if *v == float64(int64(*v)) {
		return strconv.FormatInt(int64(*v), 10)
	}
	return strconv.FormatFloat(*v, 'f', 2, 64)
}

// textScore prints a score or a share of progress as a whole percentage.
func textScore(v *float64) string {
	if v == nil {
		return dash
	}
	return thousands.Plain(100**v, 0) + "%"
}

// textDelta prints a signed change in an indicator's unit; a change of a percentage is in
// points.
func textDelta(v *float64, unit string) string {
	if v == nil {
		return dash
	}
	s := textValue(v, unit)
	if unit == "percent" {
		s = strings.TrimSuffix(s, "%") + " pp"
	}
	if *v > 0 {
		s = "+" + s
	}
	return s
}

// textScoreDelta prints a change of score in percentage points.
func textScoreDelta(v *float64) string {
	if v == nil {
		return dash
	}
	return signed(thousands.Plain(100**v, 1)) + " pp"
}

// textProb prints a probability as a percentage with one decimal.
func textProb(p *float64) string {
	if p == nil {
		return dash
	}
	return thousands.Plain(100**p, 1) + "%"
}

// textYearFrac prints a fractional year, or "never".
func textYearFrac(v *float64) string {
	if v == nil {
		return "never"
	}
	return thousands.Plain(*v, 1)
}

// textExact prints a number in its shortest exact form.
func textExact(v float64) string { return raw(&v) }

// orDash is s, or a dash when s is empty.
func orDash(s string) string {
	if s == "" {
		return dash
	}
	return s
}

// yearOrDash is a year, or a dash when there is none.
func yearOrDash(y *int) string {
	if y == nil {
		return dash
	}
	return strconv.Itoa(*y)
}

// oneLine joins the lines and runs of spaces of s into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// textWriter keeps the first write error, so that a long document needs one check.
type textWriter struct {
	w   io.Writer
	err error
}

func (e *textWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// textDatePtr prints an optional date as precisely as known (ISO), or a dash.
func textDatePtr(d *engine.Date) string {
	if d == nil || d.IsZero() {
		return dash
	}
	return d.String()
}

// verdictWord says whether a deadline was met in neutral words: yes, no, not known, pending
// (the deadline is ahead) or no deadline (a later episode judged by its duration).
func verdictWord(v engine.Verdict) string {
	switch v {
	case engine.VerdictYes:
		return "yes"
	case engine.VerdictNo:
		return "no"
	case engine.VerdictUnknown:
		return "not known"
	case engine.VerdictPending:
		return "pending"
	case engine.VerdictNone:
		return "no deadline"
	}
	return dash
}
