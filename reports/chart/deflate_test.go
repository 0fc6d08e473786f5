package chart

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inflate decompresses a deflate stream with the standard library.
func inflate(t testing.TB, b []byte) []byte {
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(b)))
	require.NoError(t, err)
	return out
}

// deflater.deflate gives a stream compress/flate reads back to the same bytes: empty and tiny
// inputs, runs longer than a match, repeats at the pixel and row distances and beyond the
// window, random bytes (no matches: every literal), and chart-like rows.
func TestDeflateRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 1))
	random := func(n, alphabet int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(alphabet))
		}
		return b
	}
	sparse := func(n, every int) []byte { // mostly zeros, as Up-filtered chart rows are
		b := make([]byte, n)
		for i := range b {
			if r.IntN(every) == 0 {
				b[i] = byte(r.IntN(256))
			}
		}
		return b
	}
	rows := func(stride, height int) []byte { // rows repeating with changes
		b := sparse(stride, 5)
		for y := 1; y < height; y++ {
			row := append([]byte(nil), b[len(b)-stride:]...)
			for k := 0; k < 3; k++ {
				row[r.IntN(stride)] = byte(r.IntN(256))
			}
			b = append(b, row...)
		}
		return b
	}
	cases := map[string][]byte{
		"empty":         {},
		"one byte":      {7},
		"three bytes":   {1, 2, 3},
		"four equal":    {9, 9, 9, 9},
		"zeros":         make([]byte, 100000),
		"run of 259":    append(bytes.Repeat([]byte{5}, 259), 1),
		"pixel repeat":  bytes.Repeat([]byte{10, 200, 30}, 5000),
		"random":        random(70000, 256),
		"few symbols":   random(70000, 3),
		"sparse":        sparse(300000, 30),
		"rows":          rows(3628, 200),
		"beyond window": append(append(random(1000, 256), make([]byte, 40000)...), random(1000, 256)...),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			var z deflater
			for _, shape := range [][2]int{{3, 3628}, {1, 1}, {4, 40000}} {
				got := inflate(t, z.deflate(data, shape[0], shape[1]))
				require.Equal(t, len(data), len(got))
				require.True(t, bytes.Equal(data, got), "bpp %d, stride %d", shape[0], shape[1])
			}
		})
	}
}

// The compressor is reused from one image to the next without carrying anything over.
func TestDeflateReuse(t *testing.T) {
	var z deflater
	a := bytes.Repeat([]byte("lausanne action plan "), 3000)
	b := bytes.Repeat([]byte{0, 0, 0, 1}, 9000)
	first := append([]byte(nil), z.deflate(a, 3, 300)...)
	require.Equal(t, b, inflate(t, z.deflate(b, 3, 300)))
	require.Equal(t, first, z.deflate(a, 3, 300), "the same input gives the same bytes")
}

// huffmanLengths gives a complete prefix code (Kraft sum exactly 1) no longer than the limit,
// optimal where the limit does not bind, also for frequencies that would need longer codes
// (Fibonacci weights give a code as deep as there are symbols).
func TestHuffmanLengths(t *testing.T) {
	fib := make([]int32, 30)
	fib[0], fib[1] = 1, 1
	for i := 2; i < len(fib); i++ {
		fib[i] = fib[i-1] + fib[i-2]
	}
	r := rand.New(rand.NewPCG(14, 2))
	randomFreq := func(n int) []int32 {
		f := make([]int32, n)
		for i := range f {
			if r.IntN(3) > 0 {
				f[i] = int32(r.IntN(100000))
			}
		}
		f[0], f[n-1] = 1, 1
		return f
	}
	for _, tc := range []struct {
		name    string
		freq    []int32
		maxBits int
	}{
		{"two", []int32{0, 5, 0, 1}, 15},
		{"fibonacci 15", fib, 15},
		{"fibonacci 7", fib[:19], 7},
		{"uniform", bytes32(286, 1), 15},
		{"random 286", randomFreq(286), 15},
		{"random 19", randomFreq(19), 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lens := make([]uint8, len(tc.freq))
			huffmanLengths(tc.freq, tc.maxBits, lens)
			kraft := 0.0
			for s, l := range lens {
				if tc.freq[s] == 0 {
					assert.Zero(t, l, "symbol %d unused", s)
					continue
				}
				require.Positive(t, l, "symbol %d", s)
				require.LessOrEqual(t, int(l), tc.maxBits, "symbol %d", s)
				kraft += 1 / float64(uint(1)<<l)
			}
			assert.InDelta(t, 1.0, kraft, 1e-12, "Kraft sum")
		})
	}
	// without a binding limit the code is as short as Huffman's: 2, 2, 2, 3, 3 for these
	lens := make([]uint8, 5)
	huffmanLengths([]int32{10, 10, 10, 5, 5}, 15, lens)
	assert.Equal(t, []uint8{2, 2, 2, 3, 3}, lens)
}

