package reports

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/locale"
)

// The country profile: one State's page for the assessed year, as the report writes it
// (profiles/ISO3.md and .html), `lap profile` prints it and `lap serve` shows it. Everything in
// it is read from the engine (the assessment, the State's record and its traced outcomes), in
// neutral words: where the data do not decide, it says "not known".

// StateProfile is a State's country profile for the assessed year: its membership with the
// treaty dates, each obligation with its episodes, deadline chain, verdict and projection, its
// Article 7 record year by year, every indicator whose population it is in (its result and
// whether it helped or held back the total), and the classes and sources of the figures.
// NewStateProfile builds it; WriteProfileText, WriteProfileMarkdown and WriteProfileHTML write
// it; its JSON is `lap profile --format json`.
type StateProfile struct {
	ISO3   string `json:"iso3"`
	Name   string `json:"name"`
	Region string `json:"region"`
	Year   int    `json:"year"`
	// AsOf is the cut-off; Ref the reference date R (the end of the year, or the cut-off when
	// the year is not over: Partial).
	AsOf     string          `json:"as_of"`
	Ref      string          `json:"ref_date"`
	Partial  bool            `json:"partial_year"`
	Counting engine.Counting `json:"counting"`
	Plan     engine.PlanRef  `json:"plan"`
	// Party says whether the State is a State Party at R; Standing says where it stands, in a
	// sentence.
	Party      bool          `json:"party"`
	Standing   string        `json:"standing"`
	Membership []ProfileItem `json:"membership"`
	// Obligations lists the obligations that apply to a State Party at R, in article order
	// (Articles 3 and 4 one entry per episode).
	Obligations []ProfileObligation `json:"obligations"`
	Reporting   ProfileReporting    `json:"article7"`
	// Indicators lists, in plan order, every indicator whose population the State is in;
	// Outside counts the others.
	Indicators []ProfileIndicator `json:"indicators"`
	Outside    int                `json:"not_in_population"`
	// Counted, NotCounted and NoData count Indicators by the State's result.
	Counted    int `json:"counted"`
	NotCounted int `json:"not_counted"`
	NoData     int `json:"no_data"`
	// Classes counts the figures on the page by class (official first); Sources lists the
	// facts behind them, once each, by file and line.
	Classes []ProfileClassCount `json:"classes"`
	Sources []ProfileSource     `json:"sources"`
	// Provenance is the plan's provenance notice: its indicators are proposed, its actions
	// reconstructed or inferred where not found.
	Provenance string `json:"provenance"`
	// Lang is the language of the profile's words (English when empty); loc writes them.
	Lang locale.Lang `json:"lang,omitempty"`
	loc  *locale.Locale
}

// ProfileItem is one labelled fact: a value in words with the class of its data.
type ProfileItem struct {
	Label string       `json:"label"`
	Value string       `json:"value"`
	Class engine.Class `json:"class,omitempty"`
}

// Mark is the item's class mark ("" for official data).
func (it ProfileItem) Mark() markInfo { return markOf(it.Class) }

// ProfileObligation is one obligation of the State (for Articles 3 and 4, one episode).
type ProfileObligation struct {
	Article int    `json:"article"`
	Episode int    `json:"episode,omitempty"`
	Name    string `json:"name"`
	// Status is the engine's neutral status text ("completed on time", "open, deadline
	// ahead", "not known", ...); Key its kind (on-time, late, ahead, no-deadline, unknown,
	// open, ongoing, met, not-met) for styling.
	Status string `json:"status"`
	Key    string `json:"status_key"`
	// Verdict says whether the deadline was met: yes, no, not known, pending, no deadline;
	// empty for an obligation without a deadline.
	Verdict  string      `json:"deadline_met,omitempty"`
	Began    ProfileItem `json:"began"`
	Deadline ProfileItem `json:"deadline"`
	// Chain is the dated chain of deadline decisions, the original first.
	Chain      []ProfileItem      `json:"deadline_chain,omitempty"`
	Completed  ProfileItem        `json:"completed"`
	Detail     string             `json:"detail"`
	Done       ProfileItem        `json:"done_in_year"` // destroyed or cleared in the year
	Projection *ProfileProjection `json:"projection,omitempty"`
	// Class is the least reliable class of the facts the status rests on (engine.Obligation.Class).
	Class engine.Class `json:"class,omitempty"`
}

// Mark is the status's class mark ("" when it rests on official data only).
func (po ProfileObligation) Mark() markInfo { return markOf(po.Class) }

// ProfileProjection is an open Article 3 or 4 episode's deadline projection, with what it
// takes to meet the deadline.
type ProfileProjection struct {
	Status    string      `json:"status"`
	Key       string      `json:"status_key"`
	Remaining ProfileItem `json:"remaining"`
	Rate      ProfileItem `json:"rate"`
	// Completion is the projected year of completion at the recent rate ("" when it never
	// completes at that rate).
	Completion string `json:"projected_completion"`
	RateNeeded string `json:"rate_needed"`
	// Takes says in a sentence what meeting the deadline takes, against the recent rate.
	Takes       string   `json:"what_it_takes"`
	Reason      string   `json:"reason"`
	Assumptions []string `json:"assumptions"`
	Basis       string   `json:"basis,omitempty"` // "one data point", "data older than two years"
}

