package engine

import (
	"sort"
	"strings"
)

// MessageDef declares one message of the sentences the engine writes: its id, a description for
// translators, and its English, with {{.Name}} for each value (the syntax of the report
// catalogue). A message whose English has a One form counts its value N ("1 year", "3 years").
// reports/locale/catalog/engine.en.toml is generated from these declarations (go test
// ./reports/locale -run TestEngineCatalogue -update); French and Spanish translate it.
type MessageDef struct {
	ID          string
	Description string
	One, Other  string

	one, other []piece // the English split into text and values
}

// piece is a run of text, or the name of a value.
type piece struct{ text, name string }

// Message ids. Each is declared, with its English, in messageDefs.
const (
	// Articles 3 and 4, per episode (data dictionary §4.4; docs/methodology.md §5). No word is a
	// verdict of "met" or "not met": each says what the data record.
	msgCompletedOnTime        = "engine.obligation.completed-on-time"
	msgCompletedLate          = "engine.obligation.completed-late"
	msgCompletedTimingUnknown = "engine.obligation.completed-timing-unknown"
	msgCompletedNoDeadline    = "engine.obligation.completed-no-deadline"
	msgCompletedAfterFound    = "engine.obligation.completed-after-found"
	msgOpenAhead              = "engine.obligation.open-ahead"
	msgOpenPast               = "engine.obligation.open-past"
	msgOpenNoDeadlineOfItsOwn = "engine.obligation.open-no-deadline-of-its-own"
	msgOpenTimingUnknown      = "engine.obligation.open-timing-unknown"
	msgOpenDeadlineNotKnown   = "engine.obligation.open-deadline-not-known"
	msgWithExtension          = "engine.obligation.with-extension"
	msgEpisodeNote            = "engine.obligation.episode-note"
	// An obligation's detail line (Obligation.Detail, ObligationEpisode.Detail): its clauses.
	msgDetailStockpileSince     = "engine.detail.stockpile-since"
	msgDetailClearanceSince     = "engine.detail.clearance-since"
	msgDetailStockpileFound     = "engine.detail.stockpile-found"
	msgDetailContaminationFound = "engine.detail.contamination-found"
	msgDetailOpenAt             = "engine.detail.open-at"
	msgDetailCompleted          = "engine.detail.completed"
	msgDetailDeadline           = "engine.detail.deadline"
	msgDetailDeadlineExtended   = "engine.detail.deadline-extended"
	msgDetailNoDeadlineOfItsOwn = "engine.detail.no-deadline-of-its-own"
	msgDetailNoDeadline         = "engine.detail.no-deadline-recorded"
	msgDetailFieldNotReported   = "engine.detail.field-not-reported"
	// Notes on an episode's latest extension request (docs/methodology.md §5.1).
	msgExtensionPending   = "engine.extension.pending"
	msgExtensionNoNewDate = "engine.extension.no-new-date"
	msgExtensionRefused   = "engine.extension.refused"
	msgWhyPending         = "engine.extension.why-pending"
	msgWhyNoNewDate       = "engine.extension.why-no-new-date"
	// Article 5.
	msgOngoingAsReported = "engine.article5.ongoing-as-reported"
	msgArticle5Reported  = "engine.article5.reported"
	msgYes               = "engine.answer.yes"
	msgNo                = "engine.answer.no"
	msgNotReported       = "engine.answer.not-reported"
	msgAmount            = "engine.amount"
	// Article 7.
	msgClauses                = "engine.clauses"
	msgInitialReceived        = "engine.article7.initial-received"
	msgInitialNotYetDue       = "engine.article7.initial-not-yet-due"
	msgInitialNotDue          = "engine.article7.initial-not-due"
	msgInitialOverdue         = "engine.article7.initial-overdue"
	msgAnnualOnTime           = "engine.article7.annual-on-time"
	msgAnnualLate             = "engine.article7.annual-late"
	msgAnnualReceived         = "engine.article7.annual-received"
	msgAnnualNotReceived      = "engine.article7.annual-not-received"
	msgAnnualNotYetDue        = "engine.article7.annual-not-yet-due"
	msgAnnualNotOwed          = "engine.article7.annual-not-owed"
	msgAnnualNotOwedWithdrawn = "engine.article7.annual-not-owed-withdrawn"
	msgAnnualNotOwedNew       = "engine.article7.annual-not-owed-new"
	// Article 9.
	msgSpecificLegislation   = "engine.article9.specific-legislation"
	msgExistingLawSufficient = "engine.article9.existing-law-sufficient"
	msgLegislationInProgress = "engine.article9.legislation-in-progress"
	msgNoMeasures            = "engine.article9.no-measures"
	msgStatusUnclear         = "engine.article9.status-unclear"
	msgNotAssessed           = "engine.article9.not-assessed"
	// Durations and counts.
	msgYears       = "engine.years"
	msgCountYears  = "engine.count.years"
	msgMonths      = "engine.months"
	msgMonthsRange = "engine.months.range"
	msgMonthsUpTo  = "engine.months.up-to"
	msgMonthsLess  = "engine.months.less-than-one"
	// Deadline projections (docs/methodology.md, "Deadline projections").
	msgProjNoRemaining = "engine.projection.no-remaining"
	// Coverage of sums (docs/methodology.md, "Coverage of sums").
	msgCoverageLow          = "engine.coverage.low"
	msgCoverageDropped      = "engine.coverage.dropped"
	msgCoverageAdded        = "engine.coverage.added"
	msgProjNoRate           = "engine.projection.no-rate"
	msgProjNotKnownSuffix   = "engine.projection.not-known-suffix"
	msgProjRemaining        = "engine.projection.remaining"
	msgProjNothingLeft      = "engine.projection.nothing-left"
	msgProjAtRate           = "engine.projection.at-rate"
	msgProjAtRateNothing    = "engine.projection.at-rate-nothing-done"
	msgProjDeadlineNotKnown = "engine.projection.deadline-not-known"
	msgProjNoDeadline       = "engine.projection.no-deadline"
	msgProjDeadlinePassed   = "engine.projection.deadline-passed"
	msgProjRateNeeded       = "engine.projection.rate-needed"
	msgProjAtRisk           = "engine.projection.at-risk"
	msgProjWillMiss         = "engine.projection.will-miss"
	msgProjOnCourse         = "engine.projection.on-course"
	// Directions of travel (docs/methodology.md, indicators without a target).
	msgTravelNoValue   = "engine.travel.no-value"
	msgTravelTooFew    = "engine.travel.too-few"
	msgTravelCoverage  = "engine.travel.coverage"
	msgTravelOneYear   = "engine.travel.one-year"
	msgTravelFromZero  = "engine.travel.from-zero"
	msgTravelImproving = "engine.travel.improving"
	msgTravelWorsening = "engine.travel.worsening"
	msgTravelStable    = "engine.travel.stable"
	// A verdict checked against the States not known (engine/score_unknowns.go).
	msgUnknownsRange        = "engine.unknowns.range"
	msgUnknownsAtValue      = "engine.unknowns.at-value"
	msgUnknownsAtTravel     = "engine.unknowns.at-travel"
	msgUnknownsTravelRange  = "engine.unknowns.travel-range"
	msgUnknownsHold         = "engine.unknowns.holds"
	msgUnknownsCouldBe      = "engine.unknowns.could-be"
	msgUnknownsCouldBeNamed = "engine.unknowns.could-be-named"
	// ... or, when the worse end is a strong word (regressing, worsening), the better one "or not"
	msgUnknownsCouldBeOrNot      = "engine.unknowns.could-be-or-not"
	msgUnknownsCouldBeOrNotNamed = "engine.unknowns.could-be-or-not-named"
	// A progress status or direction of travel as a word of a sentence: msgVerdictWord + the
	// status code.
	msgVerdictWord = "engine.verdict."
	// Progress statuses of indicators with a target.
	msgProgressEmpty           = "engine.progress.empty"
	msgProgressTooFew          = "engine.progress.too-few"
	msgProgressNoTarget        = "engine.progress.no-target"
	msgProgressNoValue         = "engine.progress.no-value"
	msgProgressFailed          = "engine.progress.evaluation-failed"
	msgProgressAchieved        = "engine.progress.achieved"
	msgProgressNoBaseline      = "engine.progress.no-baseline"
	msgProgressNoLongerMet     = "engine.progress.no-longer-met"
	msgProgressRegressing      = "engine.progress.regressing"
	msgProgressRegressingBelow = "engine.progress.regressing-below"
	msgProgressOnTrack         = "engine.progress.on-track"
	msgProgressAccelerate      = "engine.progress.needs-acceleration"
	msgProgressTrendFew        = "engine.progress.trend-too-few"
	msgProgressTrendAway       = "engine.progress.trend-away"
	msgProgressTrendOnTrack    = "engine.progress.trend-on-track"
	msgProgressTrendMissed     = "engine.progress.trend-missed"
	// The scoring arithmetic lap explain shows (Explanation.Steps; engine/score.go). A status
	// step's id is msgExplainStatus or msgExplainTravel followed by the status code.
	msgExplainStatus           = "engine.explain.status."
	msgExplainTravel           = "engine.explain.travel."
	msgExplainCoverage         = "engine.explain.coverage-flagged"
	msgExplainTargetEachYear   = "engine.explain.target-each-year"
	msgExplainTarget           = "engine.explain.target"
	msgExplainDirection        = "engine.explain.direction."
	msgExplainUnit             = "engine.explain.unit."
	msgExplainUnitOther        = "engine.explain.unit-other"
	msgExplainBaselineLater    = "engine.explain.baseline-later"
	msgExplainBaseline         = "engine.explain.baseline"
	msgExplainNoBaseline       = "engine.explain.no-baseline"
	msgExplainExpected         = "engine.explain.expected"
	msgExplainValue            = "engine.explain.value"
	msgExplainProgress         = "engine.explain.progress"
	msgExplainProgressMet      = "engine.explain.progress-met"
	msgExplainProgressNoGap    = "engine.explain.progress-no-distance"
	msgExplainScore            = "engine.explain.score"
	msgExplainCheckLinear      = "engine.explain.check.linear"
	msgExplainCheckTrend       = "engine.explain.check.trend"
	msgExplainCheckTooFew      = "engine.explain.check.too-few"
	msgExplainCheckTravel      = "engine.explain.check.travel"
	msgExplainFractionStanding = "engine.explain.expected-progress-standing"
	msgExplainFractionStarts   = "engine.explain.expected-progress-standing-starts"
	msgExplainFractionDue      = "engine.explain.expected-progress-target-not-after-baseline"
	msgExplainFraction         = "engine.explain.expected-progress"
	msgExplainTrendFit         = "engine.explain.trend-fit"
	msgExplainTrendProjected   = "engine.explain.trend-projected"
	msgExplainTrendAnticipated = "engine.explain.trend-anticipated"
	// Why lap explain shows a fact that the run did not see (Origin of a FieldRead).
	msgOriginNotSeen       = "engine.explain.origin.not-seen"
	msgOriginReplaced      = "engine.explain.origin.replaced"
	msgOriginKnownLater    = "engine.explain.origin.known-later"
	msgOriginRecordedLater = "engine.explain.origin.recorded-later"
	// What a value is taken over (IndicatorResult.KOfN).
	msgKOfN           = "engine.k-of-n"
	msgKOfNWithData   = "engine.k-of-n.with-data"
	msgKOfNNoneData   = "engine.k-of-n.none-with-data"
	msgKOfNWithFigure = "engine.k-of-n.with-figure"
	msgKOfNNotKnown   = "engine.k-of-n.not-known"
	// Units of amounts: msgUnit + the unit ("engine.unit.m2"); a unit without a message is
	// written after the number.
	msgUnit = "engine.unit."
	// What a deadline projection takes for granted (DeadlineProjection.Assumptions).
	msgAssumeNoDeadline      = "engine.assume.no-deadline"
	msgAssumeNoExtension     = "engine.assume.no-extension"
	msgAssumeNoExtensionNote = "engine.assume.no-extension-note"
	msgAssumeOwnRate         = "engine.assume.own-rate"
	msgAssumeSurvey          = "engine.assume.survey"
	msgAssumeRemaining       = "engine.assume.remaining"
	msgAssumeNoNewFinding    = "engine.assume.no-new-finding"
	msgAssumeOnePoint        = "engine.assume.one-point"
	msgAssumeStale           = "engine.assume.stale"
	// What-if composition notes (engine/compare_composition.go).
	msgWhyItBecameAStateParty                     = "engine.composition.it-became-a-state-party"
	msgWhyItCompletedClearance                    = "engine.composition.it-completed-clearance"
	msgWhyItCompletedClearanceAgainstADeadline    = "engine.composition.it-completed-clearance-against-a-deadline-in-the-year"
	msgWhyItCompletedStockpileDestructionAgainstA = "engine.composition.it-completed-stockpile-destruction-against-a-deadline-in-the"
	msgWhyItCompletedStockpileDestructionInThe    = "engine.composition.it-completed-stockpile-destruction-in-the-year"
	msgWhyItDoesNotRetainClusterMunitions         = "engine.composition.it-does-not-retain-cluster-munitions"
	msgWhyItHadNoClearanceObligationDuring        = "engine.composition.it-had-no-clearance-obligation-during-the-year"
	msgWhyItHasClusterMunitionVictimsArticle      = "engine.composition.it-has-cluster-munition-victims-article-5-applies"
	msgWhyItHasContaminatedAreasToClear           = "engine.composition.it-has-contaminated-areas-to-clear-article-4"
	msgWhyItHasNoOpenClearanceObligation          = "engine.composition.it-has-no-open-clearance-obligation"
	msgWhyItHasNoStockpileLeftTo                  = "engine.composition.it-has-no-stockpile-left-to-destroy"
	msgWhyItHasStockpilesToDestroyArticle         = "engine.composition.it-has-stockpiles-to-destroy-article-3"
	msgWhyItIsNotAStateParty                      = "engine.composition.it-is-not-a-state-party"
	msgWhyItJoinedAfterTheLapWas                  = "engine.composition.it-joined-after-the-lap-was-adopted"
	msgWhyInitialReportDue                        = "engine.composition.its-initial-article-7-report-is-due"
	msgWhyItsInitialArticle7ReportIs              = "engine.composition.its-initial-article-7-report-is-no-longer-overdue"
	msgWhyCompletedClearanceIn                    = "engine.composition.completed-clearance-in"
	msgWhyFirstReportNotYetDue                    = "engine.composition.first-report-not-yet-due"
	msgWhyReportNotDue                            = "engine.composition.report-not-due"
	msgWhyReportDue                               = "engine.composition.report-due"
	msgWhyFieldUnknown                            = "engine.composition.field-unknown"
	msgWhyFieldIs                                 = "engine.composition.field-is"
	msgEnteredPopulation                          = "engine.composition.entered"
	msgLeftPopulation                             = "engine.composition.left"
	msgNotInPopulation                            = "engine.composition.not-in"
	msgSupposedNotKnown                           = "engine.composition.supposed-not-known"
	// Why an indicator scored on one side of a comparison only has no score on the other
	// (engine/compare_likeforlike.go).
	msgAnswersNotKnown     = "engine.compare.answers-not-known"
	msgAnswersNotKnownMany = "engine.compare.answers-not-known-many"
	// The reasons of the moves the wrong way the plan accepts after good news
	// (audit_exceptions.go), in full and short.
	msgException121Stockpile      = "engine.exception.12-1-accession-with-stockpile"
	msgException121StockpileShort = "engine.exception.12-1-accession-with-stockpile-short"
	// Monte Carlo deadline risk (engine/risk): why a State is not simulated, and why the
	// simulation's median differs from the projection. Declared here, with the engine's other
	// sentences; package risk builds them with Say and the argument constructors
	// (engine/sentence.go; ExampleSay).
	MsgRiskNotInDataset = "engine.risk.not-in-dataset"
	MsgRiskNoRemaining  = "engine.risk.no-remaining"
	MsgRiskNoHistory    = "engine.risk.no-history"
	MsgRiskOnePoint     = "engine.risk.one-point"
	MsgRiskDeadline     = "engine.risk.deadline-not-known"
	MsgRiskNever        = "engine.risk.never"
	MsgRiskWhyLower     = "engine.risk.why-lower"
	MsgRiskWhyHigher    = "engine.risk.why-higher"
	MsgRiskWhySame      = "engine.risk.why-same"
)

