package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// State is one row of states.csv.
type State struct {
	ISO3           string `json:"iso3"`
	Name           string `json:"name"`
	Region         string `json:"region"`
	Signed         Date   `json:"signed"`
	Ratified       Date   `json:"ratified"`
	EntryIntoForce Date   `json:"entry_into_force"`
	Withdrawn      Date   `json:"withdrawn"`
	// EIFDerived is true when the entry_into_force column was empty and the engine derived
	// the date from the deposit by Article 17.
	EIFDerived bool `json:"eif_derived,omitempty"`
	// Class is the class of the row's dates (the optional class column); ClassUnstated when
	// not given.
	Class Class `json:"class"`

	File string `json:"-"`
	Line int    `json:"-"`
}

// Fact is one row of facts.csv: a value of one input field for one State (and year).
type Fact struct {
	ISO3   string `json:"iso3"`
	Year   int    `json:"year,omitempty"` // 0 for static fields
	Field  string `json:"field"`
	Value  string `json:"value"` // as written, canonical for dates, enums and text
	Source string `json:"source"`
	// Class is the class of the value (the optional class column); ClassUnstated when not given.
	Class Class `json:"class"`
	// Recorded is the day the fact became known (data dictionary §1.3), from the optional
	// recorded column; zero when not given. A fact recorded after as_of is absent. For
	// art3_deadline and art4_deadline it is the day the deadline was decided, which lets
	// several decisions of one year stand as separate dated events (docs/data.md).
	Recorded Date   `json:"recorded,omitzero"`
	File     string `json:"-"`
	Line     int    `json:"-"`

	num  float64
	flag bool
	date Date
	// known is the day from which the fact is seen (data dictionary §1.3): its recorded day;
	// for a report-kind fact for year Y without one, the day its State's report for Y was
	// received (art7_annual_submitted for Y); zero: always known. until is the day a
	// correction of the same State, year and field becomes known and replaces it; zero: never.
	// first is the day the value was first known: the known day of its first version (the
	// value as first reported, before any correction); a series year seen at an earlier day
	// than the run's counts the value only if first is not after that day (seenAt).
	known, until, first Date
}

// KnownFrom is the day from which the fact is seen (data dictionary §1.3): its recorded day;
// for a report-kind fact without one, the day the State's Article 7 report for its year was
// received, when the data record one. Zero means known from the start.
func (f *Fact) KnownFrom() Date { return f.known }

// ReplacedFrom is the day a correction of the fact (a later row for the same State, year and
// field, with a later recorded day) becomes known and replaces it; zero when none does.
func (f *Fact) ReplacedFrom() Date { return f.until }

// KnownAt reports whether the fact is the one seen in a run cut off at asOf: known by then
// and not yet replaced by a correction. (A date value later than asOf is absent too: see
// the data dictionary §1.3.)
func (f *Fact) KnownAt(asOf Date) bool { return knownAt(f, seenOn(asOf)) }

// Number returns the value of a number fact.
func (f *Fact) Number() float64 { return f.num }

// Bool returns the value of a bool fact.
func (f *Fact) Bool() bool { return f.flag }

// Date returns the value of a date fact.
func (f *Fact) Date() Date { return f.date }

// InputFile records one file a dataset was read from, for provenance.
type InputFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Rows   int    `json:"rows"`
}

// Dataset is State Party reporting data: the States and their facts. It is immutable once
// loaded and safe for concurrent use.
type Dataset struct {
	states   []State
	stateIdx map[string]int
	facts    []*Fact
	byState  [][][]*Fact // state index -> field index -> facts sorted by year
	files    []InputFile
	latest   Date // latest observation date, the default as_of
	warnings Diagnostics
	// registers are the declarations of registers.csv, absence their table (registers.go)
	registers []Register
	absence   absenceTable
	// A scenario's dataset (Apply) keeps the data as recorded, base, and the States whose row
	// or facts a change of the scenario touched, supposed (sorted indexes): what an obligation
	// exists only under (supposed.go). Both are nil for data as loaded.
	base     *Dataset
	supposed []int
	// supposedMask marks the States of supposed by index; nil without a base
	supposedMask []bool
}

// States returns the States, sorted by ISO3 code.
func (d *Dataset) States() []State { return append([]State(nil), d.states...) }

// State returns the State with the given ISO3 code.
func (d *Dataset) State(iso3 string) (State, bool) {
	i, ok := d.stateIdx[iso3]
	if !ok {
		return State{}, false
	}
	return d.states[i], true
}

// stateName is the name of the State with the given ISO3 code; "" when there is none.
func (d *Dataset) stateName(iso3 string) string {
	if i, ok := d.stateIdx[iso3]; ok {
		return d.states[i].Name
	}
	return ""
}

// Facts returns every fact, sorted by State, field and year.
func (d *Dataset) Facts() []Fact {
	out := make([]Fact, len(d.facts))
	for i, f := range d.facts {
		out[i] = *f
	}
	return out
}

// FactsOf returns the facts of one field, every version, in the order of Facts (by State,
// field and year): what Facts gives for that field, without copying every other fact.
func (d *Dataset) FactsOf(field string) []Fact {
	var out []Fact
	for _, f := range d.facts {
		if f.Field == field {
			out = append(out, *f)
		}
	}
	return out
}

