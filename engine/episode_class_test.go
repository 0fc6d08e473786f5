package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// episodeObligationOf finds State iso3's Article article episode n in the per-State view.
func episodeObligationOf(t *testing.T, a *Assessment, iso3 string, article, n int) Obligation {
	t.Helper()
	for _, sv := range a.States {
		if sv.ISO3 != iso3 {
			continue
		}
		for _, o := range sv.Obligations {
			if o.Article == article && o.Episode == n {
				return o
			}
		}
	}
	t.Fatalf("%d: no Article %d episode %d for %s", a.Year, article, n, iso3)
	return Obligation{}
}

// TestEpisodeClassRestsOnWhatDecides: an episode's status carries the class of the facts it
// rests on. An extension request that a recorded deadline answered decides nothing, so its
// class does not mark the status; a request still awaiting a decision, granted without its
// new deadline, or not granted, does. Before, the sample's profiles marked Bosnia and
// Herzegovina's completion on time in 2023 as illustrative (invented, "not a fact") because
// the sample assumes the year of its request, and Lebanon's and Chad's open obligations
// likewise, though the deadline in force and the completion are sourced.
func TestEpisodeClassRestsOnWhatDecides(t *testing.T) {
	t.Run("sample", func(t *testing.T) {
		p, ds := shippedPlan(t), sampleDataset(t)
		for _, tt := range []struct {
			iso3 string
			year int
			want Class
		}{
			{"BIH", 2022, ClassEstimate}, // open, deadline 1 September 2023 decided 2022 (inferred)
			{"BIH", 2023, ClassEstimate}, // completed on time: August 2023 against that deadline
			{"LBN", 2022, ClassEstimate}, // deadline 1 May 2026, decided 2021 (inferred)
			{"TCD", 2023, ClassEstimate}, // deadline 1 October 2024, decision year inferred
			{"IRQ", 2023, ClassMonitor},  // request of 2022 pending (official), start from the Monitor
		} {
			t.Run(fmt.Sprint(tt.iso3, tt.year), func(t *testing.T) {
				a, err := p.Assess(context.Background(), ds, tt.year)
				require.NoError(t, err)
				o := episodeObligationOf(t, a, tt.iso3, 4, 1)
				assert.Equal(t, tt.want, o.Class, o.StatusText)
			})
		}
	})

	base := "" +
		"DEU,2010,art4_obligation_start,2010-08-01,treaty,official,\n" +
		"DEU,2010,art4_deadline,2020-08-01,treaty,official,\n"
	request := "DEU,2019,art4_extension_requested,true,assumed,illustrative,\n"
	for _, tt := range []struct {
		name, rows string
		want       Class
	}{
		{"no request", "", ClassOfficial},
		{"answered by a new deadline", request + "DEU,2019,art4_deadline,2025-08-01,9MSP,official,\n", ClassOfficial},
		{"awaiting a decision", request, ClassIllustrative},
		{"not granted", request + "DEU,2020,art4_extension_granted,false,10MSP,official,\n", ClassIllustrative},
		{"granted, new deadline not recorded", request + "DEU,2020,art4_extension_granted,true,10MSP,official,\n", ClassIllustrative},
		{"the decision is what is assumed", "DEU,2019,art4_extension_requested,true,MSP documents,official,\n" +
			"DEU,2020,art4_extension_granted,false,assumed,illustrative,\n", ClassIllustrative},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := LoadDataset(dataFS(testStatesCSV, "iso3,year,field,value,source,class,recorded\n"+base+tt.rows), ".")
			require.NoError(t, err)
			a, err := shippedPlan(t).Assess(context.Background(), ds, 2021, AsOf(MustDate("2022-06-30")))
			require.NoError(t, err)
			o := episodeObligationOf(t, a, "DEU", 4, 1)
			assert.Equal(t, tt.want, o.Class, o.StatusText)
		})
	}
}

