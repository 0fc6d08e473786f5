package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
)

// The machine-readable annexes: indicators.csv and results.json.

// csvHeader is the header of indicators.csv.
var csvHeader = []string{
	"year", "id", "action", "action_provenance", "section", "title", "provenance", "unit", "aggregate", "direction",
	"method", "weight", "baseline_year", "baseline", "previous", "value", "target", "target_year", "target_each_year",
	"expected", "expected_progress", "progress", "score", "progress_status", "reason", "numerator", "denominator",
	"population", "known", "no_data_count", "coverage", "no_data", "status", "error", "counting", "as_of",
	"plan_version", "plan_hash", "explain",
	"class", "states_official", "states_monitor", "states_estimate", "states_unstated", "states_illustrative",
	// issue 11: what the value is taken over, how unknowns count, flags and direction of travel
	"n", "counted_count", "unknown_policy", "min_population", "coverage_flag", "trend_status",
	// the days the baseline and the previous year are seen at (docs/methodology.md §1.3, "Every
	// year at the same lag"), as the report's table heads say them
	"baseline_as_of", "previous_as_of",
}

// WriteCSV writes indicators.csv: one row per indicator, numbers in full precision, text made
// safe for spreadsheets (csvText).
func (r *Report) WriteCSV(w io.Writer) error {
	if err := writeCSV(w, r.indicatorRecords()); err != nil {
		return fmt.Errorf("write indicators csv: %w", err)
	}
	return nil
}

// indicatorRecords are the rows of indicators.csv (and indicators.xlsx), header first, as
// plain text.
func (r *Report) indicatorRecords() [][]string {
	a := r.a
	actProv := map[int]string{}
	for _, as := range a.Actions {
		actProv[as.Number] = as.Provenance
	}
	recs := [][]string{csvHeader}
	for _, ia := range a.Indicators {
		coverage := ""
		if ia.Population > 0 {
			coverage = strconv.FormatFloat(float64(ia.Known)/float64(ia.Population), 'f', 4, 64)
		}
		weight := ia.Weight
		recs = append(recs, []string{
			strconv.Itoa(a.Year), ia.ID, strconv.Itoa(ia.Action), actProv[ia.Action], ia.Section, ia.Title, ia.Provenance,
			ia.Unit, string(ia.Aggregate), string(ia.Direction), string(ia.Method), raw(&weight), yearOrEmpty(ia.BaselineYear),
			raw(ia.Baseline), raw(ia.Previous), raw(ia.Value), raw(ia.Target), yearOrEmpty(ia.TargetYear),
			strconv.FormatBool(ia.TargetEachYear), raw(ia.Expected), raw(ia.ExpectedProgress), raw(ia.Progress), raw(ia.Score),
			string(ia.ProgressStatus), ia.Reason, raw(ia.Numerator), raw(ia.Denominator), strconv.Itoa(ia.Population),
			strconv.Itoa(ia.Known), strconv.Itoa(ia.NoData.Len()), coverage, strings.Join(ia.NoData.List(), " "), string(ia.Status),
			ia.Error, string(a.Counting), a.AsOf, a.Plan.Version, a.Plan.Hash,
			strings.Replace(r.doc.Explain, "ID", ia.ID, 1),
			string(ia.Class), strconv.Itoa(ia.Classes.Official), strconv.Itoa(ia.Classes.Monitor), strconv.Itoa(ia.Classes.Estimate),
			strconv.Itoa(ia.Classes.Unstated), strconv.Itoa(ia.Classes.Illustrative),
			strconv.Itoa(ia.N), strconv.Itoa(ia.Counted.Len()), string(ia.UnknownPolicy), strconv.Itoa(ia.MinPopulation),
			strconv.FormatBool(ia.CoverageFlag), string(ia.TrendStatus),
			seenAsOf(&ia, ia.BaselineYear, ia.Baseline), seenAsOf(&ia, a.Year-1, ia.Previous),
		})
	}
	return recs
}

// seenAsOf is the day the series of ia sees year y at (YYYY-MM-DD), when v, its value there,
// is shown; empty otherwise.
func seenAsOf(ia *engine.IndicatorAssessment, y int, v *float64) string {
	if v == nil {
		return ""
	}
	for _, p := range ia.Series {
		if p.Year == y {
			return p.AsOf
		}
	}
	return ""
}