// Files lists the files the dataset was read from, with their SHA-256 hashes.
func (d *Dataset) Files() []InputFile { return append([]InputFile(nil), d.files...) }

// LatestDate is the latest date found in the data (deadlines excepted): the as_of date of a
// run that gives none (data dictionary §1.3).
func (d *Dataset) LatestDate() Date { return d.latest }

// NewDataset builds a dataset from States and facts given in code, validating them as
// LoadDataset validates files. Fact values are read from Value; File and Line are kept.
//
// Every problem is reported at once, as LoadDataset reports them: a State's iso3, name, region,
// class and the order of its dates, a State listed twice, and each fact's State, field, year,
// value, source and class. Values are bounded and free of control characters as in files.
func NewDataset(states []State, facts []Fact) (*Dataset, error) {
	var ds Diagnostics
	b := newBuilder(&ds)
	for _, s := range states {
		s := s
		r := &row{file: s.File, line: s.Line}
		r.vals[colISO3], r.vals[colName], r.vals[colRegion], r.vals[colClass] = s.ISO3, s.Name, s.Region, string(s.Class)
		if !b.checkValues(r) {
			continue
		}
		ok := b.checkStateNames(&s, r)
		if s.Class != ClassUnstated {
			if c, err := parseClass(string(s.Class)); err != nil {
				b.add(r.diag(CodeBadValue, "class", "%v", err))
			} else {
				s.Class = c
			}
		}
		b.checkStateDates(&s, r)
		if ok {
			b.addNewState(&s, r)
		}
	}
	for _, f := range facts {
		f := f
		r := &row{file: f.File, line: f.Line}
		r.vals[colISO3], r.vals[colField], r.vals[colValue], r.vals[colSource], r.vals[colClass] = f.ISO3, f.Field, f.Value, f.Source, string(f.Class)
		if !b.checkValues(r) {
			continue
		}
		b.addFact(&f, r)
	}
	b.checkVersions()
	if err := ds.errorsOnly(); err != nil {
		return nil, err
	}
	return b.finish(), nil
}

// Row is one row of states.csv or facts.csv given as text by column name, with its position:
// the input of DatasetFromRows.
type Row struct {
	File   string
	Line   int
	Values map[string]string
}

// DatasetFromRows builds a dataset from rows of states.csv and facts.csv written elsewhere (a
// rule test's inline States and facts), validating each exactly as a row of those files, at
// the row's position. It returns every problem found, warnings included; ds is nil when any is
// an error.
func DatasetFromRows(states, facts []Row) (ds *Dataset, diags Diagnostics) {
	b := newBuilder(&diags)
	for _, r := range states {
		b.stateRow(rowOf(r.File, r.Line, r.Values))
	}
	for _, r := range facts {
		b.factRow(rowOf(r.File, r.Line, r.Values))
	}
	b.checkVersions()
	if diags.HasErrors() {
		return nil, diags
	}
	return b.finish(), diags
}

// LoadDataset reads a dataset from the directory dir of fsys: states.csv and facts.csv, or,
// when there is no states.csv, dataset.json with the same content (see docs/data.md), and the
// optional registers.csv, which declares the registers the data hold in full (registers.go). Every
// row is validated; every problem is reported at once as Diagnostics naming file, line and
// column or field.
func LoadDataset(fsys fs.FS, dir string) (*Dataset, error) {
	var ds Diagnostics
	b := newBuilder(&ds)
	statesPath := path.Join(dir, "states.csv")
	if _, err := fs.Stat(fsys, statesPath); err == nil {
		b.readCSV(fsys, statesPath, stateColumns, optionalColumns, b.stateRow)
		if len(b.states) == 0 && len(*b.diags) == 0 {
			b.add(&Diagnostic{Code: CodeEmptyFile, File: statesPath, Message: "no States could be read, so facts.csv was not checked"})
		} else {
			b.readCSV(fsys, path.Join(dir, "facts.csv"), factColumns, factOptional, b.factRow)
		}
	} else if _, err := fs.Stat(fsys, path.Join(dir, "dataset.json")); err == nil {
		b.readJSON(fsys, path.Join(dir, "dataset.json"))
	} else {
		return nil, Diagnostics{{Code: CodeNoPlanFile, File: dir, Message: "no states.csv (with facts.csv) or dataset.json in the data directory"}}
	}
	if regs := path.Join(dir, "registers.csv"); !b.full() {
		if _, err := fs.Stat(fsys, regs); err == nil {
			b.readCSV(fsys, regs, registerColumns, registerOptional, b.registerRow)
		}
	}
	b.checkVersions()
	if err := ds.errorsOnly(); err != nil {
		return nil, b.withDropped(ds)
	}
	return b.finish(), nil
}

var (
	stateColumns = []string{"iso3", "name", "region", "signed", "ratified", "entry_into_force", "withdrawn"}
	factColumns  = []string{"iso3", "year", "field", "value", "source"}
	// optionalColumns may follow the required ones in states.csv.
	optionalColumns = []string{"class"}
	// factOptional are the optional columns of facts.csv: the class, and the day the fact was
	// recorded.
	factOptional = []string{"class", "recorded"}
	regions      = []string{"africa", "americas", "asia-pacific", "europe", "middle-east"}
	iso3Pattern  = regexp.MustCompile(`^[A-Z]{3}$`)
	numPattern   = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
)