// ProfileReporting is the State's Article 7 record.
type ProfileReporting struct {
	// Initial is the initial report: due, received, on time.
	InitialDue      string      `json:"initial_due"`
	InitialReceived ProfileItem `json:"initial_received"`
	InitialOnTime   string      `json:"initial_on_time"`
	InitialKey      string      `json:"initial_key"`
	// InitialOnTimeClass is the class of the verdict: the least reliable class of what it
	// rests on (engine.ReportingRecord.InitialOnTimeClass).
	InitialOnTimeClass engine.Class    `json:"initial_on_time_class,omitempty"`
	Annual             []ProfileAnnual `json:"annual"`
	// Covered says which years the data cover for annual reports.
	Covered string `json:"covered"`
}

// ProfileAnnual is one year's annual Article 7 report.
type ProfileAnnual struct {
	Year     int         `json:"year"`
	Deadline string      `json:"deadline"`
	Received ProfileItem `json:"received"`
	// OnTime is "on time", "late", "not received by the deadline", "not yet due" or "not
	// known"; Key its kind (yes, no, pending, unknown).
	OnTime string `json:"on_time"`
	Key    string `json:"key"`
	// OnTimeClass is the class of the verdict (engine.AnnualReport.OnTimeClass).
	OnTimeClass engine.Class `json:"on_time_class,omitempty"`
}

// InitialMark is the mark of the initial report's verdict ("" when it rests on official data).
func (pr ProfileReporting) InitialMark() markInfo { return markOf(pr.InitialOnTimeClass) }

// Mark is the mark of the verdict ("" when it rests on official data).
func (pa ProfileAnnual) Mark() markInfo { return markOf(pa.OnTimeClass) }

// ProfileIndicator is one indicator whose population the State is in.
type ProfileIndicator struct {
	ID         string           `json:"id"`
	Action     int              `json:"action"`
	Title      string           `json:"title"`
	Provenance string           `json:"provenance"`
	Aggregate  engine.Aggregate `json:"aggregate"`
	Unit       string           `json:"unit"`
	// Result is the State's result in words: "counted", "not counted", "not known" (with the
	// fields without data), "none recorded" (a register-backed indicator that counts silence
	// as "no"), or the State's number in the indicator's unit.
	Result string       `json:"result"`
	Class  engine.Class `json:"class,omitempty"`
	// Effect says what the result did to the indicator's value, given its direction:
	// "helps", "holds back", "no effect", "left out" (not known: not in the value) or "" for an
	// indicator without a direction. EffectKey is helps, holds, none or unknown.
	Effect    string `json:"effect"`
	EffectKey string `json:"effect_key"`
	// Value is the indicator's value over all States, with Over ("k of n") and its class.
	Value      string       `json:"value"`
	ValueClass engine.Class `json:"value_class,omitempty"`
	Over       string       `json:"over"`
	Unknown    []string     `json:"unknown,omitempty"`
	Error      string       `json:"error,omitempty"`
}

// Mark is the class mark of the State's result.
func (pi ProfileIndicator) Mark() markInfo { return markOf(pi.Class) }

// ValueMark is the class mark of the indicator's value.
func (pi ProfileIndicator) ValueMark() markInfo { return markOf(pi.ValueClass) }

// ProfileClassCount is how many figures of the profile rest on data of one class.
type ProfileClassCount struct {
	Class engine.Class `json:"class"`
	N     int          `json:"n"`
}

// Mark is the class's mark.
func (c ProfileClassCount) Mark() markInfo { return markOf(c.Class) }

// ProfileSource is one fact behind the profile's figures.
type ProfileSource struct {
	Field  string       `json:"field"`
	Year   string       `json:"year,omitempty"`
	Value  string       `json:"value"`
	Class  engine.Class `json:"class,omitempty"`
	Origin string       `json:"origin"`
	Source string       `json:"source,omitempty"`
}

// Mark is the fact's class mark.
func (s ProfileSource) Mark() markInfo { return markOf(s.Class) }

// StateData is what the report's annexes and country profiles need besides the assessment:
// every State's record (membership, Article 7) and traced outcomes at the assessment's year
// and cut-off, and the tallies of the UN General Assembly votes and of Article 3 destruction
// read from the data. NewStateData asks the engine for them.
type StateData struct {
	Records  []engine.StateRecord
	Outcomes []*engine.StateEvaluation // in the order of Records
	Votes    []VoteYear
	Article3 Article3Totals
}

// evalOptions are the options that evaluate as the assessment did: its cut-off and counting.
func evalOptions(a *engine.Assessment) ([]engine.EvalOption, error) {
	asOf, err := engine.ParseDay(a.AsOf)
	if err != nil {
		return nil, fmt.Errorf("assessment as_of: %w", err)
	}
	return []engine.EvalOption{engine.AsOf(asOf), engine.WithCounting(a.Counting)}, nil
}

// NewStateData reads the records and outcomes of every State for the assessment's year, at
// its cut-off and counting convention, and tallies the votes and the Article 3 destruction
// recorded up to that year.
func NewStateData(ctx context.Context, p *engine.Plan, ds *engine.Dataset, a *engine.Assessment) (*StateData, error) {
	return NewStateDataFrom(ctx, p, ds, a, nil)
}

