package engine

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const registersHeader = "field,first_year,last_year,class,source\n"

// registersCSV declares every register field, for every year, of class c.
func registersCSV(c Class) string {
	var b strings.Builder
	b.WriteString(registersHeader)
	for _, name := range registerFieldNames() {
		fmt.Fprintf(&b, "%s,,,%s,test register\n", name, c)
	}
	return b.String()
}

// withRegisters is the files of a dataset with registers.csv.
func withRegisters(states, facts, registers string) fstest.MapFS {
	fsys := dataFS(states, facts)
	fsys["registers.csv"] = &fstest.MapFile{Data: []byte(registers)}
	return fsys
}

// TestRegistersLoadErrors: every problem of registers.csv is reported at once, naming file,
// line and column.
func TestRegistersLoadErrors(t *testing.T) {
	type want struct {
		code, key string
		line      int
		msg       string
	}
	for _, tc := range []struct {
		name string
		csv  string
		want []want
	}{
		{"unknown field", registersHeader + "art7_anual_submitted,,,official,x\n",
			[]want{{CodeUnknownField, "field", 2, `did you mean "art7_annual_submitted"`}}},
		{"report field", registersHeader + "art4_area_cleared_m2,,,official,x\n",
			[]want{{CodeNotRegister, "field", 2, "of kind report, not a register"}}},
		{"derived field", registersHeader + "annual_report_on_time,,,official,x\n",
			[]want{{CodeNotRegister, "field", 2, "of kind derived"}}},
		{"bad year", registersHeader + "msp_attended,twenty,2025,official,x\n",
			[]want{{CodeBadYear, "first_year", 2, `first_year "twenty" is not a year`}}},
		{"year out of range", registersHeader + "msp_attended,2019,3000,official,x\n",
			[]want{{CodeBadYear, "last_year", 2, `last_year "3000"`}}},
		{"last before first", registersHeader + "msp_attended,2025,2019,official,x\n",
			[]want{{CodeBadYear, "last_year", 2, "last_year 2019 is before first_year 2025"}}},
		{"empty class", registersHeader + "msp_attended,,,,x\n",
			[]want{{CodeBadValue, "class", 2, "class is empty"}}},
		{"bad class", registersHeader + "msp_attended,,,oficial,x\n",
			[]want{{CodeBadValue, "class", 2, `did you mean "official"`}}},
		{"empty source", registersHeader + "msp_attended,,,official,\n",
			[]want{{CodeMissingSource, "source", 2, "source is empty"}}},
		{"overlap", registersHeader + "msp_attended,2019,2022,official,x\nmsp_attended,2022,,monitor,y\n",
			[]want{{CodeDuplicateFact, "first_year", 3, "overlap a declaration at registers.csv:2"}}},
		{"missing column", "field,first_year,class,source\nmsp_attended,,official,x\n",
			[]want{{CodeCSVHeader, "last_year", 1, `missing column "last_year"`}}},
		{"all problems at once", registersHeader + "nope,,,official,x\nmsp_attended,x,,official,\nunga_vote,,,illustrative,y\n",
			[]want{{CodeUnknownField, "field", 2, `unknown field "nope"`}, {CodeBadYear, "first_year", 3, ""}, {CodeMissingSource, "source", 3, ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadDataset(withRegisters(testStatesCSV, factsHeader, tc.csv), ".")
			var ds Diagnostics
			require.True(t, errors.As(err, &ds), "want diagnostics, got %v", err)
			require.Len(t, ds, len(tc.want), "%v", ds)
			for i, w := range tc.want {
				assert.Equal(t, "registers.csv", ds[i].File)
				assert.Equal(t, w.code, ds[i].Code, "%v", ds[i])
				assert.Equal(t, w.key, ds[i].Key, "%v", ds[i])
				assert.Equal(t, w.line, ds[i].Line, "%v", ds[i])
				assert.Contains(t, ds[i].Message+" "+ds[i].Hint, w.msg)
				if w.line > 1 {
					assert.Positive(t, ds[i].Col, "the column is named")
				}
			}
		})
	}
}

func TestRegistersInDatasetJSON(t *testing.T) {
	ds, err := LoadDataset(fstest.MapFS{"dataset.json": {Data: []byte(`{"states":[{"iso3":"DEU","name":"Germany","region":"europe"}],
"facts":[],
"registers":[{"field":"art7_annual_submitted","first_year":2019,"last_year":2025,"class":"monitor","source":"x"}]}`)}}, ".")
	require.NoError(t, err)
	assert.Equal(t, []Register{{Field: "art7_annual_submitted", First: 2019, Last: 2025, Class: ClassMonitor, Source: "x", File: "dataset.json", Line: 3}}, ds.Registers())
	assert.Equal(t, ClassMonitor, ds.AbsentClass("art7_annual_submitted", 2020))

	_, err = LoadDataset(fstest.MapFS{"dataset.json": {Data: []byte(`{"states":[{"iso3":"DEU","name":"Germany","region":"europe"}],
"registers":[{"field":"re_programme","class":"official","source":"x"}]}`)}}, ".")
	var diags Diagnostics
	require.True(t, errors.As(err, &diags))
	assert.Equal(t, CodeNotRegister, diags[0].Code)
	assert.Equal(t, 2, diags[0].Line)
}

// TestAbsentClass: an absent register value takes the class declared for its year, unstated
// outside the declared years and without a declaration; a report field's absence has none.
func TestAbsentClass(t *testing.T) {
	ds, err := LoadDataset(withRegisters(testStatesCSV, factsHeader,
		registersHeader+"art7_annual_submitted,2019,2022,monitor,Monitor\nart7_annual_submitted,2023,,illustrative,invented\nart7_initial_submitted,,2020,official,UNODA\n"), ".")
	require.NoError(t, err)
	for _, tc := range []struct {
		field string
		year  int
		want  Class
	}{
		{"art7_annual_submitted", 2019, ClassMonitor},
		{"art7_annual_submitted", 2022, ClassMonitor},
		{"art7_annual_submitted", 2023, ClassIllustrative},
		{"art7_annual_submitted", 2200, ClassIllustrative}, // an empty last year: no bound
		{"art7_annual_submitted", 2018, ClassUnstated},     // before the declared years
		{"art7_initial_submitted", 1990, ClassOfficial},    // an empty first year: no bound
		{"art7_initial_submitted", 2021, ClassUnstated},    // after the declared years
		{"msp_attended", 2021, ClassUnstated},              // a register without a declaration
		{"art4_area_cleared_m2", 2021, ""},                 // a report: absence is not "no"
		{"annual_report_on_time", 2021, ""},                // not an input field
	} {
		assert.Equal(t, tc.want, ds.AbsentClass(tc.field, tc.year), "%s %d", tc.field, tc.year)
	}
	fr, ok, err := ds.Lookup("LTU", "art7_annual_submitted", 2021, MustDate("2025-01-01"))
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Equal(t, ClassMonitor, fr.Class, "a lookup of an absent register value carries the absence's class")

	// a dataset without registers.csv: every register's absence is unstated, never official
	ds = mustLoadData(t, "")
	assert.Equal(t, ClassUnstated, ds.AbsentClass("art7_annual_submitted", 2023))
	assert.Empty(t, ds.Registers())
}

// absenceStates: DEU and LTU owe an annual report for 2023; DEU's is recorded, LTU's is not.
const absenceFacts = "iso3,year,field,value,source,class\n" +
	"DEU,,art7_initial_submitted,2011-01-27,register,official\n" +
	"DEU,2023,art7_annual_submitted,2024-04-12,register,official\n"

// TestAbsenceClassFlows: the class of an absence reaches the derived value built on it, the
// State's result, the indicator's class counts and the Article 7 record.
func TestAbsenceClassFlows(t *testing.T) {
	p := mustLoadTestPlan(t)
	asOf := AsOf(MustDate("2025-01-01"))
	for _, tc := range []struct {
		name      string
		registers string // "" for none
		want      Class
	}{
		{"declared", registersHeader + "art7_annual_submitted,2019,2025,illustrative,invented\nart7_initial_submitted,,,monitor,Monitor\n", ClassIllustrative},
		{"outside the declared years", registersHeader + "art7_annual_submitted,2019,2022,official,UNODA\n", ClassUnstated},
		{"undeclared", "", ClassUnstated},
		{"declared official", registersHeader + "art7_annual_submitted,,,official,UNODA\n", ClassOfficial},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := dataFS(classedStates, absenceFacts)
			if tc.registers != "" {
				fsys["registers.csv"] = &fstest.MapFile{Data: []byte(tc.registers)}
			}
			ds, err := LoadDataset(fsys, ".")
			require.NoError(t, err)
			r, err := p.Evaluate(context.Background(), ds, 2023, asOf, Trace())
			require.NoError(t, err)
			ir := r.Indicators[1] // 2.1: annual reports on time
			require.Equal(t, "2.1", ir.ID)
			classes := map[string]Class{}
			reads := map[string]FieldRead{}
			for _, so := range ir.States {
				classes[so.ISO3] = so.Class
				for _, fr := range so.Values {
					reads[so.ISO3+" "+fr.Field] = fr
				}
			}
			assert.True(t, ir.NotCounted.Has("LTU"), "LTU's report is not recorded: not on time")
			// LTU's States row is monitor: its result is the weaker of that and the absence
			assert.Equal(t, ClassMonitor.Weaker(tc.want), classes["LTU"])
			assert.Equal(t, tc.want, reads["LTU annual_report_on_time"].Class, "the derived value rests on the absence")
			assert.Equal(t, ClassOfficial, classes["DEU"], "a recorded report has its fact's class")
			want := ClassCounts{Official: 1}
			want.Add(ClassMonitor.Weaker(tc.want))
			assert.Equal(t, want, ir.Classes)

			rec, err := p.StateRecord(context.Background(), ds, "LTU", 2023, asOf)
			require.NoError(t, err)
			an := rec.Reporting.Annual[len(rec.Reporting.Annual)-1]
			require.Equal(t, 2023, an.Year)
			assert.Nil(t, an.Received)
			assert.Equal(t, VerdictNo, an.OnTime)
			assert.Equal(t, tc.want, an.AbsenceClass, "none recorded rests on the register")
			assert.Nil(t, rec.Reporting.Initial)
			initial := ClassUnstated
			if strings.Contains(tc.registers, "art7_initial_submitted") {
				initial = ClassMonitor
			}
			assert.Equal(t, initial, rec.Reporting.InitialAbsence)
			// a verdict carries the class of what it rests on: the States row (monitor) that
			// makes the report due, and the register's absence
			assert.Equal(t, ClassMonitor.Weaker(tc.want), an.OnTimeClass, "not received by the deadline")
			assert.Equal(t, VerdictNo, rec.Reporting.InitialOnTime)
			assert.Equal(t, ClassMonitor.Weaker(initial), rec.Reporting.InitialOnTimeClass, "initial report not received")
			a7 := obligationOf(t, p, ds, "LTU", 7)
			assert.Equal(t, ClassMonitor.Weaker(tc.want).Weaker(initial), a7.Class, "the Article 7 status rests on both absences")

			rec, err = p.StateRecord(context.Background(), ds, "DEU", 2023, asOf)
			require.NoError(t, err)
			assert.Empty(t, rec.Reporting.InitialAbsence, "a received report has no absence")
			assert.Empty(t, rec.Reporting.Annual[len(rec.Reporting.Annual)-1].AbsenceClass)
			assert.Equal(t, ClassOfficial, rec.Reporting.Annual[len(rec.Reporting.Annual)-1].OnTimeClass, "official receipt, official States row")
			assert.Equal(t, ClassOfficial, rec.Reporting.InitialOnTimeClass)
			assert.Equal(t, ClassOfficial, obligationOf(t, p, ds, "DEU", 7).Class)
		})
	}
}

