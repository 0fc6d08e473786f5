package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

func TestCutoffStatement(t *testing.T) {
	d := engine.MustDate
	tests := []struct {
		name      string
		year      int
		asOf      string
		cut       *engine.CutOff
		statement string
		head, end string
	}{
		{"plan", 2024, "2025-06-30", &engine.CutOff{AsOf: d("2025-06-30"), Rule: engine.CutOffPlan, Planned: d("2025-06-30")},
			"Data as of 30 June 2025 (the plan's report cut-off for 2024). Nothing dated or recorded after that day is used. Every earlier year (baselines, trends, the year before) is seen the same time after its end as 2024: 2023 as it was known on 30 June 2024, and so on back, with the corrections recorded since applied.",
			"2024", "the end of 2024"},
		{"data before the plan's day", 2026, "2026-10-31", &engine.CutOff{AsOf: d("2026-10-31"), Rule: engine.CutOffData, Planned: d("2027-06-30")},
			"Data as of 31 October 2026 (the latest date in the data; the plan's report cut-off for 2026, 30 June 2027, lies beyond it). Nothing dated or recorded after that day is used. Every earlier year (baselines, trends, the year before) is seen the same time after its end as 2026: 2025 as it was known on 31 October 2025, and so on back, with the corrections recorded since applied. " +
				"2026 is a partial year: its figures cover 1 January to 31 October 2026 and are marked \"partial\".",
			"2026 (partial)", "31 October 2026 (2026 is not over)"},
		{"given", 2024, "2024-12-31", &engine.CutOff{AsOf: d("2024-12-31"), Rule: engine.CutOffGiven, Planned: d("2025-06-30")},
			"Data as of 31 December 2024 (the cut-off given for this report; the plan's report cut-off for 2024 is 30 June 2025). Nothing dated or recorded after that day is used. Every earlier year (baselines, trends, the year before) is seen the same time after its end as 2024: 2023 as it was known on 31 December 2023, and so on back, with the corrections recorded since applied.",
			"2024", "the end of 2024"},
		{"latest, no plan cut-off", 2024, "2026-10-31", &engine.CutOff{AsOf: d("2026-10-31"), Rule: engine.CutOffLatest},
			"Data as of 31 October 2026 (the latest date in the data; the plan sets no report cut-off). Nothing dated or recorded after that day is used. Every earlier year (baselines, trends, the year before) is seen the same time after its end as 2024: 2023 as it was known on 31 October 2025, and so on back, with the corrections recorded since applied.",
			"2024", "the end of 2024"},
		{"no cut-off decided", 2024, "2024-09-30", nil,
			"Data as of 30 September 2024. Nothing dated or recorded after that day is used. Every earlier year (baselines, trends, the year before) is seen the same time after its end as 2024: 2023 as it was known on 30 September 2023, and so on back, with the corrections recorded since applied. 2024 is a partial year: its figures cover 1 January to 30 September 2024 and are marked \"partial\".",
			"2024 (partial)", "30 September 2024 (2024 is not over)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &engine.Assessment{Year: tt.year, AsOf: tt.asOf}
			v, err := newCutoffView(a, Meta{CutOff: tt.cut})
			require.NoError(t, err)
			assert.Equal(t, tt.statement, v.Statement)
			assert.Equal(t, tt.head, v.YearHead)
			assert.Equal(t, tt.end, v.YearEnd)
		})
	}
}

// TestPartialYearLabels: a report whose cut-off falls inside the assessed year says so in its
// title, first page, table heads and charts.
func TestPartialYearLabels(t *testing.T) {
	a, m := fixture()
	a.AsOf = "2024-10-31"
	m.CutOff = &engine.CutOff{Year: 2024, AsOf: engine.MustDate("2024-10-31"), Rule: engine.CutOffData, Planned: engine.MustDate("2025-06-30"), Partial: true}
	r, err := New(a, m)
	require.NoError(t, err)
	var md, html, js bytes.Buffer
	require.NoError(t, r.WriteMarkdown(&md))
	require.NoError(t, r.WriteHTML(&html))
	require.NoError(t, r.WriteJSON(&js))
	for _, want := range []string{
		"progress report 2024 (partial year)",
		"Year assessed: 2024 (partial).",
		"2024 is a partial year: its figures cover 1 January to 31 October 2024",
		"States Parties** at 31 October 2024 (2024 is not over)",
		"| 2023 | 2024 (partial, as of 31 October 2024) |", // the largest changes
		"| Baseline 2021 (as of 31 October 2021) | 2023 (as of 31 October 2023) | 2024 (partial) |",
	} {
		assert.Contains(t, md.String(), want)
	}
	assert.True(t, strings.Contains(html.String(), "Indicators by status and section, 2024 (partial)"))
	assert.True(t, strings.Contains(html.String(), "1.1 Share of States with a plan (2024: partial year). Line:"), "trend charts")
	assert.Contains(t, js.String(), `"partial_year": true`)
	assert.Contains(t, js.String(), `"rule": "data"`)
	figs, err := r.Figures()
	require.NoError(t, err)
	assert.Equal(t, "Progress scores 2024 (partial): sections and the whole plan", figs[0].Title)
}
