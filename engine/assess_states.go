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

// obligations lists the obligations that apply to one State Party, in article order.
func (d *Dataset) obligations(si int, se *stateEnv) []Obligation {
	env := &se.env
	R := MustDate(env.RefDate)
	var out []Obligation
	if o, ok := d.destruction(si, env, 3, R); ok {
		out = append(out, o)
	}
	if o, ok := d.destruction(si, env, 4, R); ok {
		out = append(out, o)
	}
	if env.Art5Applies {
		out = append(out, article5(env))
	}
	out = append(out, article7(env), article9(env))
	return out
}

// destruction is the Article 3 (stockpiles) or Article 4 (clearance) obligation: it applies
// when an obligation start is recorded on or before R; it is met when no obligation is
// outstanding; its deadline is met when completion came by the deadline.
func (d *Dataset) destruction(si int, env *Env, article int, R Date) (Obligation, bool) {
	startF, doneF, what := "art3_obligation_start", "art3_completed_date", "stockpile destruction"
	outstanding, deadline, past := env.Art3Outstanding, env.Art3Deadline, env.Art3PastDeadline
	if article == 4 {
		startF, doneF, what = "art4_obligation_start", "art4_completed_date", "survey and clearance"
		outstanding, deadline, past = env.Art4Outstanding, env.Art4Deadline, env.Art4PastDeadline
	}
	started := false
	for _, f := range d.factsUpTo(si, startF, R.Year()) {
		started = started || !f.date.After(R)
	}
	if !started {
		return Obligation{}, false
	}
	o := Obligation{Article: article, Name: what}
	if deadline != nil {
		o.Deadline = *deadline
	}
	if outstanding {
		o.Status = ObligationNotMet
		o.Detail = what + " outstanding"
		if past != nil && *past {
			o.DeadlineMet = boolPtr(false)
			o.Detail += "; the deadline " + o.Deadline + " has passed"
		} else if deadline == nil {
			o.Detail += "; no deadline recorded"
		}
		return o, true
	}
	var done Date
	for _, f := range d.factsUpTo(si, doneF, R.Year()) {
		if !f.date.After(R) && f.date.After(done) {
			done = f.date
		}
	}
	o.Status = ObligationMet
	o.Detail = what + " completed"
	if !done.IsZero() {
		o.Detail += " on " + done.String()
		if deadline != nil {
			if dl, err := ParseDate(*deadline); err == nil {
				o.DeadlineMet = boolPtr(!done.After(dl))
			}
		}
	}
	return o, true
}

// article5 is victim assistance: met when the State has assessed victims' needs (Article
// 5.2(a)), has a national plan (5.2(c)) and a government focal point (5.2(g)).
func article5(env *Env) Obligation {
	o := Obligation{Article: 5, Name: "victim assistance"}
	parts := []struct {
		name string
		v    *bool
	}{{"needs assessed", env.Art5NeedsAssessment}, {"national plan", env.Art5NationalPlan}, {"focal point", env.Art5FocalPoint}}
	var no, unknown, yes []string
	for _, p := range parts {
		switch {
		case p.v == nil:
			unknown = append(unknown, p.name)
		case *p.v:
			yes = append(yes, p.name)
		default:
			no = append(no, p.name)
		}
	}
	switch {
	case len(no) > 0:
		o.Status = ObligationNotMet
	case len(unknown) > 0:
		o.Status = ObligationUnknown
	default:
		o.Status = ObligationMet
	}
	o.Detail = listDetail(yes, no, unknown)
	return o
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
				o.DeadlineMet = boolPtr(false)
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
		o.DeadlineMet = env.AnnualReportOnTime
	}
	o.Detail = strings.Join(notes, "; ")
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
	return o
}
