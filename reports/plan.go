package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// The output of `lap plan`: the whole plan for review, as a table, Markdown or JSON.

// WritePlan writes the plan for review in a format: "table" (plain text), "md" (one Markdown
// document) or "json". Every action comes with its provenance label and every indicator in
// full: provenance, aggregate, unit, direction, target and the text of its expressions.
func WritePlan(w io.Writer, p *engine.Plan, format string) error {
	doc := newPlanDoc(p)
	switch format {
	case "table":
		return writePlanTable(w, doc)
	case "md":
		return writePlanMarkdown(w, doc)
	case "json":
		return EncodeJSON(w, doc)
	}
	return fmt.Errorf("write plan: unknown format %q (want table, md or json)", format)
}

// planDoc is the reviewable form of a plan: every action with its indicators in full.
type planDoc struct {
	Name           string           `json:"name"`
	Version        string           `json:"version"`
	Period         string           `json:"period"`
	Adopted        string           `json:"adopted,omitempty"`
	BaselineYear   int              `json:"baseline_year"`
	TargetYear     int              `json:"target_year"`
	Counting       engine.Counting  `json:"counting"`
	Provenance     string           `json:"provenance"`
	Note           string           `json:"note,omitempty"`
	Language       string           `json:"language"`                     // "en" for the plan as written
	Translation    string           `json:"translation_notice,omitempty"` // e.g. that the text is an unofficial translation
	Hash           string           `json:"hash"`
	Sections       []engine.Section `json:"sections"`
	Actions        []planAction     `json:"actions"`
	IndicatorCount int              `json:"indicator_count"`
}

type planAction struct {
	Number            int             `json:"number"`
	Section           string          `json:"section"`
	Title             string          `json:"title"`
	Description       string          `json:"description"`
	Provenance        string          `json:"provenance"`
	SectionProvenance string          `json:"section_provenance"`
	Sources           []string        `json:"sources"`
	SectionSources    []string        `json:"section_sources"`
	Basis             string          `json:"basis,omitempty"`
	File              string          `json:"file"`
	Indicators        []planIndicator `json:"indicators"`
}

type planIndicator struct {
	ID             string           `json:"id"`
	Title          string           `json:"title"`
	Definition     string           `json:"definition"`
	Aggregate      engine.Aggregate `json:"aggregate"`
	Unit           string           `json:"unit"`
	Direction      engine.Direction `json:"direction"`
	Target         *float64         `json:"target"`
	TargetYear     int              `json:"target_year,omitempty"`
	TargetEachYear bool             `json:"target_each_year,omitempty"`
	Provenance     string           `json:"provenance"`
	Population     string           `json:"population"`
	Rule           string           `json:"rule"`
	Fields         []string         `json:"fields"`
	Note           string           `json:"note,omitempty"`
	// Unknown is how a State without data counts; MinPopulation the indicator's own minimum
	// (0: the plan's).
	Unknown       engine.UnknownPolicy `json:"unknown_policy"`
	MinPopulation int                  `json:"min_population,omitempty"`
	File          string               `json:"file"`
	Line          int                  `json:"line"`
}

