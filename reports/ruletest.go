package reports

import (
	"io"
	"strings"

	"github.com/lapmonitor/lap/engine/ruletest"
)

// WriteRuleTestsJSON writes the outcome of rule unit tests as JSON: every result, then the
// summary.
func WriteRuleTestsJSON(w io.Writer, results []ruletest.Result, sum ruletest.Summary) error {
	return EncodeJSON(w, struct {
		Results []ruletest.Result `json:"results"`
		Summary ruletest.Summary  `json:"summary"`
	}{nonNil(results), sum})
}

// WriteRuleTests writes the outcome of rule unit tests as text (`lap test`): failures in full,
// then (with verbose) every case, then the summary: PASS: n/N, and FAIL and SKIP counts when
// there are any.
func WriteRuleTests(w io.Writer, results []ruletest.Result, sum ruletest.Summary, verbose bool) error {
	bw := &textWriter{w: w}
	failed := 0
	for i := range results {
		r := &results[i]
		if r.Outcome == ruletest.Fail {
			if failed == 0 {
				bw.printf("FAILURES\n")
				bw.printf("%s\n", strings.Repeat("-", 80))
			}
			failed++
			bw.printf("%s\n", r.Explain())
		}
	}
	if verbose {
		bw.printf("CASES\n%s\n", strings.Repeat("-", 80))
		file := ""
		for i := range results {
			r := &results[i]
			if r.File != file {
				file = r.File
				bw.printf("%s:\n", file)
			}
			bw.printf("  %-5s %s (%s, %d)\n", strings.ToUpper(string(r.Outcome)), r.Name(), r.Indicator+r.Check, r.Year)
		}
		bw.printf("%s\n", strings.Repeat("-", 80))
	}
	bw.printf("PASS: %d/%d\n", sum.Pass, sum.Total)
	for _, c := range []struct {
		label string
		n     int
	}{{"FAIL", sum.Fail}, {"SKIP", sum.Skip}} {
		if c.n > 0 {
			bw.printf("%s: %d/%d\n", c.label, c.n, sum.Total)
		}
	}
	return bw.err
}
