package indicators_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/ruletest"
	"github.com/lapmonitor/lap/indicators"
)

// sampleDir is the sample dataset the README's first command uses.
const sampleDir = "../testdata/sample"

func loadPlan(t *testing.T) *engine.Plan {
	t.Helper()
	plan, err := engine.Load(indicators.FS)
	require.NoError(t, err, "the shipped plan must load")
	return plan
}

func loadSample(t *testing.T) *engine.Dataset {
	t.Helper()
	ds, err := engine.LoadDataset(os.DirFS(sampleDir), ".")
	require.NoError(t, err, "the sample dataset must load")
	return ds
}

// The gate: the shipped plan loads with zero diagnostics, warnings included.
func TestPlanHasNoDiagnostics(t *testing.T) {
	reports, err := engine.Check(indicators.FS)
	require.NoError(t, err)
	require.Len(t, reports, 58, "plan.toml, a01.toml to a50.toml, checks/*.toml (5), lang/es.toml and lang/fr.toml")
	for _, fr := range reports {
		assert.Empty(t, fr.Diagnostics, "%s", fr.File)
	}
}

func TestPlanShape(t *testing.T) {
	plan := loadPlan(t)
	actions := plan.Actions()
	require.Len(t, actions, 50)
	sections := map[string]engine.Section{}
	for _, s := range plan.Sections() {
		sections[s.Key] = s
	}
	byProvenance := map[string]int{}
	for i, a := range actions {
		assert.Equal(t, i+1, a.Number, "actions are numbered 1 to 50")
		assert.NotEmpty(t, a.Indicators, "action %d has no indicator", a.Number)
		assert.Contains(t, []string{"found", "inferred", "reconstructed"}, a.Provenance, "action %d", a.Number)
		s, ok := sections[a.Section]
		if assert.True(t, ok, "action %d: section %q", a.Number, a.Section) {
			assert.Equal(t, s.Provenance, a.SectionProvenance, "action %d: section_provenance must match its section", a.Number)
		}
		byProvenance[a.Provenance]++
	}
	// lap-plan.md section 5: 50 actions (1 found, 18 inferred, 31 reconstructed). Editing a label
	// must be deliberate: the counts are part of the reference.
	assert.Equal(t, map[string]int{"found": 1, "inferred": 18, "reconstructed": 31}, byProvenance)

	inds := plan.Indicators()
	assert.GreaterOrEqual(t, len(inds), 90)
	assert.Len(t, inds, 103, "lap-plan.md section 5 lists 98 indicators; issue 11 added 24.4 and 24.5; issue 17 added 14.4, 19.3 and 22.3")
	seen := map[string]bool{}
	for _, ind := range inds {
		assert.False(t, seen[ind.ID], "duplicate id %s", ind.ID)
		seen[ind.ID] = true
		assert.Equal(t, "proposed", ind.Provenance, "%s: no indicator text was found, so every indicator is proposed", ind.ID)
		assert.NotEmpty(t, ind.Definition, ind.ID)
	}
	name, note := plan.Provenance()
	assert.Equal(t, "reconstructed", name)
	assert.Contains(t, note, "Reconstruction")
}

// The anchor ids keep their meaning: tests, reports and users rely on them.
func TestAnchorIndicators(t *testing.T) {
	plan := loadPlan(t)
	tests := []struct {
		id, population, rule string
		agg                  engine.Aggregate
	}{
		{"10.1", "true", "party", engine.AggCount},
		{"10.2", "true", "party && joined_after_lap", engine.AggCount},
		{"10.3", "(not_party && !former_party) || joined_after_lap", `unga_vote == "yes"`, engine.AggCount},
		{"12.1", "party", "art3_outstanding", engine.AggCount},
		{"24.3", "party", "art4_outstanding", engine.AggCount},
		{"25.3", "party", "art4_completion_declared_in_year", engine.AggCount},
		{"43.1", "initial_report_required", "initial_report_submitted", engine.AggShare},
		{"43.2", "annual_report_due", "annual_report_on_time", engine.AggShare},
		{"47.1", "party", `art9_legislation == "specific"`, engine.AggCount},
		{"48.1", "party", "art9_investment_ban", engine.AggCount},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			ind, ok := plan.Indicator(tt.id)
			require.True(t, ok)
			assert.Equal(t, tt.population, ind.Population.Source)
			assert.Equal(t, tt.rule, ind.Rule.Source)
			assert.Equal(t, tt.agg, ind.Aggregate)
		})
	}
}

