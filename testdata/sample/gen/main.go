// Command gen writes the sample data set testdata/sample/facts.csv, and with -registers its
// registers.csv (the registers the sample declares, and the class of their absences).
//
// Run it from the repository root:
//
//	go run ./testdata/sample/gen > testdata/sample/facts.csv
//	go run ./testdata/sample/gen -registers > testdata/sample/registers.csv
//
// It reads testdata/sample/states.csv (the -states flag) for treaty status and writes one fact per
// row in the format of data-dictionary.md §1.2, sorted by iso3, year (static first) and field.
//
// Facts come in two kinds, told apart by the source column:
//
//   - sourced facts: treaty deadlines, extensions, completions, initial-report dates, published
//     counts and figures, each with the URL or reference document it comes from;
//   - illustrative facts: plausible values where no source was available; their source starts
//     with the word "illustrative".
//
// Every fact gets a class (the class column, docs/data.md) from its source: see classify.
//
// Illustrative values are drawn from a keyed hash (FNV-1a of the State, field and year), never
// from a random generator, so the output is the same on every run and a change to one section
// does not shift the values of another.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ---------------------------------------------------------------------------------------------
// Field table (data-dictionary.md §3): type and scope of every input field.

type scope int

const (
	static scope = iota
	yearly
	carried
	event
)

type ftype int

const (
	tDate ftype = iota
	tNum
	tBool
	tEnum
	tText
)

type fieldDef struct {
	typ  ftype
	sc   scope
	enum []string
}

