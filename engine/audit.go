package engine

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"
)

// The "good news never hurts" audit (docs/methodology.md, "Good news never hurts"): for every
// State and every kind of good news that can happen to it in the year, apply the news to the
// data, assess again and check that the plan score and every section score, like for like (over
// the indicators scored before and after, as the what-if compares them), did not fall, and
// that no scored indicator moved the wrong way. A move the plan accepts is listed, with its
// reason, in auditExceptions (audit_exceptions.go); any other is a violation. An indicator
// scored on one side only is no move: it is left out of the comparison and listed, with the
// reason (AuditResult.LeftOut).

// GoodNews is a kind of good news the audit applies.
type GoodNews string

// The kinds of good news.
const (
	// NewsAccession: a State not party deposits its instrument on 30 June of the year, with no
	// obligation (its first Article 7 report then falls due the next year).
	NewsAccession GoodNews = "accession"
	// NewsAccessionContaminated: the same, with contaminated areas (an Article 4 obligation
	// from entry into force) and victims (Article 5).
	NewsAccessionContaminated GoodNews = "accession-with-contamination-and-victims"
	// NewsAccessionStockpile: the same, holding cluster munitions (an Article 3 obligation).
	NewsAccessionStockpile GoodNews = "accession-with-stockpile"
	// NewsAccessionBefore: a State not party deposits on 30 June of the year before, with no
	// obligation: its initial report (due 30 May) and its first annual report (for the year)
	// fall due in the year, and the news says nothing of whether it sends them (supposed.go).
	NewsAccessionBefore GoodNews = "accession-the-year-before"
	// NewsAccessionBeforeContaminated: the same, with contaminated areas and victims, whose
	// reporting (Article 4 and 5 figures) falls due in the year too.
	NewsAccessionBeforeContaminated GoodNews = "accession-the-year-before-with-contamination-and-victims"
	// NewsArt3Completed: a State Party with stockpiles to destroy completes destruction.
	NewsArt3Completed GoodNews = "article-3-completed"
	// NewsArt4Completed: a State Party with contaminated areas completes clearance.
	NewsArt4Completed GoodNews = "article-4-completed"
	// NewsInitialReport: a State Party whose initial Article 7 report is overdue submits it.
	NewsInitialReport GoodNews = "initial-report-submitted"
	// NewsAnnualReport: a State Party whose annual report for the year is due and absent
	// submits it on time (30 April of the next year).
	NewsAnnualReport GoodNews = "annual-report-submitted"
	// NewsOverdueReport: the same report submitted late (30 September of the next year).
	NewsOverdueReport GoodNews = "overdue-report-submitted"
	// NewsAreaCleared: a State Party with contaminated areas clears 1 km² more in the year
	// (its remaining area, when reported, falls by as much).
	NewsAreaCleared GoodNews = "area-cleared"
)

// GoodNewsKinds lists the kinds of good news in the order the audit applies them.
var GoodNewsKinds = []GoodNews{NewsAccession, NewsAccessionContaminated, NewsAccessionStockpile,
	NewsAccessionBefore, NewsAccessionBeforeContaminated, NewsArt3Completed,
	NewsArt4Completed, NewsInitialReport, NewsAnnualReport, NewsOverdueReport, NewsAreaCleared}

// AuditException is a move the wrong way the plan accepts, with the reason: one indicator, one
// kind of good news.
type AuditException struct {
	Indicator string   `json:"indicator"`
	News      GoodNews `json:"news"`
	Reason    string   `json:"reason"`
	// Short is the reason in a few words, for a table's cell.
	Short string `json:"short"`
	// ReasonSentence and ShortSentence are Reason and Short as messages (engine/sentence.go),
	// for a translation.
	ReasonSentence Sentence `json:"-"`
	ShortSentence  Sentence `json:"-"`
}

