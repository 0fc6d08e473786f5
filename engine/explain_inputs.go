package engine

import (
	"fmt"
	"sort"
)

// The inputs behind derived fields, for Explain: a rule that reads initial_report_submitted
// reads, through it, the art7_initial_submitted fact; Explain shows that fact with its file
// and line so that every number can be traced to a row of the data.

// StateInputs lists the input values behind the derived fields one State's rule read.
type StateInputs struct {
	ISO3 string `json:"iso3"`
	// Reads has one entry per fact (or States-file column) the derived fields were computed
	// from, in field then year order; Value is nil and Origin "absent" when there is none.
	Reads []FieldRead `json:"reads"`
	// Notes say, when the derived fields read an Article 3 or 4 episode whose extension
	// request is recorded without a new deadline, where that episode stands: "Article 4,
	// episode 1: open; deadline not known (extension requested in 2024, no decision
	// recorded)".
	Notes []string `json:"notes,omitempty"`
	// NoteSentences are Notes as messages and their values (engine/sentence.go).
	NoteSentences []Sentence `json:"-"`
}

// baseInputs returns, sorted, the input fields and States-file columns the named derived
// fields are computed from, directly or through other derived fields.
func baseInputs(derived []string) []string {
	seen := map[string]bool{}
	var out []string
	var walk func(string)
	walk = func(f string) {
		if seen[f] {
			return
		}
		seen[f] = true
		fd, isField := LookupField(f)
		switch {
		case isField && fd.Input():
			out = append(out, f)
			return
		case contains(settableStateColumns, f):
			out = append(out, f)
		}
		for _, d := range derivedDeps[f] {
			walk(d)
		}
	}
	for _, f := range derived {
		for _, d := range derivedDeps[f] {
			walk(d)
		}
	}
	sort.Strings(out)
	return out
}

// derivedInputs lists, for each State of outcomes, the inputs behind the derived fields its
// rule read, as seen in year y at asOf.
func (d *Dataset) derivedInputs(outcomes []StateOutcome, y int, asOf Date) []StateInputs {
	out := []StateInputs{}
	for _, so := range outcomes {
		var derived []string
		for _, fr := range so.Values {
			if fd, ok := LookupField(fr.Field); ok && !fd.Input() {
				derived = append(derived, fr.Field)
			}
		}
		inputs := baseInputs(derived)
		si, ok := d.stateIdx[so.ISO3]
		if !ok || len(inputs) == 0 {
			continue
		}
		si2 := StateInputs{ISO3: so.ISO3, Reads: []FieldRead{}}
		var articles []int
		for _, name := range inputs {
			si2.Reads = append(si2.Reads, d.inputReads(si, name, y, asOf)...)
			switch name {
			case "art3_extension_requested":
				articles = append(articles, 3)
			case "art4_extension_requested":
				articles = append(articles, 4)
			}
		}
		si2.NoteSentences = d.extensionNotes(si, articles, y, asOf)
		for _, n := range si2.NoteSentences {
			si2.Notes = append(si2.Notes, n.String())
		}
		out = append(out, si2)
	}
	return out
}

// inputReads returns the values of one input a derivation for year y can see: for a States-file
// column, the column; for a field, the facts it may use (the year's fact for a per-year field;
// every fact up to y for events, carried fields and the extension fields, whose derivations
// look back).
func (d *Dataset) inputReads(si int, name string, y int, asOf Date) []FieldRead {
	st := &d.states[si]
	if contains(settableStateColumns, name) {
		var dt Date
		switch name {
		case "signed":
			dt = st.Signed
		case "ratified":
			dt = st.Ratified
		case "entry_into_force":
			dt = st.EntryIntoForce
		case "withdrawn":
			dt = st.Withdrawn
		}
		fr := FieldRead{Field: name, Origin: fmt.Sprintf("%s:%d", st.File, st.Line)}
		if st.File == "" {
			fr.Origin = "states"
		}
		if !dt.IsZero() {
			fr.Value, fr.Class = dt.String(), st.Class
			if dt.After(asOf) {
				fr.OriginSentence = say(msgOriginNotSeen, codeArg("Origin", fr.Origin))
				fr.Origin = fr.OriginSentence.String()
			}
		}
		if name == "entry_into_force" && st.EIFDerived {
			fr.Origin = "derived (Article 17, from the deposit)"
		}
		return []FieldRead{fr}
	}
	fd, _ := LookupField(name)
	var out []FieldRead
	var list []*Fact
	if d.byState[si] != nil {
		list = d.byState[si][fieldIndex[name]]
	}
	lookBack := lookBackYearFields[name]
	for _, f := range list {
		use := f.Year <= y
		if fd.Scope == ScopeYear && !lookBack {
			use = f.Year == y
		}
		if !use {
			continue
		}
		fr := FieldRead{Field: name, Value: f.Value, Origin: fmt.Sprintf("%s:%d", f.File, f.Line), Source: f.Source, Class: f.Class}
		if lookBack {
			fr.Year = f.Year
		}
		if !visible(&fd, f, seenOn(asOf)) {
			fr.OriginSentence = unseenOrigin(fr.Origin, f, asOf)
			fr.Origin = fr.OriginSentence.String()
		}
		out = append(out, fr)
	}
	if len(out) == 0 {
		out = append(out, FieldRead{Field: name, Origin: "absent"})
	}
	return out
}
