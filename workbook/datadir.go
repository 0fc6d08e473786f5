package workbook

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/lapmonitor/lap/engine"
)

// OpenDataDir loads the dataset that an import merges into: nil when dir does not exist or
// holds no dataset yet (an import then creates states.csv and facts.csv). A directory that
// holds only dataset.json is refused: an import writes states.csv and facts.csv.
func OpenDataDir(dir string) (*engine.Dataset, error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("open data directory: %w", err)
	case !st.IsDir():
		return nil, fmt.Errorf("open data directory: %s is not a directory", dir)
	}
	has := func(name string) bool {
		_, err := os.Lstat(filepath.Join(dir, name))
		return err == nil
	}
	switch {
	case has("states.csv"):
		return engine.LoadDataset(os.DirFS(dir), ".")
	case has("dataset.json"):
		return nil, fmt.Errorf("open data directory: %s holds dataset.json; an import writes states.csv and facts.csv, so import into a directory of CSV files", dir)
	case has("facts.csv"):
		return nil, fmt.Errorf("open data directory: %s holds facts.csv without states.csv", dir)
	}
	return nil, nil
}

// Written says what WriteDataDir wrote.
type Written struct {
	Files   []string // the files replaced or created, in dir
	Backups []string // the earlier versions kept, in dir
}

// WriteDataDir writes the merged dataset into dir: states.csv and facts.csv, and registers.csv
// when the workbooks had a Registers sheet, each only when it changes (or does not exist yet). Each file is written whole into a temporary file beside
// it and renamed into place; the earlier version is kept first as NAME.<12 hex digits of its
// SHA-256>.bak, so that a backup is never overwritten by different content and an import
// never loses what was there. Rows keep the earlier file's order; added rows follow.
// Nothing is written for a merge that changes nothing.
func WriteDataDir(dir string, m *Merged) (Written, error) {
	var w Written
	var files []struct {
		name string
		data []byte
	}
	if m.changed[0] || !m.hasOld {
		files = append(files, struct {
			name string
			data []byte
		}{"states.csv", encodeStates(m.stateRows)})
	}
	if m.changed[1] || !m.hasOld {
		files = append(files, struct {
			name string
			data []byte
		}{"facts.csv", encodeFacts(m.factRows)})
	}
	if m.registers != nil && (m.changed[2] || !m.hasOld) {
		files = append(files, struct {
			name string
			data []byte
		}{"registers.csv", m.registers})
	}
	if len(files) == 0 {
		return w, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return w, fmt.Errorf("create data directory: %w", err)
	}
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	for _, f := range files {
		target := filepath.Join(dir, f.name)
		if old, err := os.ReadFile(target); err == nil {
			if err := checkColumns(f.name, old); err != nil {
				return w, err
			}
			sum := sha256.Sum256(old)
			bak := target + "." + hex.EncodeToString(sum[:6]) + ".bak"
			if _, err := os.Lstat(bak); errors.Is(err, fs.ErrNotExist) {
				if err := writeAtomic(bak, old); err != nil {
					return w, fmt.Errorf("keep a backup of %s: %w", f.name, err)
				}
			}
			w.Backups = append(w.Backups, filepath.Base(bak))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return w, fmt.Errorf("read %s: %w", f.name, err)
		}
		tmp, err := writeTemp(target, f.data)
		if err != nil {
			return w, fmt.Errorf("write %s: %w", f.name, err)
		}
		temps = append(temps, tmp)
	}
	// Both files are written; move them into place one after the other.
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.name)); err != nil {
			return w, fmt.Errorf("move %s into place: %w", f.name, err)
		}
		temps[i] = ""
		w.Files = append(w.Files, f.name)
	}
	return w, nil
}

// checkColumns refuses to rewrite a CSV file with a column this writer does not know: the
// column's values would be lost.
func checkColumns(name string, data []byte) error {
	known := factColumns
	switch name {
	case "states.csv":
		known = stateColumns
	case "registers.csv":
		known = registerColumns
	}
	header, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).Read()
	if err != nil {
		return fmt.Errorf("read the header of %s: %w", name, err)
	}
	for _, h := range header {
		if !slices.Contains(known, strings.TrimSpace(h)) {
			return fmt.Errorf("%s has a column %q that lap workbook import does not write; refusing to rewrite it and lose that column", name, h)
		}
	}
	return nil
}

// writeTemp writes data into a new temporary file beside target and returns its name.
func writeTemp(target string, data []byte) (string, error) {
	fh, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return "", err
	}
	name := fh.Name()
	_, err = fh.Write(data)
	if err == nil {
		err = fh.Sync()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// writeAtomic writes data to target through a temporary file and a rename.
func writeAtomic(target string, data []byte) error {
	tmp, err := writeTemp(target, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func encodeCSV(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	_ = cw.Write(header)
	_ = cw.WriteAll(rows) // writes to memory: no error
	return b.Bytes()
}

// encodeStates writes states.csv, with the class column when any row has a class.
func encodeStates(rows [][]string) []byte {
	n := len(stateColumns) - 1
	for _, r := range rows {
		if r[n] != "" {
			return encodeCSV(stateColumns, rows)
		}
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r[:n]
	}
	return encodeCSV(stateColumns[:n], out)
}

// encodeFacts writes facts.csv, with the class column when any fact has a class, and the
// recorded column (after class) when any fact has a recorded day.
func encodeFacts(rows []factRow) []byte {
	withClass, withRecorded := false, false
	for _, r := range rows {
		withClass = withClass || classText(r.Class) != ""
		withRecorded = withRecorded || !r.Recorded.IsZero()
	}
	withClass = withClass || withRecorded
	out := make([][]string, len(rows))
	for i, r := range rows {
		y := ""
		if r.Year != 0 {
			y = strconv.Itoa(r.Year)
		}
		out[i] = []string{r.ISO3, y, r.Field, r.Value, r.Source}
		if withClass {
			out[i] = append(out[i], classText(r.Class))
		}
		if withRecorded {
			out[i] = append(out[i], r.Recorded.String())
		}
	}
	switch {
	case withRecorded:
		return encodeCSV(factColumns, out)
	case withClass:
		return encodeCSV(factColumns[:6], out)
	}
	return encodeCSV(factColumns[:5], out)
}
