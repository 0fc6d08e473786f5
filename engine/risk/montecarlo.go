// Package risk estimates the deadline risk of the open Article 3 and 4 obligations of an
// assessment by Monte Carlo simulation (lap risk, lap whatif --risk; docs/whatif.md, "Deadline
// risk"): for each State, the probability of completing by its deadline and by the end of the
// plan's target year, and for the indicators that count outstanding obligations, the
// probability of reaching their target. It reads the engine's assessment and dataset through the
// engine's API and never the reverse: the engine does not import it.
package risk

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"github.com/lapmonitor/lap/engine"
)

// Monte Carlo deadline risk (docs/whatif.md, "Deadline risk").
//
// For each open Article 3 or 4 obligation episode in the assessed year, a draw runs the
// remaining amount (the latest reported, as the deadline projection takes it) down year by
// year from the end of its year, each year's amount done drawn with replacement from the
// State's reported history since the episode began (every year from its start year up to the
// assessed year with a value: destroyed munitions or submunitions; for Article 4, area cleared
// plus area released by survey). A history of one year has no spread: every draw would be the
// same, so the State is not simulated and says so instead of printing certainties. The
// completion time is the fractional year at which the remainder runs out (200 years at most;
// beyond that, never). From the draws: the probability of completing by the deadline in
// force and by the end of the plan's target year (the horizon), and quantiles of the
// completion year.
//
// Related indicators: every indicator with a target whose rule reads exactly one of
// art3_outstanding, art4_outstanding, art3_past_deadline or art4_past_deadline and counts
// States. For each draw its value at the end of the horizon year is projected: the States of
// that article still outstanding then (and, for *_past_deadline, whose deadline falls before
// the end of the horizon year; a State whose deadline is not known, an extension request
// awaiting a decision, is left out and counted apart). States with an outstanding obligation
// but no data to simulate count as still outstanding. The probability is the share of draws whose projected value
// meets the target. New obligations (contamination found later) are not modelled.
//
// Each (State, article, chunk of draws) has its own PCG stream seeded from the seed and a hash
// of (ISO3, article, chunk), so results do not depend on the number of workers or on the other
// States: a baseline and a scenario draw the same numbers for a State whose inputs did not
// change (common random numbers).

// Option sets a parameter of Simulate.
type Option func(*riskConfig)

type riskConfig struct {
	draws    int
	seed     uint64
	workers  int
	progress func(done, total int)
}

// Draws sets the number of draws per State (default 10000).
func Draws(n int) Option { return func(c *riskConfig) { c.draws = n } }

// Seed sets the random seed (default 1). The same seed gives the same numbers.
func Seed(s uint64) Option { return func(c *riskConfig) { c.seed = s } }

// Workers sets the number of goroutines (default GOMAXPROCS). It does not change the results.
func Workers(n int) Option { return func(c *riskConfig) { c.workers = n } }

// OnProgress sets a function called after each chunk of draws with the chunks done and the
// total, from one goroutine at a time. The engine never prints.
func OnProgress(f func(done, total int)) Option { return func(c *riskConfig) { c.progress = f } }

// riskChunk is the number of draws per job and per random stream.
const riskChunk = 2048

// maxRiskYears bounds a draw's simulated years.
const maxRiskYears = 200

// Report is the outcome of Simulate.
type Report struct {
	Year        int         `json:"year"`
	AsOf        string      `json:"as_of"`
	Draws       int         `json:"draws"`
	Seed        uint64      `json:"seed"`
	HorizonYear int         `json:"horizon_year"` // the plan's target year
	States      []State     `json:"states"`
	Indicators  []Indicator `json:"indicators"`
}

