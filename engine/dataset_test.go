package engine

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadDatasetBadInput(t *testing.T) {
	tests := []struct {
		name   string
		states string // default testStatesCSV
		facts  string // after the header unless it starts with "!"
		code   string
		file   string
		line   int
		key    string
	}{
		{name: "row with too few columns", facts: "DEU,2023,art4_area_cleared_m2,5\n", code: CodeCSVSyntax, file: "facts.csv", line: 2},
		{name: "unknown ISO3", facts: "XYZ,2023,art4_area_cleared_m2,5,src\n", code: CodeUnknownState, file: "facts.csv", line: 2, key: "iso3"},
		{name: "negative area", facts: "DEU,2023,art4_area_remaining_m2,-5,src\n", code: CodeNegative, file: "facts.csv", line: 2, key: "value"},
		{name: "impossible date", facts: "DEU,2023,art7_annual_submitted,2023-02-30,src\n", code: CodeBadDate, file: "facts.csv", line: 2, key: "value"},
		{name: "duplicate fact", facts: "DEU,2023,re_programme,true,a\nDEU,2023,re_programme,true,b\n", code: CodeDuplicateFact, file: "facts.csv", line: 3, key: "field"},
		{name: "unknown field", facts: "DEU,2023,art4_area_cleard_m2,5,src\n", code: CodeUnknownField, file: "facts.csv", line: 2, key: "field"},
		{name: "derived field supplied", facts: "DEU,2023,party,true,src\n", code: CodeDerivedField, file: "facts.csv", line: 2, key: "field"},
		{name: "bool that is not true or false", facts: "DEU,2023,re_programme,yes,src\n", code: CodeBadValue, file: "facts.csv", line: 2, key: "value"},
		{name: "number with a unit", facts: "DEU,2023,art4_area_cleared_m2,5 km2,src\n", code: CodeBadValue, file: "facts.csv", line: 2, key: "value"},
		{name: "number with an exponent", facts: "DEU,2023,art4_area_cleared_m2,1e6,src\n", code: CodeBadValue, file: "facts.csv", line: 2, key: "value"},
		{name: "enum out of list", facts: "DEU,2023,unga_vote,yess,src\n", code: CodeBadValue, file: "facts.csv", line: 2, key: "value"},
		{name: "empty value", facts: "DEU,2023,re_programme,,src\n", code: CodeBadValue, file: "facts.csv", line: 2, key: "value"},
		{name: "missing source", facts: "DEU,2023,re_programme,true,\n", code: CodeMissingSource, file: "facts.csv", line: 2, key: "source"},
		{name: "year on a static field", facts: "DEU,2023,art7_initial_submitted,2011-01-27,src\n", code: CodeBadYear, file: "facts.csv", line: 2, key: "year"},
		{name: "no year on a yearly field", facts: "DEU,,re_programme,true,src\n", code: CodeBadYear, file: "facts.csv", line: 2, key: "year"},
		{name: "event in the wrong year", facts: "DEU,2022,art4_completed_date,2023-08-31,src\n", code: CodeBadYear, file: "facts.csv", line: 2, key: "year"},
		{name: "year that is not a year", facts: "DEU,20x3,re_programme,true,src\n", code: CodeBadYear, file: "facts.csv", line: 2, key: "year"},
		{name: "unbalanced quote", facts: "DEU,2023,re_programme,true,\"src\n", code: CodeCSVSyntax, file: "facts.csv"},
		{name: "empty facts file", facts: "!", code: CodeEmptyFile, file: "facts.csv", line: 1},
		{name: "non-UTF-8 facts file", facts: "!iso3,year,field,value,source\nDEU,2023,re_programme,true,Art7 \xff\n", code: CodeBadEncoding, file: "facts.csv", line: 2},
		{name: "misspelled column", facts: "!iso3,year,field,value,sorce\n", code: CodeCSVHeader, file: "facts.csv", line: 1, key: "sorce"},
		{name: "empty states file", states: " ", code: CodeEmptyFile, file: "states.csv", line: 1},
		{name: "bad region", states: "iso3,name,region,signed,ratified,entry_into_force,withdrawn\nDEU,Germany,eurpe,,,,\n", code: CodeBadValue, file: "states.csv", line: 2, key: "region"},
		{name: "duplicate state", states: "iso3,name,region,signed,ratified,entry_into_force,withdrawn\nDEU,Germany,europe,,,,\nDEU,Germany,europe,,,,\n", code: CodeDuplicateState, file: "states.csv", line: 3, key: "iso3"},
		{name: "entry into force before deposit", states: "iso3,name,region,signed,ratified,entry_into_force,withdrawn\nDEU,Germany,europe,,2010-07-08,2009-08-01,\n", code: CodeInconsistentDates, file: "states.csv", line: 2, key: "entry_into_force"},
		{name: "lower-case ISO3", states: "iso3,name,region,signed,ratified,entry_into_force,withdrawn\ndeu,Germany,europe,,,,\n", code: CodeBadValue, file: "states.csv", line: 2, key: "iso3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			states := tt.states
			if states == "" {
				states = testStatesCSV
			}
			facts := factsHeader + tt.facts
			if len(tt.facts) > 0 && tt.facts[0] == '!' {
				facts = tt.facts[1:]
			}
			ds, err := LoadDataset(dataFS(states, facts), ".")
			require.Error(t, err)
			assert.Nil(t, ds, "no partial dataset on error")
			var diags Diagnostics
			require.True(t, errors.As(err, &diags), "error is Diagnostics: %v", err)
			var found *Diagnostic
			for _, d := range diags {
				if d.Code == tt.code {
					found = d
					break
				}
			}
			require.NotNil(t, found, "want code %s in %v", tt.code, err)
			assert.Equal(t, tt.file, found.File)
			if tt.line > 0 {
				assert.Equal(t, tt.line, found.Line)
			}
			if tt.key != "" {
				assert.Equal(t, tt.key, found.Key)
			}
			assert.NotEmpty(t, found.Message)
		})
	}
}

