package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Per-State records beside the indicators: a State's membership with its treaty dates, its
// Article 7 reporting year by year, the value of a field as the rules see it, and one State's
// outcome for every indicator. Country profiles and the report's annexes print them; every
// answer is derived by the same code as the rules' environments (derive.go), so a profile never
// says what an indicator does not.

// ErrUnknownState is returned for an ISO3 code the dataset does not hold.
var ErrUnknownState = errors.New("engine: unknown State")

// StateRecord is one State's membership and Article 7 reporting at the end of a year (the
// reference date R), as known at as_of (data dictionary §1.3, §4.1, §4.2).
type StateRecord struct {
	ISO3   string `json:"iso3"`
	Name   string `json:"name"`
	Region string `json:"region"`
	// Year is the record's year and Ref its reference date R: the end of the year, or as_of
	// when that is earlier (the year is not over); AsOf is the cut-off.
	Year int  `json:"year"`
	Ref  Date `json:"ref_date"`
	AsOf Date `json:"as_of"`
	// Party, PendingEIF, Signatory and FormerParty are the derived fields of §4.1 at R: Party
	// follows the counting convention; PendingEIF is deposited, not yet in force.
	Party       bool `json:"party"`
	PendingEIF  bool `json:"pending_eif"`
	Signatory   bool `json:"signatory"`
	FormerParty bool `json:"former_party"`
	// The treaty dates known at as_of, as precisely as the States file gives them; nil when
	// not recorded, or later than as_of. Ratified is the deposit of the instrument of
	// ratification or accession.
	Signed         *Date `json:"signed"`
	Ratified       *Date `json:"ratified"`
	EntryIntoForce *Date `json:"entry_into_force"`
	Withdrawn      *Date `json:"withdrawn"`
	// EIFDerived is true when the entry into force was derived from the deposit (Article 17).
	EIFDerived bool `json:"eif_derived,omitempty"`
	// DatesClass is the class of the States file's row; DatesOrigin its file and line.
	DatesClass  Class  `json:"dates_class"`
	DatesOrigin string `json:"dates_origin"`
	// Reporting is the State's Article 7 record.
	Reporting ReportingRecord `json:"reporting"`
}

// ReportingRecord is a State's Article 7 record: the initial report and the annual reports.
type ReportingRecord struct {
	// InitialDue is the day the initial report was due (180 days after entry into force); nil
	// without an entry into force known at as_of. InitialRequired says it was due by R.
	InitialDue      *Date `json:"initial_due"`
	InitialRequired bool  `json:"initial_required"`
	// Initial is the art7_initial_submitted fact when the report was received by R.
	Initial *FieldRead `json:"initial"`
	// InitialAbsence is, when Initial is nil, the class of what "none recorded" rests on: the
	// register of initial reports declared for the year (registers.csv), unstated without a
	// declaration (Dataset.AbsentClass), or a report the data date after R.
	InitialAbsence Class `json:"initial_absence_class,omitempty"`
	// InitialOnTime is yes (received by the due day), no (received after it, or due and not
	// received by R), unknown (the dates' precision does not decide), pending (not yet due,
	// not received), or empty without a due day.
	InitialOnTime Verdict `json:"initial_on_time,omitempty"`
	// InitialOnTimeClass is the class of the InitialOnTime verdict: the least reliable class of
	// what it rests on, the due day (the States file's entry into force) and the receipt or the
	// register's absence; empty without a verdict.
	InitialOnTimeClass Class `json:"initial_on_time_class,omitempty"`
	// Annual lists the annual reports, one per year from the first year the data record an
	// annual report for any State (From) to the record's year, each year in which a report was
	// owed or received. Earlier years are not covered by the data and are not listed.
	Annual []AnnualReport `json:"annual"`
	From   int            `json:"annual_from"`
}

