package engine

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// point is one year of a count or share over a population of n States: k counted, u not
// known, the others known not to satisfy the rule. The States are named S00, S01, ...: the
// counted first, then those not known.
func point(ind *Indicator, year, k, u, n int) YearValue {
	var counted, noData []string
	for i := 0; i < k; i++ {
		counted = append(counted, fmt.Sprintf("S%02d", i))
	}
	for i := k; i < k+u; i++ {
		noData = append(noData, fmt.Sprintf("S%02d", i))
	}
	yv := YearValue{Year: year, N: n, population: n, known: n - u, counted: NewStateSet(counted...), noData: NewStateSet(noData...), status: ValueOK}
	switch ind.Aggregate {
	case AggCount:
		yv.Value = num(float64(k))
	case AggShare:
		yv.N = n - u
		if n-u > 0 {
			yv.Value = num(100 * float64(k) / float64(n-u))
		}
	}
	return yv
}

// kun is one year's k counted, u not known and population n.
type kun struct{ k, u, n int }

// scoreKUN scores ind in the last year of pts (ascending years from 2021), with the result of
// the last year as evaluate gives it.
func scoreKUN(ind *Indicator, pts map[int]kun, year int, names func(string) string) IndicatorAssessment {
	var s []YearValue
	for y := 2021; y <= year; y++ {
		if p, ok := pts[y]; ok {
			s = append(s, point(ind, y, p.k, p.u, p.n))
		} else {
			s = append(s, YearValue{Year: y})
		}
	}
	last := s[len(s)-1]
	ir := IndicatorResult{ID: ind.ID, Unit: ind.Unit, Aggregate: ind.Aggregate, UnknownPolicy: UnknownExclude, Status: ValueOK,
		Value: last.Value, N: last.N, Population: last.population, Known: last.known, Counted: last.counted, NoData: last.noData}
	if ind.Unknown == UnknownAsFalse {
		ir.UnknownPolicy = UnknownAsFalse
	}
	return scoreIndicator(ir, ind, s, year, 2021, 2026, DefaultScoring(), names)
}

func TestUnknownRange(t *testing.T) {
	count := &Indicator{ID: "c", Aggregate: AggCount}
	share := &Indicator{ID: "s", Aggregate: AggShare}
	tests := []struct {
		name   string
		ind    *Indicator
		yv     YearValue
		ok     bool
		lo, hi float64
	}{
		{name: "count: k to k+u", ind: count, yv: point(count, 2024, 3, 2, 10), ok: true, lo: 3, hi: 5},
		{name: "count, target 0 (24.1): 0 to 1", ind: count, yv: point(count, 2024, 0, 1, 112), ok: true, lo: 0, hi: 1},
		// 3 of the 5 with data is 60%; over the whole population of 7 it is 3/7 to 5/7
		{name: "share: over the whole population", ind: share, yv: point(share, 2024, 3, 2, 7), ok: true, lo: 300.0 / 7, hi: 500.0 / 7},
		{name: "u = 0: no range", ind: count, yv: point(count, 2024, 3, 0, 10)},
		{name: "as-false counts them", ind: &Indicator{ID: "f", Aggregate: AggShare, Unknown: UnknownAsFalse}, yv: point(share, 2024, 3, 2, 7)},
		{name: "a sum has no finite range", ind: &Indicator{ID: "m", Aggregate: AggSum}, yv: point(count, 2024, 3, 2, 7)},
		{name: "too few: not judged anyway", ind: count, yv: func() YearValue { yv := point(count, 2024, 1, 1, 3); yv.TooFew = true; return yv }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi, ok := unknownRange(&tt.yv, tt.ind)
			require.Equal(t, tt.ok, ok)
			assert.InDelta(t, tt.lo, lo, 1e-9)
			assert.InDelta(t, tt.hi, hi, 1e-9)
			if ok {
				assert.LessOrEqual(t, lo, *tt.yv.Value+1e-9, "the value itself is within the range")
				assert.GreaterOrEqual(t, hi, *tt.yv.Value-1e-9)
			}
		})
	}
}

