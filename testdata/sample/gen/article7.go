package main

import "fmt"

// Article 7: initial, annual and voluntary transparency reports.

// overdueLAP is the LAP-era list of States Parties whose initial report was overdue
// (ccm-facts.md §10, https://ccm3.pronk.se/?p=4211).
var overdueLAP = []string{"CPV", "COM", "COG", "GIN", "MDG", "NIU", "RWA", "STP", "TGO"}

func isOverdueLAP(iso string) bool {
	for _, o := range overdueLAP {
		if o == iso {
			return true
		}
	}
	return false
}

// article7Initial records art7_initial_submitted for every State Party that has submitted.
func (g *gen) article7Initial() {
	monitor := srcFacts + " §10 (per-State initial report dates, Monitor country profiles)"
	sourced := []struct{ iso, date, src string }{
		{"DEU", "2011-01-27", monitor},
		{"LAO", "2011-01-25", "http://archives.the-monitor.org/index.php/cp/display/region_profiles/theme/1936 ; " + monitor},
		{"BIH", "2011-08-20", "http://archives.the-monitor.org/custom/index.php/region_profiles/print_theme/3298 ; " + monitor},
		{"LBN", "2011-10-27", monitor},
		{"BGR", "2012-03-27", monitor},
		{"AFG", "2012-08-30", monitor},
		{"CHL", "2012-09", "http://www.the-monitor.org/en-gb/reports/2013/chile/cluster-munition-ban-policy.aspx (September 2012; the source gives the month)"},
		{"MRT", "2013-03", monitor + " (March 2013; the source gives the month)"},
		{"PER", "2013-08-01", monitor},
		{"TCD", "2014-05-24", monitor},
		{"IRQ", "2014-06-27", monitor + " (https://dma.gov.iq/en-US/Pages/Details/15 cites a letter dated 9/6/2014)"},
		{"SVK", "2016-06-28", monitor},
		{"ZAF", "2017-09-08", "http://www.the-monitor.org/en-gb/reports/2018/south-africa/cluster-munition-ban-policy.aspx ; " + monitor},
		{"GMB", "2019-11", monitor + " (November 2019; the source gives the month)"},
		{"NGA", "2023-04-12", monitor + " (received before Nigeria's entry into force)"},
	}
	done := map[string]bool{}
	for _, s := range sourced {
		g.add(s.iso, 0, "art7_initial_submitted", s.date, s.src)
		done[s.iso] = true
	}

	// States on the DAP-era overdue list (c. 2016-2019) that are not on the LAP-era list: they
	// reported in between. Tunisia is kept late until after mid-2021 so that the CMM 2021 count
	// of 10 late initial reports holds around August 2021 (9 LAP-era States + Tunisia).
	between := "illustrative: date assumed; the references only show the report arrived between the DAP-era and the LAP-era overdue lists (ccm-facts.md §10)"
	for _, s := range []struct{ iso, date string }{
		{"ISL", "2019-03-22"}, {"BEN", "2019-05-14"}, {"GNB", "2019-09-03"},
		{"SOM", "2020-02-11"}, {"GUY", "2020-06-18"}, {"TUN", "2021-09-15"},
	} {
		g.add(s.iso, 0, "art7_initial_submitted", s.date, between)
		done[s.iso] = true
	}

	// Recent joiners (illustrative dates near their due dates) and the one LAP-era overdue
	// State that the sample lets report later (Madagascar, 2024).
	for _, s := range []struct{ iso, date, note string }{
		{"NAM", "2019-10-08", "date assumed"},
		{"PHL", "2020-01-21", "date assumed, a few weeks after the 2019-12-28 due date"},
		{"MDV", "2020-11-03", "date assumed, after the 2020-08-28 due date"},
		{"LCA", "2021-08-20", "date assumed, before the 2021-08-28 due date"},
		{"MDG", "2024-06-12", "date assumed; Madagascar is on the LAP-era overdue list and the sample lets it report in 2024"},
		{"SSD", "2025-02-17", "date assumed, after the 2024-07-30 due date"},
	} {
		g.add(s.iso, 0, "art7_initial_submitted", s.date, illNote(s.note))
		done[s.iso] = true
	}

	// Every other State Party (or former party) with entry into force before 2019: a date
	// between 2 and 14 months after entry into force, so every one had reported before the LAP.
	for _, iso := range g.isos {
		s := g.states[iso]
		if done[iso] || isOverdueLAP(iso) || s.eif == "" || s.eif >= "2019-01-01" {
			continue
		}
		maxDays := daysBetween(s.eif, "2018-12-20")
		if maxDays > 420 {
			maxDays = 420
		}
		d := addDays(s.eif, hi(maxDays/7, maxDays, iso, "initial"))
		g.add(iso, 0, "art7_initial_submitted", d, ill)
	}
}

// initialDate returns the recorded initial report date, or "".
func (g *gen) initialDate(iso string) string {
	return g.value(iso, 0, "art7_initial_submitted")
}