func newPlanDoc(p *engine.Plan) planDoc {
	prov, note := p.Provenance()
	doc := planDoc{Name: p.Name(), Version: p.Version(), Period: p.Period(), BaselineYear: p.BaselineYear(),
		TargetYear: p.TargetYear(), Counting: p.Counting(), Provenance: prov, Note: note, Hash: p.Hash(),
		Sections: p.Sections(), Actions: []planAction{}, Language: "en"}
	if tag, notice := p.Language(); tag != "" {
		doc.Language, doc.Translation = tag, notice
	}
	if !p.Adopted().IsZero() {
		doc.Adopted = p.Adopted().String()
	}
	for _, a := range p.Actions() {
		pa := planAction{Number: a.Number, Section: a.Section, Title: a.Title, Description: a.Description,
			Provenance: a.Provenance, SectionProvenance: a.SectionProvenance, Sources: nonNil(a.Sources),
			SectionSources: nonNil(a.SectionSources), Basis: a.Basis, File: a.File, Indicators: []planIndicator{}}
		for _, id := range a.Indicators {
			ind, _ := p.Indicator(id)
			pa.Indicators = append(pa.Indicators, planIndicator{ID: ind.ID, Title: ind.Title, Definition: ind.Definition,
				Aggregate: ind.Aggregate, Unit: ind.Unit, Direction: ind.Direction, Target: ind.Target,
				TargetYear: ind.TargetYear, TargetEachYear: ind.TargetEachYear, Provenance: ind.Provenance,
				Population: ind.Population.Source, Rule: ind.Rule.Source, Fields: nonNil(ind.Fields), Note: ind.Note,
				Unknown: ind.Unknown, MinPopulation: ind.MinPopulation, File: ind.File, Line: ind.Line})
			doc.IndicatorCount++
		}
		doc.Actions = append(doc.Actions, pa)
	}
	return doc
}

// planTarget describes a target: "100 percent by 2026", "0 states every year from 2021", "none".
func planTarget(ind planIndicator) string {
	if ind.Target == nil {
		return "none"
	}
	v := strconv.FormatFloat(*ind.Target, 'f', -1, 64) + " " + ind.Unit
	if ind.TargetEachYear {
		return fmt.Sprintf("%s every year from %d", v, ind.TargetYear)
	}
	return fmt.Sprintf("%s by %d", v, ind.TargetYear)
}

func planSection(doc planDoc, key string) engine.Section {
	for _, s := range doc.Sections {
		if s.Key == key {
			return s
		}
	}
	return engine.Section{Key: key, Title: key}
}

func writePlanTable(w io.Writer, doc planDoc) error {
	bw := &textWriter{w: w}
	// the lines' words in the translation's language; the indicators' lines are the plan's
	// own terms (TOML keys and codes: aggregate, unit, direction, unknown, population, rule)
	lang := locale.English
	if l, err := locale.ParseLang(doc.Language); err == nil {
		lang = l
	}
	loc := locale.For(lang)
	t := func(id, english string, kv ...any) string {
		if lang == locale.English {
			return english
		}
		return loc.T(id, pairs(kv))
	}
	bw.printf("%s\n", t("cli.plan.head", fmt.Sprintf("%s, version %s (%s)", doc.Name, doc.Version, doc.Provenance),
		"Name", doc.Name, "Version", doc.Version, "Provenance", doc.Provenance))
	bw.printf("%s\n", t("cli.plan.period", fmt.Sprintf("period %s, baseline %d, target %d, counting %s; %d actions, %d indicators", doc.Period, doc.BaselineYear, doc.TargetYear, doc.Counting, len(doc.Actions), doc.IndicatorCount),
		"Period", doc.Period, "Baseline", doc.BaselineYear, "Target", doc.TargetYear, "Counting", string(doc.Counting), "Actions", len(doc.Actions), "Indicators", doc.IndicatorCount))
	if doc.Note != "" {
		bw.printf("%s\n", t("cli.plan.note", "note: "+doc.Note, "Note", doc.Note))
	}
	if doc.Translation != "" {
		bw.printf("%s\n", t("cli.plan.language", fmt.Sprintf("language %s: %s", doc.Language, doc.Translation), "Lang", doc.Language, "Notice", doc.Translation))
	}
	section := ""
	for _, a := range doc.Actions {
		if a.Section != section {
			section = a.Section
			s := planSection(doc, section)
			actions := strings.ToLower(planActionRange(s))
			if lang != locale.English {
				actions = loc.T("cli.plan.actions", map[string]any{"First": s.FirstAction, "Last": s.LastAction})
				if s.FirstAction == s.LastAction {
					actions = loc.T("cli.plan.action-one", map[string]any{"N": s.FirstAction})
				}
			}
			bw.printf("\n== %s: %s (%s, %s)\n", s.Key, s.Title, actions, t("cli.plan.section-provenance", "section "+a.SectionProvenance, "Provenance", a.SectionProvenance))
		}
		bw.printf("\n%s\n", t("cli.plan.action", fmt.Sprintf("Action %d [%s] %s", a.Number, a.Provenance, a.Title), "N", a.Number, "Provenance", a.Provenance, "Title", a.Title))
		for _, ind := range a.Indicators {
			target := planTarget(ind)
			switch {
			case lang == locale.English:
			case ind.Target == nil:
				target = loc.T("cli.plan.target-none")
			case ind.TargetEachYear:
				target = loc.T("cli.plan.target-each-year", map[string]any{"Value": strconv.FormatFloat(*ind.Target, 'f', -1, 64) + " " + ind.Unit, "Year": ind.TargetYear})
			default:
				target = loc.T("cli.plan.target-by", map[string]any{"Value": strconv.FormatFloat(*ind.Target, 'f', -1, 64) + " " + ind.Unit, "Year": ind.TargetYear})
			}
			bw.printf("  %-5s [%s] %s\n", ind.ID, ind.Provenance, ind.Title)
			bw.printf("        %s, %s, %s, target %s, unknown %s%s\n", ind.Aggregate, ind.Unit, ind.Direction, target, ind.Unknown, planMin(ind))
			bw.printf("        population: %s\n", oneLine(ind.Population))
			bw.printf("        rule:       %s\n", oneLine(ind.Rule))
		}
	}
	return bw.err
}

