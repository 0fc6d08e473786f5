package outdir

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keyed writes one output with the given files, each with the key "k:"+content.
func keyed(t *testing.T, target string, files map[string]string) {
	t.Helper()
	d, err := Create(target, "report")
	require.NoError(t, err)
	for name, content := range files {
		require.NoError(t, d.WriteFileKey(name, "k:"+content, []byte(content)))
	}
	require.NoError(t, d.Commit())
}

// TestReuse: a file of the previous output is copied into the new one only when its key is
// the one asked for and it still holds what the manifest says; otherwise nothing is written
// and the caller makes the file.
func TestReuse(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	keyed(t, out, map[string]string{"charts/a.png": "AAA", "charts/b.png": "BBB"})
	m, err := Read(out)
	require.NoError(t, err)
	assert.Equal(t, 3, m.Version)
	f, _ := m.Lookup("charts/a.png")
	assert.Equal(t, "k:AAA", f.Key, "the key is in the manifest")

	d, err := Create(out, "report")
	require.NoError(t, err)
	ok, err := d.Reuse("charts/a.png", "k:AAA")
	require.NoError(t, err)
	assert.True(t, ok, "same key, same file")
	for _, tc := range []struct{ name, key, why string }{
		{"charts/b.png", "k:other", "another key"},
		{"charts/b.png", "", "no key"},
		{"charts/c.png", "k:CCC", "not in the previous output"},
	} {
		ok, err := d.Reuse(tc.name, tc.key)
		require.NoError(t, err)
		assert.False(t, ok, tc.why)
	}
	require.NoError(t, d.WriteFileKey("charts/b.png", "k:other", []byte("B2")))
	_, err = d.Reuse("charts/a.png", "k:AAA")
	assert.ErrorContains(t, err, "written twice")
	require.NoError(t, d.Commit())
	assert.Equal(t, "AAA", snapshot(t, out)["charts/a.png"])
	m, err = Read(out)
	require.NoError(t, err)
	f, _ = m.Lookup("charts/a.png")
	assert.Equal(t, File{Path: "charts/a.png", Size: 3, SHA256: f.SHA256, Key: "k:AAA"}, f, "a reused file keeps its key")
	f, _ = m.Lookup("charts/b.png")
	assert.Equal(t, "k:other", f.Key)
}

// TestReuseChecksTheFile: a previous file changed, replaced or made unreadable after Create
// checked the directory is not reused, and reading it never blocks.
func TestReuseChecksTheFile(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, p string)
	}{
		{"changed, same size", func(t *testing.T, p string) { require.NoError(t, os.WriteFile(p, []byte("XXX"), 0o644)) }},
		{"grown", func(t *testing.T, p string) { require.NoError(t, os.WriteFile(p, []byte("AAAA"), 0o644)) }},
		{"removed", func(t *testing.T, p string) { require.NoError(t, os.Remove(p)) }},
		{"a symbolic link to the same content", func(t *testing.T, p string) {
			require.NoError(t, os.WriteFile(p+".real", []byte("AAA"), 0o644))
			require.NoError(t, os.Remove(p))
			require.NoError(t, os.Symlink(filepath.Base(p)+".real", p))
		}},
		{"a directory", func(t *testing.T, p string) {
			require.NoError(t, os.Remove(p))
			require.NoError(t, os.Mkdir(p, 0o755))
		}},
		{"a named pipe", func(t *testing.T, p string) {
			require.NoError(t, os.Remove(p))
			require.NoError(t, syscall.Mkfifo(p, 0o644))
		}},
	}
	for _, settle := range []time.Duration{0, settleTime} {
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s/settled=%v", tc.name, settle > 0), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				keyed(t, out, map[string]string{"charts/a.png": "AAA"})
				time.Sleep(settle) // settled: Create's check remembers the hash (memo)
				d, err := Create(out, "report")
				require.NoError(t, err)
				defer d.Abort()
				tc.change(t, filepath.Join(out, "charts", "a.png"))
				done := make(chan bool)
				go func() {
					ok, err := d.Reuse("charts/a.png", "k:AAA")
					assert.NoError(t, err)
					done <- ok
				}()
				select {
				case ok := <-done:
					assert.False(t, ok)
				case <-time.After(10 * time.Second):
					t.Fatal("Reuse blocked")
				}
			})
		}
	}
}

// A version 1 manifest (written before keys) is still lap's: its output is replaced, and
// nothing in it is reused. A manifest of a later version is refused.
func TestManifestVersions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	write(t, out, map[string]string{
		"a.png": "AAA",
		ManifestName: `{"tool":"lap","version":1,"command":"report","files":[` +
			`{"path":"a.png","size":3,"sha256":"cb1ad2119d8fafb69566510ee712661f9f14b83385006ef92aec47f523a38358"}]}`,
	})
	d, err := Create(out, "report")
	require.NoError(t, err)
	ok, err := d.Reuse("a.png", "")
	require.NoError(t, err)
	assert.False(t, ok)
	require.NoError(t, d.WriteFile("a.png", []byte("A2")))
	require.NoError(t, d.Commit())

	write(t, out, map[string]string{ManifestName: `{"tool":"lap","version":4,"command":"report","files":[]}`})
	err = Check(out, "report")
	var re *RefusedError
	require.ErrorAs(t, err, &re)
	assert.Contains(t, re.Reason, "not a lap manifest of version 1 to 3")
}
