package engine

import (
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFactsInOrder: the facts of a dataset are sorted by their indexes and ranks (factsInOrder)
// exactly as by their ISO3 codes and field names, recorded days that do not order each other
// (a month and a day in it) included: 2,000 random lists, each sorted both ways from the same
// start.
func TestFactsInOrder(t *testing.T) {
	isos := []string{"AFG", "ALB", "LAO", "ZWE"}
	var fields []string
	for _, f := range schema[:12] {
		fields = append(fields, f.Name)
	}
	days := []string{"", "2020", "2020-05", "2020-05-03", "2021-01-01", "2019"}
	rng := rand.New(rand.NewPCG(13, 8))
	for range 2000 {
		n := rng.IntN(60)
		facts := make([]*Fact, n)
		for i := range facts {
			f := &Fact{ISO3: isos[rng.IntN(len(isos))], Field: fields[rng.IntN(len(fields))], Year: 2018 + rng.IntN(3)}
			if d := days[rng.IntN(len(days))]; d != "" {
				var err error
				f.Recorded, err = ParseDate(d)
				require.NoError(t, err)
			}
			facts[i] = f
		}
		want := append([]*Fact(nil), facts...)
		sort.Slice(want, func(i, j int) bool { // the order before factsInOrder
			a, c := want[i], want[j]
			if a.ISO3 != c.ISO3 {
				return a.ISO3 < c.ISO3
			}
			if a.Field != c.Field {
				return a.Field < c.Field
			}
			if a.Year != c.Year {
				return a.Year < c.Year
			}
			return a.Recorded.Before(c.Recorded)
		})
		order := make(factsInOrder, n)
		for i, f := range facts {
			fi := fieldIndex[f.Field]
			state := sort.SearchStrings(isos, f.ISO3)
			order[i] = factInOrder{state: int32(state), rank: fieldRank[fi], field: int32(fi), year: int32(f.Year), f: f}
		}
		sort.Sort(order)
		var got []*Fact
		for i := range order {
			got = append(got, order[i].f)
		}
		require.Equal(t, want, got)
	}
}
