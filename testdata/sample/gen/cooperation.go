package main

import "fmt"

// Article 6 (cooperation and assistance) and Article 9 (national implementation measures).

func (g *gen) article6() {
	national := map[string]float64{
		"LAO": 1.5e6, "IRQ": 6e6, "LBN": 2.5e6, "AFG": 3e5, "BIH": 1.2e6, "HRV": 8e6, "ALB": 2e5,
		"MNE": 1e5, "TCD": 4e5, "GNB": 0, "SOM": 5e4, "CHL": 3e5, "DEU": 1.2e7, "BGR": 1e6,
		"PER": 5e5, "SVK": 8e5, "ZAF": 3e5, "GBR": 6e5,
	}
	for _, iso := range g.isos {
		base, ok := national[iso]
		if !ok {
			continue
		}
		for _, y := range years(firstYear, lastYear) {
			if silentYear(iso, y) || h(iso, "natres", y, "unknown") < 0.2 {
				continue
			}
			v, src := vary(base*(1+0.03*float64(y-firstYear)), 0.3, iso, "natres", y), ill
			if iso == "CHL" && y == 2022 {
				v, src = 0, illNote("zero assumed: MAR reports national resources were diverted to the COVID-19 response in 2022 ("+srcMARChile+")")
			}
			g.add(iso, y, "art6_national_resources_usd", num(v), src)
		}
	}

	donors := map[string]float64{
		"NOR": 1.4e7, "DEU": 9e6, "GBR": 8e6, "NLD": 6e6, "CHE": 5e6, "JPN": 7e6, "AUS": 3e6,
		"NZL": 1e6, "IRL": 2e6, "FRA": 1.5e6, "BEL": 1.2e6, "SWE": 2.5e6, "DNK": 1.8e6,
		"AUT": 1e6, "ITA": 1.2e6, "CAN": 2e6, "LUX": 5e5, "ESP": 4e5, "CZE": 2e5, "SVN": 3e5,
	}
	for _, iso := range g.isos {
		base, ok := donors[iso]
		if !ok {
			continue
		}
		for _, y := range years(firstYear, lastYear) {
			if h(iso, "provided", y, "unknown") < 0.15 {
				continue
			}
			g.add(iso, y, "art6_assistance_provided_usd", num(vary(base, 0.35, iso, "provided", y)), ill)
		}
	}
	// Affected States that report providing nothing.
	for _, iso := range []string{"LAO", "LBN", "IRQ", "TCD", "SOM", "AFG"} {
		for _, y := range years(firstYear, lastYear) {
			if silentYear(iso, y) || h(iso, "provided0", y) < 0.4 {
				continue
			}
			g.add(iso, y, "art6_assistance_provided_usd", "0", ill)
		}
	}

	received := map[string]float64{
		"LAO": 4e7, "LBN": 1e7, "IRQ": 2e7, "BIH": 1.5e6, "AFG": 3e6, "TCD": 1e6, "SOM": 1.5e6,
		"CHL": 0, "ALB": 3e5, "GNB": 2e5, "MNE": 1e5, "HRV": 1e6,
	}
	for _, iso := range art5AndArt4() {
		base := received[iso]
		for _, y := range years(firstYear, lastYear) {
			if silentYear(iso, y) || h(iso, "received", y, "unknown") < 0.2 {
				continue
			}
			if iso == "BIH" && y > 2023 {
				base = 2e5 // victim assistance only after clearance
			}
			v := vary(base, 0.3, iso, "received", y)
			if iso == "AFG" && y >= 2022 {
				v = vary(base*0.4, 0.3, iso, "received", y)
			}
			g.add(iso, y, "art6_assistance_received_usd", num(v), ill)
		}
		var reported []int
		for _, y := range years(firstYear, lastYear) {
			if !silentYear(iso, y) {
				reported = append(reported, y)
			}
		}
		g.yearBool(iso, "art6_assistance_sought", reported, 0.6, 0.15)
		g.carriedBool(iso, "art6_needs_plan", 0.35, 0.1)
	}
	for _, iso := range []string{"BGR", "PER", "SVK", "ZAF", "DEU"} {
		g.yearBool(iso, "art6_assistance_sought", years(firstYear, 2023), 0.2, 0.3)
	}

	// Sharing of expertise: donors, affected States and a sample of others.
	for _, iso := range g.isos {
		s := g.states[iso]
		if s.ratified == "" {
			continue
		}
		_, donor := donors[iso]
		p, unknown := 0.25, 0.6
		if donor || obligationStates[iso] {
			p, unknown = 0.6, 0.15
		}
		var ys []int
		for _, y := range years(firstYear, lastYear) {
			if s.partyAt(fmt.Sprintf("%d-12-31", y)) && !silentYear(iso, y) {
				ys = append(ys, y)
			}
		}
		g.yearBool(iso, "art6_cooperation_shared", ys, p, unknown)
	}

	// Country coalitions (register): Bosnia and Herzegovina with Germany (2021), Iraq proposed
	// in 2022.
	g.add("BIH", 2021, "art6_country_coalition", "true", srcNewslet+" (country coalition between Bosnia and Herzegovina and Germany)")
	g.add("DEU", 2021, "art6_coalition_partner", "true", srcNewslet+" (Germany supports Bosnia and Herzegovina's country coalition)")
	for _, y := range []int{2022, 2023} {
		g.add("BIH", y, "art6_country_coalition", "true", illNote("coalition assumed to continue until completion in 2023"))
		g.add("DEU", y, "art6_coalition_partner", "true", illNote("coalition assumed to continue until completion in 2023"))
	}
	iraq := illNote("coalition assumed to start in 2023; its establishment was discussed in 2022 (https://www.clusterconvention.org/working-dinner-with-the-10msp-iraqi-delegation/)")
	for _, y := range years(2023, lastYear) {
		g.add("IRQ", y, "art6_country_coalition", "true", iraq)
		g.add("NOR", y, "art6_coalition_partner", "true", iraq)
	}
	for _, y := range years(2024, lastYear) {
		g.add("GBR", y, "art6_coalition_partner", "true", iraq)
	}
}

