package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Breakdowns: an indicator's result split by groups of States (docs/methodology.md, "Results
// by group"). Every State of the population falls in exactly one group of a breakdown, and
// each group's value is the indicator's own aggregate over the group's States, with the same
// unknown policy and small-number rule, so that the groups' counts add up to the whole.
//
// "region" is built in: the region column of states.csv. A plan defines others in plan.toml
// ([[breakdown]] with [[breakdown.group]] tables): a State belongs to the first group whose
// `when` expression is true in the year, and to "other" when none is.

// RegionBreakdown is the key of the built-in breakdown by the region column of states.csv.
const RegionBreakdown = "region"

// Breakdown is a way to split results by groups of States.
type Breakdown struct {
	Key    string  `json:"key"`
	Title  string  `json:"title"`
	Groups []Group `json:"groups"`
	// Report lists the indicators the annual report tabulates by this breakdown, in plan
	// order.
	Report []string `json:"report,omitempty"`
}

// Group is one group of a breakdown. When is the expression that puts a State in it (plan
// breakdowns; empty for a region, and for "other", the States no other group took).
type Group struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	When  string `json:"when,omitempty"`

	when  Expr
	other bool
}

// hasGroup reports whether the breakdown has a group of that key ("other" included).
func (b *Breakdown) hasGroup(key string) bool {
	for _, g := range b.Groups {
		if g.Key == key {
			return true
		}
	}
	return false
}

// regionTitles names the regions of the data dictionary's convention (§1.1), in its order.
var regionTitles = map[string]string{"africa": "Africa", "americas": "Americas", "asia-pacific": "Asia-Pacific",
	"europe": "Europe", "middle-east": "Middle East"}

// regionBreakdown is the built-in breakdown by region.
func regionBreakdown() *Breakdown {
	b := &Breakdown{Key: RegionBreakdown, Title: "Region"}
	for _, r := range regions {
		b.Groups = append(b.Groups, Group{Key: r, Title: regionTitles[r]})
	}
	return b
}

// GroupResult is an indicator's result over one group of States: the same aggregate, unknown
// policy and small-number rule as the whole. Counted, NotCounted and NoData count States (the
// whole's lists, by group); Population is their sum.
type GroupResult struct {
	By         string      `json:"by"`
	Group      string      `json:"group"`
	Title      string      `json:"title"`
	Value      *float64    `json:"value"`
	Population int         `json:"population"`
	Known      int         `json:"known"`
	N          int         `json:"n"`
	Counted    int         `json:"counted"`
	NotCounted int         `json:"not_counted"`
	NoData     int         `json:"no_data"`
	Status     ValueStatus `json:"status"`
	Class      Class       `json:"class,omitempty"`
	// KOfN says what the value is taken over, as IndicatorResult.KOfN does.
	KOfN string `json:"k_of_n"`
	// KOfNSentence is KOfN as a message and its values (engine/sentence.go).
	KOfNSentence Sentence `json:"-"`
}

// Breakdowns returns the breakdowns an evaluation can use (By): region first, then the
// plan's, in plan order.
func (p *Plan) Breakdowns() []Breakdown {
	out := make([]Breakdown, len(p.breakdowns))
	for i, b := range p.breakdowns {
		out[i] = *b
		out[i].Groups = append([]Group(nil), b.Groups...)
		out[i].Report = append([]string(nil), b.Report...)
	}
	return out
}

// breakdown returns the breakdown with key.
func (p *Plan) breakdown(key string) *Breakdown {
	for _, b := range p.breakdowns {
		if b.Key == key {
			return b
		}
	}
	return nil
}

// By splits every indicator's result by the breakdowns named (RegionBreakdown, or a key of
// the plan's [[breakdown]] tables) into IndicatorResult.Groups.
func By(keys ...string) EvalOption {
	return func(c *evalConfig) { c.byKeys = append(c.byKeys, keys...) }
}

// resolveBy turns the By keys into the plan's breakdowns, once each, in the order given.
func (p *Plan) resolveBy(keys []string) ([]*Breakdown, error) {
	var out []*Breakdown
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		b := p.breakdown(k)
		if b == nil {
			var names []string
			for _, b := range p.breakdowns {
				names = append(names, b.Key)
			}
			return nil, fmt.Errorf("unknown breakdown %q: want one of %s", k, strings.Join(names, ", "))
		}
		out = append(out, b)
	}
	return out, nil
}

// assignGroups puts every State in one group of each breakdown asked for, for the year whose
// environments ev.envs hold: ev.groupOf[b][si] is the group's index.
func (ev *evaluator) assignGroups() error {
	if len(ev.cfg.by) == 0 {
		return nil
	}
	if len(ev.groupOf) != len(ev.cfg.by) {
		ev.groupOf = make([][]int, len(ev.cfg.by))
	}
	for bi, b := range ev.cfg.by {
		if len(ev.groupOf[bi]) != len(ev.envs) {
			ev.groupOf[bi] = make([]int, len(ev.envs))
		}
		for si := range ev.envs {
			g, err := ev.groupOfState(b, si)
			if err != nil {
				return fmt.Errorf("breakdown %s: %s: %w", b.Key, ev.ds.states[si].ISO3, err)
			}
			ev.groupOf[bi][si] = g
		}
	}
	return nil
}

