package engine

import (
	"context"
	"errors"
	"fmt"
	"regexp"
)

// This file holds the public API of progress scoring: Assess turns a plan's evaluation into
// scores (indicator progress and status, roll-ups to actions, sections and the plan), a
// per-State view of obligations, and projections of Article 3 and 4 deadlines. Explain gives
// the whole derivation of one indicator. The formulas are in docs/methodology.md.

// ProgressStatus is an indicator's standing against its target in the assessed year.
type ProgressStatus string

// The progress statuses (docs/methodology.md, "Status").
const (
	// ProgressAchieved: the value meets the target (in the target's direction).
	ProgressAchieved ProgressStatus = "achieved"
	// ProgressOnTrack: linear: progress is at least on_track times the expected progress;
	// trend: the projection covers at least trend_on_track of the distance to the target.
	ProgressOnTrack ProgressStatus = "on-track"
	// ProgressNeedsAcceleration: moving the right way (or not moving) but too slowly.
	ProgressNeedsAcceleration ProgressStatus = "needs-acceleration"
	// ProgressRegressing: moved away from the target since the baseline (linear), or the
	// trend points away from it (trend).
	ProgressRegressing ProgressStatus = "regressing"
	// ProgressNoTarget: an informational indicator; it has a value but no target.
	ProgressNoTarget ProgressStatus = "no-target"
	// ProgressInsufficientData: no value for the year, no baseline, or too few years for a
	// trend; never scored as zero.
	ProgressInsufficientData ProgressStatus = "insufficient-data"
	// ProgressTooFew: the value is over fewer States than min_population (a share or a mean)
	// or over an empty population: shown as "k of n", never scored; an empty population is
	// never achieved.
	ProgressTooFew ProgressStatus = "too-few"
)

// ProgressStatuses lists the statuses in report order.
var ProgressStatuses = []ProgressStatus{ProgressAchieved, ProgressOnTrack, ProgressNeedsAcceleration,
	ProgressRegressing, ProgressNoTarget, ProgressInsufficientData, ProgressTooFew}

// Method is how an indicator's status is judged, chosen per indicator by the TOML key
// `method`.
type Method string

// The methods.
const (
	// MethodLinear is the current-status method (ESCAP CSI): progress made since the baseline
	// against the progress expected by now on the straight path to the target. The default.
	MethodLinear Method = "linear"
	// MethodTrend is the anticipated-progress method (ESCAP API): a least-squares line
	// through the years with data, projected to the target year and compared with the target.
	MethodTrend Method = "trend"
)

// methods lists the valid methods.
var methods = []Method{MethodLinear, MethodTrend}

// Scoring holds the thresholds of progress scoring and deadline projection. The plan file sets
// them in its [scoring] table; DefaultScoring gives the values used for keys it leaves out.
type Scoring struct {
	// OnTrack: (linear) on-track when progress >= OnTrack x expected progress.
	OnTrack float64 `json:"on_track" toml:"on_track"`
	// Regressing: (linear) regressing when progress < Regressing (0: any move away from the
	// target since the baseline).
	Regressing float64 `json:"regressing" toml:"regressing"`
	// TrendOnTrack: (trend) on-track when the projected value at the horizon covers at least
	// this share of the baseline-to-target distance.
	TrendOnTrack float64 `json:"trend_on_track" toml:"trend_on_track"`
	// TrendMinYears: (trend) fewest years with a value needed to fit a trend.
	TrendMinYears int `json:"trend_min_years" toml:"trend_min_years"`
	// Tolerance: a value within Tolerance of the target (in the indicator's unit) meets it.
	Tolerance float64 `json:"tolerance" toml:"tolerance"`
	// DeadlineRateYears: the recent rate of a deadline projection is the mean over at most
	// this many of the latest years with data.
	DeadlineRateYears int `json:"deadline_rate_years" toml:"deadline_rate_years"`
	// DeadlineMarginYears: a projection that completes less than this many years before the
	// deadline is at-risk rather than on-course.
	DeadlineMarginYears float64 `json:"deadline_margin_years" toml:"deadline_margin_years"`
	// MinPopulation: a share or mean taken over fewer States than this, or any value over an
	// empty population, has status too-few: shown as "k of n", never scored. An indicator's
	// min_population key overrides it.
	MinPopulation int `json:"min_population" toml:"min_population"`
	// MinCoverage: a sum whose contributing States are fewer than this share of its
	// population is coverage-flagged (as is one whose contributors changed since the year
	// before): never ranked among the largest changes, never given a direction of travel.
	MinCoverage float64 `json:"min_coverage" toml:"min_coverage"`
	// CAGRImproving and CAGRWorsening: the direction of travel of an indicator without a
	// target (Statistics Canada / Open SDG): improving when the compound annual growth in the
	// desired direction is at least CAGRImproving (times the limit scaling factor), worsening
	// when it is below CAGRWorsening, stable otherwise.
	CAGRImproving float64 `json:"cagr_improving" toml:"cagr_improving"`
	CAGRWorsening float64 `json:"cagr_worsening" toml:"cagr_worsening"`
	// Weighting is how actions weigh in their section and sections in the plan score:
	// WeightingScored (by the weights of the scored indicators they hold, so the plan score is
	// the weighted mean over every scored indicator) or WeightingEqual. A section's or an
	// action's weight key multiplies it.
	Weighting Weighting `json:"weighting" toml:"weighting"`
}

