package engine

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// extensionBase is Germany's Article 4 obligation in the fixture: from entry into force on
// 2010-08-01, treaty deadline 2020-08-01, with figures for a projection (2,000,000 m² left at
// the end of 2021, 500,000 m² cleared a year: complete in 2025, after the deadline).
const extensionBase = "" +
	"DEU,2010,art4_obligation_start,2010-08-01,ISU,\n" +
	"DEU,2010,art4_deadline,2020-08-01,treaty,\n" +
	"DEU,2020,art4_area_cleared_m2,500000,Article 7,\n" +
	"DEU,2020,art4_area_remaining_m2,2500000,Article 7,\n" +
	"DEU,2021,art4_area_cleared_m2,500000,Article 7,\n" +
	"DEU,2021,art4_area_remaining_m2,2000000,Article 7,\n"

// TestExtensionRequestRules: a deadline that has passed while an extension request awaits a
// decision is not known, never missed (docs/methodology.md §5.1, "Extension requests"); a
// request made while the deadline is ahead changes nothing; a decision (a new deadline, or
// not granted) settles it; a request made after the deadline passed, or for an earlier
// episode, does not count.
func TestExtensionRequestRules(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name       string
		rows       string
		year       int
		asOf       string
		verdict    Verdict
		past       *bool // art4_past_deadline
		toMiss     *bool // art4_projected_to_miss
		text       string
		requested  int // ObligationEpisode.ExtensionRequested, 0 for nil
		pending    bool
		projection ProjectionStatus
		deadline   string // shown; default the treaty deadline, 2020-08-01
	}{
		{name: "no request: past the deadline", year: 2021, verdict: VerdictNo, past: &yes, toMiss: &yes,
			text: "open, past the deadline", projection: ProjectionWillMiss},
		{name: "pending request, the deadline passed: not known",
			rows: "DEU,2019,art4_extension_requested,true,MSP documents,\n", year: 2021, verdict: VerdictUnknown,
			text: "open; deadline not known (extension requested in 2019, no decision recorded)", requested: 2019, pending: true,
			projection: ProjectionNotKnown},
		{name: "pending request, the deadline ahead: changes nothing",
			rows: "DEU,2019,art4_extension_requested,true,MSP documents,\n", year: 2019, verdict: VerdictPending, past: &no,
			text: "open, deadline ahead", requested: 2019, pending: true},
		{name: "a request in the deadline's own year counts",
			rows: "DEU,2020,art4_extension_requested,true,MSP documents,\n", year: 2021, verdict: VerdictUnknown,
			text: "open; deadline not known (extension requested in 2020, no decision recorded)", requested: 2020, pending: true,
			projection: ProjectionNotKnown},
		{name: "decided: a new deadline recorded",
			rows: "DEU,2019,art4_extension_requested,true,MSP documents,\nDEU,2019,art4_deadline,2021-08-01,9MSP,\n", year: 2021,
			verdict: VerdictNo, past: &yes, toMiss: &yes, text: "open, past the deadline", requested: 2019, projection: ProjectionWillMiss,
			deadline: "2021-08-01"},
		{name: "decided: not granted",
			rows: "DEU,2019,art4_extension_requested,true,MSP documents,\nDEU,2020,art4_extension_granted,false,10MSP,\n", year: 2021,
			verdict: VerdictNo, past: &yes, toMiss: &yes, text: "open, past the deadline", requested: 2019, projection: ProjectionWillMiss},
		{name: "granted without the new deadline recorded: not known",
			rows: "DEU,2019,art4_extension_requested,true,MSP documents,\nDEU,2020,art4_extension_granted,true,10MSP,\n", year: 2021,
			verdict: VerdictUnknown, text: "open; deadline not known (extension granted in 2020, new deadline not recorded)", requested: 2019,
			projection: ProjectionNotKnown},
		{name: "a request after the deadline's year leaves the State past it",
			rows: "DEU,2021,art4_extension_requested,true,late request,\n", year: 2021, verdict: VerdictNo, past: &yes, toMiss: &yes,
			text: "open, past the deadline", projection: ProjectionWillMiss},
		{name: "a request not yet known at as_of does not count",
			rows: "DEU,2019,art4_extension_requested,true,MSP documents,2022-03-01\n", year: 2021, asOf: "2021-12-31",
			verdict: VerdictNo, past: &yes, toMiss: &yes, text: "open, past the deadline", projection: ProjectionWillMiss},
		{name: "the same request once known",
			rows: "DEU,2019,art4_extension_requested,true,MSP documents,2022-03-01\n", year: 2021, asOf: "2022-06-30",
			verdict: VerdictUnknown, text: "open; deadline not known (extension requested in 2019, no decision recorded)", requested: 2019,
			pending: true, projection: ProjectionNotKnown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asOf := tt.asOf
			if asOf == "" {
				asOf = "2026-06-30"
			}
			ds := episodeFacts(t, extensionBase+tt.rows)
			eps, env := episodesOf(t, ds, 4, tt.year, asOf)
			require.Len(t, eps, 1)
			R := MustDate(env.RefDate)
			assert.Equal(t, tt.verdict, eps[0].verdict(R))
			assert.Equal(t, tt.past, env.Art4PastDeadline, "art4_past_deadline")
			if tt.year >= 2020 { // the figures start in 2020
				assert.Equal(t, tt.toMiss, env.Art4ProjectedToMiss, "art4_projected_to_miss")
			}
			_, sentence, detailSentence := eps[0].describe(4, eps[0].verdict(R), R)
			detail := detailSentence.String()
			text := sentence.String()
			assert.Equal(t, tt.text, text)
			assert.NotContains(t, text, "met")

			a, err := shippedPlan(t).Assess(context.Background(), ds, tt.year, AsOf(MustDate(asOf)))
			require.NoError(t, err)
			oe := episodeOf(t, a, "DEU", 4, 1)
			assert.Equal(t, tt.verdict, oe.DeadlineMet)
			assert.Equal(t, tt.text, oe.StatusText)
			if tt.requested == 0 {
				assert.Nil(t, oe.ExtensionRequested)
			} else if assert.NotNil(t, oe.ExtensionRequested) {
				assert.Equal(t, tt.requested, *oe.ExtensionRequested)
				assert.Contains(t, fmt.Sprint(oe.Values), "art4_extension_requested", "the request is among the facts shown")
			}
			assert.Equal(t, tt.pending, oe.ExtensionPending)
			if tt.deadline == "" {
				tt.deadline = "2020-08-01"
			}
			assert.Equal(t, tt.deadline, oe.Deadline.String(), "the last deadline recorded stays shown")
			if tt.projection != "" {
				require.NotNil(t, oe.Projection)
				assert.Equal(t, tt.projection, oe.Projection.Status)
			}
			if tt.projection == ProjectionNotKnown {
				assert.Nil(t, oe.Projection.RateNeeded, "no rate is needed to meet a deadline that is not known")
				assert.Equal(t, ReasonDeadlineNotKnown, oe.Projection.ReasonCode)
				assert.Contains(t, oe.Projection.Reason, "the deadline that applies is not known: the last recorded, 1 August 2020, has passed")
				assert.Contains(t, detail, "deadline 1 August 2020")
			}
		})
	}
}

