package engine

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRevisionsSample: between the 2023 report's cut-off (2024-06-30) and the 2024 report's
// (2025-06-30), the sample's late 2023 reports and two corrections revise earlier values;
// every revision says why.
func TestRevisionsSample(t *testing.T) {
	p := shippedPlan(t)
	ds := sampleDataset(t)
	ctx := context.Background()
	rr, err := p.Revisions(ctx, ds, 2024, MustDate("2024-06-30"), MustDate("2025-06-30"))
	require.NoError(t, err)
	assert.Equal(t, 2021, rr.From)
	require.NotEmpty(t, rr.Revisions)
	find := func(id string, year int) *Revision {
		for i := range rr.Revisions {
			if r := &rr.Revisions[i]; r.ID == id && r.Year == year {
				return r
			}
		}
		return nil
	}
	kinds := func(r *Revision) map[RevisionKind][]string {
		out := map[RevisionKind][]string{}
		for _, c := range r.Causes {
			out[c.Kind] = append(out[c.Kind], c.ISO3)
		}
		return out
	}
	// 43.3: the 2023 reports received after 30 June 2024
	r := find("43.3", 2023)
	require.NotNil(t, r)
	assert.Equal(t, "55 of 110", r.ThenKOfN)
	assert.Equal(t, "74 of 110", r.NowKOfN)
	assert.Len(t, kinds(r)[RevisionLateReport], 19)
	for _, c := range r.Causes {
		assert.True(t, c.Known.After(MustDate("2024-06-30")) && c.Known.NotAfter(MustDate("2025-06-30")), "%s known %s", c.ISO3, c.Known)
		assert.Equal(t, 2023, c.Year)
		assert.Contains(t, c.Fields, "art7_annual_submitted")
	}
	// 14.1 munitions destroyed: South Africa's late report alone (the figure in it), not
	// every State whose report came late
	r = find("14.1", 2023)
	require.NotNil(t, r)
	assert.Equal(t, map[RevisionKind][]string{RevisionLateReport: {"ZAF"}}, kinds(r))
	assert.Equal(t, []string{"art3_destroyed_munitions"}, r.Causes[0].Fields)
	// 21.1 area cleared: Chad's late 2023 report and Lao PDR's correction of 20 November 2024
	r = find("21.1", 2023)
	require.NotNil(t, r)
	k := kinds(r)
	assert.Equal(t, []string{"TCD"}, k[RevisionLateReport])
	assert.Equal(t, []string{"LAO"}, k[RevisionCorrection])
	for _, c := range r.Causes {
		// Chad's receipt date and Lao PDR's correction are illustrative sample values: a cause
		// carries the class of its facts, so that the report can mark it
		assert.Equal(t, ClassIllustrative, c.Class, c.ISO3)
	}
	for _, c := range r.Causes {
		if c.Kind == RevisionCorrection {
			assert.Equal(t, "2024-11-20", c.Known.String())
			assert.Equal(t, []string{"art4_area_cleared_m2"}, c.Fields)
			assert.Equal(t, "Lao People's Democratic Republic", c.Name)
		}
	}
	// 21.1 in 2022: Germany's correction of 15 September 2024, 600,000 -> 640,000 m² (the
	// indicator is in km²)
	r = find("21.1", 2022)
	require.NotNil(t, r)
	assert.Equal(t, []string{"DEU"}, kinds(r)[RevisionCorrection])
	require.NotNil(t, r.Then)
	require.NotNil(t, r.Now)
	assert.InDelta(t, 0.04, *r.Now-*r.Then, 1e-9)
	// Iraq's correction of September 2025 comes after this report's cut-off
	for _, r := range rr.Revisions {
		assert.Less(t, r.Year, 2024)
		assert.NotEmpty(t, r.Causes, "%s %d: every revision says why", r.ID, r.Year)
		for _, c := range r.Causes {
			assert.NotEqual(t, "IRQ", c.ISO3, "%s %d", r.ID, r.Year)
		}
		assert.False(t, r.Then != nil && r.Now != nil && *r.Then == *r.Now && r.ThenStatus == r.NowStatus, "%s %d is not a revision", r.ID, r.Year)
	}

	// the 2025 report lists Iraq's correction of its 2024 remaining area
	rr, err = p.Revisions(ctx, ds, 2025, MustDate("2025-06-30"), MustDate("2026-06-30"))
	require.NoError(t, err)
	found := false
	for _, r := range rr.Revisions {
		for _, c := range r.Causes {
			if c.ISO3 == "IRQ" && c.Kind == RevisionCorrection {
				found = true
				assert.Equal(t, 2024, r.Year)
				assert.Equal(t, "2025-09-10", c.Known.String())
			}
		}
	}
	assert.True(t, found, "Iraq's correction of 2025-09-10 revises 2024")
}

