// Package chart draws the annual report's charts with gonum.org/v1/plot and writes them as SVG or
// PNG; it knows nothing of the engine. The report (package reports) turns an assessment into
// these inputs; a chart function returns a *plot.Plot, WriteChart writes it, ChartKey gives the
// content key that lets lap report reuse an unchanged PNG, and Figure is a named chart with its
// description.
//
// Conventions shared by every chart:
//
//   - Input is plain data (Series, Point, Reference, ...) with no dependency
//     on the engine. Inputs are validated: NaN and ±Inf are errors
//     (ErrInvalidInput), and a chart with nothing to draw is an error
//     (ErrNoData) rather than an empty picture, so that the caller can print
//     "no data" in the report text instead.
//   - A missing value is a gap in a line, never a zero. A line only joins the
//     values of consecutive years: a year marked Missing, or a year absent
//     from the series, breaks the line. A lone value between gaps is drawn as
//     a marker only.
//   - Colours come from the Okabe–Ito colour-blind-safe palette, and every
//     series also differs by dash pattern and marker shape (every status by
//     hatch pattern) so that charts read in black and white.
//   - The layout is tuned for DefaultWidth × DefaultHeight (16 cm × 9 cm);
//     the legend sits right of the data area so it never hides data.
//   - Output is deterministic: the same input gives byte-identical SVG.
package chart

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/lapmonitor/lap/internal/thousands"
)

// Default chart size: readable when printed at 16 cm × 9 cm.
const (
	DefaultWidth  = 16 * vg.Centimeter
	DefaultHeight = 9 * vg.Centimeter
)

// PNGDPI is the resolution at which WriteChart rasterises PNG.
const PNGDPI = 192

var (
	// ErrNoData is returned (wrapped) by a chart function when its input
	// has nothing to draw, e.g. a series whose values are all missing.
	ErrNoData = errors.New("no data to chart")

	// ErrInvalidInput is returned (wrapped) when chart input is malformed:
	// NaN or infinite values, duplicate years, unknown statuses, ...
	ErrInvalidInput = errors.New("invalid chart input")
)

// Point is one yearly value of a series. A Point with Missing set is a gap:
// its Value is ignored and nothing is drawn for that year.
type Point struct {
	Year    int
	Value   float64
	Missing bool
	// Unofficial is set when the value rests, at least in part, on data that are not official
	// (docs/data.md, "The class of a value"): the point is drawn ringed, with a legend entry.
	Unofficial bool
	// Flagged marks a value that is not comparable with the others: a sum whose coverage is
	// low or changed since the year before, or a share taken over too few States. It is
	// drawn inside a square, with a legend entry.
	Flagged bool
}

// Series is a labelled sequence of yearly values. Points may be in any order
// but a year may appear only once.
type Series struct {
	Label  string
	Points []Point
}

// NewSeries builds a Series from parallel slices: values[i] is the value for
// years[i], and a nil value is missing. The slices must have the same length.
func NewSeries(label string, years []int, values []*float64) (Series, error) {
	if len(years) != len(values) {
		return Series{}, fmt.Errorf("build series %q: %w: %d years but %d values",
			label, ErrInvalidInput, len(years), len(values))
	}
	s := Series{Label: label, Points: make([]Point, len(years))}
	for i, y := range years {
		if values[i] == nil {
			s.Points[i] = Point{Year: y, Missing: true}
			continue
		}
		s.Points[i] = Point{Year: y, Value: *values[i]}
	}
	return s, nil
}

// Reference is a value anchored at a year, such as an indicator's baseline or
// its target.
type Reference struct {
	Year  int
	Value float64
}

// Status is the assessment of one indicator. The values are the status names
// used throughout the reports.
type Status string

// The statuses, in the order in which charts stack and list them: from good
// news to bad, then the two statuses that are not an assessment of progress.
const (
	StatusAchieved          Status = "achieved"
	StatusOnTrack           Status = "on-track"
	StatusNeedsAcceleration Status = "needs-acceleration"
	StatusRegressing        Status = "regressing"
	StatusNoTarget          Status = "no-target"
	StatusInsufficientData  Status = "insufficient-data"
	StatusTooFew            Status = "too-few"
)

// Statuses returns all statuses in chart order.
func Statuses() []Status {
	return []Status{
		StatusAchieved,
		StatusOnTrack,
		StatusNeedsAcceleration,
		StatusRegressing,
		StatusNoTarget,
		StatusInsufficientData,
		StatusTooFew,
	}
}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	_, ok := statusStyle(s)
	return ok
}

// Label returns the human-readable name of s, e.g. "Needs acceleration".
func (s Status) Label() string {
	switch s {
	case StatusAchieved:
		return "Achieved"
	case StatusOnTrack:
		return "On track"
	case StatusNeedsAcceleration:
		return "Needs acceleration"
	case StatusRegressing:
		return "Regressing"
	case StatusNoTarget:
		return "No target"
	case StatusInsufficientData:
		return "Insufficient data"
	case StatusTooFew:
		return "Too few to score"
	}
	return string(s)
}

// StatusColor returns the fixed colour of a status, the same in every chart
// and meant to be reused by HTML reports:
//
//	achieved            #009E73  bluish green, solid
//	on-track            #56B4E9  sky blue, "/" hatching
//	needs-acceleration  #E69F00  orange, "\" hatching
//	regressing          #D55E00  vermilion, cross hatching
//	no-target           #999999  grey, horizontal hatching
//	insufficient-data   #DDDDDD  light grey, solid
//	too-few             #F2F2F2  pale grey, "/" hatching
//
// The hatching is drawn in bar charts so that statuses differ in black and
// white too. ok is false for an unknown status.
func StatusColor(s Status) (c color.RGBA, ok bool) {
	st, ok := statusStyle(s)
	return st.color, ok
}

// StatusColors returns a new map from every status to its colour (see
// StatusColor). Callers may modify the map; charts do not use it.
func StatusColors() map[Status]color.RGBA {
	m := make(map[Status]color.RGBA)
	for _, s := range Statuses() {
		m[s], _ = StatusColor(s)
	}
	return m
}

// TrendInput is the data of an indicator trend chart.
type TrendInput struct {
	ID    string // indicator id, e.g. "10.1"; starts the title
	Title string // indicator title; wrapped or truncated if long
	Unit  string // y-axis label, e.g. "States", "percent", "m²"

	// Series holds the observed values. Its Label names it in the legend
	// ("Observed" if empty).
	Series Series

	// Baseline and Target are optional. Each is drawn as a horizontal
	// reference line; with both, the expected path is drawn as a straight
	// line from the baseline to the target. Target.Year must then be after
	// Baseline.Year.
	Baseline *Reference
	Target   *Reference

	Words *Words // the legend's words; nil for English
}