func TestLoadDatasetReportsAllProblemsAtOnce(t *testing.T) {
	facts := "XYZ,2023,re_programme,true,src\nDEU,2023,art4_area_remaining_m2,-5,src\nDEU,2023,art7_annual_submitted,2023-02-30,src\n"
	_, err := LoadDataset(dataFS(testStatesCSV, factsHeader+facts), ".")
	var diags Diagnostics
	require.True(t, errors.As(err, &diags))
	var codes []string
	for _, d := range diags {
		codes = append(codes, d.Code)
	}
	assert.Equal(t, []string{CodeUnknownState, CodeNegative, CodeBadDate}, codes)
}

func TestLoadDatasetAwkwardButValid(t *testing.T) {
	tests := []struct {
		name   string
		states string
		facts  string
	}{
		{"byte-order mark and CRLF", "\xef\xbb\xbf" + "iso3,name,region,signed,ratified,entry_into_force,withdrawn\r\nDEU,Germany,europe,2008-12-03,2009-07-08,2010-08-01,\r\n",
			"\xef\xbb\xbfiso3,year,field,value,source\r\nDEU,2023,art4_area_cleared_m2,1500,\"Art7 2023, Form F\"\r\n"},
		{"columns reordered and trailing blank lines", "name,iso3,withdrawn,region,signed,ratified,entry_into_force\nGermany,DEU,,europe,2008-12-03,2009-07-08,2010-08-01\n\n",
			"source,value,field,year,iso3\n\"Art7 2023, Form F\",1500,art4_area_cleared_m2,2023,DEU\n\n\n"},
		{"quoted fields with quotes inside", "iso3,name,region,signed,ratified,entry_into_force,withdrawn\nDEU,\"Germany, Federal Republic of\",europe,,,,\n",
			"iso3,year,field,value,source\nDEU,2023,art4_area_cleared_m2,1500,\"the \"\"Wittstock\"\" report\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := LoadDataset(dataFS(tt.states, tt.facts), ".")
			require.NoError(t, err)
			facts := ds.Facts()
			require.Len(t, facts, 1)
			assert.Equal(t, 1500.0, facts[0].Number())
			assert.Equal(t, 2, facts[0].Line)
			st, ok := ds.State("DEU")
			require.True(t, ok)
			assert.Contains(t, st.Name, "Germany")
		})
	}
}

