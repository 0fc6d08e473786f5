package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vmaFlags returns the VmFlags of the mapping of this process that holds address p
// (/proc/self/smaps), and whether one does.
func vmaFlags(t *testing.T, p uintptr) ([]string, bool) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	require.NoError(t, err)
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line + " ")[0], "-"); ok && !strings.HasSuffix(lo, ":") {
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = uint64(p) >= a && uint64(p) < b
				continue
			}
		}
		if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.Fields(rest), true
		}
	}
	require.NoError(t, sc.Err())
	return nil, false
}

// thpAvailable reports whether the kernel has transparent huge pages.
func thpAvailable() bool {
	_, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil
}

// TestAdviseHugePages: the whole huge pages inside a fresh allocation are advised as
// transparent huge pages (VmFlags "hg" in /proc/self/smaps), and nothing in them changes.
func TestAdviseHugePages(t *testing.T) {
	if !thpAvailable() {
		t.Skip("no transparent huge pages on this system")
	}
	b := make([]byte, 8<<20)
	part := adviseHugePages(b)
	require.NotEmpty(t, part, "an allocation of 8 MiB holds whole huge pages")
	p := uintptr(unsafe.Pointer(unsafe.SliceData(part)))
	assert.Zero(t, p%hugePage, "the advised part starts on a huge page")
	assert.Zero(t, len(part)%hugePage, "and is whole huge pages")
	assert.GreaterOrEqual(t, len(part), 6<<20)
	flags, ok := vmaFlags(t, p)
	require.True(t, ok)
	assert.Contains(t, flags, "hg", "advised as huge pages")
	for i := range b {
		if b[i] != 0 {
			t.Fatalf("byte %d changed", i)
		}
	}
	assert.Nil(t, adviseHugePages(make([]byte, 4096)), "no whole huge page in 4 KiB")
}

// TestReportPremapsHeap: lap report advises its heap as transparent huge pages before it
// loads anything (hugepages.go), and the advised memory is the heap's: the report's
// objects are made in it.
func TestReportPremapsHeap(t *testing.T) {
	if !thpAvailable() {
		t.Skip("no transparent huge pages on this system")
	}
	if strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		t.Skip("GODEBUG=disablethp=1")
	}
	out := filepath.Join(t.TempDir(), "r")
	code, _, stderr := lap(t, "report", "--data", sampleData, "--year", "2024", "--out", out, "--formats", "json", "--charts", "none", "--profiles=false")
	require.Equal(t, 0, code, stderr)
	lo, hi := premapped[0], premapped[1]
	require.NotZero(t, lo, "lap report advised its heap")
	assert.GreaterOrEqual(t, hi-lo, uintptr(heapPremap-2*hugePage))
	flags, ok := vmaFlags(t, lo)
	require.True(t, ok)
	assert.Contains(t, flags, "hg")
	flags, ok = vmaFlags(t, hi-1)
	require.True(t, ok)
	assert.Contains(t, flags, "hg")
}