// OverlayInput is the data of a chart comparing two trends of one indicator,
// such as current data and a what-if scenario.
type OverlayInput struct {
	ID    string
	Title string
	Unit  string

	// Base and Scenario are drawn with distinct colours, dash patterns and
	// markers. Empty labels become "Baseline" and "Scenario".
	Base     Series
	Scenario Series

	// Target is an optional horizontal reference line.
	Target *Reference

	Words *Words // the legend's words; nil for English
}

// StatusInput is the data of the status distribution chart: one stacked
// bar per section.
type StatusInput struct {
	Title    string // default "Indicator status by section"
	Sections []SectionStatus
	Words    *Words // the legend's words; nil for English
}

// SectionStatus holds the number of indicators of one section in each
// status. Statuses absent from Counts count zero.
type SectionStatus struct {
	Section string
	Counts  map[Status]int
}

// Score is one progress score in percent (0–100). A Missing score is drawn
// as "n/a" without a bar.
type Score struct {
	Label   string
	Value   float64
	Missing bool
}

// ScoresInput is the data of the scores chart: one bar per section and,
// optionally, one for the overall plan score, set apart at the top.
type ScoresInput struct {
	Title    string // default "Progress scores"
	Sections []Score
	Overall  *Score // nil: no overall bar; an empty Label becomes "Overall plan"
	Words    *Words // nil for English
}

// StateArea is the remaining cluster munition contaminated area of one
// State, by year, for the Article 4 chart.
type StateArea struct {
	Code string // short State code such as "LAO"; names the line and the deadline

	// Area holds the remaining area in square metres (the chart shows km²).
	// Missing years are gaps.
	Area []Point

	// Deadline is the year of the State's Article 4 clearance deadline, or 0
	// for none. It is drawn as a vertical dashed line labelled with Code.
	Deadline int
}

// Article4Input is the data of the Article 4 remaining contamination chart.
type Article4Input struct {
	Title  string // default "Remaining cluster munition contaminated area"
	States []StateArea
	Words  *Words // the legend's words; nil for English
}

// WriteChart writes p as "svg" or "png" of the given size to w, with a small
// white margin around the plot. Use DefaultWidth and DefaultHeight unless the
// report needs another size.
//
// PNG is rasterised at PNGDPI, twice the screen resolution, so that small
// text stays crisp: at the default size the image is 1210 × 680 pixels, and
// an HTML page should give it a width (16 cm, or 605 CSS pixels). SVG does
// not embed fonts: it names Liberation Sans, and a viewer without that font
// substitutes a similar sans-serif one.
func WriteChart(w io.Writer, p *plot.Plot, format string, width, height vg.Length) error {
	if err := checkChartArgs(p, format, width, height); err != nil {
		return fmt.Errorf("write chart: %w", err)
	}
	if err := writeChart(w, p, format, width, height, nil); err != nil {
		return fmt.Errorf("write %s chart: %w", format, err)
	}
	return nil
}

// writeChart is WriteChart; tee, when not nil, receives the drawing that is the same in both
// formats (see drawChart), to compute the PNG's content key while the SVG is drawn.
func writeChart(w io.Writer, p *plot.Plot, format string, width, height vg.Length, tee vg.Canvas) error {
	if err := checkChartArgs(p, format, width, height); err != nil {
		return err
	}
	// This is what p.WriterTo does, plus a margin so that no text touches
	// the edge of the picture, and a finer resolution for PNG.
	if format == "png" {
		c, img := newImageCanvas(width, height)
		defer releaseImage(img)
		drawChart(c, p, format, tee)
		return encodePNG(w, img)
	}
	c := vgsvg.New(width, height)
	drawChart(c, p, format, tee)
	_, err := c.WriteTo(w)
	return err
}

// drawChart draws p on c, a canvas of the chart's size, within the margin. Only SVG gets the
// white page and the plot's background (the first thing p.Draw would paint): the image
// canvas starts white, and painting every pixel twice more was two thirds of the PNG drawing.
// The rest of the drawing is the same for both formats, and tee (when not nil) receives it
// too.
func drawChart(c vg.CanvasSizer, p *plot.Plot, format string, tee vg.Canvas) {
	dc := draw.New(c)
	inner := draw.Crop(dc, chartMargin, -chartMargin, chartMargin, -chartMargin)
	if format == "svg" {
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
		if p.BackgroundColor != nil {
			inner.SetColor(p.BackgroundColor)
			inner.Fill(inner.Rectangle.Path())
		}
	}
	q := *p
	q.BackgroundColor = nil
	if tee != nil {
		inner.Canvas = vg.MultiCanvas(c, tee)
	}
	q.Draw(inner)
}

// TrendChart draws an indicator trend: the observed values with gaps for
// missing years, and the baseline, target and expected path if given.
func TrendChart(in TrendInput) (*plot.Plot, error) {
	series := in.Series
	if series.Label == "" {
		series.Label = wordsOf(in.Words).Observed
	}
	p, err := trendPlot(trendSpec{
		id: in.ID, title: in.Title, unit: in.Unit,
		series:   []Series{series},
		baseline: in.Baseline, target: in.Target, words: wordsOf(in.Words),
	})
	if err != nil {
		return nil, fmt.Errorf("draw trend chart%s: %w", idSuffix(in.ID), err)
	}
	return p, nil
}

// OverlayChart draws two trends of one indicator on one chart, e.g. current
// data and a what-if scenario, with a legend.
func OverlayChart(in OverlayInput) (*plot.Plot, error) {
	base, scen := in.Base, in.Scenario
	if base.Label == "" {
		base.Label = "Baseline"
	}
	if scen.Label == "" {
		scen.Label = "Scenario"
	}
	p, err := trendPlot(trendSpec{
		id: in.ID, title: in.Title, unit: in.Unit,
		series: []Series{base, scen},
		target: in.Target, words: wordsOf(in.Words),
	})
	if err != nil {
		return nil, fmt.Errorf("draw overlay chart%s: %w", idSuffix(in.ID), err)
	}
	return p, nil
}

// StatusChart draws one horizontal stacked bar per section, stacked by
// status in the order of Statuses, with the count written in each segment
// that is wide enough. The legend always lists all statuses.
func StatusChart(in StatusInput) (*plot.Plot, error) {
	p, err := statusPlot(in)
	if err != nil {
		return nil, fmt.Errorf("draw status chart: %w", err)
	}
	return p, nil
}

// ScoresChart draws one horizontal bar per section score, on a fixed 0–100 %
// axis, each labelled with its value or "n/a" when missing; the overall plan
// score, if given, is set apart at the top.
func ScoresChart(in ScoresInput) (*plot.Plot, error) {
	p, err := scoresPlot(in)
	if err != nil {
		return nil, fmt.Errorf("draw scores chart: %w", err)
	}
	return p, nil
}