// groupOfState is the index of the group of b that State si falls in.
func (ev *evaluator) groupOfState(b *Breakdown, si int) (int, error) {
	if b.Key == RegionBreakdown {
		r := ev.ds.states[si].Region
		for gi, g := range b.Groups {
			if g.Key == r {
				return gi, nil
			}
		}
		return 0, fmt.Errorf("region %q is not one of %s", r, strings.Join(regions, ", "))
	}
	for gi := range b.Groups {
		g := &b.Groups[gi]
		if g.other {
			return gi, nil
		}
		in, _, err := ev.runBool(&g.when, &ev.envs[si]) // known: the loader refuses nilable reads
		if err != nil {
			return 0, fmt.Errorf("group %s: %w", g.Key, err)
		}
		if in {
			return gi, nil
		}
	}
	return len(b.Groups) - 1, nil // the loader always ends a plan breakdown with "other"
}

// groups splits the result ir of ind by every breakdown asked for: outcomes, nums (the
// numbers of sum and mean) and ranks (class ranks) are per State, as indicator recorded them.
func (ev *evaluator) groups(ind *Indicator, ir *IndicatorResult, outcomes []uint8, nums []float64, ranks []int8) []GroupResult {
	var out []GroupResult
	asFalse := ir.UnknownPolicy == UnknownAsFalse && (ir.Aggregate == AggCount || ir.Aggregate == AggShare)
	for bi, b := range ev.cfg.by {
		subs := make([]IndicatorResult, len(b.Groups))
		sums := make([]float64, len(b.Groups))
		w, codes := words(len(outcomes)), ev.stateCodes()
		sets := make([]uint64, 3*w*len(b.Groups))
		for gi := range subs {
			g := sets[3*w*gi : 3*w*(gi+1)]
			subs[gi] = IndicatorResult{Aggregate: ir.Aggregate, UnknownPolicy: ir.UnknownPolicy, MinPopulation: ir.MinPopulation,
				Counted: StateSet{codes, g[:w:w]}, NotCounted: StateSet{codes, g[w : 2*w : 2*w]}, NoData: StateSet{codes, g[2*w:]}}
		}
		for si, o := range outcomes {
			if o == outNone {
				continue
			}
			gi := ev.groupOf[bi][si]
			sub := &subs[gi]
			sub.Population++
			switch o {
			case outCounted:
				sub.Counted.add(si)
				sums[gi] += nums[si]
			case outNotCounted:
				sub.NotCounted.add(si)
			case outNoData:
				sub.NoData.add(si)
			}
			if o == outCounted || o == outNotCounted {
				sub.Known++
			}
			if classed(o, asFalse) {
				sub.Classes.addRank(int(ranks[si]))
			}
		}
		for gi, g := range b.Groups {
			sub := &subs[gi]
			if g.other && sub.Population == 0 {
				continue // "other" is shown only when it holds a State
			}
			aggregateValue(ind, sub, sums[gi])
			out = append(out, GroupResult{By: b.Key, Group: g.Key, Title: g.Title, Value: sub.Value, Population: sub.Population,
				Known: sub.Known, N: sub.N, Counted: sub.Counted.Len(), NotCounted: sub.NotCounted.Len(), NoData: sub.NoData.Len(),
				Status: sub.Status, Class: sub.Class, KOfN: sub.KOfN(), KOfNSentence: sub.KOfNSentence()})
		}
	}
	return out
}

// breakdownFile is a [[breakdown]] table of plan.toml.
type breakdownFile struct {
	Key    string      `toml:"key"`
	Title  string      `toml:"title"`
	Other  string      `toml:"other"`
	Report []string    `toml:"report"`
	Groups []groupFile `toml:"group"`
}

// groupFile is a [[breakdown.group]] table.
type groupFile struct {
	Key   string `toml:"key"`
	Title string `toml:"title"`
	When  string `toml:"when"`
}

