// Package engine loads a monitoring plan whose indicators are rules written as expr
// expressions, and evaluates them against State Party reporting data.
//
// It was built for the Lausanne Action Plan of the Convention on Cluster Munitions, but it
// knows nothing about that plan: a plan is any set of TOML files (see Load), and the only
// fixed vocabulary is the data dictionary (Fields), the names a rule may read.
//
// # The pipeline
//
//   - Load reads plan.toml and one file per action from an fs.FS, validates every key and
//     compiles every expression once against the data dictionary (Fields). Every problem is
//     returned at once as Diagnostics, each with file, line, column, indicator id and a stable
//     code.
//   - LoadDataset reads states.csv and facts.csv (or dataset.json), validating every row. Every
//     fact and States row carries a Class (official, monitor, estimate, illustrative, or
//     unstated), which follows each value into results, traces and explanations.
//   - Plan.Validate runs the plan's data checks (checks/*.toml, loaded with the plan by the
//     same TOML reader) on a dataset over a range of years and returns every Violation with the
//     values behind it; RunCheck runs one check for one year, as rule tests do.
//   - Plan.Evaluate computes every indicator for a year: for each State, the population
//     expression decides whether it is in the indicator's universe and the rule gives its
//     result; an aggregate (count, share, sum, mean) combines the results. Each result says
//     how many States it covers, which counted and which had no data.
//   - By splits each indicator's result by a breakdown of the States (region, or a plan's
//     [[breakdown]]) into IndicatorResult.Groups, each with the whole's aggregate and rules.
//   - Plan.ReportCutOff decides the data cut-off of a year's report (the plan's
//     report_cutoff, capped at the data's latest date); a fact is seen only from the day it
//     became known (Fact.KnownAt: its recorded day, or the day its Article 7 report was
//     received), and a later correction replaces it from its own recorded day.
//   - Plan.Assess adds baselines, targets, progress scores, roll-ups to actions, sections and
//     the plan, a per-State view and deadline projections; Plan.Explain shows the whole
//     derivation of one indicator. Every earlier year of the series (baselines, trends, the
//     year before) is seen the same time after its end as the assessed year, with the
//     corrections known at the cut-off, so that a report arriving late for an earlier year
//     never lowers this year's progress (docs/methodology.md §1.3); Plan.AssessYears assesses
//     a range of years from one such series, and Plan.RevisionsBetween lists what it leaves
//     out and what was corrected since the previous report.
//   - Per State (records.go, for country profiles and the report's annexes):
//     Plan.StateRecords and Plan.StateRecord give a State's membership with its treaty dates
//     and its Article 7 record year by year, judged as the reporting indicators judge it;
//     Plan.EvaluateState and Plan.EvaluateStates give a State's traced outcome for every
//     indicator, and Plan.AssessYearsTraced gives every State's beside the assessments, from
//     the evaluation they are scored from; Dataset.Lookup reads one field as the rules see it
//     at a cut-off.
//
// # Sub-packages
//
// Uses of the engine that build on its API, and that the engine never imports, live in their
// own packages below it: engine/ruletest runs a plan's rule unit tests (lap test), read with
// the engine's TOML reader (ReadTOML) and validated as data files are (DatasetFromRows), and
// engine/risk simulates the deadline risk of the open Article 3 and 4 obligations of an
// assessment (Monte Carlo; lap risk, lap whatif --risk).
//
// # Missing data
//
// An absent fact is unknown, never zero. In an expression an absent field is nil. A rule
// that reads a field that may be nil, anywhere other than on the left of ?? or in a presence
// test (x == nil, x != nil), gives an unknown result for that State when the field is nil:
// the State is listed in IndicatorResult.NoData and leaves the denominator of a share.
//
// An IndicatorResult's Counted, NotCounted and NoData are StateSets: a bit per State of the
// dataset, so that a result costs a few words whatever the number of States. List gives the
// ISO3 codes (in order), Len how many, Has whether a State is in the set; in JSON each is
// the array of codes.
//
// # Statuses
//
// Each kind of status has its own type, and a field named Status holds the kind its type
// says:
//
//   - ValueStatus: whether an indicator has a value for the year (ok, missing, error,
//     too-few); IndicatorResult.Status.
//   - ProgressStatus: an indicator's or a roll-up's standing against its target (achieved,
//     on-track, ...); IndicatorAssessment.ProgressStatus, Rollup.Status, counted by
//     ProgressCounts.
//   - TrendStatus: the direction of travel of an indicator without a target; Travel.Status,
//     counted by TrendCounts.
//   - ObligationStatus: where a State stands on one obligation (met, open, completed, ...);
//     Obligation.Status, with Obligation.StatusText in words.
//   - ProjectionStatus: a deadline projection's outcome (on-course, at-risk, will-miss, ...);
//     Projection.Status.
//   - Verdict: whether a deadline was met (yes, no, not known), never a status.
//
// # Determinism and safety
//
// The engine never reads the clock: the data cut-off is given with AsOf (or taken as the
// latest date in the data). It never prints. Results are sorted. A Plan and a Dataset are
// immutable and safe for concurrent use. An indicator whose rule fails (a runtime error, a
// NaN or infinite number) gets ValueError with the message; the other indicators still
// run. Expressions cannot call now() and are bounded in size.
package engine