// AuditViolation is one wrong-way move found by the audit.
type AuditViolation struct {
	ISO3 string   `json:"iso3"`
	News GoodNews `json:"news"`
	// Scope is "plan", "section" or "indicator"; Key the section key or indicator id.
	Scope  string   `json:"scope"`
	Key    string   `json:"key,omitempty"`
	Title  string   `json:"title"`
	Before *float64 `json:"before"`
	After  *float64 `json:"after"`
	Reason string   `json:"reason"`
	// Exception is the accepted move that covers it; nil for a violation.
	Exception *AuditException `json:"exception,omitempty"`
}

// AuditLeftOut is an indicator scored on one side only after a piece of good news (it could no
// longer be decided, or now can): left out of the like-for-like comparison, with the reason.
type AuditLeftOut struct {
	ISO3      string   `json:"iso3"`
	News      GoodNews `json:"news"`
	Indicator string   `json:"indicator"`
	// Change is NoLongerDecided or NowDecided.
	Change string `json:"change"`
	Reason string `json:"reason"`
}

// AuditResult is the audit of one year.
type AuditResult struct {
	Year int     `json:"year"`
	AsOf string  `json:"as_of"`
	Plan PlanRef `json:"plan"`
	// Scenarios counts the pieces of good news applied, per kind.
	Scenarios map[GoodNews]int `json:"scenarios"`
	// Violations are the wrong-way moves no exception covers; Excused those an exception
	// covers. Both sorted by State, kind, scope and key.
	Violations []AuditViolation `json:"violations"`
	Excused    []AuditViolation `json:"excused"`
	// LeftOut lists, per piece of good news, the indicators scored on one side only, left out
	// of the like-for-like scores the audit checks; sorted as the violations.
	LeftOut []AuditLeftOut `json:"left_out"`
}

// Audit applies every kind of good news to every State it can happen to in year, one at a
// time, and reports the moves the wrong way (see AuditResult). opts are those of Assess; the
// as_of date is fixed to the baseline's so that a change never moves the cut-off.
func (p *Plan) Audit(ctx context.Context, ds *Dataset, year int, opts ...EvalOption) (*AuditResult, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	cfg := p.assessConfig(ds, opts)
	opts = append(opts[:len(opts):len(opts)], AsOf(cfg.asOf))
	base, err := p.NewBaseline(ctx, ds, year, opts...)
	if err != nil {
		return nil, fmt.Errorf("audit %d: %w", year, err)
	}
	ba := base.Assessment()
	res := &AuditResult{Year: year, AsOf: ba.AsOf, Plan: ba.Plan, Scenarios: map[GoodNews]int{},
		Violations: []AuditViolation{}, Excused: []AuditViolation{}, LeftOut: []AuditLeftOut{}}
	ev := &evaluator{plan: p, ds: ds, cfg: cfg}
	ev.buildEnvs(year)
	all := goodNewsFor(ds, ev.envs, year, cfg.asOf)
	found := make([][]AuditViolation, len(all))
	leftOut := make([][]AuditLeftOut, len(all))
	errs := make([]error, len(all))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(all)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				n := all[i]
				run, err := base.Run(ctx, &Scenario{Name: string(n.kind) + " " + n.iso3, Changes: n.changes})
				if err != nil {
					errs[i] = fmt.Errorf("audit %d: %s %s: %w", year, n.iso3, n.kind, err)
					continue
				}
				found[i], leftOut[i] = p.checkGoodNews(ba, run.Assessment, n)
			}
		}()
	}
	for i := range all {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("audit %d: %w", year, err)
	}
	for i, n := range all {
		if errs[i] != nil {
			return nil, errs[i]
		}
		res.Scenarios[n.kind]++
		res.LeftOut = append(res.LeftOut, leftOut[i]...)
		for _, v := range found[i] {
			if v.Exception != nil {
				res.Excused = append(res.Excused, v)
			} else {
				res.Violations = append(res.Violations, v)
			}
		}
	}
	sortViolations(res.Violations)
	sortViolations(res.Excused)
	sort.SliceStable(res.LeftOut, func(i, j int) bool {
		a, b := res.LeftOut[i], res.LeftOut[j]
		if a.ISO3 != b.ISO3 {
			return a.ISO3 < b.ISO3
		}
		if a.News != b.News {
			return newsOrder(a.News) < newsOrder(b.News)
		}
		return CompareIndicatorIDs(a.Indicator, b.Indicator) < 0
	})
	return res, nil
}

