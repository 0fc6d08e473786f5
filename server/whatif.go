package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
	"github.com/lapmonitor/lap/reports/locale"
)

// The what-if page and API. A scenario comes from the form (scenarios a, b and c, each with a
// name and up to MaxFormEvents event rows: s.name, s.e0.state, s.e0.type, s.e0.date and the
// options of EventSpec), from a scenario file POSTed to /api/whatif, or from the JSON form
// {"scenarios": [{"name": ..., "events": [{"state": ..., "type": ..., "date": ...}]}]}.
// Every run goes through the engine's Baseline (one cut-off for all), and the result is the
// same reports.WhatIf that `lap whatif` prints.

// scenarioKeys are the form prefixes of the scenarios compared side by side.
var scenarioKeys = []string{"a", "b", "c"}

// eventFields are the form fields of an event row, in EventSpec order.
var eventFields = []string{"state", "type", "date", "declared", "stockpile", "contamination", "victims", "area", "report", "covering", "article", "deadline"}

// formScenario is one scenario of the form, as typed.
type formScenario struct {
	Key    string
	Name   string
	Events []formEvent
	// Error is a problem of the scenario as a whole (a name without an event)
	Error string
}

type formEvent struct {
	Index  int
	Spec   engine.EventSpec
	Errors map[string]string // by field
}

// empty reports whether nothing of the row was typed: a row with only an option typed is
// read, so that the missing State, event and date are said rather than the option dropped.
func (e formEvent) empty() bool {
	sp := e.Spec
	return sp == engine.EventSpec{}
}

// optionFields are the fields under "More options".
var optionFields = eventFields[3:]

// OptionsOpen reports whether the row's "More options" starts open: an option was typed or
// one of them has a problem to show.
func (e formEvent) OptionsOpen() bool {
	sp := e.Spec
	if sp.Declared != "" || sp.Stockpile != "" || sp.Contamination != "" || sp.Victims != "" || sp.Area != "" ||
		sp.Report != "" || sp.Covering != "" || sp.Article != "" || sp.Deadline != "" {
		return true
	}
	for _, f := range optionFields {
		if e.Errors[f] != "" {
			return true
		}
	}
	return false
}

// readForm reads the scenarios of a what-if query.
func readForm(q url.Values) []formScenario {
	var out []formScenario
	for _, k := range scenarioKeys {
		fs := formScenario{Key: k, Name: strings.TrimSpace(q.Get(k + ".name"))}
		for i := 0; i < MaxFormEvents; i++ {
			p := k + ".e" + strconv.Itoa(i) + "."
			get := func(f string) string { return strings.TrimSpace(q.Get(p + f)) }
			sp := engine.EventSpec{State: get("state"), Type: get("type"), Date: get("date"), Declared: get("declared"),
				Stockpile: get("stockpile"), Contamination: get("contamination"), Victims: get("victims"), Area: get("area"),
				Report: get("report"), Covering: get("covering"), Article: get("article"), Deadline: get("deadline")}
			fs.Events = append(fs.Events, formEvent{Index: i, Spec: sp})
		}
		out = append(out, fs)
	}
	return out
}

// active reports whether a form scenario has any event.
func (f formScenario) active() bool {
	for _, e := range f.Events {
		if !e.empty() {
			return true
		}
	}
	return false
}

// Filled reports whether anything of the scenario was typed (its name or an event).
func (f formScenario) Filled() bool { return f.Name != "" || f.active() }