// obligationStates are the States Parties with Article 3, 4 or 5 obligations or retention in the
// sample; they report more regularly in the illustrative model.
var obligationStates = map[string]bool{
	"AFG": true, "ALB": true, "BIH": true, "TCD": true, "HRV": true, "GNB": true, "IRQ": true,
	"LAO": true, "LBN": true, "MNE": true, "SOM": true, "CHL": true, "DEU": true, "BGR": true,
	"PER": true, "SVK": true, "ZAF": true, "GBR": true,
}

// article7Annual records art7_annual_submitted and art7_form_version for every annual report in
// the sample, and art7_reporting_assistance for some States.
func (g *gen) article7Annual() {
	for _, y := range years(firstYear, lastYear) {
		for _, iso := range g.isos {
			s := g.states[iso]
			if !s.annualDue(y) {
				continue
			}
			init := g.initialDate(iso)
			if init == "" {
				continue // no initial report, no annual report
			}
			date, src := g.annualDate(iso, y)
			if date == "" || date <= init {
				continue
			}
			g.add(iso, y, "art7_annual_submitted", date, src)
			g.add(iso, y, "art7_form_version", formVersion(iso, y, date), illNote("form version assumed; the revised format was adopted at the 10MSP (2022)"))
		}
	}

	// Reporting assistance: the States with overdue initial reports (46.2) and a few others.
	for _, y := range years(firstYear, lastYear) {
		for _, iso := range overdueLAP {
			if h(iso, "assist", y, "known") < 0.35 {
				continue
			}
			g.add(iso, y, "art7_reporting_assistance", bs(h(iso, "assist", y) < 0.3+0.08*float64(y-firstYear)), ill)
		}
		for _, iso := range []string{"SSD", "GNB", "TCD", "SOM", "LCA", "MDV", "PHL", "GMB", "NAM"} {
			if !g.states[iso].partyAt(fmt.Sprintf("%d-12-31", y)) || h(iso, "assist", y, "known") < 0.4 {
				continue
			}
			g.add(iso, y, "art7_reporting_assistance", bs(h(iso, "assist", y) < 0.5), ill)
		}
	}
	// Madagascar reported in 2024 with help (illustrative), consistent with its initial report.
	if !g.has("MDG", 2024, "art7_reporting_assistance") {
		g.add("MDG", 2024, "art7_reporting_assistance", "true", illNote("assistance assumed for the 2024 initial report"))
	}
}

// annualDate returns the illustrative (or sourced) submission date of the annual report covering
// y, or "" when the State did not report.
func (g *gen) annualDate(iso string, y int) (string, string) {
	if iso == "TCD" {
		switch {
		case y == 2019:
			return "2020", "MAR 2023 via " + srcFacts + " §10: Chad last reported in 2020 (the source gives the year; assumed to cover 2019)"
		case y <= 2022:
			return "", "" // Chad sent no report after 2020 up to MAR 2023
		}
	}
	r := h(iso, "reliability")
	if obligationStates[iso] {
		r = 0.55 + 0.45*r
	}
	pSubmit := 0.3 + 0.65*r + 0.015*float64(y-firstYear)
	if h(iso, "submits", y) >= pSubmit {
		return "", ""
	}
	next := y + 1
	if h(iso, "ontime", y) < 0.25+0.7*r {
		// on time: 15 January to 30 April of the next year
		return addDays(fmt.Sprintf("%d-01-15", next), hi(0, 105, iso, "day", y)), ill
	}
	d := addDays(fmt.Sprintf("%d-05-01", next), hi(0, 200, iso, "lateday", y))
	if d > cutoff {
		d = cutoff
	}
	return d, ill
}

func formVersion(iso string, y int, date string) string {
	if h(iso, "form-other", y) < 0.04 {
		return "other"
	}
	if date < "2022-09-02" {
		return "original"
	}
	p := map[int]float64{2021: 0.15, 2022: 0.3, 2023: 0.55, 2024: 0.7, 2025: 0.8}[y]
	// States that switched keep the revised form.
	if h(iso, "form-adopter") < p {
		return "revised"
	}
	return "original"
}

// article7Voluntary records voluntary reports from States not party.
func (g *gen) article7Voluntary() {
	ssd := "https://sudantribune.com/?p=275893 via " + srcFacts + " §1.3 (South Sudan sent voluntary reports in 2020 and 2021; the source gives the years; assumed to cover the year before)"
	g.add("SSD", 2019, "art7_voluntary_submitted", "2020", ssd)
	g.add("SSD", 2020, "art7_voluntary_submitted", "2021", ssd)
	g.add("SSD", 2021, "art7_voluntary_submitted", "2022-05-10", ill)
	g.add("SSD", 2022, "art7_voluntary_submitted", "2023-04-27", ill)
	g.add("COD", 2023, "art7_voluntary_submitted", "2024-06-03", ill)
	g.add("AGO", 2024, "art7_voluntary_submitted", "2025-05-20", ill)
	g.add("COD", 2025, "art7_voluntary_submitted", "2026-04-28", ill)
}
