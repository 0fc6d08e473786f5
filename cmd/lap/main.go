// Command lap monitors the Lausanne Action Plan of the Convention on Cluster Munitions: it
// loads the plan's indicators from TOML, evaluates them against State Party reporting data
// and writes results and reports. Run `lap --help` for the commands.
//
// The command is a thin layer over package engine (and reports): it parses flags, opens
// files, prints results and maps errors to exit codes: 0 ok, 1 errors in the input or the
// run, 2 usage errors.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/lapmonitor/lap/reports"
)

// stopSignals are the signals that stop a run cleanly: commands see the context cancelled,
// remove what they were writing and exit 1. A second signal kills the process at once.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	go func() {
		<-ctx.Done()
		stop() // restore the default action: a second signal is not caught
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands in the order `lap --help` shows them.
var commands = []command{
	{"audit", "check that good news never lowers a score: every State, every kind of good news", runAudit},
	{"check", "validate and compile a plan; report every problem", runCheck},
	{"eval", "evaluate the indicators for one year or a range of years", runEval},
	{"explain", "show one indicator's derivation: States, values read and their origin, scoring", runExplain},
	{"fields", "print the data dictionary: every field a rule can read", runFields},
	{"profile", "print one State's country profile: membership, obligations, Article 7 record, indicators", runProfile},
	{"plan", "print the whole plan for review: actions, indicators, provenance, expressions", runPlan},
	{"report", "write the annual progress report: Markdown, HTML, CSV, JSON and charts", runReport},
	{"serve", "the coordinators' workspace: a local web application with the what-if page", runServe},
	{"risk", "Monte Carlo deadline risk of outstanding Article 3 and 4 obligations (seeded, parallel)", runRisk},
	{"test", "run rule unit tests (*.test.toml): expected values on small inline datasets", runTest},
	{"workbook", "Article 7 data in and out of Excel: template, import, export (.xlsx)", runWorkbook},
	{"validate", "run the data checks (checks/*.toml) on a dataset: every violation with the values behind it", runValidate},
	{"whatif", "what-if scenarios: baseline vs changed data or plan, with diffs and overlay charts", runWhatIf},
}

// usageError is a mistake in how lap was called: exit code 2. A bad flag carries the
// command's synopsis, which lap prints once after the message.
type usageError struct{ msg, synopsis string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{msg: fmt.Sprintf(format, args...)} }

// errSilent reports failure (exit 1) when the problems were already printed.
var errSilent = errors.New("")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// nothing a command prints can hold a control character: data cannot drive the terminal
	stdout, stderr = reports.TerminalWriter(stdout), reports.TerminalWriter(stderr)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 && args[0] == "help" {
			return run(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		printUsage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "lap %s: %s\n", c.name, ue.msg)
			if ue.synopsis != "" {
				fmt.Fprintln(stderr, ue.synopsis)
			}
			fmt.Fprintf(stderr, "Try: lap %s --help\n", c.name)
			return 2
		case errors.Is(err, errSilent):
			return 1
		case errors.Is(err, context.Canceled):
			fmt.Fprintf(stderr, "lap %s: stopped by a signal before the end; nothing was written\n", c.name)
			return 1
		default:
			fmt.Fprintf(stderr, "lap %s: %s\n", c.name, strings.TrimSpace(err.Error()))
			return 1
		}
	}
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	sort.Strings(names)
	fmt.Fprintf(stderr, "lap: unknown command %q (commands: %s)\nTry: lap --help\n", args[0], strings.Join(names, ", "))
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "lap monitors the Lausanne Action Plan of the Convention on Cluster Munitions.")
	fmt.Fprintln(w, "\nUsage: lap <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `lap <command> --help` for a command's flags. Exit codes: 0 ok, 1 errors, 2 usage.")
}