// Article4Chart draws the remaining contaminated area of several States by
// year, in km², with gaps for missing years and a labelled vertical dashed
// line at each State's deadline. At most eight States fit on one chart; the
// report should split longer lists or draw States of very different sizes
// on separate charts, since the axis is linear.
func Article4Chart(in Article4Input) (*plot.Plot, error) {
	p, err := article4Plot(in)
	if err != nil {
		return nil, fmt.Errorf("draw article 4 chart: %w", err)
	}
	return p, nil
}

// idSuffix returns " "+id for error messages, or "" if id is empty.
func idSuffix(id string) string {
	if id = strings.TrimSpace(id); id != "" {
		return " " + id
	}
	return ""
}

// ---------------------------------------------------------------------------
// Layout constants.

const (
	chartMargin = 4 // points of white around the plot
	maxSeries   = 8 // distinct series styles; more would be ambiguous

	titleSize  = 11
	axisSize   = 9
	tickSize   = 8
	legendSize = 8
	noteSize   = 7

	titleWidth    = 72 // characters per title line at 16 cm
	titleLines    = 2
	categoryWidth = 26 // characters per nominal axis label line
	categoryLines = 2

	barThickness = 0.7 // bar height in category units
)

// Okabe–Ito colours (https://jfly.uni-koeln.de/color/), without yellow, which
// is too light on white.
const (
	colBlack     = 0x000000
	colOrange    = 0xE69F00
	colSkyBlue   = 0x56B4E9
	colGreen     = 0x009E73
	colBlue      = 0x0072B2
	colVermilion = 0xD55E00
	colPurple    = 0xCC79A7
	colGrey      = 0x999999
	colLightGrey = 0xDDDDDD
	colPaleGrey  = 0xF2F2F2
	colDarkGrey  = 0x444444
	colGridGrey  = 0xD0D0D0
)

func rgb(hex uint32) color.RGBA {
	return color.RGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 0xff}
}

func sansFont(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans"}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return font.From(f, size)
}

// ---------------------------------------------------------------------------
// Styles.

type seriesStyle struct {
	line  draw.LineStyle
	glyph draw.GlyphStyle
}

// styleFor returns the style of the i-th series (0 ≤ i < maxSeries): colour,
// dash pattern and marker all differ from those of the previous series.
func styleFor(i int) seriesStyle {
	var c uint32
	switch i % 7 {
	case 0:
		c = colBlue
	case 1:
		c = colVermilion
	case 2:
		c = colGreen
	case 3:
		c = colPurple
	case 4:
		c = colOrange
	case 5:
		c = colSkyBlue
	default:
		c = colBlack
	}
	var dashes []vg.Length
	switch i % 4 {
	case 1:
		dashes = []vg.Length{vg.Points(6), vg.Points(3)}
	case 2:
		dashes = []vg.Length{vg.Points(1.5), vg.Points(2)}
	case 3:
		dashes = []vg.Length{vg.Points(6), vg.Points(2), vg.Points(1.5), vg.Points(2)}
	}
	var shape draw.GlyphDrawer
	switch i % maxSeries {
	case 0:
		shape = draw.CircleGlyph{}
	case 1:
		shape = draw.TriangleGlyph{}
	case 2:
		shape = draw.BoxGlyph{}
	case 3:
		shape = draw.CrossGlyph{}
	case 4:
		shape = draw.RingGlyph{}
	case 5:
		shape = draw.PyramidGlyph{}
	case 6:
		shape = draw.PlusGlyph{}
	default:
		shape = draw.SquareGlyph{}
	}
	return seriesStyle{
		line:  draw.LineStyle{Color: rgb(c), Width: vg.Points(1.5), Dashes: dashes},
		glyph: draw.GlyphStyle{Color: rgb(c), Radius: vg.Points(2.5), Shape: shape},
	}
}

type hatchKind int

const (
	hatchNone hatchKind = iota
	hatchForward
	hatchBack
	hatchCross
	hatchHorizontal
)

type fillStyle struct {
	color color.RGBA
	hatch hatchKind
}

func statusStyle(s Status) (fillStyle, bool) {
	switch s {
	case StatusAchieved:
		return fillStyle{rgb(colGreen), hatchNone}, true
	case StatusOnTrack:
		return fillStyle{rgb(colSkyBlue), hatchForward}, true
	case StatusNeedsAcceleration:
		return fillStyle{rgb(colOrange), hatchBack}, true
	case StatusRegressing:
		return fillStyle{rgb(colVermilion), hatchCross}, true
	case StatusNoTarget:
		return fillStyle{rgb(colGrey), hatchHorizontal}, true
	case StatusInsufficientData:
		return fillStyle{rgb(colLightGrey), hatchNone}, true
	case StatusTooFew:
		return fillStyle{rgb(colPaleGrey), hatchForward}, true
	}
	return fillStyle{}, false
}

// ---------------------------------------------------------------------------
// Plot set-up shared by all charts.

func newPlot(title string) *plot.Plot {
	p := plot.New()
	useWidthHandler(p, textHandler)
	p.Title.Text = title
	p.Title.TextStyle.Font = sansFont(titleSize, true)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sansFont(axisSize, false)
		a.Tick.Label.Font = sansFont(tickSize, false)
		a.Width = vg.Points(0.75)
		a.Tick.Width = vg.Points(0.75)
		a.Padding = vg.Points(4)
	}
	return p
}

func textStyle(p *plot.Plot, size vg.Length, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    sansFont(size, false),
		XAlign:  xa,
		YAlign:  ya,
		Handler: p.TextHandler,
	}
}

// sideLegend is a legend drawn right of the data area, top-aligned with it,
// icons first. Its glyph box makes the plot keep room for it, so it never
// covers data. Add it to the plot after everything else.
type sideLegend struct {
	entries []legendEntry
	style   text.Style
	ringed  bool // the legend explains the ring around points on unofficial data
	words   *Words
}

type legendEntry struct {
	label  string
	thumbs []plot.Thumbnailer
}

const (
	legendGap      = 10 // points between the data area and the legend
	legendThumb    = 22 // width of a legend icon
	legendIconGap  = 4  // between icon and text
	legendRowGap   = 3  // between entries
	legendMinRow   = 10 // minimum height of an entry
	legendIconH    = 7  // height of a legend icon
	legendLabelLen = 30 // characters per legend line
)

func newSideLegend(p *plot.Plot, w *Words) *sideLegend {
	return &sideLegend{style: textStyle(p, legendSize, text.XLeft, text.YTop), words: wordsOf(w)}
}

func (l *sideLegend) add(label string, thumbs ...plot.Thumbnailer) {
	l.entries = append(l.entries, legendEntry{label: wrapText(label, legendLabelLen, 2), thumbs: thumbs})
}

