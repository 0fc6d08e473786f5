package outdir

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// settleTime is longer than the margin settled gives a file system with sub-second times.
const settleTime = 150 * time.Millisecond

// TestHashMemo: a file is read once while it stays the same settled file; a write, even of
// the same size, makes the next check read it again; a file hashed right after it was written
// is read every time.
func TestHashMemo(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the memo needs a file's identity (Linux)")
	}
	dir := t.TempDir()
	old := filepath.Join(dir, "old")
	require.NoError(t, os.WriteFile(old, []byte("AAA"), 0o644))
	time.Sleep(settleTime)

	reads := fileReads.Load()
	_, sum1, err := hashFile(old)
	require.NoError(t, err)
	_, sum2, err := hashFile(old)
	require.NoError(t, err)
	assert.Equal(t, sum1, sum2)
	assert.Equal(t, int64(1), fileReads.Load()-reads, "a settled file is read once")

	require.NoError(t, os.WriteFile(old, []byte("BBB"), 0o644))
	reads = fileReads.Load()
	n, sum3, err := hashFile(old)
	require.NoError(t, err)
	assert.Equal(t, int64(3), n)
	assert.NotEqual(t, sum1, sum3, "a write of the same size is seen")
	_, _, err = hashFile(old)
	require.NoError(t, err)
	assert.Equal(t, int64(2), fileReads.Load()-reads, "a file just written is read at every check")
}

// TestReuseLinks: a settled file of the previous output is linked into the new output rather
// than copied (by Reuse, or by WriteFileKey or a streamed file when the name, key and bytes
// are the same), and Commit's check of the previous output then reads none of the linked files; a file that has
// another link is copied.
func TestReuseLinks(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the memo needs a file's identity (Linux)")
	}
	out := filepath.Join(t.TempDir(), "out")
	keyed(t, out, map[string]string{"charts/a.png": "AAA", "charts/b.png": "BBB", "c.svg": "CCC", "e.svg": "EEE", "f.svg": "FFF"})
	elsewhere := filepath.Join(t.TempDir(), "b-copy.png")
	require.NoError(t, os.Link(filepath.Join(out, "charts", "b.png"), elsewhere))
	time.Sleep(settleTime)

	d, err := Create(out, "report")
	require.NoError(t, err)
	defer d.Abort()
	for _, name := range []string{"charts/a.png", "charts/b.png"} {
		ok, err := d.Reuse(name, "k:"+map[string]string{"charts/a.png": "AAA", "charts/b.png": "BBB"}[name])
		require.NoError(t, err)
		require.True(t, ok, name)
	}
	same := func(a, b string) bool {
		sa, err := os.Stat(a)
		require.NoError(t, err)
		sb, err := os.Stat(b)
		require.NoError(t, err)
		return os.SameFile(sa, sb)
	}
	assert.True(t, same(filepath.Join(out, "charts", "a.png"), filepath.Join(d.tmp, "charts", "a.png")), "a.png is linked")
	assert.False(t, same(filepath.Join(out, "charts", "b.png"), filepath.Join(d.tmp, "charts", "b.png")), "b.png has another link: copied")
	require.NoError(t, d.WriteFile("c.svg", []byte("C2")))
	require.NoError(t, d.WriteFileKey("e.svg", "k:EEE", []byte("EEE")))
	assert.True(t, same(filepath.Join(out, "e.svg"), filepath.Join(d.tmp, "e.svg")), "e.svg, written with the same key and bytes, is linked")
	w, err := d.create("f.svg", "k:FFF")
	require.NoError(t, err)
	for _, part := range []string{"FF", "F"} {
		_, err := w.Write([]byte(part))
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	assert.True(t, same(filepath.Join(out, "f.svg"), filepath.Join(d.tmp, "f.svg")), "f.svg, streamed with the same key and bytes, is linked")

	reads := fileReads.Load()
	require.NoError(t, d.Commit())
	assert.Equal(t, int64(0), fileReads.Load()-reads, "Commit's check reads no file it has the hash of")
	got := snapshot(t, out)
	assert.Equal(t, map[string]string{"charts/a.png": "AAA", "charts/b.png": "BBB", "c.svg": "C2", "e.svg": "EEE", "f.svg": "FFF"}, withoutManifest(got))
	b, err := os.ReadFile(elsewhere)
	require.NoError(t, err)
	assert.Equal(t, "BBB", string(b), "the other link is untouched")
	m, err := Read(out)
	require.NoError(t, err)
	f, _ := m.Lookup("charts/a.png")
	assert.Equal(t, "k:AAA", f.Key)
	assert.Equal(t, int64(3), f.Size)
	require.NoError(t, Check(out, "report"), "the new output is lap's own")
}

func withoutManifest(files map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		if k != ManifestName && v != "dir" {
			out[k] = v
		}
	}
	return out
}
