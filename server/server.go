// Package server is the coordinators' workspace: `lap serve`, a local web application over the
// engine. It shows the dashboard (plan and section scores, statuses, the largest changes), each
// section with its actions, each indicator (definition, series chart, States counted, the
// derivation), each State's profile, and the what-if page, where a coordinator picks a State by
// name and events and reads what would change in plain words, with overlay charts, downloads
// (the scenario as TOML, the result as Markdown and CSV) and up to three scenarios side by side.
// /api/whatif answers the same as `lap whatif --format json`.
//
// The plan and the data are loaded once and never written; every request works on immutable
// values (the engine's Baseline is safe for concurrent use), so requests share no mutable
// state. Pages are server-rendered html/template with no script at all; charts are SVG images
// the reports package draws. Safe by default: see docs/safety.md ("lap serve").
package server

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
	"github.com/lapmonitor/lap/reports/locale"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Limits of a request (docs/safety.md).
const (
	// MaxBodyBytes bounds a request body (a scenario file or a JSON request).
	MaxBodyBytes = 256 << 10
	// MaxScenarios is how many scenarios one request may compare.
	MaxScenarios = 3
	// MaxFormEvents is how many event rows the what-if form has per scenario.
	MaxFormEvents = 4
	// MaxEvents bounds the events and changes of one scenario sent to the API.
	MaxEvents = 200
	// RequestTimeout bounds the work of one request; a request is also cancelled when its
	// client goes away.
	RequestTimeout = 20 * time.Second
)

// Options configure a Server.
type Options struct {
	Plan *engine.Plan
	Data *engine.Dataset
	// Year is the assessed year; 0 means the latest year with data.
	Year int
	// DataName names the data for people (e.g. "testdata/sample").
	DataName string
	// AsOf is the data cut-off of every page; zero means the cut-off lap report uses for Year
	// (engine.Plan.ReportCutOff: the plan's report cut-off, 30 June of the year after, or the
	// data's latest date when that comes first), so that the workspace's figures are the
	// report's. The what-if page may compare at another day (its "Data as of" field).
	AsOf engine.Date
	// Eval are the other evaluation options (WithCounting) of the baseline; an AsOf among them
	// is replaced by the cut-off above.
	Eval []engine.EvalOption
}

// Server serves the workspace. Everything in it is built by New and only read afterwards.
type Server struct {
	plan *engine.Plan
	ds   *engine.Dataset
	bl   *engine.Baseline
	// cut is the baseline's cut-off and why it is that day (engine.CutOff)
	cut engine.CutOff
	// reportCut is the cut-off of lap report --year year (cut's day unless --as-of gave another)
	reportCut engine.Date
	eval      []engine.EvalOption // Options.Eval, for the baselines of other cut-offs
	// others are the what-if baselines at cut-offs a user chose, made on first use and kept
	// (at most maxOtherCutOffs, the oldest dropped first)
	othersMu sync.Mutex
	others   map[engine.Date]*engine.Baseline
	otherSeq []engine.Date
	// prev is the year before as the report compares with (previousYear), for the dashboard's
	// changes; nil when it could not be assessed
	prev     *engine.Assessment
	year     int
	dataName string
	tmpl     map[locale.Lang]map[string]*template.Template // by language, then page
	states   []engine.State                                // by name
	names    map[string]string
	defs     map[string]engine.Indicator
	actions  map[int]engine.Action
	charts   map[string][]byte // name -> SVG, drawn once
	css      []byte
	// texts are the plan's texts in each language of its translations (engine.Plan.Translated):
	// the pages show the titles of the plan assessed in English, of its translation otherwise.
	texts map[locale.Lang]planTexts

	// The years a user may pick (?year=Y): from the plan's baseline year to the latest year
	// with data (at most the target year). The workspace of another year than the one it was
	// started for is made on first use, as New makes this one but cut off as lap report is for
	// that year, and kept: at most one per year. yearParam is "year=Y" in the workspace of
	// such a year (its links keep it), "" in the one started.
	years     []int
	yearParam string
	opts      Options
	yearsMu   sync.Mutex
	byYear    map[int]*yearEntry
	routes    http.Handler
	// localNames are the States' names in each language but English, folded, to ISO3
	localNames map[locale.Lang]map[string]string
}

