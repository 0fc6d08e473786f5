package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	stdpng "image/png"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/lapmonitor/lap/reports/internal/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func f64(v float64) *float64 { return &v }

func pts(first int, values ...*float64) []Point {
	out := make([]Point, len(values))
	for i, v := range values {
		if v == nil {
			out[i] = Point{Year: first + i, Missing: true}
			continue
		}
		out[i] = Point{Year: first + i, Value: *v}
	}
	return out
}

// Sample inputs, shared by the golden and determinism tests.

func sampleTrend() TrendInput {
	return TrendInput{
		ID:    "10.1",
		Title: "States Parties at year end",
		Unit:  "States",
		Series: Series{Points: pts(2019,
			f64(107), f64(110), f64(110), nil, f64(112), f64(112), f64(112))},
		Baseline: &Reference{Year: 2021, Value: 110},
		Target:   &Reference{Year: 2026, Value: 130},
	}
}

func sampleTrendLongTitle() TrendInput {
	return TrendInput{
		ID:    "23.1",
		Title: "Share of the area released in the year that was released through non-technical or technical survey rather than clearance, across all affected States Parties",
		Unit:  "percent",
		// 2022 is missing and 2024 is absent: 2023 stands alone.
		Series: Series{Points: []Point{
			{Year: 2025, Value: 61.5},
			{Year: 2021, Value: 42.0},
			{Year: 2022, Missing: true},
			{Year: 2023, Value: 55.25},
			{Year: 2020, Value: 38.5},
		}},
		Baseline: &Reference{Year: 2021, Value: 42},
	}
}

func sampleOverlay() OverlayInput {
	return OverlayInput{
		ID:       "21.1",
		Title:    "Area cleared",
		Unit:     "km²",
		Base:     Series{Label: "Reported", Points: pts(2021, f64(74.3), f64(81.0), nil, f64(88.9))},
		Scenario: Series{Label: "What-if: +20 % clearance capacity", Points: pts(2024, f64(88.9), f64(106.7), f64(128.0))},
		Target:   &Reference{Year: 2026, Value: 120},
	}
}

func sampleStatus() StatusInput {
	return StatusInput{Sections: []SectionStatus{
		{Section: "Universalization", Counts: map[Status]int{StatusOnTrack: 1, StatusNoTarget: 2}},
		{Section: "Stockpile destruction and retention", Counts: map[Status]int{
			StatusAchieved: 3, StatusOnTrack: 2, StatusNeedsAcceleration: 1, StatusInsufficientData: 1}},
		{Section: "Survey, clearance and risk reduction education", Counts: map[Status]int{
			StatusAchieved: 1, StatusOnTrack: 3, StatusNeedsAcceleration: 4, StatusRegressing: 2, StatusNoTarget: 1, StatusInsufficientData: 2}},
		{Section: "Victim assistance", Counts: map[Status]int{
			StatusOnTrack: 2, StatusNeedsAcceleration: 2, StatusRegressing: 1, StatusInsufficientData: 2}},
		{Section: "International cooperation and assistance", Counts: map[Status]int{
			StatusAchieved: 1, StatusNeedsAcceleration: 2, StatusNoTarget: 2}},
		{Section: "Transparency measures", Counts: map[Status]int{StatusAchieved: 2, StatusRegressing: 2}},
		{Section: "National implementation measures", Counts: map[Status]int{StatusOnTrack: 1, StatusInsufficientData: 2}},
		{Section: "Compliance", Counts: map[Status]int{StatusNoTarget: 1}},
	}}
}

func sampleScores() ScoresInput {
	return ScoresInput{
		Sections: []Score{
			{Label: "Universalization", Value: 12.5},
			{Label: "Stockpile destruction and retention", Value: 86},
			{Label: "Survey, clearance and risk reduction education", Value: 47.4},
			{Label: "Victim assistance", Value: 39},
			{Label: "International cooperation and assistance", Value: 100},
			{Label: "Transparency measures", Value: 0},
			{Label: "National implementation measures", Missing: true},
			{Label: "Compliance", Missing: true},
		},
		Overall: &Score{Value: 54.2},
	}
}

