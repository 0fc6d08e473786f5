package engine

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Aggregate is how an indicator combines its per-State results.
type Aggregate string

// The aggregates (lap-plan.md §4).
const (
	AggCount Aggregate = "count" // States whose rule is true
	AggShare Aggregate = "share" // 100 x true / (true + false); unknown leaves the denominator
	AggSum   Aggregate = "sum"   // sum of known numbers
	AggMean  Aggregate = "mean"  // mean of known numbers
)

// Direction says which way an indicator should move.
type Direction string

// The directions.
const (
	Increase Direction = "increase"
	Decrease Direction = "decrease"
)

var (
	aggregates        = []string{"count", "share", "sum", "mean"}
	units             = []string{"states", "percent", "km2", "m2", "USD", "people", "munitions", "submunitions", "items"}
	directions        = []string{"increase", "decrease"}
	actionProvenances = []string{"found", "inferred", "reconstructed"}
	indicatorProvnces = []string{"proposed", "found"}
	idPattern         = regexp.MustCompile(`^([0-9]+)\.([0-9]+)$`)
	planFileName      = "plan.toml"
)

// Section is a thematic section of the plan: a key, a title and the range of its actions.
type Section struct {
	Key         string   `json:"key"`
	Title       string   `json:"title"`
	FirstAction int      `json:"first_action"`
	LastAction  int      `json:"last_action"`
	Provenance  string   `json:"provenance"`
	Sources     []string `json:"sources"`
	// Weight multiplies the section's weight in the plan score (key weight; default 1).
	Weight float64 `json:"weight"`
}

// Action is one action of the plan.
type Action struct {
	Number            int      `json:"number"`
	Section           string   `json:"section"`
	Title             string   `json:"title"`
	Description       string   `json:"description"`
	Provenance        string   `json:"provenance"`
	SectionProvenance string   `json:"section_provenance"`
	Sources           []string `json:"sources"`
	SectionSources    []string `json:"section_sources"`
	Basis             string   `json:"basis"`
	Indicators        []string `json:"indicators"` // ids, in order
	// Weight multiplies the action's weight in its section's score (key weight; default 1).
	Weight float64 `json:"weight"`
	File   string  `json:"file"`
}

// Indicator is one compiled indicator.
type Indicator struct {
	ID             string    `json:"id"`
	Action         int       `json:"action"`
	Section        string    `json:"section"`
	Title          string    `json:"title"`
	Definition     string    `json:"definition"`
	Population     Expr      `json:"-"`
	Rule           Expr      `json:"-"`
	Aggregate      Aggregate `json:"aggregate"`
	Unit           string    `json:"unit"`
	Direction      Direction `json:"direction"`
	Target         *float64  `json:"target"`
	TargetYear     int       `json:"target_year,omitempty"`
	TargetEachYear bool      `json:"target_each_year,omitempty"`
	Fields         []string  `json:"fields"`
	Provenance     string    `json:"provenance"`
	Note           string    `json:"note,omitempty"`
	Method         Method    `json:"method"`                  // how progress is judged; default linear
	Weight         float64   `json:"weight"`                  // weight in its action's score; default 1
	BaselineYear   int       `json:"baseline_year,omitempty"` // overrides the plan's baseline year
	// Unknown is how a State whose result is unknown counts (key unknown; default exclude).
	Unknown UnknownPolicy `json:"unknown_policy"`
	// MinPopulation is the indicator's own min_population; 0 takes the plan's.
	MinPopulation int    `json:"min_population,omitempty"`
	File          string `json:"file"`
	Line          int    `json:"line"`

	order [2]int // action number, indicator number: the sort key
}

// HasTarget reports whether the indicator has a target.
func (ind *Indicator) HasTarget() bool { return ind.Target != nil }

// Plan is a loaded, validated and compiled plan. It is immutable and safe for concurrent use.
type Plan struct {
	name, version, period string
	adopted               Date
	baselineYear          int
	targetYear            int
	counting              Counting
	provenance, note      string
	sections              []Section
	actions               []Action
	indicators            []*Indicator
	byID                  map[string]*Indicator
	files                 []InputFile
	hash                  string
	scoring               Scoring
	checks                []*DataCheck
	translations          *translationSet // lang/*.toml (translations.go)
	lang                  *Translation    // set on a plan built by Translated
	breakdowns            []*Breakdown    // region, then the plan's (breakdown.go)
	cutoffMonth           int             // report_cutoff, 0 when none (cutoff.go)
	cutoffDay             int
}