// Weighting is how a roll-up weighs its members (Scoring.Weighting).
type Weighting string

// The weightings.
const (
	// WeightingScored weighs an action or a section by the summed weights of its scored
	// indicators: a section of twenty scored indicators counts twenty times one of one.
	WeightingScored Weighting = "scored-indicators"
	// WeightingEqual weighs every scored action in a section, and every scored section in the
	// plan, alike.
	WeightingEqual Weighting = "equal"
)

// DefaultScoring returns the thresholds used when the plan's [scoring] table leaves a key out.
func DefaultScoring() Scoring {
	return Scoring{OnTrack: 0.95, Regressing: 0, TrendOnTrack: 0.95, TrendMinYears: 2, Tolerance: 1e-9,
		DeadlineRateYears: 3, DeadlineMarginYears: 1, MinPopulation: 5, MinCoverage: 0.8, CAGRImproving: 0.005,
		CAGRWorsening: 0, Weighting: WeightingScored}
}

// YearValue is one point of an indicator's series. Value is nil when the year has no value.
// N, TooFew and CoverageFlag are set on the points of an indicator's series: how many States
// the value is over, whether that is below min_population, and whether a sum's coverage is low
// or changed since the year before (see Coverage).
type YearValue struct {
	Year  int      `json:"year"`
	Value *float64 `json:"value"`
	// Class is the least reliable class of the data behind the value (empty when there is no
	// value, or when the value is not read from data).
	Class Class `json:"class,omitempty"`
	// AsOf is the day the year is seen at in an assessment's series: the cut-off shifted back
	// to the same time after the year's end as the assessed year (docs/methodology.md §1.3,
	// "Every year at the same lag"); the cut-off itself for the assessed year. Empty on points
	// not made from an evaluation.
	AsOf         string `json:"as_of,omitempty"`
	N            int    `json:"n,omitempty"`
	TooFew       bool   `json:"too_few,omitempty"`
	CoverageFlag bool   `json:"coverage_flag,omitempty"`

	// what a reassessment needs of a year it does not evaluate again (see stub)
	status            ValueStatus
	population, known int
	counted, noData   StateSet
	// supposed: the States a scenario's supposition leaves not known (IndicatorResult.Supposed)
	supposed StateSet
}

// notKnownOf is the set of the point's States not known under the indicator's unknown policy
// (IndicatorResult.NotKnown).
func (yv *YearValue) notKnownOf(ind *Indicator) StateSet {
	if ind.Unknown == UnknownAsFalse {
		return yv.supposed
	}
	return yv.noData
}

// Comparable reports whether the point can be compared with others: it has a value over enough
// States and, for a sum, a coverage that is not flagged.
func (yv YearValue) Comparable() bool { return yv.Value != nil && !yv.TooFew && !yv.CoverageFlag }

// Trend is the least-squares line of the trend method, fitted to Points years with a value:
// value = MeanValue + Slope x (year - MeanYear), projected to ProjectedYear.
type Trend struct {
	Slope         float64 `json:"slope"` // per year
	MeanYear      float64 `json:"mean_year"`
	MeanValue     float64 `json:"mean_value"`
	Points        int     `json:"points"`
	ProjectedYear int     `json:"projected_year"`
	Projected     float64 `json:"projected"`
	// Anticipated is the share of the baseline-to-target distance the projection covers.
	Anticipated *float64 `json:"anticipated"`
}

// IndicatorAssessment is one indicator's result for the assessed year with its score. The
// IndicatorResult fields are inlined in JSON.
type IndicatorAssessment struct {
	IndicatorResult
	Direction      Direction `json:"direction"`
	Method         Method    `json:"method"`
	Weight         float64   `json:"weight"`
	Target         *float64  `json:"target"`
	TargetYear     int       `json:"target_year,omitempty"`
	TargetEachYear bool      `json:"target_each_year,omitempty"`
	// Baseline is the value in BaselineYear: the indicator's baseline_year, else the plan's,
	// else (when that year has no value) the first later year with one before the assessed
	// year. BaselineYear is 0 when there is none.
	Baseline     *float64 `json:"baseline"`
	BaselineYear int      `json:"baseline_year,omitempty"`
	// Expected is the value expected in the assessed year on the straight path from the
	// baseline to the target; ExpectedProgress is the share of the distance that path has
	// covered by then (0 at the baseline year, 1 from the target year on).
	Expected         *float64 `json:"expected"`
	ExpectedProgress *float64 `json:"expected_progress"`
	// Progress is the share of the baseline-to-target distance covered: (value - baseline) /
	// (target - baseline). It is not capped: negative means further from the target than at
	// the baseline, above 1 beyond it. See docs/methodology.md for baseline == target.
	Progress *float64 `json:"progress"`
	// Score is Progress capped to [0, 1]: what roll-ups average. Nil when not scored.
	Score          *float64       `json:"score"`
	ProgressStatus ProgressStatus `json:"progress_status"`
	// Reason says in one sentence why the status was given; ReasonSentence is the same as a
	// message and its values, for outputs in other languages (engine/sentence.go).
	Reason         string      `json:"reason"`
	ReasonSentence Sentence    `json:"-"`
	Previous       *float64    `json:"previous"` // the value in the year before
	Series         []YearValue `json:"series"`   // baseline year (or earlier override) .. assessed year
	Trend          *Trend      `json:"trend,omitempty"`
	// CoverageFlag marks a sum whose coverage is below min_coverage or changed since the year
	// before; Coverage says which States are missing (sums only).
	CoverageFlag bool      `json:"coverage_flag"`
	Coverage     *Coverage `json:"coverage,omitempty"`
	// TrendStatus is the direction of travel of an indicator without a target (improving,
	// stable, worsening or insufficient-data; empty for indicators with a target), and Travel
	// its arithmetic. It is counted apart from target-based progress.
	TrendStatus TrendStatus `json:"trend_status,omitempty"`
	Travel      *Travel     `json:"direction_of_travel,omitempty"`
	// UnknownCheck is the check of the status (or direction of travel) against the States not
	// known (docs/methodology.md §3.2): nil when none could touch it.
	UnknownCheck *UnknownCheck `json:"unknown_check,omitempty"`

	steps []Sentence // the scoring arithmetic, for Explain
}

