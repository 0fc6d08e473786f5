package engine

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// splitByPattern is split as it was written first, with the regular expression.
func splitByPattern(s string) []piece {
	var out []piece
	last := 0
	for _, m := range regexp.MustCompile(`\{\{\.([A-Za-z]+)\}\}`).FindAllStringSubmatchIndex(s, -1) {
		if m[0] > last {
			out = append(out, piece{text: s[last:m[0]]})
		}
		out = append(out, piece{name: s[m[2]:m[3]]})
		last = m[1]
	}
	if last < len(s) {
		out = append(out, piece{text: s[last:]})
	}
	return out
}

// TestSplitMatchesPattern: split gives the runs of the regular expression on every message's
// English and on random texts made of the pattern's pieces.
func TestSplitMatchesPattern(t *testing.T) {
	for _, m := range messageDefs {
		require.Equal(t, splitByPattern(m.One), split(m.One), m.ID)
		require.Equal(t, splitByPattern(m.Other), split(m.Other), m.ID)
	}
	parts := []string{"{", "}", ".", "{{.", "}}", "N", "Year", "a", "é", " ", "{{.N}}", "{{.}}", "{{.a1}}", "{{ .N }}", "{{{.N}}}", "x"}
	rng := rand.New(rand.NewPCG(14, 1))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		require.Equal(t, splitByPattern(s), split(s), "%q", s)
	}
}
