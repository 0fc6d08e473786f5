package engine

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fieldValue builds State iso3's environment and returns the named field's value: nil for an
// absent or nil field, else the plain value.
func fieldValue(t *testing.T, ds *Dataset, iso3 string, year int, asOf string, counting Counting, name string) any {
	t.Helper()
	si, ok := ds.stateIdx[iso3]
	require.True(t, ok, iso3)
	var se stateEnv
	ds.build(si, frame{year: year, asOf: MustDate(asOf), counting: counting, adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
	fi, ok := fieldIndex[name]
	require.True(t, ok, name)
	v := reflect.ValueOf(se.env).Field(envFieldPath[fi])
	if v.Kind() == reflect.Pointer {
		assert.Equal(t, !v.IsNil(), se.present.has(fi), "presence bit of %s", name)
		if v.IsNil() {
			return nil
		}
		return v.Elem().Interface()
	}
	assert.True(t, se.present.has(fi), "non-nil field %s is present", name)
	return v.Interface()
}

type deriveCase struct {
	iso3     string
	year     int
	asOf     string
	counting Counting
	field    string
	want     any
}

func runDeriveCases(t *testing.T, ds *Dataset, cases []deriveCase) {
	t.Helper()
	for _, c := range cases {
		if c.asOf == "" {
			c.asOf = "2026-06-30"
		}
		if c.counting == "" {
			c.counting = CountingDeposit
		}
		name := c.iso3 + "/" + itoa(c.year) + "/" + string(c.counting) + "/" + c.asOf + "/" + c.field
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, c.want, fieldValue(t, ds, c.iso3, c.year, c.asOf, c.counting, c.field))
		})
	}
}

func TestDerivedMembership(t *testing.T) {
	ds := mustLoadData(t, "")
	dep, eif := CountingDeposit, CountingEntryIntoForce
	runDeriveCases(t, ds, []deriveCase{
		// South Sudan: deposit 2023-08-03, entry into force 2024-02-01 (data dictionary §5)
		{"SSD", 2023, "", dep, "party", true},
		{"SSD", 2023, "", eif, "party", false},
		{"SSD", 2023, "", dep, "deposited", true},
		{"SSD", 2023, "", dep, "in_force", false},
		{"SSD", 2023, "", dep, "pending_eif", true},
		{"SSD", 2023, "", dep, "signatory", false},
		{"SSD", 2023, "", eif, "not_party", true},
		{"SSD", 2024, "", eif, "party", true},
		{"SSD", 2024, "", dep, "eif_in_year", true},
		{"SSD", 2023, "", dep, "joined_year", 2023},
		{"SSD", 2023, "", dep, "joined_after_lap", true},
		{"SSD", 2022, "", dep, "joined_after_lap", false},
		{"SSD", 2024, "", dep, "initial_report_due", "2024-07-30"},
		{"SSD", 2024, "", dep, "initial_report_required", true},
		{"SSD", 2023, "", dep, "initial_report_required", false},
		{"SSD", 2024, "", dep, "initial_report_overdue", true},
		{"SSD", 2024, "", dep, "years_since_eif", 0},
		{"SSD", 2023, "", dep, "years_since_eif", nil},
		// Lithuania: withdrawal effective 2025-03-06
		{"LTU", 2024, "", dep, "party", true},
		{"LTU", 2025, "", dep, "party", false},
		{"LTU", 2025, "", eif, "party", false},
		{"LTU", 2025, "", dep, "former_party", true},
		{"LTU", 2025, "", dep, "not_party", true},
		{"LTU", 2025, "", dep, "signatory", false},
		{"LTU", 2024, "", dep, "former_party", false},
		{"LTU", 2024, "", dep, "annual_report_due", false}, // the withdrawal took effect before 30 April 2025
		{"LTU", 2023, "", dep, "annual_report_due", true},
		{"LTU", 2025, "2025-01-31", dep, "withdrawn", nil}, // later than as_of: absent
		{"LTU", 2025, "", dep, "withdrawn", "2025-03-06"},
		// Nigeria: deposit 2023-02-28, entry into force 2023-08-01: party at the end of 2023 either way
		{"NGA", 2023, "", dep, "party", true},
		{"NGA", 2023, "", eif, "party", true},
		{"NGA", 2022, "", dep, "signatory", true},
		{"NGA", 2023, "", dep, "initial_report_due", "2024-01-28"},
		{"NGA", 2023, "", dep, "annual_report_due", false}, // initial report not due by the end of 2023
		{"NGA", 2024, "", dep, "annual_report_due", true},
		// Vanuatu: deposit 2025-09-05, entry into force derived as 2026-03-01
		{"VUT", 2025, "", dep, "party", true},
		{"VUT", 2025, "", eif, "party", false},
		{"VUT", 2025, "", dep, "entry_into_force", "2026-03-01"},
		{"VUT", 2025, "2025-12-31", dep, "entry_into_force", nil}, // later than as_of
		{"VUT", 2025, "2025-12-31", dep, "initial_report_due", nil},
		// Kenya: a signatory; the United States: never signed
		{"KEN", 2024, "", dep, "signatory", true},
		{"KEN", 2024, "", dep, "not_party", true},
		{"KEN", 2024, "", dep, "joined_year", nil},
		{"USA", 2024, "", dep, "signatory", false},
		{"USA", 2024, "", dep, "not_party", true},
		{"USA", 2024, "", dep, "initial_report_due", nil},
		// the run's own fields
		{"DEU", 2024, "2024-06-30", dep, "ref_date", "2024-06-30"},
		{"DEU", 2023, "2024-06-30", dep, "ref_date", "2023-12-31"},
		{"DEU", 2023, "2024-06-30", dep, "as_of", "2024-06-30"},
		{"DEU", 2023, "2024-06-30", dep, "year", 2023},
		{"DEU", 2023, "", dep, "iso3", "DEU"},
		{"DEU", 2023, "", dep, "region", "europe"},
		{"DEU", 2023, "", dep, "signed", "2008-12-03"},
		{"DEU", 2023, "", dep, "ratified", "2009-07-08"},
		{"DEU", 2023, "", dep, "annual_report_deadline", "2024-04-30"},
		{"DEU", 2024, "2024-06-30", dep, "annual_report_due", false}, // unfinished year
	})
}