// Scored reports whether the indicator enters roll-up means.
func (ia *IndicatorAssessment) Scored() bool { return ia.Score != nil }

// ProgressCounts counts indicators per progress status.
type ProgressCounts struct {
	Achieved          int `json:"achieved"`
	OnTrack           int `json:"on-track"`
	NeedsAcceleration int `json:"needs-acceleration"`
	Regressing        int `json:"regressing"`
	NoTarget          int `json:"no-target"`
	InsufficientData  int `json:"insufficient-data"`
	TooFew            int `json:"too-few"`
}

// Get returns the count for one status.
func (c ProgressCounts) Get(s ProgressStatus) int {
	switch s {
	case ProgressAchieved:
		return c.Achieved
	case ProgressOnTrack:
		return c.OnTrack
	case ProgressNeedsAcceleration:
		return c.NeedsAcceleration
	case ProgressRegressing:
		return c.Regressing
	case ProgressNoTarget:
		return c.NoTarget
	case ProgressInsufficientData:
		return c.InsufficientData
	case ProgressTooFew:
		return c.TooFew
	}
	return 0
}

// Add counts one indicator with status s.
func (c *ProgressCounts) Add(s ProgressStatus) {
	switch s {
	case ProgressAchieved:
		c.Achieved++
	case ProgressOnTrack:
		c.OnTrack++
	case ProgressNeedsAcceleration:
		c.NeedsAcceleration++
	case ProgressRegressing:
		c.Regressing++
	case ProgressNoTarget:
		c.NoTarget++
	case ProgressInsufficientData:
		c.InsufficientData++
	case ProgressTooFew:
		c.TooFew++
	}
}

// Rollup is the score of a group of indicators (an action, a section or the plan).
type Rollup struct {
	// Score is the mean of the group's scored members (see docs/methodology.md, "Roll-ups");
	// nil when none is scored.
	Score *float64 `json:"score"`
	// Expected is the same mean taken over the members' expected progress: where the group
	// should be by now.
	Expected *float64 `json:"expected"`
	// Status applies the linear rule to Score and Expected; achieved when every scored
	// indicator is achieved, no-target or insufficient-data when nothing is scored.
	Status           ProgressStatus `json:"status"`
	Indicators       int            `json:"indicators"`
	IndicatorsScored int            `json:"indicators_scored"`
	ProgressCounts   ProgressCounts `json:"status_counts"`
	// TrendCounts counts the group's indicators without a target by direction of travel,
	// apart from target-based progress.
	TrendCounts TrendCounts `json:"trend_counts"`
	// Weight is the group's weight in the roll-up above it (an action in its section, a
	// section in the plan): see Scoring.Weighting. 0 when it has no score.
	Weight float64 `json:"weight"`
}

// ActionScore is an action's roll-up: the weighted mean of its indicators' scores.
type ActionScore struct {
	Number     int    `json:"number"`
	Section    string `json:"section"`
	Title      string `json:"title"`
	Provenance string `json:"provenance"`
	Rollup
}

// SectionScore is a section's roll-up: the mean of its scored actions' scores.
type SectionScore struct {
	Key     string `json:"key"`
	Title   string `json:"title"`
	Actions int    `json:"actions"`
	// ActionsScored counts the section's actions that have a score.
	ActionsScored int `json:"actions_scored"`
	Rollup
}

// OverallScore is the plan's roll-up: the weighted mean of its scored sections' scores.
type OverallScore struct {
	Sections       int `json:"sections"`
	SectionsScored int `json:"sections_scored"`
	Rollup
	// Contributions gives, for each scored section, its share of the plan score's weight and
	// the plan score without it: what the section adds or takes away.
	Contributions []SectionContribution `json:"contributions"`
}

