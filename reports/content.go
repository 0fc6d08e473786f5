package reports

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/contentkey"
	"github.com/lapmonitor/lap/reports/locale"
)

// The report's content beside the indicator tables (issue 15): the plain-language summary,
// definitions and the names of the States counted under each indicator, the Article 7
// submission table, the States Parties and signatories annex, the UN General Assembly votes,
// the cumulative Article 3 destruction, and the country profile of every State Party. They
// need Meta.States (NewStateData); without it the report says they were not prepared.

// maxInlineNames is how many States an indicator's "States counted" line names in the text;
// a longer list is collapsed (HTML) or moved to the annex of names (Markdown).
const maxInlineNames = 12

type contentView struct {
	HasStates bool
	Profiles  bool // the report has a profile page per State Party
	Summary   []summarySentence
	Article7  article7View
	Annex     annexView
	Votes     votesView
	Article3  article3View
	// Counted lists, for the annex of names, the count indicators whose list is long.
	Counted []countedNames
}

// countedNames names the States an indicator counts.
type countedNames struct {
	ID, Title string
	N         int
	Names     []stateRef
	Long      bool // more than maxInlineNames: collapsed, or in the annex
}

// stateRef is a State with the links to its profile (empty when it has none). In a list of
// the States an indicator counts, Mark is the mark of the class of that State's result: a
// State named on illustrative or secondary data is marked where it is named.
type stateRef struct {
	ISO3, Name string
	HTML, MD   string // profiles/ISO3.html, profiles/ISO3.md
	Mark       markInfo
}

type article7View struct {
	Rows []article7Row
	// Counts says how the rows add up; each count carries the mark of the least reliable of
	// the rows it counts (as the verdicts and dates it counts do).
	Parties, InitialDue, InitialReceived, InitialOverdue markedCount
	AnnualOwed, AnnualOnTime, AnnualLate, AnnualMissing  markedCount
	AnnualUnknown, AnnualPending                         markedCount
	Partial                                              bool
	Deadline                                             string // 30 April Y+1
}

// markedCount is a count of States with the least reliable class of what it counts: it reads
// "49ⁱ" when one of the 49 rests on illustrative data.
type markedCount struct {
	N     int
	Class engine.Class
}

// add counts one State whose counted value is of class c.
func (mc *markedCount) add(c engine.Class) { mc.N++; mc.Class = mc.Class.Weaker(c) }

// String is the count with its mark.
func (mc markedCount) String() string { return strconv.Itoa(mc.N) + markOf(mc.Class).Symbol }

type article7Row struct {
	State           stateRef
	InitialDue      string
	InitialReceived ProfileItem
	InitialOnTime   string
	InitialMark     markInfo // the verdict's mark: the least reliable of what it rests on
	InitialKey      string
	Annual          ProfileItem // received for the report's year
	AnnualOnTime    string
	AnnualMark      markInfo
	AnnualKey       string
}

type annexView struct {
	Parties     []annexRow
	Signatories []annexRow
	Pending     []annexRow // deposited, not yet counted (entry-into-force counting)
	Former      []annexRow
	Ref         string
	Class       markInfo // the mark of the States file's dates, when not official
}

type annexRow struct {
	State             stateRef
	Region            string
	Signed, Deposited string
	Instrument        string // ratification or accession
	EntryIntoForce    string
	Withdrawn         string
	Mark              markInfo
}

type votesView struct {
	Years   []VoteYear
	HasYear bool // the report's year has a tally
	Year    int
}

type article3View struct {
	Totals     Article3Totals
	SinceEIF   bool // the data cover every year since entry into force (2010)
	Munitions  string
	Submun     string
	Rows       []article3Row
	From, Year int
}

type article3Row struct {
	Year                    int
	Munitions, Submunitions string
	States                  int
	CumMunitions, CumSub    string
	Mark, CumMark           markInfo
}

// entryIntoForce is the Convention's entry into force, 1 August 2010.
var entryIntoForce = engine.NewDate(2010, 8, 1)

