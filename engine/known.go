package engine

import (
	"fmt"
	"sort"
)

// When a fact became known (data dictionary §1.3). A fact is seen by a run cut off at as_of
// from the day it became known: its recorded day; for a report-kind fact for year Y without
// one, the day the State's Article 7 report for Y was received (art7_annual_submitted for
// Y), when the data record one; otherwise from the start. A fact may be corrected: a later row
// for the same State, year and field with a later recorded day replaces it from that day on,
// so that a report cut off before the correction shows the value as it was then, and a later
// one the corrected value. Deadline decisions (art3_deadline, art4_deadline) are not
// corrections of each other: each is a dated event of its own (episode.go).

// seenAt is when a year is seen (data dictionary §1.3; docs/methodology.md §1.3, "Every year
// at the same lag"): day, the day the year is seen at, and current, the run's cut-off. A value
// counts when it was first known by day (a value first reported later is left out, like the
// report it came from), in its version current at current (a correction known by then is
// applied: a known error is never reported as fact). Date values and the year's reference
// date R use day. An assessment of year Y at as_of A sees each year y of its series at A
// shifted back Y-y years (frameFor); everywhere else, and for Y itself, day = current = as_of.
type seenAt struct{ day, current Date }

// seenOn is a run's view at as_of: every year seen at as_of itself.
func seenOn(asOf Date) seenAt { return seenAt{asOf, asOf} }

// knownAt reports whether a fact is seen (data dictionary §1.3): first known by s.day (its
// recorded day, or for a report fact the day its report was received; neither: known), this
// version known by s.current and not yet replaced then by a correction.
func knownAt(f *Fact, s seenAt) bool {
	return (f.first.IsZero() || f.first.NotAfter(s.day)) && (f.known.IsZero() || f.known.NotAfter(s.current)) &&
		(f.until.IsZero() || !f.until.NotAfter(s.current))
}

// knownDays sets the known, until and first days of facts (first: the known day of the first
// version of their value), sorted by State, field, year and recorded
// day (Dataset.finish), and returns them. When shared is true the facts also belong to another
// dataset (a scenario's baseline): a fact whose days change is copied rather than modified.
func knownDays(facts []*Fact, shared bool) []*Fact {
	received := receivedDays(facts)
	var first Date // the known day of the first version of the value f is a version of
	for i, f := range facts {
		known := knownDay(f, received)
		if i == 0 || !sameVersionKey(facts[i-1], f) {
			first = known
		}
		var until Date
		if i+1 < len(facts) && sameVersionKey(f, facts[i+1]) {
			until = knownDay(facts[i+1], received)
		}
		if f.known == known && f.until == until && f.first == first {
			continue
		}
		if shared {
			c := *f
			f = &c
			facts[i] = f
		}
		f.known, f.until, f.first = known, until, first
	}
	return facts
}

// receivedDays returns the day each State's annual report for a year was received: the
// art7_annual_submitted value as first registered (the version with no recorded day, else the
// earliest recorded), whatever corrections of that date came later.
func receivedDays(facts []*Fact) map[stateYear]Date {
	out := map[stateYear]Date{}
	first := map[stateYear]Date{} // the recorded day of the version kept
	for _, f := range facts {
		if f.Field != "art7_annual_submitted" {
			continue
		}
		k := stateYear{f.ISO3, f.Year}
		if r, ok := first[k]; !ok || f.Recorded.Before(r) {
			out[k], first[k] = f.date, f.Recorded
		}
	}
	return out
}

// stateYear names a State's year.
type stateYear struct {
	iso3 string
	year int
}

// knownDay is the day fact f became known, given the days the States' annual reports were
// received.
func knownDay(f *Fact, received map[stateYear]Date) Date {
	if !f.Recorded.IsZero() || f.Year == 0 {
		return f.Recorded
	}
	if fd := &schema[fieldIndex[f.Field]]; fd.Kind != KindReport {
		return Date{}
	}
	return received[stateYear{f.ISO3, f.Year}]
}

// sameVersionKey reports whether b is a later version (a correction) of a: the same State,
// year and field, a field whose rows are not each a decision of its own.
func sameVersionKey(a, b *Fact) bool {
	if a.ISO3 != b.ISO3 || a.Field != b.Field || a.Year != b.Year {
		return false
	}
	fd, ok := LookupField(a.Field)
	return ok && !fd.isDeadline()
}

// checkVersions checks, once every row is read, that each correction is recorded after the
// version it corrects became known: otherwise it would never be seen, or be seen before the
// value it corrects.
func (b *builder) checkVersions() {
	// the values with two rows or more (keepFact), in the order the values first appear
	multi := make([]*factValue, 0, len(b.multi))
	for _, vi := range b.multi {
		if v := &b.rows[vi]; versioned(v.first.Field) {
			multi = append(multi, v)
		}
	}
	sort.Slice(multi, func(i, j int) bool { return multi[i].order < multi[j].order })
	var received map[stateYear]Date
	for _, v := range multi {
		g := v.facts()
		if received == nil {
			received = receivedDays(b.facts)
		}
		sortByRecorded(g)
		for i := 1; i < len(g); i++ {
			prev, f := g[i-1], g[i]
			pk := knownDay(prev, received)
			if pk.IsZero() || pk.Before(f.Recorded) {
				continue
			}
			since := "recorded " + pk.String()
			if prev.Recorded.IsZero() {
				since = fmt.Sprintf("the day its State's Article 7 report for %d was received, %s", prev.Year, pk)
			}
			b.add(&Diagnostic{Code: CodeBadDate, File: f.File, Line: f.Line, Key: "recorded",
				Message: fmt.Sprintf("%s %s %s: a correction recorded %s must be recorded after the value it corrects (%s:%d) became known (%s)", f.ISO3, yearText(f.Year), f.Field, f.Recorded, prev.File, prev.Line, since),
				Hint:    "give the day the correction was made in the recorded column"})
		}
	}
}

// versioned reports whether the rows of a field for one State and year are versions of one
// value (a value and its corrections): a known field that is not a deadline, whose rows are
// decisions of their own.
func versioned(field string) bool {
	fd, ok := LookupField(field)
	return ok && !fd.isDeadline()
}

// sortByRecorded sorts the versions of one value by recorded day, the original (none) first.
func sortByRecorded(g []*Fact) {
	for i := 1; i < len(g); i++ {
		for j := i; j > 0 && g[j].Recorded.Before(g[j-1].Recorded); j-- {
			g[j], g[j-1] = g[j-1], g[j]
		}
	}
}

// unseenOrigin is a fact's origin (its file and line) with why it is not seen at asOf: not
// yet known, replaced by a correction, or a date after as_of.
func unseenOrigin(origin string, f *Fact, asOf Date) Sentence {
	at := codeArg("Origin", origin)
	switch {
	case !f.until.IsZero() && f.until.NotAfter(asOf):
		return say(msgOriginReplaced, at, isoDateArg("Date", f.until))
	case !f.known.IsZero() && !f.known.NotAfter(asOf) && f.Recorded.IsZero():
		return say(msgOriginKnownLater, at, isoDateArg("Date", f.known), yearArg("Year", f.Year))
	case !f.known.IsZero() && !f.known.NotAfter(asOf):
		return say(msgOriginRecordedLater, at, isoDateArg("Date", f.known))
	}
	return say(msgOriginNotSeen, at)
}
