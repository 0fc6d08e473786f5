package reports

import (
	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/locale"
)

// What the coordinators' workspace (lap serve) needs from this package beyond the what-if
// report and the State profile: the report's number formats and its charts, so that the
// pages and the report say the same thing the same way.

// FormatValue writes an indicator value in its unit as the report does ("92.8%", "1,436.12",
// "112"); a dash when absent.
func FormatValue(v *float64, unit string) string { return fmtValue(v, unit) }

// FormatUnit is the unit written after a value of an indicator in lang ("km²", "States",
// "munitions"): "" for a share (FormatValue writes its %) or a value without a unit.
func FormatUnit(lang locale.Lang, unit string, v *float64) string {
	if unit == "" || unit == "percent" || v == nil {
		return ""
	}
	return unitOf(locale.For(lang), unit, v)
}

// FormatScore writes a score or a share of progress as a whole percentage ("47%").
func FormatScore(v *float64) string { return fmtShare(v) }

// FormatScoreDelta writes a change of score in percentage points ("-0.6 pp").
func FormatScoreDelta(v *float64) string { return textScoreDelta(v) }

// FormatDelta writes a signed change of a value in its unit ("+1", "-8.9 pp").
func FormatDelta(v *float64, unit string) string { return textDelta(v, unit) }

// FormatProgressDelta writes a change of progress (a share of the baseline-to-target
// distance) in whole percentage points, as the report's largest changes do ("+22 pp").
func FormatProgressDelta(d float64) string { return fmtPoints(d) }

// IndicatorFigure draws an indicator's series (with its baseline, target and expected path) as
// the report's trend chart; nil when the indicator has no value to draw.
func IndicatorFigure(ia *engine.IndicatorAssessment) (*chart.Figure, error) {
	in, ok := trendInput(ia)
	if !ok {
		return nil, nil
	}
	p, err := chart.TrendChart(in)
	if err != nil {
		return nil, err
	}
	return &chart.Figure{Name: "trend-" + ia.ID, Title: ia.ID + ": " + ia.Title, Alt: ia.ID + " " + ia.Title + " by year", Plot: p}, nil
}

// OverlayFigure draws one changed indicator's baseline and scenario series, in lang; nil when
// there is nothing to draw.
func OverlayFigure(c engine.IndicatorChange, lang locale.Lang) (*chart.Figure, error) {
	figs, err := WhatIfFigures([]engine.Diff{{Indicators: []engine.IndicatorChange{c}}}, lang)
	if err != nil || len(figs) == 0 {
		return nil, err
	}
	return figs[0], nil
}

// FormatIn rewrites a number written by FormatValue, FormatScore, FormatScoreDelta,
// FormatDelta or FormatProgressDelta in the locale's style ("1,234.5" -> "1 234,5", "47%" -> "47 %"); English is
// left as it is.
func FormatIn(loc *locale.Locale, s string) string {
	if loc.Lang() == locale.English {
		return s
	}
	return localNumbers(loc, s)
}
