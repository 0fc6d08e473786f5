package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/lapmonitor/lap/engine"
)

// WriteAuditJSON writes the audit of one year as indented JSON.
func WriteAuditJSON(w io.Writer, res *engine.AuditResult) error {
	if res == nil {
		return ErrNoAssessment
	}
	return EncodeJSON(w, res)
}

// WriteAuditTable writes the audit of one year for people: what was applied, every violation
// with its indicator and reason, then the documented exceptions that accepted a move, grouped by
// exception with the States concerned, each reason once after the moves it accepts, then the
// indicators left out of the like-for-like comparison.
func WriteAuditTable(w io.Writer, res *engine.AuditResult) error {
	if res == nil {
		return ErrNoAssessment
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Good news never hurts: %s %s, year %d, as of %s\n", res.Plan.Name, res.Plan.Version, res.Year, res.AsOf)
	total := 0
	var kinds []string
	for _, k := range engine.GoodNewsKinds {
		if n := res.Scenarios[k]; n > 0 {
			total += n
			kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		}
	}
	fmt.Fprintf(&b, "Applied %d pieces of good news, one at a time: %s\n", total, strings.Join(kinds, ", "))
	fmt.Fprintf(&b, "Violations: %d\n", len(res.Violations))
	if len(res.Violations) > 0 {
		b.WriteString("\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "STATE\tGOOD NEWS\tWHERE\tBEFORE\tAFTER\tREASON")
		for _, v := range res.Violations {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", v.ISO3, v.News, where(v), auditNum(v.Before), auditNum(v.After), v.Reason)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	type group struct {
		ex     *engine.AuditException
		states []string
	}
	groups := map[string]*group{}
	var keys []string
	for _, v := range res.Excused {
		k := v.Exception.Indicator + "\x00" + string(v.Exception.News)
		g := groups[k]
		if g == nil {
			g = &group{ex: v.Exception}
			groups[k] = g
			keys = append(keys, k)
		}
		g.states = append(g.states, v.ISO3)
	}
	sort.Strings(keys)
	// the moves one reason accepts, then the reason once
	var reasons []string
	byReason := map[string][]string{}
	for _, k := range keys {
		r := groups[k].ex.Reason
		if _, ok := byReason[r]; !ok {
			reasons = append(reasons, r)
		}
		byReason[r] = append(byReason[r], k)
	}
	fmt.Fprintf(&b, "\nAccepted by documented exceptions: %d moves\n", len(res.Excused))
	for _, r := range reasons {
		for _, k := range byReason[r] {
			g := groups[k]
			fmt.Fprintf(&b, "  %s after %s (%d): %s\n", g.ex.Indicator, g.ex.News, len(g.states), strings.Join(g.states, " "))
		}
		fmt.Fprintf(&b, "    %s\n", r)
	}
	writeAuditLeftOut(&b, res.LeftOut)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeAuditLeftOut lists the indicators scored on one side only, left out of the like-for-like
// comparison: by indicator, kind of news and change, with the States concerned.
func writeAuditLeftOut(b *strings.Builder, left []engine.AuditLeftOut) {
	type key struct {
		indicator string
		news      engine.GoodNews
		change    string
	}
	states := map[key][]string{}
	var keys []key
	for _, l := range left {
		k := key{l.Indicator, l.News, l.Change}
		if _, ok := states[k]; !ok {
			keys = append(keys, k)
		}
		states[k] = append(states[k], l.ISO3)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		if keys[i].indicator != keys[j].indicator {
			return engine.CompareIndicatorIDs(keys[i].indicator, keys[j].indicator) < 0
		}
		if keys[i].news != keys[j].news {
			return keys[i].news < keys[j].news
		}
		return keys[i].change < keys[j].change
	})
	fmt.Fprintf(b, "\nLeft out of the like-for-like comparison (scored before or after the news only; no move): %d\n", len(left))
	for _, k := range keys {
		fmt.Fprintf(b, "  %s after %s, %s (%d): %s\n", k.indicator, k.news, k.change, len(states[k]), strings.Join(states[k], " "))
	}
}

func where(v engine.AuditViolation) string {
	switch v.Scope {
	case "plan":
		return "plan score"
	case "section":
		return "section " + v.Key
	}
	return v.Key + " " + v.Title
}

func auditNum(v *float64) string {
	if v == nil {
		return dash
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.4f", *v), "0"), ".")
}
