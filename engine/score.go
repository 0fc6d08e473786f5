package engine

import (
	"math"
	"strconv"
	"strings"
)

// Indicator progress: baseline, expected-by-now value, progress, status (docs/methodology.md,
// "Indicator progress"). Everything here is pure arithmetic over an indicator's series.

// scoreIndicator scores ir, the indicator's result for year, given its series of values (one
// entry per evaluated year, ascending, ending at year).
// names gives a State's name from its ISO3 code for the reasons that name States (nil: the codes).
func scoreIndicator(ir IndicatorResult, ind *Indicator, series []YearValue, year, planBaseline, planTarget int, sc Scoring, names func(iso3 string) string) IndicatorAssessment {
	ia := IndicatorAssessment{IndicatorResult: ir, Direction: ind.Direction, Method: ind.Method, Weight: ind.Weight,
		TargetYear: ind.TargetYear, TargetEachYear: ind.TargetEachYear, Series: series}
	if ia.Method == "" {
		ia.Method = MethodLinear
	}
	if ia.Weight == 0 {
		ia.Weight = 1
	}
	if ind.Target != nil {
		ia.Target = num(*ind.Target)
	}
	s := &scorer{ia: &ia, ind: ind, year: year, planTarget: planTarget, sc: sc, names: names}
	s.by = ind.BaselineYear
	if s.by == 0 {
		s.by = planBaseline
	}
	for _, yv := range series {
		if yv.Year == year-1 && yv.Value != nil {
			ia.Previous = num(*yv.Value)
		}
	}
	if ir.Aggregate == AggSum && len(series) > 0 {
		cur := &series[len(series)-1]
		var prev *YearValue
		if len(series) > 1 && series[len(series)-2].Year == cur.Year-1 && series[len(series)-2].Value != nil {
			prev = &series[len(series)-2]
		}
		if cur.Year == year && cur.Value != nil {
			c := coverageOf(cur, prev, sc, names)
			ia.Coverage, ia.CoverageFlag = &c, c.Reason != ""
			if ia.CoverageFlag {
				s.step(say(msgExplainCoverage, clauseArg("Reason", c.ReasonSentence)))
			}
		}
	}
	s.run()
	s.checkUnknowns()
	ia.steps = s.steps
	return ia
}

type scorer struct {
	ia         *IndicatorAssessment
	ind        *Indicator
	year       int
	by         int // the configured baseline year
	planTarget int
	sc         Scoring
	names      func(iso3 string) string // State names for reasons; nil: ISO3 codes
	steps      []Sentence
}

// step records one line of the scoring arithmetic (Explanation.Steps).
func (s *scorer) step(line Sentence) {
	s.steps = append(s.steps, line)
}

func (s *scorer) status(st ProgressStatus, reason Sentence) {
	s.ia.ProgressStatus = st
	s.ia.ReasonSentence = reason
	s.ia.Reason = reason.String()
	s.step(say(msgExplainStatus+string(st), clauseArg("Reason", reason)))
}

// expectedFraction is the share of the baseline-to-target distance the straight path covers
// by the assessed year, for a path starting in year b.
func (s *scorer) expectedFraction(b int) float64 {
	ind := s.ind
	switch {
	case ind.TargetEachYear:
		if s.year >= ind.TargetYear {
			return 1
		}
		return 0
	case ind.TargetYear <= b:
		return 1
	}
	return clamp(float64(s.year-b)/float64(ind.TargetYear-b), 0, 1)
}

// baseline finds the baseline: the value in the configured baseline year, or else in the
// first later year with a value before the assessed year.
func (s *scorer) baseline() (float64, int, bool) {
	for _, yv := range s.ia.Series {
		if yv.Value == nil || yv.TooFew || yv.Year < s.by || yv.Year > s.year {
			continue
		}
		if yv.Year == s.by || yv.Year < s.year {
			return *yv.Value, yv.Year, true
		}
	}
	return 0, 0, false
}