// TestDerivedClassIgnoresAnsweredRequests: a derived value built on the episodes (past the
// deadline, completed on time, projected to miss) takes the class of an extension request only
// while no recorded deadline answers it. Chad's Article 4 request of 2023 (its year assumed,
// illustrative) was answered by the deadline decided that year (estimate): at the end of 2023
// "not past its deadline" rests on that decision, not on the request. Iraq's request of 2022,
// still awaiting a decision, is what its "not known" rests on.
func TestDerivedClassIgnoresAnsweredRequests(t *testing.T) {
	ds := sampleDataset(t)
	for _, tt := range []struct {
		iso3, field string
		year        int
		want        Class
	}{
		{"TCD", "art4_past_deadline", 2023, ClassEstimate},
		{"TCD", "art4_projected_to_miss", 2023, ClassIllustrative}, // the figures are illustrative
		{"BIH", "art4_completed_on_time", 2023, ClassEstimate},
		{"IRQ", "art4_past_deadline", 2023, ClassMonitor}, // the request (official) and the start (Monitor)
		{"LBN", "art4_past_deadline", 2021, ClassEstimate},
	} {
		t.Run(tt.iso3+"/"+tt.field, func(t *testing.T) {
			var se stateEnv
			si := ds.stateIdx[tt.iso3]
			ds.build(si, frame{year: tt.year, asOf: MustDate(fmt.Sprintf("%d-06-30", tt.year+1)), counting: CountingDeposit,
				adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
			assert.Equal(t, tt.want, ds.valueClass(si, fieldIndex[tt.field], tt.year, &se))
		})
	}
}

// TestProjectedToMissClassFollowsItsFigures: art*_projected_to_miss takes the class of the
// figures its projection rests on, of whichever years of the episode they are, not only the
// year's. Before, the report on 2022 counted Chad in 24.5 (projected to miss) marked ᵐ, the class
// of its obligation's start: the projection rests on its 2019 figures, which are illustrative.
func TestProjectedToMissClassFollowsItsFigures(t *testing.T) {
	t.Run("sample", func(t *testing.T) {
		ds := sampleDataset(t)
		var se stateEnv
		si := ds.stateIdx["TCD"]
		ds.build(si, frame{year: 2022, asOf: MustDate("2023-06-30"), counting: CountingDeposit, adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
		require.NotNil(t, se.env.Art4ProjectedToMiss)
		assert.True(t, *se.env.Art4ProjectedToMiss)
		assert.Equal(t, ClassIllustrative, ds.valueClass(si, fieldIndex["art4_projected_to_miss"], 2022, &se))
	})
	// A figure of an earlier year of the rate marks the value (the fixture declares no
	// registers, so the absence of an extension request is unstated).
	base := "" +
		"DEU,2010,art4_obligation_start,2010-08-01,treaty,official,\n" +
		"DEU,2019,art4_deadline,2025-08-01,9MSP,official,\n" +
		"DEU,2020,art4_area_cleared_m2,500000,Article 7,official,\n" +
		"DEU,2020,art4_area_remaining_m2,9000000,Article 7,official,\n"
	for _, tt := range []struct {
		name, rows string
		want       Class
	}{
		{"official figures", "", ClassUnstated},
		{"an illustrative rate year", "DEU,2019,art4_area_cleared_m2,400000,assumed,illustrative,\n", ClassIllustrative},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := LoadDataset(dataFS(testStatesCSV, "iso3,year,field,value,source,class,recorded\n"+base+tt.rows), ".")
			require.NoError(t, err)
			var se stateEnv
			si := ds.stateIdx["DEU"]
			ds.build(si, frame{year: 2022, asOf: MustDate("2023-06-30"), counting: CountingDeposit, adopted: MustDate("2021-09-21"), rateYears: 3}, &se)
			require.NotNil(t, se.env.Art4ProjectedToMiss, "projected from 2020's figures")
			assert.True(t, *se.env.Art4ProjectedToMiss)
			assert.Equal(t, tt.want, ds.valueClass(si, fieldIndex["art4_projected_to_miss"], 2022, &se))
		})
	}
}
