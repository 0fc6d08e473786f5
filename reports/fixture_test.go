package reports

import (
	"github.com/lapmonitor/lap/engine"
)

// A small hand-built assessment, independent of the engine's scoring, so that the goldens
// change only when the report changes. Numbers are invented; they cover every status (too-few
// included), a missing year (a gap), an indicator without any value, a sum flagged for its
// coverage, a new State Party and both Article 3 and 4 obligations.

func f(v float64) *float64 { return &v }

func series(from int, vals ...*float64) []engine.YearValue {
	out := make([]engine.YearValue, len(vals))
	for i, v := range vals {
		out[i] = engine.YearValue{Year: from + i, Value: v}
	}
	return out
}

func fixtureIndicator(id string, action int, section, title, unit string, status engine.ProgressStatus) engine.IndicatorAssessment {
	return engine.IndicatorAssessment{
		IndicatorResult: engine.IndicatorResult{ID: id, Action: action, Section: section, Title: title, Unit: unit,
			Aggregate: engine.AggShare, Provenance: "proposed", Status: engine.ValueOK, UnknownPolicy: engine.UnknownExclude,
			MinPopulation: 5, Counted: engine.NewStateSet(), NotCounted: engine.NewStateSet(), NoData: engine.NewStateSet()},
		Direction: engine.Increase, Method: engine.MethodLinear, Weight: 1, ProgressStatus: status,
	}
}

