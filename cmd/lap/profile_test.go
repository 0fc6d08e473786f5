package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lap profile takes the ISO3 code or the name, in any case, and prints the same profile.
func TestProfileByCodeOrName(t *testing.T) {
	for _, format := range []string{"text", "md", "json"} {
		args := []string{"--data", sampleData, "--year", "2024", "--as-of", "2025-06-30", "--format", format}
		code, byCode, stderr := lap(t, append([]string{"profile", "LAO"}, args...)...)
		require.Equal(t, 0, code, stderr)
		for _, name := range []string{"Lao People's Democratic Republic", "lao people's democratic republic", "lao"} {
			code, byName, stderr := lap(t, append([]string{"profile", name}, args...)...)
			require.Equal(t, 0, code, stderr)
			assert.Equal(t, byCode, byName, "%s: %q", format, name)
		}
		code, flagsFirst, stderr := lap(t, append(append([]string{"profile"}, args...), "LAO")...)
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, byCode, flagsFirst, "the State after the flags")
		switch format {
		case "text":
			assert.True(t, strings.HasPrefix(byCode, "Lao People's Democratic Republic (LAO): country profile, 2024\n"))
			for _, want := range []string{"MEMBERSHIP", "OBLIGATIONS", "Article 4: survey and clearance (episode 1)", "What it takes: Meeting the deadline of 1 August 2025",
				"ARTICLE 7 REPORTS", "Initial report: due 28 January 2011; received 25 January 2011ᵐ; on timeᵐ.", "INDICATORS", "WHERE THE FIGURES COME FROM"} {
				assert.Contains(t, byCode, want)
			}
		case "md":
			assert.True(t, strings.HasPrefix(byCode, "# Lao People's Democratic Republic (LAO): country profile, 2024\n"))
			assert.NotContains(t, byCode, "../report.md", "no link to a report that was not written")
		case "json":
			var p struct {
				ISO3       string `json:"iso3"`
				Party      bool   `json:"party"`
				Indicators []struct {
					ID, Result, Effect string
				} `json:"indicators"`
			}
			require.NoError(t, json.Unmarshal([]byte(byCode), &p))
			assert.Equal(t, "LAO", p.ISO3)
			assert.True(t, p.Party)
			assert.NotEmpty(t, p.Indicators)
		}
	}
}

func TestProfileErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"profile", "Laos", "--data", sampleData, "--year", "2024"}, `no State "Laos" in the data: give its ISO3 code or its name as in states.csv; did you mean Lao People's Democratic Republic?`},
		{[]string{"profile", "Atlantis", "--data", sampleData, "--year", "2024"}, `no State "Atlantis" in the data: give its ISO3 code or its name as in states.csv`},
		{[]string{"profile", "Saint", "--data", sampleData, "--year", "2024"}, `did you mean Saint Kitts and Nevis or Saint Lucia or Saint Vincent and the Grenadines?`},
		{[]string{"profile", "--data", sampleData, "--year", "2024"}, "a State is required"},
		{[]string{"profile", "LAO", "--data", sampleData}, "--year is required"},
		{[]string{"profile", "LAO", "--data", sampleData, "--year", "2024", "--format", "pdf"}, `--format "pdf"`},
		{[]string{"profile", "Lao", "People's", "--data", sampleData, "--year", "2024"}, "quote a name with spaces"},
	} {
		code, stdout, stderr := lap(t, c.args...)
		assert.Equal(t, 2, code, "%v", c.args)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, c.want, "%v", c.args)
	}
}

// With the json format, lap report writes profiles/ISO3.json for every State Party: what lap
// profile ISO3 --format json prints; results.json does not repeat the profiles.
func TestReportProfilesJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--as-of", "2025-06-30", "--out", out, "--formats", "json", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	files := tree(t, out)
	var n int
	for name := range files {
		if strings.HasPrefix(name, "profiles/") {
			assert.True(t, strings.HasSuffix(name, ".json"), name)
			n++
		}
	}
	assert.Equal(t, 112, n, "one file per State Party")
	code, printed, stderr := lap(t, "profile", "LAO", "--data", sampleData, "--year", "2024", "--as-of", "2025-06-30", "--format", "json")
	require.Equal(t, 0, code, stderr)
	assert.True(t, printed == files["profiles/LAO.json"], "profiles/LAO.json is what lap profile LAO --format json prints")
	assert.NotContains(t, files["results.json"], `"profiles"`)
}

