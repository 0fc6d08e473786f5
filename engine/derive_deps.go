package engine

import "sort"

// Field dependencies of the derived fields (data dictionary §4), as (*Dataset).build computes
// them. A what-if re-evaluates only the indicators whose expressions read a field that a change
// can reach through this table; TestDerivedDepsComplete perturbs every input and checks that
// every derived field that changes is listed.
//
// The inputs are the fields of facts.csv, the States-file columns a scenario can change
// (signed, ratified, entry_into_force, withdrawn: each exposed to rules by the derived field of
// the same name) and two pseudo-inputs: "counting", the plan's counting convention, and
// "adopted", the plan's adoption date.

// Pseudo-inputs of the dependency table.
const (
	DepCounting = "counting"
	DepAdopted  = "adopted"
	// DepRateYears is the plan's deadline_rate_years, read by the projected-to-miss fields.
	DepRateYears = "deadline_rate_years"
)

// StateColumns lists the States-file columns a scenario can set or remove.
var StateColumns = []string{"signed", "ratified", "entry_into_force", "withdrawn"}

// derivedDeps maps each derived field to the fields and pseudo-inputs build reads to compute
// it. A States-file column is named as the derived field that exposes it, so "ratified" here
// means the column.
var derivedDeps = map[string][]string{
	"year":      nil,
	"as_of":     nil,
	"ref_date":  nil,
	"iso3":      nil,
	"region":    nil,
	"signed":    nil,
	"ratified":  nil,
	"withdrawn": nil,
	// entry_into_force is derived from the deposit by Article 17 when the column is empty
	"entry_into_force": {"ratified"},

	"in_force":         {"entry_into_force", "withdrawn"},
	"deposited":        {"ratified", "in_force", "withdrawn"},
	"party":            {"deposited", "in_force", DepCounting},
	"pending_eif":      {"deposited", "in_force"},
	"signatory":        {"signed", "deposited", "withdrawn"},
	"not_party":        {"party"},
	"former_party":     {"withdrawn"},
	"joined_year":      {"ratified"},
	"joined_after_lap": {"ratified", DepAdopted},
	"eif_in_year":      {"entry_into_force"},
	"years_since_eif":  {"in_force", "entry_into_force"},

	"initial_report_due":       {"entry_into_force"},
	"initial_report_required":  {"party", "initial_report_due"},
	"initial_report_submitted": {"art7_initial_submitted"},
	"initial_report_overdue":   {"initial_report_required", "initial_report_submitted"},
	"annual_report_deadline":   nil,
	"annual_report_due":        {"party", "initial_report_due", "withdrawn"},
	"annual_report_submitted":  {"art7_annual_submitted"},
	"annual_report_on_time":    {"art7_annual_submitted"},

	// Article 3 and 4 fields read the article's episodes (§4.4): starts, completions and the
	// deadline decisions attached to them.
	"art3_outstanding":                     {"party", "art3_obligation_start", "art3_completed_date"},
	"art3_completed_in_year":               {"art3_obligation_start", "art3_completed_date"},
	"art3_past_deadline":                   {"art3_outstanding", "art3_obligation_start", "art3_completed_date", "art3_deadline"},
	"art3_completed_on_time":               {"art3_completed_in_year", "art3_obligation_start", "art3_completed_date", "art3_deadline"},
	"art3_completed_with_deadline_in_year": {"art3_completed_in_year", "art3_deadline"},
	"art4_completed_with_deadline_in_year": {"art4_completed_in_year", "art4_deadline"},
	"art3_compliance_declared_in_year":     {"art3_compliance_declared_date"},
	"art3_compliance_declared_timely":      {"art3_completed_in_year", "art3_obligation_start", "art3_compliance_declared_date"},
	"art3_retaining":                       {"party", "art3_retention"},
	"art4_outstanding":                     {"party", "art4_obligation_start", "art4_completed_date"},
	"art4_completed_in_year":               {"art4_obligation_start", "art4_completed_date"},
	"art4_completion_declared_in_year":     {"art4_completion_declared_date"},
	"art4_past_deadline":                   {"art4_outstanding", "art4_obligation_start", "art4_completed_date", "art4_deadline"},
	"art4_completed_on_time":               {"art4_completed_in_year", "art4_obligation_start", "art4_completed_date", "art4_deadline"},
	"art4_declared_timely":                 {"art4_completed_in_year", "art4_obligation_start", "art4_completion_declared_date"},
	"art4_cleared":                         {"party", "art4_outstanding", "art4_completed_date"},
	"art4_new_obligation_in_year":          {"art4_obligation_start", "art4_completed_date"},
	"art3_projected_to_miss":               {"party", "art3_outstanding", "art3_past_deadline", "art3_stock_munitions", "art3_stock_submunitions", "art3_destroyed_munitions", "art3_destroyed_submunitions", DepRateYears},
	"art4_projected_to_miss":               {"party", "art4_outstanding", "art4_past_deadline", "art4_area_remaining_m2", "art4_area_cleared_m2", "art4_area_released_survey_m2", DepRateYears},
	"art3_obligation_in_year":              {"party", "art3_obligation_start", "art3_completed_date"},
	"art4_obligation_in_year":              {"party", "art4_obligation_start", "art4_completed_date"},
	"art4_open_at_lap":                     {"art4_obligation_start", "art4_completed_date", "ratified", "entry_into_force", "withdrawn", DepCounting, DepAdopted},
	"art4_completed_since_lap":             {"art4_completed_date", DepAdopted},
	"art5_applies":                         {"party", "art5_victims_present"},
	"has_obligation":                       {"art3_outstanding", "art4_outstanding", "art5_applies"},
}

// Dependents returns, sorted, every field a rule can read whose value can change when the
// named input changes: the input itself (when rules can read it) and every derived field that
// depends on it, directly or through other derived fields. input is an input field of
// facts.csv, a States-file column (StateColumns) or a pseudo-input (DepCounting,
// DepAdopted). An unknown name gives nil.
func Dependents(input string) []string {
	set := dependents([]string{input})
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// dependents is the closure of the inputs through derivedDeps, restricted to schema fields.
func dependents(inputs []string) map[string]bool {
	reach := map[string]bool{}
	for _, in := range inputs {
		reach[in] = true
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
