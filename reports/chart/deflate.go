package chart

// A deflate encoder (RFC 1951) for the Up-filtered rows of a chart's PNG.

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// Why not compress/flate: a chart's filtered rows are about 96% zero bytes, in long runs, and
// the rest is few distinct small differences. compress/flate at BestSpeed cuts them into
// 64 KiB blocks, builds Huffman codes for each (about 40 a chart) and searches matches by
// hashing every position it does not skip; that was over half of a PNG's cost. deflater
// looks for a match where a chart's repeats are (the byte before: a run; the pixel before:
// a run of one colour; the row above: a shape's edge repeated; and one hashed earlier
// position: repeated text), and writes one block with one set of Huffman codes for the whole
// image. The output is a valid deflate stream that any inflater reads back to the same
// bytes; it is not the bytes compress/flate writes.

const (
	minMatch    = 4     // shorter repeats are written as literals
	maxMatch    = 258   // the longest deflate match
	windowSize  = 32768 // the farthest a deflate match may look back
	hashBits    = 14
	endOfBlock  = 256
	numLitLen   = 286 // literal/length codes: 256 literals, end of block, 29 lengths
	numDist     = 30
	maxCodeBits = 15 // the longest literal/length or distance code
	maxCLBits   = 7  // the longest code-length code
	matchFlag   = 1 << 31
)

// deflater holds the buffers of deflate from one image to the next.
type deflater struct {
	tokens []uint32 // a literal byte, or matchFlag | (length-3)<<16 | (distance-1)
	table  [1 << hashBits]int32
	out    []byte
	huff   huffman
}

// deflate returns data compressed as one final deflate block with dynamic Huffman codes.
// bpp and stride are the bytes of a pixel and of a row (with its filter byte), where matches
// are looked for besides a run and a hashed earlier position. The result is valid until the
// next call.
func (z *deflater) deflate(data []byte, bpp, stride int) []byte {
	z.tokens = z.tokens[:0]
	clear(z.table[:])
	var litFreq [numLitLen]int32
	var distFreq [numDist]int32
	n := len(data)
	le := binary.LittleEndian
	for i := 0; i < n; {
		length, dist := 0, 0
		if i+minMatch <= n {
			// a candidate is measured only if its first four bytes match
			cur := le.Uint32(data[i:])
			if i >= 1 && le.Uint32(data[i-1:]) == cur {
				length, dist = matchLen(data, i, 1), 1
			}
			if length < maxMatch && bpp > 1 && i >= bpp && le.Uint32(data[i-bpp:]) == cur {
				if l := matchLen(data, i, bpp); l > length {
					length, dist = l, bpp
				}
			}
			if length < maxMatch && stride > 1 && i >= stride && stride <= windowSize && le.Uint32(data[i-stride:]) == cur {
				if l := matchLen(data, i, stride); l > length {
					length, dist = l, stride
				}
			}
			h := hash4(cur)
			if length < 32 {
				if c := int(z.table[h]) - 1; c >= 0 && i-c <= windowSize && le.Uint32(data[c:]) == cur {
					if l := matchLen(data, i, i-c); l > length {
						length, dist = l, i-c
					}
				}
			}
			z.table[h] = int32(i + 1)
		}
		if length < minMatch {
			b := data[i]
			z.tokens = append(z.tokens, uint32(b))
			litFreq[b]++
			i++
			continue
		}
		z.tokens = append(z.tokens, matchFlag|uint32(length-3)<<16|uint32(dist-1))
		litFreq[257+int(lengthCode[length-3])]++
		distFreq[distCode(dist-1)]++
		i += length
	}
	litFreq[endOfBlock] = 1
	return z.write(&litFreq, &distFreq)
}