// Name returns the plan's name.
func (p *Plan) Name() string { return p.name }

// Version returns the plan's version string.
func (p *Plan) Version() string { return p.version }

// Period returns the plan's period as written, e.g. "2021-2026".
func (p *Plan) Period() string { return p.period }

// Adopted returns the plan's adoption date (used by joined_after_lap).
func (p *Plan) Adopted() Date { return p.adopted }

// BaselineYear returns the plan's baseline year.
func (p *Plan) BaselineYear() int { return p.baselineYear }

// TargetYear returns the plan's target year.
func (p *Plan) TargetYear() int { return p.targetYear }

// Scoring returns the plan's scoring thresholds: its [scoring] table over DefaultScoring.
func (p *Plan) Scoring() Scoring { return p.scoring }

// Counting returns the plan's membership counting convention.
func (p *Plan) Counting() Counting { return p.counting }

// Provenance returns the plan-level provenance label and note.
func (p *Plan) Provenance() (label, note string) { return p.provenance, p.note }

// Sections returns the sections in order.
func (p *Plan) Sections() []Section { return append([]Section(nil), p.sections...) }

// Actions returns the actions in number order.
func (p *Plan) Actions() []Action { return append([]Action(nil), p.actions...) }

// Indicators returns every indicator, ordered by action and indicator number.
func (p *Plan) Indicators() []Indicator {
	out := make([]Indicator, len(p.indicators))
	for i, ind := range p.indicators {
		out[i] = *ind
	}
	return out
}

// Indicator returns the indicator with the given id.
func (p *Plan) Indicator(id string) (Indicator, bool) {
	ind, ok := p.byID[id]
	if !ok {
		return Indicator{}, false
	}
	return *ind, true
}

// Files lists the plan's files with their SHA-256 hashes.
func (p *Plan) Files() []InputFile { return append([]InputFile(nil), p.files...) }

// Hash is the SHA-256 of the plan's files (names and contents, in name order): one value that
// identifies the plan's exact content in a report.
func (p *Plan) Hash() string { return p.hash }

// FileReport is what Check found in one plan file.
type FileReport struct {
	File        string      `json:"file"`
	Indicators  int         `json:"indicators"`
	Checks      int         `json:"checks,omitempty"` // check files: the checks it defines
	Diagnostics Diagnostics `json:"diagnostics"`
}

// Load reads, validates and compiles a plan from the root of fsys: plan.toml and every other
// *.toml file, one per action. It returns every problem at once; any non-nil error is a
// Diagnostics.
func Load(fsys fs.FS) (*Plan, error) {
	p, _, err := load(fsys, false)
	return p, err
}

// Check loads the plan like Load and also returns, per file, how many indicators it defines
// and its diagnostics (warnings included), for `lap check`.
func Check(fsys fs.FS) ([]FileReport, error) {
	_, reports, err := load(fsys, true)
	return reports, err
}

// load loads the plan in fsys. Its translations are read, and decoded and checked against the
// plan either now (check: their problems are reported) or when first asked for.
func load(fsys fs.FS, check bool) (*Plan, []FileReport, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, nil, Diagnostics{{Code: CodeNoPlanFile, File: ".", Message: err.Error()}}
	}
	sort.Strings(names)
	l := &loader{fsys: fsys, perFile: map[string]*FileReport{}}
	if !contains(names, planFileName) {
		l.diag(&Diagnostic{Code: CodeNoPlanFile, File: planFileName, Message: "the plan directory has no plan.toml"})
	} else {
		l.loadPlanFile()
	}
	for _, n := range names {
		if n != planFileName {
			l.loadActionFile(n)
		}
	}
	checkNames := checkFiles(fsys)
	for _, n := range checkNames {
		l.loadCheckFile(n)
	}
	names = append(names, checkNames...)
	l.crossCheck()
	l.crossCheckChecks()
	l.checkBreakdownReports()
	if !l.all.HasErrors() {
		l.loadTranslations(check)
	}
	var reports []FileReport
	for _, n := range append(names, l.translationFiles()...) {
		if fr := l.perFile[n]; fr != nil {
			fr.Diagnostics.Sort()
			reports = append(reports, *fr)
		}
	}
	if err := l.all.errorsOnly(); err != nil {
		return nil, reports, err
	}
	return l.finish(), reports, nil
}