// NewStateDataFrom is NewStateData with every State's traced outcomes given: those
// engine.Plan.AssessYearsTraced gave beside a, from the evaluation a was scored from, so that
// the year is not evaluated a second time. Without them (nil) it asks the engine for them
// (engine.Plan.EvaluateStates). Outcomes of another year, cut-off, counting convention or
// dataset are an error.
func NewStateDataFrom(ctx context.Context, p *engine.Plan, ds *engine.Dataset, a *engine.Assessment, outs []*engine.StateEvaluation) (*StateData, error) {
	if a == nil {
		return nil, ErrNoAssessment
	}
	opts, err := evalOptions(a)
	if err != nil {
		return nil, err
	}
	recs, err := p.StateRecords(ctx, ds, a.Year, opts...)
	if err != nil {
		return nil, err
	}
	if outs == nil {
		if outs, err = p.EvaluateStates(ctx, ds, a.Year, opts...); err != nil {
			return nil, err
		}
	} else if err := sameEvaluation(a, recs, outs); err != nil {
		return nil, err
	}
	sd := &StateData{Records: recs, Outcomes: outs}
	asOf, _ := engine.ParseDay(a.AsOf)
	sd.Votes = tallyVotes(ds, a.Year, asOf)
	sd.Article3 = article3Totals(ds, a.Year, asOf)
	return sd, nil
}

// sameEvaluation checks that outs are the traced outcomes of a's year, cut-off and counting
// convention for the States of recs, in their order.
func sameEvaluation(a *engine.Assessment, recs []engine.StateRecord, outs []*engine.StateEvaluation) error {
	if len(outs) != len(recs) {
		return fmt.Errorf("state data: %d States' outcomes for %d States", len(outs), len(recs))
	}
	for i, o := range outs {
		if o == nil || o.ISO3 != recs[i].ISO3 || o.Year != a.Year || o.AsOf != a.AsOf || o.Counting != a.Counting {
			return fmt.Errorf("state data: the outcomes of State %d are not those of the assessment of %d at %s (%s)", i+1, a.Year, a.AsOf, a.Counting)
		}
	}
	return nil
}

// ProfileOf builds one State's profile for an assessment made from ds (lap profile, lap
// serve): the State's record and traced outcomes at the assessment's cut-off.
func ProfileOf(ctx context.Context, p *engine.Plan, ds *engine.Dataset, a *engine.Assessment, iso3 string) (*StateProfile, error) {
	if a == nil {
		return nil, ErrNoAssessment
	}
	opts, err := evalOptions(a)
	if err != nil {
		return nil, err
	}
	rec, err := p.StateRecord(ctx, ds, iso3, a.Year, opts...)
	if err != nil {
		return nil, err
	}
	ev, err := p.EvaluateState(ctx, ds, iso3, a.Year, opts...)
	if err != nil {
		return nil, err
	}
	lang, _ := p.Language()
	sp, err := NewStateProfileIn(locale.Lang(lang), a, rec, ev)
	if err != nil || lang == "" {
		return sp, err
	}
	// an assessment of the plan as written (lap serve) has the English titles: the plan's
	// translation has the indicators' own
	for i := range sp.Indicators {
		if ind, ok := p.Indicator(sp.Indicators[i].ID); ok {
			sp.Indicators[i].Title = ind.Title
		}
	}
	return sp, nil
}

// NewStateProfile builds a State's profile from the assessment, the State's record and its
// traced outcomes, all of the same year and cut-off.
func NewStateProfile(a *engine.Assessment, rec engine.StateRecord, ev *engine.StateEvaluation) (*StateProfile, error) {
	return NewStateProfileIn(locale.English, a, rec, ev)
}

// NewStateProfileIn is NewStateProfile with the profile's own words in lang (English when
// lang is empty or unknown); the plan's texts come as the assessment has them.
func NewStateProfileIn(lang locale.Lang, a *engine.Assessment, rec engine.StateRecord, ev *engine.StateEvaluation) (*StateProfile, error) {
	if a == nil {
		return nil, ErrNoAssessment
	}
	return newStateProfile(newProfileBase(profileLang(lang), a), rec, ev)
}

// profileLang is lang when it is a known language, else English.
func profileLang(lang locale.Lang) locale.Lang {
	if _, err := locale.ParseLang(string(lang)); err != nil || lang == "" {
		return locale.English
	}
	return lang
}

// profileBase is what every State's profile of one assessment shows alike, made once for a
// report's 112 profiles rather than once a profile: the indicators' words (their value, unit
// and "k of n" in the profile's language) and the plan's provenance sentence.
type profileBase struct {
	lang       locale.Lang
	loc        *locale.Locale
	a          *engine.Assessment
	provenance string
	indicators map[string]*profileIndicatorBase
}

// profileIndicatorBase is an indicator's part of profileBase.
type profileIndicatorBase struct {
	ia                *engine.IndicatorAssessment
	unit, value, over string
}

// newProfileBase makes the profileBase of a in lang (a known language).
func newProfileBase(lang locale.Lang, a *engine.Assessment) *profileBase {
	loc := locale.For(lang)
	pc := provenanceCounts(a)
	b := &profileBase{lang: lang, loc: loc, a: a, indicators: make(map[string]*profileIndicatorBase, len(a.Indicators)),
		provenance: loc.N("profile.provenance", pc.Found, map[string]any{"Proposed": pc.Proposed, "Indicators": pc.Indicators,
			"Actions": pc.Actions, "Found": pc.Found, "Inferred": pc.Inferred, "Reconstructed": pc.Reconstr})}
	words := make([]profileIndicatorBase, len(a.Indicators))
	for i := range a.Indicators {
		ia := &a.Indicators[i]
		words[i] = profileIndicatorBase{ia: ia, unit: unitIn(loc, ia.Unit), value: valueIn(loc, ia.Value, ia.Unit),
			over: engineSentence(loc, ia.KOfN(), ia.KOfNSentence())}
		b.indicators[ia.ID] = &words[i]
	}
	return b
}

