package reports

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// summaryIndicator is an indicator for the summary's tests: a count (or share, sum) with its
// value, the States it counts and its population.
func summaryIndicator(id string, agg engine.Aggregate, value *float64, class engine.Class, counted []string, n, population int) engine.IndicatorAssessment {
	ia := engine.IndicatorAssessment{}
	ia.ID, ia.Aggregate, ia.Value, ia.Class, ia.Counted, ia.N, ia.Population = id, agg, value, class, engine.NewStateSet(counted...), n, population
	ia.Unit = "states"
	if agg == engine.AggShare {
		ia.Unit = "percent"
	}
	if agg == engine.AggSum {
		ia.Unit = "km2"
	}
	return ia
}

// withNoData gives an indicator States for which the result is not known.
func withNoData(ia engine.IndicatorAssessment, isos ...string) engine.IndicatorAssessment {
	ia.NoData = engine.NewStateSet(isos...)
	return ia
}

// flagged gives a sum a coverage flag with its reason.
func flagged(ia engine.IndicatorAssessment, reason string) engine.IndicatorAssessment {
	ia.CoverageFlag, ia.Coverage = true, &engine.Coverage{Reason: reason}
	return ia
}

func summaryAssessment(asOf string, inds ...engine.IndicatorAssessment) *engine.Assessment {
	return &engine.Assessment{Year: 2024, AsOf: asOf, TargetYear: 2026, Indicators: inds}
}

func isos(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("S%02d", i))
	}
	return out
}

func summaryTexts(a, prev *engine.Assessment) []string {
	var out []string
	for _, s := range summarize(locale.For(locale.English), a, prev, func(iso string) string { return "State " + iso }, nil) {
		out = append(out, s.Text+" "+strings.Join(s.Refs, ","))
	}
	return out
}

