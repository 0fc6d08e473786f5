package engine

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The property "good news never hurts", over every State of the sample and every kind of good
// news: no plan or section score falls and no scored indicator moves against its direction,
// apart from the documented exceptions. 2022 has every kind of news (Article 3 completions
// included); 2024 is the year of reference.
func TestGoodNewsNeverHurts(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	years := []int{2022, 2024}
	if testing.Short() {
		years = years[:1]
	}
	for _, y := range years {
		t.Run(itoa(y), func(t *testing.T) {
			res, err := p.Audit(context.Background(), ds, y)
			require.NoError(t, err)
			for _, v := range res.Violations {
				t.Errorf("%s after %s: %s %s %s: %s", v.ISO3, v.News, v.Scope, v.Key, v.Title, v.Reason)
			}
			for _, v := range res.Excused {
				assert.Equal(t, "indicator", v.Scope)
				assert.Equal(t, v.Key, v.Exception.Indicator)
			}
			if y == 2022 {
				for _, k := range GoodNewsKinds {
					assert.Positive(t, res.Scenarios[k], "%s: the sample gives this kind of news a State to happen to", k)
				}
			}
			// every State not party gets each accession; none twice
			assert.Equal(t, res.Scenarios[NewsAccession], res.Scenarios[NewsAccessionStockpile])
			assert.Equal(t, res.Scenarios[NewsAccession], res.Scenarios[NewsAccessionContaminated])
		})
	}
}

// The audit finds what the issue reported: a share over the States with an obligation "at year
// end" falls when a State that did well completes, and the plan score with it.
func TestAuditFindsCompositionEffects(t *testing.T) {
	plan := `name = "Audit test"
version = "1"
adopted = "2021-09-21"
baseline_year = 2021
target_year = 2026

[scoring]
min_population = 1

[[section]]
key = "clearance"
title = "Clearance"
first_action = 1
last_action = 1
`
	action := `number = 1
section = "clearance"
title = "Report on clearance"
provenance = "reconstructed"
section_provenance = "found"

[[indicator]]
id = "1.1"
title = "Remaining area reported"
definition = "Share of States with an outstanding obligation at year end that reported their remaining area."
population = 'POPULATION'
rule = 'art4_area_remaining_m2 != nil'
aggregate = "share"
unit = "percent"
direction = "increase"
target = 100.0
target_year = 2026
fields = FIELDS
provenance = "proposed"
`
	load := func(pop, fields string) *Plan {
		a := strings.Replace(strings.Replace(action, "POPULATION", pop, 1), "FIELDS", fields, 1)
		p, err := Load(fstest.MapFS{"plan.toml": {Data: []byte(plan)}, "a01.toml": {Data: []byte(a)}})
		require.NoError(t, err)
		return p
	}
	// DEU reports its remaining area; LTU does not
	ds := mustLoadData(t, ""+
		"DEU,2010,art4_obligation_start,2010-08-01,ISU\n"+
		"DEU,2021,art4_area_remaining_m2,900,Form F\n"+
		"DEU,2022,art4_area_remaining_m2,500,Form F\n"+
		"LTU,2011,art4_obligation_start,2011-09-01,ISU\n")
	ctx := context.Background()
	old := load("art4_outstanding", `["art4_outstanding", "art4_area_remaining_m2"]`)
	res, err := old.Audit(ctx, ds, 2022, AsOf(MustDate("2023-12-31")))
	require.NoError(t, err)
	var where []string
	for _, v := range res.Violations {
		if v.ISO3 == "DEU" && v.News == NewsArt4Completed {
			where = append(where, v.Scope+" "+v.Key)
		}
	}
	assert.Equal(t, []string{"indicator 1.1"}, where,
		"Germany completing takes it out of the year-end population it did well in: 50% -> 0%")
	joiners := map[string]bool{}
	for _, v := range res.Violations {
		if v.News == NewsAccessionContaminated && v.Scope == "indicator" {
			joiners[v.ISO3] = true
		}
	}
	assert.Equal(t, map[string]bool{"KEN": true, "USA": true}, joiners,
		"a State joining with contamination counts as not reporting before its first report is due")

	// the obligation during the year, among the States whose report was due: nothing to find
	fixed := load("annual_report_due && art4_obligation_in_year", `["annual_report_due", "art4_obligation_in_year", "art4_area_remaining_m2"]`)
	res, err = fixed.Audit(ctx, ds, 2022, AsOf(MustDate("2023-12-31")))
	require.NoError(t, err)
	assert.Empty(t, res.Violations)
	assert.Equal(t, 2, res.Scenarios[NewsArt4Completed])
	assert.Positive(t, res.Scenarios[NewsAccessionContaminated])
}

// Every documented exception names an indicator of the shipped plan and a kind of news, and
// docs/methodology.md shows it, reason included.
func TestAuditExceptionsDocumented(t *testing.T) {
	p := shippedPlan(t)
	doc, err := os.ReadFile("../docs/methodology.md")
	require.NoError(t, err)
	text := strings.Join(strings.Fields(string(doc)), " ")
	for _, ex := range auditExceptions {
		_, ok := p.Indicator(ex.Indicator)
		assert.True(t, ok, "%s is not an indicator of the shipped plan", ex.Indicator)
		assert.Contains(t, GoodNewsKinds, ex.News)
		assert.Contains(t, text, "| "+ex.Indicator+" | `"+string(ex.News)+"` | "+ex.Reason+" |",
			"docs/methodology.md must show the exception row for %s after %s", ex.Indicator, ex.News)
	}
	assert.Contains(t, text, "| every indicator | every kind | "+auditNotKnownReason+" |",
		"docs/methodology.md must show the rule that not known is not a verdict")
}
