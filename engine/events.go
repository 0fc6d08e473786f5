package engine

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Events: what happens in a scenario, in a coordinator's words ("Lebanon completes clearance on
// 30 June 2025"). Each event expands to the field changes it implies (docs/whatif.md, "Events"),
// so that a ratification brings its obligations and a completion empties the remaining area. An
// event is written as a [[event]] table of a scenario file, as the text of `lap whatif --event`
// ("LBN complete-clearance 2025-06-30") or through the web form of `lap serve`; all three give
// an EventSpec, which ResolveEvent checks against the dataset.

// EventType is what happens.
type EventType string

// The event types.
const (
	EventRatify              EventType = "ratify"               // a signatory deposits its instrument of ratification
	EventAccede              EventType = "accede"               // a State that did not sign deposits its instrument of accession
	EventCompleteDestruction EventType = "complete-destruction" // Article 3: the stockpile is destroyed
	EventCompleteClearance   EventType = "complete-clearance"   // Article 4: all known contaminated areas are cleared
	EventClear               EventType = "clear"                // Article 4: an area cleared in a year
	EventSubmitReport        EventType = "submit-report"        // Article 7: the initial or an annual report arrives
	EventExtensionGranted    EventType = "extension-granted"    // Article 3 or 4: a new deadline is granted
	EventExtensionRefused    EventType = "extension-refused"    // Article 3 or 4: a request is not granted
	EventWithdraw            EventType = "withdraw"             // the State withdraws (Article 20)
)

// EventTypes lists the event types in the order forms offer them.
var EventTypes = []EventType{EventRatify, EventAccede, EventCompleteDestruction, EventCompleteClearance, EventClear,
	EventSubmitReport, EventExtensionGranted, EventExtensionRefused, EventWithdraw}

// Valid reports whether t is an event type.
func (t EventType) Valid() bool {
	for _, x := range EventTypes {
		if x == t {
			return true
		}
	}
	return false
}

// The kinds of Article 7 report a submit-report event names.
const (
	ReportInitial = "initial"
	ReportAnnual  = "annual"
)

// Treaty periods from entry into force (Articles 3.2 and 4.1(a)).
const (
	art3PeriodYears = 8
	art4PeriodYears = 10
)

// EventSpec is an event as a person gives it, before its State is looked up and its values
// checked: every value is text, as typed on the command line or in a form ("" when not given).
type EventSpec struct {
	// State is an ISO3 code or a name ("LBN", "Lebanon", "lao"): see Dataset.LookupState.
	State string `json:"state"`
	Type  string `json:"type"`
	// Date is the event's date (YYYY-MM-DD, YYYY-MM or YYYY): the deposit, completion, decision,
	// withdrawal or submission; for clear, the year cleared.
	Date string `json:"date,omitempty"`
	// Declared is the date completion was formally declared (complete-*); default Date.
	Declared string `json:"declared,omitempty"`
	// Stockpile (ratify, accede): "yes", or the number of cluster munitions held: the State
	// brings an Article 3 obligation.
	Stockpile string `json:"stockpile,omitempty"`
	// Contamination (ratify, accede): "yes", or the contaminated area (m2, or "4.2 km2"): the
	// State brings an Article 4 obligation.
	Contamination string `json:"contamination,omitempty"`
	// Victims (ratify, accede): "yes": there are cluster munition victims (Article 5).
	Victims string `json:"victims,omitempty"`
	// Area (clear): the area cleared, m2 or "… km2".
	Area string `json:"area,omitempty"`
	// Report (submit-report): initial or annual.
	Report string `json:"report,omitempty"`
	// Covering (submit-report annual): the year the report covers; default the year before
	// the date.
	Covering string `json:"covering,omitempty"`
	// Article (extension-*): 3 or 4; may be left out when the State has one obligation.
	Article string `json:"article,omitempty"`
	// Deadline (extension-granted): the new deadline.
	Deadline string `json:"deadline,omitempty"`
	// Source is the source recorded on the facts the event adds; default "scenario event".
	Source string `json:"source,omitempty"`
}

