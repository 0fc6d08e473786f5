package server

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
	"github.com/lapmonitor/lap/reports"
)

var (
	sampleOnce sync.Once
	sampleSrv  *Server
	sampleErr  error
)

// sample is a Server on the shipped plan and the sample data, made once for the package's tests.
func sample(t testing.TB) *Server {
	t.Helper()
	sampleOnce.Do(func() {
		p, err := engine.Load(indicators.FS)
		if err != nil {
			sampleErr = err
			return
		}
		ds, err := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
		if err != nil {
			sampleErr = err
			return
		}
		sampleSrv, sampleErr = New(context.Background(), Options{Plan: p, Data: ds, DataName: "testdata/sample"})
	})
	require.NoError(t, sampleErr)
	return sampleSrv
}

// lebanon is the form query of the example.
var lebanon = url.Values{"a.name": {"Lebanon completes clearance"}, "a.e0.state": {"Lebanon"}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {"2025-06-30"}}

func get(t testing.TB, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

// TestPages: every page answers, with its content and the security headers.
func TestPages(t *testing.T) {
	s := sample(t)
	h := s.Handler()
	assert.Equal(t, 2025, s.Year(), "the latest year with data")
	tests := []struct {
		target string
		status int
		want   []string
	}{
		{"/", 200, []string{"Plan score", `id="plan-score"`, "/section/clearance", "/chart/status"}},
		{"/section/clearance", 200, []string{"Action 21", "/indicator/24.2"}},
		{"/indicator/25.2", 200, []string{"Clearance completed within the deadline", "Definition", "How the value is derived", "/chart/indicator-25.2.svg"}},
		{"/states", 200, []string{`/state/LBN">Lebanon</a> <span class="tag">party</span>`}},
		{"/state/LBN", 200, []string{"Lebanon", "Entry into force", "1 May 2011", "Article 7 reports", "Initial report received", "country profile, 2025", `<a href="/indicator/43.1">43.1</a>`, `href="/whatif?state=LBN"`, "illustrative"}},
		// no annual report recorded for 2021: the sample's register of annual reports is invented
		{"/state/AUS", 200, []string{`none recorded<sup class="mark mark-illustrative" title="illustrative: invented for a sample or a demonstration, not a fact">ⁱ</sup>`}},
		{"/state/Lebanon", 303, nil},
		{"/state/Lebanonn", 404, []string{"Did you mean Lebanon?"}},
		{"/whatif?state=LBN", 200, []string{`value="Lebanon"`, "Show what would change"}},
		{"/whatif?" + lebanon.Encode(), 200, []string{`id="summary-a"`, "If Lebanon completes clearance on 30 June 2025, the plan score would", "25.2", "scenario.toml?"}},
		{"/indicator/99.9", 404, []string{"No indicator 99.9"}},
		{"/chart/nope.svg", 404, nil},
		{"/static/style.css", 200, []string{"@media print"}},
		{"/nope", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, h, tt.target)
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			for _, w := range tt.want {
				assert.Contains(t, rec.Body.String(), w)
			}
			csp := rec.Header().Get("Content-Security-Policy")
			assert.Contains(t, csp, "default-src 'none'")
			assert.NotContains(t, csp, "script-src", "no script at all")
			assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
			assert.NotContains(t, rec.Body.String(), "<script", "no script on any page")
		})
	}
}

// TestWhatIfForm: errors are shown beside their field, with a did-you-mean; up to three
// scenarios compare side by side; downloads reproduce a scenario.
func TestWhatIfForm(t *testing.T) {
	h := sample(t).Handler()
	bad := url.Values{"a.e0.state": {"Lebanonn"}, "a.e0.type": {"complete-clearance"}, "a.e0.date": {"2025-02-30"}}
	rec := get(t, h, "/whatif?"+bad.Encode())
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), `id="a-e0-state-err"`)
	assert.Contains(t, rec.Body.String(), "did you mean Lebanon?")
	assert.Contains(t, rec.Body.String(), `aria-invalid="true"`)

	three := url.Values{}
	for k, v := range lebanon {
		three[k] = v
	}
	three.Set("b.e0.state", "Lao")
	three.Set("b.e0.type", "clear")
	three.Set("b.e0.date", "2025")
	three.Set("b.e0.area", "20km2")
	three.Set("c.e0.state", "Congo")
	three.Set("c.e0.type", "submit-report")
	three.Set("c.e0.report", "initial")
	three.Set("c.e0.date", "2025-06-30")
	rec = get(t, h, "/whatif?"+three.Encode())
	require.Equal(t, 200, rec.Code, rec.Body.String())
	body := rec.Body.String()
	assert.Contains(t, body, `id="compare"`)
	for _, k := range []string{"a", "b", "c"} {
		assert.Contains(t, body, `id="summary-`+k+`"`)
	}
	assert.Contains(t, body, "If Lao People&#39;s Democratic Republic clears 20.00 km² more in 2025")
	assert.Contains(t, body, "If Congo submits its initial report on 30 June 2025")
	assert.Contains(t, body, `href="/whatif/scenario.toml?a.e0.date=2025-06-30&amp;a.e0.state=Lebanon&amp;a.e0.type=complete-clearance&amp;a.name=Lebanon&#43;completes&#43;clearance"`, "links keep their query")
	assert.Contains(t, body, `src="/whatif/chart.svg?a.e0.area=20km2&amp;a.e0.date=2025&amp;a.e0.state=Lao&amp;a.e0.type=clear&amp;id=`)

	rec = get(t, h, "/whatif/scenario.toml?"+lebanon.Encode())
	require.Equal(t, 200, rec.Code)
	assert.Contains(t, rec.Header().Get("Content-Disposition"), "scenario.toml")
	assert.Contains(t, rec.Body.String(), "[[event]]\nstate = \"LBN\" # Lebanon\ntype = \"complete-clearance\"\ndate = 2025-06-30\n")
	rec = get(t, h, "/whatif/result.md?"+lebanon.Encode())
	require.Equal(t, 200, rec.Code)
	assert.Contains(t, rec.Body.String(), "If Lebanon completes clearance on 30 June 2025")
	rec = get(t, h, "/whatif/result.csv?"+lebanon.Encode())
	require.Equal(t, 200, rec.Code)
	assert.Contains(t, rec.Body.String(), "Lebanon completes clearance,25.2,")
	rec = get(t, h, "/whatif/chart.svg?"+lebanon.Encode()+"&id=24.2")
	require.Equal(t, 200, rec.Code)
	assert.Equal(t, "image/svg+xml", rec.Header().Get("Content-Type"))
	assert.Contains(t, rec.Body.String(), "<svg")
	rec = get(t, h, "/whatif/scenario.toml")
	assert.Equal(t, http.StatusBadRequest, rec.Code)
}

