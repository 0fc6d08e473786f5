package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/risk"
	"github.com/lapmonitor/lap/indicators"
	"github.com/lapmonitor/lap/reports/locale"
)

// errHelp is returned when --help was asked for and printed.
var errHelp = errors.New("help")

// newFlags makes a flag set that prints its usage to stdout on --help and returns usage
// errors instead of exiting. Its usage is printed by parse, once: the flag package's own
// calls of Usage (on --help and on every bad flag) print nothing.
func newFlags(name, synopsis, about string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	usages.Store(fs, flagUsage{synopsis: "Usage: lap " + name + " " + synopsis, print: func() {
		fmt.Fprintf(stdout, "Usage: lap %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}})
	return fs
}

// flagUsage is a flag set's usage: its one-line synopsis and the whole text's printer.
type flagUsage struct {
	synopsis string
	print    func()
}

// usages holds the usage of each flag set newFlags made, so that parse prints it once.
var usages sync.Map // *flag.FlagSet -> flagUsage

// parse parses flags, turning --help into errHelp (the usage printed to stdout, once) and bad
// flags into usage errors that carry the synopsis (printed once, to stderr, with the error).
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	u, _ := usages.LoadAndDelete(fs) // a flag set is parsed once
	if err == nil {
		return nil
	}
	fu, _ := u.(flagUsage)
	if errors.Is(err, flag.ErrHelp) {
		if fu.print != nil {
			fu.print()
		}
		return errHelp
	}
	return usageError{msg: err.Error(), synopsis: fu.synopsis}
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

// loadPlanAndData loads the plan in planDir (translated into lang) and the dataset in
// dataDir at the same time, and prints their problems as loadPlan and loadData do, in that
// order: the data's only when the plan loaded.
func loadPlanAndData(planDir, dataDir string, lang locale.Lang, stderr io.Writer) (*engine.Plan, *engine.Dataset, error) {
	return loadPlanAndDataAfter(planDir, dataDir, lang, stderr, nil)
}

// loadPlanAndDataAfter is loadPlanAndData with a check that runs beside the loading and comes
// first: when before is not nil, its error is returned, and nothing the loading printed is,
// unless before returns nil.
func loadPlanAndDataAfter(planDir, dataDir string, lang locale.Lang, stderr io.Writer, before func() error) (*engine.Plan, *engine.Dataset, error) {
	premapHeap() // fresh memory in huge pages (hugepages.go)
	var (
		ds      *engine.Dataset
		dataErr error
		dataOut bytes.Buffer
	)
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		ds, dataErr = loadData(dataDir, &dataOut)
	}()
	var checked chan error
	planOut := stderr
	if before != nil {
		checked = make(chan error, 1)
		go func() { checked <- before() }()
		planOut = new(bytes.Buffer)
	}
	plan, err := loadPlan(planDir, planOut)
	if err == nil {
		plan, err = translate(plan, lang)
	}
	<-loaded
	if checked != nil {
		if cerr := <-checked; cerr != nil {
			return nil, nil, cerr
		}
		stderr.Write(planOut.(*bytes.Buffer).Bytes())
	}
	if err != nil {
		return nil, nil, err
	}
	stderr.Write(dataOut.Bytes())
	if dataErr != nil {
		return nil, nil, dataErr
	}
	return plan, ds, nil
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
	for _, w := range prefixDiags(ds.Warnings(), dir).(engine.Diagnostics) {
		fmt.Fprintln(stderr, "warning: "+w.Long())
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

// maxPrinted is how many problems a command prints; the rest are counted.
const maxPrinted = 50

// printDiagnostics prints the problems of a load: at most maxPrinted, then how many more.
func printDiagnostics(w io.Writer, what string, err error) {
	var ds engine.Diagnostics
	if !errors.As(err, &ds) {
		fmt.Fprintf(w, "%s: %v\n", what, err)
		return
	}
	var more *engine.Diagnostic // where the engine stopped for too many problems
	if n := len(ds); n > 0 && ds[n-1].Code == engine.CodeTooMany {
		more, ds = ds[n-1], ds[:n-1]
	}
	if more != nil {
		fmt.Fprintf(w, "%s: more than %d problems\n", what, len(ds))
	} else {
		fmt.Fprintf(w, "%s: %d problem(s)\n", what, len(ds))
	}
	for i, d := range ds {
		if i == maxPrinted {
			fmt.Fprintf(w, "... and %d more problem(s) not shown\n", len(ds)-maxPrinted)
			break
		}
		fmt.Fprintln(w, d.Long())
	}
	if more != nil {
		fmt.Fprintln(w, "... "+more.Error())
	}
}

// planUsage is the usage of --plan.
const planUsage = "plan `directory`; default: the embedded plan"

// inputs are the flags naming what a command evaluates: --data, --plan, --as-of, --year and,
// for eval and explain, --counting.
type inputs struct {
	data, plan, asOf, counting string
	year                       int
}

// addInputs declares --data, --plan, --as-of and --year on fs, and --counting with counting.
// A command whose flag means a little more sets its usage after (fs.Lookup(name).Usage).
func addInputs(fs *flag.FlagSet, counting bool) *inputs {
	in := &inputs{}
	fs.StringVar(&in.data, "data", "", "dataset `directory` holding states.csv and facts.csv (or dataset.json)")
	fs.StringVar(&in.plan, "plan", "", planUsage)
	fs.StringVar(&in.asOf, "as-of", "", "data cut-off `date` YYYY-MM-DD; default: "+reportCutOffUsage)
	fs.IntVar(&in.year, "year", 0, "evaluation `year`")
	if counting {
		fs.StringVar(&in.counting, "counting", "", "override the plan's counting `convention`: deposit or entry-into-force")
	}
	return in
}

// reportCutOffUsage says what --as-of defaults to when a command runs on one year
// (inputs.reportOn).
const reportCutOffUsage = "the cut-off of lap report for --year (the plan's report cut-off: 30 June of the year after), or the data's latest date when that comes first"

// reportOn adds to opts the data cut-off of a run on year when --as-of is not given: the one
// lap report uses for that year (engine.Plan.ReportCutOff), so that eval, explain, audit,
// validate and risk give the numbers of that year's report, which tells its readers to trace
// them with lap explain. With --as-of, opts already hold the given day.
func (in *inputs) reportOn(opts []engine.EvalOption, plan *engine.Plan, ds *engine.Dataset, year int) []engine.EvalOption {
	if in.asOf != "" {
		return opts
	}
	return append(opts, engine.AsOf(plan.ReportCutOff(ds, year, engine.Date{}).AsOf))
}

// options turns --as-of and --counting, and only (a regexp of indicator ids, empty for all),
// into evaluation options.
func (in *inputs) options(only string) ([]engine.EvalOption, error) {
	if in.year != 0 {
		if err := checkYear("--year", in.year); err != nil {
			return nil, err
		}
	}
	var opts []engine.EvalOption
	if in.asOf != "" {
		d, err := engine.ParseDay(in.asOf)
		if err != nil {
			return nil, usagef("--as-of: %v", err)
		}
		opts = append(opts, engine.AsOf(d))
	}
	if in.counting != "" {
		c := engine.Counting(in.counting)
		if !c.Valid() {
			return nil, usagef("--counting %q: want deposit or entry-into-force", in.counting)
		}
		opts = append(opts, engine.WithCounting(c))
	}
	if only != "" {
		re, err := regexp.Compile(only)
		if err != nil {
			return nil, usagef("--only: %v", err)
		}
		opts = append(opts, engine.Only(re))
	}
	return opts, nil
}

// checkYear refuses a year flag outside the years the engine knows (1900..2200).
func checkYear(flag string, y int) error {
	if y < engine.MinYear || y > engine.MaxYear {
		return usagef("%s %d: want a year between %d and %d", flag, y, engine.MinYear, engine.MaxYear)
	}
	return nil
}

// open checks the evaluation options (see options), then loads the plan and the dataset.
func (in *inputs) open(stderr io.Writer, only string) (*engine.Plan, *engine.Dataset, []engine.EvalOption, error) {
	opts, err := in.options(only)
	if err != nil {
		return nil, nil, nil, err
	}
	plan, ds, err := in.load(stderr)
	return plan, ds, opts, err
}

// load loads the plan and then the dataset, printing every problem.
func (in *inputs) load(stderr io.Writer) (*engine.Plan, *engine.Dataset, error) {
	premapHeap() // fresh memory in huge pages (hugepages.go)
	plan, err := loadPlan(in.plan, stderr)
	if err != nil {
		return nil, nil, err
	}
	ds, err := loadData(in.data, stderr)
	if err != nil {
		return nil, nil, err
	}
	return plan, ds, nil
}

// format is a --format flag: one of a few values, the first the default.
type format struct {
	value   string
	allowed []string
}

// addFormat declares --format on fs with its allowed values, the first the default.
func addFormat(fs *flag.FlagSet, allowed ...string) *format {
	f := &format{allowed: allowed}
	list := strings.Join(allowed[:len(allowed)-1], ", ") + " or " + allowed[len(allowed)-1]
	fs.StringVar(&f.value, "format", allowed[0], "output `format`: "+list)
	return f
}

// check reports a value that is not allowed as a usage error.
func (f *format) check() error {
	if slices.Contains(f.allowed, f.value) {
		return nil
	}
	return usagef("--format %q: want one of %s", f.value, strings.Join(f.allowed, ", "))
}

// parseNoArgs parses flags that take no arguments besides the flags.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %v", fs.Args())
	}
	return nil
}

// monteCarlo are the flags of the deadline risk simulation: --draws and --seed.
type monteCarlo struct {
	draws int
	seed  uint64
}

func addMonteCarlo(fs *flag.FlagSet) *monteCarlo {
	mc := &monteCarlo{}
	fs.IntVar(&mc.draws, "draws", 10000, "draws per State")
	fs.Uint64Var(&mc.seed, "seed", 1, "random `seed`")
	return mc
}

func (mc *monteCarlo) check() error {
	if mc.draws <= 0 {
		return usagef("--draws %d: want a positive number", mc.draws)
	}
	return nil
}

// options are the simulation options, with a progress bar on stderr when it is a terminal;
// done clears the bar.
func (mc *monteCarlo) options(stderr io.Writer) (opts []risk.Option, done func()) {
	opts = []risk.Option{risk.Draws(mc.draws), risk.Seed(mc.seed)}
	opt, done := progressBar(stderr, "risk")
	if opt != nil {
		opts = append(opts, opt)
	}
	return opts, done
}

// langFlag is --lang: the language of a command's words (en, fr or es). One declaration for
// every command that speaks (plan, report, eval, whatif, explain, serve).
type langFlag struct{ value string }

// addLang declares --lang on fs; what says what follows the language in this command.
func addLang(fs *flag.FlagSet, what string) *langFlag {
	l := &langFlag{}
	fs.StringVar(&l.value, "lang", "en", "`language` of "+what+": en, fr or es (French and Spanish: unofficial translations; JSON and CSV keys stay English)")
	return l
}

// lang checks the flag's value: a usage error names the languages.
func (l *langFlag) lang() (locale.Lang, error) {
	lang, err := locale.ParseLang(l.value)
	if err != nil {
		return "", usagef("--lang %q: want one of en, fr, es", l.value)
	}
	return lang, nil
}

// output is what a command prints in: --format and --lang, declared and checked together
// by the commands that have both (plan, eval, explain, profile, whatif).
type output struct {
	format *format
	lang   *langFlag
}

// addOutput declares --format on fs with its allowed values, the first the default, and
// --lang (langWhat: see addLang).
func addOutput(fs *flag.FlagSet, langWhat string, allowed ...string) *output {
	return &output{format: addFormat(fs, allowed...), lang: addLang(fs, langWhat)}
}

// check reports a format that is not allowed, then a language that is not known, as usage
// errors, and returns the language.
func (o *output) check() (locale.Lang, error) {
	if err := o.format.check(); err != nil {
		return "", err
	}
	return o.lang.lang()
}

// parseSubject parses flags around the one thing a command is about (a State, an indicator
// id), which may come first or after the flags: lap explain 43.1 --data DIR --year 2024, or
// lap explain --data DIR --year 2024 43.1. It returns it ("" when not given) and any further
// arguments, for the command to refuse.
func parseSubject(fs *flag.FlagSet, args []string) (subject string, rest []string, err error) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		subject, args = args[0], args[1:]
	}
	if err := parse(fs, args); err != nil {
		return "", nil, err
	}
	rest = fs.Args()
	if subject == "" && len(rest) > 0 {
		subject, rest = rest[0], rest[1:]
	}
	return subject, rest, nil
}

// translate returns the plan with its texts in lang: the plan as written for English, its
// unofficial translation (lang/fr.toml, lang/es.toml) otherwise.
func translate(plan *engine.Plan, lang locale.Lang) (*engine.Plan, error) {
	if lang == locale.English {
		return plan, nil
	}
	return plan.Translated(string(lang))
}
