package workbook

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/lapmonitor/lap/engine"
)

// Change says what a merge does with one fact or State of a workbook.
type Change int

// The changes.
const (
	Added     Change = iota + 1 // not in the dataset: added
	Changed                     // in the dataset with another value: replaced (only with replace)
	Unchanged                   // in the dataset with the same value (or carried from an earlier year)
)

func (c Change) String() string {
	return map[Change]string{Added: "added", Changed: "changed", Unchanged: "unchanged"}[c]
}

// FactChange is one fact of the workbooks and what the merge does with it.
type FactChange struct {
	Change Change
	Fact   Fact
	Old    *engine.Fact // the dataset's fact: the one replaced, or the one that already says so
}

// StateChange is one State of the workbooks and what the merge does with it.
type StateChange struct {
	Change Change
	State  StateRow
	Old    []string // the dataset's states.csv row
}

// Merged is a dataset with a batch of workbooks merged into it, validated by the engine.
type Merged struct {
	Facts  []FactChange
	States []StateChange
	// Dataset is the merged dataset.
	Dataset *engine.Dataset

	stateRows [][]string // states.csv rows to write, in order
	factRows  []factRow  // facts.csv rows to write, in order
	// registers is registers.csv to write when the batch had a Registers sheet (nil: keep the
	// target's registers.csv as it is).
	registers []byte
	hasOld    bool    // the target had a dataset
	changed   [3]bool // states, facts, registers
}

type factRow struct {
	engine.Fact
}

// Count returns how many facts the merge adds, changes and leaves unchanged.
func (m *Merged) Count() (added, changed, unchanged int) {
	return count(m.Facts, func(c FactChange) Change { return c.Change })
}

// CountStates returns how many States the merge adds, changes and leaves unchanged.
func (m *Merged) CountStates() (added, changed, unchanged int) {
	return count(m.States, func(c StateChange) Change { return c.Change })
}

func count[T any](items []T, change func(T) Change) (added, changed, unchanged int) {
	for _, it := range items {
		switch change(it) {
		case Added:
			added++
		case Changed:
			changed++
		default:
			unchanged++
		}
	}
	return
}

// batchFile marks, in the engine's diagnostics, the facts that come from the batch; their
// Line is their index in it, plus one.
const batchFile = "\x00workbook"

// Merge merges a batch into a dataset (nil for an empty directory). A fact for the same State,
// year and field as one in the dataset is unchanged when the values agree, and a conflict
// when they differ: a problem, unless replace is true, when the workbook's value replaces the
// dataset's. A carried fact whose value is already in force from an earlier year is unchanged.
// Every problem is returned at once as Problems, and then Merged is nil.
func Merge(ds *engine.Dataset, b *Batch, replace bool) (*Merged, error) {
	m := &Merged{hasOld: ds != nil}
	var ps Problems
	states, sps := m.mergeStates(ds, b, replace)
	ps = append(ps, sps...)
	ps = append(ps, m.mergeRegisters(ds, b, states)...)
	if len(ps) > 0 {
		return nil, sorted(ps)
	}
	// Check every value of the batch with the engine, against the merged States.
	facts, fps := dedupe(b.Facts)
	ps = append(ps, fps...)
	check := make([]engine.Fact, len(facts))
	for i, f := range facts {
		check[i] = f.Fact
		check[i].File, check[i].Line = batchFile, i+1
	}
	bad := map[int]bool{}
	if _, err := engine.NewDataset(states, check); err != nil {
		for _, p := range mapDiagnostics(err, func(line int) (Origin, bool) {
			if line < 1 || line > len(facts) {
				return Origin{}, false
			}
			bad[line-1] = true
			return facts[line-1].Origin, true
		}) {
			ps = append(ps, p)
		}
	}
	var good []Fact
	for i, f := range facts {
		if !bad[i] {
			good = append(good, f)
		}
	}
	ps = append(ps, m.mergeFacts(ds, good, replace)...)
	if len(ps) > 0 {
		return nil, sorted(ps)
	}
	final := make([]engine.Fact, len(m.factRows))
	for i, r := range m.factRows {
		final[i] = r.Fact
	}
	merged, err := engine.NewDataset(states, final)
	if err != nil {
		return nil, sorted(mapDiagnostics(err, func(int) (Origin, bool) { return Origin{}, false }))
	}
	m.Dataset = merged
	return m, nil
}

func sorted(ps Problems) Problems {
	ps.Sort()
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue // the same problem seen through several facts (a bad State on the cover)
		}
		out = append(out, p)
	}
	return out
}

