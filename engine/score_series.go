package engine

import (
	"strconv"
)

// An indicator's yearly series, with what each point is taken over (n, too-few) and, for sums,
// whether its coverage makes it comparable with the year before (docs/methodology.md,
// "Coverage of sums").

// Coverage is how completely a sum's population gave a figure in the assessed year, and
// whether that changed since the year before. A flagged sum is shown with its flag wherever
// its value is shown, is never ranked among the largest changes and gets no direction of
// travel: its movement may come from who reported rather than from what happened.
type Coverage struct {
	Known      int      `json:"known"`      // States that gave a figure
	Population int      `json:"population"` // States in the population
	Share      *float64 `json:"share"`      // known / population; nil for an empty population
	// Low: Share is below the plan's min_coverage.
	Low bool `json:"low"`
	// Missing lists the States in the population without a figure.
	Missing []string `json:"missing"`
	// Dropped lists the States that gave a figure the year before and none this year, while
	// in the population both years; Added the reverse.
	Dropped []string `json:"dropped,omitempty"`
	Added   []string `json:"added,omitempty"`
	Reason  string   `json:"reason,omitempty"` // why it is flagged; empty when it is not
	// ReasonSentence is Reason as a message and its values, for other languages.
	ReasonSentence Sentence `json:"-"`
}

// seriesPoint is the series entry of one year's result. It keeps who counted and who is not
// known: for a sum, the coverage comparison with the next year; for a count or a share, the
// range its States not known allow (score_unknowns.go).
func seriesPoint(ir *IndicatorResult, year int) YearValue {
	yv := YearValue{Year: year, N: ir.N, TooFew: ir.Status == ValueTooFew, status: ir.Status, population: ir.Population, known: ir.Known}
	if ir.Value != nil {
		yv.Value, yv.Class = num(*ir.Value), ir.Class
	}
	yv.counted, yv.noData, yv.supposed = ir.Counted, ir.NoData, ir.Supposed
	return yv
}

// stub is the result a reassessment keeps for a year it did not evaluate again: what the
// series and the coverage comparison need.
func (yv YearValue) stub(ind *Indicator) IndicatorResult {
	ir := IndicatorResult{ID: ind.ID, Aggregate: ind.Aggregate, Status: yv.status, N: yv.N, Population: yv.population,
		Known: yv.known, Counted: yv.counted, NoData: yv.noData, Supposed: yv.supposed}
	if yv.Value != nil {
		ir.Value, ir.Class = num(*yv.Value), yv.Class
	}
	return ir
}

// seriesOf builds indicator i's series over results (one per year, ascending) and flags the
// coverage of a sum's points.
func seriesOf(results []*Result, i int, sc Scoring) []YearValue {
	out := make([]YearValue, 0, len(results))
	for _, r := range results {
		// every result holds the same indicators in the same order
		p := seriesPoint(&r.Indicators[i], r.Year)
		p.AsOf = r.AsOf // the day the year is seen at
		out = append(out, p)
	}
	for k := range out {
		if out[k].Value == nil || results[k].Indicators[i].Aggregate != AggSum {
			continue
		}
		var prev *YearValue
		if k > 0 && out[k-1].Year == out[k].Year-1 && out[k-1].Value != nil {
			prev = &out[k-1]
		}
		out[k].CoverageFlag = coverageOf(&out[k], prev, sc, nil).Reason != ""
	}
	return out
}

// coverageOf compares a sum's point with the year before (nil when there is none); name gives
// the names of the States its reason lists (nil: their codes).
func coverageOf(cur, prev *YearValue, sc Scoring, name func(iso3 string) string) Coverage {
	c := Coverage{Known: cur.known, Population: cur.population, Missing: append([]string{}, cur.noData.List()...)}
	var why []Sentence
	if cur.population > 0 {
		sh := float64(cur.known) / float64(cur.population)
		c.Share = &sh
		if sh < sc.MinCoverage-scoreEps {
			c.Low = true
			share := numArg("Share", 0)
			share.Num, _ = strconv.ParseFloat(strconv.FormatFloat(100*sh, 'f', 0, 64), 64)
			share.Kind, share.Dec = ArgPercent, 0
			low := numArg("Min", 100*sc.MinCoverage)
			low.Kind = ArgPercent
			why = append(why, say(msgCoverageLow, intArg("Known", cur.known), intArg("Population", cur.population), share, low))
		}
	}
	if prev != nil {
		c.Dropped = intersect(prev.counted, cur.noData)
		c.Added = intersect(cur.counted, prev.noData)
		if len(c.Dropped) > 0 {
			why = append(why, say(msgCoverageDropped, yearArg("Year", cur.Year), statesArg("States", c.Dropped, name), intArg("N", len(c.Dropped)), yearArg("Prev", prev.Year)))
		}
		if len(c.Added) > 0 {
			why = append(why, say(msgCoverageAdded, yearArg("Year", cur.Year), statesArg("States", c.Added, name), intArg("N", len(c.Added)), yearArg("Prev", prev.Year)))
		}
	}
	if len(why) > 0 {
		c.ReasonSentence = say(msgClauses, listArg("Clauses", why))
		c.Reason = c.ReasonSentence.String()
	}
	return c
}

// intersect lists the members of a that are in b, in a's order.
func intersect(a, b StateSet) []string {
	var out []string
	for s := range a.All() {
		if b.Has(s) {
			out = append(out, s)
		}
	}
	return out
}
