package engine

import (
	"testing"

	"github.com/expr-lang/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRuleDateFunctions: rules compare dates with before/after/on_or_before/on_or_after, which
// give nil where the precision does not decide (data dictionary §2.3).
func TestRuleDateFunctions(t *testing.T) {
	str := func(s string) *string { return &s }
	env := ruleEnv{Art3CompletedDate: str("2023"), Art3Deadline: str("2023-11-01"), Art4CompletedDate: str("2023-08"),
		Art4Deadline: str("2023-09-01"), EntryIntoForce: str("2023-07-01/2024-06-01"), Art4ObligationStart: str("../2018")}
	tests := []struct {
		src  string
		want any
	}{
		{`on_or_before(art3_completed_date, art3_deadline)`, nil},  // completed 2023, deadline 2023-11-01
		{`on_or_before(art4_completed_date, art4_deadline)`, true}, // completed August 2023
		{`before(art4_deadline, art4_completed_date)`, false},      // the deadline was not before it
		{`after(art4_completed_date, art4_deadline)`, false},       // not late
		{`on_or_after(art4_deadline, art4_completed_date)`, true},  // the same question turned round
		{`before(art3_completed_date, "2024")`, true},              // literals as precise as wanted
		{`after(art3_completed_date, "2022-12-31")`, true},         //
		{`before(entry_into_force, "2024-07")`, true},              // a derived span of days
		{`before(entry_into_force, "2024-01-01")`, nil},            //
		{`before(art4_obligation_start, "2019")`, true},            // 2018 or earlier
		{`on_or_before(art3_completed_date, art3_deadline) ?? false`, false},
		{`on_or_before(art4_completion_declared_date, "2030")`, nil}, // absent field
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e, xe := compileExpr(tt.src, wantBool)
			require.Nil(t, xe, "%+v", xe)
			out, err := expr.Run(e.program, env)
			require.NoError(t, err)
			if p, ok := out.(*bool); ok {
				if p == nil {
					out = nil
				} else {
					out = *p
				}
			}
			assert.Equal(t, tt.want, out)
		})
	}
}

// TestRuleDateMisuse: ordering operators on date fields and bad date literals are refused at load,
// with the position.
func TestRuleDateMisuse(t *testing.T) {
	tests := []struct {
		src, code, msg string
		col            int
	}{
		{`art3_completed_date <= art3_deadline`, CodeExprType, "art3_completed_date is a date", 20},
		{`party && ratified > "2021-09-21"`, CodeExprType, "ratified is a date", 18},
		{`before(art3_completed_date, "2023-13")`, CodeBadDate, `before: parse date "2023-13": month 13`, 28},
		{`after(art3_completed_date, "31/12/2023")`, CodeBadDate, "want YYYY-MM-DD, YYYY-MM or YYYY", 27},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, xe := compileExpr(tt.src, wantBool)
			require.NotNil(t, xe)
			assert.Equal(t, tt.code, xe.code)
			assert.Contains(t, xe.msg, tt.msg)
			assert.Equal(t, tt.col, xe.col)
			if tt.code == CodeExprType {
				assert.Contains(t, xe.hint, "on_or_before(a, b)")
			}
		})
	}
	_, xe := compileExpr(`art3_completed_date == "2023"`, wantBool)
	assert.Nil(t, xe, "equality of dates as written is allowed")
}
