package engine

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date known as precisely as its source gives it (data dictionary §2.3): a
// day (2023-06-14), a month (2023-06) or a year (2023). A date of month or year precision
// stands for every day of its span, from its first day to its last. A fourth form, "../2018"
// (ISO 8601-2 / EDTF: "2018 or earlier"), records what a source says when it gives only an upper
// bound ("completed before 2019"). Dates the engine computes from partial dates (an entry into
// force derived from a deposit known to the year) can be any span of days.
//
// The zero Date is "no date". Comparisons are on spans and come in two strengths: Before and
// After hold only when the whole spans are ordered (certain), NotAfter when every day of one is
// on or before every day of the other, MayBeAfter when some day is after some day; inside the
// engine, verdicts use a three-valued comparison that is unknown when the spans overlap. Nothing here
// allocates or goes through time.Time.
type Date struct {
	lo, hi int32 // first and last day: days since 1970-01-01 plus dayOffset; 0 for the zero Date
	prec   Precision
	open   bool // open start: "on or before the end of the span"
}

// Precision is how precisely a date is known.
type Precision uint8

// The precisions. PrecisionSpan is a span of days that is not one calendar day, month or year:
// the engine derives such spans (entry into force from a deposit known to the year); input
// never has them.
const (
	PrecisionDay Precision = iota + 1
	PrecisionMonth
	PrecisionYear
	PrecisionSpan
)

var precisionNames = [...]string{"", "day", "month", "year", "span"}

// String is the precision's name: "day", "month", "year" or "span".
func (p Precision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return "precision(" + strconv.Itoa(int(p)) + ")"
}

const dayOffset = 1 << 20

// Years a date may have.
const (
	minDateYear = 1900
	maxDateYear = 2200
)

// daysFromCivil is the number of days from 1970-01-01 to y-m-d (proleptic Gregorian calendar;
// H. Hinnant's algorithm). d may exceed the month's length: the excess runs into later months.
func daysFromCivil(y, m, d int) int32 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int32) (y, m, d int) {
	zz := int(z) + 719468
	era := zz
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := zz - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// NewDate returns the day y-m-d. It does not validate: use ParseDate for input.
func NewDate(y int, m time.Month, d int) Date {
	n := daysFromCivil(y, int(m), d) + dayOffset
	return Date{lo: n, hi: n, prec: PrecisionDay}
}

// MonthDate returns the month y-m: every day of it.
func MonthDate(y int, m time.Month) Date {
	return Date{lo: daysFromCivil(y, int(m), 1) + dayOffset, hi: daysFromCivil(y, int(m), daysIn(y, int(m))) + dayOffset, prec: PrecisionMonth}
}

// YearDate returns the year y: every day of it.
func YearDate(y int) Date {
	return Date{lo: daysFromCivil(y, 1, 1) + dayOffset, hi: daysFromCivil(y, 12, 31) + dayOffset, prec: PrecisionYear}
}

// OrEarlier returns "d or earlier": every day up to d's last day (written "../d").
func (d Date) OrEarlier() Date {
	if d.IsZero() {
		return d
	}
	d.lo = daysFromCivil(minDateYear, 1, 1) + dayOffset
	d.open = true
	return d
}

// errDateSyntax is wrapped by every ParseDate error.
var errDateSyntax = errors.New("want YYYY-MM-DD, YYYY-MM or YYYY")

// ParseDate reads a date as precise as written: YYYY-MM-DD, YYYY-MM or YYYY, or "../" and one of
// these for "that or earlier". It rejects impossible dates (2023-02-30, 2023-13, 2023-00) and
// years outside 1900..2200, with a message that says what is wrong.
func ParseDate(s string) (Date, error) {
	body, open := s, false
	if len(s) > 3 && s[:3] == "../" {
		body, open = s[3:], true
	}
	d, err := parseDateBody(body)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	if open {
		d = d.OrEarlier()
	}
	return d, nil
}

func parseDateBody(s string) (Date, error) {
	digits := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, len(s) > 0
	}
	var y, m, d int
	var ok bool
	switch len(s) {
	case 4:
		y, ok = digits(s)
	case 7:
		if s[4] == '-' {
			var okm bool
			y, ok = digits(s[:4])
			m, okm = digits(s[5:])
			ok = ok && okm
		}
	case 10:
		if s[4] == '-' && s[7] == '-' {
			var okm, okd bool
			y, ok = digits(s[:4])
			m, okm = digits(s[5:7])
			d, okd = digits(s[8:])
			ok = ok && okm && okd
		}
	}
	if !ok {
		return Date{}, errDateSyntax
	}
	if y < minDateYear || y > maxDateYear {
		return Date{}, fmt.Errorf("year out of range %d..%d", minDateYear, maxDateYear)
	}
	switch len(s) {
	case 4:
		return YearDate(y), nil
	case 7:
		if m < 1 || m > 12 {
			return Date{}, fmt.Errorf("month %02d is not a month (01..12)", m)
		}
		return MonthDate(y, time.Month(m)), nil
	}
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("not a calendar date: month %02d is not a month (01..12)", m)
	}
	if d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("not a calendar date: %s has %d days", time.Month(m), daysIn(y, m))
	}
	return NewDate(y, time.Month(m), d), nil
}