// content fills the report's content from Meta.States.
func (d *document) content(a *engine.Assessment, m Meta) {
	c := &d.Content
	names := map[string]string{}
	for _, s := range a.States {
		names[s.ISO3] = s.Name
	}
	parties := map[string]bool{}
	sd := m.States
	if sd != nil {
		c.HasStates, c.Profiles = true, m.Profiles
		for _, r := range sd.Records {
			names[r.ISO3] = r.Name
			if r.Party {
				parties[r.ISO3] = true
			}
		}
	}
	loc := d.loc
	ref := func(iso3 string) stateRef {
		s := stateRef{ISO3: iso3, Name: stateIn(loc, iso3, names[iso3])}
		if s.Name == "" {
			s.Name = iso3
		}
		if parties[iso3] && m.Profiles {
			s.HTML, s.MD = "profiles/"+iso3+".html", "profiles/"+iso3+".md"
		}
		return s
	}
	order := loc.Order()
	classOf := resultClasses(a, sd)
	d.countedNames(a, ref, classOf, order)
	c.Summary = summarize(loc, a, m.Previous, func(iso3 string) string { return ref(iso3).Name }, classOf)
	if sd == nil {
		return
	}
	c.Article7 = article7Table(loc, a, sd.Records, ref, order)
	c.Annex = annex(loc, sd.Records, ref, order)
	c.Votes = votesView{Years: sd.Votes, Year: a.Year}
	for _, v := range sd.Votes {
		if v.Year == a.Year {
			c.Votes.HasYear = true
		}
	}
	c.Article3 = article3Table(loc, sd.Article3, a.Year)
}

// stateNamer names a State in the report's language: in English as the data name it (the
// assessment's States Parties, then the States file), in French and Spanish from the names
// table; a State neither names is named by the table's English name, or else its code.
func stateNamer(loc *locale.Locale, a *engine.Assessment, sd *StateData) func(iso3 string) string {
	names := map[string]string{}
	for _, s := range a.States {
		names[s.ISO3] = s.Name
	}
	if sd != nil {
		for _, r := range sd.Records {
			if names[r.ISO3] == "" {
				names[r.ISO3] = r.Name
			}
		}
	}
	return func(iso3 string) string { return nameIn(loc, iso3, names[iso3]) }
}

// nameIn is a State's name in the language (stateIn), never empty: a State the data do not
// name is named by the names table's English name, or else its code.
func nameIn(loc *locale.Locale, iso3, dataName string) string {
	if n := stateIn(loc, iso3, dataName); n != "" {
		return n
	}
	if _, ok := locale.LookupState(iso3); ok {
		return locale.For(locale.English).State(iso3)
	}
	return iso3
}

// namesIn lists States by name in the language's order, joined as the language lists them
// ("Chile, Iraq and Lebanon"); name gives each code's name.
func namesIn(loc *locale.Locale, codes []string, name func(iso3 string) string) string {
	ns := make([]string, len(codes))
	for i, c := range codes {
		ns[i] = name(c)
	}
	slices.SortStableFunc(ns, loc.Order())
	return loc.JoinAnd(ns)
}

// resultClasses returns the class of one State's result for one indicator: from the States'
// traced outcomes when the report has them, else the indicator's own class (the least
// reliable of all its States', so a name is never left unmarked when its result might rest
// on data that is not official).
func resultClasses(a *engine.Assessment, sd *StateData) func(id, iso3 string) engine.Class {
	byID := map[string]engine.Class{}
	for i := range a.Indicators {
		byID[a.Indicators[i].ID] = a.Indicators[i].Class
	}
	if sd == nil {
		return func(id, _ string) engine.Class { return byID[id] }
	}
	type key struct{ id, iso3 string }
	classes := map[key]engine.Class{} // only the classes that are not official
	for _, se := range sd.Outcomes {
		if se == nil {
			continue
		}
		for _, o := range se.Indicators {
			if o.Class != "" && o.Class != engine.ClassOfficial {
				classes[key{o.ID, se.ISO3}] = o.Class
			}
		}
	}
	return func(id, iso3 string) engine.Class { return classes[key{id, iso3}] }
}

