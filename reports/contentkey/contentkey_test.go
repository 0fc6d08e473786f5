package contentkey

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	Label string
	n     int // unexported: read too
}

type sample struct {
	Name    string
	Value   float64
	Flag    bool
	Ptr     *inner
	List    []inner
	Counts  map[string]int
	Any     any
	private []string
}

func base() sample {
	return sample{Name: "a", Value: 1.5, Flag: true, Ptr: &inner{"p", 1}, List: []inner{{"x", 2}, {"y", 3}},
		Counts: map[string]int{"k": 1, "l": 2, "m": 3}, Any: inner{"i", 4}, private: []string{"s"}}
}

func key(t *testing.T, parts ...any) string {
	t.Helper()
	k, ok := Of(parts...)
	require.True(t, ok)
	require.Len(t, k, 64)
	return k
}

// TestBinary: a test binary on Linux has a Go build ID, and a file that is not an ELF
// binary gives none.
func TestBinary(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the build ID is read from /proc/self/exe")
	}
	assert.Contains(t, Binary(), "/")
	p := filepath.Join(t.TempDir(), "not-elf")
	require.NoError(t, os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755))
	assert.Empty(t, readBuildID(p))
	assert.Empty(t, readBuildID(filepath.Join(t.TempDir(), "missing")))
	assert.True(t, goBuildID("cTO4iDYGro_F7R0re7v6/lFYB3TprIp-1oyESUchv/XjM0yOUiPEWWlXDLz0YG/YP91DMUkALCiK_74NSYG"))
	for _, id := range []string{"", "lap", "a/b/c/d", "cTO4iDYGro_F7R0re7v6/lFYB3TprIp-1oyESUchv/XjM0yOUiPEWWlXDLz0YG",
		"cTO4iDYGro_F7R0re7v6/lFYB3TprIp-1oyESUchv/XjM0yOUiPEWWlXDLz0YG/YP91DMUkALCiK_74NSY=", "cTO4iDYGro_F7R0re7v6/lFYB3TprIp-1oyESUchv/XjM0yOUiPEWWlXDLz0YG/YP91DMUkALCiK_74NSYG/x"} {
		assert.False(t, goBuildID(id), id)
	}
}

// TestOfEveryField: the key is the same for equal values (maps in any order, fresh copies)
// and changes with every field, exported or not, however deep.
func TestOfEveryField(t *testing.T) {
	if Binary() == "" {
		t.Skip("no build ID: no keys")
	}
	want := key(t, "part", base())
	for range 20 { // map iteration order varies from run to run
		b := base()
		b.Counts = map[string]int{"m": 3, "l": 2, "k": 1}
		assert.Equal(t, want, key(t, "part", b))
	}
	changes := map[string]func(*sample){
		"Name":                func(s *sample) { s.Name = "b" },
		"Value":               func(s *sample) { s.Value = math.Nextafter(1.5, 2) },
		"Value negative zero": func(s *sample) { s.Value = math.Copysign(0, -1) },
		"Flag":                func(s *sample) { s.Flag = false },
		"Ptr nil":             func(s *sample) { s.Ptr = nil },
		"Ptr.Label":           func(s *sample) { s.Ptr.Label = "q" },
		"Ptr.n":               func(s *sample) { s.Ptr.n = 9 },
		"List order":          func(s *sample) { s.List[0], s.List[1] = s.List[1], s.List[0] },
		"List nil":            func(s *sample) { s.List = nil },
		"List empty":          func(s *sample) { s.List = []inner{} },
		"List[1].n":           func(s *sample) { s.List[1].n = 0 },
		"Counts value":        func(s *sample) { s.Counts["l"] = 5 },
		"Counts key":          func(s *sample) { delete(s.Counts, "l"); s.Counts["L"] = 2 },
		"Counts nil":          func(s *sample) { s.Counts = nil },
		"Any type":            func(s *sample) { s.Any = "i" },
		"Any value":           func(s *sample) { s.Any = inner{"i", 5} },
		"Any nil":             func(s *sample) { s.Any = nil },
		"private":             func(s *sample) { s.private = append(s.private, "t") },
	}
	seen := map[string]string{want: "base"}
	for name, change := range changes {
		b := base()
		change(&b)
		k := key(t, "part", b)
		prev, dup := seen[k]
		assert.False(t, dup, "%s gives the key of %s", name, prev)
		seen[k] = name
	}
	assert.NotEqual(t, want, key(t, "other part", base()), "every part counts")
	assert.NotEqual(t, key(t, "ab", "c"), key(t, "a", "bc"), "parts do not run together")
	assert.NotEqual(t, key(t, int64(1)), key(t, 1), "the type of a part counts")
}

