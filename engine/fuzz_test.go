package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// Fuzz targets. `go test ./engine` runs each with its seeds (the fixtures and the bad-input
// corpus); `go test ./engine -run XXX -fuzz FuzzLoadPlan -fuzztime 5m` searches for crashes.
// The property checked is the same everywhere: no panic, and an error is always Diagnostics
// whose every entry names a file and a code.

func addCorpus(f *testing.F, dir string) {
	paths, _ := filepath.Glob(filepath.Join("../testdata/bad", dir, "*"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

func checkDiagnostics(t *testing.T, err error) {
	if err == nil {
		return
	}
	var diags Diagnostics
	if !errors.As(err, &diags) {
		t.Fatalf("error is not Diagnostics: %v", err)
	}
	if len(diags) == 0 {
		t.Fatal("empty Diagnostics as an error")
	}
	for _, d := range diags {
		if d.File == "" || d.Code == "" || d.Message == "" {
			t.Fatalf("diagnostic without file, code or message: %#v", d)
		}
	}
}

func FuzzLoadPlan(f *testing.F) {
	f.Add([]byte(testAction1))
	f.Add([]byte(testAction2))
	addCorpus(f, "plan")
	f.Fuzz(func(t *testing.T, action []byte) {
		p, err := Load(fstest.MapFS{"plan.toml": {Data: []byte(testPlanTOML)}, "a01.toml": {Data: action}})
		checkDiagnostics(t, err)
		if err == nil && p == nil {
			t.Fatal("nil plan without an error")
		}
	})
}

func FuzzLoadDatasetCSV(f *testing.F) {
	f.Add([]byte(factsHeader + evalFacts))
	f.Add([]byte(factsHeader))
	addCorpus(f, "facts")
	f.Fuzz(func(t *testing.T, facts []byte) {
		ds, err := LoadDataset(dataFS(testStatesCSV, string(facts)), ".")
		checkDiagnostics(t, err)
		if err == nil {
			// a dataset that loads must evaluate without a run error
			p := mustLoadTestPlan(t)
			if _, err := p.Evaluate(context.Background(), ds, 2023, AsOf(MustDate("2026-01-01"))); err != nil {
				t.Fatalf("evaluate a loaded dataset: %v", err)
			}
		}
	})
}

func FuzzLoadStatesCSV(f *testing.F) {
	f.Add([]byte(testStatesCSV))
	addCorpus(f, "states")
	f.Fuzz(func(t *testing.T, states []byte) {
		_, err := LoadDataset(dataFS(string(states), factsHeader), ".")
		checkDiagnostics(t, err)
	})
}

func FuzzLoadDatasetJSON(f *testing.F) {
	f.Add([]byte(`{"states": [{"iso3": "DEU", "name": "Germany", "region": "europe"}], "facts": [{"iso3": "DEU", "year": 2023, "field": "re_programme", "value": true, "source": "x"}]}`))
	addCorpus(f, "json")
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := LoadDataset(fstest.MapFS{"dataset.json": {Data: data}}, ".")
		checkDiagnostics(t, err)
	})
}

// FuzzEvaluateExpr compiles arbitrary rule text and, when it compiles, runs it over every
// State of a small dataset: a rule may fail, but only as that indicator's error.
func FuzzEvaluateExpr(f *testing.F) {
	for _, s := range []string{"party", "re_programme ?? false", "art4_area_cleared_m2 / 0 > 1",
		"len(iso3) > 2", "map(1..10, # * 2)[3] > 1", "year % 0 == 1", "(art9_legislation ?? 'x') in ['none']",
		"repeat('a', 1000000) != ''", "ratified > signed", "int('x') > 1", "1..100000000 | len() > 0"} {
		f.Add(s)
	}
	p := mustLoadTestPlan(f)
	ds := mustLoadData(f, evalFacts)
	f.Fuzz(func(t *testing.T, src string) {
		e, xe := compileExpr(src, wantBool)
		if xe != nil {
			return
		}
		ind := &Indicator{ID: "9.9", Aggregate: AggShare, Population: p.indicators[0].Population, Rule: e}
		ev := &evaluator{plan: p, ds: ds, cfg: evalConfig{asOf: ds.latest, counting: CountingDeposit}}
		ev.buildEnvs(2023)
		ir := ev.indicator(0, ind)
		if ir.Status == ValueError && ir.Error == "" {
			t.Fatal("error status without a message")
		}
	})
}

func FuzzParseScenario(f *testing.F) {
	for _, dir := range []string{"../testdata/scenarios", "../testdata/bad/scenarios"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	p := mustLoadTestPlan(f)
	ds := mustLoadData(f, evalFacts)
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenario("scenario.toml", data, ds, p)
		checkDiagnostics(t, err)
		if err != nil {
			return
		}
		// a scenario that parses applies without touching the baseline
		before := len(ds.Facts())
		if _, err := ds.Apply(sc.Changes); err != nil {
			return // an apply error is allowed (e.g. a value out of range after scaling)
		}
		if len(ds.Facts()) != before {
			t.Fatal("Apply changed the baseline dataset")
		}
	})
}
