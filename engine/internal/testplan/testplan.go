// Package testplan holds the minimal plan the engine's tests and the tests of the packages
// built on it (engine/ruletest) load: one declaration of the fixture, shared.
package testplan

import "testing/fstest"

// PlanTOML is plan.toml of a minimal valid plan: two sections, two actions.
const PlanTOML = `name = "Test plan"
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

// Action1 is its action 1: indicator 1.1, the count of States Parties (rule party).
const Action1 = `number = 1
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

// Action2 is its action 2: indicators 2.1 (annual reports on time, a share) and 2.2 (area
// cleared by States with an Article 4 obligation, a sum).
const Action2 = `number = 2
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

// FS is the plan as files.
func FS() fstest.MapFS {
	return fstest.MapFS{
		"plan.toml": {Data: []byte(PlanTOML)},
		"a01.toml":  {Data: []byte(Action1)},
		"a02.toml":  {Data: []byte(Action2)},
	}
}