func TestLoadDatasetJSONMatchesCSV(t *testing.T) {
	jsonData := `{
  "states": [
    {"iso3": "DEU", "name": "Germany", "region": "europe", "signed": "2008-12-03", "ratified": "2009-07-08", "entry_into_force": "2010-08-01"},
    {"iso3": "SSD", "name": "South Sudan", "region": "africa", "ratified": "2023-08-03"}
  ],
  "facts": [
    {"iso3": "DEU", "year": 2023, "field": "art4_area_cleared_m2", "value": 1500, "source": "Art7 2023 Form F"},
    {"iso3": "DEU", "field": "art7_initial_submitted", "value": "2011-01-27", "source": "Monitor"},
    {"iso3": "DEU", "year": 2023, "field": "re_programme", "value": true, "source": "illustrative"}
  ]
}`
	ds, err := LoadDataset(fstest.MapFS{"dataset.json": {Data: []byte(jsonData)}}, ".")
	require.NoError(t, err)
	assert.Len(t, ds.States(), 2)
	ssd, _ := ds.State("SSD")
	assert.Equal(t, "2024-02-01", ssd.EntryIntoForce.String(), "entry into force derived by Article 17")
	assert.True(t, ssd.EIFDerived)
	facts := ds.Facts()
	require.Len(t, facts, 3)
	assert.Equal(t, 7, facts[0].Line, "facts sort by State, field, year; the line is the JSON line")

	bad := `{"states": [{"iso3": "DEU", "name": "Germany", "region": "europe"}],
"facts": [
  {"iso3": "DEU", "year": 2023, "field": "art4_area_remaining_m2", "value": -5, "source": "x"}
]}`
	_, err = LoadDataset(fstest.MapFS{"dataset.json": {Data: []byte(bad)}}, ".")
	var diags Diagnostics
	require.True(t, errors.As(err, &diags))
	require.Len(t, diags, 1)
	assert.Equal(t, CodeNegative, diags[0].Code)
	assert.Equal(t, 3, diags[0].Line)
}

func TestLoadDatasetMissingDirectoryContent(t *testing.T) {
	_, err := LoadDataset(fstest.MapFS{}, ".")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no states.csv")
}

func TestLatestDateIgnoresDeadlines(t *testing.T) {
	ds := mustLoadData(t, "DEU,2019,art4_deadline,2030-08-01,MSP\nDEU,2023,art7_annual_submitted,2024-04-12,register\n")
	assert.Equal(t, "2025-09-05", ds.LatestDate().String(), "Vanuatu's deposit is the latest observation; the 2030 deadline is not one")
}

