package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWhatIfCutOff: the what-if compares at the workspace's cut-off, the report's for the year
// (30 June 2026 for 2025), which the form shows as its "Data as of" and the results name; an
// event dated after the cut-off is refused beside its field (it would change nothing); a later
// day typed in "Data as of" compares there, says the figures before may differ from the
// report's, and the downloads keep it; a cut-off that is not a day, or before the year, is
// refused naming the field; never a 500.
func TestWhatIfCutOff(t *testing.T) {
	h := sample(t).Handler()
	form := get(t, h, "/whatif").Body.String()
	assert.Contains(t, form, `<input id="asof" name="asof" value="2026-06-30"`)
	assert.Contains(t, form, "Default: 30 June 2026, the cut-off of the report on 2025")

	rec := get(t, h, "/whatif?"+lebanon.Encode())
	require.Equal(t, 200, rec.Code)
	assert.Contains(t, rec.Body.String(), `<p class="cutoff" id="compared">Before and after are both the data as known on 30 June 2026, the cut-off of the report on 2025: the figures before are the report&#39;s.</p>`)

	// Lebanon's completion on 15 September 2026: after the cut-off
	late := url.Values{"a.e0.state": {"Lebanon"}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {"2026-09-15"}}
	rec = get(t, h, "/whatif?"+late.Encode())
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	body := rec.Body.String()
	assert.NotContains(t, body, `id="summary-a"`, "nothing is run")
	assert.Contains(t, body, `id="a-e0-date-err"`)
	assert.Contains(t, body, "2026-09-15 is after the cut-off of this comparison, 30 June 2026: nothing dated after that day is seen, so this event would change nothing.")
	assert.Contains(t, body, `aria-describedby="a-e0-date-err"`)
	rec = get(t, h, "/api/whatif?"+late.Encode())
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), "scenario a, event 1, date: 2026-09-15 is after the cut-off")

	// the same at a later cut-off the user chose
	late.Set("asof", "2026-10-31")
	rec = get(t, h, "/whatif?"+late.Encode())
	require.Equal(t, 200, rec.Code, rec.Body.String())
	body = rec.Body.String()
	assert.Contains(t, body, `id="summary-a"`)
	assert.Contains(t, body, "If Lebanon completes clearance on 15 September 2026")
	assert.Contains(t, body, "Before and after are both the data as known on 31 October 2026; the report on 2025 is cut off on 30 June 2026, so the figures before may differ from the report&#39;s.")
	assert.Contains(t, body, `value="2026-10-31"`, "the form keeps the day")
	assert.Contains(t, body, `/whatif/scenario.toml?a.e0.date=2026-09-15&amp;a.e0.state=Lebanon&amp;a.e0.type=complete-clearance&amp;asof=2026-10-31"`, "the downloads keep the cut-off")
	var rep struct {
		AsOf string `json:"as_of"`
	}
	rec = get(t, h, "/api/whatif?"+late.Encode())
	require.Equal(t, 200, rec.Code, rec.Body.String())
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	assert.Equal(t, "2026-10-31", rep.AsOf)

	for _, tt := range []struct{ asof, want string }{
		{"2026-13-01", "Data as of (cut-off): “2026-13-01” is not a day: write it YYYY-MM-DD"},
		{"June 2026", "“June 2026” is not a day"},
		{"2024-12-31", "2024-12-31 is before 1 January 2025: nothing of 2025 would be known on that day."},
	} {
		q := url.Values{}
		for k, v := range lebanon {
			q[k] = v
		}
		q.Set("asof", tt.asof)
		rec := get(t, h, "/whatif?"+q.Encode())
		assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, tt.asof)
		assert.Contains(t, rec.Body.String(), tt.want, tt.asof)
		assert.Contains(t, rec.Body.String(), `id="asof-err"`, tt.asof)
		assert.NotContains(t, rec.Body.String(), `id="summary-a"`, tt.asof)
		for _, path := range []string{"/api/whatif?", "/whatif/result.csv?", "/whatif/scenario.toml?"} {
			rec := get(t, h, path+q.Encode())
			assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, path+tt.asof)
			assert.Contains(t, rec.Body.String(), "asof: ", path+tt.asof)
		}
	}

	// a scenario file or the JSON form: dates after the cut-off are named with their keys
	post := func(target, ct, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		h.ServeHTTP(rec, req)
		return rec
	}
	rec = post("/api/whatif", "application/toml", "name = \"x\"\n\n[[set]]\nstate = \"KEN\"\nfield = \"ratified\"\nvalue = 2026-09-01\n")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), `ratified 2026-09-01 is after the cut-off 2026-06-30`)
	assert.Contains(t, rec.Body.String(), `set[0]`)
	rec = post("/api/whatif", "application/json", `{"events": [{"state": "Lebanon", "type": "complete-clearance", "date": "2026-09-15"}]}`)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), `event[0].date`)
	rec = post("/api/whatif?asof=2026-10-31", "application/json", `{"events": [{"state": "Lebanon", "type": "complete-clearance", "date": "2026-09-15"}]}`)
	require.Equal(t, 200, rec.Code, rec.Body.String())
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	assert.Equal(t, "2026-10-31", rep.AsOf)
	// an extension's new deadline lies after the cut-off by nature: not refused
	rec = post("/api/whatif", "application/json", `{"events": [{"state": "Lao", "type": "extension-granted", "date": "2025-09-15", "article": "4", "deadline": "2030-08-01"}]}`)
	assert.Equal(t, 200, rec.Code, rec.Body.String())
}

// TestPartialYearSaid: the workspace on the current year (2026 on the sample, cut off at the
// data's latest date, 31 October 2026, as lap report is) says on every page's head that the
// year is partial, in the report's words, and labels the year "2026 (partial)".
func TestPartialYearSaid(t *testing.T) {
	def := sample(t)
	s, err := New(context.Background(), Options{Plan: def.plan, Data: def.ds, Year: 2026, DataName: "testdata/sample"})
	require.NoError(t, err)
	assert.True(t, s.CutOff().Partial)
	for _, tt := range []struct{ lang, head, says string }{
		{"en", "· 2026 (partial)</span>", "Data as of 31 October 2026 (the latest date in the data; the plan&#39;s report cut-off for 2026, 30 June 2027, lies beyond it). 2026 is a partial year: its figures cover 1 January to 31 October 2026 and are marked &#34;partial&#34;."},
		{"fr", "· 2026 (partielle)</span>", "2026 est une année partielle"},
	} {
		body := get(t, s.Handler(), "/indicator/43.1?lang="+tt.lang).Body.String()
		assert.Contains(t, body, tt.head, tt.lang)
		assert.Contains(t, body, tt.says, tt.lang)
	}
	// a complete year says neither
	body := get(t, def.Handler(), "/").Body.String()
	assert.Contains(t, body, "· 2025</span>")
	assert.NotContains(t, body, "partial")
}
