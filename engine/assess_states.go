package engine

import (
	"fmt"
	"sort"
	"strings"
)

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
		for _, iso := range ir.Counted {
			if i, ok := idx[iso]; ok {
				out[i].CountedIn = append(out[i].CountedIn, ir.ID)
			}
		}
		for _, iso := range ir.NotCounted {
			if i, ok := idx[iso]; ok {
				out[i].NotCountedIn = append(out[i].NotCountedIn, ir.ID)
			}
		}
		for _, iso := range ir.NoData {
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
		case containsSorted(ir.Counted, st.ISO3):
			sv.CountedIn = append(sv.CountedIn, ir.ID)
		case containsSorted(ir.NotCounted, st.ISO3):
			sv.NotCountedIn = append(sv.NotCountedIn, ir.ID)
		case containsSorted(ir.NoData, st.ISO3):
			sv.NoDataIn = append(sv.NoDataIn, ir.ID)
		}
	}
	return sv
}

// containsSorted reports whether the sorted list holds s.
func containsSorted(list []string, s string) bool {
	i := sort.SearchStrings(list, s)
	return i < len(list) && list[i] == s
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
		out = append(out, article5(env))
	}
	out = append(out, article7(env), article9(env))
	return out
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
	o.Status, o.StatusText, o.Detail = ep.describe(article, v, R)
	if dl := ep.deadlineShown(R); !dl.IsZero() {
		o.Deadline = dl.String()
	}
	return o
}

// obligationEpisodes lists every episode of the States Parties, by article, State and
// episode, with the projection of each open one (from deadlines).
func (d *Dataset) obligationEpisodes(envs []stateEnv, deadlines []DeadlineProjection) []ObligationEpisode {
	proj := map[string]*DeadlineProjection{}
	for i := range deadlines {
		dp := &deadlines[i]
		proj[fmt.Sprintf("%s/%d/%d", dp.ISO3, dp.Article, dp.Episode)] = dp
	}
	out := []ObligationEpisode{}
	for _, article := range []int{3, 4} {
		for si := range d.states {
			se := &envs[si]
			if !se.env.Party {
				continue
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
				_, oe.StatusText, oe.Detail = ep.describe(article, v, R)
				if dl := ep.deadlineShown(R); !dl.IsZero() {
					oe.Deadline = &dl
				}
				for _, f := range ep.chain {
					oe.Deadlines = append(oe.Deadlines, DeadlineDecision{Decided: decided(f), Deadline: f.date, Source: f.Source})
				}
				if !ep.open() {
					c := ep.doneFact.date
					oe.Completed = &c
					if ep.n > 1 {
						if lo, hi := MonthsBetween(ep.start, ep.done); lo == hi {
							oe.MonthsToComplete = &lo
						}
					}
				} else {
					oe.Projection = proj[fmt.Sprintf("%s/%d/%d", oe.ISO3, article, ep.n)]
				}
				oe.Values = d.episodeValues(si, se, article, ep, i == len(eps)-1)
				out = append(out, oe)
			}
		}
	}
	return out
}

// article5 is victim assistance, an ongoing obligation: never met or not met. It shows what is
// reported: a government focal point (Article 5.2(g)), a national plan (5.2(c)) and the
// budget for the year.
func article5(env *Env) Obligation {
	o := Obligation{Article: 5, Name: "victim assistance", Status: ObligationOngoing}
	yn := func(v *bool) string {
		switch {
		case v == nil:
			return "not reported"
		case *v:
			return "yes"
		}
		return "no"
	}
	budget := "not reported"
	if v := env.Art5BudgetUsd; v != nil {
		budget = "USD " + fnum(*v)
	}
	o.Detail = fmt.Sprintf("focal point: %s; national plan: %s; budget for %d: %s", yn(env.Art5FocalPoint), yn(env.Art5NationalPlan), env.Year, budget)
	o.StatusText = "ongoing; as reported: " + o.Detail
	return o
}

// statusText is the plain words for a met / not met / unknown status.
func statusText(s ObligationStatus) string {
	switch s {
	case ObligationMet:
		return "met"
	case ObligationNotMet:
		return "not met"
	}
	return "not known"
}

func listDetail(yes, no, unknown []string) string {
	var parts []string
	if len(yes) > 0 {
		parts = append(parts, "yes: "+strings.Join(yes, ", "))
	}
	if len(no) > 0 {
		parts = append(parts, "no: "+strings.Join(no, ", "))
	}
	if len(unknown) > 0 {
		parts = append(parts, "unknown: "+strings.Join(unknown, ", "))
	}
	return strings.Join(parts, "; ")
}

// article7 is transparency reporting: the initial report once required, and the annual report
// covering the year once due.
func article7(env *Env) Obligation {
	o := Obligation{Article: 7, Name: "transparency reports", Status: ObligationMet}
	var notes []string
	if env.InitialReportRequired {
		if env.InitialReportSubmitted {
			notes = append(notes, "initial report submitted")
		} else {
			o.Status = ObligationNotMet
			notes = append(notes, "initial report overdue")
			if env.InitialReportDue != nil {
				o.Deadline = *env.InitialReportDue
				o.DeadlineMet = VerdictNo
			}
		}
	} else if env.InitialReportDue != nil {
		notes = append(notes, "initial report not yet due ("+*env.InitialReportDue+")")
	}
	switch {
	case env.AnnualReportDue && env.AnnualReportSubmitted:
		notes = append(notes, fmt.Sprintf("annual report for %d submitted", env.Year))
	case env.AnnualReportDue:
		o.Status = ObligationNotMet
		notes = append(notes, fmt.Sprintf("annual report for %d not submitted", env.Year))
	default:
		notes = append(notes, fmt.Sprintf("annual report for %d not yet due", env.Year))
	}
	if o.Deadline == "" {
		o.Deadline = env.AnnualReportDeadline
		switch v := env.AnnualReportOnTime; {
		case v == nil:
			o.DeadlineMet = VerdictPending
		case *v:
			o.DeadlineMet = VerdictYes
		default:
			o.DeadlineMet = VerdictNo
		}
	}
	o.Detail = strings.Join(notes, "; ")
	o.StatusText = statusText(o.Status)
	return o
}

// article9 is national implementation measures: met with specific legislation or existing law
// judged sufficient.
func article9(env *Env) Obligation {
	o := Obligation{Article: 9, Name: "national implementation measures", Status: ObligationUnknown, Detail: "art9_legislation not reported"}
	if v := env.Art9Legislation; v != nil {
		o.Detail = "legislation: " + *v
		switch *v {
		case "specific", "existing-sufficient":
			o.Status = ObligationMet
		case "in-progress", "none":
			o.Status = ObligationNotMet
		}
	}
	o.StatusText = statusText(o.Status)
	return o
}
