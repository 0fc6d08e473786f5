package engine

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine/internal/testplan"
)

// The minimal valid plan used across tests (engine/internal/testplan): two sections, two actions.
const (
	testPlanTOML = testplan.PlanTOML
	testAction1  = testplan.Action1
	testAction2  = testplan.Action2
)

func testPlanFS() fstest.MapFS { return testplan.FS() }

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

// assessmentContent is a's content, what it encodes and shows: a copy without what it was scored from
// (an assessment's unexported link to its evaluation, which differs between runs), for
// comparing assessments made by different runs with assert.Equal.
func assessmentContent(a *Assessment) *Assessment {
	if a == nil {
		return nil
	}
	c := *a
	c.from = nil
	return &c
}
