package engine

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evalFacts gives DEU, LTU and NGA annual reports and areas cleared for 2023.
const evalFacts = "" +
	"DEU,2010,art4_obligation_start,2010-08-01,ISU\n" +
	"DEU,2023,art4_area_cleared_m2,1500,Form F\n" +
	"DEU,2023,art7_annual_submitted,2024-04-12,register\n" +
	"LTU,2023,art7_annual_submitted,2024-06-01,register\n" +
	"NGA,2023,art4_obligation_start,2023-08-01,ISU\n"

func TestEvaluateAggregates(t *testing.T) {
	p := mustLoadTestPlan(t)
	ds := mustLoadData(t, evalFacts)
	r, err := p.Evaluate(context.Background(), ds, 2023, AsOf(MustDate("2025-01-01")))
	require.NoError(t, err)
	assert.Equal(t, 2023, r.Year)
	assert.Equal(t, "2025-01-01", r.AsOf)
	require.Len(t, r.Indicators, 3)

	count := r.Indicators[0]
	assert.Equal(t, "1.1", count.ID)
	require.NotNil(t, count.Value)
	assert.Equal(t, 4.0, *count.Value, "DEU, LTU, NGA, SSD are parties at the end of 2023 (deposit)")
	assert.Equal(t, []string{"DEU", "LTU", "NGA", "SSD"}, count.Counted.List())
	assert.Equal(t, 7, count.Population)
	assert.Nil(t, count.Numerator)

	share := r.Indicators[1]
	assert.Equal(t, ValueTooFew, share.Status, "a share over 2 States is below min_population 5")
	assert.Equal(t, 2, share.N)
	assert.Equal(t, 5, share.MinPopulation)
	assert.Equal(t, "1 of 2", share.KOfN())
	assert.Equal(t, 2, share.Population, "DEU and LTU owe a 2023 report; NGA's initial report was not yet due")
	require.NotNil(t, share.Value)
	assert.Equal(t, 50.0, *share.Value)
	assert.Equal(t, 1.0, *share.Numerator)
	assert.Equal(t, 2.0, *share.Denominator)
	assert.Equal(t, []string{"DEU"}, share.Counted.List())
	assert.Equal(t, []string{"LTU"}, share.NotCounted.List())

	sum := r.Indicators[2]
	assert.Equal(t, 2, sum.Population, "DEU and NGA have Article 4 obligations")
	assert.Equal(t, 1, sum.Known)
	assert.Equal(t, []string{"NGA"}, sum.NoData.List(), "NGA reported no area: unknown, not zero")
	require.NotNil(t, sum.Value)
	assert.Equal(t, 1500.0, *sum.Value)
}

func TestEvaluateMissingIsNotZero(t *testing.T) {
	p := mustLoadTestPlan(t)
	ds := mustLoadData(t, "NGA,2023,art4_obligation_start,2023-08-01,ISU\n")
	r, err := p.Evaluate(context.Background(), ds, 2023, AsOf(MustDate("2025-01-01")))
	require.NoError(t, err)
	sum, _ := r.Indicator("2.2")
	assert.Nil(t, sum.Value, "no State reported an area: no value, not 0")
	assert.Equal(t, ValueMissing, sum.Status)
	assert.Equal(t, []string{"NGA"}, sum.NoData.List())

	r, err = p.Evaluate(context.Background(), ds, 2022, AsOf(MustDate("2025-01-01")))
	require.NoError(t, err)
	sum, _ = r.Indicator("2.2")
	require.NotNil(t, sum.Value, "an empty population sums to 0")
	assert.Equal(t, 0.0, *sum.Value)
	assert.Equal(t, ValueTooFew, sum.Status, "an empty population is never scored")
	assert.Equal(t, 0, sum.N)
}

