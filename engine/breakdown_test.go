package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBreakdownsAddUp is the property of results by group: for every indicator, year,
// counting convention and breakdown of the shipped plan on the sample, every State of the
// population is in exactly one group, so the groups' populations, counted, not counted, no
// data and known add up to the whole's; a count's (and a sum's) group values add up to its
// value; and splitting does not change the whole.
func TestBreakdownsAddUp(t *testing.T) {
	p := shippedPlan(t)
	ds := sampleDataset(t)
	ctx := context.Background()
	var keys []string
	for _, b := range p.Breakdowns() {
		keys = append(keys, b.Key)
	}
	require.Equal(t, []string{"region", "article4"}, keys)
	for _, counting := range []Counting{CountingDeposit, CountingEntryIntoForce} {
		plain, err := p.EvaluateYears(ctx, ds, 2019, 2026, WithCounting(counting))
		require.NoError(t, err)
		split, err := p.EvaluateYears(ctx, ds, 2019, 2026, WithCounting(counting), By(keys...))
		require.NoError(t, err)
		for yi, r := range split {
			for ii, ir := range r.Indicators {
				whole := plain[yi].Indicators[ii]
				name := fmt.Sprintf("%s %d %s", ir.ID, r.Year, counting)
				groups := ir.Groups
				ir.Groups = nil
				require.Equal(t, whole, ir, "%s: splitting does not change the whole", name)
				if ir.Status == ValueError {
					assert.Empty(t, groups, name)
					continue
				}
				for _, key := range keys {
					var pop, counted, notCounted, noData, known int
					var sum float64
					allValues := true
					for _, g := range groups {
						if g.By != key {
							continue
						}
						assert.Equal(t, g.Counted+g.NotCounted+g.NoData, g.Population, "%s %s %s", name, key, g.Group)
						assert.Equal(t, g.Counted+g.NotCounted, g.Known, "%s %s %s", name, key, g.Group)
						pop += g.Population
						counted += g.Counted
						notCounted += g.NotCounted
						noData += g.NoData
						known += g.Known
						if g.Value == nil {
							allValues = false
						} else {
							sum += *g.Value
						}
					}
					assert.Equal(t, ir.Population, pop, "%s %s population", name, key)
					assert.Equal(t, ir.Counted.Len(), counted, "%s %s counted", name, key)
					assert.Equal(t, ir.NotCounted.Len(), notCounted, "%s %s not counted", name, key)
					assert.Equal(t, ir.NoData.Len(), noData, "%s %s no data", name, key)
					assert.Equal(t, ir.Known, known, "%s %s known", name, key)
					switch ir.Aggregate {
					case AggCount:
						require.NotNil(t, ir.Value, name)
						assert.InDelta(t, *ir.Value, sum, 1e-9, "%s %s: a count is the sum of its groups", name, key)
					case AggSum:
						if allValues && ir.Value != nil {
							assert.InDelta(t, *ir.Value, sum, 1e-6*math.Max(1, math.Abs(*ir.Value)), "%s %s: a sum is the sum of its groups", name, key)
						}
					}
				}
			}
		}
	}
}

// TestBreakdownOneGroup: a breakdown whose only group takes every State gives the whole's
// value, n, status and class: the same aggregate, unknown policy and small-number rule.
func TestBreakdownOneGroup(t *testing.T) {
	fsys := shippedPlanFS(t)
	fsys["plan.toml"].Data = append(fsys["plan.toml"].Data,
		"\n[[breakdown]]\nkey = \"all\"\ntitle = \"All\"\n[[breakdown.group]]\nkey = \"all\"\ntitle = \"All States\"\nwhen = 'true'\n"...)
	p, err := Load(fsys)
	require.NoError(t, err)
	ds := sampleDataset(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		y := 2019 + rng.IntN(7)
		r, err := p.Evaluate(context.Background(), ds, y, By("all"))
		require.NoError(t, err)
		for _, ir := range r.Indicators {
			if ir.Status == ValueError {
				continue
			}
			require.Len(t, ir.Groups, 1, "%s: \"other\" is left out when it holds no State", ir.ID)
			g := ir.Groups[0]
			assert.Equal(t, ir.Value, g.Value, "%s %d", ir.ID, y)
			assert.Equal(t, ir.N, g.N, "%s %d", ir.ID, y)
			assert.Equal(t, ir.Status, g.Status, "%s %d", ir.ID, y)
			assert.Equal(t, ir.Class, g.Class, "%s %d", ir.ID, y)
			assert.Equal(t, ir.KOfN(), g.KOfN, "%s %d", ir.ID, y)
		}
	}
}