func TestDerivedMembershipPartitions(t *testing.T) {
	// in_force, pending_eif, signatory and the rest never overlap (data dictionary §4.1)
	ds := mustLoadData(t, "")
	for _, iso := range []string{"DEU", "KEN", "LTU", "NGA", "SSD", "USA", "VUT"} {
		for y := 2021; y <= 2025; y++ {
			n := 0
			for _, f := range []string{"in_force", "pending_eif", "signatory"} {
				if fieldValue(t, ds, iso, y, "2026-06-30", CountingDeposit, f) == true {
					n++
				}
			}
			assert.LessOrEqual(t, n, 1, "%s %d", iso, y)
		}
	}
}

func TestDerivedReporting(t *testing.T) {
	facts := "" +
		"DEU,,art7_initial_submitted,2011-01-27,Monitor\n" +
		"DEU,2022,art7_annual_submitted,2023-04-12,register\n" +
		"DEU,2023,art7_annual_submitted,2024-05-02,register\n" +
		"NGA,,art7_initial_submitted,2023-04-12,Monitor\n"
	ds := mustLoadData(t, facts)
	runDeriveCases(t, ds, []deriveCase{
		{"DEU", 2022, "", "", "annual_report_submitted", true},
		{"DEU", 2022, "", "", "annual_report_on_time", true},
		{"DEU", 2023, "", "", "annual_report_on_time", false},             // submitted after 30 April
		{"DEU", 2024, "", "", "annual_report_on_time", false},             // none, deadline passed at as_of
		{"DEU", 2024, "2025-03-01", "", "annual_report_on_time", nil},     // none, deadline not yet passed
		{"DEU", 2023, "2024-04-30", "", "annual_report_submitted", false}, // the 2024-05-02 submission is after as_of
		{"DEU", 2024, "", "", "initial_report_submitted", true},
		{"DEU", 2024, "", "", "initial_report_overdue", false},
		{"SSD", 2024, "", "", "initial_report_submitted", false},
		{"NGA", 2022, "", "", "initial_report_submitted", false}, // submitted after the end of 2022
		{"NGA", 2023, "", "", "initial_report_submitted", true},
	})
}