// TestAPI: the JSON form, a scenario file, and the limits.
func TestAPI(t *testing.T) {
	h := sample(t).Handler()
	post := func(ct, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/api/whatif", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := post("application/json", `{"name": "Lebanon", "events": [{"state": "Lebanon", "type": "complete-clearance", "date": "2025-06-30"}]}`)
	require.Equal(t, 200, rec.Code, rec.Body.String())
	var rep struct {
		Year      int `json:"year"`
		Scenarios []struct {
			Name    string   `json:"name"`
			Events  []string `json:"events"`
			Overall struct {
				Delta *float64 `json:"delta"`
			} `json:"overall"`
			Text struct {
				Summary string `json:"summary"`
			} `json:"text"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	assert.Equal(t, 2025, rep.Year)
	assert.Equal(t, []string{"LBN complete-clearance 2025-06-30"}, rep.Scenarios[0].Events)
	assert.Contains(t, rep.Scenarios[0].Text.Summary, "Lebanon")

	rec = post("application/x-www-form-urlencoded", "name = \"x\"\n\n[[event]]\nstate = \"LBN\"\ntype = \"complete-clearance\"\ndate = 2025-06-30\n")
	require.Equal(t, 200, rec.Code, rec.Body.String())

	rec = post("application/toml", "name = \"x\"\n\n[[event]]\nstate = \"LBX\"\ntype = \"complete-clearance\"\ndate = 2025-06-30\n")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), `"problems"`)
	assert.Contains(t, rec.Body.String(), "request.toml:4:9: unknown-state")

	rec = post("application/toml", strings.Repeat("# padding\n", MaxBodyBytes/10+10))
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)

	many := `{"scenarios": [` + strings.TrimSuffix(strings.Repeat(`{"events": [{"state": "LBN", "type": "withdraw", "date": "2025"}]},`, MaxScenarios+1), ",") + `]}`
	rec = post("application/json", many)
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), "the limit is 3")

	rec = post("application/json", `{"events": [], "bogus": 1}`)
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), "unknown field")
}

// TestHostCheck: on a loopback listener, a Host that does not name this machine is refused
// (DNS rebinding); the machine's own names pass.
func TestHostCheck(t *testing.T) {
	ts := httptest.NewServer(sample(t).Handler())
	defer ts.Close()
	for host, want := range map[string]int{"": 200, "localhost:8080": 200, "127.0.0.1": 200, "[::1]:8080": 200, "evil.example": 403, "evil.example:8080": 403} {
		req, err := http.NewRequest(http.MethodGet, ts.URL+"/static/style.css", nil)
		require.NoError(t, err)
		if host != "" {
			req.Host = host
		}
		resp, err := ts.Client().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, want, resp.StatusCode, host)
	}
	assert.True(t, IsLoopback("127.0.0.1:8080"))
	assert.True(t, IsLoopback("localhost:0"))
	assert.True(t, IsLoopback("[::1]:8080"))
	assert.False(t, IsLoopback("0.0.0.0:8080"))
	assert.False(t, IsLoopback(":8080"))
}

// TestConcurrentRequests: 20 clients at once get the same answers as one alone; run under
// -race (.ci/run does) it shows that requests share no mutable state.
func TestConcurrentRequests(t *testing.T) {
	ts := httptest.NewServer(sample(t).Handler())
	defer ts.Close()
	targets := []string{"/api/whatif?" + lebanon.Encode(), "/whatif?" + lebanon.Encode(), "/state/LBN", "/indicator/24.2", "/", "/?year=2023", "/whatif?asof=2026-09-30&" + lebanon.Encode()}
	want := map[string]string{}
	for _, tg := range targets {
		resp, err := ts.Client().Get(ts.URL + tg)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, 200, resp.StatusCode, tg)
		want[tg] = string(b)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for c := 0; c < 20; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; i < 3; i++ {
				tg := targets[(c+i)%len(targets)]
				resp, err := ts.Client().Get(ts.URL + tg)
				if err != nil {
					errs <- err
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(b) != want[tg] {
					errs <- fmt.Errorf("%s: a different answer under load", tg)
				}
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestServeShutdown: Serve stops when its context is done, letting a request in flight end.
func TestServeShutdown(t *testing.T) {
	s := sample(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, 5*time.Second) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/static/style.css")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop")
	}
	_, err = http.Get("http://" + ln.Addr().String() + "/")
	assert.Error(t, err, "closed")
}

// TestCancelledRequest: a request whose client has gone is not worked on.
func TestCancelledRequest(t *testing.T) {
	h := sample(t).Handler()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/api/whatif?"+lebanon.Encode(), nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
}

// BenchmarkWhatIfHandler is one what-if request of the form (Lebanon completes clearance),
// page included, against the sample: the figure docs/performance.md reports.
func BenchmarkWhatIfHandler(b *testing.B) {
	h := sample(b).Handler()
	for _, tc := range []struct{ name, target string }{
		{"page", "/whatif?" + lebanon.Encode()},
		{"api", "/api/whatif?" + lebanon.Encode()},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.target, nil))
				if rec.Code != 200 {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}

// TestWhatIfPageSaysWhyAnAcceptedMoveFalls: Angola joining with stockpiles raises 12.1, a move
// the plan accepts: the what-if page says why, in the table (the short form) and in a list (the
// full reason), in English and French.
func TestWhatIfPageSaysWhyAnAcceptedMoveFalls(t *testing.T) {
	h := sample(t).Handler()
	q := url.Values{"a.name": {"Angola joins"}, "a.e0.state": {"AGO"}, "a.e0.type": {"ratify"}, "a.e0.date": {"2025-06-02"}, "a.e0.stockpile": {"1200"}}.Encode()
	for _, tc := range []struct{ lang, short, reason string }{
		{"en", "(accepted: a State joining with stockpiles adds to the work left under Article 3)", "A State that joins holding cluster munitions adds to that work"},
		{"fr", "(accepté\u00a0: un État qui adhère avec des stocks ajoute au travail qui reste au titre de l'article 3)", "Un État qui adhère en détenant des armes à sous-munitions ajoute à ce travail"},
	} {
		rec := get(t, h, "/whatif?"+q+"&lang="+tc.lang)
		require.Equal(t, 200, rec.Code)
		body := rec.Body.String()
		assert.Contains(t, body, `<ul class="sentences accepted" id="accepted-a">`, tc.lang)
		assert.Contains(t, body, html.EscapeString(tc.short), tc.lang)
		assert.Contains(t, body, html.EscapeString(tc.reason), tc.lang)
	}
}

// TestIndicatorPageMarksStates: the indicator page's lists of States (counted, not counted,
// none recorded) carry each State's mark, as the report's lists do: 46.1 counts States named on
// the Monitor's list (ᵐ) and South Sudan on invented data (ⁱ); 2.2 counts silence as no, and
// the States whose invented 2025 report is silent are marked too.
func TestIndicatorPageMarksStates(t *testing.T) {
	s := sample(t)
	h := s.Handler()
	a := s.bl.Assessment()
	for _, id := range []string{"46.1", "2.2"} {
		rec := get(t, h, "/indicator/"+id)
		require.Equal(t, 200, rec.Code)
		body := rec.Body.String()
		ex, err := s.plan.Explain(context.Background(), s.ds, id, s.year, engine.AsOf(s.bl.AsOf()))
		require.NoError(t, err)
		ia, _ := a.Indicator(id)
		named := 0
		for _, so := range ex.Indicator.States {
			if !so.InPopulation {
				continue
			}
			named++
			link := `<a href="/state/` + so.ISO3 + `">` + html.EscapeString(s.names[so.ISO3]) + `</a>`
			want := link
			if sym := reports.MarkSymbol(so.Class); sym != "" {
				want += `<sup class="mark mark-` + string(so.Class) + `" title="`
			}
			assert.Contains(t, body, want, "%s %s: named with its mark", id, so.ISO3)
		}
		assert.Equal(t, ia.Population, named)
	}
	body := get(t, h, "/indicator/2.2").Body.String()
	assert.Contains(t, body, "None recorded, counted as not (")
	assert.Contains(t, body, `<p class="states" id="not-counted">`)
	assert.Contains(t, get(t, h, "/indicator/46.1").Body.String(), `South Sudan</a><sup class="mark mark-illustrative" title="illustrative: invented for a sample or a demonstration, not a fact">ⁱ</sup>`)
}