// newStateProfile is NewStateProfileIn with the assessment's shared part made.
func newStateProfile(base *profileBase, rec engine.StateRecord, ev *engine.StateEvaluation) (*StateProfile, error) {
	a, lang := base.a, base.lang
	if ev == nil || ev.ISO3 != rec.ISO3 || rec.Year != a.Year || ev.Year != a.Year || ev.AsOf != a.AsOf || rec.AsOf.String() != a.AsOf {
		return nil, fmt.Errorf("state profile: %w: the record, the outcomes and the assessment are not of the same State, year and cut-off", chart.ErrInvalidInput)
	}
	loc := base.loc
	p := &StateProfile{ISO3: rec.ISO3, Name: stateIn(loc, rec.ISO3, rec.Name), Region: regionIn(loc, rec.Region), Year: a.Year, AsOf: a.AsOf, Ref: dayOf(loc, rec.Ref), loc: loc,
		Partial: rec.Ref.Before(engine.NewDate(a.Year, 12, 31)), Counting: a.Counting, Plan: a.Plan, Party: rec.Party,
		Obligations: []ProfileObligation{}, Indicators: []ProfileIndicator{}, Classes: []ProfileClassCount{}, Sources: []ProfileSource{}}
	if lang != locale.English {
		p.Lang = lang
	}
	p.Provenance = base.provenance
	src := &sourceSet{seen: map[string]bool{}, loc: loc}
	p.membership(rec, src)
	p.obligations(a, src)
	p.reporting(rec, src)
	p.indicators(base, ev, src)
	p.Sources = src.sorted()
	p.countClasses()
	return p, nil
}

// membership fills the treaty dates and the standing sentence.
func (p *StateProfile) membership(rec engine.StateRecord, src *sourceSet) {
	c := rec.DatesClass
	loc := p.loc
	add := func(label string, d *engine.Date, note string) {
		if d == nil {
			return
		}
		v := dayOf(loc, *d)
		if note != "" {
			v += " (" + note + ")"
		}
		p.Membership = append(p.Membership, ProfileItem{Label: label, Value: v, Class: c})
	}
	add(loc.T("content.signed"), rec.Signed, "")
	instrument := loc.T("content.instrument.accession")
	if rec.Signed != nil {
		instrument = loc.T("content.instrument.ratification")
	}
	add(loc.T("content.deposited"), rec.Ratified, instrument)
	note := ""
	if rec.EIFDerived {
		note = loc.T("profile.eif-derived")
	}
	add(loc.T("content.entry-into-force"), rec.EntryIntoForce, note)
	add(loc.T("content.withdrawal"), rec.Withdrawn, "")
	if len(p.Membership) == 0 {
		p.Membership = []ProfileItem{{Label: loc.T("profile.treaty-actions"), Value: loc.T("profile.none-recorded-by", map[string]any{"Date": dayOf(loc, rec.AsOf)})}}
	}
	if rec.DatesOrigin != "" && (rec.Signed != nil || rec.Ratified != nil) {
		src.add(ProfileSource{Field: "treaty dates", Value: strings.TrimSpace(loc.JoinClauses([]string{
			dateOr(loc, rec.Signed, "profile.not-signed"), dateOr(loc, rec.Ratified, "profile.no-deposit"), dateOr(loc, rec.EntryIntoForce, "")})),
			Class: c, Origin: rec.DatesOrigin})
	}
	at := loc.T("profile.at-end", map[string]any{"Year": rec.Year})
	if rec.Ref.Before(engine.NewDate(rec.Year, 12, 31)) {
		at = loc.T("profile.at-cutoff", map[string]any{"Date": dayOf(loc, rec.Ref), "Year": rec.Year})
	}
	data := map[string]any{"At": at}
	switch {
	case rec.Party:
		p.Standing = loc.T("profile.standing.party", data)
		if rec.PendingEIF && rec.EntryIntoForce != nil {
			data["Date"] = dayOf(loc, *rec.EntryIntoForce)
			p.Standing = loc.T("profile.standing.party-pending", data)
		}
	case rec.FormerParty:
		p.Standing = loc.T("profile.standing.former", data)
	case rec.PendingEIF:
		data["Date"] = dayOr(loc, rec.EntryIntoForce, loc.T("profile.date-not-recorded"))
		p.Standing = loc.T("profile.standing.pending", data)
	case rec.Signatory:
		p.Standing = loc.T("profile.standing.signatory", data)
	default:
		p.Standing = loc.T("profile.standing.neither", data)
	}
}

// dateOr is a date in the locale's words, or the message none (empty: nothing) when there is
// no date.
func dateOr(loc *locale.Locale, d *engine.Date, none string) string {
	switch {
	case d != nil:
		return dayOf(loc, *d)
	case none == "":
		return ""
	}
	return loc.T(none)
}

