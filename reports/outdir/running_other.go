//go:build !unix

package outdir

// running cannot tell on this system: a marked temporary directory of another process is
// assumed to be in use and left alone.
func running(int) bool { return true }
