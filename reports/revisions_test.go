package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports/locale"
)

// A late-report cause names the first States in full and the rest by name, never by code:
// in the language's order, each with its mark, listed as the language lists names.
func TestLateReportsNameTheRest(t *testing.T) {
	late := func(iso3, name string, class engine.Class) engine.RevisionCause {
		return engine.RevisionCause{Kind: engine.RevisionLateReport, ISO3: iso3, Name: name, Year: 2023,
			Known: engine.NewDate(2024, 10, 1), Class: class}
	}
	cs := []engine.RevisionCause{late("ECU", "Ecuador", ""), late("MRT", "Mauritania", ""), late("NAM", "Namibia", ""),
		late("PRY", "Paraguay", engine.ClassIllustrative), late("TCD", "Chad", ""), late("DEU", "Germany", "")}
	tests := []struct {
		lang locale.Lang
		want string
	}{
		{locale.English, ", and 3 more (Chad, Germany and Paraguayⁱ)."},
		{locale.French, ", et 3 autres (Allemagne, Paraguayⁱ et Tchad)."},
		{locale.Spanish, ", y 3 más (Alemania, Chad y Paraguayⁱ)."},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			got := lateReports(locale.For(tt.lang), cs)
			assert.Contains(t, got, tt.want)
			for _, code := range []string{"PRY", "TCD", "DEU"} {
				assert.NotContains(t, got, code)
			}
		})
	}
}
