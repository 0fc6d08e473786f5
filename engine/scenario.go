package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// What-if scenarios (docs/whatif.md): a scenario file names changes to the data ([[set]],
// [[scale]], [[remove]]) and overrides of the plan (counting, [scoring], [[indicator]]).
// Applying one never mutates the baseline: (*Dataset).Apply and (*Plan).With return new
// values that share everything unchanged.

// ChangeKind is what a Change does.
type ChangeKind string

// The change kinds.
const (
	ChangeSet    ChangeKind = "set"    // set a fact (add or replace) or a States-file date
	ChangeScale  ChangeKind = "scale"  // multiply a number field by a factor
	ChangeRemove ChangeKind = "remove" // remove a fact or clear a States-file date
)

// Change is one change to a dataset.
type Change struct {
	Kind ChangeKind `json:"kind"`
	// ISO3 is the State of a set or a remove.
	ISO3 string `json:"iso3,omitempty"`
	// States restricts a scale; empty means every State.
	States []string `json:"states,omitempty"`
	// Field is an input field of facts.csv or a States-file column (settableStateColumns).
	Field string `json:"field"`
	// Year is the year of a set or a remove; 0 for static fields and States-file columns.
	Year int `json:"year,omitempty"`
	// From and To bound the years of a scale (inclusive); 0 leaves that end open.
	From int `json:"from,omitempty"`
	To   int `json:"to,omitempty"`
	// Value is the new value of a set, written as in facts.csv.
	Value string `json:"value,omitempty"`
	// Factor multiplies the values of a scale.
	Factor float64 `json:"factor,omitempty"`
	// Source is the source text of facts a set adds; default "scenario".
	Source string `json:"source,omitempty"`
	// File and Line locate the change in its scenario file, for diagnostics.
	File string `json:"-"`
	Line int    `json:"-"`
	// Key is the TOML key of the change, e.g. "set[2]", for diagnostics.
	Key string `json:"-"`
	// Event is the number (from 1) of the scenario event this change expands, 0 for a change
	// given as such ([[set]], [[scale]], [[remove]], --set).
	Event int `json:"event,omitempty"`
}

func (c Change) String() string {
	switch c.Kind {
	case ChangeScale:
		states := "every State"
		if len(c.States) > 0 {
			states = strings.Join(c.States, ", ")
		}
		years := "every year"
		switch {
		case c.From != 0 && c.To != 0:
			years = fmt.Sprintf("%d..%d", c.From, c.To)
		case c.From != 0:
			years = fmt.Sprintf("from %d", c.From)
		case c.To != 0:
			years = fmt.Sprintf("up to %d", c.To)
		}
		return fmt.Sprintf("scale %s x %s (%s; %s)", c.Field, fnum(c.Factor), states, years)
	case ChangeRemove:
		return fmt.Sprintf("remove %s.%s%s", c.ISO3, c.Field, atYear(c.Year))
	}
	return fmt.Sprintf("set %s.%s%s = %s", c.ISO3, c.Field, atYear(c.Year), c.Value)
}

func atYear(y int) string {
	if y == 0 {
		return ""
	}
	return "@" + itoa(y)
}

// ScoringOverride replaces some of the plan's scoring thresholds; nil keeps the plan's value.
type ScoringOverride struct {
	OnTrack             *float64 `json:"on_track,omitempty" toml:"on_track"`
	Regressing          *float64 `json:"regressing,omitempty" toml:"regressing"`
	TrendOnTrack        *float64 `json:"trend_on_track,omitempty" toml:"trend_on_track"`
	TrendMinYears       *int     `json:"trend_min_years,omitempty" toml:"trend_min_years"`
	Tolerance           *float64 `json:"tolerance,omitempty" toml:"tolerance"`
	DeadlineRateYears   *int     `json:"deadline_rate_years,omitempty" toml:"deadline_rate_years"`
	DeadlineMarginYears *float64 `json:"deadline_margin_years,omitempty" toml:"deadline_margin_years"`
	MinPopulation       *int     `json:"min_population,omitempty" toml:"min_population"`
	MinCoverage         *float64 `json:"min_coverage,omitempty" toml:"min_coverage"`
	CAGRImproving       *float64 `json:"cagr_improving,omitempty" toml:"cagr_improving"`
	CAGRWorsening       *float64 `json:"cagr_worsening,omitempty" toml:"cagr_worsening"`
	Weighting           *string  `json:"weighting,omitempty" toml:"weighting"`
}

func (s ScoringOverride) isZero() bool { return s == ScoringOverride{} }

func (s ScoringOverride) file() *scoringFile {
	return &scoringFile{OnTrack: s.OnTrack, Regressing: s.Regressing, TrendOnTrack: s.TrendOnTrack,
		TrendMinYears: s.TrendMinYears, Tolerance: s.Tolerance, DeadlineRateYears: s.DeadlineRateYears,
		DeadlineMarginYears: s.DeadlineMarginYears, MinPopulation: s.MinPopulation, MinCoverage: s.MinCoverage,
		CAGRImproving: s.CAGRImproving, CAGRWorsening: s.CAGRWorsening, Weighting: s.Weighting}
}

