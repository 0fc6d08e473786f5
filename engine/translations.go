package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/lapmonitor/lap/internal/typography"
)

// Translations of a plan's text. A plan directory may hold lang/TAG.toml files, one per
// language (lang/fr.toml, lang/es.toml): the titles, descriptions, bases, definitions and notes
// of its sections, actions and indicators in that language, keyed by section key, action
// number and indicator id. They are parallel files rather than keys inside the action files so
// that a translator and a plan editor never edit the same file, and a new or renamed indicator
// shows up as a warning instead of a merge conflict.
//
// The engine holds the text per language tag and knows nothing else about languages. A
// translation never changes a value: it is not part of the plan's Hash. Problems in a
// translation are warnings, never errors: a missing or stale translation must not stop the
// plan (and its English report) from loading. `lap check` lists them with file and line.

// TranslationDir is the folder of a plan directory that holds its translations.
const TranslationDir = "lang"

// Diagnostic codes of translation files (always warnings).
const (
	// CodeTranslationMissing: a section, action or indicator has no entry in a translation,
	// or an entry lacks a text the plan has. Reported at the plan's own file and line.
	CodeTranslationMissing = "translation-missing"
	// CodeTranslationOrphan: a translation has an entry (or a text) for a section, action or
	// indicator that the plan does not have. Reported at the translation's file and line.
	CodeTranslationOrphan = "translation-orphan"
	// CodeTranslationFile: a translation file that cannot be used, or has a bad header key.
	CodeTranslationFile = "translation-file"
	// CodeTranslationStale: an entry was translated from another English text than the plan's
	// (its source fingerprint differs, or it has none). Its texts are not used: the plan's own
	// text stands in until the translation is revised. At the translation's file and line.
	CodeTranslationStale = "translation-stale"
)

// The statuses a translation may declare.
const (
	TranslationUnofficial = "unofficial"
	TranslationOfficial   = "official"
)

var translationTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Translation is a plan's text in one language. Look texts up with Section, Action and
// Indicator; Plan.Translated builds the plan with these texts in place.
type Translation struct {
	Lang   string `json:"lang"`   // the language tag, from the file name: "fr"
	Name   string `json:"name"`   // the language's own name: "Français"
	Status string `json:"status"` // "unofficial" or "official"
	// Notice is the sentence, in the language, that must be shown wherever the translation is
	// shown, e.g. that it is an unofficial translation.
	Notice string `json:"notice"`
	File   string `json:"file"`
	SHA256 string `json:"sha256"`

	plan       PlanText
	sections   map[string]SectionText
	actions    map[int]ActionText
	indicators map[string]IndicatorText
	breakdowns map[string]BreakdownText
	checks     map[string]CheckText
	missing    []string
}

// PlanText is the translated text of the plan itself.
type PlanText struct {
	Name   string `toml:"name"`
	Note   string `toml:"note"`
	Source string `toml:"source"` // TextFingerprint of the English texts translated
}

// SectionText is the translated text of a section.
type SectionText struct {
	Title  string `toml:"title"`
	Source string `toml:"source"`
}

// ActionText is the translated text of an action.
type ActionText struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Basis       string `toml:"basis"`
	Source      string `toml:"source"`
}

// IndicatorText is the translated text of an indicator.
type IndicatorText struct {
	Title      string `toml:"title"`
	Definition string `toml:"definition"`
	Note       string `toml:"note"`
	Source     string `toml:"source"`
}

// BreakdownText is the translated text of a plan breakdown ([[breakdown]] in plan.toml): its
// title, the title of its "other" group, and each group's title by the group's key.
type BreakdownText struct {
	Title  string            `toml:"title"`
	Other  string            `toml:"other"`
	Group  map[string]string `toml:"group"`
	Source string            `toml:"source"` // TextFingerprint of title, other, then the groups' titles
}