// mapDiagnostics turns the engine's diagnostics into problems: those about batch facts point
// at their cells (origin maps a diagnostic line to the fact's origin).
func mapDiagnostics(err error, origin func(line int) (Origin, bool)) Problems {
	var ds engine.Diagnostics
	if !errors.As(err, &ds) {
		return Problems{{Code: CodeRead, Message: err.Error()}}
	}
	var ps Problems
	for _, d := range ds {
		if d.File == batchFile {
			if o, ok := origin(d.Line); ok {
				p := o.problem(d.Key, d.Code, d.Message)
				p.Hint = d.Hint
				if p.Hint == "" && d.Code == engine.CodeBadDate {
					p.Hint = "write the date as text, as precisely as the source gives it (2023-06-14, 2023-06 or 2023), or type it into a cell formatted as a date"
				}
				ps = append(ps, p)
				continue
			}
		}
		where := d.File
		if d.Line > 0 {
			where += ":" + strconv.Itoa(d.Line)
		}
		ps = append(ps, Problem{File: where, Code: d.Code, Message: d.Message, Hint: d.Hint})
	}
	return ps
}

// factKey identifies a fact: State, year and field, and the day it was recorded (several
// deadline decisions in one year, or a value and its corrections, are separate facts: data
// dictionary §1.3).
type factKey struct {
	iso3     string
	year     int
	field    string
	recorded string
}

func keyOf(f engine.Fact) factKey {
	return factKey{iso3: f.ISO3, year: f.Year, field: f.Field, recorded: f.Recorded.String()}
}

func (k factKey) String() string {
	y := "static"
	if k.year != 0 {
		y = strconv.Itoa(k.year)
	}
	s := k.iso3 + " " + y + " " + k.field
	switch {
	case k.recorded == "":
	case k.field == "art3_deadline" || k.field == "art4_deadline":
		s += " (decided " + k.recorded + ")"
	default:
		s += " (recorded " + k.recorded + ")"
	}
	return s
}

// dedupe drops a fact that two workbooks (or two sheets) give with the same value, and
// reports one given twice on one sheet, or twice with different values.
func dedupe(facts []Fact) ([]Fact, Problems) {
	var out []Fact
	var ps Problems
	first := map[factKey]int{}
	for _, f := range facts {
		k := keyOf(f.Fact)
		if i, dup := first[k]; dup {
			prev := out[i]
			switch {
			case prev.Origin.File == f.Origin.File && prev.Origin.Sheet == f.Origin.Sheet:
				// As in facts.csv, a fact given twice on one sheet is a mistake even if the values agree.
				ps = append(ps, f.Origin.problem("field", CodeDuplicate, fmt.Sprintf("duplicate fact (%s): first given at %s", k, prev.Origin.Where("field"))))
			case !sameValue(prev.Fact, f.Fact):
				ps = append(ps, f.Origin.problem("value", CodeDuplicate, fmt.Sprintf("%s is %s here and %s at %s", k, f.Value, prev.Value, prev.Origin.Where("value"))))
			}
			continue
		}
		first[k] = len(out)
		out = append(out, f)
	}
	return out, ps
}

// sameValue compares two values of the same field: numbers by value ("1500" and "1500.0"),
// everything else as written.
func sameValue(a, b engine.Fact) bool {
	if a.Value == b.Value {
		return true
	}
	if fd, ok := engine.LookupField(a.Field); ok && fd.Type == engine.TypeNumber {
		x, err1 := strconv.ParseFloat(a.Value, 64)
		y, err2 := strconv.ParseFloat(b.Value, 64)
		return err1 == nil && err2 == nil && x == y
	}
	return false
}