func sampleArticle4() Article4Input {
	return Article4Input{States: []StateArea{
		{Code: "LAO", Area: pts(2020, f64(95e6), f64(90e6), f64(84.5e6), nil, f64(76e6), f64(71.2e6)), Deadline: 2025},
		{Code: "LBN", Area: pts(2020, f64(17.8e6), f64(16.9e6), f64(15.1e6), f64(13.9e6), nil, f64(11e6)), Deadline: 2026},
		{Code: "IRQ", Area: pts(2020, f64(180e6), nil, f64(165e6), f64(158e6), f64(147e6), f64(139e6)), Deadline: 2028},
		{Code: "TCD", Area: pts(2021, f64(5.1e6), f64(4.3e6), f64(3.2e6), f64(2.6e6)), Deadline: 2026},
		{Code: "BIH", Area: pts(2020, f64(1.2e6), f64(0.6e6), f64(0.25e6), f64(0.05e6), f64(0)), Deadline: 2024},
	}}
}

func goldenCases() []struct {
	name  string
	build func() (*plot.Plot, error)
} {
	return []struct {
		name  string
		build func() (*plot.Plot, error)
	}{
		{"trend", func() (*plot.Plot, error) { return TrendChart(sampleTrend()) }},
		{"trend_long_title", func() (*plot.Plot, error) { return TrendChart(sampleTrendLongTitle()) }},
		{"overlay", func() (*plot.Plot, error) { return OverlayChart(sampleOverlay()) }},
		{"status", func() (*plot.Plot, error) { return StatusChart(sampleStatus()) }},
		{"scores", func() (*plot.Plot, error) { return ScoresChart(sampleScores()) }},
		{"article4", func() (*plot.Plot, error) { return Article4Chart(sampleArticle4()) }},
	}
}

func render(t *testing.T, p *plot.Plot, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteChart(&buf, p, format, DefaultWidth, DefaultHeight))
	return buf.Bytes()
}

func TestChartsGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.build()
			require.NoError(t, err)

			svg := render(t, p, "svg")
			assert.True(t, bytes.HasPrefix(svg, []byte("<?xml")), "SVG output starts with an XML declaration")
			golden.Check(t, "charts/"+tc.name+".svg", svg)

			png := render(t, p, "png")
			assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG")), "PNG output has the PNG signature")
			golden.Check(t, "charts/"+tc.name+".png", png)
		})
	}
}

func TestChartsDeterministic(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			p1, err := tc.build()
			require.NoError(t, err)
			p2, err := tc.build()
			require.NoError(t, err)
			first := render(t, p1, "svg")
			// The same plot written twice, and a plot built again from the
			// same input, give byte-identical SVG.
			assert.Equal(t, first, render(t, p1, "svg"))
			assert.Equal(t, first, render(t, p2, "svg"))
		})
	}
}

// linePaths counts the stroked, unfilled polylines of the given colour in an
// SVG written by gonum's vgsvg. Markers are circles (arcs) or filled shapes
// and do not match; the series' legend icon does.
func linePaths(svg []byte, rgbHex string) int {
	re := regexp.MustCompile(`<path d="M[^"A]*L[^"A]*" style="fill:none;stroke:` + rgbHex + `;[^"]*"`)
	return len(re.FindAll(svg, -1))
}

func TestTrendChartGaps(t *testing.T) {
	cases := []struct {
		name   string
		points []Point
		want   int // line segments
	}{
		{"no gap", pts(2021, f64(1), f64(2), f64(3)), 1},
		{"missing middle year", pts(2021, f64(1), f64(2), nil, f64(4), f64(5)), 2},
		{"absent middle year", []Point{{Year: 2021, Value: 1}, {Year: 2022, Value: 2}, {Year: 2024, Value: 3}, {Year: 2025, Value: 3}}, 2},
		{"lone values are markers only", pts(2021, f64(1), nil, f64(3), nil, f64(5)), 0},
		{"missing ends", pts(2020, nil, f64(1), f64(2), nil), 1},
		{"two gaps", pts(2019, f64(1), f64(1), nil, f64(2), f64(2), nil, f64(3), f64(3)), 3},
		{"zero is a value, not a gap", pts(2021, f64(5), f64(0), f64(2)), 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := TrendChart(TrendInput{ID: "1.1", Title: "Gaps", Unit: "items", Series: Series{Points: tc.points}})
			require.NoError(t, err)
			svg := render(t, p, "svg")
			// The observed series is the first series style: Okabe–Ito blue;
			// one more line of that colour is its legend icon.
			assert.Equal(t, tc.want+1, linePaths(svg, "#0072B2"), "line segments in SVG, plus the legend icon")

			cleaned, err := cleanPoints("x", tc.points)
			require.NoError(t, err)
			lines := 0
			for _, r := range runs(cleaned) {
				if len(r) > 1 {
					lines++
				}
			}
			assert.Equal(t, tc.want, lines, "runs of two or more points")
		})
	}
}

