package engine

// The per-State view (docs/methodology.md, "Per-State view").

// stateViews lists, for every State Party in year y, its obligations and the indicators it
// counts in. envs are the States' environments for y; last is the evaluation of y.
func (d *Dataset) stateViews(envs []stateEnv, last *Result) []StateView {
	idx := map[string]int{}
	out := []StateView{}
	for si := range d.states {
		se := &envs[si]
		if !se.env.Party {
			continue
		}
		st := &d.states[si]
		idx[st.ISO3] = len(out)
		out = append(out, StateView{ISO3: st.ISO3, Name: st.Name, Region: st.Region, Obligations: d.obligations(si, se),
			CountedIn: []string{}, NotCountedIn: []string{}, NoDataIn: []string{}})
	}
	for _, ir := range last.Indicators {
		for iso := range ir.Counted.All() {
			if i, ok := idx[iso]; ok {
				out[i].CountedIn = append(out[i].CountedIn, ir.ID)
			}
		}
		for iso := range ir.NotCounted.All() {
			if i, ok := idx[iso]; ok {
				out[i].NotCountedIn = append(out[i].NotCountedIn, ir.ID)
			}
		}
		for iso := range ir.NoData.All() {
			if i, ok := idx[iso]; ok {
				out[i].NoDataIn = append(out[i].NoDataIn, ir.ID)
			}
		}
	}
	return out
}

// stateView is one State Party's view: its obligations and the indicators it counts in, is
// not counted in, or has no data for (the same as stateViews gives for it).
func (d *Dataset) stateView(si int, se *stateEnv, last *Result) StateView {
	st := &d.states[si]
	sv := StateView{ISO3: st.ISO3, Name: st.Name, Region: st.Region, Obligations: d.obligations(si, se),
		CountedIn: []string{}, NotCountedIn: []string{}, NoDataIn: []string{}}
	for _, ir := range last.Indicators {
		switch {
		case ir.Counted.Has(st.ISO3):
			sv.CountedIn = append(sv.CountedIn, ir.ID)
		case ir.NotCounted.Has(st.ISO3):
			sv.NotCountedIn = append(sv.NotCountedIn, ir.ID)
		case ir.NoData.Has(st.ISO3):
			sv.NoDataIn = append(sv.NoDataIn, ir.ID)
		}
	}
	return sv
}

// obligations lists the obligations that apply to one State Party, in article order, Articles
// 3 and 4 one entry per episode.
func (d *Dataset) obligations(si int, se *stateEnv) []Obligation {
	env := &se.env
	R := MustDate(env.RefDate)
	var out []Obligation
	for _, a := range [...]struct {
		article int
		eps     []episode
	}{{3, se.eps3}, {4, se.eps4}} {
		for i := range a.eps {
			out = append(out, episodeObligation(a.article, &a.eps[i], R))
		}
	}
	if env.Art5Applies {
		out = append(out, withClass(article5(env), se, ix.Art5FocalPoint, ix.Art5NationalPlan, ix.Art5BudgetUsd))
	}
	a7 := article7(env)
	a7.Class = d.stateClass(si, se, article7Fields)
	out = append(out, a7, withClass(article9(env), se, ix.Art9Legislation))
	return out
}

// article7Fields are the derived fields the Article 7 status rests on: a receipt or the
// register's absence ("not received" rests on the register, not on a fact), and the States
// file's dates that make a report due or owed.
var article7Fields = []int{fInitialRequired, fInitialSubmitted, fAnnualDue, fAnnualSubmitted, fAnnualOnTime}

// withClass sets o.Class to the least reliable class of the State's facts of the fields fis
// (by schema index) that it rests on.
func withClass(o Obligation, se *stateEnv, fis ...int) Obligation {
	for _, fi := range fis {
		if f := se.from[fi]; f != nil {
			o.Class = o.Class.Weaker(f.Class)
		}
	}
	return o
}

// articleWhat names an article's obligation.
func articleWhat(article int) string {
	if article == 3 {
		return "stockpile destruction"
	}
	return "survey and clearance"
}

// episodeObligation is one Article 3 or 4 episode in the per-State view.
func episodeObligation(article int, ep *episode, R Date) Obligation {
	v := ep.verdict(R)
	o := Obligation{Article: article, Episode: ep.n, Name: articleWhat(article), DeadlineMet: v}
	o.Status, o.StatusSentence, o.DetailSentence = ep.describe(article, v, R)
	o.StatusText, o.Detail = o.StatusSentence.String(), o.DetailSentence.String()
	if dl := ep.deadlineShown(R); !dl.IsZero() {
		o.Deadline = dl.String()
	}
	o.Class = ep.class()
	return o
}

