package engine

import (
	"math"
	"strconv"
)

// Diff is what changed between two assessments of the same year: a baseline and a scenario.
// Every indicator, action, section and deadline projection is listed, with Changed set on the
// ones that differ; Changes gives only those.
type Diff struct {
	Year         int               `json:"year"`
	BaseAsOf     string            `json:"base_as_of"`
	ScenarioAsOf string            `json:"scenario_as_of"`
	BaseCounting Counting          `json:"base_counting"`
	ScenCounting Counting          `json:"scenario_counting"`
	Indicators   []IndicatorChange `json:"indicators"`
	Actions      []ScoreChange     `json:"actions"`
	Sections     []ScoreChange     `json:"sections"`
	Overall      ScoreChange       `json:"overall"`
	Deadlines    []DeadlineChange  `json:"deadlines"`
	// Obligations lists every Article 3 and 4 obligation episode before and after.
	Obligations   []ObligationChange `json:"obligations"`
	ChangedTotals ChangeCounts       `json:"changed"`
	// Composition sums up who entered or left which populations, and why (filled by
	// Baseline.Composition); Changes keeps it whole.
	Composition []CompositionNote `json:"composition,omitempty"`
	// LeftOut lists the indicators scored on one side only, left out of every like-for-like
	// score change (ScoreChange.Delta), with the reason; Changes keeps it whole.
	LeftOut []LeftOutIndicator `json:"left_out"`
}

// ChangeCounts counts the changed rows of a Diff.
type ChangeCounts struct {
	Indicators int `json:"indicators"`
	Actions    int `json:"actions"`
	Sections   int `json:"sections"`
	Deadlines  int `json:"deadlines"`
	// Obligations counts the episodes whose verdict, status or dates changed.
	Obligations int `json:"obligations"`
}

// ObligationChange is one Article 3 or 4 obligation episode before and after: its verdict
// (deadline_met), its status in words (Obligation.StatusText) and its completion. An episode on one side only (a
// completion or a discovery added) has the other side empty.
type ObligationChange struct {
	ISO3                string  `json:"iso3"`
	Name                string  `json:"name"`
	Article             int     `json:"article"`
	Episode             int     `json:"episode"`
	BaseDeadlineMet     Verdict `json:"base_deadline_met"`
	ScenarioDeadlineMet Verdict `json:"scenario_deadline_met"`
	BaseStatusText      string  `json:"base_status_text"`
	ScenarioStatusText  string  `json:"scenario_status_text"`
	// BaseStatusSentence and ScenarioStatusSentence are the status texts as messages and their
	// values (engine/sentence.go).
	BaseStatusSentence     Sentence `json:"-"`
	ScenarioStatusSentence Sentence `json:"-"`
	BaseCompleted          *Date    `json:"base_completed"`
	ScenarioCompleted      *Date    `json:"scenario_completed"`
	Deadline               *Date    `json:"deadline"`
	Changed                bool     `json:"changed"`
}

func obligationChange(b, o *ObligationEpisode) ObligationChange {
	var c ObligationChange
	for _, e := range []*ObligationEpisode{b, o} {
		if e != nil {
			c.ISO3, c.Name, c.Article, c.Episode, c.Deadline = e.ISO3, e.Name, e.Article, e.Episode, e.Deadline
		}
	}
	if b != nil {
		c.BaseDeadlineMet, c.BaseStatusText, c.BaseCompleted = b.DeadlineMet, b.StatusText, b.Completed
		c.BaseStatusSentence = b.StatusSentence
	}
	if o != nil {
		c.ScenarioDeadlineMet, c.ScenarioStatusText, c.ScenarioCompleted = o.DeadlineMet, o.StatusText, o.Completed
		c.ScenarioStatusSentence = o.StatusSentence
	}
	c.Changed = b == nil || o == nil || c.BaseDeadlineMet != c.ScenarioDeadlineMet || c.BaseStatusText != c.ScenarioStatusText ||
		!samePtr(c.BaseCompleted, c.ScenarioCompleted) || !samePtr(b.Deadline, o.Deadline)
	return c
}