// TestRuleFiles runs the shipped rule tests, the same files `lap test` runs.
func TestRuleFiles(t *testing.T) {
	plan := loadPlan(t)
	results, err := ruletest.Run(context.Background(), plan, indicators.Tests, nil, nil)
	require.NoError(t, err)
	require.NotEmpty(t, results)
	for i := range results {
		r := &results[i]
		t.Run(r.Name(), func(t *testing.T) {
			if r.Outcome == ruletest.Skip {
				t.Skipf("todo: %s:%d", r.File, r.Line)
			}
			if !r.Pass() {
				t.Error("\n" + r.Explain())
			}
		})
	}
}

// Every indicator has at least one rule test case that runs (a todo_ case does not count).
func TestEveryIndicatorHasARuleTest(t *testing.T) {
	plan := loadPlan(t)
	results, err := ruletest.Run(context.Background(), plan, indicators.Tests, nil, nil)
	require.NoError(t, err)
	tested := map[string]int{}
	for _, r := range results {
		if r.Outcome != ruletest.Skip {
			tested[r.Indicator]++
		}
	}
	var untested []string
	for _, ind := range plan.Indicators() {
		if tested[ind.ID] == 0 {
			untested = append(untested, ind.ID)
		}
	}
	assert.Empty(t, untested, "indicators without a rule test")
	// One test file per action, named after it.
	files, err := ruletest.Find(indicators.Tests)
	require.NoError(t, err)
	for _, a := range plan.Actions() {
		assert.Contains(t, files, fmt.Sprintf("tests/a%02d.test.toml", a.Number))
	}
}

// Every shipped data check has a rule test in which some State violates it and some State
// passes it, so that a check that never fires (or always fires) is caught.
func TestEveryCheckHasARuleTest(t *testing.T) {
	plan := loadPlan(t)
	checks := plan.Checks()
	require.GreaterOrEqual(t, len(checks), 25, "the shipped checks")
	results, err := ruletest.Run(context.Background(), plan, indicators.Tests, nil, nil)
	require.NoError(t, err)
	violated, passed := map[string]bool{}, map[string]bool{}
	for _, r := range results {
		if r.Check == "" || !r.Pass() {
			continue
		}
		for _, sr := range r.GotCheck {
			violated[r.Check] = violated[r.Check] || sr.Outcome == engine.CheckViolated
			passed[r.Check] = passed[r.Check] || sr.Outcome == engine.CheckPassed
		}
	}
	for _, c := range checks {
		assert.True(t, violated[c.ID], "%s: no passing rule test in which a State violates it", c.ID)
		assert.True(t, passed[c.ID], "%s: no passing rule test in which a State passes it", c.ID)
	}
}

// The shipped checks pass on the sample: no violation of importance error in any year.
func TestSamplePassesTheChecks(t *testing.T) {
	plan := loadPlan(t)
	ds := loadSample(t)
	from, to := ds.DataYears()
	v, err := plan.Validate(context.Background(), ds, from, to)
	require.NoError(t, err)
	for _, x := range v.Violations {
		if x.Importance == engine.ImportanceError {
			t.Errorf("%s %s %d: %s", x.Check, x.ISO3, x.Year, x.Message)
		}
	}
	sum := 0
	for _, c := range v.Checks {
		sum += c.Passed
	}
	assert.Greater(t, sum, 1000, "the checks do run on the sample")
}