type loader struct {
	fsys    fs.FS
	all     Diagnostics
	perFile map[string]*FileReport
	plan    planFile
	planOK  bool
	files   []InputFile
	hasher  []byte
	actions []Action
	inds    []*Indicator
	checks  []*DataCheck

	planPos          map[string]position // key positions in plan.toml
	breakdowns       []*Breakdown        // compiled [[breakdown]] tables (breakdown.go)
	breakdownReports []breakdownReport
	translations     *translationSet // lang/*.toml
}

func (l *loader) diag(d *Diagnostic) {
	l.all = append(l.all, d)
	fr := l.perFile[d.File]
	if fr == nil {
		fr = &FileReport{File: d.File}
		l.perFile[d.File] = fr
	}
	fr.Diagnostics = append(fr.Diagnostics, d)
}

// decode reads and decodes one TOML file with readTOML, records its hash and reports its
// problems. It returns the file's key positions, or nil when it could not be decoded.
func (l *loader) decode(name string, v any) (*tomlDoc, bool) {
	if l.perFile[name] == nil {
		l.perFile[name] = &FileReport{File: name}
	}
	doc, data, diags := readTOML(l.fsys, name, v)
	if data != nil {
		sum := sha256.Sum256(data)
		l.files = append(l.files, InputFile{Name: name, SHA256: hex.EncodeToString(sum[:])})
		l.hasher = append(l.hasher, name+"\x00"+hex.EncodeToString(sum[:])+"\n"...)
	}
	for _, d := range diags {
		l.diag(d)
	}
	return doc, doc != nil
}

func (l *loader) loadPlanFile() {
	doc, ok := l.decode(planFileName, &l.plan)
	if !ok {
		return
	}
	pos := doc.pos
	l.planPos = pos
	pf := &l.plan
	at := func(key string) (int, int) { p := pos[key]; return p.line, p.col }
	bad := func(code, key, format string, args ...any) {
		line, col := at(key)
		l.diag(&Diagnostic{Code: code, File: planFileName, Line: line, Col: col, Key: key, Message: fmt.Sprintf(format, args...)})
	}
	l.planOK = true
	for key, empty := range map[string]bool{"name": pf.Name == "", "version": pf.Version == "", "baseline_year": pf.BaselineYear == 0, "target_year": pf.TargetYear == 0} {
		if empty {
			bad(CodeMissingKey, key, "missing required key %q", key)
			l.planOK = false
		}
	}
	if pf.BaselineYear != 0 && pf.TargetYear != 0 && pf.TargetYear <= pf.BaselineYear {
		bad(CodeBadValue, "target_year", "target_year %d must be after baseline_year %d", pf.TargetYear, pf.BaselineYear)
	}
	if pf.Counting == "" {
		pf.Counting = string(CountingDeposit)
	} else if !Counting(pf.Counting).Valid() {
		bad(CodeBadValue, "counting", "counting %q must be \"deposit\" or \"entry-into-force\"", pf.Counting)
	}
	if pf.Adopted != "" {
		if _, err := ParseDay(pf.Adopted); err != nil {
			bad(CodeBadDate, "adopted", "adopted: %v", err)
		}
	}
	if pf.ReportCutoff != "" {
		if _, _, err := parseCutoff(pf.ReportCutoff); err != nil {
			bad(CodeBadDate, "report_cutoff", "%v", err)
		}
	}
	l.checkScoring(bad)
	l.loadBreakdowns()
	if len(pf.Sections) == 0 {
		bad(CodeMissingKey, "section", "the plan has no [[section]] tables")
		l.planOK = false
	}
	seen := map[string]bool{}
	for i, s := range pf.Sections {
		k := "section[" + itoa(i) + "]."
		switch {
		case s.Key == "":
			bad(CodeMissingKey, k+"key", "section %d has no key", i+1)
		case seen[s.Key]:
			bad(CodeDuplicateID, k+"key", "section key %q is used twice", s.Key)
		}
		seen[s.Key] = true
		if s.Title == "" {
			bad(CodeMissingKey, k+"title", "section %q has no title", s.Key)
		}
		if s.FirstAction < 1 || s.LastAction < s.FirstAction {
			bad(CodeBadValue, k+"first_action", "section %q has an empty or invalid action range %d..%d", s.Key, s.FirstAction, s.LastAction)
		}
		if s.Provenance != "" && !contains(actionProvenances, s.Provenance) {
			bad(CodeBadValue, k+"provenance", "section provenance %q is not one of %s", s.Provenance, strings.Join(actionProvenances, ", "))
		}
		if w := s.Weight; w != nil && badWeight(*w) {
			bad(CodeBadValue, k+"weight", "section %q: weight %g must be above 0 and at most %d", s.Key, *w, maxWeight)
		}
		for j, o := range pf.Sections[:i] {
			if s.FirstAction <= o.LastAction && o.FirstAction <= s.LastAction {
				bad(CodeBadValue, k+"first_action", "section %q overlaps section %q (%d)", s.Key, o.Key, j+1)
			}
		}
	}
}