// TestOfUnhashable: a function, a channel or a cycle gives no key.
func TestOfUnhashable(t *testing.T) {
	type cyc struct{ Next *cyc }
	c := &cyc{}
	c.Next = c
	type withFunc struct{ F func() }
	for name, v := range map[string]any{"func": withFunc{F: func() {}}, "chan": make(chan int), "cycle": c} {
		k, ok := Of(v)
		assert.False(t, ok, name)
		assert.Empty(t, k, name)
	}
	_, ok := Of(withFunc{}) // a nil function is still a function: the value is not data
	assert.False(t, ok)
}

// TestOfProperty: for random values, equal values give equal keys and any one change to a
// leaf gives another key.
func TestOfProperty(t *testing.T) {
	if Binary() == "" {
		t.Skip("no build ID: no keys")
	}
	r := rand.New(rand.NewPCG(14, 3))
	randSample := func() sample {
		s := sample{Name: string(rune('a' + r.IntN(26))), Value: r.NormFloat64(), Flag: r.IntN(2) == 0, Counts: map[string]int{}}
		if r.IntN(3) > 0 {
			s.Ptr = &inner{Label: string(rune('a' + r.IntN(26))), n: r.IntN(5)}
		}
		for range r.IntN(4) {
			s.List = append(s.List, inner{Label: string(rune('a' + r.IntN(26))), n: r.IntN(5)})
			s.Counts[string(rune('a'+r.IntN(26)))] = r.IntN(5)
		}
		return s
	}
	for range 500 {
		s := randSample()
		k := key(t, s)
		c := s
		if s.Ptr != nil {
			p := *s.Ptr
			c.Ptr = &p
		}
		c.List = append([]inner(nil), s.List...)
		c.Counts = map[string]int{}
		for kk, v := range s.Counts {
			c.Counts[kk] = v
		}
		require.Equal(t, k, key(t, c), "a copy")
		switch r.IntN(5) {
		case 0:
			c.Value = -c.Value - 1
		case 1:
			c.Name += "x"
		case 2:
			c.Flag = !c.Flag
		case 3:
			c.List = append(c.List, inner{})
		case 4:
			c.Counts["zz"] = 1
		}
		require.NotEqual(t, k, key(t, c), "a change")
	}
}

// TestOfStreamed: the key hashes the serialisation as it is made (flushAt bytes at a time);
// it is the SHA-256 of the whole serialisation made in one buffer, as keys were first
// computed, for small values, values many times flushAt long, long strings and large maps.
func TestOfStreamed(t *testing.T) {
	whole := func(parts ...any) string {
		h := &hasher{} // no digest: the whole serialisation in h.b
		h.str(keyVersion)
		h.str("id")
		h.int(int64(len(parts)))
		for _, p := range parts {
			require.NoError(t, h.dynamic(reflect.ValueOf(p), 0))
		}
		sum := sha256.Sum256(h.b)
		return hex.EncodeToString(sum[:])
	}
	big := make([]sample, 300)
	counts := map[string]int{}
	for i := range big {
		big[i] = base()
		big[i].Name = strings.Repeat("n", i*7)
		counts[strings.Repeat("k", i)] = i
	}
	for _, parts := range [][]any{
		{}, {base()}, {"x", 1, base()}, {big}, {counts}, {strings.Repeat("é", 3*flushAt)}, {big, counts, "tail"},
		{map[string][]sample{"a": big, "b": nil}}, {make([]float64, 5*flushAt)},
	} {
		k, ok := of("id", parts)
		require.True(t, ok)
		assert.Equal(t, whole(parts...), k)
	}
}