// obligations lists the State's obligations at R from the assessment: Articles 3 and 4 per
// episode with the deadline chain and projection, then Articles 5, 7 and 9.
func (p *StateProfile) obligations(a *engine.Assessment, src *sourceSet) {
	var sv *engine.StateView
	for i := range a.States {
		if a.States[i].ISO3 == p.ISO3 {
			sv = &a.States[i]
		}
	}
	if sv == nil {
		return
	}
	episodes := map[[2]int]engine.ObligationEpisode{}
	for _, oe := range a.Obligations {
		if oe.ISO3 == p.ISO3 {
			episodes[[2]int{oe.Article, oe.Episode}] = oe
		}
	}
	for _, o := range sv.Obligations {
		name := o.Name
		if p.loc.Lang() != locale.English && p.loc.Has(fmt.Sprintf("profile.obligation-name.%d", o.Article)) {
			name = p.loc.T(fmt.Sprintf("profile.obligation-name.%d", o.Article))
		}
		po := ProfileObligation{Article: o.Article, Episode: o.Episode, Name: name, Status: capitalise(engineSentence(p.loc, o.StatusText, o.StatusSentence)),
			Key: string(o.Status), Detail: engineSentence(p.loc, o.Detail, o.DetailSentence), Deadline: ProfileItem{Label: p.loc.T("report.deadline"), Value: dash}, Class: o.Class}
		if strings.Contains(o.StatusText, o.Detail) {
			po.Detail = "" // the status says it
		}
		if o.DeadlineMet != "" {
			po.Verdict = verdictIn(p.loc, o.DeadlineMet)
		}
		if o.Deadline != "" {
			po.Deadline.Value = dateIn(p.loc, o.Deadline)
		}
		if oe, ok := episodes[[2]int{o.Article, o.Episode}]; ok && (o.Article == 3 || o.Article == 4) {
			po.episode(p.loc, oe, src)
		}
		p.Obligations = append(p.Obligations, po)
	}
}

// episode fills an Article 3 or 4 obligation from its episode: dates with their classes, the
// deadline chain, the amount done in the year and the projection.
func (po *ProfileObligation) episode(loc *locale.Locale, oe engine.ObligationEpisode, src *sourceSet) {
	po.Key = episodeStatus(oe).Key
	po.Began = ProfileItem{Label: loc.T("report.began"), Value: dayOf(loc, oe.Start)}
	po.Completed = ProfileItem{Label: loc.T("report.completed"), Value: dash}
	if oe.Completed != nil {
		po.Completed.Value = dayOf(loc, *oe.Completed)
	}
	if oe.Deadline != nil {
		po.Deadline.Value = dayOf(loc, *oe.Deadline)
		if oe.ExtensionPending && oe.DeadlineMet == engine.VerdictUnknown {
			// The last deadline recorded has passed and a request awaits a decision: the
			// deadline in force is not known (docs/methodology.md §5.1).
			po.Deadline.Value = loc.T("profile.deadline-not-known", map[string]any{"Deadline": po.Deadline.Value})
		}
	}
	num := func(v *float64, unit string) string {
		s := fmtValue(v, unit) + " " + unitOf(loc, unit, v)
		if loc.Lang() != locale.English {
			s = localNumbers(loc, s)
		}
		return s
	}
	done := "art3_destroyed_munitions"
	if oe.Article == 4 {
		done = "art4_area_cleared_m2"
	}
	deadlineClass := map[string]engine.Class{}
	for _, fr := range oe.Values {
		fd, _ := engine.LookupField(fr.Field)
		switch {
		case strings.HasSuffix(fr.Field, "_obligation_start"):
			po.Began.Class = fr.Class
		case strings.HasSuffix(fr.Field, "_deadline"):
			po.Deadline.Class = fr.Class // the last decision is the deadline in force
			deadlineClass[describeRead(fr.Value)] = fr.Class
		case strings.HasSuffix(fr.Field, "_completed_date"):
			po.Completed.Class = fr.Class
		case fr.Field == done:
			if v, ok := fr.Value.(float64); ok {
				po.Done = ProfileItem{Label: loc.T(map[bool]string{true: "profile.cleared-in-year", false: "profile.destroyed-in-year"}[oe.Article == 4]), Value: num(&v, fd.Unit), Class: fr.Class}
			}
		}
		src.addRead(fr, "")
	}
	for i, dd := range oe.Deadlines {
		id := "profile.original-deadline"
		if i > 0 {
			id = "profile.extended"
		}
		po.Chain = append(po.Chain, ProfileItem{Label: loc.T(id, map[string]any{"Date": dayOf(loc, dd.Decided)}), Value: dayOf(loc, dd.Deadline),
			Class: deadlineClass[dd.Deadline.String()]})
	}
	dp := oe.Projection
	if dp == nil {
		return
	}
	st := deadlineStatus(dp.Status).Label
	if loc.Lang() != locale.English {
		st = statusLabel(loc, deadlineStatus(dp.Status))
	}
	amount, estimate := amounts(loc, dp.Unit)
	perYear := func(v *float64) string { return loc.T("profile.per-year", map[string]any{"Amount": estimate(v)}) }
	pp := &ProfileProjection{Status: st, Key: deadlineStatus(dp.Status).Key, Reason: engineSentence(loc, dp.Reason, dp.ReasonSentence), Assumptions: engineSentences(loc, dp.Assumptions, dp.AssumptionSentences),
		Remaining: ProfileItem{Label: loc.T("report.remaining"), Value: dash}, Rate: ProfileItem{Label: loc.T("profile.recent-rate"), Value: dash}, RateNeeded: dash}
	if dp.Remaining != nil {
		pp.Remaining = ProfileItem{Label: loc.T("profile.remaining-at", map[string]any{"Year": dp.RemainingYear}),
			Value: amount(dp.Remaining), Class: dp.RemainingClass}
	}
	if dp.Rate != nil {
		pp.Rate = ProfileItem{Label: loc.T("profile.recent-rate-years", map[string]any{"Years": rateYears(loc, dp.RateYears)}), Value: perYear(dp.Rate), Class: dp.RateClass}
	}
	if dp.CompletionYear != nil {
		pp.Completion = strconv.Itoa(*dp.CompletionYear)
	}
	if dp.RateNeeded != nil {
		pp.RateNeeded = perYear(dp.RateNeeded)
	}
	var basis []string
	if dp.SinglePoint {
		basis = append(basis, loc.T("report.basis.one-point"))
	}
	if dp.Stale {
		basis = append(basis, loc.T("report.basis.stale"))
	}
	pp.Basis = strings.Join(basis, ", ")
	pp.Takes = whatItTakes(loc, oe.Article, dp)
	po.Projection = pp
}

