package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The case: Lebanon completing clearance makes 26.1 undecidable (its answer is not
// known). The what-if's score changes are like for like: 26.1 is left out on both sides, listed
// with its reason, and no score reads as a fall.
func TestLikeForLikeLebanon(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	base, err := p.NewBaseline(ctx, ds, 2025)
	require.NoError(t, err)
	sc, err := NewScenario("Lebanon", "", []EventSpec{{State: "Lebanon", Type: "complete-clearance", Date: "2025-06-30"}}, nil, ds)
	require.NoError(t, err)
	run, err := base.Run(ctx, sc)
	require.NoError(t, err)
	d := run.Diff()

	assert.Equal(t, []LeftOutIndicator{{ID: "26.1", Title: "Residual capacity kept after completion (of those with data)", Change: NoLongerDecided,
		BaseStatus: ProgressAchieved, ScenarioStatus: ProgressInsufficientData, Reason: "the answer of Lebanon is not known",
		ReasonSentence: d.LeftOut[0].ReasonSentence, NotKnown: []string{"LBN"}}}, d.LeftOut)
	assert.Equal(t, msgAnswersNotKnown, d.LeftOut[0].ReasonSentence.ID)

	o := d.Overall
	assert.Equal(t, 41, o.BaseScored)
	assert.Equal(t, 40, o.ScenarioScored)
	assert.Equal(t, 40, o.LikeForLike.Indicators)
	assert.Equal(t, []string{"26.1"}, o.LikeForLike.LeftOut)
	require.NotNil(t, o.Delta)
	assert.Positive(t, *o.Delta, "a completion raises the plan score like for like")
	assert.InDelta(t, *o.LikeForLike.ScenarioScore-*o.LikeForLike.BaseScore, *o.Delta, 1e-12)
	assert.InDelta(t, *o.ScenarioScore-*o.BaseScore, *o.FullDelta, 1e-12)
	assert.Negative(t, *o.FullDelta, "the full scores stay shown: 26.1 left the scenario's mean")
	assert.InDelta(t, *o.ScenarioScore, *o.LikeForLike.ScenarioScore, 1e-12, "the scenario scores every indicator the baseline does but 26.1")

	sec := map[string]ScoreChange{}
	for _, s := range d.Sections {
		sec[s.Key] = s
	}
	require.NotNil(t, sec["clearance"].Delta)
	assert.Positive(t, *sec["clearance"].Delta)
	assert.Equal(t, []string{"26.1"}, sec["clearance"].LikeForLike.LeftOut)
	for _, a := range d.Actions {
		switch a.Key {
		case "26":
			assert.Nil(t, a.Delta, "26.1 is action 26's only scored indicator: nothing to compare")
			assert.Equal(t, 0, a.LikeForLike.Indicators)
			assert.Nil(t, a.FullDelta, "scored in the baseline only")
		case "24":
			require.NotNil(t, a.Delta)
			assert.Positive(t, *a.Delta)
		default:
			if a.Delta != nil {
				assert.Zero(t, *a.Delta, "action %s", a.Key)
			}
		}
	}
	assert.Len(t, d.Changes().LeftOut, 1, "Changes keeps the list whole")
}

// With no indicator scored on one side only, the like-for-like scores are the assessments' own,
// to the last bit: the roll-ups taken again over every scored indicator give what Assess gave.
func TestLikeForLikeNothingLeftOut(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	for _, y := range []int{2022, 2025} {
		a, err := p.Assess(context.Background(), ds, y)
		require.NoError(t, err)
		d := Compare(a, a)
		assert.Empty(t, d.LeftOut)
		assert.NotNil(t, d.LeftOut, "[] rather than null in JSON")
		for _, c := range append(append([]ScoreChange{d.Overall}, d.Sections...), d.Actions...) {
			assert.Equal(t, c.BaseScore, c.LikeForLike.BaseScore, "%d %s", y, c.Key)
			assert.Equal(t, c.ScenarioScore, c.LikeForLike.ScenarioScore, "%d %s", y, c.Key)
			assert.Equal(t, c.BaseScored, c.LikeForLike.Indicators, "%d %s", y, c.Key)
			assert.Equal(t, c.FullDelta, c.Delta, "%d %s", y, c.Key)
		}
	}
}

// Why an indicator cannot be decided on one side: the States whose answers are not known, by
// name up to five, else their number; otherwise the side's own status reason.
func TestLeftOutReason(t *testing.T) {
	names := map[string]string{"IRQ": "Iraq", "LBN": "Lebanon", "TCD": "Chad"}
	scored := &IndicatorAssessment{IndicatorResult: IndicatorResult{ID: "9.1"}, Score: num(1), ProgressStatus: ProgressAchieved}
	tests := []struct {
		name     string
		unscored IndicatorAssessment
		want     string
	}{
		{"one not known", IndicatorAssessment{UnknownCheck: &UnknownCheck{NotKnown: 1, States: []string{"LBN"}}}, "the answer of Lebanon is not known"},
		{"three not known", IndicatorAssessment{UnknownCheck: &UnknownCheck{NotKnown: 3, States: []string{"IRQ", "LBN", "TCD"}}}, "the answers of Chad, Iraq and Lebanon are not known"},
		{"many not known", IndicatorAssessment{UnknownCheck: &UnknownCheck{NotKnown: 6, States: []string{"A", "B", "C", "D", "E", "F"}}}, "the answers of 6 States are not known"},
		{"too few", IndicatorAssessment{ProgressStatus: ProgressTooFew, ReasonSentence: say(msgProgressNoValue, yearArg("Year", 2025))}, "no value for 2025: not scored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.unscored
			u.ID = "9.1"
			l := leftOutIndicator(scored, &u, names)
			assert.Equal(t, NoLongerDecided, l.Change)
			assert.Equal(t, tt.want, l.Reason)
			l = leftOutIndicator(&u, scored, names)
			assert.Equal(t, NowDecided, l.Change)
			assert.Equal(t, tt.want, l.Reason, "the reason is the unscored side's")
		})
	}
}