// TestExtensionRequestCompletedAndLaterEpisode: a completion after the deadline while a
// request awaited a decision is not known (art4_completed_on_time nil), never late; a request
// made for episode 1 does not follow a later episode.
func TestExtensionRequestCompletedAndLaterEpisode(t *testing.T) {
	ds := episodeFacts(t, extensionBase+"DEU,2020,art4_extension_requested,true,MSP documents,\nDEU,2021,art4_completed_date,2021-03-01,ISU,\n")
	eps, env := episodesOf(t, ds, 4, 2021, "2026-06-30")
	require.Len(t, eps, 1)
	assert.Equal(t, VerdictUnknown, eps[0].verdict(MustDate("2021-12-31")))
	assert.Nil(t, env.Art4CompletedOnTime)
	_, sentence, _ := eps[0].describe(4, VerdictUnknown, MustDate("2021-12-31"))
	text := sentence.String()
	assert.Equal(t, "completed; whether on time is not known (extension requested in 2020, no decision recorded)", text)

	ds = episodeFacts(t, extensionBase+"DEU,2020,art4_extension_requested,true,MSP documents,\n"+
		"DEU,2020,art4_completed_date,2020-05-01,ISU,\n"+
		"DEU,2022,art4_obligation_start,2022-04-01,new contamination,\n"+
		"DEU,2022,art4_deadline,2023-04-01,MSP decision,2022-11\n")
	eps, env = episodesOf(t, ds, 4, 2024, "2026-06-30")
	require.Len(t, eps, 2)
	assert.Equal(t, VerdictYes, eps[0].verdict(MustDate("2024-12-31")), "completed before the deadline: the request changes nothing")
	assert.Equal(t, VerdictNo, eps[1].verdict(MustDate("2024-12-31")), "episode 2 is past its own deadline: the 2020 request was for episode 1")
	assert.Equal(t, true, *env.Art4PastDeadline)
}

