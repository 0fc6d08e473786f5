package reports

import (
	"bytes"
	"encoding/json"
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
}

// WriteCSV writes indicators.csv: one row per indicator, numbers in full precision, text made
// safe for spreadsheets (csvText).
func (r *Report) WriteCSV(w io.Writer) error {
	var b bytes.Buffer
	if err := writeCSV(&b, r.indicatorRecords()); err != nil {
		return fmt.Errorf("write indicators csv: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
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
		})
	}
	return recs
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
	// "profiles", last, is written by writeProfilesJSON: the country profiles of the States
	// Parties, one at a time.
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

// WriteJSON writes results.json: the document of resultsJSON, then the country profiles
// (writeProfilesJSON).
func (r *Report) WriteJSON(w io.Writer) error {
	out := r.resultsDoc()
	profiles, err := r.Profiles()
	if err != nil {
		return fmt.Errorf("write results json: %w", err)
	}
	if len(profiles) == 0 {
		if err := EncodeJSON(w, out); err != nil { // one write, of the whole document
			return fmt.Errorf("write results json: %w", err)
		}
		return nil
	}
	var b bytes.Buffer
	if err := EncodeJSON(&b, out); err != nil {
		return fmt.Errorf("write results json: %w", err)
	}
	// the document without its closing brace, then the profiles
	doc := bytes.TrimSuffix(b.Bytes(), []byte("\n}\n"))
	if _, err := w.Write(doc); err != nil {
		return err
	}
	return writeProfilesJSON(w, profiles)
}

// resultsDoc is results.json without its profiles.
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

// writeProfilesJSON writes the last member of results.json, "profiles": the country profiles
// of the States Parties, in ISO3 order, each the model its pages profiles/ISO3.md and .html
// are written from (codes as codes; words and sentences in the report's language), and closes
// the document. Each profile is encoded and written on its own, so that the profiles (four
// times the rest of the file) are never held encoded all at once; the bytes are those
// EncodeJSON gives the whole document.
func writeProfilesJSON(w io.Writer, profiles []*StateProfile) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	b.WriteString(",\n  \"profiles\": [")
	for i, p := range profiles {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n    ")
		if err := enc.Encode(p); err != nil {
			return fmt.Errorf("write results json: profile %s: %w", p.ISO3, err)
		}
		b.Truncate(b.Len() - 1) // the encoder's newline
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
		b.Reset()
	}
	b.WriteString("\n  ]\n}\n")
	_, err := w.Write(b.Bytes())
	return err
}

// nonNil is s, or an empty slice for nil, so that JSON has [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
