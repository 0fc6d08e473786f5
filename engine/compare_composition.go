package engine

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
)

// Composition effects of a what-if (docs/whatif.md, "Who entered or left a population"): when a
// scenario changes a State's standing, the indicators whose population that standing decides
// say so, with the reason in words: "Lebanon left the population: it completed clearance";
// "Angola is not in the population: its first Article 7 report is not yet due (due
// 2025-02-28)".

// PopulationNote is one State's change of membership in an indicator's population under a
// scenario, or why a State the scenario brought closer still stays out.
type PopulationNote struct {
	ISO3 string `json:"iso3"`
	Name string `json:"name"`
	// Change is "entered", "left" or "stays-out", or "not-known": a State the scenario brought in
	// whose answer rests on a record it does not suppose (supposed.go).
	Change string `json:"change"`
	// Because lists, in words, what changed for the State among the fields the population
	// reads (entered, left) or what keeps it out (stays-out).
	Because []string `json:"because"`
	Text    string   `json:"text"`
	// TextSentence is Text as a message and its values (engine/sentence.go).
	TextSentence Sentence `json:"-"`
}

// CompositionNote is one population note with every indicator it applies to: a summary of a
// scenario's composition effects, one line per State and reason.
type CompositionNote struct {
	Text       string   `json:"text"`
	Indicators []string `json:"indicators"`
	// TextSentence is Text as a message and its values (engine/sentence.go).
	TextSentence Sentence `json:"-"`
}

// Composition adds to d, the diff between the baseline and run's assessment, the population
// notes of every indicator (IndicatorChange.Population): which States entered or left its
// population, and why. A State the scenario moved towards a population it still stays out of
// gets a stays-out note with the reason (for example a first report not yet due). d.Composition
// sums the notes up, one per State and reason, with the indicators concerned. Notes never mark
// an indicator changed: its value, counted States and status do. It also names, on each
// indicator that moved the wrong way, the documented exception that accepts the move
// (IndicatorChange.Exception), when the scenario holds the kind of good news it covers.
func (b *Baseline) Composition(run *ScenarioRun, d *Diff) {
	if run == nil || d == nil || run.Data == nil || run.Plan == nil {
		return
	}
	nd := run.Data
	year := b.a.Year
	cfg := run.Plan.assessConfig(nd, b.opts)
	if len(nd.states) != len(b.ds.states) || cfg.asOf != b.cfg.asOf {
		return
	}
	var changed []int
	for si := range nd.states {
		if nd.states[si] != b.ds.states[si] || !sameFacts(nd.byState[si], b.ds.byState[si]) {
			changed = append(changed, si)
		}
	}
	if len(changed) == 0 {
		return
	}
	baseEnvs := b.envs[len(b.envs)-1]
	fr := run.Plan.frameFor(cfg, year)
	scenEnvs := make(map[int]*stateEnv, len(changed))
	for _, si := range changed {
		se := &stateEnv{}
		nd.build(si, fr, se)
		scenEnvs[si] = se
	}
	news := map[GoodNews]bool{}
	for _, si := range changed {
		for _, k := range newsBetween(&baseEnvs[si], scenEnvs[si]) {
			news[k] = true
		}
	}
	b.acceptedMoves(d, news, run, fr)
	byText := map[string]int{}
	defer b.supposedNotes(run, d, changed)
	evB := &evaluator{plan: b.plan, ds: b.ds, cfg: b.cfg}
	evS := &evaluator{plan: run.Plan, ds: nd, cfg: cfg}
	for i := range d.Indicators {
		c := &d.Indicators[i]
		indB, indS := b.plan.byID[c.ID], run.Plan.byID[c.ID]
		if indB == nil || indS == nil {
			continue
		}
		for _, si := range changed {
			bse, sse := &baseEnvs[si], scenEnvs[si]
			moved := changedReads(indS.Population, bse, sse)
			if len(moved) == 0 {
				continue
			}
			inB, okB, errB := evB.runBool(&indB.Population, bse)
			inS, okS, errS := evS.runBool(&indS.Population, sse)
			if errB != nil || errS != nil {
				continue
			}
			inB, inS = inB && okB, inS && okS
			st := &nd.states[si]
			n := PopulationNote{ISO3: st.ISO3, Name: st.Name}
			var why []Sentence
			id := ""
			switch {
			case !inB && inS:
				n.Change, why, id = "entered", because(moved, sse, year), msgEnteredPopulation
			case inB && !inS:
				n.Change, why, id = "left", because(moved, sse, year), msgLeftPopulation
			case !inB && !inS && towards(moved, bse, sse):
				n.Change, why, id = "stays-out", evS.keepsOut(indS.Population, sse, year), msgNotInPopulation
				if len(why) == 0 {
					continue
				}
			default:
				continue
			}
			for _, w := range why {
				n.Because = append(n.Because, w.String())
			}
			n.TextSentence = say(id, stateArg("State", st.ISO3, st.Name), listArg("Because", why))
			n.Text = n.TextSentence.String()
			c.Population = append(c.Population, n)
			if k, ok := byText[n.Text]; ok {
				d.Composition[k].Indicators = append(d.Composition[k].Indicators, c.ID)
			} else {
				byText[n.Text] = len(d.Composition)
				d.Composition = append(d.Composition, CompositionNote{Text: n.Text, TextSentence: n.TextSentence, Indicators: []string{c.ID}})
			}
		}
	}
}

