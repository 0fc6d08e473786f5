package main

import (
	"fmt"
	"strings"
)

// Article 4: survey and clearance.

// landYear is one year of Form F figures in km2 (converted to m2 on output). A negative value
// means the figure is not recorded. note explains the year's figures (sourced or illustrative).
type landYear struct {
	y                        int
	remaining, cleared, surv float64
	items                    int
	note                     string // source of the illustrative figures ("" = ill)
	sourced                  string // which figure is sourced: remaining, cleared, survey, items (comma list)
	src                      string // the source of the sourced figures
}

const none = -1.0

func (g *gen) landYears(iso string, rows []landYear) {
	for _, r := range rows {
		src := func(which string) string {
			if r.sourced != "" && strings.Contains(","+r.sourced+",", ","+which+",") {
				return r.src
			}
			if r.note == "" {
				return ill
			}
			return r.note
		}
		if r.remaining >= 0 {
			g.add(iso, r.y, "art4_area_remaining_m2", m2(r.remaining), src("remaining"))
		}
		if r.cleared >= 0 {
			g.add(iso, r.y, "art4_area_cleared_m2", m2(r.cleared), src("cleared"))
		}
		if r.surv >= 0 {
			g.add(iso, r.y, "art4_area_released_survey_m2", m2(r.surv), src("survey"))
		}
		if r.items >= 0 {
			g.add(iso, r.y, "art4_submunitions_destroyed", inum(r.items), src("items"))
		}
	}
}

// art4Start records an obligation that began at entry into force, with its original deadline
// (entry into force + 10 years).
func (g *gen) art4Start(iso, deadline, src string) {
	eif := g.st(iso).eif
	var y int
	fmt.Sscanf(eif[:4], "%d", &y)
	g.add(iso, y, "art4_obligation_start", eif, "entry into force (states.csv) with contaminated areas; "+src)
	g.add(iso, y, "art4_deadline", deadline, srcOblig+" original_deadline ("+iso+" article 4; entry into force + 10 years)")
}

// decidedOn gives the month of a deadline decision where a source dates it within its year
// (the recorded column); other decisions are dated by their year.
var decidedOn = map[string]string{
	"CHL|2023-06-01": "2021-09", // 2RC second part
	"BIH|2022-09-01": "2021-02", // newsletter: granted in February 2021
}