// SectionContribution is one scored section's part in the plan score.
type SectionContribution struct {
	Key    string   `json:"key"`
	Weight float64  `json:"weight"`
	Share  float64  `json:"share"` // weight / total weight of the scored sections
	Score  *float64 `json:"score"` // the section's score
	// Without is the plan score with this section left out; nil when it is the only one.
	Without *float64 `json:"without"`
}

// ObligationStatus is where a State stands on one obligation.
type ObligationStatus string

// The obligation statuses: neutral keys for what the data record, never "met" or "not met".
// Articles 3 and 4 are told per episode as completed or open, with DeadlineMet saying how the
// deadline was kept; Article 5 is ongoing; Article 7 says where the reports stand (the initial
// report when overdue, else the annual report covering the year); Article 9 what is reported of
// national measures. StatusText gives the words (engine/words.go).
const (
	ObligationCompleted ObligationStatus = "completed" // an Article 3 or 4 episode completed by R
	ObligationOpen      ObligationStatus = "open"      // an Article 3 or 4 episode open at R
	ObligationOngoing   ObligationStatus = "ongoing"   // Article 5: what is reported, no verdict

	// Article 7.
	ObligationInitialReportOverdue    ObligationStatus = "initial-report-overdue"     // required and not received by R
	ObligationAnnualReportOnTime      ObligationStatus = "annual-report-on-time"      // received by 30 April of Y+1
	ObligationAnnualReportLate        ObligationStatus = "annual-report-late"         // received after it
	ObligationAnnualReportReceived    ObligationStatus = "annual-report-received"     // received; the date does not say whether on time
	ObligationAnnualReportNotReceived ObligationStatus = "annual-report-not-received" // owed, none received, the deadline passed
	ObligationAnnualReportNotYetDue   ObligationStatus = "annual-report-not-yet-due"  // owed, the deadline ahead
	ObligationAnnualReportNotOwed     ObligationStatus = "annual-report-not-owed"     // not owed for Y (data dictionary §4.2)

	// Article 9, from art9_legislation.
	ObligationSpecificLegislation   ObligationStatus = "specific-legislation"
	ObligationExistingLawSufficient ObligationStatus = "existing-law-sufficient"
	ObligationLegislationInProgress ObligationStatus = "legislation-in-progress"
	ObligationNoMeasures            ObligationStatus = "no-measures"
	ObligationStatusUnclear         ObligationStatus = "status-unclear" // assessed, the status unclear
	ObligationNotAssessed           ObligationStatus = "not-assessed"   // no art9_legislation fact
)

// Obligation is one article's obligation (for Articles 3 and 4, one episode of it) for one
// State in the assessed year.
type Obligation struct {
	Article int `json:"article"` // 3, 4, 5, 7 or 9
	// Episode numbers the Article 3 or 4 episode (1 = the original obligation); 0 otherwise.
	Episode int              `json:"episode,omitempty"`
	Name    string           `json:"name"`
	Status  ObligationStatus `json:"status"`
	// StatusText says it in the neutral words of engine/words.go: "completed on time",
	// "open, past the deadline", "open; deadline not known (extension requested in 2024;
	// decision not recorded)", "initial report received (3 March 2011); annual report for
	// 2024 received on time (30 April 2025)", "existing law considered sufficient".
	StatusText string `json:"status_text"`
	// StatusSentence is StatusText as a message and its values, for outputs in other
	// languages (engine/sentence.go).
	StatusSentence Sentence `json:"-"`
	// Deadline is the date that applies, when the obligation has one (for Articles 3 and 4
	// the deadline in force at completion, or at R; 30 April of the next year for the annual
	// Article 7 report).
	Deadline string `json:"deadline,omitempty"`
	// DeadlineMet is yes, no, unknown (the dates do not decide, no deadline is recorded, or an
	// extension request awaits a decision), pending (the deadline is ahead) or none (a later
	// episode without a deadline); empty for obligations without a deadline (Articles 5 and
	// 9, and Article 7 when no report is owed).
	DeadlineMet Verdict `json:"deadline_met,omitempty"`
	// Detail is a line of facts with their dates ("survey and clearance since 2011; open at
	// 31 December 2024; deadline 1 August 2026"); DetailSentence is it as a message and its
	// values, for outputs in other languages.
	Detail         string   `json:"detail"`
	DetailSentence Sentence `json:"-"`
	// Class is the least reliable class of the facts the status and detail rest on (an
	// episode's start, deadline decisions and completion, and its extension request and the
	// decision on it unless a recorded deadline answered the request; the
	// Article 5 focal point, national plan and budget; the Article 7 reports' dates; the
	// Article 9 position), so that a status resting on data that are not official carries its
	// mark wherever it is shown; empty when it rests on no fact.
	Class Class `json:"class,omitempty"`
}

