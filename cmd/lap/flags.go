package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/indicators"
)

// errHelp is returned when --help was asked for and printed.
var errHelp = errors.New("help")

// newFlags makes a flag set that prints its usage to stdout on --help and returns usage
// errors instead of exiting.
func newFlags(name, synopsis, about string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: lap %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses flags, turning --help into errHelp and bad flags into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return errHelp
		}
		return usageError{err.Error()}
	}
	return nil
}

// planFS returns the plan directory: the embedded plan when dir is empty.
func planFS(dir string) (fs.FS, string) {
	if dir == "" {
		return indicators.FS, "(embedded plan)"
	}
	return os.DirFS(dir), dir
}

// loadPlan loads the plan from dir (the embedded plan when empty) and prints every problem.
func loadPlan(dir string, stderr io.Writer) (*engine.Plan, error) {
	fsys, label := planFS(dir)
	p, err := engine.Load(fsys)
	if err != nil {
		printDiagnostics(stderr, "load plan "+label, prefixDiags(err, dir))
		return nil, errSilent
	}
	return p, nil
}

// loadData loads the dataset in dir and prints every problem.
func loadData(dir string, stderr io.Writer) (*engine.Dataset, error) {
	if dir == "" {
		return nil, usagef("--data is required")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("read data: %s is not a directory", dir)
	}
	ds, err := engine.LoadDataset(os.DirFS(dir), ".")
	if err != nil {
		printDiagnostics(stderr, "load data "+dir, prefixDiags(err, dir))
		return nil, errSilent
	}
	return ds, nil
}

// prefixDiags makes diagnostic file names relative to the working directory.
func prefixDiags(err error, dir string) error {
	var ds engine.Diagnostics
	if !errors.As(err, &ds) || dir == "" {
		return err
	}
	for _, d := range ds {
		d.File = strings.TrimPrefix(dir+"/"+d.File, "./")
	}
	return ds
}

func printDiagnostics(w io.Writer, what string, err error) {
	var ds engine.Diagnostics
	if !errors.As(err, &ds) {
		fmt.Fprintf(w, "%s: %v\n", what, err)
		return
	}
	fmt.Fprintf(w, "%s: %d problem(s)\n", what, len(ds))
	for _, d := range ds {
		fmt.Fprintln(w, d.Long())
	}
}

// oneOf checks a flag value against its allowed values.
func oneOf(flagName, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return usagef("--%s %q: want one of %s", flagName, v, strings.Join(allowed, ", "))
}