func bytes32(n int, v int32) []int32 {
	f := make([]int32, n)
	for i := range f {
		f[i] = v
	}
	return f
}

// FuzzDeflate: any input, any pixel and row distance, reads back the same.
func FuzzDeflate(f *testing.F) {
	f.Add([]byte("abcabcabcabc"), 3, 6)
	f.Add(make([]byte, 600), 1, 300)
	f.Fuzz(func(t *testing.T, data []byte, bpp, stride int) {
		if bpp < 1 || bpp > 8 || stride < 1 || stride > 1<<20 {
			t.Skip()
		}
		var z deflater
		require.True(t, bytes.Equal(data, inflate(t, z.deflate(data, bpp, stride))))
	})
}

// huffman.lengths, which keeps its buffers from one code to the next, gives the lengths of
// the package-merge it replaced (packageMergeRef, the earlier allocating code) for every
// frequency table, however the tables before it left the buffers: the PNG bytes rest on it.
func TestHuffmanLengthsReused(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 30))
	var h huffman
	for i := range 20000 {
		n := 2 + r.IntN(300)
		maxBits := 7 + r.IntN(9)
		if n > 1<<maxBits {
			n = 1 << maxBits
		}
		freq := make([]int32, n)
		used := 0
		for s := range freq {
			switch r.IntN(4) {
			case 0: // unused
			case 1:
				freq[s] = int32(1 + r.IntN(4)) // ties
			case 2:
				freq[s] = int32(1 + r.IntN(1<<uint(r.IntN(20))))
			default:
				freq[s] = int32(1 + r.IntN(100000))
			}
			if freq[s] > 0 {
				used++
			}
		}
		if used < 2 {
			freq[0], freq[n-1] = 3, 1
		}
		want := make([]uint8, n)
		packageMergeRef(freq, maxBits, want)
		got := make([]uint8, n)
		for k := range got {
			got[k] = 99 // lengths sets every entry
		}
		h.lengths(freq, maxBits, got)
		require.Equal(t, want, got, "table %d: %d symbols, at most %d bits", i, n, maxBits)
	}
}

// packageMergeRef is huffmanLengths as it was written first (lap-png/3), kept as the reference.
func packageMergeRef(freq []int32, maxBits int, lens []uint8) {
	type node struct {
		weight      int64
		sym         int32
		left, right int32
	}
	var nodes []node
	var leaves []int32
	for s, f := range freq {
		lens[s] = 0
		if f > 0 {
			nodes = append(nodes, node{weight: int64(f), sym: int32(s)})
			leaves = append(leaves, int32(len(nodes)-1))
		}
	}
	slices.SortStableFunc(leaves, func(a, b int32) int {
		return int(nodes[a].weight - nodes[b].weight)
	})
	cur := leaves
	for level := 1; level < maxBits; level++ {
		merged := make([]int32, 0, len(leaves)+len(cur)/2)
		i := 0
		for j := 0; j+1 < len(cur); j += 2 {
			nodes = append(nodes, node{weight: nodes[cur[j]].weight + nodes[cur[j+1]].weight, sym: -1, left: cur[j], right: cur[j+1]})
			p := int32(len(nodes) - 1)
			for i < len(leaves) && nodes[leaves[i]].weight <= nodes[p].weight {
				merged = append(merged, leaves[i])
				i++
			}
			merged = append(merged, p)
		}
		cur = append(merged, leaves[i:]...)
	}
	var count func(k int32)
	count = func(k int32) {
		if s := nodes[k].sym; s >= 0 {
			lens[s]++
			return
		}
		count(nodes[k].left)
		count(nodes[k].right)
	}
	for _, k := range cur[:2*len(leaves)-2] {
		count(k)
	}
}

// matchLen counts the equal bytes as a byte-by-byte comparison does: at every distance and
// length, up to the longest match and the end of the data, a difference in any byte of its
// words.
func TestMatchLen(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 8))
	for range 20000 {
		n := 1 + r.IntN(700)
		data := make([]byte, n)
		if r.IntN(2) == 0 { // runs
			for i := range data {
				if r.IntN(60) == 0 {
					data[i] = byte(r.IntN(3))
				}
			}
		} else {
			for i := range data {
				data[i] = byte(r.IntN(2))
			}
		}
		i := r.IntN(n)
		if i == 0 {
			continue
		}
		dist := 1 + r.IntN(i)
		want := 0
		for i+want < n && want < maxMatch && data[i+want] == data[i+want-dist] {
			want++
		}
		require.Equal(t, want, matchLen(data, i, dist), "n=%d i=%d dist=%d", n, i, dist)
	}
}