func TestRuns(t *testing.T) {
	in := []Point{
		{Year: 2019, Value: 1}, {Year: 2020, Value: 2}, {Year: 2021, Missing: true},
		{Year: 2022, Value: 0}, {Year: 2024, Value: 4}, {Year: 2025, Value: 5},
	}
	got := runs(in)
	require.Len(t, got, 3)
	assert.Equal(t, []Point{{Year: 2019, Value: 1}, {Year: 2020, Value: 2}}, got[0])
	assert.Equal(t, []Point{{Year: 2022, Value: 0}}, got[1])
	assert.Equal(t, []Point{{Year: 2024, Value: 4}, {Year: 2025, Value: 5}}, got[2])
	assert.Empty(t, runs(nil))
	assert.Empty(t, runs([]Point{{Year: 2020, Missing: true}}))
}

func TestChartErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name    string
		build   func() (*plot.Plot, error)
		want    error
		message string // the error message starts with this
	}{
		{"trend NaN value", func() (*plot.Plot, error) {
			in := sampleTrend()
			in.Series.Points[1].Value = nan
			return TrendChart(in)
		}, ErrInvalidInput, `draw trend chart 10.1: invalid chart input: series "Observed" year 2020 value is NaN`},
		{"trend NaN in missing point is ignored", nil, nil, ""},
		{"trend Inf value", func() (*plot.Plot, error) {
			in := sampleTrend()
			in.Series.Points[0].Value = -inf
			return TrendChart(in)
		}, ErrInvalidInput, "draw trend chart 10.1: invalid chart input"},
		{"trend empty series", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "10.1", Unit: "States"})
		}, ErrNoData, "draw trend chart 10.1: no data to chart"},
		{"trend all missing", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "10.1", Series: Series{Points: pts(2021, nil, nil)}, Target: &Reference{Year: 2026, Value: 5}})
		}, ErrNoData, "draw trend chart 10.1: no data to chart"},
		{"trend duplicate year", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "10.1", Series: Series{Points: []Point{{Year: 2021, Value: 1}, {Year: 2021, Value: 2}}}})
		}, ErrInvalidInput, "draw trend chart 10.1: invalid chart input: series \"Observed\": year 2021 appears twice"},
		{"trend zero year", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "10.1", Series: Series{Points: []Point{{Value: 1}}}})
		}, ErrInvalidInput, "draw trend chart 10.1: invalid chart input"},
		{"trend NaN target", func() (*plot.Plot, error) {
			in := sampleTrend()
			in.Target.Value = nan
			return TrendChart(in)
		}, ErrInvalidInput, "draw trend chart 10.1: invalid chart input: target value is NaN"},
		{"trend target before baseline", func() (*plot.Plot, error) {
			in := sampleTrend()
			in.Target.Year = 2020
			return TrendChart(in)
		}, ErrInvalidInput, "draw trend chart 10.1: invalid chart input: target year 2020 is not after baseline year 2021"},
		{"overlay NaN in scenario", func() (*plot.Plot, error) {
			in := sampleOverlay()
			in.Scenario.Points[2].Value = nan
			return OverlayChart(in)
		}, ErrInvalidInput, `draw overlay chart 21.1: invalid chart input: series "What-if: +20 % clearance capacity" year 2026 value is NaN`},
		{"trend without id", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{Title: "Untitled"})
		}, ErrNoData, "draw trend chart: no data to chart"},
		{"overlay both empty", func() (*plot.Plot, error) {
			return OverlayChart(OverlayInput{ID: "21.1"})
		}, ErrNoData, "draw overlay chart 21.1: no data to chart"},
		{"status no sections", func() (*plot.Plot, error) {
			return StatusChart(StatusInput{})
		}, ErrNoData, "draw status chart: no data to chart"},
		{"status all zero", func() (*plot.Plot, error) {
			return StatusChart(StatusInput{Sections: []SectionStatus{{Section: "A"}, {Section: "B", Counts: map[Status]int{StatusAchieved: 0}}}})
		}, ErrNoData, "draw status chart: no data to chart"},
		{"status unknown statuses", func() (*plot.Plot, error) {
			return StatusChart(StatusInput{Sections: []SectionStatus{{Section: "A", Counts: map[Status]int{"late": 1, "early": 2, StatusAchieved: 1}}}})
		}, ErrInvalidInput, `draw status chart: invalid chart input: section "A": unknown status "early", "late"`},
		{"status negative count", func() (*plot.Plot, error) {
			return StatusChart(StatusInput{Sections: []SectionStatus{{Section: "A", Counts: map[Status]int{StatusRegressing: -1}}}})
		}, ErrInvalidInput, "draw status chart: invalid chart input"},
		{"status unnamed section", func() (*plot.Plot, error) {
			return StatusChart(StatusInput{Sections: []SectionStatus{{Section: " ", Counts: map[Status]int{StatusAchieved: 1}}}})
		}, ErrInvalidInput, "draw status chart: invalid chart input: section 1 has no name"},
		{"scores empty", func() (*plot.Plot, error) {
			return ScoresChart(ScoresInput{})
		}, ErrNoData, "draw scores chart: no data to chart"},
		{"scores NaN", func() (*plot.Plot, error) {
			return ScoresChart(ScoresInput{Sections: []Score{{Label: "A", Value: nan}}})
		}, ErrInvalidInput, `draw scores chart: invalid chart input: score "A" is NaN`},
		{"scores above 100", func() (*plot.Plot, error) {
			return ScoresChart(ScoresInput{Overall: &Score{Value: 100.5}})
		}, ErrInvalidInput, `draw scores chart: invalid chart input: score "Overall plan" is 100.5, outside 0–100`},
		{"scores negative", func() (*plot.Plot, error) {
			return ScoresChart(ScoresInput{Sections: []Score{{Label: "A", Value: -1}}})
		}, ErrInvalidInput, "draw scores chart: invalid chart input"},
		{"scores unlabelled", func() (*plot.Plot, error) {
			return ScoresChart(ScoresInput{Sections: []Score{{Value: 3}}})
		}, ErrInvalidInput, "draw scores chart: invalid chart input"},
		{"article 4 no States", func() (*plot.Plot, error) {
			return Article4Chart(Article4Input{})
		}, ErrNoData, "draw article 4 chart: no data to chart"},
		{"article 4 all missing", func() (*plot.Plot, error) {
			return Article4Chart(Article4Input{States: []StateArea{{Code: "LAO", Area: pts(2021, nil, nil), Deadline: 2025}}})
		}, ErrNoData, "draw article 4 chart: no data to chart"},
		{"article 4 NaN area", func() (*plot.Plot, error) {
			in := sampleArticle4()
			in.States[1].Area[0].Value = nan
			return Article4Chart(in)
		}, ErrInvalidInput, `draw article 4 chart: invalid chart input: series "LBN" year 2020 value is NaN`},
		{"article 4 negative area", func() (*plot.Plot, error) {
			in := sampleArticle4()
			in.States[0].Area[0].Value = -1
			return Article4Chart(in)
		}, ErrInvalidInput, "draw article 4 chart: invalid chart input: State LAO year 2020: negative area -1"},
		{"article 4 duplicate State", func() (*plot.Plot, error) {
			in := sampleArticle4()
			in.States[1].Code = "LAO"
			return Article4Chart(in)
		}, ErrInvalidInput, "draw article 4 chart: invalid chart input: State LAO appears twice"},
		{"article 4 State without code", func() (*plot.Plot, error) {
			in := sampleArticle4()
			in.States[2].Code = ""
			return Article4Chart(in)
		}, ErrInvalidInput, "draw article 4 chart: invalid chart input: State 3 has no code"},
		{"article 4 too many States", func() (*plot.Plot, error) {
			var in Article4Input
			for _, c := range strings.Fields("A B C D E F G H I") {
				in.States = append(in.States, StateArea{Code: c, Area: pts(2021, f64(1))})
			}
			return Article4Chart(in)
		}, ErrInvalidInput, "draw article 4 chart: invalid chart input: 9 States, at most 8 fit on one chart"},
	}
	for _, tc := range cases {
		if tc.build == nil {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.build()
			require.Error(t, err)
			assert.Nil(t, p)
			assert.ErrorIs(t, err, tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), tc.message), "error %q starts with %q", err, tc.message)
		})
	}

	t.Run("NaN in a missing point is ignored", func(t *testing.T) {
		in := sampleTrend()
		in.Series.Points[3] = Point{Year: 2022, Value: nan, Missing: true}
		_, err := TrendChart(in)
		require.NoError(t, err)
	})
}

