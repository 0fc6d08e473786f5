package engine_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lapmonitor/lap/engine"
)

func TestCompareIndicatorIDs(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"3.1", "24.1", -1},   // by action number, not by text ("24.1" < "3.1" as text)
		{"24.2", "24.10", -1}, // by the indicator's number within the action
		{"24.10", "24.2", 1},
		{"24.1", "24.1", 0},
		{"3.01", "3.1", -1}, // the same numbers: a fixed order by text
		{"50.1", "x", -1},   // an id that is not <action>.<n> comes after
		{"x", "50.1", 1},
		{"a", "b", -1},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			assert.Equal(t, tt.want, engine.CompareIndicatorIDs(tt.a, tt.b))
		})
	}
}

func ExampleCompareIndicatorIDs() {
	ids := []string{"24.1", "3.2", "24.10", "3.1", "24.2"}
	slices.SortFunc(ids, engine.CompareIndicatorIDs)
	fmt.Println(ids)
	// Output: [3.1 3.2 24.1 24.2 24.10]
}