var fieldDefs = map[string]fieldDef{
	// 3.1 Article 7
	"art7_initial_submitted":    {tDate, static, nil},
	"art7_annual_submitted":     {tDate, yearly, nil},
	"art7_form_version":         {tEnum, yearly, []string{"original", "revised", "other"}},
	"art7_voluntary_submitted":  {tDate, yearly, nil},
	"art7_reporting_assistance": {tBool, yearly, nil},
	"art7_period_start":         {tDate, yearly, nil},
	"art7_period_end":           {tDate, yearly, nil},
	// art7_form_X_status and art7_form_X_unchanged_since: added by init below
	// 3.2 Article 3
	"art3_obligation_start":               {tDate, event, nil},
	"art3_stock_munitions":                {tNum, yearly, nil},
	"art3_stock_submunitions":             {tNum, yearly, nil},
	"art3_destroyed_munitions":            {tNum, yearly, nil},
	"art3_destroyed_submunitions":         {tNum, yearly, nil},
	"art3_deadline":                       {tDate, carried, nil},
	"art3_extension_requested":            {tBool, yearly, nil},
	"art3_extension_granted":              {tBool, yearly, nil},
	"art3_destruction_plan":               {tBool, carried, nil},
	"art3_completed_date":                 {tDate, event, nil},
	"art3_compliance_declared_date":       {tDate, event, nil},
	"art3_retention":                      {tBool, carried, nil},
	"art3_retained_munitions":             {tNum, yearly, nil},
	"art3_retained_submunitions":          {tNum, yearly, nil},
	"art3_retention_reported":             {tBool, yearly, nil},
	"art3_transferred_munitions":          {tNum, yearly, nil},
	"art3_transferred_submunitions":       {tNum, yearly, nil},
	"art3_received_munitions":             {tNum, yearly, nil},
	"art3_received_submunitions":          {tNum, yearly, nil},
	"art3_transfer_partners":              {tText, yearly, nil},
	"art3_planned_destroyed_munitions":    {tNum, yearly, nil},
	"art3_planned_destroyed_submunitions": {tNum, yearly, nil},
	"art3_discovered_munitions":           {tNum, yearly, nil},
	"art3_env_standards":                  {tBool, yearly, nil},
	// 3.3 Article 4
	"art4_obligation_start":         {tDate, event, nil},
	"art4_deadline":                 {tDate, carried, nil},
	"art4_extension_requested":      {tBool, yearly, nil},
	"art4_extension_granted":        {tBool, yearly, nil},
	"art4_extension_costed_plan":    {tBool, yearly, nil},
	"art4_area_remaining_m2":        {tNum, yearly, nil},
	"art4_area_cleared_m2":          {tNum, yearly, nil},
	"art4_area_released_survey_m2":  {tNum, yearly, nil},
	"art4_area_cancelled_m2":        {tNum, yearly, nil},
	"art4_area_reduced_m2":          {tNum, yearly, nil},
	"art4_planned_release_m2":       {tNum, yearly, nil},
	"art4_submunitions_destroyed":   {tNum, yearly, nil},
	"art4_baseline_survey_complete": {tBool, carried, nil},
	"art4_hazards_marked":           {tBool, carried, nil},
	"art4_national_strategy":        {tBool, carried, nil},
	"art4_progress_reported":        {tBool, yearly, nil},
	"art4_completed_date":           {tDate, event, nil},
	"art4_completion_declared_date": {tDate, event, nil},
	"art4_residual_capacity":        {tBool, carried, nil},
	// 3.4 Risk education
	"re_programme":                {tBool, yearly, nil},
	"re_targeted":                 {tBool, yearly, nil},
	"re_beneficiaries":            {tNum, yearly, nil},
	"re_beneficiaries_female":     {tNum, yearly, nil},
	"re_beneficiaries_children":   {tNum, yearly, nil},
	"re_beneficiaries_disability": {tNum, yearly, nil},
	"re_disaggregated":            {tBool, yearly, nil},
	"re_in_national_strategy":     {tBool, carried, nil},
	// 3.5 Article 5
	"art5_victims_present":         {tBool, carried, nil},
	"art5_focal_point":             {tBool, carried, nil},
	"art5_coordination_mechanism":  {tBool, carried, nil},
	"art5_needs_assessment":        {tBool, carried, nil},
	"art5_data_disaggregated":      {tBool, yearly, nil},
	"art5_survivors":               {tNum, yearly, nil},
	"art5_casualties":              {tNum, yearly, nil},
	"art5_casualties_killed":       {tNum, yearly, nil},
	"art5_national_plan":           {tBool, carried, nil},
	"art5_budget_usd":              {tNum, yearly, nil},
	"art5_medical_rehab":           {tBool, yearly, nil},
	"art5_referral_mechanism":      {tBool, carried, nil},
	"art5_socioeconomic_inclusion": {tBool, yearly, nil},
	"art5_rights_framework":        {tBool, carried, nil},
	"art5_survivor_participation":  {tBool, yearly, nil},
	"crpd_party":                   {tBool, carried, nil},
	// 3.6 Article 6
	"art6_national_resources_usd":   {tNum, yearly, nil},
	"art6_assistance_provided_usd":  {tNum, yearly, nil},
	"art6_assistance_received_usd":  {tNum, yearly, nil},
	"art6_assistance_provided_to":   {tText, yearly, nil},
	"art6_assistance_received_from": {tText, yearly, nil},
	"art6_assistance_sought":        {tBool, yearly, nil},
	"art6_needs_plan":               {tBool, carried, nil},
	"art6_cooperation_shared":       {tBool, yearly, nil},
	"art6_country_coalition":        {tBool, yearly, nil},
	"art6_coalition_partner":        {tBool, yearly, nil},
	// 3.7 Article 9
	"art9_legislation":         {tEnum, carried, []string{"specific", "existing-sufficient", "in-progress", "none", "unknown"}},
	"art9_penal_sanctions":     {tBool, carried, nil},
	"art9_investment_ban":      {tBool, carried, nil},
	"art9_assistance_sought":   {tBool, yearly, nil},
	"art9_assistance_provided": {tBool, yearly, nil},
	// 3.8 Universalization and norms
	"unga_vote":           {tEnum, yearly, []string{"yes", "no", "abstain", "absent"}},
	"msp_attended":        {tBool, yearly, nil},
	"msp_delegates":       {tNum, yearly, nil},
	"msp_delegates_women": {tNum, yearly, nil},
	"use_condemned":       {tBool, yearly, nil},
	// 3.9 Compliance
	"compliance_use_alleged": {tBool, yearly, nil},
	"compliance_clarified":   {tBool, yearly, nil},
	// 3.10 Cross-cutting
	"cc_national_authority":         {tBool, carried, nil},
	"cc_costed_strategy":            {tBool, carried, nil},
	"cc_strategy_progress_reported": {tBool, yearly, nil},
	"cc_gender_in_plans":            {tBool, carried, nil},
	"cc_community_participation":    {tBool, yearly, nil},
	"cc_coordination_mechanism":     {tBool, carried, nil},
	"cc_integrated_development":     {tBool, carried, nil},
	"cc_information_system":         {tBool, carried, nil},
	"cc_data_disaggregated":         {tBool, yearly, nil},
	"cc_civil_society_partnership":  {tBool, yearly, nil},
	"cc_environment":                {tBool, yearly, nil},
	"cc_national_standards":         {tBool, carried, nil},
}