// changedReads lists the fields an expression reads whose value differs between two
// environments.
func changedReads(e Expr, a, b *stateEnv) []int {
	var out []int
	va, vb := reflect.ValueOf(&a.env).Elem(), reflect.ValueOf(&b.env).Elem()
	for _, fi := range e.reads {
		if !reflect.DeepEqual(va.Field(envFieldPath[fi]).Interface(), vb.Field(envFieldPath[fi]).Interface()) {
			out = append(out, fi)
		}
	}
	return out
}

// towards reports whether some boolean field the population reads turned true: the scenario
// brought the State closer to the population.
func towards(moved []int, a, b *stateEnv) bool {
	for _, fi := range moved {
		if x, ok := boolField(b, fi); ok && x {
			if y, ok := boolField(a, fi); !ok || !y {
				return true
			}
		}
	}
	return false
}

// boolField reads a bool (or *bool) field of an environment; ok is false for other types and nil.
func boolField(se *stateEnv, fi int) (v, ok bool) {
	f := reflect.ValueOf(&se.env).Elem().Field(envFieldPath[fi])
	switch x := f.Interface().(type) {
	case bool:
		return x, true
	case *bool:
		if x != nil {
			return *x, true
		}
	}
	return false, false
}

// because says in words what changed, field by field.
func because(moved []int, se *stateEnv, year int) []Sentence {
	var out []Sentence
	for _, fi := range moved {
		out = append(out, fieldWords(fi, se, year))
	}
	return out
}

// keepsOut says what keeps a State out of a population: each derived boolean field the
// population reads that is false (or unknown) and whose turning true alone would let the State
// in. Input fields (what the State did or reported) are not a matter of composition.
func (ev *evaluator) keepsOut(pop Expr, se *stateEnv, year int) []Sentence {
	var out []Sentence
	yes := true
	for _, fi := range pop.reads {
		if schema[fi].Input() {
			continue
		}
		f := reflect.ValueOf(&se.env).Elem().Field(envFieldPath[fi])
		try := *se
		tf := reflect.ValueOf(&try.env).Elem().Field(envFieldPath[fi])
		switch x := f.Interface().(type) {
		case bool:
			if x {
				continue
			}
			tf.SetBool(true)
		case *bool:
			if x != nil && *x {
				continue
			}
			tf.Set(reflect.ValueOf(&yes))
			try.present.add(fi)
		default:
			continue
		}
		if in, ok, err := ev.runBool(&pop, &try); err == nil && ok && in {
			out = append(out, fieldWords(fi, se, year))
		}
	}
	return out
}