// TestWhatIfNamesTheAcceptedMove: Angola joining in 2024 holding cluster munitions raises 12.1
// (the States Parties with stockpiles to destroy): a move the wrong way the plan accepts, and
// the what-if's diff names the exception with its reason; the same accession without
// stockpiles names none.
func TestWhatIfNamesTheAcceptedMove(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	base, err := p.NewBaseline(ctx, ds, 2024)
	require.NoError(t, err)
	for _, tc := range []struct {
		event string
		want  bool
	}{
		{"AGO ratify 2024-06-02 stockpile=1200", true},
		{"AGO ratify 2024-06-02", false},
	} {
		t.Run(tc.event, func(t *testing.T) {
			sp, err := ParseEventText(tc.event)
			require.NoError(t, err)
			ev, err := ds.ResolveEvent(sp)
			require.NoError(t, err)
			changes, err := ds.ExpandEvents([]Event{ev})
			require.NoError(t, err)
			run, err := base.Run(ctx, &Scenario{Name: tc.event, Events: []Event{ev}, Changes: changes})
			require.NoError(t, err)
			c, ok := run.Diff().Indicator("12.1")
			require.True(t, ok)
			if !tc.want {
				assert.Nil(t, c.Exception)
				return
			}
			require.NotNil(t, c.Exception, "12.1 rose: the what-if says why")
			assert.Equal(t, NewsAccessionStockpile, c.Exception.News)
			assert.Contains(t, c.Exception.Reason, "the work left under Article 3")
			assert.Equal(t, "a State joining with stockpiles adds to the work left under Article 3", c.Exception.Short)
			assert.Less(t, *c.ScenarioScore, *c.BaseScore)
		})
	}
}

// TestAcceptedMoveWithSeveralEvents: with several events, the documented exception is named
// only for a move the good news it covers causes. Angola joining with stockpiles beside Lebanon
// completing clearance: 12.1's rise is Angola's (Angola alone raises it, Lebanon alone does
// not), so it is accepted. Angola joining beside Bulgaria's completion withdrawn (a change
// given as such): Bulgaria alone raises 12.1 too, so the rise is not the news's alone and the
// exception does not cover it (NotCovered, no Exception). The same holds with two events where
// the second is not the kind the exception covers.
func TestAcceptedMoveWithSeveralEvents(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	base, err := p.NewBaseline(ctx, ds, 2024)
	require.NoError(t, err)
	bulgaria := Change{Kind: ChangeRemove, ISO3: "BGR", Field: "art3_completed_date", Year: 2023}
	for _, tc := range []struct {
		name    string
		events  []string
		changes []Change
		covered bool
	}{
		{"Angola joins, Lebanon completes clearance", []string{"AGO ratify 2024-06-02 stockpile=1200", "LBN complete-clearance 2024-06-30"}, nil, true},
		{"Lebanon completes clearance, Angola joins", []string{"LBN complete-clearance 2024-06-30", "AGO ratify 2024-06-02 stockpile=1200"}, nil, true},
		{"Angola joins, Bulgaria's completion withdrawn", []string{"AGO ratify 2024-06-02 stockpile=1200"}, []Change{bulgaria}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var evs []Event
			for _, text := range tc.events {
				sp, err := ParseEventText(text)
				require.NoError(t, err)
				ev, err := ds.ResolveEvent(sp)
				require.NoError(t, err)
				evs = append(evs, ev)
			}
			changes, err := ds.ExpandEvents(evs)
			require.NoError(t, err)
			run, err := base.Run(ctx, &Scenario{Name: tc.name, Events: evs, Changes: append(changes, tc.changes...)})
			require.NoError(t, err)
			c, ok := run.Diff().Indicator("12.1")
			require.True(t, ok)
			require.Greater(t, *c.ScenarioValue, *c.BaseValue, "12.1 rose")
			if tc.covered {
				require.NotNil(t, c.Exception, "the rise is Angola's")
				assert.Equal(t, NewsAccessionStockpile, c.Exception.News)
				assert.Nil(t, c.NotCovered)
				return
			}
			assert.Nil(t, c.Exception, "Bulgaria raises 12.1 too: the exception does not cover the rise")
			require.NotNil(t, c.NotCovered)
			assert.Equal(t, NewsAccessionStockpile, c.NotCovered.News)
		})
	}
}