// rateYears names the years a rate is the mean of: "2022–2024", "2024".
func rateYears(loc *locale.Locale, ys []engine.YearValue) string {
	if len(ys) == 0 {
		return loc.T("profile.no-years")
	}
	first, last := ys[0].Year, ys[len(ys)-1].Year
	if first == last {
		return strconv.Itoa(first)
	}
	return fmt.Sprintf("%d–%d", first, last)
}

// amounts format a projection's amounts in loc's language, with their unit: an amount as
// fmtAmount does, a computed rate as fmtEstimate does (three significant figures).
func amounts(loc *locale.Locale, unit string) (amount, estimate func(*float64) string) {
	if loc.Lang() == locale.English {
		return func(v *float64) string { return fmtAmount(v, unit) }, func(v *float64) string { return fmtEstimate(v, unit) }
	}
	in := func(s string, v *float64) string {
		if v == nil {
			return s
		}
		if u := unitOf(loc, unit, v); u != "" {
			s += " " + u
		}
		return s
	}
	return func(v *float64) string { return in(localNumbers(loc, fmtAmount(v, "")), v) },
		func(v *float64) string { return in(localNumbers(loc, fmtEstimate(v, "")), v) }
}

// whatItTakes says, from a deadline projection, what meeting the deadline takes against the
// State's recent rate, in neutral words.
func whatItTakes(loc *locale.Locale, article int, dp *engine.DeadlineProjection) string {
	deadline := dateIn(loc, dp.Deadline)
	amount, estimate := amounts(loc, dp.Unit)
	switch {
	case dp.Remaining == nil || dp.Deadline == "":
		return loc.T(map[bool]string{true: "profile.takes.no-deadline", false: "profile.takes.no-remaining"}[dp.Deadline == ""])
	case *dp.Remaining == 0:
		return loc.T("profile.takes.nothing")
	}
	data := map[string]any{"Deadline": deadline, "Year": dp.RemainingYear}
	var s string
	switch {
	case dp.Status == engine.ProjectionNotKnown:
		// A request awaits a decision: the deadline that applies is not known, so the State
		// is not measured against the last one recorded (it may no longer apply).
		s = loc.T("profile.takes.not-known-plain")
		if dp.ExtensionNote != "" {
			data["Note"] = engineSentence(loc, dp.ExtensionNote, dp.ExtensionNoteSentence)
			s = loc.T("profile.takes.not-known", data)
		}
	case dp.RateNeeded == nil:
		data["Remaining"] = amount(dp.Remaining)
		s = loc.T("profile.takes.passed", data)
	default:
		data["Needed"] = estimate(dp.RateNeeded)
		s = loc.T(map[bool]string{true: "profile.takes.clear", false: "profile.takes.destroy"}[article == 4], data)
		if dp.Rate != nil && *dp.Rate > 0 {
			ratio := *dp.RateNeeded / *dp.Rate
			data["Rate"] = estimate(dp.Rate)
			if ratio <= 1 {
				s = loc.T(map[bool]string{true: "profile.takes.clear-within", false: "profile.takes.destroy-within"}[article == 4], data)
			} else {
				data["Times"] = fixed(math.Round(ratio*10)/10, 1)
				if loc.Lang() != locale.English {
					data["Times"] = loc.Number(math.Round(ratio*10)/10, 1)
				}
				s = loc.T(map[bool]string{true: "profile.takes.clear-times", false: "profile.takes.destroy-times"}[article == 4], data)
			}
		} else if dp.Rate != nil {
			s = loc.T(map[bool]string{true: "profile.takes.clear-zero", false: "profile.takes.destroy-zero"}[article == 4], data)
		}
	}
	if dp.CompletionYear != nil {
		s += " " + loc.T("profile.takes.completed-in", map[string]any{"Year": *dp.CompletionYear})
	}
	return s
}

// reporting fills the Article 7 record and adds its facts to the sources.
func (p *StateProfile) reporting(rec engine.StateRecord, src *sourceSet) {
	p.Reporting = reportingOf(p.loc, rec)
	if r := rec.Reporting.Initial; r != nil {
		src.addRead(*r, "")
	}
	for _, an := range rec.Reporting.Annual {
		if an.Received != nil {
			src.addRead(*an.Received, strconv.Itoa(an.Year))
		}
	}
}

