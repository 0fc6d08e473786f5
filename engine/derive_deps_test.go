package engine

import (
	"fmt"
	"os"
	"reflect"
	"strconv"
	"testing"

	"github.com/lapmonitor/lap/indicators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleDataset(t testing.TB) *Dataset {
	t.Helper()
	ds, err := LoadDataset(os.DirFS("../testdata/sample"), ".")
	require.NoError(t, err)
	return ds
}

// envValues returns every field's value in a State's environment, nil when absent.
func envValues(se *stateEnv) []any {
	out := make([]any, len(schema))
	env := reflect.ValueOf(&se.env).Elem()
	for fi := range schema {
		if !se.present.has(fi) && !schema[fi].Input() {
			continue
		}
		v := env.Field(envFieldPath[fi])
		if v.Kind() == reflect.Pointer {
			if !v.IsNil() {
				out[fi] = v.Elem().Interface()
			}
			continue
		}
		out[fi] = v.Interface()
	}
	return out
}

// perturb returns variants of a fact's value: another value of the same type.
func perturb(fd Field, f Fact) []Fact {
	var out []Fact
	switch fd.Type {
	case TypeNumber:
		v, _ := strconv.ParseFloat(f.Value, 64)
		for _, nv := range []float64{v*2 + 7, 0} {
			g := f
			g.Value = strconv.FormatFloat(nv, 'f', -1, 64)
			out = append(out, g)
		}
	case TypeBool:
		g := f
		g.Value = strconv.FormatBool(f.Value != "true")
		out = append(out, g)
	case TypeDate:
		d := MustDate(f.Value)
		for _, shift := range []int{-400, -30, 30, 400} {
			g := f
			nd := d.AddDays(shift)
			g.Value = nd.String()
			if fd.Scope == ScopeEvent {
				g.Year = nd.Year()
			}
			out = append(out, g)
		}
	case TypeEnum:
		for _, e := range fd.Enum {
			if e != f.Value {
				g := f
				g.Value = e
				out = append(out, g)
			}
		}
	default:
		g := f
		g.Value = f.Value + "x"
		out = append(out, g)
	}
	return out
}

// TestDerivedDepsComplete proves the dependency table complete on the sample data: for every
// input field, perturbing it (changing, removing, shifting dates) for several States changes,
// in any year and under either counting convention, only fields Dependents lists.
func TestDerivedDepsComplete(t *testing.T) {
	ds := sampleDataset(t)
	states := ds.States()
	facts := ds.Facts()
	byField := map[string][]int{} // field -> indexes of facts
	byState := map[string][]Fact{}
	for i, f := range facts {
		byField[f.Field] = append(byField[f.Field], i)
		byState[f.ISO3] = append(byState[f.ISO3], f)
	}
	// build is per State, so a dataset holding only the perturbed State's facts is enough
	without := func(iso string, drop int) []Fact {
		var out []Fact
		for _, f := range byState[iso] {
			if f.Line != facts[drop].Line {
				out = append(out, f)
			}
		}
		return out
	}
	years := []int{2019, 2021, 2022, 2023, 2024, 2025}
	perField := 60 // facts perturbed per field; LAP_FULL_DEPS=1 perturbs every fact (30 s)
	switch {
	case os.Getenv("LAP_FULL_DEPS") != "":
		perField = 1 << 30
	case testing.Short():
		perField = 8
	}
	check := func(t *testing.T, input string, nd *Dataset, iso string) {
		allowed := dependents([]string{input})
		si := ds.stateIdx[iso]
		for _, counting := range []Counting{CountingDeposit, CountingEntryIntoForce} {
			for _, y := range years {
				fr := frame{year: y, asOf: ds.latest, counting: counting, adopted: MustDate("2021-09-21"), rateYears: 3}
				var a, b stateEnv
				ds.build(si, fr, &a)
				nd.build(nd.stateIdx[iso], fr, &b)
				va, vb := envValues(&a), envValues(&b)
				for fi := range schema {
					if !reflect.DeepEqual(va[fi], vb[fi]) {
						assert.True(t, allowed[schema[fi].Name], "%s changed for %s in %d (%s) after perturbing %s, but dependentsSorted(%q) does not list it",
							schema[fi].Name, iso, y, counting, input, input)
					}
				}
			}
		}
	}
	rebuild := func(t *testing.T, sts []State, fs []Fact) *Dataset {
		nd, err := NewDataset(sts, fs)
		require.NoError(t, err)
		return nd
	}
	for _, fd := range Fields() {
		if !fd.Input() {
			continue
		}
		t.Run(fd.Name, func(t *testing.T) {
			idx := byField[fd.Name]
			if len(idx) == 0 {
				t.Skipf("no %s facts in the sample", fd.Name)
			}
			// up to perField facts spread over the list
			step := max(1, len(idx)/perField)
			for k := 0; k < len(idx); k += step {
				i := idx[k]
				f := facts[i]
				// remove it
				rest := without(f.ISO3, i)
				check(t, fd.Name, rebuild(t, states, rest), f.ISO3)
				for _, g := range perturb(fd, f) {
					changed := append(rest[:len(rest):len(rest)], g)
					nd, err := NewDataset(states, changed)
					if err != nil {
						continue // a shifted event can collide with another of the same year
					}
					check(t, fd.Name, nd, f.ISO3)
				}
			}
		})
	}
	// the States-file columns
	for _, col := range settableStateColumns {
		t.Run("column "+col, func(t *testing.T) {
			for _, iso := range []string{"KEN", "LAO", "AGO", "ZAF", "DEU", "AFG", "ZWE"} {
				for _, v := range []string{"", "2019-06-15", "2022-03-01", "2024-11-20"} {
					sts := ds.States()
					s := &sts[ds.stateIdx[iso]]
					c := Change{Kind: ChangeSet, ISO3: iso, Field: col, Value: v}
					if v == "" {
						c.Kind = ChangeRemove
					}
					require.NoError(t, setStateColumn(s, &c))
					if checkStateDates(s) != nil {
						continue
					}
					nd := rebuild(t, sts, byState[iso])
					check(t, col, nd, iso)
				}
			}
		})
	}
}