// build checks a form scenario's events; problems are kept by row and field, in the request's
// language. An event dated after the comparison's cut-off asOf is refused: nothing after that
// day is seen, so it would change nothing and the page would say so silently.
func (s *Server) build(r *http.Request, f *formScenario, asOf engine.Date) (*engine.Scenario, bool) {
	var specs []engine.EventSpec
	var rows []int
	for i, e := range f.Events {
		if !e.empty() {
			sp := e.Spec
			// a State named in the page's language ("Liban") is the State of that name
			if iso, ok := s.localNames[langOf(r)][foldName(sp.State)]; ok {
				sp.State = iso
			}
			specs = append(specs, sp)
			rows = append(rows, i)
		}
	}
	name := f.Name
	if name == "" {
		name = s.tr(r, "serve.whatif.scenario", "Key", strings.ToUpper(f.Key)) // in the page's language, as its legend
	}
	sc, err := engine.NewScenario(name, "", specs, nil, s.ds)
	if err == nil {
		late := false
		for i, ev := range sc.Events {
			if i >= len(rows) {
				break
			}
			for _, d := range []struct {
				field string
				date  engine.Date
				typed string
			}{{"date", ev.Date, f.Events[rows[i]].Spec.Date}, {"declared", ev.Declared, f.Events[rows[i]].Spec.Declared}} {
				if !d.date.IsZero() && d.date.After(asOf) {
					f.Events[rows[i]].addError(d.field, s.tr(r, "serve.whatif.after-cutoff", "Date", d.typed, "AsOf", s.dayIn(r, asOf)))
					late = true
				}
			}
		}
		if late {
			return nil, false
		}
		return sc, true
	}
	var ds engine.Diagnostics
	if !errors.As(err, &ds) {
		f.Events[rows[0]].addError("state", err.Error())
		return nil, false
	}
	for _, d := range ds {
		var i int
		field := "state"
		if n, _ := fmt.Sscanf(d.Key, "event[%d]", &i); n == 1 && i < len(rows) {
			if _, rest, ok := strings.Cut(d.Key, "."); ok {
				field = strings.SplitN(rest, ".", 2)[0]
			}
		} else {
			i = 0
		}
		msg := d.Message
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		f.Events[rows[i]].addError(field, msg)
	}
	return nil, false
}

