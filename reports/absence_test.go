package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lapmonitor/lap/reports/internal/golden"
)

// TestArticle7AbsenceMarked: in the sample, the register of annual reports is invented
// (registers.csv declares it illustrative), so a report "none recorded", and the verdict
// "not received by the deadline" that rests on it, carries the illustrative mark, as an
// invented date does. Australia's 2024 report is an invented receipt after the cut-off. The
// Article 7 section of the sample's report is locked as a golden file.
func TestArticle7AbsenceMarked(t *testing.T) {
	s := loadSample(t)
	var b bytes.Buffer
	require.NoError(t, s.r.WriteMarkdown(&b))
	md := b.String()
	start := strings.Index(md, `<a id="article7"></a>`)
	require.GreaterOrEqual(t, start, 0, "the report has an Article 7 section")
	section := md[start:]
	head := strings.Index(section, "\n## ") + 4 // the section's own heading
	if end := strings.Index(section[head:], "\n## "); end >= 0 {
		section = section[:head+end+1]
	}
	golden.Check(t, "report/article7-sample.md", []byte(section))

	var aus string
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "| Australia |") || strings.HasPrefix(line, "| [Australia]") {
			aus = line
		}
	}
	require.NotEmpty(t, aus, "Australia has a row")
	assert.Contains(t, aus, "none recordedⁱ | not received by the deadline", "the absence rests on an invented register")
	assert.NotContains(t, section, "none recorded |", "no absence is left unmarked")

	// the profile says the same, and counts the absence among its illustrative figures
	p := profileOf(t, "AUS")
	last := p.Reporting.Annual[len(p.Reporting.Annual)-1]
	assert.Equal(t, "none recorded", last.Received.Value)
	assert.Equal(t, "ⁱ", last.Received.Mark().Symbol)
}
