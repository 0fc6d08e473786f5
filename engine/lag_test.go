package engine

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLateNewsNeverHurtsTheAssessedYear: a fact that becomes known late for an earlier year
// (a late report and the figures in it) never lowers the assessed year's progress or status
// (docs/methodology.md §1.3, "Every year at the same lag"; §8). The sample holds such facts:
// reports for 2021..2024 received in the year before the 2025 report's cut-off, after the day
// any of those years is seen at. Without them (as if they had never come), every earlier year
// of the series is the same, and so is every progress and status that the assessed year's own
// value leaves alike. Seen at this report's cut-off, as before the equal-lag series, they raised
// the earlier years (43.3's 2024 from 55.0% to 71.2%) and lowered the assessed year's progress.
func TestLateNewsNeverHurtsTheAssessedYear(t *testing.T) {
	p, ds := benchSetup(t)
	ctx := context.Background()
	const year = 2025
	A := MustDate("2026-06-30")
	// the lines of the year-scoped facts of earlier years first known in the last year before
	// the cut-off, after the day any earlier year is seen at, and of the receipts of those
	// reports (dropped); the carried facts of those
	// reports keep the day they became known as a recorded day (the receipt they were known
	// from is gone): what they say of later years stays as it was
	late, keep := map[int]bool{}, map[int]Date{}
	for _, f := range ds.facts {
		if f.Year < p.firstYear(year) || f.Year >= year {
			continue
		}
		V := A.YearsBefore(1) // after the day the year before is seen at: no earlier year sees it
		first := f.first
		if f.Field == "art7_annual_submitted" {
			first = f.date
		}
		if !first.After(V) || first.After(A) {
			continue
		}
		if schema[fieldIndex[f.Field]].Scope == ScopeCarried {
			if f.Recorded.IsZero() {
				keep[f.Line] = f.known
			}
			continue
		}
		late[f.Line] = true
	}
	require.Greater(t, len(late), 20, "the sample has late reports for earlier years")
	fsys := fstest.MapFS{}
	for _, name := range []string{"states.csv", "facts.csv", "registers.csv"} {
		b, err := os.ReadFile("../testdata/sample/" + name)
		require.NoError(t, err)
		if name == "facts.csv" {
			lines := strings.SplitAfter(string(b), "\n")
			var kept strings.Builder
			for i, l := range lines {
				switch d, ok := keep[i+1]; {
				case late[i+1]:
				case ok:
					require.True(t, strings.HasSuffix(l, ",\n"), l)
					kept.WriteString(strings.TrimSuffix(l, "\n") + d.String() + "\n")
				default:
					kept.WriteString(l)
				}
			}
			b = []byte(kept.String())
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	without, err := LoadDataset(fsys, ".")
	require.NoError(t, err)
	require.Equal(t, len(ds.facts)-len(late), len(without.facts))

	with, err := p.Assess(ctx, ds, year, AsOf(A))
	require.NoError(t, err)
	never, err := p.Assess(ctx, without, year, AsOf(A))
	require.NoError(t, err)
	for i, ia := range with.Indicators {
		nv := never.Indicators[i]
		require.Equal(t, nv.ID, ia.ID)
		require.Equal(t, len(nv.Series), len(ia.Series))
		for k := range ia.Series[:len(ia.Series)-1] {
			assert.Equal(t, fmtNum(nv.Series[k].Value), fmtNum(ia.Series[k].Value), "%s %d: a late report leaves its year's series value as it was", ia.ID, ia.Series[k].Year)
		}
		if fmtNum(nv.Value) != fmtNum(ia.Value) || nv.Status != ia.Status {
			continue // the assessed year's own value reads the late facts (a deadline projection's rate)
		}
		assert.Equal(t, nv.ProgressStatus, ia.ProgressStatus, "%s: late good news never changes the status", ia.ID)
		assert.Equal(t, fmtNum(nv.Progress), fmtNum(ia.Progress), "%s: late good news never lowers progress", ia.ID)
	}
}
