// Package indicators holds the shipped Lausanne Action Plan: plan.toml (name, version, period,
// counting convention, sections) and one aNN.toml file per action with its indicators; the data
// checks in checks/*.toml; the unofficial French and Spanish translations in lang/; and the
// rule unit tests of the indicators and of the checks in tests/aNN.test.toml and
// tests/checks-*.test.toml.
//
// The plan is a reconstruction: the official LAP text and indicators could not be obtained, so
// every action carries a provenance label (found, inferred, reconstructed) and every indicator
// is labelled proposed. Load it with engine.Load(indicators.FS) and run its rule tests with
// ruletest.Run(ctx, plan, indicators.Tests, nil, nil) (package engine/ruletest).
package indicators

import "embed"

// FS is the shipped plan: plan.toml and a01.toml to a50.toml, with its unofficial French and
// Spanish translations in lang/fr.toml and lang/es.toml (docs/languages.md) and its validation
// checks of the data in checks/*.toml (docs/data.md, "Checks").
//
//go:embed *.toml lang/*.toml checks/*.toml
var FS embed.FS

// Tests holds the rule unit tests of the shipped plan, tests/a01.test.toml to
// tests/a50.test.toml, and of its checks, tests/checks-*.test.toml (the plan loader does not
// read tests/, so they do not disturb FS users).
//
//go:embed tests/*.test.toml
var Tests embed.FS