func (l *loader) section(key string) (Section, bool) {
	for _, s := range l.plan.Sections {
		if s.Key == key {
			return Section{Key: s.Key, Title: s.Title, FirstAction: s.FirstAction, LastAction: s.LastAction}, true
		}
	}
	return Section{}, false
}

func (l *loader) actionRange() (int, int) {
	lo, hi := 0, 0
	for i, s := range l.plan.Sections {
		if i == 0 || s.FirstAction < lo {
			lo = s.FirstAction
		}
		if s.LastAction > hi {
			hi = s.LastAction
		}
	}
	return lo, hi
}

func (l *loader) loadActionFile(name string) {
	var af actionFile
	doc, ok := l.decode(name, &af)
	if !ok {
		return
	}
	pos := doc.pos
	bad := func(code, key, id, format string, args ...any) {
		p := pos[key]
		l.diag(&Diagnostic{Code: code, File: name, Line: p.line, Col: p.col, Key: key, IndicatorID: id, Message: fmt.Sprintf(format, args...)})
	}
	a := Action{Number: af.Number, Section: af.Section, Title: af.Title, Description: af.Description,
		Provenance: af.Provenance, SectionProvenance: af.SectionProvenance, Sources: af.Sources,
		SectionSources: af.SectionSources, Basis: af.Basis, Weight: 1, File: name}
	if af.Weight != nil {
		a.Weight = *af.Weight
		if badWeight(*af.Weight) {
			bad(CodeBadValue, "weight", "", "weight %g must be above 0 and at most %d", *af.Weight, maxWeight)
		}
	}
	for key, empty := range map[string]bool{"number": af.Number == 0 && pos["number"].line == 0, "section": af.Section == "", "title": af.Title == "", "provenance": af.Provenance == "", "section_provenance": af.SectionProvenance == ""} {
		if empty {
			bad(CodeMissingKey, key, "", "missing required key %q", key)
		}
	}
	if af.Provenance != "" && !contains(actionProvenances, af.Provenance) {
		bad(CodeBadValue, "provenance", "", "action provenance %q is not one of %s", af.Provenance, strings.Join(actionProvenances, ", "))
	}
	if af.SectionProvenance != "" && !contains(actionProvenances, af.SectionProvenance) {
		bad(CodeBadValue, "section_provenance", "", "section_provenance %q is not one of %s", af.SectionProvenance, strings.Join(actionProvenances, ", "))
	}
	if l.planOK {
		lo, hi := l.actionRange()
		sec, known := l.section(af.Section)
		switch {
		case af.Number < lo || af.Number > hi:
			bad(CodeBadAction, "number", "", "action %d is outside %d..%d, the range the plan's sections cover", af.Number, lo, hi)
		case af.Section != "" && !known:
			d := &Diagnostic{Code: CodeBadValue, File: name, Line: pos["section"].line, Col: pos["section"].col, Key: "section", Message: fmt.Sprintf("unknown section %q", af.Section)}
			var keys []string
			for _, s := range l.plan.Sections {
				keys = append(keys, s.Key)
			}
			if s := suggest(af.Section, keys); s != "" {
				d.Hint = fmt.Sprintf("did you mean %q?", s)
			}
			l.diag(d)
		case known && (af.Number < sec.FirstAction || af.Number > sec.LastAction):
			bad(CodeBadAction, "number", "", "action %d is outside section %q (actions %d..%d)", af.Number, sec.Key, sec.FirstAction, sec.LastAction)
		}
	}
	if len(af.Indicators) == 0 {
		bad(CodeMissingKey, "number", "", "action %d has no [[indicator]] tables", af.Number)
	}
	for i := range af.Indicators {
		if ind := l.indicator(name, pos, i, &af.Indicators[i], &a); ind != nil {
			a.Indicators = append(a.Indicators, ind.ID)
			l.inds = append(l.inds, ind)
			l.perFile[name].Indicators++
		}
	}
	l.actions = append(l.actions, a)
}