// obligationEpisodes lists every episode of the States Parties, by article, State and
// episode, with the projection of each open one (from deadlines).
func (d *Dataset) obligationEpisodes(envs []stateEnv, deadlines []DeadlineProjection) []ObligationEpisode {
	proj := make(map[projKey]*DeadlineProjection, len(deadlines))
	for i := range deadlines {
		dp := &deadlines[i]
		proj[projKey{dp.ISO3, dp.Article, dp.Episode}] = dp
	}
	out := []ObligationEpisode{}
	for _, article := range []int{3, 4} {
		for si := range d.states {
			out = d.appendEpisodes(out, si, &envs[si], article, proj)
		}
	}
	return out
}

// projKey names an open episode's projection: State, article, episode.
type projKey struct {
	iso3             string
	article, episode int
}

// appendEpisodes appends State si's episodes under article to out, none when the State is not
// a party, each open one with its projection from proj. They read only the State's own
// environment se and its own facts (what obligationEpisodesReusing relies on).
func (d *Dataset) appendEpisodes(out []ObligationEpisode, si int, se *stateEnv, article int, proj map[projKey]*DeadlineProjection) []ObligationEpisode {
	if !se.env.Party {
		return out
	}
	eps := se.eps3
	if article == 4 {
		eps = se.eps4
	}
	R := MustDate(se.env.RefDate)
	for i := range eps {
		ep := &eps[i]
		v := ep.verdict(R)
		oe := ObligationEpisode{ISO3: d.states[si].ISO3, Name: d.states[si].Name, Article: article, Episode: ep.n,
			Start: ep.start, DeadlineMet: v, Deadlines: []DeadlineDecision{}}
		_, oe.StatusSentence, oe.DetailSentence = ep.describe(article, v, R)
		oe.StatusText, oe.Detail = oe.StatusSentence.String(), oe.DetailSentence.String()
		if dl := ep.deadlineShown(R); !dl.IsZero() {
			oe.Deadline = &dl
		}
		if r := ep.ext.request; r != nil {
			ry := r.Year
			oe.ExtensionRequested, oe.ExtensionPending = &ry, ep.ext.outcome == extPending
		}
		for _, f := range ep.chain {
			oe.Deadlines = append(oe.Deadlines, DeadlineDecision{Decided: decided(f), Deadline: f.date, Source: f.Source})
		}
		if !ep.open() {
			c := ep.doneFact.date
			oe.Completed = &c
			if ep.n > 1 {
				if lo, hi := monthsBetween(ep.start, ep.done); lo == hi {
					oe.MonthsToComplete = &lo
				}
			}
		} else {
			oe.Projection = proj[projKey{oe.ISO3, article, ep.n}]
		}
		oe.Values = d.episodeValues(si, se, article, ep, i == len(eps)-1)
		out = append(out, oe)
	}
	return out
}

// article5 is victim assistance, an ongoing obligation: never met or not met. It shows what is
// reported: a government focal point (Article 5.2(g)), a national plan (5.2(c)) and the
// budget for the year.
func article5(env *ruleEnv) Obligation {
	o := Obligation{Article: 5, Name: "victim assistance", Status: ObligationOngoing}
	yn := func(name string, v *bool) Arg {
		switch {
		case v == nil:
			return clauseArg(name, say(msgNotReported))
		case *v:
			return clauseArg(name, say(msgYes))
		}
		return clauseArg(name, say(msgNo))
	}
	budget := say(msgNotReported)
	if v := env.Art5BudgetUsd; v != nil {
		budget = say(msgAmount, amountArg("Amount", *v, "USD"))
	}
	reported := say(msgArticle5Reported, yn("FocalPoint", env.Art5FocalPoint), yn("NationalPlan", env.Art5NationalPlan),
		yearArg("Year", env.Year), clauseArg("Budget", budget))
	o.Detail, o.DetailSentence = reported.String(), reported
	o.StatusSentence = say(msgOngoingAsReported, clauseArg("Reported", reported))
	o.StatusText, o.Detail = o.StatusSentence.String(), o.DetailSentence.String()
	return o
}

// withdrawalBefore gives the day a State Party's withdrawal took effect when it is known to
// be before the deadline of its annual report (data dictionary: annual_report_due), the reason
// it owes none.
func withdrawalBefore(env *ruleEnv, deadline Date) (Date, bool) {
	if !env.Party || env.Withdrawn == nil {
		return Date{}, false
	}
	w, err := ParseDate(*env.Withdrawn)
	if err != nil || !w.Before(deadline) {
		return Date{}, false
	}
	return w, true
}

// initialDueAfter gives a State Party's initial report due date when it falls after the end of
// the year, the reason it owes no annual report for the year (data dictionary:
// annual_report_due).
func initialDueAfter(env *ruleEnv) (Date, bool) {
	if !env.Party || env.InitialReportDue == nil {
		return Date{}, false
	}
	d, err := ParseDate(*env.InitialReportDue)
	if err != nil || !d.After(yearEnd(env.Year)) {
		return Date{}, false
	}
	return d, true
}

// envDateArg is a date value of the environment, written for people ("3 March 2011", "June
// 2023"); a value that is no date stays as it is.
func envDateArg(name, s string) Arg {
	d, err := ParseDate(s)
	if err != nil {
		return codeArg(name, s)
	}
	return dateArg(name, d)
}