func yearOrEmpty(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// resultsJSON is the shape of results.json.
type resultsJSON struct {
	Report     reportJSON         `json:"report"`
	Provenance provenanceJSON     `json:"provenance"`
	Assessment *engine.Assessment `json:"assessment"`
	// Previous holds the previous year's value, progress and status of each indicator.
	Previous []previousJSON `json:"previous_year"`
	// DataQuality is what the data checks found in the years the report uses.
	DataQuality *engine.Validation `json:"data_quality,omitempty"`
	// Revisions are the earlier-year values revised since the previous report's cut-off,
	// with their causes (the report's revisions table).
	Revisions *engine.RevisionReport `json:"revisions,omitempty"`
}

type reportJSON struct {
	Generator string `json:"generator"`
	Title     string `json:"title"`
	Year      int    `json:"year"`
	Date      string `json:"date,omitempty"`
	Explain   string `json:"explain"`
	// CutOff is the report's data cut-off and why (Meta.CutOff); CutOffText says it in words,
	// PartialYear whether the assessed year is incomplete at the cut-off.
	CutOff      *engine.CutOff `json:"cut_off,omitempty"`
	CutOffText  string         `json:"cut_off_text"`
	PartialYear bool           `json:"partial_year"`
}

type provenanceJSON struct {
	Plan       engine.PlanRef     `json:"plan"`
	Period     string             `json:"period,omitempty"`
	Label      string             `json:"label,omitempty"`
	Note       string             `json:"note,omitempty"`
	PlanSource string             `json:"plan_source,omitempty"`
	DataSource string             `json:"data_source,omitempty"`
	PlanFiles  []engine.InputFile `json:"plan_files"`
	DataFiles  []engine.InputFile `json:"data_files"`
	Counts     ProvenanceCounts   `json:"counts"`
	Notice     string             `json:"notice"`
}

type previousJSON struct {
	ID             string                `json:"id"`
	Year           int                   `json:"year"`
	Value          *float64              `json:"value"`
	Progress       *float64              `json:"progress"`
	ProgressStatus engine.ProgressStatus `json:"progress_status"`
}

// WriteJSON writes results.json. The country profiles are files of their own
// (profiles/ISO3.json, WriteProfile), not part of it.
func (r *Report) WriteJSON(w io.Writer) error {
	if err := EncodeJSON(w, r.resultsDoc()); err != nil { // one write, of the whole document
		return fmt.Errorf("write results json: %w", err)
	}
	return nil
}

// resultsDoc is the document of results.json.
func (r *Report) resultsDoc() resultsJSON {
	d := r.doc
	pc := d.Method.Provenance
	out := resultsJSON{
		Report: reportJSON{Generator: d.Generator, Title: d.Title, Year: d.Year, Date: d.Date, Explain: d.Explain,
			CutOff: r.m.CutOff, CutOffText: d.CutOff.Statement, PartialYear: d.CutOff.Partial},
		Provenance: provenanceJSON{Plan: d.Plan, Period: d.Period, Label: r.m.PlanProvenance, Note: r.m.PlanNote,
			PlanSource: r.m.PlanSource, DataSource: r.m.DataSource,
			PlanFiles: nonNil(r.m.PlanFiles), DataFiles: nonNil(r.m.DataFiles), Counts: pc,
			Notice: fmt.Sprintf("The official text of the Lausanne Action Plan and of its indicators could not be obtained: "+
				"of %d actions, %d are found, %d inferred and %d reconstructed; %d of %d indicators are proposed.",
				pc.Actions, pc.Found, pc.Inferred, pc.Reconstr, pc.Proposed, pc.Indicators)},
		Assessment:  r.a,
		Previous:    []previousJSON{},
		DataQuality: r.m.Validation,
		Revisions:   r.m.Revisions,
	}
	if p := r.m.Previous; p != nil {
		for _, ia := range p.Indicators {
			out.Previous = append(out.Previous, previousJSON{ID: ia.ID, Year: p.Year, Value: ia.Value, Progress: ia.Progress,
				ProgressStatus: ia.ProgressStatus})
		}
	}
	return out
}

// nonNil is s, or an empty slice for nil, so that JSON has [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