// column is a column of the data files (states.csv, facts.csv, registers.csv and the members
// of dataset.json), by which a row holds its values.
type column uint8

const (
	colISO3 column = iota
	colName
	colRegion
	colSigned
	colRatified
	colEntryIntoForce
	colWithdrawn
	colYear
	colField
	colValue
	colSource
	colClass
	colRecorded
	colFirstYear
	colLastYear
	numColumns
)

// columnNames are the columns' names, as headers and diagnostics' keys give them.
var columnNames = [numColumns]string{"iso3", "name", "region", "signed", "ratified", "entry_into_force", "withdrawn",
	"year", "field", "value", "source", "class", "recorded", "first_year", "last_year"}

// columnOf is the column named name.
func columnOf(name string) (column, bool) {
	for c, n := range columnNames {
		if n == name {
			return column(c), true
		}
	}
	return 0, false
}

// columnsOf are the columns named names, in their order.
func columnsOf(names ...string) []column {
	out := make([]column, len(names))
	for i, n := range names {
		c, ok := columnOf(n)
		if !ok {
			panic("engine: unknown data column " + n)
		}
		out[i] = c
	}
	return out
}

// row is one record of a CSV or JSON input with the position of each column. A column the
// record does not have is empty, as an empty cell is.
type row struct {
	file string
	line int
	vals [numColumns]string
	cols [numColumns]int // column number (1-based) of each value, 0 when unknown
}

// rowOf is a row of the values given by column name; names that are no column are left out.
func rowOf(file string, line int, vals map[string]string) *row {
	r := &row{file: file, line: line}
	for k, v := range vals {
		if c, ok := columnOf(k); ok {
			r.vals[c] = v
		}
	}
	return r
}

func (r *row) diag(code, key, format string, args ...any) *Diagnostic {
	col := 0
	if c, ok := columnOf(key); ok {
		col = r.cols[c]
	}
	return &Diagnostic{Code: code, File: r.file, Line: r.line, Col: col, Key: key, Message: fmt.Sprintf(format, args...)}
}

type builder struct {
	diags     *Diagnostics
	dropped   int         // problems over maxDiagnostics, counted but not kept
	stopped   *Diagnostic // where reading stopped for too many problems
	states    []State
	stateIdx  map[string]int
	facts     []*Fact
	decisions map[factRowKey]*Fact // the first deadline decision per State, year and field
	// values holds the rows of each value (its versions, or a year's deadline decisions) by
	// State, year and field; multi the values with two rows or more, as they came to have two
	values map[factRowKey]int // index in rows
	rows   []factValue
	multi  []int // indexes in rows
	files  []InputFile
	codes  []string
	// registers are the declarations read (registers.go)
	registers []Register
	// shared is set when the facts belong to another dataset too (a scenario's): finish then
	// gives a fact whose known days change a copy of its own.
	shared bool
}

func (b *builder) isoCodes() []string {
	if len(b.codes) != len(b.states) {
		b.codes = b.codes[:0]
		for _, s := range b.states {
			b.codes = append(b.codes, s.ISO3)
		}
	}
	return b.codes
}

func newBuilder(d *Diagnostics) *builder {
	return &builder{diags: d, stateIdx: map[string]int{}, values: map[factRowKey]int{}}
}

// factValue is the rows given for one State, year and field, in the order read: the first,
// and the others (most values have one); order is the position of the first in the facts.
type factValue struct {
	first *Fact
	more  []*Fact
	order int
}

// facts lists the value's rows in the order read.
func (v *factValue) facts() []*Fact { return append([]*Fact{v.first}, v.more...) }

// factRowKey identifies a value of the facts: its State (index in the builder's States), field
// (index in the schema) and year.
type factRowKey struct {
	state int32
	field int16
	year  int16
}

// add records a problem; past maxDiagnostics it is only counted.
func (b *builder) add(d *Diagnostic) {
	if len(*b.diags) >= maxDiagnostics {
		b.dropped++
		return
	}
	*b.diags = append(*b.diags, d)
}

// full reports whether the load has found as many problems as it lists: reading stops there.
func (b *builder) full() bool { return b.dropped > 0 }

// withDropped returns the sorted diagnostics with, last, what was not listed or not read.
func (b *builder) withDropped(ds Diagnostics) Diagnostics {
	if b.dropped == 0 {
		return ds
	}
	d := b.stopped
	if d == nil {
		d = &Diagnostic{File: ds[len(ds)-1].File}
	}
	d.Code, d.Message = CodeTooMany, fmt.Sprintf("more problems not listed: a load lists at most %d and stops reading there; fix these first", maxDiagnostics)
	return append(ds, d)
}

// stop records where reading stopped for too many problems.
func (b *builder) stop(file string, line int) { b.stopped = &Diagnostic{File: file, Line: line} }