// fieldWords says a field's value for a State in words.
func fieldWords(fi int, se *stateEnv, year int) Sentence {
	e := &se.env
	name := schema[fi].Name
	v, isBool := boolField(se, fi)
	switch {
	case name == "party" && v, name == "not_party" && !v && isBool:
		return say(msgWhyItBecameAStateParty)
	case name == "party", name == "not_party":
		return say(msgWhyItIsNotAStateParty)
	case name == "joined_after_lap" && v:
		return say(msgWhyItJoinedAfterTheLapWas)
	case name == "art3_outstanding" && !v, name == "art3_obligation_in_year" && !v:
		return say(msgWhyItHasNoStockpileLeftTo)
	case name == "art3_outstanding", name == "art3_obligation_in_year":
		return say(msgWhyItHasStockpilesToDestroyArticle)
	case name == "art4_outstanding" && !v:
		if e.Art4CompletedInYear {
			return say(msgWhyCompletedClearanceIn, yearArg("Year", year))
		}
		return say(msgWhyItHasNoOpenClearanceObligation)
	case name == "art4_outstanding", name == "art4_obligation_in_year" && v:
		return say(msgWhyItHasContaminatedAreasToClear)
	case name == "art4_obligation_in_year":
		return say(msgWhyItHadNoClearanceObligationDuring)
	case name == "art5_applies" && v:
		return say(msgWhyItHasClusterMunitionVictimsArticle)
	case name == "annual_report_due" && !v:
		if e.Party && e.InitialReportDue != nil && *e.InitialReportDue > fmt.Sprintf("%d-12-31", year) {
			due := codeArg("Date", *e.InitialReportDue)
			if d, err := ParseDate(*e.InitialReportDue); err == nil {
				due = isoDateArg("Date", d)
			}
			return say(msgWhyFirstReportNotYetDue, due)
		}
		return say(msgWhyReportNotDue, yearArg("Year", year))
	case name == "annual_report_due":
		return say(msgWhyReportDue, yearArg("Year", year))
	case name == "initial_report_required" && v:
		return say(msgWhyInitialReportDue)
	case name == "initial_report_overdue" && !v:
		return say(msgWhyItsInitialArticle7ReportIs)
	case name == "art4_cleared" && v, name == "art4_completed_in_year" && v:
		return say(msgWhyItCompletedClearance)
	case name == "art4_completed_with_deadline_in_year" && v:
		return say(msgWhyItCompletedClearanceAgainstADeadline)
	case name == "art3_completed_with_deadline_in_year" && v:
		return say(msgWhyItCompletedStockpileDestructionAgainstA)
	case name == "art3_retaining" && !v:
		return say(msgWhyItDoesNotRetainClusterMunitions)
	case name == "art3_completed_in_year" && v:
		return say(msgWhyItCompletedStockpileDestructionInThe)
	}
	f := reflect.ValueOf(e).Elem().Field(envFieldPath[fi])
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return say(msgWhyFieldUnknown, codeArg("Field", name))
		}
		f = f.Elem()
	}
	return say(msgWhyFieldIs, codeArg("Field", name), codeArg("Value", fmt.Sprint(f.Interface())))
}

// newsBetween lists the kinds of good news (audit.go) that happened to one State between the
// baseline's environment and the scenario's.
func newsBetween(b, s *stateEnv) []GoodNews {
	e, f := &b.env, &s.env
	var out []GoodNews
	if !e.Party && s.env.Party {
		out = append(out, NewsAccession)
		if f.Art3Outstanding {
			out = append(out, NewsAccessionStockpile)
		}
		if f.Art4Outstanding || f.Art5Applies {
			out = append(out, NewsAccessionContaminated)
		}
		if f.InitialReportRequired || f.AnnualReportDue { // it joined early enough to owe reports
			out = append(out, NewsAccessionBefore)
			if f.Art4Outstanding || f.Art5Applies {
				out = append(out, NewsAccessionBeforeContaminated)
			}
		}
		return out
	}
	if !e.Party || !f.Party {
		return nil
	}
	if e.Art3Outstanding && !f.Art3Outstanding {
		out = append(out, NewsArt3Completed)
	}
	if e.Art4Outstanding && !f.Art4Outstanding {
		out = append(out, NewsArt4Completed)
	}
	if e.InitialReportOverdue && !f.InitialReportOverdue {
		out = append(out, NewsInitialReport)
	}
	if !e.AnnualReportSubmitted && f.AnnualReportSubmitted {
		if f.AnnualReportOnTime != nil && *f.AnnualReportOnTime {
			out = append(out, NewsAnnualReport)
		} else {
			out = append(out, NewsOverdueReport)
		}
	}
	if f.Art4AreaClearedM2 != nil && (e.Art4AreaClearedM2 == nil || *f.Art4AreaClearedM2 > *e.Art4AreaClearedM2) {
		out = append(out, NewsAreaCleared)
	}
	return out
}

// acceptedMoves names, on each indicator of d that moved the wrong way, the documented
// exception that accepts it after one of the kinds of good news the scenario holds. With
// several events (or an event and changes given as such), the move must be the one the news
// causes (attributable): else the exception is named as not covering it
// (IndicatorChange.NotCovered), so that its reason is never given for a move another change
// caused.
func (b *Baseline) acceptedMoves(d *Diff, news map[GoodNews]bool, run *ScenarioRun, fr frame) {
	if len(news) == 0 {
		return
	}
	var groups [][]Change
	if run.Scenario != nil {
		groups = changeGroups(run.Scenario.Changes)
	}
	for i := range d.Indicators {
		c := &d.Indicators[i]
		ia, ok := b.a.Indicator(c.ID)
		if !ok || !movedWrongWay(ia.Direction, c.BaseValue, c.ScenarioValue, c.BaseScore, c.ScenarioScore) {
			continue
		}
		for _, k := range GoodNewsKinds {
			if ex := auditException(c.ID, k); ex != nil && news[k] {
				x := *ex
				if len(groups) > 1 && !b.attributable(c, ia.Direction, k, groups, run, fr) {
					c.NotCovered = &x
				} else {
					c.Exception = &x
				}
				break
			}
		}
	}
}

