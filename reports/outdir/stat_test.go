package outdir

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// forget empties memo, as a new process starts: only the manifest's identities remain.
func forget() {
	memo.Lock()
	memo.m = nil
	memo.Unlock()
}

// written writes files into target through Create and Commit, waiting wait between the last
// write and Commit.
func written(t *testing.T, target string, files map[string]string, wait time.Duration) {
	t.Helper()
	d, err := Create(target, "report")
	require.NoError(t, err)
	defer d.Abort()
	for name, content := range files {
		require.NoError(t, d.WriteFile(name, []byte(content)))
	}
	time.Sleep(wait)
	require.NoError(t, d.Commit())
}

// TestStatRecorded: Commit records the identity of each file that had settled, and a later
// check (in a new process) that finds every file with its recorded identity reads none; a
// file written by hand afterwards, of the same size and with its modification time set back
// (touch -d), has another change time and makes the check refuse the directory.
func TestStatRecorded(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("identities are recorded on Linux only")
	}
	out := filepath.Join(t.TempDir(), "out")
	written(t, out, map[string]string{"report.md": "# report", "charts/a.svg": "<svg/>"}, settleTime)
	m, err := Read(out)
	require.NoError(t, err)
	for _, f := range m.Files {
		require.NotNil(t, f.Stat, "%s settled before Commit: its identity is recorded", f.Path)
		st, err := os.Lstat(filepath.Join(out, filepath.FromSlash(f.Path)))
		require.NoError(t, err)
		id, ok := infoID(st)
		require.True(t, ok)
		assert.Equal(t, *id.stat(), *f.Stat, "%s: the identity it has in place", f.Path)
	}

	forget()
	reads := fileReads.Load()
	require.NoError(t, Check(out, "report"))
	assert.Equal(t, int64(0), fileReads.Load()-reads, "every file has its recorded identity: none is read")

	p := filepath.Join(out, "report.md")
	st, err := os.Stat(p)
	require.NoError(t, err)
	time.Sleep(20 * time.Millisecond) // the edit comes later than the file's change time
	require.NoError(t, os.WriteFile(p, []byte("# REPORT"), 0o644))
	require.NoError(t, os.Chtimes(p, st.ModTime(), st.ModTime())) // what touch -d does
	after, err := os.Stat(p)
	require.NoError(t, err)
	require.Equal(t, st.Size(), after.Size())
	require.Equal(t, st.ModTime(), after.ModTime(), "the same size and modification time")

	forget()
	err = Check(out, "report")
	var re *RefusedError
	require.ErrorAs(t, err, &re)
	assert.Contains(t, re.Reason, "report.md was changed after lap wrote it")
}

// TestStatFallback: a check hashes every file that has no recorded identity (written too
// short a time before Commit to have settled; a manifest of an earlier version; a system
// without identities records none) or another one (the directory copied elsewhere, or a
// forged entry), and accepts it when its content is the recorded one.
func TestStatFallback(t *testing.T) {
	files := map[string]string{"report.md": "# report", "charts/a.svg": "<svg/>"}
	t.Run("not settled", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		written(t, out, files, 0)
		m, err := Read(out)
		require.NoError(t, err)
		for _, f := range m.Files {
			assert.Nil(t, f.Stat, "%s was written just before Commit: no identity", f.Path)
		}
		forget()
		reads := fileReads.Load()
		require.NoError(t, Check(out, "report"))
		assert.Equal(t, int64(2), fileReads.Load()-reads, "every file is read")
	})
	t.Run("another identity", func(t *testing.T) {
		if runtime.GOOS != "linux" {
			t.Skip("identities are recorded on Linux only")
		}
		out := filepath.Join(t.TempDir(), "out")
		written(t, out, files, settleTime)
		m, err := Read(out)
		require.NoError(t, err)
		require.NotNil(t, m.Files[0].Stat)
		cp := filepath.Join(t.TempDir(), "copy")
		require.NoError(t, os.CopyFS(cp, os.DirFS(out)))
		forget()
		reads := fileReads.Load()
		require.NoError(t, Check(cp, "report"), "a copy holds what lap wrote")
		assert.Equal(t, int64(2), fileReads.Load()-reads, "a copy's files have other inodes: every file is read")

		m.Files[0].Stat.CtimeNS++ // a forged identity
		rewrite(t, out, m)
		forget()
		reads = fileReads.Load()
		require.NoError(t, Check(out, "report"))
		assert.Equal(t, int64(1), fileReads.Load()-reads, "the file whose identity is not the recorded one is read")
	})
}

// TestStatNotForLinks: a file linked from the earlier output gets no identity in the new
// manifest (removing the earlier output changes its change time), and the next check reads it.
func TestStatNotForLinks(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("identities are recorded on Linux only")
	}
	out := filepath.Join(t.TempDir(), "out")
	keyed(t, out, map[string]string{"charts/a.png": "AAA"})
	time.Sleep(settleTime)
	d, err := Create(out, "report")
	require.NoError(t, err)
	defer d.Abort()
	ok, err := d.Reuse("charts/a.png", "k:AAA")
	require.NoError(t, err)
	require.True(t, ok)
	require.NoError(t, d.WriteFile("b.md", []byte("B")))
	time.Sleep(settleTime)
	require.NoError(t, d.Commit())
	m, err := Read(out)
	require.NoError(t, err)
	a, _ := m.Lookup("charts/a.png")
	b, _ := m.Lookup("b.md")
	assert.Nil(t, a.Stat, "linked: no identity")
	assert.NotNil(t, b.Stat, "written: its identity")
	forget()
	reads := fileReads.Load()
	require.NoError(t, Check(out, "report"))
	assert.Equal(t, int64(1), fileReads.Load()-reads, "the linked file is read")
}