// TestRevisionsNone: at one cut-off nothing is revised; the first year of the plan has no
// earlier year; the cut-offs must be in order.
func TestRevisionsNone(t *testing.T) {
	p := shippedPlan(t)
	ds := sampleDataset(t)
	ctx := context.Background()
	rr, err := p.Revisions(ctx, ds, 2024, MustDate("2025-06-30"), MustDate("2025-06-30"))
	require.NoError(t, err)
	assert.Empty(t, rr.Revisions)
	_, err = p.Revisions(ctx, ds, 2024, MustDate("2025-06-30"), MustDate("2024-06-30"))
	assert.Error(t, err)
}

// TestRevisionsLateReport: one State's 2023 report is received after the previous cut-off,
// and a figure in it corrected before this one.
func TestRevisionsLateReport(t *testing.T) {
	ds, err := LoadDataset(dataFS(testStatesCSV, "iso3,year,field,value,source,recorded\n"+
		"DEU,2020,art4_obligation_start,2020-01-15,survey,\n"+
		"DEU,2023,art7_annual_submitted,2024-08-15,ISU register,\n"+
		"DEU,2023,art4_area_cleared_m2,100,Art7 2023,\n"+
		"DEU,2023,art4_area_cleared_m2,120,Art7 2023 corrected,2024-10-01\n"), ".")
	require.NoError(t, err)
	p := mustLoadTestPlan(t)
	rr, err := p.Revisions(context.Background(), ds, 2024, MustDate("2024-06-30"), MustDate("2025-06-30"))
	require.NoError(t, err)
	require.Len(t, rr.Revisions, 1)
	r := rr.Revisions[0]
	assert.Equal(t, "2.2", r.ID)
	assert.Equal(t, 2023, r.Year)
	assert.Nil(t, r.Then, "not known at the previous cut-off")
	assert.Equal(t, ValueMissing, r.ThenStatus)
	require.NotNil(t, r.Now)
	assert.Equal(t, 120.0, *r.Now, "the corrected value")
	var got []string
	for _, c := range r.Causes {
		got = append(got, string(c.Kind)+" "+c.ISO3+" "+c.Known.String()+" "+strings.Join(c.Fields, "+")+" "+strings.Join(c.Origins, "+"))
	}
	// the report of 15 August 2024 made 100 known, and the correction of 1 October 2024
	// replaced it: the value now shown is the correction's, and the report's receipt does
	// not itself change what 2.2 reads
	assert.Equal(t, []string{"correction DEU 2024-10-01 art4_area_cleared_m2 facts.csv:5"}, got)
}

// TestRevisionsOf: the revisions of an assessment, from the results it was scored from, are
// those Revisions evaluates, for the report's options (cut-off and breakdowns) and for an
// assessment made with other options, where RevisionsOf evaluates as Revisions does.
func TestRevisionsOf(t *testing.T) {
	p, ds := benchSetup(t)
	ctx := context.Background()
	for _, year := range []int{2024, 2025} {
		cut, opts := reportOpts(t, p, ds, year)
		both, err := p.AssessYears(ctx, ds, year-1, year, opts...)
		require.NoError(t, err)
		a := both[1]
		require.NotNil(t, yearsOf(a.from.results, p.firstYear(year), year-1), "the assessment holds the years the revisions compare")
		want, err := p.Revisions(ctx, ds, year, cut.Previous, cut.AsOf, opts...)
		require.NoError(t, err)
		require.NotEmpty(t, want.Revisions, year)
		got, err := p.RevisionsOf(ctx, ds, a, cut.Previous, opts...)
		require.NoError(t, err)
		assert.Equal(t, want, got, year)

		// between the year before as the previous report assessed it (each year at its lag)
		// and everything known at a's cut-off: the previous report's side from the results it
		// was scored from, as evaluated apart
		reported, err := p.Assess(ctx, ds, year-1, append(opts[:len(opts):len(opts)], AsOf(cut.Previous))...)
		require.NoError(t, err)
		require.NotNil(t, yearsOf(reported.from.results, p.firstYear(year), year-1))
		require.NotNil(t, reported.seriesFor(p, ds, evalConfig{asOf: cut.Previous, counting: CountingDeposit, seriesOf: year - 1}))
		lagged, err := p.revisions(ctx, ds, year, evalConfig{asOf: cut.Previous, seriesOf: year - 1}, cut.AsOf, nil, nil, opts)
		require.NoError(t, err)
		got, err = p.RevisionsBetween(ctx, ds, reported, a, opts...)
		require.NoError(t, err)
		assert.Equal(t, lagged, got, year)
		assert.GreaterOrEqual(t, len(got.Revisions), len(want.Revisions), "the late reports of older years too")
		_, err = p.RevisionsBetween(ctx, ds, a, a, opts...)
		assert.ErrorContains(t, err, "not "+strconv.Itoa(year-1))

		// an assessment by entry into force, revisions asked by deposit: evaluated again
		other, err := p.Assess(ctx, ds, year, append(opts, WithCounting(CountingEntryIntoForce))...)
		require.NoError(t, err)
		got, err = p.RevisionsOf(ctx, ds, other, cut.Previous, opts...)
		require.NoError(t, err)
		assert.Equal(t, want, got, year)
	}
	_, err := p.RevisionsOf(ctx, ds, nil, MustDate("2024-06-30"))
	assert.Error(t, err)
}