// mergeFacts merges the batch's checked facts into the dataset's, keeping the dataset's
// order and appending what is added.
func (m *Merged) mergeFacts(ds *engine.Dataset, facts []Fact, replace bool) Problems {
	var old []engine.Fact
	if ds != nil {
		old = ds.Facts()
		sort.SliceStable(old, func(i, j int) bool {
			if old[i].File != old[j].File {
				return old[i].File < old[j].File
			}
			return old[i].Line < old[j].Line
		})
	}
	at := map[factKey]int{}
	current := map[factKey]int{}
	byField := map[[2]string][]int{} // iso3, field -> indexes of old facts, for carried values
	for i, f := range old {
		at[keyOf(f)] = i
		if !f.Recorded.IsZero() && f.ReplacedFrom().IsZero() && f.Field != "art3_deadline" && f.Field != "art4_deadline" {
			// the value in force of a fact recorded late or corrected: a form that gives no
			// recorded day (a template) and shows it changes nothing
			current[factKey{iso3: f.ISO3, year: f.Year, field: f.Field}] = i
		}
		k := [2]string{f.ISO3, f.Field}
		byField[k] = append(byField[k], i)
		m.factRows = append(m.factRows, factRow{Fact: f})
	}
	var ps Problems
	for _, f := range facts {
		k := keyOf(f.Fact)
		i, ok := at[k]
		if c, inForce := current[k]; inForce && (!ok || !sameValue(old[i], f.Fact)) {
			i, ok = c, true // compared with, and with --replace replacing, the value in force
		}
		if ok {
			o := old[i]
			switch {
			case sameValue(o, f.Fact):
				m.Facts = append(m.Facts, FactChange{Change: Unchanged, Fact: f, Old: &o})
			case replace:
				m.Facts = append(m.Facts, FactChange{Change: Changed, Fact: f, Old: &o})
				nf := f.Fact
				if nf.Recorded.IsZero() {
					nf.Recorded = o.Recorded // the row keeps the day it was recorded
				}
				m.factRows[i] = factRow{Fact: nf}
				m.changed[1] = true
			default:
				ps = append(ps, f.Origin.problem("value", CodeConflict, fmt.Sprintf("%s: the dataset holds %s (%s:%d, source %q), the workbook %s; lap workbook import --replace takes the workbook's value",
					k, o.Value, o.File, o.Line, clip(o.Source), f.Value)))
			}
			continue
		}
		if fd, _ := engine.LookupField(f.Field); fd.Scope == engine.ScopeCarried {
			if o := inForce(old, byField[[2]string{f.ISO3, f.Field}], f.Year); o != nil && sameValue(*o, f.Fact) {
				m.Facts = append(m.Facts, FactChange{Change: Unchanged, Fact: f, Old: o})
				continue
			}
		}
		m.Facts = append(m.Facts, FactChange{Change: Added, Fact: f})
		m.factRows = append(m.factRows, factRow{Fact: f.Fact})
		m.changed[1] = true
	}
	return ps
}

// inForce is the carried fact in force in year y: the one with the greatest year not after y.
func inForce(old []engine.Fact, idx []int, y int) *engine.Fact {
	var best *engine.Fact
	for _, i := range idx {
		if f := old[i]; f.Year <= y && (best == nil || f.Year > best.Year) {
			best = &f
		}
	}
	return best
}

// stateText is a State as its states.csv row; a derived entry into force and an unstated
// class are left empty.
func stateText(s engine.State) []string {
	eif := s.EntryIntoForce.String()
	if s.EIFDerived {
		eif = ""
	}
	return []string{s.ISO3, s.Name, s.Region, s.Signed.String(), s.Ratified.String(), eif, s.Withdrawn.String(), classText(s.Class)}
}

// classText is a class as the class column holds it: empty when unstated.
func classText(c engine.Class) string {
	if c == engine.ClassUnstated {
		return ""
	}
	return string(c)
}

// mergeStates checks the batch's States with the engine (as a states.csv would be) and
// merges them into the dataset's. It returns the merged States.
func (m *Merged) mergeStates(ds *engine.Dataset, b *Batch, replace bool) ([]engine.State, Problems) {
	var old []engine.State
	if ds != nil {
		old = ds.States()
		sort.SliceStable(old, func(i, j int) bool { return old[i].Line < old[j].Line })
	}
	at := map[string]int{}
	for i, s := range old {
		at[s.ISO3] = i
		m.stateRows = append(m.stateRows, stateText(s))
	}
	if len(b.States) == 0 {
		return old, nil
	}
	// Write the batch's States as one states.csv, a record per line, for the engine to check.
	var ps Problems
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.Write(stateColumns)
	var rows []StateRow // by CSV line - 2
	first := map[string]int{}
	for _, s := range b.States {
		rec := make([]string, len(stateColumns))
		ok := true
		for i, c := range stateColumns {
			rec[i] = s.Values[c]
			if strings.ContainsAny(rec[i], "\r\n") {
				ps = append(ps, s.Origin.problem(c, CodeBadCell, "a line break in the cell; write it on one line"))
				ok = false
			}
		}
		if !ok {
			continue
		}
		if i, dup := first[rec[0]]; dup {
			if strings.Join(stateText2(rows[i]), "\x00") != strings.Join(rec, "\x00") {
				ps = append(ps, s.Origin.problem("iso3", engine.CodeDuplicateState, fmt.Sprintf("State %s is also given, differently, at %s", rec[0], rows[i].Origin.Where("iso3"))))
			}
			continue
		}
		first[rec[0]] = len(rows)
		rows = append(rows, s)
		_ = cw.Write(rec)
	}
	cw.Flush()
	loaded, err := engine.LoadDataset(fstest.MapFS{
		"states.csv": {Data: buf.Bytes()},
		"facts.csv":  {Data: []byte("iso3,year,field,value,source\n")},
	}, ".")
	if err != nil {
		ps = append(ps, mapDiagnostics(relabel(err), func(line int) (Origin, bool) {
			if line < 2 || line-2 >= len(rows) {
				return Origin{}, false
			}
			return rows[line-2].Origin, true
		})...)
		return nil, ps
	}
	if len(ps) > 0 {
		return nil, ps
	}
	states := append([]engine.State(nil), old...)
	for _, s := range rows {
		st, _ := loaded.State(s.Values["iso3"])
		text := stateText(st)
		i, exists := at[st.ISO3]
		switch {
		case !exists:
			m.States = append(m.States, StateChange{Change: Added, State: s})
			at[st.ISO3] = len(states)
			states = append(states, st)
			m.stateRows = append(m.stateRows, text)
			m.changed[0] = true
		case strings.Join(m.stateRows[i], "\x00") == strings.Join(text, "\x00"):
			m.States = append(m.States, StateChange{Change: Unchanged, State: s, Old: m.stateRows[i]})
		case replace:
			m.States = append(m.States, StateChange{Change: Changed, State: s, Old: m.stateRows[i]})
			states[i] = st
			m.stateRows[i] = text
			m.changed[0] = true
		default:
			ps = append(ps, s.Origin.problem("iso3", CodeConflict, fmt.Sprintf("State %s: the dataset's row is %s, the workbook's %s; lap workbook import --replace takes the workbook's",
				st.ISO3, strings.Join(m.stateRows[i], ","), strings.Join(text, ","))))
		}
	}
	return states, ps
}