func init() {
	for _, l := range "abcdefghij" {
		enum := []string{"changed", "unchanged", "not-applicable"}
		if l == 'a' {
			enum = enum[:2] // the cover page has no "not applicable" for Form A
		}
		fieldDefs["art7_form_"+string(l)+"_status"] = fieldDef{tEnum, yearly, enum}
		fieldDefs["art7_form_"+string(l)+"_unchanged_since"] = fieldDef{tDate, yearly, nil}
	}
}

// ---------------------------------------------------------------------------------------------
// Constants shared by the sections.

const (
	firstYear = 2019 // first year of per-year data
	lastYear  = 2025 // last year of per-year data
	// cutoff is the latest submission date the generator invents: reports covering 2025 are
	// received up to this day in 2026.
	cutoff = "2026-10-31"

	ill = "illustrative: plausible value, not from a source"
)

// Meeting dates used for illustrative declaration dates. Only the 10MSP dates (30 Aug - 2 Sep
// 2022), the 11MSP dates (11-15 Sep 2023, bhmac.org) and the 12MSP dates (10-13 Sep 2024,
// clusterconvention.org/12msp-int) are in a source; the 2RC second part is dated by the LAP's
// adoption on 2021-09-21; the 13MSP date (September 2025) is assumed.
const (
	date2RC   = "2021-09-21"
	date10MSP = "2022-09-01"
	date11MSP = "2023-09-12"
	date12MSP = "2024-09-10"
	date13MSP = "2025-09-16"
)

// Source references used more than once.
const (
	srcOblig    = "obligations.csv"
	srcFacts    = "ccm-facts.md"
	srcVA       = "https://www.clusterconvention.org/victim-assistance/ (11 States Parties reported Article 5 obligations; recorded from entry into force)"
	src9MSP     = "http://www.clusterconvention.org/9msp/ (extension requests considered at the 9MSP, September 2019)"
	srcFeb2021  = "https://www.bhmac.org/a-virtual-meeting-on-the-decision-making-process-about-articles-3-and-4-of-the-extension-requests-of-the-deadline-for-the-removal-of-cluster-munitions/ (2RC extension requests decided by silence procedure, February 2021)"
	src12MSP    = "https://www.clusterconvention.org/12msp/ (12MSP documents: analyses of the Article 4 extension requests of Chad, Germany and Lao PDR)"
	src13MSP    = "https://www.clusterconvention.org/13msp-er/ (extension requests for 2026 deadlines considered at the 13MSP, September 2025)"
	srcMARChile = "https://www.mineactionreview.org/country/chile"
	srcNewslet  = "ccm-newsletter-2021-q4.txt (CCM newsletter, Q4 2021)"
)

// ---------------------------------------------------------------------------------------------
// States.

type stateRow struct {
	iso3, name, region               string
	signed, ratified, eif, withdrawn string
}

func (s *stateRow) partyAt(d string) bool {
	return s.ratified != "" && s.ratified <= d && (s.withdrawn == "" || s.withdrawn > d)
}

func (s *stateRow) signatoryAt(d string) bool {
	return s.signed != "" && s.signed <= d && !s.partyAt(d) && (s.withdrawn == "" || s.withdrawn > d)
}

// initialDue is entry into force plus 180 days (data-dictionary.md §4.2).
func (s *stateRow) initialDue() string {
	if s.eif == "" {
		return ""
	}
	return addDays(s.eif, 180)
}

