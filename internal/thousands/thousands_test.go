package thousands

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGroup(t *testing.T) {
	tests := []struct {
		s         string
		minDigits int
		want      string
	}{
		{"0", 4, "0"},
		{"999", 4, "999"},
		{"1000", 4, "1,000"},
		{"1234", 5, "1234"},
		{"12345", 5, "12,345"},
		{"-1234567.25", 4, "-1,234,567.25"},
		{"13400000", 4, "13,400,000"},
		{"-999.5", 4, "-999.5"},
		{"100000", 0, "100,000"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Group(tt.s, tt.minDigits), "%s, %d", tt.s, tt.minDigits)
	}
}

func TestPlain(t *testing.T) {
	for _, c := range []struct {
		v    float64
		dec  int
		want string
	}{
		{1234567.25, 2, "1234567.25"},
		{-0.001, 2, "0.00"},
		{-0.0, 0, "0"},
		{-1.5, 1, "-1.5"},
		{2.5, 0, "2"},
	} {
		assert.Equal(t, c.want, Plain(c.v, c.dec), "%v, %d", c.v, c.dec)
	}
}