// art5AndArt4 lists the affected States Parties (Article 4 or 5 obligations), sorted.
func art5AndArt4() []string {
	return []string{"AFG", "ALB", "BIH", "CHL", "GNB", "HRV", "IRQ", "LAO", "LBN", "MNE", "SOM", "TCD"}
}

func (g *gen) article9() {
	// 31 States Parties with specific legislation in November 2020 (HRW, ccm-facts.md §8), 32
	// by the end of 2021 (CCM newsletter Q4 2021), 12 of which prohibit investment. Only the
	// States named in the references are sourced; the rest of each list is illustrative.
	nov2020 := "https://hrw.org/news/2020/11/24/implementing-convention-cluster-munitions (31 of 110 States Parties with national legislation in November 2020)"
	sourced := map[string]struct{ status, src string }{
		"AFG": {"specific", srcFacts + " §8 (Afghanistan: law enacted September 2018)"},
		"BGR": {"specific", srcFacts + " §8 (Bulgaria: law in effect from 8 December 2015; Penal Code amended June 2016)"},
		"DEU": {"specific", srcFacts + " §1.3, §8 (Germany: War Weapons Control Act sections 18a and 20a, June 2009)"},
		"ZAF": {"existing-sufficient", srcFacts + " §8 (South Africa treats its Anti-Personnel Mines Prohibition Act as sufficient)"},
		"BIH": {"existing-sufficient", "http://archives.the-monitor.org/custom/index.php/region_profiles/print_theme/3298 (September 2013: all the necessary legislation is in place)"},
		"CHL": {"unknown", "http://the-monitor.org/en-gb/reports/2019/chile/cluster-munition-ban-policy.aspx (unclear whether Chile considers its existing laws sufficient)"},
		"IRQ": {"unknown", "http://www.the-monitor.org/en-gb/reports/2018/iraq/cluster-munition-ban-policy.aspx (ratification law reported; no specific legislation; intentions not known)"},
		"LAO": {"in-progress", "http://archives.the-monitor.org/index.php/cp/display/region_profiles/theme/3604 (April 2014: intends to develop national legislation)"},
	}
	specific := []string{"AUS", "AUT", "BEL", "BFA", "CAN", "CHE", "CMR", "COK", "CZE", "ECU", "ESP",
		"FRA", "GBR", "GTM", "HUN", "IRL", "ITA", "JPN", "LIE", "LUX", "MLT", "MUS", "NLD", "NOR",
		"NZL", "SEN", "WSM", "ZMB"}
	inProgress := []string{"MDA", "GHA", "TTO", "PHL", "LBN", "PLW", "MDV", "GMB", "NAM", "TCD", "SOM", "COD"}
	noneList := []string{"COM", "STP", "CPV"}
	unknownList := []string{"GNB", "TGO", "NER"}
	status := map[string]string{}
	for _, iso := range specific {
		status[iso] = "specific"
	}
	for _, iso := range inProgress {
		status[iso] = "in-progress"
	}
	for _, iso := range noneList {
		status[iso] = "none"
	}
	for _, iso := range unknownList {
		status[iso] = "unknown"
	}

	parties2019 := g.partiesAt("2019-12-31")
	for _, iso := range parties2019 {
		if s, ok := sourced[iso]; ok {
			g.add(iso, firstYear, "art9_legislation", s.status, s.src+"; recorded from the first year of the sample")
			continue
		}
		st, ok := status[iso]
		src := ill
		if st == "specific" {
			src = illNote("State assumed to be among the 31 with specific legislation in November 2020 (" + nov2020 + ")")
		}
		if !ok {
			if h(iso, "art9", "unassessed") < 0.12 {
				continue // not assessed
			}
			st = "existing-sufficient"
		}
		g.add(iso, firstYear, "art9_legislation", st, src)
	}
	to32 := illNote("change assumed to reach the 32 States Parties with specific legislation of the CCM newsletter Q4 2021")
	// known before the newsletter, not from TTO's 2021 report (received in 2022)
	g.addRecorded("TTO", 2021, "art9_legislation", "specific", "2021-11", to32+"; recorded November 2021, before the newsletter")
	g.add("MDA", 2023, "art9_legislation", "specific", ill)
	g.add("GHA", 2025, "art9_legislation", "specific", ill)
	g.add("NIU", 2021, "art9_legislation", "in-progress", ill)
	g.add("STP", 2020, "art9_legislation", "none", ill)
	g.add("LCA", 2021, "art9_legislation", "existing-sufficient", ill)
	g.add("NGA", 2023, "art9_legislation", "none", srcFacts+" §8 (Nigeria says specific legislation is still needed, initial report of 12 April 2023)")
	g.add("SSD", 2024, "art9_legislation", "in-progress", ill)

	// Penal sanctions.
	for _, iso := range []string{"BGR", "DEU"} {
		g.add(iso, firstYear, "art9_penal_sanctions", "true", sourced[iso].src)
	}
	for _, iso := range g.isos {
		if iso == "BGR" || iso == "DEU" || !g.has(iso, firstYear, "art9_legislation") {
			continue
		}
		switch g.value(iso, firstYear, "art9_legislation") {
		case "specific":
			g.add(iso, firstYear, "art9_penal_sanctions", bs(h(iso, "penal") < 0.9), ill)
		case "existing-sufficient":
			if h(iso, "penal", "unknown") < 0.3 {
				continue
			}
			g.add(iso, firstYear, "art9_penal_sanctions", bs(h(iso, "penal") < 0.6), ill)
		}
	}
	g.add("TTO", 2021, "art9_penal_sanctions", "true", ill)

	// Investment bans: 12 by the end of 2021.
	invest := "https://stopexplosiveinvestments.org/disinvestment/countries-best-practises/ via " + srcFacts + " §8"
	g.add("BEL", firstYear, "art9_investment_ban", "true", invest+" (Belgium, first, 2007)")
	g.add("IRL", firstYear, "art9_investment_ban", "true", invest+" (Ireland's implementing law)")
	g.add("CHE", firstYear, "art9_investment_ban", "true", invest+" (Switzerland's 2012 law bans direct and indirect investment)")
	g.add("NLD", firstYear, "art9_investment_ban", "true", invest+" (the Netherlands' disinvestment law); "+nov2020)
	for _, iso := range []string{"ITA", "LIE", "LUX", "NZL", "WSM", "ESP", "COK", "GTM"} {
		g.add(iso, firstYear, "art9_investment_ban", "true", illNote("State assumed to be among the 12 with an investment ban (CCM newsletter Q4 2021)"))
	}
	for _, iso := range []string{"AUS", "CAN", "DEU", "FRA", "GBR", "JPN", "NOR", "CZE", "HUN", "ZAF", "AFG", "BGR", "MLT", "SEN"} {
		g.add(iso, firstYear, "art9_investment_ban", "false", ill)
	}

	// Help sought and given.
	for _, iso := range g.isos {
		s := g.states[iso]
		var ys []int
		for _, y := range years(firstYear, lastYear) {
			if s.partyAt(fmt.Sprintf("%d-12-31", y)) {
				ys = append(ys, y)
			}
		}
		switch {
		case status[iso] == "in-progress" || status[iso] == "none" || iso == "LAO" || iso == "NGA" || iso == "NIU" || iso == "SSD":
			g.yearBool(iso, "art9_assistance_sought", ys, 0.45, 0.3)
		case status[iso] == "specific" && iso != "NZL" && h(iso, "nimhelp") < 0.4:
			g.yearBool(iso, "art9_assistance_provided", ys, 0.35, 0.3)
		}
	}
	g.add("NZL", 2021, "art9_assistance_provided", "true", illNote("New Zealand was the CCM coordinator on national implementation measures and produced NIM tools in 2021 ("+srcNewslet+"); recorded as help given"))
}
