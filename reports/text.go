package reports

import (
	"bytes"
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
// lap command. It writes once, when the whole value is encoded. The value is encoded compact,
// then indented in one pass into a buffer made at once to twice the compact size (json.Indent),
// which gives the bytes of an Encoder with SetIndent without its buffer that grows by doubling:
// for a report's results.json (1 MB) that growth was most of the encoding's time.
func EncodeJSON(w io.Writer, v any) error {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b, direct := w.(*bytes.Buffer)
	if !direct {
		b = new(bytes.Buffer)
	}
	if err := json.Indent(b, compact.Bytes(), "", "  "); err != nil {
		return err
	}
	if !direct {
		_, err := w.Write(b.Bytes())
		return err
	}
	return nil
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