func (s *scorer) run() {
	ia, ind, sc := s.ia, s.ind, s.sc
	if ind.Target == nil {
		s.travel()
	}
	if ia.Status == ValueTooFew {
		if ia.Population == 0 {
			s.status(ProgressTooFew, say(msgProgressEmpty, yearArg("Year", s.year)))
		} else {
			s.step(say(msgExplainCheckTooFew, intArg("N", ia.N), intArg("Min", ia.MinPopulation)))
			s.status(ProgressTooFew, say(msgProgressTooFew, clauseArg("KOfN", ia.KOfNSentence()), intArg("Min", ia.MinPopulation), intArg("N", ia.N)))
		}
		return
	}
	if ind.Target == nil {
		s.status(ProgressNoTarget, say(msgProgressNoTarget))
		return
	}
	T := *ind.Target
	d := 1.0
	if ind.Direction == Decrease {
		d = -1
	}
	met := func(v float64) bool { return d*(v-T) >= -sc.Tolerance }
	target, dir := clauseArg("Target", withUnitStep(T, ind.Unit)), clauseArg("Direction", say(msgExplainDirection+string(ind.Direction)))
	if ind.TargetEachYear {
		s.step(say(msgExplainTargetEachYear, target, yearArg("Year", ind.TargetYear), dir))
	} else {
		s.step(say(msgExplainTarget, target, yearArg("Year", ind.TargetYear), dir))
	}
	B, bYear, hasB := s.baseline()
	f := s.expectedFraction(s.by)
	if hasB {
		f = s.expectedFraction(bYear)
		ia.Baseline, ia.BaselineYear = num(B), bYear
		if bYear != s.by {
			s.step(say(msgExplainBaselineLater, yearArg("Configured", s.by), yearArg("Year", bYear), numArg("Value", B)))
		} else {
			s.step(say(msgExplainBaseline, yearArg("Year", bYear), numArg("Value", B)))
		}
	} else {
		s.step(say(msgExplainNoBaseline, yearArg("Configured", s.by), yearArg("Year", s.year)))
	}
	ia.ExpectedProgress = num(f)
	s.explainFraction(f, bYear, hasB)
	if hasB {
		ia.Expected = num(B + f*(T-B))
		s.step(say(msgExplainExpected, numArg("Baseline", B), numArg("Fraction", f), numArg("Target", T), numArg("Expected", *ia.Expected)))
	}
	if ia.Value == nil {
		why := msgProgressNoValue
		if ia.Status == ValueError {
			why = msgProgressFailed
		}
		s.status(ProgressInsufficientData, say(why, yearArg("Year", s.year)))
		return
	}
	V := *ia.Value
	s.step(say(msgExplainValue, yearArg("Year", s.year), numArg("Value", V)))
	gap := T - B
	reachable := hasB && d*gap > sc.Tolerance
	if reachable {
		p := (V - B) / gap
		if p == 0 {
			p = 0 // no negative zero in output
		}
		ia.Progress = num(p)
		s.step(say(msgExplainProgress, numArg("Value", V), numArg("Baseline", B), numArg("Target", T), numArg("Progress", p)))
	}
	if met(V) {
		if !reachable {
			ia.Progress = num(1)
			s.step(say(msgExplainProgressMet))
		}
		ia.Score = num(1)
		s.status(ProgressAchieved, say(msgProgressAchieved, valueArg("Value", V, ind.Unit), valueArg("Target", T, ind.Unit)))
		return
	}
	if !hasB {
		s.status(ProgressInsufficientData, say(msgProgressNoBaseline, yearArg("BaselineYear", s.by), yearArg("Year", s.year)))
		return
	}
	if !reachable {
		ia.Progress = num(0)
		ia.Score = num(0)
		s.step(say(msgExplainProgressNoGap))
		s.status(ProgressRegressing, say(msgProgressNoLongerMet, valueArg("Baseline", B, ind.Unit), valueArg("Target", T, ind.Unit), valueArg("Value", V, ind.Unit)))
		return
	}
	p := *ia.Progress
	if ia.Method == MethodTrend {
		s.trend(B, T, d, gap, met)
		return
	}
	s.score(p)
	need := sc.OnTrack * f
	// The reader's reason says in words and percentages what the check step says with the
	// settings' names (lap explain); both are built here, from the same numbers.
	s.step(say(msgExplainCheckLinear, numArg("Regressing", sc.Regressing), numArg("OnTrack", sc.OnTrack), numArg("Expected", f), numArg("Need", need)))
	words := []Arg{pctArg("Progress", p), yearArg("BaselineYear", bYear), yearArg("Year", s.year), pctArg("Need", need), pctArg("OnTrack", sc.OnTrack), pctArg("Expected", f)}
	switch {
	case p < sc.Regressing-scoreEps && p < 0:
		s.status(ProgressRegressing, say(msgProgressRegressing, yearArg("BaselineYear", bYear), pctArg("Progress", p)))
	case p < sc.Regressing-scoreEps:
		s.status(ProgressRegressing, say(msgProgressRegressingBelow, pctArg("Progress", p), yearArg("BaselineYear", bYear), pctArg("Regressing", sc.Regressing)))
	case p >= need-scoreEps:
		s.status(ProgressOnTrack, say(msgProgressOnTrack, words...))
	default:
		s.status(ProgressNeedsAcceleration, say(msgProgressAccelerate, words...))
	}
}

