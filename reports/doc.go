// Package reports renders evaluation results as Markdown, HTML, CSV, JSON and
// charts; it never evaluates anything itself (NewStateData and ProfileOf only ask
// the engine for its per-State records and outcomes).
//
// The annual progress report takes an *engine.Assessment and a Meta (the
// plan's provenance, the input files with their hashes, the year before as
// the assessment's series sees it, the revisions since the previous report,
// an optional date) and writes:
//
//   - WriteMarkdown: report.md;
//   - WriteHTML: report.html, one self-contained page (inline CSS and inline
//     SVG charts, no scripts, nothing fetched, a print stylesheet);
//   - WriteCSV: indicators.csv, one row per indicator with every number,
//     its coverage and provenance;
//   - WriteJSON: results.json, the assessment with the report's provenance;
//   - Report.Figures: the charts, each written as SVG or PNG by Figure.Write.
//
// New prepares a Report once when several formats are written. The same
// inputs give the same bytes: nothing is dated unless Meta.Date is set, every
// list is in a fixed order and numbers are formatted by fixed rules. Statuses
// are shown by colour and by a symbol and a word, so that the report reads in
// black and white. Every action and indicator carries its provenance label:
// the official LAP text could not be obtained, and the report says so. Every
// value that rests on anything but official data carries a class mark
// (quality.go), and Meta.Validation adds the data-quality annex. With Meta.States
// (NewStateData) the report also has a plain-language summary, the names of the
// States each count indicator counts, the Article 7 table, the States Parties and
// signatories annex, the UN General Assembly votes and the cumulative Article 3
// destruction (content.go, summary.go, tally.go); with Meta.Profiles it links each
// State Party to its country profile, which Report.Profiles builds and
// Report.WriteProfile writes.
//
// A country profile (StateProfile, profile.go) is one State's page: NewStateProfile
// or ProfileOf builds it, WriteProfileText, WriteProfileMarkdown and
// WriteProfileHTML write it, ProfileHTML gives the fragment lap serve shows.
//
// The output of the lap commands is here too, each writer taking engine
// values and an io.Writer: WriteEvalTable, WriteEvalCSV and WriteEvalJSON
// (lap eval), WriteExplanation (lap explain), WriteRiskTable (lap risk),
// WritePlan (lap plan), WriteFields (lap fields), WriteRuleTests (lap test),
// WriteViolationsTable, WriteViolationsJSON and WriteViolationsCSV (lap validate),
// and the what-if report WhatIf with WriteWhatIfTable, WriteWhatIfMarkdown
// and WhatIfFigures (lap whatif). Their plain-text numbers have no thousands
// separators, so that a column can be read back by a script; EncodeJSON is the
// JSON of every command.
//
// The charts are drawn by package reports/chart, whose primitives take small
// plain input types (Series, Point, Reference, ...) rather than the engine's
// types, so that any caller can draw a chart from numbers it already has; this
// package turns an assessment into those inputs (figures.go, regions.go).
package reports