// indicator validates and compiles one [[indicator]] table. It returns nil when the table has
// errors (already reported).
func (l *loader) indicator(file string, pos map[string]position, i int, f *indicatorFile, a *Action) *Indicator {
	k := "indicator[" + itoa(i) + "]."
	nerr := len(l.all)
	id := f.ID
	bad := func(code, key, format string, args ...any) {
		p := pos[k+key]
		if p.line == 0 {
			p = pos[strings.TrimSuffix(k, ".")]
		}
		l.diag(&Diagnostic{Code: code, File: file, Line: p.line, Col: p.col, Key: k + key, IndicatorID: id, Message: fmt.Sprintf(format, args...)})
	}
	requireIndicatorKeys(bad, f, pos[k+"fields"].line != 0)
	ind := &Indicator{ID: f.ID, Action: a.Number, Section: a.Section, Title: f.Title, Definition: f.Definition,
		Aggregate: Aggregate(f.Aggregate), Unit: f.Unit, Direction: Direction(f.Direction), Target: f.Target,
		Fields: f.Fields, Provenance: f.Provenance, Note: f.Note, File: file, Line: pos[strings.TrimSuffix(k, ".")].line}
	checkIndicatorID(bad, f.ID, a.Number, ind)
	checkIndicatorWords(bad, f)
	l.indicatorTarget(bad, f, ind)
	l.indicatorScoring(bad, f, ind)
	l.indicatorExprs(bad, file, pos, k, f, ind)
	if len(l.all) > nerr {
		return nil
	}
	return ind
}

// requireIndicatorKeys reports each required key an [[indicator]] table lacks; hasFields says
// whether it has the key fields (which may be an empty list).
func requireIndicatorKeys(bad badFunc, f *indicatorFile, hasFields bool) {
	for _, r := range []struct {
		key   string
		empty bool
	}{{"id", f.ID == ""}, {"title", f.Title == ""}, {"definition", f.Definition == ""}, {"population", f.Population == ""},
		{"rule", f.Rule == ""}, {"aggregate", f.Aggregate == ""}, {"unit", f.Unit == ""}, {"direction", f.Direction == ""},
		{"provenance", f.Provenance == ""}} {
		if r.empty {
			bad(CodeMissingKey, r.key, "missing required key %q", r.key)
		}
	}
	if !hasFields {
		bad(CodeMissingKey, "fields", "missing required key \"fields\"")
	}
}

// CompareIndicatorIDs orders indicator ids as the plan does: by action number, then by the
// indicator's number within it ("3.1" before "24.1", "24.2" before "24.10"). An id that is not
// <action>.<n> sorts after those that are, by its text. It returns -1, 0 or +1 as cmp.Compare.
func CompareIndicatorIDs(a, b string) int {
	ma, mb := idPattern.FindStringSubmatch(a), idPattern.FindStringSubmatch(b)
	switch {
	case ma == nil && mb == nil:
		return strings.Compare(a, b)
	case ma == nil:
		return 1
	case mb == nil:
		return -1
	}
	for i := 1; i <= 2; i++ {
		x, _ := strconv.Atoi(ma[i])
		y, _ := strconv.Atoi(mb[i])
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b) // "3.01" and "3.1": the same numbers, still a fixed order
}

// checkIndicatorID checks that an indicator's id is <action>.<n> of its own action, and sets its
// plan order from it.
func checkIndicatorID(bad badFunc, id string, action int, ind *Indicator) {
	m := idPattern.FindStringSubmatch(id)
	if id != "" && m == nil {
		bad(CodeBadValue, "id", "id %q must be <action>.<n>, e.g. \"%d.1\"", id, action)
		return
	}
	if m == nil {
		return
	}
	an, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	ind.order = [2]int{an, n}
	if an != action {
		bad(CodeBadValue, "id", "id %q does not belong to action %d", id, action)
	}
}

