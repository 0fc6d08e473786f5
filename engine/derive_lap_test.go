package engine

import "testing"

// art4_open_at_lap and art4_completed_since_lap: fixed at the plan's adoption (2021-09-21).
func TestDerivedSinceLAP(t *testing.T) {
	ds := mustLoadData(t, ""+
		// DEU: open at the LAP, completes in 2023, new contamination in 2025
		"DEU,2010,art4_obligation_start,2010-08-01,ISU\n"+
		"DEU,2023,art4_completed_date,2023-06-30,ISU\n"+
		"DEU,2025,art4_obligation_start,2025-02-01,ISU\n"+
		// LTU: completed before the LAP
		"LTU,2011,art4_obligation_start,2011-09-01,ISU\n"+
		"LTU,2020,art4_completed_date,2020-07-10,ISU\n"+
		// NGA: joined after the LAP with contamination
		"NGA,2023,art4_obligation_start,2023-08-01,ISU\n"+
		// KEN: a signatory with contamination, never party
		"KEN,2010,art4_obligation_start,2010-08-01,ISU\n")
	dep := CountingDeposit
	runDeriveCases(t, ds, []deriveCase{
		{"DEU", 2021, "", dep, "art4_open_at_lap", true},
		{"DEU", 2022, "", dep, "art4_completed_since_lap", false},
		{"DEU", 2023, "", dep, "art4_completed_since_lap", true},
		{"DEU", 2023, "2023-06-29", dep, "art4_completed_since_lap", false}, // completion after as_of
		{"DEU", 2025, "", dep, "art4_open_at_lap", true},                    // fixed: new contamination changes nothing
		{"DEU", 2025, "", dep, "art4_completed_since_lap", true},            // a completion stays a completion
		{"LTU", 2021, "", dep, "art4_open_at_lap", false},                   // completed in 2020
		{"LTU", 2021, "", dep, "art4_completed_since_lap", false},
		{"NGA", 2024, "", dep, "art4_open_at_lap", false},           // not party at the LAP's adoption
		{"KEN", 2024, "", dep, "art4_open_at_lap", false},           // never party
		{"DEU", 2021, "2021-09-01", dep, "art4_open_at_lap", false}, // the LAP not yet adopted at as_of
		{"DEU", 2020, "", dep, "art4_open_at_lap", false},           // nor by the end of 2020
	})
}

// TestDerivedSinceLAPReplay: art4_open_at_lap and art4_completed_since_lap read only what was
// known by the cut-off (methodology §1.3: a report cut off at A is replayed from what was known
// by A). An obligation open at the LAP's adoption but first recorded later enters the
// population from its recorded day; a completion recorded later counts from its recorded day.
func TestDerivedSinceLAPReplay(t *testing.T) {
	ds, err := LoadDataset(dataFS(testStatesCSV, "iso3,year,field,value,source,recorded\n"+
		// LTU: an obligation open since 2011, first recorded on 2024-03-01
		"LTU,2011,art4_obligation_start,2011-09-01,ISU,2024-03-01\n"+
		// DEU: open at the LAP; its 2023 completion recorded on 2024-09-15
		"DEU,2010,art4_obligation_start,2010-08-01,ISU,\n"+
		"DEU,2023,art4_completed_date,2023-06-30,ISU,2024-09-15\n"), ".")
	if err != nil {
		t.Fatal(err)
	}
	runDeriveCases(t, ds, []deriveCase{
		{"LTU", 2023, "2024-02-29", CountingDeposit, "art4_open_at_lap", false}, // not yet known
		{"LTU", 2023, "2024-03-01", CountingDeposit, "art4_open_at_lap", true},  // known from its recorded day
		{"DEU", 2023, "2024-06-30", CountingDeposit, "art4_completed_since_lap", false},
		{"DEU", 2023, "2024-06-30", CountingDeposit, "art4_open_at_lap", true},
		{"DEU", 2023, "2024-09-15", CountingDeposit, "art4_completed_since_lap", true},
		{"DEU", 2023, "2024-09-15", CountingDeposit, "art4_open_at_lap", true}, // completing never takes it out
	})
}
