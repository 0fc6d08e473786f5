package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReportLabelsTheYearBefore: the indicator tables' year-before column and the trend charts
// say the day their values are seen at (methodology §1.3, "Every year at the same lag"), in
// every language, in report.md and report.html; with a cut-off other than the plan's, the first
// page and the revisions annex say that the year before in the tables and the previous report
// compared in the revisions are seen on different days, and with the plan's they do not.
func TestReportLabelsTheYearBefore(t *testing.T) {
	tests := []struct {
		lang, asOf             string
		head, note, alt, apart string
		differs                bool
		// the baseline column and a baseline of another year (27.2's, 2023), which says its
		// own year and day; the largest changes' heads
		base, cell, changes string
	}{
		{"en", "", "| 2024 (as of 30 June 2025) | 2025 |",
			"Charts: each year as known the same time after its end, 2025 as of 30 June 2026, 2024 as of 30 June 2025, and so on back.",
			"Each year as known the same time after its end: 2025 as of 30 June 2026, 2024 as of 30 June 2025, and so on back.",
			"This report's tables and charts show 2024 as of", false,
			"| Baseline 2021 (as of 30 June 2022) | 2024 (as of 30 June 2025) | 2025 |", "85.7%ⁱ (2023, as of 30 June 2024)", "| 2024 (as of 30 June 2025) | 2025 (as of 30 June 2026) | Change |"},
		{"fr", "", "| 2024 (au 30 juin 2025) | 2025 |",
			"Graphiques : chaque année telle que connue au même délai après sa fin, 2025 au 30 juin 2026, 2024 au 30 juin 2025, et ainsi de suite.",
			"Chaque année telle que connue au même délai après sa fin : 2025 au 30 juin 2026, 2024 au 30 juin 2025, et ainsi de suite.",
			"Les tableaux et graphiques de ce rapport montrent 2024 au", false,
			"| Référence 2021 (au 30 juin 2022) | 2024 (au 30 juin 2025) | 2025 |", "85,7 %ⁱ (2023, au 30 juin 2024)", "| 2024 (au 30 juin 2025) | 2025 (au 30 juin 2026) | Variation |"},
		{"es", "", "| 2024 (al 30 de junio de 2025) | 2025 |",
			"Gráficos: cada año tal como se conocía al mismo plazo tras su fin, 2025 al 30 de junio de 2026, 2024 al 30 de junio de 2025, y así sucesivamente.",
			"Cada año tal como se conocía al mismo plazo tras su fin: 2025 al 30 de junio de 2026, 2024 al 30 de junio de 2025, y así sucesivamente.",
			"Las tablas y gráficos de este informe muestran 2024 al", false,
			"| Referencia 2021 (al 30 de junio de 2022) | 2024 (al 30 de junio de 2025) | 2025 |", "85,7 %ⁱ (2023, al 30 de junio de 2024)", "| 2024 (al 30 de junio de 2025) | 2025 (al 30 de junio de 2026) | Variación |"},
		{"en", "2026-03-31", "| 2024 (as of 31 March 2025) | 2025 |",
			"Charts: each year as known the same time after its end, 2025 as of 31 March 2026, 2024 as of 31 March 2025, and so on back.",
			"2025 as of 31 March 2026, 2024 as of 31 March 2025",
			"This report's tables and charts show 2024 as of 31 March 2025, a year before its cut-off; the revisions compare with the previous report, cut off on 30 June 2025, so a value of 2024 may differ between the two.", true,
			"| Baseline 2021 (as of 31 March 2022) | 2024 (as of 31 March 2025) | 2025 |", "", "| 2024 (as of 31 March 2025) | 2025 (as of 31 March 2026) | Change |"},
		{"fr", "2026-03-31", "| 2024 (au 31 mars 2025) | 2025 |", "2025 au 31 mars 2026, 2024 au 31 mars 2025", "2025 au 31 mars 2026",
			"Les tableaux et graphiques de ce rapport montrent 2024 au 31 mars 2025, un an avant la date limite des données ; les révisions comparent avec le rapport précédent, dont les données s'arrêtent au 30 juin 2025", true,
			"| Référence 2021 (au 31 mars 2022) | 2024 (au 31 mars 2025) | 2025 |", "", "| 2024 (au 31 mars 2025) | 2025 (au 31 mars 2026) | Variation |"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+tt.asOf, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r")
			args := []string{"report", "--data", sampleData, "--year", "2025", "--out", out, "--formats", "md,html,csv", "--charts", "svg", "--lang", tt.lang}
			if tt.asOf != "" {
				args = append(args, "--as-of", tt.asOf)
			}
			code, _, stderr := lap(t, args...)
			require.Equal(t, 0, code, stderr)
			b, err := os.ReadFile(filepath.Join(out, "report.md"))
			require.NoError(t, err)
			md := strings.ReplaceAll(string(b), "\u00a0", " ") // the French narrow spaces, as plain ones
			assert.True(t, strings.Contains(md, tt.head), "the year-before column names its day: %q", tt.head)
			assert.True(t, strings.Contains(md, tt.note), "the trend charts' note: %q", tt.note)
			assert.True(t, strings.Contains(md, tt.base), "the baseline column names its year and day: %q", tt.base)
			if tt.cell != "" { // on 31 March 2024, 27.2 had no value for 2023
				assert.True(t, strings.Contains(md, tt.cell), "a baseline of another year says its own: %q", tt.cell)
			}
			assert.True(t, strings.Contains(md, tt.changes), "the largest changes' heads name their days: %q", tt.changes)
			b, err = os.ReadFile(filepath.Join(out, "report.html"))
			require.NoError(t, err)
			html := strings.ReplaceAll(string(b), "\u00a0", " ")
			assert.True(t, strings.Contains(html, ">"+strings.Trim(strings.Split(tt.head, "|")[1], " ")+"<"), "the HTML table head")
			assert.True(t, strings.Contains(html, tt.alt), "the trend charts' alternative text: %q", tt.alt)
			for _, h := range []string{strings.Trim(strings.Split(tt.base, "|")[1], " "), strings.Trim(strings.Split(tt.changes, "|")[2], " ")} {
				assert.True(t, strings.Contains(html, `class="n">`+h+"</th>"), "the HTML table heads: %q", h)
			}
			// indicators.csv: the days in columns of their own, its keys unchanged (CSV is read by
			// programs, which want a date as a value, not inside a column's name)
			b, err = os.ReadFile(filepath.Join(out, "indicators.csv"))
			require.NoError(t, err)
			lines := strings.Split(string(b), "\n")
			assert.True(t, strings.HasSuffix(lines[0], ",trend_status,baseline_as_of,previous_as_of"), lines[0])
			days := map[string]string{"": ",2022-06-30,2025-06-30", "2026-03-31": ",2022-03-31,2025-03-31"}[tt.asOf]
			assert.True(t, strings.HasPrefix(lines[1], "2025,1.1,") && strings.HasSuffix(lines[1], days), "1.1: %s", lines[1])
			first := md[:strings.Index(md, "## ")]
			// what became known between the two days, by State and field, capped
			between := map[string][2]string{
				"en": {"What became known between 31 March 2025 and 30 June 2025 changes 50 values of 2024 that the tables show: Andorra (AND): date the annual Article 7 report was received, ",
					"Cook Islands (COK): date the annual Article 7 report was received and format of the annual Article 7 report for 2024, known 29 June 2025ⁱ; and 23 more."},
				"fr": {"Ce qui a été connu entre le 31 mars 2025 et le 30 juin 2025 change 50 valeurs de 2024 que montrent les tableaux : Afrique du Sud (ZAF) : ",
					"Autriche (AUT) : date de réception du rapport annuel au titre de l'article 7, assistance internationale fournie, expertise partagée dans le cadre de la coopération et format du rapport annuel au titre de l'article 7 pour 2024, connu le 20 mai 2025ⁱ ; "},
			}[tt.lang]
			if tt.differs {
				assert.True(t, strings.Contains(first, tt.apart), "the first page says the two days apart: %q", tt.apart)
				assert.Equal(t, 2, strings.Count(md, tt.apart), "and the revisions annex")
				for _, w := range between {
					assert.True(t, strings.Contains(first, w), "the first page lists what became known between the two days: %q", w)
					assert.Equal(t, 2, strings.Count(md, w), "and the revisions annex: %q", w)
				}
			} else {
				assert.NotContains(t, md, tt.apart)
				if between[0] != "" {
					assert.NotContains(t, md, between[0][:40], "nothing listed when the two days are one")
				}
			}
		})
	}
}