// reportingOf says a State's Article 7 record in words: the profile's section and the
// report's Article 7 table.
func reportingOf(loc *locale.Locale, rec engine.StateRecord) ProfileReporting {
	r := rec.Reporting
	none := loc.T("reporting.none-recorded")
	pr := ProfileReporting{InitialDue: dash, InitialReceived: ProfileItem{Label: loc.T("reporting.initial-received"), Value: none},
		Annual: []ProfileAnnual{}}
	if r.InitialDue != nil {
		pr.InitialDue = dayOf(loc, *r.InitialDue)
	}
	if r.Initial != nil {
		pr.InitialReceived.Value, pr.InitialReceived.Class = dateIn(loc, describeRead(r.Initial.Value)), r.Initial.Class
	} else {
		pr.InitialReceived.Class = r.InitialAbsence // "none recorded" rests on the register
	}
	pr.InitialOnTimeClass = r.InitialOnTimeClass
	switch r.InitialOnTime {
	case engine.VerdictYes:
		pr.InitialOnTime, pr.InitialKey = loc.T("reporting.on-time"), "yes"
	case engine.VerdictNo:
		pr.InitialKey = "no"
		pr.InitialOnTime = loc.T("reporting.late")
		if r.Initial == nil {
			pr.InitialOnTime = loc.T("reporting.not-received-by", map[string]any{"Date": dayOf(loc, rec.Ref)})
		}
	case engine.VerdictUnknown:
		pr.InitialOnTime, pr.InitialKey = loc.T("reporting.not-known"), "unknown"
	case engine.VerdictPending:
		pr.InitialOnTime, pr.InitialKey = loc.T("reporting.not-yet-due"), "pending"
	default:
		pr.InitialOnTime, pr.InitialKey = loc.T("reporting.not-due"), "none"
	}
	for _, an := range r.Annual {
		pa := ProfileAnnual{Year: an.Year, Deadline: dayOf(loc, an.Deadline), Received: ProfileItem{Label: loc.T("reporting.received"), Value: none},
			OnTimeClass: an.OnTimeClass}
		if an.Received != nil {
			pa.Received.Value, pa.Received.Class = dateIn(loc, describeRead(an.Received.Value)), an.Received.Class
		} else {
			pa.Received.Class = an.AbsenceClass
		}
		switch an.OnTime {
		case engine.VerdictYes:
			pa.OnTime, pa.Key = loc.T("reporting.on-time"), "yes"
		case engine.VerdictNo:
			pa.OnTime, pa.Key = loc.T("reporting.late"), "no"
			if an.Received == nil {
				pa.OnTime = loc.T("reporting.not-received-deadline")
			}
		case engine.VerdictUnknown:
			pa.OnTime, pa.Key = loc.T("reporting.not-known"), "unknown"
		default:
			pa.OnTime, pa.Key = loc.T("reporting.not-yet-due"), "pending"
		}
		pr.Annual = append(pr.Annual, pa)
	}
	owedBefore := rec.EntryIntoForce != nil && rec.EntryIntoForce.Year() < r.From
	switch {
	case owedBefore:
		pr.Covered = loc.T("reporting.covered-from", map[string]any{"Year": r.From})
	case len(r.Annual) == 0 && rec.Party:
		pr.Covered = loc.T("reporting.none-owed")
	}
	return pr
}

// dateIn is dateText in the locale's language: a date of the data ("2023-06-14") as the
// language writes it, with its precision; anything else as it is.
func dateIn(loc *locale.Locale, v string) string {
	if loc.Lang() == locale.English {
		return dateText(v)
	}
	if s, err := loc.ISODate(v); err == nil {
		return s
	}
	return v
}

// asNo reports whether an indicator counts a State without data as "no" (a register-backed or
// reporting indicator: silence counts as "no"), which a profile says as "none recorded".
func asNo(ia *engine.IndicatorAssessment) bool {
	return ia.UnknownPolicy == engine.UnknownAsFalse && (ia.Aggregate == engine.AggShare || ia.Aggregate == engine.AggCount)
}

// indicators lists every indicator whose population the State is in, with its result and its
// effect on the indicator's value.
func (p *StateProfile) indicators(base *profileBase, ev *engine.StateEvaluation, src *sourceSet) {
	a := base.a
	year := strconv.Itoa(a.Year)
	in := 0
	for _, o := range ev.Indicators {
		if o.InPopulation {
			in++
		}
	}
	p.Indicators = make([]ProfileIndicator, 0, in)
	for _, o := range ev.Indicators {
		w := base.indicators[o.ID]
		if w == nil {
			continue
		}
		ia := w.ia
		if !o.InPopulation {
			p.Outside++
			continue
		}
		pi := ProfileIndicator{ID: ia.ID, Action: ia.Action, Title: ia.Title, Provenance: ia.Provenance, Aggregate: ia.Aggregate, Unit: w.unit,
			Value: w.value, Over: w.over, Class: o.Class, Error: o.Error}
		if ia.Value != nil {
			pi.ValueClass = ia.Class
		}
		pi.Result, pi.Effect, pi.EffectKey = outcomeWords(ia, o.StateOutcome)
		if p.Lang != "" {
			pi.Result = outcomeIn(p.loc, pi.Result, ia, o.StateOutcome)
			if pi.Effect != "" {
				pi.Effect = p.loc.T("profile.effect." + strings.ReplaceAll(pi.Effect, " ", "-"))
			}
		}
		switch o.Result.(type) {
		case nil:
			p.NoData++
			if pi.EffectKey == "unknown" {
				pi.Unknown = o.Unknown // the fields without data; a register's silence is "none recorded"
			}
		case bool:
			if o.Result.(bool) {
				p.Counted++
			} else {
				p.NotCounted++
			}
		default:
			p.Counted++
		}
		for _, fr := range o.Values {
			src.addRead(fr, year)
		}
		p.Indicators = append(p.Indicators, pi)
	}
}

// outcomeIn is a result of outcomeWords in loc's language.
func outcomeIn(loc *locale.Locale, result string, ia *engine.IndicatorAssessment, o engine.StateOutcome) string {
	switch result {
	case "counted", "not counted", "none recorded", "not known", "error":
		return loc.T("profile.result." + strings.ReplaceAll(result, " ", "-"))
	}
	if v, ok := o.Result.(float64); ok {
		return valueIn(loc, &v, ia.Unit)
	}
	return result
}

