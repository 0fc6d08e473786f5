package engine

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/indicators"
)

// The scale generator (issue 14, item 5): the sample data with every State copied, and the
// shipped plan with every indicator copied, so that benchmarks can show how each stage grows
// with States and indicators (and, through the assessed range, with years).
// docs/performance.md has the table.

// scaledDataset returns the sample dataset with k copies of every State (k = 1: the sample):
// each copy has its own unused three-letter code and every fact of the State it copies.
func scaledDataset(tb testing.TB, k int) fs.FS {
	tb.Helper()
	states := readCSV(tb, "../testdata/sample/states.csv")
	facts := readCSV(tb, "../testdata/sample/facts.csv")
	used := map[string]bool{}
	for _, r := range states[1:] {
		used[r[0]] = true
	}
	var free []string // unused codes, in order
	for a := 'A'; a <= 'Z' && len(free) < (k-1)*len(states); a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for c := 'A'; c <= 'Z'; c++ {
				if code := string([]rune{a, b, c}); !used[code] {
					free = append(free, code)
				}
			}
		}
	}
	outStates, outFacts := [][]string{states[0]}, [][]string{facts[0]}
	codes := map[string][]string{} // the State's code and those of its copies
	for _, r := range states[1:] {
		codes[r[0]] = []string{r[0]}
		for j := 1; j < k; j++ {
			codes[r[0]] = append(codes[r[0]], free[0])
			free = free[1:]
		}
	}
	for j := 0; j < k; j++ {
		for _, r := range states[1:] {
			c := append([]string(nil), r...)
			c[0] = codes[r[0]][j]
			if j > 0 {
				c[1] = fmt.Sprintf("%s (copy %d)", r[1], j)
			}
			outStates = append(outStates, c)
		}
		for _, r := range facts[1:] {
			cs, ok := codes[r[0]]
			if !ok {
				if j == 0 {
					outFacts = append(outFacts, r) // not a State's fact: once
				}
				continue
			}
			c := append([]string(nil), r...)
			c[0] = cs[j]
			outFacts = append(outFacts, c)
		}
	}
	return fstest.MapFS{"states.csv": {Data: writeCSV(tb, outStates)}, "facts.csv": {Data: writeCSV(tb, outFacts)}}
}

// scaledPlan returns the shipped plan with k copies of every indicator (k = 1: the plan):
// copy j of indicator A.n is A.(100j+n) in the same action file, with its title marked.
func scaledPlan(tb testing.TB, k int) fs.FS {
	tb.Helper()
	out := fstest.MapFS{}
	require.NoError(tb, fs.WalkDir(indicators.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(indicators.FS, p)
		if err != nil {
			return err
		}
		if k > 1 && strings.HasPrefix(p, "a") && strings.HasSuffix(p, ".toml") && !strings.Contains(p, "/") {
			var action map[string]any
			if _, err := toml.Decode(string(b), &action); err != nil {
				return err
			}
			inds, _ := action["indicator"].([]map[string]any)
			all := append([]map[string]any(nil), inds...)
			for j := 1; j < k; j++ {
				for _, ind := range inds {
					c := map[string]any{}
					for key, v := range ind {
						c[key] = v
					}
					num, n, _ := strings.Cut(ind["id"].(string), ".")
					var ni int
					fmt.Sscan(n, &ni)
					c["id"] = fmt.Sprintf("%s.%d", num, 100*j+ni)
					c["title"] = fmt.Sprintf("%s (copy %d)", ind["title"], j)
					all = append(all, c)
				}
			}
			action["indicator"] = all
			var buf bytes.Buffer
			if err := toml.NewEncoder(&buf).Encode(action); err != nil {
				return err
			}
			b = buf.Bytes()
		}
		out[p] = &fstest.MapFile{Data: b}
		return nil
	}))
	return out
}

func readCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	require.NoError(tb, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(tb, err)
	return rows
}

func writeCSV(tb testing.TB, rows [][]string) []byte {
	tb.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	require.NoError(tb, w.WriteAll(rows))
	return b.Bytes()
}