func (l *sideLegend) width() vg.Length {
	var w vg.Length
	for _, e := range l.entries {
		w = max(w, l.style.Width(e.label))
	}
	return vg.Points(legendGap+legendThumb+legendIconGap) + w
}

func (l *sideLegend) Plot(c draw.Canvas, _ *plot.Plot) {
	x := c.Max.X + vg.Points(legendGap)
	top := c.Max.Y
	lineH := l.style.Height("Xg")
	for _, e := range l.entries {
		h := max(l.style.Height(e.label), vg.Points(legendMinRow))
		// The icon is centred on the first line of the entry.
		mid := top - lineH/2
		icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: mid - vg.Points(legendIconH)/2},
			Max: vg.Point{X: x + vg.Points(legendThumb), Y: mid + vg.Points(legendIconH)/2},
		}}
		for _, t := range e.thumbs {
			t.Thumbnail(&icon)
		}
		c.FillText(l.style, vg.Point{X: x + vg.Points(legendThumb+legendIconGap), Y: top}, e.label)
		top -= h + vg.Points(legendRowGap)
	}
}

func (l *sideLegend) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	if len(l.entries) == 0 {
		return nil
	}
	return []plot.GlyphBox{{
		X: 1, Y: 0.5,
		Rectangle: vg.Rectangle{Max: vg.Point{X: l.width()}},
	}}
}