// IndicatorChange is one indicator before and after. Deltas are scenario minus base; nil when
// either side has no value.
type IndicatorChange struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Unit  string `json:"unit"`
	// Provenance is the indicator's provenance label (proposed, ...).
	Provenance    string   `json:"provenance"`
	BaseValue     *float64 `json:"base_value"`
	ScenarioValue *float64 `json:"scenario_value"`
	// BaseClass and ScenarioClass are the least reliable classes of the data behind each value
	// (a value a scenario sets has none of its own: it is a what-if, and the page says so).
	BaseClass        Class          `json:"base_class,omitempty"`
	ScenarioClass    Class          `json:"scenario_class,omitempty"`
	Delta            *float64       `json:"delta"`
	BaseProgress     *float64       `json:"base_progress"`
	ScenarioProgress *float64       `json:"scenario_progress"`
	ProgressDelta    *float64       `json:"progress_delta"`
	BaseScore        *float64       `json:"base_score"`
	ScenarioScore    *float64       `json:"scenario_score"`
	BaseStatus       ProgressStatus `json:"base_status"`
	ScenarioStatus   ProgressStatus `json:"scenario_status"`
	BaseTarget       *float64       `json:"base_target"`
	ScenarioTarget   *float64       `json:"scenario_target"`
	TargetYear       int            `json:"target_year,omitempty"` // the scenario's
	// CoverageFlag: the sum's coverage is flagged on either side, so its change may come from
	// who reported rather than from what happened.
	CoverageFlag bool `json:"coverage_flag,omitempty"`
	// Entered lists the States counted in the scenario but not in the base; Left the reverse.
	Entered []string `json:"entered,omitempty"`
	Left    []string `json:"left,omitempty"`
	// Population says which States entered or left the indicator's population, and why, or
	// why a State the scenario brought closer stays out (Baseline.Composition fills it).
	Population []PopulationNote `json:"population_changes,omitempty"`
	// Exception is, when the indicator moved the wrong way (its value against its direction, or
	// its score down) and the scenario holds the kind of good news a documented exception
	// covers for it (audit_exceptions.go), that exception with its reason; nil otherwise
	// (Baseline.Composition fills it).
	Exception *AuditException `json:"exception,omitempty"`
	// NotCovered is, when the indicator moved the wrong way and the scenario holds the good
	// news a documented exception covers, but the move is not the one that news causes (with
	// several events: another change moves it the wrong way too, or the news alone does not),
	// that exception: it does not accept the move. Nil otherwise; never set with Exception.
	NotCovered *AuditException `json:"not_covered,omitempty"`
	// Series are the two yearly series, for overlay charts.
	BaseSeries     []YearValue `json:"-"`
	ScenarioSeries []YearValue `json:"-"`
	Changed        bool        `json:"changed"`
}

// ScoreChange is one roll-up (action, section or the plan) before and after.
type ScoreChange struct {
	Key   string `json:"key"` // action number, section key or "overall"
	Title string `json:"title,omitempty"`
	// BaseScore and ScenarioScore are the roll-up's scores on each side, over the indicators
	// scored on that side: BaseScored and ScenarioScored of them.
	BaseScore      *float64 `json:"base_score"`
	ScenarioScore  *float64 `json:"scenario_score"`
	BaseScored     int      `json:"base_scored"`
	ScenarioScored int      `json:"scenario_scored"`
	// Delta is the like-for-like change: the scenario's score minus the baseline's, both over
	// the indicators scored on both sides (LikeForLike), so that an indicator that can no
	// longer be decided (or now can) does not move it by leaving (or entering) the mean. Nil
	// when no indicator of the roll-up is scored on both sides.
	Delta       *float64    `json:"delta"`
	LikeForLike LikeForLike `json:"like_for_like"`
	// FullDelta is ScenarioScore minus BaseScore: it also moves when an indicator enters or
	// leaves the mean.
	FullDelta      *float64       `json:"full_delta"`
	BaseStatus     ProgressStatus `json:"base_status"`
	ScenarioStatus ProgressStatus `json:"scenario_status"`
	Changed        bool           `json:"changed"`
}

// DeadlineChange is one Article 3 or 4 deadline projection before and after. A projection
// present on one side only (an obligation completed or added) has the other side's status
// empty.
type DeadlineChange struct {
	ISO3                   string           `json:"iso3"`
	Article                int              `json:"article"`
	BaseStatus             ProjectionStatus `json:"base_status"`
	ScenarioStatus         ProjectionStatus `json:"scenario_status"`
	BaseCompletionYear     *int             `json:"base_completion_year"`
	ScenarioCompletionYear *int             `json:"scenario_completion_year"`
	BaseRate               *float64         `json:"base_rate"`
	ScenarioRate           *float64         `json:"scenario_rate"`
	Deadline               string           `json:"deadline,omitempty"`
	Changed                bool             `json:"changed"`
}

// diffEps is the tolerance under which two numbers count as equal.
const diffEps = 1e-9