// ParseDay reads one calendar day, YYYY-MM-DD: for dates that must be exact, such as a run's
// as_of cut-off.
func ParseDay(s string) (Date, error) {
	d, err := ParseDate(s)
	if err != nil {
		return Date{}, err
	}
	if !d.Exact() {
		return Date{}, fmt.Errorf("parse date %q: want a day, YYYY-MM-DD", s)
	}
	return d, nil
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
func (d Date) IsZero() bool { return d.lo == 0 }

// Precision returns how precisely d is known (0 for the zero Date).
func (d Date) Precision() Precision { return d.prec }

// Open reports whether d is "../x": x or earlier.
func (d Date) Open() bool { return d.open }

// Exact reports whether d is one day.
func (d Date) Exact() bool { return d.lo == d.hi && !d.IsZero() }

// First returns the first day of d's span (the zero Date for the zero Date).
func (d Date) First() Date {
	if d.IsZero() {
		return d
	}
	return Date{lo: d.lo, hi: d.lo, prec: PrecisionDay}
}

// Last returns the last day of d's span (the zero Date for the zero Date).
func (d Date) Last() Date {
	if d.IsZero() {
		return d
	}
	return Date{lo: d.hi, hi: d.hi, prec: PrecisionDay}
}

// Year returns the calendar year of d's last day: the year of a date of day, month or year
// precision, and the upper bound's year of "../x".
func (d Date) Year() int {
	y, _, _ := civilFromDays(d.hi - dayOffset)
	return y
}

// InYear reports whether the whole of d falls in calendar year y (data dictionary §2.3: an
// event of year precision Y falls in Y; "../2018" falls in no one year).
func (d Date) InYear(y int) bool {
	return !d.IsZero() && !d.open && d.lo >= daysFromCivil(y, 1, 1)+dayOffset && d.hi <= daysFromCivil(y, 12, 31)+dayOffset
}

// Before reports whether all of d is before all of e (certainly before).
func (d Date) Before(e Date) bool { return d.hi < e.lo }

// After reports whether all of d is after all of e (certainly after).
func (d Date) After(e Date) bool { return d.lo > e.hi }

// NotAfter reports whether all of d is on or before all of e: d is certainly not after e.
// For a day e it says that d had certainly happened by e.
func (d Date) NotAfter(e Date) bool { return d.hi <= e.lo }

// NotBefore reports whether all of d is on or after all of e.
func (d Date) NotBefore(e Date) bool { return d.lo >= e.hi }

// MayBeAfter reports whether some day of d is after some day of e.
func (d Date) MayBeAfter(e Date) bool { return d.hi > e.lo }

// triState is a three-valued truth: a comparison of spans that the spans do not decide is
// triUnknown.
type triState int8

// The truth values.
const (
	triUnknown triState = iota
	triFalse
	triTrue
)

// Bool returns the truth as a *bool: nil for triUnknown.
func (t triState) Bool() *bool {
	switch t {
	case triTrue:
		return boolPtr(true)
	case triFalse:
		return boolPtr(false)
	}
	return nil
}

func (t triState) String() string { return [...]string{"unknown", "false", "true"}[t] }

func tri(yes, no bool) triState {
	switch {
	case yes:
		return triTrue
	case no:
		return triFalse
	}
	return triUnknown
}

// onOrBefore says whether d is on or before e: triTrue when every day of d is on or before
// every day of e, triFalse when every day of d is after every day of e, triUnknown otherwise.
func (d Date) onOrBefore(e Date) triState { return tri(d.hi <= e.lo, d.lo > e.hi) }

// strictlyBefore says whether d is before e, three-valued.
func (d Date) strictlyBefore(e Date) triState { return tri(d.hi < e.lo, d.lo >= e.hi) }

// AddDays returns d shifted by n days. A date that is not one day becomes a span.
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return d
	}
	d.lo += int32(n)
	d.hi += int32(n)
	if d.prec != PrecisionDay {
		d.prec, d.open = PrecisionSpan, false
	}
	return d
}

