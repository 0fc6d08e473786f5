package ruletest

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
)

// Rule tests of data checks: a [[test.case]] that names a check (see ruletest.go) runs it on the
// test's inline dataset for one year and compares the States that violate it, pass it or are
// skipped with the lists it expects.

// checkCase validates the check-specific keys of a test case.
func (l *ruleTestLoader) checkCase(k string, tc *ruleTestCase, c *ruleTestCaseRun, at func(string) int) {
	line := c.line
	if tc.Indicator != "" {
		l.diag(engine.CodeBadValue, at("indicator"), k+".indicator", "case %q names both an indicator and a check; a case tests one", c.name)
		return
	}
	if tc.Check == "" {
		l.diag(engine.CodeMissingKey, line, k+".check", "case %q expects check outcomes but names no check", c.name)
		return
	}
	var ids []string
	for _, x := range l.plan.Checks() {
		ids = append(ids, x.ID)
	}
	if !slices.Contains(ids, tc.Check) {
		l.diag(engine.CodeBadValue, at("check"), k+".check", "unknown check %q: the plan %s has no such check", tc.Check, l.plan.Name()).HintClosest(tc.Check, ids)
	}
	for key, given := range map[string]bool{"want": tc.Want != nil, "tolerance": tc.Tolerance != nil, "want_status": tc.WantStatus != "",
		"want_error": tc.WantError != "", "want_population": tc.WantPopulation != nil, "want_counted": tc.WantCounted != nil,
		"want_not_counted": tc.WantNotCounted != nil, "want_no_data": tc.WantNoData != nil} {
		if given {
			l.diag(engine.CodeBadValue, at(key), k+"."+key, "%s is for indicator cases; a check case gives want_violations, want_passed, want_skipped or want_message", key)
		}
	}
	if tc.WantViolations == nil {
		l.diag(engine.CodeMissingKey, line, k+".want_violations", "case %q gives no want_violations (write [] when no State may violate the check)", c.name)
	}
}

func runCheckTestCase(ctx context.Context, plan *engine.Plan, file string, g *ruleTestGroupRun, c *ruleTestCaseRun) (Result, error) {
	var chk engine.DataCheck // the files were validated: it exists
	for _, x := range plan.Checks() {
		if x.ID == c.dataCheck {
			chk = x
		}
	}
	r := Result{File: file, Line: c.line, Test: g.name, Case: c.name, Check: c.dataCheck, Year: c.year,
		Title: chk.Title, Population: chk.When, Rule: chk.Rule}
	asOf, skip := c.settle(&r, plan, g)
	if skip {
		return r, nil
	}
	got, err := plan.RunCheck(ctx, g.ds, c.dataCheck, c.year, engine.AsOf(asOf), engine.WithCounting(r.Counting))
	if err != nil {
		return r, fmt.Errorf("run rule test %s: %w", r.Name(), err)
	}
	r.GotCheck = got
	lists := map[engine.CheckOutcome][]string{}
	for _, sr := range got {
		lists[sr.Outcome] = append(lists[sr.Outcome], sr.ISO3)
	}
	for _, l := range []struct {
		what string
		want *[]string
		got  []string
	}{{"violations", c.wantViolations, lists[engine.CheckViolated]}, {"passed", c.wantPassed, lists[engine.CheckPassed]}, {"skipped", c.wantSkipped, lists[engine.CheckSkipped]}} {
		if l.want == nil {
			continue
		}
		if m, ok := compareStates(l.what, *l.want, l.got); !ok {
			r.Mismatches = append(r.Mismatches, m)
		}
	}
	if c.wantMessage != "" {
		for _, sr := range got {
			if sr.Outcome == engine.CheckViolated && !strings.Contains(sr.Message, c.wantMessage) {
				r.Mismatches = append(r.Mismatches, Mismatch{What: "message", Want: "contains " + strconv.Quote(c.wantMessage), Got: strconv.Quote(sr.Message)})
			}
		}
	}
	for _, sr := range got {
		if sr.Outcome == engine.CheckFailed {
			r.Mismatches = append(r.Mismatches, Mismatch{What: "error", Want: "no error", Got: sr.ISO3 + ": " + sr.Error})
		}
	}
	r.Outcome = Pass
	if len(r.Mismatches) > 0 {
		r.Outcome = Fail
	}
	return r, nil
}

// explainCheck writes the body of Explain for a case of a data check.
func (r *Result) explainCheck(b *strings.Builder) {
	fmt.Fprintf(b, "  check %s %q, year %d, counting %s, as_of %s\n", r.Check, r.Title, r.Year, r.Counting, r.AsOf)
	if r.Outcome == Pass || r.Outcome == Skip {
		return
	}
	writeMismatches(b, r.Mismatches)
	fmt.Fprintf(b, "  expressions:\n    %-12s %s\n    %-12s %s\n", "when", oneLine(r.Population), "rule", oneLine(r.Rule))
	if len(r.GotCheck) == 0 {
		return
	}
	b.WriteString("  States:\n")
	got := append([]engine.CheckStateResult(nil), r.GotCheck...)
	sort.SliceStable(got, func(i, j int) bool { return got[i].ISO3 < got[j].ISO3 })
	for _, sr := range got {
		what := string(sr.Outcome)
		switch {
		case sr.Error != "":
			what += ": " + sr.Error
		case len(sr.Missing) > 0 && sr.Outcome == engine.CheckSkipped:
			what += " (" + strings.Join(sr.Missing, ", ") + " absent)"
		case len(sr.Missing) > 0:
			what += " (" + strings.Join(sr.Missing, ", ") + " taken as 0)"
		}
		fmt.Fprintf(b, "    %s  %s  [%s]\n", sr.ISO3, what, readsText(sr.Values))
		if sr.Message != "" {
			fmt.Fprintf(b, "      %s\n", sr.Message)
		}
	}
}
