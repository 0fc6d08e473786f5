package engine

import (
	"fmt"
	"sort"
	"strconv"
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
// of class Class, named by Source.
type Register struct {
	Field  string `json:"field"`
	First  int    `json:"first_year,omitempty"`
	Last   int    `json:"last_year,omitempty"`
	Class  Class  `json:"class"`
	Source string `json:"source"`
	File   string `json:"-"`
	Line   int    `json:"-"`
}

// Covers reports whether the declaration covers year y.
func (r Register) Covers(y int) bool {
	return (r.First == 0 || y >= r.First) && (r.Last == 0 || y <= r.Last)
}

// registerColumns are the columns of registers.csv: all required (the years may be empty).
var registerColumns = []string{"field", "first_year", "last_year", "class", "source"}

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
// declaration has a nil row. It is built once per dataset and shared by the datasets derived
// from it (scenarios, one State's view).
type absenceTable [][]Class

// Registers returns the dataset's register declarations, in the order given.
func (d *Dataset) Registers() []Register { return append([]Register(nil), d.registers...) }

// AbsentClass is the class of an absent value of an input field in year y: for a register
// field, the class its declaration gives for y, or ClassUnstated when no declaration covers y;
// for a report field, the zero Class (its absence means "not known", never "no"). For a
// static or carried field, y is the year evaluated: the register covers the record up to
// that year's reference date.
func (d *Dataset) AbsentClass(field string, y int) Class {
	fi, ok := fieldIndex[field]
	if !ok || !schema[fi].Input() {
		return ""
	}
	return d.absentClass(fi, y)
}

// absentClass is AbsentClass by schema index.
func (d *Dataset) absentClass(fi, y int) Class {
	if !isRegister[fi] {
		return ""
	}
	if fi < len(d.absence) && y >= MinYear && y <= MaxYear {
		if row := d.absence[fi]; row != nil {
			if c := row[y-MinYear]; c != "" {
				return c
			}
		}
	}
	return ClassUnstated
}

// registerRow validates one row of registers.csv (or of the registers of dataset.json).
func (b *builder) registerRow(r *row) {
	reg := Register{Field: r.vals["field"], Source: r.vals["source"], File: r.file, Line: r.line}
	ok := true
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
	for _, c := range []struct {
		key string
		dst *int
	}{{"first_year", &reg.First}, {"last_year", &reg.Last}} {
		v := r.vals[c.key]
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
	if r.vals["class"] == "" {
		b.add(r.diag(CodeBadValue, "class", "class is empty; name the class of the register (one of %s)", joinClasses()))
		ok = false
	} else if c, err := parseClass(r.vals["class"]); err != nil {
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
		if prev.Field == reg.Field && overlaps(prev, reg) {
			b.add(r.diag(CodeDuplicateFact, "first_year", "the years of %s overlap a declaration at %s:%d; declare each year once", reg.Field, prev.File, prev.Line))
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
	if len(regs) == 0 {
		return nil
	}
	t := make(absenceTable, len(schema))
	for _, r := range regs {
		fi := fieldIndex[r.Field]
		if t[fi] == nil {
			t[fi] = make([]Class, absenceYears)
		}
		lo, hi := MinYear, MaxYear
		if r.First != 0 {
			lo = r.First
		}
		if r.Last != 0 {
			hi = r.Last
		}
		for y := lo; y <= hi; y++ {
			t[fi][y-MinYear] = r.Class
		}
	}
	return t
}
