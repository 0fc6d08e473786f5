package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lapmonitor/lap/reports/outdir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain runs the command itself when LAP_TEST_MAIN is set, so that a test can start lap
// as a process and send it signals.
func TestMain(m *testing.M) {
	if args := os.Getenv("LAP_TEST_MAIN"); args != "" {
		os.Args = append([]string{"lap"}, strings.Split(args, "\x1f")...)
		main()
		return
	}
	os.Exit(m.Run())
}

// startLap starts lap as a process with the given arguments.
func startLap(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "LAP_TEST_MAIN="+strings.Join(args, "\x1f"))
	require.NoError(t, cmd.Start())
	return cmd
}

// snapshotTree reads every file and directory under dir. The manifest is read without the
// files' identities (outdir.File.Stat: device, inode and times, which differ from run to run
// as the inodes themselves do); everything else in it is compared.
func snapshotTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			l, err := os.Readlink(p)
			out[rel] = "link:" + l
			return err
		case info.IsDir():
			out[rel] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		if err == nil && rel == outdir.ManifestName {
			b = withoutStats(t, b)
		}
		out[rel] = string(b)
		return err
	}))
	return out
}

// withoutStats returns the manifest b with no file identities.
func withoutStats(t *testing.T, b []byte) []byte {
	t.Helper()
	var m outdir.Manifest
	require.NoError(t, json.Unmarshal(b, &m))
	for i := range m.Files {
		m.Files[i].Stat = nil
	}
	b, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	return append(b, '\n')
}

// TestOutRefusals: lap whatif and lap report refuse, with exit 1 and nothing deleted, an --out
// that is the working directory, the data directory, a file, or a directory of other files.
func TestOutRefusals(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	for _, f := range []string{"states.csv", "facts.csv"} {
		b, err := os.ReadFile(filepath.Join(cliData, f))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(data, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(data, f), b, 0o644))
	}
	work := filepath.Join(root, "work")
	require.NoError(t, os.MkdirAll(filepath.Join(work, ".git"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(work, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "file.txt"), []byte("mine"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "notes"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "notes", "a.txt"), []byte("mine"), 0o644))
	require.NoError(t, os.Symlink("notes", filepath.Join(root, "link")))
	t.Chdir(work)

	tests := []struct {
		out    string
		reason string
	}{
		{".", "it is the working directory"},
		{"..", "it holds the working directory"},
		{data, "it is " + data + ", an input of this run"},
		{root, "it holds the working directory"},
		{filepath.Join(root, "file.txt"), "it is a file, not a directory"},
		{filepath.Join(root, "notes"), "it holds a.txt, and lap did not write it"},
		{filepath.Join(root, "link"), "it is a symbolic link"},
	}
	for _, tt := range tests {
		for _, cmd := range [][]string{
			{"whatif", "--data", data, "--year", "2023", "--set", "KEN.ratified=2023-03-01", "--out", tt.out},
			{"report", "--data", data, "--year", "2023", "--formats", "md", "--charts", "none", "--out", tt.out},
		} {
			t.Run(cmd[0]+" "+tt.out, func(t *testing.T) {
				before := snapshotTree(t, root)
				code, stdout, stderr := lap(t, cmd...)
				assert.Equal(t, 1, code, stderr)
				assert.Empty(t, stdout, "nothing is evaluated")
				assert.Contains(t, stderr, "lap "+cmd[0]+": refuse to write "+tt.out+": "+tt.reason)
				assert.Equal(t, before, snapshotTree(t, root), "nothing is deleted or written")
			})
		}
	}
}

// TestOutSignals: a report stopped by SIGTERM removes its temporary directory and leaves the
// earlier report as it was; one killed outright leaves a temporary directory that the next
// run removes.
func TestOutSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample report as a process")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "r")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--formats", "md", "--charts", "none")
	require.Equal(t, 0, code, stderr)
	earlier := snapshotTree(t, out)

	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := startLap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--charts", "svg,png")
			tmp := waitForTemp(t, parent, "r")
			require.NoError(t, cmd.Process.Signal(sig))
			err := cmd.Wait()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, "the run does not finish normally")
			if sig != syscall.SIGKILL {
				assert.Equal(t, 1, ee.ExitCode(), "a stopped run exits 1")
				assert.NoDirExists(t, tmp, "the temporary directory is removed at once")
			} else {
				assert.DirExists(t, tmp, "a killed run cannot clean up")
			}
			assert.Equal(t, earlier, snapshotTree(t, out), "the earlier report is untouched")

			code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--formats", "md", "--charts", "none")
			require.Equal(t, 0, code, stderr)
			entries, err := os.ReadDir(parent)
			require.NoError(t, err)
			require.Len(t, entries, 1, "nothing is left after the next run")
			assert.Equal(t, "r", entries[0].Name())
		})
	}
}

// waitForTemp waits until a temporary output directory for base appears in parent.
func waitForTemp(t *testing.T, parent, base string) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		entries, err := os.ReadDir(parent)
		require.NoError(t, err)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "."+base+".lap-tmp-") {
				return filepath.Join(parent, e.Name())
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("no temporary output directory appeared")
	return ""
}
