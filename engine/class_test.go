package engine

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// classedStates gives the States file a class column: DEU official, LTU monitor, the rest
// without one (unstated).
const classedStates = `iso3,name,region,signed,ratified,entry_into_force,withdrawn,class
DEU,Germany,europe,2008-12-03,2009-07-08,2010-08-01,,official
KEN,Kenya,africa,2008-12-03,,,,
LTU,Lithuania,europe,2008-12-03,2011-03-24,2011-09-01,2025-03-06,monitor
NGA,Nigeria,africa,2009-06-12,2023-02-28,2023-08-01,,official
SSD,South Sudan,africa,,2023-08-03,2024-02-01,,official
USA,United States of America,americas,,,,,
VUT,Vanuatu,asia-pacific,,2025-09-05,,,official
`

const classedFacts = "iso3,year,field,value,source,class\n" +
	"DEU,2010,art4_obligation_start,2010-08-01,ISU,official\n" +
	"DEU,2023,art4_area_cleared_m2,1500,Form F,official\n" +
	"DEU,2023,art7_annual_submitted,2024-04-12,register,official\n" +
	"LTU,2023,art7_annual_submitted,2024-06-01,register,\n" +
	"NGA,2023,art4_obligation_start,2023-08-01,ISU,estimate\n" +
	"NGA,2023,art4_area_cleared_m2,200,invented,illustrative\n"

func TestClassColumn(t *testing.T) {
	ds, err := LoadDataset(dataFS(classedStates, classedFacts), ".")
	require.NoError(t, err)
	classes := map[string]Class{}
	for _, f := range ds.Facts() {
		classes[f.ISO3+" "+f.Field] = f.Class
	}
	assert.Equal(t, ClassOfficial, classes["DEU art4_area_cleared_m2"])
	assert.Equal(t, ClassUnstated, classes["LTU art7_annual_submitted"], "an empty class is unstated, never official")
	assert.Equal(t, ClassIllustrative, classes["NGA art4_area_cleared_m2"])
	kenya, _ := ds.State("KEN")
	assert.Equal(t, ClassUnstated, kenya.Class)

	// without the column every value is unstated
	ds, err = LoadDataset(dataFS(testStatesCSV, factsHeader+evalFacts), ".")
	require.NoError(t, err)
	for _, f := range ds.Facts() {
		assert.Equal(t, ClassUnstated, f.Class)
	}
	// dataset.json carries it as "class"
	ds, err = LoadDataset(fstest.MapFS{"dataset.json": {Data: []byte(`{"states":[{"iso3":"DEU","name":"Germany","region":"europe","class":"official"}],
"facts":[{"iso3":"DEU","year":2023,"field":"art4_area_cleared_m2","value":1,"source":"x","class":"monitor"}]}`)}}, ".")
	require.NoError(t, err)
	assert.Equal(t, ClassMonitor, ds.Facts()[0].Class)
	deu, _ := ds.State("DEU")
	assert.Equal(t, ClassOfficial, deu.Class)
}

func TestClassColumnRefusesUnknownClasses(t *testing.T) {
	_, err := LoadDataset(dataFS(testStatesCSV, "iso3,year,field,value,source,class\nDEU,2023,re_programme,true,x,oficial\n"), ".")
	var ds Diagnostics
	require.True(t, errors.As(err, &ds))
	require.Len(t, ds, 1)
	assert.Equal(t, CodeBadValue, ds[0].Code)
	assert.Equal(t, "class", ds[0].Key)
	assert.Equal(t, 2, ds[0].Line)
	assert.Contains(t, ds[0].Message, `did you mean "official"`)

	_, err = LoadDataset(dataFS("iso3,name,region,signed,ratified,entry_into_force,withdrawn,class\nDEU,Germany,europe,,,,,unstated\n", factsHeader), ".")
	require.True(t, errors.As(err, &ds), "unstated is written by leaving the column empty")
	assert.Equal(t, "class", ds[0].Key)
}

func TestClassWeaker(t *testing.T) {
	assert.Equal(t, ClassMonitor, ClassOfficial.Weaker(ClassMonitor))
	assert.Equal(t, ClassIllustrative, ClassIllustrative.Weaker(ClassUnstated))
	assert.Equal(t, ClassUnstated, ClassEstimate.Weaker(ClassUnstated), "a value of unknown class is less reliable than an estimate")
	assert.Equal(t, ClassOfficial, Class("").Weaker(ClassOfficial), "no value weakens nothing")
	var cc ClassCounts
	assert.Equal(t, Class(""), cc.Weakest())
	cc.Add(ClassOfficial)
	cc.Add(ClassEstimate)
	cc.Add("")
	assert.Equal(t, ClassEstimate, cc.Weakest())
	assert.Equal(t, 2, cc.Total())
}

// TestIndicatorClasses: an indicator's value carries the least reliable class of the values
// behind it, with counts per State; traced reads carry their class, derived ones that of the
// facts and States-file rows they come from.
func TestIndicatorClasses(t *testing.T) {
	p := mustLoadTestPlan(t)
	// every register declared official: the classes below are the facts' (registers_test.go
	// tests the class of an absence)
	fsys := dataFS(classedStates, classedFacts)
	fsys["registers.csv"] = &fstest.MapFile{Data: []byte(registersCSV(ClassOfficial))}
	ds, err := LoadDataset(fsys, ".")
	require.NoError(t, err)
	r, err := p.Evaluate(context.Background(), ds, 2023, AsOf(MustDate("2025-01-01")), Trace())
	require.NoError(t, err)

	count := r.Indicators[0] // 1.1: party, from the States file
	assert.Equal(t, ClassCounts{Official: 4, Monitor: 1, Unstated: 2}, count.Classes, "every State has a known result")
	assert.Equal(t, ClassUnstated, count.Class)

	sum := r.Indicators[2] // 2.2: area cleared by States with an Article 4 obligation
	assert.Equal(t, 1500.0+200, *sum.Value)
	assert.Equal(t, ClassCounts{Official: 1, Illustrative: 1}, sum.Classes)
	assert.Equal(t, ClassIllustrative, sum.Class, "one invented figure makes the sum illustrative")

	reads := map[string]FieldRead{}
	for _, so := range sum.States {
		for _, fr := range so.Values {
			reads[so.ISO3+" "+fr.Field] = fr
		}
	}
	assert.Equal(t, ClassIllustrative, reads["NGA art4_area_cleared_m2"].Class)
	assert.Equal(t, ClassEstimate, reads["NGA art4_outstanding"].Class, "derived from an estimated obligation start and an official States row")
	assert.Equal(t, ClassOfficial, reads["DEU art4_outstanding"].Class)
	assert.Equal(t, Class(""), reads["USA art4_area_cleared_m2"].Class, "an absent value has no class")

	// a State counts once, under the least reliable class of all it read
	r, err = p.Evaluate(context.Background(), ds, 2023, AsOf(MustDate("2025-01-01")), Only(regexp.MustCompile(`^2\.1$`)))
	require.NoError(t, err)
	assert.Equal(t, ClassCounts{Official: 1, Unstated: 1}, r.Indicators[0].Classes,
		"DEU official; LTU's States row is monitor and its report date unstated: the weakest, unstated, counts")
}

// addRank, which the evaluator uses, counts as Add does.
func TestClassCountsAddRank(t *testing.T) {
	for _, c := range append([]Class{""}, Classes...) {
		var a, b ClassCounts
		a.Add(c)
		b.addRank(c.rank())
		require.Equal(t, a, b, "class %q", c)
	}
}