// TestAbsenceNeverStrongerThanDeclared is a property: whatever the declaration and the data, a
// State whose result rests on an absent register value (no annual report recorded for the
// year) never carries a class more reliable than the one declared for that year (unstated
// when none is), and one whose report is recorded carries at least its fact's class.
func TestAbsenceNeverStrongerThanDeclared(t *testing.T) {
	p := mustLoadTestPlan(t)
	rng := rand.New(rand.NewPCG(7, 11))
	isos := []string{"DEU", "KEN", "LTU", "NGA", "SSD", "USA", "VUT"}
	dataClass := []string{"official", "monitor", "estimate", "", "illustrative"}
	for round := 0; round < 60; round++ {
		var regs strings.Builder
		regs.WriteString(registersHeader)
		declared := map[int]Class{}
		for first := 2019; first <= 2025; {
			last := first + rng.IntN(3)
			if rng.IntN(3) > 0 { // some years undeclared
				c := Class(dataClass[rng.IntN(len(dataClass))])
				if c == "" {
					c = ClassOfficial
				}
				fmt.Fprintf(&regs, "art7_annual_submitted,%d,%d,%s,r\n", first, last, c)
				for y := first; y <= last; y++ {
					declared[y] = c
				}
			}
			first = last + 1
		}
		var facts strings.Builder
		facts.WriteString("iso3,year,field,value,source,class\n")
		recorded := map[string]Class{}
		for _, iso := range isos {
			for y := 2019; y <= 2025; y++ {
				if rng.IntN(2) == 0 {
					continue
				}
				c := dataClass[rng.IntN(len(dataClass))]
				fmt.Fprintf(&facts, "%s,%d,art7_annual_submitted,%d-%02d-%02d,f,%s\n", iso, y, y+1, 1+rng.IntN(9), 1+rng.IntN(28), c)
				recorded[fmt.Sprint(iso, y)] = Class(cmpOr(c, string(ClassUnstated)))
			}
		}
		ds, err := LoadDataset(withRegisters(classedStates, facts.String(), regs.String()), ".")
		require.NoError(t, err, "round %d", round)
		rs, err := p.EvaluateYears(context.Background(), ds, 2019, 2025, AsOf(MustDate("2026-06-01")), Trace())
		require.NoError(t, err)
		for _, r := range rs {
			floor := declared[r.Year]
			if floor == "" {
				floor = ClassUnstated
			}
			for _, so := range r.Indicators[1].States {
				if so.Class == "" {
					continue // not in the population, or not known
				}
				c, ok := recorded[fmt.Sprint(so.ISO3, r.Year)]
				if !ok {
					c = floor
				}
				require.GreaterOrEqual(t, so.Class.rank(), c.rank(),
					"round %d, %s %d: class %s is more reliable than the %s its result rests on", round, so.ISO3, r.Year, so.Class, c)
			}
		}
	}
}

