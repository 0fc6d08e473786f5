package reports

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/risk"
	"github.com/lapmonitor/lap/reports/locale"
)

func TestTextFormat(t *testing.T) {
	y := 2031
	tests := []struct {
		name, got, want string
	}{
		{"value missing", textValue(nil, "states"), "–"},
		{"value whole, not grouped", textValue(f(1296700000), "m2"), "1296700000"},
		{"value percent", textValue(f(92.30769), "percent"), "92.3%"},
		{"value fraction", textValue(f(1.6), "states"), "1.60"},
		{"score", textScore(f(0.5897)), "59%"},
		{"score above 1000%, not grouped", textScore(f(12.5)), "1250%"},
		{"score tiny regression is 0", textScore(f(-0.001)), "0%"},
		{"score missing", textScore(nil), "–"},
		{"delta up", textDelta(f(1), "states"), "+1"},
		{"delta down", textDelta(f(-8), "states"), "-8"},
		{"delta percent in points", textDelta(f(12.5), "percent"), "+12.5 pp"},
		{"delta missing", textDelta(nil, "states"), "–"},
		{"score delta up", textScoreDelta(f(0.0123)), "+1.2 pp"},
		{"score delta down", textScoreDelta(f(-0.5)), "-50.0 pp"},
		{"score delta rounds to 0", textScoreDelta(f(-0.0001)), "0.0 pp"},
		{"score delta missing", textScoreDelta(nil), "–"},
		{"probability", textProb(f(0.2345)), "23.4%"},
		{"probability missing", textProb(nil), "–"},
		{"fractional year", textYearFrac(f(2033.46)), "2033.5"},
		{"never", textYearFrac(nil), "never"},
		{"exact", textExact(0.125), "0.125"},
		{"dash for empty", orDash(""), "–"},
		{"year", yearOrDash(&y), "2031"},
		{"no year", yearOrDash(nil), "–"},
		{"one line", oneLine("a\n  b\tc "), "a b c"},
		{"markdown cell", markdownText("a |\n b  c"), `a \| b c`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got)
		})
	}
}

func TestEncodeJSON(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, EncodeJSON(&b, map[string]string{"a": "<b>"}))
	assert.Equal(t, "{\n  \"a\": \"<b>\"\n}\n", b.String(), "indented, HTML left as is")

	// the bytes of an Encoder with SetIndent, into a buffer (appended) or any writer
	a, _ := fixture()
	for _, v := range []any{a, []any{}, map[string]any{"x": []int{1, 2}, "y": map[string]any{}, "z": "a\u2028<&>\"\n"}, 1.5e300, nil} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(v))
		got := bytes.NewBufferString("before\n")
		require.NoError(t, EncodeJSON(got, v))
		assert.Equal(t, "before\n"+want.String(), got.String())
		var w strings.Builder
		require.NoError(t, EncodeJSON(&w, v))
		assert.Equal(t, want.String(), w.String())
	}
}

