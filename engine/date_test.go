package engine

import (
	"testing"

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