// ObligationEpisode is one episode of a State's Article 3 or 4 obligation (data dictionary
// §4.4) as `lap eval --format json` lists it in "obligations". Dates are written as precisely
// as known ("2023", "2023-06", "2023-06-14").
type ObligationEpisode struct {
	ISO3    string `json:"iso3"`
	Article int    `json:"article"` // 3 or 4
	Episode int    `json:"episode"` // 1 = the original obligation
	Start   Date   `json:"start"`
	// Deadline is the deadline in force at completion, or at R for an open episode; nil when
	// the episode has none.
	Deadline *Date `json:"deadline"`
	// Deadlines is the episode's dated chain of deadline decisions, in order.
	Deadlines []DeadlineDecision `json:"deadlines"`
	// ExtensionRequested is the year of the episode's latest extension request made by the
	// year of its deadline (art*_extension_requested), nil when none is recorded.
	// ExtensionPending is true when no decision on it is recorded by the cut-off: neither
	// granted nor refused, and no new deadline. Once the deadline in force has passed, a
	// pending request makes the deadline that applies not known: DeadlineMet is "unknown",
	// Deadline stays the last one recorded (docs/methodology.md §5.1, "Extension requests").
	ExtensionRequested *int `json:"extension_requested"`
	ExtensionPending   bool `json:"extension_pending"`
	// Completed is the completion as the source gives it; nil while open.
	Completed   *Date   `json:"completed"`
	DeadlineMet Verdict `json:"deadline_met"`
	// MonthsToComplete is, for a later episode, the whole months from its start to its
	// completion; nil for episode 1, while open, or when the dates' precision leaves a range
	// (Detail gives it).
	MonthsToComplete *int `json:"months_to_complete"`
	// Projection is the deadline projection of an open episode; nil otherwise.
	Projection *DeadlineProjection `json:"projection"`
	// Values are the facts the episode rests on, with their class and origin: its start, its
	// deadline decisions, its latest extension request and the decision on it, its completion,
	// and for a State's latest episode the amount destroyed or cleared in the year and what
	// remained at its end, when recorded.
	Values []FieldRead `json:"values"`

	Name           string   `json:"-"` // the State's name
	StatusText     string   `json:"-"` // as Obligation.StatusText
	StatusSentence Sentence `json:"-"` // as Obligation.StatusSentence
	Detail         string   `json:"-"` // as Obligation.Detail
	DetailSentence Sentence `json:"-"` // as Obligation.DetailSentence
}

// DeadlineDecision is one decision in an episode's deadline chain: the deadline set and when
// it was decided (the fact's recorded day, else its year).
type DeadlineDecision struct {
	Decided  Date   `json:"decided"`
	Deadline Date   `json:"deadline"`
	Source   string `json:"source"`
}

// StateView is one State Party's obligations and indicator membership in the assessed year.
type StateView struct {
	ISO3   string `json:"iso3"`
	Name   string `json:"name"`
	Region string `json:"region"`
	// Obligations lists, in article order, only the obligations that apply to the State.
	Obligations []Obligation `json:"obligations"`
	// CountedIn lists the indicators whose rule the State satisfied (or to which it gave a
	// number); NotCountedIn those where its rule was known false; NoDataIn those where its
	// result was unknown.
	CountedIn    []string `json:"counted_in"`
	NotCountedIn []string `json:"not_counted_in"`
	NoDataIn     []string `json:"no_data_in"`
}

// ProjectionStatus is a deadline projection's outcome (Projection.Status).
type ProjectionStatus string

// The projection statuses.
const (
	ProjectionOnCourse ProjectionStatus = "on-course" // completes at least the margin before the deadline
	ProjectionAtRisk   ProjectionStatus = "at-risk"   // completes by the deadline, within the margin
	ProjectionWillMiss ProjectionStatus = "will-miss" // completes after the deadline, never, or the deadline has passed
	ProjectionNoData   ProjectionStatus = "no-data"   // no remaining amount, rate or deadline
	// ProjectionNotKnown: the deadline in force has passed and an extension request awaits a
	// decision (or a grant its new deadline): the deadline that applies is not known.
	ProjectionNotKnown ProjectionStatus = "deadline-not-known"
)

// ReasonCode names the case a projection's Reason describes.
type ReasonCode string

// The reason codes.
const (
	ReasonNoRemaining      ReasonCode = "no-remaining"       // no amount remaining reported in the episode's years
	ReasonNoRate           ReasonCode = "no-rate"            // an amount remains, none done is reported
	ReasonNothingLeft      ReasonCode = "nothing-left"       // the amount remaining is zero
	ReasonNoDeadline       ReasonCode = "no-deadline"        // projected; the episode has no deadline
	ReasonDeadlineNotKnown ReasonCode = "deadline-not-known" // projected; the deadline that applies is not known
	ReasonOnCourse         ReasonCode = "on-course"          // completes before the deadline, outside the margin
	ReasonAtRisk           ReasonCode = "at-risk"            // completes within the margin before the deadline
	ReasonWillMiss         ReasonCode = "will-miss"          // completes after the deadline, or never
)

// ProjectionInput is what a deadline projection needs: the amount remaining at the end of
// RemainingYear, a yearly rate and the deadline. Monte Carlo callers draw Rate (or Remaining)
// and call Project for each draw.
type ProjectionInput struct {
	Remaining     float64
	RemainingYear int
	Rate          float64
	Deadline      Date
	MarginYears   float64
}