// CheckText is the translated text of a data check (checks/*.toml): its title and its message,
// whose placeholders ({state}, {year}, {field} ...) are the English message's own.
type CheckText struct {
	Title   string `toml:"title"`
	Message string `toml:"message"`
	Source  string `toml:"source"` // TextFingerprint of title, then message
}

// TextFingerprint is the fingerprint a translation entry records, as source = "...", of the
// English texts it translates, in their order (title, description, basis for an action; title,
// definition, note for an indicator; title for a section; name, note for the plan): the first
// 8 hexadecimal digits of their SHA-256. When the English changes, the entry is stale.
func TextFingerprint(texts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(texts, "\x00")))
	return hex.EncodeToString(sum[:4])
}

// Plan returns the translated plan name and note.
func (t *Translation) Plan() PlanText { return t.plan }

// Section returns the translated text of a section.
func (t *Translation) Section(key string) (SectionText, bool) {
	s, ok := t.sections[key]
	return s, ok
}

// Action returns the translated text of an action.
func (t *Translation) Action(number int) (ActionText, bool) {
	a, ok := t.actions[number]
	return a, ok
}

// Indicator returns the translated text of an indicator.
func (t *Translation) Indicator(id string) (IndicatorText, bool) {
	ind, ok := t.indicators[id]
	return ind, ok
}

// Breakdown returns the translated text of a plan breakdown.
func (t *Translation) Breakdown(key string) (BreakdownText, bool) {
	b, ok := t.breakdowns[key]
	return b, ok
}

// Check returns the translated text of a data check.
func (t *Translation) Check(id string) (CheckText, bool) {
	c, ok := t.checks[id]
	return c, ok
}

// Missing lists, in plan order, the texts the translation lacks ("indicator 12.4 definition"):
// Translated shows the plan's own text for them.
func (t *Translation) Missing() []string { return append([]string(nil), t.missing...) }

// Languages lists the tags of the plan's translations, sorted.
func (p *Plan) Languages() []string {
	var out []string
	for _, t := range p.translations.all() {
		out = append(out, t.Lang)
	}
	return out
}

// Translation returns the plan's translation into a language tag.
func (p *Plan) Translation(tag string) (*Translation, bool) {
	t := p.translations.get(tag)
	return t, t != nil
}

// Language returns the tag and notice of the translation a plan was built with by Translated,
// or two empty strings for the plan as written.
func (p *Plan) Language() (tag, notice string) {
	if p.lang == nil {
		return "", ""
	}
	return p.lang.Lang, p.lang.Notice
}