// Every indicator has a value (status ok, or too-few when it is taken over fewer States than
// min_population) on the sample in every year of the plan so far: the sample exercises the
// whole plan, except where the sourced facts leave a population empty.
func TestSampleEvaluatesEveryIndicator(t *testing.T) {
	plan := loadPlan(t)
	ds := loadSample(t)
	results, err := plan.EvaluateYears(context.Background(), ds, 2021, 2025)
	require.NoError(t, err)
	// emptyByDesign lists the indicator-years whose population is empty on the sample, and why.
	emptyByDesign := map[string]string{
		// The only completion of clearance against a deadline in 2021-2025 is Bosnia and
		// Herzegovina's (August 2023); the invented contamination found after completion has no
		// deadline of its own and is judged by its duration (data dictionary §4.4).
		"2021 25.2": "no completion against a deadline", "2022 25.2": "no completion against a deadline",
		"2024 25.2": "no completion against a deadline", "2025 25.2": "no completion against a deadline",
	}
	for _, r := range results {
		require.Len(t, r.Indicators, len(plan.Indicators()))
		for _, ir := range r.Indicators {
			if _, ok := emptyByDesign[fmt.Sprintf("%d %s", r.Year, ir.ID)]; ok {
				assert.Zero(t, ir.Population, "%d %s", r.Year, ir.ID)
				assert.Nil(t, ir.Value, "%d %s: a share over an empty population has no value", r.Year, ir.ID)
				continue
			}
			assert.Contains(t, []engine.ValueStatus{engine.ValueOK, engine.ValueTooFew}, ir.Status, "%d %s: population %d, known %d, no data %d %s", r.Year, ir.ID, ir.Population, ir.Known, ir.NoData.Len(), ir.Error)
			assert.NotNil(t, ir.Value, "%d %s", r.Year, ir.ID)
		}
	}
}

// The published counts and the cross-check values of lap-plan.md section 7, at the end of each
// year, under both counting conventions.
func TestSamplePublishedCounts(t *testing.T) {
	plan := loadPlan(t)
	ds := loadSample(t)
	tests := []struct {
		id       string
		year     int
		counting engine.Counting
		want     float64
	}{
		// 110 States Parties at the LAP's adoption and none joining until 2023; Nigeria deposited
		// on 2023-02-28 and South Sudan on 2023-08-03 (State Party No. 112).
		{"10.1", 2021, engine.CountingDeposit, 110},
		{"10.1", 2022, engine.CountingDeposit, 110},
		{"10.1", 2023, engine.CountingDeposit, 112},
		{"10.1", 2024, engine.CountingDeposit, 112},
		// Lithuania's withdrawal effective 2025-03-06; Vanuatu deposited 2025-09-05.
		{"10.1", 2025, engine.CountingDeposit, 112},
		{"10.1", 2021, engine.CountingEntryIntoForce, 110},
		{"10.1", 2022, engine.CountingEntryIntoForce, 110},
		// South Sudan is bound from 2024-02-01, Vanuatu from 2026-03-01.
		{"10.1", 2023, engine.CountingEntryIntoForce, 111},
		{"10.1", 2024, engine.CountingEntryIntoForce, 112},
		{"10.1", 2025, engine.CountingEntryIntoForce, 111},
		// Nigeria and South Sudan from 2023 and Vanuatu from 2025 by deposit; South Sudan from
		// 2024 by entry into force.
		{"10.2", 2021, engine.CountingDeposit, 0},
		{"10.2", 2022, engine.CountingDeposit, 0},
		{"10.2", 2023, engine.CountingDeposit, 2},
		{"10.2", 2024, engine.CountingDeposit, 2},
		{"10.2", 2025, engine.CountingDeposit, 3},
		{"10.2", 2021, engine.CountingEntryIntoForce, 0},
		{"10.2", 2022, engine.CountingEntryIntoForce, 0},
		{"10.2", 2023, engine.CountingEntryIntoForce, 1},
		{"10.2", 2024, engine.CountingEntryIntoForce, 2},
		{"10.2", 2025, engine.CountingEntryIntoForce, 2},
		// Bulgaria, Peru, Slovakia and South Africa held stockpiles until all four completed
		// destruction in 2023; none has since (the sample's invented discoveries are destroyed
		// within their year).
		{"12.1", 2021, engine.CountingDeposit, 4},
		{"12.1", 2022, engine.CountingDeposit, 4},
		{"12.1", 2023, engine.CountingDeposit, 0},
		{"12.1", 2024, engine.CountingDeposit, 0},
		{"12.1", 2025, engine.CountingDeposit, 0},
		{"12.1", 2023, engine.CountingEntryIntoForce, 0},
		// Bosnia and Herzegovina declared completion at the 11MSP in September 2023.
		{"25.3", 2023, engine.CountingDeposit, 1},
		// CCM newsletter Q4 2021: 32 States Parties report specific legislation, 12 of them also
		// prohibit investment.
		{"47.1", 2021, engine.CountingDeposit, 32},
		{"48.1", 2021, engine.CountingDeposit, 12},
	}
	for _, tt := range tests {
		// At 31 December of the year, and at the default as_of (the latest date in the data):
		// later data must not change a past year's count.
		for _, yearEnd := range []bool{true, false} {
			name := fmt.Sprintf("%s %d %s year-end as_of %v", tt.id, tt.year, tt.counting, yearEnd)
			t.Run(name, func(t *testing.T) {
				opts := []engine.EvalOption{engine.WithCounting(tt.counting), engine.Only(regexp.MustCompile("^" + regexp.QuoteMeta(tt.id) + "$"))}
				if yearEnd {
					opts = append(opts, engine.AsOf(engine.NewDate(tt.year, time.December, 31)))
				}
				r, err := plan.Evaluate(context.Background(), ds, tt.year, opts...)
				require.NoError(t, err)
				ir, ok := r.Indicator(tt.id)
				require.True(t, ok)
				require.NotNil(t, ir.Value, "status %s", ir.Status)
				assert.InDelta(t, tt.want, *ir.Value, 1e-9, "counted: %s", strings.Join(ir.Counted.List(), " "))
			})
		}
	}
}