// Projection is the pure result of Project.
type Projection struct {
	// CompletionYear is the calendar year in which the remaining amount runs out at Rate; nil
	// when Rate is not positive and something remains.
	CompletionYear *int `json:"projected_completion_year"`
	// YearsNeeded is Remaining / Rate, from the end of RemainingYear.
	YearsNeeded *float64 `json:"years_needed"`
	// RateNeeded is the yearly rate that finishes exactly on the deadline; nil when the
	// deadline is not after the end of RemainingYear.
	RateNeeded *float64         `json:"rate_needed"`
	Status     ProjectionStatus `json:"status"`
}

// DeadlineProjection is the projection for one State and one article.
type DeadlineProjection struct {
	ISO3    string `json:"iso3"`
	Name    string `json:"name"`
	Article int    `json:"article"` // 3 or 4
	// Measure names the remaining amount (art3_stock_munitions, art3_stock_submunitions or
	// art4_area_remaining_m2) and Unit its unit.
	Measure string `json:"measure"`
	Unit    string `json:"unit"`
	// Remaining is the amount left at the end of RemainingYear, the latest year with a
	// value up to the assessed year.
	Remaining     *float64 `json:"remaining"`
	RemainingYear int      `json:"remaining_year,omitempty"`
	// RemainingClass is the class of the remaining amount's fact; RateClass the least reliable
	// class of the facts the rate is computed from.
	RemainingClass Class `json:"remaining_class,omitempty"`
	RateClass      Class `json:"rate_class,omitempty"`
	// Rate is the mean yearly amount done over RateYears (the latest years with data).
	Rate      *float64    `json:"rate"`
	RateYears []YearValue `json:"rate_years"`
	Deadline  string      `json:"deadline,omitempty"` // the deadline in force (after extensions)
	// ExtensionRequested and ExtensionPending are the episode's (ObligationEpisode), and
	// ExtensionNote says what is recorded of the request ("extension requested in 2024, no
	// decision recorded"; empty when none is recorded or its new deadline is). When the
	// deadline has passed and a request awaits a decision, Deadline is the last one recorded,
	// Status is deadline-not-known and RateNeeded nil.
	ExtensionRequested int    `json:"extension_requested,omitempty"`
	ExtensionPending   bool   `json:"extension_pending"`
	ExtensionNote      string `json:"extension_note,omitempty"`
	Projection
	// Reason says the projection in plain, locale-neutral English with the numbers formatted
	// for people ("13,383,333 m² remaining at the end of 2024; ..."). ReasonCode names its
	// case, so that an output in another language can build its own sentence from the fields.
	Reason         string     `json:"reason"`
	ReasonCode     ReasonCode `json:"reason_code"`
	ReasonSentence Sentence   `json:"-"` // Reason as a message and its values
	// AssumptionSentences are Assumptions as messages and their values.
	AssumptionSentences []Sentence `json:"-"`
	// ExtensionNoteSentence is ExtensionNote as a message and its values.
	ExtensionNoteSentence Sentence `json:"-"`
	// Episode is the open obligation episode projected (1 = the original obligation) and
	// Start the day it began; the figures used are from its start year on.
	Episode int    `json:"episode"`
	Start   string `json:"start"`
	// Assumptions states what the projection takes for granted: no further extension, the
	// State's own recent rate and the years it comes from, no new findings.
	Assumptions []string `json:"assumptions"`
	// SinglePoint is true when the rate rests on one year of data; Stale when the newest
	// figure used is more than two years before the assessed year. Outputs say so.
	SinglePoint bool `json:"single_point"`
	Stale       bool `json:"stale"`
}

// Assessment is a plan's evaluation for one year with its scores: the object `lap eval
// --format json` prints.
type Assessment struct {
	Plan         PlanRef               `json:"plan"`
	Counting     Counting              `json:"counting"`
	AsOf         string                `json:"as_of"`
	Year         int                   `json:"year"`
	BaselineYear int                   `json:"baseline_year"`
	TargetYear   int                   `json:"target_year"`
	Scoring      Scoring               `json:"scoring"` // the thresholds used
	Indicators   []IndicatorAssessment `json:"indicators"`
	Actions      []ActionScore         `json:"actions"`
	Sections     []SectionScore        `json:"sections"`
	Overall      OverallScore          `json:"overall"`
	States       []StateView           `json:"states"`
	Deadlines    []DeadlineProjection  `json:"deadlines"`
	// Obligations lists every Article 3 and 4 obligation episode of the States Parties that
	// began by R, by article, State and episode, each open one with its projection.
	Obligations []ObligationEpisode `json:"obligations"`

	// from is what the assessment was scored from, for RevisionsOf; nil for an assessment
	// decoded from JSON or built elsewhere. It is not part of the assessment's content: it is
	// neither encoded nor compared (see Assessment.Equal).
	from *assessedFrom
}

// Indicator returns the assessment of one indicator.
func (a *Assessment) Indicator(id string) (IndicatorAssessment, bool) {
	for _, ia := range a.Indicators {
		if ia.ID == id {
			return ia, true
		}
	}
	return IndicatorAssessment{}, false
}

// Action returns the score of one action.
func (a *Assessment) Action(n int) (ActionScore, bool) {
	for _, as := range a.Actions {
		if as.Number == n {
			return as, true
		}
	}
	return ActionScore{}, false
}

