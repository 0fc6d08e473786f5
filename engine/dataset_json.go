package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
)

// The JSON form of a dataset (dataset.json) holds the same content as the two CSV files:
//
//	{"states": [{"iso3": "AFG", "name": "Afghanistan", "region": "asia-pacific",
//	             "signed": "2008-12-03", "ratified": "2011-09-08", ...}],
//	 "facts":  [{"iso3": "AFG", "year": 2022, "field": "art4_area_cleared_m2",
//	             "value": 1250000, "source": "Art7 2022 Form F", "class": "official"}]}
//
// Values may be JSON strings, numbers or booleans; a static fact has no year (or null). An
// optional "registers" array holds the declarations of registers.csv:
//
//	"registers": [{"field": "art7_annual_submitted", "first_year": 2019, "last_year": 2025,
//	               "class": "official", "source": "UNODA Article 7 register"}]
//
// A declaration may name one State ("iso3": "TCD"), as registers.csv's optional iso3 column.

type jsonState struct {
	ISO3           string `json:"iso3"`
	Name           string `json:"name"`
	Region         string `json:"region"`
	Signed         string `json:"signed"`
	Ratified       string `json:"ratified"`
	EntryIntoForce string `json:"entry_into_force"`
	Withdrawn      string `json:"withdrawn"`
	Class          string `json:"class"`
}

type jsonFact struct {
	ISO3   string          `json:"iso3"`
	Year   *int            `json:"year"`
	Field  string          `json:"field"`
	Value  json.RawMessage `json:"value"`
	Source string          `json:"source"`
	Class  string          `json:"class"`
	// Recorded is the optional day the fact became known (the recorded column of facts.csv).
	Recorded string `json:"recorded"`
}

// jsonRegister is one declaration of the registers array (registers.csv's columns).
type jsonRegister struct {
	Field     string `json:"field"`
	FirstYear *int   `json:"first_year"`
	LastYear  *int   `json:"last_year"`
	Class     string `json:"class"`
	Source    string `json:"source"`
	ISO3      string `json:"iso3"`
}

func (b *builder) readJSON(fsys fs.FS, name string) {
	data, ok := b.readFile(fsys, name)
	if !ok {
		return
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lc := lineCounter{data: data, line: 1}
	lineAt := lc.at
	fail := func(off int64, format string, args ...any) {
		b.add(&Diagnostic{Code: CodeJSONSyntax, File: name, Line: lineAt(off), Message: fmt.Sprintf(format, args...)})
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		fail(dec.InputOffset(), "want a JSON object with \"states\" and \"facts\"")
		return
	}
	var states, facts, registers []*row
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			fail(dec.InputOffset(), "%v", err)
			return
		}
		key, _ := t.(string)
		if key != "states" && key != "facts" && key != "registers" {
			fail(dec.InputOffset(), "unknown key %q; want \"states\" and \"facts\" (and \"registers\")", key)
			return
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			fail(dec.InputOffset(), "%q must be an array", key)
			return
		}
		for dec.More() {
			if b.full() {
				b.stop(name, lineAt(dec.InputOffset()))
				return
			}
			line := lineAt(dec.InputOffset()) // the offset ends the previous value; skip to the next
			if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n,"); len(rest) > 0 {
				line = lineAt(int64(len(data) - len(rest)))
			}
			r := &row{file: name, line: line}
			if key == "states" {
				var s jsonState
				if err := dec.Decode(&s); err != nil {
					fail(dec.InputOffset(), "read state: %v", err)
					return
				}
				r.vals[colISO3], r.vals[colName], r.vals[colRegion], r.vals[colClass] = s.ISO3, s.Name, s.Region, s.Class
				r.vals[colSigned], r.vals[colRatified], r.vals[colEntryIntoForce], r.vals[colWithdrawn] = s.Signed, s.Ratified, s.EntryIntoForce, s.Withdrawn
				if b.checkValues(r) {
					states = append(states, r)
				}
				continue
			}
			if key == "registers" {
				var g jsonRegister
				if err := dec.Decode(&g); err != nil {
					fail(dec.InputOffset(), "read register: %v", err)
					return
				}
				r.vals[colField], r.vals[colClass], r.vals[colSource], r.vals[colISO3] = g.Field, g.Class, g.Source, g.ISO3
				if g.FirstYear != nil {
					r.vals[colFirstYear] = strconv.Itoa(*g.FirstYear)
				}
				if g.LastYear != nil {
					r.vals[colLastYear] = strconv.Itoa(*g.LastYear)
				}
				if b.checkValues(r) {
					registers = append(registers, r)
				}
				continue
			}
			var f jsonFact
			if err := dec.Decode(&f); err != nil {
				fail(dec.InputOffset(), "read fact: %v", err)
				return
			}
			v, err := jsonScalar(f.Value)
			if err != nil {
				b.add(r.diag(CodeBadValue, "value", "%s: %v", clip(f.Field), err))
				continue
			}
			r.vals[colISO3], r.vals[colField], r.vals[colValue], r.vals[colSource], r.vals[colClass], r.vals[colRecorded] = f.ISO3, f.Field, v, f.Source, f.Class, f.Recorded
			if f.Year != nil {
				r.vals[colYear] = strconv.Itoa(*f.Year)
			}
			if b.checkValues(r) {
				facts = append(facts, r)
			}
		}
		if _, err := dec.Token(); err != nil {
			fail(dec.InputOffset(), "%v", err)
			return
		}
	}
	for i, rows := range [][]*row{states, facts, registers} {
		for _, r := range rows {
			if b.full() {
				b.stop(name, r.line)
				return
			}
			switch i {
			case 0:
				b.stateRow(r)
			case 1:
				b.factRow(r)
			default:
				b.registerRow(r)
			}
		}
	}
	b.files[len(b.files)-1].Rows = len(states) + len(facts) + len(registers)
}

// jsonScalar turns a JSON string, number or boolean into the text form of a value.
func jsonScalar(raw json.RawMessage) (string, error) {
	// the common cases without a second decoder: the raw value was checked by the first one
	switch raw = bytes.TrimSpace(raw); {
	case len(raw) >= 2 && raw[0] == '"' && bytes.IndexByte(raw, '\\') < 0:
		return string(raw[1 : len(raw)-1]), nil // a string without escapes
	case len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9'):
		return string(raw), nil // a number as written
	case string(raw) == "true" || string(raw) == "false":
		return string(raw), nil
	case string(raw) == "null":
		return "", nil
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return "", fmt.Errorf("read value: %w", err)
	}
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case json.Number:
		return x.String(), nil
	}
	return "", fmt.Errorf("value must be a string, number or boolean, not %s", clip(string(raw)))
}

// lineCounter gives the line of a byte offset, counting newlines from the offset asked for
// before, so that asking in increasing order reads the data once.
type lineCounter struct {
	data []byte
	off  int64
	line int
}

func (c *lineCounter) at(off int64) int {
	off = min(max(off, 0), int64(len(c.data)))
	if off < c.off {
		c.off, c.line = 0, 1
	}
	c.line += bytes.Count(c.data[c.off:off], []byte("\n"))
	c.off = off
	return c.line
}
