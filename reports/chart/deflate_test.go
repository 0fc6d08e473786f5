package chart

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
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
