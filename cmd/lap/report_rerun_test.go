package main

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/outdir"
)

// sampleCopy copies the sample data (testdata/sample: states.csv, facts.csv) into a new
// directory.
func sampleCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"states.csv", "facts.csv"} {
		b, err := os.ReadFile(filepath.Join("../../testdata/sample", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	return dir
}

// edit replaces old by new, once, in the file p.
func edit(t *testing.T, p, old, new string) {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.Contains(t, string(b), old, p)
	require.NoError(t, os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644))
}

// inodes maps each file of dir to its inode: a file an earlier run wrote and a re-run
// reused keeps it (outdir links it into the new output).
func inodes(t *testing.T, dir string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	require.NoError(t, filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = info.Sys().(*syscall.Stat_t).Ino
		return nil
	}))
	return out
}

// reused counts the files of dir that kept the inode they had in before, by kind of file.
func reused(before, after map[string]uint64) map[string]int {
	n := map[string]int{}
	for p, ino := range after {
		if before[p] == ino {
			kind := strings.SplitN(p, "/", 2)[0]
			if !strings.Contains(p, "/") {
				kind = p
			}
			n[kind]++
		}
	}
	return n
}

// TestReportRerunSameAsFresh: a report written into its earlier output is byte for byte the
// report written into an empty directory from the same inputs (every file, the manifest
// included), after each kind of change: a fact's value, a State's date, a threshold of the
// plan, the language, the cut-off, and no change at all. What the change does not touch is
// reused (a chart or profile page that did not change is not drawn or written again).
func TestReportRerunSameAsFresh(t *testing.T) {
	data, plan := sampleCopy(t), t.TempDir()
	require.NoError(t, os.CopyFS(plan, os.DirFS("../../indicators")))
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	args := func(target string, extra ...string) []string {
		return append([]string{"report", "--data", data, "--plan", plan, "--year", "2024", "--out", target, "--formats", "md,html,csv,json", "--charts", "svg"}, extra...)
	}
	code, _, stderr := lap(t, args(out)...)
	require.Equal(t, 0, code, stderr)

	steps := []struct {
		name   string
		change func()
		extra  []string
		// least reused charts and profile pages (of about 110 and 224)
		charts, profiles int
	}{
		{"nothing", func() {}, nil, 100, 220},
		{"a fact's value", func() {
			edit(t, filepath.Join(data, "facts.csv"), "\nLAO,2023,art4_area_cleared_m2,52800000,", "\nLAO,2023,art4_area_cleared_m2,52900000,")
		}, nil, 90, 200},
		{"a State's date", func() {
			edit(t, filepath.Join(data, "states.csv"), "\nDEU,Germany,europe,2008-12-03,2009-07-08,", "\nDEU,Germany,europe,2008-12-03,2009-07-09,")
		}, nil, 0, 100},
		{"a threshold of the plan", func() {
			edit(t, filepath.Join(plan, "plan.toml"), "on_track = 0.95", "on_track = 0.90")
		}, nil, 0, 0},
		{"the language", func() {}, []string{"--lang", "fr"}, 0, 0},
		{"the cut-off", func() {}, []string{"--lang", "fr", "--as-of", "2025-03-31"}, 0, 0},
		{"back to English", func() {}, nil, 0, 0},
	}
	for i, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.change()
			before := inodes(t, out)
			code, _, stderr := lap(t, args(out, st.extra...)...)
			require.Equal(t, 0, code, stderr)
			fresh := filepath.Join(dir, "fresh"+strconv.Itoa(i))
			code, _, stderr = lap(t, args(fresh, st.extra...)...)
			require.Equal(t, 0, code, stderr)
			got, want := snapshotTree(t, out), snapshotTree(t, fresh)
			require.Equal(t, len(want), len(got), "the same files")
			for p, w := range want {
				if got[p] != w {
					t.Errorf("%s differs from the fresh report's", p)
				}
			}
			n := reused(before, inodes(t, out))
			assert.GreaterOrEqual(t, n["charts"], st.charts, "charts reused: %v", n)
			assert.GreaterOrEqual(t, n["profiles"], st.profiles, "profile pages reused: %v", n)
			if st.name == "nothing" {
				assert.Equal(t, len(before)-1, sum(n), "nothing changed: every file but the manifest is reused")
			}
		})
	}
}

func sum(n map[string]int) int {
	s := 0
	for _, v := range n {
		s += v
	}
	return s
}

// TestReportRerunForeignKeys: keys in the earlier output's manifest that are not the ones
// this binary computes (another binary's, or damaged) make nothing reused and change nothing
// in the output; nor does an earlier output written from other inputs.
func TestReportRerunForeignKeys(t *testing.T) {
	data := sampleCopy(t)
	dir := t.TempDir()
	out, fresh := filepath.Join(dir, "out"), filepath.Join(dir, "fresh")
	args := func(target string) []string {
		return []string{"report", "--data", data, "--year", "2024", "--out", target, "--formats", "md,html", "--charts", "svg"}
	}
	code, _, stderr := lap(t, args(out)...)
	require.Equal(t, 0, code, stderr)
	m, err := outdir.Read(out)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(1, 2))
	keyed := 0
	for i, f := range m.Files {
		if f.Key == "" {
			continue
		}
		keyed++
		b := []byte(f.Key)
		b[r.IntN(len(b))] ^= 1 // one character off
		m.Files[i].Key = string(b)
	}
	require.Greater(t, keyed, 300, "charts and profile pages are keyed")
	b, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(out, outdir.ManifestName), append(b, '\n'), 0o644))
	edit(t, filepath.Join(data, "facts.csv"), "\nLAO,2023,art4_area_cleared_m2,52800000,", "\nLAO,2023,art4_area_cleared_m2,52900000,")

	before := inodes(t, out)
	code, _, stderr = lap(t, args(out)...)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = lap(t, args(fresh)...)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, snapshotTree(t, fresh), snapshotTree(t, out))
	n := reused(before, inodes(t, out))
	assert.Zero(t, n["charts"]+n["profiles"], "no chart or profile page is reused under a foreign key: %v", n)
}
