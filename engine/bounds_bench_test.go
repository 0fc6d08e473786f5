package engine

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// bigDataset returns the sample's states.csv with n facts, as facts.csv and as dataset.json
// (the same content): six per-year number fields for every State and year from 1900 on.
func bigDataset(tb testing.TB, n int) (csvFS, jsonFS fstest.MapFS) {
	tb.Helper()
	states, err := os.ReadFile("../testdata/sample/states.csv")
	if err != nil {
		tb.Fatal(err)
	}
	csvFS = fstest.MapFS{"states.csv": {Data: states}}
	jsonFS = fstest.MapFS{}
	ds, err := LoadDataset(fstest.MapFS{"states.csv": {Data: states}, "facts.csv": {Data: []byte(factsHeader)}}, ".")
	if err != nil {
		tb.Fatal(err)
	}
	fields := []string{"art3_stock_munitions", "art3_stock_submunitions", "art3_destroyed_munitions", "art3_destroyed_submunitions", "art4_area_cleared_m2", "art4_area_remaining_m2"}
	var facts strings.Builder
	facts.WriteString(factsHeader)
	type jf struct {
		ISO3   string `json:"iso3"`
		Year   int    `json:"year"`
		Field  string `json:"field"`
		Value  int    `json:"value"`
		Source string `json:"source"`
	}
	var js []jf
	count := 0
	for y := MinYear; y <= MaxYear && count < n; y++ {
		for _, st := range ds.States() {
			for _, f := range fields {
				if count == n {
					break
				}
				fmt.Fprintf(&facts, "%s,%d,%s,%d,Form F\n", st.ISO3, y, f, count)
				js = append(js, jf{st.ISO3, y, f, count, "Form F"})
				count++
			}
		}
	}
	if count < n {
		tb.Fatalf("only %d facts", count)
	}
	csvFS["facts.csv"] = &fstest.MapFile{Data: []byte(facts.String())}
	var jstates []map[string]string
	for _, st := range ds.States() {
		m := map[string]string{"iso3": st.ISO3, "name": st.Name, "region": st.Region}
		for k, d := range map[string]Date{"signed": st.Signed, "ratified": st.Ratified, "withdrawn": st.Withdrawn} {
			if !d.IsZero() {
				m[k] = d.String()
			}
		}
		if !st.EIFDerived && !st.EntryIntoForce.IsZero() {
			m["entry_into_force"] = st.EntryIntoForce.String()
		}
		jstates = append(jstates, m)
	}
	b, err := json.MarshalIndent(map[string]any{"states": jstates, "facts": js}, "", " ")
	if err != nil {
		tb.Fatal(err)
	}
	jsonFS["dataset.json"] = &fstest.MapFile{Data: b}
	return csvFS, jsonFS
}

// BenchmarkLoad200k loads 200,000 facts as facts.csv and as dataset.json: the JSON loader is
// linear in its input (issue 13: 243 s before, against 0.86 s for the CSV). Compare the two
// with benchstat or .ci/bench.sh; the goal is json/csv under 2.
func BenchmarkLoad200k(b *testing.B) {
	csvFS, jsonFS := bigDataset(b, 200_000)
	for _, c := range []struct {
		name string
		fsys fstest.MapFS
	}{{"csv", csvFS}, {"json", jsonFS}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				ds, err := LoadDataset(c.fsys, ".")
				if err != nil {
					b.Fatal(err)
				}
				if len(ds.facts) != 200_000 {
					b.Fatalf("%d facts", len(ds.facts))
				}
			}
		})
	}
}

// TestBigDatasetSame: the CSV and JSON forms of the benchmark's data load to the same facts.
func TestBigDatasetSame(t *testing.T) {
	csvFS, jsonFS := bigDataset(t, 2000)
	a, err := LoadDataset(csvFS, ".")
	if err != nil {
		t.Fatal(err)
	}
	j, err := LoadDataset(jsonFS, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Facts()) != 2000 || len(j.Facts()) != 2000 || a.Facts()[1999].Value != j.Facts()[1999].Value {
		t.Fatalf("csv %d facts, json %d", len(a.Facts()), len(j.Facts()))
	}
}