// TestPendingExtensionRequestsSample: in the sample, Germany and Lao PDR (deadline 1 August
// 2025, request 2024) and Iraq (deadline 1 November 2023, request 2022) have requests without a
// recorded decision. Once the deadline passes they are "not known", never past it, in every
// year and every output the engine gives; before it, the request changes nothing.
func TestPendingExtensionRequestsSample(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	pending := []struct {
		iso3      string
		deadline  string
		requested int
		passed    int // the first report year in which the deadline has passed
	}{
		{"DEU", "2025-08-01", 2024, 2025},
		{"LAO", "2025-08-01", 2024, 2025},
		{"IRQ", "2023-11-01", 2022, 2023},
	}
	for y := 2021; y <= 2025; y++ {
		a, err := p.Assess(context.Background(), ds, y)
		require.NoError(t, err)
		ind := map[string]IndicatorAssessment{}
		for _, ia := range a.Indicators {
			ind[ia.ID] = ia
		}
		for _, c := range pending {
			t.Run(fmt.Sprintf("%d/%s", y, c.iso3), func(t *testing.T) {
				oe := episodeOf(t, a, c.iso3, 4, 1)
				require.NotNil(t, oe.Deadline)
				assert.Equal(t, c.deadline, oe.Deadline.String())
				_, env := sampleEnv(t, ds, c.iso3, y)
				var view Obligation
				for _, sv := range a.States {
					if sv.ISO3 == c.iso3 {
						for _, o := range sv.Obligations {
							if o.Article == 4 {
								view = o
							}
						}
					}
				}
				if y < c.passed {
					assert.Equal(t, VerdictPending, oe.DeadlineMet, "the deadline is ahead: the request changes nothing")
					assert.Equal(t, false, *env.Art4PastDeadline)
					assert.Equal(t, "open, deadline ahead", oe.StatusText)
					return
				}
				note := fmt.Sprintf("extension requested in %d, no decision recorded", c.requested)
				assert.Equal(t, VerdictUnknown, oe.DeadlineMet, "never 'no'")
				assert.Equal(t, "open; deadline not known ("+note+")", oe.StatusText)
				require.NotNil(t, oe.ExtensionRequested)
				assert.Equal(t, c.requested, *oe.ExtensionRequested)
				assert.True(t, oe.ExtensionPending)
				require.NotNil(t, oe.Projection)
				assert.Equal(t, ProjectionNotKnown, oe.Projection.Status)
				assert.Equal(t, note, oe.Projection.ExtensionNote)
				assert.Nil(t, env.Art4PastDeadline, "art4_past_deadline: not known")
				assert.Nil(t, env.Art4ProjectedToMiss, "art4_projected_to_miss: not known")
				assert.Equal(t, VerdictUnknown, view.DeadlineMet, "the per-State view")
				assert.Equal(t, oe.StatusText, view.StatusText)
				for _, id := range []string{"24.1", "24.5"} {
					assert.Contains(t, ind[id].NoData.List(), c.iso3, "%s leaves the State out as not known", id)
					assert.NotContains(t, ind[id].Counted.List(), c.iso3, "%s never counts it as a miss", id)
				}
			})
		}
		if y == 2025 {
			afg := episodeOf(t, a, "AFG", 4, 1)
			assert.Equal(t, VerdictPending, afg.DeadlineMet, "AFG's 2025 request, deadline 1 March 2026 ahead: nothing changes")
			assert.True(t, afg.ExtensionPending)
			assert.Equal(t, "open, deadline ahead", afg.StatusText)
			assert.Contains(t, afg.Projection.Assumptions[0], "stays (extension requested in 2025, no decision recorded)")
		}
	}
}

