package engine

import (
	"regexp"
	"strings"
)

// The TOML file schema. These mirror structs are what the decoder fills; Load validates them
// and builds the immutable Plan. Key names are the ones the plan reference (lap-plan.md §4)
// defines; tooling depends on them.

type planFile struct {
	Name         string        `toml:"name"`
	Version      string        `toml:"version"`
	Period       string        `toml:"period"`
	Adopted      string        `toml:"adopted"`
	BaselineYear int           `toml:"baseline_year"`
	TargetYear   int           `toml:"target_year"`
	Counting     string        `toml:"counting"`
	Provenance   string        `toml:"provenance"`
	Note         string        `toml:"note"`
	Sections     []sectionFile `toml:"section"`
	Scoring      *scoringFile  `toml:"scoring"`
}

// scoringFile is the [scoring] table of plan.toml: thresholds of progress scoring and deadline
// projection (see Scoring). Absent keys take DefaultScoring's values.
type scoringFile struct {
	OnTrack             *float64 `toml:"on_track"`
	Regressing          *float64 `toml:"regressing"`
	TrendOnTrack        *float64 `toml:"trend_on_track"`
	TrendMinYears       *int     `toml:"trend_min_years"`
	Tolerance           *float64 `toml:"tolerance"`
	DeadlineRateYears   *int     `toml:"deadline_rate_years"`
	DeadlineMarginYears *float64 `toml:"deadline_margin_years"`
}

type sectionFile struct {
	Key         string   `toml:"key"`
	Title       string   `toml:"title"`
	FirstAction int      `toml:"first_action"`
	LastAction  int      `toml:"last_action"`
	Provenance  string   `toml:"provenance"`
	Sources     []string `toml:"sources"`
}

type actionFile struct {
	Number            int             `toml:"number"`
	Section           string          `toml:"section"`
	Title             string          `toml:"title"`
	Description       string          `toml:"description"`
	Provenance        string          `toml:"provenance"`
	SectionProvenance string          `toml:"section_provenance"`
	Sources           []string        `toml:"sources"`
	SectionSources    []string        `toml:"section_sources"`
	Basis             string          `toml:"basis"`
	Indicators        []indicatorFile `toml:"indicator"`
}

type indicatorFile struct {
	ID             string   `toml:"id"`
	Title          string   `toml:"title"`
	Definition     string   `toml:"definition"`
	Population     string   `toml:"population"`
	Rule           string   `toml:"rule"`
	Aggregate      string   `toml:"aggregate"`
	Unit           string   `toml:"unit"`
	Direction      string   `toml:"direction"`
	Target         *float64 `toml:"target"`
	TargetYear     *int     `toml:"target_year"`
	TargetEachYear *bool    `toml:"target_each_year"`
	Fields         []string `toml:"fields"`
	Provenance     string   `toml:"provenance"`
	Note           string   `toml:"note"`
	// Scoring keys (docs/methodology.md): how progress is judged and weighed.
	Method       string   `toml:"method"`
	Weight       *float64 `toml:"weight"`
	BaselineYear *int     `toml:"baseline_year"`
}

// position is where a key's value starts in a TOML file (1-based line and column).
type position struct{ line, col int }

// keyPositions scans TOML text for "key = value" lines and table headers and returns the
// position of each key, named as the decoder names it with array-of-table indexes added:
// "number", "indicator[2].rule", "section[0].key". The decoder reports no positions for
// semantic problems, so this second, shallow pass recovers them (as Prometheus's rulefmt
// does with yaml.Node).
func keyPositions(text string) map[string]position {
	pos := map[string]position{}
	counts := map[string]int{}
	prefix := ""
	inMulti := ""
	for i, line := range strings.Split(text, "\n") {
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
			continue
		case strings.HasPrefix(t, "[["):
			name := strings.TrimSpace(strings.Trim(strings.SplitN(t, "]]", 2)[0], "[]"))
			prefix = name + "[" + itoa(counts[name]) + "]."
			pos[strings.TrimSuffix(prefix, ".")] = position{i + 1, 1}
			counts[name]++
			continue
		case strings.HasPrefix(t, "["):
			name := strings.TrimSpace(strings.Trim(strings.SplitN(t, "]", 2)[0], "[]"))
			prefix = name + "."
			pos[name] = position{i + 1, 1}
			continue
		}
		m := keyLine.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		key := strings.Trim(line[m[2]:m[3]], `"'`)
		valueStart := m[4]
		pos[prefix+key] = position{i + 1, valueStart + 1}
		rest := line[valueStart:]
		for _, q := range []string{`'''`, `"""`} {
			if strings.HasPrefix(rest, q) && !strings.Contains(rest[3:], q) {
				inMulti = q
			}
		}
	}
	return pos
}

var keyLine = regexp.MustCompile(`^\s*([A-Za-z0-9_\-"']+)\s*=\s*(\S)`)