// matchLen returns how many bytes from data[i] (at most maxMatch) equal those dist bytes
// before them.
func matchLen(data []byte, i, dist int) int {
	a, b := data[i:min(len(data), i+maxMatch)], data[i-dist:]
	b = b[:len(a)]
	n := 0
	le := binary.LittleEndian
	for len(a)-n >= 32 { // four words a turn: a chart's matches are mostly long runs
		p, q := a[n:n+32], b[n:n+32]
		x0 := le.Uint64(p[0:]) ^ le.Uint64(q[0:])
		x1 := le.Uint64(p[8:]) ^ le.Uint64(q[8:])
		x2 := le.Uint64(p[16:]) ^ le.Uint64(q[16:])
		x3 := le.Uint64(p[24:]) ^ le.Uint64(q[24:])
		if x0|x1|x2|x3 != 0 {
			switch {
			case x0 != 0:
				return n + bits.TrailingZeros64(x0)/8
			case x1 != 0:
				return n + 8 + bits.TrailingZeros64(x1)/8
			case x2 != 0:
				return n + 16 + bits.TrailingZeros64(x2)/8
			}
			return n + 24 + bits.TrailingZeros64(x3)/8
		}
		n += 32
	}
	for len(a)-n >= 8 {
		if x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
		n += 8
	}
	for n < len(a) && a[n] == b[n] {
		n++
	}
	return n
}

func hash4(u uint32) uint32 { return (u * 0x1e35a7bd) >> (32 - hashBits) }

// write encodes the tokens as one final block with Huffman codes built for their frequencies.
func (z *deflater) write(litFreq *[numLitLen]int32, distFreq *[numDist]int32) []byte {
	atLeastTwo(litFreq[:]) // a code of one symbol is not complete; inflaters may refuse it
	atLeastTwo(distFreq[:])
	var litLen [numLitLen]uint8
	var distLen [numDist]uint8
	z.huff.lengths(litFreq[:], maxCodeBits, litLen[:])
	z.huff.lengths(distFreq[:], maxCodeBits, distLen[:])
	nLit, nDist := numLitLen, numDist
	for nLit > 257 && litLen[nLit-1] == 0 {
		nLit--
	}
	for nDist > 1 && distLen[nDist-1] == 0 {
		nDist--
	}
	// the code lengths of both codes, run-length coded with the code-length alphabet
	lens := make([]uint8, 0, nLit+nDist)
	lens = append(append(lens, litLen[:nLit]...), distLen[:nDist]...)
	cl := codeLengthSymbols(lens)
	var clFreq [19]int32
	for _, s := range cl {
		clFreq[s&0xff]++
	}
	atLeastTwo(clFreq[:])
	var clLen [19]uint8
	z.huff.lengths(clFreq[:], maxCLBits, clLen[:])
	nCL := 19
	for nCL > 4 && clLen[clOrder[nCL-1]] == 0 {
		nCL--
	}

	w := bitWriter{out: z.out[:0]}
	w.bits(1, 1) // final block
	w.bits(2, 2) // dynamic Huffman codes
	w.bits(uint64(nLit-257), 5)
	w.bits(uint64(nDist-1), 5)
	w.bits(uint64(nCL-4), 4)
	for _, s := range clOrder[:nCL] {
		w.bits(uint64(clLen[s]), 3)
	}
	clCode := canonicalCodes(clLen[:])
	for _, s := range cl {
		sym := s & 0xff
		w.bits(uint64(clCode[sym]), uint(clLen[sym]))
		switch sym {
		case 16:
			w.bits(uint64(s>>8), 2)
		case 17:
			w.bits(uint64(s>>8), 3)
		case 18:
			w.bits(uint64(s>>8), 7)
		}
	}
	litCode := canonicalCodes(litLen[:])
	distCodes := canonicalCodes(distLen[:])
	for _, t := range z.tokens {
		if t&matchFlag == 0 {
			w.bits(uint64(litCode[t]), uint(litLen[t]))
			continue
		}
		l, d := int(t>>16&0x7fff), int(t&0xffff)
		lc := int(lengthCode[l])
		c := uint64(litCode[257+lc])
		nb := uint(litLen[257+lc])
		c |= uint64(l-lengthBase[lc]) << nb // the length's extra bits
		nb += uint(lengthExtra[lc])
		dc := distCode(d)
		c |= uint64(distCodes[dc]) << nb
		nb += uint(distLen[dc])
		c |= uint64(d-distBase[dc]) << nb
		nb += uint(distExtra[dc])
		w.bits(c, nb) // at most 15 + 5 + 15 + 13 = 48 bits
	}
	w.bits(uint64(litCode[endOfBlock]), uint(litLen[endOfBlock]))
	w.flush()
	z.out = w.out
	return w.out
}