// annualDue says whether the annual report covering y is owed (data-dictionary.md §4.2,
// assuming the data set's as_of is after the end of y).
func (s *stateRow) annualDue(y int) bool {
	e := fmt.Sprintf("%d-12-31", y)
	deadline := fmt.Sprintf("%d-04-30", y+1)
	due := s.initialDue()
	return s.partyAt(e) && due != "" && due <= e && (s.withdrawn == "" || s.withdrawn > deadline)
}

// nonUN lists the States in states.csv that are not UN members; they get no unga_vote.
var nonUN = map[string]bool{"VAT": true, "PSE": true, "COK": true, "NIU": true}

// ---------------------------------------------------------------------------------------------
// Generator.

type key struct {
	iso3     string
	year     int
	field    string
	recorded string
}

type fact struct {
	iso3         string
	year         int // 0 for static facts
	field, value string
	source       string
	recorded     string // the day the fact became known, "" when not given (a deadline decision's day)
	correction   bool   // a later value of a fact already given: written after all the others
}

type gen struct {
	facts  map[key]fact
	states map[string]*stateRow
	isos   []string
}

func (g *gen) st(iso string) *stateRow {
	s, ok := g.states[iso]
	if !ok {
		panic("unknown iso3 " + iso)
	}
	return s
}

// add records one fact and checks it against the field table.
func (g *gen) add(iso string, year int, field, value, source string) {
	g.addRecorded(iso, year, field, value, "", source)
}

// addRecorded records one fact with the day it became known (for a deadline, the day of the
// decision), which lets several decisions of one year stand side by side.
func (g *gen) addRecorded(iso string, year int, field, value, recorded, source string) {
	def, ok := fieldDefs[field]
	if !ok {
		panic("unknown field " + field)
	}
	g.st(iso)
	if value == "" || source == "" {
		panic(fmt.Sprintf("empty value or source: %s %d %s", iso, year, field))
	}
	switch def.sc {
	case static:
		if year != 0 {
			panic("static field with a year: " + field)
		}
	case event:
		if strconv.Itoa(year) != dateYear(value) {
			panic(fmt.Sprintf("event year mismatch: %s %d %s %s", iso, year, field, value))
		}
	default:
		if year == 0 {
			panic("missing year: " + field)
		}
	}
	switch def.typ {
	case tDate:
		if !validDate(value) {
			panic(fmt.Sprintf("bad date %s %s %s", iso, field, value))
		}
	case tNum:
		f, err := strconv.ParseFloat(value, 64)
		if err != nil || f < 0 || strings.ContainsAny(value, "eE+") {
			panic(fmt.Sprintf("bad number %s %s %s", iso, field, value))
		}
	case tBool:
		if value != "true" && value != "false" {
			panic("bad bool " + value)
		}
	case tEnum:
		found := false
		for _, e := range def.enum {
			found = found || e == value
		}
		if !found {
			panic(fmt.Sprintf("bad enum %s %s", field, value))
		}
	}
	deadline := field == "art3_deadline" || field == "art4_deadline"
	if recorded != "" && (!validDate(recorded) || deadline && dateYear(recorded) != strconv.Itoa(year)) {
		panic(fmt.Sprintf("bad recorded date %s %d %s %s", iso, year, field, recorded))
	}
	k := key{iso, year, field, recorded}
	if old, dup := g.facts[k]; dup {
		panic(fmt.Sprintf("duplicate fact %v: %q and %q", k, old.value, value))
	}
	_, corrects := g.facts[key{iso, year, field, ""}]
	g.facts[k] = fact{iso, year, field, value, source, recorded, corrects && !deadline}
}

// validDate accepts a date as precisely as a source gives it (data-dictionary.md §2.3):
// YYYY-MM-DD, YYYY-MM or YYYY, or "../" and one of these for "that or earlier".
func validDate(v string) bool {
	v = strings.TrimPrefix(v, "../")
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(v) == len(layout) {
			_, err := time.Parse(layout, v)
			return err == nil
		}
	}
	return false
}

// dateYear is the year of a date value (of its upper bound for "../").
func dateYear(v string) string { return strings.TrimPrefix(v, "../")[:4] }

