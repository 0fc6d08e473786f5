package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/engine"
)

func TestWriteFields(t *testing.T) {
	fields := engine.Fields()
	require.NotEmpty(t, fields)
	tests := []struct {
		format string
		want   []string
	}{
		{"table", []string{"FIELD  ", "  LABEL  ", "\nparty  ", "  State Party  ", "  FORM  ", "\nart6_assistance_provided_usd  ", "  international assistance provided  "}},
		{"md", []string{"| Field | Label | Type | Unit | Scope | Kind | Form | Nil possible | Description |\n| --- |", "\n| `party` | State Party | bool | - | ",
			"| `art4_area_cancelled_m2` | area cancelled by non-technical survey | number | m2 | year | report | F: Article 7.1(i): land release by method | yes |"}},
		{"json", []string{`"name": "party"`, `"label": "State Party"`, `"form": "F"`, `"item": "Article 7.1(i): land release by method"`}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteFields(&b, fields, tt.format))
			for _, w := range tt.want {
				assert.Contains(t, b.String(), w)
			}
			if tt.format == "table" {
				for _, line := range strings.Split(b.String(), "\n") {
					assert.NotContains(t, line, "\t")
				}
			}
		})
	}
	assert.Error(t, WriteFields(&bytes.Buffer{}, fields, "yaml"))
}

func TestFieldType(t *testing.T) {
	for _, f := range engine.Fields() {
		if len(f.Enum) > 0 {
			assert.Equal(t, "enum("+strings.Join(f.Enum, "|")+")", fieldType(f))
			return
		}
	}
	t.Skip("no enum field in the dictionary")
}