// TestJSONIndenter: the indenter gives json.Indent's bytes whatever the compact JSON holds
// (empty and nested objects and arrays, quotes, backslashes and brackets in strings, more
// than its buffer) and however the writes split it; a value that cannot be encoded writes
// nothing.
func TestJSONIndenter(t *testing.T) {
	a, _ := fixture()
	long := strings.Repeat(`{"k":[1,"]",{}]},`, 5000)
	values := []any{a, map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{[]any{}, map[string]any{"d": []any{map[string]any{}}}}},
		[]string{`"`, `\`, `\"`, `"\`, `{[,:]}`, "tab\tnew\nline", "\u00e9\u2028"}, json.RawMessage("[" + long + "0]"), "x", 0, true}
	for i, v := range values {
		compact, err := json.Marshal(v)
		require.NoError(t, err)
		compact = append(compact, '\n')
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, compact, "", "  "))
		for _, size := range []int{1, 2, 7, 4096, len(compact)} {
			var got bytes.Buffer
			ind := &jsonIndenter{w: &got}
			for rest := compact; len(rest) > 0; {
				n := min(size, len(rest))
				_, err := ind.Write(rest[:n])
				require.NoError(t, err)
				rest = rest[n:]
			}
			require.NoError(t, ind.flush())
			require.Equal(t, want.String(), got.String(), "value %d, writes of %d bytes", i, size)
		}
	}
	var b bytes.Buffer
	require.Error(t, EncodeJSON(&b, map[string]any{"a": 1, "b": make(chan int)}))
	assert.Zero(t, b.Len(), "nothing written")
}

func TestWriteEvalTable(t *testing.T) {
	a, _ := fixture()
	var b bytes.Buffer
	require.NoError(t, WriteEvalTable(&b, []*engine.Assessment{a}))
	out := b.String()
	tests := []struct {
		name, want string
	}{
		{"header", "Plan: " + a.Plan.Name},
		{"year", "\nYear 2024\n"},
		{"overall", "Overall: score "},
		{"section table", "\nSECTION  "},
		{"indicator table", "\nID   "},
		{"whole value, not grouped", "2500000"},
		{"obligations", "\nOBLIGATIONS  "},
		{"episode 2 in its own words", "completed 4 months after it was found"},
		{"deadline ahead, never not met", "open, deadline ahead"},
		{"projections", "\nPROJECTIONS  "},
		{"a table keyed by code names each State", "\nDDD          Dinotopia  4        1        13,383,333 m² (2024)"},
		{"projection basis", "one data point"},
		{"projection numbers formatted", "13,383,333 m² (2024)"},
		{"projection rate rounded", "1,340,000 m²"},
		{"deadline not known, with its note, naming the State", "Dinotopia, Article 4, deadline-not-known: the deadline recorded, 2024-03-01, has passed (extension requested in 2023, no decision recorded)"},
		{"States", "\nSTATE PARTY  "},
		{"Article 7 in neutral words", "annual report on time"},
	}
	proj := out[strings.Index(out, "\nPROJECTIONS"):strings.Index(out, "\nSTATE PARTY")]
	assert.NotRegexp(t, `\d{5,}\.\d|\d{4,} m`, proj, "no raw float, thousands grouped")
	assert.NotRegexp(t, `(?m)^DDD .*(past the deadline|will-miss)`, out)
	assert.NotContains(t, out, "not-met", "no Article 3 or 4 obligation is 'not met'")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, out, tt.want)
		})
	}
	assert.ErrorIs(t, WriteEvalTable(&b, nil), ErrNoAssessment)
}

func TestWriteEvalCSV(t *testing.T) {
	a, _ := fixture()
	for i := range a.Indicators {
		a.Indicators[i].Groups = nil // not split by a breakdown
	}
	var b bytes.Buffer
	require.NoError(t, WriteEvalCSV(&b, []*engine.Assessment{a, a}))
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	require.Len(t, lines, 1+2*len(a.Indicators), "a header, then one row per indicator and year")
	assert.Equal(t, strings.Join(evalCSVHeader, ","), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "2024,1.1,1,alpha,share,percent,75,3,4,5,4,CCC,ok,"), lines[1])

	// split by breakdowns: by and group columns, and a row per group after each indicator's
	a, _ = fixture()
	b.Reset()
	require.NoError(t, WriteEvalCSV(&b, []*engine.Assessment{a}))
	lines = strings.Split(strings.TrimSpace(b.String()), "\n")
	require.Len(t, lines, 1+len(a.Indicators)+4+2)
	assert.Equal(t, strings.Join(evalCSVHeader, ",")+",by,group", lines[0])
	assert.True(t, strings.HasSuffix(lines[1], ",,"), "the whole has no group: "+lines[1])
	assert.Equal(t, "2024,1.1,1,alpha,share,percent,50,,,3,2,1,too-few,,proposed,deposit,2025-06-30,,,,,,,,,,,,,,2,1,exclude,5,,,,,region,africa", lines[2])
}

func TestWriteRiskTable(t *testing.T) {
	r := &risk.Report{Year: 2025, AsOf: "2025-12-31", Draws: 100, Seed: 3, HorizonYear: 2026,
		States: []risk.State{
			{ISO3: "LAO", Name: "Lao People's Democratic Republic", Article: 4, Episode: 1, Unit: "m2", Remaining: f(1500000), RemainingYear: 2025, Deadline: "2030-08-01",
				History: []engine.YearValue{{Year: 2023, Value: f(1)}, {Year: 2025, Value: f(2)}}, Simulated: true,
				PByDeadline: f(0.25), PByHorizon: f(0.015), P10: f(2029.4), Median: f(2031.06), P90: nil, Projected: f(2030.2),
				Why: "the projection (completes 2030.2) uses the mean of the latest years with data"},
			{ISO3: "PER", Name: "Peru", Article: 3, Episode: 1, Unit: "submunitions", Reason: "no history"},
			{ISO3: "TCD", Name: "Chad", Article: 4, Episode: 1, Unit: "m2", Remaining: f(400000), RemainingYear: 2025, Deadline: "2026-10-01",
				History: []engine.YearValue{{Year: 2025, Value: f(66000)}}, SinglePoint: true, Projected: f(2032.1), Stale: true,
				Reason: "rests on one year of data (2025): every draw would be the same, so there is no spread to report; see the projection"},
			{ISO3: "DEU", Name: "Germany", Article: 4, Episode: 1, Unit: "m2", Remaining: f(5000000), RemainingYear: 2025, Deadline: "2025-08-01",
				History: []engine.YearValue{{Year: 2024, Value: f(1e6)}, {Year: 2025, Value: f(1.4e6)}}, Simulated: true, DeadlineNotKnown: true,
				PByHorizon: f(0), P10: f(2029.4), Median: f(2030.1), P90: f(2031.2), Projected: f(2029.2),
				Reason: "deadline not known (extension requested in 2024, no decision recorded)"},
		},
		Indicators: []risk.Indicator{{ID: "20.1", Title: "Outstanding", Target: 0, Current: f(2), Expected: 1.234, PReach: 0.5, Unsimulated: 1},
			{ID: "24.1", Title: "Past the deadline", Target: 0, Current: f(0), Expected: 0.5, PReach: 0.5, DeadlineNotKnown: 1}},
	}
	var b bytes.Buffer
	require.NoError(t, WriteRiskTable(&b, r))
	out := b.String()
	assert.Contains(t, out, "Deadline risk, year 2025, as of 2025-12-31: 100 draws per State, seed 3, horizon 2026\n")
	assert.Contains(t, out, "P(BY END 2026)")
	assert.Regexp(t, `(?m)^LAO +Lao People's Democratic Republic +4 +1 +1,500,000 m² \(2025\) +2 years 2023-2025 +2030-08-01 +25\.0% +1\.5% +2029\.4 +2031\.1 +never +2030\.2 *$`, out)
	assert.Regexp(t, `(?m)^PER +Peru +3 +1 +– +– +– +– +– +– +– +– +– +no history$`, out)
	assert.Regexp(t, `(?m)^TCD +Chad +4 +1 +400,000 m² \(2025\) +1 year 2025 +2026-10-01 +– +– +– +– +– +2032\.1 +rests on one year of data \(2025\).*; rests on data older than two years$`, out)
	// a deadline passed while an extension request awaits a decision: no probability of
	// meeting it, and the note says why
	assert.Regexp(t, `(?m)^DEU +Germany +4 +1 +5,000,000 m² \(2025\) +2 years 2024-2025 +2025-08-01 +– +0\.0% +2029\.4 +2030\.1 +2031\.2 +2029\.2 +deadline not known \(extension requested in 2024, no decision recorded\)$`, out)
	assert.Contains(t, out, "MEDIAN AND PROJECTION")
	assert.Contains(t, out, "  Lao People's Democratic Republic (article 4): the projection (completes 2030.2)", "a note names its State")
	assert.NotContains(t, out, "100.0%", "no certainty from one data point")
	assert.Regexp(t, `(?m)^20\.1 +2 +0 +1\.23 +50\.0% +1 +0 +Outstanding$`, out)
	assert.Regexp(t, `(?m)^24\.1 +0 +0 +0\.50 +50\.0% +0 +1 +Past the deadline$`, out)
	assert.Contains(t, out, "DEADLINE NOT KNOWN: the States left out of a past-deadline count")

	b.Reset()
	require.NoError(t, WriteRiskTable(&b, &risk.Report{HorizonYear: 2026}))
	assert.Contains(t, b.String(), "(no open Article 3 or 4 obligation)")
	assert.NotContains(t, b.String(), "INDICATOR")
}

func TestWriteExplanation(t *testing.T) {
	ex := &engine.Explanation{Year: 2024, AsOf: "2024-12-31", Counting: engine.CountingDeposit,
		Population: "party", Rule: "initial_report_submitted", Definition: "Share of States Parties that submitted.",
		File: "a43.toml", Line: 12, Steps: []string{"progress 1", "status: achieved"}}
	ex.Plan.Name, ex.Plan.Version = "LAP", "test"
	ex.Indicator = engine.IndicatorAssessment{IndicatorResult: engine.IndicatorResult{ID: "43.1", Title: "Initial reports",
		Unit: "percent", Aggregate: engine.AggShare, Value: f(50), Numerator: f(1), Denominator: f(2), Population: 2, Known: 2,
		NoData: engine.NewStateSet()}, Method: engine.MethodLinear, Weight: 1, Series: series(2023, f(40), f(50))}
	ex.Indicator.States = []engine.StateOutcome{
		{ISO3: "AAA", InPopulation: true, Result: true, Values: []engine.FieldRead{{Field: "initial_report_submitted", Value: true, Origin: "derived", Class: engine.ClassOfficial}}},
		{ISO3: "BBB", InPopulation: true, Result: false},
		{ISO3: "CCC", Values: []engine.FieldRead{{Field: "party", Value: false, Origin: "derived"}}},
	}
	ex.Names = map[string]string{"AAA": "Atlantis", "BBB": "Brigadoon", "CCC": "Cockaigne"}
	ex.DerivedInputs = []engine.StateInputs{{ISO3: "AAA", Reads: []engine.FieldRead{{Field: "art7_initial_submitted", Value: "2020-01-05", Origin: "facts.csv:7", Source: "UN", Class: engine.ClassOfficial}}}}
	ex.Indicator.Classes = engine.ClassCounts{Official: 1, Illustrative: 1}
	tests := []struct {
		name    string
		all     bool
		want    []string
		notWant string
	}{
		{"population only", false, []string{
			"Indicator 43.1: Initial reports\n",
			"  defined in indicators/a43.toml:12\n",
			"States in the population: 2 of 3\n",
			"STATE  NAME       OUTCOME      FIELD                          VALUE       CLASS     ORIGIN (SOURCE)\n",
			"AAA    Atlantis   counted      initial_report_submitted       true        official  derived\n",
			"                                 from art7_initial_submitted  2020-01-05  official  facts.csv:7 (UN)\n",
			"BBB    Brigadoon  not counted",
			"Outside the population (1; --all shows their values): Cockaigne\n",
			"Value: 50.0% = 100 x 1 counted / 2 with a known result (population 2, known 2, no data 0)\n",
			"Class: rests partly on illustrative data (States by the least reliable class of what they read: illustrative 1, official 1)\n",
			"Series: 2023 40.0%, 2024 50.0%\n",
			"Scoring (method linear, weight 1):\n  progress 1\n  status: achieved\n",
		}, "not in population"},
		{"all", true, []string{"States outside the population: 1\n", "CCC    Cockaigne  not in population  party  false  -      derived\n"}, "--all shows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteExplanation(&b, ex, tt.all))
			for _, w := range tt.want {
				assert.Contains(t, b.String(), w)
			}
			assert.NotContains(t, b.String(), tt.notWant)
		})
	}
}

