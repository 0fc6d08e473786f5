package engine

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportCutOff(t *testing.T) {
	p := shippedPlan(t)
	d, ok := p.ReportCutoff(2024)
	require.True(t, ok, "the shipped plan names a report cut-off")
	assert.Equal(t, "2025-06-30", d.String())

	ds := sampleDataset(t) // latest date 2026-10-31
	require.Equal(t, "2026-10-31", ds.LatestDate().String())
	tests := []struct {
		year       int
		given      string
		asOf, prev string
		rule       CutOffRule
		partial    bool
		planned    string
	}{
		{2024, "", "2025-06-30", "2024-06-30", CutOffPlan, false, "2025-06-30"},
		{2025, "", "2026-06-30", "2025-06-30", CutOffPlan, false, "2026-06-30"},
		// the plan's day for 2026 lies beyond the data: the data's latest date, a partial year
		{2026, "", "2026-10-31", "2026-06-30", CutOffData, true, "2027-06-30"},
		// a given cut-off holds; the previous report's cut-off is never after it
		{2024, "2024-12-31", "2024-12-31", "2024-06-30", CutOffGiven, false, "2025-06-30"},
		{2024, "2024-03-31", "2024-03-31", "2024-03-31", CutOffGiven, true, "2025-06-30"},
	}
	for _, tt := range tests {
		var given Date
		if tt.given != "" {
			given = MustDate(tt.given)
		}
		c := p.ReportCutOff(ds, tt.year, given)
		assert.Equal(t, tt.asOf, c.AsOf.String(), "%d %s", tt.year, tt.given)
		assert.Equal(t, tt.prev, c.Previous.String(), "%d %s", tt.year, tt.given)
		assert.Equal(t, tt.rule, c.Rule, "%d %s", tt.year, tt.given)
		assert.Equal(t, tt.partial, c.Partial, "%d %s", tt.year, tt.given)
		assert.Equal(t, tt.planned, c.Planned.String())
		assert.Equal(t, "2026-10-31", c.Latest.String())
	}

	// a plan without report_cutoff: the data's latest date, nothing to revise from
	np, err := Load(testPlanFS())
	require.NoError(t, err)
	_, ok = np.ReportCutoff(2024)
	assert.False(t, ok)
	c := np.ReportCutOff(ds, 2024, Date{})
	assert.Equal(t, CutOffLatest, c.Rule)
	assert.Equal(t, "2026-10-31", c.AsOf.String())
	assert.True(t, c.Previous.IsZero())
	assert.False(t, c.Partial)
}

func TestReportCutoffKey(t *testing.T) {
	for _, tt := range []struct{ v, msg string }{
		{"6-30", "want MM-DD"},
		{"13-01", "want MM-DD"},
		{"06-31", "no such day in every year"},
		{"02-29", "no such day in every year"},
		{"2025-06-30", "want MM-DD"},
	} {
		fsys := replace("plan.toml", `counting = "deposit"`, "counting = \"deposit\"\nreport_cutoff = \""+tt.v+"\"")
		_, err := Load(fsys)
		var diags Diagnostics
		require.True(t, errors.As(err, &diags), tt.v)
		require.Len(t, diags, 1, tt.v)
		assert.Equal(t, CodeBadDate, diags[0].Code)
		assert.Equal(t, "report_cutoff", diags[0].Key)
		assert.Equal(t, 8, diags[0].Line, tt.v)
		assert.Contains(t, diags[0].Message, tt.msg, tt.v)
	}
	p, err := Load(replace("plan.toml", `counting = "deposit"`, "counting = \"deposit\"\nreport_cutoff = \"03-31\""))
	require.NoError(t, err)
	d, _ := p.ReportCutoff(2022)
	assert.Equal(t, "2023-03-31", d.String())
}

func TestPartialYear(t *testing.T) {
	assert.True(t, PartialYear(2026, MustDate("2026-10-31")))
	assert.False(t, PartialYear(2026, MustDate("2026-12-31")))
	assert.False(t, PartialYear(2025, MustDate("2026-10-31")))
}
