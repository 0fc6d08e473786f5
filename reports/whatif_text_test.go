package reports

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
	"github.com/lapmonitor/lap/reports/locale"
)

// lebanonWhatIf runs the example: Lebanon completes clearance on 30 June 2025.
func lebanonWhatIf(t *testing.T) (*WhatIf, *engine.ScenarioRun) {
	t.Helper()
	ctx := context.Background()
	p, err := engine.Load(indicators.FS)
	require.NoError(t, err)
	ds, err := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	require.NoError(t, err)
	sc, err := engine.NewScenario("Lebanon", "", []engine.EventSpec{{State: "Lebanon", Type: "complete-clearance", Date: "2025-06-30"}}, nil, ds)
	require.NoError(t, err)
	bl, err := p.NewBaseline(ctx, ds, 2025)
	require.NoError(t, err)
	run, err := bl.Run(ctx, sc)
	require.NoError(t, err)
	rep := NewWhatIf(bl.Assessment(), false)
	rep.Add(run, run.Diff(), nil)
	return rep, run
}

// TestWhatIfText: the summary names the State, the event and every indicator that moved; each
// changed indicator, section, obligation and projection has its sentence, its values marked by
// their class; the French version
// comes from the same catalogue.
func TestWhatIfText(t *testing.T) {
	rep, run := lebanonWhatIf(t)
	ws := rep.Scenarios[0]
	txt := ws.Text
	assert.Equal(t, []string{"Lebanon completes clearance on 30 June 2025"}, txt.Events)
	assert.Contains(t, txt.Summary, "If Lebanon completes clearance on 30 June 2025, the plan score would ")
	for _, c := range ws.Indicators {
		assert.Contains(t, txt.Summary, c.ID)
	}
	require.Len(t, txt.Indicators, len(ws.Indicators))
	byKey := map[string]string{}
	for _, s := range append(append(txt.Indicators, txt.Sections...), txt.Deadlines...) {
		byKey[s.Key] = s.Text
		assert.NotContains(t, s.Text, "[", "no missing message: %s", s.Text)
	}
	assert.Equal(t, "25.2 Clearance completed within the deadline would become known: 100.0%ⁱ (now not known). Its status would change from insufficient data to too few States to judge. Lebanon would be counted.", byKey["25.2"])
	assert.Equal(t, "25.3 States Parties declaring completion of clearance would rise from 1ⁱ to 2ⁱ. Lebanon would be counted.", byKey["25.3"])
	assert.Contains(t, txt.Notes, "Lebanon entered the population: it completed clearance against a deadline in the year (25.2).")
	// each value carries the mark of the data behind it, as in the tables: the sample's
	// contamination figures are invented (ⁱ), 25.2's deadline rests on unstated data (ᵘ)
	assert.Contains(t, byKey["24.2"], "would fall from 1,436.12ⁱ km² to 1,432.22ⁱ km²")
	assert.Equal(t, "The obligation under Article 4 of Lebanon would be completed on time (now open, deadline ahead).", byKey["LBN-4"])
	assert.Contains(t, byKey["LBN-4-projection"], "would no longer apply")
	assert.Len(t, txt.Sections, ws.Changed.Sections)

	// good news never reads as bad news: 26.1, no longer decided, leaves the comparison
	// instead of lowering the plan score (docs/whatif.md, "Like for like")
	assert.Equal(t, "If Lebanon completes clearance on 30 June 2025, the plan score would rise by 0.3 pp like for like (over the indicators scored both before and after), "+
		"and 8 indicators would change: 24.2, 24.3, 24.4, 24.5, 25.1, 25.2, 25.3 and 26.1. 26.1 could no longer be decided and is left out of the comparison.", txt.Summary)
	assert.Equal(t, []SentenceOf{{Key: "26.1", Text: "26.1 Residual capacity kept after completion (of those with data) could no longer be decided: the answer of Lebanon is not known. " +
		"It is left out of the score changes, which compare the indicators scored both before and after."}}, txt.LeftOut)
	assert.Equal(t, "The score of Survey, clearance and risk reduction education (Article 4) would rise by 1.0 pp like for like (26.1 left out).", byKey["clearance"])
	for _, s := range append([]string{txt.Summary}, byKey["clearance"]) {
		assert.NotContains(t, s, "would fall by", "a completion never reads as a fall")
	}
	doc, err := os.ReadFile("../docs/whatif.md")
	require.NoError(t, err)
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	assert.Contains(t, words(string(doc)), words(txt.Summary), "docs/whatif.md shows the headline as the what-if writes it")
	assert.Contains(t, words(string(doc)), words(txt.LeftOut[0].Text), "docs/whatif.md shows the left-out sentence as the what-if writes it")

	names := map[string]string{"LBN": "Lebanon"}
	fr := NewWhatIfText(locale.For(locale.French), ws, run.Scenario.Events, names)
	assert.Equal(t, []string{"le Liban achève la dépollution le 30 juin 2025"}, fr.Events)
	assert.Contains(t, fr.Summary, "Si le Liban achève la dépollution le 30 juin 2025, le score du plan augmenterait de 0,3")
	assert.Contains(t, fr.Summary, "point à périmètre constant (sur les indicateurs notés avant comme après)")
	assert.Contains(t, fr.Summary, "Le statut de l'indicateur 26.1 ne pourrait plus être établi ; il est exclu de la comparaison.")
	require.Len(t, fr.LeftOut, 1)
	assert.Contains(t, fr.LeftOut[0].Text, "ne pourrait plus être établi : la réponse d'un État n'est pas connue (Liban).")
	for _, s := range append(fr.Indicators, fr.Sections...) {
		assert.NotContains(t, s.Text, "[whatif", s.Text)
		assert.NotContains(t, s.Text, ". le Liban", "a sentence begins with a capital: %s", s.Text)
	}
	// the preposition contracts with the State's article, and a sentence begins with a capital
	frBy := map[string]string{}
	for _, s := range fr.Deadlines {
		frBy[s.Key] = s.Text
		assert.NotContains(t, s.Text, "de le ", s.Text)
	}
	assert.Equal(t, "Le statut de l'obligation au titre de l'article 4 du Liban serait\u00a0: achevé dans les délais (actuellement\u00a0: en cours, échéance à venir).", frBy["LBN-4"])
	assert.Contains(t, frBy["LBN-4-projection"], "de l'article 4 du Liban (")
	es := NewWhatIfText(locale.For(locale.Spanish), ws, run.Scenario.Events, names)
	for _, s := range es.Deadlines {
		assert.NotContains(t, s.Text, "de el ", s.Text)
		assert.Contains(t, s.Text, "del Líbano", s.Text)
	}
}