// TestSampleDestructionIn2020MatchesCMM2021: CMM 2021 says that in 2020 Bulgaria, Peru and
// Slovakia destroyed 2,273 cluster munitions and more than 52,000 submunitions; the sample's
// yearly split gives those three exactly that, and South Africa none. Before, it gave South
// Africa 200 munitions and 14,000 submunitions in 2020, so 14.1 for 2020 read 2,473 and the
// report's Article 3 table said so, against the source the facts cite.
func TestSampleDestructionIn2020MatchesCMM2021(t *testing.T) {
	plan := loadPlan(t)
	ds := loadSample(t)
	r, err := plan.Evaluate(context.Background(), ds, 2020, engine.Only(regexp.MustCompile(`^14\.[12]$`)))
	require.NoError(t, err)
	for id, want := range map[string]float64{"14.1": 2273, "14.2": 52500} {
		ir, ok := r.Indicator(id)
		require.True(t, ok)
		require.NotNil(t, ir.Value, id)
		assert.InDelta(t, want, *ir.Value, 1e-9, id)
		assert.Equal(t, 4, ir.Known, "%s: the four States with stockpiles gave a figure, South Africa's 0", id)
	}
}

// sourced is what a sourced row's source names: a web address, one of the project's reference
// files (which cite their own sources) or the treaty's own rule.
var sourced = regexp.MustCompile(`https?://|ccm-facts\.md|ccm-newsletter-2021-q4\.txt|obligations\.csv|states\.csv|treaty rule`)