// readFile reads a whole input file (a regular file of at most MaxDataFileBytes, checked
// before reading), records its hash and checks it is non-empty UTF-8.
func (b *builder) readFile(fsys fs.FS, name string) ([]byte, bool) {
	data, err := ReadInput(fsys, name, MaxDataFileBytes)
	if err != nil {
		b.add(err.(*Diagnostic))
		return nil, false
	}
	sum := sha256.Sum256(data)
	b.files = append(b.files, InputFile{Name: name, SHA256: hex.EncodeToString(sum[:])})
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		b.add(&Diagnostic{Code: CodeEmptyFile, File: name, Line: 1, Message: "file is empty; want a header row"})
		return nil, false
	}
	if !utf8.Valid(data) {
		line, col := 1, 1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += n
		}
		b.add(&Diagnostic{Code: CodeBadEncoding, File: name, Line: line, Col: col, Message: "file is not valid UTF-8", Hint: "save the file as UTF-8 (CSV UTF-8 in spreadsheet programs)"})
		return nil, false
	}
	return data, true
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readCSV reads an RFC 4180 file whose columns are found by header name: every column of want
// and any of optional.
func (b *builder) readCSV(fsys fs.FS, name string, want, optional []string, each func(*row)) {
	data, ok := b.readFile(fsys, name)
	if !ok {
		return
	}
	if line, n := longLine(data); line > 0 {
		b.add(&Diagnostic{Code: CodeTooLarge, File: name, Line: line, Message: fmt.Sprintf("line %d is %s long; the limit is %d bytes (a value is at most %d)", line, byteSize(int64(n)), maxLineBytes, maxValueBytes)})
		return
	}
	var r csvRecords
	plain := parsePlainCSV(data)
	if plain != nil {
		r = plain
	} else { // encoding/csv reads the rest, and reports their errors
		cr := csv.NewReader(bytes.NewReader(data))
		cr.FieldsPerRecord = -1
		r = cr
	}
	header, err := r.Read()
	if err != nil {
		b.csvError(name, err)
		return
	}
	header = slices.Clone(header) // the plain reader reuses its record
	pos := map[string]int{}
	headerOK := true
	var unknown []string
	known := append(append([]string(nil), want...), optional...)
	for i, h := range header {
		h = strings.TrimSpace(h)
		if !contains(known, h) {
			unknown = append(unknown, h)
			d := &Diagnostic{Code: CodeCSVHeader, File: name, Line: 1, Col: i + 1, Key: h, Message: fmt.Sprintf("unknown column %s", clip(h))}
			if s := suggest(h, known); s != "" {
				d.Hint = fmt.Sprintf("did you mean %q?", s)
			}
			b.add(d)
			headerOK = false
			continue
		}
		if _, dup := pos[h]; dup {
			b.add(&Diagnostic{Code: CodeCSVHeader, File: name, Line: 1, Col: i + 1, Key: h, Message: fmt.Sprintf("column %s appears twice", clip(h))})
			headerOK = false
		}
		pos[h] = i
	}
	for _, w := range want {
		if _, ok := pos[w]; !ok && suggest(w, unknown) == "" {
			b.add(&Diagnostic{Code: CodeCSVHeader, File: name, Line: 1, Key: w, Message: fmt.Sprintf("missing column %q", w), Hint: "header: " + strings.Join(want, ",")})
			headerOK = false
		} else if !ok {
			headerOK = false
		}
	}
	if !headerOK {
		return
	}
	if len(b.values) == 0 { // the facts' values: about one a line
		n := bytes.Count(data, []byte{'\n'})
		b.values, b.rows = make(map[factRowKey]int, n), make([]factValue, 0, n)
	}
	var checked []column                    // the columns checkValues would check, of those the file has
	if plain == nil || !cleanValues(data) { // otherwise every value passes checkValue
		for _, c := range checkedColumns {
			if _, ok := pos[columnNames[c]]; ok {
				checked = append(checked, c)
			}
		}
	}
	type field struct {
		col column
		i   int // index in the record
	}
	fields := make([]field, 0, len(pos))
	for h, i := range pos {
		c, _ := columnOf(h) // every column of pos is one of want and optional
		fields = append(fields, field{c, i})
	}
	rows := 0
	// one row, refilled for each record: every column of pos is set each time, and the row
	// callbacks keep none of it
	rw := &row{file: name}
	for {
		if b.full() {
			line, _ := r.FieldPos(0)
			b.stop(name, line)
			return
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.csvError(name, err)
			if errors.Is(err, csv.ErrQuote) || errors.Is(err, csv.ErrBareQuote) {
				return // the reader cannot resynchronise after a quoting error
			}
			continue
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rec) != len(header) {
			b.add(&Diagnostic{Code: CodeCSVSyntax, File: name, Line: line, Message: fmt.Sprintf("row has %d fields, the header has %d", len(rec), len(header)), Hint: "quote values that contain commas"})
			continue
		}
		rw.line = line
		for _, f := range fields {
			_, col := r.FieldPos(f.i)
			rw.vals[f.col] = strings.TrimSpace(rec[f.i])
			rw.cols[f.col] = col
		}
		rows++
		if b.checkColumns(rw, checked) {
			each(rw)
		}
	}
	b.files[len(b.files)-1].Rows = rows
}

// checkedColumns are the columns checkValues checks, in its order.
var checkedColumns = columnsOf(slices.Concat(stateColumns, factColumns, optionalColumns, []string{"first_year", "last_year"})...)

