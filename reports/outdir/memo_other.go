//go:build !linux

package outdir

import (
	"os"
	"time"
)

type fileID struct {
	nlink uint64
	size  int64
}

// stat is not available here: no identity is recorded, and every check reads the files.
func (fileID) stat() *Stat { return nil }

// identity is not available here: every check reads the files.
func identity(*os.File) (fileID, bool) { return fileID{}, false }

// infoID is not available here.
func infoID(os.FileInfo) (fileID, bool) { return fileID{}, false }

func settled(fileID, time.Time) bool { return false }

func sameContent(fileID, fileID) bool { return false }