// news is one piece of good news for one State.
type news struct {
	iso3    string
	kind    GoodNews
	changes []Change
}

// auditSource is the source text of the facts the audit adds.
const auditSource = "audit: good news"

// goodNewsFor lists every piece of good news that can happen in year y, by State (in data
// order) then kind, given the States' environments in y.
func goodNewsFor(ds *Dataset, envs []stateEnv, y int, asOf Date) []news {
	var out []news
	day := func(m time.Month, d int) Date { return NewDate(y, m, d) }
	deposit := day(time.June, 30)
	eif := day(time.December, 1) // Article 17: the first day of the sixth month after the deposit
	set := func(iso, field string, year int, value string) Change {
		return Change{Kind: ChangeSet, ISO3: iso, Field: field, Year: year, Value: value, Source: auditSource}
	}
	for si := range ds.states {
		st := &ds.states[si]
		e := &envs[si].env
		iso := st.ISO3
		add := func(k GoodNews, cs ...Change) { out = append(out, news{iso3: iso, kind: k, changes: cs}) }
		if e.NotParty && !e.FormerParty && st.Ratified.IsZero() && st.EntryIntoForce.IsZero() && !deposit.After(asOf) {
			join := set(iso, "ratified", 0, deposit.String())
			add(NewsAccession, join)
			add(NewsAccessionContaminated, join,
				set(iso, "art4_obligation_start", y, eif.String()),
				set(iso, "art4_deadline", y, NewDate(y+10, time.December, 1).String()),
				set(iso, "art5_victims_present", y, "true"))
			add(NewsAccessionStockpile, join,
				set(iso, "art3_obligation_start", y, eif.String()),
				set(iso, "art3_deadline", y, NewDate(y+8, time.December, 1).String()))
			// a year earlier: the reports fall due in y
			joinBefore := set(iso, "ratified", 0, NewDate(y-1, time.June, 30).String())
			eifBefore := NewDate(y-1, time.December, 1)
			add(NewsAccessionBefore, joinBefore)
			add(NewsAccessionBeforeContaminated, joinBefore,
				set(iso, "art4_obligation_start", y-1, eifBefore.String()),
				set(iso, "art4_deadline", y-1, NewDate(y+9, time.December, 1).String()),
				set(iso, "art5_victims_present", y-1, "true"))
		}
		if !e.Party {
			continue
		}
		completion := func(start int) (Date, bool) {
			d := day(time.June, 30)
			if f := latestEvent(ds.byState[si], start, y); f != nil && f.date.Last().After(d) {
				d = yearEnd(y)
			}
			return d, !d.After(asOf)
		}
		if d, ok := completion(fArt3Start); e.Art3Outstanding && ok {
			add(NewsArt3Completed, set(iso, "art3_completed_date", y, d.String()))
		}
		if d, ok := completion(fArt4Start); e.Art4Outstanding && ok {
			add(NewsArt4Completed, set(iso, "art4_completed_date", y, d.String()))
		}
		if e.InitialReportOverdue && !yearEnd(y).After(asOf) {
			add(NewsInitialReport, set(iso, "art7_initial_submitted", 0, yearEnd(y).String()))
		}
		if e.AnnualReportDue && !e.AnnualReportSubmitted {
			// The news is the submission, not what the report says: the content of a report
			// the data record as received after asOf stays unknown (see reportContentUnknown).
			silent := reportContentUnknown(ds.byState[si], iso, y, asOf)
			if d := NewDate(y+1, time.April, 30); !d.After(asOf) {
				add(NewsAnnualReport, append([]Change{set(iso, "art7_annual_submitted", y, d.String())}, silent...)...)
			}
			if d := NewDate(y+1, time.September, 30); !d.After(asOf) {
				add(NewsOverdueReport, append([]Change{set(iso, "art7_annual_submitted", y, d.String())}, silent...)...)
			}
		}
		if e.Art4Outstanding {
			const km2 = 1e6
			cs := []Change{set(iso, "art4_area_cleared_m2", y, num2s(valueOr(envs[si].from[fieldIndex["art4_area_cleared_m2"]], 0)+km2))}
			if f := envs[si].from[fieldIndex["art4_area_remaining_m2"]]; f != nil {
				cs = append(cs, set(iso, "art4_area_remaining_m2", y, num2s(math.Max(0, f.num-km2))))
			}
			add(NewsAreaCleared, cs...)
		}
	}
	return out
}

