package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPickYear: a coordinator picks the year in the head (?year=): the workspace of that year
// is cut off as lap report is for it, its links, charts, forms, downloads and language switch
// keep the year, and a year the workspace does not have is answered with a page naming the
// years there are (404), never a 500.
func TestPickYear(t *testing.T) {
	h := sample(t).Handler()
	body := get(t, h, "/").Body.String()
	assert.Contains(t, body, `<select id="year-pick" name="year"><option value="2021">2021</option>`)
	assert.Contains(t, body, `<option value="2025" selected>2025</option><option value="2026">2026</option></select>`)

	rec := get(t, h, "/?year=2024")
	require.Equal(t, 200, rec.Code, rec.Body.String())
	body = rec.Body.String()
	for _, want := range []string{
		"· 2024</span>",
		"Data as of 30 June 2025 (the plan&#39;s report cut-off for 2024).",
		`<option value="2024" selected>2024</option>`,
		`href="/section/clearance?year=2024"`,
		`src="/chart/scores.svg?year=2024"`,
		`href="/?year=2024&amp;lang=fr"`,
		`href="/whatif?year=2024"`,
		"Largest changes since the report on 2023",
	} {
		assert.Contains(t, body, want)
	}
	assert.Equal(t, 200, get(t, h, "/chart/scores.svg?year=2024").Code)
	rec = get(t, h, "/state/Lebanon?year=2024&lang=fr")
	assert.Equal(t, http.StatusSeeOther, rec.Code)
	assert.Equal(t, "/state/LBN?year=2024&lang=fr", rec.Header().Get("Location"))

	form := get(t, h, "/whatif?year=2024").Body.String()
	assert.Contains(t, form, `<input type="hidden" name="year" value="2024">`)
	assert.Contains(t, form, `<input id="asof" name="asof" value="2025-06-30"`)
	q := url.Values{"year": {"2024"}, "a.e0.state": {"Lebanon"}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {"2024-06-30"}}
	page := get(t, h, "/whatif?"+q.Encode()).Body.String()
	assert.Contains(t, page, "Before and after are both the data as known on 30 June 2025, the cut-off of the report on 2024")
	assert.Contains(t, page, `href="/whatif/scenario.toml?a.e0.date=2024-06-30&amp;a.e0.state=Lebanon&amp;a.e0.type=complete-clearance&amp;year=2024"`)
	var rep struct {
		Year int    `json:"year"`
		AsOf string `json:"as_of"`
	}
	rec = get(t, h, "/api/whatif?"+q.Encode())
	require.Equal(t, 200, rec.Code, rec.Body.String())
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	assert.Equal(t, 2024, rep.Year)
	assert.Equal(t, "2025-06-30", rep.AsOf)

	for _, y := range []string{"1999", "2027", "2020", "abc", "2024x"} {
		rec := get(t, h, "/?year="+y)
		assert.Equal(t, http.StatusNotFound, rec.Code, y)
		assert.Contains(t, rec.Body.String(), "No workspace for the year “"+y+"”: pick a year from 2021 to 2026.", y)
		rec = get(t, h, "/api/whatif?year="+y)
		assert.Equal(t, http.StatusNotFound, rec.Code, y)
		assert.Contains(t, rec.Body.String(), `"error":"year: No workspace for the year`, y)
	}
	// the year started is served by this workspace itself
	assert.Equal(t, get(t, h, "/").Body.String(), get(t, h, "/?year=2025").Body.String())
}