func TestSummaryTemplates(t *testing.T) {
	const cut = "2025-06-30"
	n := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		name string
		a    *engine.Assessment
		prev *engine.Assessment
		want []string
	}{
		{"no plan score, no known indicator", summaryAssessment(cut), nil,
			[]string{"No plan score can be given: no indicator could be scored. "}},
		{"States Parties and who joined", summaryAssessment(cut, summaryIndicator("10.1", engine.AggCount, n(3), "", []string{"AAA", "BBB", "CCC"}, 5, 5)),
			summaryAssessment("2024-06-30", summaryIndicator("10.1", engine.AggCount, n(2), "", []string{"AAA", "DDD"}, 5, 5)),
			[]string{"At the end of 2024, three States were Parties to the Convention. Two States became Parties in 2024: State BBB and State CCC. One State ceased to be a Party: State DDD. 10.1"}},
		{"one State Party, none joined", summaryAssessment(cut, summaryIndicator("10.1", engine.AggCount, n(1), "", []string{"AAA"}, 5, 5)),
			summaryAssessment("2024-06-30", summaryIndicator("10.1", engine.AggCount, n(1), "", []string{"AAA"}, 5, 5)),
			[]string{"At the end of 2024, one State was a Party to the Convention. No State became a Party in 2024. 10.1"}},
		{"a partial year says so", summaryAssessment("2024-10-31", summaryIndicator("10.1", engine.AggCount, n(112), engine.ClassIllustrative, isos(112), 197, 197)), nil,
			[]string{"By 31 October 2024 (2024 is not over), 112ⁱ States were Parties to the Convention. 10.1"}},
		{"overdue initial reports, named", summaryAssessment(cut, summaryIndicator("46.1", engine.AggCount, n(2), engine.ClassMonitor, []string{"BBB", "AAA"}, 9, 9)), nil,
			[]string{"At the end of 2024, twoᵐ States Parties had not submitted their initial Article 7 report by its due date: State AAA and State BBB. 46.1"}},
		{"one overdue initial report", summaryAssessment(cut, summaryIndicator("46.1", engine.AggCount, n(1), "", []string{"AAA"}, 9, 9)), nil,
			[]string{"At the end of 2024, one State Party had not submitted its initial Article 7 report by its due date: State AAA. 46.1"}},
		{"no overdue initial report", summaryAssessment(cut, summaryIndicator("46.1", engine.AggCount, n(0), "", nil, 9, 9)), nil,
			[]string{"At the end of 2024, no State Party's initial Article 7 report was overdue. 46.1"}},
		{"overdue initial reports not known", summaryAssessment(cut, summaryIndicator("46.1", engine.AggCount, nil, "", nil, 0, 9)), nil,
			[]string{"At the end of 2024, whether any State Party's initial Article 7 report was overdue is not known. 46.1"}},
		{"long lists end with the others", summaryAssessment(cut, summaryIndicator("46.1", engine.AggCount, n(13), "", isos(13), 20, 20)), nil,
			[]string{"At the end of 2024, 13 States Parties had not submitted their initial Article 7 report by its due date: State S00, State S01, State S02, State S03, State S04, State S05, State S06, State S07, State S08, State S09 and three others. 46.1"}},
		{"annual reports received and on time", summaryAssessment(cut,
			summaryIndicator("43.2", engine.AggShare, n(40), "", isos(4), 10, 10), summaryIndicator("43.3", engine.AggShare, n(60), "", isos(6), 10, 10)), nil,
			[]string{"Of the 10 annual Article 7 reports due for 2024, six had been received by 30 June 2025, four of them by the deadline of 30 April 2025. 43.3,43.2"}},
		{"annual reports: none received", summaryAssessment(cut,
			summaryIndicator("43.2", engine.AggShare, n(0), "", nil, 10, 10), summaryIndicator("43.3", engine.AggShare, n(0), "", nil, 10, 10)), nil,
			[]string{"Of the 10 annual Article 7 reports due for 2024, none had been received by 30 June 2025, none of them by the deadline of 30 April 2025. 43.3,43.2"}},
		{"annual reports not known", summaryAssessment(cut, summaryIndicator("43.3", engine.AggShare, nil, "", nil, 0, 10)), nil,
			[]string{"How many annual Article 7 reports for 2024 were received is not known. 43.3"}},
		{"stockpiles and deadlines", summaryAssessment(cut,
			summaryIndicator("12.1", engine.AggCount, n(2), "", []string{"AAA", "BBB"}, 9, 9), summaryIndicator("14.3", engine.AggCount, n(1), "", []string{"BBB"}, 9, 9)), nil,
			[]string{"At the end of 2024, two States Parties still had cluster munition stockpiles to destroy: State AAA and State BBB; one was past its Article 3 deadline: State BBB. 12.1,14.3"}},
		{"no stockpiles", summaryAssessment(cut, summaryIndicator("12.1", engine.AggCount, n(0), engine.ClassIllustrative, nil, 9, 9)), nil,
			[]string{"At the end of 2024, no State Party had cluster munition stockpiles still to destroyⁱ. 12.1"}},
		{"clearance", summaryAssessment(cut,
			summaryIndicator("24.3", engine.AggCount, n(2), "", []string{"AAA", "BBB"}, 9, 9), summaryIndicator("24.1", engine.AggCount, n(0), "", nil, 9, 9),
			summaryIndicator("24.5", engine.AggCount, n(1), "", []string{"AAA"}, 2, 2)), nil,
			[]string{"At the end of 2024, two States Parties had Article 4 clearance obligations outstanding: State AAA and State BBB; none were past their deadline; one of the two open obligations is projected to miss the deadline at the State's recent rate. 24.3,24.1,24.5"}},
		{"clearance, past the deadline not known for one", summaryAssessment(cut,
			summaryIndicator("24.3", engine.AggCount, n(2), "", []string{"AAA", "BBB"}, 9, 9), withNoData(summaryIndicator("24.1", engine.AggCount, n(0), engine.ClassIllustrative, nil, 8, 9), "BBB")), nil,
			[]string{"At the end of 2024, two States Parties had Article 4 clearance obligations outstanding: State AAA and State BBB; noneⁱ was known to be past its deadline; for one of them (State BBB), whether the deadline had passed is not known. 24.3,24.1"}},
		{"clearance, the projection not known for one", summaryAssessment(cut,
			summaryIndicator("24.3", engine.AggCount, n(3), "", []string{"AAA", "BBB", "CCC"}, 9, 9), summaryIndicator("24.1", engine.AggCount, n(0), "", nil, 9, 9),
			withNoData(summaryIndicator("24.5", engine.AggCount, n(1), "", []string{"AAA"}, 2, 3), "CCC")), nil,
			[]string{"At the end of 2024, three States Parties had Article 4 clearance obligations outstanding: State AAA, State BBB and State CCC; none were past their deadline; one of the three open obligations is projected to miss the deadline at the State's recent rate (for one of them, State CCC, it is not known). 24.3,24.1,24.5"}},
		{"clearance, one past the deadline", summaryAssessment(cut,
			summaryIndicator("24.3", engine.AggCount, n(2), "", []string{"AAA", "BBB"}, 9, 9), summaryIndicator("24.1", engine.AggCount, n(1), "", []string{"AAA"}, 9, 9),
			summaryIndicator("24.5", engine.AggCount, n(2), "", []string{"AAA", "BBB"}, 2, 2)), nil,
			[]string{"At the end of 2024, two States Parties had Article 4 clearance obligations outstanding: State AAA and State BBB; one was past its deadline: State AAA; two of the two open obligations are past the deadline or projected to miss it at the State's recent rate. 24.3,24.1,24.5"}},
		{"clearance, none known past, the projected one not known as to the deadline", summaryAssessment(cut,
			summaryIndicator("24.3", engine.AggCount, n(2), "", []string{"AAA", "BBB"}, 9, 9), withNoData(summaryIndicator("24.1", engine.AggCount, n(0), "", nil, 8, 9), "BBB"),
			summaryIndicator("24.5", engine.AggCount, n(1), "", []string{"BBB"}, 2, 2)), nil,
			[]string{"At the end of 2024, two States Parties had Article 4 clearance obligations outstanding: State AAA and State BBB; none was known to be past its deadline; for one of them (State BBB), whether the deadline had passed is not known; one of the two open obligations is past the deadline or projected to miss it at the State's recent rate. 24.3,24.1,24.5"}},
		{"stockpiles, one past the deadline and one not known", summaryAssessment(cut,
			summaryIndicator("12.1", engine.AggCount, n(3), "", []string{"AAA", "BBB", "CCC"}, 9, 9), withNoData(summaryIndicator("14.3", engine.AggCount, n(1), "", []string{"BBB"}, 8, 9), "CCC")), nil,
			[]string{"At the end of 2024, three States Parties still had cluster munition stockpiles to destroy: State AAA, State BBB and State CCC; one was past its Article 3 deadline: State BBB; for one of them (State CCC), whether the deadline had passed is not known. 12.1,14.3"}},
		{"area cleared", summaryAssessment(cut, summaryIndicator("21.1", engine.AggSum, n(64.86), engine.ClassIllustrative, isos(9), 9, 9)), nil,
			[]string{"States Parties reported clearing 64.86 km² in 2024ⁱ, nine of the nine with clearance obligations in the year giving a figure. 21.1"}},
		{"area cleared, flagged: the flag's own reason", summaryAssessment(cut, flagged(summaryIndicator("21.1", engine.AggSum, n(69.06), engine.ClassIllustrative, isos(9), 9, 9),
			"a figure for 2024 from State AAA and State BBB, which gave none for 2023")), nil,
			[]string{"States Parties reported clearing 69.06 km² in 2024ⁱ, nine of the nine with clearance obligations in the year giving a figure; the total is not comparable with the year before: a figure for 2024 from State AAA and State BBB, which gave none for 2023. 21.1"}},
		{"area cleared not known", summaryAssessment(cut, summaryIndicator("21.1", engine.AggSum, nil, "", nil, 0, 9)), nil,
			[]string{"The area cleared in 2024 is not known: no affected State Party gave a figure. 21.1"}},
		{"legislation", summaryAssessment(cut, summaryIndicator("47.1", engine.AggCount, n(33), engine.ClassMonitor, isos(33), 112, 112)), nil,
			[]string{"At the end of 2024, 33 of the 112 States Parties had adopted legislation specific to the Conventionᵐ. 47.1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := summaryTexts(c.a, c.prev)
			// the plan score's sentence is there whenever the others are
			got = slices.DeleteFunc(got, func(s string) bool { return strings.HasPrefix(s, "No plan score") && len(got) > 1 })
			assert.Equal(t, c.want, got)
		})
	}
}

