package engine

// Derived fields measured from the plan's adoption (the LAP baseline), for outcome indicators
// that must rise when a State completes (docs/methodology.md, "Outcome indicators for Article
// 4"). They depend on the plan's adoption date (DepAdopted) and are never nil: a plan without
// an adoption date, or a year that ends before it, gives false.

// deriveSinceLAP sets art4_open_at_lap and art4_completed_since_lap for State st. Both read
// only the starts and completions known by the day the year is seen at (se.at; data dictionary
// §1.3, methodology §1.3): a report cut off at A is replayed from what was known by A, so an
// obligation open at the LAP's adoption but recorded after A is not yet in the population,
// and a completion recorded after A not yet counted.
func deriveSinceLAP(se *stateEnv, st *State, fr frame, starts, done []*Fact, R Date) {
	e := &se.env
	adopted, A := fr.adopted, fr.asOf
	if !adopted.IsZero() && !adopted.After(R) && !adopted.After(A) {
		starts, done = knownOnly(starts, se.at), knownOnly(done, se.at)
		e.Art4OpenAtLap = partyOn(st, fr.counting, adopted) && openOn(starts, done, adopted)
		for _, c := range done {
			if c.date.After(adopted) && !c.date.After(R) && !c.date.After(A) {
				e.Art4CompletedSinceLap = true
			}
		}
	}
	se.present.add(ix.Art4OpenAtLap)
	se.present.add(ix.Art4CompletedSinceLap)
}

// knownOnly is the facts of list seen at s (knownAt); list itself when all are, so that the
// common case allocates nothing.
func knownOnly(list []*Fact, s seenAt) []*Fact {
	for i, f := range list {
		if knownAt(f, s) {
			continue
		}
		out := append(make([]*Fact, 0, len(list)-1), list[:i]...)
		for _, g := range list[i+1:] {
			if knownAt(g, s) {
				out = append(out, g)
			}
		}
		return out
	}
	return list
}

// partyOn reports whether the State was party on day d under the counting convention: its
// instrument deposited (or the Convention in force for it) by d, and no withdrawal effective by d.
func partyOn(st *State, c Counting, d Date) bool {
	if !st.Withdrawn.IsZero() && !st.Withdrawn.After(d) {
		return false
	}
	inForce := !st.EntryIntoForce.IsZero() && !st.EntryIntoForce.After(d)
	if c == CountingEntryIntoForce {
		return inForce
	}
	return inForce || (!st.Ratified.IsZero() && !st.Ratified.After(d))
}

// openOn reports whether an obligation episode was open on day d: it started on or before d and
// its first completion on or after its start is absent or later than d.
func openOn(starts, done []*Fact, d Date) bool {
	for _, s := range starts {
		if s.date.After(d) {
			continue
		}
		open := true
		for _, c := range done {
			if !c.date.Before(s.date) && !c.date.After(d) {
				open = false
			}
		}
		if open {
			return true
		}
	}
	return false
}
