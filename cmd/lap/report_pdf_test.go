package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReportPDFWithoutChromium: --formats pdf without a Chromium stops before any work, says
// why and writes nothing.
func TestReportPDFWithoutChromium(t *testing.T) {
	t.Setenv("LAP_CHROMIUM", "/nonexistent/chromium")
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--formats", "md,pdf")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "--formats pdf: Chromium not found: LAP_CHROMIUM=/nonexistent/chromium is not a program")
	assert.Contains(t, stderr, "nothing was written")
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing written")
}

// TestReportPDF prints the 2024 report on the sample: A4, numbered pages, the first page
// stating the cut-off and the revisions, the results by group in it. Skipped without Chromium
// unless LAP_REQUIRE_CHROMIUM=1 (.ci/run), which also needs pdftotext to read the PDF back.
func TestReportPDF(t *testing.T) {
	chromium(t)
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--formats", "html,pdf", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	pdf, err := os.ReadFile(filepath.Join(out, "report.pdf"))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
	n := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
	assert.Greater(t, n, 20, "the whole report")
	assert.Len(t, regexp.MustCompile(`/MediaBox \[0 0 594\.9\d* 841\.9\d*\]`).FindAll(pdf, -1), n, "A4, every page")
	assert.True(t, bytes.Contains(pdf, []byte("/CreationDate (D:20000101000000")), "no clock in the file")

	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("LAP_REQUIRE_CHROMIUM") == "1" {
			t.Fatal("pdftotext (poppler-utils) is required with LAP_REQUIRE_CHROMIUM=1 to read the PDF back")
		}
		t.Skip("pdftotext not found: the PDF's text is not checked")
	}
	text, err := exec.Command(bin, "-layout", filepath.Join(out, "report.pdf"), "-").Output()
	require.NoError(t, err)
	pages := strings.Split(string(text), "\f")
	pages = pages[:len(pages)-1]
	require.Len(t, pages, n)
	first := strings.Join(strings.Fields(pages[0]), " ")
	assert.Contains(t, first, "Lausanne Action Plan 2021-2026: progress report 2024")
	assert.Contains(t, first, "Data as of 30 June 2025 (the plan's report cut-off for 2024)")
	assert.Regexp(t, `\d+ values of 2021 to 2023 differ from the previous report`, first)
	for i, p := range pages {
		assert.Contains(t, p, "Page "+strconv.Itoa(i+1)+" of "+strconv.Itoa(n), "page %d is numbered", i+1)
	}
	all := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{"Results by group", "Revisions since the previous report", "Middle East"} {
		assert.Contains(t, all, want)
	}
}