// TestRevisionsOfDecoded: an assessment decoded from its JSON does not hold what it was
// scored from (that is not part of its content), and RevisionsOf evaluates its revisions as
// Revisions does.
func TestRevisionsOfDecoded(t *testing.T) {
	p, ds := benchSetup(t)
	ctx := context.Background()
	cut, opts := reportOpts(t, p, ds, 2024)
	a, err := p.Assess(ctx, ds, 2024, opts...)
	require.NoError(t, err)
	require.NotNil(t, a.from)
	data, err := json.Marshal(a)
	require.NoError(t, err)
	var decoded Assessment
	require.NoError(t, json.Unmarshal(data, &decoded))
	require.Nil(t, decoded.from)
	want, err := p.Revisions(ctx, ds, 2024, cut.Previous, cut.AsOf, opts...)
	require.NoError(t, err)
	got, err := p.RevisionsOf(ctx, ds, &decoded, cut.Previous, opts...)
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

// TestRevisionsBetweenDays: with a cut-off other than the plan's, the year before as the
// report's series sees it (a year before the cut-off) and as the previous report gave it (the
// plan's cut-off for it) are seen on different days; the revisions list what became known
// between the two days and changes a value of that year: the 2024 reports received between
// 31 March and 30 June 2025, by State, each with the day it was received. The same from an
// assessment that does not hold its series (decoded), and nothing with the plan's cut-off.
func TestRevisionsBetweenDays(t *testing.T) {
	p, ds := benchSetup(t)
	ctx := context.Background()
	_, opts := reportOpts(t, p, ds, 2025)
	cut := p.ReportCutOff(ds, 2025, MustDate("2026-03-31"))
	require.Equal(t, MustDate("2025-06-30"), cut.Previous)
	opts = append(opts, AsOf(cut.AsOf))
	both, err := p.AssessYears(ctx, ds, 2024, 2025, opts...)
	require.NoError(t, err)
	reported, err := p.Assess(ctx, ds, 2024, append(opts[:len(opts):len(opts)], AsOf(cut.Previous))...)
	require.NoError(t, err)
	cfg, err := p.configure(ds, opts)
	require.NoError(t, err)
	cfg.seriesOf = 2025
	require.NotNil(t, both[1].seriesFor(p, ds, cfg), "the assessment holds the series the tables show")
	rr, err := p.RevisionsBetween(ctx, ds, reported, both[1], opts...)
	require.NoError(t, err)
	kb := rr.Between
	require.NotNil(t, kb)
	assert.Equal(t, 2024, kb.Year)
	assert.Equal(t, MustDate("2025-03-31"), kb.Seen)
	assert.Equal(t, MustDate("2025-06-30"), kb.Then)
	differ := 0 // the values of 2024 the two sides give differently
	for i := range both[0].Indicators {
		if !sameValue(&both[0].Indicators[i].IndicatorResult, &reported.Indicators[i].IndicatorResult, 1e-9) {
			differ++
		}
	}
	assert.Positive(t, kb.Values)
	assert.LessOrEqual(t, kb.Values, differ)
	require.NotEmpty(t, kb.Facts)
	var aut *RevisionCause
	for i, c := range kb.Facts {
		assert.True(t, c.Known.After(kb.Seen) && c.Known.NotAfter(kb.Then), "%s known %s", c.ISO3, c.Known)
		assert.Equal(t, 2024, c.Year, c.ISO3)
		if i > 0 {
			assert.LessOrEqual(t, kb.Facts[i-1].ISO3, c.ISO3, "sorted by State")
		}
		if c.ISO3 == "AUT" {
			aut = &kb.Facts[i]
		}
	}
	// Austria's 2024 report, received 20 May 2025 (facts.csv)
	require.NotNil(t, aut)
	assert.Equal(t, RevisionLateReport, aut.Kind)
	assert.Equal(t, MustDate("2025-05-20"), aut.Known)
	assert.Contains(t, aut.Fields, "art7_annual_submitted")

	// an assessment that does not hold its series: evaluated again, the same
	data, err := json.Marshal(both[1])
	require.NoError(t, err)
	var decoded Assessment
	require.NoError(t, json.Unmarshal(data, &decoded))
	got, err := p.RevisionsBetween(ctx, ds, reported, &decoded, opts...)
	require.NoError(t, err)
	assert.Equal(t, kb, got.Between)

	// the plan's cut-off: the two days are one
	cut, opts = reportOpts(t, p, ds, 2025)
	both, err = p.AssessYears(ctx, ds, 2024, 2025, opts...)
	require.NoError(t, err)
	reported, err = p.Assess(ctx, ds, 2024, append(opts[:len(opts):len(opts)], AsOf(cut.Previous))...)
	require.NoError(t, err)
	rr, err = p.RevisionsBetween(ctx, ds, reported, both[1], opts...)
	require.NoError(t, err)
	assert.Nil(t, rr.Between)
}