// TestWhatIfAgreement: a French or Spanish what-if sentence never makes a word agree with a
// noun it does not know the gender of. The status phrases of an obligation are the tables'
// (masculine: « achevé dans les délais », "completado a tiempo"), so the sentence says the
// obligation's status (« le statut », "el estado") would be that, where « L'obligation … serait :
// achevé » did not agree; an indicator's title may be of any gender, so « serait connu » is said
// of its value (« la valeur … serait connue », "el valor … pasaría a conocerse"); and a State
// may be feminine (« la Colombie »), so the indicator counts it (« l'indicateur compterait la
// Colombie ») where « la Colombie serait compté » did not agree.
func TestWhatIfAgreement(t *testing.T) {
	rep, run := lebanonWhatIf(t)
	ws := rep.Scenarios[0]
	names := map[string]string{"LBN": "Lebanon"}
	by := func(txt WhatIfText) map[string]string {
		out := map[string]string{}
		for _, s := range append(txt.Indicators, txt.Deadlines...) {
			out[s.Key] = s.Text
		}
		return out
	}
	fr := by(NewWhatIfText(locale.For(locale.French), ws, run.Scenario.Events, names))
	es := by(NewWhatIfText(locale.For(locale.Spanish), ws, run.Scenario.Events, names))
	nb := "\u00a0"
	assert.Equal(t, "Le statut de l'obligation au titre de l'article 4 du Liban serait"+nb+": achevé dans les délais (actuellement"+nb+": en cours, échéance à venir).", fr["LBN-4"])
	assert.Equal(t, "El estado de la obligación del artículo 4 del Líbano quedaría: completado a tiempo (ahora: pendiente, plazo por venir).", es["LBN-4"])
	// (the plan's titles are English here: the plan is not translated)
	assert.Equal(t, "La valeur de 25.2 Clearance completed within the deadline serait connue"+nb+": 100,0"+nb+"%ⁱ (actuellement"+nb+": non connu). "+
		"Son statut passerait de «"+nb+"données insuffisantes"+nb+"» à «"+nb+"trop peu d'États pour juger"+nb+"». L'indicateur compterait le Liban.", fr["25.2"])
	assert.True(t, strings.HasPrefix(es["25.2"], "El valor de 25.2 "), es["25.2"])
	assert.Contains(t, es["25.2"], " pasaría a conocerse: 100,0"+nb+"%ⁱ (ahora: no se conoce).")
	assert.Contains(t, fr["24.2"], "L'indicateur ne compterait plus le Liban.")

	// a value no longer known, and a feminine State counted
	v := 50.0
	c := engine.IndicatorChange{ID: "9.9", Title: "Dépollution achevée", Unit: "percent", BaseValue: &v, Entered: []string{"COL", "FRA"}}
	name := func(iso string) string { return stateName(locale.For(locale.French), iso, "") }
	assert.Equal(t, "La valeur de 9.9 Dépollution achevée serait"+nb+": non connu (actuellement"+nb+": 50,0"+nb+"%). L'indicateur compterait la Colombie et la France.",
		indicatorSentence(locale.For(locale.French), c, name))
	esName := func(iso string) string { return stateName(locale.For(locale.Spanish), iso, "") }
	assert.True(t, strings.HasPrefix(indicatorSentence(locale.For(locale.Spanish), c, esName), "El valor de 9.9 Dépollution achevée sería: no se conoce (ahora: 50,0"+nb+"%)."))
	for _, txt := range []map[string]string{fr, es} {
		for k, s := range txt {
			assert.NotRegexp(t, `^L'obligation .* serait`, s, k)
			assert.NotContains(t, s, "serait connu :", k)
			assert.NotContains(t, s, "serait compté", k)
		}
	}
}

