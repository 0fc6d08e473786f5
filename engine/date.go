package engine

import (
	"fmt"
	"time"
)

// Date is a calendar date. The zero Date is "no date". Dates compare with < and ==.
type Date struct{ days int32 } // days since 1970-01-01 plus dayOffset, so the zero value is empty

const dayOffset = 1 << 20

// NewDate returns the date y-m-d. It does not normalise: use ParseDate for input.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{int32(t.Unix()/86400) + dayOffset}
}

// ParseDate reads a complete ISO date, YYYY-MM-DD, and rejects impossible dates such as
// 2023-02-30 and years outside 1900..2200.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("parse date %q: want YYYY-MM-DD", s)
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: not a calendar date", s)
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		return Date{}, fmt.Errorf("parse date %q: year out of range 1900..2200", s)
	}
	return NewDate(t.Year(), t.Month(), t.Day()), nil
}

// MustDate is ParseDate for constants in code and tests; it panics on a bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the empty date.
func (d Date) IsZero() bool { return d.days == 0 }

func (d Date) time() time.Time { return time.Unix(int64(d.days-dayOffset)*86400, 0).UTC() }

// Year returns the calendar year.
func (d Date) Year() int { return d.time().Year() }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.days < e.days }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.days > e.days }

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return Date{d.days + int32(n)} }

// String returns YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.time().Format("2006-01-02")
}

// MarshalText writes YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// yearEnd is 31 December of y.
func yearEnd(y int) Date { return NewDate(y, time.December, 31) }

// minDate returns the earlier of two dates.
func minDate(a, b Date) Date {
	if a.Before(b) {
		return a
	}
	return b
}

// article17EIF is the entry-into-force date for a deposit on dep (Article 17): the later of
// 2010-08-01 and the first day of the sixth month after the month of deposit.
func article17EIF(dep Date) Date {
	t := dep.time()
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 6, 0)
	eif := NewDate(first.Year(), first.Month(), 1)
	if floor := NewDate(2010, time.August, 1); eif.Before(floor) {
		return floor
	}
	return eif
}