func TestNewSeries(t *testing.T) {
	cases := []struct {
		name   string
		years  []int
		values []*float64
		want   []Point
		err    string
	}{
		{"parallel", []int{2021, 2022, 2023}, []*float64{f64(1), nil, f64(0)},
			[]Point{{Year: 2021, Value: 1}, {Year: 2022, Missing: true}, {Year: 2023, Value: 0}}, ""},
		{"empty", nil, nil, []Point{}, ""},
		{"more years", []int{2021, 2022}, []*float64{f64(1)}, nil,
			`build series "s": invalid chart input: 2 years but 1 values`},
		{"more values", []int{2021}, []*float64{f64(1), f64(2)}, nil,
			`build series "s": invalid chart input: 1 years but 2 values`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewSeries("s", tc.years, tc.values)
			if tc.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrInvalidInput)
				assert.EqualError(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "s", s.Label)
			assert.Equal(t, tc.want, s.Points)
		})
	}
}

func TestWriteChartErrors(t *testing.T) {
	p, err := TrendChart(sampleTrend())
	require.NoError(t, err)
	cases := []struct {
		name   string
		p      *plot.Plot
		format string
		w, h   float64
		err    string
	}{
		{"pdf", p, "pdf", 400, 200, `write chart: invalid chart input: unsupported format "pdf" (want svg or png)`},
		{"upper case", p, "SVG", 400, 200, `write chart: invalid chart input: unsupported format "SVG" (want svg or png)`},
		{"nil plot", nil, "svg", 400, 200, "write chart: invalid chart input: nil plot"},
		{"zero width", p, "svg", 0, 200, "write chart: invalid chart input"},
		{"NaN height", p, "png", 400, math.NaN(), "write chart: invalid chart input"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteChart(&buf, tc.p, tc.format, vg.Points(tc.w), vg.Points(tc.h))
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidInput)
			assert.True(t, strings.HasPrefix(err.Error(), tc.err), "error %q starts with %q", err, tc.err)
			assert.Zero(t, buf.Len(), "nothing written on error")
		})
	}

	t.Run("writer error", func(t *testing.T) {
		err := WriteChart(failWriter{}, p, "svg", DefaultWidth, DefaultHeight)
		require.Error(t, err)
		assert.ErrorIs(t, err, errWrite)
		assert.True(t, strings.HasPrefix(err.Error(), "write svg chart: "), err.Error())
	})
}

