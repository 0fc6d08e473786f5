package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnnualReportNotOwedSaysWhy: a State Party whose withdrawal takes effect before the
// deadline of its annual report owes none (data dictionary: annual_report_due), and its Article
// 7 status says why, so that "no annual report owed" is not read as an omission. Lithuania's
// withdrawal took effect on 6 March 2025: at the end of 2024 it was a State Party, and its
// report for 2024 would have been due on 30 April 2025. For 2023 it owed one, and for Germany,
// which has not withdrawn, a report not received is not excused.
func TestAnnualReportNotOwedSaysWhy(t *testing.T) {
	p := mustLoadTestPlan(t)
	ds := mustLoadData(t, "LTU,,art7_initial_submitted,2011-11-01,x\nLTU,2023,art7_annual_submitted,2024-03-05,x\nDEU,,art7_initial_submitted,2011-01-28,x\n")
	a7 := func(year int, iso3 string) Obligation {
		a, err := p.Assess(context.Background(), ds, year, AsOf(MustDate("2025-06-30").YearsBefore(2024-year)))
		require.NoError(t, err)
		for _, sv := range a.States {
			if sv.ISO3 != iso3 {
				continue
			}
			for _, o := range sv.Obligations {
				if o.Article == 7 {
					return o
				}
			}
		}
		t.Fatalf("%s has no Article 7 obligation in %d", iso3, year)
		return Obligation{}
	}
	ltu := a7(2024, "LTU")
	assert.Equal(t, ObligationAnnualReportNotOwed, ltu.Status)
	assert.Equal(t, "initial report received (1 November 2011); no annual report owed for 2024: the withdrawal took effect on 6 March 2025, before the report fell due on 30 April 2025", ltu.StatusText)
	assert.Equal(t, ObligationAnnualReportOnTime, a7(2023, "LTU").Status, "owed, and received, for 2023")
	deu := a7(2024, "DEU")
	assert.Equal(t, ObligationAnnualReportNotReceived, deu.Status)
	assert.NotContains(t, deu.StatusText, "withdrawal")
}