// ErrUnknownIndicator is returned by Explain for an id the plan does not define.
var ErrUnknownIndicator = errors.New("engine: unknown indicator")

// WithScoring replaces the plan's thresholds for one assessment (what-if on thresholds).
func WithScoring(s Scoring) EvalOption { return func(c *evalConfig) { c.scoring = &s } }

// Assess evaluates the plan for every year from the earliest baseline year to year (the
// series that baselines and trends need) and scores year. Every year of the series is seen the
// same time after its end as year (docs/methodology.md §1.3, "Every year at the same lag"):
// year y at the cut-off shifted back year-y years, with the corrections known at the cut-off;
// a value first reported later is left out. Like Evaluate, its error is non-nil only when the
// run as a whole cannot be done.
func (p *Plan) Assess(ctx context.Context, ds *Dataset, year int, opts ...EvalOption) (*Assessment, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	opts = append(opts[:len(opts):len(opts)], seriesFor(year))
	var a *Assessment
	_, err := p.evaluateYears(ctx, ds, p.firstYear(year), year, year, opts, func(results []*Result, envs []stateEnv) {
		if results[len(results)-1].Year == year {
			a = p.assess(ds, results, envs, opts)
		}
	}, nil)
	if err != nil {
		return nil, fmt.Errorf("assess %d: %w", year, err)
	}
	return a, nil
}

// AssessYears assesses every year from..to as the assessment of to sees them, evaluating each
// year once: one series, every year y seen the same time after its end as to (the cut-off
// shifted back to-y years, with the corrections known at the cut-off; see Assess), so that a
// year's value is the same in every assessment of the range and a range costs about what its
// last year does. The assessments are in year order; the last equals Assess(to), and an
// earlier year's is Assess's at the cut-off shifted back to its own lag, with the corrections
// known at the cut-off (its AsOf is that day).
func (p *Plan) AssessYears(ctx context.Context, ds *Dataset, from, to int, opts ...EvalOption) ([]*Assessment, error) {
	return p.assessYears(ctx, ds, from, to, opts, nil)
}

// AssessYearsTraced is AssessYears that also gives every State's traced outcomes in the last
// year, to: what EvaluateStates gives for that year with the same options, taken from the
// evaluation the assessment of to is scored from rather than a second one. A report's
// country profiles need both (reports.NewStateDataOf); the outcomes are the caller's, so
// that each can be let go once used, and the assessments are AssessYears's.
func (p *Plan) AssessYearsTraced(ctx context.Context, ds *Dataset, from, to int, opts ...EvalOption) ([]*Assessment, []*StateEvaluation, error) {
	var states []*StateEvaluation
	as, err := p.assessYears(ctx, ds, from, to, opts, &states)
	if err != nil {
		return nil, nil, err
	}
	return as, states, nil
}

// assessYears is AssessYears; states, when not nil, receives the traced outcomes of year to.
func (p *Plan) assessYears(ctx context.Context, ds *Dataset, from, to int, opts []EvalOption, states *[]*StateEvaluation) ([]*Assessment, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	if from > to {
		return nil, fmt.Errorf("assess: year range %d..%d is empty", from, to)
	}
	first := p.firstYear(from)
	out := make([]*Assessment, 0, to-from+1)
	opts = append(opts[:len(opts):len(opts)], seriesFor(to))
	_, err := p.evaluateYears(ctx, ds, first, to, from, opts, func(results []*Result, envs []stateEnv) {
		if y := results[len(results)-1].Year; y >= from {
			out = append(out, p.assess(ds, results[p.firstYear(y)-first:], envs, opts))
		}
	}, states)
	if err != nil {
		for y := from; y <= to; y++ { // the error Assess gives for the first year that fails
			if _, err := p.Assess(ctx, ds, y, opts[:len(opts)-1]...); err != nil {
				return nil, err
			}
		}
		return nil, fmt.Errorf("assess %d..%d: %w", from, to, err)
	}
	return out, nil
}

// assess scores the year of the last result from the results of every year its series needs;
// envs are the States' environments in that year.
func (p *Plan) assess(ds *Dataset, results []*Result, envs []stateEnv, opts []EvalOption) *Assessment {
	cfg := p.assessConfig(ds, opts)
	last := results[len(results)-1]
	year := last.Year
	a := &Assessment{Plan: last.Plan, Counting: last.Counting, AsOf: last.AsOf, Year: year,
		BaselineYear: p.baselineYear, TargetYear: p.targetYear, Scoring: *cfg.scoring,
		from: &assessedFrom{plan: p, ds: ds, cfg: cfg, results: results}}
	a.Indicators = p.scoreAll(ds, results, *cfg.scoring)
	a.Actions, a.Sections, a.Overall = p.rollups(a.Indicators, *cfg.scoring)
	a.States = ds.stateViews(envs, last)
	a.Deadlines = ds.deadlines(envs, year, *cfg.scoring)
	a.Obligations = ds.obligationEpisodes(envs, a.Deadlines)
	return a
}

