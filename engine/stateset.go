package engine

import (
	"encoding/json"
	"fmt"
	"iter"
	"math/bits"
	"slices"
)

// StateSet is a set of States, held compactly: one bit per State of the dataset an evaluation
// ran over. An IndicatorResult lists its counted, not-counted and no-data States as StateSets;
// List gives the ISO3 codes, in the dataset's order (by code), Len how many there are, Has
// whether a State is in it, All iterates without building a list. A result therefore costs a
// few words per State list whatever the number of States, and the codes are materialised only
// where they are read.
//
// It marshals to JSON as the list of codes (a JSON array; null for the zero StateSet, which
// is empty and was never filled, as a nil list would). A StateSet is immutable once built
// and safe for concurrent readers.
type StateSet struct {
	codes *[]string // every State's ISO3 code, in order; shared by the sets of one evaluation
	bits  []uint64  // bit i: State codes[i] is in the set
}

// NewStateSet is the set of the given ISO3 codes (duplicates count once; List gives them
// sorted). Evaluations build their sets themselves: NewStateSet is for tests and for results
// made by hand.
func NewStateSet(iso3 ...string) StateSet {
	codes := slices.Clone(iso3)
	slices.Sort(codes)
	codes = slices.Compact(codes)
	s := StateSet{codes: &codes, bits: make([]uint64, words(len(codes)))}
	for i := range codes {
		s.add(i)
	}
	return s
}

// words is the number of 64-bit words a set over n States needs.
func words(n int) int { return (n + 63) / 64 }

// add puts State i (an index into s.codes) in the set.
func (s *StateSet) add(i int) { s.bits[i>>6] |= 1 << (uint(i) & 63) }

// Len is the number of States in the set.
func (s StateSet) Len() int {
	n := 0
	for _, w := range s.bits {
		n += bits.OnesCount64(w)
	}
	return n
}

// All yields the ISO3 code of every State in the set, in order.
func (s StateSet) All() iter.Seq[string] {
	return func(yield func(string) bool) {
		for wi, w := range s.bits {
			for w != 0 {
				b := bits.TrailingZeros64(w)
				if !yield((*s.codes)[wi<<6+b]) {
					return
				}
				w &= w - 1
			}
		}
	}
}

// List is the ISO3 codes of the States in the set, in order: a new slice the caller may keep
// or change, nil for the zero StateSet and empty (not nil) for an empty one that was filled.
func (s StateSet) List() []string {
	if s.codes == nil {
		return nil
	}
	out := make([]string, 0, s.Len())
	for iso := range s.All() {
		out = append(out, iso)
	}
	return out
}

// Has reports whether the State with the ISO3 code is in the set.
func (s StateSet) Has(iso3 string) bool {
	if s.codes == nil {
		return false
	}
	i, ok := slices.BinarySearch(*s.codes, iso3)
	return ok && s.bits[i>>6]&(1<<(uint(i)&63)) != 0
}

// MarshalJSON writes the set as List does: an array of ISO3 codes, null for the zero set.
func (s StateSet) MarshalJSON() ([]byte, error) { return json.Marshal(s.List()) }

// UnmarshalJSON reads what MarshalJSON writes.
func (s *StateSet) UnmarshalJSON(b []byte) error {
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return err
	}
	if l == nil {
		*s = StateSet{}
		return nil
	}
	*s = NewStateSet(l...)
	return nil
}

// stateSets builds the three State lists of an indicator's result from its States' outcomes
// (codes[i] is State i's code): one allocation of three bit sets.
func stateSets(codes *[]string, outcomes []uint8) (counted, notCounted, noData StateSet) {
	w := words(len(outcomes))
	b := make([]uint64, 3*w)
	for si, o := range outcomes {
		if o != outNone {
			k := int(o-outCounted)*w + si>>6
			b[k] |= 1 << (uint(si) & 63)
		}
	}
	return StateSet{codes, b[:w:w]}, StateSet{codes, b[w : 2*w : 2*w]}, StateSet{codes, b[2*w:]}
}

// String formats the set as fmt formats List: "[DEU LTU]".
func (s StateSet) String() string { return fmt.Sprint(s.List()) }