var breakdownKey = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// loadBreakdowns checks and compiles plan.toml's [[breakdown]] tables into l.breakdowns:
// the built-in region breakdown first (a [[breakdown]] with key "region" and no groups only
// gives its report list), then the plan's.
func (l *loader) loadBreakdowns() {
	// bad locates a problem at its key, or at its table when the key is not written
	bad := func(code, key, format string, args ...any) {
		p, ok := l.planPos[key]
		if !ok {
			p = l.planPos[key[:strings.LastIndex(key, ".")]]
		}
		l.diag(&Diagnostic{Code: code, File: planFileName, Line: p.line, Col: p.col, Key: key, Message: fmt.Sprintf(format, args...)})
	}
	region := regionBreakdown()
	l.breakdowns = []*Breakdown{region}
	seen := map[string]bool{}
	gi := 0 // [[breakdown.group]] tables are counted across breakdowns in the key positions
	for i, bf := range l.plan.Breakdowns {
		k := "breakdown[" + itoa(i) + "]."
		firstGroup := gi
		gi += len(bf.Groups)
		switch {
		case bf.Key == "":
			bad(CodeMissingKey, k+"key", "breakdown %d has no key", i+1)
			continue
		case !breakdownKey.MatchString(bf.Key):
			bad(CodeBadValue, k+"key", "breakdown key %q: want lower-case letters, digits and dashes", bf.Key)
			continue
		case seen[bf.Key]:
			bad(CodeDuplicateID, k+"key", "breakdown key %q is used twice", bf.Key)
			continue
		}
		seen[bf.Key] = true
		l.breakdownReports = append(l.breakdownReports, breakdownReport{key: bf.Key, ids: bf.Report, posKey: k + "report"})
		if bf.Key == RegionBreakdown {
			if len(bf.Groups) > 0 || bf.Title != "" || bf.Other != "" {
				bad(CodeBadValue, k+"key", "the region breakdown is built in (the region column of states.csv): give it only a report list")
			}
			region.Report = bf.Report
			continue
		}
		b := &Breakdown{Key: bf.Key, Title: bf.Title, Report: bf.Report}
		if b.Title == "" {
			bad(CodeMissingKey, k+"title", "breakdown %q has no title", bf.Key)
		}
		if len(bf.Groups) == 0 {
			bad(CodeMissingKey, k+"key", "breakdown %q has no [[breakdown.group]] tables", bf.Key)
		}
		gseen := map[string]bool{"other": true}
		for j, gf := range bf.Groups {
			gk := "breakdown.group[" + itoa(firstGroup+j) + "]."
			switch {
			case gf.Key == "" || gf.Title == "" || gf.When == "":
				bad(CodeMissingKey, gk+"key", "breakdown %q group %d needs key, title and when", bf.Key, j+1)
				continue
			case !breakdownKey.MatchString(gf.Key):
				bad(CodeBadValue, gk+"key", "group key %q: want lower-case letters, digits and dashes", gf.Key)
				continue
			case gseen[gf.Key]:
				bad(CodeDuplicateID, gk+"key", "group key %q is used twice in breakdown %q (\"other\" is kept for the States no group takes)", gf.Key, bf.Key)
				continue
			}
			gseen[gf.Key] = true
			e, xe := compileExpr(gf.When, wantBool)
			if xe != nil {
				bad(xe.code, gk+"when", "when: %s", xe.msg)
				continue
			}
			ok := true
			for _, fi := range e.reads {
				if e.strict.has(fi) {
					bad(CodeNullablePopulatn, gk+"when", "when reads %s, which can be nil, so a State's group could be unknown; guard it with ?? or a presence test", schema[fi].Name)
					ok = false
				}
			}
			if ok {
				b.Groups = append(b.Groups, Group{Key: gf.Key, Title: gf.Title, When: gf.When, when: e})
			}
		}
		other := bf.Other
		if other == "" {
			other = "Other States"
		}
		b.Groups = append(b.Groups, Group{Key: "other", Title: other, other: true})
		l.breakdowns = append(l.breakdowns, b)
	}
}

// breakdownReport is a breakdown's report list, checked against the indicators once they are
// loaded (checkBreakdownReports).
type breakdownReport struct {
	key    string
	ids    []string
	posKey string
}

// checkBreakdownReports checks that every indicator a breakdown's report list names exists,
// and sorts each list in plan order.
func (l *loader) checkBreakdownReports() {
	order := map[string]int{}
	for _, ind := range l.inds {
		order[ind.ID] = ind.order[0]*10000 + ind.order[1]
	}
	for _, br := range l.breakdownReports {
		seen := map[string]bool{}
		for _, id := range br.ids {
			if _, ok := order[id]; !ok {
				p := l.planPos[br.posKey]
				l.diag(&Diagnostic{Code: CodeBadValue, File: planFileName, Line: p.line, Col: p.col, Key: br.posKey,
					Message: fmt.Sprintf("breakdown %q: report names indicator %q, which the plan does not define", br.key, id)})
			}
			if seen[id] {
				p := l.planPos[br.posKey]
				l.diag(&Diagnostic{Code: CodeDuplicateID, File: planFileName, Line: p.line, Col: p.col, Key: br.posKey,
					Message: fmt.Sprintf("breakdown %q: report names indicator %q twice", br.key, id)})
			}
			seen[id] = true
		}
	}
	for _, b := range l.breakdowns {
		sort.SliceStable(b.Report, func(i, j int) bool { return order[b.Report[i]] < order[b.Report[j]] })
	}
}