// checkValues checks the length and characters of every value of a row, in a fixed order, and
// reports each bad one.
func (b *builder) checkValues(r *row) bool { return b.checkColumns(r, checkedColumns) }

// checkColumns is checkValues over the columns cols, in order; a column the row lacks is empty,
// which passes.
func (b *builder) checkColumns(r *row, cols []column) bool {
	ok := true
	for _, c := range cols {
		if code, msg, good := checkValue(r.vals[c]); !good {
			b.add(r.diag(code, columnNames[c], "%s", msg))
			ok = false
		}
	}
	return ok
}

func (b *builder) csvError(name string, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		b.add(&Diagnostic{Code: CodeCSVSyntax, File: name, Line: pe.Line, Col: pe.Column, Message: pe.Err.Error()})
		return
	}
	b.add(&Diagnostic{Code: CodeCSVSyntax, File: name, Message: err.Error()})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// stateRow validates one states.csv row.
func (b *builder) stateRow(r *row) {
	s := State{ISO3: r.vals[colISO3], Name: r.vals[colName], Region: r.vals[colRegion], File: r.file, Line: r.line}
	ok := b.checkStateNames(&s, r)
	for i, c := range [...]struct {
		key string
		dst *Date
	}{{"signed", &s.Signed}, {"ratified", &s.Ratified}, {"entry_into_force", &s.EntryIntoForce}, {"withdrawn", &s.Withdrawn}} {
		v := r.vals[colSigned+column(i)]
		if v == "" {
			continue
		}
		d, err := ParseDate(v)
		if err != nil {
			b.add(r.diag(CodeBadDate, c.key, "%v", err))
			continue
		}
		*c.dst = d
	}
	if c, err := parseClass(r.vals[colClass]); err != nil {
		b.add(r.diag(CodeBadValue, "class", "%v", err))
	} else {
		s.Class = c
	}
	b.checkStateDates(&s, r)
	if ok {
		b.addNewState(&s, r)
	}
}

// checkStateNames checks a State's iso3, name and region. It reports false when the iso3 is
// malformed: such a State is not added.
func (b *builder) checkStateNames(s *State, r *row) bool {
	ok := true
	if !iso3Pattern.MatchString(s.ISO3) {
		b.add(r.diag(CodeBadValue, "iso3", "iso3 %s is not three upper-case letters", clip(s.ISO3)))
		ok = false
	}
	if s.Name == "" {
		b.add(r.diag(CodeBadValue, "name", "name is empty"))
	}
	if !contains(regions, s.Region) {
		d := r.diag(CodeBadValue, "region", "region %s is not one of %s", clip(s.Region), strings.Join(regions, ", "))
		if sg := suggest(s.Region, regions); sg != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", sg)
		}
		b.add(d)
	}
	return ok
}

// checkStateDates reports every problem with the order of a State's dates (stateDateProblems).
func (b *builder) checkStateDates(s *State, r *row) {
	for _, p := range stateDateProblems(s) {
		b.add(r.diag(CodeInconsistentDates, p.key, "%s", p.msg))
	}
}

// stateDateProblem is a problem with the order of a State's dates: the column at fault and why.
type stateDateProblem struct{ key, msg string }

// stateDateProblems lists what is wrong with the order of a State's dates, in the one
// declaration of the rules: no entry into force before the deposit, no withdrawal without a
// deposit or entry into force, or before the deposit. Loading (states.csv, dataset.json,
// NewDataset) and scenarios (checkStateDates) both apply them.
func stateDateProblems(s *State) []stateDateProblem {
	var out []stateDateProblem
	if !s.EntryIntoForce.IsZero() && !s.Ratified.IsZero() && s.EntryIntoForce.Before(s.Ratified) {
		out = append(out, stateDateProblem{"entry_into_force", fmt.Sprintf("entry into force %s is before the deposit %s", s.EntryIntoForce, s.Ratified)})
	}
	if !s.Withdrawn.IsZero() && s.Ratified.IsZero() && s.EntryIntoForce.IsZero() {
		out = append(out, stateDateProblem{"withdrawn", "withdrawal without a deposit or entry into force"})
	}
	if !s.Withdrawn.IsZero() && !s.Ratified.IsZero() && s.Withdrawn.Before(s.Ratified) {
		out = append(out, stateDateProblem{"withdrawn", fmt.Sprintf("withdrawal %s is before the deposit %s", s.Withdrawn, s.Ratified)})
	}
	return out
}

// addNewState adds a State unless its iso3 is already listed.
func (b *builder) addNewState(s *State, r *row) {
	if prev, dup := b.stateIdx[s.ISO3]; dup {
		where := ""
		if line := b.states[prev].Line; line > 0 {
			where = fmt.Sprintf(" at line %d", line)
		}
		b.add(r.diag(CodeDuplicateState, "iso3", "State %s already listed%s", s.ISO3, where))
		return
	}
	b.addState(s)
}

// addState adds a State; an entry into force that is not given follows from the deposit by
// Article 17.
func (b *builder) addState(s *State) {
	if s.Class == "" {
		s.Class = ClassUnstated
	}
	if s.EntryIntoForce.IsZero() && !s.Ratified.IsZero() {
		s.EntryIntoForce = article17EIF(s.Ratified)
		s.EIFDerived = true
	}
	b.stateIdx[s.ISO3] = len(b.states)
	b.states = append(b.states, *s)
}

