package engine

import (
	"fmt"
	"strings"
)

// Class says what kind of record a value rests on (docs/data.md, "The class of a value"). It is
// read from the optional class column of facts.csv and states.csv (and the class key of
// dataset.json); a value without one is ClassUnstated, which is never taken for official.
type Class string

// The classes, from the most to the least reliable.
const (
	// ClassOfficial: an Article 7 report, an MSP or Review Conference record, the depositary.
	ClassOfficial Class = "official"
	// ClassMonitor: civil-society research (Landmine and Cluster Munition Monitor and the like).
	ClassMonitor Class = "monitor"
	// ClassEstimate: an estimate, by the data's compiler or a third party.
	ClassEstimate Class = "estimate"
	// ClassUnstated: the data gave no class.
	ClassUnstated Class = "unstated"
	// ClassIllustrative: invented, for a sample or a demonstration; never a fact.
	ClassIllustrative Class = "illustrative"
)

// Classes lists the classes from the most to the least reliable.
var Classes = []Class{ClassOfficial, ClassMonitor, ClassEstimate, ClassUnstated, ClassIllustrative}

// dataClasses are the values the class column accepts (unstated is written by leaving it empty).
var dataClasses = []string{string(ClassOfficial), string(ClassMonitor), string(ClassEstimate), string(ClassIllustrative)}

// rank orders the classes: 0 is official; a higher rank is less reliable. The zero Class (no
// value) has rank -1, so that it weakens nothing.
func (c Class) rank() int {
	switch c { // Classes' order; compared with constants, not through the slice (a hot path)
	case ClassOfficial:
		return 0
	case ClassMonitor:
		return 1
	case ClassEstimate:
		return 2
	case ClassUnstated:
		return 3
	case ClassIllustrative:
		return 4
	}
	return -1
}

// Official reports whether the class is official.
func (c Class) Official() bool { return c == ClassOfficial }

// Weaker returns the less reliable of c and o; the zero Class gives way to any other.
func (c Class) Weaker(o Class) Class {
	if o.rank() > c.rank() {
		return o
	}
	return c
}

// parseClass reads a class column: empty is unstated.
func parseClass(s string) (Class, error) {
	if s == "" {
		return ClassUnstated, nil
	}
	if contains(dataClasses, s) {
		return Class(s), nil
	}
	msg := fmt.Sprintf("class %q is not one of %s (leave it empty when the class is not known)", s, strings.Join(dataClasses, ", "))
	if sg := suggest(s, dataClasses); sg != "" {
		msg += fmt.Sprintf("; did you mean %q?", sg)
	}
	return ClassUnstated, fmt.Errorf("%s", msg)
}

// ClassCounts counts values (or States) by class.
type ClassCounts struct {
	Official     int `json:"official"`
	Monitor      int `json:"monitor"`
	Estimate     int `json:"estimate"`
	Unstated     int `json:"unstated"`
	Illustrative int `json:"illustrative"`
}

// Add counts one of class c; the zero Class is not counted.
func (cc *ClassCounts) Add(c Class) {
	switch c {
	case ClassOfficial:
		cc.Official++
	case ClassMonitor:
		cc.Monitor++
	case ClassEstimate:
		cc.Estimate++
	case ClassUnstated:
		cc.Unstated++
	case ClassIllustrative:
		cc.Illustrative++
	}
}

// addRank counts one value of the class of rank r (Class.rank); -1, the zero Class, is not
// counted.
func (cc *ClassCounts) addRank(r int) { cc.addRankN(r, 1) }

// addRankN counts n values of the class of rank r, as addRank does one.
func (cc *ClassCounts) addRankN(r, n int) {
	switch r {
	case 0:
		cc.Official += n
	case 1:
		cc.Monitor += n
	case 2:
		cc.Estimate += n
	case 3:
		cc.Unstated += n
	case 4:
		cc.Illustrative += n
	}
}

// Get returns the count of class c.
func (cc ClassCounts) Get(c Class) int {
	switch c {
	case ClassOfficial:
		return cc.Official
	case ClassMonitor:
		return cc.Monitor
	case ClassEstimate:
		return cc.Estimate
	case ClassUnstated:
		return cc.Unstated
	case ClassIllustrative:
		return cc.Illustrative
	}
	return 0
}

// Total is the number of values counted.
func (cc ClassCounts) Total() int {
	return cc.Official + cc.Monitor + cc.Estimate + cc.Unstated + cc.Illustrative
}

// Weakest is the least reliable class counted, or the zero Class when nothing was counted.
func (cc ClassCounts) Weakest() Class {
	for i := len(Classes) - 1; i >= 0; i-- {
		if cc.Get(Classes[i]) > 0 {
			return Classes[i]
		}
	}
	return ""
}

// derivedBase holds, for each derived field (by schema index), the input fields it is computed
// from (directly or through other derived fields) and whether it reads the States file.
var derivedBase = func() [][]int {
	out := make([][]int, len(schema))
	for i, f := range schema {
		if f.Input() {
			continue
		}
		for _, name := range baseInputs([]string{f.Name}) {
			if fi, ok := fieldIndex[name]; ok && schema[fi].Input() {
				out[i] = append(out[i], fi)
			}
		}
	}
	return out
}()

// readsStates reports whether a derived field rests on the States file.
func readsStates(fi int) bool {
	name := schema[fi].Name
	if stateColumn[name] && name != "iso3" && name != "region" {
		return true
	}
	for _, b := range baseInputs([]string{name}) {
		if contains(settableStateColumns, b) {
			return true
		}
	}
	return false
}