var messageDefs = []MessageDef{
	{ID: msgCompletedOnTime, Description: "obligation status (Articles 3, 4): completed on or before the deadline", Other: "completed on time"},
	{ID: msgCompletedLate, Description: "obligation status: completed after the deadline", Other: "completed after the deadline"},
	{ID: msgCompletedTimingUnknown, Description: "obligation status: completed; the dates do not say whether before the deadline", Other: "completed; whether on time is not known"},
	{ID: msgCompletedNoDeadline, Description: "obligation status: completed; no deadline is recorded", Other: "completed; deadline not known"},
	{ID: msgCompletedAfterFound, Description: "obligation status of a later episode (new stockpile or contamination found), which has no deadline of its own; Duration is a number of months", Other: "completed {{.Duration}} after it was found"},
	{ID: msgOpenAhead, Description: "obligation status: not completed, the deadline has not passed", Other: "open, deadline ahead"},
	{ID: msgOpenPast, Description: "obligation status: not completed and the deadline has passed", Other: "open, past the deadline"},
	{ID: msgOpenNoDeadlineOfItsOwn, Description: "obligation status of a later episode, which has no deadline of its own", Other: "open, no deadline of its own"},
	{ID: msgOpenTimingUnknown, Description: "obligation status: open; the dates do not say whether the deadline has passed", Other: "open; whether past the deadline is not known"},
	{ID: msgOpenDeadlineNotKnown, Description: "obligation status: open; the deadline that applies is not known", Other: "open; deadline not known"},
	{ID: msgWithExtension, Description: "an obligation status followed by a note on an extension request", Other: "{{.Status}} ({{.Extension}})"},
	{ID: msgEpisodeNote, Description: "an obligation episode's status, as explain lists it; Article and Episode are numbers", Other: "Article {{.Article}}, episode {{.Episode}}: {{.Status}}"},
	{ID: msgDetailStockpileSince, Description: "an obligation's detail line, first clause: the Article 3 obligation and its start (a date with its precision)", Other: "stockpile destruction since {{.Start}}"},
	{ID: msgDetailClearanceSince, Description: "an obligation's detail line, first clause: the Article 4 obligation and its start (a date with its precision)", Other: "survey and clearance since {{.Start}}"},
	{ID: msgDetailStockpileFound, Description: "an obligation's detail line, first clause of a later Article 3 episode; Start is a date with its precision", Other: "stockpile found {{.Start}} after an earlier completion"},
	{ID: msgDetailContaminationFound, Description: "an obligation's detail line, first clause of a later Article 4 episode; Start is a date with its precision", Other: "contamination found {{.Start}} after an earlier completion"},
	{ID: msgDetailOpenAt, Description: "an obligation's detail line: still open at the reference date (a date with its precision)", Other: "open at {{.Date}}"},
	{ID: msgDetailCompleted, Description: "an obligation's detail line: completed on a date (with its precision)", Other: "completed {{.Date}}"},
	{ID: msgDetailDeadline, Description: "an obligation's detail line: the deadline (a date)", Other: "deadline {{.Date}}"},
	{ID: msgDetailDeadlineExtended, Description: "an obligation's detail line: the deadline (a date) after N decisions extending it", One: "deadline {{.Date}} (after {{.N}} extension decision)", Other: "deadline {{.Date}} (after {{.N}} extension decisions)"},
	{ID: msgDetailNoDeadlineOfItsOwn, Description: "an obligation's detail line: a later episode has no deadline of its own", Other: "no deadline of its own"},
	{ID: msgDetailNoDeadline, Description: "an obligation's detail line: no deadline is recorded", Other: "no deadline recorded"},
	{ID: msgDetailFieldNotReported, Description: "an obligation's detail line: Field (the label of a data field, in the language) is not reported", Other: "{{.Field}} not reported"},
	{ID: msgExtensionPending, Description: "note on an extension request; Requested is a year", Other: "extension requested in {{.Requested}}, no decision recorded"},
	{ID: msgExtensionNoNewDate, Description: "note on an extension; Decided is a year", Other: "extension granted in {{.Decided}}, new deadline not recorded"},
	{ID: msgExtensionRefused, Description: "note on an extension; Requested and Decided are years", Other: "extension requested in {{.Requested}}, not granted ({{.Decided}})"},
	{ID: msgWhyPending, Description: "why the deadline that applies is not known; Deadline is a date, Requested a year", Other: "the last recorded, {{.Deadline}}, has passed and the extension requested in {{.Requested}} has no recorded decision"},
	{ID: msgWhyNoNewDate, Description: "why the deadline that applies is not known; Deadline is a date, Decided a year", Other: "the last recorded, {{.Deadline}}, has passed and the extension granted in {{.Decided}} has no new deadline recorded"},
	{ID: msgOngoingAsReported, Description: "Article 5 (victim assistance) status: an ongoing obligation, followed by what is reported", Other: "ongoing; as reported: {{.Reported}}"},
	{ID: msgArticle5Reported, Description: "what a State reports of victim assistance; Year is a year, Budget an amount", Other: "focal point: {{.FocalPoint}}; national plan: {{.NationalPlan}}; budget for {{.Year}}: {{.Budget}}"},
	{ID: msgYes, Description: "answer to a question of the data", Other: "yes"},
	{ID: msgNo, Description: "answer to a question of the data", Other: "no"},
	{ID: msgNotReported, Description: "answer: the State reported nothing on it", Other: "not reported"},
	{ID: msgAmount, Description: "an amount alone", Other: "{{.Amount}}"},
	{ID: msgClauses, Description: "clauses joined by semicolons", Other: "{{.Clauses}}"},
	{ID: msgInitialReceived, Description: "Article 7 status; Date is a date", Other: "initial report received ({{.Date}})"},
	{ID: msgInitialNotYetDue, Description: "Article 7 status; Date is a date", Other: "initial report not yet due (due {{.Date}})"},
	{ID: msgInitialNotDue, Description: "Article 7 status", Other: "initial report not yet due"},
	{ID: msgInitialOverdue, Description: "Article 7 status; Date is a date", Other: "initial report overdue since {{.Date}}"},
	{ID: msgAnnualOnTime, Description: "Article 7 status; Year is the year covered, Date the day received", Other: "annual report for {{.Year}} received on time ({{.Date}})"},
	{ID: msgAnnualLate, Description: "Article 7 status; Year is the year covered, Date the day received", Other: "annual report for {{.Year}} received late ({{.Date}})"},
	{ID: msgAnnualReceived, Description: "Article 7 status; Year is the year covered, Date the day received", Other: "annual report for {{.Year}} received ({{.Date}}); whether on time is not known"},
	{ID: msgAnnualNotReceived, Description: "Article 7 status; Year is the year covered, Date the deadline", Other: "annual report for {{.Year}} not received (deadline {{.Date}} passed)"},
	{ID: msgAnnualNotYetDue, Description: "Article 7 status; Year is the year covered, Date the deadline", Other: "annual report for {{.Year}} not yet due (due {{.Date}})"},
	{ID: msgAnnualNotOwed, Description: "Article 7 status; Year is a year", Other: "no annual report owed for {{.Year}}"},
	{ID: msgAnnualNotOwedNew, Description: "Article 7 status of a State Party whose initial report falls due (Date) after the end of Year, so that it owes no annual report for Year", Other: "no annual report owed for {{.Year}}: its initial report's due date ({{.Date}}) falls after that year"},
	{ID: msgAnnualNotOwedWithdrawn, Description: "Article 7 status of a State whose withdrawal took effect (Date) before the deadline (Deadline) of the annual report covering Year", Other: "no annual report owed for {{.Year}}: the withdrawal took effect on {{.Date}}, before the report fell due on {{.Deadline}}"},
	{ID: msgSpecificLegislation, Description: "Article 9 status: national implementation measures reported", Other: "specific legislation"},
	{ID: msgExistingLawSufficient, Description: "Article 9 status", Other: "existing law considered sufficient"},
	{ID: msgLegislationInProgress, Description: "Article 9 status", Other: "legislation in progress"},
	{ID: msgNoMeasures, Description: "Article 9 status", Other: "no measures"},
	{ID: msgStatusUnclear, Description: "Article 9 status", Other: "assessed; status unclear"},
	{ID: msgNotAssessed, Description: "Article 9 status", Other: "not assessed"},
	{ID: msgYears, Description: "a duration in years, N with one decimal at most", One: "{{.N}} year", Other: "{{.N}} years"},
	{ID: msgCountYears, Description: "a count of years", One: "{{.N}} year", Other: "{{.N}} years"},
	{ID: msgMonths, Description: "a duration in whole months", One: "{{.N}} month", Other: "{{.N}} months"},
	{ID: msgMonthsRange, Description: "a duration between two numbers of months; Lo is a number, Hi a duration in months", Other: "{{.Lo}} to {{.Hi}}"},
	{ID: msgMonthsUpTo, Description: "a duration of at most some months; Hi is a duration in months", Other: "up to {{.Hi}}"},
	{ID: msgMonthsLess, Description: "a duration", Other: "less than a month"},
	{ID: msgCoverageLow, Description: "a sum's coverage is below the plan's minimum; Known and Population are counts of States, Share and Min percentages", Other: "only {{.Known}} of {{.Population}} States gave a figure ({{.Share}}), fewer than the {{.Min}} a comparable total needs"},
	{ID: msgCoverageDropped, Description: "N States gave a figure for the year before (Prev) and none for Year; States lists their names, joined as the language lists them (\"Italy, Netherlands and Sweden\"), each without an article: put it where a list can stand, after a colon", One: "no figure for {{.Year}} from {{.States}}, which gave one for {{.Prev}}", Other: "no figure for {{.Year}} from {{.States}}, which gave one for {{.Prev}}"},
	{ID: msgCoverageAdded, Description: "N States gave a figure for Year and none for the year before (Prev); States lists their names, joined as the language lists them (\"Italy, Netherlands and Sweden\"), each without an article: put it where a list can stand, after a colon", One: "a figure for {{.Year}} from {{.States}}, which gave none for {{.Prev}}", Other: "a figure for {{.Year}} from {{.States}}, which gave none for {{.Prev}}"},
	{ID: msgProjNoRemaining, Description: "deadline projection: no amount remaining reported; Field is a data field name (keep as is), Start a date, Year a year, NotKnown an optional clause", Other: "no {{.Field}} reported from {{.Start}} to {{.Year}}{{.NotKnown}}"},
	{ID: msgProjNoRate, Description: "deadline projection: an amount remains but nothing done is reported; Field is a data field name", Other: "no {{.Field}} reported from {{.Start}} to {{.Year}}, so there is no rate{{.NotKnown}}"},
	{ID: msgProjNotKnownSuffix, Description: "deadline projection: appended clause, with its leading semicolon", Other: "; the deadline that applies is not known: {{.Why}}"},
	{ID: msgProjRemaining, Description: "deadline projection: the amount remaining; Amount with its unit, Year a year", Other: "{{.Amount}} remaining at the end of {{.Year}}"},
	{ID: msgProjNothingLeft, Description: "deadline projection", Other: "{{.Remaining}}: nothing left to do"},
	{ID: msgProjAtRate, Description: "deadline projection: Rate an amount, Years a count of years, Needed a duration, Completion a year", Other: "at {{.Rate}} a year (mean of {{.Years}}) it takes {{.Needed}}, completing in {{.Completion}}"},
	{ID: msgProjAtRateNothing, Description: "deadline projection: the rate is zero", Other: "at {{.Rate}} a year nothing is being done"},
	{ID: msgProjDeadlineNotKnown, Description: "deadline projection: clauses", Other: "{{.Remaining}}; {{.At}}{{.NotKnown}}"},
	{ID: msgProjNoDeadline, Description: "deadline projection: clauses", Other: "{{.Remaining}}; {{.At}}; no deadline recorded"},
	{ID: msgProjDeadlinePassed, Description: "deadline projection", Other: "the deadline has passed"},
	{ID: msgProjRateNeeded, Description: "deadline projection: Deadline a date, Rate an amount", Other: "meeting the deadline of {{.Deadline}} takes {{.Rate}} a year"},
	{ID: msgProjAtRisk, Description: "deadline projection: Margin a duration, Deadline a date", Other: "{{.Remaining}}; {{.At}}, less than {{.Margin}} before the deadline of {{.Deadline}}; {{.Need}}"},
	{ID: msgProjWillMiss, Description: "deadline projection", Other: "{{.Remaining}}; {{.At}}, after the deadline of {{.Deadline}}; {{.Need}}"},
	{ID: msgProjOnCourse, Description: "deadline projection", Other: "{{.Remaining}}; {{.At}}, before the deadline of {{.Deadline}}"},
	{ID: msgTravelNoValue, Description: "direction of travel not judged; Year a year", Other: "no value for {{.Year}}"},
	{ID: msgTravelTooFew, Description: "direction of travel not judged", Other: "the value for {{.Year}} is over too few States"},
	{ID: msgTravelCoverage, Description: "direction of travel not judged", Other: "the coverage of {{.Year}} is not comparable with earlier years"},
	{ID: msgTravelOneYear, Description: "direction of travel not judged; From and To are years", Other: "no comparable value from {{.From}} to {{.To}}: a direction of travel needs two years"},
	{ID: msgTravelFromZero, Description: "direction of travel; values and years", Other: "from {{.FromValue}} in {{.FromYear}} to {{.ToValue}} in {{.ToYear}}; a growth rate cannot be taken from zero, so the direction of the change decides"},
	{ID: msgTravelImproving, Description: "direction of travel (improving); FromValue and ToValue values of the indicator, Rate and Improving percentages a year", Other: "from {{.FromValue}} in {{.FromYear}} to {{.ToValue}} in {{.ToYear}}, a change of {{.Rate}} a year in the desired direction, at least the {{.Improving}} a year that counts as improving"},
	{ID: msgTravelWorsening, Description: "direction of travel (worsening); FromValue and ToValue values of the indicator, Rate and Worsening percentages a year", Other: "from {{.FromValue}} in {{.FromYear}} to {{.ToValue}} in {{.ToYear}}, a change of {{.Rate}} a year in the desired direction, below the {{.Worsening}} a year under which it counts as worsening"},
	{ID: msgTravelStable, Description: "direction of travel (stable); FromValue and ToValue values of the indicator, Rate, Worsening and Improving percentages a year", Other: "from {{.FromValue}} in {{.FromYear}} to {{.ToValue}} in {{.ToYear}}, a change of {{.Rate}} a year in the desired direction, between the {{.Worsening}} under which it counts as worsening and the {{.Improving}} from which it counts as improving"},
	{ID: msgUnknownsRange, Description: "explain step: the status at both ends of what the States not known allow; N a number of States, AtLow and AtHigh clauses", One: "the {{.N}} State not known: if it does not satisfy the rule, {{.AtLow}}; if it does, {{.AtHigh}}", Other: "the {{.N}} States not known: if none satisfies the rule, {{.AtLow}}; if all do, {{.AtHigh}}"},
	{ID: msgUnknownsAtValue, Description: "the status an indicator would have with a value; Value a number, Status a status word", Other: "value {{.Value}}, {{.Status}}"},
	{ID: msgUnknownsAtTravel, Description: "a direction of travel from one value to another; From and To numbers, Status a direction word", Other: "{{.From}} to {{.To}}, {{.Status}}"},
	{ID: msgUnknownsTravelRange, Description: "explain step: the direction of travel at the two extremes the States not known allow; N a number of States, FromYear and ToYear years, Down and Up clauses", One: "the {{.N}} State not known in {{.FromYear}} or {{.ToYear}}: from the top of {{.FromYear}}'s range to the bottom of {{.ToYear}}'s, {{.Down}}; from the bottom to the top, {{.Up}}", Other: "the {{.N}} States not known in {{.FromYear}} or {{.ToYear}}: from the top of {{.FromYear}}'s range to the bottom of {{.ToYear}}'s, {{.Down}}; from the bottom to the top, {{.Up}}"},
	{ID: msgUnknownsHold, Description: "explain step: the status stands whichever way the States not known go; N a number of States, Status a status word", One: "the status holds whichever way the {{.N}} State not known goes: {{.Status}} at both ends", Other: "the status holds whichever way the {{.N}} States not known go: {{.Status}} at both ends"},
	{ID: msgUnknownsCouldBe, Description: "why a status is not known; N a number of States, AtLow and AtHigh status words", One: "with the answer of the {{.N}} State not known, it could be {{.AtLow}} or {{.AtHigh}}", Other: "with the answers of the {{.N}} States not known, it could be {{.AtLow}} or {{.AtHigh}}"},
	{ID: msgUnknownsCouldBeOrNot, Description: "why a status is not known, when the less favourable end would be regressing or worsening (a word too strong to rest on States not known): N a number of States, Status the more favourable status word", One: "with the answer of the {{.N}} State not known, it could be {{.Status}} or not", Other: "with the answers of the {{.N}} States not known, it could be {{.Status}} or not"},
	{ID: msgUnknownsCouldBeOrNotNamed, Description: "as engine.unknowns.could-be-or-not; States lists the names of the States not known, joined as the language lists them, each without an article: put it where a list can stand, after a colon", One: "with the answer of {{.States}} not known, it could be {{.Status}} or not", Other: "with the answers of the {{.N}} States not known ({{.States}}), it could be {{.Status}} or not"},
	{ID: msgUnknownsCouldBeNamed, Description: "why a status is not known; States the names of the States not known, N their number, AtLow and AtHigh status words", One: "with the answer of {{.States}} not known, it could be {{.AtLow}} or {{.AtHigh}}", Other: "with the answers of the {{.N}} States not known ({{.States}}), it could be {{.AtLow}} or {{.AtHigh}}"},
	{ID: msgVerdictWord + string(ProgressAchieved), Description: "a progress status as a word of a sentence (the target is met)", Other: "achieved"},
	{ID: msgVerdictWord + string(ProgressOnTrack), Description: "a progress status as a word of a sentence", Other: "on track"},
	{ID: msgVerdictWord + string(ProgressNeedsAcceleration), Description: "a progress status as a word of a sentence (\"it could be ...\")", Other: "in need of acceleration"},
	{ID: msgVerdictWord + string(ProgressRegressing), Description: "a progress status as a word of a sentence", Other: "regressing"},
	{ID: msgVerdictWord + string(ProgressNoTarget), Description: "a progress status as a word of a sentence", Other: "no target"},
	{ID: msgVerdictWord + string(ProgressInsufficientData), Description: "a progress status or direction of travel as a word of a sentence: not judged for want of data", Other: "not judged (insufficient data)"},
	{ID: msgVerdictWord + string(ProgressTooFew), Description: "a progress status as a word of a sentence", Other: "too few States to judge"},
	{ID: msgVerdictWord + string(TrendImproving), Description: "a direction of travel as a word of a sentence", Other: "improving"},
	{ID: msgVerdictWord + string(TrendStable), Description: "a direction of travel as a word of a sentence", Other: "stable"},
	{ID: msgVerdictWord + string(TrendWorsening), Description: "a direction of travel as a word of a sentence", Other: "worsening"},
	{ID: msgProgressEmpty, Description: "why an indicator is not scored; Year a year", Other: "the population is empty in {{.Year}}: nothing to judge, so not scored (an empty population is never achieved)"},
	{ID: msgProgressTooFew, Description: "why an indicator is not scored; KOfN a k-of-n phrase, Min the fewest States a score needs, N the States counted", Other: "shown as {{.KOfN}} and not scored, as a score needs at least {{.Min}} States (here {{.N}})"},
	{ID: msgProgressNoTarget, Description: "why an indicator is not scored", Other: "informational indicator, without a target"},
	{ID: msgProgressNoValue, Description: "why an indicator is not scored; Year a year", Other: "no value for {{.Year}}: not scored"},
	{ID: msgProgressFailed, Description: "why an indicator is not scored; Year a year", Other: "the evaluation failed for {{.Year}}: not scored"},
	{ID: msgProgressAchieved, Description: "progress status reason; Value and Target values of the indicator", Other: "the value {{.Value}} meets the target {{.Target}}"},
	{ID: msgProgressNoBaseline, Description: "progress status reason; years", Other: "no baseline: no value in {{.BaselineYear}} or a later year before {{.Year}}"},
	{ID: msgProgressNoLongerMet, Description: "progress status reason; values of the indicator", Other: "the baseline {{.Baseline}} already met the target {{.Target}}; the value {{.Value}} no longer does"},
	{ID: msgProgressRegressing, Description: "progress status reason (regressing): the value moved away from the target; BaselineYear a year, Progress a negative percentage", Other: "further from the target than at the {{.BaselineYear}} baseline ({{.Progress}} of the way to it)"},
	{ID: msgProgressRegressingBelow, Description: "progress status reason (regressing), when the plan counts a small move towards the target as regressing; Progress and Regressing percentages, BaselineYear a year", Other: "only {{.Progress}} of the way from the {{.BaselineYear}} baseline to the target, less than the {{.Regressing}} under which it counts as regressing"},
	{ID: msgProgressOnTrack, Description: "progress status reason (on track); Progress, Need, OnTrack and Expected percentages, BaselineYear and Year years. Need is OnTrack of Expected", Other: "{{.Progress}} of the way from the {{.BaselineYear}} baseline to the target, at least the {{.Need}} needed to be on track in {{.Year}} ({{.OnTrack}} of the {{.Expected}} expected by then)"},
	{ID: msgProgressAccelerate, Description: "progress status reason (needs acceleration); Progress, Need, OnTrack and Expected percentages, BaselineYear and Year years. Need is OnTrack of Expected", Other: "{{.Progress}} of the way from the {{.BaselineYear}} baseline to the target, short of the {{.Need}} needed to be on track in {{.Year}} ({{.OnTrack}} of the {{.Expected}} expected by then)"},
	{ID: msgProgressTrendFew, Description: "progress status reason; Min and Count numbers, From a year", Other: "a trend needs at least {{.Min}} years with a value from {{.From}}; there are {{.Count}}"},
	{ID: msgProgressTrendAway, Description: "progress status reason (trend method, regressing); From and Year years, Projected a value of the indicator", Other: "the trend since {{.From}} moves away from the target, towards {{.Projected}} by {{.Year}}"},
	{ID: msgProgressTrendOnTrack, Description: "progress status reason (trend method, on track); From and Year years, Progress and Threshold percentages", Other: "the trend since {{.From}} would cover {{.Progress}} of the way from the baseline to the target by {{.Year}}, at least the {{.Threshold}} needed to be on track"},
	{ID: msgProgressTrendMissed, Description: "progress status reason (trend method, needs acceleration); From and Year years, Progress and Threshold percentages", Other: "the trend since {{.From}} would cover {{.Progress}} of the way from the baseline to the target by {{.Year}}, short of the {{.Threshold}} needed to be on track"},
	// The scoring arithmetic lap explain shows (engine/score.go). Setting names and the words
	// of the formulas' left-hand sides are translated; the arithmetic is not.
	{ID: msgExplainStatus + string(ProgressAchieved), Description: "explain step: the progress status (achieved) and why; Reason a clause", Other: "status: achieved: {{.Reason}}"},
	{ID: msgExplainStatus + string(ProgressOnTrack), Description: "explain step: the progress status (on track) and why", Other: "status: on-track: {{.Reason}}"},
	{ID: msgExplainStatus + string(ProgressNeedsAcceleration), Description: "explain step: the progress status (needs acceleration) and why", Other: "status: needs-acceleration: {{.Reason}}"},
	{ID: msgExplainStatus + string(ProgressRegressing), Description: "explain step: the progress status (regressing) and why", Other: "status: regressing: {{.Reason}}"},
	{ID: msgExplainStatus + string(ProgressNoTarget), Description: "explain step: the progress status (no target) and why", Other: "status: no-target: {{.Reason}}"},
	{ID: msgExplainStatus + string(ProgressInsufficientData), Description: "explain step: the progress status (insufficient data) and why", Other: "status: insufficient-data: {{.Reason}}"},
	{ID: msgExplainStatus + string(ProgressTooFew), Description: "explain step: the progress status (too few States to score) and why", Other: "status: too-few: {{.Reason}}"},
	{ID: msgExplainTravel + string(TrendImproving), Description: "explain step: the direction of travel (improving) and why; Reason a clause", Other: "direction of travel: improving: {{.Reason}}"},
	{ID: msgExplainTravel + string(TrendStable), Description: "explain step: the direction of travel (stable) and why", Other: "direction of travel: stable: {{.Reason}}"},
	{ID: msgExplainTravel + string(TrendWorsening), Description: "explain step: the direction of travel (worsening) and why", Other: "direction of travel: worsening: {{.Reason}}"},
	{ID: msgExplainTravel + string(TrendInsufficientData), Description: "explain step: the direction of travel (insufficient data) and why", Other: "direction of travel: insufficient-data: {{.Reason}}"},
	{ID: msgExplainCoverage, Description: "explain step: a sum's coverage is flagged; Reason a clause", Other: "coverage flagged: {{.Reason}}"},
	{ID: msgExplainTargetEachYear, Description: "explain step: a standing target; Target a number with its unit, Year a year, Direction the desired direction", Other: "target: {{.Target}}, every year from {{.Year}} (standing obligation); direction {{.Direction}}"},
	{ID: msgExplainTarget, Description: "explain step: the target; Target a number with its unit, Year a year, Direction the desired direction", Other: "target: {{.Target}} by {{.Year}}; direction {{.Direction}}"},
	{ID: msgExplainDirection + string(Increase), Description: "explain step: the desired direction of an indicator", Other: "increase"},
	{ID: msgExplainDirection + string(Decrease), Description: "explain step: the desired direction of an indicator", Other: "decrease"},
	{ID: msgExplainUnit + "percent", Description: "explain step: a target in percent; N a number", Other: "{{.N}} percent"},
	{ID: msgExplainUnit + "states", Description: "explain step: a target in States; N a number", Other: "{{.N}} states"},
	{ID: msgExplainUnit + "items", Description: "explain step: a target in items; N a number", Other: "{{.N}} items"},
	{ID: msgExplainUnit + "people", Description: "explain step: a target in people; N a number", Other: "{{.N}} people"},
	{ID: msgExplainUnit + "munitions", Description: "explain step: a target in cluster munitions; N a number", Other: "{{.N}} munitions"},
	{ID: msgExplainUnit + "submunitions", Description: "explain step: a target in submunitions; N a number", Other: "{{.N}} submunitions"},
	{ID: msgExplainUnit + "km2", Description: "explain step: a target in square kilometres; N a number", Other: "{{.N}} km2"},
	{ID: msgExplainUnit + "m2", Description: "explain step: a target in square metres; N a number", Other: "{{.N}} m2"},
	{ID: msgExplainUnit + "USD", Description: "explain step: a target in United States dollars; N a number", Other: "{{.N}} USD"},
	{ID: msgExplainUnitOther, Description: "explain step: a number and a unit the catalogue does not know (Unit a code, keep as is)", Other: "{{.N}} {{.Unit}}"},
	{ID: msgExplainBaselineLater, Description: "explain step: the baseline taken from a later year; Configured and Year years, Value a number", Other: "baseline: no value in {{.Configured}}; first later year with a value: {{.Year}} = {{.Value}}"},
	{ID: msgExplainBaseline, Description: "explain step: the baseline; Year a year, Value a number", Other: "baseline: {{.Year}} = {{.Value}}"},
	{ID: msgExplainNoBaseline, Description: "explain step: no baseline; years", Other: "baseline: no value in {{.Configured}} or any later year before {{.Year}}"},
	{ID: msgExplainExpected, Description: "explain step: the formula of the expected value (translate the words), then its arithmetic; numbers", Other: "expected = baseline + expected progress x (target - baseline) = {{.Baseline}} + {{.Fraction}} x ({{.Target}} - {{.Baseline}}) = {{.Expected}}"},
	{ID: msgExplainValue, Description: "explain step: the value of the year; Year a year, Value a number", Other: "value: {{.Year}} = {{.Value}}"},
	{ID: msgExplainProgress, Description: "explain step: the formula of progress (translate the words), then its arithmetic; numbers", Other: "progress = (value - baseline) / (target - baseline) = ({{.Value}} - {{.Baseline}}) / ({{.Target}} - {{.Baseline}}) = {{.Progress}}"},
	{ID: msgExplainProgressMet, Description: "explain step", Other: "progress = 1: the value meets the target"},
	{ID: msgExplainProgressNoGap, Description: "explain step", Other: "progress = 0: the baseline already met the target, so there was no distance to cover"},
	{ID: msgExplainCheckLinear, Description: "explain step: the thresholds of the linear method and their arithmetic; regressing and on_track are setting names (keep as is); numbers", Other: "regressing when progress < regressing = {{.Regressing}}; on track when progress >= on_track x expected progress = {{.OnTrack}} x {{.Expected}} = {{.Need}}"},
	{ID: msgExplainCheckTrend, Description: "explain step: the threshold of the trend method; trend_on_track is a setting name (keep as is); a number", Other: "on track when anticipated progress >= trend_on_track = {{.Threshold}}, or the projected value meets the target"},
	{ID: msgExplainCheckTooFew, Description: "explain step: too few States to score; min_population is a setting name (keep as is); numbers", Other: "n = {{.N}} < min_population = {{.Min}}"},
	{ID: msgExplainCheckTravel, Description: "explain step: the thresholds of the direction of travel; cagr_improving and cagr_worsening are setting names (keep as is); Scale a number, Improving and Worsening percentages", Other: "growth a year in the desired direction = {{.Rate}}; improving from cagr_improving x {{.Scale}} = {{.Improving}}, worsening below cagr_worsening x {{.Scale}} = {{.Worsening}}"},
	{ID: msgExplainScore, Description: "explain step: the score; Score a number", Other: "score = progress capped to [0, 1] = {{.Score}}"},
	{ID: msgExplainFractionStanding, Description: "explain step: expected progress of a standing obligation; Year a year", Other: "expected progress = 1: a standing obligation is due in full every year from {{.Year}}"},
	{ID: msgExplainFractionStarts, Description: "explain step: expected progress of a standing obligation not yet started; Year a year", Other: "expected progress = 0: the standing obligation starts in {{.Year}}"},
	{ID: msgExplainFractionDue, Description: "explain step: expected progress; TargetYear and BaselineYear years", Other: "expected progress = 1: the target year {{.TargetYear}} is not after the baseline year {{.BaselineYear}}"},
	{ID: msgExplainFraction, Description: "explain step: the formula of expected progress (translate the words), then its arithmetic; years and a number", Other: "expected progress = (year - baseline year) / (target year - baseline year) = ({{.Year}} - {{.BaselineYear}}) / ({{.TargetYear}} - {{.BaselineYear}}) = {{.Fraction}}, within [0, 1]"},
	{ID: msgExplainTrendFit, Description: "explain step: the least-squares line; Count a number of years, Slope, MeanYear and MeanValue numbers", Other: "trend: least squares over {{.Count}} years: slope = {{.Slope}} per year through ({{.MeanYear}}, {{.MeanValue}})"},
	{ID: msgExplainTrendProjected, Description: "explain step: the projection of the trend to Year; numbers (keep the formula's order)", Other: "projected {{.Year}} = {{.MeanValue}} + {{.Slope}} x ({{.Year}} - {{.MeanYear}}) = {{.Projected}}"},
	{ID: msgExplainTrendAnticipated, Description: "explain step: the formula of anticipated progress (translate the words), then its arithmetic; numbers", Other: "anticipated progress = (projected - baseline) / (target - baseline) = ({{.Projected}} - {{.Baseline}}) / ({{.Target}} - {{.Baseline}}) = {{.Progress}}"},
	{ID: msgOriginNotSeen, Description: "explain: where a value comes from (Origin, a file:line, keep as is) and that it is dated after the cut-off as_of (a setting name)", Other: "{{.Origin}} (after as_of: not seen)"},
	{ID: msgOriginReplaced, Description: "explain: a fact (Origin, a file:line) replaced by a correction recorded on Date", Other: "{{.Origin}} (replaced by a correction recorded {{.Date}})"},
	{ID: msgOriginKnownLater, Description: "explain: a fact (Origin, a file:line) known only from Date, when the report for Year was received, after the cut-off as_of", Other: "{{.Origin}} (known from {{.Date}}, when the report for {{.Year}} was received: after as_of, not seen)"},
	{ID: msgOriginRecordedLater, Description: "explain: a fact (Origin, a file:line) recorded on Date, after the cut-off as_of", Other: "{{.Origin}} (recorded {{.Date}}, after as_of: not seen)"},
	{ID: msgKOfN, Description: "what a value is taken over: K counted of Total States", Other: "{{.K}} of {{.Total}}"},
	{ID: msgKOfNWithData, Description: "what a share is taken over: K of the Total States with data", Other: "{{.K}} of the {{.Total}} with data"},
	{ID: msgKOfNNoneData, Description: "what a share is taken over when no State has data", Other: "0 of {{.Total}}, none with data"},
	{ID: msgKOfNNotKnown, Description: "what a count is taken over when for N of its Total States the result is not known", Other: "{{.K}} of {{.Total}}, {{.N}} not known"},
	{ID: msgUnit + "m2", Description: "an area in square metres; N is a number", Other: "{{.N}} m²"},
	{ID: msgUnit + "km2", Description: "an area in square kilometres; N is a number", Other: "{{.N}} km²"},
	{ID: msgUnit + "USD", Description: "an amount in United States dollars; N is a number", Other: "USD {{.N}}"},
	{ID: msgUnit + "munitions", Description: "a number of cluster munitions", Other: "{{.N}} munitions"},
	{ID: msgUnit + "submunitions", Description: "a number of submunitions", Other: "{{.N}} submunitions"},
	{ID: msgWhyItBecameAStateParty, Description: "what-if: why a State entered, left or stays out of a population", Other: "it became a State Party"},
	{ID: msgWhyItCompletedClearance, Description: "what-if: why a State entered, left or stays out of a population", Other: "it completed clearance"},
	{ID: msgWhyItCompletedClearanceAgainstADeadline, Description: "what-if: why a State entered, left or stays out of a population", Other: "it completed clearance against a deadline in the year"},
	{ID: msgWhyItCompletedStockpileDestructionAgainstA, Description: "what-if: why a State entered, left or stays out of a population", Other: "it completed stockpile destruction against a deadline in the year"},
	{ID: msgWhyItCompletedStockpileDestructionInThe, Description: "what-if: why a State entered, left or stays out of a population", Other: "it completed stockpile destruction in the year"},
	{ID: msgWhyItDoesNotRetainClusterMunitions, Description: "what-if: why a State entered, left or stays out of a population", Other: "it does not retain cluster munitions"},
	{ID: msgWhyItHadNoClearanceObligationDuring, Description: "what-if: why a State entered, left or stays out of a population", Other: "it had no clearance obligation during the year"},
	{ID: msgWhyItHasClusterMunitionVictimsArticle, Description: "what-if: why a State entered, left or stays out of a population", Other: "it has cluster munition victims (Article 5 applies)"},
	{ID: msgWhyItHasContaminatedAreasToClear, Description: "what-if: why a State entered, left or stays out of a population", Other: "it has contaminated areas to clear (Article 4)"},
	{ID: msgWhyItHasNoOpenClearanceObligation, Description: "what-if: why a State entered, left or stays out of a population", Other: "it has no open clearance obligation"},
	{ID: msgWhyItHasNoStockpileLeftTo, Description: "what-if: why a State entered, left or stays out of a population", Other: "it has no stockpile left to destroy"},
	{ID: msgWhyItHasStockpilesToDestroyArticle, Description: "what-if: why a State entered, left or stays out of a population", Other: "it has stockpiles to destroy (Article 3)"},
	{ID: msgWhyItIsNotAStateParty, Description: "what-if: why a State entered, left or stays out of a population", Other: "it is not a State Party"},
	{ID: msgWhyItJoinedAfterTheLapWas, Description: "what-if: why a State entered, left or stays out of a population", Other: "it joined after the LAP was adopted"},
	{ID: msgWhyInitialReportDue, Description: "what-if: why a State entered, left or stays out of a population", Other: "its initial Article 7 report is due"},
	{ID: msgWhyItsInitialArticle7ReportIs, Description: "what-if: why a State entered, left or stays out of a population", Other: "its initial Article 7 report is no longer overdue"},
	{ID: msgWhyCompletedClearanceIn, Description: "what-if: a State entering or leaving a population, and why; Field is a data field name (keep it)", Other: "it completed clearance in {{.Year}}"},
	{ID: msgWhyFirstReportNotYetDue, Description: "what-if: a State entering or leaving a population, and why; Field is a data field name (keep it)", Other: "its first Article 7 report is not yet due (due {{.Date}})"},
	{ID: msgWhyReportNotDue, Description: "what-if: a State entering or leaving a population, and why; Field is a data field name (keep it)", Other: "its Article 7 report for {{.Year}} is not due"},
	{ID: msgWhyReportDue, Description: "what-if: a State entering or leaving a population, and why; Field is a data field name (keep it)", Other: "its Article 7 report for {{.Year}} is due"},
	{ID: msgWhyFieldUnknown, Description: "what-if: a State entering or leaving a population, and why; Field is a data field name (keep it)", Other: "{{.Field}} is unknown"},
	{ID: msgWhyFieldIs, Description: "what-if: a State entering or leaving a population, and why; Field is a data field name (keep it)", Other: "{{.Field}} = {{.Value}}"},
	{ID: msgEnteredPopulation, Description: "what-if: a State entering or leaving a population, and why; Field is a data field name (keep it)", Other: "{{.State}} entered the population: {{.Because}}"},
	{ID: msgSupposedNotKnown, Description: "what-if: a State whose membership or obligation only the scenario supposes: its Article 7 reports (and what they would say) are not supposed by the scenario, so they count as not known, not as missing", Other: "{{.State}}'s reports, owed under the scenario, are not supposed by it: counted as not known"},
	{ID: msgLeftPopulation, Description: "what-if: a State entering or leaving a population, and why; Field is a data field name (keep it)", Other: "{{.State}} left the population: {{.Because}}"},
	{ID: msgAnswersNotKnown, Description: "what-if: why an indicator cannot be decided on one side of a comparison; States the names of the States whose answers are not known, N their number", One: "the answer of {{.States}} is not known", Other: "the answers of {{.States}} are not known"},
	{ID: msgException121Stockpile, Description: "the reason the plan accepts that 12.1 rises when a State joins holding cluster munitions (a paragraph; 10.1 and 10.2 are indicator numbers)",
		Other: "12.1 counts the States Parties that still have stockpiles to destroy: the work left under Article 3. " +
			"A State that joins holding cluster munitions adds to that work, and the count says so until it has " +
			"destroyed them (Article 3 gives it eight years). Hiding the new obligation to keep the count " +
			"falling would misstate the work left; the accession itself shows in 10.1 and 10.2."},
	{ID: msgException121StockpileShort, Description: "the same reason in a few words, for a table's cell", Other: "a State joining with stockpiles adds to the work left under Article 3"},
	{ID: msgAnswersNotKnownMany, Description: "what-if: why an indicator cannot be decided on one side of a comparison; N a number of States (more than five) whose answers are not known", Other: "the answers of {{.N}} States are not known"},
	{ID: msgNotInPopulation, Description: "what-if: a State entering or leaving a population, and why; Field is a data field name (keep it)", Other: "{{.State}} is not in the population: {{.Because}}"},
	{ID: msgAssumeNoDeadline, Description: "projection assumption", Other: "no deadline is applied: the one that applies is not known"},
	{ID: msgAssumeNoExtension, Description: "projection assumption; Deadline a date", Other: "no further extension: the deadline in force, {{.Deadline}}, stays"},
	{ID: msgAssumeNoExtensionNote, Description: "projection assumption; Deadline a date, Note an extension note", Other: "no further extension: the deadline in force, {{.Deadline}}, stays ({{.Note}})"},
	{ID: msgAssumeOwnRate, Description: "projection assumption; Years a count of years, Span years (2022–2024), Max a number, Began a year", Other: "the State keeps its own recent rate: the mean of {{.Years}} with data, {{.Span}} (at most {{.Max}}, since the episode began in {{.Began}})"},
	{ID: msgAssumeSurvey, Description: "projection assumption", Other: "land released by survey counts with land cleared"},
	{ID: msgAssumeRemaining, Description: "projection assumption; Year a year", Other: "the amount remaining is the latest reported, at the end of {{.Year}}"},
	{ID: msgAssumeNoNewFinding, Description: "projection assumption", Other: "no new contamination or stockpile is found"},
	{ID: msgAssumeOnePoint, Description: "projection assumption", Other: "rests on one year of data: the rate has no spread to judge it by"},
	{ID: msgAssumeStale, Description: "projection assumption; Years a number, Newest a year", Other: "rests on data older than {{.Years}} years: the newest figure is for {{.Newest}}"},
	{ID: MsgRiskNotInDataset, Description: "deadline risk: a State not simulated: the dataset does not have it", Other: "State not in the dataset"},
	{ID: MsgRiskNoRemaining, Description: "deadline risk: a State not simulated; Field is a data field name (keep it), From and Year years", Other: "no {{.Field}} reported from {{.From}} to {{.Year}}"},
	{ID: MsgRiskNoHistory, Description: "deadline risk: a State not simulated; Field is a data field name (keep it), From and Year years", Other: "no {{.Field}} reported from {{.From}} to {{.Year}}: no history to draw from"},
	{ID: MsgRiskOnePoint, Description: "deadline risk: a State not simulated; Year a year", Other: "rests on one year of data ({{.Year}}): every draw would be the same, so there is no spread to report; see the projection"},
	{ID: MsgRiskDeadline, Description: "deadline risk: the deadline that applies is not known; Note is the extension note (a clause)", Other: "deadline not known ({{.Note}})"},
	{ID: MsgRiskNever, Description: "deadline risk: a completion that never comes (within 200 years)", Other: "never"},
	{ID: MsgRiskWhyLower, Description: "why the simulation's median completion differs from the deterministic projection; Projected and Median are fractional years (2031.2) or never, Rate and Mean amounts a year with their unit, Count a number of years, From and To years; the mean of all years is lower than the recent rate", Other: "the projection (completes {{.Projected}}) uses the mean of the latest years with data, {{.Rate}} a year; the simulation (median {{.Median}}) draws each year's amount from all {{.Count}} years with data since the episode began ({{.From}}-{{.To}}), mean {{.Mean}} a year, lower than the recent rate, so it completes later"},
	{ID: MsgRiskWhyHigher, Description: "why the simulation's median completion differs from the deterministic projection; Projected and Median are fractional years (2031.2) or never, Rate and Mean amounts a year with their unit, Count a number of years, From and To years; the mean of all years is higher than the recent rate", Other: "the projection (completes {{.Projected}}) uses the mean of the latest years with data, {{.Rate}} a year; the simulation (median {{.Median}}) draws each year's amount from all {{.Count}} years with data since the episode began ({{.From}}-{{.To}}), mean {{.Mean}} a year, higher than the recent rate, so it completes earlier"},
	{ID: MsgRiskWhySame, Description: "why the simulation's median completion differs from the deterministic projection; Projected and Median are fractional years (2031.2) or never, Rate and Mean amounts a year with their unit, Count a number of years, From and To years; the mean of all years is the recent rate", Other: "the projection (completes {{.Projected}}) uses the mean of the latest years with data, {{.Rate}} a year; the simulation (median {{.Median}}) draws each year's amount from all {{.Count}} years with data since the episode began ({{.From}}-{{.To}}), mean {{.Mean}} a year, the same; a slow year delays completion more than a fast year advances it, so the median of random years is not the completion at the mean rate"},
	{ID: msgKOfNWithFigure, Description: "what a sum or mean is taken over", Other: "{{.K}} of {{.Total}} with a figure"},
}