// obligationOf is one State's obligation under an article (the first episode), as of 2025-01-01
// for 2023.
func obligationOf(t *testing.T, p *Plan, ds *Dataset, iso3 string, article int) Obligation {
	t.Helper()
	a, err := p.Assess(context.Background(), ds, 2023, AsOf(MustDate("2025-01-01")))
	require.NoError(t, err)
	for _, sv := range a.States {
		if sv.ISO3 != iso3 {
			continue
		}
		for _, o := range sv.Obligations {
			if o.Article == article {
				return o
			}
		}
	}
	t.Fatalf("%s has no Article %d obligation", iso3, article)
	return Obligation{}
}

// TestRegisterForOneState: a declaration with an iso3 covers one State's absences (a sourced
// absence, such as Chad's reports not received, in a register the data otherwise invent): for
// that State and its years it comes before the declaration for every State, in AbsentClassOf,
// in Lookup and in what a rule's result rests on; other States and years keep the declaration
// for every State. It is checked as the rest: an unknown State, or two declarations of one
// State sharing a year, is an error at its line and column, and dataset.json takes it too.
func TestRegisterForOneState(t *testing.T) {
	const field = "art7_annual_submitted"
	regs := "field,first_year,last_year,class,source,iso3\n" +
		field + ",2019,2025,illustrative,invented for a sample,\n" +
		field + ",2020,2022,monitor,Mine Action Review 2023: last reported in 2020,LTU\n"
	facts := factsHeader + "DEU,2019," + field + ",2020-04-01,x\nLTU,2019," + field + ",2020-04-01,x\n"
	ds, err := LoadDataset(withRegisters(testStatesCSV, facts, regs), ".")
	require.NoError(t, err)
	for _, tc := range []struct {
		iso3 string
		year int
		want Class
	}{
		{"LTU", 2021, ClassMonitor}, {"LTU", 2020, ClassMonitor}, {"LTU", 2022, ClassMonitor},
		{"LTU", 2023, ClassIllustrative},
		{"DEU", 2021, ClassIllustrative}, {"LTU", 2026, ClassUnstated},
	} {
		assert.Equal(t, tc.want, ds.AbsentClassOf(tc.iso3, field, tc.year), "%s %d", tc.iso3, tc.year)
		fr, ok, err := ds.Lookup(tc.iso3, field, tc.year, MustDate("2026-12-31"))
		require.NoError(t, err)
		assert.False(t, ok)
		assert.Equal(t, tc.want, fr.Class, "Lookup %s %d", tc.iso3, tc.year)
	}
	assert.Equal(t, ClassIllustrative, ds.AbsentClass(field, 2021), "the declaration for every State")
	require.Len(t, ds.Registers(), 2)
	assert.Equal(t, "LTU", ds.Registers()[1].ISO3)

	// the Article 7 record's "none recorded" rests on it: Lithuania's 2021 report, not Germany's
	p := mustLoadTestPlan(t)
	for iso3, want := range map[string]Class{"LTU": ClassMonitor, "DEU": ClassIllustrative} {
		rec, err := p.StateRecord(context.Background(), ds, iso3, 2022, AsOf(MustDate("2023-06-30")))
		require.NoError(t, err)
		found := false
		for _, a := range rec.Reporting.Annual {
			if a.Year == 2021 {
				found = true
				assert.Nil(t, a.Received)
				assert.Equal(t, want, a.AbsenceClass, iso3)
			}
		}
		assert.True(t, found, iso3)
	}

	js := `{"states": [{"iso3": "LTU", "name": "Lithuania", "region": "europe"}], "facts": [],
		"registers": [{"field": "` + field + `", "class": "official", "source": "x", "iso3": "LTU"}]}`
	jds, err := LoadDataset(fstest.MapFS{"dataset.json": {Data: []byte(js)}}, ".")
	require.NoError(t, err)
	assert.Equal(t, ClassOfficial, jds.AbsentClassOf("LTU", field, 2021))

	for _, tc := range []struct {
		name, csv, code, key, msg string
		line                      int
	}{
		{"unknown State", field + ",2020,2022,monitor,x,NGR\n", CodeUnknownState, "iso3", `unknown State "NGR"`, 2},
		{"one State's years twice", field + ",2020,2022,monitor,x,LTU\n" + field + ",2022,2023,official,y,LTU\n", CodeDuplicateFact, "first_year", "overlap a declaration at registers.csv:2", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadDataset(withRegisters(testStatesCSV, factsHeader, "field,first_year,last_year,class,source,iso3\n"+tc.csv), ".")
			var diags Diagnostics
			require.True(t, errors.As(err, &diags), "want diagnostics, got %v", err)
			require.Len(t, diags, 1, "%v", diags)
			assert.Equal(t, tc.code, diags[0].Code)
			assert.Equal(t, tc.key, diags[0].Key)
			assert.Equal(t, tc.line, diags[0].Line)
			assert.Contains(t, diags[0].Error(), tc.msg)
		})
	}
}
