package main

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPendingExtensionRequestsCLI: Germany, Lao PDR (deadline 1 August 2025, requests of 2024)
// and Iraq (1 November 2023, request of 2022) have extension requests without a recorded
// decision. In 2025 no command shows them past the deadline or projected to miss it: each
// says the deadline is not known and why (docs/methodology.md §5.1, "Extension requests").
func TestPendingExtensionRequestsCLI(t *testing.T) {
	pending := map[string]string{"DEU": "2024", "LAO": "2024", "IRQ": "2022"}
	names := map[string]string{"DEU": "Germany", "LAO": "Lao People's Democratic Republic", "IRQ": "Iraq"} // tables add the name; notes give it alone

	code, out, errOut := lap(t, "eval", "--data", sampleData, "--year", "2025")
	require.Equal(t, 0, code, errOut)
	for iso3, y := range pending {
		note := `\(extension requested in ` + y + `, no decision recorded\)`
		state := iso3 + ` +` + regexp.QuoteMeta(names[iso3])
		assert.Regexp(t, `(?m)^`+state+` +4 +1 +\S+ +\S+ +– +not known +open; deadline not known `+note+`[ᵐᵉᵘⁱ]?$`, out, "the obligations table")
		assert.Regexp(t, `(?m)^`+state+` +4 +1 +[\d,]+ m² \(2025\)[ᵐᵉᵘⁱ]? +[\d,]+ m²[ᵐᵉᵘⁱ]? +\d{4} +\S+ +– +deadline-not-known `, out, "the projections table")
		assert.Regexp(t, `(?m)^`+regexp.QuoteMeta(names[iso3])+`, Article 4, deadline-not-known: the deadline recorded, \S+, has passed `+note, out)
		assert.NotRegexp(t, `(?m)^`+iso3+` +4 +1 .*(past the deadline|will-miss)`, out)
	}
	assert.NotRegexp(t, `\d{5,}\.\d`, out, "no raw float in the projections")
	assert.Regexp(t, `(?m)^AFG +Afghanistan +4 +1 .* +pending +open, deadline ahead[ᵐᵉᵘⁱ]?$`, out, "a request while the deadline is ahead changes nothing")

	code, out, errOut = lap(t, "explain", "24.5", "--data", sampleData, "--year", "2025")
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `(?m)^DEU +Germany +no data: Article 4 deadline projected to be missed \(art4_projected_to_miss\)`, out)
	assert.Regexp(t, `from art4_extension_requested +true \(2024\) +official +facts\.csv:\d+`, out, "the request behind the verdict, with its year")
	assert.Contains(t, out, "Notes (extension requests):\n")
	for iso3, y := range pending {
		assert.Contains(t, out, "  "+names[iso3]+": Article 4, episode 1: open; deadline not known (extension requested in "+y+", no decision recorded)\n")
	}
	assert.Contains(t, out, "  Afghanistan: Article 4, episode 1: open, deadline ahead (extension requested in 2025, no decision recorded)\n")

	code, out, errOut = lap(t, "risk", "--data", sampleData, "--year", "2025", "--draws", "300")
	require.Equal(t, 0, code, errOut)
	for iso3, y := range pending {
		assert.Regexp(t, `(?m)^`+iso3+` +`+regexp.QuoteMeta(names[iso3])+` +4 +1 +.* – +0\.0%[ᵐᵉᵘⁱ]? .*deadline not known \(extension requested in `+y+`, no decision recorded\)$`, out)
	}
	m := regexp.MustCompile(`(?m)^24\.1 +\S+ +\S+ +\S+ +\S+ +\d+ +(\d+) `).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	assert.Equal(t, "3", m[1], "24.1 leaves the three States out")
}
