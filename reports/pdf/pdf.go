// Package pdf prints a self-contained HTML page (lap report's report.html) to PDF with the
// Chromium installed on the machine, run headless through the DevTools protocol (chromedp, the
// library lap serve's browser test already uses). The page's print stylesheet decides the
// layout (A4, no table row or chart split across pages, each section on a new page); Print
// adds page numbers in the footer, opens every <details> so that nothing folded is left out,
// and makes the file reproducible: the same page and the same Chromium give the same bytes.
package pdf

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned (wrapped) when no Chromium can be found.
var ErrNoChromium = errors.New("Chromium not found")

// EnvChromium names the environment variable that gives Chromium's path.
const EnvChromium = "LAP_CHROMIUM"

// candidates are the program names tried on PATH, after $LAP_CHROMIUM and /usr/bin/chromium.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Find returns the path of the installed Chromium: $LAP_CHROMIUM when set (it must exist),
// else /usr/bin/chromium, else the first of chromium, chromium-browser, google-chrome on PATH.
func Find() (string, error) {
	if p := os.Getenv(EnvChromium); p != "" {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			return "", fmt.Errorf("%w: %s=%s is not a program", ErrNoChromium, EnvChromium, p)
		}
		return p, nil
	}
	if st, err := os.Stat("/usr/bin/chromium"); err == nil && !st.IsDir() {
		return "/usr/bin/chromium", nil
	}
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: a PDF is printed by a headless Chromium; install it (Debian: apt-get install chromium) or give its path in %s", ErrNoChromium, EnvChromium)
}

// Options are what Print needs besides the page.
type Options struct {
	// Chromium is the browser's path; empty: Find.
	Chromium string
	// Footer is written at the left of every page's footer (e.g. the report's title); the
	// page number, "Page 3 of 41", at the right.
	Footer string
	// Timeout bounds the whole print (start, load, print); zero: two minutes.
	Timeout time.Duration
}

// Print renders page, a self-contained HTML document, to PDF with headless Chromium. The
// browser starts with a fresh profile in a temporary directory, which is removed, and no
// network: the page must hold everything it shows.
func Print(ctx context.Context, htmlPage []byte, o Options) ([]byte, error) {
	bin := o.Chromium
	if bin == "" {
		var err error
		if bin, err = Find(); err != nil {
			return nil, err
		}
	}
	if o.Timeout <= 0 {
		o.Timeout = 2 * time.Minute
	}
	dir, err := os.MkdirTemp("", "lap-pdf-")
	if err != nil {
		return nil, fmt.Errorf("print pdf: %w", err)
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "page.html")
	if err := os.WriteFile(file, htmlPage, 0o600); err != nil {
		return nil, fmt.Errorf("print pdf: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	actx, cancelA := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")))
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	u := url.URL{Scheme: "file", Path: file}
	if err := chromedp.Do(bctx, chromedp.Navigate(u.String())); err != nil {
		return nil, fmt.Errorf("print pdf: run %s: %w", bin, err)
	}
	// nothing folded is left out of the printed page
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[int](`(function(){var d=document.querySelectorAll('details');d.forEach(function(e){e.open=true});return d.length})()`)); err != nil {
		return nil, fmt.Errorf("print pdf: open folded sections: %w", err)
	}
	t, f := true, false
	res, err := chromedp.Call(bctx, page.PrintToPDF, page.PrintToPDFParams{
		PrintBackground: &t, PreferCSSPageSize: &t, DisplayHeaderFooter: &t, GenerateDocumentOutline: &t, GenerateTaggedPDF: &f,
		HeaderTemplate: "<span></span>",
		FooterTemplate: footer(o.Footer),
	})
	if err != nil {
		return nil, fmt.Errorf("print pdf: %w", err)
	}
	if !bytes.HasPrefix(res.Data, []byte("%PDF-")) {
		return nil, fmt.Errorf("print pdf: Chromium returned %d bytes that are not a PDF", len(res.Data))
	}
	return Reproducible(res.Data, htmlPage), nil
}

// footer is the footer template: the text at the left, the page number at the right, in the
// report's type and colours.
func footer(text string) string {
	return `<div style="width:100%;margin:0 12mm;display:flex;justify-content:space-between;` +
		`font-family:'Liberation Sans',Arial,Helvetica,sans-serif;font-size:7.5pt;color:#555">` +
		`<span>` + html.EscapeString(text) + `</span>` +
		`<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
}

var (
	pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)`)
	pdfID   = regexp.MustCompile(`/ID \[<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>\]`)
)

// Reproducible replaces what Chromium writes from the clock or at random, the creation and
// modification dates and the file identifier, with values of the same length taken from
// source (the page printed), so that the cross-reference offsets stay right and the same page
// gives the same bytes. The dates become 1 January 2000.
func Reproducible(pdf, source []byte) []byte {
	out := pdfDate.ReplaceAllFunc(pdf, func(m []byte) []byte {
		open := bytes.Index(m, []byte("(D:"))
		fixed := append([]byte{}, m[:open]...)
		fixed = append(fixed, "(D:20000101000000"...)
		zone := m[open+len("(D:")+14 : len(m)-1]
		if len(zone) == len("+00'00'") {
			zone = []byte("+00'00'") // the machine's time zone is not the report's business
		}
		fixed = append(fixed, zone...)
		return append(fixed, ')')
	})
	sum := sha256.Sum256(source)
	id := hex.EncodeToString(sum[:])
	return pdfID.ReplaceAllFunc(out, func(m []byte) []byte {
		sub := pdfID.FindSubmatch(m)
		a, b := fill(id, len(sub[1])), fill(id, len(sub[2]))
		return []byte("/ID [<" + a + "> <" + b + ">]")
	})
}

// fill repeats s to exactly n characters.
func fill(s string, n int) string {
	var b []byte
	for len(b) < n {
		b = append(b, s...)
	}
	return string(b[:n])
}