// factRow validates one facts.csv row.
func (b *builder) factRow(r *row) {
	f := &Fact{ISO3: r.vals[colISO3], Field: r.vals[colField], Value: r.vals[colValue], Source: r.vals[colSource], Class: Class(r.vals[colClass]), File: r.file, Line: r.line}
	if y := r.vals[colYear]; y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2200 {
			b.add(r.diag(CodeBadYear, "year", "year %s is not a year between 1900 and 2200", clip(y)))
			return
		}
		f.Year = n
	}
	if v := r.vals[colRecorded]; v != "" {
		d, err := ParseDate(v)
		if err != nil {
			b.add(r.diag(CodeBadDate, "recorded", "recorded: %v", err))
			return
		}
		f.Recorded = d
	}
	b.addFact(f, r)
}

// addFact validates a fact and adds it. r gives column positions; nil for facts from code.
func (b *builder) addFact(f *Fact, r *row) {
	if r == nil {
		r = &row{file: f.File, line: f.Line}
	}
	key, ok := b.factField(f, r)
	if !ok {
		return
	}
	fd := &schema[key.field]
	f.Field = fd.Name // one string for each field's name
	ok = b.checkFactYear(f, fd, r)
	if f.Value == "" {
		b.add(r.diag(CodeBadValue, "value", "value is empty; leave the row out when the value is unknown"))
		return
	}
	valueOK, yearOK := b.parseFactValue(f, fd, r)
	if !valueOK {
		return
	}
	ok = yearOK && ok
	ok = b.checkFactOrigin(f, r) && ok
	if !ok || !b.checkRecorded(f, fd, key, r) {
		return
	}
	b.keepFact(f, fd, key, r)
}

// factField checks a fact's year range and State and returns its key, whose field must be an
// input field. It reports false, having reported the problem, when the fact can be checked no
// further.
func (b *builder) factField(f *Fact, r *row) (factRowKey, bool) {
	if f.Year != 0 && (f.Year < 1900 || f.Year > 2200) {
		b.add(r.diag(CodeBadYear, "year", "year %d is not a year between 1900 and 2200", f.Year))
		return factRowKey{}, false
	}
	si, known := b.stateIdx[f.ISO3]
	if !known {
		d := r.diag(CodeUnknownState, "iso3", "unknown State %s: not in the States file", clip(f.ISO3))
		if s := suggest(f.ISO3, b.isoCodes()); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		b.add(d)
		return factRowKey{}, false
	}
	fi, known := fieldIndex[f.Field]
	switch {
	case !known:
		d := r.diag(CodeUnknownField, "field", "unknown field %s", clip(f.Field))
		if s := suggest(f.Field, fieldNames); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		b.add(d)
		return factRowKey{}, false
	case !schema[fi].Input():
		b.add(r.diag(CodeDerivedField, "field", "field %q is derived by the engine and cannot be supplied", f.Field))
		return factRowKey{}, false
	}
	return factRowKey{state: int32(si), field: int16(fi), year: int16(f.Year)}, true
}

// checkFactYear checks that a fact has a year exactly when its field's scope needs one.
func (b *builder) checkFactYear(f *Fact, fd *Field, r *row) bool {
	switch {
	case fd.Scope == ScopeStatic && f.Year != 0:
		b.add(r.diag(CodeBadYear, "year", "field %s is static: leave the year empty", f.Field))
		return false
	case fd.Scope != ScopeStatic && f.Year == 0:
		b.add(r.diag(CodeBadYear, "year", "field %s is per %s: the year is required", f.Field, fd.Scope))
		return false
	}
	return true
}

// parseFactValue reads a fact's value by its field's type into num, flag or date. valueOK is
// false when the value cannot be read (the fact is dropped); yearOK is false when an event's
// date falls outside the fact's year.
func (b *builder) parseFactValue(f *Fact, fd *Field, r *row) (valueOK, yearOK bool) {
	switch fd.Type {
	case TypeNumber:
		if !numPattern.MatchString(f.Value) {
			b.add(r.diag(CodeBadValue, "value", "%s: %s is not a plain decimal number (no units, separators or exponent)", f.Field, clip(f.Value)))
			return false, true
		}
		n, err := strconv.ParseFloat(f.Value, 64)
		if err != nil || n > 1e15 {
			b.add(r.diag(CodeBadValue, "value", "%s: %s is out of range", f.Field, clip(f.Value)))
			return false, true
		}
		if n < 0 {
			b.add(r.diag(CodeNegative, "value", "%s: negative value %s; amounts and counts cannot be negative", f.Field, f.Value))
			return false, true
		}
		f.num = n
	case TypeBool:
		switch f.Value {
		case "true":
			f.flag = true
		case "false":
		default:
			b.add(r.diag(CodeBadValue, "value", "%s: %s is not true or false", f.Field, clip(f.Value)))
			return false, true
		}
	case TypeDate:
		d, err := ParseDate(f.Value)
		if err != nil {
			b.add(r.diag(CodeBadDate, "value", "%s: %v", f.Field, err))
			return false, true
		}
		f.date = d
		if fd.Scope == ScopeEvent && f.Year != 0 && d.Year() != f.Year {
			b.add(r.diag(CodeBadYear, "year", "%s is an event: the year %d must be the year of the date %s", f.Field, f.Year, f.Value))
			return true, false
		}
	case TypeEnum:
		if !contains(fd.Enum, f.Value) {
			d := r.diag(CodeBadValue, "value", "%s: %s is not one of %s", f.Field, clip(f.Value), strings.Join(fd.Enum, ", "))
			if s := suggest(f.Value, fd.Enum); s != "" {
				d.Hint = fmt.Sprintf("did you mean %q?", s)
			}
			b.add(d)
			return false, true
		}
	}
	return true, true
}

