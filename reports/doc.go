// Package reports renders evaluation results as Markdown, HTML, CSV, JSON and
// charts; it never evaluates anything itself.
//
// The chart primitives in chart.go take small plain input types (Series,
// Point, Reference, ...) rather than the engine's types, so that any caller
// can draw a chart from numbers it already has. Each chart function returns a
// *plot.Plot; WriteChart writes it as SVG or PNG to an io.Writer.
package reports