// AnnualReport is one year's annual Article 7 report (data dictionary §4.2).
type AnnualReport struct {
	Year int `json:"year"`
	// Deadline is 30 April of the next year.
	Deadline Date `json:"deadline"`
	// Owed is annual_report_due: the State was a party at the end of the year with its initial
	// report due by then, and the year is over at as_of.
	Owed bool `json:"owed"`
	// Received is the art7_annual_submitted fact for the year; nil when none is recorded.
	Received *FieldRead `json:"received"`
	// AbsenceClass is, when Received is nil, the class of what "none recorded" rests on: the
	// register of annual reports declared for the year, unstated without a declaration, or a
	// report the data record after as_of.
	AbsenceClass Class `json:"absence_class,omitempty"`
	// OnTime is annual_report_on_time as a verdict: yes, no (received late, or not received
	// by a deadline that passed by as_of), unknown (the date's precision does not decide),
	// pending (the deadline is after as_of and nothing is received).
	OnTime Verdict `json:"on_time"`
	// OnTimeClass is the class of the OnTime verdict: the least reliable class of what it rests
	// on, whether the report was owed (the States file's dates) and the receipt or the
	// register's absence.
	OnTimeClass Class `json:"on_time_class,omitempty"`
}

// Owes reports whether the State owes or gave anything under Article 7 by R: a due initial
// report or an annual report owed or received.
func (r ReportingRecord) Owes() bool {
	return r.InitialRequired || r.Initial != nil || len(r.Annual) > 0
}

// StateRecords returns the record of every State of the dataset (in ISO3 order) at the end of
// year, as known at as_of. AsOf and WithCounting apply as for Evaluate.
func (p *Plan) StateRecords(ctx context.Context, ds *Dataset, year int, opts ...EvalOption) ([]StateRecord, error) {
	return p.stateRecords(ctx, ds, year, "", opts)
}

// StateRecord returns one State's record (see StateRecords); an ISO3 code the dataset does not
// hold gives ErrUnknownState.
func (p *Plan) StateRecord(ctx context.Context, ds *Dataset, iso3 string, year int, opts ...EvalOption) (StateRecord, error) {
	if ds == nil {
		return StateRecord{}, ErrNilDataset
	}
	if _, ok := ds.stateIdx[iso3]; !ok {
		return StateRecord{}, fmt.Errorf("state record: %w %q", ErrUnknownState, iso3)
	}
	recs, err := p.stateRecords(ctx, ds, year, iso3, opts)
	if err != nil {
		return StateRecord{}, err
	}
	return recs[0], nil
}

func (p *Plan) stateRecords(ctx context.Context, ds *Dataset, year int, only string, opts []EvalOption) ([]StateRecord, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	cfg, err := p.configure(ds, opts)
	if err != nil {
		return nil, fmt.Errorf("state records: %w", err)
	}
	if year < MinYear || year > MaxYear {
		return nil, fmt.Errorf("state records: year %d is outside %d..%d", year, MinYear, MaxYear)
	}
	from := ds.firstYearOf(fArt7Annual)
	if from == 0 || from > year {
		from = year
	}
	fr := p.frameFor(cfg, year)
	var out []StateRecord
	var se stateEnv
	for si := range ds.states {
		if only != "" && ds.states[si].ISO3 != only {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("state records: %w", err)
		}
		st := &ds.states[si]
		rec := StateRecord{ISO3: st.ISO3, Name: st.Name, Region: st.Region, Year: year, AsOf: cfg.asOf,
			EIFDerived: st.EIFDerived, DatesClass: st.Class}
		if st.File != "" {
			rec.DatesOrigin = fmt.Sprintf("%s:%d", st.File, st.Line)
		}
		rec.Reporting.Annual = []AnnualReport{}
		rec.Reporting.From = from
		for y := from; y <= year; y++ {
			fr.year = y
			ds.build(si, fr, &se)
			if a, ok := annualReport(ds, si, &se); ok {
				rec.Reporting.Annual = append(rec.Reporting.Annual, a)
			}
		}
		// se now holds year's environment: membership, dates and the initial report at R
		e := &se.env
		rec.Ref = MustDate(e.RefDate)
		rec.Party, rec.PendingEIF, rec.Signatory, rec.FormerParty = e.Party, e.PendingEif, e.Signatory, e.FormerParty
		rec.Signed, rec.Ratified = envDate(e.Signed), envDate(e.Ratified)
		rec.EntryIntoForce, rec.Withdrawn = envDate(e.EntryIntoForce), envDate(e.Withdrawn)
		rec.Reporting.InitialDue = envDate(e.InitialReportDue)
		rec.Reporting.InitialRequired = e.InitialReportRequired
		if e.InitialReportSubmitted {
			r := ds.fieldRead(si, fArt7Initial, &se)
			rec.Reporting.Initial = &r
		} else { // the register's absence, or a report dated after R
			rec.Reporting.InitialAbsence = ds.valueClass(si, fInitialSubmitted, year, &se)
		}
		rec.Reporting.InitialOnTime = initialOnTime(&se)
		if rec.Reporting.InitialOnTime != "" {
			rec.Reporting.InitialOnTimeClass = ds.valueClass(si, fInitialRequired, year, &se).Weaker(ds.valueClass(si, fInitialSubmitted, year, &se))
		}
		out = append(out, rec)
	}
	return out, nil
}