// TestStateOf: "of" and a State's name, contracted as each language does.
func TestStateOf(t *testing.T) {
	for _, tc := range []struct {
		iso3 string
		lang locale.Lang
		want string
	}{
		{"LBN", locale.French, "du Liban"},
		{"DEU", locale.French, "de l'Allemagne"},
		{"NLD", locale.French, "des Pays-Bas"},
		{"FRA", locale.French, "de la France"},
		{"CUB", locale.French, "de Cuba"},
		{"ISR", locale.French, "d'Israël"},
		{"LBN", locale.Spanish, "del Líbano"},
		{"DEU", locale.Spanish, "de Alemania"},
		{"LBN", locale.English, "of Lebanon"},
	} {
		n, ok := locale.LookupState(tc.iso3)
		require.True(t, ok, tc.iso3)
		assert.Equal(t, tc.want, n.Of(tc.lang), "%s %s", tc.iso3, tc.lang)
	}
}

// TestEventPhrases: every event type has its phrase, in every language.
func TestEventPhrases(t *testing.T) {
	area := 2e6
	for _, l := range locale.Langs() {
		loc := locale.For(l)
		for _, e := range []engine.Event{
			{Type: engine.EventRatify, ISO3: "AGO", StateName: "Angola", Date: engine.MustDate("2025-06-02")},
			{Type: engine.EventAccede, ISO3: "ARM", StateName: "Armenia", Date: engine.MustDate("2025-09")},
			{Type: engine.EventCompleteDestruction, ISO3: "SVK", StateName: "Slovakia", Date: engine.MustDate("2025-10-01")},
			{Type: engine.EventCompleteClearance, ISO3: "LBN", StateName: "Lebanon", Date: engine.MustDate("2025-06-30")},
			{Type: engine.EventClear, ISO3: "LAO", StateName: "Lao", Date: engine.MustDate("2025"), Area: &area},
			{Type: engine.EventSubmitReport, Report: engine.ReportInitial, ISO3: "COG", StateName: "Congo", Date: engine.MustDate("2025-06-30")},
			{Type: engine.EventSubmitReport, Report: engine.ReportAnnual, Covering: 2024, ISO3: "LBN", StateName: "Lebanon", Date: engine.MustDate("2025-04-20")},
			{Type: engine.EventExtensionGranted, Article: 4, ISO3: "LAO", StateName: "Lao", Date: engine.MustDate("2025-11-20"), Deadline: engine.MustDate("2030-08-01")},
			{Type: engine.EventExtensionRefused, Article: 4, ISO3: "LAO", StateName: "Lao", Date: engine.MustDate("2025-11-20")},
			{Type: engine.EventWithdraw, ISO3: "LBN", StateName: "Lebanon", Date: engine.MustDate("2025-07-01")},
		} {
			s := EventPhrase(loc, e)
			assert.NotContains(t, s, "[", "%s %s", l, e.Type)
			assert.NotContains(t, s, "<no value>", "%s %s", l, e.Type)
		}
	}
	loc := locale.For(locale.English)
	assert.Equal(t, "Lao clears 2.00 km² more in 2025", EventPhrase(loc, engine.Event{Type: engine.EventClear, ISO3: "LAO", StateName: "Lao", Date: engine.MustDate("2025"), Area: &area}))
	assert.Equal(t, "Lebanon submits its annual report for 2024 on 20 April 2025", EventPhrase(loc, engine.Event{Type: engine.EventSubmitReport, Report: engine.ReportAnnual, Covering: 2024, ISO3: "LBN", StateName: "Lebanon", Date: engine.MustDate("2025-04-20")}))
}

