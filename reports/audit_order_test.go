package reports

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

// The left-out block of lap audit lists indicators in the plan's order, 3.1 before 24.1.
func TestAuditLeftOutInPlanOrder(t *testing.T) {
	res := &engine.AuditResult{Year: 2025, Scenarios: map[engine.GoodNews]int{},
		Violations: []engine.AuditViolation{}, Excused: []engine.AuditViolation{},
		LeftOut: []engine.AuditLeftOut{
			{ISO3: "AAA", News: "ratify", Indicator: "24.1", Change: engine.NoLongerDecided},
			{ISO3: "AAA", News: "ratify", Indicator: "3.1", Change: engine.NoLongerDecided},
		}}
	var b strings.Builder
	require.NoError(t, WriteAuditTable(&b, res))
	out := b.String()
	i, j := strings.Index(out, "  3.1 after"), strings.Index(out, "  24.1 after")
	require.True(t, i >= 0 && j >= 0, out)
	assert.Less(t, i, j, "3.1 before 24.1:\n%s", out)
}