func (g *gen) has(iso string, year int, field string) bool {
	_, ok := g.facts[key{iso, year, field, ""}]
	return ok
}

func (g *gen) value(iso string, year int, field string) string {
	return g.facts[key{iso, year, field, ""}].value
}

// partiesAt lists the States Parties (deposit counting) at date d.
func (g *gen) partiesAt(d string) []string {
	var out []string
	for _, iso := range g.isos {
		if g.states[iso].partyAt(d) {
			out = append(out, iso)
		}
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

// h maps its arguments to a number in [0, 1): FNV-1a followed by the splitmix64 finaliser.
func h(parts ...any) float64 {
	f := fnv.New64a()
	for _, p := range parts {
		fmt.Fprint(f, p)
		f.Write([]byte{0})
	}
	x := f.Sum64()
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return float64(x>>11) / float64(uint64(1)<<53)
}

// hi maps its arguments to an integer in [lo, hi].
func hi(lo, hi int, parts ...any) int {
	return lo + int(h(parts...)*float64(hi-lo+1))
}

func addDays(d string, n int) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		panic(err)
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

func daysBetween(a, b string) int {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		panic("bad date")
	}
	return int(tb.Sub(ta).Hours() / 24)
}

func bs(b bool) string { return strconv.FormatBool(b) }

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func inum(v int) string { return strconv.Itoa(v) }

// m2 converts square kilometres to whole square metres.
func m2(km2 float64) string { return strconv.FormatInt(int64(math.Round(km2*1e6)), 10) }

// vary returns base scaled by a factor in [1-spread, 1+spread], rounded to a whole number.
func vary(base, spread float64, parts ...any) float64 {
	return math.Round(base * (1 + spread*(2*h(parts...)-1)))
}

func years(from, to int) []int {
	var ys []int
	for y := from; y <= to; y++ {
		ys = append(ys, y)
	}
	return ys
}

func illNote(note string) string { return "illustrative: " + note }

// carriedBool records an illustrative carried boolean: a first value in 2019 and, for some States
// that start with false, a switch to true in a later year. A share pUnknown of States is left out.
func (g *gen) carriedBool(iso, field string, pTrue, pUnknown float64) {
	if h(iso, field, "unknown") < pUnknown {
		return
	}
	v := h(iso, field, "v0") < pTrue
	g.add(iso, firstYear, field, bs(v), ill)
	if !v && h(iso, field, "improves") < 0.6 {
		y := 2020 + int(h(iso, field, "year")*5) // 2020..2024
		g.add(iso, y, field, "true", ill)
	}
}

// yearBool records an illustrative per-year boolean for the given years. The chance of true
// rises slowly over the years; a share pUnknown of State-years is left out.
func (g *gen) yearBool(iso, field string, ys []int, pTrue, pUnknown float64) {
	for _, y := range ys {
		if h(iso, field, y, "unknown") < pUnknown {
			continue
		}
		p := pTrue + 0.04*float64(y-firstYear)
		g.add(iso, y, field, bs(h(iso, field, y, "v") < p), ill)
	}
}

// ---------------------------------------------------------------------------------------------
// Loading states.csv.

func loadStates(path string) (map[string]*stateRow, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, nil, err
	}
	want := "iso3,name,region,signed,ratified,entry_into_force,withdrawn"
	if len(rows) == 0 || strings.TrimSuffix(strings.Join(rows[0], ","), ",class") != want {
		return nil, nil, fmt.Errorf("%s: unexpected header", path)
	}
	m := map[string]*stateRow{}
	var isos []string
	for _, row := range rows[1:] {
		s := &stateRow{row[0], row[1], row[2], row[3], row[4], row[5], row[6]}
		m[s.iso3] = s
		isos = append(isos, s.iso3)
	}
	sort.Strings(isos)
	return m, isos, nil
}

// ---------------------------------------------------------------------------------------------
// main.

