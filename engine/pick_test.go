package engine

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// pickForward is pick as it read the lists before (from the start): the reference.
func pickForward(fd *Field, list []*Fact, y int, asOf Date) *Fact {
	switch fd.Scope {
	case ScopeStatic:
		for _, f := range list {
			if visible(fd, f, seenOn(asOf)) {
				return f
			}
		}
	case ScopeYear, ScopeEvent:
		for _, f := range list {
			if f.Year > y {
				break
			}
			if f.Year == y && visible(fd, f, seenOn(asOf)) {
				return f
			}
		}
	case ScopeCarried:
		var best *Fact
		for _, f := range list {
			if f.Year <= y && visible(fd, f, seenOn(asOf)) {
				best = f
			}
		}
		return best
	}
	return nil
}

// pick, which looks for a year's or a carried field's fact from the end of the list, picks
// the fact the reading from the start picks: random lists in year order, with several facts
// a year, facts known or replaced at random days, and every scope.
func TestPickMatchesForward(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 14))
	day := func() Date {
		if r.IntN(3) == 0 {
			return Date{}
		}
		return NewDate(2015+r.IntN(12), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	}
	type kind struct {
		scope          Scope
		date, deadline bool
	}
	fields := map[kind]*Field{} // an input field of each scope, with and without dates
	for i := range schema {
		if fd := &schema[i]; fd.Input() {
			k := kind{fd.Scope, fd.Type == TypeDate, fd.isDeadline()}
			if fields[k] == nil {
				fields[k] = fd
			}
		}
	}
	require.GreaterOrEqual(t, len(fields), 6)
	for n := range 20000 {
		var list []*Fact
		y := 2014 + r.IntN(3)
		for range r.IntN(9) {
			y += r.IntN(3) // several facts a year, gaps
			list = append(list, &Fact{Year: y, date: day(), known: day(), until: day()})
		}
		asOf := NewDate(2016+r.IntN(11), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		at := 2013 + r.IntN(16)
		for _, fd := range fields {
			require.Same(t, pickForward(fd, list, at, asOf), pick(fd, list, at, seenOn(asOf)), "case %d, scope %s", n, fd.Scope)
		}
	}
}

// rank orders the classes as Classes lists them; the zero or an unknown class has rank -1.
func TestClassRank(t *testing.T) {
	for i, c := range Classes {
		require.Equal(t, i, c.rank(), c)
	}
	require.Equal(t, -1, Class("").rank())
	require.Equal(t, -1, Class("officia").rank())
}