// checkIndicatorWords checks the keys that take one of a fixed set of words: aggregate, unit
// (and that it fits the aggregate), direction and provenance.
func checkIndicatorWords(bad badFunc, f *indicatorFile) {
	if f.Aggregate != "" && !contains(aggregates, f.Aggregate) {
		bad(CodeBadValue, "aggregate", "aggregate %q is not one of %s", f.Aggregate, strings.Join(aggregates, ", "))
	}
	if f.Unit != "" && !contains(units, f.Unit) {
		bad(CodeBadValue, "unit", "unit %q is not one of %s", f.Unit, strings.Join(units, ", "))
	}
	switch {
	case f.Aggregate == "share" && f.Unit != "" && f.Unit != "percent":
		bad(CodeBadValue, "unit", "a share is a percentage: unit must be \"percent\", not %q", f.Unit)
	case f.Aggregate == "count" && f.Unit != "" && f.Unit != "states":
		bad(CodeBadValue, "unit", "a count counts States: unit must be \"states\", not %q", f.Unit)
	}
	if f.Direction != "" && !contains(directions, f.Direction) {
		bad(CodeBadValue, "direction", "direction %q is not one of %s", f.Direction, strings.Join(directions, ", "))
	}
	if f.Provenance != "" && !contains(indicatorProvnces, f.Provenance) {
		bad(CodeBadValue, "provenance", "indicator provenance %q is not one of %s", f.Provenance, strings.Join(indicatorProvnces, ", "))
	}
}

// indicatorTarget checks and sets an indicator's target, target_year and target_each_year: a
// finite target in range, with a target year within the plan period.
func (l *loader) indicatorTarget(bad badFunc, f *indicatorFile, ind *Indicator) {
	switch {
	case f.Target == nil && (f.TargetYear != nil || f.TargetEachYear != nil):
		bad(CodeMissingKey, "target", "target_year or target_each_year given without a target")
	case f.Target != nil && f.TargetYear == nil:
		bad(CodeMissingKey, "target", "a target needs a target_year")
	case f.Target != nil:
		ind.TargetYear = *f.TargetYear
		if f.TargetEachYear != nil {
			ind.TargetEachYear = *f.TargetEachYear
		}
		if math.IsNaN(*f.Target) || math.IsInf(*f.Target, 0) {
			bad(CodeBadValue, "target", "target %g is not a finite number", *f.Target)
		} else if f.Aggregate == "share" && (*f.Target < 0 || *f.Target > 100) {
			bad(CodeBadValue, "target", "a share target must be between 0 and 100, not %g", *f.Target)
		} else if *f.Target < 0 {
			bad(CodeBadValue, "target", "target %g is negative", *f.Target)
		}
		if l.planOK && (ind.TargetYear < l.plan.BaselineYear || ind.TargetYear > l.plan.TargetYear) {
			bad(CodeBadValue, "target_year", "target_year %d is outside the plan period %d..%d", ind.TargetYear, l.plan.BaselineYear, l.plan.TargetYear)
		}
	}
}

// indicatorExprs compiles an indicator's population (a truth that never reads a field that can
// be nil) and rule (a truth for count and share, a number for sum and mean), and checks that
// fields lists what they read. k is the table's key prefix, for positions.
func (l *loader) indicatorExprs(bad badFunc, file string, pos map[string]position, k string, f *indicatorFile, ind *Indicator) {
	want := wantBool
	if f.Aggregate == "sum" || f.Aggregate == "mean" {
		want = wantNumber
	}
	compile := func(key, src string, want exprKind) (Expr, bool) {
		if src == "" {
			return Expr{}, false
		}
		e, xe := compileExpr(src, want)
		if xe == nil {
			return e, true
		}
		p := pos[k+key]
		line, col := p.line, p.col
		if xe.line > 0 {
			line += xe.line - 1
			if xe.line == 1 {
				col += 1 + xe.col // skip the opening quote
			} else {
				col = xe.col + 1
			}
		}
		l.diag(&Diagnostic{Code: xe.code, File: file, Line: line, Col: col, Key: k + key, IndicatorID: f.ID,
			Message: key + ": " + xe.msg, Hint: xe.hint, Snippet: xe.snippet})
		return e, false
	}
	popOK, ruleOK := false, false
	ind.Population, popOK = compile("population", f.Population, wantBool)
	ind.Rule, ruleOK = compile("rule", f.Rule, want)
	if popOK {
		for _, fi := range ind.Population.reads {
			if ind.Population.strict.has(fi) {
				bad(CodeNullablePopulatn, "population", "population reads %s, which can be nil, so it could be unknown; guard it with ?? or a presence test", schema[fi].Name)
			}
		}
	}
	if popOK && ruleOK && pos[k+"fields"].line != 0 {
		l.checkFields(bad, f.Fields, ind)
	}
}

