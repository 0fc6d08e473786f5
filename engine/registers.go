package engine

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The class of an absence (docs/data.md, "Registers: the class of an absence"). A register field
// (data dictionary §2.2) comes from a complete public record, so a rule may read its absence
// as "no" (`?? false`), and derived fields such as initial_report_submitted do. What such a
// "no" rests on is the register, not a fact: the optional registers.csv beside facts.csv (the
// registers key of dataset.json) declares, per register field, the years the data record every
// case for and the class of that record. An absent value of a register field takes the
// declared class for a year the declaration covers, and ClassUnstated otherwise: an absence is
// never silently official.

// Register is one declaration of registers.csv: for the register field Field, the data record
// every case in the years First to Last (0: no bound), and an absence there rests on a record
// of class Class, named by Source. ISO3, when set, restricts the declaration to one State: a
// record of that State's absence (Chad's reports not received, from Mine Action Review) that
// the field's declaration for every State does not source; for that State and those years it
// takes the place of the declaration for every State.
type Register struct {
	Field  string `json:"field"`
	First  int    `json:"first_year,omitempty"`
	Last   int    `json:"last_year,omitempty"`
	Class  Class  `json:"class"`
	Source string `json:"source"`
	ISO3   string `json:"iso3,omitempty"`
	File   string `json:"-"`
	Line   int    `json:"-"`
}

// Covers reports whether the declaration covers year y.
func (r Register) Covers(y int) bool {
	return (r.First == 0 || y >= r.First) && (r.Last == 0 || y <= r.Last)
}

// registerColumns are the columns of registers.csv: all required (the years may be empty);
// registerOptional the optional ones: iso3, a declaration for one State (empty: every State).
var (
	registerColumns  = []string{"field", "first_year", "last_year", "class", "source"}
	registerOptional = []string{"iso3"}
)

// RegisterColumns are the columns of registers.csv in order, the optional iso3 last: the
// header lap writes (the workbook's Registers sheet).
func RegisterColumns() []string {
	return append(append([]string(nil), registerColumns...), registerOptional...)
}

// isRegister marks the register fields by schema index.
var isRegister = func() []bool {
	out := make([]bool, len(schema))
	for i, f := range schema {
		out[i] = f.Kind == KindRegister
	}
	return out
}()

// absenceYears is the number of years an absence table holds, MinYear to MaxYear.
const absenceYears = MaxYear - MinYear + 1

// absenceTable holds, for each register field (by schema index), the class of an absence in
// each year from MinYear: "" where no declaration covers the year. A field without a
// declaration has a nil row. byState holds the same for the declarations of one State, by
// ISO3 (nil without any). It is built once per dataset and shared by the datasets derived
// from it (scenarios, one State's view), which is why byState is keyed by code, not index.
type absenceTable struct {
	all     [][]Class
	byState map[string][][]Class
}

// Registers returns the dataset's register declarations, in the order given.
func (d *Dataset) Registers() []Register { return append([]Register(nil), d.registers...) }

// AbsentClass is the class of an absent value of an input field in year y for a State without
// a declaration of its own: for a register field, the class its declaration gives for y, or
// ClassUnstated when no declaration covers y; for a report field, the zero Class (its absence
// means "not known", never "no"). For a static or carried field, y is the year evaluated: the
// register covers the record up to that year's reference date.
func (d *Dataset) AbsentClass(field string, y int) Class { return d.AbsentClassOf("", field, y) }

// AbsentClassOf is AbsentClass for the State iso3: a declaration for that State alone (the
// iso3 column of registers.csv) comes before the declaration for every State.
func (d *Dataset) AbsentClassOf(iso3, field string, y int) Class {
	fi, ok := fieldIndex[field]
	if !ok || !schema[fi].Input() {
		return ""
	}
	return d.absentClassOf(iso3, fi, y)
}

// absentClass is AbsentClassOf by State and schema index.
func (d *Dataset) absentClass(si, fi, y int) Class {
	if d.absence.byState == nil || si < 0 || si >= len(d.states) {
		return d.absentClassOf("", fi, y)
	}
	return d.absentClassOf(d.states[si].ISO3, fi, y)
}

func (d *Dataset) absentClassOf(iso3 string, fi, y int) Class {
	if !isRegister[fi] {
		return ""
	}
	if y >= MinYear && y <= MaxYear {
		if rows := d.absence.byState[iso3]; iso3 != "" && fi < len(rows) && rows[fi] != nil {
			if c := rows[fi][y-MinYear]; c != "" {
				return c
			}
		}
		if fi < len(d.absence.all) {
			if row := d.absence.all[fi]; row != nil {
				if c := row[y-MinYear]; c != "" {
					return c
				}
			}
		}
	}
	return ClassUnstated
}

