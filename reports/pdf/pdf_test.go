package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReproducible(t *testing.T) {
	pdf := func(date, id string) []byte {
		return []byte("%PDF-1.4\n1 0 obj\n<</Creator (x) /CreationDate (D:" + date + "+01'00') /ModDate (D:" + date + "+01'00')>>\nendobj\n" +
			"trailer\n<</Size 2 /ID [<" + id + "> <" + id + ">]>>\nstartxref\n9\n%%EOF\n")
	}
	a := pdf("20261129215000", "0123456789ABCDEF0123456789ABCDEF")
	b := pdf("20270101080910", "FEDCBA9876543210FEDCBA9876543210")
	ra, rb := Reproducible(a, []byte("page")), Reproducible(b, []byte("page"))
	assert.Equal(t, ra, rb, "the clock and chance leave no trace")
	assert.Len(t, ra, len(a), "offsets are kept")
	assert.Contains(t, string(ra), "/CreationDate (D:20000101000000+00'00')")
	assert.Contains(t, string(ra), "/ModDate (D:20000101000000+00'00')")
	assert.NotEqual(t, ra, Reproducible(a, []byte("another page")), "the identifier follows the page")
	assert.Regexp(t, `/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`, string(ra))
}

func TestFindFromEnvironment(t *testing.T) {
	t.Setenv(EnvChromium, "/nonexistent/chromium")
	_, err := Find()
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrNoChromium))
	assert.Contains(t, err.Error(), "LAP_CHROMIUM=/nonexistent/chromium is not a program")
	_, err = Print(context.Background(), []byte("<p>x</p>"), Options{})
	assert.True(t, errors.Is(err, ErrNoChromium), "Print says so too")
}

func TestFooter(t *testing.T) {
	f := footer(`Plan <b>A & B</b>`)
	assert.Contains(t, f, "Plan &lt;b&gt;A &amp; B&lt;/b&gt;")
	assert.Contains(t, f, `Page <span class="pageNumber"></span> of <span class="totalPages"></span>`)
}

// chromium finds the browser for the tests: skipped without one, unless LAP_REQUIRE_CHROMIUM=1
// (.ci/run), when it fails.
func chromium(t *testing.T) string {
	t.Helper()
	bin, err := Find()
	if err != nil {
		if os.Getenv("LAP_REQUIRE_CHROMIUM") == "1" {
			t.Fatalf("Chromium is required (LAP_REQUIRE_CHROMIUM=1): %v", err)
		}
		t.Skip(err)
	}
	return bin
}

// pages counts the pages of a PDF.
func pages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
}

// TestPrint prints a page with a long table and a folded section: A4 pages numbered in the
// footer, the folded section printed, the same bytes twice.
func TestPrint(t *testing.T) {
	bin := chromium(t)
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title><style>@page{size:A4;margin:14mm 12mm}thead{display:table-header-group}tr{break-inside:avoid}</style></head><body><h1>Print test</h1><details><summary>More</summary><p>Folded text</p></details><table><thead><tr><th>Head</th></tr></thead><tbody>`)
	for i := range 150 {
		b.WriteString("<tr><td>Row " + strconv.Itoa(i) + "</td></tr>")
	}
	b.WriteString("</tbody></table></body></html>")
	page := []byte(b.String())
	out, err := Print(context.Background(), page, Options{Chromium: bin, Footer: "Print test & co"})
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(out, []byte("%PDF-")))
	n := pages(out)
	assert.GreaterOrEqual(t, n, 2, "150 rows do not fit one page")
	again, err := Print(context.Background(), page, Options{Chromium: bin, Footer: "Print test & co"})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(out, again), "the same page gives the same bytes")

	text, ok := pdfText(t, out)
	if !ok {
		return
	}
	for i, p := range text {
		assert.Contains(t, p, "Print test & co", "page %d footer", i+1)
		assert.Contains(t, p, "Page "+strconv.Itoa(i+1)+" of "+strconv.Itoa(n), "page %d number", i+1)
		assert.Contains(t, p, "Head", "page %d: the table head repeats", i+1)
	}
	assert.Contains(t, text[0], "Folded text", "folded sections are printed")
}

// pdfText is the text of each page (pdftotext); ok is false when pdftotext is missing (a
// failure under LAP_REQUIRE_CHROMIUM=1).
func pdfText(t *testing.T, pdf []byte) ([]string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("LAP_REQUIRE_CHROMIUM") == "1" {
			t.Fatal("pdftotext (poppler-utils) is required with LAP_REQUIRE_CHROMIUM=1 to read the PDF back")
		}
		t.Log("pdftotext not found: the PDF's text is not checked")
		return nil, false
	}
	cmd := exec.Command(bin, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	require.NoError(t, err)
	ps := strings.Split(string(out), "\f")
	return ps[:len(ps)-1], true
}