// State is the simulated completion of one State's outstanding obligation.
type State struct {
	ISO3          string             `json:"iso3"`
	Name          string             `json:"name"`
	Article       int                `json:"article"`
	Measure       string             `json:"measure"`
	Unit          string             `json:"unit"`
	Remaining     *float64           `json:"remaining"`
	RemainingYear int                `json:"remaining_year,omitempty"`
	Deadline      string             `json:"deadline,omitempty"`
	History       []engine.YearValue `json:"history"` // the yearly amounts drawn from
	// RemainingClass is the class of the remaining amount's fact and HistoryClass the least
	// reliable class of the history's; Class, the least reliable of them and DeadlineClass, is
	// the class of the probabilities and completion years drawn from them.
	// DeadlineClass is the class of the deadline in force: of the decision(s) that set it.
	RemainingClass engine.Class `json:"remaining_class,omitempty"`
	HistoryClass   engine.Class `json:"history_class,omitempty"`
	DeadlineClass  engine.Class `json:"deadline_class,omitempty"`
	Class          engine.Class `json:"class,omitempty"`
	// Simulated is false when there is no remaining amount or no history to draw from.
	Simulated bool `json:"simulated"`
	// DeadlineNotKnown: the deadline recorded has passed while an extension request awaits a
	// decision (the projection's deadline-not-known), so the deadline that applies is not
	// known; Deadline is the last one recorded and PByDeadline nil.
	DeadlineNotKnown bool `json:"deadline_not_known"`
	// PByDeadline is the share of draws completing by the deadline; nil without a deadline, a
	// deadline that is known or a simulation.
	PByDeadline *float64 `json:"p_by_deadline"`
	// PByHorizon is the share of draws completing by the end of the horizon year.
	PByHorizon *float64 `json:"p_by_horizon"`
	// Completion quantiles (fractional years); nil when beyond maxRiskYears.
	P10    *float64 `json:"completion_p10"`
	Median *float64 `json:"completion_median"`
	P90    *float64 `json:"completion_p90"`
	Reason string   `json:"reason,omitempty"`
	// ReasonSentence is Reason as messages and their values (engine.Sentence), for other
	// languages.
	ReasonSentence engine.Sentence `json:"-"`
	// Episode is the open episode simulated (1 = the original obligation).
	Episode int `json:"episode"`
	// Projected is the deterministic projection's completion (fractional year: the end of
	// the remaining amount's year plus remaining / rate); nil when it never completes or has
	// no rate. Why says why the median differs from it.
	Projected *float64 `json:"projected_completion"`
	Why       string   `json:"why,omitempty"`
	// WhySentence is Why as a message and its values.
	WhySentence engine.Sentence `json:"-"`
	// SinglePoint: the history has one year, so the simulation has no spread (not
	// simulated). Stale: the newest figure is more than two years before the assessed year.
	SinglePoint bool `json:"single_point"`
	Stale       bool `json:"stale"`

	rate *float64 // the projection's rate

	times []float64
}

// Indicator is the probability that an indicator counting outstanding obligations meets
// its target at the end of the horizon year.
type Indicator struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Provenance is the indicator's provenance label (proposed, ...): no indicator is official
	// LAP text unless its label says so.
	Provenance string `json:"provenance"`
	// Class is the least reliable class of the data the projection rests on: the indicator's
	// current value and the simulated States' remaining amounts and histories.
	Class       engine.Class `json:"class,omitempty"`
	Field       string       `json:"field"`
	Target      float64      `json:"target"`
	HorizonYear int          `json:"horizon_year"`
	Current     *float64     `json:"current"` // the value in the assessed year
	// Expected is the mean projected value at the end of the horizon year.
	Expected float64 `json:"expected"`
	// PReach is the share of draws whose projected value meets the target.
	PReach float64 `json:"p_reach"`
	// Unsimulated counts the States that could not be simulated for lack of data (counted as
	// outstanding). A State with one year of data follows its deterministic projection.
	Unsimulated int `json:"unsimulated"`
	// DeadlineNotKnown counts, for a *_past_deadline indicator, the States whose deadline is
	// not known (an extension request awaits a decision): they are left out of the count, as
	// the indicator's own value leaves them out (no data).
	DeadlineNotKnown int `json:"deadline_not_known"`
}

// ErrBadDraws is returned for a non-positive number of draws.
var ErrBadDraws = errors.New("deadline risk: draws must be positive")

// maxDraws bounds the draws per State.
const maxDraws = 10_000_000