// checkFactOrigin checks that a fact names its source and that its class is one of the classes.
func (b *builder) checkFactOrigin(f *Fact, r *row) bool {
	ok := true
	if f.Source == "" {
		b.add(r.diag(CodeMissingSource, "source", "source is empty; name where the value comes from"))
		ok = false
	}
	if f.Class != ClassUnstated {
		c, err := parseClass(string(f.Class))
		if err != nil {
			b.add(r.diag(CodeBadValue, "class", "%v", err))
			ok = false
		}
		f.Class = c
	}
	return ok
}

// keepFact adds a checked fact unless it repeats one already given. One row per State, year,
// field and recorded day: several deadline decisions of a year, or a value and its
// corrections, are told apart by the day each was recorded.
func (b *builder) keepFact(f *Fact, fd *Field, vk factRowKey, r *row) {
	vi, known := b.values[vk]
	var prev *Fact
	if known {
		for _, g := range b.rows[vi].facts() {
			if g.Recorded == f.Recorded {
				prev = g
				break
			}
		}
	}
	if prev != nil {
		d := r.diag(CodeDuplicateFact, "field", "duplicate fact (%s, %s, %s): first given at %s:%d", f.ISO3, yearText(f.Year), f.Field, prev.File, prev.Line)
		switch {
		case fd.isDeadline():
			d.Message = fmt.Sprintf("duplicate deadline decision (%s, %s, %s, recorded %s): first given at %s:%d", f.ISO3, yearText(f.Year), f.Field, cmpOr(f.Recorded.String(), "not given"), prev.File, prev.Line)
			d.Hint = "several decisions in one year each need their own recorded date (the day of the decision)"
		case f.Recorded.IsZero():
			d.Hint = "a correction of a value is a row of its own with the day it was recorded in the recorded column (docs/data.md, \"Corrections\")"
		default:
			d.Message = fmt.Sprintf("duplicate fact (%s, %s, %s, recorded %s): first given at %s:%d", f.ISO3, yearText(f.Year), f.Field, f.Recorded, prev.File, prev.Line)
			d.Hint = "each correction of a value needs its own recorded day"
		}
		b.add(d)
		return
	}
	if !known {
		b.values[vk] = len(b.rows)
		b.rows = append(b.rows, factValue{first: f, order: len(b.facts)})
	} else if v := &b.rows[vi]; len(v.more) == 0 {
		v.more = []*Fact{f}
		b.multi = append(b.multi, vi)
	} else {
		v.more = append(v.more, f)
	}
	b.facts = append(b.facts, f)
}

// checkRecorded checks a fact's recorded date: a deadline decision is recorded in the year it
// was decided (the fact's year), and in a year with several decisions each has its own date.
func (b *builder) checkRecorded(f *Fact, fd *Field, key factRowKey, r *row) bool {
	if !fd.isDeadline() {
		return true
	}
	if !f.Recorded.IsZero() && !f.Recorded.InYear(f.Year) {
		b.add(r.diag(CodeBadYear, "recorded", "%s: a deadline decision is recorded in the year it was decided: %s is not in %d", f.Field, f.Recorded, f.Year))
		return false
	}
	if b.decisions == nil {
		b.decisions = map[factRowKey]*Fact{}
	}
	if prev, ok := b.decisions[key]; ok && (prev.Recorded.IsZero() || f.Recorded.IsZero()) && prev.Recorded != f.Recorded {
		d := r.diag(CodeDuplicateFact, "recorded", "%s: several deadline decisions for %s in %d, not all with a recorded date (first at %s:%d)", f.Field, f.ISO3, f.Year, prev.File, prev.Line)
		d.Hint = "give each decision of the year the day it was decided in the recorded column"
		b.add(d)
		return false
	}
	b.decisions[key] = f
	return true
}

func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func yearText(y int) string {
	if y == 0 {
		return "static"
	}
	return strconv.Itoa(y)
}