// yearEntry is the workspace of one picked year, made once.
type yearEntry struct {
	once sync.Once
	s    *Server
	err  error
}

// planTexts are the plan's titles and definitions in one language.
type planTexts struct {
	plan       *engine.Plan // the plan in the language (its translation; the plan itself in English)
	name       string       // the plan's name
	notice     string       // the translation's notice ("" in English)
	indicators map[string]engine.Indicator
	actions    map[int]engine.Action
	sections   map[string]engine.Section
}

// textsOf indexes a plan's texts.
func textsOf(p *engine.Plan) planTexts {
	_, notice := p.Language()
	t := planTexts{plan: p, name: p.Name(), notice: notice, indicators: map[string]engine.Indicator{}, actions: map[int]engine.Action{}, sections: map[string]engine.Section{}}
	for _, d := range p.Indicators() {
		t.indicators[d.ID] = d
	}
	for _, a := range p.Actions() {
		t.actions[a.Number] = a
	}
	for _, sec := range p.Sections() {
		t.sections[sec.Key] = sec
	}
	return t
}

// New assesses the baseline and draws the charts of the dashboard and the indicator pages.
func New(ctx context.Context, o Options) (*Server, error) {
	return newServer(ctx, o, "")
}

// newServer is New for the workspace started (yearParam "") or for a year picked
// (yearParam "year=Y", kept by its links).
func newServer(ctx context.Context, o Options, yearParam string) (*Server, error) {
	if o.Plan == nil || o.Data == nil {
		return nil, errors.New("new server: a plan and a dataset are required")
	}
	year := o.Year
	if year == 0 {
		_, year = o.Data.DataYears()
		if year > o.Plan.TargetYear() {
			year = o.Plan.TargetYear()
		}
	}
	if year < engine.MinYear || year > engine.MaxYear {
		return nil, fmt.Errorf("new server: year %d: want a year between %d and %d", year, engine.MinYear, engine.MaxYear)
	}
	// the cut-off of lap report for the year, unless one was given
	cut := o.Plan.ReportCutOff(o.Data, year, o.AsOf)
	eval := slices.Clone(o.Eval)
	bl, err := o.Plan.NewBaseline(ctx, o.Data, year, append(slices.Clone(eval), engine.AsOf(cut.AsOf))...)
	if err != nil {
		return nil, fmt.Errorf("new server: %w", err)
	}
	s := &Server{plan: o.Plan, ds: o.Data, bl: bl, cut: cut, reportCut: o.Plan.ReportCutOff(o.Data, year, engine.Date{}).AsOf, eval: eval, others: map[engine.Date]*engine.Baseline{}, year: year, dataName: o.DataName,
		names: map[string]string{}, defs: map[string]engine.Indicator{}, actions: map[int]engine.Action{}, charts: map[string][]byte{},
		yearParam: yearParam, opts: o, byYear: map[int]*yearEntry{}}
	s.years = pickableYears(o.Plan, o.Data, year)
	s.prev = previousYear(ctx, o, year, bl.AsOf())
	s.states = o.Data.States()
	sort.SliceStable(s.states, func(i, j int) bool { return s.states[i].Name < s.states[j].Name })
	s.localNames = localStateNames(s.states)
	for _, st := range s.states {
		s.names[st.ISO3] = st.Name
	}
	for _, d := range o.Plan.Indicators() {
		s.defs[d.ID] = d
	}
	for _, a := range o.Plan.Actions() {
		s.actions[a.Number] = a
	}
	if err := s.drawCharts(); err != nil {
		return nil, fmt.Errorf("new server: %w", err)
	}
	if s.css, err = assets.ReadFile("static/style.css"); err != nil {
		return nil, err
	}
	s.texts = map[locale.Lang]planTexts{locale.English: textsOf(o.Plan)}
	s.tmpl = map[locale.Lang]map[string]*template.Template{}
	for _, l := range locale.Langs() {
		if l != locale.English {
			tp, err := o.Plan.Translated(string(l))
			if err != nil {
				tp = o.Plan // no translation of the plan: its English texts
			}
			s.texts[l] = textsOf(tp)
		}
		if s.tmpl[l], err = parseTemplates(l, s.texts[l], yearParam); err != nil {
			return nil, fmt.Errorf("new server: %w", err)
		}
	}
	s.routes = s.mux()
	return s, nil
}