// A State named in a summary sentence carries the mark of its own result's class: the count
// may rest on illustrative data while most names rest on official data.
func TestSummaryNamesCarryTheirMarks(t *testing.T) {
	n := 2.0
	a := summaryAssessment("2025-06-30", summaryIndicator("46.1", engine.AggCount, &n, engine.ClassIllustrative, []string{"BBB", "AAA"}, 9, 9))
	classOf := func(id, iso string) engine.Class {
		if id == "46.1" && iso == "BBB" {
			return engine.ClassIllustrative
		}
		return ""
	}
	got := summarize(locale.For(locale.English), a, nil, func(iso string) string { return "State " + iso }, classOf)
	require.Len(t, got, 2)
	assert.Equal(t, "At the end of 2024, twoⁱ States Parties had not submitted their initial Article 7 report by its due date: State AAA and State BBBⁱ.", got[1].Text)
}

func TestSummaryScore(t *testing.T) {
	a := summaryAssessment("2025-06-30")
	sc, ex := 0.39, 0.72
	a.Overall.Score, a.Overall.Expected, a.Overall.Indicators, a.Overall.IndicatorsScored = &sc, &ex, 100, 50
	for s, n := range map[engine.ProgressStatus]int{engine.ProgressAchieved: 9, engine.ProgressOnTrack: 6, engine.ProgressNeedsAcceleration: 25, engine.ProgressRegressing: 10} {
		for range n {
			a.Overall.ProgressCounts.Add(s)
		}
	}
	got := summaryTexts(a, nil)
	assert.Equal(t, []string{"The plan score is 39%, against 72% expected by now on a straight path to the 2026 targets: of the 100 indicators, 50 are scored (9 achieved, 6 on track, 25 needing acceleration, 10 regressing); the others have no target, no data, a status not known or too few States and are not counted as zero. "}, got)
}

