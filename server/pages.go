package server

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
	"github.com/lapmonitor/lap/reports/locale"
	"golang.org/x/text/collate"
	"golang.org/x/text/unicode/norm"
)

// page is what every page template gets: the workspace's header and footer, and the page's
// own data.
type page struct {
	Title string
	Nav   string // the current section of the navigation
	Plan  engine.PlanRef
	Year  int
	// YearHead is the year in the head: "2026 (partial)" when the cut-off falls before its end
	YearHead string
	// Years are the years a user may pick in the head
	Years []int
	AsOf  string
	// CutOff says which day the data are cut off at and why that day, in the report's words
	// ("Data as of 30 June 2026 (the plan's report cut-off for 2025)"): on every page's head
	CutOff   string
	DataName string
	Notice   string
	Data     any
	// Lang is the page's language (?lang=fr): the <html lang>, the workspace's own words and
	// the what-if sentences; Path is the page's path, for the language switch.
	Lang locale.Lang
	Path string
}

// langOf reads the language of a request from ?lang= (en, fr or es); anything else is English.
func langOf(r *http.Request) locale.Lang {
	l, err := locale.ParseLang(r.URL.Query().Get("lang"))
	if err != nil {
		return locale.English
	}
	return l
}

func (s *Server) page(r *http.Request, title, nav string, data any) page {
	a := s.bl.Assessment()
	label, _ := s.plan.Provenance()
	loc := locale.For(langOf(r))
	head := fmt.Sprint(a.Year)
	if s.cut.Partial {
		head = loc.T("cutoff.partial-head", map[string]any{"Year": a.Year})
	}
	return page{Lang: langOf(r), Path: r.URL.Path, Title: title, Nav: nav, Plan: a.Plan, Year: a.Year, YearHead: head, Years: s.years, AsOf: a.AsOf, DataName: s.dataName,
		CutOff: cutOffText(locale.For(langOf(r)), s.cut), Notice: s.tr(r, "serve.notice", "Label", label), Data: data}
}

// cutOffText is the data cut-off of the workspace and why it is that day, in the words the
// report's first page uses for it (the catalogue's cutoff.*): the same day as lap report's
// for the year unless lap serve was given --as-of.
func cutOffText(loc *locale.Locale, c engine.CutOff) string {
	day := func(d engine.Date) string {
		if s, err := loc.ISODate(d.String()); err == nil {
			return s
		}
		return d.Text()
	}
	s := loc.T("cutoff.as-of", map[string]any{"Date": day(c.AsOf)})
	if r := loc.CutOffReason(c, "serve.cutoff.given", "serve.cutoff.given-planned"); r != "" {
		s += " " + r
	}
	s += "."
	if c.Partial {
		// as the report's first page says it (reports: cutoff.partial)
		s += " " + loc.T("cutoff.partial", map[string]any{"Year": c.Year, "Date": day(c.AsOf)})
	}
	return s
}

// tr is a message of the catalogue in the request's language, with named values given as
// pairs ("State", "LBN").
func (s *Server) tr(r *http.Request, id string, kv ...string) string {
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[kv[i]] = kv[i+1]
	}
	return locale.For(langOf(r)).T(id, data)
}

// stateName is a State's name in the request's language (locale.State), the data's name in
// English or when the names table lacks it.
func (s *Server) stateName(r *http.Request, iso3 string) string {
	if l := langOf(r); l != locale.English {
		if _, ok := locale.LookupState(iso3); ok {
			return locale.For(l).State(iso3)
		}
	}
	return s.names[iso3]
}

// texts are the plan's texts in the request's language.
func (s *Server) textsFor(r *http.Request) planTexts { return s.texts[langOf(r)] }

var funcs = template.FuncMap{
	"value":      reports.FormatValue,
	"score":      reports.FormatScore,
	"scoreDelta": reports.FormatScoreDelta,
	"delta":      reports.FormatDelta,
	"points":     reports.FormatProgressDelta,
	"status":     func(s engine.ProgressStatus) string { return strings.ReplaceAll(string(s), "-", " ") },
	"words":      func(s string) string { return strings.ReplaceAll(s, "-", " ") },
	"official":   func(c engine.Class) bool { return c == "" || c.Official() },
	"join":       strings.Join,
	"add":        func(a, b int) int { return a + b },
	"deref":      func(p *int) int { return *p },
	"upper":      strings.ToUpper,
	"datetext": func(d *engine.Date) string {
		if d == nil {
			return "–"
		}
		return d.Text()
	},
	"sign": func(v *float64) string {
		switch {
		case v == nil:
			return "same"
		case *v > 1e-9:
			return "up"
		case *v < -1e-9:
			return "down"
		}
		return "same"
	},
}