func TestUnknownCheckStatus(t *testing.T) {
	names := func(iso3 string) string {
		return map[string]string{"S00": "Austria", "S01": "Iraq", "S02": "Chad", "S03": "Benin"}[iso3]
	}
	// 24.1: States Parties past their Article 4 deadline, 0 every year
	pastDeadline := &Indicator{ID: "24.1", Unit: "states", Aggregate: AggCount, Direction: Decrease, Target: num(0), TargetYear: 2021, TargetEachYear: true}
	toZero := &Indicator{ID: "24.5", Unit: "states", Aggregate: AggCount, Direction: Decrease, Target: num(0), TargetYear: 2026}
	countUp := &Indicator{ID: "10.2", Unit: "states", Aggregate: AggCount, Direction: Increase, Target: num(10), TargetYear: 2026}
	shareUp := &Indicator{ID: "3.1", Unit: "percent", Aggregate: AggShare, Direction: Increase, Target: num(100), TargetYear: 2026}
	trend := &Indicator{ID: "t", Unit: "percent", Aggregate: AggShare, Direction: Increase, Target: num(100), TargetYear: 2026, Method: MethodTrend}
	tests := []struct {
		name     string
		ind      *Indicator
		pts      map[int]kun
		status   ProgressStatus
		holds    *bool // nil: no check
		lo, hi   ProgressStatus
		reason   string
		notScore bool
	}{
		// Iraq (S01) is the one State not known: 0 meets the target, 1 does not (the baseline
		// met it: regressing)
		{name: "target 0: achieved or regressing", ind: pastDeadline, pts: map[int]kun{2021: {0, 0, 110}, 2024: {0, 1, 112}},
			status: ProgressInsufficientData, holds: new(false), lo: ProgressAchieved, hi: ProgressRegressing, notScore: true,
			reason: "with the answer of Austria not known, it could be achieved or not"},
		{name: "u = 0: unchanged", ind: pastDeadline, pts: map[int]kun{2021: {0, 0, 110}, 2024: {0, 0, 112}},
			status: ProgressAchieved},
		// decrease from 9 to 0 by 2026: f = 0.6, on-track needs progress 0.57; 7 or 8 of 9 are
		// both far from it
		{name: "decrease: holds", ind: toZero, pts: map[int]kun{2021: {9, 0, 9}, 2024: {7, 1, 9}},
			status: ProgressNeedsAcceleration, holds: new(true), lo: ProgressNeedsAcceleration, hi: ProgressNeedsAcceleration},
		// increase to 10: 9 known, 1 not known: 9 is below the target, 10 meets it
		{name: "increase: the high end meets the target", ind: countUp, pts: map[int]kun{2021: {2, 0, 20}, 2024: {9, 1, 20}},
			status: ProgressInsufficientData, holds: new(false), lo: ProgressOnTrack, hi: ProgressAchieved, notScore: true,
			reason: "with the answer of S09 not known, it could be on track or achieved"},
		// 3.1 on the sample: 7 of the 12 with data, 13 States, baseline 8 of 15
		{name: "share: holds (3.1)", ind: shareUp, pts: map[int]kun{2021: {8, 0, 15}, 2024: {7, 1, 13}},
			status: ProgressNeedsAcceleration, holds: new(true), lo: ProgressNeedsAcceleration, hi: ProgressNeedsAcceleration},
		// 1.1 on the sample: 11 of the 12 with data, 13 States, baseline 13 of 16
		{name: "share: flips (1.1)", ind: shareUp, pts: map[int]kun{2021: {13, 0, 16}, 2024: {11, 1, 13}},
			status: ProgressInsufficientData, holds: new(false), lo: ProgressNeedsAcceleration, hi: ProgressOnTrack, notScore: true,
			reason: "with the answer of S11 not known, it could be in need of acceleration or on track"},
		{name: "more than five not known: their number", ind: countUp, pts: map[int]kun{2021: {2, 0, 20}, 2024: {4, 6, 20}},
			status: ProgressInsufficientData, holds: new(false), lo: ProgressNeedsAcceleration, hi: ProgressAchieved, notScore: true,
			reason: "with the answers of the 6 States not known, it could be in need of acceleration or achieved"},
		{name: "names, sorted by name", ind: countUp, pts: map[int]kun{2021: {2, 0, 20}, 2024: {0, 4, 20}},
			status: ProgressInsufficientData, holds: new(false), lo: ProgressRegressing, hi: ProgressNeedsAcceleration, notScore: true,
			reason: "with the answers of the 4 States not known (Austria, Benin, Chad and Iraq), it could be in need of acceleration or not"},
		// trend method: the earlier years as they are, the assessed year at both ends
		{name: "trend method", ind: trend, pts: map[int]kun{2021: {5, 0, 10}, 2022: {6, 0, 10}, 2023: {7, 0, 10}, 2024: {5, 3, 10}},
			status: ProgressInsufficientData, holds: new(false), lo: ProgressNeedsAcceleration, hi: ProgressOnTrack, notScore: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ia := scoreKUN(tt.ind, tt.pts, 2024, names)
			assert.Equal(t, tt.status, ia.ProgressStatus, ia.Reason)
			if tt.holds == nil {
				assert.Nil(t, ia.UnknownCheck)
				return
			}
			require.NotNil(t, ia.UnknownCheck)
			c := ia.UnknownCheck
			assert.Equal(t, *tt.holds, c.Holds)
			assert.Equal(t, string(tt.lo), c.StatusLow)
			assert.Equal(t, string(tt.hi), c.StatusHigh)
			if tt.reason != "" {
				assert.Equal(t, tt.reason, ia.Reason)
			}
			if tt.notScore {
				assert.Nil(t, ia.Score, "a status not known is not scored")
				assert.Nil(t, ia.Progress)
				assert.True(t, strings.HasPrefix(ia.Reason, "with the answer"), ia.Reason)
			} else {
				assert.NotNil(t, ia.Score)
			}
			steps := strings.Join(sentenceStrings(ia.steps), "\n")
			if *tt.holds {
				assert.Contains(t, steps, "the status holds whichever way the 1 State not known goes")
			} else {
				assert.Contains(t, steps, "status: insufficient-data: with the answer")
			}
		})
	}
}