// IndicatorOverride replaces an indicator's target, weight or method; nil or empty keeps the
// plan's value.
type IndicatorOverride struct {
	ID         string   `json:"id"`
	Target     *float64 `json:"target,omitempty"`
	TargetYear *int     `json:"target_year,omitempty"`
	Weight     *float64 `json:"weight,omitempty"`
	Method     Method   `json:"method,omitempty"`
}

// PlanOverrides are the plan changes of a scenario.
type PlanOverrides struct {
	Counting   Counting            `json:"counting,omitempty"`
	Scoring    ScoringOverride     `json:"scoring"`
	Indicators []IndicatorOverride `json:"indicators,omitempty"`
}

// IsZero reports whether the overrides change nothing.
func (o PlanOverrides) IsZero() bool {
	return o.Counting == "" && o.Scoring.isZero() && len(o.Indicators) == 0
}

// Scenario is a loaded and validated what-if scenario.
type Scenario struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	File        string `json:"file,omitempty"`
	// Events are the scenario's events in the order given; their expansions are in Changes
	// (Change.Event), in place of the events.
	Events    []Event       `json:"events,omitempty"`
	Changes   []Change      `json:"changes"`
	Overrides PlanOverrides `json:"overrides"`
}

// ChangedInputs lists, sorted, the inputs the scenario changes: the fields of its changes and
// DepCounting when it overrides the counting convention. Scoring overrides change no input.
func (s *Scenario) ChangedInputs() []string {
	return changedInputs(s.Changes, s.Overrides)
}

