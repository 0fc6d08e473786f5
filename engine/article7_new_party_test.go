package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnnualReportNotOwedByANewPartySaysWhy: a State Party whose initial report falls due after
// the end of the year owes no annual report for it (data dictionary: annual_report_due), and
// its Article 7 status says why, as it does for a withdrawal, so that "no annual report owed"
// is not read as an omission. In the report on 2023, Nigeria (State Party from its deposit on
// 28 February 2023, in force 1 August 2023) read "no annual report owed for 2023" with no
// reason; its initial report fell due on 28 January 2024. A State Party whose initial report
// fell due within the year, or before, owes one.
func TestAnnualReportNotOwedByANewPartySaysWhy(t *testing.T) {
	a, err := shippedPlan(t).Assess(context.Background(), sampleDataset(t), 2023)
	require.NoError(t, err)
	a7 := func(iso3 string) Obligation {
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
		t.Fatalf("%s has no Article 7 obligation", iso3)
		return Obligation{}
	}
	nga := a7("NGA")
	assert.Equal(t, ObligationAnnualReportNotOwed, nga.Status)
	assert.Equal(t, "initial report received (12 April 2023); no annual report owed for 2023: its initial report's due date (28 January 2024) falls after that year", nga.StatusText)
	ssd := a7("SSD")
	assert.Equal(t, ObligationAnnualReportNotOwed, ssd.Status)
	assert.Contains(t, ssd.StatusText, "no annual report owed for 2023: its initial report's due date (30 July 2024) falls after that year")
	for _, iso3 := range []string{"DEU", "CPV"} {
		assert.NotContains(t, a7(iso3).StatusText, "falls after that year", iso3)
	}
}