// dashboard: plan and section scores, statuses, the largest changes since the year before, and
// the overview charts.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	a := s.bl.Assessment()
	type sectionRow struct {
		engine.SectionScore
		Counts engine.ProgressCounts
	}
	var secs []sectionRow
	for _, sc := range a.Sections {
		row := sectionRow{SectionScore: sc}
		for _, ia := range a.Indicators {
			if ia.Section == sc.Key {
				row.Counts.Add(ia.ProgressStatus)
			}
		}
		secs = append(secs, row)
	}
	var total engine.ProgressCounts
	for _, ia := range a.Indicators {
		total.Add(ia.ProgressStatus)
	}
	var charts []string
	for name := range s.charts {
		if !strings.HasPrefix(name, "indicator-") {
			charts = append(charts, name)
		}
	}
	sort.Strings(charts)
	s.render(w, r, http.StatusOK, "dashboard", s.page(r, s.tr(r, "serve.nav.dashboard"), "dashboard", map[string]any{
		"Overall": a.Overall, "Sections": secs, "Total": total, "Statuses": engine.ProgressStatuses,
		"Changes": s.changes(), "Charts": charts, "Indicators": len(a.Indicators),
	}))
}

// changesView is the dashboard's largest changes since the year before, ranked as the report
// ranks them (reports.LargestChanges).
type changesView struct {
	Year     int              // the year before
	ThisYear int              // the assessed year
	Assessed bool             // the year before was assessed
	AsOf     string           // the day the year before is seen at (ISO), when not the dashboard's
	Reported bool             // AsOf is the plan's cut-off of the report on the year before
	Rows     []reports.Change // largest first
}

func (s *Server) changes() changesView {
	a := s.bl.Assessment()
	v := changesView{Year: s.year - 1, ThisYear: s.year, Assessed: s.prev != nil}
	if s.prev == nil {
		return v
	}
	if s.prev.AsOf != a.AsOf {
		v.AsOf = s.prev.AsOf
		if d, ok := s.plan.ReportCutoff(v.Year); ok && d.String() == v.AsOf {
			v.Reported = true
		}
	}
	v.Rows = reports.LargestChanges(a, s.prev)
	return v
}

// section: one section's actions with their indicators.
func (s *Server) section(w http.ResponseWriter, r *http.Request) {
	a := s.bl.Assessment()
	key := r.PathValue("key")
	var sec *engine.SectionScore
	for i := range a.Sections {
		if a.Sections[i].Key == key {
			sec = &a.Sections[i]
		}
	}
	if sec == nil {
		s.notFound(w, r, s.tr(r, "serve.no-section", "Key", key))
		return
	}
	type actionView struct {
		engine.ActionScore
		Description string
		Provenance  string
		Indicators  []engine.IndicatorAssessment
	}
	var acts []actionView
	for _, as := range a.Actions {
		if as.Section != key {
			continue
		}
		def := s.actions[as.Number]
		av := actionView{ActionScore: as, Description: def.Description, Provenance: def.Provenance}
		for _, ia := range a.Indicators {
			if ia.Action == as.Number {
				av.Indicators = append(av.Indicators, ia)
			}
		}
		acts = append(acts, av)
	}
	title := sec.Title
	if t, ok := s.textsFor(r).sections[key]; ok && t.Title != "" {
		title = t.Title
	}
	s.render(w, r, http.StatusOK, "section", s.page(r, title, "dashboard", map[string]any{"Section": sec, "Actions": acts}))
}

// indicator: definition, series chart, States counted, and the derivation in readable form.
func (s *Server) indicator(w http.ResponseWriter, r *http.Request) {
	a := s.bl.Assessment()
	id := r.PathValue("id")
	ia, ok := a.Indicator(id)
	if !ok {
		s.notFound(w, r, s.tr(r, "serve.no-indicator", "ID", id))
		return
	}
	def := s.defs[id]
	if d, ok := s.textsFor(r).indicators[id]; ok {
		def = d
	}
	ex, err := s.plan.Explain(r.Context(), s.ds, id, s.year, engine.AsOf(s.bl.AsOf()))
	var explain string
	if err == nil {
		var b bytes.Buffer
		if werr := reports.WriteExplanationIn(&b, ex, false, langOf(r)); werr == nil {
			explain = b.String()
		}
	}
	// each State named carries the mark of its result's class, as in the report's lists: the
	// classes of the traced evaluation the explanation rests on
	classes := map[string]engine.Class{}
	if err == nil {
		for _, so := range ex.Indicator.States {
			classes[so.ISO3] = so.Class
		}
	}
	named := func(isos []string) []stateRef {
		out := make([]stateRef, 0, len(isos))
		for _, iso := range isos {
			out = append(out, stateRef{ISO3: iso, Name: s.stateName(r, iso), Class: classes[iso]})
		}
		return out
	}
	var notCounted []stateRef
	if ia.Aggregate == engine.AggCount || ia.Aggregate == engine.AggShare {
		notCounted = named(ia.NotCounted.List())
	}
	_, chart := s.charts["indicator-"+id]
	// a sum flagged for its coverage says why, as the report's note under the indicator does
	var coverageNote string
	if ia.CoverageFlag && ia.Coverage != nil {
		loc := locale.For(langOf(r))
		coverageNote = loc.T("report.coverage-flagged-note", map[string]any{"Reason": sentenceIn(loc, ia.Coverage.Reason, ia.Coverage.ReasonSentence)})
	}
	s.render(w, r, http.StatusOK, "indicator", s.page(r, id+" "+def.Title, "dashboard", map[string]any{
		"I": ia, "Def": def, "Action": s.actions[ia.Action], "Chart": chart, "Counted": named(ia.Counted.List()),
		"NotCounted": notCounted, "NoData": named(ia.NoData.List()), "AsNo": ia.UnknownPolicy == engine.UnknownAsFalse && notCounted != nil,
		"Explain": explain, "CoverageNote": coverageNote,
	}))
}

