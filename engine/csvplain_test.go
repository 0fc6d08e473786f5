package engine

import (
	"bytes"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// csvReadAll reads every record of r with each field's line and column, and the first error.
func csvReadAll(r csvRecords) (recs [][]string, pos [][2]int, err error) {
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return recs, pos, nil
		}
		if err != nil {
			return recs, pos, err
		}
		recs = append(recs, slices.Clone(rec))
		for i := range rec {
			line, col := r.FieldPos(i)
			pos = append(pos, [2]int{line, col})
		}
	}
}

// checkPlainCSV: where parsePlainCSV reads data, it reads what encoding/csv reads, field
// positions included, and encoding/csv finds no error.
func checkPlainCSV(t *testing.T, data []byte) bool {
	t.Helper()
	plain := parsePlainCSV(data)
	if plain == nil {
		return false
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	wantRecs, wantPos, err := csvReadAll(cr)
	require.NoError(t, err, "%q", data)
	gotRecs, gotPos, err := csvReadAll(plain)
	require.NoError(t, err)
	require.Equal(t, wantRecs, gotRecs, "%q", data)
	require.Equal(t, wantPos, gotPos, "%q", data)
	return true
}

// FuzzPlainCSV: the plain reader agrees with encoding/csv on every input it accepts.
func FuzzPlainCSV(f *testing.F) {
	for _, s := range plainCSVCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkPlainCSV(t, data) })
}

var plainCSVCases = []string{
	"", "\n", "a", "a\n", "a,b\nc,d", "a,b\n\n\nc,d\n", "a,\n,b\n,\n", `"a,b",c` + "\n", `"a""b",""` + "\n",
	`""""` + "\n", `"a"` + "\n" + `"b"`, " a , b \n", "é,ü\n", "a\r\nb\n", `a"b` + "\n", `"a"b` + "\n", `"a` + "\nb\"\n",
	`"a`, `"a""`, "a,\"b\"\n\"\"\n",
}

// TestPlainCSV: the plain reader reads the shipped sample and every case above as encoding/csv
// does, leaves to encoding/csv what is not plain (a CR, a bare quote, a line end in quotes,
// text after a closing quote), and agrees with it on 20,000 random inputs made of the
// characters that matter.
func TestPlainCSV(t *testing.T) {
	for _, name := range []string{"../testdata/sample/facts.csv", "../testdata/sample/states.csv"} {
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.True(t, checkPlainCSV(t, data), name)
	}
	notPlain := map[string]bool{"a\r\nb\n": true, `a"b` + "\n": true, `"a"b` + "\n": true, `"a` + "\nb\"\n": true, `"a`: true, `"a""`: true}
	for _, s := range plainCSVCases {
		assert.Equal(t, !notPlain[s], checkPlainCSV(t, []byte(s)), "%q", s)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab ,\"\n\r")
	plain := 0
	for range 20000 {
		data := make([]byte, rng.IntN(24))
		for i := range data {
			data[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if checkPlainCSV(t, data) {
			plain++
		}
	}
	assert.Greater(t, plain, 2000, "the random inputs exercise the plain reader")
}