// countedNames attaches to each count indicator's row the States it counts, each with the
// mark of its result's class.
func (d *document) countedNames(a *engine.Assessment, ref func(string) stateRef, classOf func(id, iso3 string) engine.Class,
	order func(a, b string) int) {
	byID := map[string]*engine.IndicatorAssessment{}
	for i := range a.Indicators {
		byID[a.Indicators[i].ID] = &a.Indicators[i]
	}
	for si := range d.Sections {
		for ai := range d.Sections[si].Actions {
			av := &d.Sections[si].Actions[ai]
			for ri := range av.Rows {
				ia := byID[av.Rows[ri].ID]
				if ia == nil || ia.Aggregate != engine.AggCount {
					continue
				}
				cn := countedNames{ID: ia.ID, Title: ia.Title, N: ia.Counted.Len()}
				for iso := range ia.Counted.All() {
					r := ref(iso)
					r.Mark = markOf(classOf(ia.ID, iso))
					cn.Names = append(cn.Names, r)
				}
				slices.SortStableFunc(cn.Names, func(x, y stateRef) int { return order(x.Name, y.Name) })
				cn.Long = len(cn.Names) > maxInlineNames
				av.Counted = append(av.Counted, cn)
				if cn.Long {
					d.Content.Counted = append(d.Content.Counted, cn)
				}
			}
		}
	}
}

// article7Table lists every State Party's initial and annual reports for the year.
func article7Table(loc *locale.Locale, a *engine.Assessment, recs []engine.StateRecord, ref func(string) stateRef,
	order func(a, b string) int) article7View {
	v := article7View{Deadline: dayOf(loc, engine.NewDate(a.Year+1, 4, 30))}
	for _, r := range recs {
		if !r.Party {
			continue
		}
		if r.Ref.Before(engine.NewDate(r.Year, 12, 31)) {
			v.Partial = true
		}
		pr := reportingOf(loc, r)
		row := article7Row{State: ref(r.ISO3), InitialDue: pr.InitialDue, InitialReceived: pr.InitialReceived,
			InitialOnTime: pr.InitialOnTime, InitialMark: pr.InitialMark(), InitialKey: pr.InitialKey,
			Annual: ProfileItem{Value: loc.T("reporting.not-owed")}, AnnualOnTime: dash, AnnualKey: "none"}
		v.Parties.add(r.DatesClass)
		if r.Reporting.InitialRequired {
			v.InitialDue.add(r.DatesClass)
			if r.Reporting.Initial != nil {
				v.InitialReceived.add(r.Reporting.InitialOnTimeClass)
			} else {
				v.InitialOverdue.add(r.Reporting.InitialOnTimeClass)
			}
		}
		for i, an := range r.Reporting.Annual {
			if an.Year != a.Year {
				continue
			}
			pa := pr.Annual[i]
			row.Annual, row.AnnualOnTime, row.AnnualMark, row.AnnualKey = pa.Received, pa.OnTime, pa.Mark(), pa.Key
			if !an.Owed {
				row.AnnualOnTime = loc.T("reporting.not-owed-received", map[string]any{"Year": a.Year})
				continue
			}
			v.AnnualOwed.add(r.DatesClass)
			c := an.OnTimeClass
			switch an.OnTime {
			case engine.VerdictYes:
				v.AnnualOnTime.add(c)
			case engine.VerdictNo:
				if an.Received != nil {
					v.AnnualLate.add(c)
				} else {
					v.AnnualMissing.add(c)
				}
			case engine.VerdictUnknown:
				v.AnnualUnknown.add(c)
			default:
				v.AnnualPending.add(c)
			}
		}
		v.Rows = append(v.Rows, row)
	}
	slices.SortStableFunc(v.Rows, func(x, y article7Row) int { return order(x.State.Name, y.State.Name) })
	return v
}