func changedInputs(changes []Change, o PlanOverrides) []string {
	seen := map[string]bool{}
	for _, c := range changes {
		seen[c.Field] = true
	}
	if o.Counting != "" {
		seen[DepCounting] = true
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// isStateColumn reports whether name is a States-file column a scenario can change.
func isStateColumn(name string) bool { return contains(settableStateColumns, name) }

// Apply returns a new dataset with the changes made, in order. The receiver is not modified:
// unchanged facts are shared, changed ones are new. New values are validated as LoadDataset
// validates files; every problem is returned at once as Diagnostics, located at the change's
// file and line.
func (d *Dataset) Apply(changes []Change) (*Dataset, error) {
	a := newApplier(d)
	for i := range changes {
		c := &changes[i]
		switch c.Kind {
		case ChangeSet, ChangeRemove:
			a.setOrRemove(c)
		case ChangeScale:
			a.scale(c)
		default:
			a.bad(c, CodeBadValue, "", "unknown change kind %q", c.Kind)
		}
	}
	a.checkStates()
	if len(a.diags) > 0 {
		a.diags.Sort()
		return nil, a.diags
	}
	return a.dataset(), nil
}

// applier is a dataset being changed by Apply: its States, and its facts by key, pointing at the
// original's facts until a change replaces them.
type applier struct {
	d      *Dataset
	states []State
	facts  map[factKey]*Fact
	order  []factKey       // every key, in the original's order, then the new ones
	dates  map[int]*Change // the last change of a State's dates, by State index
	// touched marks the States whose row or facts a change set, scaled or removed
	touched map[int]bool
	diags   Diagnostics
}

// factKey identifies a fact: several deadline decisions of one year, or a value and its
// corrections, are told apart by their recorded day.
type factKey struct {
	iso3     string
	year     int
	field    string
	recorded string
}

func newApplier(d *Dataset) *applier {
	a := &applier{d: d, states: append([]State(nil), d.states...), facts: make(map[factKey]*Fact, len(d.facts)),
		order: make([]factKey, 0, len(d.facts)), dates: map[int]*Change{}, touched: map[int]bool{}}
	for _, f := range d.facts {
		k := factKey{f.ISO3, f.Year, f.Field, f.Recorded.String()}
		a.facts[k] = f
		a.order = append(a.order, k)
	}
	return a
}

// bad reports a problem with change c, keyed by the change's key and sub.
func (a *applier) bad(c *Change, code, sub, format string, args ...any) {
	k := c.Key
	if sub != "" && k != "" {
		k += "." + sub
	}
	a.diags = append(a.diags, &Diagnostic{Code: code, File: c.File, Line: c.Line, Key: k, Message: fmt.Sprintf(format, args...)})
}

// dated lists the keys of the year's deadline decisions, or of the value's corrections, that k
// (with no recorded day) stands for: a set or remove of a State's field for a year stands for all
// of them.
func (a *applier) dated(k factKey) []factKey {
	var out []factKey
	for _, o := range a.order {
		if o.iso3 == k.iso3 && o.year == k.year && o.field == k.field && o.recorded != "" && a.facts[o] != nil {
			out = append(out, o)
		}
	}
	return out
}

// validate checks a new fact with the dataset builder's rules.
func (a *applier) validate(c *Change, f *Fact) bool {
	var fd Diagnostics
	b := newBuilder(&fd)
	b.stateIdx = a.d.stateIdx
	b.addFact(f, &row{file: c.File, line: c.Line})
	for _, x := range fd {
		x.Key = c.Key + "." + x.Key
		if x.Key == c.Key+".iso3" {
			x.Key = c.Key + ".state"
		}
	}
	a.diags = append(a.diags, fd...)
	return len(fd) == 0 && len(b.facts) == 1
}

// setOrRemove applies a set or a remove: of a States-file column, or of a fact.
func (a *applier) setOrRemove(c *Change) {
	si, ok := a.d.stateIdx[c.ISO3]
	if !ok {
		a.bad(c, CodeUnknownState, "state", "unknown State %q: not in the States file", c.ISO3)
		return
	}
	a.touched[si] = true
	if isStateColumn(c.Field) {
		a.dates[si] = c
		if c.Year != 0 {
			a.bad(c, CodeBadYear, "year", "%s is a States-file column: leave the year out", c.Field)
			return
		}
		// the row's dates now hold a supposed one: the row's class is illustrative (set, below)
		a.states[si].Class = a.states[si].Class.Weaker(ClassIllustrative)
		if err := setStateColumn(&a.states[si], c); err != nil {
			a.bad(c, CodeBadValue, "value", "%v", err)
		}
		return
	}
	k := factKey{c.ISO3, c.Year, c.Field, ""}
	dated := a.dated(k)
	if c.Kind == ChangeRemove {
		if a.facts[k] == nil && len(dated) == 0 {
			a.bad(c, CodeBadValue, "field", "remove: no fact (%s, %s, %s) in the data", c.ISO3, yearText(c.Year), c.Field)
			return
		}
		delete(a.facts, k)
		for _, o := range dated {
			delete(a.facts, o)
		}
		return
	}
	src := c.Source
	if src == "" {
		src = "scenario"
	}
	// a scenario's value is supposed, not recorded: it is marked illustrative wherever it is
	// shown (docs/whatif.md, "Marks")
	f := &Fact{ISO3: c.ISO3, Year: c.Year, Field: c.Field, Value: c.Value, Source: src, Class: ClassIllustrative, File: c.File, Line: c.Line}
	if !a.validate(c, f) {
		return
	}
	if _, had := a.facts[k]; !had {
		a.order = append(a.order, k)
	}
	for _, o := range dated {
		delete(a.facts, o) // the year's dated decisions give way to the scenario's value
	}
	a.facts[k] = f
}

// scale multiplies a number field's facts, of the States and years the change names.
func (a *applier) scale(c *Change) {
	fd, ok := LookupField(c.Field)
	if !ok || !fd.Input() || fd.Type != TypeNumber {
		a.bad(c, CodeBadValue, "field", "scale: %q is not a number field of facts.csv", c.Field)
		return
	}
	if math.IsNaN(c.Factor) || math.IsInf(c.Factor, 0) || c.Factor < 0 {
		a.bad(c, CodeBadValue, "factor", "scale: factor %g must be a finite number, 0 or more", c.Factor)
		return
	}
	for _, iso := range c.States {
		if _, ok := a.d.stateIdx[iso]; !ok {
			a.bad(c, CodeUnknownState, "states", "unknown State %q: not in the States file", iso)
		}
	}
	for _, k := range a.order {
		f := a.facts[k]
		if f == nil || f.Field != c.Field || (len(c.States) > 0 && !contains(c.States, f.ISO3)) ||
			(c.From != 0 && f.Year < c.From) || (c.To != 0 && f.Year > c.To) {
			continue
		}
		nf := *f
		nf.num = f.num * c.Factor
		nf.Value = strconv.FormatFloat(nf.num, 'f', -1, 64)
		nf.Source = f.Source + " (scaled x " + fnum(c.Factor) + " by scenario)"
		nf.Class = nf.Class.Weaker(ClassIllustrative) // supposed, not recorded (set, above)
		if nf.num > 1e15 {
			a.bad(c, CodeBadValue, "factor", "scale: %s of %s in %d becomes %s, out of range", c.Field, f.ISO3, f.Year, nf.Value)
			continue
		}
		a.facts[k] = &nf
		a.touched[a.d.stateIdx[f.ISO3]] = true
	}
}

// checkStates checks the order of the dates of every State a change touched.
func (a *applier) checkStates() {
	for i := range a.states {
		c := a.dates[i]
		if c == nil {
			continue
		}
		if err := checkStateDates(&a.states[i]); err != nil {
			a.bad(c, CodeInconsistentDates, "value", "%v", err)
		}
	}
}

// dataset is the changed dataset: the original's States and files, the facts in order.
func (a *applier) dataset() *Dataset {
	nd := &Dataset{states: a.states, stateIdx: a.d.stateIdx, files: a.d.files, registers: a.d.registers, absence: a.d.absence}
	// what the scenario supposes is measured against the data as recorded (supposed.go): a
	// scenario applied to a scenario's data adds its States to those already supposed
	nd.base = a.d
	if a.d.base != nil {
		nd.base = a.d.base
	}
	nd.supposed = append([]int(nil), a.d.supposed...)
	for si := range a.touched {
		if !slices.Contains(nd.supposed, si) {
			nd.supposed = append(nd.supposed, si)
		}
	}
	slices.Sort(nd.supposed)
	if len(nd.supposed) > 0 && sameStates(nd, nd.base) {
		nd.supposedMask = make([]bool, len(nd.states))
		for _, si := range nd.supposed {
			nd.supposedMask[si] = true
		}
	}
	for _, k := range a.order {
		if f := a.facts[k]; f != nil {
			nd.facts = append(nd.facts, f)
		}
	}
	nd.index()
	return nd
}

// index sorts the facts and builds byState and latest, as builder.finish does for a dataset
// whose States are already sorted.
func (d *Dataset) index() {
	b := &builder{states: d.states, facts: d.facts, files: d.files, shared: true}
	nd := b.finish()
	d.stateIdx, d.facts, d.byState, d.latest = nd.stateIdx, nd.facts, nd.byState, nd.latest
}

// setStateColumn applies a set or remove of a States-file date to s. A deposit change
// re-derives entry into force by Article 17 when it was derived (or absent).
func setStateColumn(s *State, c *Change) error {
	var v Date
	if c.Kind == ChangeSet {
		d, err := ParseDate(c.Value)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Field, err)
		}
		v = d
	}
	switch c.Field {
	case "signed":
		s.Signed = v
	case "ratified":
		s.Ratified = v
		if s.EIFDerived || s.EntryIntoForce.IsZero() {
			s.EntryIntoForce, s.EIFDerived = Date{}, false
			if !v.IsZero() {
				s.EntryIntoForce, s.EIFDerived = article17EIF(v), true
			}
		}
	case "entry_into_force":
		s.EntryIntoForce, s.EIFDerived = v, false
		if v.IsZero() && !s.Ratified.IsZero() {
			s.EntryIntoForce, s.EIFDerived = article17EIF(s.Ratified), true
		}
	case "withdrawn":
		s.Withdrawn = v
	}
	return nil
}