// Clip returns the part of d on or after from (a day or span's first day): a completion cannot
// precede the obligation it completes. The precision is kept when nothing is cut off.
func (d Date) Clip(from Date) Date {
	if d.IsZero() || from.IsZero() || d.lo >= from.lo {
		return d
	}
	if from.lo > d.hi {
		return Date{}
	}
	d.lo = from.lo
	if d.lo == d.hi {
		d.prec = PrecisionDay
	} else {
		d.prec = PrecisionSpan
	}
	d.open = false
	return d
}

// daysBetween gives the whole days from the last day of a to the first day of b, and from the
// first day of a to the last of b: the least and the most that can have elapsed.
func daysBetween(a, b Date) (least, most int) {
	return int(b.lo - a.hi), int(b.hi - a.lo)
}

// monthsBetween gives the whole calendar months elapsed from a to b, least and most, counting
// a month when the day of the month is reached (2024-02-06 to 2024-05-31: 3).
func monthsBetween(a, b Date) (least, most int) {
	months := func(x, y int32) int {
		y1, m1, d1 := civilFromDays(x - dayOffset)
		y2, m2, d2 := civilFromDays(y - dayOffset)
		n := (y2-y1)*12 + m2 - m1
		if d2 < d1 {
			n--
		}
		return n
	}
	return months(a.hi, b.lo), months(a.lo, b.hi)
}

// yearFraction places the end of the last day of d on a continuous year scale: 2026-12-31 is
// 2027.0.
func yearFraction(d Date) float64 {
	y, _, _ := civilFromDays(d.hi - dayOffset)
	jan1 := daysFromCivil(y, 1, 1) + dayOffset
	days := 365.0
	if isLeap(y) {
		days = 366
	}
	return float64(y) + float64(d.hi-jan1+1)/days
}

// YearFraction places the end of the last day of d on a continuous year scale, as the deadline
// projections and the deadline risk compare dates with fractional years: 2026-12-31 is 2027.0.
func (d Date) YearFraction() float64 { return yearFraction(d) }

// pad appends n, a non-negative number, zero-padded to width digits, without allocating.
func pad(b []byte, n, width int) []byte {
	var digits [8]byte
	i := len(digits)
	for n >= 10 && i > 1 {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	digits[i] = byte('0' + n%10)
	for w := len(digits) - i; w < width; w++ {
		b = append(b, '0')
	}
	return append(b, digits[i:]...)
}

func isoDay(b []byte, days int32) []byte {
	y, m, d := civilFromDays(days - dayOffset)
	b = pad(b, y, 4)
	b = append(b, '-')
	b = pad(b, m, 2)
	b = append(b, '-')
	return pad(b, d, 2)
}

// String writes d as precisely as it is known: 2023-06-14, 2023-06, 2023, ../2018, or
// "first/last" (ISO 8601 interval) for a span; "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var buf [32]byte
	return string(d.appendISO(buf[:0]))
}