func TestNumberWord(t *testing.T) {
	for n, want := range map[int]string{0: "no", 1: "one", 9: "nine", 10: "10", 1234: "1,234"} {
		assert.Equal(t, want, numberWord(n))
	}
	assert.Equal(t, "none", ofWord(0))
	assert.Equal(t, "", joinNames(nil))
	assert.Equal(t, "A", joinNames([]string{"A"}))
	assert.Equal(t, "A and B", joinNames([]string{"A", "B"}))
	assert.Equal(t, "A, B and C", joinNames([]string{"A", "B", "C"}))
}

var numberRE = regexp.MustCompile(`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`)

var wordNumbers = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

// Every number in the sample's summary is traceable: a year or a date, the plan score's
// figures, or the value, the count (k) or the population (n) of an indicator the sentence
// names in brackets.
func TestSummaryNumbersAreTraceable(t *testing.T) {
	s := loadSample(t)
	sum := s.r.doc.Content.Summary
	require.GreaterOrEqual(t, len(sum), 7)
	o := s.a.Overall
	scoreNumbers := map[string]bool{fmtShare(o.Score): true, fmtShare(o.Expected): true, strconv.Itoa(o.Indicators): true,
		strconv.Itoa(o.IndicatorsScored): true, strconv.Itoa(s.a.TargetYear): true}
	for _, st := range engine.ProgressStatuses {
		scoreNumbers[strconv.Itoa(o.ProgressCounts.Get(st))] = true
	}
	for _, st := range sum {
		allowed := map[string]bool{}
		for y := 2019; y <= 2026; y++ {
			allowed[strconv.Itoa(y)] = true
		}
		for d := 1; d <= 31; d++ {
			allowed[strconv.Itoa(d)] = true // days of dates ("30 June 2025")
		}
		if len(st.Refs) == 0 {
			for k := range scoreNumbers {
				allowed[k] = true
			}
			allowed[strings.TrimSuffix(fmtShare(o.Score), "%")] = true
			allowed[strings.TrimSuffix(fmtShare(o.Expected), "%")] = true
		}
		for _, id := range st.Refs {
			ia, ok := s.a.Indicator(id)
			require.True(t, ok, id)
			if ia.Value != nil {
				allowed[fmtValue(ia.Value, ia.Unit)] = true
				allowed[strings.TrimSuffix(fmtValue(ia.Value, ia.Unit), "%")] = true
			}
			for _, k := range []int{ia.Counted.Len(), ia.N, ia.Population, ia.NoData.Len()} {
				allowed[fixed(float64(k), 0)] = true
			}
			if c := ia.Coverage; ia.CoverageFlag && c != nil { // the flag's reason: the coverage and the plan's min_coverage
				for _, k := range []int{c.Known, c.Population} {
					allowed[fixed(float64(k), 0)] = true
				}
				if c.Share != nil {
					allowed[fixed(*c.Share*100, 0)] = true
				}
				allowed[fixed(s.a.Scoring.MinCoverage*100, 0)] = true
			}
		}
		for _, num := range numberRE.FindAllString(st.Text, -1) {
			assert.True(t, allowed[num], "%q: %s is not the value, k or n of %v", st.Text, num, st.Refs)
		}
		for w, v := range wordNumbers {
			if regexp.MustCompile(`\b(?i:` + w + `)\b`).MatchString(st.Text) {
				assert.True(t, allowed[strconv.Itoa(v)], "%q: %q is not the value, k or n of %v", st.Text, w, st.Refs)
			}
		}
	}
}

