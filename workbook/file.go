package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/lapmonitor/lap/engine"
)

// The bounds of a workbook that Read accepts, checked before anything is parsed.
const (
	// MaxFileSize is the largest .xlsx file read. The sample dataset's workbook is about 1 MB.
	MaxFileSize = 32 << 20
	// MaxUnzippedSize bounds the sum of the sizes that the file's zip entries declare; Go's
	// zip reader refuses an entry that inflates beyond its declared size, so together they
	// stop zip bombs.
	MaxUnzippedSize = 256 << 20
	// maxZipEntries bounds the number of entries in the zip archive.
	maxZipEntries = 10000
	// maxXMLInMemory is the size above which excelize unzips a worksheet to a temporary file.
	maxXMLInMemory = 16 << 20
	// maxCellChars is the most characters an Excel cell holds.
	maxCellChars = 32767
)

// readBounded reads the regular file at path with the engine's bounded reader (engine.ReadInput):
// what is not a regular file, or is larger than MaxFileSize, is refused before it is read.
func readBounded(path string) ([]byte, *Problem) {
	name := filepath.Base(path)
	data, err := engine.ReadInput(os.DirFS(filepath.Dir(path)), name, MaxFileSize)
	if err == nil {
		return data, nil
	}
	p := &Problem{File: name, Code: CodeRead, Message: "read workbook: " + err.Error()}
	var d *engine.Diagnostic
	if errors.As(err, &d) {
		p.Message = "read workbook: " + d.Message
		switch d.Code {
		case engine.CodeNotRegular:
			p.Code = CodeNotRegular
		case engine.CodeTooLarge:
			p.Code = CodeTooLarge
		}
	}
	return nil, p
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// openBytes opens the content of an .xlsx file after checking that it is a zip archive
// within bounds; name is the file name that problems carry.
func openBytes(name string, data []byte) (*excelize.File, *Problem) {
	fail := func(code, format string, args ...any) (*excelize.File, *Problem) {
		return nil, &Problem{File: name, Code: code, Message: fmt.Sprintf(format, args...)}
	}
	if len(data) == 0 {
		return fail(CodeEmptyFile, "the file is empty; want an Excel workbook (.xlsx)")
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return fail(CodeNotXLSX, "not an Excel workbook (.xlsx): %s", sniff(data))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail(CodeNotXLSX, "not an Excel workbook (.xlsx): the zip archive is damaged (%v)", err)
	}
	if len(zr.File) > maxZipEntries {
		return fail(CodeTooLarge, "the workbook holds %d parts, more than the limit of %d", len(zr.File), maxZipEntries)
	}
	var total uint64
	hasWorkbook := false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if strings.EqualFold(zf.Name, "xl/workbook.xml") {
			hasWorkbook = true
		}
	}
	if total > MaxUnzippedSize {
		return fail(CodeTooLarge, "the workbook unzips to %d bytes, more than the limit of %d MiB", total, MaxUnzippedSize>>20)
	}
	if !hasWorkbook {
		return fail(CodeNotXLSX, "not an Excel workbook (.xlsx): a zip archive without xl/workbook.xml (an OpenDocument .ods or another format?)")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: MaxUnzippedSize, UnzipXMLSizeLimit: maxXMLInMemory,
	})
	if err != nil {
		return fail(CodeNotXLSX, "not a readable Excel workbook: %v", err)
	}
	return f, nil
}

// sniff says what a file that is not a zip archive looks like.
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "an old-style .xls workbook or a password-protected one; save it as an unprotected .xlsx workbook"
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "a PDF document"
	}
	head := data[:min(len(data), 4096)]
	if utf8.Valid(head) || utf8.Valid(head[:max(0, len(head)-3)]) {
		if bytes.ContainsAny(head, ",;\t") && bytes.Contains(head, []byte("\n")) {
			return "it is text that looks like CSV; a CSV file renamed .xlsx? Open it in a spreadsheet program and save it as an Excel workbook, or load it as facts.csv"
		}
		return "it is plain text"
	}
	return "the file is not a zip archive"
}

// newFile returns an empty workbook with the document properties lap writes.
func newFile(title string) *excelize.File {
	f := excelize.NewFile()
	_ = f.SetDocProps(&excelize.DocProperties{
		Creator: "lap", Title: title, Description: "Written by lap, the Lausanne Action Plan monitoring engine.",
		Created: "2021-09-21T00:00:00Z", Modified: "2021-09-21T00:00:00Z", // fixed: outputs never depend on the clock
	})
	return f
}

// save writes f to w with its zip entries in name order, so that the same workbook gives the
// same bytes (excelize writes some parts in map order).
func save(f *excelize.File, w io.Writer) error {
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w, parts: map[string]*bytes.Buffer{}} })
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// sortedZip is an excelize.ZipWriter that holds the parts and writes them sorted by name.
type sortedZip struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("workbook: AddFS is not supported")
}

func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	sort.Strings(names)
	zw := zip.NewWriter(z.w)
	for _, n := range names {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := fw.Write(z.parts[n].Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}

// cellName is the A1 name of column col (1-based) and row.
func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// colName is the letter name of column col (1-based).
func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}