// breakableSpace reports whether a line may break at r: white space but the no-break spaces.
func breakableSpace(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' }

// chartTitle joins an indicator id and title and wraps the result.
func chartTitle(id, title string) string {
	return wrapText(strings.TrimSpace(strings.TrimSpace(id)+" "+strings.TrimSpace(title)), titleWidth, titleLines)
}

// wrapText wraps s at word boundaries into lines of at most width runes and
// keeps at most maxLines lines, ending the last one with "…" if text was cut.
// A no-break space ("1 234", French "cerclé : ...") is no boundary.
func wrapText(s string, width, maxLines int) string {
	var lines []string
	var cur string
	for _, w := range strings.FieldsFunc(s, breakableSpace) {
		for utf8.RuneCountInString(w) > width { // hard-cut overlong words
			if cur != "" {
				lines = append(lines, cur)
				cur = ""
			}
			r := []rune(w)
			lines = append(lines, string(r[:width]))
			w = string(r[width:])
		}
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > maxLines {
		// Put all that is left on the last line and cut it.
		last := []rune(strings.Join(lines[maxLines-1:], " "))
		lines = lines[:maxLines]
		cut := string(last[:width-1])
		if i := strings.LastIndex(cut, " "); utf8.RuneCountInString(cut[:max(i, 0)]) >= (width-1)*3/5 {
			cut = cut[:i] // prefer a word boundary if it loses little
		}
		lines[maxLines-1] = strings.TrimRight(cut, " ,;:-") + "…"
	}
	return strings.Join(lines, "\n")
}

// ---------------------------------------------------------------------------
// Validation.

func checkFinite(what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%w: %s is %v", ErrInvalidInput, what, v)
	}
	return nil
}

// cleanPoints validates the points of a series and returns them sorted by
// year in a new slice.
func cleanPoints(label string, pts []Point) ([]Point, error) {
	out := slices.Clone(pts)
	slices.SortStableFunc(out, func(a, b Point) int { return a.Year - b.Year })
	for i, pt := range out {
		if pt.Year <= 0 {
			return nil, fmt.Errorf("%w: series %q: year %d is not positive", ErrInvalidInput, label, pt.Year)
		}
		if i > 0 && out[i-1].Year == pt.Year {
			return nil, fmt.Errorf("%w: series %q: year %d appears twice", ErrInvalidInput, label, pt.Year)
		}
		if pt.Missing {
			continue
		}
		if err := checkFinite(fmt.Sprintf("series %q year %d value", label, pt.Year), pt.Value); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func checkReference(what string, r *Reference) error {
	if r == nil {
		return nil
	}
	if r.Year <= 0 {
		return fmt.Errorf("%w: %s year %d is not positive", ErrInvalidInput, what, r.Year)
	}
	return checkFinite(what+" value", r.Value)
}

// runs splits sorted points into runs of present values in consecutive
// years: each run is one unbroken line.
func runs(pts []Point) [][]Point {
	var out [][]Point
	var cur []Point
	for _, pt := range pts {
		if pt.Missing {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		if len(cur) > 0 && pt.Year != cur[len(cur)-1].Year+1 {
			out = append(out, cur)
			cur = nil
		}
		cur = append(cur, pt)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// ---------------------------------------------------------------------------
// Line charts.

type trendSpec struct {
	id, title, unit  string
	series           []Series
	baseline, target *Reference
	words            *Words
}

// span tracks the extent of the data on one axis.
type span struct {
	min, max float64
	ok       bool
}

func (s *span) add(v float64) {
	if !s.ok {
		s.min, s.max, s.ok = v, v, true
		return
	}
	s.min = math.Min(s.min, v)
	s.max = math.Max(s.max, v)
}

// valueRange returns the y-axis range for values in s: a small margin on
// both sides, without going below zero when all values are non-negative.
func valueRange(s span) (lo, hi float64) {
	d := s.max - s.min
	if d == 0 {
		d = math.Max(math.Abs(s.max)*0.2, 1)
	}
	lo, hi = s.min-0.08*d, s.max+0.08*d
	if s.min >= 0 && lo < 0 {
		lo = 0
	}
	return lo, hi
}

func trendPlot(spec trendSpec) (*plot.Plot, error) {
	if err := checkReference("baseline", spec.baseline); err != nil {
		return nil, err
	}
	if err := checkReference("target", spec.target); err != nil {
		return nil, err
	}
	if spec.baseline != nil && spec.target != nil && spec.target.Year <= spec.baseline.Year {
		return nil, fmt.Errorf("%w: target year %d is not after baseline year %d",
			ErrInvalidInput, spec.target.Year, spec.baseline.Year)
	}

	var years, values span
	cleaned := make([][]Point, len(spec.series))
	for i, s := range spec.series {
		pts, err := cleanPoints(s.Label, s.Points)
		if err != nil {
			return nil, err
		}
		cleaned[i] = pts
		for _, pt := range pts {
			years.add(float64(pt.Year))
			if !pt.Missing {
				values.add(pt.Value)
			}
		}
	}
	if !values.ok {
		return nil, fmt.Errorf("%w: every value is missing", ErrNoData)
	}
	for _, r := range []*Reference{spec.baseline, spec.target} {
		if r != nil {
			years.add(float64(r.Year))
			values.add(r.Value)
		}
	}

	p := newPlot(chartTitle(spec.id, spec.title))
	leg := newSideLegend(p, spec.words)
	unit := spec.unit
	if unit == "" {
		unit = "Value"
	}
	p.X.Label.Text = "Year"
	p.Y.Label.Text = unit
	p.X.Tick.Marker = integerTicks{}
	p.Y.Tick.Marker = numberTicks{spec.words}
	if wholeValues(spec) && values.max-values.min <= maxIntegerAxis {
		// Counts (of States, say) over a short range: label whole numbers only, never
		// "8.2 States".
		p.Y.Tick.Marker = integerTicks{}
	}

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: rgb(colGridGrey), Width: vg.Points(0.5)}
	p.Add(grid)

	// Reference lines first, so that data is drawn over them.
	if b := spec.baseline; b != nil {
		l := hline{y: b.Value, style: draw.LineStyle{
			Color: rgb(colDarkGrey), Width: vg.Points(1),
			Dashes: []vg.Length{vg.Points(1), vg.Points(2)},
		}}
		p.Add(l)
		leg.add(leg.words.Baseline(b.Year, leg.words.Value(b.Value)), l)
	}
	if t := spec.target; t != nil {
		l := hline{y: t.Value, style: draw.LineStyle{
			Color: rgb(colBlack), Width: vg.Points(1),
			Dashes: []vg.Length{vg.Points(5), vg.Points(2.5)},
		}}
		p.Add(l)
		leg.add(leg.words.Target(t.Year, leg.words.Value(t.Value)), l)
	}
	if b, t := spec.baseline, spec.target; b != nil && t != nil {
		path, err := plotter.NewLine(plotter.XYs{
			{X: float64(b.Year), Y: b.Value},
			{X: float64(t.Year), Y: t.Value},
		})
		if err != nil {
			return nil, fmt.Errorf("draw expected path: %w", err)
		}
		path.LineStyle = draw.LineStyle{
			Color: rgb(colGreen), Width: vg.Points(1.25),
			Dashes: []vg.Length{vg.Points(7), vg.Points(2), vg.Points(1.5), vg.Points(2)},
		}
		p.Add(path)
		leg.add(leg.words.ExpectedPath, path)
	}

	for i, s := range spec.series {
		if err := addSeries(p, leg, s.Label, cleaned[i], styleFor(i)); err != nil {
			return nil, err
		}
	}

	p.X.Min, p.X.Max = years.min-0.5, years.max+0.5
	p.Y.Min, p.Y.Max = valueRange(values)
	p.Add(leg)
	return p, nil
}

// maxIntegerAxis is the widest range of whole values whose y axis is labelled with whole
// numbers only; wider ranges get round numbers anyway.
const maxIntegerAxis = 10

// wholeValues reports whether every value and reference of a trend is a whole number.
func wholeValues(spec trendSpec) bool {
	whole := func(v float64) bool { return v == math.Trunc(v) }
	for _, s := range spec.series {
		for _, pt := range s.Points {
			if !pt.Missing && !whole(pt.Value) {
				return false
			}
		}
	}
	for _, r := range []*Reference{spec.baseline, spec.target} {
		if r != nil && !whole(r.Value) {
			return false
		}
	}
	return true
}

// addSeries adds one line per run of consecutive present values, a marker
// at every present value, and a legend entry.
func addSeries(p *plot.Plot, leg *sideLegend, label string, pts []Point, st seriesStyle) error {
	var xys plotter.XYs
	for _, r := range runs(pts) {
		for _, pt := range r {
			xys = append(xys, plotter.XY{X: float64(pt.Year), Y: pt.Value})
		}
		if len(r) < 2 {
			continue // a lone value is a marker only
		}
		seg := make(plotter.XYs, len(r))
		for i, pt := range r {
			seg[i] = plotter.XY{X: float64(pt.Year), Y: pt.Value}
		}
		l, err := plotter.NewLine(seg)
		if err != nil {
			return fmt.Errorf("draw series %q: %w", label, err)
		}
		l.LineStyle = st.line
		p.Add(l)
	}
	if len(xys) == 0 {
		leg.add(leg.words.NoData(label), lineThumb{st.line})
		return nil
	}
	sc, err := plotter.NewScatter(xys)
	if err != nil {
		return fmt.Errorf("draw series %q markers: %w", label, err)
	}
	sc.GlyphStyle = st.glyph
	p.Add(sc)
	leg.add(label, lineThumb{st.line}, sc)
	if err := addFlags(p, leg, label, pts, st); err != nil {
		return err
	}
	return addRings(p, leg, pts)
}

// addFlags draws a square around the points that are not comparable with the others (a sum
// whose coverage is flagged, a share over too few States), with a legend entry.
func addFlags(p *plot.Plot, leg *sideLegend, label string, pts []Point, st seriesStyle) error {
	var flagged plotter.XYs
	for _, pt := range pts {
		if pt.Flagged && !pt.Missing {
			flagged = append(flagged, plotter.XY{X: float64(pt.Year), Y: pt.Value})
		}
	}
	if len(flagged) == 0 {
		return nil
	}
	sq, err := plotter.NewScatter(flagged)
	if err != nil {
		return fmt.Errorf("draw series %q flags: %w", label, err)
	}
	sq.GlyphStyle = draw.GlyphStyle{Color: rgb(colVermilion), Radius: st.glyph.Radius + vg.Points(4), Shape: draw.SquareGlyph{}}
	p.Add(sq)
	leg.add(leg.words.NotComparable(label), sq)
	return nil
}

// unofficialRing is the ring drawn around a point whose value is not official data.
var unofficialRing = draw.GlyphStyle{Color: rgb(colDarkGrey), Radius: vg.Points(5.5), Shape: draw.RingGlyph{}}

// addRings rings the points that rest on data that are not official, and explains the ring in
// the legend once per chart.
func addRings(p *plot.Plot, leg *sideLegend, pts []Point) error {
	var xys plotter.XYs
	for _, pt := range pts {
		if pt.Unofficial && !pt.Missing {
			xys = append(xys, plotter.XY{X: float64(pt.Year), Y: pt.Value})
		}
	}
	if len(xys) == 0 {
		return nil
	}
	sc, err := plotter.NewScatter(xys)
	if err != nil {
		return fmt.Errorf("draw the rings of unofficial values: %w", err)
	}
	sc.GlyphStyle = unofficialRing
	p.Add(sc)
	if !leg.ringed {
		leg.ringed = true
		leg.add(leg.words.Ringed, sc)
	}
	return nil
}

// hline is a horizontal reference line across the whole data area.
type hline struct {
	y     float64
	style draw.LineStyle
}

func (h hline) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	y := trY(h.y)
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

func (h hline) Thumbnail(c *draw.Canvas) {
	lineThumb{h.style}.Thumbnail(c)
}

// lineThumb draws a line style as a legend thumbnail.
type lineThumb struct{ style draw.LineStyle }

func (l lineThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(l.style, c.Min.X, y, c.Max.X, y)
}

func article4Plot(in Article4Input) (*plot.Plot, error) {
	if len(in.States) == 0 {
		return nil, fmt.Errorf("%w: no States", ErrNoData)
	}
	if len(in.States) > maxSeries {
		return nil, fmt.Errorf("%w: %d States, at most %d fit on one chart", ErrInvalidInput, len(in.States), maxSeries)
	}
	title := in.Title
	if title == "" {
		title = "Remaining cluster munition contaminated area"
	}
	p := newPlot(wrapText(title, titleWidth, titleLines))
	leg := newSideLegend(p, in.Words)
	p.X.Label.Text = "Year"
	p.Y.Label.Text = "Remaining contaminated area (km²)"
	p.X.Tick.Marker = integerTicks{}
	p.Y.Tick.Marker = numberTicks{in.Words}

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: rgb(colGridGrey), Width: vg.Points(0.5)}
	p.Add(grid)

	var years, values span
	values.add(0) // areas are drawn from zero
	seen := make(map[string]bool)
	cleaned := make([][]Point, len(in.States))
	for i, st := range in.States {
		code := strings.TrimSpace(st.Code)
		if code == "" {
			return nil, fmt.Errorf("%w: State %d has no code", ErrInvalidInput, i+1)
		}
		if seen[code] {
			return nil, fmt.Errorf("%w: State %s appears twice", ErrInvalidInput, code)
		}
		seen[code] = true
		pts, err := cleanPoints(code, st.Area)
		if err != nil {
			return nil, err
		}
		for j := range pts {
			if pts[j].Missing {
				continue
			}
			if pts[j].Value < 0 {
				return nil, fmt.Errorf("%w: State %s year %d: negative area %v", ErrInvalidInput, code, pts[j].Year, pts[j].Value)
			}
			pts[j].Value /= 1e6 // m² to km²
			values.add(pts[j].Value)
		}
		for _, pt := range pts {
			years.add(float64(pt.Year))
		}
		if st.Deadline < 0 {
			return nil, fmt.Errorf("%w: State %s: deadline year %d is negative", ErrInvalidInput, code, st.Deadline)
		}
		if st.Deadline > 0 {
			years.add(float64(st.Deadline))
		}
		cleaned[i] = pts
	}
	if !years.ok {
		return nil, fmt.Errorf("%w: no years", ErrNoData)
	}
	if values.max == 0 && !slices.ContainsFunc(cleaned, func(pts []Point) bool {
		return slices.ContainsFunc(pts, func(pt Point) bool { return !pt.Missing })
	}) {
		return nil, fmt.Errorf("%w: every value is missing", ErrNoData)
	}

	marks := vmarkers{style: textStyle(p, noteSize, text.XCenter, text.YBottom)}
	for i, st := range in.States {
		if st.Deadline == 0 {
			continue
		}
		marks.add(st.Deadline, strings.TrimSpace(st.Code), styleFor(i).line.Color)
	}
	p.Add(&marks)

	for i, st := range in.States {
		code := strings.TrimSpace(st.Code)
		label := code
		if st.Deadline > 0 {
			label = in.Words.deadline(code, st.Deadline)
		}
		if err := addSeries(p, leg, label, cleaned[i], styleFor(i)); err != nil {
			return nil, err
		}
	}

	p.X.Min, p.X.Max = years.min-0.5, years.max+0.5
	_, p.Y.Max = valueRange(values)
	p.Y.Min = 0
	p.Add(leg)
	return p, nil
}

// vmarkers draws labelled vertical dashed lines, one per distinct year;
// labels of marks in the same year are joined.
type vmarkers struct {
	marks []vmark
	style text.Style
}

type vmark struct {
	year  int
	label string
	color color.Color
}

func (v *vmarkers) add(year int, label string, c color.Color) {
	for i := range v.marks {
		if v.marks[i].year == year {
			v.marks[i].label += ", " + label
			v.marks[i].color = rgb(colDarkGrey) // shared by several States
			return
		}
	}
	v.marks = append(v.marks, vmark{year: year, label: label, color: c})
	slices.SortStableFunc(v.marks, func(a, b vmark) int { return a.year - b.year })
}

const markGap = 2 // points between the data area and a mark's label

// levels returns the label level (0 or 1) of each mark when the marks are
// at the given x positions: a label that would overlap the previous label
// of level 0 goes one line up.
func (v *vmarkers) levels(xs []vg.Length) []int {
	out := make([]int, len(v.marks))
	prevRight := vg.Length(math.Inf(-1))
	for i, m := range v.marks {
		w := v.style.Width(m.label)
		if xs[i]-w/2 < prevRight+vg.Points(3) {
			out[i] = 1
			continue
		}
		prevRight = xs[i] + w/2
	}
	return out
}

func (v *vmarkers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	h := v.style.Height("X") + vg.Points(1)
	xs := make([]vg.Length, len(v.marks))
	for i, m := range v.marks {
		xs[i] = trX(float64(m.year))
	}
	levels := v.levels(xs)
	for i, m := range v.marks {
		c.StrokeLine2(draw.LineStyle{
			Color: m.color, Width: vg.Points(0.75),
			Dashes: []vg.Length{vg.Points(3), vg.Points(2)},
		}, xs[i], c.Min.Y, xs[i], c.Max.Y)
		st := v.style
		st.Color = m.color
		c.FillText(st, vg.Point{X: xs[i], Y: c.Max.Y + vg.Points(markGap) + vg.Length(levels[i])*h}, m.label)
	}
}

// GlyphBoxes keeps room above the data area for the labels. The plot's
// size is not known here, so whether labels need two levels is judged for a
// data area 60 % as wide as DefaultWidth; a much smaller chart may draw a
// second level over the title padding.
func (v *vmarkers) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	h := v.style.Height("X") + vg.Points(1)
	xs := make([]vg.Length, len(v.marks))
	for i, m := range v.marks {
		xs[i] = vg.Length(p.X.Norm(float64(m.year))) * DefaultWidth * 0.6
	}
	levels := vg.Length(1) + vg.Length(slices.Max(append(v.levels(xs), 0)))
	var boxes []plot.GlyphBox
	for _, m := range v.marks {
		w := v.style.Width(m.label)
		boxes = append(boxes, plot.GlyphBox{
			X: p.X.Norm(float64(m.year)), Y: 1,
			Rectangle: vg.Rectangle{
				Min: vg.Point{X: -w / 2, Y: 0},
				Max: vg.Point{X: w / 2, Y: vg.Points(markGap) + levels*h},
			},
		})
	}
	return boxes
}

// ---------------------------------------------------------------------------
// Bar charts.

func statusPlot(in StatusInput) (*plot.Plot, error) {
	if len(in.Sections) == 0 {
		return nil, fmt.Errorf("%w: no sections", ErrNoData)
	}
	title := in.Title
	if title == "" {
		title = "Indicator status by section"
	}
	p := newPlot(wrapText(title, titleWidth, titleLines))
	leg := newSideLegend(p, in.Words)
	p.X.Label.Text = "Indicators"
	p.X.Tick.Marker = integerTicks{}

	n := len(in.Sections)
	bars := &hbars{note: textStyle(p, noteSize, text.XCenter, text.YCenter)}
	var ticks []plot.Tick
	maxTotal := 0
	for i, sec := range in.Sections {
		name := strings.TrimSpace(sec.Section)
		if name == "" {
			return nil, fmt.Errorf("%w: section %d has no name", ErrInvalidInput, i+1)
		}
		var unknown []string
		for s := range sec.Counts {
			if !s.Valid() {
				unknown = append(unknown, strconv.Quote(string(s)))
			}
		}
		if len(unknown) > 0 {
			slices.Sort(unknown) // map order must not leak into messages
			return nil, fmt.Errorf("%w: section %q: unknown status %s", ErrInvalidInput, name, strings.Join(unknown, ", "))
		}
		y := float64(n - 1 - i) // first section on top
		row := barRow{y: y}
		total := 0
		for _, s := range Statuses() {
			k := sec.Counts[s]
			if k < 0 {
				return nil, fmt.Errorf("%w: section %q: negative count %d for %s", ErrInvalidInput, name, k, s)
			}
			if k == 0 {
				continue
			}
			fs, _ := statusStyle(s)
			row.segs = append(row.segs, barSeg{
				from: float64(total), to: float64(total + k),
				fill: fs, label: strconv.Itoa(k),
			})
			total += k
		}
		maxTotal = max(maxTotal, total)
		bars.rows = append(bars.rows, row)
		ticks = append(ticks, plot.Tick{Value: y, Label: wrapText(name, categoryWidth, categoryLines)})
	}
	if maxTotal == 0 {
		return nil, fmt.Errorf("%w: every count is zero", ErrNoData)
	}

	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical = draw.LineStyle{Color: rgb(colGridGrey), Width: vg.Points(0.5)}
	p.Add(grid, bars)
	nominalY(p, ticks, -0.5, float64(n)-0.5)
	p.X.Min, p.X.Max = 0, float64(maxTotal)
	for _, s := range Statuses() {
		fs, _ := statusStyle(s)
		leg.add(leg.words.Status(s), fs)
	}
	p.Add(leg)
	return p, nil
}

func scoresPlot(in ScoresInput) (*plot.Plot, error) {
	if len(in.Sections) == 0 && in.Overall == nil {
		return nil, fmt.Errorf("%w: no scores", ErrNoData)
	}
	title := in.Title
	if title == "" {
		title = "Progress scores"
	}
	p := newPlot(wrapText(title, titleWidth, titleLines))
	p.X.Label.Text = "Progress score (%)"
	p.X.Tick.Marker = plot.ConstantTicks{
		{Value: 0, Label: "0"}, {Value: 10}, {Value: 20, Label: "20"}, {Value: 30},
		{Value: 40, Label: "40"}, {Value: 50}, {Value: 60, Label: "60"}, {Value: 70},
		{Value: 80, Label: "80"}, {Value: 90}, {Value: 100, Label: "100"},
	}

	bars := &hbars{note: textStyle(p, noteSize, text.XLeft, text.YCenter)}
	w := wordsOf(in.Words)
	var ticks []plot.Tick
	add := func(sc Score, y float64, fs fillStyle, defLabel string) error {
		label := strings.TrimSpace(sc.Label)
		if label == "" {
			label = defLabel
		}
		if label == "" {
			return fmt.Errorf("%w: score at position %v has no label", ErrInvalidInput, y)
		}
		row := barRow{y: y}
		if sc.Missing {
			row.note, row.noteX = w.NotAvailable, 0
		} else {
			if err := checkFinite(fmt.Sprintf("score %q", label), sc.Value); err != nil {
				return err
			}
			if sc.Value < 0 || sc.Value > 100 {
				return fmt.Errorf("%w: score %q is %v, outside 0–100", ErrInvalidInput, label, sc.Value)
			}
			row.segs = []barSeg{{from: 0, to: sc.Value, fill: fs}}
			row.note, row.noteX = w.Percent(math.Round(sc.Value)), sc.Value
		}
		bars.rows = append(bars.rows, row)
		ticks = append(ticks, plot.Tick{Value: y, Label: wrapText(label, categoryWidth, categoryLines)})
		return nil
	}

	n := len(in.Sections)
	for i, sc := range in.Sections {
		if err := add(sc, float64(n-1-i), fillStyle{rgb(colBlue), hatchNone}, ""); err != nil {
			return nil, err
		}
	}
	top := float64(n) - 0.5
	if in.Overall != nil {
		y := float64(n)
		if n > 0 {
			y += 0.3 // set the overall score apart
		}
		if err := add(*in.Overall, y, fillStyle{rgb(colDarkGrey), hatchNone}, wordsOf(in.Words).Overall); err != nil {
			return nil, err
		}
		top = y + 0.5
		if n > 0 {
			bars.sep = float64(n) - 0.35
			bars.hasSep = true
		}
	}

	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical = draw.LineStyle{Color: rgb(colGridGrey), Width: vg.Points(0.5)}
	p.Add(grid, bars)
	nominalY(p, ticks, -0.5, top)
	p.X.Min, p.X.Max = 0, 100
	return p, nil
}

// nominalY turns the y axis into a list of category names at the given
// positions.
func nominalY(p *plot.Plot, ticks []plot.Tick, lo, hi float64) {
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.Y.Tick.Width = 0
	p.Y.Width = 0
	p.Y.Padding = 0
	p.Y.Min, p.Y.Max = lo, hi
}

// hbars draws horizontal bars made of stacked, possibly hatched, segments.
type hbars struct {
	rows   []barRow
	note   text.Style // style of segment labels and notes
	sep    float64    // y of a thin separator line, if hasSep
	hasSep bool
}

type barRow struct {
	y     float64
	segs  []barSeg
	note  string  // text right of noteX, e.g. a score or "n/a"
	noteX float64 // data x where the note starts
}

type barSeg struct {
	from, to float64
	fill     fillStyle
	label    string // drawn centred in the segment if it fits
}

var _ plot.GlyphBoxer = (*hbars)(nil)

func (b *hbars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	outline := draw.LineStyle{Color: rgb(colDarkGrey), Width: vg.Points(0.5)}
	if b.hasSep {
		y := trY(b.sep)
		c.StrokeLine2(draw.LineStyle{Color: rgb(colGrey), Width: vg.Points(0.5)}, c.Min.X, y, c.Max.X, y)
	}
	for _, r := range b.rows {
		y0, y1 := trY(r.y-barThickness/2), trY(r.y+barThickness/2)
		for _, s := range r.segs {
			rect := vg.Rectangle{Min: vg.Point{X: trX(s.from), Y: y0}, Max: vg.Point{X: trX(s.to), Y: y1}}
			s.fill.draw(&c, rect)
			c.StrokeLines(outline, rectPoints(rect))
			if s.label == "" {
				continue
			}
			w, h := b.note.Width(s.label), b.note.Height(s.label)
			if rect.Size().X < w+vg.Points(4) {
				continue // does not fit; the axis and legend still tell
			}
			ctr := vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: (rect.Min.Y + rect.Max.Y) / 2}
			pad := vg.Points(1.5)
			bg := vg.Rectangle{
				Min: vg.Point{X: ctr.X - w/2 - pad, Y: ctr.Y - h/2 - pad/2},
				Max: vg.Point{X: ctr.X + w/2 + pad, Y: ctr.Y + h/2 + pad/2},
			}
			c.SetColor(color.White)
			c.Fill(bg.Path())
			st := b.note
			st.XAlign, st.YAlign = text.XCenter, text.YCenter
			c.FillText(st, ctr, s.label)
		}
		if r.note != "" {
			st := b.note
			st.XAlign, st.YAlign = text.XLeft, text.YCenter
			c.FillText(st, vg.Point{X: trX(r.noteX) + vg.Points(3), Y: (y0 + y1) / 2}, r.note)
		}
	}
}

// GlyphBoxes keeps room for notes right of the bars.
func (b *hbars) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var boxes []plot.GlyphBox
	for _, r := range b.rows {
		if r.note == "" {
			continue
		}
		boxes = append(boxes, plot.GlyphBox{
			X: p.X.Norm(r.noteX), Y: p.Y.Norm(r.y),
			Rectangle: vg.Rectangle{Max: vg.Point{X: vg.Points(3) + b.note.Width(r.note)}},
		})
	}
	return boxes
}

func rectPoints(r vg.Rectangle) []vg.Point {
	return []vg.Point{
		r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min,
	}
}

// draw fills rect with the colour and hatching of f.
func (f fillStyle) draw(c *draw.Canvas, rect vg.Rectangle) {
	c.SetColor(f.color)
	c.Fill(rect.Path())
	hatch := draw.LineStyle{Color: color.RGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xff}, Width: vg.Points(0.5)}
	const gap = 3.5 // points between hatch lines
	x0, y0, x1, y1 := rect.Min.X, rect.Min.Y, rect.Max.X, rect.Max.Y
	w, h := x1-x0, y1-y0
	step := vg.Points(gap)
	switch f.hatch {
	case hatchForward, hatchBack, hatchCross:
		for d := -h; d < w; d += step {
			if f.hatch != hatchBack { // "/" lines: (x0+d+t, y0+t)
				t0, t1 := max(0, -d), min(h, w-d)
				if t0 < t1 {
					c.StrokeLine2(hatch, x0+d+t0, y0+t0, x0+d+t1, y0+t1)
				}
			}
			if f.hatch != hatchForward { // "\" lines: (x1-d-t, y0+t)
				t0, t1 := max(0, -d), min(h, w-d)
				if t0 < t1 {
					c.StrokeLine2(hatch, x1-d-t0, y0+t0, x1-d-t1, y0+t1)
				}
			}
		}
	case hatchHorizontal:
		for y := y0 + step/2; y < y1; y += step {
			c.StrokeLine2(hatch, x0, y, x1, y)
		}
	}
}