// finish sorts and indexes the data. It runs only when no error was found.
func (b *builder) finish() *Dataset {
	sort.Slice(b.states, func(i, j int) bool { return b.states[i].ISO3 < b.states[j].ISO3 })
	d := &Dataset{states: b.states, stateIdx: map[string]int{}, files: b.files, registers: b.registers, absence: buildAbsence(b.registers)}
	for i, s := range d.states {
		d.stateIdx[s.ISO3] = i
	}
	order := make(factsInOrder, len(b.facts))
	for i, f := range b.facts {
		fi := fieldIndex[f.Field]
		order[i] = factInOrder{state: int32(d.stateIdx[f.ISO3]), rank: fieldRank[fi], field: int32(fi), year: int32(f.Year), f: f}
	}
	sort.Sort(order)
	if len(order) > 0 { // nil when there are none
		d.facts = make([]*Fact, 0, len(order))
	}
	for i := range order {
		d.facts = append(d.facts, order[i].f)
	}
	d.facts = knownDays(d.facts, b.shared)
	d.byState = make([][][]*Fact, len(d.states))
	var cut cutoffDates
	for i, f := range d.facts {
		si, fi := order[i].state, order[i].field
		if d.byState[si] == nil {
			d.byState[si] = make([][]*Fact, len(schema))
		}
		d.byState[si][fi] = append(d.byState[si][fi], f)
		if fd := schema[fi]; fd.Type == TypeDate && !fd.isDeadline() {
			cut.see(f.date.Last(), dateSource{fact: f})
		}
		cut.see(f.Recorded.Last(), dateSource{fact: f, column: "recorded"})
	}
	for i := range d.states {
		s := &d.states[i]
		eif := s.EntryIntoForce
		if s.EIFDerived {
			eif = Date{} // computed, not observed
		}
		for j, dt := range []Date{s.Signed, s.Ratified, eif, s.Withdrawn} {
			cut.see(dt.Last(), dateSource{state: s, column: []string{"signed", "ratified", "entry_into_force", "withdrawn"}[j]})
		}
	}
	d.latest = cut.first.date
	if w := cut.warning(); w != nil {
		d.warnings = append(d.warnings, w)
	}
	return d
}

// factInOrder is a fact with what the facts are sorted by: its State's index (the States sorted
// by ISO3), its field's rank by name, and its year; field is the field's schema index.
type factInOrder struct {
	state, rank, field, year int32
	f                        *Fact
}

// factsInOrder sorts facts by State, field (by name) and year, and the decisions of one year or
// versions of a value in the order they were made (by recorded day).
type factsInOrder []factInOrder

func (o factsInOrder) Len() int      { return len(o) }
func (o factsInOrder) Swap(i, j int) { o[i], o[j] = o[j], o[i] }
func (o factsInOrder) Less(i, j int) bool {
	a, c := &o[i], &o[j]
	switch {
	case a.state != c.state:
		return a.state < c.state
	case a.rank != c.rank:
		return a.rank < c.rank
	case a.year != c.year:
		return a.year < c.year
	}
	return a.f.Recorded.Before(c.f.Recorded)
}

// fieldRank is each field's rank (by schema index) in the order of the fields' names.
var fieldRank = func() []int32 {
	idx := make([]int, len(schema))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(i, j int) bool { return schema[idx[i]].Name < schema[idx[j]].Name })
	rank := make([]int32, len(schema))
	for r, i := range idx {
		rank[i] = int32(r)
	}
	return rank
}()

// farDateDays is how far the latest date may lie beyond the next latest before the data
// gets a warning: one such date, a typo of 2042 for 2024, would move the default cut-off.
const farDateDays = 366

// dateSource is where a date of the data comes from: a fact's value (or its column, such as
// recorded), or a column of a State's row.
type dateSource struct {
	date   Date
	fact   *Fact
	state  *State
	column string
}

// cutoffDates keeps the latest date of the data and the latest before it.
type cutoffDates struct{ first, second dateSource }

func (c *cutoffDates) see(d Date, src dateSource) {
	if d.IsZero() {
		return
	}
	src.date = d
	switch {
	case d.After(c.first.date):
		c.second, c.first = c.first, src
	case d.After(c.second.date) || c.second.date.IsZero():
		c.second = src
	}
}

// warning is a warning naming the latest date's fact when it lies more than farDateDays after
// every other date, or nil.
func (c *cutoffDates) warning() *Diagnostic {
	if c.second.date.IsZero() || !c.first.date.After(c.second.date.AddDays(farDateDays)) {
		return nil
	}
	w := &Diagnostic{Severity: SeverityWarning, Code: CodeFarDate}
	what := ""
	switch src := c.first; {
	case src.fact != nil && src.column != "":
		w.File, w.Line, w.Key = src.fact.File, src.fact.Line, src.column
		what = fmt.Sprintf("%s %s %s %s", src.fact.ISO3, src.fact.Field, src.column, src.date)
	case src.fact != nil:
		w.File, w.Line, w.Key = src.fact.File, src.fact.Line, "value"
		what = fmt.Sprintf("%s %s %s", src.fact.ISO3, src.fact.Field, src.fact.Value)
	default:
		w.File, w.Line, w.Key = src.state.File, src.state.Line, src.column
		what = fmt.Sprintf("%s %s %s", src.state.ISO3, src.column, src.date)
	}
	w.Message = fmt.Sprintf("%s is the latest date in the data, %d days after the next latest (%s): without --as-of it sets the data cut-off", what, c.first.date.lo-c.second.date.lo, c.second.date)
	w.Hint = "check the date (a typo?), or give the cut-off with --as-of"
	return w
}

// Warnings are the problems found by the load that do not stop it, such as a date far beyond
// the data's other dates that sets the default cut-off (CodeFarDate).
func (d *Dataset) Warnings() Diagnostics { return append(Diagnostics(nil), d.warnings...) }
