package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dataDir copies the CLI test data into a new directory and returns it, with facts.csv
// replaced by facts when it is not empty.
func dataDir(t *testing.T, facts string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"states.csv", "facts.csv"} {
		b, err := os.ReadFile(filepath.Join(cliData, f))
		require.NoError(t, err)
		if f == "facts.csv" && facts != "" {
			b = []byte(facts)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	return dir
}

// TestInputsNotFiles: a data or scenario file that is a device or a named pipe is refused at
// once with exit 1, where reading it would never end or block.
func TestInputsNotFiles(t *testing.T) {
	zero := dataDir(t, "")
	require.NoError(t, os.Remove(filepath.Join(zero, "facts.csv")))
	require.NoError(t, os.Symlink("/dev/zero", filepath.Join(zero, "facts.csv")))
	pipe := dataDir(t, "")
	require.NoError(t, os.Remove(filepath.Join(pipe, "facts.csv")))
	require.NoError(t, syscall.Mkfifo(filepath.Join(pipe, "facts.csv"), 0o644))
	scenario := filepath.Join(t.TempDir(), "s.toml")
	require.NoError(t, syscall.Mkfifo(scenario, 0o644))

	tests := []struct {
		name string
		args []string
		err  string
	}{
		{"/dev/zero as facts.csv", []string{"eval", "--data", zero, "--year", "2023"}, zero + "/facts.csv: not-a-file: it is a character device, not a regular file"},
		{"a named pipe as facts.csv", []string{"eval", "--data", pipe, "--year", "2023"}, pipe + "/facts.csv: not-a-file: it is a named pipe, not a regular file"},
		{"a named pipe as a scenario", []string{"whatif", "--data", cliData, "--year", "2023", "--scenario", scenario}, scenario + ": not-a-file: it is a named pipe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := lap(t, tt.args...)
			assert.Equal(t, 1, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tt.err)
		})
	}
}

// TestYearFlags: --year, --to and the year of --set are within 1900..2200, checked before
// anything is loaded.
func TestYearFlags(t *testing.T) {
	tests := []struct {
		args []string
		err  string
	}{
		{[]string{"eval", "--data", cliData, "--year", "99999"}, "--year 99999: want a year between 1900 and 2200"},
		{[]string{"eval", "--data", cliData, "--year", "-5"}, "--year -5: want a year between 1900 and 2200"},
		{[]string{"eval", "--data", cliData, "--year", "2023", "--to", "5900000"}, "--to 5900000: want a year between 1900 and 2200"},
		{[]string{"report", "--data", cliData, "--year", "5900000", "--out", filepath.Join(t.TempDir(), "r")}, "--year 5900000: want a year"},
		{[]string{"whatif", "--data", cliData, "--year", "5900000", "--set", "KEN.ratified=2024-03-01"}, "--year 5900000: want a year"},
		{[]string{"whatif", "--data", cliData, "--year", "2023", "--set", "LAO.art4_area_cleared_m2@99999=5"}, "--set LAO.art4_area_cleared_m2@99999=5: 99999: want a year between 1900 and 2200"},
		{[]string{"explain", "1.1", "--data", cliData, "--year", "1899"}, "--year 1899: want a year"},
		{[]string{"risk", "--data", cliData, "--year", "2201"}, "--year 2201: want a year"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:1], " ")+" "+tt.err, func(t *testing.T) {
			code, stdout, stderr := lap(t, tt.args...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tt.err)
		})
	}
}

// TestProblemsCapped: thousands of bad rows print the first 50 problems and how many more, not
// megabytes of messages.
func TestProblemsCapped(t *testing.T) {
	dir := dataDir(t, "iso3,year,field,value,source\n"+strings.Repeat("XXX,2023,art4_area_cleared_m2,5,s\n", 5000))
	code, stdout, stderr := lap(t, "eval", "--data", dir, "--year", "2023")
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout)
	assert.Equal(t, 50, strings.Count(stderr, ": unknown-state: "), "50 problems printed")
	assert.Contains(t, stderr, "load data "+dir+": more than 1000 problems\n")
	assert.Contains(t, stderr, "... and 950 more problem(s) not shown\n")
	assert.Contains(t, stderr, "... "+dir+"/facts.csv:1002: too-many-problems: more problems not listed")
	assert.Less(t, len(stderr), 10000)
}

// TestFarDateWarns: one date far beyond the others, which moves the default cut-off, is named
// in a warning; the run goes on.
func TestFarDateWarns(t *testing.T) {
	facts, err := os.ReadFile(filepath.Join(cliData, "facts.csv"))
	require.NoError(t, err)
	dir := dataDir(t, string(facts)+"LAO,2042,art4_completed_date,2042-06-30,typo for 2024\n")
	line := strings.Count(string(facts), "\n") + 1
	code, _, stderr := lap(t, "eval", "--data", dir, "--year", "2023")
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "warning: "+dir+"/facts.csv:"+strconv.Itoa(line)+": far-date: LAO art4_completed_date 2042-06-30 is the latest date in the data")
	assert.Contains(t, stderr, "hint: check the date (a typo?), or give the cut-off with --as-of")
}
