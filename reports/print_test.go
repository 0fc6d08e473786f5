package reports

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrintStylesheet: report.html's print rules, which lap report --formats pdf relies on:
// A4 pages; each section on a new page (the summary on the first); no table row, table cell,
// caption or chart split across pages; table heads repeated on every page a table spans.
func TestPrintStylesheet(t *testing.T) {
	i := strings.Index(htmlCSS, "@media print{")
	require.GreaterOrEqual(t, i, 0)
	print := htmlCSS[i:]
	for _, rule := range []string{
		"@page{size:A4;",
		"h2{break-before:page;",
		"h2#summary{break-before:avoid}",
		"tr,th,td,.kpi,.kpis,figure,figure svg,caption{break-inside:avoid}",
		"caption{break-after:avoid}",
		"thead{display:table-header-group}",
	} {
		assert.Contains(t, print, rule)
	}
}
