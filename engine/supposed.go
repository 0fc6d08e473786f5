package engine

import "slices"

// Obligations a scenario supposes (docs/whatif.md, "What a scenario does not suppose";
// docs/methodology.md §8). The closed-world reading of the reporting record (a State Party's
// Article 7 reports are listed completely by the ISU's register, and a report that is silent
// on a figure did not report it: `unknown = "as-false"`, initial_report_submitted false without
// a receipt) is right for an obligation the data record. It is not for one that exists only
// because a scenario supposes it: Angola acceding in 2024 owes an initial report in 2025 and
// annual reports from then on, but the scenario says nothing of whether it would send them, or
// what they would say. Reading their absence as "no" would state as a verdict what is not
// known, and let good news (an accession) lower scores for no documented reason.
//
// The rule: in an indicator, a State that owes an Article 7 report in the year (its initial
// report is required, or its annual report for the year is due), is in the population only
// under the scenario (it is not with the data as recorded, the scenario's changes to its row and
// facts taken away) and
// whose answer rests on a reporting record the data lack (an Article 7 report, its receipt, or
// what the year's report says: a report field of scope year, art7_initial_submitted,
// art7_annual_submitted, or a field derived from those two) is not known. A standing fact (a
// carried field: a national law, an authority, a strategy) is not a record the obligation
// creates: an accession does not pass an investment ban, and 48.2 reads the absence of one as
// it always does (a public list of laws). It stays in the population, is listed with the States
// not known (IndicatorResult.NoData, and Supposed), is never counted as "no" even where silence
// is (as-false), and the verdict stands only if it holds whichever way its answer goes
// (score_unknowns.go). A record the scenario does set (a submit-report event, a set value) is
// known like any other. Real data are never touched: a dataset as loaded has no base.

// recordBase marks, by schema index, the fields whose absence is the absence of a reporting
// record: what a year's report says (the report fields of scope year) and Article 7's
// registers of reports received (-1), and the
// derived fields computed from art7_initial_submitted or art7_annual_submitted (that field's
// index: absent when it is). 0 marks the others.
var recordBase = func() []int {
	out := make([]int, len(schema))
	art7 := []int{fieldIndex["art7_initial_submitted"], fieldIndex["art7_annual_submitted"], fieldIndex["art7_voluntary_submitted"]}
	for fi, f := range schema {
		if f.Input() {
			if f.Kind == KindReport && f.Scope == ScopeYear || slices.Contains(art7, fi) {
				out[fi] = -1
			}
			continue
		}
		for _, b := range derivedBase[fi] {
			if b == art7[0] || b == art7[1] {
				out[fi] = b + 1
			}
		}
	}
	return out
}()

// fOverdue is initial_report_overdue: it rests on the receipt of the initial report only
// where that report is required (otherwise it is false whatever the record).
var fOverdue = fieldIndex["initial_report_overdue"]

// absentRecord reports whether the value of field fi in State se's environment rests on a
// reporting record the data lack.
func absentRecord(fi int, se *stateEnv) bool {
	switch b := recordBase[fi]; {
	case b == 0:
		return false
	case b < 0:
		return !se.present.has(fi)
	case fi == fOverdue && !se.env.InitialReportRequired:
		return false
	default:
		return se.from[b-1] == nil
	}
}

// absentRecords lists the fields of the expression's reads whose value rests on a reporting
// record State se's data lack (recordBase), in the order read; nil when there is none.
func absentRecords(e *Expr, se *stateEnv) []string {
	var out []string
	for _, fi := range e.reads {
		if absentRecord(fi, se) {
			out = append(out, schema[fi].Name)
		}
	}
	return out
}

// restsOnAbsentRecord reports whether absentRecords would list a field.
func restsOnAbsentRecord(e *Expr, se *stateEnv) bool {
	for _, fi := range e.reads {
		if absentRecord(fi, se) {
			return true
		}
	}
	return false
}

// buildShadows readies the evaluation of year y for the States the dataset's scenario supposes
// something of (Dataset.supposed): their environments as recorded (Dataset.base), in the same
// frame, are built when first needed (shadowOf), so that a scenario pays only for the States and
// indicators the rule reaches. Nothing is kept for data as loaded.
func (ev *evaluator) buildShadows(y int) {
	ev.shadowYear = y
	clear(ev.shadows)
}

// isSupposed reports whether the scenario of the evaluated dataset supposes something of State
// si (Dataset.supposedMask): the one check the evaluation loops make per State.
func (ev *evaluator) isSupposed(si int) bool {
	m := ev.ds.supposedMask
	return m != nil && m[si]
}

// shadowOf is State si's environment as recorded for the year being evaluated (buildShadows).
func (ev *evaluator) shadowOf(si int) *stateEnv {
	if sh := ev.shadows[si]; sh != nil {
		return sh
	}
	if ev.shadows == nil {
		ev.shadows = map[int]*stateEnv{}
	}
	sh := &stateEnv{}
	ev.ds.base.build(si, ev.plan.frameFor(ev.cfg, ev.shadowYear), sh)
	ev.shadows[si] = sh
	return sh
}

// supposedAnswer reports whether State si, in the indicator's population, is there only under
// the scenario and answers from a reporting record its data lack (see the rule above): its
// answer is then not known. The caller has checked isSupposed(si).
func (ev *evaluator) supposedAnswer(pop, rule *Expr, si int, se *stateEnv) bool {
	if !se.env.InitialReportRequired && !se.env.AnnualReportDue || !restsOnAbsentRecord(rule, se) {
		return false // it owes no report in the year (a record it does not owe is no answer of it)
	}
	sh := ev.shadowOf(si)
	in, known, quick := pop.quickBool(&sh.env)
	if !quick {
		var err error
		if in, known, err = ev.runBool(pop, sh); err != nil {
			return false // the population as recorded fails: the answer is read as it is
		}
	}
	return !(in && known)
}

// stateSetOf is the set of the States of the given indexes, over the evaluation's codes.
func stateSetOf(codes *[]string, idx []int) StateSet {
	s := StateSet{codes: codes, bits: make([]uint64, words(len(*codes)))}
	for _, i := range idx {
		s.add(i)
	}
	return s
}