// article7 is transparency reporting, in the words of engine/words.go: where the initial
// report stands, then the annual report covering the year. The status is the initial report's
// when it is overdue, else the annual report's; the deadline is the overdue initial report's
// due date, else 30 April of Y+1 when an annual report is owed or was received.
func article7(env *ruleEnv) Obligation {
	o := Obligation{Article: 7, Name: "transparency reports"}
	var parts []Sentence
	switch {
	case env.InitialReportSubmitted && env.Art7InitialSubmitted != nil:
		parts = append(parts, say(msgInitialReceived, envDateArg("Date", *env.Art7InitialSubmitted)))
	case env.InitialReportRequired && env.InitialReportDue != nil:
		parts = append(parts, say(msgInitialOverdue, envDateArg("Date", *env.InitialReportDue)))
		o.Status, o.Deadline, o.DeadlineMet = ObligationInitialReportOverdue, *env.InitialReportDue, VerdictNo
	case env.InitialReportDue != nil:
		parts = append(parts, say(msgInitialNotYetDue, envDateArg("Date", *env.InitialReportDue)))
	default:
		parts = append(parts, say(msgInitialNotDue))
	}
	deadline := MustDate(env.AnnualReportDeadline)
	var status ObligationStatus
	var met Verdict
	switch yearOver := !MustDate(env.AsOf).Before(yearEnd(env.Year)); {
	case env.AnnualReportSubmitted && env.Art7AnnualSubmitted != nil:
		got := envDateArg("Date", *env.Art7AnnualSubmitted)
		switch v := env.AnnualReportOnTime; {
		case v == nil:
			status, met = ObligationAnnualReportReceived, VerdictUnknown
			parts = append(parts, say(msgAnnualReceived, yearArg("Year", env.Year), got))
		case *v:
			status, met = ObligationAnnualReportOnTime, VerdictYes
			parts = append(parts, say(msgAnnualOnTime, yearArg("Year", env.Year), got))
		default:
			status, met = ObligationAnnualReportLate, VerdictNo
			parts = append(parts, say(msgAnnualLate, yearArg("Year", env.Year), got))
		}
	case env.AnnualReportDue && env.AnnualReportOnTime != nil && !*env.AnnualReportOnTime:
		status, met = ObligationAnnualReportNotReceived, VerdictNo
		parts = append(parts, say(msgAnnualNotReceived, yearArg("Year", env.Year), dateArg("Date", deadline)))
	case env.AnnualReportDue, !yearOver:
		status, met = ObligationAnnualReportNotYetDue, VerdictPending
		parts = append(parts, say(msgAnnualNotYetDue, yearArg("Year", env.Year), dateArg("Date", deadline)))
	default:
		status = ObligationAnnualReportNotOwed
		// a State whose withdrawal took effect by the deadline owes no report for the year
		// (annual_report_due): the page says why, so that it is not read as an omission
		// and so does a State Party whose initial report falls due after the year (one that
		// joined late in the year, or in it by deposit before entry into force)
		if w, ok := withdrawalBefore(env, deadline); ok {
			parts = append(parts, say(msgAnnualNotOwedWithdrawn, yearArg("Year", env.Year), dateArg("Date", w), dateArg("Deadline", deadline)))
		} else if due, ok := initialDueAfter(env); ok {
			parts = append(parts, say(msgAnnualNotOwedNew, yearArg("Year", env.Year), dateArg("Date", due)))
		} else {
			parts = append(parts, say(msgAnnualNotOwed, yearArg("Year", env.Year)))
		}
	}
	if o.Status == "" {
		o.Status, o.DeadlineMet = status, met
		if met != "" {
			o.Deadline = env.AnnualReportDeadline
		}
	}
	o.StatusSentence = say(msgClauses, listArg("Clauses", parts))
	o.StatusText = o.StatusSentence.String()
	o.Detail, o.DetailSentence = o.StatusText, o.StatusSentence
	return o
}

// article9 is national implementation measures: what is reported (art9_legislation), never
// met or not met. The detail names the field by its label when nothing is reported; when a
// value is, the status says it in words and the detail is the status (the value's code is in
// the facts behind the profile, not in its reader text).
func article9(env *ruleEnv) Obligation {
	o := Obligation{Article: 9, Name: "national implementation measures", Status: ObligationNotAssessed,
		StatusSentence: say(msgNotAssessed), DetailSentence: say(msgDetailFieldNotReported, fieldArg("Field", "art9_legislation"))}
	if v := env.Art9Legislation; v != nil {
		if w, ok := article9Words[*v]; ok {
			o.Status, o.StatusSentence = w.status, say(w.words)
		}
		o.DetailSentence = o.StatusSentence
	}
	o.StatusText, o.Detail = o.StatusSentence.String(), o.DetailSentence.String()
	return o
}
