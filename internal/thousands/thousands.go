// Package thousands groups the digits of numbers written for people, in one way for the
// engine's sentences and the reports' tables and charts: "13,400,000".
package thousands

import (
	"strconv"
	"strings"
)

// Group inserts a comma between the groups of three digits of the whole part of s, a decimal
// number as strconv writes it ("-1234567.25" gives "-1,234,567.25"), when the whole part has
// at least minDigits digits: 4 groups every number from 1,000; 5 leaves "1234" as it is, as
// a chart's axis does until one of its labels reaches 10,000.
func Group(s string, minDigits int) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if len(whole) < max(minDigits, 4) {
		return sign + s
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// Plain writes v with dec decimals and no grouping, never as "-0" ("-0.00" gives "0.00"): the
// number before Group, and the plain count a language's plural rules read.
func Plain(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}