// atLeastTwo gives the first two symbols a frequency if fewer than two symbols have one, so
// that the code built for them is complete.
func atLeastTwo(freq []int32) {
	used := 0
	for _, f := range freq {
		if f > 0 {
			used++
		}
	}
	for i := 0; used < 2; i++ {
		if freq[i] == 0 {
			freq[i] = 1
			used++
		}
	}
}

// clOrder is the order in which the code-length code's lengths are written.
var clOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// codeLengthSymbols run-length codes the code lengths lens with the code-length alphabet: a
// length 0–15, 16 (the previous length 3–6 times more), 17 (3–10 zeros), 18 (11–138 zeros).
// Each symbol is s&0xff, with its repeat field (the count minus its base) in s>>8.
func codeLengthSymbols(lens []uint8) []uint16 {
	var out []uint16
	for i := 0; i < len(lens); {
		l := lens[i]
		run := 1
		for i+run < len(lens) && lens[i+run] == l {
			run++
		}
		i += run
		if l == 0 {
			for run >= 11 {
				k := min(run, 138)
				out = append(out, 18|uint16(k-11)<<8)
				run -= k
			}
			if run >= 3 {
				out = append(out, 17|uint16(run-3)<<8)
				run = 0
			}
			for ; run > 0; run-- {
				out = append(out, 0)
			}
			continue
		}
		out = append(out, uint16(l))
		run--
		for run >= 3 {
			k := min(run, 6)
			out = append(out, 16|uint16(k-3)<<8)
			run -= k
		}
		for ; run > 0; run-- {
			out = append(out, uint16(l))
		}
	}
	return out
}

// huffmanLengths sets lens[i] to the length of the code of symbol i in an optimal prefix code
// for the frequencies freq with no code longer than maxBits (0 for a symbol of frequency 0),
// by the package-merge algorithm. At least two frequencies must be positive, and fewer than
// 2^maxBits.
func huffmanLengths(freq []int32, maxBits int, lens []uint8) {
	var h huffman
	h.lengths(freq, maxBits, lens)
}

// huffman holds the buffers of package-merge (huffmanLengths) from one code to the next: a
// chart's three codes took about 370 KB of fresh memory each time.
type huffman struct {
	nodes        []huffNode
	leaves, a, b []int32
	need         []int32
}

type huffNode struct {
	weight      int64
	sym         int32 // a leaf's symbol, or -1 for a package
	left, right int32 // a package's two items
}

