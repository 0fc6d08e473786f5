//go:build linux

package outdir

import (
	"os"
	"syscall"
	"time"
)

// fileID is what identifies one state of a file: a write changes its change time (ctime).
type fileID struct {
	dev, ino, nlink uint64
	size            int64
	mtime, ctime    int64 // nanoseconds
}

// identity returns the identity of the open file f.
func identity(f *os.File) (fileID, bool) {
	st, err := f.Stat()
	if err != nil {
		return fileID{}, false
	}
	return infoID(st)
}

// infoID returns the identity of a regular file from its os.Stat or os.Lstat.
func infoID(fi os.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.Mode().IsRegular() {
		return fileID{}, false
	}
	return fileID{
		dev: uint64(st.Dev), ino: uint64(st.Ino), nlink: uint64(st.Nlink), size: st.Size,
		mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(),
	}, true
}

// stat returns the identity a manifest records (File.Stat).
func (id fileID) stat() *Stat {
	return &Stat{Dev: id.dev, Ino: id.ino, MtimeNS: id.mtime, CtimeNS: id.ctime}
}

// settled reports whether a file of identity id, hashed from start on, could not have been
// written since without another change time. Linux stamps files from a clock that lags by up
// to a tick (10 ms at most); a file system that keeps whole seconds (its times have no
// fraction) is given two seconds, the coarsest there is (FAT).
func settled(id fileID, start time.Time) bool {
	margin := 100 * time.Millisecond
	if id.ctime%int64(time.Second) == 0 && id.mtime%int64(time.Second) == 0 {
		margin = 2 * time.Second
	}
	return id.ctime < start.Add(-margin).UnixNano()
}

// sameContent reports whether a and b are the same file, unwritten between them: same device,
// inode, size and modification time. It is what a link to the file leaves unchanged.
func sameContent(a, b fileID) bool {
	return a.dev == b.dev && a.ino == b.ino && a.size == b.size && a.mtime == b.mtime
}