// Translated returns the plan with its texts in the language tag: the same plan (indicators,
// expressions, targets, hash) whose plan name and note, section titles, action titles,
// descriptions and bases, and indicator titles, definitions and notes come from the
// translation. A text the translation lacks (see Translation.Missing) stays as written.
func (p *Plan) Translated(tag string) (*Plan, error) {
	t, ok := p.Translation(tag)
	if !ok {
		return nil, fmt.Errorf("translate plan: no %q translation (want one of %s in %s/)", tag, strings.Join(p.Languages(), ", "), TranslationDir)
	}
	q := *p
	q.lang = t
	q.name = translatedText(t.plan.Name, p.name)
	q.note = translatedText(t.plan.Note, p.note)
	q.sections = make([]Section, len(p.sections))
	for i, s := range p.sections {
		if tr, ok := t.sections[s.Key]; ok {
			s.Title = translatedText(tr.Title, s.Title)
		}
		q.sections[i] = s
	}
	q.actions = make([]Action, len(p.actions))
	for i, a := range p.actions {
		if tr, ok := t.actions[a.Number]; ok {
			a.Title = translatedText(tr.Title, a.Title)
			a.Description = translatedText(tr.Description, a.Description)
			a.Basis = translatedText(tr.Basis, a.Basis)
		}
		q.actions[i] = a
	}
	q.indicators = make([]*Indicator, len(p.indicators))
	q.byID = make(map[string]*Indicator, len(p.indicators))
	for i, ind := range p.indicators {
		c := *ind
		if tr, ok := t.indicators[c.ID]; ok {
			c.Title = translatedText(tr.Title, c.Title)
			c.Definition = translatedText(tr.Definition, c.Definition)
			c.Note = translatedText(tr.Note, c.Note)
		}
		q.indicators[i] = &c
		q.byID[c.ID] = &c
	}
	q.breakdowns = make([]*Breakdown, len(p.breakdowns))
	for i, b := range p.breakdowns {
		c := *b
		c.Groups = append([]Group(nil), b.Groups...)
		if tr, ok := t.breakdowns[c.Key]; ok {
			c.Title = translatedText(tr.Title, c.Title)
			for j := range c.Groups {
				g := &c.Groups[j]
				if g.other {
					g.Title = translatedText(tr.Other, g.Title)
				} else {
					g.Title = translatedText(tr.Group[g.Key], g.Title)
				}
			}
		}
		q.breakdowns[i] = &c
	}
	q.checks = make([]*DataCheck, len(p.checks))
	for i, dc := range p.checks {
		c := *dc
		if tr, ok := t.checks[c.ID]; ok {
			c.Title = translatedText(tr.Title, c.Title)
			c.Message = translatedText(tr.Message, c.Message)
		}
		q.checks[i] = &c
	}
	return &q, nil
}

// translatedText returns the translated text, or the original where there is none or the original is
// empty (a translation never adds a text the plan does not have).
func translatedText(translated, original string) string {
	if translated == "" || original == "" {
		return original
	}
	return translated
}

// typesetFrench gives the texts of a French translation the no-break spaces French puts before
// ; : ! ? and inside « » (internal/typography), as the report catalogue's French has them: a
// translator types plain spaces.
func typesetFrench(tf *translationText) {
	fr := typography.French
	tf.Notice, tf.Plan.Name, tf.Plan.Note = fr(tf.Notice), fr(tf.Plan.Name), fr(tf.Plan.Note)
	for k, x := range tf.Section {
		x.Title = fr(x.Title)
		tf.Section[k] = x
	}
	for k, x := range tf.Action {
		x.Title, x.Description, x.Basis = fr(x.Title), fr(x.Description), fr(x.Basis)
		tf.Action[k] = x
	}
	for k, x := range tf.Indicator {
		x.Title, x.Definition, x.Note = fr(x.Title), fr(x.Definition), fr(x.Note)
		tf.Indicator[k] = x
	}
	for k, x := range tf.Breakdown {
		x.Title, x.Other = fr(x.Title), fr(x.Other)
		for g, t := range x.Group {
			x.Group[g] = fr(t)
		}
		tf.Breakdown[k] = x
	}
	for k, x := range tf.Check {
		x.Title, x.Message = fr(x.Title), fr(x.Message)
		tf.Check[k] = x
	}
}

// translationText is what a lang/TAG.toml file holds.
type translationText struct {
	Language  string                   `toml:"language"`
	Name      string                   `toml:"name"`
	Status    string                   `toml:"status"`
	Notice    string                   `toml:"notice"`
	Plan      PlanText                 `toml:"plan"`
	Section   map[string]SectionText   `toml:"section"`
	Action    map[string]ActionText    `toml:"action"`
	Indicator map[string]IndicatorText `toml:"indicator"`
	Breakdown map[string]BreakdownText `toml:"breakdown"`
	Check     map[string]CheckText     `toml:"check"`
}

// translationSet is a plan's translations. Each lang/TAG.toml file is read when the plan is
// loaded, and decoded and checked against the plan's text when its language is first asked
// for: an English report does not decode the others. `lap check` (Check) decodes them all at
// once, to report their problems.
type translationSet struct {
	mu    sync.Mutex
	plan  *loader           // the plan's text and its positions, to check a translation against
	files []translationFile // by file name
}