func fixture() (*engine.Assessment, Meta) {
	i11 := fixtureIndicator("1.1", 1, "alpha", "Share of States with a plan", "percent", engine.ProgressOnTrack)
	i11.Value, i11.Numerator, i11.Denominator = f(75), f(3), f(4)
	i11.Population, i11.Known, i11.NoData = 5, 4, engine.NewStateSet("CCC")
	i11.N, i11.Counted, i11.NotCounted = 4, engine.NewStateSet("AAA", "BBB", "DDD"), engine.NewStateSet("EEE")
	i11.Target, i11.TargetYear, i11.Baseline, i11.BaselineYear = f(100), 2026, f(50), 2021
	i11.Expected, i11.ExpectedProgress, i11.Progress, i11.Score = f(80), f(0.6), f(0.5), f(0.5)
	i11.Previous = nil // 2023 was not reported: a gap
	i11.Series = series(2021, f(50), f(60), nil, f(75))
	i11.Reason = "50% of the way from the 2021 baseline to the target, at least the 48% needed to be on track in 2024 (80% of the 60% expected by then)"

	i12 := fixtureIndicator("1.2", 1, "alpha", "Funds <b>allocated</b> | reported", "USD", engine.ProgressNoTarget)
	i12.Aggregate = engine.AggSum
	i12.Value, i12.Previous = f(1234567.891), f(1000000)
	i12.Population, i12.Known, i12.N = 5, 4, 5
	i12.Counted, i12.NoData = engine.NewStateSet("AAA", "BBB", "CCC", "DDD"), engine.NewStateSet("EEE")
	i12.Series = series(2021, f(900000), f(950000), f(1000000), f(1234567.891))
	i12.Series[3].CoverageFlag = true
	i12.CoverageFlag = true
	i12.Coverage = &engine.Coverage{Known: 4, Population: 5, Share: f(0.8), Missing: []string{"EEE"}, Dropped: []string{"EEE"},
		Reason: "no figure for 2024 from EEE, which gave one for 2023"}
	i12.TrendStatus = engine.TrendInsufficientData
	i12.Travel = &engine.Travel{Status: engine.TrendInsufficientData, Scale: 1, Reason: "the coverage of 2024 is not comparable with earlier years"}
	i12.Reason = "informational indicator, without a target"
	i12.Classes, i12.Class = engine.ClassCounts{Official: 4}, engine.ClassOfficial

	i21 := fixtureIndicator("2.1", 2, "alpha", "States Parties past their Article 3 deadline", "states", engine.ProgressRegressing)
	i21.Aggregate, i21.Direction, i21.Method = engine.AggCount, engine.Decrease, engine.MethodTrend
	i21.Value, i21.Previous = f(2), f(1)
	i21.Population, i21.Known, i21.N, i21.UnknownPolicy = 5, 5, 5, engine.UnknownAsFalse
	i21.Counted, i21.NotCounted = engine.NewStateSet("AAA", "BBB"), engine.NewStateSet("CCC", "DDD", "EEE")
	i21.Target, i21.TargetYear, i21.Baseline, i21.BaselineYear = f(0), 2026, f(1), 2021
	i21.Expected, i21.ExpectedProgress, i21.Progress, i21.Score = f(0.4), f(0.6), f(-1), f(0)
	i21.Series = series(2021, f(1), f(1), f(1), f(2))
	i21.Trend = &engine.Trend{Slope: 0.3, MeanYear: 2022.5, MeanValue: 1.25, Points: 4, ProjectedYear: 2026, Projected: 2.3, Anticipated: f(-1.3)}
	i21.Reason = "the trend since 2021 moves away from the target, towards 3.5 by 2026"

	i31 := fixtureIndicator("3.1", 3, "beta", "Area released", "m2", engine.ProgressAchieved)
	i31.Aggregate = engine.AggSum
	i31.Value, i31.Previous = f(2500000), f(1500000)
	i31.Population, i31.Known, i31.N, i31.Counted = 2, 2, 2, engine.NewStateSet("AAA", "BBB")
	i31.Target, i31.TargetYear, i31.Baseline, i31.BaselineYear = f(2000000), 2026, f(500000), 2021
	i31.Expected, i31.ExpectedProgress, i31.Progress, i31.Score = f(1400000), f(0.6), f(1.3333333333333333), f(1)
	i31.Series = series(2021, f(500000), f(900000), f(1500000), f(2500000))
	i31.Reason = "the value 2500000 meets the target 2000000"
	// the values rest on illustrative data in 2024 and on monitor data before
	i31.Classes, i31.Class = engine.ClassCounts{Official: 1, Illustrative: 1}, engine.ClassIllustrative
	for i := range i31.Series {
		i31.Series[i].Class = engine.ClassMonitor
	}
	i31.Series[3].Class = engine.ClassIllustrative

	i32 := fixtureIndicator("3.2", 3, "beta", "Victims' needs assessed", "percent", engine.ProgressInsufficientData)
	i32.Population, i32.Known, i32.NoData = 2, 0, engine.NewStateSet("AAA", "BBB")
	i32.Status = engine.ValueMissing
	i32.Target, i32.TargetYear = f(100), 2026
	i32.ExpectedProgress = f(0.6)
	i32.Series = series(2021, nil, nil, nil, nil)
	i32.Reason = "no value for 2024: not scored"

	i33 := fixtureIndicator("3.3", 3, "beta", "Risk education reach", "people", engine.ProgressNeedsAcceleration)
	i33.Aggregate = engine.AggSum
	i33.Value, i33.Previous = f(1200), f(1100)
	i33.Population, i33.Known, i33.N, i33.Counted = 2, 2, 2, engine.NewStateSet("AAA", "BBB")
	i33.Target, i33.TargetYear, i33.Baseline, i33.BaselineYear = f(2000), 2026, f(1000), 2021
	i33.Expected, i33.ExpectedProgress, i33.Progress, i33.Score = f(1600), f(0.6), f(0.2), f(0.2)
	i33.Series = series(2021, f(1000), f(1050), f(1100), f(1200))
	i33.Reason = "20% of the way from the 2021 baseline to the target, short of the 48% needed to be on track in 2024 (80% of the 60% expected by then)"

	i22 := fixtureIndicator("2.2", 2, "alpha", "Compliance declared promptly", "percent", engine.ProgressTooFew)
	i22.Status = engine.ValueTooFew
	i22.Value, i22.Numerator, i22.Denominator = f(100), f(1), f(1)
	i22.Population, i22.Known, i22.N, i22.Counted = 1, 1, 1, engine.NewStateSet("BBB")
	i22.Target, i22.TargetYear, i22.TargetEachYear = f(100), 2021, true
	i22.Series = series(2021, nil, nil, nil, f(100))
	i22.Series[3].N, i22.Series[3].TooFew = 1, true
	i22.Reason = "shown as 1 of 1 and not scored, as a score needs at least 5 States (here 1)"

	roll := func(score, exp float64, st engine.ProgressStatus, n, scored int, c engine.ProgressCounts) engine.Rollup {
		return engine.Rollup{Score: f(score), Expected: f(exp), Status: st, Indicators: n, IndicatorsScored: scored, ProgressCounts: c}
	}
	weigh := func(r engine.Rollup, w float64, insufficient int) engine.Rollup {
		r.Weight, r.TrendCounts = w, engine.TrendCounts{InsufficientData: insufficient}
		return r
	}
	a := &engine.Assessment{
		Plan:     engine.PlanRef{Name: "Test Action Plan 2021-2026", Version: "0.1-test", Hash: "0123456789abcdef"},
		Counting: engine.CountingDeposit, AsOf: "2025-06-30", Year: 2024, BaselineYear: 2021, TargetYear: 2026,
		Scoring: engine.Scoring{OnTrack: 0.8, TrendOnTrack: 0.9, TrendMinYears: 3, Tolerance: 1e-9, DeadlineRateYears: 3, DeadlineMarginYears: 1,
			MinPopulation: 5, MinCoverage: 0.8, CAGRImproving: 0.005, Weighting: engine.WeightingScored},
		Indicators: []engine.IndicatorAssessment{i11, i12, i21, i22, i31, i32, i33},
		Actions: []engine.ActionScore{
			{Number: 1, Section: "alpha", Title: "Plan and fund the work", Provenance: "found",
				Rollup: weigh(roll(0.5, 0.6, engine.ProgressOnTrack, 2, 1, engine.ProgressCounts{OnTrack: 1, NoTarget: 1}), 1, 1)},
			{Number: 2, Section: "alpha", Title: "Destroy stockpiles on time", Provenance: "reconstructed",
				Rollup: weigh(roll(0, 0.6, engine.ProgressNeedsAcceleration, 2, 1, engine.ProgressCounts{Regressing: 1, TooFew: 1}), 1, 0)},
			{Number: 3, Section: "beta", Title: "Clear contaminated land", Provenance: "inferred",
				Rollup: weigh(roll(0.6, 0.6, engine.ProgressOnTrack, 3, 2, engine.ProgressCounts{Achieved: 1, NeedsAcceleration: 1, InsufficientData: 1}), 2, 0)},
		},
		Sections: []engine.SectionScore{
			{Key: "alpha", Title: "Alpha: planning & stockpiles", Actions: 2, ActionsScored: 2,
				Rollup: weigh(roll(0.25, 0.6, engine.ProgressNeedsAcceleration, 4, 2, engine.ProgressCounts{OnTrack: 1, NoTarget: 1, Regressing: 1, TooFew: 1}), 2, 1)},
			{Key: "beta", Title: "Beta: clearance", Actions: 1, ActionsScored: 1,
				Rollup: weigh(roll(0.6, 0.6, engine.ProgressOnTrack, 3, 2, engine.ProgressCounts{Achieved: 1, NeedsAcceleration: 1, InsufficientData: 1}), 2, 0)},
		},
		Overall: engine.OverallScore{Sections: 2, SectionsScored: 2,
			Rollup: weigh(roll(0.425, 0.6, engine.ProgressNeedsAcceleration, 7, 4,
				engine.ProgressCounts{Achieved: 1, OnTrack: 1, NeedsAcceleration: 1, Regressing: 1, NoTarget: 1, InsufficientData: 1, TooFew: 1}), 0, 1),
			Contributions: []engine.SectionContribution{
				{Key: "alpha", Weight: 2, Share: 0.5, Score: f(0.25), Without: f(0.6)},
				{Key: "beta", Weight: 2, Share: 0.5, Score: f(0.6), Without: f(0.25)},
			}},
		States: []engine.StateView{
			{ISO3: "AAA", Name: "Atlantis", Region: "europe", Obligations: []engine.Obligation{
				{Article: 4, Episode: 1, Name: "survey and clearance", Status: engine.ObligationOpen, StatusText: "open, deadline ahead", Deadline: "2026-08-01", DeadlineMet: engine.VerdictPending, Detail: "survey and clearance since 1 August 2016; open at 31 December 2024; deadline 1 August 2026"},
				{Article: 7, Name: "transparency reports", Status: engine.ObligationAnnualReportOnTime, StatusText: "initial report received (3 March 2017); annual report for 2024 received on time (2 April 2025)", Deadline: "2025-04-30", DeadlineMet: engine.VerdictYes, Detail: "initial report received (3 March 2017); annual report for 2024 received on time (2 April 2025)"},
			}},
			{ISO3: "BBB", Name: "Borduria", Region: "europe", Obligations: []engine.Obligation{
				{Article: 3, Episode: 1, Name: "stockpile destruction", Status: engine.ObligationCompleted, StatusText: "completed on time", Deadline: "2020-08-01", DeadlineMet: engine.VerdictYes, Detail: "stockpile destruction since 1 August 2012; completed May 2019; deadline 1 August 2020"},
				{Article: 3, Episode: 2, Name: "stockpile destruction", Status: engine.ObligationCompleted, StatusText: "completed 4 months after it was found", DeadlineMet: engine.VerdictNone, Detail: "stockpile found 15 February 2024 after an earlier completion; completed 30 June 2024; no deadline of its own"},
			}},
			{ISO3: "CCC", Name: "Carpania", Region: "africa"},
		},
		Deadlines: []engine.DeadlineProjection{
			{ISO3: "AAA", Name: "Atlantis", Article: 4, Measure: "art4_area_remaining_m2", Unit: "m2",
				Remaining: f(3000000), RemainingYear: 2024, Rate: f(500000), Deadline: "2026-08-01",
				RemainingClass: engine.ClassMonitor, RateClass: engine.ClassIllustrative,
				Projection: engine.Projection{CompletionYear: new(2030), YearsNeeded: f(6), RateNeeded: f(1894736.84), Status: engine.ProjectionWillMiss},
				Reason:     "3,000,000 m² remaining at the end of 2024; at 500,000 m² a year (mean of 1 year) it takes 6 years, completing in 2030, after the deadline of 1 August 2026; meeting the deadline of 1 August 2026 takes 1,890,000 m² a year",
				ReasonCode: engine.ReasonWillMiss,
				Episode:    1, Start: "2016-08-01", RateYears: []engine.YearValue{{Year: 2024, Value: f(500000)}}, SinglePoint: true,
				Assumptions: []string{"no further extension: the deadline in force, 1 August 2026, stays", "the State keeps its own recent rate: the mean of 1 year with data, 2024", "rests on one year of data: the rate has no spread to judge it by"}},
			// a deadline passed while an extension request awaits a decision (Germany, Iraq and
			// Lao PDR in the sample): never "past the deadline" nor "will miss"
			{ISO3: "DDD", Name: "Dinotopia", Article: 4, Measure: "art4_area_remaining_m2", Unit: "m2",
				Remaining: f(13383333.3333), RemainingYear: 2024, Rate: f(1338333.33333), Deadline: "2024-03-01",
				ExtensionRequested: 2023, ExtensionPending: true, ExtensionNote: "extension requested in 2023, no decision recorded",
				RemainingClass: engine.ClassOfficial, RateClass: engine.ClassOfficial,
				Projection: engine.Projection{CompletionYear: new(2035), YearsNeeded: f(10), Status: engine.ProjectionNotKnown},
				Reason:     "13,383,333 m² remaining at the end of 2024; at 1,340,000 m² a year (mean of 2 years) it takes 10 years, completing in 2035; the deadline that applies is not known: the last recorded, 1 March 2024, has passed and the extension requested in 2023 has no recorded decision",
				ReasonCode: engine.ReasonDeadlineNotKnown,
				Episode:    1, Start: "2014-03-01", RateYears: []engine.YearValue{{Year: 2023, Value: f(1276666.66666)}, {Year: 2024, Value: f(1400000)}},
				Assumptions: []string{"no deadline is applied: the one that applies is not known", "the State keeps its own recent rate: the mean of 2 years with data, 2023–2024 (at most 3, since the episode began in 2014)"}},
		},
	}
	day := func(s string) *engine.Date { d := engine.MustDate(s); return &d }
	a.Obligations = []engine.ObligationEpisode{
		{ISO3: "BBB", Name: "Borduria", Article: 3, Episode: 1, Start: engine.MustDate("2012-08-01"), Deadline: day("2020-08-01"),
			Deadlines: []engine.DeadlineDecision{{Decided: engine.MustDate("2012"), Deadline: engine.MustDate("2020-08-01"), Source: "treaty"}},
			Completed: day("2019-05"), DeadlineMet: engine.VerdictYes, StatusText: "completed on time",
			Detail: "stockpile destruction since 1 August 2012; completed May 2019; deadline 1 August 2020"},
		{ISO3: "BBB", Name: "Borduria", Article: 3, Episode: 2, Start: engine.MustDate("2024-02-15"), Deadlines: []engine.DeadlineDecision{},
			Completed: day("2024-06-30"), DeadlineMet: engine.VerdictNone, MonthsToComplete: new(4), StatusText: "completed 4 months after it was found",
			Detail: "stockpile found 15 February 2024 after an earlier completion; completed 30 June 2024; no deadline of its own"},
		{ISO3: "AAA", Name: "Atlantis", Article: 4, Episode: 1, Start: engine.MustDate("2016-08-01"), Deadline: day("2026-08-01"),
			Deadlines: []engine.DeadlineDecision{{Decided: engine.MustDate("2016"), Deadline: engine.MustDate("2021-08-01"), Source: "treaty"},
				{Decided: engine.MustDate("2020-11"), Deadline: engine.MustDate("2026-08-01"), Source: "MSP"}},
			DeadlineMet: engine.VerdictPending, Projection: &a.Deadlines[0], StatusText: "open, deadline ahead",
			Values: []engine.FieldRead{
				{Field: "art4_deadline", Value: "2026-08-01", Origin: "facts.csv:3", Source: "11MSP final report", Class: engine.ClassOfficial},
				{Field: "art4_area_cleared_m2", Value: 500000.0, Origin: "facts.csv:9", Source: "illustrative: invented", Class: engine.ClassIllustrative},
				{Field: "art4_area_remaining_m2", Value: 3000000.0, Origin: "facts.csv:10", Source: "Monitor 2025", Class: engine.ClassMonitor},
			},
			Detail: "survey and clearance since 1 August 2016; open at 31 December 2024; deadline 1 August 2026 (after 1 extension decision(s))"},
		{ISO3: "DDD", Name: "Dinotopia", Article: 4, Episode: 1, Start: engine.MustDate("2014-03-01"), Deadline: day("2024-03-01"),
			Deadlines:          []engine.DeadlineDecision{{Decided: engine.MustDate("2014"), Deadline: engine.MustDate("2024-03-01"), Source: "treaty"}},
			ExtensionRequested: new(2023), ExtensionPending: true,
			DeadlineMet: engine.VerdictUnknown, Projection: &a.Deadlines[1],
			StatusText: "open; deadline not known (extension requested in 2023, no decision recorded)",
			Values: []engine.FieldRead{
				{Field: "art4_deadline", Value: "2024-03-01", Origin: "facts.csv:20", Source: "treaty", Class: engine.ClassOfficial},
				{Field: "art4_extension_requested", Value: true, Origin: "facts.csv:21", Source: "12MSP documents", Class: engine.ClassOfficial, Year: 2023},
			},
			Detail: "survey and clearance since 1 March 2014; open at 31 December 2024; deadline 1 March 2024; extension requested in 2023, no decision recorded"},
	}
	prev := &engine.Assessment{Year: 2023,
		Indicators: []engine.IndicatorAssessment{
			{IndicatorResult: engine.IndicatorResult{ID: "1.1"}, ProgressStatus: engine.ProgressInsufficientData},
			{IndicatorResult: engine.IndicatorResult{ID: "2.1", Value: f(1)}, Progress: f(0), ProgressStatus: engine.ProgressNeedsAcceleration},
			{IndicatorResult: engine.IndicatorResult{ID: "3.1", Value: f(1500000)}, Progress: f(0.6666666666666666), ProgressStatus: engine.ProgressAchieved},
			{IndicatorResult: engine.IndicatorResult{ID: "3.3", Value: f(1100)}, Progress: f(0.1), ProgressStatus: engine.ProgressNeedsAcceleration},
		},
		States: []engine.StateView{{ISO3: "AAA", Name: "Atlantis"}, {ISO3: "BBB", Name: "Borduria"}},
	}
	m := Meta{
		PlanPeriod: "2021-2026", PlanProvenance: "reconstructed", PlanNote: "A test plan; nothing here is official.",
		Sections: []engine.Section{{Key: "alpha", Provenance: "found"}, {Key: "beta", Provenance: "inferred"}},
		Actions: []engine.Action{
			{Number: 1, Description: "States Parties plan and fund the work."},
			{Number: 2, Description: "States Parties destroy stockpiles by their deadlines."},
			{Number: 3, Description: "States Parties clear contaminated land."},
		},
		Indicators: []engine.Indicator{{ID: "1.1", Definition: "Share of States with a costed plan."}},
		PlanFiles:  []engine.InputFile{{Name: "plan.toml", SHA256: "aa11"}, {Name: "a01.toml", SHA256: "bb22"}},
		DataFiles:  []engine.InputFile{{Name: "states.csv", SHA256: "cc33", Rows: 3}, {Name: "facts.csv", SHA256: "dd44", Rows: 40}},
		PlanSource: "(embedded plan)", DataSource: "data/my sample",
		Previous:    prev,
		ChartFormat: "svg",
		Validation: &engine.Validation{AsOf: "2025-06-30", Counting: engine.CountingDeposit, From: 2021, To: 2024,
			Checks: []engine.CheckSummary{
				{ID: "a4-cleared-within-remaining", Title: "Area cleared is within what remained", Importance: engine.ImportanceError, Passed: 7, Violated: 1},
				{ID: "a7-facts-need-report", Title: "Report facts need a report", Importance: engine.ImportanceWarning, Passed: 20},
			},
			Violations: []engine.Violation{{Check: "a4-cleared-within-remaining", Title: "Area cleared is within what remained",
				Importance: engine.ImportanceError, ISO3: "AAA", State: "Atlantis", Year: 2024,
				Message: "Atlantis (AAA) 2024: 5,000,000 m² cleared, more than the 3,000,000 m² that remained | at the end of 2023",
				Values: []engine.FieldRead{
					{Field: "art4_area_cleared_m2", Value: 5000000.0, Origin: "facts.csv:9", Class: engine.ClassIllustrative},
					{Field: "prev.art4_area_remaining_m2", Value: 3000000.0, Origin: "facts.csv:8", Class: engine.ClassMonitor},
					{Field: "art4_obligation_start", Origin: "absent"},
				}}},
		},
		Article4Area: map[string][]engine.YearValue{
			"AAA": series(2020, f(6000000), f(5000000), f(4500000), nil, f(3000000), f(2000000)), // 2020 and 2025 are outside 2021..2024
		},
	}
	fixtureGroupsAndRevisions(a, &m)
	return a, m
}
