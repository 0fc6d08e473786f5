package reports

import (
	"bytes"
	"sync"
	"testing"

	"github.com/lapmonitor/lap/reports/locale"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrepareTemplates: preparing the templates of every language at once, while a report
// is written, is safe (run with -race) and changes nothing in what is written: the page
// written beside the preparing is the one written after it, and each language's templates
// are made once.
func TestPrepareTemplates(t *testing.T) {
	r := sampleReport(t, locale.French)
	write := func() []byte {
		var b bytes.Buffer
		require.NoError(t, r.WriteMarkdown(&b))
		return b.Bytes()
	}
	var during []byte
	var wg sync.WaitGroup
	for _, l := range append(locale.Langs(), "xx") {
		wg.Go(func() { PrepareTemplates(l) })
	}
	wg.Go(func() { during = write() })
	wg.Wait()
	assert.Equal(t, write(), during)
	assert.Same(t, htmlIn(locale.French), htmlIn(locale.French))
}
