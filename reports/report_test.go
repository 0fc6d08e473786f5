package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/internal/golden"
)

func renderDoc(t *testing.T, write func(io.Writer, *engine.Assessment, Meta) error, a *engine.Assessment, m Meta) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, write(&b, a, m))
	return b.String()
}

// TestReportGolden locks the Markdown, CSV and JSON of the fixture byte for byte, and checks
// that a second rendering gives the same bytes.
func TestReportGolden(t *testing.T) {
	tests := []struct {
		file  string
		write func(io.Writer, *engine.Assessment, Meta) error
	}{
		{"report.md", WriteMarkdown},
		{"indicators.csv", WriteCSV},
		{"results.json", WriteJSON},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, m := fixture()
			got := renderDoc(t, tt.write, a, m)
			golden.Check(t, "report/"+tt.file, []byte(got))
			a2, m2 := fixture()
			assert.Equal(t, got, renderDoc(t, tt.write, a2, m2), "a second rendering differs")
		})
	}
}

// TestFigureGolden locks every figure of the fixture: SVG byte for byte, PNG by pixels.
func TestFigureGolden(t *testing.T) {
	a, m := fixture()
	r, err := New(a, m)
	require.NoError(t, err)
	figs, err := r.Figures()
	require.NoError(t, err)
	var names []string
	for _, fig := range figs {
		names = append(names, fig.Name)
	}
	// 3.2 has no value in any year, so it has no chart.
	assert.Equal(t, []string{"scores", "status", "article4-1", "groups-region", "groups-article4", "trend-1.1", "trend-1.2", "trend-2.1", "trend-2.2", "trend-3.1", "trend-3.3"}, names)
	for _, fig := range figs {
		for _, format := range []string{"svg", "png"} {
			t.Run(fig.Name+"."+format, func(t *testing.T) {
				var b bytes.Buffer
				require.NoError(t, fig.Write(&b, format))
				golden.Check(t, "report/charts/"+fig.Name+"."+format, b.Bytes())
			})
		}
	}
}

func TestHTML(t *testing.T) {
	a, m := fixture()
	page := renderDoc(t, WriteHTML, a, m)
	tests := []struct {
		name    string
		want    []string
		notWant []string
	}{
		{"escapes text", []string{"Funds &lt;b&gt;allocated&lt;/b&gt; | reported"}, []string{"<b>allocated"}},
		{"self-contained", []string{"<style>", "<svg role=\"img\""},
			[]string{"<script", "<link", "src=\"http", "href=\"http", "@import", "url(", "<?xml"}},
		{"status by colour, symbol and word", []string{
			`<span class="st st-on-track"><span class="sym" aria-hidden="true">↗</span> On track</span>`,
			`<span class="st st-regressing"><span class="sym" aria-hidden="true">↘</span> Regressing</span>`,
			".st-achieved{border-left-color:#009E73",
		}, nil},
		{"print stylesheet", []string{"@media print", "print-color-adjust:exact"}, nil},
		{"provenance labels and notice", []string{
			"1 is <em>found</em>", "1 <em>inferred</em> and 1 <em>reconstructed</em>", "7 of the 7 indicators are <em>proposed</em>",
			`<span class="prov prov-reconstructed" title="provenance label">reconstructed</span>`, "<em>Not official wording.</em>",
		}, nil},
		{"traceable", []string{"<code>lap explain ID --data &#39;data/my sample&#39; --year 2024</code>"}, nil},
		{"every section, action and indicator", []string{`id="section-alpha"`, `id="section-beta"`,
			`id="action-1"`, `id="action-2"`, `id="action-3"`, `id="ind-1.1"`, `id="ind-3.3"`}, nil},
		{"new States Parties", []string{"New: Carpania (CCC)"}, nil},
		{"obligations", []string{"<th scope=\"row\">Atlantis (AAA)</th><td class=\"n\">4</td>", "✘</span> Will miss",
			"3,000,000 m² (2024)", "Borduria (BBB)"}, nil},
		{"a pending extension request: not known, never past the deadline", []string{
			`<span class="st st-unknown"><span class="sym" aria-hidden="true">?</span> Open; deadline not known (extension requested in 2023, no decision recorded)</span>`,
			`<span class="st st-deadline-not-known"><span class="sym" aria-hidden="true">?</span> Deadline not known</span>`,
			".st-deadline-not-known{", "the deadline that applies is not known: the last recorded, 1 March 2024, has passed and the extension requested in 2023 has no recorded decision",
			"13,383,333 m² (2024)", "1,340,000 m²"},
			[]string{"Past the deadline", "13383333", "1338333"}},
		{"no date unless given", nil, []string{"Report date"}},
		{"the Article 4 chart's text names each line's State, with the code that labels the line",
			[]string{"square kilometres by year for Atlantis (AAA), with a dashed vertical line"}, []string{"by year for AAA,"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.want {
				assert.Contains(t, page, w)
			}
			for _, w := range tt.notWant {
				assert.NotContains(t, page, w)
			}
		})
	}
}