// translationFile is one lang/TAG.toml: its bytes until decoded, then its Translation (nil
// when it cannot be used).
type translationFile struct {
	name, tag string
	data      []byte
	decoded   bool
	t         *Translation
}

// get returns the translation into tag, decoding it if it is not yet, or nil.
func (s *translationSet) get(tag string) *Translation {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.files {
		if f := &s.files[i]; f.tag == tag {
			return s.decode(f)
		}
	}
	return nil
}

// all returns every translation that can be used, by tag.
func (s *translationSet) all() []*Translation {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*Translation
	for i := range s.files {
		if t := s.decode(&s.files[i]); t != nil {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Lang < out[j].Lang })
	return out
}

// decode decodes f once; its warnings go nowhere (Check reports them). s.mu is held.
func (s *translationSet) decode(f *translationFile) *Translation {
	if !f.decoded {
		l := &loader{perFile: map[string]*FileReport{}, plan: s.plan.plan, planPos: s.plan.planPos,
			actions: s.plan.actions, inds: s.plan.inds, breakdowns: s.plan.breakdowns, checks: s.plan.checks}
		f.t, f.data, f.decoded = l.decodeTranslation(f.name, f.tag, f.data), nil, true
	}
	return f.t
}

// loadTranslations reads every lang/*.toml of the plan directory; with check it also decodes
// each and checks it against the loaded plan. It runs after the plan's own files are loaded
// and only warns.
func (l *loader) loadTranslations(check bool) {
	names, _ := fs.Glob(l.fsys, TranslationDir+"/*.toml")
	sort.Strings(names)
	set := &translationSet{plan: &loader{plan: l.plan, planPos: l.planPos, actions: l.actions, inds: l.inds, breakdowns: l.breakdowns, checks: l.checks}}
	for _, name := range names {
		if l.perFile[name] == nil {
			l.perFile[name] = &FileReport{File: name}
		}
		tag := strings.TrimSuffix(path.Base(name), ".toml")
		if !translationTag.MatchString(tag) {
			l.warn(name, 0, "", CodeTranslationFile, "file name %q is not a language tag (e.g. fr.toml, es.toml); the file is ignored", path.Base(name))
			continue
		}
		data, err := ReadInput(l.fsys, name, maxTOMLFileBytes) // a regular file within the limit, checked before reading
		if err != nil {
			l.warn(name, 0, "", CodeTranslationFile, "%s", err.(*Diagnostic).Message)
			continue
		}
		f := translationFile{name: name, tag: tag, data: data}
		if check {
			f.t, f.data, f.decoded = l.decodeTranslation(name, tag, data), nil, true
		}
		set.files = append(set.files, f)
	}
	l.translations = set
}

func (l *loader) warn(file string, line int, key, code, format string, args ...any) {
	l.diag(&Diagnostic{Severity: SeverityWarning, Code: code, File: file, Line: line, Key: key, Message: fmt.Sprintf(format, args...)})
}