// lengths is huffmanLengths with h's buffers.
func (h *huffman) lengths(freq []int32, maxBits int, lens []uint8) {
	nodes, leaves := h.nodes[:0], h.leaves[:0]
	for s, f := range freq {
		lens[s] = 0
		if f > 0 {
			nodes = append(nodes, huffNode{weight: int64(f), sym: int32(s)})
			leaves = append(leaves, int32(len(nodes)-1))
		}
	}
	slices.SortStableFunc(leaves, func(a, b int32) int {
		return int(nodes[a].weight - nodes[b].weight)
	})
	cur, next := leaves, h.a[:0] // each level's list is merged into the buffer the level before did not use
	other := h.b[:0]
	for level := 1; level < maxBits; level++ {
		merged := next[:0]
		i := 0
		for j := 0; j+1 < len(cur); j += 2 {
			nodes = append(nodes, huffNode{weight: nodes[cur[j]].weight + nodes[cur[j+1]].weight, sym: -1, left: cur[j], right: cur[j+1]})
			p := int32(len(nodes) - 1)
			for i < len(leaves) && nodes[leaves[i]].weight <= nodes[p].weight {
				merged = append(merged, leaves[i])
				i++
			}
			merged = append(merged, p)
		}
		merged = append(merged, leaves[i:]...)
		if level == 1 {
			next = other // cur was leaves, which stay as they are
		} else {
			next = cur[:0]
		}
		cur = merged
	}
	// a symbol's code length is how many of the first 2n-2 items hold it: each of those items
	// is counted once, and a package hands its count down to its two items (a package comes
	// after its items in nodes, so one pass from the end reaches every item after every
	// package that holds it)
	need := slices.Grow(h.need[:0], len(nodes))[:len(nodes)]
	clear(need)
	for _, k := range cur[:2*len(leaves)-2] {
		need[k]++
	}
	for k := len(nodes) - 1; k >= 0; k-- {
		c := need[k]
		if c == 0 {
			continue
		}
		if n := nodes[k]; n.sym >= 0 {
			lens[n.sym] += uint8(c)
		} else {
			need[n.left] += c
			need[n.right] += c
		}
	}
	// keep the buffers (cur and next are the two merge buffers, whichever is which)
	h.nodes, h.leaves, h.need = nodes, leaves, need
	if maxBits > 1 {
		h.a, h.b = cur, next
	}
}

// canonicalCodes returns the canonical Huffman codes for the code lengths lens (RFC 1951
// 3.2.2), bit-reversed for writing from the least significant bit.
func canonicalCodes(lens []uint8) []uint16 {
	var blCount [maxCodeBits + 1]int
	for _, l := range lens {
		blCount[l]++
	}
	blCount[0] = 0
	var next [maxCodeBits + 1]int
	code := 0
	for b := 1; b <= maxCodeBits; b++ {
		code = (code + blCount[b-1]) << 1
		next[b] = code
	}
	codes := make([]uint16, len(lens))
	for s, l := range lens {
		if l > 0 {
			codes[s] = bits.Reverse16(uint16(next[l])) >> (16 - l)
			next[l]++
		}
	}
	return codes
}

// bitWriter writes bits from the least significant, as deflate packs them.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

// bits writes the n low bits of v (n ≤ 48).
func (w *bitWriter) bits(v uint64, n uint) {
	if w.nacc+n > 64 { // write out the whole bytes held
		k := w.nacc / 8
		w.out = binary.LittleEndian.AppendUint64(w.out, w.acc)
		w.out = w.out[:len(w.out)-8+int(k)]
		w.acc >>= 8 * k
		w.nacc -= 8 * k
	}
	w.acc |= v << w.nacc
	w.nacc += n
}

// flush writes the bits still held, padded with zeros to a whole byte.
func (w *bitWriter) flush() {
	for w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc = max(w.nacc, 8) - 8
	}
}

// The length and distance codes of RFC 1951 3.2.5: base values and extra bits.
var (
	lengthBase  = [29]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 255} // length - 3
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]int{0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576} // distance - 1
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	lengthCode  [256]uint8 // by length - 3
)

func init() {
	for c := 0; c < 29; c++ {
		end := 256
		if c < 28 {
			end = lengthBase[c+1]
		}
		for l := lengthBase[c]; l < end; l++ {
			lengthCode[l] = uint8(c)
		}
	}
	lengthCode[255] = 28 // length 258 has its own code
}

// distCode returns the distance code of distance d+1.
func distCode(d int) int {
	if d < 4 {
		return d
	}
	b := bits.Len(uint(d)) - 1 // d is in [2^b, 2^(b+1))
	return 2*b + int(d>>(b-1)&1)
}
