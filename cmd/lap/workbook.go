package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lapmonitor/lap/workbook"
)

// maxProblems is how many workbook problems lap prints before it only counts the rest.
const maxProblems = 50

var workbookCommands = []command{
	{"template", "write an Article 7 reporting template (.xlsx), filled with what --data knows", runWorkbookTemplate},
	{"import", "merge filled workbooks into a dataset's facts.csv (every problem at once, with its cell)", runWorkbookImport},
	{"export", "write a whole dataset as a workbook (States, Facts and a sheet per form)", runWorkbookExport},
}

func runWorkbook(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stdout, "Usage: lap workbook <template|import|export> [flags]\n\nArticle 7 data in and out of Excel workbooks (.xlsx):")
		for _, c := range workbookCommands {
			fmt.Fprintf(stdout, "  %-9s %s\n", c.name, c.summary)
		}
		fmt.Fprintln(stdout, "\nRun `lap workbook <command> --help` for its flags. See docs/data.md, \"Excel workbooks\".")
		if len(args) == 0 {
			return usagef("a workbook command is required")
		}
		return errHelp
	}
	for _, c := range workbookCommands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	return usagef("unknown workbook command %q: want template, import or export", args[0])
}

func runWorkbookTemplate(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("workbook template", "--out FILE.xlsx [--state ISO3] [--year Y] [--data DIR] [--force]",
		"Write the Article 7 reporting template: a Cover sheet (State, year, source, class), one sheet\nper form (Form A to Form J) and a Records sheet, each field on a row with its meaning, a value\ncell under Excel data validation, its unit and its field name. With --data and --state the\nvalues the dataset already holds for that State and year are filled in.", stdout)
	out := fs.String("out", "", "the workbook `file` to write (.xlsx)")
	state := fs.String("state", "", "the reporting State's `ISO3` code")
	year := fs.Int("year", 0, "the `year` the report covers")
	data := fs.String("data", "", "dataset `directory` whose values fill the template (needs --state)")
	force := fs.Bool("force", false, "replace --out if it exists")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := checkOutFile(*out); err != nil {
		return err
	}
	if *year != 0 && (*year < 1900 || *year > 2200) {
		return usagef("--year %d: want a year between 1900 and 2200", *year)
	}
	if *data != "" && *state == "" {
		return usagef("--data fills the template for one State: give --state too")
	}
	o := workbook.TemplateOptions{State: *state, Year: *year}
	if *data != "" {
		ds, err := loadData(*data, stderr)
		if err != nil {
			return err
		}
		o.Data = ds
	}
	var b bytes.Buffer
	if err := workbook.WriteTemplate(&b, o); err != nil {
		return err
	}
	return writeOutFile(*out, b.Bytes(), *force)
}

func runWorkbookExport(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("workbook export", "--data DIR --out FILE.xlsx [--force]",
		"Write the whole dataset as a workbook: States, Facts and Registers sheets holding exactly what\nstates.csv, facts.csv and registers.csv hold (import reads them back), and a read-only sheet\nper form with a row per State and year.", stdout)
	data := fs.String("data", "", "dataset `directory`")
	out := fs.String("out", "", "the workbook `file` to write (.xlsx)")
	force := fs.Bool("force", false, "replace --out if it exists")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := checkOutFile(*out); err != nil {
		return err
	}
	ds, err := loadData(*data, stderr)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := workbook.WriteDataset(&b, ds); err != nil {
		return err
	}
	if err := writeOutFile(*out, b.Bytes(), *force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d States, %d facts\n", *out, len(ds.States()), len(ds.Facts()))
	return nil
}

func runWorkbookImport(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("workbook import", "FILE.xlsx... --data DIR [--dry-run] [--replace] [--verbose]",
		"Merge filled workbooks (reporting templates or dataset workbooks) into the dataset in --data:\neach fact's source names its file, sheet and cell. Every problem is reported at once as\nFILE!Sheet!B12: message, and nothing is written when there is any. A value that differs\nfrom the dataset's is a conflict unless --replace. facts.csv (and states.csv when States\nchange) is written whole through a temporary file; the earlier file is kept as\nfacts.csv.<hash>.bak. An empty or new --data directory gets both files.", stdout)
	data := fs.String("data", "", "dataset `directory` to merge into (created when missing)")
	dryRun := fs.Bool("dry-run", false, "print what would be added and changed; write nothing")
	replace := fs.Bool("replace", false, "take the workbook's value where it differs from the dataset's")
	verbose := fs.Bool("verbose", false, "with --dry-run, list unchanged facts too")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("no workbook given")
	}
	if *data == "" {
		return usagef("--data is required")
	}
	ds, err := workbook.OpenDataDir(*data)
	if err != nil {
		printDiagnostics(stderr, "load data "+*data, prefixDiags(err, *data))
		return errSilent
	}
	b, err := workbook.Read(files...)
	if err != nil {
		return printProblems(stderr, err)
	}
	m, err := workbook.Merge(ds, b, *replace)
	if err != nil {
		return printProblems(stderr, err)
	}
	if *dryRun {
		printChanges(stdout, m, *verbose)
	}
	added, changed, unchanged := m.Count()
	sa, sc, _ := m.CountStates()
	summary := fmt.Sprintf("%d facts added, %d changed, %d unchanged", added, changed, unchanged)
	if sa+sc > 0 {
		summary += fmt.Sprintf("; %d States added, %d changed", sa, sc)
	}
	if *dryRun {
		fmt.Fprintf(stdout, "%s (dry run: nothing written)\n", summary)
		return nil
	}
	w, err := workbook.WriteDataDir(*data, m)
	if err != nil {
		return err
	}
	switch {
	case len(w.Files) == 0:
		fmt.Fprintf(stdout, "%s: nothing to write\n", summary)
	default:
		files := strings.Join(w.Files, " and ")
		if n := len(w.Files); n > 2 {
			files = strings.Join(w.Files[:n-1], ", ") + " and " + w.Files[n-1]
		}
		fmt.Fprintf(stdout, "%s: wrote %s in %s", summary, files, *data)
		if len(w.Backups) > 0 {
			fmt.Fprintf(stdout, " (earlier versions kept as %s)", strings.Join(w.Backups, ", "))
		}
		fmt.Fprintln(stdout)
	}
	return nil
}