// TestWhatIfExtensionDecision: Lao PDR's deadline (1 August 2025) has passed while its 2024
// extension request has no recorded decision, so its verdict is "not known". A refusal makes it
// "no" (open, past the deadline); a grant makes it pending against the new deadline. Every
// projection sentence, in every language, names the statuses from the catalogue.
func TestWhatIfExtensionDecision(t *testing.T) {
	ctx := context.Background()
	p, err := engine.Load(indicators.FS)
	require.NoError(t, err)
	ds, err := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	require.NoError(t, err)
	bl, err := p.NewBaseline(ctx, ds, 2025)
	require.NoError(t, err)
	for _, c := range []struct {
		event, verdict, status, projection string
	}{
		{"extension-refused", "no", "open, past the deadline", "projected to miss the deadline"},
		{"extension-granted", "pending", "open, deadline ahead", "projected to miss the deadline"},
	} {
		t.Run(c.event, func(t *testing.T) {
			spec := engine.EventSpec{State: "LAO", Type: c.event, Date: "2025-11-20", Article: "4"}
			if c.event == "extension-granted" {
				spec.Deadline = "2030-08-01"
			}
			sc, err := engine.NewScenario(c.event, "", []engine.EventSpec{spec}, nil, ds)
			require.NoError(t, err)
			run, err := bl.Run(ctx, sc)
			require.NoError(t, err)
			rep := NewWhatIf(bl.Assessment(), false)
			rep.Add(run, run.Diff(), nil)
			ws := rep.Scenarios[0]
			var oc *engine.ObligationChange
			for i := range ws.Obligations {
				if ws.Obligations[i].ISO3 == "LAO" && ws.Obligations[i].Article == 4 {
					oc = &ws.Obligations[i]
				}
			}
			require.NotNil(t, oc, "Lao PDR's Article 4 obligation changes")
			assert.Equal(t, engine.VerdictUnknown, oc.BaseDeadlineMet, "the baseline: an extension request awaits a decision")
			assert.Equal(t, "open; deadline not known (extension requested in 2024, no decision recorded)", oc.BaseStatusText)
			assert.Equal(t, engine.Verdict(c.verdict), oc.ScenarioDeadlineMet)
			assert.Equal(t, c.status, oc.ScenarioStatusText)
			byKey := map[string]string{}
			for _, s := range ws.Text.Deadlines {
				byKey[s.Key] = s.Text
			}
			assert.Contains(t, byKey["LAO-4-projection"], "from deadline not known (an extension request awaits a decision), completing in 2042 to "+c.projection)
			names := map[string]string{"LAO": "Lao PDR"}
			for _, l := range locale.Langs() {
				for _, s := range NewWhatIfText(locale.For(l), ws, run.Scenario.Events, names).Deadlines {
					assert.NotContains(t, s.Text, "[", "%s: %s", l, s.Text)
				}
			}
		})
	}
}

