package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/lapmonitor/lap/engine/risk"
)

// Progress shown on a terminal while a long command runs; nothing elsewhere (a file, a pipe,
// a test buffer), so that output stays reproducible.

// progress returns a function printing step lines when w is a terminal, and doing nothing
// otherwise.
func progress(w io.Writer) func(string) {
	if !isTerminal(w) {
		return func(string) {}
	}
	return func(msg string) { fmt.Fprintf(w, "lap report: %s…\n", msg) }
}

// isTerminal reports whether w is a character device such as a terminal (through the
// control-character filter every command writes through, see run).
func isTerminal(w io.Writer) bool {
	f, ok := raw(w).(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar returns a progress option drawing a bar on stderr when stderr is a terminal, and
// a function that clears it. Elsewhere (a file, a pipe, a test buffer) it draws nothing.
func progressBar(stderr io.Writer, label string) (risk.Option, func()) {
	if !isTerminal(stderr) {
		return nil, func() {}
	}
	stderr = raw(stderr) // the bar is drawn with \r and an erase sequence, which the filter would drop
	const width = 30
	last := -1
	return risk.OnProgress(func(done, total int) {
			pct := 100 * done / total
			if pct == last {
				return
			}
			last = pct
			n := width * done / total
			fmt.Fprintf(stderr, "\r%s [%s%s] %3d%%", label, strings.Repeat("#", n), strings.Repeat(" ", width-n), pct)
		}), func() {
			if last >= 0 {
				fmt.Fprint(stderr, "\r\033[K")
				last = -1
			}
		}
}

// raw returns the writer under the control-character filter (reports.TerminalWriter), or w.
func raw(w io.Writer) io.Writer {
	if u, ok := w.(interface{ Unwrap() io.Writer }); ok {
		return u.Unwrap()
	}
	return w
}
