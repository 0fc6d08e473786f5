package server

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports"
)

// TestWhatIfFormProblems: bad input in the what-if form is refused (422, never a 500, nothing
// run) with a message beside the field that names it by its label, once ("Date: ...", not
// "date: date: ..."), the field marked invalid and described by the message, and the row's
// "More options" open when the problem is one of them; a scenario with a name and no event,
// a row with only an option, and a form sent empty are said, not passed over; an annual report
// for a year not over on the day it is submitted is refused.
func TestWhatIfFormProblems(t *testing.T) {
	h := sample(t).Handler()
	tests := []struct {
		name  string
		q     url.Values
		field string // the erroneous field's id suffix, "" for a message of the scenario or the form
		want  string
	}{
		{"a day that is no date", url.Values{"a.e0.state": {"Lebanon"}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {"30/06/2025"}},
			"date", `Date: parse date &#34;30/06/2025&#34;: want YYYY-MM-DD, YYYY-MM or YYYY`},
		{"an area that is none", url.Values{"a.e0.state": {"Lao"}, "a.e0.type": {"clear"}, "a.e0.date": {"2025"}, "a.e0.area": {"lots"}},
			"area", `Area cleared (clear), m² or km²: &#34;lots&#34; is not an area`},
		{"a missing deadline", url.Values{"a.e0.state": {"Lao"}, "a.e0.type": {"extension-granted"}, "a.e0.date": {"2025-09-15"}},
			"deadline", `New deadline (extension granted): missing required key &#34;deadline&#34;`},
		{"a stockpile that is no number", url.Values{"a.e0.state": {"Kenya"}, "a.e0.type": {"ratify"}, "a.e0.date": {"2025-03-15"}, "a.e0.stockpile": {"many"}},
			"stockpile", `&#34;many&#34; is not a number`},
		{"an annual report for a year not over", url.Values{"a.e0.state": {"Congo"}, "a.e0.type": {"submit-report"}, "a.e0.date": {"2025-06-30"}, "a.e0.report": {"annual"}, "a.e0.covering": {"2030"}},
			"covering", `Year covered (annual report): the annual report for 2030 cannot be submitted on 2025-06-30, before 2030 is over`},
		{"an option without its event", url.Values{"a.e0.area": {"2km2"}},
			"state", `State: missing required key &#34;state&#34;`},
		{"a name without an event", url.Values{"b.name": {"Lao clears more"}, "a.e0.state": {"Lebanon"}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {"2025-06-30"}},
			"", `<p class="error" id="b-err">Scenario B has a name but no event: give a State, what happens and a date, or clear the name.</p>`},
		{"nothing at all", url.Values{"run": {"1"}, "asof": {"2026-06-30"}},
			"", `Nothing to compare yet: give a State, what happens and a date in scenario A.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, "/whatif?"+tt.q.Encode())
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
			body := rec.Body.String()
			assert.Contains(t, body, tt.want)
			assert.NotContains(t, body, `id="summary-`, "nothing is run")
			assert.NotRegexp(t, `>(date|area|deadline|stockpile|covering|state)(&#58;|:) `, body, "the field is named by its label")
			if tt.field != "" {
				key := "b"
				if tt.q.Get("a.e0.state") != "" || tt.q.Get("a.e0.area") != "" {
					key = "a"
				}
				id := key + "-e0-" + tt.field
				assert.Contains(t, body, `id="`+id+`-err"`)
				assert.Regexp(t, `id="`+id+`" name="[^"]+"[^>]* aria-invalid="true" aria-describedby="`+id+`-err"`, body)
				if contains(optionFields, tt.field) {
					assert.Contains(t, body, `<details open><summary>More options`, "the options with the problem are shown")
				}
			}
		})
	}
	// a State page's link fills the form and runs nothing, without a message
	rec := get(t, h, "/whatif?state=LBN")
	assert.Equal(t, 200, rec.Code)
	assert.NotContains(t, rec.Body.String(), `class="error"`)
}

