package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The what-if says, per indicator, who entered or left its population and why (issue 11,
// item 8): the two cases of the issue.
func TestComposition(t *testing.T) {
	p, ds := shippedPlan(t), sampleDataset(t)
	ctx := context.Background()
	note := func(d Diff, id, iso string) *PopulationNote {
		c, ok := d.Indicator(id)
		require.True(t, ok, id)
		for i := range c.Population {
			if c.Population[i].ISO3 == iso {
				return &c.Population[i]
			}
		}
		return nil
	}

	base, err := p.NewBaseline(ctx, ds, 2025)
	require.NoError(t, err)
	run, err := base.Run(ctx, &Scenario{Name: "Lebanon completes", Changes: []Change{
		{Kind: ChangeSet, ISO3: "LBN", Field: "art4_completed_date", Year: 2025, Value: "2025-06-30"}}})
	require.NoError(t, err)
	d := Compare(base.Assessment(), run.Assessment)
	base.Composition(run, &d)
	n := note(d, "24.2", "LBN")
	require.NotNil(t, n, "Lebanon leaves the population of the remaining area")
	assert.Equal(t, "left", n.Change)
	assert.Equal(t, "Lebanon left the population: it completed clearance in 2025", n.Text)
	assert.Nil(t, note(d, "27.1", "LBN"), "risk education counts the obligation during the year: Lebanon stays")
	assert.Nil(t, note(d, "22.1", "LBN"))
	require.NotEmpty(t, d.Composition)
	assert.Equal(t, CompositionNote{Text: n.Text, Indicators: []string{"24.2", "24.5"}, TextSentence: n.TextSentence}, d.Composition[0])
	assert.Len(t, d.Changes().Composition, len(d.Composition), "Changes keeps the notes")
	require.NotNil(t, d.Overall.Delta)
	// Lebanon enters 26.1 (residual capacity after completion) with its answer not known, so
	// 26.1's "achieved" is not known any more and leaves the means (docs/methodology.md §3.2):
	// over the indicators scored on each side the plan score falls by 0.0127, but like for
	// like (26.1 left out on both sides) it rises with 24.5's gain (one fewer projected to
	// miss), and that is the change the what-if reports (docs/whatif.md, "Like for like").
	require.NotNil(t, d.Overall.FullDelta)
	assert.Equal(t, "-0.0127", fnum(*d.Overall.FullDelta))
	assert.Equal(t, "0.0028", fnum(*d.Overall.Delta))
	c261, ok := run.Assessment.Indicator("26.1")
	require.True(t, ok)
	assert.Equal(t, ProgressInsufficientData, c261.ProgressStatus)
	assert.Equal(t, "with the answer of Lebanon not known, it could be in need of acceleration or achieved", c261.Reason)
	found, left := p.checkGoodNews(base.Assessment(), run.Assessment, news{iso3: "LBN", kind: NewsArt4Completed})
	assert.Empty(t, found, "no move the wrong way, like for like")
	assert.Equal(t, []AuditLeftOut{{ISO3: "LBN", News: NewsArt4Completed, Indicator: "26.1", Change: NoLongerDecided,
		Reason: "the answer of Lebanon is not known"}}, left)

	base, err = p.NewBaseline(ctx, ds, 2024)
	require.NoError(t, err)
	sc := loadExample(t, "angola-accedes-2024.toml", ds, p)
	run, err = base.Run(ctx, sc)
	require.NoError(t, err)
	d = Compare(base.Assessment(), run.Assessment)
	base.Composition(run, &d)
	n = note(d, "22.1", "AGO")
	require.NotNil(t, n)
	assert.Equal(t, "stays-out", n.Change)
	assert.Equal(t, "Angola is not in the population: its first Article 7 report is not yet due (due 2025-02-28)", n.Text)
	n = note(d, "18.3", "AGO")
	require.NotNil(t, n)
	assert.Equal(t, "entered", n.Change)
	n = note(d, "11.2", "AGO")
	require.NotNil(t, n)
	assert.Equal(t, "Angola left the population: it became a State Party", n.Text)
	assert.Nil(t, note(d, "10.3", "AGO"), "a fixed reference population: joining changes nothing")
	c, _ := d.Indicator("22.1")
	assert.False(t, c.Changed, "a note alone does not make a change")
	require.NotNil(t, d.Overall.Delta)
	assert.GreaterOrEqual(t, *d.Overall.Delta, 0.0, "issue 11: Angola acceding never lowers the plan score")
}