// rewrite replaces the manifest of out with m.
func rewrite(t testing.TB, out string, m *Manifest) {
	t.Helper()
	b, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(out, ManifestName), append(b, '\n'), 0o644))
}

// BenchmarkCheck: checking an earlier output of 450 files, 16 MB (the sample report's size)
// in a new process, by hashing every file and by the identities recorded in its manifest.
func BenchmarkCheck(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out")
	files := map[string]string{}
	for i := range 450 {
		files[fmt.Sprintf("f%03d.png", i)] = string(make([]byte, 16<<20/450))
	}
	d, err := Create(out, "report")
	require.NoError(b, err)
	for name, content := range files {
		require.NoError(b, d.WriteFile(name, []byte(content)))
	}
	time.Sleep(settleTime)
	require.NoError(b, d.Commit())
	m, err := Read(out)
	require.NoError(b, err)
	hashed := filepath.Join(b.TempDir(), "hashed")
	require.NoError(b, os.CopyFS(hashed, os.DirFS(out)))
	for i := range m.Files {
		m.Files[i].Stat = nil
	}
	rewrite(b, hashed, m)
	for _, bc := range []struct{ name, dir string }{{"hash", hashed}, {"identities", out}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				forget()
				if err := Check(bc.dir, "report"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestManifestMemo: the checks of one process decode a manifest once while its file is
// unchanged, and see at once a manifest that was written again.
func TestManifestMemo(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("identities are Linux only")
	}
	out := filepath.Join(t.TempDir(), "out")
	written(t, out, map[string]string{"a.md": "A"}, 0)
	time.Sleep(settleTime)
	m1, err := readMemo(out)
	require.NoError(t, err)
	m2, err := readMemo(out)
	require.NoError(t, err)
	assert.Same(t, m1, m2, "unchanged: decoded once")

	m, err := Read(out)
	require.NoError(t, err)
	m.Command = "whatif"
	rewrite(t, out, m)
	err = Check(out, "report")
	var re *RefusedError
	require.ErrorAs(t, err, &re, "the manifest written again is read again")
	assert.Contains(t, re.Reason, "the output of lap whatif")
}

// TestPreviousSize: the size the previous manifest records, 0 for a file it does not list.
func TestPreviousSize(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	keyed(t, out, map[string]string{"charts/a.png": "AAA"})
	d, err := Create(out, "report")
	require.NoError(t, err)
	defer d.Abort()
	assert.Equal(t, 3, d.PreviousSize("charts/a.png"))
	assert.Equal(t, 0, d.PreviousSize("b.md"))
}

// TestCreateAfterCheck: Create relies on the walk of a Check that passed before it in this
// process while the manifest is unchanged (a report's run checks its output before the work
// and again when it starts writing); what changed in between is found by Commit's walk, which
// refuses the rename and changes nothing, and is neither linked nor reused meanwhile.
func TestCreateAfterCheck(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("identities are Linux only")
	}
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, out string) // between Check and Create
		reason string                         // of Commit's refusal; empty: none
	}{
		{"unchanged", func(*testing.T, string) {}, ""},
		{"file added", func(t *testing.T, out string) {
			require.NoError(t, os.WriteFile(filepath.Join(out, "charts", "mine.txt"), []byte("mine"), 0o644))
		}, "charts/mine.txt, which lap did not write"},
		{"file edited", func(t *testing.T, out string) {
			require.NoError(t, os.WriteFile(filepath.Join(out, "charts", "a.svg"), []byte("<svg>mine</svg>"), 0o644))
		}, "charts/a.svg was changed after lap wrote it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			written(t, out, map[string]string{"report.md": "# report", "charts/a.svg": "<svg/>"}, 0)
			time.Sleep(settleTime) // the manifest settles: its decoding is remembered
			require.NoError(t, Check(out, "report"))
			tc.change(t, out)
			before := snapshot(t, out)
			w := walks.Load()
			d, err := Create(out, "report")
			require.NoError(t, err)
			defer d.Abort()
			assert.Equal(t, w, walks.Load(), "Create walks no more after a Check")
			reused, err := d.Reuse("charts/a.svg", "")
			require.NoError(t, err)
			require.False(t, reused)
			require.NoError(t, d.WriteFile("report.md", []byte("# report")))
			require.NoError(t, d.WriteFile("charts/a.svg", []byte("<svg/>"))) // the same bytes: linked when unchanged
			err = d.Commit()
			assert.Equal(t, w+1, walks.Load(), "Commit walks the output again")
			if tc.reason == "" {
				require.NoError(t, err)
				return
			}
			var re *RefusedError
			require.ErrorAs(t, err, &re)
			assert.Contains(t, re.Reason, tc.reason)
			assert.Equal(t, before, snapshot(t, out), "the refusal changed nothing")
		})
	}
	t.Run("no Check before", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		written(t, out, map[string]string{"report.md": "# report"}, 0)
		time.Sleep(settleTime)
		require.NoError(t, os.WriteFile(filepath.Join(out, "mine.txt"), []byte("mine"), 0o644))
		_, err := Create(out, "report")
		var re *RefusedError
		require.ErrorAs(t, err, &re, "Create walks the output itself")
		assert.Contains(t, re.Reason, "mine.txt")
	})
}