// annex lists the States Parties, the signatories, the States whose instrument is deposited
// but not yet counted, and the former States Parties, with their treaty dates.
func annex(loc *locale.Locale, recs []engine.StateRecord, ref func(string) stateRef, order func(a, b string) int) annexView {
	var v annexView
	var cc engine.ClassCounts
	for _, r := range recs {
		if r.Signed == nil && r.Ratified == nil {
			continue
		}
		v.Ref = dayOf(loc, r.Ref)
		row := annexRow{State: ref(r.ISO3), Region: regionIn(loc, r.Region), Signed: dayOr(loc, r.Signed, dash), Deposited: dayOr(loc, r.Ratified, dash),
			EntryIntoForce: dayOr(loc, r.EntryIntoForce, dash), Withdrawn: dayOr(loc, r.Withdrawn, dash), Mark: markOf(r.DatesClass)}
		if r.Ratified != nil {
			row.Instrument = loc.T("content.instrument.accession")
			if r.Signed != nil {
				row.Instrument = loc.T("content.instrument.ratification")
			}
		}
		cc.Add(r.DatesClass)
		switch {
		case r.Party:
			v.Parties = append(v.Parties, row)
		case r.FormerParty:
			v.Former = append(v.Former, row)
		case r.PendingEIF:
			v.Pending = append(v.Pending, row)
		case r.Signatory:
			v.Signatories = append(v.Signatories, row)
		}
	}
	byName := func(x, y annexRow) int { return order(x.State.Name, y.State.Name) }
	for _, l := range [][]annexRow{v.Parties, v.Signatories, v.Pending, v.Former} {
		slices.SortStableFunc(l, byName)
	}
	v.Class = markOf(cc.Weakest())
	return v
}

// article3Table formats the cumulative Article 3 destruction.
func article3Table(loc *locale.Locale, t Article3Totals, year int) article3View {
	n := func(v float64) string {
		if loc.Lang() == locale.English {
			return fixed(v, 0)
		}
		return loc.Number(v, 0)
	}
	v := article3View{Totals: t, From: t.From, Year: year, SinceEIF: t.From != 0 && t.From <= entryIntoForce.Year(),
		Munitions: n(t.Munitions), Submun: n(t.Submunitions)}
	for _, y := range t.Years {
		v.Rows = append(v.Rows, article3Row{Year: y.Year, Munitions: n(y.Munitions), Submunitions: n(y.Submunitions),
			States: y.States, CumMunitions: n(y.CumMunitions), CumSub: n(y.CumSub), Mark: markOf(y.Class), CumMark: markOf(y.CumClass)})
	}
	return v
}

// Profiles builds the country profile of every State Party of the assessed year, in ISO3
// order; nil unless Meta.Profiles (with Meta.States). They are built on the first call (or
// by Profile), which then lets go of the States' traced outcomes they are built from; every
// call returns the same profiles. They are built side by side (Profile).
func (r *Report) Profiles() ([]*StateProfile, error) {
	r.profileOnce.Do(func() {
		if len(r.slots) == 0 {
			r.profiles, r.profileErr = r.buildProfiles() // the checks of an empty or mismatched input
			r.outcomes = nil
			return
		}
		// by as many workers as there are processors: building the profiles is on the way of
		// every file lap report writes after it
		out := make([]*StateProfile, len(r.slots))
		errs := make([]error, len(r.slots))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(r.slots)) {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < len(r.slots); i = int(next.Add(1) - 1) {
					out[i], errs[i] = r.Profile(i)
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				r.profileErr = err // the first State's, in ISO3 order
				return
			}
		}
		r.profiles, r.outcomes = out, nil
	})
	return r.profiles, r.profileErr
}

// ProfileCount is the number of country profiles (Profiles) of the report: one per State
// Party of the assessed year with Meta.Profiles (and Meta.States), else 0.
func (r *Report) ProfileCount() int { return len(r.slots) }

