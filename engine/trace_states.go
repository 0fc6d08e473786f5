package engine

// stateTrace is one year's traced outcomes laid out State by State, as EvaluateStates and
// AssessYearsTraced give them: the outcome of the year's indicator i for State si is
// out[si].Indicators[i]. The values a State's outcomes read are in one slab per State, and
// each field is read once per State: an indicator reading a field an earlier indicator read
// copies that read (a read depends only on the State, the field and the year's environment).
type stateTrace struct {
	out    []*StateEvaluation
	fields [][]int // indicator i's traced fields (tracedFields)
	at     []int   // where indicator i's values start in a State's slab
	// first is, for each field, the place in a State's slab of its first read; -1 when no
	// indicator reads it
	first [maxFields]int32
	slabs [][]FieldRead // per State
}

// newStateTrace lays out the traced outcomes of year for the indicators inds, each State's
// outcome holding the indicator's id and the State's code until it is evaluated.
func newStateTrace(ds *Dataset, cfg evalConfig, year int, inds []*Indicator) *stateTrace {
	t := &stateTrace{out: make([]*StateEvaluation, len(ds.states)), fields: make([][]int, len(inds)), at: make([]int, len(inds))}
	for fi := range t.first {
		t.first[fi] = -1
	}
	n := 0
	for i, ind := range inds {
		t.fields[i], t.at[i] = tracedFields(ind), n
		for k, fi := range t.fields[i] {
			if t.first[fi] < 0 {
				t.first[fi] = int32(n + k)
			}
		}
		n += len(t.fields[i])
	}
	t.slabs = make([][]FieldRead, len(ds.states))
	asOf := cfg.asOf.String()
	for si := range ds.states {
		iso3 := ds.states[si].ISO3
		se := &StateEvaluation{ISO3: iso3, Year: year, AsOf: asOf, Counting: cfg.counting, Indicators: make([]IndicatorOutcome, len(inds))}
		for i, ind := range inds {
			se.Indicators[i] = IndicatorOutcome{ID: ind.ID, StateOutcome: StateOutcome{ISO3: iso3}}
		}
		t.out[si] = se
		t.slabs[si] = make([]FieldRead, n)
	}
	return t
}

// outcome is State si's traced outcome for the year's indicator i, with the values it reads
// in se filled in; the evaluation records the rest.
func (t *stateTrace) outcome(ds *Dataset, i, si int, se *stateEnv) *StateOutcome {
	slab, fields, at := t.slabs[si], t.fields[i], t.at[i]
	vals := slab[at : at+len(fields) : at+len(fields)]
	for k, fi := range fields {
		if p := int(t.first[fi]); p < at+k && slab[p].Field != "" {
			vals[k] = slab[p] // read by an earlier indicator (not one stopped before this State)
		} else {
			vals[k] = ds.fieldRead(si, fi, se)
		}
	}
	so := &t.out[si].Indicators[i].StateOutcome
	so.Values = vals
	return so
}