var statesBased = func() []bool {
	out := make([]bool, len(schema))
	for i, f := range schema {
		out[i] = !f.Input() && readsStates(i)
	}
	return out
}()

// valueClass is the class of the value of field fi that State si's environment se (for year y)
// holds: the class of the fact for an input field, or, when absent, the class of the absence
// (absentClass: the declared register's, unstated without one; zero for a report field); for a
// derived field, the least reliable class among the facts and the States-file row it is
// computed from, taking every fact a derivation for y may look at (facts up to y; only y's for
// per-year fields), and the class of the absence of each register field it reads that has no
// such fact, or none the environment sees (a derived value built on an absence rests on it).
func (d *Dataset) valueClass(si, fi, y int, se *stateEnv) Class {
	fd := &schema[fi]
	if fd.Input() {
		if f := se.from[fi]; f != nil {
			return f.Class
		}
		return d.absentClass(si, fi, y)
	}
	var c Class
	if statesBased[fi] {
		c = d.states[si].Class
	}
	facts := d.byState[si]
	for _, bi := range derivedBase[fi] {
		scope := schema[bi].Scope
		seen := false
		if facts != nil {
			for _, f := range facts[bi] {
				if f.Year == y || scope != ScopeYear && f.Year <= y {
					if !extensionBears(se, bi, f) {
						seen = true // read, and answered: it decides nothing
						continue
					}
					c = c.Weaker(f.Class)
					seen = true
				}
			}
		}
		if isRegister[bi] && (!seen || scope != ScopeEvent && se.from[bi] == nil) {
			c = c.Weaker(d.absentClass(si, bi, y))
		}
	}
	// A projection reads the figures of every year of its episode, not only y's: Chad's 2019
	// figures (illustrative) decide its "projected to miss" in the report on 2022.
	switch fi {
	case ix.Art3ProjectedToMiss:
		c = c.Weaker(se.projCls[0])
	case ix.Art4ProjectedToMiss:
		c = c.Weaker(se.projCls[1])
	}
	return c
}

// extensionBears reports whether fact f of input field bi weighs on the class of a derived
// value: any fact but an extension request or a decision on one, and those only as an
// episode's latest request that no recorded deadline answered (awaiting a decision, granted
// without its new deadline, or not granted) or the decision on it. A request that a deadline
// decision answered, an earlier request, or one made after the deadline passed changes no
// verdict (docs/methodology.md §5.1), so its class marks none: Chad's request of 2023, whose
// year the sample assumes, does not make "not past its deadline" at the end of 2023
// illustrative, when the deadline in force was decided that year.
func extensionBears(se *stateEnv, bi int, f *Fact) bool {
	var eps []episode
	switch bi {
	case ix.Art3ExtensionRequested, ix.Art3ExtensionGranted:
		eps = se.eps3
	case ix.Art4ExtensionRequested, ix.Art4ExtensionGranted:
		eps = se.eps4
	default:
		return true
	}
	for i := range eps {
		x := &eps[i].ext
		if x.outcome != extDecided && (x.request == f || x.decision == f) {
			return true
		}
	}
	return false
}

// stateClass is the least reliable class among the values of the fields (schema indexes) that
// State si's environment holds.
func (d *Dataset) stateClass(si int, se *stateEnv, fields ...[]int) Class {
	var c Class
	for _, list := range fields {
		for _, fi := range list {
			c = c.Weaker(d.valueClass(si, fi, se.env.Year, se))
		}
	}
	return c
}

// yearFigures are the facts of the year a State's latest Article 3 or 4 episode shows: the
// amount destroyed or cleared, and what remained at the end of the year.
var yearFigures = map[int][]int{
	3: {fieldIndex["art3_destroyed_munitions"], fieldIndex["art3_stock_munitions"]},
	4: {fieldIndex["art4_area_cleared_m2"], fieldIndex["art4_area_remaining_m2"]},
}

// episodeValues reads the facts an episode rests on, with their class and origin: its start,
// its deadline decisions, its latest extension request and the decision on it, its completion,
// and for the latest episode the year's figures in State si's environment se.
func (d *Dataset) episodeValues(si int, se *stateEnv, article int, ep *episode, latest bool) []FieldRead {
	out := []FieldRead{}
	if ep.startFact != nil {
		out = append(out, factRead(ep.startFact))
	}
	for _, f := range ep.chain {
		out = append(out, factRead(f))
	}
	for _, f := range [...]*Fact{ep.ext.request, ep.ext.decision} {
		if f != nil {
			out = append(out, factRead(f))
		}
	}
	if ep.doneFact != nil && !ep.open() {
		out = append(out, factRead(ep.doneFact))
	}
	if latest {
		for _, fi := range yearFigures[article] {
			if se.from[fi] != nil {
				out = append(out, d.fieldRead(si, fi, se))
			}
		}
	}
	return out
}

// factRead is a fact as a value read: its typed value, class, origin and source, and for a
// per-year fact its year.
func factRead(f *Fact) FieldRead {
	fr := FieldRead{Field: f.Field, Value: f.Value, Origin: fmt.Sprintf("%s:%d", f.File, f.Line), Source: f.Source, Class: f.Class}
	fd, _ := LookupField(f.Field)
	if fd.Scope == ScopeYear {
		fr.Year = f.Year // an extension request or decision: the year it is for
	}
	switch fd.Type {
	case TypeNumber:
		fr.Value = f.num
	case TypeBool:
		fr.Value = f.flag
	}
	return fr
}
