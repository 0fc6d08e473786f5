package engine

import "sort"

// Field dependencies of the derived fields (data dictionary §4), as (*Dataset).build computes
// them: derivedDeps, generated from the "from" lists of dictionary.toml. A what-if re-evaluates only the indicators whose expressions read a field that a change
// can reach through this table; TestDerivedDepsComplete perturbs every input and checks that
// every derived field that changes is listed. art7_annual_submitted also reaches every report-kind
// input field: the day a State's report for Y was received is the day its report facts for Y
// become known (data dictionary §1.3, known.go).
//
// The inputs are the fields of facts.csv, the States-file columns a scenario can change
// (signed, ratified, entry_into_force, withdrawn: each exposed to rules by the derived field of
// the same name) and the pseudo-inputs of dictionary.toml, settings of the plan: DepCounting,
// DepAdopted and DepRateYears.

// lookBackYearFields are the per-year fields that the derivations of year Y read for earlier
// years too: an episode's extension request may date from any year up to its deadline's
// (engine/episode.go). Explain shows every such fact up to Y, each with its year.
var lookBackYearFields = map[string]bool{
	"art3_extension_requested": true, "art3_extension_granted": true,
	"art4_extension_requested": true, "art4_extension_granted": true,
}

// settableStateColumns lists the States-file columns a scenario can set or remove.
var settableStateColumns = []string{"signed", "ratified", "entry_into_force", "withdrawn"}

// dependentsSorted returns, sorted, every field a rule can read whose value can change when the
// named input changes: the input itself (when rules can read it) and every derived field that
// depends on it, directly or through other derived fields. input is an input field of
// facts.csv, a States-file column (settableStateColumns) or a pseudo-input (DepCounting,
// DepAdopted, DepRateYears). An unknown name gives nil.
func dependentsSorted(input string) []string {
	set := dependents([]string{input})
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// dependents is the closure of the inputs through derivedDeps, restricted to schema fields.
func dependents(inputs []string) map[string]bool { return dependentsOf(inputs, true) }

// dependentsOf is dependents; withReports false leaves out what art7_annual_submitted reaches
// through the report facts it makes known (the fields its own value changes only).
func dependentsOf(inputs []string, withReports bool) map[string]bool {
	reach := map[string]bool{}
	for _, in := range inputs {
		reach[in] = true
		if in == "art7_annual_submitted" && withReports {
			// the day a State's report for Y was received is the day its report facts for Y
			// without a recorded day become known (data dictionary §1.3, known.go)
			for _, fd := range schema {
				if fd.Input() && fd.Kind == KindReport && fd.Scope != ScopeStatic {
					reach[fd.Name] = true
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for d, deps := range derivedDeps {
			if reach[d] {
				continue
			}
			for _, dep := range deps {
				if reach[dep] {
					reach[d] = true
					changed = true
					break
				}
			}
		}
	}
	out := map[string]bool{}
	for n := range reach {
		if _, ok := fieldIndex[n]; ok {
			out[n] = true
		}
	}
	return out
}

// dependentSet is dependents as a fieldSet of schema indexes.
func dependentSet(inputs []string) fieldSet {
	var s fieldSet
	for n := range dependents(inputs) {
		s.add(fieldIndex[n])
	}
	return s
}
