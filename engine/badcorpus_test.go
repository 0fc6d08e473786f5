package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The bad-input corpus: every file under testdata/bad must fail to load with the error code
// and line that testdata/bad/expect.toml pairs with it. Files under plan/ are loaded as the
// only action file of a minimal plan; facts/ beside a valid states.csv; states/ beside an
// empty facts.csv; json/ as dataset.json; scenarios/ against the test plan and dataset; checks/
// as the only check file.

type badCase struct {
	File string `toml:"file"`
	Code string `toml:"code"`
	Line int    `toml:"line"`
	Key  string `toml:"key"`
}

const badDir = "../testdata/bad"

// loadBad loads one corpus file the way its folder says and returns the error.
func loadBad(t *testing.T, rel string) error {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(badDir, rel))
	require.NoError(t, err)
	switch filepath.Dir(rel) {
	case "plan":
		_, err = Load(fstest.MapFS{"plan.toml": {Data: []byte(testPlanTOML)}, "a01.toml": {Data: data}})
	case "facts":
		_, err = LoadDataset(dataFS(testStatesCSV, string(data)), ".")
	case "states":
		_, err = LoadDataset(dataFS(string(data), factsHeader), ".")
	case "json":
		_, err = LoadDataset(fstest.MapFS{"dataset.json": {Data: data}}, ".")
	case "checks":
		_, err = LoadChecks(fstest.MapFS{rel: {Data: data}}, nil)
	case "scenarios":
		_, err = ParseScenario(filepath.Base(rel), data, mustLoadData(t, evalFacts), mustLoadTestPlan(t))
	default:
		t.Fatalf("no loader for %s", rel)
	}
	return err
}

func TestBadInputCorpus(t *testing.T) {
	var manifest struct {
		Case []badCase `toml:"case"`
	}
	_, err := toml.DecodeFile(filepath.Join(badDir, "expect.toml"), &manifest)
	require.NoError(t, err)
	listed := map[string]bool{}
	for _, c := range manifest.Case {
		listed[c.File] = true
		if strings.HasPrefix(c.File, "workbook/") {
			continue // Excel workbooks: package workbook runs them
		}
		t.Run(c.File, func(t *testing.T) {
			err := loadBad(t, c.File)
			require.Error(t, err, "a bad input must not load")
			var diags Diagnostics
			require.True(t, errors.As(err, &diags), "the error is Diagnostics")
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%s@%d[%s]", d.Code, d.Line, d.Key))
				if d.Code == c.Code && d.Line == c.Line && (c.Key == "" || d.Key == c.Key) {
					assert.NotEmpty(t, d.File)
					assert.NotEmpty(t, d.Message)
					return
				}
			}
			t.Errorf("want %s@%d[%s], got %v", c.Code, c.Line, c.Key, got)
		})
	}
	// every corpus file has an expectation
	var files []string
	require.NoError(t, filepath.WalkDir(badDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Base(p) != "expect.toml" && filepath.Base(p) != "README.md" {
			rel, _ := filepath.Rel(badDir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	}))
	sort.Strings(files)
	for _, f := range files {
		assert.True(t, listed[f], "%s has no entry in expect.toml", f)
	}
	assert.GreaterOrEqual(t, len(files), 40)
}

func TestGoodInputCorpus(t *testing.T) {
	entries, err := os.ReadDir("../testdata/good")
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			ds, err := LoadDataset(os.DirFS(filepath.Join("../testdata/good", e.Name())), ".")
			require.NoError(t, err)
			facts := ds.Facts()
			require.Len(t, facts, 1)
			assert.Equal(t, 1500.0, facts[0].Number())
			assert.Equal(t, 2023, facts[0].Year)
			st, ok := ds.State("DEU")
			require.True(t, ok)
			assert.Equal(t, "2010-08-01", st.EntryIntoForce.String())
		})
	}
	assert.GreaterOrEqual(t, n, 5)
}