var errWrite = errors.New("disk full")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestStatusColors(t *testing.T) {
	colors := StatusColors()
	require.Len(t, colors, len(Statuses()))
	seen := map[color.RGBA]Status{}
	for _, s := range Statuses() {
		assert.True(t, s.Valid(), s)
		c, ok := StatusColor(s)
		require.True(t, ok, s)
		assert.Equal(t, c, colors[s], s)
		if other, dup := seen[c]; dup {
			t.Errorf("%s and %s share colour %v", s, other, c)
		}
		seen[c] = s
		assert.NotEqual(t, string(s), s.Label(), "%s has a human label", s)
	}
	// Fixed colours, documented on StatusColor.
	assert.Equal(t, color.RGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xff}, colors[StatusAchieved])
	assert.Equal(t, color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xff}, colors[StatusRegressing])

	_, ok := StatusColor("late")
	assert.False(t, ok)
	assert.False(t, Status("late").Valid())
	assert.Equal(t, "late", Status("late").Label())

	// Each status is also distinct without colour: unique (fill, hatch)
	// pairs, and the two unhatched fills differ clearly in lightness.
	type key struct {
		hatch hatchKind
		light bool
	}
	patterns := map[key]Status{}
	for _, s := range Statuses() {
		st, _ := statusStyle(s)
		y := 0.299*float64(st.color.R) + 0.587*float64(st.color.G) + 0.114*float64(st.color.B)
		k := key{st.hatch, y > 160}
		if other, dup := patterns[k]; dup {
			t.Errorf("%s and %s look alike in black and white", s, other)
		}
		patterns[k] = s
	}

	// The map is a copy: changing it changes no chart.
	colors[StatusAchieved] = color.RGBA{}
	c, _ := StatusColor(StatusAchieved)
	assert.NotEqual(t, color.RGBA{}, c)
}

func TestSeriesStylesDistinct(t *testing.T) {
	type key struct {
		dashes string
		shape  string
	}
	colours := map[color.Color]int{}
	looks := map[key]int{}
	for i := range maxSeries {
		st := styleFor(i)
		k := key{fmt.Sprint(st.line.Dashes), fmt.Sprintf("%T", st.glyph.Shape)}
		if j, dup := looks[k]; dup {
			t.Errorf("series %d and %d have the same dash pattern and marker", i, j)
		}
		looks[k] = i
		if i < 7 {
			if j, dup := colours[st.line.Color]; dup {
				t.Errorf("series %d and %d have the same colour", i, j)
			}
			colours[st.line.Color] = i
		}
		if i > 0 {
			prev := styleFor(i - 1)
			assert.NotEqual(t, fmt.Sprint(prev.line.Dashes), fmt.Sprint(st.line.Dashes), "series %d and %d differ in dashes", i-1, i)
		}
	}
}