func TestDependents(t *testing.T) {
	tests := []struct {
		input    string
		contains []string
		excludes []string
	}{
		{"art4_area_cleared_m2", []string{"art4_area_cleared_m2"}, []string{"party", "art4_outstanding"}},
		{"ratified", []string{"ratified", "party", "deposited", "signatory", "not_party", "initial_report_required", "initial_report_overdue", "annual_report_due", "joined_year", "joined_after_lap", "has_obligation", "entry_into_force", "art4_outstanding"}, []string{"art4_area_cleared_m2", "year"}},
		{"art7_initial_submitted", []string{"art7_initial_submitted", "initial_report_submitted", "initial_report_overdue"}, []string{"party"}},
		{DepCounting, []string{"party", "not_party", "art3_outstanding", "has_obligation"}, []string{"deposited", "counting"}},
		{"no_such_field", nil, []string{"no_such_field"}},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			got := dependentsSorted(tt.input)
			for _, c := range tt.contains {
				assert.Contains(t, got, c)
			}
			for _, c := range tt.excludes {
				assert.NotContains(t, got, c)
			}
		})
	}
	// every name in the table is a field or a pseudo-input
	for d, deps := range derivedDeps {
		fd, ok := LookupField(d)
		require.True(t, ok, d)
		assert.False(t, fd.Input(), "%s is an input field", d)
		for _, dep := range deps {
			_, ok := fieldIndex[dep]
			assert.True(t, ok || dep == DepCounting || dep == DepAdopted || dep == DepRateYears, fmt.Sprintf("%s depends on unknown %s", d, dep))
		}
	}
	// and every derived field is in the table
	for _, fd := range Fields() {
		if !fd.Input() {
			_, ok := derivedDeps[fd.Name]
			assert.True(t, ok, "derived field %s is missing from derivedDeps", fd.Name)
		}
	}
}

// TestEveryPathBuildsTheSameEnvironment: the data checks see every field of a State's year with
// the value the indicators read, derived fields included. The checks once built their
// environments without the plan's deadline_rate_years, so art3/art4_projected_to_miss were not
// known to a check though the indicators knew them.
func TestEveryPathBuildsTheSameEnvironment(t *testing.T) {
	p, err := Load(indicators.FS)
	require.NoError(t, err)
	ds := sampleDataset(t)
	cfg, err := p.configure(ds, nil)
	require.NoError(t, err)
	require.NotZero(t, p.scoringFor(cfg).DeadlineRateYears)
	for _, y := range []int{2022, 2024} {
		ev := &evaluator{plan: p, ds: ds, cfg: cfg}
		ev.buildEnvs(y)
		ck := &checkRun{plan: p, ds: ds, cfg: cfg}
		ck.year(y)
		projected := 0
		for si := range ds.states {
			want := envValues(&ev.envs[si])
			assert.Equal(t, want, envValues(&ck.cur[si]), "%s %d", ds.states[si].ISO3, y)
			if want[ix.Art4ProjectedToMiss] != nil {
				projected++
			}
		}
		assert.NotZero(t, projected, "%d: the sample has Article 4 projections to compare", y)
	}
}