func (e *formEvent) addError(field, msg string) {
	if e.Errors == nil {
		e.Errors = map[string]string{}
	}
	if !contains(eventFields, field) || field == "" {
		field = "state"
	}
	// the page names the field by its label: a message that starts with the key says it twice
	msg = strings.TrimPrefix(msg, field+": ")
	if prev := e.Errors[field]; prev != "" {
		msg = prev + "; " + msg
	}
	e.Errors[field] = msg
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// outcome is one scenario's result for the page.
type outcome struct {
	Key      string
	Scenario reports.WhatIfScenario
	Text     reports.WhatIfText
	Charts   []chartRef
	// Replaces says which facts of the data the scenario's events replace (an event that
	// repeats what the data hold changes nothing: the page says why)
	Replaces []string
	// Query reproduces this scenario alone, for downloads and charts: an encoded query the
	// server built (template.URL, so that html/template keeps its = and &).
	Query template.URL
}

type chartRef struct {
	ID, Title string
	URL       template.URL
}

// dayIn is a day in the request's language: "30 June 2026".
func (s *Server) dayIn(r *http.Request, d engine.Date) string {
	if t, err := locale.For(langOf(r)).ISODate(d.String()); err == nil {
		return t
	}
	return d.Text()
}

// cutOffOf reads the cut-off a what-if compares at, the form's "Data as of" (asof=YYYY-MM-DD):
// the workspace's own, the cut-off of lap report for the year, when it is left empty. problem
// says, in the request's language, what is wrong with the value typed.
func (s *Server) cutOffOf(r *http.Request) (asOf engine.Date, problem string) {
	v := strings.TrimSpace(r.URL.Query().Get("asof"))
	if v == "" {
		return s.bl.AsOf(), ""
	}
	d, err := engine.ParseDay(v)
	if err != nil {
		return engine.Date{}, s.tr(r, "serve.whatif.asof-bad", "Value", v)
	}
	if first := engine.NewDate(s.year, 1, 1); d.Before(first) {
		return engine.Date{}, s.tr(r, "serve.whatif.asof-early", "Value", v, "Year", strconv.Itoa(s.year))
	}
	return d, ""
}

// comparedAt says, above a what-if's results, the day both sides are seen at and whether it is
// the cut-off of the report on the year (the figures before are then the report's).
func (s *Server) comparedAt(r *http.Request, asOf engine.Date) string {
	y := strconv.Itoa(s.year)
	if asOf == s.reportCut {
		return s.tr(r, "serve.whatif.compared-report", "Date", s.dayIn(r, asOf), "Year", y)
	}
	return s.tr(r, "serve.whatif.compared-chosen", "Date", s.dayIn(r, asOf), "Year", y, "Report", s.dayIn(r, s.reportCut))
}

// asOfHint says, under the form's "Data as of", what the default day is and what a later one
// is for.
func (s *Server) asOfHint(r *http.Request) string {
	y := strconv.Itoa(s.year)
	if s.bl.AsOf() == s.reportCut {
		return s.tr(r, "serve.whatif.asof-hint-report", "Date", s.dayIn(r, s.bl.AsOf()), "Year", y, "Latest", s.dayIn(r, s.ds.LatestDate()))
	}
	return s.tr(r, "serve.whatif.asof-hint-given", "Date", s.dayIn(r, s.bl.AsOf()), "Year", y, "Report", s.dayIn(r, s.reportCut), "Latest", s.dayIn(r, s.ds.LatestDate()))
}

// run runs the scenarios against the baseline at one cut-off and words the results.
func (s *Server) run(r *http.Request, bl *engine.Baseline, scs []*engine.Scenario) (*reports.WhatIf, []*engine.ScenarioRun, error) {
	runs, err := bl.RunAll(r.Context(), scs)
	if err != nil {
		return nil, nil, err
	}
	base := bl
	if len(runs) > 0 {
		base = runs[0].Baseline
	}
	rep := reports.NewWhatIf(base.Assessment(), false)
	if l := langOf(r); l != locale.English {
		rep.Lang = l
		rep.Titles = map[string]string{}
		for id, d := range s.texts[l].indicators {
			rep.Titles[id] = d.Title
		}
		for key, sec := range s.texts[l].sections {
			rep.Titles[key] = sec.Title
		}
	}
	for _, run := range runs {
		rep.Add(run, run.Diff(), nil)
	}
	return rep, runs, nil
}

// whatif: the form, and below it the results of the scenarios it holds.
func (s *Server) whatif(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	forms := readForm(q)
	prefill := ""
	if st := q.Get("state"); st != "" && !forms[0].active() {
		if found, ok, _ := s.ds.LookupState(st); ok {
			prefill = s.stateName(r, found.ISO3) // from a State page's link: fill the form, run nothing
		}
	}
	asOf, asOfProblem := s.cutOffOf(r)
	var scs []*engine.Scenario
	var keys []string
	ok := asOfProblem == ""
	for i := range forms {
		if !forms[i].active() || asOfProblem != "" {
			continue
		}
		sc, good := s.build(r, &forms[i], asOf)
		ok = ok && good
		if good {
			scs = append(scs, sc)
			keys = append(keys, forms[i].Key)
		}
	}
	// a scenario named but without an event, or a form sent with nothing in it, is said, not
	// passed over
	for i := range forms {
		if forms[i].Filled() && !forms[i].active() {
			forms[i].Error = s.tr(r, "serve.whatif.no-event", "Key", strings.ToUpper(forms[i].Key))
			ok = false
		}
	}
	nothing := ok && len(scs) == 0 && q.Get("run") != ""
	if prefill != "" {
		forms[0].Events[0].Spec.State = prefill
		forms[0].Name = ""
	}
	asOfValue := strings.TrimSpace(q.Get("asof"))
	if asOfValue == "" {
		asOfValue = s.bl.AsOf().String()
	}
	data := map[string]any{"Forms": forms, "Types": engine.EventTypes, "States": s.statesIn(r), "Submitted": len(keys) > 0 || !ok,
		"AsOfValue": asOfValue, "AsOfError": asOfProblem, "AsOfHint": s.asOfHint(r)}
	status := http.StatusOK
	switch {
	case !ok:
		status = http.StatusUnprocessableEntity
		data["Error"] = s.tr(r, "serve.whatif.error")
	case nothing:
		status = http.StatusUnprocessableEntity
		data["Error"] = s.tr(r, "serve.whatif.nothing")
	}
	if ok && len(scs) > 0 {
		bl, err := s.baselineAt(r.Context(), asOf)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		rep, runs, err := s.run(r, bl, scs)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		names := s.names
		var outs []outcome
		for i, run := range runs {
			ws := rep.Scenarios[i]
			o := outcome{Key: keys[i], Scenario: ws, Text: ws.Text, Query: template.URL(scenarioQuery(q, keys[i])), Replaces: s.replaces(r, run.Scenario, bl.AsOf())}
			for _, c := range ws.Indicators {
				if c.Changed && len(c.BaseSeries) > 0 {
					o.Charts = append(o.Charts, chartRef{ID: c.ID, Title: c.Title, URL: template.URL(s.link(r, "/whatif/chart.svg?"+string(o.Query)+"&id="+url.QueryEscape(c.ID)))})
				}
			}
			_ = run
			_ = names
			outs = append(outs, o)
		}
		data["Outcomes"] = outs
		data["AsOf"] = rep.AsOf
		data["Compared"] = s.comparedAt(r, bl.AsOf())
		data["Compare"] = compareRows(rep)
		data["AllQuery"] = r.URL.RawQuery
	}
	s.render(w, r, status, "whatif", s.page(r, s.tr(r, "serve.nav.whatif"), "whatif", data))
}

// replaces lists the facts of the data known at asOf that a scenario's changes replace (the
// last of each State, field and year), in the request's language: an event that repeats what
// the data already hold (an annual report already received, moved to another day before its
// deadline) changes nothing, and the page says so rather than leave "no indicator would
// change" unexplained.
func (s *Server) replaces(r *http.Request, sc *engine.Scenario, asOf engine.Date) []string {
	var out []string
	for _, c := range sc.Changes {
		if c.Kind != engine.ChangeSet || c.ISO3 == "" || c.Year == 0 {
			continue
		}
		var last *engine.Fact
		for _, f := range s.ds.StateFacts(c.ISO3) {
			if f.Field != c.Field || f.Year != c.Year || (!f.Recorded.IsZero() && f.Recorded.After(asOf)) {
				continue
			}
			if d, err := engine.ParseDate(f.Value); err == nil && d.After(asOf) && !strings.HasSuffix(f.Field, "_deadline") {
				continue // a date not yet reached at the cut-off: not known then
			}
			last = &f
		}
		if last == nil || last.Value == c.Value {
			if last != nil {
				out = append(out, s.tr(r, "serve.whatif.repeats", "State", s.stateName(r, c.ISO3), "Field", c.Field, "Year", strconv.Itoa(c.Year), "Old", last.Value, "Class", string(last.Class)))
			}
			continue
		}
		out = append(out, s.tr(r, "serve.whatif.replaces", "State", s.stateName(r, c.ISO3), "Field", c.Field, "Year", strconv.Itoa(c.Year), "Old", last.Value, "Class", string(last.Class), "New", c.Value))
	}
	return out
}

// scenarioQuery keeps the form fields of one scenario, renamed to scenario a, so that a
// download or a chart link reproduces it alone.
func scenarioQuery(q url.Values, key string) string {
	out := url.Values{}
	if v := q.Get("asof"); v != "" {
		out.Set("asof", v) // the cut-off it was compared at
	}
	for k, vs := range q {
		if rest, ok := strings.CutPrefix(k, key+"."); ok {
			for _, v := range vs {
				if v != "" {
					out.Add("a."+rest, v)
				}
			}
		}
	}
	return out.Encode()
}

// compareRow is one line of the side-by-side table.
type compareRow struct {
	ID, Title, Unit, Provenance string
	Base                        *float64
	Scenario                    []*float64
	Deltas                      []*float64
	Plan                        bool
	// BaseClass and ScenarioClass are the classes of the data behind the values (their marks)
	BaseClass     engine.Class
	ScenarioClass []engine.Class
}

func compareRows(rep *reports.WhatIf) []compareRow {
	if len(rep.Scenarios) < 2 {
		return nil
	}
	var rows []compareRow
	plan := compareRow{ID: "Plan", Title: "Plan score", Plan: true}
	plan.Base = rep.Scenarios[0].Overall.BaseScore
	for _, sc := range rep.Scenarios {
		plan.Scenario = append(plan.Scenario, sc.Overall.ScenarioScore)
		plan.Deltas = append(plan.Deltas, sc.Overall.Delta)
	}
	rows = append(rows, plan)
	index := map[string]int{}
	for si, sc := range rep.Scenarios {
		for _, c := range sc.Indicators {
			i, ok := index[c.ID]
			if !ok {
				i = len(rows)
				index[c.ID] = i
				rows = append(rows, compareRow{ID: c.ID, Title: c.Title, Unit: c.Unit, Provenance: c.Provenance, Base: c.BaseValue, BaseClass: c.BaseClass,
					Scenario: make([]*float64, len(rep.Scenarios)), Deltas: make([]*float64, len(rep.Scenarios)), ScenarioClass: make([]engine.Class, len(rep.Scenarios))})
				for k := range rows[i].Scenario {
					rows[i].Scenario[k] = c.BaseValue // unchanged unless the scenario says otherwise
					rows[i].ScenarioClass[k] = c.BaseClass
				}
			}
			rows[i].Scenario[si] = c.ScenarioValue
			rows[i].ScenarioClass[si] = c.ScenarioClass
			rows[i].Deltas[si] = c.Delta
		}
	}
	return rows
}

// formScenarios reads the form and builds its scenarios with the baseline at the form's
// cut-off, or answers with the problems.
func (s *Server) formScenarios(w http.ResponseWriter, r *http.Request) ([]*engine.Scenario, *engine.Baseline, bool) {
	forms := readForm(r.URL.Query())
	asOf, problem := s.cutOffOf(r)
	if problem != "" {
		http.Error(w, "asof: "+problem, http.StatusUnprocessableEntity)
		return nil, nil, false
	}
	var scs []*engine.Scenario
	var problems []string
	for i := range forms {
		if !forms[i].active() {
			continue
		}
		sc, ok := s.build(r, &forms[i], asOf)
		if !ok {
			for _, e := range forms[i].Events {
				for f, m := range e.Errors {
					problems = append(problems, fmt.Sprintf("scenario %s, event %d, %s: %s", forms[i].Key, e.Index+1, f, m))
				}
			}
			continue
		}
		scs = append(scs, sc)
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		http.Error(w, strings.Join(problems, "\n"), http.StatusUnprocessableEntity)
		return nil, nil, false
	}
	if len(scs) == 0 {
		http.Error(w, "no scenario: give at least one event (a.e0.state, a.e0.type, a.e0.date)", http.StatusBadRequest)
		return nil, nil, false
	}
	bl, err := s.baselineAt(r.Context(), asOf)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, false
	}
	return scs, bl, true
}