// lap report writes one profile page per State Party, in the formats asked for, and links
// them; --profiles=false leaves them and the links out.
func TestReportProfiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--as-of", "2025-06-30", "--out", out, "--formats", "md,html", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	files := tree(t, out)
	md, page := files["report.md"], files["report.html"]
	var mdPages, htmlPages int
	for name := range files {
		switch {
		case strings.HasPrefix(name, "profiles/") && strings.HasSuffix(name, ".md"):
			mdPages++
		case strings.HasPrefix(name, "profiles/") && strings.HasSuffix(name, ".html"):
			htmlPages++
		}
	}
	assert.Equal(t, 112, mdPages, "one page per State Party")
	assert.Equal(t, 112, htmlPages)
	lao := files["profiles/LAO.md"]
	code, printed, stderr := lap(t, "profile", "LAO", "--data", sampleData, "--year", "2024", "--as-of", "2025-06-30", "--format", "md")
	require.Equal(t, 0, code, stderr)
	// the same profile: the report's page has links and names the report in its footer
	unlinked := regexp.MustCompile(`\[([0-9.]+)\]\(\.\./report\.md#action-[0-9]+\)`).ReplaceAllString(lao, "$1")
	unlinked = strings.ReplaceAll(strings.ReplaceAll(unlinked, " · [the report](../report.md)", ""), "Generated by lap report", "Generated by lap profile")
	assert.True(t, unlinked == printed, "the report's profiles/LAO.md is what lap profile LAO --format md prints, links aside")
	assert.Contains(t, lao, "[43.1](../report.md#action-43)")
	assert.Contains(t, files["profiles/LAO.html"], `<a href="../report.html#ind-43.1">43.1</a>`)
	assert.Contains(t, md, "| [Lao People's Democratic Republic](profiles/LAO.md) | 28 January 2011 | 25 January 2011ᵐ | on timeᵐ |")
	assert.Contains(t, page, `<a href="profiles/LAO.html">Lao People&#39;s Democratic Republic</a>`)
	assert.NotContains(t, files, "profiles/KEN.md", "no page for a State that is not a party")

	// the Done-when: the Article 7 table, the annex, the summary, the States of 46.1
	for _, want := range []string{"## Summary", "## Article 7 reports", "## States Parties and signatories", "## UN General Assembly votes",
		"- **46.1** counts 9 States: [Cabo Verde](profiles/CPV.md)ᵐ, [Comoros](profiles/COM.md)ᵐ, [Congo](profiles/COG.md)ᵐ, [Guinea](profiles/GIN.md)ᵐ, [Niue](profiles/NIU.md)ᵐ, [Rwanda](profiles/RWA.md)ᵐ, [Sao Tome and Principe](profiles/STP.md)ᵐ, [South Sudan](profiles/SSD.md)ⁱ, [Togo](profiles/TGO.md)ᵐ.",
		"| [Australia](profiles/AUS.md) | 28 September 2013 | 14 October 2013ⁱ | lateⁱ | none recordedⁱ | not received by the deadlineⁱ |"} {
		assert.Contains(t, md, want)
	}

	code, _, stderr = lap(t, "report", "--data", sampleData, "--year", "2024", "--as-of", "2025-06-30", "--out", out, "--formats", "md", "--charts", "none", "--profiles=false")
	require.Equal(t, 0, code, stderr)
	files = tree(t, out)
	for name := range files {
		assert.False(t, strings.HasPrefix(name, "profiles/"), name)
	}
	assert.NotContains(t, files["report.md"], "profiles/")
	_, err := os.Stat(filepath.Join(out, "profiles"))
	assert.True(t, os.IsNotExist(err), "the earlier report's profiles are gone with it")
}

// Without --as-of, lap profile takes the cut-off lap report takes: the plan's report_cutoff of
// the year after (30 June 2025 for 2024).
func TestProfileCutOff(t *testing.T) {
	code, out, stderr := lap(t, "profile", "NGA", "--data", sampleData, "--year", "2024")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "; data as of 30 June 2025;")
}
