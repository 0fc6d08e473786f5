package locale

import (
	"context"
	"flag"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "write catalog/engine.en.toml from engine.Messages")

// engineCatalogue writes the English engine messages as catalogue TOML.
func engineCatalogue() []byte {
	var b strings.Builder
	b.WriteString("# The sentences the engine writes, in English: generated from engine.Messages\n" +
		"# (engine/messages.go) by `go test ./reports/locale -run TestEngineCatalogue -update`.\n" +
		"# Do not edit: change the English in engine/messages.go. engine.fr.toml and engine.es.toml\n" +
		"# translate it; {{.Name}} values are formatted by the locale (numbers, amounts, dates).\n")
	for _, m := range engine.Messages() {
		b.WriteString("\n[" + strconv.Quote(m.ID) + "]\n")
		b.WriteString("description = " + strconv.Quote(m.Description) + "\n")
		if m.One != "" {
			b.WriteString("one = " + strconv.Quote(m.One) + "\n")
		}
		b.WriteString("other = " + strconv.Quote(m.Other) + "\n")
	}
	return []byte(b.String())
}

// The English catalogue of the engine's sentences is generated from the engine's declarations:
// the two never drift.
func TestEngineCatalogue(t *testing.T) {
	want := engineCatalogue()
	if *update {
		require.NoError(t, os.WriteFile("catalog/engine.en.toml", want, 0o644))
	}
	got, err := os.ReadFile("catalog/engine.en.toml")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "catalog/engine.en.toml is out of date: go test ./reports/locale -run TestEngineCatalogue -update")
}

// Every declared message, with every value a code, reads in English through the catalogue as
// the engine writes it.
func TestEngineMessagesInEnglish(t *testing.T) {
	en := For(English)
	for _, m := range engine.Messages() {
		for _, n := range []int{1, 3} {
			s := engine.Sentence{ID: m.ID}
			for _, name := range valueNames(m.Other) {
				a := engine.Arg{Name: name, Kind: engine.ArgCode, Text: "<" + name + ">"}
				if name == "N" {
					a = engine.Arg{Name: name, Kind: engine.ArgInt, Int: n}
				}
				s.Args = append(s.Args, a)
			}
			assert.Equal(t, s.String(), en.Sentence(s), m.ID)
			assert.NotRegexp(t, missingPiece, s.String(), m.ID) // "[Name]", "[engine.id]": not rendered
		}
	}
}

// missingPiece is how the engine's English marks a value or message it lacks.
var missingPiece = regexp.MustCompile(`\[[A-Za-z][A-Za-z.-]*\]`)

// valueNames lists the {{.Name}} values of a template.
func valueNames(tmpl string) []string {
	var out []string
	for _, m := range templateAction.FindAllString(tmpl, -1) {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(m, "{{."), "}}"))
	}
	return out
}

// sampleSentences evaluates the sample data and collects every sentence the engine writes
// about it: indicator reasons, directions of travel, obligations, projections, episodes.
func sampleSentences(t *testing.T) []engine.Sentence {
	t.Helper()
	plan, err := engine.Load(indicators.FS)
	require.NoError(t, err)
	data, err := engine.LoadDataset(os.DirFS("../../testdata/sample"), ".")
	require.NoError(t, err)
	var out []engine.Sentence
	for _, year := range []int{2022, 2024} {
		bl, err := plan.NewBaseline(context.Background(), data, year)
		require.NoError(t, err)
		a := bl.Assessment()
		for _, ia := range a.Indicators {
			out = append(out, ia.ReasonSentence)
			if ia.Travel != nil {
				out = append(out, ia.Travel.ReasonSentence)
			}
			if ia.Coverage != nil {
				out = append(out, ia.Coverage.ReasonSentence)
			}
		}
		for _, sv := range a.States {
			for _, o := range sv.Obligations {
				out = append(out, o.StatusSentence)
			}
		}
		for _, dp := range a.Deadlines {
			out = append(out, dp.ReasonSentence, dp.ExtensionNoteSentence)
		}
		for _, oe := range a.Obligations {
			out = append(out, oe.StatusSentence)
		}
	}
	return out
}

