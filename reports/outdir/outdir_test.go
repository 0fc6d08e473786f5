package outdir

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// write makes files under dir: slash-separated name to content.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

// snapshot reads every entry under dir (files with their content, links with their target,
// directories as "dir"), to show that a refusal changed nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			l, lerr := os.Readlink(p)
			require.NoError(t, lerr)
			out[rel] = "link:" + l
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			out[rel] = string(b)
		}
		return err
	}))
	return out
}

// commit writes one output with the given files.
func commit(t *testing.T, target, command string, files map[string]string) {
	t.Helper()
	d, err := Create(target, command)
	require.NoError(t, err)
	for name, content := range files {
		require.NoError(t, d.WriteFile(name, []byte(content)))
	}
	require.NoError(t, d.Commit())
}

func chdir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

// TestRefusals: each target the policy refuses gives a *RefusedError with its reason, from
// Check and from Create, and nothing under the test's root changes.
func TestRefusals(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, root string) (target string, inputs []string)
		reason string
	}{
		{"a file", func(t *testing.T, root string) (string, []string) {
			write(t, root, map[string]string{"notes.txt": "mine"})
			return filepath.Join(root, "notes.txt"), nil
		}, "it is a file, not a directory"},
		{"a symbolic link to a directory", func(t *testing.T, root string) (string, []string) {
			write(t, root, map[string]string{"real/keep.txt": "mine"})
			require.NoError(t, os.Symlink("real", filepath.Join(root, "link")))
			return filepath.Join(root, "link"), nil
		}, "symbolic link"},
		{"a dangling symbolic link", func(t *testing.T, root string) (string, []string) {
			require.NoError(t, os.Symlink("nowhere", filepath.Join(root, "link")))
			return filepath.Join(root, "link"), nil
		}, "symbolic link"},
		{"the working directory as .", func(t *testing.T, root string) (string, []string) {
			write(t, root, map[string]string{"work/.git/HEAD": "ref", "work/main.go": "package main"})
			chdir(t, filepath.Join(root, "work"))
			return ".", nil
		}, "it is the working directory"},
		{"an ancestor of the working directory", func(t *testing.T, root string) (string, []string) {
			write(t, root, map[string]string{"work/sub/x": "x"})
			chdir(t, filepath.Join(root, "work", "sub"))
			return "..", nil
		}, "it holds the working directory"},
		{"the data directory", func(t *testing.T, root string) (string, []string) {
			write(t, root, map[string]string{"data/facts.csv": "x"})
			return filepath.Join(root, "data"), []string{filepath.Join(root, "data")}
		}, "an input of this run"},
		{"an ancestor of the plan directory", func(t *testing.T, root string) (string, []string) {
			write(t, root, map[string]string{"project/plan/plan.toml": "x"})
			return filepath.Join(root, "project"), []string{filepath.Join(root, "project", "plan")}
		}, filepath.Join("project", "plan") + ", an input of this run"},
		{"an input through a symbolic link", func(t *testing.T, root string) (string, []string) {
			write(t, root, map[string]string{"data/facts.csv": "x"})
			require.NoError(t, os.Symlink("data", filepath.Join(root, "alias")))
			return filepath.Join(root, "data"), []string{filepath.Join(root, "alias")}
		}, "an input of this run"},
		{"a directory of user files", func(t *testing.T, root string) (string, []string) {
			write(t, root, map[string]string{"out/notes.txt": "mine", "out/b.txt": "b", "out/c.txt": "c", "out/d.txt": "d"})
			return filepath.Join(root, "out"), nil
		}, "it holds b.txt, c.txt, d.txt and 1 more, and lap did not write it"},
		{"a user file deep inside lap's output", func(t *testing.T, root string) (string, []string) {
			commit(t, filepath.Join(root, "out"), "report", map[string]string{"report.md": "r", "charts/a.svg": "<svg/>"})
			write(t, root, map[string]string{"out/charts/mine/notes.txt": "mine"})
			return filepath.Join(root, "out"), nil
		}, "it holds charts/mine/notes.txt, which lap did not write"},
		{"a file of lap's output changed by hand", func(t *testing.T, root string) (string, []string) {
			commit(t, filepath.Join(root, "out"), "report", map[string]string{"report.md": "r"})
			write(t, root, map[string]string{"out/report.md": "r, with my notes"})
			return filepath.Join(root, "out"), nil
		}, "report.md was changed after lap wrote it"},
		{"a symbolic link inside lap's output", func(t *testing.T, root string) (string, []string) {
			commit(t, filepath.Join(root, "out"), "report", map[string]string{"report.md": "r"})
			require.NoError(t, os.Symlink("/", filepath.Join(root, "out", "everything")))
			return filepath.Join(root, "out"), nil
		}, "everything is a symbolic link"},
		{"the output of another command", func(t *testing.T, root string) (string, []string) {
			commit(t, filepath.Join(root, "out"), "whatif", map[string]string{"index.md": "w"})
			return filepath.Join(root, "out"), nil
		}, "it holds the output of lap whatif, not of lap report"},
		{"a manifest that is not lap's", func(t *testing.T, root string) (string, []string) {
			write(t, root, map[string]string{"out/" + ManifestName: `{"tool":"other"}`, "out/x": "x"})
			return filepath.Join(root, "out"), nil
		}, "not a lap manifest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			target, inputs := tt.setup(t, root)
			before := snapshot(t, root)
			var re *RefusedError
			err := Check(target, "report", inputs...)
			require.True(t, errors.As(err, &re), "Check: %v", err)
			assert.Contains(t, re.Reason, tt.reason)
			assert.Contains(t, err.Error(), "refuse to write "+target)
			d, err := Create(target, "report", inputs...)
			require.True(t, errors.As(err, &re), "Create: %v", err)
			assert.Nil(t, d)
			assert.Equal(t, before, snapshot(t, root), "a refusal changes nothing")
		})
	}
}

