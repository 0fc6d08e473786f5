package risk

// Change compares the Monte Carlo deadline risk of a baseline and a scenario (see
// Compare).
type Change struct {
	Draws      int               `json:"draws"`
	Seed       uint64            `json:"seed"`
	States     []StateChange     `json:"states"`
	Indicators []IndicatorChange `json:"indicators"`
}

// StateChange is one State's obligation under the baseline and the scenario; the side
// where the obligation is not outstanding has nil values.
type StateChange struct {
	ISO3                string   `json:"iso3"`
	Article             int      `json:"article"`
	Deadline            string   `json:"deadline,omitempty"`
	BasePByDeadline     *float64 `json:"base_p_by_deadline"`
	ScenarioPByDeadline *float64 `json:"scenario_p_by_deadline"`
	BasePByHorizon      *float64 `json:"base_p_by_horizon"`
	ScenarioPByHorizon  *float64 `json:"scenario_p_by_horizon"`
	BaseMedian          *float64 `json:"base_completion_median"`
	ScenarioMedian      *float64 `json:"scenario_completion_median"`
}

// IndicatorChange is the probability that an indicator meets its target, under the
// baseline and the scenario.
type IndicatorChange struct {
	ID             string  `json:"id"`
	Title          string  `json:"title"`
	Target         float64 `json:"target"`
	HorizonYear    int     `json:"horizon_year"`
	BasePReach     float64 `json:"base_p_reach"`
	ScenarioPReach float64 `json:"scenario_p_reach"`
}

// Compare pairs the deadline risk of a baseline and a scenario by State and article, then
// by indicator. The baseline's States come first in its order, then those outstanding only in
// the scenario. Unless all, only the rows whose probabilities or median differ are kept; the
// numbers are compared exactly, as both runs draw from the same seed.
func Compare(base, scen *Report, all bool) *Change {
	rc := &Change{Draws: scen.Draws, Seed: scen.Seed, States: []StateChange{}, Indicators: []IndicatorChange{}}
	type key struct {
		iso string
		art int
	}
	idx := map[key]*State{}
	for i := range scen.States {
		idx[key{scen.States[i].ISO3, scen.States[i].Article}] = &scen.States[i]
	}
	seen := map[key]bool{}
	add := func(b, s *State) {
		c := StateChange{}
		if b != nil {
			c.ISO3, c.Article, c.Deadline = b.ISO3, b.Article, b.Deadline
			c.BasePByDeadline, c.BasePByHorizon, c.BaseMedian = b.PByDeadline, b.PByHorizon, b.Median
		}
		if s != nil {
			c.ISO3, c.Article, c.Deadline = s.ISO3, s.Article, s.Deadline
			c.ScenarioPByDeadline, c.ScenarioPByHorizon, c.ScenarioMedian = s.PByDeadline, s.PByHorizon, s.Median
		}
		if all || !samePtr(c.BasePByDeadline, c.ScenarioPByDeadline) || !samePtr(c.BasePByHorizon, c.ScenarioPByHorizon) ||
			!samePtr(c.BaseMedian, c.ScenarioMedian) {
			rc.States = append(rc.States, c)
		}
	}
	for i := range base.States {
		b := &base.States[i]
		k := key{b.ISO3, b.Article}
		seen[k] = true
		add(b, idx[k])
	}
	for i := range scen.States {
		if s := &scen.States[i]; !seen[key{s.ISO3, s.Article}] {
			add(nil, s)
		}
	}
	sIdx := map[string]Indicator{}
	for _, ir := range scen.Indicators {
		sIdx[ir.ID] = ir
	}
	for _, b := range base.Indicators {
		s := sIdx[b.ID]
		if all || b.PReach != s.PReach {
			rc.Indicators = append(rc.Indicators, IndicatorChange{ID: b.ID, Title: b.Title, Target: b.Target,
				HorizonYear: b.HorizonYear, BasePReach: b.PReach, ScenarioPReach: s.PReach})
		}
	}
	return rc
}

// samePtr reports whether two optional values are both absent or equal.
func samePtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
