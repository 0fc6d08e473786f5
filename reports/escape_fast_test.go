package reports

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// markdownText's fast path (plainMarkdown) returns exactly what the slow path would, for any
// text: words, spaces of every kind, control characters, the characters Markdown escapes.
func TestMarkdownTextFastPath(t *testing.T) {
	pieces := []string{"a", "Lao", "é", "’", " ", "  ", "\t", "\n", "\u00a0", "\u0085", "\x01", "\x7f", "\u009b",
		"*", "_", "`", "[", "]", "<", ">", "|", "#", "\\", "(", "1.5", "km²", "ᵐ"}
	slow := func(s string) string {
		var b strings.Builder
		for _, r := range strings.Join(strings.FieldsFunc(stripControls(s), foldedSpace), " ") {
			if strings.ContainsRune("\\`*_[]<>|#", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := markdownText(s), slow(s); got != want {
			t.Fatalf("markdownText(%q) = %q, want %q", s, got, want)
		}
	}
	// no-break spaces stay, even where something is escaped
	if got := markdownText("1\u00a0234 km² *x*\u00a0: y"); got != "1\u00a0234 km² \\*x\\*\u00a0: y" {
		t.Errorf("markdownText folded a no-break space: %q", got)
	}
	for _, s := range []string{"", "plain words", "Lao People's Democratic Republic", "1,296.70 km²", "1\u00a0234,5"} {
		if !plainMarkdown(s) {
			t.Errorf("%q is plain", s)
		}
	}
}
