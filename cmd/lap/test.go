package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/lapmonitor/lap/engine"
	"github.com/lapmonitor/lap/engine/ruletest"
	"github.com/lapmonitor/lap/indicators"
	"github.com/lapmonitor/lap/reports"
)

func runTest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("test", "[paths] [--run REGEX] [--format text|json] [--plan DIR] [-v]",
		"Run rule unit tests (files named *.test.toml, the analog of promtool test rules and opa test):\n"+
			"each test gives a small inline dataset and cases naming an indicator, a year and the expected\n"+
			"value, status or States. Paths are test files or directories searched for *.test.toml; with\n"+
			"none, the tests shipped with the plan (indicators/tests) run. Each failure shows want against\n"+
			"got, the indicator's expressions and every State's outcome. Exit 1 when any case fails.", stdout)
	runRe := fs.String("run", "", "run only cases whose test/case name or indicator id matches this `regexp`")
	format := addFormat(fs, "text", "json")
	planDir := fs.String("plan", "", planUsage)
	verbose := fs.Bool("v", false, "list every case, not only failures")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	var filter *regexp.Regexp
	if *runRe != "" {
		re, err := regexp.Compile(*runRe)
		if err != nil {
			return usagef("--run: %v", err)
		}
		filter = re
	}
	plan, err := loadPlan(*planDir, stderr)
	if err != nil {
		return err
	}
	var results []ruletest.Result
	var diags engine.Diagnostics
	if fs.NArg() == 0 {
		rs, err := ruletest.Run(ctx, plan, indicators.Tests, nil, filter)
		if err := collectTestDiags(err, "indicators/", &diags); err != nil {
			return err
		}
		results = append(results, prefixTestResults(rs, "indicators/")...)
	}
	for _, arg := range fs.Args() {
		st, err := os.Stat(arg)
		if err != nil {
			return fmt.Errorf("read tests: %w", err)
		}
		dir, paths := arg, []string(nil)
		if !st.IsDir() {
			dir, paths = filepath.Dir(arg), []string{filepath.Base(arg)}
		}
		prefix := filepath.ToSlash(dir) + "/"
		if dir == "." {
			prefix = ""
		}
		rs, err := ruletest.Run(ctx, plan, os.DirFS(dir), paths, filter)
		if err := collectTestDiags(err, prefix, &diags); err != nil {
			return err
		}
		results = append(results, prefixTestResults(rs, prefix)...)
	}
	if len(diags) > 0 {
		printDiagnostics(stderr, "load rule tests", diags)
		return errSilent
	}
	sum := ruletest.Summarize(results)
	if format.value == "json" {
		if err := reports.WriteRuleTestsJSON(stdout, results, sum); err != nil {
			return err
		}
	} else if err := reports.WriteRuleTests(stdout, results, sum, *verbose); err != nil {
		return err
	}
	if sum.Total == 0 {
		fmt.Fprintln(stderr, "lap test: no case matched")
		return errSilent
	}
	if sum.Fail > 0 {
		return errSilent
	}
	return nil
}

// collectTestDiags keeps the diagnostics of a test run (with file names made relative to the working
// directory) and returns any other error.
func collectTestDiags(err error, prefix string, diags *engine.Diagnostics) error {
	if err == nil {
		return nil
	}
	var ds engine.Diagnostics
	if !errors.As(err, &ds) {
		return err
	}
	for _, d := range ds {
		d.File = prefix + d.File
	}
	*diags = append(*diags, ds...)
	return nil
}

func prefixTestResults(rs []ruletest.Result, prefix string) []ruletest.Result {
	for i := range rs {
		rs[i].File = prefix + rs[i].File
	}
	return rs
}
