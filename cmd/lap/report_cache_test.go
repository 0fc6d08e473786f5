package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/outdir"
)

// TestReportReusesCharts: a report written into its earlier output copies every PNG chart
// whose content key is unchanged and draws the others, and gives the same files as a report
// into a new directory. To tell a copied chart from a drawn one, the earlier PNGs are replaced
// by marked bytes (with the manifest updated to match, so that lap still owns them): only a
// copy keeps the mark.
func TestReportReusesCharts(t *testing.T) {
	data := dataDir(t, "")
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	report := func(out string) {
		t.Helper()
		code, _, stderr := lap(t, "report", "--data", data, "--year", "2024", "--out", out, "--formats", "md", "--charts", "svg,png")
		require.Equal(t, 0, code, stderr)
	}
	report(out)
	first, err := outdir.Read(out)
	require.NoError(t, err)
	pngs := 0
	for i, f := range first.Files {
		if !strings.HasSuffix(f.Path, ".png") {
			keyed := strings.HasPrefix(f.Path, "charts/") || strings.HasPrefix(f.Path, "profiles/")
			assert.Equal(t, keyed, f.Key != "", "%s: charts and profile pages are keyed, nothing else", f.Path)
			continue
		}
		pngs++
		require.Len(t, f.Key, 64, f.Path)
		mark := []byte("drawn by an earlier run: " + f.Path)
		require.NoError(t, os.WriteFile(filepath.Join(out, filepath.FromSlash(f.Path)), mark, 0o644))
		sum := sha256.Sum256(mark)
		first.Files[i].Size, first.Files[i].SHA256 = int64(len(mark)), hex.EncodeToString(sum[:])
	}
	require.Greater(t, pngs, 10)
	b, err := json.Marshal(first)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(out, outdir.ManifestName), b, 0o644))

	// One field changes: Germany submitted its 2023 report a month later.
	facts := filepath.Join(data, "facts.csv")
	b, err = os.ReadFile(facts)
	require.NoError(t, err)
	changed := strings.Replace(string(b), "DEU,2023,art7_annual_submitted,2024-04-30,", "DEU,2023,art7_annual_submitted,2024-05-30,", 1)
	require.NotEqual(t, string(b), changed)
	require.NoError(t, os.WriteFile(facts, []byte(changed), 0o644))

	report(out)
	fresh := filepath.Join(dir, "fresh")
	report(fresh)
	again, err := outdir.Read(out)
	require.NoError(t, err)
	got, want := snapshotTree(t, out), snapshotTree(t, fresh)
	reused, drawn := 0, 0
	for _, f := range again.Files {
		old, ok := first.Lookup(f.Path)
		require.True(t, ok, f.Path)
		if !strings.HasSuffix(f.Path, ".png") || old.Key != f.Key {
			assert.Equal(t, want[f.Path], got[f.Path], "%s is drawn as in a new report", f.Path)
			if strings.HasSuffix(f.Path, ".png") {
				drawn++
			}
			continue
		}
		reused++
		assert.Equal(t, "drawn by an earlier run: "+f.Path, got[f.Path], "%s: same key, so copied", f.Path)
	}
	assert.Positive(t, drawn, "the change shows in at least one chart")
	assert.Greater(t, reused, drawn, "and not in most")
	delete(got, outdir.ManifestName)
	delete(want, outdir.ManifestName)
	assert.Equal(t, len(want), len(got), "the same files")
}