// checkStateDates returns the first problem with the order of a State's dates
// (stateDateProblems), naming the State.
func checkStateDates(s *State) error {
	if ps := stateDateProblems(s); len(ps) > 0 {
		return fmt.Errorf("%s: %s", s.ISO3, ps[0].msg)
	}
	return nil
}

// With returns a plan with the overrides applied. The receiver is not modified; compiled
// expressions are shared. An unknown indicator or a value out of range is an error.
func (p *Plan) With(o PlanOverrides) (*Plan, error) {
	if o.IsZero() {
		return p, nil
	}
	var problems []string
	np := *p
	if o.Counting != "" {
		if !o.Counting.Valid() {
			problems = append(problems, fmt.Sprintf("counting %q must be %q or %q", o.Counting, CountingDeposit, CountingEntryIntoForce))
		}
		np.counting = o.Counting
	}
	if !o.Scoring.isZero() {
		l := &loader{}
		l.plan.Scoring = o.Scoring.file()
		l.checkScoring(func(_, _, format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) })
		base := p.scoring
		if base == (Scoring{}) {
			base = DefaultScoring()
		}
		np.scoring = o.Scoring.file().over(base)
	}
	if len(o.Indicators) > 0 {
		np.indicators = append([]*Indicator(nil), p.indicators...)
		np.byID = make(map[string]*Indicator, len(p.byID))
		pos := map[string]int{}
		for i, ind := range np.indicators {
			np.byID[ind.ID] = ind
			pos[ind.ID] = i
		}
		for _, io := range o.Indicators {
			i, ok := pos[io.ID]
			if !ok {
				problems = append(problems, fmt.Sprintf("unknown indicator %q", io.ID))
				continue
			}
			ind := *np.indicators[i]
			if msg := overrideIndicator(&ind, io, p); msg != "" {
				problems = append(problems, io.ID+": "+msg)
				continue
			}
			np.indicators[i] = &ind
			np.byID[ind.ID] = &ind
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("apply plan overrides: %s", strings.Join(problems, "; "))
	}
	return &np, nil
}

// overrideIndicator applies one override to a copy of an indicator; it returns a problem or "".
func overrideIndicator(ind *Indicator, io IndicatorOverride, p *Plan) string {
	if io.Target != nil {
		t := *io.Target
		switch {
		case math.IsNaN(t) || math.IsInf(t, 0) || t < 0:
			return fmt.Sprintf("target %g must be a finite number, 0 or more", t)
		case ind.Aggregate == AggShare && t > 100:
			return fmt.Sprintf("a share target must be between 0 and 100, not %g", t)
		}
		ind.Target = num(t)
		if ind.TargetYear == 0 && io.TargetYear == nil {
			ind.TargetYear = p.targetYear
		}
	}
	if io.TargetYear != nil {
		if ind.Target == nil {
			return "target_year given for an indicator without a target"
		}
		if y := *io.TargetYear; y < p.baselineYear || y > p.targetYear {
			return fmt.Sprintf("target_year %d is outside the plan period %d..%d", y, p.baselineYear, p.targetYear)
		}
		ind.TargetYear = *io.TargetYear
	}
	if io.Weight != nil {
		w := *io.Weight
		if math.IsNaN(w) || w <= 0 || w > maxWeight {
			return fmt.Sprintf("weight %g must be above 0 and at most %d", w, maxWeight)
		}
		ind.Weight = w
	}
	if io.Method != "" {
		if io.Method != MethodLinear && io.Method != MethodTrend {
			return fmt.Sprintf("method %q is not one of linear, trend", io.Method)
		}
		if ind.Target == nil {
			return fmt.Sprintf("method %q needs a target", io.Method)
		}
		ind.Method = io.Method
	}
	return ""
}