// Simulate simulates the completion of every outstanding Article 3 and 4 obligation in a, an
// assessment of ds by p, and the related indicators (see the comment at the top of
// montecarlo.go).
func Simulate(ctx context.Context, p *engine.Plan, ds *engine.Dataset, a *engine.Assessment, opts ...Option) (*Report, error) {
	cfg := riskConfig{draws: 10000, seed: 1, workers: runtime.GOMAXPROCS(0)}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.draws <= 0 || cfg.draws > maxDraws {
		return nil, fmt.Errorf("%w: %d (1..%d)", ErrBadDraws, cfg.draws, maxDraws)
	}
	if p == nil || ds == nil || a == nil {
		return nil, errors.New("deadline risk: no plan, dataset or assessment")
	}
	if cfg.workers < 1 {
		cfg.workers = 1
	}
	rep := &Report{Year: a.Year, AsOf: a.AsOf, Draws: cfg.draws, Seed: cfg.seed, HorizonYear: p.TargetYear(),
		States: []State{}, Indicators: []Indicator{}}
	horizon := float64(p.TargetYear() + 1)
	asOf, err := engine.ParseDate(a.AsOf)
	if err != nil {
		return nil, fmt.Errorf("deadline risk: as_of %q: %w", a.AsOf, err)
	}
	for i := range a.Deadlines {
		sr := stateOf(ds, &a.Deadlines[i], a.Year, asOf)
		sr.DeadlineClass = deadlineClass(a, &a.Deadlines[i])
		sr.Class = sr.Class.Weaker(sr.DeadlineClass)
		rep.States = append(rep.States, sr)
	}
	if err := runDraws(ctx, rep.States, cfg); err != nil {
		return nil, err
	}
	for i := range rep.States {
		summarize(&rep.States[i], horizon)
		rep.States[i].WhySentence = whyDiffer(&rep.States[i])
		rep.States[i].Why = rep.States[i].WhySentence.String()
	}
	rep.Indicators = indicatorRisks(p, a, rep.States, cfg.draws, horizon)
	for i := range rep.States {
		rep.States[i].times = nil
	}
	return rep, nil
}

// stateOf prepares one State's simulation from its deadline projection.
func stateOf(ds *engine.Dataset, dp *engine.DeadlineProjection, year int, asOf engine.Date) State {
	sr := State{ISO3: dp.ISO3, Name: dp.Name, Article: dp.Article, Measure: dp.Measure, Unit: dp.Unit,
		Remaining: dp.Remaining, RemainingYear: dp.RemainingYear, Deadline: dp.Deadline, History: []engine.YearValue{},
		Episode: dp.Episode, Stale: dp.Stale, rate: dp.Rate, DeadlineNotKnown: dp.Status == engine.ProjectionNotKnown}
	if dp.Remaining != nil && dp.YearsNeeded != nil {
		sr.Projected = num(float64(dp.RemainingYear+1) + *dp.YearsNeeded)
	}
	done, ok := ds.AmountsDone(dp, year, asOf)
	if !ok {
		sr.ReasonSentence = engine.Say(engine.MsgRiskNotInDataset)
		sr.Reason = sr.ReasonSentence.String()
		return sr
	}
	sr.History = append(sr.History, done.Years...)
	sr.RemainingClass, sr.HistoryClass = dp.RemainingClass, done.Class
	sr.Class = sr.RemainingClass.Weaker(sr.HistoryClass)
	var why []engine.Sentence
	switch {
	case dp.Remaining == nil:
		why = append(why, engine.Say(engine.MsgRiskNoRemaining, engine.CodeArg("Field", dp.Measure), engine.YearArg("From", done.From), engine.YearArg("Year", year)))
	case *dp.Remaining > 0 && len(sr.History) == 0:
		why = append(why, engine.Say(engine.MsgRiskNoHistory, engine.CodeArg("Field", done.Field), engine.YearArg("From", done.From), engine.YearArg("Year", year)))
	case *dp.Remaining > 0 && len(sr.History) == 1:
		sr.SinglePoint = true
		why = append(why, engine.Say(engine.MsgRiskOnePoint, engine.YearArg("Year", sr.History[0].Year)))
	default:
		sr.Simulated = true
	}
	if sr.DeadlineNotKnown {
		why = append(why, engine.Say(engine.MsgRiskDeadline, engine.ClauseArg("Note", dp.ExtensionNoteSentence)))
	}
	sr.ReasonSentence = engine.ClausesOf(why)
	sr.Reason = sr.ReasonSentence.String()
	return sr
}

