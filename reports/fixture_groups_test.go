package reports

import "github.com/lapmonitor/lap/engine"

// fixtureGroupsAndRevisions adds to the fixture the results by group (a region breakdown of
// 1.1 and 2.1, and a plan breakdown of 1.1 with a group too small to give a share) and the
// revisions since the previous report (a late report and a correction, a value not known
// then, and one over too few States now).
func fixtureGroupsAndRevisions(a *engine.Assessment, m *Meta) {
	m.Breakdowns = []engine.Breakdown{
		{Key: "region", Title: "Region", Report: []string{"1.1", "2.1"},
			Groups: []engine.Group{{Key: "africa", Title: "Africa"}, {Key: "europe", Title: "Europe"}}},
		{Key: "article4", Title: "Article 4 obligations", Report: []string{"1.1"},
			Groups: []engine.Group{{Key: "article4", Title: "States with Article 4 obligations", When: "art4_obligation_in_year"}, {Key: "other", Title: "Other States"}}},
	}
	for i := range a.Indicators {
		ia := &a.Indicators[i]
		switch ia.ID {
		case "1.1": // 3 of the 4 with data; CCC (Africa) without data
			ia.Groups = []engine.GroupResult{
				{By: "region", Group: "africa", Title: "Africa", Value: f(50), Population: 3, Known: 2, N: 2, Counted: 1, NotCounted: 1, NoData: 1, Status: engine.ValueTooFew, KOfN: "1 of the 2 with data"},
				{By: "region", Group: "europe", Title: "Europe", Value: f(100), Population: 2, Known: 2, N: 2, Counted: 2, Status: engine.ValueTooFew, KOfN: "2 of 2"},
				{By: "article4", Group: "article4", Title: "States with Article 4 obligations", Value: f(100), Population: 2, Known: 2, N: 2, Counted: 2, Status: engine.ValueTooFew, KOfN: "2 of 2"},
				{By: "article4", Group: "other", Title: "Other States", Value: f(50), Population: 3, Known: 2, N: 2, Counted: 1, NotCounted: 1, NoData: 1, Status: engine.ValueTooFew, KOfN: "1 of the 2 with data"},
			}
		case "2.1": // a count: 2 of 5
			ia.Groups = []engine.GroupResult{
				{By: "region", Group: "africa", Title: "Africa", Value: f(1), Population: 3, Known: 3, N: 3, Counted: 1, NotCounted: 2, Status: engine.ValueOK, KOfN: "1 of 3"},
				{By: "region", Group: "europe", Title: "Europe", Value: f(1), Population: 2, Known: 2, N: 2, Counted: 1, NotCounted: 1, Status: engine.ValueOK, KOfN: "1 of 2"},
			}
		}
	}
	m.CutOff = &engine.CutOff{Year: 2024, AsOf: engine.MustDate("2025-06-30"), Rule: engine.CutOffPlan, Planned: engine.MustDate("2025-06-30"),
		Latest: engine.MustDate("2025-12-31"), Previous: engine.MustDate("2024-06-30")}
	m.Revisions = &engine.RevisionReport{Year: 2024, From: 2021, Then: engine.MustDate("2024-06-30"), Now: engine.MustDate("2025-06-30"),
		Revisions: []engine.Revision{
			{ID: "1.1", Title: "Share of States with a plan", Unit: "percent", Year: 2023,
				ThenStatus: engine.ValueMissing, ThenKOfN: "0 of 5, none with data",
				Now: f(60), NowStatus: engine.ValueOK, NowKOfN: "3 of the 5 with data", NowClass: engine.ClassIllustrative,
				Causes: []engine.RevisionCause{
					{Kind: engine.RevisionLateReport, ISO3: "AAA", Name: "Atlantis", Year: 2023, Known: engine.MustDate("2024-08-15"), Fields: []string{"art7_annual_submitted", "cc_costed_strategy"}, Origins: []string{"facts.csv:4", "facts.csv:5"}},
					{Kind: engine.RevisionLateReport, ISO3: "BBB", Name: "Borduria", Year: 2023, Known: engine.MustDate("2024-09-02"), Fields: []string{"cc_costed_strategy"}, Origins: []string{"facts.csv:14"}},
					{Kind: engine.RevisionLateReport, ISO3: "CCC", Name: "Carpania", Year: 2023, Known: engine.MustDate("2024-10-01"), Fields: []string{"cc_costed_strategy"}, Origins: []string{"facts.csv:24"}},
					{Kind: engine.RevisionLateReport, ISO3: "DDD", Name: "Dinotopia", Year: 2023, Known: engine.MustDate("2024-11-30"), Fields: []string{"cc_costed_strategy"}, Origins: []string{"facts.csv:34"}},
					{Kind: engine.RevisionLateReport, ISO3: "EEE", Name: "Eldorado", Year: 2023, Known: engine.MustDate("2025-01-10"), Fields: []string{"cc_costed_strategy"}, Origins: []string{"facts.csv:44"}},
				}},
			{ID: "3.1", Title: "Area released", Unit: "m2", Year: 2022,
				Then: f(900000), ThenStatus: engine.ValueOK, ThenKOfN: "2 of 2 with a figure", ThenClass: engine.ClassMonitor,
				Now: f(950000), NowStatus: engine.ValueOK, NowKOfN: "2 of 2 with a figure", NowClass: engine.ClassMonitor,
				Causes: []engine.RevisionCause{
					{Kind: engine.RevisionCorrection, ISO3: "AAA", Name: "Atlantis", Year: 2022, Known: engine.MustDate("2024-11"), Fields: []string{"art4_area_released_survey_m2"}, Origins: []string{"facts.csv:41"}},
				}},
			{ID: "2.2", Title: "Compliance declared promptly", Unit: "percent", Year: 2023,
				Then: f(0), ThenStatus: engine.ValueTooFew, ThenKOfN: "0 of 1",
				Now: f(100), NowStatus: engine.ValueTooFew, NowKOfN: "1 of 1",
				Causes: []engine.RevisionCause{
					{Kind: engine.RevisionLateData, ISO3: "BBB", Name: "Borduria", Year: 2023, Known: engine.MustDate("2024-07-02"), Fields: []string{"art3_compliance_declared_date"}, Origins: []string{"facts.csv:18"}},
				}},
		}}
}
