package engine_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

// TestFactsOf: FactsOf gives exactly what Facts gives for one field, in the same order, every
// version included; a field without facts (or an unknown name) gives none.
func TestFactsOf(t *testing.T) {
	ds, err := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	require.NoError(t, err)
	for _, field := range []string{"art4_area_remaining_m2", "art4_area_cleared_m2", "art7_annual_submitted", "no_such_field"} {
		t.Run(field, func(t *testing.T) {
			var want []engine.Fact
			for _, f := range ds.Facts() {
				if f.Field == field {
					want = append(want, f)
				}
			}
			assert.Equal(t, want, ds.FactsOf(field))
		})
	}
	require.NotEmpty(t, ds.FactsOf("art4_area_cleared_m2"))
}

func ExampleDataset_FactsOf() {
	ds, err := engine.NewDataset(
		[]engine.State{{ISO3: "LAO", Name: "Lao People's Democratic Republic", Region: "asia-pacific"}},
		[]engine.Fact{
			{ISO3: "LAO", Year: 2023, Field: "art4_area_cleared_m2", Value: "52800000", Source: "Article 7 report"},
			{ISO3: "LAO", Year: 2022, Field: "art4_area_cleared_m2", Value: "51000000", Source: "Article 7 report"},
			{ISO3: "LAO", Year: 2023, Field: "art4_area_remaining_m2", Value: "1300000000", Source: "Article 7 report"},
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range ds.FactsOf("art4_area_cleared_m2") {
		fmt.Println(f.ISO3, f.Year, f.Value)
	}
	// Output:
	// LAO 2022 51000000
	// LAO 2023 52800000
}
