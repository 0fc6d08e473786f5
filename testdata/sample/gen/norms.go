package main

import (
	"fmt"
	"sort"
)

// UN General Assembly votes, meeting participation, norms, compliance and cross-cutting fields.

// yesLean are States that never signed, in the order the sample lets them vote yes; abstainLean
// are placed last, so they abstain. Both orders are illustrative: the per-State votes are not
// in the references.
var yesLean = []string{
	"THA", "KHM", "MYS", "BRN", "MNG", "TLS", "PNG", "SLB", "TUV", "KIR", "MHL", "FSM", "TON",
	"BGD", "NPL", "BTN", "JOR", "QAT", "GAB", "GNQ", "ETH", "ERI", "SUR", "BHS", "BRB", "DMA",
	"ARG", "SRB", "SDN", "DZA", "MAR", "ARE", "KWT", "OMN", "BHR", "LVA", "GRC", "FIN", "EST",
	"BRA", "ROU", "POL", "TKM", "KGZ", "KAZ", "SGP", "VNM",
}

var abstainLean = []string{
	"USA", "ISR", "IND", "PAK", "EGY", "SYR", "IRN", "SAU", "KOR", "PRK", "TUR", "UKR", "GEO",
	"AZE", "ARM", "BLR", "TJK", "UZB", "MMR", "LBY", "YEM", "ZWE", "VEN",
}

// Parties and signatories that the sample marks absent or abstaining, in rotation.
var (
	partyAbsentPool = []string{"NRU", "PLW", "STP", "COM", "GNB", "KNA", "VCT", "SYC", "LSO", "SWZ",
		"MRT", "TGO", "GIN", "MDG", "CPV", "SOM", "NER", "BDI", "LCA", "GRD", "MDV"}
	sigAbsentPool  = []string{"CAF", "DJI", "LBR", "HTI", "AGO"}
	sigAbstainPool = []string{"UGA", "KEN", "TZA"}
)

type ungaYear struct {
	y             int
	yes, no, abst int
	pa, sa, sx    int // parties absent, signatories abstaining, signatories absent
	ny            int // yes votes from States that never signed, where a source gives it
	src           string
}

func (g *gen) ungaVotes() {
	for _, u := range []ungaYear{
		{2019, 144, 1, 38, 6, 0, 2, 0, "illustrative: per-State vote; the 2019 plenary totals are not in the references (First Committee 138-1-39, https://ccm3.pronk.se/2019/11/07/first-committee-approves-2019-ccm-resolution/); totals assumed 144-1-38"},
		{2020, 147, 0, 38, 5, 0, 1, 0, "illustrative: per-State vote assigned to reproduce the published total 147-0-38 (https://ccm4.pronk.se/unga-2020)"},
		{2021, 146, 1, 37, 6, 0, 2, 0, "illustrative: per-State vote assigned to reproduce the published total 146-1-37 (https://ccm4.pronk.se/unga-2021/ ; ccm-newsletter-2021-q4.txt)"},
		{2022, 144, 1, 38, 8, 2, 1, 36, "illustrative: per-State vote assigned to reproduce 144 yes including 36 non-signatories, one no (https://wvcbl.org/?p=1879); abstentions not published, assumed 38"},
		{2023, 148, 1, 36, 7, 1, 1, 37, "illustrative: per-State vote assigned to reproduce the published total 148-1-36 with 37 non-signatories voting yes (https://clusterconvention.org/unga-2023 ; https://www.wom.ch/en/news/current/annual-report-2023-2)"},
		{2024, 146, 1, 37, 7, 2, 1, 0, "illustrative: per-State vote; the 2024 totals are not in the references, assumed 146-1-37"},
		{2025, 145, 1, 37, 7, 1, 1, 0, "illustrative: per-State vote; the 2025 totals are not in the references, assumed 145-1-37"},
	} {
		g.ungaYear(u)
	}
}

