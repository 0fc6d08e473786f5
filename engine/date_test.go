package engine

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{"2023-08-01", ""},
		{"2024-02-29", ""},
		{"2023-02-30", "not a calendar date"},
		{"2023-13-01", "not a calendar date"},
		{"2023-8-1", "want YYYY-MM-DD"},
		{"2023-06", ""},
		{"2023", ""},
		{"../2018", ""},
		{"../2018-12", ""},
		{"../2018-12-31", ""},
		{"2023-13", "month 13 is not a month"},
		{"2023-00", "month 00 is not a month"},
		{"2023-00-10", "not a calendar date"},
		{"2023-06-00", "not a calendar date"},
		{"20234", "want YYYY-MM-DD, YYYY-MM or YYYY"},
		{"202", "want YYYY-MM-DD, YYYY-MM or YYYY"},
		{"2023-6", "want YYYY-MM-DD, YYYY-MM or YYYY"},
		{"2023/06", "want YYYY-MM-DD, YYYY-MM or YYYY"},
		{"+2023", "want YYYY-MM-DD, YYYY-MM or YYYY"},
		{"2023-06-14T00:00", "want YYYY-MM-DD, YYYY-MM or YYYY"},
		{"..2018", "want YYYY-MM-DD, YYYY-MM or YYYY"},
		{"../", "want YYYY-MM-DD, YYYY-MM or YYYY"},
		{"1899", "out of range"},
		{"2201-01", "out of range"},
		{"01/08/2023", "want YYYY-MM-DD"},
		{"", "want YYYY-MM-DD"},
		{"1899-12-31", "out of range"},
		{"2201-01-01", "out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDate(tt.in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.in, d.String())
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	assert.Equal(t, "2024-01-28", MustDate("2023-08-01").AddDays(180).String(), "Nigeria's initial report due date")
	assert.Equal(t, "2024-07-30", MustDate("2024-02-01").AddDays(180).String(), "South Sudan's initial report due date")
	assert.True(t, MustDate("2023-02-28").Before(MustDate("2023-03-01")))
	assert.True(t, Date{}.IsZero())
	assert.Equal(t, 2025, MustDate("2025-12-31").Year())
}

func TestArticle17EIF(t *testing.T) {
	tests := []struct{ deposit, want string }{
		{"2023-02-28", "2023-08-01"}, // Nigeria
		{"2023-08-03", "2024-02-01"}, // South Sudan
		{"2025-09-05", "2026-03-01"}, // Vanuatu
		{"2010-08-16", "2011-02-01"}, // a deposit in August 2010
		{"2009-06-16", "2010-08-01"}, // among the first thirty: the Convention's own entry into force
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, article17EIF(MustDate(tt.deposit)).String(), tt.deposit)
	}
}

func TestDatePrecision(t *testing.T) {
	tests := []struct {
		in          string
		prec        Precision
		first, last string
		text        string
		year        int
	}{
		{"2023-06-14", PrecisionDay, "2023-06-14", "2023-06-14", "14 June 2023", 2023},
		{"2023-06", PrecisionMonth, "2023-06-01", "2023-06-30", "June 2023", 2023},
		{"2024-02", PrecisionMonth, "2024-02-01", "2024-02-29", "February 2024", 2024},
		{"2023", PrecisionYear, "2023-01-01", "2023-12-31", "2023", 2023},
		{"../2018", PrecisionYear, "1900-01-01", "2018-12-31", "2018 or earlier", 2018},
		{"../2016-12", PrecisionMonth, "1900-01-01", "2016-12-31", "December 2016 or earlier", 2016},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := MustDate(tt.in)
			assert.Equal(t, tt.prec, d.Precision())
			assert.Equal(t, tt.in, d.String(), "prints as precisely as known")
			assert.Equal(t, tt.first, d.First().String())
			assert.Equal(t, tt.last, d.Last().String())
			assert.Equal(t, tt.text, d.Text())
			assert.Equal(t, tt.year, d.Year())
		})
	}
	assert.Equal(t, "", Date{}.String())
	assert.Equal(t, "", Date{}.Text())
	assert.True(t, MustDate("2023").InYear(2023))
	assert.False(t, MustDate("2023").InYear(2022))
	assert.False(t, MustDate("../2018").InYear(2018), "2018 or earlier is in no one year")
	assert.Equal(t, MonthDate(2023, time.June), MustDate("2023-06"))
	assert.Equal(t, YearDate(2023), MustDate("2023"))
	_, err := ParseDay("2023-06")
	assert.ErrorContains(t, err, "want a day")
	d, err := ParseDay("2023-06-14")
	require.NoError(t, err)
	assert.True(t, d.Exact())
}