// parseInterleaved parses flags that may come before, between or after the arguments, and
// returns the arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// printProblems prints workbook problems (at most maxProblems, then a count) and returns
// errSilent.
func printProblems(w io.Writer, err error) error {
	var ps workbook.Problems
	if !errors.As(err, &ps) {
		return err
	}
	fmt.Fprintf(w, "lap workbook import: %d problem(s); nothing was written\n", len(ps))
	for i, p := range ps {
		if i == maxProblems {
			fmt.Fprintf(w, "... and %d more problem(s)\n", len(ps)-maxProblems)
			break
		}
		fmt.Fprintln(w, sanitize(p.Long()))
	}
	return errSilent
}

// printChanges prints the diff of a merge: + added, ~ changed, = unchanged (with verbose).
func printChanges(w io.Writer, m *workbook.Merged, verbose bool) {
	for _, c := range m.States {
		switch {
		case c.Change == workbook.Added:
			fmt.Fprintf(w, "+ State %s %s  [%s]\n", c.State.Values["iso3"], c.State.Values["name"], c.State.Origin.Where("iso3"))
		case c.Change == workbook.Changed:
			fmt.Fprintf(w, "~ State %s (was %s)  [%s]\n", c.State.Values["iso3"], strings.Join(c.Old, ","), c.State.Origin.Where("iso3"))
		}
	}
	for _, c := range m.Facts {
		f := c.Fact
		key := fmt.Sprintf("%s %s %s", f.ISO3, yearOf(f.Year), f.Field)
		switch {
		case c.Change == workbook.Added:
			fmt.Fprintf(w, "+ %s = %s  [%s]\n", key, sanitize(f.Value), f.Origin.Where("value"))
		case c.Change == workbook.Changed:
			fmt.Fprintf(w, "~ %s = %s (was %s)  [%s]\n", key, sanitize(f.Value), sanitize(c.Old.Value), f.Origin.Where("value"))
		case verbose:
			fmt.Fprintf(w, "= %s = %s  [%s]\n", key, sanitize(f.Value), f.Origin.Where("value"))
		}
	}
}

func yearOf(y int) string {
	if y == 0 {
		return "static"
	}
	return fmt.Sprint(y)
}

// sanitize replaces control characters (terminal escapes among them) with U+FFFD.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' || r == 0x7f {
			return '\uFFFD'
		}
		return r
	}, s)
}

// checkOutFile checks an --out workbook name before any work is done.
func checkOutFile(out string) error {
	if out == "" {
		return usagef("--out is required")
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return usagef("--out %s: the file name must end in .xlsx", out)
	}
	return nil
}

// writeOutFile writes an output file whole: into a temporary file beside it, then renamed into
// place. An existing file is replaced only with force, and never when it is not a regular
// file (a directory, a symbolic link, a device).
func writeOutFile(out string, data []byte, force bool) error {
	st, err := os.Lstat(out)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return fmt.Errorf("write %s: it exists and is not a regular file; refusing to replace it", out)
	case err == nil && !force:
		return fmt.Errorf("write %s: the file exists; refusing to replace it (choose another --out, or add --force)", out)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("write %s: %w", out, err)
	}
	dir := filepath.Dir(out)
	fh, err := os.CreateTemp(dir, "."+filepath.Base(out)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	tmp := fh.Name()
	_, err = fh.Write(data)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, out)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}
