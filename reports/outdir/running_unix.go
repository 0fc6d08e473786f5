//go:build unix

package outdir

import "syscall"

// running reports whether a process with this id runs (or cannot be signalled: assumed
// running, so that its directory is left alone).
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