func TestWrapText(t *testing.T) {
	cases := []struct {
		name         string
		in           string
		width, lines int
		want         string
	}{
		{"short", "Victim assistance", 24, 2, "Victim assistance"},
		{"spaces collapse", "  Victim   assistance ", 24, 2, "Victim assistance"},
		{"two lines", "International cooperation and assistance", 26, 2, "International cooperation\nand assistance"},
		{"truncated at a word", "Survey, clearance and risk reduction education in all affected States", 24, 2, "Survey, clearance and\nrisk reduction…"},
		{"truncated in a word", "Survey, clearance and risk-reduction-education in all affected States", 24, 2, "Survey, clearance and\nrisk-reduction-educatio…"},
		{"long word", "Abcdefghijklmnopqrstuvwxyz", 10, 3, "Abcdefghij\nklmnopqrst\nuvwxyz"},
		{"empty", "", 10, 2, ""},
		{"no break at a no-break space", "cercl\u00e9\u00a0: repose sur des donn\u00e9es", 8, 4, "cercl\u00e9\u00a0:\nrepose\nsur des\ndonn\u00e9es"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := wrapText(tc.in, tc.width, tc.lines)
			assert.Equal(t, tc.want, got)
			lines := strings.Split(got, "\n")
			assert.LessOrEqual(t, len(lines), tc.lines)
			for _, l := range lines {
				assert.LessOrEqual(t, len([]rune(l)), tc.width, "line %q", l)
			}
		})
	}
	assert.Equal(t, "10.1 States Parties at year end", chartTitle(" 10.1 ", "States Parties at year end"))
	assert.Equal(t, "Only a title", chartTitle("", "Only a title"))
}

func TestTicksAndNumbers(t *testing.T) {
	labels := func(ts []plot.Tick) []string {
		var out []string
		for _, tk := range ts {
			if !tk.IsMinor() {
				out = append(out, tk.Label)
			}
		}
		return out
	}
	cases := []struct {
		name string
		got  []string
		want []string
	}{
		{"years", labels(integerTicks{}.Ticks(2018.5, 2026.5)), []string{"2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"}},
		{"many years", labels(integerTicks{}.Ticks(1999.5, 2030.5)), []string{"2000", "2005", "2010", "2015", "2020", "2025", "2030"}},
		{"counts", labels(integerTicks{}.Ticks(0, 13)), []string{"0", "2", "4", "6", "8", "10", "12"}},
		{"no whole number", labels(integerTicks{}.Ticks(0.2, 0.8)), nil},
		{"large values grouped", labels(numberTicks{}.Ticks(0, 25e6)), []string{"0", "5,000,000", "10,000,000", "15,000,000", "20,000,000", "25,000,000"}},
		{"thousands grouped with ten thousands", labels(numberTicks{}.Ticks(0, 12000)), []string{"0", "2,000", "4,000", "6,000", "8,000", "10,000", "12,000"}},
		{"four digits alone not grouped", labels(numberTicks{}.Ticks(1000, 3000)), []string{"1000", "1500", "2000", "2500", "3000"}},
		{"small values share decimals", labels(numberTicks{}.Ticks(0, 0.6)), []string{"0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"}},
		{"steps of 2.5", labels(numberTicks{}.Ticks(0, 15)), []string{"0.0", "2.5", "5.0", "7.5", "10.0", "12.5", "15.0"}},
		{"offset range", labels(numberTicks{}.Ticks(105.6, 131.4)), []string{"110", "115", "120", "125", "130"}},
		{"negative", labels(numberTicks{}.Ticks(-3, 3)), []string{"-3", "-2", "-1", "0", "1", "2", "3"}},
		{"empty range", labels(numberTicks{}.Ticks(1, 1)), nil},
		{"the words write the labels, grouped on the whole axis", labels(numberTicks{&Words{Number: func(v float64, dec int, group bool) string {
			return fmt.Sprintf("%g/%d/%t", v, dec, group)
		}}}.Ticks(0, 12000)), []string{"0/0/true", "2000/0/true", "4000/0/true", "6000/0/true", "8000/0/true", "10000/0/true", "12000/0/true"}},
		{"the words write the labels, ungrouped", labels(numberTicks{&Words{Number: func(v float64, dec int, group bool) string {
			return fmt.Sprintf("%g/%d/%t", v, dec, group)
		}}}.Ticks(0, 15)), []string{"0/1/false", "2.5/1/false", "5/1/false", "7.5/1/false", "10/1/false", "12.5/1/false", "15/1/false"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.got)
		})
	}
	for in, want := range map[float64]string{
		130: "130", 42.5: "42.5", 1.005e6: "1,005,000", 1234.5678: "1234.57", -12345: "-12,345", -0.001: "0", 0: "0",
	} {
		assert.Equal(t, want, formatValue(in), "formatValue(%v)", in)
	}
	// Every year tick of a trend chart is a whole number.
	for _, tk := range (integerTicks{}).Ticks(2018.5, 2026.5) {
		assert.Equal(t, math.Trunc(tk.Value), tk.Value)
	}
}