// TestPendingRequestNeverMakesAMiss: for every State Party with an Article 3 or 4 obligation
// in the sample and every year 2019-2025, adding an extension request in any year never turns
// a verdict into "no" or a past-deadline / projected-to-miss field into true, and changes a
// verdict only from "no" to "unknown". (Good news never hurts, and a request is not a verdict.)
func TestPendingRequestNeverMakesAMiss(t *testing.T) {
	full := sampleDataset(t)
	states := full.States()
	byState := map[string][]Fact{}
	for _, f := range full.Facts() {
		byState[f.ISO3] = append(byState[f.ISO3], f)
	}
	for _, st := range states {
		for _, article := range []int{3, 4} {
			start := fmt.Sprintf("art%d_obligation_start", article)
			if !slices.ContainsFunc(byState[st.ISO3], func(f Fact) bool { return f.Field == start }) {
				continue
			}
			base, err := NewDataset(states, byState[st.ISO3])
			require.NoError(t, err)
			for ry := 2010; ry <= 2025; ry++ {
				field := fmt.Sprintf("art%d_extension_requested", article)
				if slices.ContainsFunc(byState[st.ISO3], func(f Fact) bool { return f.Field == field && f.Year == ry }) {
					continue
				}
				with, err := NewDataset(states, append(slices.Clone(byState[st.ISO3]), Fact{ISO3: st.ISO3, Year: ry, Field: field, Value: "true", Source: "test"}))
				require.NoError(t, err)
				for y := 2019; y <= 2025; y++ {
					b, eb := sampleEnv(t, base, st.ISO3, y)
					w, ew := sampleEnv(t, with, st.ISO3, y)
					beps, weps := b.eps4, w.eps4
					past, wpast, miss, wmiss := eb.Art4PastDeadline, ew.Art4PastDeadline, eb.Art4ProjectedToMiss, ew.Art4ProjectedToMiss
					if article == 3 {
						beps, weps = b.eps3, w.eps3
						past, wpast, miss, wmiss = eb.Art3PastDeadline, ew.Art3PastDeadline, eb.Art3ProjectedToMiss, ew.Art3ProjectedToMiss
					}
					require.Len(t, weps, len(beps))
					R := MustDate(eb.RefDate)
					for i := range beps {
						bv, wv := beps[i].verdict(R), weps[i].verdict(R)
						if bv != wv {
							assert.True(t, bv == VerdictNo && wv == VerdictUnknown, "%s art %d request %d year %d episode %d: %s -> %s", st.ISO3, article, ry, y, i+1, bv, wv)
						}
					}
					for _, pair := range [][2]*bool{{past, wpast}, {miss, wmiss}} {
						if pair[1] != nil && *pair[1] {
							assert.True(t, pair[0] != nil && *pair[0], "%s art %d request %d year %d: a request made a miss", st.ISO3, article, ry, y)
						}
					}
				}
			}
		}
	}
}