func TestMarkdownEscapes(t *testing.T) {
	a, m := fixture()
	md := renderDoc(t, WriteMarkdown, a, m)
	assert.Contains(t, md, `Funds \<b\>allocated\</b\> \| reported`)
	// chart links; the caption names each line's State with the code that labels its line
	assert.Contains(t, md, "![Article 4: remaining contaminated area, Atlantis (AAA)](charts/article4-1.svg)")
	m.ChartFormat = ""
	assert.NotContains(t, renderDoc(t, WriteMarkdown, a, m), "](charts/", "no chart files, no links")
}

func TestDateAndPrevious(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Meta)
		want    []string
		notWant []string
	}{
		{"date given", func(m *Meta) { m.Date = "2025-09-01" }, []string{"Report date: 2025-09-01.", "Generated by lap report on 2025-09-01."}, nil},
		{"no previous year", func(m *Meta) { m.Previous = nil },
			[]string{"The previous year was not assessed, so new States Parties are not listed.", "### Largest changes since 2023\n\nThe previous year was not assessed."},
			[]string{"Carpania (CCC)", "changed status"}},
		{"previous year", func(*Meta) {}, []string{"New States Parties: Carpania (CCC).", "2 indicators changed status since 2023."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, m := fixture()
			tt.edit(&m)
			md := renderDoc(t, WriteMarkdown, a, m)
			for _, w := range tt.want {
				assert.Contains(t, md, w)
			}
			for _, w := range tt.notWant {
				assert.NotContains(t, md, w)
			}
		})
	}
}

// TestLargestChanges: ranked by the change of progress, largest first; an indicator without
// a previous value or without progress is not ranked.
func TestLargestChanges(t *testing.T) {
	a, m := fixture()
	d, err := newDocument(a, m)
	require.NoError(t, err)
	var ids, deltas []string
	for _, c := range d.Changes {
		ids = append(ids, c.ID)
		deltas = append(deltas, c.ProgressDelta)
	}
	assert.Equal(t, []string{"2.1", "3.1", "3.3"}, ids)
	assert.Equal(t, []string{"-100 pp", "+67 pp", "+10 pp"}, deltas)
}

func TestCSV(t *testing.T) {
	a, m := fixture()
	rows, err := csv.NewReader(strings.NewReader(renderDoc(t, WriteCSV, a, m))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 1+len(a.Indicators), "a header and one row per indicator")
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	r11 := rows[1]
	assert.Equal(t, "1.1", r11[col["id"]])
	assert.Equal(t, "found", r11[col["action_provenance"]])
	assert.Equal(t, "0.8000", r11[col["coverage"]])
	assert.Equal(t, "CCC", r11[col["no_data"]])
	assert.Equal(t, "", r11[col["previous"]], "missing is empty, never 0")
	assert.Equal(t, "lap explain 1.1 --data 'data/my sample' --year 2024", r11[col["explain"]])
	assert.Equal(t, "1234567.891", rows[2][col["value"]])
}