// outcomeWords says a State's result for an indicator and its effect on the indicator's value,
// given the aggregate and the direction.
func outcomeWords(ia *engine.IndicatorAssessment, o engine.StateOutcome) (result, effect, key string) {
	up := ia.Direction == engine.Increase
	directed := up || ia.Direction == engine.Decrease
	help := func(good bool) (string, string) {
		switch {
		case !directed:
			return "", "none"
		case good:
			return "helps", "helps"
		}
		return "holds back", "holds"
	}
	switch v := o.Result.(type) {
	case nil:
		if o.Error != "" {
			return "error", "", "unknown"
		}
		if asNo(ia) {
			// a register-backed or reporting indicator: silence counts as "no"
			if ia.Aggregate == engine.AggCount {
				return "none recorded", "no effect", "none"
			}
			e, k := help(!up)
			return "none recorded", e, k
		}
		return "not known", "left out", "unknown"
	case bool:
		if v {
			if ia.Aggregate == engine.AggShare || ia.Aggregate == engine.AggCount {
				e, k := help(up)
				return "counted", e, k
			}
		}
		if ia.Aggregate == engine.AggCount {
			return "not counted", "no effect", "none"
		}
		e, k := help(!up)
		return "not counted", e, k
	case float64:
		r := valueWithUnit(&v, ia.Unit)
		switch ia.Aggregate {
		case engine.AggMean:
			if ia.Value == nil || v == *ia.Value {
				return r, "no effect", "none"
			}
			e, k := help((v > *ia.Value) == up)
			return r, e, k
		default:
			if v == 0 {
				return r, "no effect", "none"
			}
			e, k := help((v > 0) == up)
			return r, e, k
		}
	}
	return dash, "", "none"
}

// countClasses counts the figures on the page by class: treaty dates, obligation dates and
// amounts, reports received (and a register's "none recorded") and the State's indicator results.
func (p *StateProfile) countClasses() {
	var cc engine.ClassCounts
	add := func(it ProfileItem) { // a register's "none recorded" counts: it rests on the register
		if it.Value != "" && it.Value != dash && it.Class != "" {
			cc.Add(it.Class)
		}
	}
	for _, it := range p.Membership {
		add(it)
	}
	for _, o := range p.Obligations {
		add(o.Began)
		add(o.Deadline)
		add(o.Completed)
		add(o.Done)
		if o.Projection != nil {
			add(o.Projection.Remaining)
			add(o.Projection.Rate)
		}
	}
	add(p.Reporting.InitialReceived)
	for _, an := range p.Reporting.Annual {
		add(an.Received)
	}
	for _, pi := range p.Indicators {
		if pi.Class != "" {
			cc.Add(pi.Class)
		}
	}
	for _, c := range engine.Classes {
		if n := cc.Get(c); n > 0 {
			p.Classes = append(p.Classes, ProfileClassCount{Class: c, N: n})
		}
	}
}

// sourceSet collects the facts behind a profile once each.
type sourceSet struct {
	loc  *locale.Locale // the values' words and number format
	seen map[string]bool
	list []ProfileSource
}

func (s *sourceSet) add(ps ProfileSource) {
	key := ps.Origin + "\x00" + ps.Field
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	s.list = append(s.list, ps)
}

// addRead adds a value a rule or a record read, when it comes from a file (not derived, not
// absent).
func (s *sourceSet) addRead(fr engine.FieldRead, year string) {
	if fr.Value == nil || fr.Origin == "" || fr.Origin == "absent" || strings.HasPrefix(fr.Origin, "derived") {
		return
	}
	fd, _ := engine.LookupField(fr.Field)
	v := readerValue(s.loc, fr.Field, fr.Value)
	if fd.Scope != engine.ScopeYear {
		year = ""
	}
	s.add(ProfileSource{Field: fr.Field, Year: year, Value: v, Class: fr.Class, Origin: fr.Origin, Source: fr.Source})
}

// sorted returns the facts by file, then line number.
func (s *sourceSet) sorted() []ProfileSource {
	out := append([]ProfileSource{}, s.list...)
	slices.SortStableFunc(out, func(a, b ProfileSource) int {
		af, al := splitOrigin(a.Origin)
		bf, bl := splitOrigin(b.Origin)
		if c := cmp.Compare(af, bf); c != 0 {
			return c
		}
		if c := cmp.Compare(al, bl); c != 0 {
			return c
		}
		return cmp.Compare(a.Field, b.Field)
	})
	return out
}

// splitOrigin splits "facts.csv:123" into the file and the line.
func splitOrigin(o string) (string, int) {
	i := strings.LastIndexByte(o, ':')
	if i < 0 {
		return o, 0
	}
	n, err := strconv.Atoi(o[i+1:])
	if err != nil {
		return o, 0
	}
	return o[:i], n
}

// valueWithUnit formats a value with its unit ("0.40 km²", "45.0%", "12"): counts of States
// and percentages need no unit word.
func valueWithUnit(v *float64, unit string) string {
	return valueIn(locale.For(locale.English), v, unit)
}

// valueIn is valueWithUnit in loc's language: its numbers and its unit word.
func valueIn(loc *locale.Locale, v *float64, unit string) string {
	s := fmtValue(v, unit)
	if loc.Lang() != locale.English {
		s = localNumbers(loc, s)
	}
	if v == nil || unit == "percent" || unit == "states" || unit == "" {
		return s
	}
	return s + " " + unitOf(loc, unit, v)
}

// capitalise puts the first letter in upper case, whatever its length in bytes ("évalué"
// gives "Évalué", never a broken byte).
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// dateText writes a date value for people ("30 June 2025"), or the value as given.
func dateText(v string) string {
	d, err := engine.ParseDate(v)
	if err != nil {
		return v
	}
	return d.Text()
}