// Every row of the sample's facts.csv is either sourced or marked illustrative, and never both.
func TestSampleFactsAreSourcedOrIllustrative(t *testing.T) {
	f, err := os.Open(sampleDir + "/facts.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"iso3", "year", "field", "value", "source", "class", "recorded"}, rows[0])
	require.Greater(t, len(rows), 1)
	var bad []string
	illustrative, years := 0, map[string]bool{}
	for i, row := range rows[1:] {
		src, class := row[4], row[5]
		years[row[1]] = true
		switch {
		case strings.HasPrefix(src, "illustrative"):
			illustrative++
			if class != "illustrative" {
				bad = append(bad, fmt.Sprintf("facts.csv:%d: illustrative row has class %q", i+2, class))
			}
		case strings.Contains(strings.ToLower(src), "illustrative"):
			bad = append(bad, fmt.Sprintf("facts.csv:%d: %q mentions illustrative but does not start with it", i+2, src))
		case !sourced.MatchString(src):
			bad = append(bad, fmt.Sprintf("facts.csv:%d: %q names no source", i+2, src))
		case class != "official" && class != "monitor" && class != "estimate":
			bad = append(bad, fmt.Sprintf("facts.csv:%d: sourced row has class %q", i+2, class))
		}
	}
	assert.Empty(t, bad)
	assert.Greater(t, illustrative, 0)
	assert.Less(t, illustrative, len(rows)-1, "some rows must be sourced")
	for y := 2019; y <= 2025; y++ {
		assert.True(t, years[fmt.Sprint(y)], "the sample covers %d", y)
	}
}

// The sample's States are the project's States table: all 197 (193 UN members, the Holy See,
// the State of Palestine, the Cook Islands and Niue).
func TestSampleStates(t *testing.T) {
	ds := loadSample(t)
	states := ds.States()
	assert.Len(t, states, 197)
	codes := make([]string, len(states))
	for i, s := range states {
		codes[i] = s.ISO3
	}
	assert.True(t, sort.StringsAreSorted(codes))
}

// No Article 3 or 4 deadline in the sample disagrees with the sourced obligations table
// (testdata/sample/reference/obligations.csv, a copy of the shared data): every deadline the
// sample records for a State listed there is its original deadline or one of its extensions,
// and the latest one recorded is the latest the table gives. The sample invents no extension.
func TestSampleDeadlinesAgreeWithObligations(t *testing.T) {
	f, err := os.Open(sampleDir + "/reference/obligations.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, "iso3", rows[0][1])
	sourcedDeadlines := map[string][]string{} // "ISO3/article" -> original, then extensions
	for _, r := range rows[1:] {
		if r[2] != "3" && r[2] != "4" || r[3] == "" {
			continue
		}
		list := []string{r[3]}
		if r[4] != "" {
			list = append(list, strings.Split(r[4], ";")...)
		}
		sourcedDeadlines[r[1]+"/"+r[2]] = list
	}
	require.NotEmpty(t, sourcedDeadlines)
	matches := func(sample, sourced string) bool {
		return sample == sourced || strings.HasPrefix(sample, sourced+"-") // a month stands for its days
	}
	latest := map[string]engine.Fact{}
	for _, fact := range loadSample(t).Facts() { // sorted by State, field and year
		art := map[string]string{"art3_deadline": "3", "art4_deadline": "4"}[fact.Field]
		key := fact.ISO3 + "/" + art
		list, ok := sourcedDeadlines[key]
		if art == "" || !ok {
			continue
		}
		found := false
		for _, d := range list {
			found = found || matches(fact.Value, d)
		}
		assert.True(t, found, "%s:%d: %s %s is not in obligations.csv (%v)", fact.File, fact.Line, key, fact.Value, list)
		latest[key] = fact
	}
	for key, list := range sourcedDeadlines {
		fact, ok := latest[key]
		if assert.True(t, ok, "%s: the sample records no deadline", key) {
			assert.True(t, matches(fact.Value, list[len(list)-1]), "%s: the latest deadline is %s, obligations.csv gives %s", key, fact.Value, list[len(list)-1])
		}
	}
}

// TestNotApplicableFormsListTheirFields keeps the check a7-not-applicable-form-has-figures in
// step with the dictionary: for each form it covers, its rule lists exactly the per-year report
// fields the dictionary gives that form (those report_facts can hold).
func TestNotApplicableFormsListTheirFields(t *testing.T) {
	plan := loadPlan(t)
	var rule string
	for _, c := range plan.Checks() {
		if c.ID == "a7-not-applicable-form-has-figures" {
			rule = c.Rule
		}
	}
	require.NotEmpty(t, rule)
	clause := regexp.MustCompile(`art7_form_([a-j])_status \?\? ""\) != "not-applicable" \|\| none\(report_facts, \{# in \[([^\]]*)\]\}\)`)
	matches := clause.FindAllStringSubmatch(rule, -1)
	require.NotEmpty(t, matches)
	for _, m := range matches {
		form := strings.ToUpper(m[1])
		var want []string
		for _, f := range engine.Fields() {
			src := f.Source
			if f.Form == form && f.Kind == engine.KindReport && f.Scope == engine.ScopeYear &&
				strings.HasPrefix(src, "Form") && !strings.ContainsAny(src, ";,") {
				want = append(want, `"`+f.Name+`"`)
			}
		}
		assert.Equal(t, strings.Join(want, ", "), m[2], "Form %s: the fields report_facts can hold", form)
	}
}