// TestScaled: the generated data and plan load; over three copies of every State an
// indicator has three times the sample's population, and a copy of an indicator gives the
// indicator's result.
func TestScaled(t *testing.T) {
	p0, ds0 := benchSetup(t)
	base, err := p0.Evaluate(context.Background(), ds0, 2024)
	require.NoError(t, err)
	ds, err := LoadDataset(scaledDataset(t, 3), ".")
	require.NoError(t, err)
	require.Len(t, ds.States(), 3*197)
	p, err := Load(scaledPlan(t, 3))
	require.NoError(t, err)
	require.Len(t, p.Indicators(), 3*len(p0.Indicators()))
	r, err := p.Evaluate(context.Background(), ds, 2024)
	require.NoError(t, err)
	for _, id := range []string{"10.1", "43.2", "21.1"} {
		b, ok := base.Indicator(id)
		require.True(t, ok)
		orig, ok := r.Indicator(id)
		require.True(t, ok)
		num, n, _ := strings.Cut(id, ".")
		cp, ok := r.Indicator(num + ".20" + n)
		require.True(t, ok, id)
		require.Equal(t, 3*b.Population, orig.Population, id)
		require.Equal(t, 3*b.Known, orig.Known, id)
		require.Equal(t, orig.Value, cp.Value, id)
		require.Equal(t, orig.Known, cp.Known, id)
	}
}

// BenchmarkScale shows how each stage grows: with the States (the sample, and ten copies of
// every State: 1,970 States, 89,000 facts), with the indicators (the plan, and ten copies of
// every indicator) and with the assessed years (1, 5, 10 and 20 years ending in 2025). Each
// stage is timed at each size; .ci/bench.sh prints the ratios (docs/performance.md).
func BenchmarkScale(b *testing.B) {
	ctx := context.Background()
	for _, k := range []int{1, 10} {
		fsys := scaledDataset(b, k)
		b.Run(fmt.Sprintf("LoadDataset/states=%dx", k), func(b *testing.B) {
			for b.Loop() {
				if _, err := LoadDataset(fsys, "."); err != nil {
					b.Fatal(err)
				}
			}
		})
		ds, err := LoadDataset(fsys, ".")
		require.NoError(b, err)
		p, err := Load(indicators.FS)
		require.NoError(b, err)
		b.Run(fmt.Sprintf("BuildEnvs/states=%dx", k), func(b *testing.B) {
			ev := &evaluator{plan: p, ds: ds, cfg: evalConfig{asOf: ds.latest, counting: p.counting}}
			for b.Loop() {
				ev.buildEnvs(2024)
			}
		})
		b.Run(fmt.Sprintf("Evaluate/states=%dx", k), func(b *testing.B) {
			for b.Loop() {
				if _, err := p.Evaluate(ctx, ds, 2024); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("Assess/states=%dx", k), func(b *testing.B) {
			for b.Loop() {
				if _, err := p.Assess(ctx, ds, 2024); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	_, ds := benchSetup(b)
	for _, k := range []int{1, 10} {
		planFS := scaledPlan(b, k)
		b.Run(fmt.Sprintf("Load/indicators=%dx", k), func(b *testing.B) {
			for b.Loop() {
				if _, err := Load(planFS); err != nil {
					b.Fatal(err)
				}
			}
		})
		p, err := Load(planFS)
		require.NoError(b, err)
		b.Run(fmt.Sprintf("Evaluate/indicators=%dx", k), func(b *testing.B) {
			for b.Loop() {
				if _, err := p.Evaluate(ctx, ds, 2024); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("Assess/indicators=%dx", k), func(b *testing.B) {
			for b.Loop() {
				if _, err := p.Assess(ctx, ds, 2024); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	p, _ := benchSetup(b)
	for _, n := range []int{1, 5, 10, 20} {
		b.Run(fmt.Sprintf("AssessYears/years=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := p.AssessYears(ctx, ds, 2026-n, 2025); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