func (g *gen) ungaYear(u ungaYear) {
	r := fmt.Sprintf("%d-12-31", u.y)
	var P, S, U []string
	for _, iso := range g.isos {
		if nonUN[iso] {
			continue
		}
		s := g.states[iso]
		switch {
		case s.partyAt(r):
			P = append(P, iso)
		case s.signatoryAt(r):
			S = append(S, iso)
		default:
			U = append(U, iso)
		}
	}
	in := func(list []string, iso string) bool {
		for _, x := range list {
			if x == iso {
				return true
			}
		}
		return false
	}
	vote := map[string]string{}
	src := map[string]string{}
	// rotate picks n members of pool (in the given set), starting at an offset that moves with
	// the year, skipping those already assigned.
	rotate := func(pool, set []string, n int, v string) {
		start := u.y % len(pool)
		for i := 0; i < len(pool) && n > 0; i++ {
			iso := pool[(start+i)%len(pool)]
			if in(set, iso) && vote[iso] == "" {
				vote[iso] = v
				n--
			}
		}
		if n > 0 {
			panic(fmt.Sprintf("unga %d: pool too small for %s", u.y, v))
		}
	}
	rotate(partyAbsentPool, P, u.pa, "absent")
	rotate(sigAbstainPool, S, u.sa, "abstain")
	rotate(sigAbsentPool, S, u.sx, "absent")
	for _, iso := range append(append([]string{}, P...), S...) {
		if vote[iso] == "" {
			vote[iso] = "yes"
		}
	}
	ny := u.yes - (len(P) - u.pa) - (len(S) - u.sa - u.sx)
	if u.ny != 0 && ny != u.ny {
		panic(fmt.Sprintf("unga %d: %d non-signatory yes votes, source says %d", u.y, ny, u.ny))
	}
	na := u.abst - u.sa

	// Fixed votes among States that never signed (or withdrew).
	forcedYes, forcedAbst := 0, 0
	if u.no == 1 {
		vote["RUS"] = "no"
		if u.y == 2022 {
			src["RUS"] = "https://wvcbl.org/?p=1879 (Russia the only no vote in 2022)"
		}
		if u.y == 2023 {
			src["RUS"] = "https://www.wom.ch/en/news/current/annual-report-2023-2 (Russia the only no vote in 2023)"
		}
	}
	if u.y >= 2021 {
		vote["CHN"] = "yes"
		forcedYes++
		if u.y == 2021 {
			src["CHN"] = srcNewslet + " (China changed its position to vote yes in 2021)"
		}
	} else {
		vote["CHN"] = "abstain"
		forcedAbst++
		src["CHN"] = srcNewslet + " (China had voted abstain on all previous CCM resolutions)"
	}
	if in(U, "LTU") {
		vote["LTU"] = "abstain"
		forcedAbst++
	}
	// Order the rest: yes-leaning first, unlisted States by hash, abstain-leaning last.
	var free, mid []string
	listed := map[string]bool{}
	for _, iso := range yesLean {
		listed[iso] = true
		if in(U, iso) && vote[iso] == "" {
			free = append(free, iso)
		}
	}
	for _, iso := range abstainLean {
		listed[iso] = true
	}
	for _, iso := range U {
		if !listed[iso] && vote[iso] == "" {
			mid = append(mid, iso)
		}
	}
	sort.Slice(mid, func(i, j int) bool { return h(mid[i], "unga-order") < h(mid[j], "unga-order") })
	free = append(free, mid...)
	for _, iso := range abstainLean {
		if in(U, iso) && vote[iso] == "" {
			free = append(free, iso)
		}
	}
	needYes, needAbst := ny-forcedYes, na-forcedAbst
	nx := len(free) - needYes - needAbst
	if needYes < 0 || needAbst < 0 || nx < 0 {
		panic(fmt.Sprintf("unga %d: cannot split %d free votes into %d yes and %d abstain", u.y, len(free), needYes, needAbst))
	}
	for i, iso := range free {
		switch {
		case i < needYes:
			vote[iso] = "yes"
		case i < needYes+nx:
			vote[iso] = "absent"
		default:
			vote[iso] = "abstain"
		}
	}
	// Check the totals.
	count := map[string]int{}
	for _, iso := range g.isos {
		if nonUN[iso] {
			continue
		}
		v := vote[iso]
		if v == "" {
			panic("unga: no vote for " + iso)
		}
		count[v]++
		s := u.src
		if x, ok := src[iso]; ok {
			s = x
		}
		g.add(iso, u.y, "unga_vote", v, s)
	}
	if count["yes"] != u.yes || count["no"] != u.no || count["abstain"] != u.abst {
		panic(fmt.Sprintf("unga %d: got %v", u.y, count))
	}
}