// TestReplaceOwnOutput: lap's own output is replaced whole; an empty directory is used; the
// manifest lists every file with its hash, sorted; no temporary directory is left.
func TestReplaceOwnOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	commit(t, out, "report", map[string]string{"report.md": "one", "charts/a.svg": "a", "charts/b.svg": "b"})
	m, err := Read(out)
	require.NoError(t, err)
	assert.Equal(t, "report", m.Command)
	require.Len(t, m.Files, 3)
	assert.Equal(t, []string{"charts/a.svg", "charts/b.svg", "report.md"}, []string{m.Files[0].Path, m.Files[1].Path, m.Files[2].Path})
	assert.Equal(t, File{Path: "report.md", Size: 3, SHA256: "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed"}, m.Files[2])
	f, ok := m.Lookup("charts/b.svg")
	assert.True(t, ok)
	assert.Equal(t, int64(1), f.Size)
	_, ok = m.Lookup("charts/c.svg")
	assert.False(t, ok)

	d, err := Create(out, "report")
	require.NoError(t, err)
	require.NotNil(t, d.Previous(), "the earlier output's manifest, for a cache")
	assert.Equal(t, m, d.Previous())
	require.NoError(t, d.WriteFile("report.md", []byte("two")))
	require.NoError(t, d.Commit())
	assert.Equal(t, map[string]string{".": "dir", ManifestName: snapshot(t, out)[ManifestName], "report.md": "two"}, snapshot(t, out), "nothing of the earlier output is left")
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary directory is left")

	empty := filepath.Join(parent, "empty")
	require.NoError(t, os.Mkdir(empty, 0o755))
	commit(t, empty, "report", map[string]string{"report.md": "x"})
	assert.FileExists(t, filepath.Join(empty, "report.md"))

	nested := filepath.Join(parent, "a", "b", "c")
	commit(t, nested, "report", map[string]string{"report.md": "x"})
	assert.FileExists(t, filepath.Join(nested, "report.md"), "missing parents are created")
}