// The derived fields whose class is that of a report's absence: the register's (declared in
// registers.csv), weakened by the class of a report the data date after R or record after
// as_of.
var (
	fInitialSubmitted = fieldIndex["initial_report_submitted"]
	fAnnualSubmitted  = fieldIndex["annual_report_submitted"]
	// The derived fields a verdict on a report's timeliness rests on beside its receipt.
	fInitialRequired = fieldIndex["initial_report_required"]
	fAnnualDue       = fieldIndex["annual_report_due"]
	fAnnualOnTime    = fieldIndex["annual_report_on_time"]
)

// annualReport is the annual report of the year of se, when one was owed or received.
func annualReport(ds *Dataset, si int, se *stateEnv) (AnnualReport, bool) {
	e := &se.env
	if !e.AnnualReportDue && !e.AnnualReportSubmitted {
		return AnnualReport{}, false
	}
	a := AnnualReport{Year: e.Year, Deadline: MustDate(e.AnnualReportDeadline), Owed: e.AnnualReportDue}
	if e.AnnualReportSubmitted {
		r := ds.fieldRead(si, fArt7Annual, se)
		a.Received = &r
	} else { // the register's absence, or a report known only after as_of
		a.AbsenceClass = ds.valueClass(si, fAnnualSubmitted, e.Year, se)
	}
	switch v := e.AnnualReportOnTime; {
	case v != nil && *v:
		a.OnTime = VerdictYes
	case v != nil:
		a.OnTime = VerdictNo
	case a.Received != nil:
		a.OnTime = VerdictUnknown // a date the deadline's day falls within
	default:
		a.OnTime = VerdictPending
	}
	a.OnTimeClass = ds.valueClass(si, fAnnualDue, e.Year, se).Weaker(ds.valueClass(si, fAnnualOnTime, e.Year, se))
	return a, true
}

// initialOnTime judges the initial report against its due day at R.
func initialOnTime(se *stateEnv) Verdict {
	e := &se.env
	if e.InitialReportDue == nil {
		return ""
	}
	due := MustDate(*e.InitialReportDue)
	if f := se.from[fArt7Initial]; f != nil && e.InitialReportSubmitted {
		switch f.date.onOrBefore(due) {
		case triTrue:
			return VerdictYes
		case triFalse:
			return VerdictNo
		}
		return VerdictUnknown
	}
	if e.InitialReportRequired {
		return VerdictNo
	}
	if !e.Party {
		return ""
	}
	return VerdictPending
}

// envDate reads a date of the environment; nil when absent.
func envDate(s *string) *Date {
	if s == nil {
		return nil
	}
	d, err := ParseDate(*s)
	if err != nil {
		return nil
	}
	return &d
}

// firstYearOf is the first year any State has a fact of field fi; 0 when none has.
func (d *Dataset) firstYearOf(fi int) int {
	first := 0
	for si := range d.byState {
		if d.byState[si] == nil {
			continue
		}
		if list := d.byState[si][fi]; len(list) > 0 && (first == 0 || list[0].Year < first) {
			first = list[0].Year
		}
	}
	return first
}

// Lookup returns the value of an input field for one State in year as the rules see it at as_of
// (data dictionary §1.3: a fact recorded, or dated, after as_of is absent; a carried field
// keeps its latest earlier value), with its class and origin. ok is false when the field has
// no value: the read's class is then the class of the absence (AbsentClass). An unknown State
// or field is an error.
func (d *Dataset) Lookup(iso3, field string, year int, asOf Date) (FieldRead, bool, error) {
	si, ok := d.stateIdx[iso3]
	if !ok {
		return FieldRead{}, false, fmt.Errorf("lookup: %w %q", ErrUnknownState, iso3)
	}
	fi, ok := fieldIndex[field]
	if !ok || !schema[fi].Input() {
		return FieldRead{}, false, fmt.Errorf("lookup: %q is not an input field", field)
	}
	var f *Fact
	if d.byState[si] != nil {
		f = pick(&schema[fi], d.byState[si][fi], year, seenOn(asOf))
	}
	if f == nil {
		// a register's absence has the class of the register (Dataset.AbsentClass)
		return FieldRead{Field: field, Origin: "absent", Class: d.absentClass(si, fi, year)}, false, nil
	}
	fr := FieldRead{Field: field, Origin: fmt.Sprintf("%s:%d", f.File, f.Line), Source: f.Source, Class: f.Class}
	switch schema[fi].Type {
	case TypeNumber:
		fr.Value = f.num
	case TypeBool:
		fr.Value = f.flag
	default:
		fr.Value = f.Value
	}
	return fr, true, nil
}

