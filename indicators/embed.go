// Package indicators holds the shipped Lausanne Action Plan: plan.toml (name, version, period,
// counting convention, sections) and one aNN.toml file per action with its indicators.
//
// The plan is a reconstruction: the official LAP text and indicators could not be obtained, so
// every action carries a provenance label (found, inferred, reconstructed) and every indicator
// is labelled proposed. Load it with engine.Load(indicators.FS).
package indicators

import "embed"

// FS is the shipped plan: plan.toml and a01.toml to a50.toml.
//
//go:embed *.toml
var FS embed.FS
