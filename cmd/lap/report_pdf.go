package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/lapmonitor/lap/reports"
	"github.com/lapmonitor/lap/reports/pdf"
)

// pdfChromium finds Chromium when the formats ask for a PDF ("" otherwise), so that a report
// that cannot be printed stops before any work, with nothing written.
func pdfChromium(formats []string) (string, error) {
	if !slices.Contains(formats, "pdf") {
		return "", nil
	}
	bin, err := pdf.Find()
	if err != nil {
		return "", fmt.Errorf("--formats pdf: %w; nothing was written (leave pdf out of --formats to write the other formats)", err)
	}
	return bin, nil
}

// pdfWriter prints the report's HTML page to PDF with Chromium.
func pdfWriter(ctx context.Context, rep *reports.Report, chromium string) func(io.Writer) error {
	return func(w io.Writer) error {
		var page bytes.Buffer
		if err := rep.WriteHTML(&page); err != nil {
			return err
		}
		b, err := pdf.Print(ctx, page.Bytes(), pdf.Options{Chromium: chromium, Footer: rep.Title()})
		if err != nil {
			return fmt.Errorf("write report.pdf: %w", err)
		}
		_, err = w.Write(b)
		return err
	}
}