func TestEvaluateFailingIndicatorDoesNotStopOthers(t *testing.T) {
	fsys := testPlanFS()
	fsys["a02.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(testAction2, "rule = 'art4_area_cleared_m2'", "rule = 'art4_area_cleared_m2 / 0'", 1))}
	p, err := Load(fsys)
	require.NoError(t, err)
	ds := mustLoadData(t, evalFacts)
	r, err := p.Evaluate(context.Background(), ds, 2023, AsOf(MustDate("2025-01-01")))
	require.NoError(t, err)
	bad, _ := r.Indicator("2.2")
	assert.Equal(t, ValueError, bad.Status)
	assert.Nil(t, bad.Value)
	assert.Contains(t, bad.Error, "DEU: expression gave +Inf")
	good, _ := r.Indicator("2.1")
	assert.Equal(t, ValueTooFew, good.Status, "evaluated; over 2 States only")
	require.NotNil(t, good.Value)
}

func TestEvaluateRunErrors(t *testing.T) {
	p := mustLoadTestPlan(t)
	ds := mustLoadData(t, "")
	_, err := p.Evaluate(context.Background(), nil, 2023)
	assert.ErrorIs(t, err, ErrNilDataset)
	_, err = p.Evaluate(context.Background(), ds, 2025, AsOf(MustDate("2024-06-30")))
	assert.ErrorIs(t, err, ErrYearAfter)
	_, err = p.Evaluate(context.Background(), ds, 2023, WithCounting("ratification"))
	assert.ErrorContains(t, err, "counting")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = p.Evaluate(ctx, ds, 2023)
	assert.True(t, errors.Is(err, context.Canceled))
}

func TestEvaluateCountingAndFilter(t *testing.T) {
	p := mustLoadTestPlan(t)
	ds := mustLoadData(t, "")
	dep, err := p.Evaluate(context.Background(), ds, 2023, Only(regexp.MustCompile(`^1\.1$`)))
	require.NoError(t, err)
	require.Len(t, dep.Indicators, 1)
	eif, err := p.Evaluate(context.Background(), ds, 2023, Only(regexp.MustCompile(`^1\.1$`)), WithCounting(CountingEntryIntoForce))
	require.NoError(t, err)
	assert.Equal(t, 4.0, *dep.Indicators[0].Value)
	assert.Equal(t, 3.0, *eif.Indicators[0].Value, "South Sudan is not in force at the end of 2023")
	assert.Equal(t, CountingEntryIntoForce, eif.Counting)
}

func TestEvaluateYearsAndDeterminism(t *testing.T) {
	p := mustLoadTestPlan(t)
	ds := mustLoadData(t, evalFacts)
	rs, err := p.EvaluateYears(context.Background(), ds, 2021, 2025)
	require.NoError(t, err)
	require.Len(t, rs, 5)
	var counts []float64
	for _, r := range rs {
		c, _ := r.Indicator("1.1")
		counts = append(counts, *c.Value)
	}
	assert.Equal(t, []float64{2, 2, 4, 4, 4}, counts, "LTU leaves and VUT joins in 2025")

	// concurrent evaluations of one Plan give identical bytes
	var wg sync.WaitGroup
	out := make([][]byte, 8)
	for i := range out {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r, err := p.Evaluate(context.Background(), ds, 2023, Trace())
			if err == nil {
				out[i], _ = json.Marshal(r)
			}
		}(i)
	}
	wg.Wait()
	for i := range out {
		require.NotEmpty(t, out[i])
		assert.Equal(t, string(out[0]), string(out[i]))
	}
}

func TestEvaluateTraceRecordsOrigins(t *testing.T) {
	p := mustLoadTestPlan(t)
	ds := mustLoadData(t, evalFacts)
	r, err := p.Evaluate(context.Background(), ds, 2023, Trace(), Only(regexp.MustCompile(`^2\.2$`)))
	require.NoError(t, err)
	ir := r.Indicators[0]
	require.Len(t, ir.States, 7, "every State is traced")
	var deu StateOutcome
	for _, so := range ir.States {
		if so.ISO3 == "DEU" {
			deu = so
		}
	}
	assert.True(t, deu.InPopulation)
	assert.Equal(t, 1500.0, deu.Result)
	require.Len(t, deu.Values, 2)
	assert.Equal(t, FieldRead{Field: "art4_area_cleared_m2", Value: 1500.0, Origin: "facts.csv:3", Source: "Form F", Class: ClassUnstated}, deu.Values[0])
	assert.Equal(t, "derived", deu.Values[1].Origin)
}

// A count over States some of which are not known says how many: "0 of 112" alone would say
// that all 112 were known and none counted.
func TestKOfNCountNotKnown(t *testing.T) {
	for _, c := range []struct {
		name   string
		policy UnknownPolicy
		noData []string
		want   string
	}{
		{"all known", UnknownExclude, nil, "1 of 4"},
		{"one not known", UnknownExclude, []string{"CCC"}, "1 of 4, 1 not known"},
		{"two not known", UnknownExclude, []string{"CCC", "DDD"}, "1 of 4, 2 not known"},
		{"unknown counted as not", UnknownAsFalse, []string{"CCC"}, "1 of 4"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ir := IndicatorResult{Aggregate: AggCount, Population: 4, UnknownPolicy: c.policy}
			ir.Counted, ir.NoData = NewStateSet("AAA"), NewStateSet(c.noData...)
			assert.Equal(t, c.want, ir.KOfN())
		})
	}
}