// latestEvent is the latest event of field fi dated in year y or before.
// reportContentUnknown returns the changes that keep unknown, after a report-submitted piece
// of good news, what a State's report for year y says when the data record that report as
// received after asOf. Such a report's facts (report-kind, no recorded day) become known on
// the day the report was received (data dictionary §1.3), so moving the receipt before asOf
// would also bring its content forward: news good or bad (a risk education programme without
// disaggregated data, no victim assistance budget, a remaining area that projects a missed
// deadline) that is not the submission's own effect. The audit checks that submitting a report
// never hurts; what a report says is data, and may lower a share over the States whose answer
// is known (docs/methodology.md, "Good news never hurts"). A field with any version known at
// asOf is left alone.
func reportContentUnknown(facts [][]*Fact, iso string, y int, asOf Date) []Change {
	var out []Change
	for fi, fs := range facts {
		if schema[fi].Kind != KindReport {
			continue
		}
		later, known := false, false
		for _, f := range fs {
			if f.Year != y {
				continue
			}
			if f.known.After(asOf) {
				later = later || f.Recorded.IsZero()
			} else {
				known = true
			}
		}
		if later && !known {
			out = append(out, Change{Kind: ChangeRemove, ISO3: iso, Field: schema[fi].Name, Year: y, Source: auditSource})
		}
	}
	return out
}

func latestEvent(facts [][]*Fact, fi, y int) *Fact {
	if facts == nil {
		return nil
	}
	var best *Fact
	for _, f := range facts[fi] {
		if f.Year <= y && (best == nil || f.date.After(best.date)) {
			best = f
		}
	}
	return best
}

func valueOr(f *Fact, v float64) float64 {
	if f == nil {
		return v
	}
	return f.num
}

