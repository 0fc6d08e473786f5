package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/reports"
	"github.com/lapmonitor/lap/reports/chart"
	"github.com/lapmonitor/lap/reports/outdir"
)

// reportFiles names the file each report format is written to.
var reportFiles = map[string]string{"md": "report.md", "html": "report.html", "csv": "indicators.csv", "json": "results.json", "xlsx": "indicators.xlsx", "pdf": "report.pdf"}

var (
	reportFormats = []string{"md", "html", "csv", "json", "xlsx", "pdf"}
	chartFormats  = []string{"svg", "png"}
)

func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("report", "--data DIR --year Y --out DIR [--plan DIR] [--formats md,html,csv,json] [--charts svg,png] [--as-of DATE] [--date DATE] [--lang en|fr|es] [--profiles=false] [--strict]",
		"Write the annual progress report for one year into the directory --out: report.md,\nreport.html (one self-contained page), indicators.csv, results.json, charts/*.svg and\ncharts/*.png, and profiles/ (a country profile per State Party). The directory is written whole or not at all; lap's own earlier report there is\nreplaced, and any other existing directory or file is refused (docs/safety.md). The same inputs give byte-identical files: nothing is dated unless --date is given.\nThe plan's data checks run over the years the report uses (its baseline year to --year) and\nthe report gets a data-quality annex; with --strict, a violation of importance error stops\nthe report (exit 1, nothing written).", stdout)
	in := addInputs(fs, false)
	fs.Lookup("year").Usage = "assessed `year`"
	fs.Lookup("as-of").Usage = "data cut-off `date` YYYY-MM-DD; default: the plan's report cut-off for --year (report_cutoff of the year after: 30 June), or the data's latest date when that comes first"
	out := fs.String("out", "", "output `directory`; created, or replaced when it holds lap's own earlier report")
	formats := fs.String("formats", "md,html,csv,json", "comma-separated `list` of md, html, csv, json, xlsx (indicators.xlsx: the indicator table with coverage), pdf (report.pdf: report.html printed by the installed Chromium, headless; $LAP_CHROMIUM names it)")
	charts := fs.String("charts", "svg,png", "comma-separated `list` of chart files to write to charts/: svg, png, or none")
	date := fs.String("date", "", "report `date` YYYY-MM-DD printed in the report; default: none, so that output is reproducible")
	langF := addLang(fs, "the report's words, numbers, dates and the plan's text")
	strict := fs.Bool("strict", false, "refuse to write the report when a data check finds a violation of importance error")
	profiles := fs.Bool("profiles", true, "write a country profile per State Party into profiles/: ISO3.md with md, ISO3.html with html, ISO3.json (the data) with json")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if in.year == 0 {
		return usagef("--year is required")
	}
	lang, err := langF.lang()
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	fmts, err := listFlag("formats", *formats, reportFormats, false)
	if err != nil {
		return err
	}
	chs, err := listFlag("charts", *charts, chartFormats, true)
	if err != nil {
		return err
	}
	if len(fmts) == 0 && len(chs) == 0 {
		return usagef("nothing to write: --formats and --charts are both empty")
	}
	chromium, err := pdfChromium(fmts) // before any work: a PDF needs Chromium
	if err != nil {
		return err
	}
	if *date != "" {
		d, err := engine.ParseDay(*date)
		if err != nil {
			return usagef("--date: %v", err)
		}
		*date = d.String()
	}
	opts, err := in.options("")
	if err != nil {
		return err
	}
	outInputs := []string{in.data, in.plan}

	premapHeap() // fresh memory in huge pages (hugepages.go)
	defer reportGC()()
	step := progress(stderr)
	step("loading the plan and the data")
	// the output directory is checked (an earlier report in it read and hashed whole) beside
	// the loading; its refusal comes first
	go reports.PrepareTemplates(lang) // beside the loading, off the writing's way
	plan, ds, err := loadPlanAndDataAfter(in.plan, in.data, lang, stderr, func() error { return outdir.Check(*out, "report", outInputs...) })
	if err != nil {
		return err
	}
	// the report's cut-off, stated on the first page
	cut := in.reportCutOff(plan, ds)
	opts = append(opts, engine.AsOf(cut.AsOf))
	// the results by group the report tabulates
	var by []string
	for _, b := range plan.Breakdowns() {
		if len(b.Report) > 0 {
			by = append(by, b.Key)
		}
	}
	if len(by) > 0 {
		opts = append(opts, engine.By(by...))
	}
	// the data checks need the plan and the data only: they run beside the assessment
	ctx, cancel := context.WithCancel(ctx)
	checked := make(chan struct{})
	defer func() { <-checked }() // after cancel (deferred calls run last first)
	var statesRead chan struct{} // the States' records, read beside the revisions
	defer func() {
		if statesRead != nil {
			<-statesRead
		}
	}()
	defer cancel()
	var (
		v    *engine.Validation
		vErr error
	)
	go func(opts []engine.EvalOption) {
		defer close(checked)
		v, vErr = plan.Validate(ctx, ds, min(plan.BaselineYear(), in.year), in.year, opts...)
	}(slices.Clone(opts))
	step(fmt.Sprintf("assessing %d and %d", in.year, in.year-1))
	// each year evaluated once, the States' traced outcomes for the profiles from the same evaluation
	both, outcomes, err := plan.AssessYearsTraced(ctx, ds, in.year-1, in.year, opts...)
	if err != nil {
		if _, yerr := plan.Assess(ctx, ds, in.year, opts...); yerr != nil {
			return yerr // the assessed year's own error comes first
		}
		return err
	}
	prev, a := both[0], both[1]
	var (
		states    *reports.StateData
		statesErr error
	)
	statesRead = make(chan struct{})
	go func() {
		defer close(statesRead)
		states, statesErr = reports.NewStateDataFrom(ctx, plan, ds, a, outcomes)
	}()
	var revisions *engine.RevisionReport
	if !cut.Previous.IsZero() {
		// the earlier years as the previous report gave them (each seen at its lag) against
		// everything known now: the reports and figures received late, which this report's
		// series leaves out, and the corrections since. prev, the year before as this report's
		// series sees it (a year before its cut-off, with the corrections known now), is what the
		// changes since the report on the year before compare with: like with like.
		step("assessing the year before at the previous report's cut-off")
		reported, err := plan.Assess(ctx, ds, in.year-1, append(slices.Clone(opts), engine.AsOf(cut.Previous))...)
		if err != nil {
			return err
		}
		step("comparing earlier years with what is known now")
		if revisions, err = plan.RevisionsBetween(ctx, ds, reported, a, opts...); err != nil {
			return err
		}
	}
	step("checking the data")
	if <-checked; vErr != nil {
		return vErr
	}
	if n := v.Count(engine.ImportanceError); n > 0 {
		fmt.Fprintf(stderr, "lap report: the data checks found %d violation(s) of importance error (lap validate --data %s lists them)\n", n, in.data)
		if *strict {
			fmt.Fprintln(stderr, "lap report: --strict: no report written")
			return errSilent
		}
	}
	_, planLabel := planFS(in.plan)
	m := reports.NewMeta(plan, ds, planLabel, in.data)
	m.Previous, m.Date, m.Validation, m.CutOff, m.Lang, m.Revisions = prev, *date, v, &cut, lang, revisions
	step("reading the States' records")
	if <-statesRead; statesErr != nil {
		return statesErr
	}
	m.States = states
	m.Profiles = *profiles
	if len(chs) > 0 {
		m.ChartFormat = chs[0]
	}
	rep, err := reports.New(a, m)
	if err != nil {
		return err
	}
	return writeReportDir(ctx, *out, outInputs, rep, fmts, chs, chromium, step)
}