// Profile builds the i-th country profile of Profiles (0 ≤ i < ProfileCount) on its first
// call and lets go of the State's traced outcomes; every call returns the same profile. It is
// safe for concurrent use.
func (r *Report) Profile(i int) (*StateProfile, error) {
	if i < 0 || i >= len(r.slots) {
		return nil, fmt.Errorf("profiles: %w: no profile %d of %d", chart.ErrInvalidInput, i, len(r.slots))
	}
	s := &r.slots[i]
	s.once.Do(func() {
		k := r.parties[i]
		if r.a == nil {
			s.err = ErrNoAssessment
			return
		}
		if len(r.outcomes) != len(r.m.States.Records) {
			s.err = fmt.Errorf("profiles: %w: %d records and %d outcomes", chart.ErrInvalidInput, len(r.m.States.Records), len(r.outcomes))
			return
		}
		s.p, s.err = newStateProfile(r.profileBase(), r.m.States.Records[k], r.outcomes[k])
		r.outcomes[k] = nil // each State's own element: no other profile reads it
	})
	return s.p, s.err
}

// profileBase is the part every profile of the report shares, made once.
func (r *Report) profileBase() *profileBase {
	r.baseOnce.Do(func() { r.base = newProfileBase(profileLang(reportLang(r.m)), r.a) })
	return r.base
}

// buildProfiles builds every profile from the outcomes, keeping them (the benchmark builds
// them again and again).
func (r *Report) buildProfiles() ([]*StateProfile, error) {
	sd := r.m.States
	if sd == nil || !r.m.Profiles {
		return nil, nil
	}
	if len(r.outcomes) != len(sd.Records) {
		return nil, fmt.Errorf("profiles: %w: %d records and %d outcomes", chart.ErrInvalidInput, len(sd.Records), len(r.outcomes))
	}
	if r.a == nil {
		return nil, ErrNoAssessment
	}
	base := newProfileBase(profileLang(reportLang(r.m)), r.a)
	var out []*StateProfile
	for i, rec := range sd.Records {
		if !rec.Party {
			continue
		}
		p, err := newStateProfile(base, rec, r.outcomes[i])
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// WriteProfile writes one of the report's country profiles in a report format: "md" or
// "html" (a page, with its links to the report beside profiles/) or "json" (the model).
func (r *Report) WriteProfile(w io.Writer, p *StateProfile, format string) error {
	o := r.profileOptions(format)
	switch format {
	case "md":
		return WriteProfileMarkdown(w, p, o)
	case "html":
		return WriteProfileHTML(w, p, o)
	case "json":
		return EncodeJSON(w, p) // what lap profile ISO3 --format json prints
	}
	return fmt.Errorf("write profile: %w: format %q", chart.ErrInvalidInput, format)
}

// profileOptions are the options of the report's profile pages in format.
func (r *Report) profileOptions(format string) ProfileOptions {
	o := ProfileOptions{Generator: r.doc.Generator, Date: r.m.Date}
	switch format {
	case "md":
		o.IndicatorLink, o.ReportLink = "../report.md#action-{action}", "../report.md"
	case "html":
		o.IndicatorLink, o.ReportLink = "../report.html#ind-{id}", "../report.html"
	}
	return o
}

// ProfileKey returns the content key (package contentkey) of the page WriteProfile writes for
// p in format: the profile, every field of it, the page's options and language, and the
// binary that writes it. Pages with the same key have the same bytes, so that a page an
// earlier run wrote can be reused. "" when the key cannot be computed.
func (r *Report) ProfileKey(p *StateProfile, format string) string {
	if p == nil || format != "md" && format != "html" && format != "json" {
		return ""
	}
	content, ok := r.profileKeys.Load(p)
	if !ok {
		c := *p
		c.loc = nil // given by the language, hashed instead (the catalogue is part of the binary)
		k, _ := contentkey.Of("lap report profile", string(p.words().Lang()), c)
		content, _ = r.profileKeys.LoadOrStore(p, k)
	}
	if content == "" {
		return ""
	}
	k, _ := contentkey.Of("lap report profile page", content, format, r.profileOptions(format))
	return k
}

// joinNames writes "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// dayOr is dayOf of a date that may be missing (none).
func dayOr(loc *locale.Locale, d *engine.Date, none string) string {
	if d == nil {
		return none
	}
	return dayOf(loc, *d)
}

// regionIn is a region of the States file in the report's language; English shows its key
// as it always has.
func regionIn(loc *locale.Locale, key string) string {
	if loc.Lang() == locale.English || key == "" {
		return key
	}
	return loc.T("region." + key)
}