// Compare returns the differences between base and other, two assessments of the same plan's
// indicators for the same year. Rows follow base's order; indicators, actions and sections
// only other has are appended.
func Compare(base, other *Assessment) Diff {
	d := Diff{Year: other.Year, BaseAsOf: base.AsOf, ScenarioAsOf: other.AsOf, BaseCounting: base.Counting, ScenCounting: other.Counting}
	oi := map[string]*IndicatorAssessment{}
	for i := range other.Indicators {
		oi[other.Indicators[i].ID] = &other.Indicators[i]
	}
	seen := map[string]bool{}
	for i := range base.Indicators {
		b := &base.Indicators[i]
		seen[b.ID] = true
		d.Indicators = append(d.Indicators, indicatorChange(b, oi[b.ID]))
	}
	for i := range other.Indicators {
		if o := &other.Indicators[i]; !seen[o.ID] {
			d.Indicators = append(d.Indicators, indicatorChange(nil, o))
		}
	}
	oa := map[int]ActionScore{}
	for _, a := range other.Actions {
		oa[a.Number] = a
	}
	for _, a := range base.Actions {
		o := oa[a.Number]
		d.Actions = append(d.Actions, scoreChange(strconv.Itoa(a.Number), a.Title, a.Rollup, o.Rollup))
	}
	os := map[string]SectionScore{}
	for _, s := range other.Sections {
		os[s.Key] = s
	}
	for _, s := range base.Sections {
		d.Sections = append(d.Sections, scoreChange(s.Key, s.Title, s.Rollup, os[s.Key].Rollup))
	}
	d.Overall = scoreChange("overall", "Overall plan", base.Overall.Rollup, other.Overall.Rollup)
	d.LeftOut = []LeftOutIndicator{}
	d.likeForLike(base, other)
	type dk struct {
		iso string
		art int
	}
	od := map[dk]*DeadlineProjection{}
	for i := range other.Deadlines {
		p := &other.Deadlines[i]
		od[dk{p.ISO3, p.Article}] = p
	}
	seenD := map[dk]bool{}
	for i := range base.Deadlines {
		b := &base.Deadlines[i]
		k := dk{b.ISO3, b.Article}
		seenD[k] = true
		d.Deadlines = append(d.Deadlines, deadlineChange(b, od[k]))
	}
	for i := range other.Deadlines {
		o := &other.Deadlines[i]
		if !seenD[dk{o.ISO3, o.Article}] {
			d.Deadlines = append(d.Deadlines, deadlineChange(nil, o))
		}
	}
	type ok struct {
		iso      string
		art, epi int
	}
	oo := map[ok]*ObligationEpisode{}
	for i := range other.Obligations {
		e := &other.Obligations[i]
		oo[ok{e.ISO3, e.Article, e.Episode}] = e
	}
	seenO := map[ok]bool{}
	for i := range base.Obligations {
		b := &base.Obligations[i]
		k := ok{b.ISO3, b.Article, b.Episode}
		seenO[k] = true
		d.Obligations = append(d.Obligations, obligationChange(b, oo[k]))
	}
	for i := range other.Obligations {
		o := &other.Obligations[i]
		if !seenO[ok{o.ISO3, o.Article, o.Episode}] {
			d.Obligations = append(d.Obligations, obligationChange(nil, o))
		}
	}
	for _, c := range d.Obligations {
		if c.Changed {
			d.ChangedTotals.Obligations++
		}
	}
	for _, c := range d.Indicators {
		if c.Changed {
			d.ChangedTotals.Indicators++
		}
	}
	for _, c := range d.Actions {
		if c.Changed {
			d.ChangedTotals.Actions++
		}
	}
	for _, c := range d.Sections {
		if c.Changed {
			d.ChangedTotals.Sections++
		}
	}
	for _, c := range d.Deadlines {
		if c.Changed {
			d.ChangedTotals.Deadlines++
		}
	}
	return d
}

// Changes returns the diff with only the changed rows (the overall score is always kept).
func (d Diff) Changes() Diff {
	out := d
	out.Indicators, out.Actions, out.Sections, out.Deadlines, out.Obligations = nil, nil, nil, nil, nil
	for _, c := range d.Obligations {
		if c.Changed {
			out.Obligations = append(out.Obligations, c)
		}
	}
	for _, c := range d.Indicators {
		if c.Changed {
			out.Indicators = append(out.Indicators, c)
		}
	}
	for _, c := range d.Actions {
		if c.Changed {
			out.Actions = append(out.Actions, c)
		}
	}
	for _, c := range d.Sections {
		if c.Changed {
			out.Sections = append(out.Sections, c)
		}
	}
	for _, c := range d.Deadlines {
		if c.Changed {
			out.Deadlines = append(out.Deadlines, c)
		}
	}
	return out
}