func TestWriteEvalJSON(t *testing.T) {
	a, _ := fixture()
	tests := []struct {
		name   string
		years  []*engine.Assessment
		prefix string
	}{
		{"one year: the assessment", []*engine.Assessment{a}, "{\n  \"plan\""},
		{"a range: the years", []*engine.Assessment{a, a}, "{\n  \"years\": [\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteEvalJSON(&b, tt.years))
			assert.True(t, strings.HasPrefix(b.String(), tt.prefix), b.String()[:40])
		})
	}
	assert.ErrorIs(t, WriteEvalJSON(io.Discard, nil), ErrNoAssessment)
}

// TestEvalRangeGivesEachYearsDay: a range of years is assessed at one day per year (each seen
// the same time after its end as the last), so the table names each year's day with the year
// and the plan line names none; before, the plan line gave the first year's day alone ("as
// of: 2024-06-30" above 2024's values, first known in 2025). One year keeps its day on the
// plan line.
func TestEvalRangeGivesEachYearsDay(t *testing.T) {
	s := loadSample(t)
	years := []*engine.Assessment{s.m.Previous, s.a}
	require.Equal(t, "2024-06-30", s.m.Previous.AsOf)
	require.Equal(t, "2025-06-30", s.a.AsOf)
	for _, tt := range []struct {
		lang                     locale.Lang
		plan, noDay, y1, y2, one string
	}{
		{locale.English, "as of: each year's own day, given with the year", "as of: 2024-06-30",
			"\nYear 2023 (as of 2024-06-30)\n", "\nYear 2024 (as of 2025-06-30)\n", "as of: 2025-06-30"},
		{locale.French, "données au\u00a0: date propre à chaque année, indiquée avec l’année", "données au\u00a0: 2024-06-30",
			"\nAnnée 2023 (données au 2024-06-30)\n", "\nAnnée 2024 (données au 2025-06-30)\n", "données au\u00a0: 2025-06-30"},
		{locale.Spanish, "datos al: fecha propia de cada año, indicada con el año", "datos al: 2024-06-30",
			"\nAño 2023 (datos al 2024-06-30)\n", "\nAño 2024 (datos al 2025-06-30)\n", "datos al: 2025-06-30"},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteEvalTableIn(&b, years, tt.lang, ""))
			out := b.String()
			first, _, _ := strings.Cut(out, "\n")
			assert.Contains(t, first, tt.plan)
			assert.NotContains(t, first, tt.noDay, "the first year's day is not the range's")
			assert.Contains(t, out, tt.y1)
			assert.Contains(t, out, tt.y2)

			b.Reset()
			require.NoError(t, WriteEvalTableIn(&b, years[1:], tt.lang, ""))
			first, _, _ = strings.Cut(b.String(), "\n")
			assert.Contains(t, first, tt.one, "one year: its day on the plan line")
		})
	}
}
