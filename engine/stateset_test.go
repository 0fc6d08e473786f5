package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStateSet(t *testing.T) {
	s := NewStateSet("NGA", "DEU", "LTU", "DEU")
	assert.Equal(t, []string{"DEU", "LTU", "NGA"}, s.List(), "sorted, each code once")
	assert.Equal(t, 3, s.Len())
	assert.True(t, s.Has("LTU"))
	assert.False(t, s.Has("SSD"))
	assert.False(t, s.Has(""))
	assert.Equal(t, "[DEU LTU NGA]", s.String(), "as fmt prints the list")
	var first []string
	for iso := range s.All() {
		first = append(first, iso)
		break
	}
	assert.Equal(t, []string{"DEU"}, first, "All stops when asked")
	l := s.List()
	l[0] = "XXX"
	assert.Equal(t, []string{"DEU", "LTU", "NGA"}, s.List(), "List gives a copy")

	var zero StateSet
	assert.Nil(t, zero.List())
	assert.Zero(t, zero.Len())
	assert.False(t, zero.Has("DEU"))
	assert.Equal(t, "[]", zero.String())
	empty := NewStateSet()
	assert.Equal(t, []string{}, empty.List(), "an empty set that was filled lists as empty, not nil")

	for _, c := range []struct {
		set  StateSet
		json string
	}{{s, `["DEU","LTU","NGA"]`}, {empty, `[]`}, {zero, `null`}} {
		b, err := json.Marshal(c.set)
		require.NoError(t, err)
		assert.JSONEq(t, c.json, string(b))
		var back StateSet
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, c.set.List(), back.List(), c.json)
	}
	var bad StateSet
	assert.Error(t, json.Unmarshal([]byte(`{"a":1}`), &bad))
}

// TestStateSetsOverWords: sets over more than one 64-bit word, the boundaries included.
func TestStateSetsOverWords(t *testing.T) {
	codes := make([]string, 200)
	for i := range codes {
		codes[i] = fmt.Sprintf("S%03d", i)
	}
	outcomes := make([]uint8, len(codes))
	var want [4][]string
	for i := range outcomes {
		outcomes[i] = uint8(i*7%11) % 4
		want[outcomes[i]] = append(want[outcomes[i]], codes[i])
	}
	counted, notCounted, noData := stateSets(&codes, outcomes)
	for k, s := range []StateSet{counted, notCounted, noData} {
		assert.Equal(t, want[k+1], s.List())
		assert.Equal(t, len(want[k+1]), s.Len())
		for _, iso := range codes {
			assert.Equal(t, slices.Contains(want[k+1], iso), s.Has(iso), iso)
		}
	}
}

// TestStateListsFromOutcomes: for every indicator of the shipped plan over the sample, for
// every year and both counting conventions, the compact State sets list exactly the States the
// traced outcomes give, in dataset order, as the lists built eagerly did: counted (rule true or
// a number), not counted (rule false) and no data (in the population, no result, no error).
func TestStateListsFromOutcomes(t *testing.T) {
	p, ds := benchSetup(t)
	for _, c := range []Counting{CountingDeposit, CountingEntryIntoForce} {
		rs, err := p.EvaluateYears(context.Background(), ds, 2008, 2026, WithCounting(c), Trace())
		require.NoError(t, err)
		for _, r := range rs {
			for _, ir := range r.Indicators {
				var counted, notCounted, noData []string
				for _, so := range ir.States {
					if !so.InPopulation || so.Error != "" {
						continue
					}
					switch so.Result {
					case nil:
						noData = append(noData, so.ISO3)
					case false:
						notCounted = append(notCounted, so.ISO3)
					default:
						counted = append(counted, so.ISO3)
					}
				}
				at := fmt.Sprintf("%s %d %s", ir.ID, r.Year, c)
				assert.Equal(t, counted, nilIfEmpty(ir.Counted.List()), at)
				assert.Equal(t, notCounted, nilIfEmpty(ir.NotCounted.List()), at)
				assert.Equal(t, noData, nilIfEmpty(ir.NoData.List()), at)
				assert.Equal(t, len(counted)+len(notCounted), ir.Known, at)
			}
		}
	}
}

func nilIfEmpty(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return l
}

// TestQuickLoop: the loop for indicators whose population and rule are read inline gives the
// results of the general loop, for every indicator of the sample, year and counting
// convention, and serves a good part of the shipped plan.
func TestQuickLoop(t *testing.T) {
	p, ds := benchSetup(t)
	quick := 0
	for _, ind := range p.indicators {
		if (ind.Aggregate == AggCount || ind.Aggregate == AggShare) && ind.Population.quick() && ind.Rule.quick() {
			quick++
		}
	}
	assert.GreaterOrEqual(t, quick, 10, "indicators the quick loop serves")
	for _, c := range []Counting{CountingDeposit, CountingEntryIntoForce} {
		fast, err := p.EvaluateYears(context.Background(), ds, 2008, 2026, WithCounting(c))
		require.NoError(t, err)
		noQuickLoop = true
		slow, err := p.EvaluateYears(context.Background(), ds, 2008, 2026, WithCounting(c))
		noQuickLoop = false
		require.NoError(t, err)
		require.Equal(t, len(slow), len(fast))
		for i := range slow {
			for k := range slow[i].Indicators {
				assert.Equal(t, slow[i].Indicators[k], fast[i].Indicators[k], "%s %d %s", slow[i].Indicators[k].ID, slow[i].Year, c)
			}
		}
	}
}