// TestChartsEdgeCases draws unusual but valid inputs in both formats.
func TestChartsEdgeCases(t *testing.T) {
	cases := []struct {
		name  string
		build func() (*plot.Plot, error)
	}{
		{"trend single value", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "1.1", Series: Series{Points: []Point{{Year: 2024, Value: 3}}}})
		}},
		{"trend constant values", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "1.1", Unit: "percent", Series: Series{Points: pts(2021, f64(100), f64(100))}})
		}},
		{"trend all zero", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "1.1", Series: Series{Points: pts(2021, f64(0), f64(0), f64(0))}})
		}},
		{"trend negative values", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "1.1", Series: Series{Points: pts(2021, f64(-5), f64(3), f64(-1))}, Target: &Reference{Year: 2026, Value: 0}})
		}},
		{"trend huge values", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "21.1", Unit: "m²", Series: Series{Points: pts(2021, f64(12e6), f64(25e6))}, Baseline: &Reference{Year: 2021, Value: 12e6}})
		}},
		{"trend only target", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "1.1", Series: Series{Points: pts(2021, f64(1))}, Target: &Reference{Year: 2030, Value: 10}})
		}},
		{"trend long span of years", func() (*plot.Plot, error) {
			return TrendChart(TrendInput{ID: "1.1", Series: Series{Points: []Point{{Year: 1999, Value: 1}, {Year: 2026, Value: 2}}}})
		}},
		{"overlay scenario missing", func() (*plot.Plot, error) {
			return OverlayChart(OverlayInput{ID: "1.1", Base: Series{Points: pts(2021, f64(1), f64(2))}})
		}},
		{"status one section", func() (*plot.Plot, error) {
			return StatusChart(StatusInput{Sections: []SectionStatus{{Section: "Compliance", Counts: map[Status]int{StatusAchieved: 1}}}})
		}},
		{"status empty section among others", func() (*plot.Plot, error) {
			return StatusChart(StatusInput{Sections: []SectionStatus{{Section: "A"}, {Section: "B", Counts: map[Status]int{StatusOnTrack: 40}}}})
		}},
		{"scores overall only", func() (*plot.Plot, error) {
			return ScoresChart(ScoresInput{Overall: &Score{Value: 50}})
		}},
		{"scores all missing", func() (*plot.Plot, error) {
			return ScoresChart(ScoresInput{Sections: []Score{{Label: "A", Missing: true}}, Overall: &Score{Missing: true}})
		}},
		{"article 4 no deadlines", func() (*plot.Plot, error) {
			return Article4Chart(Article4Input{States: []StateArea{{Code: "LAO", Area: pts(2021, f64(1e6), f64(0))}}})
		}},
		{"article 4 eight States", func() (*plot.Plot, error) {
			var in Article4Input
			for i, c := range strings.Fields("A B C D E F G H") {
				in.States = append(in.States, StateArea{Code: c, Area: pts(2021, f64(float64(i+1)*1e6), f64(float64(i)*1e6)), Deadline: 2024 + i%3})
			}
			return Article4Chart(in)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.build()
			require.NoError(t, err)
			require.NotNil(t, p)
			assert.NotEmpty(t, render(t, p, "svg"))
			assert.NotEmpty(t, render(t, p, "png"))
		})
	}
}

