package engine

import (
	"math"
)

// Direction of travel of an indicator without a target (docs/methodology.md, "Direction of
// travel"): the Statistics Canada method that Open SDG implements for indicators with no
// numeric target (peers.md §2). It is shown and counted apart from target-based progress and
// never enters a score.

// TrendStatus is an indicator's direction of travel.
type TrendStatus string

// The trend statuses.
const (
	TrendImproving TrendStatus = "improving" // moving the desired way at least cagr_improving a year
	TrendStable    TrendStatus = "stable"    // neither
	TrendWorsening TrendStatus = "worsening" // moving the other way faster than cagr_worsening
	// TrendInsufficientData: no comparable value in the year or in an earlier year since the
	// baseline (too few States, a flagged sum's coverage, or no data).
	TrendInsufficientData TrendStatus = "insufficient-data"
)

// TrendStatuses lists the trend statuses in report order.
var TrendStatuses = []TrendStatus{TrendImproving, TrendStable, TrendWorsening, TrendInsufficientData}

// TrendCounts counts indicators per trend status.
type TrendCounts struct {
	Improving        int `json:"improving"`
	Stable           int `json:"stable"`
	Worsening        int `json:"worsening"`
	InsufficientData int `json:"insufficient-data"`
}

// Get returns the count for one trend status.
func (c TrendCounts) Get(s TrendStatus) int {
	switch s {
	case TrendImproving:
		return c.Improving
	case TrendStable:
		return c.Stable
	case TrendWorsening:
		return c.Worsening
	case TrendInsufficientData:
		return c.InsufficientData
	}
	return 0
}

// Add counts one indicator with trend status s; the empty status (an indicator with a target)
// is not counted.
func (c *TrendCounts) Add(s TrendStatus) {
	switch s {
	case TrendImproving:
		c.Improving++
	case TrendStable:
		c.Stable++
	case TrendWorsening:
		c.Worsening++
	case TrendInsufficientData:
		c.InsufficientData++
	}
}

func (c *TrendCounts) add(o TrendCounts) {
	c.Improving += o.Improving
	c.Stable += o.Stable
	c.Worsening += o.Worsening
	c.InsufficientData += o.InsufficientData
}

// Travel is the arithmetic behind a trend status: the compound annual growth rate from the
// first comparable value since the baseline year to the assessed year's value.
type Travel struct {
	Status   TrendStatus `json:"status"`
	FromYear int         `json:"from_year,omitempty"`
	From     *float64    `json:"from"`
	ToYear   int         `json:"to_year,omitempty"`
	To       *float64    `json:"to"`
	// CAGR is (to / from)^(1 / (to_year - from_year)) - 1; nil when from is zero or a value
	// is negative, where the growth rate is undefined and the sign of the change decides
	// (Fallback).
	CAGR *float64 `json:"cagr"`
	// Progress is CAGR in the desired direction: CAGR for increase, -CAGR for decrease.
	Progress *float64 `json:"progress"`
	// Scale is the limit scaling factor C of a share that should rise towards 100%:
	// 1 - (from / 100)^4.44; 1 otherwise. It narrows the thresholds near the limit.
	Scale float64 `json:"scale"`
	// Improving and Worsening are the thresholds after scaling.
	Improving float64 `json:"improving"`
	Worsening float64 `json:"worsening"`
	Fallback  bool    `json:"fallback,omitempty"`
	Reason    string  `json:"reason"`
	// ReasonSentence is Reason as a message and its values (engine/sentence.go).
	ReasonSentence Sentence `json:"-"`
}

// limitExponent is the exponent of the Statistics Canada limit scaling factor.
const limitExponent = 4.44

// travel sets the direction of travel of an indicator without a target.
func (s *scorer) travel() {
	ia, ind, sc := s.ia, s.ind, s.sc
	t := &Travel{Status: TrendInsufficientData, Scale: 1}
	ia.Travel = t
	defer func() {
		t.Reason = t.ReasonSentence.String()
		ia.TrendStatus = t.Status
		s.step(say(msgExplainTravel+string(t.Status), clauseArg("Reason", t.ReasonSentence)))
	}()
	var cur, from *YearValue
	for k := range ia.Series {
		yv := &ia.Series[k]
		switch {
		case yv.Year == s.year:
			cur = yv
		case from == nil && yv.Year < s.year && (yv.Year >= s.by || yv.Year == s.year-1) && yv.Comparable():
			// from the baseline year on; in the baseline year itself, the year before
			from = yv
		}
	}
	switch {
	case cur == nil || cur.Value == nil:
		t.ReasonSentence = say(msgTravelNoValue, yearArg("Year", s.year))
		return
	case cur.TooFew:
		t.ReasonSentence = say(msgTravelTooFew, yearArg("Year", s.year))
		return
	case cur.CoverageFlag:
		t.ReasonSentence = say(msgTravelCoverage, yearArg("Year", s.year))
		return
	case from == nil:
		t.ReasonSentence = say(msgTravelOneYear, yearArg("From", min(s.by, s.year-1)), yearArg("To", s.year-1))
		return
	}
	t.FromYear, t.From, t.ToYear, t.To = from.Year, num(*from.Value), cur.Year, num(*cur.Value)
	d := 1.0
	if ind.Direction == Decrease {
		d = -1
	}
	a, b := *from.Value, *cur.Value
	if ind.Unit == "percent" && ind.Direction == Increase && a <= 100 {
		t.Scale = 1 - math.Pow(math.Max(a, 0)/100, limitExponent)
	}
	t.Improving, t.Worsening = sc.CAGRImproving*t.Scale, sc.CAGRWorsening*t.Scale
	if a <= 0 || b < 0 {
		t.Fallback = true
		switch diff := d * (b - a); {
		case diff > sc.Tolerance:
			t.Status = TrendImproving
		case diff < -sc.Tolerance:
			t.Status = TrendWorsening
		default:
			t.Status = TrendStable
		}
		t.ReasonSentence = say(msgTravelFromZero, valueArg("FromValue", a, ind.Unit), yearArg("FromYear", from.Year), valueArg("ToValue", b, ind.Unit), yearArg("ToYear", cur.Year))
		return
	}
	g := math.Pow(b/a, 1/float64(cur.Year-from.Year)) - 1
	if math.Abs(g) < 1e-12 {
		g = 0
	}
	p := d * g
	if p == 0 {
		p = 0 // no negative zero in output
	}
	t.CAGR, t.Progress = num(g), num(p)
	vals := []Arg{valueArg("FromValue", a, ind.Unit), yearArg("FromYear", from.Year), valueArg("ToValue", b, ind.Unit), yearArg("ToYear", cur.Year),
		pctArg("Rate", p), pctArg("Improving", t.Improving), pctArg("Worsening", t.Worsening)}
	// The reader's reason names no setting; lap explain's check step does, from the same numbers.
	s.step(say(msgExplainCheckTravel, pctArg("Rate", p), numArg("Scale", t.Scale), pctArg("Improving", t.Improving), pctArg("Worsening", t.Worsening)))
	switch {
	case p > 0 && p >= t.Improving-scoreEps:
		t.Status = TrendImproving
		t.ReasonSentence = say(msgTravelImproving, vals...)
	case p < 0 && p < t.Worsening-scoreEps:
		t.Status = TrendWorsening
		t.ReasonSentence = say(msgTravelWorsening, vals...)
	default:
		t.Status = TrendStable
		t.ReasonSentence = say(msgTravelStable, vals...)
	}
}

// pct formats a rate as a percentage with up to two decimals.
func pct(v float64) string {
	return fnum(math.Round(v*1e4)/100) + "%"
}
