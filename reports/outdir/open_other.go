//go:build !unix

package outdir

import (
	"fmt"
	"os"
)

// openRegular opens p for reading when it is a regular file; the caller checks again once it
// is open.
func openRegular(p string) (*os.File, error) {
	st, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	return os.Open(p)
}
