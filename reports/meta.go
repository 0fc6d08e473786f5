package reports

import (
	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// Meta is what a report needs besides the assessment: the plan's provenance, the input files,
// the year before as the assessment's series sees it, the revisions and a few options. NewMeta
// fills it from a plan and a dataset; tests may build it by hand. Nothing in it is evaluated by
// the report.
type Meta struct {
	// PlanPeriod is the plan's period as written, e.g. "2021-2026".
	PlanPeriod string
	// PlanProvenance and PlanNote are the plan-level provenance label and note.
	PlanProvenance string
	PlanNote       string
	// Sections, Actions and Indicators are the plan's definitions: descriptions, provenance
	// labels, definitions and notes. Missing entries leave the text out.
	Sections   []engine.Section
	Actions    []engine.Action
	Indicators []engine.Indicator
	// PlanFiles and DataFiles are the input files with their SHA-256 hashes.
	PlanFiles []engine.InputFile
	DataFiles []engine.InputFile
	// PlanSource and DataSource name where the plan and the data were read from, as the
	// user gave them (e.g. "(embedded plan)", "testdata/sample"); DataSource also goes into
	// the `lap explain` commands the report suggests.
	PlanSource string
	DataSource string
	// Date is the report's date (YYYY-MM-DD), printed when set. Reports carry no other time
	// stamp, so that the same inputs give the same bytes.
	Date string
	// Previous is the assessment of the year before as this report's series sees it (the
	// year before at the cut-off shifted back a year, with the corrections known now:
	// Plan.AssessYears), for the changes since then and the new States Parties; nil leaves
	// those out.
	Previous *engine.Assessment
	// Article4Area is each State's remaining contaminated area (m²) by year, read from the
	// data, for the Article 4 chart. Keyed by ISO3. Built by NewMeta, it holds the values
	// seen at the assessment's cut-off (New picks them: a figure not yet known, or replaced by
	// a correction, is left out).
	Article4Area map[string][]engine.YearValue
	article4     []engine.Fact // every version of the facts behind Article4Area (NewMeta)
	// ChartFormat is the format ("svg" or "png") of the charts/ files the Markdown report
	// links to; empty leaves the links out.
	ChartFormat string
	// Generator names the program in the report's footer, e.g. "lap report".
	Generator string
	// Validation is what the data checks found in the years the report uses, for the
	// data-quality annex; nil leaves the annex out.
	Validation *engine.Validation
	// Checks are the plan's data checks (Plan.Checks, set by NewMeta), in the language of the
	// plan: the annex writes each violation's message from its check's message (as translated
	// with the plan) in the reader's words.
	Checks []engine.DataCheck
	// Breakdowns are the plan's breakdowns (Plan.Breakdowns): the report tabulates the
	// indicators each one's Report list names, from the assessment's groups (engine.By).
	Breakdowns []engine.Breakdown
	// Revisions are the earlier-year values that differ between the previous report and what
	// is known at this report's cut-off (Plan.RevisionsBetween); nil leaves the revisions
	// table out, saying so.
	Revisions *engine.RevisionReport
	// CutOff is how the report's data cut-off was decided (Plan.ReportCutOff), stated on the
	// first page; nil states the assessment's as_of alone.
	CutOff *engine.CutOff
	// States is every State's record and outcomes and the tallies of the data (NewStateData),
	// for the Article 7 table, the annex of States Parties and signatories, the votes, the
	// Article 3 totals and the country profiles; nil leaves them out.
	States *StateData
	// Profiles says the report is written with a country profile page per State Party
	// (profiles/ISO3.md and .html, Report.Profiles and WriteProfile): the report links each
	// State Party's name to its page. It needs States.
	Profiles bool
	// Lang is the language of the report's words, numbers and dates (reports/locale); empty
	// is English. The plan's own texts come translated with the plan (engine.Plan.Translated).
	Lang locale.Lang
	// TranslationNotice is the notice of the plan's unofficial translation
	// (engine.Plan.Language), shown on the report's first page; empty for the plan as written.
	TranslationNotice string
}

// Article 4 remaining area: the data field the chart reads.
const article4Field = "art4_area_remaining_m2"

// NewMeta collects a report's provenance from the plan and the dataset. planSource and
// dataSource name where they were read from.
func NewMeta(p *engine.Plan, ds *engine.Dataset, planSource, dataSource string) Meta {
	label, note := p.Provenance()
	m := Meta{
		PlanPeriod: p.Period(), PlanProvenance: label, PlanNote: note,
		Sections: p.Sections(), Actions: p.Actions(), Indicators: p.Indicators(),
		PlanFiles: p.Files(), PlanSource: planSource, DataSource: dataSource,
		Generator: "lap report", Breakdowns: p.Breakdowns(), Checks: p.Checks(),
	}
	_, m.TranslationNotice = p.Language()
	if ds != nil {
		m.DataFiles = ds.Files()
		for _, f := range ds.FactsOf(article4Field) { // sorted by State, year and recorded day
			if f.Year != 0 {
				m.article4 = append(m.article4, f)
			}
		}
		m.Article4Area = article4Area(m.article4, engine.Date{})
	}
	return m
}

// article4Area is the remaining area of each State by year as seen at asOf (every version's
// latest when asOf is zero).
func article4Area(facts []engine.Fact, asOf engine.Date) map[string][]engine.YearValue {
	out := map[string][]engine.YearValue{}
	for _, f := range facts {
		if asOf.IsZero() && !f.ReplacedFrom().IsZero() || !asOf.IsZero() && !f.KnownAt(asOf) {
			continue
		}
		v := f.Number()
		out[f.ISO3] = append(out[f.ISO3], engine.YearValue{Year: f.Year, Value: &v, Class: f.Class})
	}
	return out
}

// ProvenanceCounts counts the plan's actions and indicators by provenance label.
type ProvenanceCounts struct {
	Actions    int `json:"actions"`
	Found      int `json:"actions_found"`
	Inferred   int `json:"actions_inferred"`
	Reconstr   int `json:"actions_reconstructed"`
	Indicators int `json:"indicators"`
	Proposed   int `json:"indicators_proposed"`
	IndFound   int `json:"indicators_found"`
}

// provenanceCounts counts labels over the assessment's actions and indicators (those are
// what the report shows).
func provenanceCounts(a *engine.Assessment) ProvenanceCounts {
	var c ProvenanceCounts
	for _, as := range a.Actions {
		c.Actions++
		switch as.Provenance {
		case "found":
			c.Found++
		case "inferred":
			c.Inferred++
		case "reconstructed":
			c.Reconstr++
		}
	}
	for _, ia := range a.Indicators {
		c.Indicators++
		switch ia.Provenance {
		case "proposed":
			c.Proposed++
		case "found":
			c.IndFound++
		}
	}
	return c
}