// deadlineClass is the class of the deadline in force of dp's episode (the assessment's
// obligation episode of the same State, article and number): the least reliable class of the
// decisions that set it, not of the whole chain. An original deadline from the treaty's rule
// (official) extended by a decision recorded only by the Monitor is a Monitor deadline; a
// Monitor record of an earlier deadline, since extended by an official decision, does not make
// the deadline in force less than official. Empty when no decision sets it.
func deadlineClass(a *engine.Assessment, dp *engine.DeadlineProjection) engine.Class {
	inForce, err := engine.ParseDate(dp.Deadline)
	if dp.Deadline == "" || err != nil {
		return ""
	}
	field := fmt.Sprintf("art%d_deadline", dp.Article)
	var c engine.Class
	for _, o := range a.Obligations {
		if o.ISO3 != dp.ISO3 || o.Article != dp.Article || o.Episode != dp.Episode {
			continue
		}
		for _, v := range o.Values {
			if v.Field != field {
				continue
			}
			if s, ok := v.Value.(string); ok {
				if d, err := engine.ParseDate(s); err == nil && d == inForce {
					c = c.Weaker(v.Class)
				}
			}
		}
	}
	return c
}

func num(f float64) *float64 { return &f }

// whyDiffer says why the simulation's median completion differs from the deterministic
// projection's: the years each rests on, and the effect of drawing random yearly amounts.
func whyDiffer(sr *State) engine.Sentence {
	if !sr.Simulated || sr.rate == nil || *sr.Remaining <= 0 {
		return engine.Sentence{}
	}
	n := len(sr.History)
	var sum float64
	for _, yv := range sr.History {
		sum += *yv.Value
	}
	mean := sum / float64(n)
	year := func(name string, v *float64) engine.Arg {
		if v == nil {
			return engine.ClauseArg(name, engine.Say(engine.MsgRiskNever))
		}
		return engine.YearFracArg(name, *v)
	}
	id := engine.MsgRiskWhySame
	switch r := *sr.rate; {
	case mean < r*0.99:
		id = engine.MsgRiskWhyLower
	case mean > r*1.01:
		id = engine.MsgRiskWhyHigher
	}
	return engine.Say(id, year("Projected", sr.Projected), engine.EstimateArg("Rate", *sr.rate, sr.Unit), year("Median", sr.Median),
		engine.IntArg("Count", n), engine.YearArg("From", sr.History[0].Year), engine.YearArg("To", sr.History[n-1].Year),
		engine.EstimateArg("Mean", mean, sr.Unit))
}

type riskJob struct{ state, chunk int }