// The sentences of the sample, with their real values (numbers, amounts, dates), read in
// English through the catalogue and the English locale exactly as the engine writes them; in
// French and Spanish they leave no [id] and no English of the engine's messages.
func TestEngineSentencesOfTheSample(t *testing.T) {
	ss := sampleSentences(t)
	require.Greater(t, len(ss), 500)
	ids := map[string]bool{}
	var walk func(s engine.Sentence)
	walk = func(s engine.Sentence) {
		ids[s.ID] = true
		for _, a := range s.Args {
			for _, c := range a.Sentences {
				walk(c)
			}
		}
	}
	for _, s := range ss {
		if s.IsZero() {
			continue
		}
		walk(s)
		require.Equal(t, s.String(), For(English).Sentence(s), s.ID)
		for _, l := range []Lang{French, Spanish} {
			got := For(l).Sentence(s)
			assert.NotContains(t, got, "[engine.", "%s %s", l, s.ID)
			assert.NotEqual(t, s.String(), got, "%s %s: %q", l, s.ID, got)
		}
	}
	t.Logf("%d sentences, %d of %d messages", len(ss), len(ids), len(engine.Messages()))
}

// coverageSentence is a coverage reason of 2024 against 2023 over States given as code, name
// pairs, in the order given: each language writes them in its own order.
func coverageSentence(id string, codeNames ...string) engine.Sentence {
	states := engine.Arg{Name: "States", Kind: engine.ArgStates}
	for i := 0; i+1 < len(codeNames); i += 2 {
		states.Items = append(states.Items, engine.Arg{Kind: engine.ArgState, Code: codeNames[i], Text: codeNames[i+1]})
	}
	for i := range states.Items {
		if states.Items[i].Text == "" { // as the engine names a State its data do not name
			states.Items[i].Text = states.Items[i].Code
		}
	}
	return engine.Sentence{ID: id, Args: []engine.Arg{{Name: "Year", Kind: engine.ArgYear, Int: 2024}, states,
		{Name: "N", Kind: engine.ArgInt, Int: len(states.Items)}, {Name: "Prev", Kind: engine.ArgYear, Int: 2023}}}
}

// Each kind of value is formatted by the locale: amounts with separators and their unit,
// audit numbers and percentages without separators, dates with their precision, plurals.
func TestEngineSentenceValues(t *testing.T) {
	d := engine.MustDate("2025-08-01")
	m := engine.MustDate("2023-06")
	cases := []struct {
		s          engine.Sentence
		en, fr, es string
	}{
		{engine.Sentence{ID: "engine.projection.remaining", Args: []engine.Arg{
			{Name: "Amount", Kind: engine.ArgAmount, Num: 13383333, Unit: "m2"}, {Name: "Year", Kind: engine.ArgYear, Int: 2024}}},
			"13,383,333 m² remaining at the end of 2024", "13" + nb + "383" + nb + "333 m² restant à la fin de 2024", "13.383.333 m² pendientes al final de 2024"},
		{engine.Sentence{ID: "engine.amount", Args: []engine.Arg{{Name: "Amount", Kind: engine.ArgAmount, Num: 1250.5, Dec: 2, Unit: "USD"}}},
			"USD 1,250.50", "1" + nb + "250,50 USD", "1.250,50 USD"},
		{engine.Sentence{ID: "engine.article7.initial-overdue", Args: []engine.Arg{{Name: "Date", Kind: engine.ArgDate, Date: m}}},
			"initial report overdue since June 2023", "rapport initial en retard depuis juin 2023", "informe inicial atrasado desde junio de 2023"},
		{engine.Sentence{ID: "engine.projection.rate-needed", Args: []engine.Arg{{Name: "Deadline", Kind: engine.ArgDate, Date: d},
			{Name: "Rate", Kind: engine.ArgAmount, Num: 166, Unit: "munitions"}}},
			"meeting the deadline of 1 August 2025 takes 166 munitions a year",
			"respecter l'échéance du 1er août 2025 exige 166 armes à sous-munitions par an",
			"cumplir el plazo del 1 de agosto de 2025 requiere 166 municiones en racimo por año"},
		{engine.Sentence{ID: "engine.progress.achieved", Args: []engine.Arg{{Name: "Value", Kind: engine.ArgNumber, Num: 1234.5678, Dec: 4},
			{Name: "Target", Kind: engine.ArgNumber, Num: 100}}},
			"the value 1234.5678 meets the target 100", "la valeur 1234,5678 atteint la cible 100", "el valor 1234,5678 alcanza la meta 100"},
		{engine.Sentence{ID: "engine.years", Args: []engine.Arg{{Name: "N", Kind: engine.ArgNumber, Num: 1}}}, "1 year", "1 an", "1 año"},
		{engine.Sentence{ID: "engine.years", Args: []engine.Arg{{Name: "N", Kind: engine.ArgNumber, Num: 4.4, Dec: 1}}}, "4.4 years", "4,4 ans", "4,4 años"},
		{engine.Sentence{ID: "engine.months", Args: []engine.Arg{{Name: "N", Kind: engine.ArgInt, Int: 1}}}, "1 month", "1 mois", "1 mes"},
		{engine.Sentence{ID: "engine.unknown-id"}, "[engine.unknown-id]", "[engine.unknown-id]", "[engine.unknown-id]"},
		// States by name, never by code: sorted in the language's order and listed as it lists
		// them (the English names are the data's; the data call Sweden "Kingdom of Sweden" here)
		{coverageSentence("engine.coverage.dropped", "ITA", "Italy", "NLD", "Netherlands", "SWE", "Kingdom of Sweden"),
			"no figure for 2024 from Italy, Kingdom of Sweden and Netherlands, which gave one for 2023",
			"aucun chiffre pour 2024 de ces États, qui en avaient donné un pour 2023" + nb + ": Italie, Pays-Bas et Suède",
			"ninguna cifra para 2024 de estos Estados, que habían dado una para 2023: Italia, Países Bajos y Suecia"},
		{coverageSentence("engine.coverage.added", "EGY", "Egypt", "ECU", "Ecuador", "ERI", "Eritrea"),
			"a figure for 2024 from Ecuador, Egypt and Eritrea, which gave none for 2023",
			"un chiffre pour 2024 de ces États, qui n'en avaient donné aucun pour 2023" + nb + ": Égypte, Équateur et Érythrée",
			"una cifra para 2024 de estos Estados, que no habían dado ninguna para 2023: Ecuador, Egipto y Eritrea"},
		{coverageSentence("engine.coverage.added", "LBN", "Lebanon"),
			"a figure for 2024 from Lebanon, which gave none for 2023",
			"un chiffre pour 2024 de cet État, qui n'en avait donné aucun pour 2023" + nb + ": Liban",
			"una cifra para 2024 de este Estado, que no había dado ninguna para 2023: Líbano"},
		{coverageSentence("engine.coverage.added", "XKX", "Kosovo", "ZZZ", ""),
			"a figure for 2024 from Kosovo and ZZZ, which gave none for 2023",
			"un chiffre pour 2024 de ces États, qui n'en avaient donné aucun pour 2023" + nb + ": Kosovo et ZZZ",
			"una cifra para 2024 de estos Estados, que no habían dado ninguna para 2023: Kosovo y ZZZ"},
	}
	for _, c := range cases {
		assert.Equal(t, c.en, c.s.String(), c.s.ID)
		assert.Equal(t, c.en, For(English).Sentence(c.s), c.s.ID)
		assert.Equal(t, c.fr, For(French).Sentence(c.s), c.s.ID)
		assert.Equal(t, c.es, For(Spanish).Sentence(c.s), c.s.ID)
	}
	assert.Equal(t, "", For(French).Sentence(engine.Sentence{}))
}