// changeGroups splits a scenario's changes by the event each expands (Change.Event), in the
// order of the events; the changes given as such ([[set]], --set, ...) are one group.
func changeGroups(changes []Change) [][]Change {
	at := map[int]int{}
	var groups [][]Change
	for _, c := range changes {
		i, ok := at[c.Event]
		if !ok {
			i = len(groups)
			at[c.Event] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], c)
	}
	return groups
}

// attributable reports whether indicator c's move the wrong way is the one the good news k
// causes, when the scenario has several groups of changes (changeGroups): the groups that bring
// k (an event whose State gets that news when it is applied alone) move the indicator the wrong
// way applied alone, and the other groups applied alone do not. A move that another change
// causes, or that the news alone does not cause, is not attributable.
func (b *Baseline) attributable(c *IndicatorChange, dir Direction, k GoodNews, groups [][]Change, run *ScenarioRun, fr frame) bool {
	var covered, rest []Change
	for _, g := range groups {
		if b.brings(g, k, run, fr) {
			covered = append(covered, g...)
		} else {
			rest = append(rest, g...)
		}
	}
	if len(covered) == 0 {
		return false
	}
	moved := func(changes []Change) (bool, bool) {
		v, score, ok := b.indicatorWith(run.Plan, changes, c.ID)
		return ok && movedWrongWay(dir, c.BaseValue, v, c.BaseScore, score), ok
	}
	if wrong, _ := moved(covered); !wrong {
		return false
	}
	if len(rest) == 0 {
		return true
	}
	wrong, ok := moved(rest)
	return ok && !wrong
}

// brings reports whether the changes of one group, applied alone to the baseline's dataset,
// give a State the good news k (newsBetween).
func (b *Baseline) brings(changes []Change, k GoodNews, run *ScenarioRun, fr frame) bool {
	nd, err := b.ds.Apply(changes)
	if err != nil || len(nd.states) != len(b.ds.states) {
		return false
	}
	baseEnvs := b.envs[len(b.envs)-1]
	for si := range nd.states {
		if nd.states[si] == b.ds.states[si] && sameFacts(nd.byState[si], b.ds.byState[si]) {
			continue
		}
		se := &stateEnv{}
		nd.build(si, fr, se)
		for _, n := range newsBetween(&baseEnvs[si], se) {
			if n == k {
				return true
			}
		}
	}
	return false
}

// indicatorWith is indicator id's value and score for the baseline's year and cut-off, on the
// baseline's dataset with changes applied, under plan p; ok false when it cannot be assessed.
func (b *Baseline) indicatorWith(p *Plan, changes []Change, id string) (value, score *float64, ok bool) {
	nd, err := b.ds.Apply(changes)
	if err != nil {
		return nil, nil, false
	}
	opts := append(b.opts[:len(b.opts):len(b.opts)], Only(regexp.MustCompile("^"+regexp.QuoteMeta(id)+"$")))
	a, err := p.Assess(context.Background(), nd, b.a.Year, opts...)
	if err != nil {
		return nil, nil, false
	}
	ia, found := a.Indicator(id)
	if !found {
		return nil, nil, false
	}
	return ia.Value, ia.Score, true
}

// supposedNotes adds, for each changed State whose answers the scenario's supposition leaves
// not known in some indicator (IndicatorResult.Supposed, supposed.go), one note saying so with
// those indicators, and the note on each of them the diff lists: "Angola's reports, owed under
// the scenario, are not supposed by it: counted as not known".
func (b *Baseline) supposedNotes(run *ScenarioRun, d *Diff, changed []int) {
	if run.Assessment == nil {
		return
	}
	byState := map[string][]string{}
	for i := range run.Assessment.Indicators {
		ia := &run.Assessment.Indicators[i]
		for _, iso := range ia.Supposed.List() {
			byState[iso] = append(byState[iso], ia.ID)
		}
	}
	if len(byState) == 0 {
		return
	}
	at := map[string]int{}
	for i := range d.Indicators {
		at[d.Indicators[i].ID] = i
	}
	for _, si := range changed {
		st := &run.Data.states[si]
		ids := byState[st.ISO3]
		if len(ids) == 0 {
			continue
		}
		s := say(msgSupposedNotKnown, stateArg("State", st.ISO3, st.Name))
		d.Composition = append(d.Composition, CompositionNote{Text: s.String(), TextSentence: s, Indicators: ids})
		for _, id := range ids {
			if k, ok := at[id]; ok {
				c := &d.Indicators[k]
				c.Population = append(c.Population, PopulationNote{ISO3: st.ISO3, Name: st.Name, Change: "not-known", Text: s.String(), TextSentence: s})
			}
		}
	}
}