func TestDerivedObligations(t *testing.T) {
	facts := "" +
		"DEU,2010,art4_obligation_start,2010-08-01,ISU\n" +
		"DEU,2010,art4_deadline,2020-08-01,treaty\n" +
		"DEU,2019,art4_deadline,2025-08-01,9MSP\n" +
		"DEU,2023,art4_completed_date,2023-08-31,ISU\n" +
		"DEU,2024,art4_completion_declared_date,2024-09-10,12MSP\n" +
		"DEU,2025,art4_obligation_start,2025-05-01,ISU (new contamination)\n" +
		"DEU,2011,art3_obligation_start,2011-10-01,ISU\n" +
		"DEU,2011,art3_deadline,2019-10-01,treaty\n" +
		"DEU,2023,art3_completed_date,2023-06-30,ISU\n" +
		"DEU,2021,art3_retention,true,Form D\n" +
		"DEU,2021,art5_victims_present,true,ISU\n" +
		"NGA,2023,art4_obligation_start,2023-08-01,ISU\n"
	ds := mustLoadData(t, facts)
	runDeriveCases(t, ds, []deriveCase{
		{"DEU", 2022, "", "", "art4_outstanding", true},
		{"DEU", 2022, "", "", "art4_past_deadline", false}, // extended to 2025-08-01
		{"DEU", 2018, "", "", "art4_past_deadline", false}, // 2020-08-01 not yet passed
		{"DEU", 2023, "", "", "art4_outstanding", false},
		{"DEU", 2023, "", "", "art4_completed_in_year", true},
		{"DEU", 2023, "", "", "art4_completed_on_time", true},
		{"DEU", 2023, "", "", "art4_cleared", true},
		{"DEU", 2023, "", "", "art4_declared_timely", true}, // declared the next year
		{"DEU", 2023, "2024-06-30", "", "art4_declared_timely", nil},
		{"DEU", 2024, "", "", "art4_completion_declared_in_year", true},
		{"DEU", 2022, "", "", "art4_completed_on_time", false}, // nothing completed in 2022
		{"DEU", 2025, "", "", "art4_outstanding", true},        // new contamination after completion
		{"DEU", 2025, "", "", "art4_new_obligation_in_year", true},
		{"DEU", 2025, "", "", "art4_cleared", false},
		{"DEU", 2022, "", "", "art3_outstanding", true},
		{"DEU", 2022, "", "", "art3_past_deadline", true},
		{"DEU", 2023, "", "", "art3_outstanding", false},
		{"DEU", 2023, "", "", "art3_completed_in_year", true},
		{"DEU", 2023, "", "", "art3_compliance_declared_timely", false}, // never declared, 2024 is over
		{"DEU", 2023, "", "", "art3_compliance_declared_in_year", false},
		{"DEU", 2023, "2023-05-31", "", "art3_outstanding", true}, // the completion is after as_of
		{"DEU", 2022, "", "", "art3_retaining", true},
		{"DEU", 2020, "", "", "art3_retaining", false}, // retention recorded from 2021
		{"DEU", 2022, "", "", "art5_applies", true},
		{"DEU", 2024, "", "", "has_obligation", true}, // Article 5 still applies
		{"NGA", 2023, "", "", "art4_outstanding", true},
		{"NGA", 2023, "", "", "art4_past_deadline", nil}, // no deadline recorded
		{"NGA", 2022, "", "", "art4_outstanding", false}, // not yet a party
		{"KEN", 2024, "", "", "has_obligation", false},
		{"KEN", 2024, "", "", "art3_past_deadline", false},
		// obligation in the year: open at some time during Y up to R (completing in Y still counts)
		{"DEU", 2022, "", "", "art4_obligation_in_year", true},
		{"DEU", 2023, "", "", "art4_obligation_in_year", true}, // completed in 2023
		{"DEU", 2024, "", "", "art4_obligation_in_year", false},
		{"DEU", 2025, "", "", "art4_obligation_in_year", true},            // new contamination in 2025
		{"DEU", 2025, "2025-04-30", "", "art4_obligation_in_year", false}, // found after as_of
		{"DEU", 2023, "", "", "art3_obligation_in_year", true},            // completed in 2023
		{"DEU", 2023, "2023-05-31", "", "art3_obligation_in_year", true},  // still open at as_of
		{"DEU", 2024, "", "", "art3_obligation_in_year", false},
		{"DEU", 2010, "", "", "art3_obligation_in_year", false}, // starts in 2011
		{"NGA", 2023, "", "", "art4_obligation_in_year", true},
		{"NGA", 2022, "", "", "art4_obligation_in_year", false}, // not yet a party
		{"KEN", 2024, "", "", "art4_obligation_in_year", false},
	})
}

func TestAsOfHidesLaterDatesButNotDeadlines(t *testing.T) {
	ds := mustLoadData(t, "DEU,2019,art4_deadline,2030-08-01,MSP\nDEU,2010,art4_obligation_start,2010-08-01,ISU\n")
	assert.Equal(t, "2030-08-01", fieldValue(t, ds, "DEU", 2024, "2024-12-31", CountingDeposit, "art4_deadline"))
	assert.Equal(t, false, fieldValue(t, ds, "DEU", 2024, "2024-12-31", CountingDeposit, "art4_past_deadline"))
}
