package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProject(t *testing.T) {
	d := MustDate
	tests := []struct {
		name       string
		in         ProjectionInput
		status     ProjectionStatus
		completion *int
		years      *float64
		needed     *float64
	}{
		// 400 left at the end of 2024, 200 a year: done at the end of 2026 (2027.0); the deadline
		// 2027-12-31 is 2028.0, a year later: on course with a margin of exactly 1
		{name: "on course", in: ProjectionInput{Remaining: 400, RemainingYear: 2024, Rate: 200, Deadline: d("2027-12-31"), MarginYears: 1},
			status: ProjectionOnCourse, completion: intPtr(2026), years: num(2), needed: num(400.0 / 3)},
		// deadline 2027-06-01 = 2027 + 152/365: completion 2027.0 is within a year of it
		{name: "at risk", in: ProjectionInput{Remaining: 400, RemainingYear: 2024, Rate: 200, Deadline: d("2027-06-01"), MarginYears: 1},
			status: ProjectionAtRisk, completion: intPtr(2026), years: num(2), needed: num(400 / (2 + 152.0/365))},
		{name: "will miss", in: ProjectionInput{Remaining: 1000, RemainingYear: 2024, Rate: 150, Deadline: d("2026-12-31"), MarginYears: 1},
			status: ProjectionWillMiss, completion: intPtr(2031), years: num(1000.0 / 150), needed: num(500)},
		{name: "completion falling exactly at a year end", in: ProjectionInput{Remaining: 300, RemainingYear: 2024, Rate: 100, Deadline: d("2027-12-31")},
			status: ProjectionOnCourse, completion: intPtr(2027), years: num(3), needed: num(100)},
		{name: "nothing done: no completion", in: ProjectionInput{Remaining: 500, RemainingYear: 2024, Rate: 0, Deadline: d("2029-12-31"), MarginYears: 1},
			status: ProjectionWillMiss, needed: num(100)},
		{name: "deadline already passed", in: ProjectionInput{Remaining: 500, RemainingYear: 2024, Rate: 1000, Deadline: d("2024-08-01"), MarginYears: 1},
			status: ProjectionWillMiss, completion: intPtr(2025), years: num(0.5)},
		{name: "nothing left", in: ProjectionInput{Remaining: 0, RemainingYear: 2024, Rate: 0, Deadline: d("2026-08-01"), MarginYears: 1},
			status: ProjectionOnCourse, completion: intPtr(2024), years: num(0), needed: num(0)},
		{name: "no deadline", in: ProjectionInput{Remaining: 400, RemainingYear: 2024, Rate: 200, MarginYears: 1},
			status: ProjectionNoData, completion: intPtr(2026), years: num(2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr := Project(tt.in)
			assert.Equal(t, tt.status, pr.Status)
			assert.Equal(t, tt.completion, pr.CompletionYear)
			assertNum(t, "years_needed", tt.years, pr.YearsNeeded)
			assertNum(t, "rate_needed", tt.needed, pr.RateNeeded)
		})
	}
}

func TestYearFraction(t *testing.T) {
	assert.InDelta(t, 2027.0, yearFraction(MustDate("2026-12-31")), 1e-12)
	assert.InDelta(t, 2024+1.0/366, yearFraction(MustDate("2024-01-01")), 1e-12)
	assert.InDelta(t, 2027+152.0/365, yearFraction(MustDate("2027-06-01")), 1e-12)
}