// pickableYears are the years a user may pick: the plan's baseline year to the latest year
// with data or the year of the data's latest date (the current year, partial), at most the
// plan's target year, and the year started in any case.
func pickableYears(p *engine.Plan, ds *engine.Dataset, started int) []int {
	_, last := ds.DataYears()
	last = min(max(last, ds.LatestDate().Year()), p.TargetYear())
	var ys []int
	for y := p.BaselineYear(); y <= last; y++ {
		ys = append(ys, y)
	}
	if !slices.Contains(ys, started) {
		ys = append(ys, started)
		slices.Sort(ys)
	}
	return ys
}

// previousYear is the year before year as lap report compares with: the first year of the
// assessment series of year-1 and year at asOf (engine.Plan.AssessYears), seen the same time
// after its end as year is (a year before asOf), with the corrections known at asOf applied,
// so that the dashboard's changes compare like with like and a late report for the year before
// is a revision, not a change. Nil when the years cannot be assessed (the dashboard says so).
func previousYear(ctx context.Context, o Options, year int, asOf engine.Date) *engine.Assessment {
	both, err := o.Plan.AssessYears(ctx, o.Data, year-1, year, append(slices.Clone(o.Eval), engine.AsOf(asOf))...)
	if err != nil || len(both) != 2 {
		return nil
	}
	return both[0]
}

// drawCharts renders the report's overview charts and every indicator's series chart once.
func (s *Server) drawCharts() error {
	a := s.bl.Assessment()
	label, note := s.plan.Provenance()
	rep, err := reports.New(a, reports.Meta{PlanPeriod: s.plan.Period(), PlanProvenance: label, PlanNote: note,
		Sections: s.plan.Sections(), Actions: s.plan.Actions(), Indicators: s.plan.Indicators()})
	if err != nil {
		return err
	}
	figs, err := rep.Figures()
	if err != nil {
		return err
	}
	for _, f := range figs {
		if strings.HasPrefix(f.Name, "status") || strings.HasPrefix(f.Name, "scores") {
			b, err := f.SVG()
			if err != nil {
				return err
			}
			s.charts[f.Name] = b
		}
	}
	for i := range a.Indicators {
		f, err := reports.IndicatorFigure(&a.Indicators[i])
		if err != nil {
			return err
		}
		if f == nil {
			continue
		}
		b, err := f.SVG()
		if err != nil {
			return err
		}
		s.charts["indicator-"+a.Indicators[i].ID] = b
	}
	return nil
}

// Year returns the assessed year.
func (s *Server) Year() int { return s.year }

// CutOff returns the data cut-off of the workspace's pages and why it is that day: the one
// lap report --year Year uses, unless Options.AsOf gave another.
func (s *Server) CutOff() engine.CutOff { return s.cut }

// maxOtherCutOffs bounds the what-if baselines kept for cut-offs a user chose.
const maxOtherCutOffs = 4