func TestUnknownCheckTravel(t *testing.T) {
	up := &Indicator{ID: "40.1", Unit: "states", Aggregate: AggCount, Direction: Increase}
	shareUp := &Indicator{ID: "46.2", Unit: "percent", Aggregate: AggShare, Direction: Increase}
	tests := []struct {
		name   string
		ind    *Indicator
		pts    map[int]kun
		status TrendStatus
		check  bool
		holds  bool
		states int
	}{
		// 2 to 3 counted: improving among the known; but the 3 not known in 2021 could have
		// been counted then (5 to 3: worsening)
		{name: "more States answering", ind: up, pts: map[int]kun{2021: {2, 3, 10}, 2024: {3, 2, 10}},
			status: TrendInsufficientData, check: true, states: 3},
		// 2 to 10 with 1 not known each year: 3 to 10 and 2 to 11 both improve
		{name: "holds", ind: up, pts: map[int]kun{2021: {2, 1, 20}, 2024: {10, 1, 20}},
			status: TrendImproving, check: true, holds: true, states: 2},
		{name: "not known only in the earlier year", ind: up, pts: map[int]kun{2021: {5, 2, 20}, 2024: {6, 0, 20}},
			status: TrendInsufficientData, check: true, states: 2},
		{name: "u = 0: unchanged", ind: up, pts: map[int]kun{2021: {2, 0, 10}, 2024: {3, 0, 10}},
			status: TrendImproving},
		// 5 of 8 with data (62.5%) to 6 of 8 (75%), 2 of 10 not known each year (S05 and S06,
		// then S06 and S07)
		{name: "share", ind: shareUp, pts: map[int]kun{2021: {5, 2, 10}, 2024: {6, 2, 10}},
			status: TrendInsufficientData, check: true, states: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ia := scoreKUN(tt.ind, tt.pts, 2024, nil)
			assert.Equal(t, tt.status, ia.TrendStatus, ia.Travel.Reason)
			assert.Equal(t, ProgressNoTarget, ia.ProgressStatus)
			if !tt.check {
				assert.Nil(t, ia.UnknownCheck)
				return
			}
			require.NotNil(t, ia.UnknownCheck)
			assert.Equal(t, tt.holds, ia.UnknownCheck.Holds)
			assert.Equal(t, tt.states, ia.UnknownCheck.NotKnown)
			if !tt.holds {
				assert.True(t, strings.HasPrefix(ia.Travel.Reason, "with the answer"), ia.Travel.Reason)
				assert.NotEqual(t, ia.UnknownCheck.StatusLow, ia.UnknownCheck.StatusHigh)
			}
		})
	}
}