// TestNewDatasetValidates: States and facts given in code are checked as LoadDataset checks
// files, every problem at once, each naming the State's or fact's file and line when it has one.
func TestNewDatasetValidates(t *testing.T) {
	good := func() State {
		return State{ISO3: "DEU", Name: "Germany", Region: "europe", Signed: MustDate("2008-12-03"), Ratified: MustDate("2009-07-08"), EntryIntoForce: MustDate("2010-08-01"), File: "mine.csv", Line: 2}
	}
	fact := Fact{ISO3: "DEU", Year: 2023, Field: "re_programme", Value: "true", Source: "src", File: "facts", Line: 7}
	tests := []struct {
		name  string
		state func(*State)
		fact  func(*Fact)
		code  string
		key   string
		msg   string
	}{
		{name: "iso3 malformed", state: func(s *State) { s.ISO3 = "de" }, code: CodeBadValue, key: "iso3", msg: `iso3 "de" is not three upper-case letters`},
		{name: "name empty", state: func(s *State) { s.Name = "" }, code: CodeBadValue, key: "name", msg: "name is empty"},
		{name: "unknown region", state: func(s *State) { s.Region = "eurpe" }, code: CodeBadValue, key: "region", msg: `region "eurpe" is not one of`},
		{name: "unknown class", state: func(s *State) { s.Class = "oficial" }, code: CodeBadValue, key: "class", msg: `class "oficial" is not one of`},
		{name: "entry into force before deposit", state: func(s *State) { s.EntryIntoForce = MustDate("2009-01-01") }, code: CodeInconsistentDates, key: "entry_into_force", msg: "entry into force 2009-01-01 is before the deposit 2009-07-08"},
		{name: "withdrawal before deposit", state: func(s *State) { s.Withdrawn = MustDate("2009-01-01") }, code: CodeInconsistentDates, key: "withdrawn", msg: "withdrawal 2009-01-01 is before the deposit"},
		{name: "control character in a name", state: func(s *State) { s.Name = "Germ\x00any" }, code: CodeControlChar, key: "name"},
		{name: "fact of an unknown State", fact: func(f *Fact) { f.ISO3 = "DEX" }, code: CodeUnknownState, key: "iso3", msg: `unknown State "DEX"`},
		{name: "fact value not a bool", fact: func(f *Fact) { f.Value = "yes" }, code: CodeBadValue, key: "value", msg: `re_programme: "yes" is not true or false`},
		{name: "fact year out of range", fact: func(f *Fact) { f.Year = 5900000 }, code: CodeBadYear, key: "year", msg: "year 5900000 is not a year between 1900 and 2200"},
		{name: "fact without source", fact: func(f *Fact) { f.Source = "" }, code: CodeMissingSource, key: "source"},
		{name: "control character in a source", fact: func(f *Fact) { f.Source = "src\x1b[31m" }, code: CodeControlChar, key: "source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, f := good(), fact
			file, line := f.File, f.Line
			if tt.state != nil {
				tt.state(&s)
				file, line = s.File, s.Line
			}
			if tt.fact != nil {
				tt.fact(&f)
			}
			_, err := NewDataset([]State{s}, []Fact{f})
			require.Error(t, err)
			var ds Diagnostics
			require.True(t, errors.As(err, &ds))
			var d *Diagnostic
			for _, x := range ds {
				if x.Code == tt.code {
					d = x
					break
				}
			}
			require.NotNil(t, d, err.Error())
			assert.Equal(t, tt.code, d.Code, d.Error())
			assert.Equal(t, tt.key, d.Key, d.Error())
			assert.Equal(t, file, d.File)
			assert.Equal(t, line, d.Line)
			assert.Contains(t, d.Message, tt.msg)
		})
	}

	t.Run("a State listed twice", func(t *testing.T) {
		a, b := good(), good()
		b.Line = 9
		_, err := NewDataset([]State{a, b}, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "mine.csv:9")
		assert.Contains(t, err.Error(), "State DEU already listed at line 2")
		a.Line, b.Line, a.File, b.File = 0, 0, "", ""
		_, err = NewDataset([]State{a, b}, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "State DEU already listed")
		assert.NotContains(t, err.Error(), "line 0")
	})

	t.Run("every problem at once", func(t *testing.T) {
		s := good()
		s.Region, s.EntryIntoForce = "eurpe", MustDate("2009-01-01")
		f := fact
		f.Value = "yes"
		_, err := NewDataset([]State{s}, []Fact{f})
		var ds Diagnostics
		require.True(t, errors.As(err, &ds))
		assert.Len(t, ds, 3, err.Error())
	})
}

// TestNewDatasetRoundTrip: a loaded dataset's own States and facts pass NewDataset unchanged
// (the workbook merge rebuilds datasets this way), also after a JSON round trip, as an embedder
// would store them (zero dates included).
func TestNewDatasetRoundTrip(t *testing.T) {
	ds := sampleDataset(t)
	same := func(t *testing.T, a, b []Fact) {
		t.Helper()
		require.Equal(t, len(a), len(b))
		for i := range a {
			if !reflect.DeepEqual(a[i], b[i]) {
				t.Fatalf("fact %d: %+v, want %+v", i, b[i], a[i])
			}
		}
	}
	again, err := NewDataset(ds.States(), ds.Facts())
	require.NoError(t, err)
	require.True(t, reflect.DeepEqual(ds.States(), again.States()))
	same(t, ds.Facts(), again.Facts())

	b, err := json.Marshal(struct {
		States []State
		Facts  []Fact
	}{ds.States(), ds.Facts()})
	require.NoError(t, err)
	var back struct {
		States []State
		Facts  []Fact
	}
	require.NoError(t, json.Unmarshal(b, &back))
	want := ds.States()
	for i := range want {
		want[i].File, want[i].Line = "", 0 // not part of the JSON form
	}
	for i := range want {
		require.Equal(t, want[i], back.States[i])
	}
	again, err = NewDataset(back.States, back.Facts)
	require.NoError(t, err)
	require.True(t, reflect.DeepEqual(want, again.States()))
	wantFacts := ds.Facts()
	for i := range wantFacts {
		wantFacts[i].File, wantFacts[i].Line = "", 0
	}
	same(t, wantFacts, again.Facts())
}