// baselineAt is the what-if baseline at the cut-off asOf: the workspace's own, or one made on
// first use (an assessment of the year, about as long as a what-if run) and kept.
func (s *Server) baselineAt(ctx context.Context, asOf engine.Date) (*engine.Baseline, error) {
	if asOf.IsZero() || asOf == s.bl.AsOf() {
		return s.bl, nil
	}
	s.othersMu.Lock()
	bl, ok := s.others[asOf]
	s.othersMu.Unlock()
	if ok {
		return bl, nil
	}
	bl, err := s.plan.NewBaseline(ctx, s.ds, s.year, append(slices.Clone(s.eval), engine.AsOf(asOf))...)
	if err != nil {
		return nil, err
	}
	s.othersMu.Lock()
	defer s.othersMu.Unlock()
	if kept, ok := s.others[asOf]; ok {
		return kept, nil // made by another request meanwhile: one baseline per day
	}
	if len(s.otherSeq) >= maxOtherCutOffs {
		delete(s.others, s.otherSeq[0])
		s.otherSeq = s.otherSeq[1:]
	}
	s.others[asOf] = bl
	s.otherSeq = append(s.otherSeq, asOf)
	return bl, nil
}

// Handler returns the workspace's routes with the security headers, the body limit, the host
// check and the per-request timeout.
func (s *Server) Handler() http.Handler {
	return secure(http.HandlerFunc(s.pickYear))
}

// pickYear serves a request in the workspace of its ?year=: this one when it is absent or this
// one's year, another year's (made on first use) when it is one of the years a user may pick;
// any other value is answered with a page that names the parameter and the years there are.
func (s *Server) pickYear(w http.ResponseWriter, r *http.Request) {
	v := strings.TrimSpace(r.URL.Query().Get("year"))
	if v == "" || v == strconv.Itoa(s.year) {
		s.routes.ServeHTTP(w, r)
		return
	}
	y, err := strconv.Atoi(v)
	if err != nil || !slices.Contains(s.years, y) {
		msg := s.tr(r, "serve.no-year", "Year", v, "First", strconv.Itoa(s.years[0]), "Last", strconv.Itoa(s.years[len(s.years)-1]))
		if strings.HasPrefix(r.URL.Path, "/api/") {
			apiError(w, http.StatusNotFound, "year: "+msg, nil)
			return
		}
		s.notFound(w, r, msg)
		return
	}
	other, err := s.forYear(y)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	other.routes.ServeHTTP(w, r)
}

// forYear is the workspace of year y, made on first use and kept.
func (s *Server) forYear(y int) (*Server, error) {
	s.yearsMu.Lock()
	e, ok := s.byYear[y]
	if !ok {
		e = &yearEntry{}
		s.byYear[y] = e
	}
	s.yearsMu.Unlock()
	e.once.Do(func() {
		o := s.opts
		o.Year, o.AsOf = y, engine.Date{} // cut off as lap report is for y
		// not the request's context: a client that goes away must not leave the year unmade
		e.s, e.err = newServer(context.Background(), o, "year="+strconv.Itoa(y))
	})
	return e.s, e.err
}

// mux routes the workspace's pages.
func (s *Server) mux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.dashboard)
	mux.HandleFunc("GET /section/{key}", s.section)
	mux.HandleFunc("GET /indicator/{id}", s.indicator)
	mux.HandleFunc("GET /states", s.stateList)
	mux.HandleFunc("GET /state/{iso3}", s.state)
	mux.HandleFunc("GET /whatif", s.whatif)
	mux.HandleFunc("GET /whatif/scenario.toml", s.whatifTOML)
	mux.HandleFunc("GET /whatif/result.md", s.whatifMarkdown)
	mux.HandleFunc("GET /whatif/result.csv", s.whatifCSV)
	mux.HandleFunc("GET /whatif/chart.svg", s.whatifChart)
	mux.HandleFunc("GET /api/whatif", s.apiWhatIf)
	mux.HandleFunc("POST /api/whatif", s.apiWhatIf)
	mux.HandleFunc("GET /chart/{name}", s.chart)
	mux.HandleFunc("GET /static/style.css", s.style)
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	return mux
}