// TestSummaryLeadingCounts: a count that begins a sentence is spelled as the language writes
// it, never in figures: "Two States", "One State" in English; « Deux États », « Un État » in
// French; «Dos Estados», «Un Estado» in Spanish (style: a French or Spanish sentence does not
// begin with a figure).
func TestSummaryLeadingCounts(t *testing.T) {
	n := func(v float64) *float64 { return &v }
	a := summaryAssessment("2025-06-30", summaryIndicator("10.1", engine.AggCount, n(3), "", []string{"AAA", "BBB", "CCC"}, 5, 5))
	prev := summaryAssessment("2024-06-30", summaryIndicator("10.1", engine.AggCount, n(2), "", []string{"AAA", "DDD"}, 5, 5))
	for lang, want := range map[locale.Lang]string{
		locale.English: "Two States became Parties in 2024: State BBB and State CCC. One State ceased to be a Party: State DDD.",
		locale.French:  "Deux États sont devenus parties en 2024\u00a0: State BBB et State CCC. Un État a cessé d'être partie\u00a0: State DDD.",
		locale.Spanish: "Dos Estados pasaron a ser partes en 2024: State BBB y State CCC. Un Estado dejó de ser parte: State DDD.",
	} {
		var text string
		for _, s := range summarize(locale.For(lang), a, prev, func(iso string) string { return "State " + iso }, nil) {
			text += s.Text
		}
		assert.Contains(t, text, want, lang)
	}
	for _, c := range []struct {
		n          int
		fr, es, en string
	}{{1, "Un", "Un", "1"}, {9, "Neuf", "Nueve", "9"}, {10, "10", "10", "10"}, {1234, "1\u00a0234", "1.234", "1,234"}} {
		assert.Equal(t, c.fr, locale.For(locale.French).Leading(c.n))
		assert.Equal(t, c.es, locale.For(locale.Spanish).Leading(c.n))
		assert.Equal(t, c.en, locale.For(locale.English).Leading(c.n))
	}
}