// TestDateCompare: a comparison is decided only when the whole spans fall on one side (data
// dictionary §2.3); "completed 2023" against a deadline of 2023-11-01 is unknown.
func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b       string
		onOrBefore triState
		before     triState
	}{
		{"2023", "2023-11-01", triUnknown, triUnknown},    // South Africa's Article 3
		{"2023-06", "2023-11-01", triTrue, triTrue},       // completed June 2023
		{"2023-06", "2023-12-31", triTrue, triTrue},       // Bulgaria: deadline 31 December 2023
		{"2023-09-01", "2024-01-01", triTrue, triTrue},    // Slovakia
		{"2023", "2024-04-01", triTrue, triTrue},          // Peru
		{"2018-07", "2018-08-01", triTrue, triTrue},       // Croatia's Article 3
		{"2023-08", "2023-09-01", triTrue, triTrue},       // Bosnia and Herzegovina's Article 4
		{"2023-09", "2023-09-01", triUnknown, triFalse},   // the deadline's own month
		{"2023-09-01", "2023-09-01", triTrue, triFalse},   // on the deadline: on time, not before it
		{"2023-09-02", "2023-09-01", triFalse, triFalse},  // a day late
		{"2024", "2023-12-31", triFalse, triFalse},        // a year late, whatever the day
		{"../2018", "2020-08-01", triTrue, triTrue},       // completed before 2019: before the deadline
		{"../2018", "2018-06-01", triUnknown, triUnknown}, // the bound does not decide
		{"2023-06-14", "2023-06", triUnknown, triUnknown}, // a day against a month that holds it
		{"2023-05-31", "2023-06", triTrue, triTrue},       // the day before the month
		{"2023", "2023", triUnknown, triUnknown},          // two unknown days of one year
		{"2022", "2023", triTrue, triTrue},                // different years decide
		{"2023-12-31", "2023-12-31", triTrue, triFalse},   // the same day
		{"2023-06-30", "2023-06", triUnknown, triFalse},   // the last day of the month: not before any day of it
		{"2023-06-01", "2023-06", triTrue, triUnknown},    // the first day: on or before every day of it
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			a, b := MustDate(tt.a), MustDate(tt.b)
			assert.Equal(t, tt.onOrBefore, a.onOrBefore(b), "on or before")
			assert.Equal(t, tt.before, a.strictlyBefore(b), "before")
			if tt.before == triTrue {
				assert.True(t, a.Before(b))
				assert.True(t, b.After(a))
			} else {
				assert.False(t, a.Before(b))
			}
		})
	}
	assert.Nil(t, triUnknown.Bool())
	assert.Equal(t, true, *triTrue.Bool())
	assert.Equal(t, false, *triFalse.Bool())
}

func TestDateSpans(t *testing.T) {
	least, most := monthsBetween(MustDate("2024-02-06"), MustDate("2024-05-31"))
	assert.Equal(t, []int{3, 3}, []int{least, most}, "found 6 February, completed 31 May: 3 months")
	least, most = monthsBetween(MustDate("2024-02-06"), MustDate("2024-07"))
	assert.Equal(t, []int{4, 5}, []int{least, most})
	dl, dm := daysBetween(MustDate("2023-06-14"), MustDate("2023-06-20"))
	assert.Equal(t, []int{6, 6}, []int{dl, dm})
	// a completion known to the year that began with an obligation found in March
	c := MustDate("2024").Clip(MustDate("2024-03-19"))
	assert.Equal(t, "2024-03-19/2024-12-31", c.String())
	assert.Equal(t, "between 19 March 2024 and 31 December 2024", c.Text())
	assert.Equal(t, MustDate("2024"), MustDate("2024").Clip(MustDate("2023-05-01")), "nothing cut off")
	assert.True(t, MustDate("2023").Clip(MustDate("2024-01-01")).IsZero(), "wholly before")
	assert.Equal(t, "2010-08-01/2018-12-31", MustDate("../2018").Clip(MustDate("2010-08-01")).String())
	// Article 17 from a partial deposit
	assert.Equal(t, "2023-08-01", article17EIF(MustDate("2023-02")).String(), "a deposit known to the month gives the day")
	assert.Equal(t, "2023-07-01/2024-06-01", article17EIF(MustDate("2023")).String(), "a deposit known to the year gives a span")
	assert.Equal(t, "2024-01-28", MustDate("2023-08-01").AddDays(180).String())
	assert.Equal(t, "2023-12-28/2024-11-28", article17EIF(MustDate("2023")).AddDays(180).String())
	assert.InDelta(t, 2027.0, yearFraction(MustDate("2026-12-31")), 1e-12)
	assert.InDelta(t, 2027.0, yearFraction(MustDate("2026")), 1e-12, "a year ends with its last day")
	assert.InDelta(t, 2027+152.0/365, yearFraction(MustDate("2027-06-01")), 1e-12)
}

func TestDateCivilRoundTrip(t *testing.T) {
	// every day from 1900 to 2200 converts to y-m-d and back, and in step with time.Time
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for n := 0; n < 110000; n++ {
		tm := start.AddDate(0, 0, n)
		d := NewDate(tm.Year(), tm.Month(), tm.Day())
		require.Equal(t, tm.Format("2006-01-02"), d.String())
		require.Equal(t, tm.Unix()/86400, int64(d.lo-dayOffset))
	}
}

// TestDateJSON: a Date survives a JSON round trip, the zero Date included.
func TestDateJSON(t *testing.T) {
	type rec struct {
		A, B, C, D, E, Z Date
	}
	in := rec{A: MustDate("2023-06-14"), B: MustDate("2023-06"), C: MustDate("2023"), D: MustDate("../2018"), E: article17EIF(MustDate("2023"))}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":"2023-06-14","B":"2023-06","C":"2023","D":"../2018","E":"2023-07-01/2024-06-01","Z":""}`, string(b))
	var out rec
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)
	var bad Date
	assert.Error(t, json.Unmarshal([]byte(`"2023-13"`), &bad))
	assert.Error(t, json.Unmarshal([]byte(`"2024-06-01/2023-07-01"`), &bad), "a span must be in order")
}

// TestDateCompareAllocs: comparisons and year lookups do not allocate (they run in every
// State's environment build).
func TestDateCompareAllocs(t *testing.T) {
	a, b := MustDate("2023"), MustDate("2023-11-01")
	var sink int
	allocs := testing.AllocsPerRun(100, func() {
		if a.onOrBefore(b) == triUnknown && !a.Before(b) && a.NotAfter(b.AddDays(400)) && a.InYear(2023) {
			sink += a.Year() + b.Year()
		}
	})
	assert.Zero(t, allocs)
	assert.NotZero(t, sink)
}