// decodeTranslation decodes the translation file name (language tag) and checks it against
// the plan; nil when it cannot be used.
func (l *loader) decodeTranslation(name, tag string, data []byte) *Translation {
	var tf translationText
	doc, diags := decodeTOML(name, data, &tf)
	for _, d := range diags {
		d.Severity = SeverityWarning
		if doc == nil {
			d.Message = "the translation cannot be read and is ignored: " + d.Message
		}
		l.diag(d)
	}
	if doc == nil {
		return nil
	}
	if tag == "fr" {
		typesetFrench(&tf)
	}
	sum := sha256.Sum256(data)
	t := &Translation{Lang: tag, Name: tf.Name, Status: tf.Status, Notice: tf.Notice, File: name,
		SHA256: hex.EncodeToString(sum[:]), plan: tf.Plan, sections: tf.Section, indicators: tf.Indicator,
		breakdowns: tf.Breakdown, checks: tf.Check, actions: map[int]ActionText{}}
	at := func(table, key string) int {
		if table == "" || key == "" {
			return doc.lineOf(table+key, 0)
		}
		for _, k := range []string{table + "." + key, table + `."` + key + `"`, table + ".'" + key + "'"} {
			if line := doc.lineOf(k, 0); line > 0 {
				return line
			}
		}
		return 0
	}
	if tf.Language != tag {
		l.warn(name, at("", "language"), "language", CodeTranslationFile, "language is %q but the file is %s: they must agree", tf.Language, path.Base(name))
	}
	if tf.Status != TranslationUnofficial && tf.Status != TranslationOfficial {
		l.warn(name, at("", "status"), "status", CodeTranslationFile, "status %q must be %q or %q; the translation is treated as unofficial", tf.Status, TranslationUnofficial, TranslationOfficial)
		t.Status = TranslationUnofficial
	}
	if strings.TrimSpace(tf.Notice) == "" {
		l.warn(name, at("", "notice"), "notice", CodeTranslationFile, "notice is empty: a translation carries the sentence shown wherever it is shown (e.g. that it is unofficial)")
	}
	for key, a := range tf.Action {
		n, err := strconv.Atoi(key)
		if err != nil || n <= 0 || strconv.Itoa(n) != key {
			l.warn(name, at("action", key), "action."+key, CodeTranslationOrphan, "action %q is not an action number", key)
			continue
		}
		t.actions[n] = a
	}
	l.compareTranslation(t, &tf, at)
	return t
}