func TestTrendTitleAndLabels(t *testing.T) {
	p, err := TrendChart(sampleTrendLongTitle())
	require.NoError(t, err)
	lines := strings.Split(p.Title.Text, "\n")
	assert.Len(t, lines, 2, "a long title is wrapped onto two lines")
	assert.True(t, strings.HasSuffix(lines[1], "…"), "and truncated: %q", lines[1])
	assert.True(t, strings.HasPrefix(lines[0], "23.1 Share of the area"), lines[0])
	assert.Equal(t, "Year", p.X.Label.Text)
	assert.Equal(t, "percent", p.Y.Label.Text)

	p, err = TrendChart(TrendInput{ID: "1.1", Series: Series{Points: pts(2021, f64(1))}})
	require.NoError(t, err)
	assert.Equal(t, "Value", p.Y.Label.Text, "a missing unit gets a neutral label")

	p, err = Article4Chart(sampleArticle4())
	require.NoError(t, err)
	assert.Equal(t, "Remaining contaminated area (km²)", p.Y.Label.Text)
	assert.InDelta(t, 0, p.Y.Min, 0)
	assert.Greater(t, p.Y.Max, 180.0, "areas are shown in km²: IRQ has 180 km² in 2020")
	assert.Less(t, p.Y.Max, 250.0)
}

func TestGoldenEqual(t *testing.T) {
	p, err := ScoresChart(sampleScores())
	require.NoError(t, err)
	png := render(t, p, "png")
	svg := render(t, p, "svg")

	img, err := stdpng.Decode(bytes.NewReader(png))
	require.NoError(t, err)
	rgba := image.NewRGBA(img.Bounds())
	stddraw.Draw(rgba, rgba.Bounds(), img, image.Point{}, stddraw.Src)
	encode := func() []byte {
		var buf bytes.Buffer
		require.NoError(t, stdpng.Encode(&buf, rgba))
		return buf.Bytes()
	}
	// Anti-aliasing noise: one pixel a little off is tolerated.
	c := rgba.RGBAAt(10, 10)
	rgba.SetRGBA(10, 10, color.RGBA{R: c.R - 3, G: c.G - 3, B: c.B - 3, A: c.A})
	noisy := encode()
	// A real change: a black block where the chart was white.
	for x := 0; x < 40; x++ {
		for y := 0; y < 40; y++ {
			rgba.SetRGBA(x, y, color.RGBA{A: 0xff})
		}
	}
	changed := encode()

	cases := []struct {
		name      string
		ext       string
		got, want []byte
		equal     bool
	}{
		{"same PNG", ".png", png, png, true},
		{"PNG within tolerance", ".png", noisy, png, true},
		{"PNG changed", ".png", changed, png, false},
		{"same SVG", ".svg", svg, svg, true},
		{"SVG one byte off", ".svg", append(bytes.Clone(svg), ' '), svg, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eq, err := golden.Equal(tc.ext, tc.got, tc.want)
			require.NoError(t, err)
			assert.Equal(t, tc.equal, eq)
		})
	}
	_, err = golden.Equal(".png", []byte("not a png"), png)
	assert.Error(t, err)
}

// Points whose value is not official data are ringed, and the legend says what the ring means;
// a chart of official values has neither.
func TestUnofficialPointsAreRinged(t *testing.T) {
	ringed := func(points []Point) (int, bool) {
		p, err := TrendChart(TrendInput{ID: "1.1", Title: "Classes", Unit: "items", Series: Series{Points: points}})
		require.NoError(t, err)
		svg := string(render(t, p, "svg"))
		return strings.Count(svg, "#444444"), strings.Contains(svg, "ringed")
	}
	official := pts(2021, f64(1), f64(2), f64(3))
	base, legend := ringed(official)
	assert.False(t, legend)
	marked := pts(2021, f64(1), f64(2), f64(3))
	marked[1].Unofficial, marked[2].Unofficial = true, true
	n, legend := ringed(marked)
	assert.True(t, legend, "the legend explains the ring")
	assert.Equal(t, base+3, n, "two rings on the data and one in the legend")
}

// TestTrendAxisWholeNumbers: a short range of whole values (a count of States) is labelled
// with whole numbers only; other values keep round-number ticks.
func TestTrendAxisWholeNumbers(t *testing.T) {
	tests := []struct {
		name   string
		values []*float64
		whole  bool
	}{
		{"count of States", []*float64{f64(9), f64(9), f64(8), f64(8)}, true},
		{"fractions", []*float64{f64(8.5), f64(9), f64(8), f64(8)}, false},
		{"wide whole range", []*float64{f64(0), f64(500), f64(1000), f64(2000)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSeries("Observed", []int{2021, 2022, 2023, 2024}, tt.values)
			require.NoError(t, err)
			p, err := TrendChart(TrendInput{ID: "18.1", Title: "States", Unit: "States", Series: s})
			require.NoError(t, err)
			_, isInt := p.Y.Tick.Marker.(integerTicks)
			assert.Equal(t, tt.whole, isInt)
			for _, tick := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
				if tt.whole && tick.Label != "" {
					assert.NotContains(t, tick.Label, ".", "whole numbers only")
				}
			}
		})
	}
}