func stateText2(s StateRow) []string {
	out := make([]string, len(stateColumns))
	for i, c := range stateColumns {
		out[i] = s.Values[c]
	}
	return out
}

// relabel marks the engine's diagnostics about the in-memory states.csv as batch diagnostics.
func relabel(err error) error {
	var ds engine.Diagnostics
	if errors.As(err, &ds) {
		for _, d := range ds {
			if d.File == "states.csv" {
				d.File = batchFile
			}
		}
	}
	return err
}

// mergeRegisters takes a batch's Registers sheets as the whole of registers.csv: the engine
// checks them as it checks the file (field, years, class, source, overlapping years), and a
// problem points at the row's cells. The file changes when its declarations do.
func (m *Merged) mergeRegisters(ds *engine.Dataset, b *Batch, states []engine.State) Problems {
	if !b.HasRegisters {
		return nil
	}
	rows := make([][]string, len(b.Registers))
	for i, r := range b.Registers {
		row := make([]string, len(registerColumns))
		for j, c := range registerColumns {
			row[j] = r.Values[c]
		}
		rows[i] = row
	}
	data := registerCSV(rows)
	// checked beside a States file of the merged States' codes (a declaration may name one) and
	// no fact: only registers.csv is under test
	placeholder := [][]string{{"AAA", "Placeholder", "europe", "", "", "", ""}}
	if len(states) > 0 {
		placeholder = nil
		for _, s := range states {
			placeholder = append(placeholder, []string{s.ISO3, "Placeholder", "europe", "", "", "", ""})
		}
	}
	_, err := engine.LoadDataset(fstest.MapFS{"states.csv": {Data: encodeCSV(stateColumns[:7], placeholder)},
		"facts.csv": {Data: encodeCSV(factColumns[:5], nil)}, "registers.csv": {Data: data}}, ".")
	if err != nil {
		var ps Problems
		for _, p := range mapDiagnostics(relabelRegisters(err), func(line int) (Origin, bool) {
			if line < 2 || line > len(b.Registers)+1 {
				return Origin{}, false
			}
			return b.Registers[line-2].Origin, true
		}) {
			ps = append(ps, p)
		}
		return ps
	}
	m.registers = data
	var old [][]string
	if ds != nil {
		for _, r := range ds.Registers() {
			old = append(old, registerText(r))
		}
	}
	m.changed[2] = !bytes.Equal(registerCSV(old), data)
	return nil
}

// relabelRegisters points the engine's diagnostics about registers.csv at the batch, so that
// mapDiagnostics maps their lines to cells.
func relabelRegisters(err error) error {
	var ds engine.Diagnostics
	if !errors.As(err, &ds) {
		return err
	}
	out := make(engine.Diagnostics, len(ds))
	for i, d := range ds {
		if d.File == "registers.csv" {
			d.File = batchFile
		}
		out[i] = d
	}
	return out
}

// registerText is a declaration as registers.csv writes it.
func registerText(r engine.Register) []string {
	year := func(y int) string {
		if y == 0 {
			return ""
		}
		return strconv.Itoa(y)
	}
	return []string{r.Field, year(r.First), year(r.Last), string(r.Class), r.Source, r.ISO3}
}