// compareTranslation warns about every text of the plan the translation lacks (at the plan's
// file and line) and every entry or text it has for something the plan lacks (at the
// translation's line).
func (l *loader) compareTranslation(t *Translation, tf *translationText, at func(table, key string) int) {
	file := t.File
	missing := func(what, planFile string, planLine int, key string) {
		t.missing = append(t.missing, what)
		d := &Diagnostic{Severity: SeverityWarning, Code: CodeTranslationMissing, File: planFile, Line: planLine, Key: key,
			Message: fmt.Sprintf("%s has no %q translation in %s", what, t.Lang, file)}
		if id, ok := strings.CutPrefix(what, "indicator "); ok {
			d.IndicatorID, _, _ = strings.Cut(id, " ")
		}
		l.diag(d)
	}
	orphan := func(line int, key, format string, args ...any) {
		l.warn(file, line, key, CodeTranslationOrphan, format, args...)
	}
	texts := func(what, planFile string, planLine int, table, key string, pairs ...string) {
		for i := 0; i < len(pairs); i += 3 {
			field, original, translated := pairs[i], pairs[i+1], pairs[i+2]
			switch {
			case original != "" && translated == "":
				missing(what+" "+field, planFile, planLine, field)
			case original == "" && translated != "":
				orphan(at(table, key), table+"."+key+"."+field, "%s has a %s here but none in %s", what, field, planFile)
			}
		}
	}
	// current reports whether an entry was translated from the plan's English as it is now; if
	// not, it warns and the caller drops the entry, so that an outdated text is never shown.
	current := func(what, table, key, source string, english ...string) bool {
		want := TextFingerprint(english...)
		if source == want {
			return true
		}
		t.missing = append(t.missing, what+" (stale)")
		msg := fmt.Sprintf("%s was translated from another English text (source %q); its English text is shown until it is revised", what, source)
		if source == "" {
			msg = fmt.Sprintf("%s has no source fingerprint of the English it translates; its English text is shown until it is checked", what)
		}
		l.diag(&Diagnostic{Severity: SeverityWarning, Code: CodeTranslationStale, File: file, Line: at(table, key), Key: strings.Trim(table+"."+key, "."),
			Message: msg, Hint: fmt.Sprintf("the English now reads %q; revise the translation, then set source = %q", strings.Join(english, " | "), want)})
		return false
	}
	pf := l.plan
	if pf.Name != "" || pf.Note != "" {
		texts("the plan", planFileName, 1, "plan", "", "name", pf.Name, tf.Plan.Name, "note", pf.Note, tf.Plan.Note)
		if !current("the plan", "plan", "", tf.Plan.Source, pf.Name, pf.Note) {
			t.plan = PlanText{}
		}
	}
	for _, s := range pf.Sections {
		if s.Key == "" {
			continue
		}
		tr, ok := tf.Section[s.Key]
		if !ok {
			missing("section "+s.Key, planFileName, l.sectionLine(s.Key), "section")
			continue
		}
		texts("section "+s.Key, planFileName, l.sectionLine(s.Key), "section", s.Key, "title", s.Title, tr.Title)
		if !current("section "+s.Key, "section", s.Key, tr.Source, s.Title) {
			delete(t.sections, s.Key)
		}
	}
	sectionKeys := map[string]bool{}
	for _, s := range pf.Sections {
		sectionKeys[s.Key] = true
	}
	for key := range tf.Section {
		if !sectionKeys[key] {
			orphan(at("section", key), "section."+key, "the plan has no section %q", key)
		}
	}
	actions := append([]Action(nil), l.actions...)
	sort.Slice(actions, func(i, j int) bool { return actions[i].Number < actions[j].Number })
	numbers := map[int]bool{}
	for _, a := range actions {
		numbers[a.Number] = true
		what := "action " + strconv.Itoa(a.Number)
		tr, ok := t.actions[a.Number]
		if !ok {
			missing(what, a.File, 1, "number")
		} else {
			texts(what, a.File, 1, "action", strconv.Itoa(a.Number), "title", a.Title, tr.Title,
				"description", a.Description, tr.Description, "basis", a.Basis, tr.Basis)
			if !current(what, "action", strconv.Itoa(a.Number), tr.Source, a.Title, a.Description, a.Basis) {
				delete(t.actions, a.Number)
			}
		}
	}
	for n := range t.actions {
		if !numbers[n] {
			orphan(at("action", strconv.Itoa(n)), "action."+strconv.Itoa(n), "the plan has no action %d", n)
		}
	}
	inds := append([]*Indicator(nil), l.inds...)
	sort.Slice(inds, func(i, j int) bool {
		a, b := inds[i].order, inds[j].order
		return a[0] < b[0] || a[0] == b[0] && a[1] < b[1]
	})
	ids := map[string]bool{}
	for _, ind := range inds {
		ids[ind.ID] = true
		what := "indicator " + ind.ID
		tr, ok := tf.Indicator[ind.ID]
		if !ok {
			missing(what, ind.File, ind.Line, "indicator")
			continue
		}
		texts(what, ind.File, ind.Line, "indicator", ind.ID, "title", ind.Title, tr.Title,
			"definition", ind.Definition, tr.Definition, "note", ind.Note, tr.Note)
		if !current(what, "indicator", ind.ID, tr.Source, ind.Title, ind.Definition, ind.Note) {
			delete(t.indicators, ind.ID)
		}
	}
	for id := range tf.Indicator {
		if !ids[id] {
			orphan(at("indicator", id), "indicator."+id, "the plan has no indicator %q", id)
		}
	}
	l.compareBreakdowns(t, tf, at, missing, orphan, current)
	l.compareChecks(t, tf, at, missing, orphan, current)
}