// verdict is a status or direction word as the engine puts it in a sentence.
func verdict(name, status string) engine.Arg {
	return engine.Arg{Name: name, Kind: engine.ArgSentence, Sentences: []engine.Sentence{{ID: "engine.verdict." + status}}}
}

// The sentences of methodology §3.2 (a verdict the States not known could overturn) and of lap
// risk, read as a translator would: a State whose result is not known is not an "unknown
// State" ("État dont le résultat n'est pas connu", "Estado cuyo resultado se desconoce"); the
// status words are quoted as the labels they are; a list of States stands after a colon, where
// no article is needed; every value, N included, is in every form; regressing is not named when
// only the States not known could give it.
func TestUnknownsAndRiskSentences(t *testing.T) {
	iraq := engine.Arg{Name: "States", Kind: engine.ArgStates, Items: []engine.Arg{{Kind: engine.ArgState, Code: "IRQ", Text: "Iraq"}}}
	two := engine.Arg{Name: "States", Kind: engine.ArgStates, Items: []engine.Arg{{Kind: engine.ArgState, Code: "TCD", Text: "Chad"},
		{Kind: engine.ArgState, Code: "DEU", Text: "Germany"}}}
	n := func(k int) engine.Arg { return engine.Arg{Name: "N", Kind: engine.ArgInt, Int: k} }
	at := func(name string, v float64, status string) engine.Arg {
		return engine.Arg{Name: name, Kind: engine.ArgSentence, Sentences: []engine.Sentence{{ID: "engine.unknowns.at-value",
			Args: []engine.Arg{{Name: "Value", Kind: engine.ArgNumber, Num: v}, verdict("Status", status)}}}}
	}
	cases := []struct {
		s          engine.Sentence
		en, fr, es string
	}{
		{engine.Say("engine.unknowns.could-be-or-not-named", n(1), iraq, verdict("Status", "achieved")),
			"with the answer of Iraq not known, it could be achieved or not",
			"l'indicateur pourrait être jugé «" + nb + "atteint" + nb + "» ou non selon la réponse manquante (1 État dont le résultat n'est pas connu" + nb + ": Iraq)",
			"el indicador podría calificarse de «alcanzado» o no según la respuesta que falta (1 Estado cuyo resultado se desconoce: Iraq)"},
		{engine.Say("engine.unknowns.could-be-named", n(2), two, verdict("AtLow", "needs-acceleration"), verdict("AtHigh", "on-track")),
			"with the answers of the 2 States not known (Chad and Germany), it could be in need of acceleration or on track",
			"l'indicateur pourrait être jugé «" + nb + "à accélérer" + nb + "» ou «" + nb + "en bonne voie" + nb + "» selon les réponses manquantes (2 États dont le résultat n'est pas connu" + nb + ": Allemagne et Tchad)",
			"el indicador podría calificarse de «requiere aceleración» o «en buen camino» según las respuestas que faltan (2 Estados cuyo resultado se desconoce: Alemania y Chad)"},
		{engine.Say("engine.unknowns.could-be-or-not", n(97), verdict("Status", "improving")),
			"with the answers of the 97 States not known, it could be improving or not",
			"selon les réponses manquantes (97 États dont le résultat n'est pas connu), l'indicateur pourrait être jugé «" + nb + "en amélioration" + nb + "» ou non",
			"según las respuestas que faltan (97 Estados cuyo resultado se desconoce), el indicador podría calificarse de «en mejora» o no"},
		{engine.Say("engine.unknowns.range", n(1), at("AtLow", 0, "achieved"), at("AtHigh", 1, "regressing")),
			"the 1 State not known: if it does not satisfy the rule, value 0, achieved; if it does, value 1, regressing",
			"1 État dont le résultat n'est pas connu" + nb + ": s'il ne satisfait pas la règle, valeur 0, atteint" + nb + "; s'il la satisfait, valeur 1, en recul",
			"1 Estado cuyo resultado se desconoce: si no cumple la regla, valor 0, alcanzado; si la cumple, valor 1, en retroceso"},
		{engine.Say("engine.unknowns.holds", n(3), verdict("Status", "needs-acceleration")),
			"the status holds whichever way the 3 States not known go: in need of acceleration at both ends",
			"le statut se maintient quelles que soient les réponses manquantes (3 États dont le résultat n'est pas connu)" + nb + ": à accélérer aux deux bornes",
			"la calificación se mantiene sean cuales sean las respuestas que faltan (3 Estados cuyo resultado se desconoce): requiere aceleración en ambos extremos"},
		{engine.Say(engine.MsgRiskNoHistory, engine.CodeArg("Field", "art4_area_cleared_m2"), engine.YearArg("From", 2021), engine.YearArg("Year", 2024)),
			"no art4_area_cleared_m2 reported from 2021 to 2024: no history to draw from",
			"aucune valeur de art4_area_cleared_m2 communiquée de 2021 à 2024" + nb + ": aucun historique sur lequel fonder les tirages",
			"ningún valor de art4_area_cleared_m2 comunicado de 2021 a 2024: no hay historial en el que basar las extracciones"},
		{engine.Say(engine.MsgRiskWhyLower, engine.YearFracArg("Projected", 2027.3), engine.EstimateArg("Rate", 12200000, "m2"),
			engine.YearFracArg("Median", 2029.6), engine.IntArg("Count", 6), engine.YearArg("From", 2019), engine.YearArg("To", 2024),
			engine.EstimateArg("Mean", 6120000, "m2")),
			"the projection (completes 2027.3) uses the mean of the latest years with data, 12,200,000 m² a year; the simulation (median 2029.6) draws each year's amount from all 6 years with data since the episode began (2019-2024), mean 6,120,000 m² a year, lower than the recent rate, so it completes later",
			"la projection (achèvement 2027,3) retient la moyenne des dernières années avec données, 12" + nb + "200" + nb + "000 m² par an" + nb + "; la simulation (médiane 2029,6) tire le montant de chaque année parmi les 6 années avec données depuis le début de l'épisode (2019-2024), moyenne 6" + nb + "120" + nb + "000 m² par an, inférieure au rythme récent" + nb + ": l'achèvement simulé est donc plus tardif",
			"la proyección (finaliza 2027,3) usa la media de los últimos años con datos, 12.200.000 m² por año; la simulación (mediana 2029,6) extrae la cantidad de cada año de entre los 6 años con datos desde el inicio del episodio (2019-2024), media 6.120.000 m² por año, inferior al ritmo reciente, por lo que la finalización simulada es más tardía"},
	}
	for _, c := range cases {
		assert.Equal(t, c.en, For(English).Sentence(c.s), c.s.ID)
		assert.Equal(t, c.fr, For(French).Sentence(c.s), c.s.ID)
		assert.Equal(t, c.es, For(Spanish).Sentence(c.s), c.s.ID)
	}
}