func TestJSON(t *testing.T) {
	a, m := fixture()
	var got struct {
		Report     map[string]any `json:"report"`
		Provenance struct {
			Counts    ProvenanceCounts   `json:"counts"`
			DataFiles []engine.InputFile `json:"data_files"`
		} `json:"provenance"`
		Assessment engine.Assessment `json:"assessment"`
		Previous   []map[string]any  `json:"previous_year"`
	}
	require.NoError(t, json.Unmarshal([]byte(renderDoc(t, WriteJSON, a, m)), &got))
	assert.Equal(t, ProvenanceCounts{Actions: 3, Found: 1, Inferred: 1, Reconstr: 1, Indicators: 7, Proposed: 7}, got.Provenance.Counts)
	assert.Len(t, got.Provenance.DataFiles, 2)
	assert.Len(t, got.Assessment.Indicators, 7)
	assert.Len(t, got.Previous, 4)
	assert.NotContains(t, got.Report, "date", "no date unless given")
}

func TestNilAssessment(t *testing.T) {
	for name, w := range map[string]func(io.Writer, *engine.Assessment, Meta) error{
		"md": WriteMarkdown, "html": WriteHTML, "csv": WriteCSV, "json": WriteJSON,
	} {
		t.Run(name, func(t *testing.T) {
			assert.ErrorIs(t, w(io.Discard, nil, Meta{}), ErrNoAssessment)
		})
	}
}

func TestArticle4Groups(t *testing.T) {
	a := &engine.Assessment{Year: 2024, BaselineYear: 2021}
	m := Meta{Article4Area: map[string][]engine.YearValue{}}
	// Remaining areas in m²: two large, four middling, two small; seven is more than fits.
	areas := map[string]float64{"LAO": 1.3e9, "IRQ": 1.8e8, "CHL": 2.8e7, "DEU": 6.3e6, "LBN": 4.4e6, "AFG": 2.4e6, "SOM": 1.4e6, "TCD": 4.8e5}
	for _, iso := range []string{"AFG", "CHL", "DEU", "IRQ", "LAO", "LBN", "SOM", "TCD"} {
		a.Deadlines = append(a.Deadlines, engine.DeadlineProjection{ISO3: iso, Article: 4, Deadline: "2026-03-01"})
		m.Article4Area[iso] = series(2023, f(areas[iso]*1.1), f(areas[iso]))
	}
	a.Deadlines = append(a.Deadlines, engine.DeadlineProjection{ISO3: "SVK", Article: 3}) // not Article 4
	var got [][]string
	for _, g := range article4Groups(a, m) {
		var codes []string
		for _, s := range g.States {
			codes = append(codes, s.Code)
			assert.Equal(t, 2026, s.Deadline)
		}
		got = append(got, codes)
	}
	assert.Equal(t, [][]string{{"LAO", "IRQ"}, {"CHL", "DEU", "LBN"}, {"AFG", "SOM", "TCD"}}, got)
}

func TestTrendInput(t *testing.T) {
	a, _ := fixture()
	in, ok := trendInput(&a.Indicators[0])
	require.True(t, ok)
	assert.Equal(t, chart.Point{Year: 2023, Missing: true}, in.Series.Points[2], "a missing year is a gap")
	assert.Equal(t, &chart.Reference{Year: 2021, Value: 50}, in.Baseline)
	assert.Equal(t, &chart.Reference{Year: 2026, Value: 100}, in.Target)
	_, ok = trendInput(&a.Indicators[5])
	assert.False(t, ok, "no value in any year: no chart")
	in, ok = trendInput(&a.Indicators[1])
	require.True(t, ok)
	assert.True(t, in.Series.Points[3].Flagged, "a sum whose coverage is flagged is marked on the chart")
	assert.False(t, in.Series.Points[2].Flagged)

	standing := a.Indicators[0]
	standing.TargetYear, standing.TargetEachYear = 2021, true
	in, ok = trendInput(&standing)
	require.True(t, ok)
	assert.Nil(t, in.Baseline, "a standing target has no expected path")
	assert.NotNil(t, in.Target)
}
