package main

// Risk reduction education (Article 4.2(e)) and victim assistance (Article 5).

// silentYear reports whether the State sent no Article 7 report covering y in the sample's
// sourced record (Chad: nothing after 2020 up to MAR 2023).
func silentYear(iso string, y int) bool {
	return iso == "TCD" && y >= 2020 && y <= 2022
}

func (g *gen) riskEducation() {
	type re struct {
		iso      string
		base     float64 // people reached per year; 0 = no figure reported
		from, to int     // years with an outstanding obligation
		disab    bool    // reports persons with disabilities
	}
	for _, r := range []re{
		{"LAO", 180000, firstYear, lastYear, true},
		{"IRQ", 250000, firstYear, lastYear, true},
		{"LBN", 40000, firstYear, lastYear, true},
		{"AFG", 120000, firstYear, lastYear, false},
		{"SOM", 60000, firstYear, lastYear, false},
		{"TCD", 15000, firstYear, lastYear, false},
		{"BIH", 25000, firstYear, 2023, true},
		{"CHL", 800, firstYear, lastYear, false},
		{"DEU", 0, firstYear, lastYear, false},
	} {
		for _, y := range years(r.from, r.to) {
			if silentYear(r.iso, y) {
				continue
			}
			if r.iso == "CHL" && y <= 2022 {
				g.add(r.iso, y, "re_programme", "false", illNote("no risk education reported: contamination is on military training ranges"))
				continue
			}
			g.add(r.iso, y, "re_programme", "true", ill)
			if h(r.iso, "retarget", y, "unknown") >= 0.2 {
				g.add(r.iso, y, "re_targeted", bs(h(r.iso, "retarget", y) < 0.55+0.05*float64(y-firstYear)), ill)
			}
			if r.base == 0 {
				// Germany: warning signs and fencing only, no count of people reached.
				g.add(r.iso, y, "re_disaggregated", "false", illNote("warnings by signs and fencing; no beneficiary figures"))
				continue
			}
			n := vary(r.base*(1+0.05*float64(y-firstYear)), 0.15, r.iso, "reben", y)
			g.add(r.iso, y, "re_beneficiaries", num(n), ill)
			disagg := h(r.iso, "redis", y) < 0.6+0.06*float64(y-firstYear)
			if disagg {
				g.add(r.iso, y, "re_beneficiaries_female", num(math0(n*(0.45+0.07*h(r.iso, "refem", y)))), ill)
				g.add(r.iso, y, "re_beneficiaries_children", num(math0(n*(0.35+0.2*h(r.iso, "rekid", y)))), ill)
				if r.disab && y >= 2021 {
					g.add(r.iso, y, "re_beneficiaries_disability", num(math0(n*(0.005+0.02*h(r.iso, "redisab", y)))), ill)
				}
			}
			g.add(r.iso, y, "re_disaggregated", bs(disagg), ill)
		}
	}
	for _, s := range []struct {
		iso string
		vs  []yv
	}{
		{"LAO", []yv{{2019, true}}}, {"LBN", []yv{{2019, true}}}, {"IRQ", []yv{{2019, false}, {2022, true}}},
		{"AFG", []yv{{2019, true}}}, {"BIH", []yv{{2019, true}}}, {"SOM", []yv{{2019, false}}},
		{"TCD", []yv{{2019, false}}}, {"CHL", []yv{{2019, false}}}, {"DEU", []yv{{2019, false}}},
	} {
		for _, v := range s.vs {
			g.add(s.iso, v.y, "re_in_national_strategy", bs(v.v), ill)
		}
	}
}

// math0 rounds to a whole number.
func math0(v float64) float64 {
	return float64(int64(v + 0.5))
}

// art5States are the 11 States Parties with Article 5 obligations (clusterconvention.org).
var art5States = []string{"AFG", "ALB", "BIH", "TCD", "HRV", "GNB", "IRQ", "LAO", "LBN", "MNE", "SOM"}

func (g *gen) article5() {
	survivors := map[string]float64{
		"LAO": 5200, "LBN": 420, "IRQ": 1150, "AFG": 320, "BIH": 160, "HRV": 140,
		"ALB": 230, "MNE": 40, "TCD": 60, "GNB": 30, "SOM": 45,
	}
	budget := map[string]float64{
		"LAO": 350000, "LBN": 120000, "IRQ": 900000, "AFG": 50000, "BIH": 80000, "HRV": 200000,
		"ALB": 60000, "MNE": 30000, "TCD": 0, "GNB": 0, "SOM": 10000,
	}
	crpd := map[string]int{
		"AFG": 2012, "ALB": 2013, "BIH": 2010, "TCD": 2019, "HRV": 2007, "GNB": 2014,
		"IRQ": 2013, "LAO": 2009, "MNE": 2009, "SOM": 2019,
	}
	for _, iso := range art5States {
		eif := g.st(iso).eif
		var y0 int
		for _, c := range eif[:4] {
			y0 = y0*10 + int(c-'0')
		}
		g.add(iso, y0, "art5_victims_present", "true", srcVA)
		if y, ok := crpd[iso]; ok {
			g.add(iso, y, "crpd_party", "true", illNote("year the State is believed to have become party to the CRPD; not checked against the UN Treaty Collection"))
		}
		// Lebanon: no crpd_party fact; 36.2 reads it as not party.

		g.carriedBool(iso, "art5_focal_point", 0.75, 0)
		g.carriedBool(iso, "art5_coordination_mechanism", 0.6, 0.1)
		g.carriedBool(iso, "art5_needs_assessment", 0.5, 0.1)
		g.carriedBool(iso, "art5_national_plan", 0.4, 0.1)
		g.carriedBool(iso, "art5_referral_mechanism", 0.5, 0.15)
		g.carriedBool(iso, "art5_rights_framework", 0.6, 0.1)

		s := survivors[iso]
		for _, y := range years(firstYear, lastYear) {
			if silentYear(iso, y) {
				continue
			}
			if h(iso, "surv", y, "unknown") >= 0.2 {
				s = s + float64(hi(0, int(s/40)+2, iso, "newsurv", y))
				g.add(iso, y, "art5_survivors", num(s), ill)
			}
			if h(iso, "budget", y, "unknown") >= 0.3 {
				b := budget[iso]
				if b > 0 {
					b = vary(b*(1+0.04*float64(y-firstYear)), 0.25, iso, "budget", y)
				}
				g.add(iso, y, "art5_budget_usd", num(b), ill)
			}
		}
		ys := years(firstYear, lastYear)
		var reported []int
		for _, y := range ys {
			if !silentYear(iso, y) {
				reported = append(reported, y)
			}
		}
		g.yearBool(iso, "art5_data_disaggregated", reported, 0.45, 0.2)
		g.yearBool(iso, "art5_medical_rehab", reported, 0.65, 0.15)
		g.yearBool(iso, "art5_socioeconomic_inclusion", reported, 0.45, 0.2)
		g.yearBool(iso, "art5_survivor_participation", reported, 0.4, 0.25)
	}
}