// The scenario file schema.
type scenarioFile struct {
	Name        string              `toml:"name"`
	Description string              `toml:"description"`
	Counting    string              `toml:"counting"`
	Scoring     *ScoringOverride    `toml:"scoring"`
	Sets        []setFile           `toml:"set"`
	Scales      []scaleFile         `toml:"scale"`
	Removes     []removeFile        `toml:"remove"`
	Events      []eventFile         `toml:"event"`
	Indicators  []indicatorOverFile `toml:"indicator"`
}

// eventFile is a [[event]] table: the keys of EventSpec, with TOML values (a date may be a
// TOML date, a number an integer or a float, a flag a bool).
type eventFile struct {
	State         string `toml:"state"`
	Type          string `toml:"type"`
	Date          any    `toml:"date"`
	Declared      any    `toml:"declared"`
	Stockpile     any    `toml:"stockpile"`
	Contamination any    `toml:"contamination"`
	Victims       any    `toml:"victims"`
	Area          any    `toml:"area"`
	Report        string `toml:"report"`
	Covering      any    `toml:"covering"`
	Article       any    `toml:"article"`
	Deadline      any    `toml:"deadline"`
	Source        string `toml:"source"`
}

type setFile struct {
	State  string `toml:"state"`
	Field  string `toml:"field"`
	Year   *int   `toml:"year"`
	Years  []int  `toml:"years"`
	Value  any    `toml:"value"`
	Source string `toml:"source"`
}

type scaleFile struct {
	States []string `toml:"states"`
	Field  string   `toml:"field"`
	From   *int     `toml:"from"`
	To     *int     `toml:"to"`
	Factor *float64 `toml:"factor"`
}

type removeFile struct {
	State string `toml:"state"`
	Field string `toml:"field"`
	Year  *int   `toml:"year"`
	Years []int  `toml:"years"`
}

type indicatorOverFile struct {
	ID         string   `toml:"id"`
	Target     *float64 `toml:"target"`
	TargetYear *int     `toml:"target_year"`
	Weight     *float64 `toml:"weight"`
	Method     string   `toml:"method"`
}

// LoadScenario reads the scenario file name from fsys and validates it against the dataset
// (States, fields, values) and the plan (indicators, thresholds). Every problem is returned
// at once as Diagnostics naming the file, line and key.
func LoadScenario(fsys fs.FS, name string, ds *Dataset, p *Plan) (*Scenario, error) {
	data, err := ReadInput(fsys, name, maxTOMLFileBytes) // a regular file within the limit, checked before reading
	if err != nil {
		return nil, Diagnostics{err.(*Diagnostic)}
	}
	return ParseScenario(name, data, ds, p)
}

// ParseScenario is LoadScenario for a file already read; name is used in diagnostics.
func ParseScenario(name string, data []byte, ds *Dataset, p *Plan) (*Scenario, error) {
	sl := &scenarioLoader{file: name, ds: ds, plan: p}
	sc := sl.parse(data)
	if err := sl.diags.errorsOnly(); err != nil {
		return nil, err
	}
	return sc, nil
}

type scenarioLoader struct {
	file  string
	ds    *Dataset
	plan  *Plan
	doc   *tomlDoc
	pos   map[string]position
	diags Diagnostics
}

func (sl *scenarioLoader) bad(code, key, format string, args ...any) *Diagnostic {
	d := sl.doc.diag(code, key, format, args...)
	sl.diags = append(sl.diags, d)
	return d
}