// Thumbnail draws f as a legend swatch.
func (f fillStyle) Thumbnail(c *draw.Canvas) {
	r := vg.Rectangle{
		Min: vg.Point{X: c.Min.X, Y: c.Min.Y},
		Max: vg.Point{X: c.Min.X + (c.Max.Y-c.Min.Y)*1.6, Y: c.Max.Y},
	}
	f.draw(c, r)
	c.StrokeLines(draw.LineStyle{Color: rgb(colDarkGrey), Width: vg.Points(0.5)}, rectPoints(r))
}

// ---------------------------------------------------------------------------
// Ticks and number formatting.

// integerTicks labels whole numbers only (years, counts), at most nine
// labels, with minor ticks at the other whole numbers when they are few.
type integerTicks struct{}

func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	first, last := int(math.Ceil(lo)), int(math.Floor(hi))
	if last < first {
		return nil
	}
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		step = s
		if (last-first)/s < 9 {
			break
		}
	}
	var ticks []plot.Tick
	for v := first; v <= last; v++ {
		switch {
		case v%step == 0:
			ticks = append(ticks, plot.Tick{Value: float64(v), Label: strconv.Itoa(v)})
		case last-first <= 60:
			ticks = append(ticks, plot.Tick{Value: float64(v)})
		}
	}
	return ticks
}