// Indicator returns one indicator's change.
func (d Diff) Indicator(id string) (IndicatorChange, bool) {
	for _, c := range d.Indicators {
		if c.ID == id {
			return c, true
		}
	}
	return IndicatorChange{}, false
}

func indicatorChange(b, o *IndicatorAssessment) IndicatorChange {
	var c IndicatorChange
	var bc, oc StateSet
	if b != nil {
		c.ID, c.Title, c.Unit, c.Provenance = b.ID, b.Title, b.Unit, b.Provenance
		c.BaseClass = b.Class
		c.BaseValue, c.BaseProgress, c.BaseScore, c.BaseStatus, c.BaseTarget = b.Value, b.Progress, b.Score, b.ProgressStatus, b.Target
		c.BaseSeries, bc = b.Series, b.Counted
		c.CoverageFlag = b.CoverageFlag
	}
	if o != nil {
		c.ID, c.Title, c.Unit, c.Provenance = o.ID, o.Title, o.Unit, o.Provenance
		c.ScenarioClass = o.Class
		c.ScenarioValue, c.ScenarioProgress, c.ScenarioScore, c.ScenarioStatus, c.ScenarioTarget = o.Value, o.Progress, o.Score, o.ProgressStatus, o.Target
		c.ScenarioSeries, oc = o.Series, o.Counted
		c.TargetYear = o.TargetYear
		c.CoverageFlag = c.CoverageFlag || o.CoverageFlag
	}
	c.Delta = delta(c.BaseValue, c.ScenarioValue)
	c.ProgressDelta = delta(c.BaseProgress, c.ScenarioProgress)
	c.Entered, c.Left = setDiff(oc, bc), setDiff(bc, oc)
	c.Changed = b == nil || o == nil || !sameNum(c.BaseValue, c.ScenarioValue) || !sameNum(c.BaseProgress, c.ScenarioProgress) ||
		!sameNum(c.BaseScore, c.ScenarioScore) || c.BaseStatus != c.ScenarioStatus || !sameNum(c.BaseTarget, c.ScenarioTarget) ||
		len(c.Entered) > 0 || len(c.Left) > 0
	return c
}

func scoreChange(key, title string, b, o Rollup) ScoreChange {
	c := ScoreChange{Key: key, Title: title, BaseScore: b.Score, ScenarioScore: o.Score, BaseScored: b.IndicatorsScored,
		ScenarioScored: o.IndicatorsScored, FullDelta: delta(b.Score, o.Score), BaseStatus: b.Status, ScenarioStatus: o.Status}
	c.Delta = c.FullDelta // until likeForLike: the same when no indicator is left out
	c.Changed = !sameNum(b.Score, o.Score) || b.Status != o.Status
	return c
}

func deadlineChange(b, o *DeadlineProjection) DeadlineChange {
	var c DeadlineChange
	if b != nil {
		c.ISO3, c.Article, c.Deadline = b.ISO3, b.Article, b.Deadline
		c.BaseStatus, c.BaseCompletionYear, c.BaseRate = b.Status, b.CompletionYear, b.Rate
	}
	if o != nil {
		c.ISO3, c.Article, c.Deadline = o.ISO3, o.Article, o.Deadline
		c.ScenarioStatus, c.ScenarioCompletionYear, c.ScenarioRate = o.Status, o.CompletionYear, o.Rate
	}
	c.Changed = b == nil || o == nil || c.BaseStatus != c.ScenarioStatus || !samePtr(c.BaseCompletionYear, c.ScenarioCompletionYear) ||
		!sameNum(c.BaseRate, c.ScenarioRate) || b.Deadline != o.Deadline
	return c
}

func delta(a, b *float64) *float64 {
	if a == nil || b == nil {
		return nil
	}
	v := *b - *a
	if math.Abs(v) < diffEps {
		v = 0
	}
	return &v
}

func sameNum(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= diffEps*math.Max(1, math.Abs(*a))
}

// samePtr reports whether two optional values are both absent or both present and equal.
func samePtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// setDiff lists the members of a not in b, in a's order.
func setDiff(a, b StateSet) []string {
	var out []string
	for s := range a.All() {
		if !b.Has(s) {
			out = append(out, s)
		}
	}
	return out
}