func (sl *scenarioLoader) parse(data []byte) *Scenario {
	var sf scenarioFile
	doc, diags := decodeTOML(sl.file, data, &sf)
	sl.diags = append(sl.diags, diags...)
	if doc == nil {
		return nil
	}
	sl.doc, sl.pos = doc, doc.pos
	sc := &Scenario{Name: sf.Name, Description: sf.Description, File: sl.file}
	if strings.TrimSpace(sf.Name) == "" {
		sl.diags = append(sl.diags, &Diagnostic{Code: CodeMissingKey, File: sl.file, Line: 1, Key: "name", Message: "missing required key \"name\""})
	}
	for i := range sf.Sets {
		sc.Changes = append(sc.Changes, sl.set(i, &sf.Sets[i])...)
	}
	for i := range sf.Scales {
		if c, ok := sl.scale(i, &sf.Scales[i]); ok {
			sc.Changes = append(sc.Changes, c)
		}
	}
	for i := range sf.Removes {
		sc.Changes = append(sc.Changes, sl.remove(i, &sf.Removes[i])...)
	}
	sc.Events = sl.events(sf.Events)
	if len(sc.Events) == len(sf.Events) && len(sc.Events) > 0 && sl.ds != nil {
		cs, err := sl.ds.ExpandEvents(sc.Events)
		sl.place(err)
		sc.Changes = append(sc.Changes, cs...)
	}
	// changes apply in file order
	sort.SliceStable(sc.Changes, func(i, j int) bool { return sc.Changes[i].Line < sc.Changes[j].Line })
	sc.Overrides = sl.overrides(&sf)
	if len(sc.Changes) == 0 && sc.Overrides.IsZero() && len(sl.diags) == 0 {
		sl.diags = append(sl.diags, &Diagnostic{Code: CodeMissingKey, File: sl.file, Line: 1, Message: "the scenario changes nothing: add [[event]], [[set]], [[scale]], [[remove]], [[indicator]], [scoring] or counting"})
	}
	if len(sl.diags) == 0 && sl.ds != nil {
		// a dry run catches what only the whole change list shows (dates out of order, a
		// remove of a fact an earlier change did not leave)
		_, err := sl.ds.Apply(sc.Changes)
		sl.place(err)
	}
	return sc
}

// place adds the Diagnostics of err, each at the position of its key in the file.
func (sl *scenarioLoader) place(err error) {
	var ds Diagnostics
	if !errors.As(err, &ds) {
		return
	}
	for _, d := range ds {
		if d.File == "" {
			d.File = sl.file
		}
		if d.File == sl.file {
			p := sl.doc.at(d.Key)
			d.Line, d.Col = p.line, p.col
		}
	}
	sl.diags = append(sl.diags, ds...)
}

// events reads the [[event]] tables and checks each against the dataset (without one, the
// State is kept as written).
func (sl *scenarioLoader) events(efs []eventFile) []Event {
	var out []Event
	for i, ef := range efs {
		k := "event[" + itoa(i) + "]"
		sp, ok := sl.eventSpec(k, &ef)
		if !ok {
			continue
		}
		var e Event
		if sl.ds != nil {
			ev, err := sl.ds.ResolveEvent(sp)
			if err != nil {
				var ds Diagnostics
				errors.As(err, &ds)
				for _, d := range ds {
					d.Key = k + "." + d.Key
				}
				sl.place(ds)
				continue
			}
			e = ev
		} else {
			e = Event{Type: EventType(sp.Type), ISO3: sp.State}
		}
		e.File, e.Line, e.Key = sl.file, sl.pos[k].line, k
		out = append(out, e)
	}
	return out
}

// eventSpec turns a [[event]] table's TOML values into text.
func (sl *scenarioLoader) eventSpec(k string, ef *eventFile) (EventSpec, bool) {
	ok := true
	text := func(key string, v any) string {
		switch x := v.(type) {
		case nil:
			return ""
		case string:
			return x
		case time.Time:
			return x.Format("2006-01-02")
		case int64:
			return strconv.FormatInt(x, 10)
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			if x {
				return "yes"
			}
			return "no"
		}
		sl.bad(CodeBadValue, k+"."+key, "%s: %s is not a date, a number, text or true/false", key, tomlTypeName(v))
		ok = false
		return ""
	}
	sp := EventSpec{State: ef.State, Type: ef.Type, Date: text("date", ef.Date), Declared: text("declared", ef.Declared),
		Stockpile: text("stockpile", ef.Stockpile), Contamination: text("contamination", ef.Contamination),
		Victims: text("victims", ef.Victims), Area: text("area", ef.Area), Report: ef.Report,
		Covering: text("covering", ef.Covering), Article: text("article", ef.Article), Deadline: text("deadline", ef.Deadline),
		Source: ef.Source}
	return sp, ok
}

// state checks a State code.
func (sl *scenarioLoader) state(key, iso string) bool {
	if iso == "" {
		sl.bad(CodeMissingKey, key, "missing required key %q", key[strings.LastIndex(key, ".")+1:])
		return false
	}
	if sl.ds == nil {
		return true
	}
	if _, ok := sl.ds.stateIdx[iso]; !ok {
		d := sl.bad(CodeUnknownState, key, "unknown State %q: not in the States file", iso)
		var codes []string
		for _, s := range sl.ds.states {
			codes = append(codes, s.ISO3)
		}
		if s := suggest(iso, codes); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		return false
	}
	return true
}

// field checks a field name a set or remove may change.
func (sl *scenarioLoader) field(key, name string) (Field, bool) {
	if name == "" {
		sl.bad(CodeMissingKey, key, "missing required key \"field\"")
		return Field{}, false
	}
	fd, ok := LookupField(name)
	switch {
	case !ok:
		d := sl.bad(CodeUnknownField, key, "unknown field %q", name)
		if s := suggest(name, fieldNames); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		return Field{}, false
	case !fd.Input() && !isStateColumn(name):
		d := sl.bad(CodeDerivedField, key, "field %q is derived by the engine and cannot be changed", name)
		d.Hint = "change the inputs it is derived from: `lap fields` shows them; States-file columns: " + strings.Join(settableStateColumns, ", ")
		return Field{}, false
	}
	return fd, true
}