// compareChecks checks the translation of the plan's data checks as compareTranslation does
// the rest; a translated message that shows a placeholder the English does not is dropped (the
// English stands in), as it could not be filled.
func (l *loader) compareChecks(t *Translation, tf *translationText, at func(table, key string) int,
	missing func(what, planFile string, planLine int, key string), orphan func(line int, key, format string, args ...any),
	current func(what, table, key, source string, english ...string) bool) {
	ids := map[string]bool{}
	for _, c := range l.checks {
		ids[c.ID] = true
		what := "check " + c.ID
		tr, ok := tf.Check[c.ID]
		if !ok {
			missing(what, c.File, c.Line, "check")
			continue
		}
		if tr.Title == "" {
			missing(what+" title", c.File, c.Line, "title")
		}
		if tr.Message == "" {
			missing(what+" message", c.File, c.Line, "message")
		}
		if !current(what, "check", c.ID, tr.Source, c.Title, c.Message) {
			delete(t.checks, c.ID)
			continue
		}
		english := map[string]bool{}
		for _, m := range placeholder.FindAllStringSubmatch(c.Message, -1) {
			english[m[1]] = true
		}
		for _, m := range placeholder.FindAllStringSubmatch(tr.Message, -1) {
			if !english[m[1]] {
				l.warn(t.File, at("check", c.ID), "check."+c.ID+".message", CodeTranslationOrphan,
					"%s's message shows {%s}, which the English message does not; the English message is shown", what, m[1])
				tr.Message = ""
				t.checks[c.ID] = tr
				break
			}
		}
	}
	for id := range tf.Check {
		if !ids[id] {
			orphan(at("check", id), "check."+id, "the plan has no check %q", id)
		}
	}
}

// compareBreakdowns checks the translation of the plan's breakdowns (the built-in region
// breakdown has no plan text: reports name the regions) as compareTranslation does the rest.
func (l *loader) compareBreakdowns(t *Translation, tf *translationText, at func(table, key string) int,
	missing func(what, planFile string, planLine int, key string), orphan func(line int, key, format string, args ...any),
	current func(what, table, key, source string, english ...string) bool) {
	keys := map[string]bool{}
	for _, b := range l.breakdowns {
		if b.Key == RegionBreakdown {
			continue
		}
		keys[b.Key] = true
		what := "breakdown " + b.Key
		line := l.breakdownLine(b.Key)
		tr, ok := tf.Breakdown[b.Key]
		if !ok {
			missing(what, planFileName, line, "breakdown")
			continue
		}
		english := []string{b.Title}
		for _, g := range b.Groups {
			translated := tr.Group[g.Key]
			if g.other {
				translated = tr.Other
			}
			english = append(english, g.Title)
			if translated == "" {
				missing(what+" group "+g.Key, planFileName, line, "breakdown")
			}
		}
		if tr.Title == "" {
			missing(what+" title", planFileName, line, "breakdown")
		}
		for gk := range tr.Group {
			if !b.hasGroup(gk) {
				orphan(at("breakdown", b.Key), "breakdown."+b.Key+".group."+gk, "breakdown %q has no group %q", b.Key, gk)
			}
		}
		if !current(what, "breakdown", b.Key, tr.Source, english...) {
			delete(t.breakdowns, b.Key)
		}
	}
	for key := range tf.Breakdown {
		if !keys[key] {
			orphan(at("breakdown", key), "breakdown."+key, "the plan has no breakdown %q", key)
		}
	}
}

// breakdownLine is the line of a breakdown's key in plan.toml, or 1.
func (l *loader) breakdownLine(key string) int {
	for i, bf := range l.plan.Breakdowns {
		if bf.Key == key {
			if p := l.planPos["breakdown["+itoa(i)+"].key"]; p.line > 0 {
				return p.line
			}
		}
	}
	return 1
}

// sectionLine is the line of a section's key in plan.toml, or 1.
func (l *loader) sectionLine(key string) int {
	if l.planPos != nil {
		for i, s := range l.plan.Sections {
			if s.Key == key {
				if p := l.planPos["section["+itoa(i)+"].key"]; p.line > 0 {
					return p.line
				}
			}
		}
	}
	return 1
}

// translationFiles lists the translation files the loader read, sorted.
func (l *loader) translationFiles() []string {
	var out []string
	for name := range l.perFile {
		if strings.HasPrefix(name, TranslationDir+"/") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