// TestBreakdownRegion reproduces the published African count: 36 of the 54 African States
// were States Parties after South Sudan's accession (data dictionary §1.1).
func TestBreakdownRegion(t *testing.T) {
	p := shippedPlan(t)
	r, err := p.Evaluate(context.Background(), sampleDataset(t), 2024, By(RegionBreakdown), AsOf(MustDate("2024-12-31")))
	require.NoError(t, err)
	ir, ok := r.Indicator("10.1")
	require.True(t, ok)
	var titles []string
	total := 0.0
	for _, g := range ir.Groups {
		titles = append(titles, g.Title)
		total += *g.Value
		if g.Group == "africa" {
			assert.Equal(t, 36.0, *g.Value)
			assert.Equal(t, 54, g.Population)
			assert.Equal(t, "36 of 54", g.KOfN)
		}
	}
	assert.Equal(t, []string{"Africa", "Americas", "Asia-Pacific", "Europe", "Middle East"}, titles)
	assert.Equal(t, 112.0, total, "the regions add up to the 112 States Parties")
	assert.Equal(t, 112.0, *ir.Value)

	// a group of fewer than min_population States in a share is too few, as the whole would be
	ir, _ = r.Indicator("43.3")
	for _, g := range ir.Groups {
		if g.N < ir.MinPopulation && g.Value != nil {
			assert.Equal(t, ValueTooFew, g.Status, g.Group)
		}
	}
}

func TestByUnknown(t *testing.T) {
	_, err := shippedPlan(t).Evaluate(context.Background(), sampleDataset(t), 2024, By("continent"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown breakdown "continent": want one of region, article4`)
}

func TestLoadBadBreakdown(t *testing.T) {
	tests := []struct {
		name, toml, key, msg string
	}{
		{"no key", "[[breakdown]]\ntitle = \"x\"\n", "breakdown[0].key", "has no key"},
		{"bad key", "[[breakdown]]\nkey = \"Art 4\"\n", "breakdown[0].key", "lower-case letters"},
		{"region with groups", "[[breakdown]]\nkey = \"region\"\ntitle = \"Regions\"\n", "breakdown[0].key", "built in"},
		{"no groups", "[[breakdown]]\nkey = \"a4\"\ntitle = \"A4\"\n", "breakdown[0].key", "no [[breakdown.group]]"},
		{"nilable when", "[[breakdown]]\nkey = \"a4\"\ntitle = \"A4\"\n[[breakdown.group]]\nkey = \"x\"\ntitle = \"X\"\nwhen = 'art4_national_strategy'\n",
			"breakdown.group[0].when", "can be nil"},
		{"when not bool", "[[breakdown]]\nkey = \"a4\"\ntitle = \"A4\"\n[[breakdown.group]]\nkey = \"x\"\ntitle = \"X\"\nwhen = 'year'\n",
			"breakdown.group[0].when", "when:"},
		{"group other", "[[breakdown]]\nkey = \"a4\"\ntitle = \"A4\"\n[[breakdown.group]]\nkey = \"other\"\ntitle = \"X\"\nwhen = 'party'\n",
			"breakdown.group[0].key", "used twice"},
		{"unknown indicator", "[[breakdown]]\nkey = \"region\"\nreport = [\"1.1\", \"99.9\"]\n", "breakdown[0].report", `"99.9"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testPlanFS()
			fsys["plan.toml"] = &fstest.MapFile{Data: []byte(testPlanTOML + "\n" + tt.toml)}
			_, err := Load(fsys)
			var diags Diagnostics
			require.True(t, errors.As(err, &diags), "%v", err)
			var found *Diagnostic
			for _, d := range diags {
				if d.Key == tt.key {
					found = d
				}
			}
			require.NotNil(t, found, "%v", err)
			assert.Contains(t, found.Message, tt.msg)
			assert.Equal(t, "plan.toml", found.File)
			assert.NotZero(t, found.Line, "located in plan.toml")
		})
	}
}
