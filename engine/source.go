package engine

// The TOML file schema. These mirror structs are what the decoder fills; Load validates them
// and builds the immutable Plan. Key names are the ones the plan reference (lap-plan.md §4)
// defines; tooling depends on them.

type planFile struct {
	Name         string          `toml:"name"`
	Version      string          `toml:"version"`
	Period       string          `toml:"period"`
	Adopted      string          `toml:"adopted"`
	BaselineYear int             `toml:"baseline_year"`
	TargetYear   int             `toml:"target_year"`
	Counting     string          `toml:"counting"`
	Provenance   string          `toml:"provenance"`
	Note         string          `toml:"note"`
	ReportCutoff string          `toml:"report_cutoff"`
	Breakdowns   []breakdownFile `toml:"breakdown"`
	Sections     []sectionFile   `toml:"section"`
	Scoring      *scoringFile    `toml:"scoring"`
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
	// Populations, coverage, direction of travel and roll-up weights (docs/methodology.md).
	MinPopulation *int     `toml:"min_population"`
	MinCoverage   *float64 `toml:"min_coverage"`
	CAGRImproving *float64 `toml:"cagr_improving"`
	CAGRWorsening *float64 `toml:"cagr_worsening"`
	Weighting     *string  `toml:"weighting"`
}

type sectionFile struct {
	Key         string   `toml:"key"`
	Title       string   `toml:"title"`
	FirstAction int      `toml:"first_action"`
	LastAction  int      `toml:"last_action"`
	Provenance  string   `toml:"provenance"`
	Sources     []string `toml:"sources"`
	// Weight multiplies the section's weight in the plan score (default 1).
	Weight *float64 `toml:"weight"`
}

type actionFile struct {
	Number            int      `toml:"number"`
	Section           string   `toml:"section"`
	Title             string   `toml:"title"`
	Description       string   `toml:"description"`
	Provenance        string   `toml:"provenance"`
	SectionProvenance string   `toml:"section_provenance"`
	Sources           []string `toml:"sources"`
	SectionSources    []string `toml:"section_sources"`
	Basis             string   `toml:"basis"`
	// Weight multiplies the action's weight in its section's score (default 1).
	Weight     *float64        `toml:"weight"`
	Indicators []indicatorFile `toml:"indicator"`
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
	// How an unknown result counts ("exclude" or "as-false") and the fewest States a share or
	// mean is taken over before it is scored (docs/methodology.md, "Populations").
	Unknown       string `toml:"unknown"`
	MinPopulation *int   `toml:"min_population"`
}