func (d Date) appendISO(b []byte) []byte {
	if d.open {
		b = append(b, "../"...)
	}
	y, m, _ := civilFromDays(d.hi - dayOffset)
	switch d.prec {
	case PrecisionYear:
		return pad(b, y, 4)
	case PrecisionMonth:
		b = pad(b, y, 4)
		b = append(b, '-')
		return pad(b, m, 2)
	case PrecisionSpan:
		b = isoDay(b, d.lo)
		b = append(b, '/')
		return isoDay(b, d.hi)
	}
	return isoDay(b, d.hi)
}

// Text writes d for people, as precisely as it is known: "14 June 2023", "June 2023", "2023",
// "2018 or earlier", "between 1 July 2023 and 1 June 2024"; "" for the zero Date.
func (d Date) Text() string {
	if d.IsZero() {
		return ""
	}
	day := func(n int32) string {
		y, m, dd := civilFromDays(n - dayOffset)
		return strconv.Itoa(dd) + " " + time.Month(m).String() + " " + strconv.Itoa(y)
	}
	y, m, _ := civilFromDays(d.hi - dayOffset)
	var s string
	switch d.prec {
	case PrecisionYear:
		s = strconv.Itoa(y)
	case PrecisionMonth:
		s = time.Month(m).String() + " " + strconv.Itoa(y)
	case PrecisionSpan:
		return "between " + day(d.lo) + " and " + day(d.hi)
	default:
		s = day(d.hi)
	}
	if d.open {
		s += " or earlier"
	}
	return s
}

// MarshalText writes d as String does; the zero Date is "".
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return d.appendISO(nil), nil
}

// UnmarshalText reads what MarshalText writes: "" is the zero Date. A span of days
// ("first/last") is read back as written.
func (d *Date) UnmarshalText(b []byte) error {
	s := string(b)
	if s == "" {
		*d = Date{}
		return nil
	}
	if i := indexByte(s, '/'); i == 10 && len(s) == 21 {
		a, err1 := ParseDate(s[:10])
		z, err2 := ParseDate(s[11:])
		if err1 != nil || err2 != nil || z.Before(a) {
			return fmt.Errorf("parse date %q: not a span of two days in order", s)
		}
		*d = Date{lo: a.lo, hi: z.hi, prec: PrecisionSpan}
		if a == z {
			*d = a
		}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// yearEnd is 31 December of y.
// YearsBefore is the day n years before d: the same month and day, 29 February becoming 28
// February in a year that has none. d is a day (ParseDay); a date of month or year precision
// moves by whole years as it is.
func (d Date) YearsBefore(n int) Date {
	if d.IsZero() || n == 0 {
		return d
	}
	if d.prec != PrecisionDay {
		y, m, _ := civilFromDays(d.lo - dayOffset)
		if d.prec == PrecisionMonth {
			return MonthDate(y-n, time.Month(m))
		}
		return YearDate(y - n)
	}
	y, m, day := civilFromDays(d.lo - dayOffset)
	y -= n
	if m == 2 && day == 29 && !isLeap(y) {
		day = 28
	}
	return NewDate(y, time.Month(m), day)
}

func yearEnd(y int) Date { return NewDate(y, time.December, 31) }

// minDate returns the earlier of two days.
func minDate(a, b Date) Date {
	if a.Before(b) {
		return a
	}
	return b
}

// article17EIF is the entry-into-force date for a deposit on dep (Article 17): the later of
// 2010-08-01 and the first day of the sixth month after the month of deposit. A deposit known
// to the month gives an exact day; one known to the year gives the span of the possible days.
func article17EIF(dep Date) Date {
	at := func(days int32) int32 {
		y, m, _ := civilFromDays(days - dayOffset)
		m += 6
		if m > 12 {
			y, m = y+1, m-12
		}
		eif := daysFromCivil(y, m, 1) + dayOffset
		if floor := daysFromCivil(2010, 8, 1) + dayOffset; eif < floor {
			return floor
		}
		return eif
	}
	lo, hi := at(dep.lo), at(dep.hi)
	if lo == hi {
		return Date{lo: lo, hi: hi, prec: PrecisionDay}
	}
	return Date{lo: lo, hi: hi, prec: PrecisionSpan}
}
