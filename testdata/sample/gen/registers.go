package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// registers.csv (docs/data.md, "Registers: the class of an absence"): for every register field
// the sample holds, the years for which the sample records every case, and the class of what
// an absence there rests on. The rule, for each field:
//
//   - a register taken from a sourced list (the States Parties with Article 3, 4 or 5
//     obligations, their deadlines, extensions and completions: obligations.csv and the ISU's
//     list) has that source's class from the Convention's entry into force (2010) to lastYear.
//     The sample adds invented events to some of these registers (a new obligation, an
//     assumed completion date), but never leaves out a sourced one: an absence there rests on
//     the list, and an invented event carries its own illustrative class;
//   - a register the sample invents (annual reports, meetings, votes, coalitions, CRPD
//     accessions, retention) is illustrative in every year it covers;
//   - the initial reports: a year from 2021 (the LAP era) in which every State Party with an
//     initial report due and none recorded at all is on the LAP-era list of overdue initial
//     reports (ccm-facts.md §10) rests on that list (monitor, as the other facts compiled in
//     ccm-facts.md); any other year, illustrative.
//
// Every declaration ends with lastYear: later years are not covered (unstated).

// register is one declaration of registers.csv.
type register struct {
	field       string
	first, last int // 0: no bound
	class       string
	source      string
}

// sourcedRegister is a register field taken from a sourced list: from its first year to
// lastYear, of its class.
type sourcedRegister struct {
	field  string
	first  int
	class  string
	source string
}

const (
	srcObligList = "obligations.csv (the States Parties with Article 3 and 4 obligations, their deadlines, extensions and completions, compiled from Monitor and ISU records)"
	srcInvented  = "illustrative: the sample invents this register (every value and every absence)"
	srcLAPList   = "ccm-facts.md §10: the LAP-era list of overdue initial reports (https://ccm3.pronk.se/?p=4211); every State Party not on it had reported"
	srcOverdue   = "illustrative: a State Party whose initial report the sample leaves overdue is not on a sourced list of overdue initial reports for this year, or the sample assumes the date of a report"
)

var sourcedRegisters = []sourcedRegister{
	{"art3_obligation_start", 2010, "monitor", srcObligList},
	{"art3_deadline", 2010, "monitor", srcObligList},
	{"art3_extension_requested", 2010, "monitor", srcObligList},
	{"art3_extension_granted", 2010, "monitor", srcObligList},
	{"art3_completed_date", 2010, "monitor", srcObligList},
	{"art3_compliance_declared_date", 2010, "monitor", srcObligList},
	{"art4_obligation_start", 2010, "monitor", srcObligList},
	{"art4_deadline", 2010, "monitor", srcObligList},
	{"art4_extension_requested", 2010, "monitor", srcObligList},
	{"art4_extension_granted", 2010, "monitor", srcObligList},
	{"art4_completed_date", 2010, "monitor", srcObligList},
	{"art4_completion_declared_date", 2010, "monitor", srcObligList},
	{"art5_victims_present", 2010, classify(srcVA), srcVA},
}

// inventedRegisters are the register fields the sample invents, with the first year they
// cover (0: every year up to lastYear).
var inventedRegisters = []struct {
	field string
	first int
}{
	{"art7_annual_submitted", firstYear},
	{"art7_voluntary_submitted", firstYear},
	{"art3_retention", firstYear},
	{"art6_country_coalition", firstYear},
	{"art6_coalition_partner", firstYear},
	{"crpd_party", 0},
	{"unga_vote", firstYear},
	{"msp_attended", firstYear},
	{"msp_delegates", firstYear},
	{"msp_delegates_women", firstYear},
}

// registers lists the declarations, sorted by field and first year.
func (g *gen) registers() []register {
	var out []register
	for _, r := range sourcedRegisters {
		out = append(out, register{r.field, r.first, lastYear, r.class, r.source})
	}
	for _, r := range inventedRegisters {
		out = append(out, register{r.field, r.first, lastYear, "illustrative", srcInvented})
	}
	out = append(out, g.initialRegister()...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].field != out[j].field {
			return out[i].field < out[j].field
		}
		return out[i].first < out[j].first
	})
	return out
}

// initialRegister declares the register of initial reports year by year (merged into spans):
// monitor in a year from 2021 (the LAP era) whose overdue initial reports are all on the
// LAP-era list, illustrative in the others from firstYear.
func (g *gen) initialRegister() []register {
	var out []register
	for _, y := range years(firstYear, lastYear) {
		class, src := "monitor", srcLAPList
		if y < 2021 || !g.overdueOnList(y) {
			class, src = "illustrative", srcOverdue
		}
		if n := len(out); n > 0 && out[n-1].class == class {
			out[n-1].last = y
			continue
		}
		out = append(out, register{"art7_initial_submitted", y, y, class, src})
	}
	return out
}

// overdueOnList reports whether every State Party whose initial report was due by the end of
// y and for which the sample records none at all is on the LAP-era list. (A State whose report
// the sample dates after y rests on that date's class, not on the register's.)
func (g *gen) overdueOnList(y int) bool {
	end := fmt.Sprintf("%d-12-31", y)
	for _, iso := range g.isos {
		s := g.states[iso]
		due := s.initialDue()
		if !s.partyAt(end) || due == "" || due > end || g.initialDate(iso) != "" {
			continue
		}
		if !isOverdueLAP(iso) {
			return false
		}
	}
	return true
}

// writeRegisters writes registers.csv.
func (g *gen) writeRegisters(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"field", "first_year", "last_year", "class", "source"}); err != nil {
		return err
	}
	year := func(y int) string {
		if y == 0 {
			return ""
		}
		return strconv.Itoa(y)
	}
	for _, r := range g.registers() {
		if err := cw.Write([]string{r.field, year(r.first), year(r.last), r.class, r.source}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