// TestWhatIfSaysWhyAnAcceptedMoveFalls: Angola joining in 2024 with stockpiles raises 12.1 and
// lowers the plan score like for like, a move the plan accepts for a documented reason
// (engine/audit_exceptions.go). The what-if says so where the fall is shown, in every output
// and language: the headline, the short form in the table, the full reason in a note, and the
// JSON; the reason is the engine's, translated by the catalogue.
func TestWhatIfSaysWhyAnAcceptedMoveFalls(t *testing.T) {
	ctx := context.Background()
	p, err := engine.Load(indicators.FS)
	require.NoError(t, err)
	ds, err := engine.LoadDataset(os.DirFS("../testdata/sample"), ".")
	require.NoError(t, err)
	sc, err := engine.NewScenario("Angola", "", []engine.EventSpec{{State: "AGO", Type: "ratify", Date: "2024-06-02", Stockpile: "1200"}}, nil, ds)
	require.NoError(t, err)
	bl, err := p.NewBaseline(ctx, ds, 2024)
	require.NoError(t, err)
	run, err := bl.Run(ctx, sc)
	require.NoError(t, err)
	for _, tc := range []struct {
		lang                   locale.Lang
		summary, short, reason string
	}{
		{locale.English, "12.1 would move the wrong way, a move the plan accepts for the documented reason given below.",
			"accepted: a State joining with stockpiles adds to the work left under Article 3", "A State that joins holding cluster munitions adds to that work"},
		{locale.French, "L'indicateur 12.1 évoluerait dans le mauvais sens",
			"accepté\u00a0: un État qui adhère avec des stocks ajoute au travail qui reste au titre de l'article 3", "Un État qui adhère en détenant des armes à sous-munitions ajoute à ce travail"},
		{locale.Spanish, "El indicador 12.1 se movería en la dirección contraria",
			"aceptado: un Estado que se adhiere con existencias añade trabajo pendiente en virtud del artículo 3", "Un Estado que se adhiere con municiones en racimo añade trabajo"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			rep := NewWhatIf(bl.Assessment(), false)
			rep.Lang = tc.lang
			rep.Add(run, run.Diff(), nil)
			ws := rep.Scenarios[0]
			require.Less(t, *ws.Overall.Delta, 0.0, "the plan score falls like for like")
			assert.Contains(t, ws.Text.Summary, tc.summary)
			require.Len(t, ws.Text.Accepted, 1)
			assert.Equal(t, "12.1", ws.Text.Accepted[0].Key)
			assert.Contains(t, ws.Text.Accepted[0].Text, tc.reason, "the full reason, in the language")
			var text, md, js strings.Builder
			require.NoError(t, WriteWhatIfTable(&text, rep))
			require.NoError(t, WriteWhatIfMarkdown(&md, rep, nil))
			require.NoError(t, EncodeJSON(&js, rep))
			for name, out := range map[string]string{"text": text.String(), "md": md.String()} {
				assert.Contains(t, out, "("+tc.short+")", "%s: the short form in the table", name)
				assert.Contains(t, out, tc.reason, "%s: the full reason in a note", name)
			}
			assert.Contains(t, js.String(), `"exception": {`)
			assert.Contains(t, js.String(), `"news": "accession-with-stockpile"`)
		})
	}
	// without stockpiles nothing moves the wrong way: no reason is given
	sc, err = engine.NewScenario("Angola", "", []engine.EventSpec{{State: "AGO", Type: "ratify", Date: "2024-06-02"}}, nil, ds)
	require.NoError(t, err)
	run, err = bl.Run(ctx, sc)
	require.NoError(t, err)
	rep := NewWhatIf(bl.Assessment(), false)
	rep.Add(run, run.Diff(), nil)
	assert.Empty(t, rep.Scenarios[0].Text.Accepted)
	assert.NotContains(t, rep.Scenarios[0].Text.Summary, "wrong way")
}