// score sets the score: progress capped to [0, 1].
func (s *scorer) score(p float64) {
	s.ia.Score = num(clamp(p, 0, 1))
	s.step(say(msgExplainScore, numArg("Score", *s.ia.Score)))
}

func (s *scorer) explainFraction(f float64, bYear int, hasB bool) {
	ind := s.ind
	b := s.by
	if hasB {
		b = bYear
	}
	switch {
	case ind.TargetEachYear:
		if f == 1 {
			s.step(say(msgExplainFractionStanding, yearArg("Year", ind.TargetYear)))
		} else {
			s.step(say(msgExplainFractionStarts, yearArg("Year", ind.TargetYear)))
		}
	case ind.TargetYear <= b:
		s.step(say(msgExplainFractionDue, yearArg("TargetYear", ind.TargetYear), yearArg("BaselineYear", b)))
	default:
		s.step(say(msgExplainFraction, yearArg("Year", s.year), yearArg("BaselineYear", b), yearArg("TargetYear", ind.TargetYear), numArg("Fraction", f)))
	}
}

// trend applies the anticipated-progress method.
func (s *scorer) trend(B, T, d, gap float64, met func(float64) bool) {
	ia, sc := s.ia, s.sc
	var xs, ys []float64
	for _, yv := range ia.Series {
		if yv.Value != nil && !yv.TooFew && yv.Year >= s.by && yv.Year <= s.year {
			xs = append(xs, float64(yv.Year))
			ys = append(ys, *yv.Value)
		}
	}
	if len(xs) < sc.TrendMinYears {
		s.status(ProgressInsufficientData, say(msgProgressTrendFew, intArg("Min", sc.TrendMinYears), yearArg("From", s.by), intArg("Count", len(xs))))
		return
	}
	s.score(*ia.Progress)
	slope, mx, my := leastSquares(xs, ys)
	h := s.ind.TargetYear
	if s.ind.TargetEachYear {
		h = s.planTarget
	}
	if h < s.year {
		h = s.year
	}
	proj := my + slope*(float64(h)-mx)
	rho := (proj - B) / gap
	ia.Trend = &Trend{Slope: slope, MeanYear: mx, MeanValue: my, Points: len(xs), ProjectedYear: h, Projected: proj, Anticipated: num(rho)}
	s.step(say(msgExplainTrendFit, intArg("Count", len(xs)), numArg("Slope", slope), numArg("MeanYear", mx), numArg("MeanValue", my)))
	s.step(say(msgExplainTrendProjected, yearArg("Year", h), numArg("MeanValue", my), numArg("Slope", slope), numArg("MeanYear", mx), numArg("Projected", proj)))
	s.step(say(msgExplainTrendAnticipated, numArg("Projected", proj), numArg("Baseline", B), numArg("Target", T), numArg("Progress", rho)))
	s.step(say(msgExplainCheckTrend, numArg("Threshold", sc.TrendOnTrack)))
	from := int(xs[0])
	switch {
	case d*slope < 0:
		s.status(ProgressRegressing, say(msgProgressTrendAway, yearArg("From", from), valueArg("Projected", proj, s.ind.Unit), yearArg("Year", h)))
	case met(proj) || rho >= sc.TrendOnTrack-scoreEps:
		s.status(ProgressOnTrack, say(msgProgressTrendOnTrack, yearArg("From", from), pctArg("Progress", rho), yearArg("Year", h), pctArg("Threshold", sc.TrendOnTrack)))
	default:
		s.status(ProgressNeedsAcceleration, say(msgProgressTrendMissed, yearArg("From", from), pctArg("Progress", rho), yearArg("Year", h), pctArg("Threshold", sc.TrendOnTrack)))
	}
}

// withUnitStep is a number with its unit as the scoring steps write it ("100 percent").
func withUnitStep(v float64, unit string) Sentence {
	if _, ok := messageByID[msgExplainUnit+unit]; ok {
		return say(msgExplainUnit+unit, numArg("N", v))
	}
	return say(msgExplainUnitOther, numArg("N", v), codeArg("Unit", unit))
}

// leastSquares fits y = my + slope x (x - mx). Tiny slopes from rounding count as flat.
func leastSquares(xs, ys []float64) (slope, mx, my float64) {
	n := float64(len(xs))
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= n
	my /= n
	var sxy, sxx float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
	}
	if sxx == 0 {
		return 0, mx, my
	}
	slope = sxy / sxx
	if math.Abs(slope) < 1e-12*(1+math.Abs(my)) {
		slope = 0
	}
	return slope, mx, my
}

// scoreEps absorbs floating-point error at threshold boundaries: progress that equals a
// threshold up to rounding counts as reaching it.
const scoreEps = 1e-9

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// fnum formats a number for explanations: integers plainly, others with up to four decimals.
func fnum(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}