// TestWhatIfPageReadable: the plan score before and after is written to one decimal, as the
// summary writes it (whole percentages would show a rise of 0.3 pp as 40% → 40%), and equals
// the API's; a value with a unit shows it (an area in km², not a bare number) on the what-if,
// section, indicator and dashboard pages; the dashboard's charts say what they show.
func TestWhatIfPageReadable(t *testing.T) {
	h := sample(t).Handler()
	body := get(t, h, "/whatif?"+lebanon.Encode()).Body.String()
	m := regexp.MustCompile(`Plan score (\d+\.\d%) over (\d+) indicators → (\d+\.\d%) over (\d+)`).FindStringSubmatch(body)
	require.NotNil(t, m, "the plan score line, to one decimal")
	var rep struct {
		Scenarios []struct {
			Overall struct {
				BaseScore     *float64 `json:"base_score"`
				ScenarioScore *float64 `json:"scenario_score"`
			} `json:"overall"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal(get(t, h, "/api/whatif?"+lebanon.Encode()).Body.Bytes(), &rep))
	pct := func(v *float64) string { p := 100 * *v; return reports.FormatValue(&p, "percent") }
	assert.Equal(t, pct(rep.Scenarios[0].Overall.BaseScore), m[1])
	assert.Equal(t, pct(rep.Scenarios[0].Overall.ScenarioScore), m[3])
	assert.Regexp(t, `<tr id="changed-a-24.2">.*?1,436.12<sup[^>]*>ⁱ</sup> <span class="unit">km²</span>`, body)

	assert.Contains(t, get(t, h, "/section/clearance").Body.String(), `69.06 <span class="unit">km²</span>`)
	assert.Regexp(t, `<dd id="value">69.06 <span class="unit">km²</span>`, get(t, h, "/indicator/21.1").Body.String())
	fr := get(t, h, "/section/clearance?lang=fr").Body.String()
	assert.Contains(t, fr, `69,06 <span class="unit">km²</span>`)
	dash := get(t, h, "/").Body.String()
	assert.Contains(t, dash, `alt="Horizontal bars: the progress score of each section and of the whole plan, 0 to 100 percent. The same figures are in the tables above."`)
	assert.NotContains(t, dash, "Overview chart: scores")
	assert.True(t, strings.Contains(dash, `alt="Stacked horizontal bars`))
}

// TestWhatIfCompareSaysLikeForLike: the side-by-side table gives under each scenario's plan
// score its change like for like, the change its summary states: Lebanon's completion raises
// the plan score like for like while the full score falls because 26.1 leaves the comparison,
// and the row alone (39.7% then 38.5%) would read as a fall.
func TestWhatIfCompareSaysLikeForLike(t *testing.T) {
	h := sample(t).Handler()
	q := url.Values{"a.e0.state": {"Congo"}, "a.e0.type": {"submit-report"}, "a.e0.report": {"initial"}, "a.e0.date": {"2025-06-30"}}
	for k, v := range lebanon {
		q["b"+strings.TrimPrefix(k, "a")] = v
	}
	body := get(t, h, "/whatif?"+q.Encode()).Body.String()
	row := regexp.MustCompile(`(?s)<tbody><tr><th scope="row">Plan score</th>(.*?)</tr>`).FindStringSubmatch(body)
	require.NotNil(t, row)
	var rep struct {
		Scenarios []struct {
			Overall struct {
				Delta *float64 `json:"delta"`
			} `json:"overall"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal(get(t, h, "/api/whatif?"+q.Encode()).Body.Bytes(), &rep))
	require.Len(t, rep.Scenarios, 2)
	for _, sc := range rep.Scenarios {
		assert.Contains(t, html.UnescapeString(row[1]), `<span class="lfl">`+reports.FormatScoreDelta(sc.Overall.Delta)+` like for like</span>`)
	}
	assert.Positive(t, *rep.Scenarios[1].Overall.Delta, "Lebanon's completion: a rise like for like")
}

// TestWhatIfCompareInTheLanguage: scenarios left unnamed are named in the page's language, and
// the side-by-side table's plan row too (a Spanish page read "Plan score" and "Scenario A").
func TestWhatIfCompareInTheLanguage(t *testing.T) {
	h := sample(t).Handler()
	q := url.Values{"lang": {"es"}, "a.e0.state": {"Lebanon"}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {"2025-06-30"},
		"b.e0.state": {"Lao"}, "b.e0.type": {"clear"}, "b.e0.date": {"2025"}, "b.e0.area": {"20km2"}}
	rec := get(t, h, "/whatif?"+q.Encode())
	require.Equal(t, 200, rec.Code, rec.Body.String())
	text := visibleText(rec.Body.String())
	assert.NotContains(t, text, "Plan score")
	assert.NotContains(t, text, "Scenario A")
	assert.Contains(t, text, "Escenario A")
	assert.Contains(t, rec.Body.String(), `<th scope="row">Puntuación del plan</th>`)
}

// TestWhatIfStateInTheLanguage: on a French or Spanish page the form offers the States by the
// names the page shows and takes a State by that name, without regard to case or accents
// ("Liban", "republique democratique populaire lao"); a State page's link fills it in that
// name too.
func TestWhatIfStateInTheLanguage(t *testing.T) {
	h := sample(t).Handler()
	for _, tt := range []struct{ lang, state, option, summary string }{
		{"fr", "Liban", `<option value="Liban">`, "Si le Liban"},
		{"fr", "republique democratique populaire lao", `<option value="République démocratique populaire lao">`, "République démocratique populaire lao"},
		{"es", "Líbano", `<option value="Líbano">`, "Líbano"},
	} {
		q := url.Values{"lang": {tt.lang}, "a.e0.state": {tt.state}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {"2025-06-30"}}
		if tt.state != "Liban" && tt.state != "Líbano" {
			q.Set("a.e0.type", "clear")
			q.Set("a.e0.date", "2025")
			q.Set("a.e0.area", "2km2")
		}
		rec := get(t, h, "/whatif?"+q.Encode())
		require.Equal(t, 200, rec.Code, "%s %s: %s", tt.lang, tt.state, rec.Body.String())
		body := rec.Body.String()
		assert.Contains(t, body, tt.option)
		m := regexp.MustCompile(`id="summary-a">([^<]*)<`).FindStringSubmatch(body)
		require.NotNil(t, m)
		assert.Contains(t, html.UnescapeString(m[1]), tt.summary)
	}
	assert.Contains(t, get(t, h, "/whatif?lang=fr&state=LBN").Body.String(), `value="Liban"`)
}

// TestWhatIfSaysWhatItReplaces: an event that replaces a fact the data already hold says so
// beside its result: Chad's annual report for 2025, received on 13 February 2026, moved to 15
// April 2026 (still before the 30 April deadline) changes no indicator, and the page says why
// rather than leave "no indicator would change" unexplained; an event on a fact the data lack
// says nothing of the kind (Congo's initial report).
func TestWhatIfSaysWhatItReplaces(t *testing.T) {
	h := sample(t).Handler()
	q := url.Values{"a.e0.state": {"Chad"}, "a.e0.type": {"submit-report"}, "a.e0.report": {"annual"}, "a.e0.date": {"2026-04-15"}}
	body := get(t, h, "/whatif?"+q.Encode()).Body.String()
	assert.Contains(t, body, "no indicator would change")
	assert.Contains(t, body, `<ul class="replaces" id="replaces-a"><li>The data already hold art7_annual_submitted 2025 = 2026-02-13 (illustrative) for Chad: this scenario replaces it with 2026-04-15.</li></ul>`)
	q.Set("a.e0.date", "2026-02-13")
	assert.Contains(t, get(t, h, "/whatif?"+q.Encode()).Body.String(), "this scenario sets the same value.")
	// Lebanon's completion supposes no area left where the data hold 3.9 km² for 2025
	assert.Contains(t, get(t, h, "/whatif?"+lebanon.Encode()).Body.String(), "The data already hold art4_area_remaining_m2 2025 = 3900000 (illustrative) for Lebanon: this scenario replaces it with 0.")
	congo := url.Values{"a.e0.state": {"Congo"}, "a.e0.type": {"submit-report"}, "a.e0.report": {"initial"}, "a.e0.date": {"2025-06-30"}}
	assert.NotContains(t, get(t, h, "/whatif?"+congo.Encode()).Body.String(), `class="replaces"`)
}
