package reports

import (
	"fmt"
	"sort"

	"github.com/lapmonitor/lap/engine"
)

// StateProfile is a State's country profile for the assessed year: its membership, its
// obligations with their episodes, verdicts and projections as the engine gives them, its
// Article 7 record, and the indicators it counts in. lap serve shows it on the State page; it
// is built in one place (NewStateProfile) so that other writers show the same thing.
type StateProfile struct {
	ISO3       string        `json:"iso3"`
	Name       string        `json:"name"`
	Region     string        `json:"region"`
	Year       int           `json:"year"`
	AsOf       string        `json:"as_of"`
	Membership []ProfileItem `json:"membership"`
	// Party says in words where the State stands at the cut-off.
	Party       string                     `json:"party"`
	Obligations []engine.Obligation        `json:"obligations"`
	Episodes    []engine.ObligationEpisode `json:"episodes"`
	Article7    []ProfileItem              `json:"article7"`
	CountedIn   []ProfileIndicator         `json:"counted_in"`
	NotCounted  []ProfileIndicator         `json:"not_counted_in"`
	NoData      []ProfileIndicator         `json:"no_data_in"`
}

// ProfileItem is one labelled fact of a profile, with its class (official, monitor,
// estimate, illustrative; empty when not stated) and source.
type ProfileItem struct {
	Label  string       `json:"label"`
	Value  string       `json:"value"`
	Class  engine.Class `json:"class,omitempty"`
	Source string       `json:"source,omitempty"`
}

// ProfileIndicator names an indicator a State counts in.
type ProfileIndicator struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// NewStateProfile builds the profile of one State from an assessment and the dataset it was
// made from.
func NewStateProfile(a *engine.Assessment, ds *engine.Dataset, iso3 string) (*StateProfile, error) {
	s, ok := ds.State(iso3)
	if !ok {
		return nil, fmt.Errorf("state profile: unknown State %q", iso3)
	}
	p := &StateProfile{ISO3: s.ISO3, Name: s.Name, Region: s.Region, Year: a.Year, AsOf: a.AsOf,
		Obligations: []engine.Obligation{}, Episodes: []engine.ObligationEpisode{}, Article7: []ProfileItem{},
		CountedIn: []ProfileIndicator{}, NotCounted: []ProfileIndicator{}, NoData: []ProfileIndicator{}}
	date := func(label string, d engine.Date, note string) {
		if d.IsZero() {
			return
		}
		v := d.Text()
		if note != "" {
			v += " " + note
		}
		p.Membership = append(p.Membership, ProfileItem{Label: label, Value: v, Class: s.Class})
	}
	date("Signed", s.Signed, "")
	date("Instrument deposited", s.Ratified, "")
	note := ""
	if s.EIFDerived {
		note = "(derived by Article 17 from the deposit)"
	}
	date("Entry into force", s.EntryIntoForce, note)
	date("Withdrawn", s.Withdrawn, "")
	if len(p.Membership) == 0 {
		p.Membership = append(p.Membership, ProfileItem{Label: "Signed or deposited", Value: "neither, in the data"})
	}
	titles := map[string]string{}
	for _, ia := range a.Indicators {
		titles[ia.ID] = ia.Title
	}
	list := func(ids []string) []ProfileIndicator {
		out := []ProfileIndicator{}
		for _, id := range ids {
			out = append(out, ProfileIndicator{ID: id, Title: titles[id]})
		}
		return out
	}
	p.Party = fmt.Sprintf("Not a State Party at %s (the cut-off for %d).", a.AsOf, a.Year)
	for _, sv := range a.States {
		if sv.ISO3 != iso3 {
			continue
		}
		p.Party = fmt.Sprintf("State Party in %d.", a.Year)
		p.Obligations = append(p.Obligations, sv.Obligations...)
		p.CountedIn, p.NotCounted, p.NoData = list(sv.CountedIn), list(sv.NotCountedIn), list(sv.NoDataIn)
	}
	for _, e := range a.Obligations {
		if e.ISO3 == iso3 {
			p.Episodes = append(p.Episodes, e)
		}
	}
	var annual []ProfileItem
	for _, f := range ds.StateFacts(iso3) {
		switch f.Field {
		case "art7_initial_submitted":
			p.Article7 = append(p.Article7, ProfileItem{Label: "Initial report received", Value: dateText(f.Value), Class: f.Class, Source: f.Source})
		case "art7_annual_submitted":
			annual = append(annual, ProfileItem{Label: fmt.Sprintf("Annual report for %d received", f.Year), Value: dateText(f.Value), Class: f.Class, Source: f.Source})
		}
	}
	sort.SliceStable(annual, func(i, j int) bool { return annual[i].Label > annual[j].Label })
	p.Article7 = append(p.Article7, annual...)
	return p, nil
}

// dateText writes a date value for people ("30 June 2025"), or the value as given.
func dateText(v string) string {
	d, err := engine.ParseDate(v)
	if err != nil {
		return v
	}
	return d.Text()
}
