//go:build unix

package outdir

import (
	"os"
	"syscall"
)

// openRegular opens p for reading without following a symbolic link at its end and without
// blocking on a named pipe; the caller checks that it is a regular file.
func openRegular(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}