func main() {
	statesPath := flag.String("states", "testdata/sample/states.csv", "path of states.csv")
	registers := flag.Bool("registers", false, "write registers.csv instead of facts.csv")
	flag.Parse()
	states, isos, err := loadStates(*statesPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	g := &gen{facts: map[key]fact{}, states: states, isos: isos}

	g.article7Initial()
	g.article7Annual()
	g.article7Voluntary()
	g.article3()
	g.article4()
	g.riskEducation()
	g.article5()
	g.article6()
	g.article9()
	g.ungaVotes()
	g.meetings()
	g.normsAndCompliance()
	g.crossCutting()
	g.article7Content()
	g.corrections()

	write := g.write
	if *registers {
		write = g.writeRegisters
	}
	if err := write(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func (g *gen) write(w io.Writer) error {
	out := make([]fact, 0, len(g.facts))
	for _, f := range g.facts {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.correction != b.correction {
			return b.correction // corrections last, as a ledger appends them
		}
		if a.correction && a.recorded != b.recorded {
			return a.recorded < b.recorded
		}
		if a.iso3 != b.iso3 {
			return a.iso3 < b.iso3
		}
		if a.year != b.year {
			return a.year < b.year // static (0) first
		}
		if a.field != b.field {
			return a.field < b.field
		}
		return a.recorded < b.recorded
	})
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"iso3", "year", "field", "value", "source", "class", "recorded"}); err != nil {
		return err
	}
	for _, f := range out {
		y := ""
		if f.year != 0 {
			y = strconv.Itoa(f.year)
		}
		if err := cw.Write([]string{f.iso3, y, f.field, f.value, f.source, classify(f.source), f.recorded}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// classify gives a fact's class (docs/data.md, "The class of a value") from its source:
//
//   - illustrative: the source starts with "illustrative" (invented for the sample);
//   - estimate: a sourced value whose year or date had to be inferred or assumed, or a figure
//     the source gives only approximately ("recorded as", "used as the" end-of-year value);
//   - official: the earliest reference the source names is an official record: the
//     Convention's own site and newsletter (ISU, MSP and Review Conference documents), a
//     national mine action authority, a State's own request, or the treaty's rules applied to
//     depositary dates (original deadlines);
//   - monitor: the earliest reference is secondary research: Landmine and Cluster Munition
//     Monitor, Mine Action Review, civil-society campaigns, the press, and the shared notes
//     (ccm-facts.md, obligations.csv) that compile them.
//
// A source naming nothing known is left unstated (empty), never official.
func classify(source string) string {
	switch {
	case strings.HasPrefix(source, "illustrative"):
		return "illustrative"
	case strings.Contains(source, "inferred") || strings.Contains(source, "assumed") ||
		strings.Contains(source, "recorded as") || strings.Contains(source, "used as the"):
		return "estimate"
	}
	best, bestAt, bestLen := "", len(source), 0
	for _, m := range classMarkers {
		i := strings.Index(source, m.marker)
		if i >= 0 && (i < bestAt || i == bestAt && len(m.marker) > bestLen) {
			best, bestAt, bestLen = m.class, i, len(m.marker)
		}
	}
	return best
}

var classMarkers = []struct{ marker, class string }{
	{"clusterconvention.org", "official"},
	{"ccm3.pronk.se", "official"},
	{"ccm4.pronk.se", "official"},
	{"ccm-newsletter", "official"},
	{"bhmac.org", "official"},
	{"udas.rs.ba", "official"},
	{"docslib.org/doc/10879958/bosnia-and-herzegovinas-extension-request", "official"},
	{"treaties.un.org", "official"},
	{"treaty rule", "official"},
	{"obligations.csv original_deadline", "official"},
	{"the-monitor.org", "monitor"},
	{"Monitor", "monitor"},
	{"mineactionreview.org", "monitor"},
	{"MAR ", "monitor"},
	{"stopexplosiveinvestments.org", "monitor"},
	{"stopclustermunitions.org", "monitor"},
	{"hrw.org", "monitor"},
	{"wvcbl.org", "monitor"},
	{"wom.ch", "monitor"},
	{"rbb24.de", "monitor"},
	{"silkway.news", "monitor"},
	{"enrsi.rtvs.sk", "monitor"},
	{"sudantribune.com", "monitor"},
	{"ccm-facts.md", "monitor"},
	{"obligations.csv", "monitor"},
	{"entry into force (states.csv)", "monitor"},
}
