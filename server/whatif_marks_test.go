package server

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
)

// TestWhatIfPageMarks: the what-if page marks each indicator's value, now and in each
// scenario, by the class of the data behind it, as lap whatif's tables do: every value cell of
// the changed indicators' table and of the side-by-side table is compared with the classes of
// /api/whatif (the JSON of lap whatif); the indicators carry their provenance label and the page
// has the marks' legend, in English, French and Spanish.
func TestWhatIfPageMarks(t *testing.T) {
	h := sample(t).Handler()
	q := url.Values{}
	for k, v := range lebanon {
		q[k] = v
	}
	for k, v := range (url.Values{"b.name": {"Lao clears 20 km2"}, "b.e0.state": {"Lao"}, "b.e0.type": {"clear"}, "b.e0.date": {"2025"}, "b.e0.area": {"20km2"}}) {
		q[k] = v
	}
	var api struct {
		Scenarios []struct {
			Indicators []struct {
				ID            string   `json:"id"`
				Provenance    string   `json:"provenance"`
				BaseValue     *float64 `json:"base_value"`
				ScenarioValue *float64 `json:"scenario_value"`
				BaseClass     string   `json:"base_class"`
				ScenarioClass string   `json:"scenario_class"`
			} `json:"indicators"`
		} `json:"scenarios"`
	}
	rec := get(t, h, "/api/whatif?"+q.Encode())
	require.Equal(t, 200, rec.Code, rec.Body.String())
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &api))
	require.Len(t, api.Scenarios, 2)
	cell := regexp.MustCompile(`<td class="num[^"]*">(.*?)</td>`)
	// want is a value cell's mark as the page writes it: the class's symbol in a sup element
	want := func(v *float64, class string) string {
		if v == nil || reports.MarkSymbol(engine.Class(class)) == "" {
			return ""
		}
		return `<sup class="mark mark-` + class + `"`
	}
	check := func(t *testing.T, what, td string, v *float64, class string) {
		if w := want(v, class); w != "" {
			assert.Contains(t, td, w, "%s rests on %s data", what, class)
			assert.Contains(t, td, ">"+reports.MarkSymbol(engine.Class(class))+"</sup>", what)
		} else {
			assert.NotContains(t, td, "<sup", "%s rests on official data (or has no value)", what)
		}
	}
	for _, lang := range []string{"en", "fr", "es"} {
		t.Run(lang, func(t *testing.T) {
			rec := get(t, h, "/whatif?"+q.Encode()+"&lang="+lang)
			require.Equal(t, 200, rec.Code)
			body := rec.Body.String()
			legend := regexp.MustCompile(`<p class="muted marks-legend" id="marks-legend">([^<]*)</p>`).FindStringSubmatch(body)
			require.NotNil(t, legend, "the marks' legend")
			for _, sym := range []string{"ᵐ", "ᵉ", "ᵘ", "ⁱ"} {
				assert.Contains(t, legend[1], sym)
			}
			marked := 0
			for si, key := range []string{"a", "b"} {
				for _, c := range api.Scenarios[si].Indicators {
					row := regexp.MustCompile(`(?s)<tr id="changed-` + key + `-` + regexp.QuoteMeta(c.ID) + `">(.*?)</tr>`).FindStringSubmatch(body)
					require.NotNil(t, row, "scenario %s: %s", key, c.ID)
					assert.Contains(t, row[1], html.EscapeString("("+c.Provenance+")"), "%s: labelled", c.ID)
					tds := cell.FindAllStringSubmatch(row[1], -1)
					require.GreaterOrEqual(t, len(tds), 2, c.ID)
					check(t, key+" "+c.ID+" now", tds[0][1], c.BaseValue, c.BaseClass)
					check(t, key+" "+c.ID+" scenario", tds[1][1], c.ScenarioValue, c.ScenarioClass)
					if want(c.BaseValue, c.BaseClass) != "" {
						marked++
					}
					// the side-by-side table: now, then each scenario (unchanged where the
					// other scenario does not move it)
					row = regexp.MustCompile(`(?s)<tr id="compare-` + regexp.QuoteMeta(c.ID) + `">(.*?)</tr>`).FindStringSubmatch(body)
					require.NotNil(t, row, "side by side: %s", c.ID)
					assert.Contains(t, row[1], html.EscapeString("("+c.Provenance+")"), "%s: labelled", c.ID)
					tds = cell.FindAllStringSubmatch(row[1], -1)
					require.Len(t, tds, 3, c.ID)
					check(t, "side by side "+c.ID+" now", tds[0][1], c.BaseValue, c.BaseClass)
					check(t, "side by side "+key+" "+c.ID, tds[1+si][1], c.ScenarioValue, c.ScenarioClass)
				}
			}
			assert.Positive(t, marked, "the sample's invented figures are marked")
		})
	}
}

// TestWhatIfCSVClasses: the what-if's CSV download carries each changed indicator's provenance
// label and the classes of its values (the JSON's), so that a figure opened in a spreadsheet
// still says it is invented.
func TestWhatIfCSVClasses(t *testing.T) {
	h := sample(t).Handler()
	rec := get(t, h, "/whatif/result.csv?"+lebanon.Encode())
	require.Equal(t, 200, rec.Code)
	rows, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, c := range []string{"id", "provenance", "base_class", "scenario_class"} {
		require.Contains(t, col, c)
	}
	var api struct {
		Scenarios []struct {
			Indicators []struct {
				ID            string `json:"id"`
				Provenance    string `json:"provenance"`
				BaseClass     string `json:"base_class"`
				ScenarioClass string `json:"scenario_class"`
			} `json:"indicators"`
		} `json:"scenarios"`
	}
	rec = get(t, h, "/api/whatif?"+lebanon.Encode())
	require.Equal(t, 200, rec.Code)
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &api))
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[col["id"]]] = r
	}
	illustrative := 0
	for _, c := range api.Scenarios[0].Indicators {
		r, ok := byID[c.ID]
		require.True(t, ok, c.ID)
		assert.Equal(t, []string{c.Provenance, c.BaseClass, c.ScenarioClass}, []string{r[col["provenance"]], r[col["base_class"]], r[col["scenario_class"]]}, c.ID)
		if c.BaseClass == "illustrative" {
			illustrative++
		}
	}
	assert.Positive(t, illustrative)
}
