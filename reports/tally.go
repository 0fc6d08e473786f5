package reports

import (
	"slices"

	"github.com/lapmonitor/lap/engine"
)

// Tallies of facts the report shows beside the indicators: the UN General Assembly votes on
// the Convention's resolution and the cumulative Article 3 destruction. They count what the
// data record, as known at the cut-off, and say which years they cover.

// VoteYear is the tally of the votes the data record for one year's UN General Assembly
// resolution "Implementation of the Convention on Cluster Munitions" (field unga_vote).
type VoteYear struct {
	Year     int `json:"year"`
	Yes      int `json:"yes"`
	No       int `json:"no"`
	Abstain  int `json:"abstain"`
	Absent   int `json:"absent"`
	Recorded int `json:"recorded"` // States with a vote recorded
	// Class is the least reliable class of the votes counted.
	Class engine.Class `json:"class,omitempty"`
}

// Mark is the class mark of the tally.
func (v VoteYear) Mark() markInfo { return markOf(v.Class) }

const voteField = "unga_vote"

// tallyVotes counts the recorded votes of every year up to year that has any, as known at
// asOf.
func tallyVotes(ds *engine.Dataset, year int, asOf engine.Date) []VoteYear {
	var out []VoteYear
	states := ds.States()
	for _, y := range ds.FieldYears(voteField) {
		if y > year {
			break
		}
		v := VoteYear{Year: y}
		var cc engine.ClassCounts
		for _, st := range states {
			fr, ok, err := ds.Lookup(st.ISO3, voteField, y, asOf)
			if err != nil || !ok {
				continue
			}
			v.Recorded++
			cc.Add(fr.Class)
			switch fr.Value {
			case "yes":
				v.Yes++
			case "no":
				v.No++
			case "abstain":
				v.Abstain++
			default:
				v.Absent++
			}
		}
		if v.Recorded == 0 {
			continue
		}
		v.Class = cc.Weakest()
		out = append(out, v)
	}
	return out
}

// Article3Totals is the Article 3 destruction the data record, year by year and cumulated,
// from the first year with a figure to the report's year.
type Article3Totals struct {
	Years []Article3Year `json:"years"`
	// From is the first year with a figure (0 when the data hold none); the Convention entered
	// into force on 1 August 2010, so years before From are not covered.
	From         int          `json:"from"`
	Munitions    float64      `json:"munitions"`
	Submunitions float64      `json:"submunitions"`
	Class        engine.Class `json:"class,omitempty"`
}

// Mark is the class mark of the cumulative totals.
func (t Article3Totals) Mark() markInfo { return markOf(t.Class) }

// Article3Year is one year's destruction: the States' figures added up.
type Article3Year struct {
	Year         int          `json:"year"`
	Munitions    float64      `json:"munitions"`
	Submunitions float64      `json:"submunitions"`
	States       int          `json:"states"` // States with a figure
	CumMunitions float64      `json:"cumulative_munitions"`
	CumSub       float64      `json:"cumulative_submunitions"`
	Class        engine.Class `json:"class,omitempty"`
	// CumClass is the least reliable class of the figures cumulated up to the year.
	CumClass engine.Class `json:"cumulative_class,omitempty"`
}

// Mark is the class mark of the year's figures.
func (y Article3Year) Mark() markInfo { return markOf(y.Class) }

const (
	destroyedMunitions    = "art3_destroyed_munitions"
	destroyedSubmunitions = "art3_destroyed_submunitions"
)

// article3Totals adds up the destruction figures of every State, year by year to year, as
// known at asOf.
func article3Totals(ds *engine.Dataset, year int, asOf engine.Date) Article3Totals {
	var t Article3Totals
	var all engine.ClassCounts
	states := ds.States()
	years := append(ds.FieldYears(destroyedMunitions), ds.FieldYears(destroyedSubmunitions)...)
	slices.Sort(years)
	for _, y := range slices.Compact(years) {
		if y > year {
			break
		}
		ay := Article3Year{Year: y}
		var cc engine.ClassCounts
		for _, st := range states {
			any := false
			for _, f := range []string{destroyedMunitions, destroyedSubmunitions} {
				fr, ok, err := ds.Lookup(st.ISO3, f, y, asOf)
				if err != nil || !ok {
					continue
				}
				v, _ := fr.Value.(float64)
				if f == destroyedMunitions {
					ay.Munitions += v
				} else {
					ay.Submunitions += v
				}
				cc.Add(fr.Class)
				all.Add(fr.Class)
				any = true
			}
			if any {
				ay.States++
			}
		}
		if ay.States == 0 {
			continue
		}
		if t.From == 0 {
			t.From = y
		}
		t.Munitions += ay.Munitions
		t.Submunitions += ay.Submunitions
		ay.CumMunitions, ay.CumSub, ay.Class, ay.CumClass = t.Munitions, t.Submunitions, cc.Weakest(), all.Weakest()
		t.Years = append(t.Years, ay)
	}
	t.Class = all.Weakest()
	return t
}