// split cuts an English text into runs of text and value names: each {{.Name}} (letters
// only) is a value, the rest text. It runs on every message at package initialisation, before
// lap's main, so it scans by hand (TestSplitMatchesPattern: the runs the regular expression
// \{\{\.([A-Za-z]+)\}\} gives, on every message and on random texts).
func split(s string) []piece {
	var out []piece
	last := 0
	for i := 0; i+5 <= len(s); {
		j := strings.Index(s[i:], "{{.")
		if j < 0 {
			break
		}
		start := i + j
		k := start + 3
		for k < len(s) && ('a' <= s[k] && s[k] <= 'z' || 'A' <= s[k] && s[k] <= 'Z') {
			k++
		}
		if k == start+3 || !strings.HasPrefix(s[k:], "}}") {
			i = start + 1
			continue
		}
		if start > last {
			out = append(out, piece{text: s[last:start]})
		}
		out = append(out, piece{name: s[start+3 : k]})
		last = k + 2
		i = last
	}
	if last < len(s) {
		out = append(out, piece{text: s[last:]})
	}
	return out
}

var messageByID = func() map[string]*MessageDef {
	out := make(map[string]*MessageDef, len(messageDefs))
	for i := range messageDefs {
		m := &messageDefs[i]
		if _, dup := out[m.ID]; dup {
			panic("engine: message " + m.ID + " declared twice")
		}
		m.one, m.other = split(m.One), split(m.Other)
		out[m.ID] = m
	}
	return out
}()

// Messages lists the declarations of the sentences the engine writes, sorted by id.
func Messages() []MessageDef {
	out := make([]MessageDef, 0, len(messageDefs))
	for _, m := range messageDefs {
		out = append(out, MessageDef{ID: m.ID, Description: m.Description, One: m.One, Other: m.Other})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