func num2s(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// auditEps absorbs rounding: a move smaller than this is no move.
const auditEps = 1e-9

// checkGoodNews compares the baseline with the assessment after one piece of good news.
// Indicator moves an exception covers are excused and held at their baseline; the plan and
// section scores are then compared like for like, over the indicators scored on both sides
// (keptRollups, as the what-if compares them), so that an accepted move does not count twice
// and an indicator that can no longer be decided (or now can) is no move. Those are listed
// apart, with the reason.
func (p *Plan) checkGoodNews(base, after *Assessment, n news) ([]AuditViolation, []AuditLeftOut) {
	var out []AuditViolation
	var left []AuditLeftOut
	names := map[string]string{}
	for _, s := range base.States {
		names[s.ISO3] = s.Name
	}
	held := *after
	held.Indicators = append([]IndicatorAssessment(nil), after.Indicators...)
	both := make(map[string]bool, len(base.Indicators))
	for i := range base.Indicators {
		b, a := &base.Indicators[i], &after.Indicators[i]
		if b.Scored() != a.Scored() {
			l := leftOutIndicator(b, a, names)
			left = append(left, AuditLeftOut{ISO3: n.iso3, News: n.kind, Indicator: b.ID, Change: l.Change, Reason: l.Reason})
		}
		if !b.Scored() && !a.Scored() {
			continue
		}
		both[b.ID] = b.Scored() && a.Scored()
		var why string
		switch {
		case valueAgainst(b.Direction, b.Value, a.Value):
			why = fmt.Sprintf("the value moved against its direction (%s): %s -> %s", b.Direction, fnum(*b.Value), fnum(*a.Value))
		case scoreDown(b.Score, a.Score):
			why = fmt.Sprintf("the score fell: %s -> %s", fnum(*b.Score), fnum(*a.Score))
		default:
			continue
		}
		v := AuditViolation{ISO3: n.iso3, News: n.kind, Scope: "indicator", Key: b.ID, Title: b.Title, Before: b.Value, After: a.Value, Reason: why}
		if ex := auditException(b.ID, n.kind); ex != nil {
			v.Exception = ex
			if a.Scored() && b.Scored() {
				held.Indicators[i].Score = b.Score
			}
		}
		out = append(out, v)
	}
	keep := func(ia *IndicatorAssessment) bool { return both[ia.ID] }
	kb, ka := keptRollups(base, keep), keptRollups(&held, keep)
	for j, s := range base.Sections {
		if why := scoreFell(kb.sections[j].score, ka.sections[j].score); why != "" {
			out = append(out, AuditViolation{ISO3: n.iso3, News: n.kind, Scope: "section", Key: s.Key, Title: s.Title,
				Before: kb.sections[j].score, After: ka.sections[j].score, Reason: why})
		}
	}
	if why := scoreFell(kb.overall.score, ka.overall.score); why != "" {
		out = append(out, AuditViolation{ISO3: n.iso3, News: n.kind, Scope: "plan", Title: "Plan score",
			Before: kb.overall.score, After: ka.overall.score, Reason: why})
	}
	return out, left
}

// valueAgainst reports whether a value moved against its indicator's direction, from b to a.
func valueAgainst(dir Direction, b, a *float64) bool {
	d := 1.0
	if dir == Decrease {
		d = -1
	}
	return b != nil && a != nil && d*(*a-*b) < -auditEps
}

// scoreDown reports whether a score fell, from b to a.
func scoreDown(b, a *float64) bool { return b != nil && a != nil && *a < *b-auditEps }

// movedWrongWay reports whether an indicator moved the wrong way, as the audit judges it: its
// value against its direction, or its score down.
func movedWrongWay(dir Direction, bv, av, bs, as *float64) bool {
	return valueAgainst(dir, bv, av) || scoreDown(bs, as)
}

// notKnownByCheck reports whether an indicator's status is not known because the States not
// known could overturn its verdict (score_unknowns.go).
func notKnownByCheck(ia *IndicatorAssessment) bool {
	return ia.UnknownCheck != nil && !ia.UnknownCheck.Holds
}

// scoreFell says why a roll-up score got worse, or "".
func scoreFell(b, a *float64) string {
	switch {
	case b == nil:
		return ""
	case a == nil:
		return fmt.Sprintf("the score %s was lost", fnum(*b))
	case *a < *b-auditEps:
		return fmt.Sprintf("the score fell like for like: %s -> %s", fnum(*b), fnum(*a))
	}
	return ""
}

// auditException returns the exception covering an indicator's move after a kind of news.
func auditException(id string, k GoodNews) *AuditException {
	for i := range auditExceptions {
		if ex := &auditExceptions[i]; ex.Indicator == id && ex.News == k {
			return ex
		}
	}
	return nil
}

var scopeOrder = map[string]int{"plan": 0, "section": 1, "indicator": 2}

func sortViolations(vs []AuditViolation) {
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if a.ISO3 != b.ISO3 {
			return a.ISO3 < b.ISO3
		}
		if a.News != b.News {
			return newsOrder(a.News) < newsOrder(b.News)
		}
		if a.Scope != b.Scope {
			return scopeOrder[a.Scope] < scopeOrder[b.Scope]
		}
		return a.Key < b.Key
	})
}

func newsOrder(k GoodNews) int {
	for i, g := range GoodNewsKinds {
		if g == k {
			return i
		}
	}
	return len(GoodNewsKinds)
}
