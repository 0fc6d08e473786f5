package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
)

// The output of `lap validate`: the violations of the data checks as a table for people, JSON
// and CSV for programs.

// violationsJSON is the shape of `lap validate --format json`.
type violationsJSON struct {
	Violations []violationJSON `json:"violations"`
}

type violationJSON struct {
	Check      string            `json:"check"`
	Importance engine.Importance `json:"importance"`
	ISO3       string            `json:"iso3"`
	Year       int               `json:"year"`
	Message    string            `json:"message"`
	Values     []valueJSON       `json:"values"`
}

type valueJSON struct {
	Field  string       `json:"field"`
	Value  any          `json:"value"`
	Class  engine.Class `json:"class"`
	Origin string       `json:"origin"`
}

// WriteViolationsJSON writes {"violations": [...]}, each with its check, importance, State,
// year, message and the values read (field, value, class, origin).
func WriteViolationsJSON(w io.Writer, v *engine.Validation) error {
	out := violationsJSON{Violations: []violationJSON{}}
	for _, x := range v.Violations {
		vj := violationJSON{Check: x.Check, Importance: x.Importance, ISO3: x.ISO3, Year: x.Year, Message: x.Message, Values: []valueJSON{}}
		for _, fr := range x.Values {
			vj.Values = append(vj.Values, valueJSON{Field: fr.Field, Value: fr.Value, Class: fr.Class, Origin: fr.Origin})
		}
		out.Violations = append(out.Violations, vj)
	}
	return EncodeJSON(w, out)
}

// violationsCSVHeader is the header of `lap validate --format csv`: one row per value read by a
// violation (a violation without values has one row with the value columns empty).
var violationsCSVHeader = []string{"importance", "check", "iso3", "state", "year", "message", "field", "value", "class", "origin", "source"}

// WriteViolationsCSV writes the violations in long form: one row per value read.
func WriteViolationsCSV(w io.Writer, v *engine.Validation) error {
	var b bytes.Buffer
	recs := [][]string{violationsCSVHeader}
	for _, x := range v.Violations {
		head := []string{string(x.Importance), x.Check, x.ISO3, x.State, fmt.Sprint(x.Year), x.Message}
		if len(x.Values) == 0 {
			recs = append(recs, append(head, "", "", "", "", ""))
		}
		for _, fr := range x.Values {
			recs = append(recs, append(append([]string(nil), head...), fr.Field, csvValue(fr.Value), string(fr.Class), fr.Origin, fr.Source))
		}
	}
	if err := writeCSV(&b, recs); err != nil {
		return fmt.Errorf("write violations csv: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

func csvValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return textExact(x)
	}
	return fmt.Sprint(v)
}

// WriteViolationsTable writes the validation for people: a summary line, then each violation
// with its message and the values read, their class and where each came from.
func WriteViolationsTable(w io.Writer, v *engine.Validation) error {
	years := fmt.Sprintf("year %d", v.From)
	if v.To != v.From {
		years = fmt.Sprintf("years %d-%d", v.From, v.To)
	}
	fmt.Fprintf(w, "Data checks: %d checks, %s, as of %s: %s\n", len(v.Checks), years, v.AsOf, violationCounts(v))
	if len(v.Violations) == 0 {
		_, err := fmt.Fprintln(w, "No violations.")
		return err
	}
	for _, x := range v.Violations {
		fmt.Fprintf(w, "\n%s  %s  %s (%s)  %d\n  %s\n", strings.ToUpper(string(x.Importance)), x.Check, x.State, x.ISO3, x.Year, x.Message)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, fr := range x.Values {
			origin := fr.Origin
			if fr.Source != "" {
				origin += " (" + fr.Source + ")"
			}
			fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", fr.Field, shorten(describeRead(fr.Value), 40), classText(fr.Class), origin)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// violationCounts says how many violations of each importance a validation found.
func violationCounts(v *engine.Validation) string {
	var parts []string
	for _, i := range engine.Importances {
		n := v.Count(i)
		word := string(i) + "s"
		if i == engine.ImportanceInfo {
			word = "info"
		}
		if n == 1 && i != engine.ImportanceInfo {
			word = string(i)
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, word))
	}
	return strings.Join(parts, ", ")
}

// shorten cuts s to at most n runes, ending it with "…" when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