// runDraws fills each simulated State's completion times, in parallel.
func runDraws(ctx context.Context, states []State, cfg riskConfig) error {
	chunks := (cfg.draws + riskChunk - 1) / riskChunk
	var jobs []riskJob
	for i := range states {
		if states[i].Simulated {
			states[i].times = make([]float64, cfg.draws)
			for c := 0; c < chunks; c++ {
				jobs = append(jobs, riskJob{i, c})
			}
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan riskJob)
	done := make(chan struct{}, len(jobs))
	var wg sync.WaitGroup
	for w := 0; w < min(cfg.workers, len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if ctx.Err() != nil {
					continue
				}
				simulateChunk(&states[j.state], j.chunk, cfg)
				done <- struct{}{}
			}
		}()
	}
	go func() {
		defer close(work)
		for _, j := range jobs {
			select {
			case work <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	for n := 1; n <= len(jobs); n++ {
		select {
		case <-done:
			if cfg.progress != nil {
				cfg.progress(n, len(jobs))
			}
			continue
		case <-ctx.Done():
			err = fmt.Errorf("deadline risk: %w", ctx.Err())
		}
		break
	}
	cancel()
	wg.Wait()
	return err
}

// streamID derives a chunk's random stream from the State, the article and the chunk.
func streamID(iso3 string, article, chunk int) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%d|%d", iso3, article, chunk)
	return h.Sum64()
}

// simulateChunk draws one chunk of completion times for a State.
func simulateChunk(sr *State, chunk int, cfg riskConfig) {
	rng := rand.New(rand.NewPCG(cfg.seed, streamID(sr.ISO3, sr.Article, chunk)))
	hist := make([]float64, len(sr.History))
	for i, yv := range sr.History {
		hist[i] = *yv.Value
	}
	start := float64(sr.RemainingYear + 1)
	lo := chunk * riskChunk
	hi := min(lo+riskChunk, len(sr.times))
	for k := lo; k < hi; k++ {
		sr.times[k] = drawCompletion(rng, *sr.Remaining, start, hist)
	}
}

// drawCompletion is one draw: the fractional year at which remaining runs out.
func drawCompletion(rng *rand.Rand, remaining, start float64, hist []float64) float64 {
	if remaining <= 0 {
		return start
	}
	rem := remaining
	for y := 0; y < maxRiskYears; y++ {
		r := hist[rng.IntN(len(hist))]
		if r > 0 && r >= rem {
			return start + float64(y) + rem/r
		}
		rem -= r
	}
	return math.Inf(1)
}

// summarize computes a State's probabilities and quantiles from its draws.
func summarize(sr *State, horizon float64) {
	if !sr.Simulated {
		return
	}
	n := float64(len(sr.times))
	byH := 0
	for _, t := range sr.times {
		if t <= horizon {
			byH++
		}
	}
	sr.PByHorizon = num(float64(byH) / n)
	if sr.Deadline != "" && !sr.DeadlineNotKnown {
		if dl, err := engine.ParseDate(sr.Deadline); err == nil {
			limit := dl.YearFraction()
			byD := 0
			for _, t := range sr.times {
				if t <= limit {
					byD++
				}
			}
			sr.PByDeadline = num(float64(byD) / n)
		}
	}
	sorted := append([]float64(nil), sr.times...)
	sort.Float64s(sorted)
	q := func(p float64) *float64 {
		v := sorted[int(math.Min(n-1, math.Floor(p*n)))]
		if math.IsInf(v, 1) {
			return nil
		}
		return num(v)
	}
	sr.P10, sr.Median, sr.P90 = q(0.1), q(0.5), q(0.9)
}

// riskFields are the rules whose indicators Simulate projects, with their article.
var riskFields = map[string]int{"art3_outstanding": 3, "art4_outstanding": 4, "art3_past_deadline": 3, "art4_past_deadline": 4}

// indicatorRisks projects the related indicators to the end of the horizon year.
func indicatorRisks(p *engine.Plan, a *engine.Assessment, states []State, draws int, horizon float64) []Indicator {
	out := []Indicator{}
	hYear := int(horizon) - 1
	for _, ind := range p.Indicators() {
		if ind.Target == nil || ind.Aggregate != engine.AggCount || ind.Direction != engine.Decrease || len(ind.Rule.Reads) != 1 {
			continue
		}
		field := ind.Rule.Reads[0]
		art, ok := riskFields[field]
		if !ok {
			continue
		}
		past := field == "art3_past_deadline" || field == "art4_past_deadline"
		ir := Indicator{ID: ind.ID, Title: ind.Title, Provenance: ind.Provenance, Field: field, Target: *ind.Target, HorizonYear: hYear}
		if ia, ok := a.Indicator(ind.ID); ok && ia.Value != nil {
			ir.Current = num(*ia.Value)
			ir.Class = ia.Class
		}
		// per draw: how many States are still outstanding (and past the deadline) at the horizon
		counts := make([]int, draws)
		for i := range states {
			sr := &states[i]
			if sr.Article != art {
				continue
			}
			ir.Class = ir.Class.Weaker(sr.Class)
			dlBefore := true
			if past && sr.DeadlineNotKnown {
				ir.DeadlineNotKnown++
				continue // past a deadline that may not apply: not counted
			}
			if past {
				dl, err := engine.ParseDate(sr.Deadline)
				dlBefore = err == nil && dl.YearFraction() < horizon
			}
			if !dlBefore {
				continue
			}
			if !sr.Simulated {
				if sr.SinglePoint && sr.Projected != nil && *sr.Projected <= horizon {
					continue // one year of data: every draw completes as the projection does
				}
				if !sr.SinglePoint {
					ir.Unsimulated++
				}
				for k := range counts {
					counts[k]++
				}
				continue
			}
			for k, t := range sr.times {
				if t > horizon {
					counts[k]++
				}
			}
		}
		met, sum := 0, 0
		for _, c := range counts {
			sum += c
			if float64(c) <= ir.Target+a.Scoring.Tolerance {
				met++
			}
		}
		ir.Expected = float64(sum) / float64(draws)
		ir.PReach = float64(met) / float64(draws)
		out = append(out, ir)
	}
	return out
}