// secure adds the security headers, bounds the body and the time of every request (the
// request's context is cancelled when its client goes), and refuses a Host header that is not
// this machine's when the request came in on a loopback address (a page of another site
// cannot reach the workspace through DNS rebinding).
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if !hostAllowed(r) {
			http.Error(w, "this workspace answers only to this machine's own names (localhost, 127.0.0.1, [::1])", http.StatusForbidden)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		ctx, cancel := context.WithTimeout(r.Context(), RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// hostAllowed: on a loopback connection, the Host must name this machine.
func hostAllowed(r *http.Request) bool {
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return true // not from a listener (tests calling the handler directly)
	}
	ta, ok := local.(*net.TCPAddr)
	if !ok || !ta.IP.IsLoopback() {
		return true // bound elsewhere on purpose: the user was warned
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopback reports whether addr (host:port) binds only to this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Serve serves the workspace on ln until ctx is done, then shuts down gracefully: requests in
// flight get up to grace to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      RequestTimeout + 10*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// render executes a page template into a buffer first, so that a failure gives a clean error
// page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	var b bytes.Buffer
	if err := s.tmpl[langOf(r)][page].ExecuteTemplate(&b, "layout", data); err != nil {
		http.Error(w, "render "+page+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func (s *Server) style(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=3600")
	w.Write(s.css)
}

func (s *Server) chart(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSuffix(r.PathValue("name"), ".svg")
	b, ok := s.charts[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	writeSVG(w, b)
}

func writeSVG(w http.ResponseWriter, b []byte) {
	w.Header().Set("Content-Type", "image/svg+xml")
	// an SVG opened on its own may not run anything either
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Write(b)
}

// parseTemplates parses the layout with each page, with the functions of a language: t (a
// message of the catalogue), tf (a message with named values: {{tf "serve.x" "N" 3}}), L (a
// link within the workspace that keeps the language), the numbers in the language's style, the
// plan's titles in the language (indTitle, actTitle, actDescription, secTitle: the id and the
// English title, which stands in when the translation lacks it) and engine sentences (say).
func parseTemplates(lang locale.Lang, texts planTexts, yearParam string) (map[string]*template.Template, error) {
	loc := locale.For(lang)
	fm := template.FuncMap{
		"t": func(id string) string { return loc.T(id) },
		"tf": func(id string, kv ...any) string {
			data := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				if k, ok := kv[i].(string); ok {
					data[k] = kv[i+1]
				}
			}
			return loc.T(id, data)
		},
		"L":        func(parts ...any) string { return link(lang, yearParam, fmt.Sprint(parts...)) },
		"switchTo": func(to locale.Lang, path string) string { return link(to, yearParam, path) },
		// the year of a picked year's workspace, for its forms ("" in the one started)
		"yearValue": func() string { return strings.TrimPrefix(yearParam, "year=") },
		"say":       func(english string, s engine.Sentence) string { return sentenceIn(loc, english, s) },
		// an ISO day (an assessment's as_of) in the language's words: "30 June 2025"
		"day": func(iso string) string {
			if d, err := loc.ISODate(iso); err == nil {
				return d
			}
			return iso
		},
		// the mark of a class after a State's name, as the report writes it, with what it means
		"mark": func(c engine.Class) template.HTML { return reports.MarkHTML(loc, c) },
		// the mark of a value's class after the value, as lap whatif's tables write it: none
		// without a value (reports.MarkSymbol)
		"valueMark": func(v *float64, c engine.Class) template.HTML {
			if v == nil {
				return ""
			}
			return reports.MarkHTML(loc, c)
		},
		// the short reason a documented exception accepts an indicator's move the wrong way
		"accepted": func(c engine.IndicatorChange) string { return reports.AcceptedShort(loc, c) },
		// French spacing of punctuation the pages write (reports/locale/typography.go)
		"semi":  loc.Semicolon,
		"colon": loc.Colon,
		"indTitle": func(id, title string) string {
			if d, ok := texts.indicators[id]; ok && d.Title != "" {
				return d.Title
			}
			return title
		},
		"actTitle": func(n int, title string) string {
			if a, ok := texts.actions[n]; ok && a.Title != "" {
				return a.Title
			}
			return title
		},
		"actDescription": func(n int, d string) string {
			if a, ok := texts.actions[n]; ok && a.Description != "" {
				return a.Description
			}
			return d
		},
		"secTitle": func(key, title string) string {
			if sec, ok := texts.sections[key]; ok && sec.Title != "" {
				return sec.Title
			}
			return title
		},
		// the label of a what-if form field, for the messages beside it: "Date", not "date"
		"fieldLabel": func(k string) string {
			id := "serve.whatif." + k
			if k == "type" {
				id = "serve.whatif.event-type"
			}
			if loc.Has(id) {
				return loc.T(id)
			}
			return k
		},
		// a plan score to one decimal, as the what-if's summary writes it ("39.7%"): whole
		// percentages would show a change of 0.3 pp as 40% → 39%
		"score1": func(v *float64) string {
			if v == nil {
				return reports.FormatScore(nil)
			}
			pct := 100 * *v
			return reports.FormatIn(loc, reports.FormatValue(&pct, "percent"))
		},
		// the unit of a value after it, in the language ("km²", "States"); none for a share
		"unit":       func(unit string, v *float64) string { return reports.FormatUnit(lang, unit, v) },
		"planNotice": func() string { return texts.notice },
		"planName":   func() string { return texts.name },
	}
	if lang != locale.English {
		fm["status"] = func(st engine.ProgressStatus) string { return loc.Status(string(st)) }
		fm["value"] = func(v *float64, unit string) string { return reports.FormatIn(loc, reports.FormatValue(v, unit)) }
		fm["score"] = func(v *float64) string { return reports.FormatIn(loc, reports.FormatScore(v)) }
		fm["scoreDelta"] = func(v *float64) string { return reports.FormatIn(loc, reports.FormatScoreDelta(v)) }
		fm["delta"] = func(v *float64, unit string) string { return reports.FormatIn(loc, reports.FormatDelta(v, unit)) }
		fm["points"] = func(d float64) string { return reports.FormatIn(loc, reports.FormatProgressDelta(d)) }
		fm["words"] = func(s string) string {
			if id := "serve.words." + s; loc.Has(id) {
				return loc.T(id)
			}
			return strings.ReplaceAll(s, "-", " ")
		}
	}
	pages, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New(name).Funcs(funcs).Funcs(fm).ParseFS(assets, "templates/layout.html", p)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", p, err)
		}
		out[name] = t
	}
	return out, nil
}

// link is a link within the workspace in a language and a picked year: yearParam ("year=Y",
// "" for the year started) and ?lang= (or &lang=) unless the language is English added, so
// that the year and the language chosen are kept from page to page.
func link(lang locale.Lang, yearParam, u string) string {
	add := func(p string) {
		if strings.Contains(u, "?") {
			u += "&" + p
		} else {
			u += "?" + p
		}
	}
	if yearParam != "" {
		add(yearParam)
	}
	if lang != locale.English {
		add("lang=" + string(lang))
	}
	return u
}

// link is a link within this workspace (its picked year) in the request's language.
func (s *Server) link(r *http.Request, u string) string { return link(langOf(r), s.yearParam, u) }

// sentenceIn is an engine sentence in the locale's language; English keeps the engine's words.
func sentenceIn(loc *locale.Locale, english string, s engine.Sentence) string {
	if loc.Lang() == locale.English || s.IsZero() {
		return english
	}
	return loc.Sentence(s)
}