// listFlag parses a comma-separated list of allowed values; "none" (when allowed) or an empty
// value gives an empty list. The result keeps the order of allowed.
func listFlag(name, v string, allowed []string, noneOK bool) ([]string, error) {
	v = strings.TrimSpace(v)
	if v == "" || noneOK && v == "none" {
		return nil, nil
	}
	seen := map[string]bool{}
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if !slices.Contains(allowed, f) {
			return nil, usagef("--%s: unknown value %q: want a comma-separated list of %s", name, f, strings.Join(allowed, ", "))
		}
		seen[f] = true
	}
	var out []string
	for _, a := range allowed {
		if seen[a] {
			out = append(out, a)
		}
	}
	return out, nil
}

// writeReportDir writes the report into a temporary directory next to out, then moves it
// into place (see package outdir), so that out is never left half written and nothing lap did
// not write is replaced. Every file but the PDF is an independent job: the charts, the
// country profiles and the report formats are written by as many workers as there are
// processors (writeJobs), the formats first (report.html, which holds every chart as SVG,
// is the longest single job). The PDF, which runs Chromium, comes last, alone.
func writeReportDir(ctx context.Context, out string, inputs []string, rep *reports.Report, fmts, charts []string, chromium string, step func(string)) error {
	// the country profiles are built (profileJobs waits for them) beside the check of the
	// earlier output and the charts' preparation, which leave a processor idle
	go rep.Profiles()
	d, err := outdir.Create(out, "report", inputs...)
	if err != nil {
		return err
	}
	defer d.Abort()
	writers := map[string]func(io.Writer) error{"md": rep.WriteMarkdown, "html": rep.WriteHTML, "csv": rep.WriteCSV, "json": rep.WriteJSON, "xlsx": rep.WriteXLSX,
		"pdf": pdfWriter(ctx, rep, chromium)}
	writeFormat := func(f string) error {
		if f == "xlsx" || f == "pdf" { // made whole by their libraries
			var b bytes.Buffer
			b.Grow(d.PreviousSize(reportFiles[f])) // the earlier report's size, when there is one
			if err := writers[f](&b); err != nil {
				return err
			}
			return d.WriteFile(reportFiles[f], b.Bytes())
		}
		// the text formats go straight into their files (a failure removes the whole output):
		// buffers of whole documents (report.html and results.json are about 1 MB each on the
		// sample) were most of a re-run's fresh memory
		return streamFile(d, reportFiles[f], writers[f])
	}
	var jobs []func() error // in the order their errors are reported
	if len(charts) > 0 {
		step("drawing the charts")
		cj, err := chartJobs(d, "charts/", rep, charts, slices.Contains(fmts, "html"))
		if err != nil {
			return err
		}
		jobs = append(jobs, cj...)
	}
	step("writing the country profiles")
	pj, err := profileJobs(d, rep, fmts)
	if err != nil {
		return err
	}
	jobs = append(jobs, pj...)
	first := len(jobs) // the formats go first
	for _, f := range fmts {
		if f != "pdf" {
			step("writing " + reportFiles[f])
			jobs = append(jobs, func() error { return writeFormat(f) })
		}
	}
	order := make([]int, 0, len(jobs))
	for i := first; i < len(jobs); i++ {
		order = append(order, i)
	}
	for i := range first {
		order = append(order, i)
	}
	if err := writeJobs(ctx, jobs, order); err != nil {
		return err
	}
	if slices.Contains(fmts, "pdf") {
		step("writing " + reportFiles["pdf"])
		if err := writeFormat("pdf"); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	step("moving the report into " + out)
	return d.Commit()
}

// writeJobs runs jobs in the given order by as many workers as there are processors and
// returns their errors joined in the jobs' own order. It stops handing out jobs when ctx is
// done. Each worker takes the next job itself (an atomic counter): a re-run's jobs are
// mostly links to the earlier output's files, a few microseconds each, and handing each one
// over a channel woke a worker per job (a futex and the scheduler's spinning, about a
// thousand of each per re-run).
func writeJobs(ctx context.Context, jobs []func() error, order []int) error {
	errs := make([]error, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < len(order) && ctx.Err() == nil; k = int(next.Add(1) - 1) {
				i := order[k]
				errs[i] = jobs[i]()
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return errors.Join(errs...)
}

// chartJobs returns a job per figure of rep writing it in each chart format into the
// directory prefix of d. With html (report.html, which holds every chart as SVG, is written),
// a figure whose SVG file of the earlier output in d was written from the same content (its
// key) gives the page those bytes, read and checked now, instead of being drawn again.
func chartJobs(d *outdir.Dir, prefix string, rep *reports.Report, formats []string, html bool) ([]func() error, error) {
	figs, err := rep.Figures()
	if err != nil {
		return nil, err
	}
	if html && slices.Contains(formats, "svg") {
		// read (and checked) by as many workers as there are processors
		errs := make([]error, len(figs))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(figs)) {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < len(figs); i = int(next.Add(1) - 1) {
					f := figs[i]
					if f.Content == "" {
						continue
					}
					key, err := f.Key("svg")
					if err != nil {
						errs[i] = err
						continue
					}
					if b, ok := d.ReadPrevious(prefix+f.Name+".svg", key); ok {
						f.UseSVG(b)
					}
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return nil, err // the first figure's
			}
		}
	}
	jobs := make([]func() error, len(figs))
	for i, f := range figs {
		jobs[i] = func() error { return writeFigure(d, prefix, f, formats) }
	}
	return jobs, nil
}

// writeFigure writes one figure in each format as prefix+name.format. A file whose content key
// (chart.Figure.Key: what the chart draws and the binary that draws it) is the one recorded for
// the same file in the earlier output of d is taken from there instead of drawn again (see
// outdir.Dir.Reuse): drawing is most of a report's time. A figure without a Content key is
// keyed by its drawing, PNG only (the SVG is drawn anyway for the HTML page).
func writeFigure(d *outdir.Dir, prefix string, f *chart.Figure, formats []string) error {
	for _, format := range formats {
		name := prefix + f.Name + "." + format
		key := ""
		if format == "png" || f.Content != "" {
			var err error
			if key, err = f.Key(format); err != nil {
				return err
			}
			reused, err := d.Reuse(name, key)
			if err != nil {
				return fmt.Errorf("write chart: %w", err)
			}
			if reused {
				continue
			}
		}
		b := figureBuffer()
		err := f.Write(b, format)
		if err == nil {
			err = d.WriteFileKey(name, key, b.Bytes())
			if err != nil {
				err = fmt.Errorf("write chart: %w", err)
			}
		}
		keepFigureBuffer(b)
		if err != nil {
			return err
		}
	}
	return nil
}

// figureBuffers keeps the buffers charts are written into from one chart to the next, one
// per writing worker (a PNG is about 70 KB on the sample; a buffer made per chart grew by
// doubling, 18 MB of fresh memory a report).
var figureBuffers = make(chan *bytes.Buffer, 8)

func figureBuffer() *bytes.Buffer {
	select {
	case b := <-figureBuffers:
		return b
	default:
		return new(bytes.Buffer)
	}
}

func keepFigureBuffer(b *bytes.Buffer) {
	b.Reset()
	select {
	case figureBuffers <- b:
	default:
	}
}

// streamFile writes the file name of d by write, through a buffer of streamBufSize.
func streamFile(d *outdir.Dir, name string, write func(io.Writer) error) error {
	w, err := d.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, streamBufSize)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// streamBufSize is the buffer through which a streamed file is written: large enough that
// writing costs few system calls, small enough to stay out of the way of the heap.
const streamBufSize = 64 << 10