// checkFields checks that `fields` lists exactly the fields the expressions read.
func (l *loader) checkFields(bad badFunc, listed []string, ind *Indicator) {
	read := map[string]bool{}
	for _, n := range append(append([]string(nil), ind.Population.Reads...), ind.Rule.Reads...) {
		read[n] = true
	}
	given := map[string]bool{}
	var extra, missing []string
	for _, n := range listed {
		if _, ok := LookupField(n); !ok {
			msg := fmt.Sprintf("fields lists %q, which is not in the data dictionary", n)
			if s := suggest(n, fieldNames); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			bad(CodeUnknownField, "fields", "%s", msg)
			continue
		}
		if given[n] {
			bad(CodeFieldsMismatch, "fields", "fields lists %q twice", n)
		}
		given[n] = true
		if !read[n] {
			extra = append(extra, n)
		}
	}
	for n := range read {
		if !given[n] {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		bad(CodeFieldsMismatch, "fields", "fields does not list %s, which the expressions read", strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		bad(CodeFieldsMismatch, "fields", "fields lists %s, which no expression reads", strings.Join(extra, ", "))
	}
}

// crossCheck looks across files: duplicate ids and action numbers.
func (l *loader) crossCheck() {
	ids := map[string]*Indicator{}
	for _, ind := range l.inds {
		if prev, dup := ids[ind.ID]; dup {
			l.diag(&Diagnostic{Code: CodeDuplicateID, File: ind.File, Line: ind.Line, Key: "id", IndicatorID: ind.ID,
				Message: fmt.Sprintf("indicator id %q is already defined at %s:%d", ind.ID, prev.File, prev.Line)})
			continue
		}
		ids[ind.ID] = ind
	}
	nums := map[int]string{}
	for _, a := range l.actions {
		if prev, dup := nums[a.Number]; dup && a.Number != 0 {
			l.diag(&Diagnostic{Code: CodeDuplicateID, File: a.File, Line: 1, Key: "number",
				Message: fmt.Sprintf("action %d is already defined in %s", a.Number, prev)})
		}
		nums[a.Number] = a.File
	}
}

func (l *loader) finish() *Plan {
	pf := &l.plan
	p := &Plan{name: pf.Name, version: pf.Version, period: pf.Period, baselineYear: pf.BaselineYear,
		targetYear: pf.TargetYear, counting: Counting(pf.Counting), provenance: pf.Provenance, note: pf.Note,
		byID: map[string]*Indicator{}, files: l.files, scoring: l.scoring(), translations: l.translations}
	if pf.Adopted != "" {
		p.adopted = MustDate(pf.Adopted)
	}
	if pf.ReportCutoff != "" {
		p.cutoffMonth, p.cutoffDay, _ = parseCutoff(pf.ReportCutoff)
	}
	for _, s := range pf.Sections {
		w := 1.0
		if s.Weight != nil {
			w = *s.Weight
		}
		p.sections = append(p.sections, Section{Key: s.Key, Title: s.Title, FirstAction: s.FirstAction,
			LastAction: s.LastAction, Provenance: s.Provenance, Sources: s.Sources, Weight: w})
	}
	p.actions = l.actions
	sort.Slice(p.actions, func(i, j int) bool { return p.actions[i].Number < p.actions[j].Number })
	p.indicators = l.inds
	sort.Slice(p.indicators, func(i, j int) bool {
		a, b := p.indicators[i].order, p.indicators[j].order
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		return a[1] < b[1]
	})
	for _, ind := range p.indicators {
		p.byID[ind.ID] = ind
	}
	sum := sha256.Sum256(l.hasher)
	p.hash = hex.EncodeToString(sum[:])
	p.checks = l.checks
	p.breakdowns = l.breakdowns
	return p
}