// randomIndicator is a count or a share with a target, a random direction and method.
func randomIndicator(r *rand.Rand) *Indicator {
	ind := &Indicator{ID: "p", Aggregate: AggCount, Unit: "states", Direction: Increase, TargetYear: 2021 + r.IntN(6)}
	if r.IntN(2) == 0 {
		ind.Aggregate, ind.Unit = AggShare, "percent"
	}
	if r.IntN(2) == 0 {
		ind.Direction = Decrease
	}
	if r.IntN(4) == 0 {
		ind.Method = MethodTrend
	}
	ind.TargetEachYear = r.IntN(4) == 0
	return ind
}

// Adding a State whose answer is not known to the population never turns a status that is not
// known into a verdict: the range only widens. And with no State not known the check changes
// nothing: the status is the one the rules give the value alone.
func TestUnknownCheckProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 24))
	for i := 0; i < 3000; i++ {
		ind := randomIndicator(r)
		n := 5 + r.IntN(20)
		pts := map[int]kun{}
		for y := 2021; y <= 2024; y++ {
			k := r.IntN(n + 1)
			pts[y] = kun{k, r.IntN(n - k + 1), n}
		}
		if ind.Aggregate == AggCount {
			ind.Target = num(float64(r.IntN(n + 1)))
		} else {
			ind.Target = num(float64(r.IntN(101)))
		}
		last := pts[2024]
		ia := scoreKUN(ind, pts, 2024, nil)
		desc := fmt.Sprintf("case %d: %+v %+v target %v", i, *ind, pts, *ind.Target)

		// one more State, not known, in the population of 2024
		wider := map[int]kun{}
		for y, p := range pts {
			wider[y] = p
		}
		wider[2024] = kun{last.k, last.u + 1, last.n + 1}
		ib := scoreKUN(ind, wider, 2024, nil)
		if notKnownByCheck(&ia) {
			assert.False(t, isVerdict(ib.ProgressStatus), "%s: not known became %s with one more State not known", desc, ib.ProgressStatus)
		}

		// u = 0 in 2024: no check, and the status is the rules' own
		known := map[int]kun{}
		for y, p := range pts {
			known[y] = p
		}
		known[2024] = kun{last.k, 0, last.n}
		ic := scoreKUN(ind, known, 2024, nil)
		assert.Nil(t, ic.UnknownCheck, desc)
		s := scoreKUN(ind, known, 2024, nil)
		plain := s
		sc := &scorer{ia: &plain, ind: ind, year: 2024, by: 2021, planTarget: 2026, sc: DefaultScoring()}
		sc.run()
		assert.Equal(t, plain.ProgressStatus, ic.ProgressStatus, desc)
	}
}

// A reason never names regressing or worsening when only the States not known could give it:
// it names the better end "or not"; two statuses that are not a strong word are both named,
// the low end first, as before (methodology §3.2).
func TestNotKnownReasonWords(t *testing.T) {
	s := &scorer{names: func(iso3 string) string { return map[string]string{"IRQ": "Iraq", "TCD": "Chad"}[iso3] }}
	one, two, many := []string{"IRQ"}, []string{"IRQ", "TCD"}, []string{"A01", "A02", "A03", "A04", "A05", "A06"}
	tests := []struct {
		name          string
		codes         []string
		lo, hi, plain string
		want          string
	}{
		{"achieved or regressing: or not", one, "achieved", "regressing", "achieved",
			"with the answer of Iraq not known, it could be achieved or not"},
		{"the better end is named whichever end it is", two, "regressing", "on-track", "on-track",
			"with the answers of the 2 States not known (Chad and Iraq), it could be on track or not"},
		{"both ends agree against the value", one, "regressing", "regressing", "needs-acceleration",
			"with the answer of Iraq not known, it could be in need of acceleration or not"},
		{"direction: improving or worsening", many, "worsening", "improving", "improving",
			"with the answers of the 6 States not known, it could be improving or not"},
		{"no strong word: both named", one, "needs-acceleration", "achieved", "achieved",
			"with the answer of Iraq not known, it could be in need of acceleration or achieved"},
		{"stable or improving: both named", many, "stable", "improving", "improving",
			"with the answers of the 6 States not known, it could be stable or improving"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.notKnownReason(tt.codes, tt.lo, tt.hi, tt.plain)
			assert.Equal(t, tt.want, got.String())
			assert.NotContains(t, got.String(), "regressing")
			assert.NotContains(t, got.String(), "worsening")
		})
	}
}
