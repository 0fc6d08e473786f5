// Package golden compares test output with golden files under testdata/, for the reports
// packages' tests: byte for byte, or pixel by pixel within a tolerance for PNG. It is imported
// only by tests; go test ./reports/... -update rewrites the files.
package golden

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/cmpimg"
)

// Update rewrites golden files instead of comparing with them:
//
//	go test ./reports/... -update
var Update = flag.Bool("update", false, "rewrite golden files")

// pngTolerance is the normalised per-pixel colour distance that PNG goldens
// tolerate (see cmpimg.EqualApprox), for anti-aliasing that may differ
// slightly between platforms.
const pngTolerance = 0.05

// Check compares got with the golden file testdata/<name>, or rewrites
// it with -update. Files ending in ".png" are decoded and compared pixel by
// pixel within pngTolerance; any other file is compared byte for byte. On a
// mismatch the output is kept in a new directory under os.TempDir (outside
// the work tree, which other engineers share) for inspection, and for PNG
// also a difference image.
func Check(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(name))
	ext := filepath.Ext(path)
	if *Update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "read golden file; run go test ./reports/... -update to create it")

	equal, err := Equal(ext, got, want)
	require.NoError(t, err, "compare with %s", path)
	if equal {
		return
	}
	dir, err := os.MkdirTemp("", "reports-golden-")
	require.NoError(t, err)
	base := strings.TrimSuffix(filepath.Base(path), ext)
	gotPath := filepath.Join(dir, base+".got"+ext)
	require.NoError(t, os.WriteFile(gotPath, got, 0o644))
	if ext == ".png" {
		writeDiff(t, got, want, filepath.Join(dir, base+".diff.png"))
	}
	t.Fatalf("%s differs from golden file %s (output kept in %s); if the change is intended, run go test ./reports/... -update", name, path, gotPath)
}

// Equal compares output with a golden file of the given extension:
// PNG pixel by pixel within pngTolerance, anything else byte for byte.
func Equal(ext string, got, want []byte) (bool, error) {
	if ext == ".png" {
		return cmpimg.EqualApprox("png", got, want, pngTolerance)
	}
	return bytes.Equal(got, want), nil
}

// writeDiff writes an image of the differences between two PNGs.
func writeDiff(t *testing.T, got, want []byte, path string) {
	t.Helper()
	a, err := png.Decode(bytes.NewReader(got))
	require.NoError(t, err)
	b, err := png.Decode(bytes.NewReader(want))
	require.NoError(t, err)
	dst := image.NewRGBA(a.Bounds().Union(b.Bounds()))
	cmpimg.Diff(dst, a, b)
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, dst))
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
}