// numberTicks labels round values (multiples of 1, 2, 2.5 or 5 times a power
// of ten), at most eight of them, in fixed notation with thousands
// separators ("12,500" rather than "1.25e+04"), written by the words' Number.
type numberTicks struct{ words *Words }

func (nt numberTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil
	}
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/7)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if (hi-lo)/(m*mag) <= 7 {
			step = m * mag
			break
		}
	}
	// Decimals needed to write multiples of step exactly.
	dec := 0
	for ; dec < 10; dec++ {
		x := step * math.Pow10(dec)
		if math.Abs(x-math.Round(x)) < 1e-6*x {
			break
		}
	}
	var ticks []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+1e-9*step; k++ {
		v := k * step
		if v == 0 {
			v = 0 // never -0
		}
		ticks = append(ticks, plot.Tick{Value: v})
	}
	// Group thousands on the whole axis once any label needs it.
	group := slices.ContainsFunc(ticks, func(t plot.Tick) bool { return math.Abs(t.Value) >= 10000 })
	for i := range ticks {
		ticks[i].Label = nt.words.number(ticks[i].Value, dec, group)
	}
	return ticks
}

// tickNumber writes a tick label in English: v with dec decimals, never "-0", thousands
// grouped by commas when group.
func tickNumber(v float64, dec int, group bool) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if s == "-"+strconv.FormatFloat(0, 'f', dec, 64) {
		s = s[1:]
	}
	if group {
		return thousands.Group(s, 4)
	}
	return s
}

// formatValue formats v for a legend: at most two decimals, thousands
// separators.
func formatValue(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return thousands.Group(s, 5)
}