// IndicatorOutcome is one State's outcome for one indicator (EvaluateState).
type IndicatorOutcome struct {
	ID string `json:"id"`
	StateOutcome
}

// StateEvaluation is one State's outcome for every indicator of the plan in one year, traced:
// whether it is in the population, its result (true, false or a number; nil when unknown),
// the class of the values the result rests on and every value read.
type StateEvaluation struct {
	ISO3       string             `json:"iso3"`
	Year       int                `json:"year"`
	AsOf       string             `json:"as_of"`
	Counting   Counting           `json:"counting"`
	Indicators []IndicatorOutcome `json:"indicators"` // in plan order
}

// Outcome returns the outcome for one indicator.
func (se *StateEvaluation) Outcome(id string) (IndicatorOutcome, bool) {
	for _, o := range se.Indicators {
		if o.ID == id {
			return o, true
		}
	}
	return IndicatorOutcome{}, false
}

// EvaluateState evaluates every indicator for one State in one year, as Evaluate does for all
// (the same environment, the same rules, the same as_of default: the whole dataset's latest
// date), traced. Its outcomes are those Evaluate's State lists give for the State. Only
// restricts the indicators.
func (p *Plan) EvaluateState(ctx context.Context, ds *Dataset, iso3 string, year int, opts ...EvalOption) (*StateEvaluation, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	si, ok := ds.stateIdx[iso3]
	if !ok {
		return nil, fmt.Errorf("evaluate state: %w %q", ErrUnknownState, iso3)
	}
	cfg, err := p.configure(ds, opts)
	if err != nil {
		return nil, fmt.Errorf("evaluate state: %w", err)
	}
	// one State's view of the dataset, with the whole dataset's as_of
	view := &Dataset{states: ds.states[si : si+1], stateIdx: map[string]int{iso3: 0}, byState: ds.byState[si : si+1],
		files: ds.files, latest: ds.latest, registers: ds.registers, absence: ds.absence}
	var outs []*StateEvaluation
	if _, err := p.evaluateYears(ctx, view, year, year, year, append(opts[:len(opts):len(opts)], AsOf(cfg.asOf), WithCounting(cfg.counting)), nil, &outs); err != nil {
		return nil, fmt.Errorf("evaluate state %s: %w", iso3, err)
	}
	return outs[0], nil
}

// EvaluateStates is EvaluateState for every State of the dataset, in ISO3 order, from one
// traced evaluation of the year: what the country profiles of all States need, at the cost of
// one evaluation. AssessYearsTraced gives them beside an assessment, from its own evaluation.
func (p *Plan) EvaluateStates(ctx context.Context, ds *Dataset, year int, opts ...EvalOption) ([]*StateEvaluation, error) {
	if ds == nil {
		return nil, ErrNilDataset
	}
	var outs []*StateEvaluation
	if _, err := p.evaluateYears(ctx, ds, year, year, year, opts, nil, &outs); err != nil {
		return nil, fmt.Errorf("evaluate states: %w", err)
	}
	return outs, nil
}

// FieldYears returns, in order, the years for which any State has a fact of an input field,
// whatever its recorded day (Lookup says whether a fact is known at a cut-off). An unknown
// field, or one that is not an input, has none.
func (d *Dataset) FieldYears(field string) []int {
	fi, ok := fieldIndex[field]
	if !ok || !schema[fi].Input() {
		return nil
	}
	seen := map[int]bool{}
	var out []int
	for si := range d.byState {
		if d.byState[si] == nil {
			continue
		}
		for _, f := range d.byState[si][fi] {
			if !seen[f.Year] {
				seen[f.Year] = true
				out = append(out, f.Year)
			}
		}
	}
	slices.Sort(out)
	return out
}