// planActionRange is "Actions 10-11", or "Action 50" for a section of one action.
func planActionRange(s engine.Section) string {
	if s.FirstAction == s.LastAction {
		return fmt.Sprintf("Action %d", s.FirstAction)
	}
	return fmt.Sprintf("Actions %d-%d", s.FirstAction, s.LastAction)
}

// writePlanMarkdown writes the whole plan as one reviewable document.
func writePlanMarkdown(w io.Writer, doc planDoc) error {
	bw := &textWriter{w: w}
	bw.printf("# %s\n\n", markdownText(doc.Name))
	bw.printf("> **Reconstruction, not the official text.** The official text of the Lausanne Action Plan and its\n")
	bw.printf("> indicators could not be obtained. Every action carries a provenance label (`found`, `inferred`,\n")
	bw.printf("> `reconstructed`) and every indicator is labelled `proposed` unless a source gives it. Nothing\n")
	bw.printf("> here should be presented as official.\n\n")
	if doc.Translation != "" {
		bw.printf("> **%s**\n\n", markdownText(doc.Translation))
	}
	bw.printf("| Key | Value |\n| --- | --- |\n")
	bw.printf("| Version | %s |\n| Period | %s |\n", markdownText(doc.Version), markdownText(doc.Period))
	if doc.Adopted != "" {
		bw.printf("| Adopted | %s |\n", doc.Adopted)
	}
	bw.printf("| Baseline year | %d |\n| Target year | %d |\n| Counting | %s |\n| Provenance | %s |\n", doc.BaselineYear, doc.TargetYear, mdCode(string(doc.Counting)), mdCode(doc.Provenance))
	bw.printf("| Actions | %d |\n| Indicators | %d |\n| Plan hash (SHA-256) | `%s` |\n\n", len(doc.Actions), doc.IndicatorCount, doc.Hash)
	if doc.Note != "" {
		bw.printf("%s\n\n", markdownText(doc.Note))
	}
	bw.printf("## Provenance labels\n\n")
	bw.printf("| Label | Applies to | Meaning |\n| --- | --- | --- |\n")
	bw.printf("| `found` | action | Number and content both found in a source; the description is a paraphrase. |\n")
	bw.printf("| `inferred` | action | Content found in a source; number or section worked out by reasoning. |\n")
	bw.printf("| `reconstructed` | action | No source for the content; written from the Convention's obligations. |\n")
	bw.printf("| `proposed` | indicator | A proposal of this project; no source gives LAP indicator text. |\n")
	bw.printf("| `found` | indicator | An indicator given by a source. |\n\n")
	bw.printf("## Sections\n\n| Key | Section | Actions | Provenance | Sources |\n| --- | --- | --- | --- | --- |\n")
	for _, s := range doc.Sections {
		bw.printf("| `%s` | %s | %s | `%s` | %s |\n", s.Key, markdownText(s.Title), strings.TrimPrefix(strings.TrimPrefix(planActionRange(s), "Actions "), "Action "), s.Provenance, planMDLinks(s.Sources))
	}
	bw.printf("\n## Summary\n\n| Action | Section | Title | Provenance | Indicators |\n| --- | --- | --- | --- | --- |\n")
	for _, a := range doc.Actions {
		ids := make([]string, len(a.Indicators))
		for i, ind := range a.Indicators {
			ids[i] = ind.ID
		}
		bw.printf("| %d | `%s` | %s | `%s` | %s |\n", a.Number, a.Section, markdownText(a.Title), a.Provenance, strings.Join(ids, ", "))
	}
	section := ""
	for _, a := range doc.Actions {
		if a.Section != section {
			section = a.Section
			s := planSection(doc, section)
			bw.printf("\n## %s (%s)\n\nSection key `%s`, section provenance `%s`.\n", markdownText(s.Title), planActionRange(s), s.Key, a.SectionProvenance)
		}
		bw.printf("\n### Action %d: %s\n\n", a.Number, markdownText(a.Title))
		bw.printf("Provenance `%s`; section provenance `%s`; file %s.\n\n", a.Provenance, a.SectionProvenance, mdCode(a.File))
		if a.Description != "" {
			bw.printf("%s\n\n", markdownText(a.Description))
		}
		if a.Basis != "" {
			bw.printf("*Basis:* %s\n\n", markdownText(a.Basis))
		}
		bw.printf("*Sources:* %s\n", planMDLinks(a.Sources))
		for _, ind := range a.Indicators {
			bw.printf("\n#### %s %s\n\n", ind.ID, markdownText(ind.Title))
			bw.printf("%s\n\n", markdownText(ind.Definition))
			bw.printf("| Key | Value |\n| --- | --- |\n")
			bw.printf("| Provenance | `%s` |\n", ind.Provenance)
			bw.printf("| Population | %s |\n| Rule | %s |\n", mdCode(ind.Population), mdCode(ind.Rule))
			bw.printf("| Aggregate | `%s` |\n| Unit | %s |\n| Direction | %s |\n| Target | %s |\n", ind.Aggregate, ind.Unit, ind.Direction, planTarget(ind))
			bw.printf("| Unknown counts | `%s`%s |\n", ind.Unknown, planMin(ind))
			bw.printf("| Fields | %s |\n", markdownText(strings.Join(ind.Fields, ", ")))
			bw.printf("| Defined at | %s |\n", mdCode(fmt.Sprintf("%s:%d", ind.File, ind.Line)))
			if ind.Note != "" {
				bw.printf("\n*Note:* %s\n", markdownText(ind.Note))
			}
		}
	}
	return bw.err
}

func planMDLinks(urls []string) string {
	if len(urls) == 0 {
		return "none"
	}
	out := make([]string, len(urls))
	for i, u := range urls {
		out[i] = mdLink(u)
	}
	return strings.Join(out, " ")
}

// planMin is ", min_population N" for an indicator with its own minimum.
func planMin(ind planIndicator) string {
	if ind.MinPopulation == 0 {
		return ""
	}
	return fmt.Sprintf(", min_population %d", ind.MinPopulation)
}