// firstYear is the first year to evaluate: the earliest baseline year, or year if earlier;
// and the year before when that is year itself, so that the baseline year has a direction of
// travel (the year before the plan is compared with its baseline year).
func (p *Plan) firstYear(year int) int {
	from := p.baselineYear
	for _, ind := range p.indicators {
		if ind.BaselineYear != 0 && ind.BaselineYear < from {
			from = ind.BaselineYear
		}
	}
	if from >= year {
		return year - 1
	}
	return from
}

// assessConfig applies the options as EvaluateYears does, with the plan's scoring thresholds
// unless WithScoring replaced them.
func (p *Plan) assessConfig(ds *Dataset, opts []EvalOption) evalConfig {
	cfg := evalConfig{counting: p.counting}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.asOf.IsZero() {
		cfg.asOf = ds.latest
	}
	if cfg.scoring == nil {
		sc := p.scoring
		if sc == (Scoring{}) {
			sc = DefaultScoring()
		}
		cfg.scoring = &sc
	}
	return cfg
}

// scoringFor is the scoring a run uses: WithScoring's, else the plan's, else the defaults.
func (p *Plan) scoringFor(cfg evalConfig) Scoring {
	if cfg.scoring != nil {
		return *cfg.scoring
	}
	if p.scoring == (Scoring{}) {
		return DefaultScoring()
	}
	return p.scoring
}

// scoreAll scores every indicator of the last result with its series over all results; ds
// gives the names of the States a reason names.
func (p *Plan) scoreAll(ds *Dataset, results []*Result, sc Scoring) []IndicatorAssessment {
	last := results[len(results)-1]
	out := make([]IndicatorAssessment, 0, len(last.Indicators))
	for i, ir := range last.Indicators {
		out = append(out, scoreIndicator(ir, p.byID[ir.ID], seriesOf(results, i, sc), last.Year, p.baselineYear, p.targetYear, sc, ds.stateName))
	}
	return out
}

// Explanation is the whole derivation of one indicator for one year: its definition and
// expressions, each State's outcome with the values read and their origin, and the scoring
// arithmetic.
type Explanation struct {
	Plan       PlanRef             `json:"plan"`
	Counting   Counting            `json:"counting"`
	AsOf       string              `json:"as_of"`
	Year       int                 `json:"year"`
	Definition string              `json:"definition"`
	Population string              `json:"population"` // the population expression
	Rule       string              `json:"rule"`       // the rule expression
	File       string              `json:"file"`       // the TOML file and line defining it
	Line       int                 `json:"line"`
	Indicator  IndicatorAssessment `json:"indicator"` // with States traced
	// Names gives the name in the data of each State of Indicator.States, by ISO3 code, so
	// that a reader is shown names where the explanation lists States.
	Names map[string]string `json:"names"`
	// DerivedInputs gives, per State, the facts and States-file columns behind the derived
	// fields its expressions read, with file and line.
	DerivedInputs []StateInputs `json:"derived_inputs"`
	Scoring       Scoring       `json:"scoring"`
	// Steps is the scoring arithmetic, one line each, in order; StepSentences the same lines
	// as messages and their values (engine/sentence.go), for outputs in other languages.
	Steps         []string   `json:"steps"`
	StepSentences []Sentence `json:"-"`
}

// Explain assesses one indicator with tracing and returns its whole derivation. An id the
// plan does not define gives ErrUnknownIndicator.
func (p *Plan) Explain(ctx context.Context, ds *Dataset, id string, year int, opts ...EvalOption) (*Explanation, error) {
	ind, ok := p.byID[id]
	if !ok {
		return nil, fmt.Errorf("explain: %w %q", ErrUnknownIndicator, id)
	}
	if ds == nil {
		return nil, ErrNilDataset
	}
	opts = append(opts[:len(opts):len(opts)], Only(regexp.MustCompile("^"+regexp.QuoteMeta(id)+"$")), seriesFor(year))
	var results []*Result
	if from := p.firstYear(year); from < year {
		rs, err := p.EvaluateYears(ctx, ds, from, year-1, opts...)
		if err != nil {
			return nil, fmt.Errorf("explain %s: %w", id, err)
		}
		results = rs
	}
	last, err := p.Evaluate(ctx, ds, year, append(opts, Trace())...)
	if err != nil {
		return nil, fmt.Errorf("explain %s: %w", id, err)
	}
	results = append(results, last)
	cfg := p.assessConfig(ds, opts)
	ia := p.scoreAll(ds, results, *cfg.scoring)[0]
	names := make(map[string]string, len(ia.States))
	for _, so := range ia.States {
		names[so.ISO3] = ds.stateName(so.ISO3)
	}
	return &Explanation{Names: names, Plan: last.Plan, Counting: last.Counting, AsOf: last.AsOf, Year: year,
		Definition: ind.Definition, Population: ind.Population.Source, Rule: ind.Rule.Source,
		File: ind.File, Line: ind.Line, Indicator: ia, DerivedInputs: ds.derivedInputs(ia.States, year, cfg.asOf),
		Scoring: *cfg.scoring, Steps: sentenceStrings(ia.steps), StepSentences: ia.steps}, nil
}

// sentenceStrings is each sentence in the engine's English.
func sentenceStrings(ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.String()
	}
	return out
}
