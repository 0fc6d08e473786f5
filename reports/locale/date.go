package locale

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision is how much of a date is known: the day, only the month, or only the year
// (data-dictionary.md §2.3: dates keep their precision).
type Precision int

// The precisions.
const (
	Day Precision = iota
	Month
	Year
)

// Date is a calendar date with its precision, the input of Locale.Date. It is deliberately
// plain (year, month, day, precision) so that any date type, the engine's included, converts
// to it; DateOf does so from anything that prints as an ISO date ("2023", "2023-06",
// "2023-06-14"). The zero Date is no date.
type Date struct {
	Year  int
	Month time.Month // 0 when the precision is Year
	Day   int        // 0 when the precision is Month or Year
	// OrEarlier makes the date "that or earlier" (the engine's "../2018").
	OrEarlier bool
}

// Precision is the precision the Date's fields carry: Year when Month is 0, Month when Day is
// 0, else Day.
func (d Date) Precision() Precision {
	switch {
	case d.Month == 0:
		return Year
	case d.Day == 0:
		return Month
	}
	return Day
}

// IsZero reports whether d is no date.
func (d Date) IsZero() bool { return d.Year == 0 }

// ParseISODate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" into a Date of that precision, each
// optionally after "../" ("that or earlier").
func ParseISODate(s string) (Date, error) {
	var d Date
	if rest, ok := strings.CutPrefix(s, "../"); ok {
		d.OrEarlier, s = true, rest
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("parse date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var err error
	if d.Year, err = strconv.Atoi(parts[0]); err != nil || d.Year < 1 {
		return Date{}, fmt.Errorf("parse date %q: bad year", s)
	}
	if len(parts) > 1 {
		m, err := strconv.Atoi(parts[1])
		if err != nil || len(parts[1]) != 2 || m < 1 || m > 12 {
			return Date{}, fmt.Errorf("parse date %q: bad month", s)
		}
		d.Month = time.Month(m)
	}
	if len(parts) > 2 {
		day, err := strconv.Atoi(parts[2])
		if err != nil || len(parts[2]) != 2 || day < 1 || day > daysIn(d.Year, d.Month) {
			return Date{}, fmt.Errorf("parse date %q: not a calendar date", s)
		}
		d.Day = day
	}
	return d, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// DateOf converts any value that prints as an ISO date of day, month or year precision (such
// as the engine's Date), optionally "../" ("or earlier"), to a Date. An empty string gives the
// zero Date. A span ("2023-01-01/2023-03-31") is not one Date: write it with Locale.ISODate.
func DateOf(v fmt.Stringer) (Date, error) {
	s := v.String()
	if s == "" {
		return Date{}, nil
	}
	return ParseISODate(s)
}

// ISODate writes a date given as the engine writes it, in the language: a date of day, month or
// year precision, "../D" ("D or earlier") or a span "D1/D2" ("from D1 to D2"). "" gives "".
func (l *Locale) ISODate(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if from, to, ok := strings.Cut(s, "/"); ok && !strings.HasPrefix(s, "../") {
		a, err := ParseISODate(from)
		if err != nil {
			return "", err
		}
		b, err := ParseISODate(to)
		if err != nil {
			return "", err
		}
		return l.T("date.span", map[string]any{"From": l.Date(a), "To": l.Date(b)}), nil
	}
	d, err := ParseISODate(s)
	if err != nil {
		return "", err
	}
	return l.Date(d), nil
}

// calendar is a language's month names and long date patterns (CLDR "long" date format and
// its month-year and year skeletons).
type calendar struct {
	months [12]string
	// day, month and year patterns: %[1]s day, %[2]s month name, %[3]d year
	day, month string
	// firstDay is how the first day of a month is written ("1er" in French), or "".
	firstDay string
}

var calendars = map[Lang]calendar{
	English: {
		months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		day:    "%[1]s %[2]s %[3]d", month: "%[2]s %[3]d",
	},
	French: {
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		day:    "%[1]s %[2]s %[3]d", month: "%[2]s %[3]d", firstDay: "1er",
	},
	Spanish: {
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		day:    "%[1]s de %[2]s de %[3]d", month: "%[2]s de %[3]d",
	},
}

// Date writes a date in the language with its precision: "14 June 2023", "June 2023", "2023";
// "14 juin 2023", "1er juin 2023", "juin 2023"; "14 de junio de 2023", "junio de 2023";
// "2018 or earlier", "2018 ou avant", "2018 o antes". The zero Date is "".
func (l *Locale) Date(d Date) string {
	if d.IsZero() {
		return ""
	}
	if d.OrEarlier {
		e := d
		e.OrEarlier = false
		return l.T("date.or-earlier", map[string]any{"Date": l.Date(e)})
	}
	switch d.Precision() {
	case Year:
		return strconv.Itoa(d.Year)
	case Month:
		return fmt.Sprintf(l.cal.month, "", l.cal.months[d.Month-1], d.Year)
	}
	day := strconv.Itoa(d.Day)
	if d.Day == 1 && l.cal.firstDay != "" {
		day = l.cal.firstDay
	}
	return fmt.Sprintf(l.cal.day, day, l.cal.months[d.Month-1], d.Year)
}

// Month returns the name of a month in the language, as written inside a date ("juin").
func (l *Locale) Month(m time.Month) string { return l.cal.months[m-1] }
