package locale_test

import (
	"fmt"
	"strings"

	"github.com/lapmonitor/lap/reports/locale"
)

func Example() {
	d, _ := locale.ParseISODate("2023-06-14")
	for _, l := range locale.Langs() {
		loc := locale.For(l)
		// the French and Spanish no-break spaces are shown as "~"
		line := fmt.Sprintf("%s | %s | %s | %s | %s", loc.Number(1234.5, 1), loc.Percent(12.5, 1), loc.Date(d),
			locale.Capitalize(loc.Status("on-track")), loc.N("count.states-parties", 2, nil))
		fmt.Println(strings.ReplaceAll(line, "\u00a0", "~"))
	}
	// Output:
	// 1,234.5 | 12.5% | 14 June 2023 | On track | 2 States Parties
	// 1~234,5 | 12,5~% | 14 juin 2023 | En bonne voie | 2 États parties
	// 1.234,5 | 12,5~% | 14 de junio de 2023 | En buen camino | 2 Estados Partes
}