// TestAbort: an aborted or failed run leaves the target as it was and nothing beside it.
func TestAbort(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	commit(t, out, "report", map[string]string{"report.md": "one"})
	before := snapshot(t, parent)
	d, err := Create(out, "report")
	require.NoError(t, err)
	require.NoError(t, d.WriteFile("report.md", []byte("two")))
	d.Abort()
	d.Abort() // twice is harmless
	assert.Equal(t, before, snapshot(t, parent))
	assert.Error(t, d.Commit(), "no commit after abort")
	assert.Error(t, d.WriteFile("x", nil))

	// the target changes between Create and Commit: Commit refuses and removes its work
	d, err = Create(out, "report")
	require.NoError(t, err)
	require.NoError(t, d.WriteFile("report.md", []byte("two")))
	write(t, parent, map[string]string{"out/mine.txt": "mine"})
	var re *RefusedError
	require.True(t, errors.As(d.Commit(), &re))
	snap := snapshot(t, parent)
	assert.Equal(t, "mine", snap[filepath.Join("out", "mine.txt")])
	assert.Equal(t, "one", snap[filepath.Join("out", "report.md")])
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary directory is left")
}

func TestBadNames(t *testing.T) {
	d, err := Create(filepath.Join(t.TempDir(), "out"), "report")
	require.NoError(t, err)
	defer d.Abort()
	for _, name := range []string{"", ".", "../x", "/abs", "a/../../x", ManifestName, markerName, ".lap-anything"} {
		assert.Error(t, d.WriteFile(name, nil), "%q", name)
	}
	require.NoError(t, d.WriteFile("a/b.txt", nil))
	assert.ErrorContains(t, d.WriteFile("a/b.txt", nil), "written twice")
	w, err := d.Create("open.txt")
	require.NoError(t, err)
	assert.ErrorContains(t, d.Commit(), "open.txt was not closed")
	w.Close()
}

// TestStale: what a killed run left beside the target is removed by the next run: a marked
// temporary directory of a process that no longer runs, an empty one (killed before it was
// marked), and lap's own output moved aside.
// A marked directory of a running process, and anything not recognisably lap's, is kept.
func TestStale(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	dead := deadPID(t)

	write(t, parent, map[string]string{
		".out.lap-tmp-111/" + markerName:   strconv.Itoa(dead),
		".out.lap-tmp-111/report.md":       "half",
		".out.lap-tmp-222/" + markerName:   strconv.Itoa(os.Getppid()), // a live process
		".out.lap-tmp-333/notes.txt":       "not marked, not lap's: kept",
		".other.lap-tmp-444/" + markerName: strconv.Itoa(dead), // another target's
	})
	require.NoError(t, os.Mkdir(filepath.Join(parent, ".out.lap-tmp-666"), 0o755)) // killed before it was marked
	write(t, parent, map[string]string{".out.lap-tmp-777/" + markerName: ""})      // killed while marking it
	commit(t, filepath.Join(parent, ".out.lap-old-555"), "report", map[string]string{"report.md": "moved aside"})
	commit(t, out, "report", map[string]string{"report.md": "current"})

	var names []string
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	assert.Equal(t, []string{".other.lap-tmp-444", ".out.lap-tmp-222", ".out.lap-tmp-333", "out"}, names)
}

// TestRestoreOld: a run killed between the two renames of Commit leaves the earlier output
// aside and no target; the next run puts it back before deciding anything.
func TestRestoreOld(t *testing.T) {
	parent := t.TempDir()
	aside := filepath.Join(parent, ".out.lap-old-1")
	commit(t, aside, "report", map[string]string{"report.md": "earlier"})
	out := filepath.Join(parent, "out")
	d, err := Create(out, "report")
	require.NoError(t, err)
	assert.NotNil(t, d.Previous(), "the earlier output is back in place")
	assert.Equal(t, "earlier", snapshot(t, out)["report.md"])
	d.Abort()
	assert.Equal(t, "earlier", snapshot(t, out)["report.md"], "and stays there when the new run fails")
}

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	require.NoError(t, cmd.Run())
	return cmd.Process.Pid
}
