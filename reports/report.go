package reports

import (
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
)

// Report is an assessment made ready for writing: its document model and, drawn on first
// use, its figures. Build one with New when writing several formats, so that the work is done
// once; the package-level Write functions build one per call.
type Report struct {
	a   *engine.Assessment
	m   Meta
	doc *document

	once     sync.Once
	overview []*chart.Figure
	art4     []*chart.Figure
	trends   map[string]*chart.Figure
	groups   []*chart.Figure // results by group (regions.go)
	figErr   error

	profileKeys sync.Map // *StateProfile → the content key of its pages' content (ProfileKey)

	// the States' traced outcomes (Meta.States.Outcomes), each held only until its State's
	// profile is built (Profile): they are the largest part of a report's live memory
	outcomes    []*engine.StateEvaluation
	parties     []int // the index in Meta.States.Records of each profile's State (Profile)
	slots       []profileSlot
	baseOnce    sync.Once
	base        *profileBase
	profileOnce sync.Once
	profiles    []*StateProfile
	profileErr  error
}

// profileSlot is one country profile of a report, built on first use.
type profileSlot struct {
	once sync.Once
	p    *StateProfile
	err  error
}

// New prepares the report of an assessment.
func New(a *engine.Assessment, m Meta) (*Report, error) {
	if a != nil && m.article4 != nil {
		if asOf, err := engine.ParseDay(a.AsOf); err == nil {
			m.Article4Area = article4Area(m.article4, asOf)
		}
	}
	doc, err := newDocument(a, m)
	if err != nil {
		return nil, err
	}
	r := &Report{a: a, m: m, doc: doc}
	if m.States != nil {
		// the report keeps its own StateData without the outcomes (Profiles has them)
		sd := *m.States
		r.outcomes, sd.Outcomes = slices.Clone(sd.Outcomes), nil // cloned: Profile lets go of each
		r.m.States = &sd
		if m.Profiles {
			for i, rec := range sd.Records {
				if rec.Party {
					r.parties = append(r.parties, i)
				}
			}
			r.slots = make([]profileSlot, len(r.parties))
		}
	}
	return r, nil
}

// figures draws the figures once and attaches them to the document.
func (r *Report) figures() error {
	r.once.Do(func() {
		r.overview, r.art4, r.trends, r.figErr = buildFigures(r.a, r.m)
		if r.figErr != nil {
			r.figErr = fmt.Errorf("draw figures: %w", r.figErr)
			return
		}
		if r.groups, r.figErr = groupFigures(r.doc.Groups); r.figErr != nil {
			r.figErr = fmt.Errorf("draw figures: %w", r.figErr)
			return
		}
		r.doc.Figures, r.doc.Article4 = r.overview, r.art4
		for si := range r.doc.Sections {
			for ai := range r.doc.Sections[si].Actions {
				av := &r.doc.Sections[si].Actions[ai]
				for _, row := range av.Rows {
					if f := r.trends[row.ID]; f != nil {
						av.Figures = append(av.Figures, f)
					}
				}
			}
		}
	})
	return r.figErr
}

// Figures returns every figure in report order: the overview charts, the Article 4 charts,
// the charts of the results by group, then one trend per indicator with at least one value, in indicator order.
func (r *Report) Figures() ([]*chart.Figure, error) {
	if err := r.figures(); err != nil {
		return nil, err
	}
	out := append(append(append([]*chart.Figure(nil), r.overview...), r.art4...), r.groups...)
	for _, ia := range r.a.Indicators {
		if f := r.trends[ia.ID]; f != nil {
			out = append(out, f)
		}
	}
	return out, nil
}

// WriteMarkdown writes the report as Markdown (report.md). With Meta.ChartFormat set, it
// links each figure as charts/<name>.<format>.
func WriteMarkdown(w io.Writer, a *engine.Assessment, m Meta) error {
	r, err := New(a, m)
	if err != nil {
		return err
	}
	return r.WriteMarkdown(w)
}

// WriteHTML writes the report as one self-contained HTML page (report.html): inline CSS and
// inline SVG charts, no scripts, nothing fetched from the network.
func WriteHTML(w io.Writer, a *engine.Assessment, m Meta) error {
	r, err := New(a, m)
	if err != nil {
		return err
	}
	return r.WriteHTML(w)
}

// WriteCSV writes indicators.csv: one row per indicator with all its numbers, coverage and
// provenance.
func WriteCSV(w io.Writer, a *engine.Assessment, m Meta) error {
	r, err := New(a, m)
	if err != nil {
		return err
	}
	return r.WriteCSV(w)
}

// WriteJSON writes results.json: the assessment with the report's provenance.
func WriteJSON(w io.Writer, a *engine.Assessment, m Meta) error {
	r, err := New(a, m)
	if err != nil {
		return err
	}
	return r.WriteJSON(w)
}

// Title is the report's title, as its first page gives it.
func (r *Report) Title() string { return r.doc.Title }
