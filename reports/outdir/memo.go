package outdir

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// A run checks the previous output more than once (Check before the work, Create, and Commit
// again just before the rename), and each check hashes every file: four times the previous
// report's 10 MB. memo remembers, for this process, the hash of each file read together with
// the file's identity (device, inode, size, modification and change times). A file whose
// identity is the same when it is checked again is not read again, provided it had settled
// when it was hashed: its change time lay more than the file system's timestamp granularity
// before the hash began, so that any later write, which sets the change time to the clock at
// that moment, gives it another identity. The change time cannot be set by a program. Where
// the identity is not available (systems other than Linux), every check reads the files.
var memo struct {
	sync.Mutex
	m map[string]memoEntry
}

// maxMemo bounds memo: a long-running process (the web server) that writes many outputs
// starts it afresh when it is full.
const maxMemo = 1 << 16

type memoEntry struct {
	id   fileID
	size int64
	sum  string
}

// hashBufs are the buffers hashFile reads through: a check hashes every file of the earlier
// output (450 for the sample report), and a buffer each was 14 MB of allocation.
var hashBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// fileReads counts the files hashFile has read (tests).
var fileReads atomic.Int64

// hashFile returns the size and SHA-256 (hex) of the regular file p, from memo when p was
// hashed before in this process and has the same settled identity.
func hashFile(p string) (int64, string, error) {
	if st, err := os.Lstat(p); err == nil { // one system call where opening the file takes four
		if id, ok := infoID(st); ok {
			if size, sum, ok := memoGet(p, id); ok {
				return size, sum, nil
			}
		}
	}
	f, err := openRegular(p)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	before, idOK := identity(f)
	start := time.Now()
	fileReads.Add(1)
	h := sha256.New()
	buf := hashBufs.Get().(*[]byte)
	n, err := io.CopyBuffer(h, struct{ io.Reader }{f}, *buf) // the struct hides File.WriteTo, which would allocate a buffer of its own
	hashBufs.Put(buf)
	if err != nil {
		return 0, "", err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if idOK {
		if after, ok := identity(f); ok && after == before && settled(before, start) {
			memo.Lock()
			if memo.m == nil || len(memo.m) >= maxMemo {
				memo.m = map[string]memoEntry{}
			}
			memo.m[p] = memoEntry{id: before, size: n, sum: sum}
			memo.Unlock()
		}
	}
	return n, sum, nil
}

// memoGet returns the remembered size and hash of the file at p when its identity is still id.
func memoGet(p string, id fileID) (size int64, sum string, ok bool) {
	memo.Lock()
	e, ok := memo.m[p]
	memo.Unlock()
	if !ok || e.id != id {
		return 0, "", false
	}
	return e.size, e.sum, true
}

// memoRelink records that the file at p, remembered with identity before, now has identity
// after because a link to it was made (which changes its link count and change time, not its
// content: sameContent holds).
func memoRelink(p string, before, after fileID) {
	memo.Lock()
	defer memo.Unlock()
	if e, ok := memo.m[p]; ok && e.id == before {
		e.id = after
		memo.m[p] = e
	}
}

// known reports, from one Lstat of p, whether the file at p holds what want says, without
// reading it: this process hashed it (memo, by its identity) or it is unchanged since lap
// wrote it (see unchangedID). A check of the earlier output relies on it for every file; a
// file linked into the new output has another change time, so that the check just before
// the rename (Commit) finds it in memo (memoRelink).
func known(p string, want File) bool {
	st, err := os.Lstat(p)
	if err != nil {
		return false
	}
	id, ok := infoID(st)
	if !ok {
		return false
	}
	if size, sum, ok := memoGet(p, id); ok {
		return size == want.Size && sum == want.SHA256
	}
	return unchangedID(p, id, want)
}

// unchangedID reports whether the file at p, of identity id, is the one lap wrote as want: it
// still has the identity recorded in the manifest (want.Stat, only ever recorded for a
// settled file: see Dir.recordStats), so it has not been written since. It then remembers
// want's hash for p (memo), as if the file had been read now: the later checks of this run
// and a link to the file (Dir.link) rely on it as on a hash.
func unchangedID(p string, id fileID, want File) bool {
	if want.Stat == nil || id.size != want.Size || id.stat() == nil || *id.stat() != *want.Stat {
		return false
	}
	memo.Lock()
	if memo.m == nil || len(memo.m) >= maxMemo {
		memo.m = map[string]memoEntry{}
	}
	memo.m[p] = memoEntry{id: id, size: want.Size, sum: want.SHA256}
	memo.Unlock()
	return true
}

// manifests remembers, for this process, each manifest a check read, with the identity of
// its file: a run checks the earlier output up to three times (Check before the work, Create,
// Commit), and decoding the sample report's manifest is a few milliseconds each time. A
// manifest is taken from here only when its file still has the identity it had, settled,
// when it was read (see memo). What is remembered is never changed: Dir.Previous gives a copy.
var manifests struct {
	sync.Mutex
	m map[string]manifestEntry
}

type manifestEntry struct {
	id fileID
	m  *Manifest
}

// readMemo is Read for the checks: from manifests when the manifest file of dir is unchanged.
func readMemo(dir string) (*Manifest, error) {
	p := filepath.Join(dir, ManifestName)
	if st, err := os.Lstat(p); err == nil {
		if id, ok := infoID(st); ok {
			manifests.Lock()
			e, ok := manifests.m[p]
			manifests.Unlock()
			if ok && e.id == id {
				return e.m, nil
			}
		}
	}
	m, id, ok, err := read(dir)
	if err != nil || !ok {
		return m, err
	}
	manifests.Lock()
	if manifests.m == nil || len(manifests.m) >= 64 {
		manifests.m = map[string]manifestEntry{}
	}
	manifests.m[p] = manifestEntry{id: id, m: m}
	manifests.Unlock()
	return m, nil
}