// years resolves year and years for a field: none for static fields and States-file columns,
// at least one for the others (an event's year may come from its date).
func (sl *scenarioLoader) years(k string, fd Field, year *int, years []int, eventDate string) ([]int, bool) {
	static := fd.Scope == ScopeStatic || isStateColumn(fd.Name)
	var ys []int
	if year != nil {
		ys = append(ys, *year)
	}
	ys = append(ys, years...)
	switch {
	case year != nil && len(years) > 0:
		sl.bad(CodeBadYear, k+"years", "give year or years, not both")
		return nil, false
	case static && len(ys) > 0:
		key := k + "year"
		if year == nil {
			key = k + "years"
		}
		sl.bad(CodeBadYear, key, "field %s is static: leave the year out", fd.Name)
		return nil, false
	case static:
		return []int{0}, true
	case len(ys) == 0 && fd.Scope == ScopeEvent && eventDate != "":
		if d, err := ParseDate(eventDate); err == nil {
			return []int{d.Year()}, true
		}
	case len(ys) == 0:
		sl.bad(CodeBadYear, k+"field", "field %s is per %s: year or years is required", fd.Name, fd.Scope)
		return nil, false
	}
	for _, y := range ys {
		if y < 1900 || y > 2200 {
			key := k + "year"
			if year == nil {
				key = k + "years"
			}
			sl.bad(CodeBadYear, key, "year %d is not between 1900 and 2200", y)
			return nil, false
		}
	}
	return ys, true
}

func (sl *scenarioLoader) set(i int, s *setFile) []Change {
	k := "set[" + itoa(i) + "]."
	okState := sl.state(k+"state", s.State)
	fd, okField := sl.field(k+"field", s.Field)
	if !okField {
		return nil
	}
	val, okVal := sl.value(k+"value", fd, s.Value)
	if !okState || !okVal {
		return nil
	}
	ys, ok := sl.years(k, fd, s.Year, s.Years, val)
	if !ok {
		return nil
	}
	line := sl.pos[strings.TrimSuffix(k, ".")].line
	var out []Change
	for _, y := range ys {
		out = append(out, Change{Kind: ChangeSet, ISO3: s.State, Field: s.Field, Year: y, Value: val, Source: s.Source,
			File: sl.file, Line: line, Key: strings.TrimSuffix(k, ".")})
	}
	return out
}

// value checks a set's value against the field's type and returns it as facts.csv writes it.
func (sl *scenarioLoader) value(key string, fd Field, v any) (string, bool) {
	if v == nil {
		sl.bad(CodeMissingKey, key, "missing required key \"value\"")
		return "", false
	}
	typ := fd.Type
	if isStateColumn(fd.Name) {
		typ = TypeDate
	}
	mismatch := func(want string) (string, bool) {
		sl.bad(CodeBadValue, key, "type mismatch: %s is a %s field; the value %v (%s) is not %s", fd.Name, typ, v, tomlTypeName(v), want)
		return "", false
	}
	switch typ {
	case TypeNumber:
		var n float64
		switch x := v.(type) {
		case int64:
			n = float64(x)
		case float64:
			n = x
		default:
			return mismatch("a number")
		}
		if math.IsNaN(n) || math.IsInf(n, 0) || n < 0 || n > 1e15 {
			sl.bad(CodeBadValue, key, "%s: %v is out of range (0 to 1e15)", fd.Name, v)
			return "", false
		}
		return strconv.FormatFloat(n, 'f', -1, 64), true
	case TypeBool:
		b, ok := v.(bool)
		if !ok {
			return mismatch("true or false")
		}
		return strconv.FormatBool(b), true
	case TypeDate:
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case time.Time:
			s = x.Format("2006-01-02")
		case int64: // value = 2023: a date known to the year
			s = strconv.FormatInt(x, 10)
		default:
			return mismatch("a date")
		}
		if _, err := ParseDate(s); err != nil {
			sl.bad(CodeBadDate, key, "%s: %v", fd.Name, err)
			return "", false
		}
		return s, true
	case TypeEnum:
		s, ok := v.(string)
		if !ok {
			return mismatch("text")
		}
		if !contains(fd.Enum, s) {
			d := sl.bad(CodeBadValue, key, "%s: %q is not one of %s", fd.Name, s, strings.Join(fd.Enum, ", "))
			if sg := suggest(s, fd.Enum); sg != "" {
				d.Hint = fmt.Sprintf("did you mean %q?", sg)
			}
			return "", false
		}
		return s, true
	default:
		s, ok := v.(string)
		if !ok {
			return mismatch("text")
		}
		if s == "" {
			sl.bad(CodeBadValue, key, "value is empty; use [[remove]] to remove a fact")
			return "", false
		}
		return s, true
	}
}

