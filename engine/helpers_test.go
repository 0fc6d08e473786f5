package engine

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// A minimal valid plan used across tests: two sections, two actions.
const testPlanTOML = `name = "Test plan"
version = "1"
period = "2021-2026"
adopted = "2021-09-21"
baseline_year = 2021
target_year = 2026
counting = "deposit"

[[section]]
key = "universalization"
title = "Universalization"
first_action = 1
last_action = 1

[[section]]
key = "transparency"
title = "Transparency"
first_action = 2
last_action = 2
`

const testAction1 = `number = 1
section = "universalization"
title = "Join the Convention"
provenance = "reconstructed"
section_provenance = "found"

[[indicator]]
id = "1.1"
title = "States Parties"
definition = "Number of States Parties."
population = 'true'
rule = 'party'
aggregate = "count"
unit = "states"
direction = "increase"
fields = ["party"]
provenance = "proposed"
`

const testAction2 = `number = 2
section = "transparency"
title = "Report on time"
provenance = "inferred"
section_provenance = "found"

[[indicator]]
id = "2.1"
title = "Annual reports on time"
definition = "Share of States Parties owing a report that sent it on time."
population = 'annual_report_due'
rule = 'annual_report_on_time'
aggregate = "share"
unit = "percent"
direction = "increase"
target = 100.0
target_year = 2021
target_each_year = true
fields = ["annual_report_due", "annual_report_on_time"]
provenance = "proposed"

[[indicator]]
id = "2.2"
title = "Area cleared"
definition = "Area cleared by States with an obligation."
population = 'art4_outstanding'
rule = 'art4_area_cleared_m2'
aggregate = "sum"
unit = "m2"
direction = "increase"
fields = ["art4_outstanding", "art4_area_cleared_m2"]
provenance = "proposed"
`

func testPlanFS() fstest.MapFS {
	return fstest.MapFS{
		"plan.toml": {Data: []byte(testPlanTOML)},
		"a01.toml":  {Data: []byte(testAction1)},
		"a02.toml":  {Data: []byte(testAction2)},
	}
}

func mustLoadTestPlan(t testing.TB) *Plan {
	t.Helper()
	p, err := Load(testPlanFS())
	require.NoError(t, err)
	return p
}

// testStates are real rows from the sample states.csv that exercise the date logic.
const testStatesCSV = `iso3,name,region,signed,ratified,entry_into_force,withdrawn
DEU,Germany,europe,2008-12-03,2009-07-08,2010-08-01,
KEN,Kenya,africa,2008-12-03,,,
LTU,Lithuania,europe,2008-12-03,2011-03-24,2011-09-01,2025-03-06
NGA,Nigeria,africa,2009-06-12,2023-02-28,2023-08-01,
SSD,South Sudan,africa,,2023-08-03,2024-02-01,
USA,United States of America,americas,,,,
VUT,Vanuatu,asia-pacific,,2025-09-05,,
`

const factsHeader = "iso3,year,field,value,source\n"

func dataFS(states, facts string) fstest.MapFS {
	return fstest.MapFS{"states.csv": {Data: []byte(states)}, "facts.csv": {Data: []byte(facts)}}
}

func mustLoadData(t testing.TB, facts string) *Dataset {
	t.Helper()
	ds, err := LoadDataset(dataFS(testStatesCSV, factsHeader+facts), ".")
	require.NoError(t, err)
	return ds
}