// Event is a checked event: its State found, its values read.
type Event struct {
	Type      EventType `json:"type"`
	ISO3      string    `json:"iso3"`
	StateName string    `json:"state"`
	Date      Date      `json:"date"`
	Declared  Date      `json:"declared,omitzero"`
	// Stockpile, Contamination and Victims are the obligations a ratify or accede brings;
	// Munitions and Area their optional amounts.
	Stockpile     bool     `json:"stockpile,omitempty"`
	Munitions     *float64 `json:"munitions,omitempty"`
	Contamination bool     `json:"contamination,omitempty"`
	Victims       bool     `json:"victims,omitempty"`
	// Area is the contaminated area of a ratify or accede, or the area of a clear (m2).
	Area     *float64 `json:"area_m2,omitempty"`
	Report   string   `json:"report,omitempty"`
	Covering int      `json:"covering,omitempty"`
	Article  int      `json:"article,omitempty"`
	Deadline Date     `json:"deadline,omitzero"`
	Source   string   `json:"source,omitempty"`
	// File, Line and Key locate the event for diagnostics (a scenario file and its
	// "event[2]", or "--event" and its text).
	File string `json:"-"`
	Line int    `json:"-"`
	Key  string `json:"-"`
}

// String writes the event as `lap whatif --event` reads it: "LBN complete-clearance
// 2025-06-30", "AGO ratify 2025-06-02 stockpile=1200 contamination=5000000 victims".
func (e Event) String() string {
	parts := []string{e.ISO3, string(e.Type)}
	if e.Type == EventSubmitReport {
		parts = append(parts, e.Report)
	}
	parts = append(parts, e.Date.String())
	for _, kv := range e.options() {
		if kv[1] == "yes" {
			parts = append(parts, kv[0])
		} else {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	return strings.Join(parts, " ")
}

// options lists the event's optional values as key, value pairs in a fixed order.
func (e Event) options() [][2]string {
	var out [][2]string
	add := func(k, v string) { out = append(out, [2]string{k, v}) }
	if e.Stockpile {
		if e.Munitions != nil {
			add("stockpile", fnumPlain(*e.Munitions))
		} else {
			add("stockpile", "yes")
		}
	}
	if e.Contamination {
		if e.Area != nil {
			add("contamination", fnumPlain(*e.Area))
		} else {
			add("contamination", "yes")
		}
	}
	if e.Victims {
		add("victims", "yes")
	}
	if e.Type == EventClear && e.Area != nil {
		add("area", fnumPlain(*e.Area))
	}
	if !e.Declared.IsZero() && e.Declared != e.Date {
		add("declared", e.Declared.String())
	}
	if e.Type == EventSubmitReport && e.Report == ReportAnnual && e.Covering != 0 && e.Covering != e.Date.Year()-1 {
		add("covering", itoa(e.Covering))
	}
	if e.Article != 0 {
		add("article", itoa(e.Article))
	}
	if !e.Deadline.IsZero() {
		add("deadline", e.Deadline.String())
	}
	return out
}

func fnumPlain(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// eventKeys are the option keys of the text form, with the EventSpec field each sets.
var eventKeys = []string{"stockpile", "contamination", "victims", "area", "declared", "covering", "article", "deadline", "source"}

// ParseEventText reads an event as `lap whatif --event` gives it: a State (ISO3 code or name,
// several words allowed), the event type, then for submit-report the report kind, the date,
// and key=value options (a bare key means yes): "Lebanon complete-clearance 2025-06-30",
// "AGO ratify 2025-06-02 stockpile=1200 contamination=4.2km2 victims", "COG submit-report
// initial 2025-06-30", "LAO extension-granted 2025-11-20 article=4 deadline=2030-08-01".
func ParseEventText(s string) (EventSpec, error) {
	words := strings.Fields(s)
	at := -1
	for i, w := range words {
		if EventType(strings.ToLower(w)).Valid() {
			at = i
			break
		}
	}
	if at < 0 {
		var types []string
		for _, t := range EventTypes {
			types = append(types, string(t))
		}
		hint := ""
		for _, w := range words {
			if sg := suggest(strings.ToLower(w), types); sg != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", sg)
				break
			}
		}
		return EventSpec{}, fmt.Errorf("no event type in %q: want STATE TYPE DATE [key=value ...] with TYPE one of %s%s", s, strings.Join(types, ", "), hint)
	}
	if at == 0 {
		return EventSpec{}, fmt.Errorf("no State before %q in %q: want STATE TYPE DATE [key=value ...]", words[0], s)
	}
	sp := EventSpec{State: strings.Join(words[:at], " "), Type: strings.ToLower(words[at])}
	rest := words[at+1:]
	if sp.Type == string(EventSubmitReport) && len(rest) > 0 && !strings.Contains(rest[0], "=") && !startsWithDigit(rest[0]) {
		sp.Report, rest = strings.ToLower(rest[0]), rest[1:]
	}
	for _, w := range rest {
		k, v, ok := strings.Cut(w, "=")
		if !ok {
			if startsWithDigit(w) || strings.HasPrefix(w, "../") {
				if sp.Date != "" {
					return EventSpec{}, fmt.Errorf("two dates in %q: %s and %s", s, sp.Date, w)
				}
				sp.Date = w
				continue
			}
			k, v = w, "yes"
		}
		k = strings.ToLower(k)
		switch k {
		case "stockpile":
			sp.Stockpile = v
		case "contamination":
			sp.Contamination = v
		case "victims":
			sp.Victims = v
		case "area":
			sp.Area = v
		case "declared":
			sp.Declared = v
		case "covering":
			sp.Covering = v
		case "article":
			sp.Article = v
		case "deadline":
			sp.Deadline = v
		case "source":
			sp.Source = v
		case "date":
			sp.Date = v
		case "report":
			sp.Report = v
		default:
			msg := fmt.Sprintf("unknown option %q in %q: known options are %s", k, s, strings.Join(eventKeys, ", "))
			if sg := suggest(k, eventKeys); sg != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sg)
			}
			return EventSpec{}, fmt.Errorf("%s", msg)
		}
	}
	return sp, nil
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// LookupState finds a State by ISO3 code or name, ignoring case and accents: the code, the
// name, the name without its parenthesised part ("Bolivia"), or the start of one name only
// ("Lao" for Lao People's Democratic Republic). It returns the State's index, or -1 and a
// suggestion ("" when nothing is close).
func (d *Dataset) LookupState(q string) (State, bool, string) {
	key := foldName(q)
	if key == "" {
		return State{}, false, ""
	}
	var prefix []int
	for i, s := range d.states {
		name := foldName(s.Name)
		short := name
		if j := strings.Index(short, "("); j > 0 {
			short = strings.TrimSpace(short[:j])
		}
		if strings.EqualFold(s.ISO3, q) || name == key || short == key {
			return s, true, ""
		}
		if strings.HasPrefix(name, key) && len(key) >= 3 {
			prefix = append(prefix, i)
		}
	}
	if len(prefix) == 1 {
		return d.states[prefix[0]], true, ""
	}
	if len(prefix) > 1 {
		var names []string
		for _, i := range prefix {
			names = append(names, d.states[i].Name)
		}
		return State{}, false, strings.Join(names, " or ")
	}
	var cands []string
	byCand := map[string]string{}
	for _, s := range d.states {
		for _, c := range []string{strings.ToLower(s.ISO3), foldName(s.Name)} {
			cands = append(cands, c)
			byCand[c] = s.Name
		}
	}
	if sg := suggestFar(key, cands); sg != "" {
		return State{}, false, byCand[sg]
	}
	return State{}, false, ""
}

// suggestFar is suggest with a tolerance that grows with the length of the name (a typo in
// a long State name is still a typo).
func suggestFar(name string, candidates []string) string {
	best, bestD := "", max(3, len(name)/4+1)
	for _, c := range candidates {
		if d := levenshtein(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// foldName lowers a name and strips accents and extra spaces: "Côte d'Ivoire" and "cote
// d'ivoire" fold alike.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(s))) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// ResolveEvent checks an event against the dataset: the State is found (with a did-you-mean),
// the type known, the values of the right kind and the options the type takes. Problems are
// Diagnostics keyed by the EventSpec field ("state", "date", "contamination", ...), all at once.
func (d *Dataset) ResolveEvent(sp EventSpec) (Event, error) {
	var diags Diagnostics
	bad := func(code, key, format string, args ...any) *Diagnostic {
		dg := &Diagnostic{Code: code, Key: key, Message: fmt.Sprintf(format, args...)}
		diags = append(diags, dg)
		return dg
	}
	e := Event{Type: EventType(strings.ToLower(strings.TrimSpace(sp.Type))), Source: sp.Source}
	if sp.State == "" {
		bad(CodeMissingKey, "state", "missing required key \"state\"")
	} else if s, ok, hint := d.LookupState(sp.State); ok {
		e.ISO3, e.StateName = s.ISO3, s.Name
	} else {
		dg := bad(CodeUnknownState, "state", "unknown State %q: not a code or a name in the States file", sp.State)
		if hint != "" {
			dg.Hint = fmt.Sprintf("did you mean %s?", hint)
		}
	}
	if !e.Type.Valid() {
		var types []string
		for _, t := range EventTypes {
			types = append(types, string(t))
		}
		dg := bad(CodeBadValue, "type", "unknown event type %q: one of %s", sp.Type, strings.Join(types, ", "))
		if sp.Type == "" {
			dg.Code, dg.Message = CodeMissingKey, "missing required key \"type\": one of "+strings.Join(types, ", ")
		} else if sg := suggest(string(e.Type), types); sg != "" {
			dg.Hint = fmt.Sprintf("did you mean %q?", sg)
		}
		return Event{}, diags
	}
	date := func(key, v string) Date {
		if v == "" {
			return Date{}
		}
		dt, err := ParseDate(v)
		if err != nil {
			bad(CodeBadDate, key, "%s: %v", key, err)
		}
		return dt
	}
	e.Date = date("date", sp.Date)
	if sp.Date == "" {
		what := "the date"
		if e.Type == EventClear {
			what = "the year cleared"
		}
		bad(CodeMissingKey, "date", "missing required key \"date\": %s of the %s", what, e.Type)
	}
	e.Declared = date("declared", sp.Declared)
	e.Deadline = date("deadline", sp.Deadline)
	yes := func(key, v string) bool {
		switch strings.ToLower(v) {
		case "", "no", "false":
			return false
		case "yes", "true":
			return true
		}
		bad(CodeBadValue, key, "%s: %q is not yes or no", key, v)
		return false
	}
	// amount reads "yes" or a number (with an optional unit for an area)
	amount := func(key, v string, area bool) (bool, *float64) {
		switch strings.ToLower(v) {
		case "", "no", "false":
			return false, nil
		case "yes", "true":
			return true, nil
		}
		n, err := parseAmount(v, area)
		if err != nil {
			bad(CodeBadValue, key, "%s: %v", key, err)
			return false, nil
		}
		return true, &n
	}
	e.Stockpile, e.Munitions = amount("stockpile", sp.Stockpile, false)
	e.Contamination, e.Area = amount("contamination", sp.Contamination, true)
	e.Victims = yes("victims", sp.Victims)
	if sp.Area != "" {
		if e.Contamination {
			bad(CodeBadValue, "area", "area: give the contaminated area as contamination=AREA")
		} else if n, err := parseAmount(sp.Area, true); err != nil {
			bad(CodeBadValue, "area", "area: %v", err)
		} else {
			e.Area = &n
		}
	}
	if sp.Article != "" {
		switch sp.Article {
		case "3", "4":
			e.Article = int(sp.Article[0] - '0')
		default:
			bad(CodeBadValue, "article", "article: %q is not 3 or 4", sp.Article)
		}
	}
	e.Report = strings.ToLower(sp.Report)
	if sp.Covering != "" {
		n, err := strconv.Atoi(sp.Covering)
		if err != nil || n < minDateYear || n > maxDateYear {
			bad(CodeBadYear, "covering", "covering: %q is not a year", sp.Covering)
		}
		e.Covering = n
	}
	// which options each type takes
	allowed := map[EventType][]string{
		EventRatify:              {"stockpile", "contamination", "victims"},
		EventAccede:              {"stockpile", "contamination", "victims"},
		EventCompleteDestruction: {"declared"},
		EventCompleteClearance:   {"declared"},
		EventClear:               {"area"},
		EventSubmitReport:        {"report", "covering"},
		EventExtensionGranted:    {"article", "deadline"},
		EventExtensionRefused:    {"article"},
		EventWithdraw:            nil,
	}[e.Type]
	given := map[string]bool{"stockpile": sp.Stockpile != "", "contamination": sp.Contamination != "", "victims": sp.Victims != "",
		"area": sp.Area != "", "declared": sp.Declared != "", "report": sp.Report != "", "covering": sp.Covering != "",
		"article": sp.Article != "", "deadline": sp.Deadline != ""}
	for _, k := range eventKeys[:8] {
		if given[k] && !contains(allowed, k) {
			msg := fmt.Sprintf("%s does not take %s", e.Type, k)
			if len(allowed) > 0 {
				msg += "; it takes " + strings.Join(allowed, ", ")
			}
			bad(CodeUnknownKey, k, "%s", msg)
		}
	}
	if given["report"] && !contains(allowed, "report") {
		bad(CodeUnknownKey, "report", "%s does not take report", e.Type)
	}
	switch e.Type {
	case EventClear:
		if e.Area == nil && !given["area"] {
			bad(CodeMissingKey, "area", "missing required key \"area\": the area cleared (m2, or e.g. 1.5km2)")
		}
		if !e.Date.IsZero() && e.Date.Precision() != PrecisionYear {
			e.Date = YearDate(e.Date.Year()) // clear is per year
		}
	case EventSubmitReport:
		switch e.Report {
		case ReportInitial, ReportAnnual:
		case "":
			bad(CodeMissingKey, "report", "missing required key \"report\": initial or annual")
		default:
			dg := bad(CodeBadValue, "report", "report: %q is not initial or annual", sp.Report)
			if sg := suggest(e.Report, []string{ReportInitial, ReportAnnual}); sg != "" {
				dg.Hint = fmt.Sprintf("did you mean %q?", sg)
			}
		}
		if e.Report == ReportAnnual && e.Covering == 0 && !e.Date.IsZero() {
			e.Covering = e.Date.Year() - 1 // the annual report covering Y is due by 30 April of Y+1
		}
		if e.Report == ReportInitial && given["covering"] {
			bad(CodeUnknownKey, "covering", "covering: the initial report covers no year")
		}
		// an annual report covers a calendar year: it is submitted once that year is over
		if e.Report == ReportAnnual && e.Covering != 0 && !e.Date.IsZero() && !e.Date.After(NewDate(e.Covering, 12, 31)) {
			bad(CodeInconsistentDates, "covering", "covering: the annual report for %d cannot be submitted on %s, before %d is over", e.Covering, e.Date, e.Covering)
		}
	case EventExtensionGranted:
		if e.Deadline.IsZero() && sp.Deadline == "" {
			bad(CodeMissingKey, "deadline", "missing required key \"deadline\": the new deadline granted")
		} else if !e.Date.IsZero() && !e.Deadline.IsZero() && !e.Deadline.After(e.Date) {
			bad(CodeInconsistentDates, "deadline", "deadline %s is not after the decision on %s", e.Deadline, e.Date)
		}
	}
	if !e.Declared.IsZero() && !e.Date.IsZero() && e.Declared.Before(e.Date) {
		bad(CodeInconsistentDates, "declared", "declared %s is before the completion on %s", e.Declared, e.Date)
	}
	if len(diags) > 0 {
		return Event{}, diags
	}
	return e, nil
}

// parseAmount reads a non-negative number, for an area in m2 or with a unit: "4200000",
// "4.2km2", "4.2 km²", "4200000 m2".
func parseAmount(v string, area bool) (float64, error) {
	s := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(v), " ", ""))
	s = strings.ReplaceAll(s, "²", "2")
	s = strings.ReplaceAll(s, "_", "")
	scale := 1.0
	if area {
		switch {
		case strings.HasSuffix(s, "km2"):
			s, scale = strings.TrimSuffix(s, "km2"), 1e6
		case strings.HasSuffix(s, "ha"):
			s, scale = strings.TrimSuffix(s, "ha"), 1e4
		case strings.HasSuffix(s, "m2"):
			s = strings.TrimSuffix(s, "m2")
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		if area {
			return 0, fmt.Errorf("%q is not an area: give square metres (4200000) or km2 (4.2km2)", v)
		}
		return 0, fmt.Errorf("%q is not a number", v)
	}
	n *= scale
	if n < 0 || n > 1e15 {
		return 0, fmt.Errorf("%q is out of range (0 to 1e15)", v)
	}
	return math.Round(n*1e6) / 1e6, nil
}

// addYears shifts every day of d by n years (29 February runs into 1 March).
func addYears(d Date, n int) Date {
	if d.IsZero() {
		return d
	}
	shift := func(days int32) int32 {
		y, m, dd := civilFromDays(days - dayOffset)
		return daysFromCivil(y+n, m, dd) + dayOffset
	}
	d.lo, d.hi = shift(d.lo), shift(d.hi)
	return d
}

// eventView answers what the events need to know about a State (its dates, its facts) from
// the dataset with the changes of earlier events applied.
type eventView struct {
	ds      *Dataset
	changes []Change
}

// fact returns the value of (iso, year, field) after the earlier changes, and whether there is one.
func (v *eventView) fact(iso string, year int, field string) (string, bool) {
	for i := len(v.changes) - 1; i >= 0; i-- {
		c := v.changes[i]
		if c.ISO3 == iso && c.Year == year && c.Field == field {
			return c.Value, c.Kind == ChangeSet
		}
	}
	si, ok := v.ds.stateIdx[iso]
	if !ok || v.ds.byState[si] == nil {
		return "", false
	}
	for _, f := range v.ds.byState[si][fieldIndex[field]] {
		if f.Year == year {
			return f.Value, true
		}
	}
	return "", false
}

// years returns the years with a value of (iso, field), ascending, after the earlier changes.
func (v *eventView) years(iso, field string) []int {
	seen := map[int]bool{}
	if si, ok := v.ds.stateIdx[iso]; ok && v.ds.byState[si] != nil {
		for _, f := range v.ds.byState[si][fieldIndex[field]] {
			seen[f.Year] = true
		}
	}
	for _, c := range v.changes {
		if c.ISO3 == iso && c.Field == field {
			seen[c.Year] = c.Kind == ChangeSet
		}
	}
	var out []int
	for y, ok := range seen {
		if ok {
			out = append(out, y)
		}
	}
	sort.Ints(out)
	return out
}

// pendingRequest reports whether the State has an extension request (field prefix p, "art4")
// recorded in a year before y and not yet decided: no grant, refusal or deadline recorded in
// the request's year or later.
func (v *eventView) pendingRequest(iso, p string, y int) bool {
	ry := 0
	for _, yr := range v.years(iso, p+"_extension_requested") {
		if val, ok := v.fact(iso, yr, p+"_extension_requested"); yr < y && ok && val == "true" {
			ry = yr
		}
	}
	if ry == 0 {
		return false
	}
	for _, f := range []string{"_extension_granted", "_deadline"} {
		for _, yr := range v.years(iso, p+f) {
			if yr >= ry {
				return false
			}
		}
	}
	return true
}

// state returns the State's row after the earlier changes of its dates.
func (v *eventView) state(iso string) State {
	s, _ := v.ds.State(iso)
	for i := range v.changes {
		c := &v.changes[i]
		if c.ISO3 == iso && isStateColumn(c.Field) {
			_ = setStateColumn(&s, c)
		}
	}
	return s
}

// number reads a number fact, 0 when absent.
func (v *eventView) number(iso string, year int, field string) (float64, bool) {
	s, ok := v.fact(iso, year, field)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

// hasObligation reports whether the State has an obligation start under the article.
func (v *eventView) hasObligation(iso string, article int) bool {
	return len(v.years(iso, "art"+itoa(article)+"_obligation_start")) > 0
}

// ExpandEvents returns the field changes the events imply, in order: each event sees the
// changes of the events before it (a ratification with contamination, then its completion).
// Every change records its event (Change.Event, from 1) and the event's file, line and key.
// The expansion of each type is the table in docs/whatif.md. Problems are Diagnostics.
func (d *Dataset) ExpandEvents(events []Event) ([]Change, error) {
	v := &eventView{ds: d}
	var diags Diagnostics
	for i := range events {
		cs, err := v.expand(&events[i], i+1)
		if err != nil {
			diags = append(diags, err.(*Diagnostic))
			continue
		}
		v.changes = append(v.changes, cs...)
	}
	if len(diags) > 0 {
		return nil, diags
	}
	return v.changes, nil
}

func (v *eventView) expand(e *Event, n int) ([]Change, error) {
	src := e.Source
	if src == "" {
		src = "scenario event: " + string(e.Type)
	}
	var out []Change
	set := func(field string, year int, value string) {
		out = append(out, Change{Kind: ChangeSet, ISO3: e.ISO3, Field: field, Year: year, Value: value, Source: src,
			File: e.File, Line: e.Line, Key: e.Key, Event: n})
	}
	fail := func(key, format string, args ...any) error {
		return &Diagnostic{Code: CodeBadValue, File: e.File, Line: e.Line, Key: joinKey(e.Key, key), Message: fmt.Sprintf(format, args...)}
	}
	s := v.state(e.ISO3)
	y := e.Date.Year()
	switch e.Type {
	case EventRatify, EventAccede:
		if !s.Ratified.IsZero() && s.Withdrawn.IsZero() {
			return nil, fail("type", "%s already deposited its instrument (%s)", s.Name, s.Ratified.Text())
		}
		if e.Type == EventRatify && s.Signed.IsZero() {
			dg := fail("type", "%s did not sign the Convention, so it cannot ratify", s.Name).(*Diagnostic)
			dg.Hint = "use accede"
			return nil, dg
		}
		if e.Type == EventAccede && !s.Signed.IsZero() {
			dg := fail("type", "%s signed the Convention (%s): it ratifies rather than accedes", s.Name, s.Signed.Text()).(*Diagnostic)
			dg.Hint = "use ratify"
			return nil, dg
		}
		set("ratified", 0, e.Date.String())
		if !s.EntryIntoForce.IsZero() && !s.EIFDerived {
			// an entry into force given by the States file would not follow the new deposit
			out = append(out, Change{Kind: ChangeRemove, ISO3: e.ISO3, Field: "entry_into_force", File: e.File, Line: e.Line, Key: e.Key, Event: n})
		}
		eif := article17EIF(e.Date)
		if (e.Stockpile || e.Contamination || e.Victims) && !eif.Exact() {
			return nil, fail("date", "the deposit is known only to the %s, so the entry into force is %s: give the month or the day to set the obligations' start and deadline", e.Date.Precision(), eif.Text())
		}
		ey := eif.Year()
		if e.Stockpile {
			set("art3_obligation_start", ey, eif.String())
			set("art3_deadline", ey, addYears(eif, art3PeriodYears).String())
			if e.Munitions != nil {
				set("art3_stock_munitions", ey, fnumPlain(*e.Munitions))
			}
		}
		if e.Contamination {
			set("art4_obligation_start", ey, eif.String())
			set("art4_deadline", ey, addYears(eif, art4PeriodYears).String())
			if e.Area != nil {
				set("art4_area_remaining_m2", ey, fnumPlain(*e.Area))
			}
		}
		if e.Victims {
			set("art5_victims_present", ey, "true")
		}
	case EventCompleteDestruction, EventCompleteClearance:
		art, what := 3, "Article 3 (stockpile destruction)"
		completed, declared := "art3_completed_date", "art3_compliance_declared_date"
		amounts := []string{"art3_stock_munitions", "art3_stock_submunitions"}
		if e.Type == EventCompleteClearance {
			art, what = 4, "Article 4 (clearance)"
			completed, declared = "art4_completed_date", "art4_completion_declared_date"
			amounts = []string{"art4_area_remaining_m2"}
		}
		if !v.hasObligation(e.ISO3, art) {
			return nil, fail("type", "%s has no %s obligation in the data", s.Name, what)
		}
		set(completed, y, e.Date.String())
		decl := e.Declared
		if decl.IsZero() {
			decl = e.Date
		}
		set(declared, decl.Year(), decl.String())
		for _, f := range amounts {
			set(f, y, "0")
			for _, fy := range v.years(e.ISO3, f) {
				if fy > y {
					set(f, fy, "0")
				}
			}
		}
	case EventClear:
		if !v.hasObligation(e.ISO3, 4) {
			return nil, fail("type", "%s has no Article 4 (clearance) obligation in the data", s.Name)
		}
		a := *e.Area
		cleared, _ := v.number(e.ISO3, y, "art4_area_cleared_m2")
		set("art4_area_cleared_m2", y, fnumPlain(cleared+a))
		adjusted := false
		for _, fy := range v.years(e.ISO3, "art4_area_remaining_m2") {
			if fy >= y {
				r, _ := v.number(e.ISO3, fy, "art4_area_remaining_m2")
				set("art4_area_remaining_m2", fy, fnumPlain(math.Max(0, r-a)))
				adjusted = true
			}
		}
		if !adjusted {
			// no figure for the year: the latest earlier one less what was cleared and
			// released in the year
			var prev int
			for _, fy := range v.years(e.ISO3, "art4_area_remaining_m2") {
				if fy < y {
					prev = fy
				}
			}
			if prev != 0 {
				r, _ := v.number(e.ISO3, prev, "art4_area_remaining_m2")
				rel, _ := v.number(e.ISO3, y, "art4_area_released_survey_m2")
				set("art4_area_remaining_m2", y, fnumPlain(math.Max(0, r-cleared-a-rel)))
			}
		}
	case EventSubmitReport:
		if s.Ratified.IsZero() && s.EntryIntoForce.IsZero() {
			return nil, fail("state", "%s is not a State Party: it has no Article 7 report to submit", s.Name)
		}
		if e.Report == ReportInitial {
			set("art7_initial_submitted", 0, e.Date.String())
		} else {
			set("art7_annual_submitted", e.Covering, e.Date.String())
		}
	case EventExtensionGranted, EventExtensionRefused:
		art := e.Article
		if art == 0 {
			h3, h4 := v.hasObligation(e.ISO3, 3), v.hasObligation(e.ISO3, 4)
			switch {
			case h3 && !h4:
				art = 3
			case h4 && !h3:
				art = 4
			case h3 && h4:
				return nil, fail("article", "%s has Article 3 and Article 4 obligations: say which with article=3 or article=4", s.Name)
			}
		}
		if art == 0 || !v.hasObligation(e.ISO3, art) {
			return nil, fail("type", "%s has no Article %s obligation in the data to extend", s.Name, orWord(itoaOr(art), "3 or 4"))
		}
		e.Article = art
		p := "art" + itoa(art)
		if !v.pendingRequest(e.ISO3, p, y) {
			// a decision with no request on record implies one in its year; a decision on a
			// request made in an earlier year and still pending answers it, and is not a new
			// request of y (20.2 counts the requests submitted during the year)
			set(p+"_extension_requested", y, "true")
		}
		if e.Type == EventExtensionGranted {
			set(p+"_extension_granted", y, "true")
			set(p+"_deadline", y, e.Deadline.String())
		} else {
			set(p+"_extension_granted", y, "false")
		}
	case EventWithdraw:
		if s.Ratified.IsZero() && s.EntryIntoForce.IsZero() {
			return nil, fail("state", "%s is not a State Party: it cannot withdraw", s.Name)
		}
		if !s.Withdrawn.IsZero() {
			return nil, fail("state", "%s already withdrew (%s)", s.Name, s.Withdrawn.Text())
		}
		set("withdrawn", 0, e.Date.String())
	}
	return out, nil
}

func itoaOr(n int) string {
	if n == 0 {
		return ""
	}
	return itoa(n)
}

func orWord(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func joinKey(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// NewScenario builds a scenario from events as people give them (the command line, a web form)
// and from changes, checked as ParseScenario checks a file: every problem at once, each keyed
// "event[i].key" (i from 0, in the order given) or by the change's own key. The events apply
// first, in order, then the changes.
func NewScenario(name, description string, specs []EventSpec, changes []Change, ds *Dataset) (*Scenario, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	sc := &Scenario{Name: name, Description: description}
	var diags Diagnostics
	for i, sp := range specs {
		k := "event[" + itoa(i) + "]"
		e, err := ds.ResolveEvent(sp)
		if err != nil {
			var ds Diagnostics
			errors.As(err, &ds)
			for _, d := range ds {
				d.Key = k + "." + d.Key
			}
			diags = append(diags, ds...)
			continue
		}
		e.Key = k
		sc.Events = append(sc.Events, e)
	}
	if len(diags) == 0 && len(sc.Events) > 0 {
		cs, err := ds.ExpandEvents(sc.Events)
		if err != nil {
			var ed Diagnostics
			errors.As(err, &ed)
			diags = append(diags, ed...)
		}
		sc.Changes = cs
	}
	sc.Changes = append(sc.Changes, changes...)
	if len(diags) == 0 {
		if _, err := ds.Apply(sc.Changes); err != nil {
			var ad Diagnostics
			errors.As(err, &ad)
			diags = append(diags, ad...)
		}
	}
	if len(sc.Changes) == 0 && len(diags) == 0 {
		diags = append(diags, &Diagnostic{Code: CodeMissingKey, Message: "the scenario changes nothing: give at least one event or change"})
	}
	if len(diags) > 0 {
		return nil, diags
	}
	return sc, nil
}

// StateFacts returns one State's facts, sorted by field and year (nil for an unknown State).
func (d *Dataset) StateFacts(iso3 string) []Fact {
	si, ok := d.stateIdx[iso3]
	if !ok || d.byState[si] == nil {
		return nil
	}
	var out []Fact
	for _, fs := range d.byState[si] {
		for _, f := range fs {
			out = append(out, *f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Field != out[j].Field {
			return out[i].Field < out[j].Field
		}
		return out[i].Year < out[j].Year
	})
	return out
}