func (g *gen) article4() {
	contaminated2019 := "https://www.mineactionreview.org/obligations/conventions-on-cluster-munitions/global-cluster-munition-remnant-contamination/ (contaminated States Parties at 1 July 2019)"

	// ----- Obligations at entry into force and original deadlines ----------------------------
	for _, s := range []struct{ iso, deadline string }{
		{"AFG", "2022-03-01"}, {"BIH", "2021-03-01"}, {"TCD", "2023-09-01"}, {"CHL", "2021-06-01"},
		{"DEU", "2020-08-01"}, {"IRQ", "2023-11-01"}, {"LAO", "2020-08-01"}, {"LBN", "2021-05-01"},
		{"SOM", "2026-03-01"}, {"HRV", "2020-08-01"}, {"MNE", "2020-08-01"},
	} {
		g.art4Start(s.iso, s.deadline, contaminated2019)
	}
	// United Kingdom (Falklands): contaminated at 1 July 2019 per MAR; the deadline follows the
	// treaty rule and the completion is illustrative.
	g.add("GBR", 2010, "art4_obligation_start", "2010-11-01", "entry into force (states.csv) with contaminated areas (Falklands); "+contaminated2019)
	g.add("GBR", 2010, "art4_deadline", "2020-11-01", "treaty rule: entry into force + 10 years (Article 4.1); not in obligations.csv")
	g.add("GBR", 2020, "art4_completed_date", "2020-10-30", illNote("completion date assumed; the references list the UK as contaminated in 2019 and do not give its completion"))
	g.add("GBR", 2021, "art4_completion_declared_date", date2RC, illNote("declaration at the 2RC second part assumed"))

	// ----- Completions --------------------------------------------------------------------
	g.add("HRV", 2020, "art4_completed_date", "2020-07-10", "https://ccm3.pronk.se/2020/07/31/croatia-complies-with-ccm-article-4/")
	g.add("HRV", 2020, "art4_completion_declared_date", "2020-07-31", "https://ccm3.pronk.se/2020/07/31/croatia-complies-with-ccm-article-4/ (announced by 31 July 2020)")
	mne := "https://ccm3.pronk.se/2020/07/31/montenegro-clears-all-cluster-munition-remnants-on-its-territory/?share=twitter (declared completion in July 2020; the source gives the month)"
	g.add("MNE", 2020, "art4_completed_date", "2020-07", mne)
	g.add("MNE", 2020, "art4_completion_declared_date", "2020-07", mne)
	g.add("BIH", 2023, "art4_completed_date", "2023-08", "https://udas.rs.ba/en/cluster-munition-monitor-2024 (completed August 2023, ninth State Party; the source gives the month)")
	g.add("BIH", 2023, "art4_completion_declared_date", "2023-09", "https://www.udas.rs.ba/en/bosnia-and-herzegovina-submitted-declaration-on-completion-of-cluster-munition/ (declaration at the 11MSP); https://www.bhmac.org/press-release-5/ (11MSP held 11-15 September 2023; the day is not given)")
	g.add("MOZ", 2016, "art4_completed_date", "2016-12", "https://archives2.the-monitor.org/en-gb/reports/2017/cluster-munition-monitor-2017/contamination-and-clearance.aspx (December 2016; the source gives the month)")
	// "Completed clearance before 2019" gives only an upper bound: ../2018 (2018 or earlier).
	before2019 := "https://the-monitor.org/en-gb/reports/2019/cluster-munition-monitor-2019/contamination-and-clearance.aspx (completed clearance before 2019; the source gives no day or year: ../2018, 2018 or earlier)"
	for _, iso := range []string{"ALB", "COG", "GRD", "GNB", "MRT", "NOR", "ZMB"} {
		g.add(iso, 2018, "art4_completed_date", "../2018", before2019)
	}

	// ----- Extensions (requests, decisions, new deadlines) ---------------------------------
	type ext struct {
		iso           string
		req, grant    int // year, 0 if none
		deadline      string
		reqSrc, grSrc string
	}
	for _, e := range []ext{
		// Germany: 2019 request (9MSP) to 2025; 2024 request (12MSP) to 2030, whose outcome is
		// not in the references: obligations.csv gives 2025-08-01 as the latest deadline, and
		// sourced values win, so no decision is invented.
		{"DEU", 2019, 2019, "2025-08-01", src9MSP + " (Germany's request dated 15 January 2019)",
			"https://www.rbb24.de/politik/beitrag/2019/09/wittstock-truppenuebungsplatz-munition-raeumung.html (extension to August 2025); granted at the 9MSP, year inferred from the 2020-08-01 deadline"},
		{"DEU", 2024, 0, "", src12MSP + "; https://twicopy.com/mineactionrev/tweet/1833476991493742675 (request to 1 August 2030, 10 September 2024)", ""},
		// Lao PDR: 2019 request granted at 9MSP; 2024 request (12MSP), outcome not in the
		// references (obligations.csv: 2025-08-01).
		{"LAO", 2019, 2019, "2025-08-01", src9MSP + " (Lao PDR's request, February 2019)",
			"http://www.mineactionreview.org/country/lao-peoples-democratic-republic (5-year extension granted at the 9MSP, to 1 August 2025; the Monitor writes July 2025)"},
		{"LAO", 2024, 0, "", src12MSP, ""},
		// Bosnia and Herzegovina: request of September 2020 granted in February 2021; then to 2023.
		{"BIH", 2020, 2021, "2022-09-01", "https://docslib.org/doc/10879958/bosnia-and-herzegovinas-extension-request (request dated September 2020)",
			srcNewslet + " (in February 2021 BiH was granted an 18-month extension to 1 September 2022); " + srcFeb2021},
		{"BIH", 2022, 2022, "2023-09-01", illNote("request year assumed (for the 10MSP)"),
			srcOblig + " BIH article 4 (extended to 2023-09-01); decision at the 10MSP inferred, https://www.bhmac.org/press-release-5/ (deadline 1 September 2023)"},
		// Chile: 2020 request (interim, to 2022) and June 2021 request (to 2023) both decided in 2021.
		{"CHL", 2020, 0, "", srcMARChile + " (in 2020 Chile submitted a first request for a one-year interim extension, subsequently granted)", ""},
		{"CHL", 2021, 2021, "2023-06-01", srcMARChile + " (June 2021 request for a further one-year interim extension to 1 June 2023, for the 2RC second part)",
			srcMARChile + " ; " + srcOblig + " CHL article 4 (2023-06-01 granted at the 2RC second part, September 2021)"},
		{"CHL", 2022, 2022, "2026-06-01", "http://www.mineactionreview.org/country/chile (request of April 2022, revised in May)",
			"http://www.mineactionreview.org/country/chile (extended Article 4 deadline of 1 June 2026); decision at the 10MSP inferred"},
		// Lebanon: original deadline 2021-05-01, extended to 2026-05-01 in the February 2021 decisions.
		{"LBN", 2020, 2021, "2026-05-01", illNote("request year assumed (for the 2RC, 2020)"),
			srcOblig + " LBN article 4 (extended to 2026-05-01); https://ccm3.pronk.se/the-convention-on-cluster-munitions-in-lebanon-ten-years-on-achievements-and-challenges-ahead/ ; decided with the other 2RC requests in February 2021 (inferred, " + srcFeb2021 + ")"},
		// Afghanistan: August 2021 request for four years; 2025 request for the 13MSP.
		{"AFG", 2021, 2021, "2026-03-01", "https://www.mineactionreview.org/country/afghanistan (August 2021 request for a four-year extension)",
			srcOblig + " AFG article 4 (extended to 2026-03-01); decision at the 2RC second part inferred from the 2022-03-01 deadline"},
		{"AFG", 2025, 0, "", src13MSP, ""},
		// Chad: first interim extension to 2024-10-01, second to 2026-10-01 at the 12MSP.
		{"TCD", 2023, 2023, "2024-10-01", illNote("request year assumed (for the 11MSP)"),
			"http://www.mineactionreview.org/country/chad ; " + srcOblig + " TCD article 4 (first interim extension to 1 October 2024); decision year inferred"},
		{"TCD", 2024, 2024, "2026-10-01", src12MSP,
			"https://www.mineactionreview.org/country/chad (second interim extension to October 2026 granted at the 12MSP, September 2024)"},
		// Iraq: five-year request of 16 November 2022 for the 11MSP; the decision is not in the
		// references (obligations.csv: original deadline 2023-11-01, no extension).
		{"IRQ", 2022, 0, "", "https://www.clusterconvention.org/the-isu-meets-with-the-dma-in-baghdad/ (five-year extension request submitted on 16 November 2022, for the 11MSP)", ""},
		// Somalia: request for four years to 2030-03-01, for the 13MSP; the decision is not in the
		// references (obligations.csv: 2026-03-01).
		{"SOM", 2025, 0, "", "https://www.mineactionreview.org/country/somalia (request for an extension to 1 March 2030, for the 13MSP); " + src13MSP, ""},
	} {
		if e.req != 0 {
			g.add(e.iso, e.req, "art4_extension_requested", "true", e.reqSrc)
		}
		if e.grant != 0 {
			g.add(e.iso, e.grant, "art4_extension_granted", "true", e.grSrc)
			g.addRecorded(e.iso, e.grant, "art4_deadline", e.deadline, decidedOn[e.iso+"|"+e.deadline], e.grSrc)
		}
	}
	// Chile's first interim extension, to 2022-06-01, granted in February 2021 by the silence
	// procedure; the second, to 2023-06-01, at the 2RC second part in September 2021. Two
	// decisions in one year, each recorded with the month it was taken.
	g.addRecorded("CHL", 2021, "art4_deadline", "2022-06-01", "2021-02", srcMARChile+" ; "+srcOblig+" CHL article 4 (2022-06-01 granted in February 2021, "+srcFeb2021+")")
	// Costed work plans in the requests (20.1).
	for _, c := range []struct {
		iso string
		y   int
		v   bool
		src string
	}{
		{"BIH", 2020, true, "https://www.bhmac.org/in-the-period-25-27-november-2020-the-second-revision-conference-on-cluster-munitions-held-online/ (request costed at USD 2.73 million for 18 months)"},
		{"CHL", 2020, false, illNote("interim request without a multi-year plan")},
		{"CHL", 2021, false, illNote("interim request without a multi-year plan")},
		{"CHL", 2022, true, ill},
		{"AFG", 2021, true, ill},
		{"BIH", 2022, true, ill},
		{"IRQ", 2022, true, "https://www.clusterconvention.org/the-isu-meets-with-the-dma-in-baghdad/ (detailed survey, clearance, risk education and resource mobilisation plans for the extension period)"},
		{"TCD", 2023, false, illNote("interim request")},
		{"TCD", 2024, false, illNote("second interim request")},
		{"DEU", 2019, true, ill},
		{"LAO", 2019, true, ill},
		{"DEU", 2024, true, ill},
		{"LAO", 2024, true, ill},
		{"SOM", 2025, false, ill},
		{"AFG", 2025, true, ill},
	} {
		g.add(c.iso, c.y, "art4_extension_costed_plan", bs(c.v), c.src)
	}

	// ----- Land release figures (km2; converted to m2) -------------------------------------
	lao := "http://www.mineactionreview.org/country/lao-peoples-democratic-republic"
	g.landYears("LAO", []landYear{
		{2019, 1150, 45.6, 8.0, 68200, "", "cleared", lao + " (more than 45.6 km2 cleared in 2019, recorded as 45.6)"},
		{2020, 1290, 41.3, 9.5, 61400, illNote("remaining includes about 191 km2 newly confirmed by survey"), "", ""},
		{2021, 1371.10, 43.9, 12.0, 64900, "", "remaining", "https://archives2.the-monitor.org/en-gb/reports/2022/lao-pdr/impact.aspx (1,371.10 km2 of confirmed hazardous area by June 2021, used as the end-2021 value)"},
		{2022, 1368.6, 47.2, 15.4, 70300, illNote("remaining includes 60.1 km2 newly confirmed by survey"), "", ""},
		{2023, 1342.5, 52.8, 18.3, 74800, illNote("remaining includes 45.0 km2 newly confirmed by survey"), "", ""},
		{2024, 1296.7, 55.1, 20.7, 77100, illNote("remaining includes 30.0 km2 newly confirmed by survey"), "", ""},
		{2025, 1242.2, 57.4, 22.1, 79600, illNote("remaining includes 25.0 km2 newly confirmed by survey"), "", ""},
	})
	g.landYears("LBN", []landYear{
		{2019, 8.5, 1.2, 0.4, 2900, ill, "", ""},
		{2020, 7.4, 0.9, 0.2, 2300, ill, "", ""},
		{2021, 6.5, 0.7, 0.2, 1900, ill, "", ""},
		{2022, 5.6, 0.7, 0.2, 1700, ill, "", ""},
		{2023, 4.9, 0.6, 0.1, 1500, ill, "", ""},
		{2024, 4.4, 0.4, 0.1, 1100, illNote("in line with the 92% of known contamination cleared reported in 2024 (ccm-facts.md §6)"), "", ""},
		{2025, 3.9, 0.4, 0.1, 1000, ill, "", ""},
	})
	bih := "https://www.bhmac.org/in-the-period-25-27-november-2020-the-second-revision-conference-on-cluster-munitions-held-online/ (2.24 km2 in 36 areas in 2020)"
	g.landYears("BIH", []landYear{
		{2019, 2.90, 0.45, 0.20, 610, ill, "", ""},
		{2020, 2.24, 0.46, 0.20, 540, "", "remaining", bih},
		{2021, 1.24, 0.75, 0.25, 820, ill, "", ""},
		{2022, 0.32, 0.70, 0.22, 760, ill, "", ""},
		{2023, 0, 0.27, 0.05, 310, illNote("figures assumed; remaining 0 after completion in August 2023 (https://www.bhmac.org/press-release-5/, 7,932 items destroyed in all)"), "", ""},
	})
	deu := illNote("starts from the 1,100 hectares of Wittstock in the 2019 extension request (https://docslib.org/doc/8817659/former-soviet-military-training-area-wittstock)")
	g.landYears("DEU", []landYear{
		{2019, 10.75, 0.25, 0, 2100, deu, "", ""},
		{2020, 10.2, 0.35, 0.2, 2900, ill, "", ""},
		{2021, 9.5, 0.45, 0.25, 3600, ill, "", ""},
		{2022, 8.6, 0.6, 0.3, 4400, ill, "", ""},
		{2023, 7.5, 0.8, 0.3, 5200, ill, "", ""},
		{2024, 6.3, 0.9, 0.3, 5900, ill, "", ""},
		{2025, 5.0, 1.0, 0.3, 6300, ill, "", ""},
	})
	g.landYears("IRQ", []landYear{
		{2019, 215, 2.5, 1.5, 3100, ill, "", ""},
		{2020, 210, 3.0, 2.0, 3500, ill, "", ""},
		{2021, 205, 3.2, 1.8, 3800, ill, "", ""},
		{2022, 200, 3.5, 1.5, 4100, "", "remaining", "https://www.clusterconvention.org/the-isu-meets-with-the-dma-in-baghdad/ (almost 200 km2 known to be contaminated in March 2023, recorded as 200 km2 for the end of 2022)"},
		{2023, 190, 6.0, 4.0, 6900, ill, "", ""},
		{2024, 178, 7.0, 5.0, 7600, ill, "", ""},
		{2025, 165, 8.0, 5.0, 8300, ill, "", ""},
	})
	g.landYears("CHL", []landYear{
		{2019, 64.82, 0, 0, 0, ill, "", ""},
		{2020, 64.82, 0, 0, 0, ill, "", ""},
		{2021, 64.82, 0, 0, 0, illNote("no land release: the planned technical survey was not carried out in 2021 (" + srcMARChile + ")"), "", ""},
		{2022, 64.82, 0, 0, 0, "", "cleared,survey", "http://www.mineactionreview.org/country/chile (no land release in 2022 whatsoever)"},
		{2023, 44.32, 0.5, 20.0, 35, ill, "", ""},
		{2024, 28.12, 1.2, 15.0, 80, ill, "", ""},
		{2025, 16.12, 2.0, 10.0, 120, ill, "", ""},
	})
	g.landYears("AFG", []landYear{
		{2019, 3.10, 0.18, 0.04, 260, ill, "", ""},
		{2020, 2.85, 0.20, 0.05, 310, ill, "", ""},
		{2021, 2.70, 0.12, 0.03, 170, ill, "", ""},
		{2022, 2.62, 0.06, 0.02, 90, ill, "", ""},
		{2023, 2.50, 0.09, 0.03, 120, ill, "", ""},
		{2024, 2.36, 0.11, 0.03, 150, ill, "", ""},
		{2025, 2.20, 0.13, 0.03, 170, ill, "", ""},
	})
	// Chad sent no Article 7 report after 2020 up to MAR 2023: no figures for 2020-2022.
	g.landYears("TCD", []landYear{
		{2019, 0.60, 0.05, 0.10, 40, ill, "", ""},
		{2023, 0.55, 0.03, 0.02, 25, illNote("figures as they might appear in the extension request"), "", ""},
		{2024, 0.48, 0.05, 0.02, 30, ill, "", ""},
		{2025, 0.40, 0.06, 0.02, 35, ill, "", ""},
	})
	g.landYears("SOM", []landYear{
		{2021, 1.2, 0.01, none, 12, illNote("first estimate; survey figure not reported"), "", ""},
		{2022, 1.6, 0.02, 0, 20, illNote("remaining includes about 0.42 km2 newly found"), "", ""},
		{2023, 1.5, 0.05, 0.05, 45, ill, "", ""},
		{2024, 1.4, 0.05, 0.05, 50, ill, "", ""},
		{2025, 1.3, 0.05, 0.05, 48, ill, "", ""},
	})
	g.landYears("GBR", []landYear{
		{2019, 0.02, 0.01, 0, 4, ill, "", ""},
		{2020, 0, 0.02, 0, 6, ill, "", ""},
	})

	// Albania and Guinea-Bissau: obligations.csv lists an Article 4 obligation completed before
	// 2019. The obligation ran from entry into force (Article 4.1: areas contaminated at entry
	// into force), with the treaty deadline of entry into force + 10 years. Any completion
	// before 2019 is before either deadline (2020-08-01, 2021-05-01), so the verdict "on time"
	// rests on the source's upper bound, not on a day it does not give.
	for _, s := range []struct{ iso, deadline string }{{"ALB", "2020-08-01"}, {"GNB", "2021-05-01"}} {
		eif := g.st(s.iso).eif
		var y int
		fmt.Sscanf(eif[:4], "%d", &y)
		g.add(s.iso, y, "art4_obligation_start", eif, "entry into force (states.csv); "+srcOblig+" "+s.iso+" article 4 (an Article 4 obligation completed before 2019, so areas were contaminated at entry into force)")
		g.add(s.iso, y, "art4_deadline", s.deadline, "treaty rule: entry into force + 10 years (Article 4.1); not in obligations.csv")
	}

	// ----- Illustrative new contamination after completion (Action 26) ---------------------
	// Every real Article 4 completion in the LAP years is Bosnia and Herzegovina's (2023). To give
	// the completion indicators (25.1, 25.2) and 26.2 a population in the other years, the sample
	// invents small areas found and cleared within one year. None of these is real.
	nc := func(note string) string {
		return illNote("contamination found after completion, invented for the sample; " + note)
	}
	for _, e := range []struct {
		iso              string
		start, completed string
		declared         string
		km2              float64
		items            int
	}{
		{"HRV", "2021-03-15", "2021-10-29", "", 0.03, 14},
		// No declaration: one at the 11MSP (2023) would make 18.2 2 in 2023, where the real
		// value is 1 (Bosnia and Herzegovina; lap-plan.md section 7).
		{"MNE", "2022-04-12", "2022-11-25", "", 0.012, 6},
		{"ALB", "2024-02-06", "2024-05-31", date12MSP, 0.05, 21},
		{"GNB", "2025-01-20", "2025-04-30", date13MSP, 0.02, 9},
	} {
		var y int
		fmt.Sscanf(e.start[:4], "%d", &y)
		g.add(e.iso, y, "art4_obligation_start", e.start, nc("obligation starts when the area is found"))
		g.add(e.iso, y, "art4_completed_date", e.completed, nc("completion"))
		if e.declared != "" {
			var dy int
			fmt.Sscanf(e.declared[:4], "%d", &dy)
			g.add(e.iso, dy, "art4_completion_declared_date", e.declared, nc("declaration at the next MSP"))
		}
		g.add(e.iso, y, "art4_area_remaining_m2", "0", nc("remaining at year end"))
		g.add(e.iso, y, "art4_area_cleared_m2", m2(e.km2), nc("area cleared"))
		g.add(e.iso, y, "art4_area_released_survey_m2", "0", nc("no survey release"))
		g.add(e.iso, y, "art4_submunitions_destroyed", inum(e.items), nc("items destroyed"))
		g.add(e.iso, y, "art4_progress_reported", "true", nc("progress reported"))
	}

	// ----- Baseline, marking, strategy, progress reporting ---------------------------------
	type status struct {
		iso                        string
		baseline, marked, strategy []yv
	}
	for _, s := range []status{
		{"LAO", []yv{{2019, false}}, []yv{{2019, false}}, []yv{{2019, true}}},
		{"LBN", []yv{{2019, true}}, []yv{{2019, false}, {2022, true}}, []yv{{2019, true}}},
		{"BIH", []yv{{2019, true}}, []yv{{2019, true}}, []yv{{2019, true}}},
		{"DEU", []yv{{2019, true}}, []yv{{2019, true}}, []yv{{2019, true}}},
		{"IRQ", []yv{{2019, false}}, []yv{{2019, false}}, []yv{{2019, false}, {2023, true}}},
		{"CHL", []yv{{2019, false}, {2023, true}}, []yv{{2019, true}}, []yv{{2019, false}, {2022, true}}},
		{"AFG", []yv{{2019, true}}, []yv{{2019, false}}, []yv{{2019, true}}},
		{"TCD", []yv{{2019, false}}, []yv{{2019, false}}, []yv{{2019, false}}},
		{"SOM", []yv{{2019, false}}, []yv{{2019, false}}, []yv{{2019, false}, {2024, true}}},
	} {
		for _, v := range s.baseline {
			g.add(s.iso, v.y, "art4_baseline_survey_complete", bs(v.v), ill)
		}
		for _, v := range s.marked {
			g.add(s.iso, v.y, "art4_hazards_marked", bs(v.v), ill)
		}
		for _, v := range s.strategy {
			src := ill
			if s.iso == "LAO" {
				src = src9MSP + " (Lao PDR's request annexes its National Strategic Plan, Safe Path Forward II)"
			}
			if s.iso == "BIH" {
				src = "https://docslib.org/doc/10879958/bosnia-and-herzegovinas-extension-request (Annex 1: Mine Action Strategy 2018-2025)"
			}
			g.add(s.iso, v.y, "art4_national_strategy", bs(v.v), src)
		}
	}
	for _, iso := range []string{"LAO", "LBN", "BIH", "DEU", "IRQ", "CHL", "AFG", "TCD", "SOM"} {
		for _, y := range years(firstYear, lastYear) {
			if iso == "BIH" && y > 2023 {
				break
			}
			if iso == "TCD" && y >= 2020 && y <= 2022 {
				continue // no Article 7 report
			}
			if h(iso, "progress", y, "unknown") < 0.15 {
				continue
			}
			g.add(iso, y, "art4_progress_reported", bs(h(iso, "progress", y) < 0.6+0.04*float64(y-firstYear)), ill)
		}
	}

	// Residual capacity after completion (26.1).
	for _, r := range []struct {
		iso string
		y   int
		v   bool
	}{
		{"ALB", 2019, true}, {"COG", 2019, false}, {"GRD", 2019, false}, {"GNB", 2019, false},
		{"MRT", 2019, true}, {"NOR", 2019, true}, {"MOZ", 2019, true}, {"HRV", 2020, true},
		{"MNE", 2020, true}, {"GBR", 2020, true}, {"BIH", 2023, true}, {"GNB", 2023, true},
	} {
		g.add(r.iso, r.y, "art4_residual_capacity", bs(r.v), ill)
	}
}

// yv is a carried value that holds from year y.
type yv struct {
	y int
	v bool
}
