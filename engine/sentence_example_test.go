package engine_test

import (
	"fmt"

	"github.com/lapmonitor/lap/engine"
)

// A package built on the engine (engine/risk does this) writes its sentences from messages the
// engine declares, so that the reports can write them in any language: Say names the message
// and gives its values, each made by an argument constructor that says what kind of value it
// is (a year, a count, an amount with its unit, a fractional year). String is the engine's
// English; the reports' catalogues (reports/locale) translate the same Sentence.
func ExampleSay() {
	why := engine.Say(engine.MsgRiskWhyLower,
		engine.YearFracArg("Projected", 2031.24),
		engine.EstimateArg("Rate", 1234567, "m2"),
		engine.YearFracArg("Median", 2033.06),
		engine.IntArg("Count", 6),
		engine.YearArg("From", 2019), engine.YearArg("To", 2024),
		engine.EstimateArg("Mean", 987654, "m2"))
	fmt.Println(why.ID)
	fmt.Println(why)
	// Output:
	// engine.risk.why-lower
	// the projection (completes 2031.2) uses the mean of the latest years with data, 1,230,000 m² a year; the simulation (median 2033.1) draws each year's amount from all 6 years with data since the episode began (2019-2024), mean 988,000 m² a year, lower than the recent rate, so it completes later
}

// CodeArg carries a code or a field name that no language translates; ClauseArg puts a
// sentence inside another, and ClausesOf joins clauses with "; " as one sentence. An
// argument is read back by name with Sentence.Arg.
func ExampleClauseArg() {
	noRate := engine.Say(engine.MsgRiskNoRemaining, engine.CodeArg("Field", "art4_area_cleared_m2"),
		engine.YearArg("From", 2021), engine.YearArg("Year", 2024))
	never := engine.Say(engine.MsgRiskNever)
	onePoint := engine.Say(engine.MsgRiskOnePoint, engine.YearArg("Year", 2024))
	fmt.Println(engine.ClausesOf([]engine.Sentence{noRate, onePoint}))
	median := engine.Say(engine.MsgRiskWhySame, engine.YearFracArg("Projected", 2030.04), engine.EstimateArg("Rate", 90000, "m2"),
		engine.ClauseArg("Median", never), engine.IntArg("Count", 3), engine.YearArg("From", 2019), engine.YearArg("To", 2024),
		engine.EstimateArg("Mean", 90000, "m2"))
	a, _ := median.Arg("Median")
	fmt.Println(a.Kind, "=", a.English())
	fmt.Println(engine.ClausesOf(nil).IsZero())
	// Output:
	// no art4_area_cleared_m2 reported from 2021 to 2024; rests on one year of data (2024): every draw would be the same, so there is no spread to report; see the projection
	// sentence = never
	// true
}

// Messages declares every sentence the engine writes, with a description for translators and
// its English, from which the reports' English catalogue (reports/locale/catalog/engine.en.toml)
// is generated; the French and Spanish catalogues translate each id.
func ExampleMessages() {
	for _, m := range engine.Messages() {
		if m.ID == engine.MsgRiskDeadline {
			fmt.Printf("%s\n  %s\n  %s\n", m.ID, m.Description, m.Other)
		}
	}
	// Output:
	// engine.risk.deadline-not-known
	//   deadline risk: the deadline that applies is not known; Note is the extension note (a clause)
	//   deadline not known ({{.Note}})
}
