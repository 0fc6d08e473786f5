package engine

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stops a load.
type Severity int

// The severities.
const (
	SeverityError Severity = iota
	SeverityWarning
)

// String is "error" or "warning", as a diagnostic's one-line rendering writes it.
func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// MarshalText writes "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic codes, every one (translations.go adds those of plan translations). They are
// stable: tests and tools match on them.
const (
	CodeTOMLSyntax        = "toml-syntax"
	CodeUnknownKey        = "unknown-key"
	CodeMissingKey        = "missing-key"
	CodeBadValue          = "bad-value"
	CodeDuplicateID       = "dup-id"
	CodeBadAction         = "bad-action"
	CodeExprSyntax        = "expr-syntax"
	CodeExprType          = "expr-type"
	CodeUnknownName       = "unknown-name"
	CodeFieldsMismatch    = "fields-mismatch"
	CodeNullablePopulatn  = "population-nullable"
	CodeNoPlanFile        = "no-plan-file"
	CodeBadEncoding       = "bad-encoding"
	CodeEmptyFile         = "empty-file"
	CodeCSVSyntax         = "csv-syntax"
	CodeCSVHeader         = "csv-header"
	CodeUnknownState      = "unknown-state"
	CodeUnknownField      = "unknown-field"
	CodeDerivedField      = "derived-field"
	CodeBadYear           = "bad-year"
	CodeBadDate           = "bad-date"
	CodeNegative          = "negative-value"
	CodeDuplicateFact     = "dup-fact"
	CodeDuplicateState    = "dup-state"
	CodeMissingSource     = "missing-source"
	CodeJSONSyntax        = "json-syntax"
	CodeInconsistentDates = "inconsistent-dates"
	// CodeExprNotAllowed is an expression that uses a feature the rule sandbox refuses.
	CodeExprNotAllowed = "expr-not-allowed"
	// CodeFarDate warns of a date far beyond the data's other dates, which sets the default
	// cut-off.
	CodeFarDate = "far-date"
	// CodeTooLarge is an input over a size, length or depth limit; CodeControlChar a control
	// character in an input; CodeNotRegular an input that is not a regular file; CodeTooMany the
	// count of problems not listed (bounds.go).
	CodeTooLarge    = "too-large"
	CodeControlChar = "control-char"
	CodeNotRegular  = "not-a-file"
	CodeTooMany     = "too-many-problems"
	// CodeNotRegister is a declaration of registers.csv for a field that is not a register
	// (registers.go).
	CodeNotRegister = "not-register"
)

// Diagnostic is one problem found while loading a plan, a dataset or a scenario. File, Line
// and Col locate it (Line and Col are 1-based; 0 when unknown); Key names the TOML key or the
// CSV column.
type Diagnostic struct {
	Severity    Severity `json:"severity"`
	Code        string   `json:"code"`
	File        string   `json:"file"`
	Line        int      `json:"line,omitempty"`
	Col         int      `json:"col,omitempty"`
	Key         string   `json:"key,omitempty"`
	IndicatorID string   `json:"indicator,omitempty"`
	Message     string   `json:"message"`
	Hint        string   `json:"hint,omitempty"`
	Snippet     string   `json:"snippet,omitempty"`
}

// Error renders the one-line form: file:line:col: [indicator: ]code: message (key).
func (d *Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.IndicatorID != "" {
		b.WriteString(d.IndicatorID + ": ")
	}
	b.WriteString(d.Code + ": " + d.Message)
	if d.Key != "" {
		fmt.Fprintf(&b, " (%s)", d.Key)
	}
	return b.String()
}

// Long renders the diagnostic with its hint and snippet on following lines.
func (d *Diagnostic) Long() string {
	s := d.Error()
	if d.Hint != "" {
		s += "\n    hint: " + d.Hint
	}
	if d.Snippet != "" {
		for _, l := range strings.Split(strings.TrimRight(d.Snippet, "\n"), "\n") {
			s += "\n    " + l
		}
	}
	return s
}

// Diagnostics is every problem found by one load. It implements error; Load and LoadDataset
// return it (and only it) as their error, so callers can errors.As it to read each problem.
type Diagnostics []*Diagnostic

// Error is the one problem's line, or "N problems:" followed by each on its own line.
func (ds Diagnostics) Error() string {
	switch len(ds) {
	case 0:
		return "no problems"
	case 1:
		return ds[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(ds))
	for _, d := range ds {
		b.WriteString("\n" + d.Error())
	}
	return b.String()
}

// HasErrors reports whether any diagnostic is an error rather than a warning.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, line, column, code and message.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Message < b.Message
	})
}

// errorsOnly returns the diagnostics as an error when any is an error, else nil.
func (ds Diagnostics) errorsOnly() error {
	if ds.HasErrors() {
		ds.Sort()
		return ds
	}
	return nil
}

// HintClosest sets the hint of d to the candidate closest to name ("did you mean ...?"), when
// one is close enough, and returns d.
func (d *Diagnostic) HintClosest(name string, candidates []string) *Diagnostic {
	if s := suggest(name, candidates); s != "" {
		d.Hint = fmt.Sprintf("did you mean %q?", s)
	}
	return d
}

// suggest returns the candidate closest to name (Levenshtein distance at most 2, or a
// one-character prefix difference), or "".
func suggest(name string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := levenshtein(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