// meetings records attendance at the formal meeting of each year.
func (g *gen) meetings() {
	meeting := map[int]string{
		2019: "9MSP", 2020: "2RC first part (virtual)", 2021: "2RC second part", 2022: "10MSP",
		2023: "11MSP", 2024: "12MSP", 2025: "13MSP",
	}
	donors := map[string]bool{"NOR": true, "DEU": true, "GBR": true, "NLD": true, "CHE": true,
		"JPN": true, "AUS": true, "NZL": true, "IRL": true, "FRA": true, "BEL": true, "SWE": true,
		"DNK": true, "AUT": true, "ITA": true, "CAN": true, "MEX": true, "ESP": true}
	yes := map[string]bool{}
	for _, iso := range yesLean {
		yes[iso] = true
	}
	for _, y := range years(firstYear, lastYear) {
		r := fmt.Sprintf("%d-12-31", y)
		src := illNote("attendance at the " + meeting[y] + " assumed; the list of participants was not available")
		for _, iso := range g.isos {
			s := g.states[iso]
			var p float64
			recordFalse := true
			switch {
			case s.partyAt(r) && (obligationStates[iso] || donors[iso]):
				p = 0.95
			case s.partyAt(r):
				p = 0.5
				if s.region == "europe" || s.region == "americas" {
					p = 0.7
				}
			case s.signatoryAt(r):
				p = 0.35
			case yes[iso]:
				p, recordFalse = 0.3, false
			default:
				p, recordFalse = 0.07, false
			}
			if y == 2020 {
				p += 0.1 // virtual meeting
			}
			if h(iso, "msp", y) >= p {
				if recordFalse {
					g.add(iso, y, "msp_attended", "false", src)
				}
				continue
			}
			g.add(iso, y, "msp_attended", "true", src)
			d := hi(1, 4, iso, "delegates", y)
			if obligationStates[iso] || donors[iso] {
				d = hi(3, 12, iso, "delegates", y)
			}
			w := int(float64(d)*(0.15+0.6*h(iso, "women", y)) + 0.5)
			if w > d {
				w = d
			}
			g.add(iso, y, "msp_delegates", inum(d), src)
			g.add(iso, y, "msp_delegates_women", inum(w), src)
		}
	}
}

func (g *gen) normsAndCompliance() {
	// Condemnation of use (11.3): rises with the use in Ukraine from 2022.
	rate := map[int]float64{2019: 0.12, 2020: 0.22, 2021: 0.14, 2022: 0.45, 2023: 0.4, 2024: 0.33, 2025: 0.3}
	noAlleg := illNote("no credible allegation of use by this State Party is known to the sample's authors")
	for _, y := range years(firstYear, lastYear) {
		r := fmt.Sprintf("%d-12-31", y)
		for _, iso := range g.partiesAt(r) {
			x := h(iso, "condemn", y)
			switch {
			case x < rate[y]:
				g.add(iso, y, "use_condemned", "true", ill)
			case x > 0.93:
				g.add(iso, y, "use_condemned", "false", ill)
			}
			if obligationStates[iso] || h(iso, "alleg", y) < 0.3 {
				g.add(iso, y, "compliance_use_alleged", "false", noAlleg)
			}
		}
	}
}

// crossCutting records the cross-cutting fields (Actions 1-9) for the States with obligations.
func (g *gen) crossCutting() {
	var isos []string
	for iso := range obligationStates {
		isos = append(isos, iso)
	}
	sort.Strings(isos)
	for _, iso := range isos {
		var reported []int
		for _, y := range years(firstYear, lastYear) {
			if !silentYear(iso, y) {
				reported = append(reported, y)
			}
		}
		g.carriedBool(iso, "cc_national_authority", 0.7, 0.05)
		g.carriedBool(iso, "cc_costed_strategy", 0.3, 0.15)
		g.carriedBool(iso, "cc_gender_in_plans", 0.35, 0.15)
		g.carriedBool(iso, "cc_coordination_mechanism", 0.55, 0.1)
		g.carriedBool(iso, "cc_integrated_development", 0.4, 0.2)
		g.carriedBool(iso, "cc_information_system", 0.6, 0.1)
		g.carriedBool(iso, "cc_national_standards", 0.6, 0.1)
		g.yearBool(iso, "cc_strategy_progress_reported", reported, 0.35, 0.2)
		g.yearBool(iso, "cc_community_participation", reported, 0.4, 0.25)
		g.yearBool(iso, "cc_data_disaggregated", reported, 0.45, 0.2)
		g.yearBool(iso, "cc_civil_society_partnership", reported, 0.7, 0.15)
		g.yearBool(iso, "cc_environment", reported, 0.4, 0.25)
	}
}