// stateRef is a State named on a page, with the class of what its result rests on (its mark).
type stateRef struct {
	ISO3, Name string
	Class      engine.Class
}

// statesIn are the States by their names in the request's language, in its alphabetical order
// (the data's names in English, or where the names table lacks a State).
func (s *Server) statesIn(r *http.Request) []engine.State {
	lang := langOf(r)
	if lang == locale.English {
		return s.states
	}
	out := slices.Clone(s.states)
	for i := range out {
		out[i].Name = s.stateName(r, out[i].ISO3)
	}
	c := collate.New(lang.Tag())
	sort.SliceStable(out, func(i, j int) bool { return c.CompareString(out[i].Name, out[j].Name) < 0 })
	return out
}

// foldName is a State's name as typed, without regard to case, accents or spaces around it:
// "liban", "Liban " and "LIBAN" are one name.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(s))) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// localStateNames are, for each language but English, the States' names in it (folded) to
// their ISO3 codes, so that the what-if form takes a State by the name the page shows.
func localStateNames(states []engine.State) map[locale.Lang]map[string]string {
	out := map[locale.Lang]map[string]string{}
	for _, l := range locale.Langs() {
		if l == locale.English {
			continue
		}
		m := map[string]string{}
		for _, st := range states {
			if _, ok := locale.LookupState(st.ISO3); ok {
				m[foldName(locale.For(l).State(st.ISO3))] = st.ISO3
			}
		}
		out[l] = m
	}
	return out
}

// stateList: every State, by name, with a link to its profile.
func (s *Server) stateList(w http.ResponseWriter, r *http.Request) {
	party := map[string]bool{}
	for _, sv := range s.bl.Assessment().States {
		party[sv.ISO3] = true
	}
	type row struct {
		engine.State
		Party bool
	}
	var rows []row
	for _, st := range s.statesIn(r) {
		rows = append(rows, row{State: st, Party: party[st.ISO3]})
	}
	s.render(w, r, http.StatusOK, "states", s.page(r, s.tr(r, "serve.nav.states"), "states", rows))
}

// state: a State's country profile (reports.ProfileOf, the report's profile page) and a what-if
// link for it.
func (s *Server) state(w http.ResponseWriter, r *http.Request) {
	q := r.PathValue("iso3")
	st, ok, hint := s.ds.LookupState(q)
	if !ok {
		msg := s.tr(r, "serve.no-state", "State", q)
		if hint != "" {
			msg = s.tr(r, "serve.no-state-hint", "State", q, "Hint", hint)
		}
		s.notFound(w, r, msg)
		return
	}
	if st.ISO3 != q {
		http.Redirect(w, r, s.link(r, "/state/"+st.ISO3), http.StatusSeeOther)
		return
	}
	// the profile's own words follow the plan's language: its translation for ?lang=fr|es
	p, err := reports.ProfileOf(r.Context(), s.textsFor(r).plan, s.ds, s.bl.Assessment(), st.ISO3)
	if err != nil {
		s.notFound(w, r, err.Error())
		return
	}
	body, err := reports.ProfileHTML(p, reports.ProfileOptions{IndicatorLink: s.link(r, "/indicator/{id}")})
	if err != nil {
		s.notFound(w, r, err.Error())
		return
	}
	name := s.stateName(r, st.ISO3)
	s.render(w, r, http.StatusOK, "state", s.page(r, name, "states", map[string]any{"ISO3": st.ISO3, "Name": name, "Profile": body}))
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, msg string) {
	s.render(w, r, http.StatusNotFound, "error", s.page(r, s.tr(r, "serve.not-found"), "", msg))
}