// registerRow validates one row of registers.csv (or of the registers of dataset.json).
func (b *builder) registerRow(r *row) {
	reg := Register{Field: r.vals[colField], Source: r.vals[colSource], ISO3: strings.TrimSpace(r.vals[colISO3]), File: r.file, Line: r.line}
	ok := true
	if reg.ISO3 != "" {
		if _, known := b.stateIdx[reg.ISO3]; !known {
			d := r.diag(CodeUnknownState, "iso3", "unknown State %s: not in the States file (leave iso3 empty to declare the register for every State)", clip(reg.ISO3))
			if s := suggest(reg.ISO3, b.isoCodes()); s != "" {
				d.Hint = fmt.Sprintf("did you mean %q?", s)
			}
			b.add(d)
			ok = false
		}
	}
	fd, known := LookupField(reg.Field)
	switch {
	case !known:
		d := r.diag(CodeUnknownField, "field", "unknown field %s", clip(reg.Field))
		if s := suggest(reg.Field, registerFieldNames()); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		b.add(d)
		ok = false
	case fd.Kind != KindRegister:
		d := r.diag(CodeNotRegister, "field", "field %s is of kind %s, not a register: only a register field's absence means \"no\"", reg.Field, fd.Kind)
		d.Hint = "declare only fields whose kind is register (data dictionary §2.2)"
		b.add(d)
		ok = false
	}
	for _, c := range [...]struct {
		key string
		col column
		dst *int
	}{{"first_year", colFirstYear, &reg.First}, {"last_year", colLastYear, &reg.Last}} {
		v := r.vals[c.col]
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < MinYear || n > MaxYear {
			b.add(r.diag(CodeBadYear, c.key, "%s %s is not a year between %d and %d (leave it empty for no bound)", c.key, clip(v), MinYear, MaxYear))
			ok = false
			continue
		}
		*c.dst = n
	}
	if reg.First != 0 && reg.Last != 0 && reg.First > reg.Last {
		b.add(r.diag(CodeBadYear, "last_year", "last_year %d is before first_year %d", reg.Last, reg.First))
		ok = false
	}
	if r.vals[colClass] == "" {
		b.add(r.diag(CodeBadValue, "class", "class is empty; name the class of the register (one of %s)", joinClasses()))
		ok = false
	} else if c, err := parseClass(r.vals[colClass]); err != nil {
		b.add(r.diag(CodeBadValue, "class", "%v", err))
		ok = false
	} else {
		reg.Class = c
	}
	if reg.Source == "" {
		b.add(r.diag(CodeMissingSource, "source", "source is empty; name the register the declaration rests on"))
		ok = false
	}
	if !ok {
		return
	}
	for _, prev := range b.registers {
		if prev.Field == reg.Field && prev.ISO3 == reg.ISO3 && overlaps(prev, reg) {
			what := reg.Field
			if reg.ISO3 != "" {
				what += " for " + reg.ISO3
			}
			b.add(r.diag(CodeDuplicateFact, "first_year", "the years of %s overlap a declaration at %s:%d; declare each year once", what, prev.File, prev.Line))
			return
		}
	}
	b.registers = append(b.registers, reg)
}

// overlaps reports whether two declarations share a year.
func overlaps(a, b Register) bool {
	lo := func(r Register) int { return max(r.First, MinYear) }
	hi := func(r Register) int {
		if r.Last == 0 {
			return MaxYear
		}
		return r.Last
	}
	return lo(a) <= hi(b) && lo(b) <= hi(a)
}

// registerFieldNames lists the register fields, sorted.
func registerFieldNames() []string {
	var out []string
	for i, f := range schema {
		if isRegister[i] {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}

func joinClasses() string {
	s := ""
	for i, c := range dataClasses {
		if i > 0 {
			s += ", "
		}
		s += c
	}
	return s
}

// buildAbsence builds the absence table of a dataset's declarations.
func buildAbsence(regs []Register) absenceTable {
	var t absenceTable
	for _, r := range regs {
		rows := t.all
		if r.ISO3 != "" {
			rows = t.byState[r.ISO3]
		}
		if rows == nil {
			rows = make([][]Class, len(schema))
		}
		fi := fieldIndex[r.Field]
		if rows[fi] == nil {
			rows[fi] = make([]Class, absenceYears)
		}
		lo, hi := MinYear, MaxYear
		if r.First != 0 {
			lo = r.First
		}
		if r.Last != 0 {
			hi = r.Last
		}
		for y := lo; y <= hi; y++ {
			rows[fi][y-MinYear] = r.Class
		}
		if r.ISO3 == "" {
			t.all = rows
			continue
		}
		if t.byState == nil {
			t.byState = map[string][][]Class{}
		}
		t.byState[r.ISO3] = rows
	}
	return t
}
