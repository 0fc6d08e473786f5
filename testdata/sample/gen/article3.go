package main

// Article 3: stockpile destruction and retention.

// art3Year is one year of a stockpile: held at year end, destroyed during the year.
type art3Year struct {
	y                      int
	stockM, stockS         int
	destroyedM, destroyedS int
	src                    string
	stockSrc               string // source of the stock figures when it differs from src
}

func (g *gen) art3Years(iso string, rows []art3Year) {
	for _, r := range rows {
		stockSrc := r.src
		if r.stockSrc != "" {
			stockSrc = r.stockSrc
		}
		g.add(iso, r.y, "art3_stock_munitions", inum(r.stockM), stockSrc)
		g.add(iso, r.y, "art3_stock_submunitions", inum(r.stockS), stockSrc)
		g.add(iso, r.y, "art3_destroyed_munitions", inum(r.destroyedM), r.src)
		g.add(iso, r.y, "art3_destroyed_submunitions", inum(r.destroyedS), r.src)
	}
}

func (g *gen) article3() {
	eifStart := func(iso, stock string) string {
		return "entry into force (states.csv) while holding a stockpile (" + stock + "); " + srcOblig + " " + iso + " article 3"
	}
	computed := srcOblig + " original_deadline (COMPUTED: entry into force + 8 years, Article 3.2)"

	// ----- Bulgaria -----------------------------------------------------------------------
	bgr := srcOblig + " BGR article 3; http://www.the-monitor.org/en-gb/reports/2019/bulgaria/view-all.aspx"
	g.add("BGR", 2011, "art3_obligation_start", "2011-10-01", eifStart("BGR", "6,905 munitions / 190,919 submunitions, ccm-facts.md §5"))
	g.add("BGR", 2011, "art3_deadline", "2019-10-01", srcOblig+" original_deadline; the April 2019 of Monitor 2015 is an error (ccm-facts.md §5, §12)")
	g.add("BGR", 2019, "art3_extension_requested", "true", src9MSP+"; "+bgr+" (first State Party to request)")
	g.add("BGR", 2019, "art3_extension_granted", "true", bgr+" (extension to April 2021; granted at the 9MSP, year inferred from the 2019-10-01 deadline)")
	g.add("BGR", 2019, "art3_deadline", "2021-04-01", bgr+" (April 2021; treaty deadlines fall on the first day of a month)")
	g.add("BGR", 2020, "art3_extension_requested", "true", srcFeb2021+" (Bulgaria's request was pending; submitted in 2020 for the 2RC)")
	g.add("BGR", 2021, "art3_extension_granted", "true", srcFeb2021+"; http://www.the-monitor.org/en-gb/reports/2022/bulgaria/view-all.aspx (October 2022 deadline)")
	g.add("BGR", 2021, "art3_deadline", "2022-10-01", "http://www.the-monitor.org/en-gb/reports/2022/bulgaria/view-all.aspx ; "+srcOblig)
	g.add("BGR", 2022, "art3_extension_requested", "true", "https://silkway.news/statement-on-stockpile-destruction-and-89546 (15-month request at the 10MSP)")
	g.add("BGR", 2022, "art3_extension_granted", "true", "https://silkway.news/statement-on-stockpile-destruction-and-89546 ; http://www.the-monitor.org/en-gb/reports/2023/bulgaria/cluster-munition-ban-policy.aspx (granted at the 10MSP, 2022)")
	g.add("BGR", 2022, "art3_deadline", "2023-12-31", "http://www.the-monitor.org/en-gb/reports/2023/bulgaria/cluster-munition-ban-policy.aspx (deadline 31 Dec 2023); "+srcOblig)
	g.add("BGR", 2023, "art3_completed_date", "2023-06", "http://www.the-monitor.org/en-gb/reports/2023/bulgaria/cluster-munition-ban-policy.aspx (completed June 2023; the source gives the month)")
	g.add("BGR", 2023, "art3_compliance_declared_date", "2023", "https://www.clusterconvention.org/perus-fulfilment-of-its-ccm-article-3-obligations-and-the-achievement-of-a-historic-milestone-for-the-convention/ (Bulgaria declared fulfilment in 2023; the source gives the year)")
	bgrIll := illNote("yearly split assumed; it adds up to the declared 6,905 munitions / 190,919 submunitions less the 6 / 300 retained (ccm-facts.md §5)")
	// CMM 2021: in 2020 Bulgaria, Peru and Slovakia destroyed 2,273 munitions and more than
	// 52,000 submunitions. The note is the same on each of the three States' facts.
	bgr2020 := illNote("split assumed; Bulgaria, Peru and Slovakia together destroyed 2,273 munitions and more than 52,000 submunitions in 2020 (CMM 2021, ccm-facts.md §5)")
	g.art3Years("BGR", []art3Year{
		{2019, 6099, 170619, 800, 20000, bgrIll, ""},
		{2020, 4699, 142119, 1400, 28500, bgr2020, ""},
		{2021, 3199, 97119, 1500, 45000, bgrIll, ""},
		{2022, 1299, 42119, 1900, 55000, bgrIll, ""},
		{2023, 0, 0, 1299, 42119, bgrIll, ""},
	})
	g.add("BGR", 2019, "art3_destruction_plan", "true", ill)

	// ----- Peru -----------------------------------------------------------------------------
	per := "https://archives2.the-monitor.org/en-gb/reports/2022/peru/cluster-munition-ban-policy.aspx"
	g.add("PER", 2013, "art3_obligation_start", "2013-03-01", eifStart("PER", "2,007 munitions / 153,174 submunitions in 2016, ccm-facts.md §5"))
	g.add("PER", 2013, "art3_deadline", "2021-03-01", computed)
	g.add("PER", 2020, "art3_extension_requested", "true", srcFeb2021+" (Peru's request was pending; submitted in 2020 for the 2RC)")
	g.add("PER", 2021, "art3_extension_granted", "true", srcFeb2021+"; "+per+" (extension granted until April 2024)")
	g.add("PER", 2021, "art3_deadline", "2024-04-01", per+" ; https://www.clusterconvention.org/perus-fulfilment-of-its-ccm-article-3-obligations-and-the-achievement-of-a-historic-milestone-for-the-convention/ (deadline 1 April 2024)")
	g.add("PER", 2023, "art3_completed_date", "2023", srcOblig+" PER article 3 (completed 2023; the source gives the year)")
	g.add("PER", 2024, "art3_compliance_declared_date", date12MSP, illNote("declaration at the 12MSP assumed; the references give Peru's fulfilment but not the date of its declaration"))
	perStock := illNote("stock derived from the 2016 declaration less destruction in 2019-2020, which is assumed")
	perIll := illNote("yearly split assumed; it adds up to the 2016 declaration of 2,007 munitions / 153,174 submunitions (ccm-facts.md §5)")
	g.art3Years("PER", []art3Year{
		{2019, 1807, 113174, 200, 40000, perIll, ""},
		{2020, 1334, 104174, 473, 9000, bgr2020, ""},
		{2021, 1038, 101174, 296, 3000, "Monitor profile via ccm-facts.md §5 (296 munitions / 3,000 submunitions destroyed in 2021)", perStock},
		{2022, 496, 66350, 542, 34824, "Monitor profile via ccm-facts.md §5 (542 munitions / 34,824 submunitions destroyed in 2022)", perStock},
		{2023, 0, 0, 496, 66350, perIll, ""},
	})
	g.add("PER", 2019, "art3_destruction_plan", "true", ill)

	// ----- Slovakia -------------------------------------------------------------------------
	svk := "https://enrsi.rtvs.sk/articles/news/337871/cluster-munitions-liquidated-obligations-met"
	g.add("SVK", 2016, "art3_obligation_start", "2016-01-01", eifStart("SVK", "1,235 munitions / 299,187 submunitions, ccm-facts.md §5"))
	g.add("SVK", 2016, "art3_deadline", "2024-01-01", computed)
	g.add("SVK", 2023, "art3_completed_date", "2023-09-01", svk)
	g.add("SVK", 2023, "art3_compliance_declared_date", "2023", "https://www.clusterconvention.org/perus-fulfilment-of-its-ccm-article-3-obligations-and-the-achievement-of-a-historic-milestone-for-the-convention/ (Slovakia declared fulfilment in 2023; the source gives the year)")
	svkIll := illNote("yearly split assumed; it adds up to the declared 1,235 munitions / 299,187 submunitions (ccm-facts.md §5)")
	g.art3Years("SVK", []art3Year{
		{2019, 1035, 259187, 200, 40000, svkIll, ""},
		{2020, 635, 244187, 400, 15000, bgr2020, ""},
		{2021, 385, 184187, 250, 60000, svkIll, ""},
		{2022, 135, 94187, 250, 90000, svkIll, ""},
		{2023, 0, 0, 135, 94187, svkIll, ""},
	})
	g.add("SVK", 2019, "art3_destruction_plan", "true", ill)

	// ----- South Africa ---------------------------------------------------------------------
	g.add("ZAF", 2015, "art3_obligation_start", "2015-11-01", eifStart("ZAF", "1,495 munitions / 99,465 submunitions declared, ccm-facts.md §5"))
	g.add("ZAF", 2015, "art3_deadline", "2023-11-01", computed)
	g.add("ZAF", 2023, "art3_completed_date", "2023", srcOblig+" ZAF article 3 (completed 2023; the source gives the year, so whether it came before the 2023-11-01 deadline is not known)")
	g.add("ZAF", 2023, "art3_compliance_declared_date", "2023", "https://www.clusterconvention.org/perus-fulfilment-of-its-ccm-article-3-obligations-and-the-achievement-of-a-historic-milestone-for-the-convention/ (South Africa declared fulfilment in 2023; the source gives the year)")
	zafIll := illNote("yearly split assumed; it adds up to the declared 1,495 munitions / 99,465 submunitions (ccm-facts.md §5)")
	// None in 2020: CMM 2021 names Bulgaria, Peru and Slovakia as the States Parties that
	// destroyed stockpiles that year, 2,273 munitions in all (with 200 munitions here the year's
	// total read 2,473, against the source).
	zaf2020 := illNote("none destroyed in 2020: CMM 2021 names only Bulgaria, Peru and Slovakia as destroying stockpiles that year (ccm-facts.md §5); the yearly split of the declared 1,495 munitions / 99,465 submunitions is assumed")
	g.art3Years("ZAF", []art3Year{
		{2019, 1395, 92465, 100, 7000, zafIll, ""},
		{2020, 1395, 92465, 0, 0, zaf2020, ""},
		{2021, 995, 68465, 400, 24000, zafIll, ""},
		{2022, 495, 30465, 500, 38000, zafIll, ""},
		{2023, 0, 0, 495, 30465, zafIll, ""},
	})
	g.add("ZAF", 2019, "art3_destruction_plan", "false", ill)
	g.add("ZAF", 2021, "art3_destruction_plan", "true", ill)

	// ----- States that completed before the LAP ---------------------------------------------
	g.add("CHE", 2013, "art3_obligation_start", "2013-01-01", eifStart("CHE", "ccm-facts.md §5"))
	g.add("CHE", 2013, "art3_deadline", "2021-01-01", computed)
	g.add("CHE", 2019, "art3_completed_date", "2019-03", "http://the-monitor.org/en-gb/reports/2021/cluster-munition-monitor-2021/cluster-munition-ban-policy.aspx (March 2019; the source gives the month)")
	g.add("CHE", 2019, "art3_destroyed_munitions", "1100", ill)
	g.add("CHE", 2019, "art3_destroyed_submunitions", "25000", ill)
	g.add("CHE", 2019, "art3_stock_munitions", "0", ill)
	g.add("CHE", 2019, "art3_stock_submunitions", "0", ill)
	g.add("DEU", 2010, "art3_obligation_start", "2010-08-01", eifStart("DEU", "over 573,000 munitions / nearly 63 million submunitions, ccm-facts.md §5"))
	g.add("DEU", 2010, "art3_deadline", "2018-08-01", computed)
	g.add("DEU", 2015, "art3_completed_date", "2015-11-25", "http://www.the-monitor.org/en-gb/reports/2017/germany/cluster-munition-ban-policy.aspx")
	g.add("HRV", 2010, "art3_obligation_start", "2010-08-01", eifStart("HRV", "7,235 munitions / 178,318 submunitions, ccm-facts.md §5"))
	g.add("HRV", 2010, "art3_deadline", "2018-08-01", computed)
	g.add("HRV", 2018, "art3_completed_date", "2018-07", "https://ccm3.pronk.se/2018/07/31/croatia-completes-the-destruction-of-its-stockpiles-of-cluster-munitions/ (July 2018; the source gives the month)")
	g.add("CHL", 2011, "art3_obligation_start", "2011-06-01", eifStart("CHL", "249 munitions / 25,896 submunitions, ccm-facts.md §5"))
	g.add("CHL", 2011, "art3_deadline", "2019-06-01", computed)
	g.add("CHL", 2013, "art3_completed_date", "2013-07", "http://www.the-monitor.org/en-gb/reports/2021/chile/view-all.aspx (July 2013; the source gives the month)")
	g.add("CHL", 2013, "art3_compliance_declared_date", "2013-09", "http://archives.the-monitor.org/index.php/cp/display/region_profiles/theme/3341 (formally announced completion in September 2013; the source gives the month)")

	// ----- Illustrative stockpiles found after completion (Article 7.1(g), Action 17) ------
	// All four Article 3 States completed in 2023, so without later discoveries the indicators
	// on States completing (13.1, 8.2, 14.x) or still destroying (12.2) would have no population
	// in 2021, 2022, 2024 and 2025. None of these discoveries is real.
	disc := func(note string) string {
		return illNote("stockpile found after completion, invented for the sample; " + note)
	}
	// Germany 2021: found, destroyed and declared in the same year.
	g.add("DEU", 2021, "art3_discovered_munitions", "12", disc("12 munitions"))
	g.add("DEU", 2021, "art3_obligation_start", "2021-02-15", disc("obligation starts on discovery"))
	g.art3Years("DEU", []art3Year{{2021, 0, 0, 12, 96, disc("destroyed within the year"), ""}})
	g.add("DEU", 2021, "art3_destruction_plan", "true", disc("plan"))
	g.add("DEU", 2021, "art3_completed_date", "2021-06-30", disc("completion"))
	g.add("DEU", 2021, "art3_compliance_declared_date", date2RC, disc("declared at the 2RC second part"))
	// Croatia 2022: found and destroyed, never declared (13.1 false).
	g.add("HRV", 2022, "art3_discovered_munitions", "5", disc("5 munitions"))
	g.add("HRV", 2022, "art3_obligation_start", "2022-03-08", disc("obligation starts on discovery"))
	g.art3Years("HRV", []art3Year{{2022, 0, 0, 5, 1440, disc("destroyed within the year"), ""}})
	g.add("HRV", 2022, "art3_destruction_plan", "true", disc("plan"))
	g.add("HRV", 2022, "art3_completed_date", "2022-05-31", disc("completion; no declaration of compliance follows"))
	// Chile 2024: found, destroyed, declared at the 12MSP.
	g.add("CHL", 2024, "art3_discovered_munitions", "6", disc("6 munitions"))
	g.add("CHL", 2024, "art3_obligation_start", "2024-03-19", disc("obligation starts on discovery"))
	g.art3Years("CHL", []art3Year{{2024, 0, 0, 6, 240, disc("destroyed within the year"), ""}})
	g.add("CHL", 2024, "art3_destruction_plan", "true", disc("plan"))
	g.add("CHL", 2024, "art3_completed_date", "2024-08-30", disc("completion"))
	g.add("CHL", 2024, "art3_compliance_declared_date", date12MSP, disc("declared at the 12MSP"))
	// Slovakia 2025: found, destroyed within the year, declared at the 13MSP. Every invented
	// stockpile is destroyed in the year it is found, so that no Article 3 obligation is
	// outstanding at the end of 2023, 2024 or 2025 and 12.1 keeps its real values (lap-plan.md
	// section 7: 4, 4, 0, 0, 0 for 2021-2025).
	g.add("SVK", 2025, "art3_discovered_munitions", "3", disc("3 munitions"))
	g.add("SVK", 2025, "art3_obligation_start", "2025-01-20", disc("obligation starts on discovery"))
	g.art3Years("SVK", []art3Year{{2025, 0, 0, 3, 147, disc("destroyed within the year"), ""}})
	g.add("SVK", 2025, "art3_destruction_plan", "true", disc("plan"))
	g.add("SVK", 2025, "art3_completed_date", "2025-04-30", disc("completion"))
	g.add("SVK", 2025, "art3_compliance_declared_date", date13MSP, disc("declared at the 13MSP (date assumed)"))
	// Reported zero discoveries (17.1 reads absence as none; these are explicit).
	for _, iso := range []string{"BGR", "PER", "SVK", "ZAF", "DEU", "HRV", "CHL", "CHE"} {
		for _, y := range years(2021, lastYear) {
			if g.has(iso, y, "art3_discovered_munitions") || h(iso, "disc0", y) < 0.4 {
				continue
			}
			g.add(iso, y, "art3_discovered_munitions", "0", ill)
		}
	}

	// Environmental standards (8.2) for every State-year with destruction under way.
	for _, r := range []struct {
		iso string
		ys  []int
	}{
		{"BGR", years(2019, 2023)}, {"PER", years(2019, 2023)}, {"SVK", append(years(2019, 2023), 2025)},
		{"ZAF", years(2019, 2023)}, {"CHE", []int{2019}}, {"DEU", []int{2021}},
		{"HRV", []int{2022}}, {"CHL", []int{2024}},
	} {
		for _, y := range r.ys {
			if h(r.iso, "env", y, "unknown") < 0.15 {
				continue
			}
			g.add(r.iso, y, "art3_env_standards", bs(h(r.iso, "env", y) < 0.85), ill)
		}
	}
	// From 2024 the invented discovery is the year's only destruction: it needs a known result,
	// or 8.2 has no value for the year.
	for _, r := range []struct {
		iso string
		y   int
	}{{"CHL", 2024}, {"SVK", 2025}} {
		if !g.has(r.iso, r.y, "art3_env_standards") {
			g.add(r.iso, r.y, "art3_env_standards", "true", ill)
		}
	}

	// ----- Retention (Article 3.6) ----------------------------------------------------------
	g.add("BGR", firstYear, "art3_retention", "true", srcFacts+" §5 (Bulgaria retains 6 munitions / 300 submunitions); recorded from the first year of the sample")
	g.add("DEU", firstYear, "art3_retention", "true", srcFacts+" §5 (Germany retains 570 / 52,801, the highest of any State Party); recorded from the first year of the sample")
	retainers := []struct {
		iso      string
		m, s     int
		stopYear int
	}{
		{"FRA", 260, 1400, 0}, {"ESP", 150, 2800, 0}, {"ITA", 90, 1200, 0}, {"NLD", 110, 1900, 0},
		{"BEL", 40, 900, 0}, {"SWE", 35, 1100, 0}, {"CHE", 20, 650, 0}, {"HRV", 8, 350, 0},
		{"CZE", 12, 300, 2023},
	}
	for _, r := range retainers {
		g.add(r.iso, firstYear, "art3_retention", "true", ill)
		if r.stopYear != 0 {
			g.add(r.iso, r.stopYear, "art3_retention", "false", illNote("retained items consumed in training; retention ends"))
		}
		m, s := r.m, r.s
		for _, y := range years(firstYear, lastYear) {
			if r.stopYear != 0 && y >= r.stopYear {
				break
			}
			if h(r.iso, "ret", y, "unknown") < 0.2 {
				continue
			}
			g.add(r.iso, y, "art3_retained_munitions", inum(m), ill)
			g.add(r.iso, y, "art3_retained_submunitions", inum(s), ill)
			g.add(r.iso, y, "art3_retention_reported", bs(h(r.iso, "retrep", y) < 0.65), ill)
			m -= hi(0, m/20, r.iso, "usedm", y)
			s -= hi(0, s/15, r.iso, "useds", y)
		}
	}
	dm, ds := 570, 52801
	for _, y := range years(firstYear, lastYear) {
		dm -= hi(0, 6, "DEU", "usedm", y)
		ds -= hi(100, 600, "DEU", "useds", y)
		g.add("DEU", y, "art3_retained_munitions", inum(dm), illNote("starts from the 570 / 52,801 of the Monitor 2017 profile (ccm-facts.md §5), less assumed use in training"))
		g.add("DEU", y, "art3_retained_submunitions", inum(ds), illNote("starts from the 570 / 52,801 of the Monitor 2017 profile (ccm-facts.md §5), less assumed use in training"))
		g.add("DEU", y, "art3_retention_reported", "true", ill)
	}
	for _, y := range years(firstYear, lastYear) {
		src := illNote("same as the 6 / 300 reported after completion (ccm-facts.md §5)")
		if y == 2023 {
			src = "http://www.the-monitor.org/en-gb/reports/2023/bulgaria/cluster-munition-ban-policy.aspx via ccm-facts.md §5 (retains 6 munitions / 300 submunitions)"
		}
		g.add("BGR", y, "art3_retained_munitions", "6", src)
		g.add("BGR", y, "art3_retained_submunitions", "300", src)
		if h("BGR", "retrep", y) < 0.7 {
			g.add("BGR", y, "art3_retention_reported", "true", ill)
		} else {
			g.add("BGR", y, "art3_retention_reported", "false", ill)
		}
	}
}