func tomlTypeName(v any) string {
	switch v.(type) {
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a bool"
	case string:
		return "a string"
	case time.Time:
		return "a date"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

func (sl *scenarioLoader) scale(i int, s *scaleFile) (Change, bool) {
	k := "scale[" + itoa(i) + "]."
	ok := true
	for _, iso := range s.States {
		ok = sl.state(k+"states", iso) && ok
	}
	if s.Field == "" {
		sl.bad(CodeMissingKey, k+"field", "missing required key \"field\"")
		ok = false
	} else if fd, known := LookupField(s.Field); !known {
		d := sl.bad(CodeUnknownField, k+"field", "unknown field %q", s.Field)
		if sg := suggest(s.Field, fieldNames); sg != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", sg)
		}
		ok = false
	} else if !fd.Input() || fd.Type != TypeNumber {
		sl.bad(CodeBadValue, k+"field", "type mismatch: scale needs a number field of facts.csv; %s is a %s field", s.Field, fd.Type)
		ok = false
	}
	switch {
	case s.Factor == nil:
		sl.bad(CodeMissingKey, k+"factor", "missing required key \"factor\"")
		ok = false
	case math.IsNaN(*s.Factor) || math.IsInf(*s.Factor, 0) || *s.Factor < 0:
		sl.bad(CodeBadValue, k+"factor", "factor %g must be a finite number, 0 or more", *s.Factor)
		ok = false
	}
	c := Change{Kind: ChangeScale, States: s.States, Field: s.Field, File: sl.file, Line: sl.pos[strings.TrimSuffix(k, ".")].line, Key: strings.TrimSuffix(k, ".")}
	if s.Factor != nil {
		c.Factor = *s.Factor
	}
	if s.From != nil {
		c.From = *s.From
	}
	if s.To != nil {
		c.To = *s.To
	}
	if c.From != 0 && c.To != 0 && c.To < c.From {
		sl.bad(CodeBadYear, k+"to", "the year range %d..%d is empty", c.From, c.To)
		ok = false
	}
	return c, ok
}

func (sl *scenarioLoader) remove(i int, r *removeFile) []Change {
	k := "remove[" + itoa(i) + "]."
	okState := sl.state(k+"state", r.State)
	fd, okField := sl.field(k+"field", r.Field)
	if !okState || !okField {
		return nil
	}
	ys, ok := sl.years(k, fd, r.Year, r.Years, "")
	if !ok {
		return nil
	}
	line := sl.pos[strings.TrimSuffix(k, ".")].line
	var out []Change
	for _, y := range ys {
		out = append(out, Change{Kind: ChangeRemove, ISO3: r.State, Field: r.Field, Year: y, File: sl.file, Line: line, Key: strings.TrimSuffix(k, ".")})
	}
	return out
}

func (sl *scenarioLoader) overrides(sf *scenarioFile) PlanOverrides {
	var o PlanOverrides
	if sf.Counting != "" {
		if !Counting(sf.Counting).Valid() {
			sl.bad(CodeBadValue, "counting", "counting %q must be \"deposit\" or \"entry-into-force\"", sf.Counting)
		} else {
			o.Counting = Counting(sf.Counting)
		}
	}
	if sf.Scoring != nil {
		l := &loader{}
		l.plan.Scoring = sf.Scoring.file()
		l.checkScoring(func(code, key, format string, args ...any) { sl.bad(code, key, format, args...) })
		o.Scoring = *sf.Scoring
	}
	for i, f := range sf.Indicators {
		k := "indicator[" + itoa(i) + "]."
		io := IndicatorOverride{ID: f.ID, Target: f.Target, TargetYear: f.TargetYear, Weight: f.Weight, Method: Method(f.Method)}
		if f.ID == "" {
			sl.bad(CodeMissingKey, k+"id", "missing required key \"id\"")
			continue
		}
		if f.Target == nil && f.TargetYear == nil && f.Weight == nil && f.Method == "" {
			sl.bad(CodeMissingKey, k+"id", "indicator %s: give target, target_year, weight or method", f.ID)
			continue
		}
		if sl.plan == nil {
			o.Indicators = append(o.Indicators, io)
			continue
		}
		ind, ok := sl.plan.byID[f.ID]
		if !ok {
			d := sl.bad(CodeUnknownName, k+"id", "unknown indicator %q", f.ID)
			ids := make([]string, 0, len(sl.plan.indicators))
			for _, x := range sl.plan.indicators {
				ids = append(ids, x.ID)
			}
			if s := suggest(f.ID, ids); s != "" {
				d.Hint = fmt.Sprintf("did you mean %q?", s)
			}
			continue
		}
		cp := *ind
		if msg := overrideIndicator(&cp, io, sl.plan); msg != "" {
			key := k + "target"
			switch {
			case strings.Contains(msg, "weight"):
				key = k + "weight"
			case strings.Contains(msg, "method"):
				key = k + "method"
			case strings.HasPrefix(msg, "target_year"):
				key = k + "target_year"
			}
			d := sl.bad(CodeBadValue, key, "%s", msg)
			d.IndicatorID = f.ID
			continue
		}
		o.Indicators = append(o.Indicators, io)
	}
	return o
}