// whatifTOML downloads scenario a of the query as a scenario file.
func (s *Server) whatifTOML(w http.ResponseWriter, r *http.Request) {
	scs, _, ok := s.formScenarios(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="scenario.toml"`)
	w.Write(scs[0].TOML())
}

// whatifMarkdown downloads the result as `lap whatif --format md` writes it.
func (s *Server) whatifMarkdown(w http.ResponseWriter, r *http.Request) {
	scs, bl, ok := s.formScenarios(w, r)
	if !ok {
		return
	}
	rep, _, err := s.run(r, bl, scs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := reports.WriteWhatIfMarkdown(&b, rep, nil); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="whatif.md"`)
	w.Write(b.Bytes())
}

// whatifCSV downloads every changed indicator of every scenario, one row each, with the
// indicator's provenance label and the classes of the data behind its values (the JSON's
// provenance, base_class and scenario_class): the numbers stay plain, their marks are columns.
func (s *Server) whatifCSV(w http.ResponseWriter, r *http.Request) {
	scs, bl, ok := s.formScenarios(w, r)
	if !ok {
		return
	}
	rep, _, err := s.run(r, bl, scs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write([]string{"scenario", "id", "title", "unit", "base_value", "scenario_value", "delta", "base_status", "scenario_status", "sentence", "provenance", "base_class", "scenario_class"})
	num := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	for _, sc := range rep.Scenarios {
		text := map[string]string{}
		for _, st := range sc.Text.Indicators {
			text[st.Key] = st.Text
		}
		for _, c := range sc.Indicators {
			cw.Write([]string{sc.Name, c.ID, c.Title, c.Unit, num(c.BaseValue), num(c.ScenarioValue), num(c.Delta),
				string(c.BaseStatus), string(c.ScenarioStatus), text[c.ID], c.Provenance, string(c.BaseClass), string(c.ScenarioClass)})
		}
		cw.Write([]string{sc.Name, "overall", "Plan score", "score", num(sc.Overall.BaseScore), num(sc.Overall.ScenarioScore), num(sc.Overall.Delta),
			string(sc.Overall.BaseStatus), string(sc.Overall.ScenarioStatus), sc.Text.Summary, "", "", ""})
	}
	cw.Flush()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="whatif.csv"`)
	w.Write(b.Bytes())
}

// whatifChart draws one changed indicator of scenario a: baseline and scenario overlaid.
func (s *Server) whatifChart(w http.ResponseWriter, r *http.Request) {
	scs, bl, ok := s.formScenarios(w, r)
	if !ok {
		return
	}
	runs, err := bl.RunAll(r.Context(), scs[:1])
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, found := runs[0].Diff().Indicator(r.URL.Query().Get("id"))
	if !found {
		http.NotFound(w, r)
		return
	}
	lang := langOf(r)
	if d, ok := s.texts[lang].indicators[c.ID]; ok && lang != locale.English {
		c.Title = d.Title
	}
	f, err := reports.OverlayFigure(c, lang)
	if err != nil || f == nil {
		http.NotFound(w, r)
		return
	}
	b, err := f.SVG()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeSVG(w, b)
}

// apiRequest is the JSON form of /api/whatif.
type apiRequest struct {
	Name        string             `json:"name"`
	Description string             `json:"description"`
	Events      []engine.EventSpec `json:"events"`
	Scenarios   []apiScenario      `json:"scenarios"`
	All         bool               `json:"all"`
}

type apiScenario struct {
	Name        string             `json:"name"`
	Description string             `json:"description"`
	Events      []engine.EventSpec `json:"events"`
}

// apiWhatIf answers what `lap whatif --format json` prints: for GET, the scenarios of the
// form's query; for POST, a scenario file (TOML, any content type but JSON) or the JSON form.
func (s *Server) apiWhatIf(w http.ResponseWriter, r *http.Request) {
	var scs []*engine.Scenario
	var bl *engine.Baseline
	all := false
	if r.Method == http.MethodGet {
		var ok bool
		if scs, bl, ok = s.formScenarios(w, r); !ok {
			return
		}
	} else {
		asOf, problem := s.cutOffOf(r)
		if problem != "" {
			apiError(w, http.StatusUnprocessableEntity, "asof: "+problem, nil)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request body is over %d bytes", MaxBodyBytes), nil)
				return
			}
			apiError(w, http.StatusBadRequest, "read the request: "+err.Error(), nil)
			return
		}
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct == "application/json" {
			scs, all, err = s.jsonScenarios(body)
		} else {
			var sc *engine.Scenario
			sc, err = engine.ParseScenario("request.toml", body, s.ds, s.plan)
			if err == nil && len(sc.Changes)+len(sc.Events) > MaxEvents {
				err = fmt.Errorf("the scenario has %d changes; the limit is %d", len(sc.Changes), MaxEvents)
			}
			scs = []*engine.Scenario{sc}
		}
		if err == nil {
			err = afterCutOff(scs, asOf)
		}
		if err != nil {
			var ds engine.Diagnostics
			errors.As(err, &ds)
			apiError(w, http.StatusUnprocessableEntity, err.Error(), ds)
			return
		}
		if bl, err = s.baselineAt(r.Context(), asOf); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	runs, err := bl.RunAll(r.Context(), scs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep := reports.NewWhatIf(runs[0].Baseline.Assessment(), all)
	if l := langOf(r); l != locale.English {
		rep.Lang = l // the sentences (text) follow ?lang=; the keys stay English
	}
	for _, run := range runs {
		rep.Add(run, run.Diff(), nil)
	}
	var b bytes.Buffer
	if err := reports.EncodeJSON(&b, rep); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b.Bytes())
}

func (s *Server) jsonScenarios(body []byte) ([]*engine.Scenario, bool, error) {
	var req apiRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, false, fmt.Errorf("read the JSON request: %w", err)
	}
	list := req.Scenarios
	if len(req.Events) > 0 {
		list = append([]apiScenario{{Name: req.Name, Description: req.Description, Events: req.Events}}, list...)
	}
	switch {
	case len(list) == 0:
		return nil, false, errors.New("no scenario: give events, or scenarios with events")
	case len(list) > MaxScenarios:
		return nil, false, fmt.Errorf("%d scenarios; the limit is %d", len(list), MaxScenarios)
	}
	var scs []*engine.Scenario
	var diags engine.Diagnostics
	for i, a := range list {
		if len(a.Events) > MaxEvents {
			return nil, false, fmt.Errorf("scenario %d has %d events; the limit is %d", i+1, len(a.Events), MaxEvents)
		}
		name := a.Name
		if name == "" {
			name = "Scenario " + strconv.Itoa(i+1)
		}
		sc, err := engine.NewScenario(name, a.Description, a.Events, nil, s.ds)
		if err != nil {
			var ds engine.Diagnostics
			if errors.As(err, &ds) {
				for _, d := range ds {
					d.Key = fmt.Sprintf("scenarios[%d].%s", i, d.Key)
				}
				diags = append(diags, ds...)
				continue
			}
			return nil, false, err
		}
		scs = append(scs, sc)
	}
	if len(diags) > 0 {
		return nil, false, diags
	}
	return scs, req.All, nil
}

// afterCutOff refuses what a scenario sent to the API dates after the cut-off asOf (an
// event's date or declared day, a date a [[set]] gives): nothing after that day is seen, so it
// would change nothing without a word. Every such date is named, with its key.
func afterCutOff(scs []*engine.Scenario, asOf engine.Date) error {
	var ds engine.Diagnostics
	add := func(sc *engine.Scenario, key, what string, d engine.Date) {
		ds = append(ds, &engine.Diagnostic{File: sc.File, Key: key, Code: "after-cutoff",
			Message: fmt.Sprintf("scenario %q: %s %s is after the cut-off %s: nothing dated after that day is seen, so it would change nothing", sc.Name, what, d, asOf),
			Hint:    "give a date up to the cut-off, or a later cut-off with ?asof=YYYY-MM-DD"})
	}
	for _, sc := range scs {
		for _, ev := range sc.Events {
			if ev.Date.After(asOf) {
				add(sc, ev.Key+".date", "the event's date", ev.Date)
			}
			if !ev.Declared.IsZero() && ev.Declared.After(asOf) {
				add(sc, ev.Key+".declared", "the day completion is declared", ev.Declared)
			}
		}
		for _, c := range sc.Changes {
			if c.Event != 0 || c.Kind != engine.ChangeSet {
				continue
			}
			if d, err := engine.ParseDate(c.Value); err == nil && d.After(asOf) && !strings.HasSuffix(c.Field, "_deadline") {
				add(sc, c.Key, c.Field, d)
			}
		}
	}
	if len(ds) == 0 {
		return nil
	}
	return ds
}

func apiError(w http.ResponseWriter, status int, msg string, problems engine.Diagnostics) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": msg, "problems": problems})
}

// fail answers an error of the run: a cancelled or timed-out request, or a failure.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		http.Error(w, "the request was cancelled or took too long: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	http.Error(w, err.Error(), http.StatusInternalServerError)
}
