package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// knownFacts is DEU's 2023 Article 7 report, received 2024-08-15 (after a 2024-06-30 cut-off),
// with the munitions it destroyed (100, corrected to 120 on 2024-10-01), its destruction plan, its
// submunitions (a report fact given its own recorded day) and its 2022 figures (no report received).
const knownFacts = "iso3,year,field,value,source,recorded\n" +
	"DEU,2022,art3_destroyed_munitions,40,Art7 2022,\n" +
	"DEU,2023,art7_annual_submitted,2024-08-15,ISU register,\n" +
	"DEU,2023,art3_destroyed_munitions,100,Art7 2023,\n" +
	"DEU,2023,art3_destroyed_munitions,120,Art7 2023 corrected,2024-10-01\n" +
	"DEU,2023,art3_destroyed_submunitions,900,Art7 2023 (Form B sent ahead),2024-05-02\n" +
	"DEU,2023,art3_destruction_plan,true,Art7 2023,\n"

// seenValue returns the value a rule sees for a DEU number field in year y at asOf, or nil.
func seenValue(t *testing.T, ds *Dataset, field string, y int, asOf string) any {
	t.Helper()
	var se stateEnv
	ds.build(ds.stateIdx["DEU"], frame{year: y, asOf: MustDate(asOf), counting: CountingDeposit, adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
	return envValues(&se)[fieldIndex[field]]
}

func TestKnownFrom(t *testing.T) {
	ds, err := LoadDataset(dataFS(testStatesCSV, knownFacts), ".")
	require.NoError(t, err)
	tests := []struct {
		field string
		year  int
		asOf  string
		want  any
		why   string
	}{
		{"art3_destroyed_munitions", 2023, "2024-06-30", nil, "the report for 2023 was received 2024-08-15"},
		{"art3_destroyed_munitions", 2023, "2024-08-15", 100.0, "known from the day the report was received"},
		{"art3_destroyed_munitions", 2023, "2024-09-30", 100.0, "the correction is not yet known"},
		{"art3_destroyed_munitions", 2023, "2024-10-01", 120.0, "the correction replaces it from its recorded day"},
		{"art3_destroyed_munitions", 2023, "2026-06-30", 120.0, "and ever after"},
		{"art3_destroyed_submunitions", 2023, "2024-05-01", nil, "recorded 2024-05-02"},
		{"art3_destroyed_submunitions", 2023, "2024-06-30", 900.0, "its own recorded day wins over the report's"},
		{"art3_destroyed_munitions", 2022, "2023-01-01", 40.0, "no report for 2022 received: taken as known"},
		{"art3_destruction_plan", 2023, "2024-06-30", nil, "a carried report fact too"},
		{"art3_destruction_plan", 2024, "2024-12-31", true, "carried into 2024 once known"},
	}
	for _, tt := range tests {
		t.Run(tt.field+" "+tt.asOf, func(t *testing.T) {
			assert.Equal(t, tt.want, seenValue(t, ds, tt.field, tt.year, tt.asOf), tt.why)
		})
	}
	// the accessors say the same
	var orig, corr *Fact
	for _, f := range ds.facts {
		if f.Field == "art3_destroyed_munitions" && f.Year == 2023 {
			if f.Recorded.IsZero() {
				orig = f
			} else {
				corr = f
			}
		}
	}
	require.NotNil(t, orig)
	require.NotNil(t, corr)
	assert.Equal(t, "2024-08-15", orig.KnownFrom().String())
	assert.Equal(t, "2024-10-01", orig.ReplacedFrom().String())
	assert.True(t, corr.ReplacedFrom().IsZero())
	assert.False(t, orig.KnownAt(MustDate("2024-08-14")))
	assert.True(t, orig.KnownAt(MustDate("2024-08-15")))
	assert.False(t, orig.KnownAt(MustDate("2024-10-01")))
	assert.True(t, corr.KnownAt(MustDate("2024-10-01")))
}

// TestKnownRegister: a register fact without a recorded day is known from the start; only its
// date value is hidden after as_of.
func TestKnownRegister(t *testing.T) {
	ds, err := LoadDataset(dataFS(testStatesCSV, knownFacts), ".")
	require.NoError(t, err)
	for _, f := range ds.facts {
		if f.Field == "art7_annual_submitted" {
			assert.True(t, f.KnownFrom().IsZero())
		}
	}
	assert.Nil(t, seenValue(t, ds, "art7_annual_submitted", 2023, "2024-06-30"), "a date after as_of")
	assert.NotNil(t, seenValue(t, ds, "art7_annual_submitted", 2023, "2024-08-15"))
}

func TestKnownCorrectionErrors(t *testing.T) {
	tests := []struct {
		name, rows string
		code, msg  string
	}{
		{"before the report", "DEU,2023,art7_annual_submitted,2024-08-15,r,\n" +
			"DEU,2023,art3_destroyed_munitions,100,a,\n" +
			"DEU,2023,art3_destroyed_munitions,120,b,2024-08-01\n",
			CodeBadDate, "DEU 2023 art3_destroyed_munitions: a correction recorded 2024-08-01 must be recorded after the value it corrects (facts.csv:3) became known (the day its State's Article 7 report for 2023 was received, 2024-08-15)"},
		{"on the original's recorded day", "DEU,2023,art3_destroyed_munitions,100,a,2024-03-01\n" +
			"DEU,2023,art3_destroyed_munitions,120,b,2024-03\n",
			CodeBadDate, "a correction recorded 2024-03 must be recorded after the value it corrects (facts.csv:2) became known (recorded 2024-03-01)"},
		{"two corrections on one day", "DEU,2023,art3_destroyed_munitions,100,a,\n" +
			"DEU,2023,art3_destroyed_munitions,120,b,2024-03-01\n" +
			"DEU,2023,art3_destroyed_munitions,130,c,2024-03-01\n",
			CodeDuplicateFact, "duplicate fact (DEU, 2023, art3_destroyed_munitions, recorded 2024-03-01): first given at facts.csv:3"},
		{"two originals", "DEU,2023,art3_destroyed_munitions,100,a,\n" +
			"DEU,2023,art3_destroyed_munitions,120,b,\n",
			CodeDuplicateFact, "duplicate fact (DEU, 2023, art3_destroyed_munitions): first given at facts.csv:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadDataset(dataFS(testStatesCSV, "iso3,year,field,value,source,recorded\n"+tt.rows), ".")
			var ds Diagnostics
			require.True(t, errors.As(err, &ds), "%v", err)
			require.Len(t, ds, 1, "%v", err)
			assert.Equal(t, tt.code, ds[0].Code)
			assert.Contains(t, ds[0].Error(), tt.msg)
		})
	}
}

// TestKnownExplain: explain says why a fact is not seen.
func TestKnownExplain(t *testing.T) {
	ds, err := LoadDataset(dataFS(testStatesCSV, knownFacts), ".")
	require.NoError(t, err)
	si := ds.stateIdx["DEU"]
	origins := func(field string, y int, asOf string) string {
		var out []string
		for _, r := range ds.inputReads(si, field, y, MustDate(asOf)) {
			out = append(out, r.Origin)
		}
		return strings.Join(out, "; ")
	}
	assert.Equal(t, "facts.csv:4 (known from 2024-08-15, when the report for 2023 was received: after as_of, not seen); facts.csv:5 (recorded 2024-10-01, after as_of: not seen)",
		origins("art3_destroyed_munitions", 2023, "2024-06-30"))
	assert.Equal(t, "facts.csv:4 (replaced by a correction recorded 2024-10-01); facts.csv:5",
		origins("art3_destroyed_munitions", 2023, "2025-06-30"))
	assert.Equal(t, "facts.csv:3 (after as_of: not seen)", origins("art7_annual_submitted", 2023, "2024-06-30"))
}

// TestKnownScenario: a scenario's set of a corrected value replaces every version, and the
// baseline's facts keep their known days.
func TestKnownScenario(t *testing.T) {
	ds, err := LoadDataset(dataFS(testStatesCSV, knownFacts), ".")
	require.NoError(t, err)
	nd, err := ds.Apply([]Change{{Kind: ChangeSet, ISO3: "DEU", Year: 2023, Field: "art3_destroyed_munitions", Value: "150"}})
	require.NoError(t, err)
	assert.Equal(t, 150.0, seenValue(t, nd, "art3_destroyed_munitions", 2023, "2026-06-30"))
	assert.Equal(t, 120.0, seenValue(t, ds, "art3_destroyed_munitions", 2023, "2026-06-30"), "the baseline is not modified")
	assert.Nil(t, seenValue(t, ds, "art3_destroyed_munitions", 2023, "2024-06-30"))
	// a scenario that submits the 2023 report earlier makes its facts known earlier
	nd, err = ds.Apply([]Change{{Kind: ChangeSet, ISO3: "DEU", Year: 2023, Field: "art7_annual_submitted", Value: "2024-04-30"}})
	require.NoError(t, err)
	assert.Equal(t, 100.0, seenValue(t, nd, "art3_destroyed_munitions", 2023, "2024-06-30"))
	assert.Nil(t, seenValue(t, ds, "art3_destroyed_munitions", 2023, "2024-06-30"), "the baseline's fact keeps its known day")
}

// TestKnownAssess: an assessment cut off before a late report does not see it; the same data
// cut off after it does (the replay the data dictionary §1.3 asks for).
func TestKnownAssess(t *testing.T) {
	ds, err := LoadDataset(dataFS(testStatesCSV, knownFacts), ".")
	require.NoError(t, err)
	p := shippedPlan(t)
	before, err := p.Assess(context.Background(), ds, 2023, AsOf(MustDate("2024-06-30")))
	require.NoError(t, err)
	after, err := p.Assess(context.Background(), ds, 2023, AsOf(MustDate("2024-12-31")))
	require.NoError(t, err)
	assert.NotEqual(t, indicatorValues(before), indicatorValues(after))
}

// indicatorValues maps indicator ids to their value text ("" when missing).
func indicatorValues(a *Assessment) map[string]string {
	out := map[string]string{}
	for _, ia := range a.Indicators {
		if ia.Value != nil {
			out[ia.ID] = fnum(*ia.Value)
		} else {
			out[ia.ID] = ""
		}
	}
	return out
}

// TestKnownAtLag: a year seen at an earlier day V than the run's cut-off A (an earlier year of
// an assessment's series) counts a value only if it was first known by V, in its version
// current at A: a correction recorded after V is applied, a value first reported after V is
// left out (docs/methodology.md §1.3, "Every year at the same lag").
func TestKnownAtLag(t *testing.T) {
	ds, err := LoadDataset(dataFS(testStatesCSV, knownFacts), ".")
	require.NoError(t, err)
	at := func(field string, y int, V, A string) any {
		var se stateEnv
		ds.build(ds.stateIdx["DEU"], frame{year: y, asOf: MustDate(V), current: MustDate(A), counting: CountingDeposit, adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
		return envValues(&se)[fieldIndex[field]]
	}
	tests := []struct {
		field string
		year  int
		V, A  string
		want  any
		why   string
	}{
		{"art3_destroyed_munitions", 2023, "2024-09-30", "2026-06-30", 120.0, "first known 2024-08-15, by V: the correction recorded 2024-10-01, after V but by A, is applied"},
		{"art3_destroyed_munitions", 2023, "2024-09-30", "2024-09-30", 100.0, "V = A: as before the correction"},
		{"art3_destroyed_munitions", 2023, "2024-06-30", "2026-06-30", nil, "the report for 2023 was received 2024-08-15, after V: left out, corrected or not"},
		{"art3_destroyed_submunitions", 2023, "2024-05-01", "2026-06-30", nil, "recorded 2024-05-02, after V"},
		{"art3_destroyed_submunitions", 2023, "2024-05-02", "2026-06-30", 900.0, "recorded on V"},
		{"art3_destruction_plan", 2023, "2024-06-30", "2026-06-30", nil, "a carried report fact first known after V"},
		{"art7_annual_submitted", 2023, "2024-06-30", "2026-06-30", nil, "a date value after V is absent, as at a cut-off V"},
		{"art7_annual_submitted", 2023, "2024-08-15", "2026-06-30", "2024-08-15", "dated on V"},
	}
	for _, tt := range tests {
		t.Run(tt.field+" "+tt.V+" "+tt.A, func(t *testing.T) {
			assert.Equal(t, tt.want, at(tt.field, tt.year, tt.V, tt.A), tt.why)
		})
	}
	// V = A is the run at A, whatever the field and day
	for _, tt := range tests {
		for _, d := range []string{tt.V, tt.A} {
			assert.Equal(t, seenValue(t, ds, tt.field, tt.year, d), at(tt.field, tt.year, d, d), "%s %d at %s", tt.field, tt.year, d)
		}
	}
}
