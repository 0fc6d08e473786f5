// Package outdir writes an output directory (lap report --out, lap whatif --out, and every
// command that writes a directory) whole or not at all, and never deletes what lap did not
// write.
//
// A run writes into a fresh temporary directory beside the target (so that the final rename
// stays on one file system), records every file it writes with its size and SHA-256 in a
// manifest, ManifestName, and renames the directory into place on Commit. An existing target
// is replaced only when it is empty or is lap's own output of the same command: it holds a
// manifest, and every file under it (checked recursively) is listed there, unchanged.
//
// Create and Check refuse, with a *RefusedError naming the reason and deleting nothing, a
// target that is a file or anything but a directory, a symbolic link, the working directory
// or one of its ancestors, an input (the data or plan directory, a scenario file) or one of
// its ancestors, and a non-empty directory lap did not write.
//
// A run stopped on the way (an error, a signal, a crash) leaves at most a temporary directory
// named .NAME.lap-tmp-* (or .NAME.lap-old-* between the two renames of Commit). The next
// Create for the same target removes them: those marked as being written by a process that
// is no longer running, and those holding lap's own output; an earlier output caught between
// the two renames is put back first when the target is missing.
//
// The manifest is also what a later run can read to reuse unchanged files of the previous
// output (Read, Dir.Previous): it lists every file with its content hash, sorted by path, and,
// for a file written with WriteFileKey, the key of what it was made from. Dir.Reuse copies such
// a file into the new output when the key is the same and the file still holds what the
// manifest says: lap report reuses the PNG charts whose content has not changed.
//
// Each file's identity when it was moved into place (File.Stat; Linux only, and only for a
// file that had settled) is in the manifest too: a later check that finds a file with that
// identity knows it unchanged without reading it (see unchanged); any other file is read and
// hashed.
package outdir

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ManifestName is the file, at the root of every output directory, that lists what lap wrote.
const ManifestName = ".lap-manifest.json"

// markerName marks a temporary directory being written, with the writer's process id.
const markerName = ".lap-writing"

// maxManifestBytes bounds the manifest read back from disk.
const maxManifestBytes = 16 << 20

// manifestVersion is the version of the manifest format lap writes: 2 added File.Key, 3
// File.Stat. Read accepts versions 1 to 3 (a version 1 manifest has no keys, so nothing in it
// is reused; before version 3 there are no identities, so every file is read to be checked).
const manifestVersion = 3

// maxReuseBytes bounds a file that Reuse reads back from the previous output.
const maxReuseBytes = 64 << 20

// Manifest lists the files of one output directory.
type Manifest struct {
	Tool    string `json:"tool"`    // always "lap"
	Version int    `json:"version"` // the manifest format, 1 or 2
	Command string `json:"command"` // the command that wrote the directory, e.g. "report"
	Files   []File `json:"files"`   // sorted by Path
}

// File is one file of an output directory.
type File struct {
	Path   string `json:"path"` // slash-separated, relative to the directory
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // hex
	// Key identifies what the file was made from, as given to WriteFileKey (for a chart: its
	// content and the renderer's version); empty for other files. Reuse compares it.
	Key string `json:"key,omitempty"`
	// Stat is the file's identity when lap wrote it, recorded only where the system gives one
	// (Linux) and the file had settled (see memo): a later check that finds the file with the
	// same identity knows it unchanged without reading it. Unlike everything else in the
	// manifest it differs from run to run.
	Stat *Stat `json:"stat,omitempty"`
}

// Stat is a file's identity: the device and inode that hold it, and its modification and
// change times in nanoseconds (with File.Size, the size). Any write gives a settled file
// another change time, and the change time cannot be set back by a program without root.
type Stat struct {
	Dev     uint64 `json:"dev"`
	Ino     uint64 `json:"ino"`
	MtimeNS int64  `json:"mtime_ns"`
	CtimeNS int64  `json:"ctime_ns"`
}

// Lookup returns the entry for a slash-separated path.
func (m *Manifest) Lookup(p string) (File, bool) {
	i := sort.Search(len(m.Files), func(i int) bool { return m.Files[i].Path >= p })
	if i < len(m.Files) && m.Files[i].Path == p {
		return m.Files[i], true
	}
	return File{}, false
}

// RefusedError is a target that the policy does not let lap write to. Nothing was changed.
type RefusedError struct {
	Target string // as given
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refuse to write %s: %s", e.Target, e.Reason)
}

func refuse(target, format string, args ...any) error {
	return &RefusedError{Target: target, Reason: fmt.Sprintf(format, args...)}
}

// Read reads the manifest of an output directory lap wrote. The error wraps fs.ErrNotExist
// when the directory has no manifest.
func Read(dir string) (*Manifest, error) {
	m, _, _, err := read(dir)
	return m, err
}

// read is Read that also returns the manifest file's identity when it is known, the same
// after the read as before, and settled when the read began (see memo); else ok is false.
func read(dir string) (_ *Manifest, id fileID, ok bool, _ error) {
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, id, false, fmt.Errorf("read manifest: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, id, false, fmt.Errorf("read manifest: %w", err)
	}
	start := time.Now()
	id, ok = infoID(st)
	if !st.Mode().IsRegular() || st.Size() > maxManifestBytes {
		return nil, id, false, fmt.Errorf("read manifest: %s is not a regular file of at most %d bytes", ManifestName, maxManifestBytes)
	}
	var m Manifest
	dec := json.NewDecoder(io.LimitReader(f, maxManifestBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, id, false, fmt.Errorf("read manifest %s: %w", ManifestName, err)
	}
	if m.Tool != "lap" || m.Version < 1 || m.Version > manifestVersion {
		return nil, id, false, fmt.Errorf("read manifest %s: not a lap manifest of version 1 to %d", ManifestName, manifestVersion)
	}
	sorted := sort.SliceIsSorted(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	if !sorted {
		return nil, id, false, fmt.Errorf("read manifest %s: files are not sorted", ManifestName)
	}
	if ok {
		after, aok := identity(f)
		ok = aok && after == id && settled(id, start)
	}
	return &m, id, ok, nil
}

// Check applies the policy to target without writing anything: nil when Create may write
// there (it does not exist, is empty, or holds lap's own output of command), else a
// *RefusedError. inputs are the paths the run reads (directories or files): the target may be
// neither one of them nor one of their ancestors.
func Check(target, command string, inputs ...string) error {
	_, err := check(target, command, inputs, false)
	return err
}

// check returns the manifest of the existing output (nil when the target is absent or empty).
// With trust, a walk of the same directory for the same command that passed earlier in this
// process stands for the walk when the manifest is unchanged since (see owned).
func check(target, command string, inputs []string, trust bool) (*Manifest, error) {
	if strings.TrimSpace(target) == "" {
		return nil, refuse(target, "the output directory is empty")
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return nil, fmt.Errorf("resolve output directory %s: %w", target, err)
	}
	st, err := os.Lstat(abs)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("check output directory %s: %w", target, err)
	}
	if exists && st.Mode()&fs.ModeSymlink != 0 {
		return nil, refuse(target, "it is a symbolic link; give the directory itself or a new path")
	}
	real, err := resolve(abs)
	if err != nil {
		return nil, fmt.Errorf("resolve output directory %s: %w", target, err)
	}
	if cwd, err := os.Getwd(); err == nil {
		if c, err := resolve(cwd); err == nil && within(c, real) {
			if c == real {
				return nil, refuse(target, "it is the working directory; give a new directory, such as out/report")
			}
			return nil, refuse(target, "it holds the working directory; give a new directory, such as out/report")
		}
	}
	for _, in := range inputs {
		if in == "" {
			continue
		}
		ia, err := filepath.Abs(in)
		if err != nil {
			continue
		}
		ir, err := resolve(ia)
		if err != nil {
			continue
		}
		if within(ir, real) {
			if ir == real {
				return nil, refuse(target, "it is %s, an input of this run", in)
			}
			return nil, refuse(target, "it holds %s, an input of this run", in)
		}
	}
	if !exists {
		return nil, nil
	}
	if !st.IsDir() {
		return nil, refuse(target, "it is a %s, not a directory", kind(st.Mode()))
	}
	return owned(target, abs, command, trust)
}

// walked remembers, for this process, the manifest of each directory whose walk (owned)
// passed, by directory and command: the manifest as readMemo gives it, which is the same
// pointer only while the manifest file keeps the identity it had, settled, when it was read.
var walked struct {
	sync.Mutex
	m map[string]*Manifest
}

// walks counts the walks of owned (tests).
var walks atomic.Int64

// owned checks that the directory abs is empty or lap's own output of command: every file
// under it is listed in its manifest and unchanged. With trust, when a walk of abs for
// command passed earlier in this process and the manifest is the one it read, the walk is
// not done again: Create relies on the Check that came before the work, since what it could
// find changed since (a file added or edited) is found by the walk of Commit, just before the
// rename, and is neither linked nor reused meanwhile (link and Reuse check each file again).
func owned(target, abs, command string, trust bool) (*Manifest, error) {
	entries, err := os.ReadDir(abs)
	if err != nil {
		return nil, fmt.Errorf("check output directory %s: %w", target, err)
	}
	if len(entries) == 0 {
		return nil, nil
	}
	m, err := readMemo(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, refuse(target, "it holds %s, and lap did not write it (there is no %s); lap replaces only its own output: give a new directory, or empty this one yourself",
				listNames(entries), ManifestName)
		}
		return nil, refuse(target, "%v", err)
	}
	if m.Command != command {
		return nil, refuse(target, "it holds the output of lap %s, not of lap %s; give another directory", m.Command, command)
	}
	key := abs + "\x00" + command
	if trust {
		walked.Lock()
		prev := walked.m[key]
		walked.Unlock()
		if prev == m {
			return m, nil
		}
	}
	walks.Add(1)
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(abs, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == ManifestName:
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			return refuse(target, "%s is a symbolic link, which lap does not write", rel)
		case d.IsDir():
			return nil // a directory is kept only for the files in it
		case !d.Type().IsRegular():
			return refuse(target, "%s is not a regular file, so lap did not write it", rel)
		}
		want, ok := m.Lookup(rel)
		if !ok {
			return refuse(target, "it holds %s, which lap did not write (it is not in %s); move it away or give another directory", rel, ManifestName)
		}
		if known(p, want) {
			return nil
		}
		size, sum, err := hashFile(p)
		if err != nil {
			return err
		}
		if size != want.Size || sum != want.SHA256 {
			return refuse(target, "%s was changed after lap wrote it; move it away or give another directory", rel)
		}
		return nil
	})
	if err != nil {
		var re *RefusedError
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, fmt.Errorf("check output directory %s: %w", target, err)
	}
	walked.Lock()
	if walked.m == nil || len(walked.m) >= 64 {
		walked.m = map[string]*Manifest{}
	}
	walked.m[key] = m
	walked.Unlock()
	return m, nil
}

func listNames(entries []os.DirEntry) string {
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) > 3 {
		return strings.Join(names[:3], ", ") + fmt.Sprintf(" and %d more", len(names)-3)
	}
	return strings.Join(names, ", ")
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "file"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeSocket != 0:
		return "socket"
	}
	return "special file"
}

// resolve returns abs with every symbolic link in its existing part resolved.
func resolve(abs string) (string, error) {
	rest := ""
	p := abs
	for {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// within reports whether p is dir or inside it (both cleaned absolute paths).
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Dir is an output directory being written: files go into a temporary directory that Commit
// moves into place. Its methods are safe for concurrent use.
type Dir struct {
	target  string // as given
	abs     string
	tmp     string
	command string
	inputs  []string
	prev    *Manifest

	mu    sync.Mutex
	files map[string]File
	done  bool

	dirs   sync.Map        // the directories made in tmp (mkdir): a stat a file fewer
	linked map[string]bool // the files linked from the earlier output (link), under mu
}

// Create checks target (see Check), removes what earlier interrupted runs left beside it, and
// creates the temporary directory to write into. Call Commit to move it into place, or Abort.
func Create(target, command string, inputs ...string) (*Dir, error) {
	abs, err := filepath.Abs(target)
	if err != nil {
		return nil, fmt.Errorf("resolve output directory %s: %w", target, err)
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory %s: %w", target, err)
	}
	prev, err := check(target, command, inputs, true)
	if err != nil {
		return nil, err
	}
	restored, err := cleanStale(parent, base, abs, command)
	if err != nil {
		return nil, err
	}
	if restored { // an earlier output was put back: check it
		if prev, err = check(target, command, inputs, false); err != nil {
			return nil, err
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+base+tmpInfix)
	if err != nil {
		return nil, fmt.Errorf("create temporary output directory: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("create temporary output directory: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, markerName), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("create temporary output directory: %w", err)
	}
	return &Dir{target: target, abs: abs, tmp: tmp, command: command, inputs: inputs, prev: prev, files: map[string]File{}}, nil
}

const (
	tmpInfix = ".lap-tmp-"
	oldInfix = ".lap-old-"
)

// Target returns the output directory as given to Create.
func (d *Dir) Target() string { return d.target }

// Previous returns the manifest of the output that Commit will replace, nil when there is
// none. Its files can be read under Target until Commit.
func (d *Dir) Previous() *Manifest {
	if d.prev == nil {
		return nil
	}
	m := *d.prev // a copy: the manifest read is shared by the checks of this process (readMemo)
	m.Files = slices.Clone(m.Files)
	for i, f := range m.Files {
		if f.Stat != nil {
			st := *f.Stat
			m.Files[i].Stat = &st
		}
	}
	return &m
}

// PreviousSize returns the size the previous output's manifest records for name (see
// Previous), at most 64 MiB, or 0 when there is none: a hint for the buffer in which the
// new file is made, which then does not grow by doubling.
func (d *Dir) PreviousSize(name string) int {
	if f, ok := d.prevFile(name); ok && f.Size > 0 {
		return int(min(f.Size, maxReuseBytes))
	}
	return 0
}

// mkdir makes the directory dir of the temporary directory and its parents, once a run: a
// report's 560 files are in three directories.
func (d *Dir) mkdir(dir string) error {
	if _, ok := d.dirs.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d.dirs.Store(dir, true)
	return nil
}

// cleanName checks a slash-separated relative file name.
func cleanName(name string) error {
	if name == "" || !fs.ValidPath(name) || name == "." || name == ManifestName || name == markerName || strings.HasPrefix(name, ".lap-") {
		return fmt.Errorf("write output: invalid file name %q", name)
	}
	return nil
}

// WriteFile writes one file, name slash-separated and relative to the output directory,
// creating its parent directories.
func (d *Dir) WriteFile(name string, data []byte) error {
	return d.WriteFileKey(name, "", data)
}

// WriteFileKey is WriteFile for a file made from something identified by key, recorded in the
// manifest so that a later run can reuse the file (Reuse) when its key is the same. The key
// must change whenever the file's bytes could: for a chart, it covers the chart's content and
// the renderer's version.
//
// A file with the same name, key and content in the previous output (see Previous) is linked
// rather than written again when that is safe (see link): a report re-run after a small change
// writes only what changed.
func (d *Dir) WriteFileKey(name, key string, data []byte) error {
	if want, ok := d.prevFile(name); ok && want.Key == key && want.Size == int64(len(data)) {
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) == want.SHA256 && d.link(name, filepath.Join(d.abs, filepath.FromSlash(name)), want) {
			return nil
		}
	}
	w, err := d.create(name, key)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// prevFile returns the previous output's entry for name.
func (d *Dir) prevFile(name string) (File, bool) {
	if d.prev == nil || cleanName(name) != nil {
		return File{}, false
	}
	return d.prev.Lookup(name)
}

// Create opens one file for writing, as WriteFile but streamed: the file is recorded in the
// manifest when the writer is closed (and, like WriteFile's, linked from the earlier output
// when it came out the same).
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	return d.create(name, "")
}

func (d *Dir) create(name, key string) (*fileWriter, error) {
	if err := cleanName(name); err != nil {
		return nil, err
	}
	d.mu.Lock()
	_, dup := d.files[name]
	closed := d.done
	if !dup {
		d.files[name] = File{Path: name} // reserved
	}
	d.mu.Unlock()
	switch {
	case closed:
		return nil, fmt.Errorf("write %s: the output directory is already committed or aborted", name)
	case dup:
		return nil, fmt.Errorf("write %s: written twice", name)
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	return &fileWriter{d: d, name: name, key: key, path: p, f: f, h: sha256.New()}, nil
}

type fileWriter struct {
	d    *Dir
	name string
	key  string
	path string
	f    *os.File
	h    hash.Hash
	n    int64
}

func (w *fileWriter) Write(b []byte) (int, error) {
	n, err := w.f.Write(b)
	w.h.Write(b[:n])
	w.n += int64(n)
	if err != nil {
		return n, fmt.Errorf("write %s: %w", w.name, err)
	}
	return n, nil
}

// Close closes the file and records it. A file that came out the same as the earlier
// output's file of the same name and key is replaced by a link to that file when it is safe
// (see link), as WriteFileKey does: a re-run without a change keeps every file.
func (w *fileWriter) Close() error {
	if err := w.f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", w.name, err)
	}
	sum := hex.EncodeToString(w.h.Sum(nil))
	if want, ok := w.d.prevFile(w.name); ok && want.Key == w.key && want.Size == w.n && want.SHA256 == sum {
		// linked beside the file, then renamed over it (a name no output file can have)
		alt := filepath.Join(filepath.Dir(w.path), ".lap-link-"+filepath.Base(w.path))
		src := filepath.Join(w.d.abs, filepath.FromSlash(w.name))
		if linked, ok := linkChecked(src, alt, want); ok {
			if os.Rename(alt, w.path) == nil {
				// the rename gave the file another change time: the memo follows it
				if st, err := os.Lstat(w.path); err == nil {
					if id, ok := infoID(st); ok && sameContent(linked, id) && id.nlink == 2 {
						memoRelink(src, linked, id)
					}
				}
				w.d.recordLink(w.name, want)
				return nil
			}
			os.Remove(alt)
		}
	}
	w.d.mu.Lock()
	w.d.files[w.name] = File{Path: w.name, Size: w.n, SHA256: sum, Key: w.key}
	w.d.mu.Unlock()
	return nil
}

// Reuse writes name into the new output as a copy of the previous output's file (see
// Previous) when that file was written with the same key (WriteFileKey) and still holds what
// the manifest says: a regular file of the recorded size and SHA-256, read and checked now.
// The copy keeps the key. It returns false, having written nothing, when key is empty or there
// is no such file (the caller then makes the file itself), and an error only when the copy
// cannot be written.
func (d *Dir) Reuse(name, key string) (bool, error) {
	if key == "" || d.prev == nil {
		return false, nil
	}
	if err := cleanName(name); err != nil {
		return false, err
	}
	want, ok := d.prev.Lookup(name)
	if !ok || want.Key != key {
		return false, nil
	}
	src := filepath.Join(d.abs, filepath.FromSlash(name))
	if d.link(name, src, want) {
		return true, nil
	}
	data, ok := readVerified(src, want)
	if !ok {
		return false, nil
	}
	return true, d.WriteFileKey(name, key, data)
}

// ReadPrevious returns the bytes of the previous output's file name (see Previous) when it was
// written with key (WriteFileKey), key is not empty, and the file still holds what the
// manifest says: a regular file of the recorded size and SHA-256, read and checked now. It
// writes nothing; lap report gives the HTML page a reused chart's SVG this way.
func (d *Dir) ReadPrevious(name, key string) ([]byte, bool) {
	if key == "" {
		return nil, false
	}
	want, ok := d.prevFile(name)
	if !ok || want.Key != key {
		return nil, false
	}
	return readVerified(filepath.Join(d.abs, filepath.FromSlash(name)), want)
}

// link puts the previous output's file src into the new output as name by a hard link
// instead of a copy, when that is as safe: src was hashed in this process (the checks of
// Create) and is the same file, unwritten since (memo), holding what the manifest says (want),
// and no other name links to it (so that the new output shares its file with nothing but the
// previous output, which Commit removes). The link is checked to be that same file, still
// unwritten. It returns false, having written nothing, when any of that does not hold or the
// file system cannot link; the caller then writes the file.
func (d *Dir) link(name, src string, want File) bool {
	d.mu.Lock()
	_, dup := d.files[name]
	closed := d.done
	if !dup && !closed {
		d.files[name] = File{Path: name} // reserved
	}
	d.mu.Unlock()
	if dup || closed {
		return false // the caller's write then says why
	}
	dst := filepath.Join(d.tmp, filepath.FromSlash(name))
	if d.mkdir(filepath.Dir(dst)) == nil {
		if _, ok := linkChecked(src, dst, want); ok {
			d.recordLink(name, want)
			return true
		}
	}
	d.mu.Lock()
	delete(d.files, name) // no longer reserved
	d.mu.Unlock()
	return false
}

// recordLink records name as linked from the earlier output's file want.
func (d *Dir) recordLink(name string, want File) {
	want.Stat = nil // the link has another identity; Commit records none for it (recordStats)
	d.mu.Lock()
	d.files[name] = want
	if d.linked == nil {
		d.linked = map[string]bool{}
	}
	d.linked[name] = true
	d.mu.Unlock()
}

// linkChecked makes dst a link to src when that is safe (see link), and checks it, giving
// the file's identity after the link; it returns false, having left nothing at dst, when it
// is not safe.
func linkChecked(src, dst string, want File) (fileID, bool) {
	st, err := os.Lstat(src)
	if err != nil {
		return fileID{}, false
	}
	before, ok := infoID(st)
	if !ok || before.nlink != 1 {
		return fileID{}, false
	}
	size, sum, ok := memoGet(src, before)
	if !ok || size != want.Size || sum != want.SHA256 {
		return fileID{}, false
	}
	if os.Link(src, dst) != nil {
		return fileID{}, false
	}
	lst, err := os.Lstat(dst)
	var after fileID
	if err == nil {
		after, ok = infoID(lst)
	}
	if err != nil || !ok || !sameContent(before, after) || after.nlink != 2 {
		os.Remove(dst)
		return fileID{}, false
	}
	memoRelink(src, before, after)
	return after, true
}

// readVerified reads the file p when it is a regular file (not a symbolic link) of want.Size
// bytes, at most maxReuseBytes, whose SHA-256 is want.SHA256.
func readVerified(p string, want File) ([]byte, bool) {
	if want.Size < 0 || want.Size > maxReuseBytes {
		return nil, false
	}
	f, err := openRegular(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() != want.Size {
		return nil, false
	}
	data := make([]byte, want.Size+1) // one byte more: a file that grew is not read as the recorded one
	n, err := io.ReadFull(f, data)
	switch {
	case int64(n) != want.Size: // shorter or longer than recorded
		return nil, false
	case err != io.ErrUnexpectedEOF && err != io.EOF: // what reaching the end gives
		return nil, false
	}
	data = data[:n]
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != want.SHA256 {
		return nil, false
	}
	return data, true
}

// Manifest returns the manifest of the files written so far.
func (d *Dir) Manifest() *Manifest {
	d.mu.Lock()
	defer d.mu.Unlock()
	m := &Manifest{Tool: "lap", Version: manifestVersion, Command: d.command, Files: make([]File, 0, len(d.files))}
	for _, f := range d.files {
		m.Files = append(m.Files, f)
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	return m
}

// recordStats gives each file of m, written into the temporary directory, its identity there
// (File.Stat) when it has one link and had settled: Commit calls it just before the rename
// that puts the files where a user could write them, so that any later write gives a file
// another identity. A file linked from the earlier output gets none: removing the earlier
// output gives it another change time (and until then it has two links), so that it is not
// even looked at.
func (d *Dir) recordStats(m *Manifest) {
	ids := make([]fileID, len(m.Files))
	known := make([]bool, len(m.Files))
	d.mu.Lock()
	linked := d.linked
	d.mu.Unlock()
	for i, f := range m.Files {
		if linked[f.Path] {
			continue
		}
		if st, err := os.Lstat(filepath.Join(d.tmp, filepath.FromSlash(f.Path))); err == nil {
			ids[i], known[i] = infoID(st)
		}
	}
	now := time.Now() // after every Lstat
	for i := range m.Files {
		if known[i] && ids[i].nlink == 1 && ids[i].size == m.Files[i].Size && settled(ids[i], now) {
			m.Files[i].Stat = ids[i].stat()
		}
	}
}

// Abort removes the temporary directory; the target is left as it was. It may be called
// after Commit (it then does nothing), so that it can be deferred.
func (d *Dir) Abort() {
	d.mu.Lock()
	done := d.done
	d.done = true
	d.mu.Unlock()
	if !done {
		os.RemoveAll(d.tmp)
	}
}

// Commit writes the manifest, checks the target again (it may have changed since Create) and
// moves the new directory into place, replacing the earlier output. On error the target is
// left as it was and the temporary directory is removed.
func (d *Dir) Commit() (err error) {
	defer func() {
		if err != nil {
			d.Abort()
		}
	}()
	d.mu.Lock()
	if d.done {
		d.mu.Unlock()
		return fmt.Errorf("commit %s: already committed or aborted", d.target)
	}
	for _, f := range d.files {
		if f.SHA256 == "" {
			d.mu.Unlock()
			return fmt.Errorf("commit %s: %s was not closed", d.target, f.Path)
		}
	}
	d.mu.Unlock()
	m := d.Manifest()
	d.recordStats(m)
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("commit %s: %w", d.target, err)
	}
	if err := os.WriteFile(filepath.Join(d.tmp, ManifestName), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("commit %s: %w", d.target, err)
	}
	if err := os.Remove(filepath.Join(d.tmp, markerName)); err != nil {
		return fmt.Errorf("commit %s: %w", d.target, err)
	}
	if _, err := check(d.target, d.command, d.inputs, false); err != nil {
		return err
	}
	d.mu.Lock()
	d.done = true
	d.mu.Unlock()
	if err := replace(d.tmp, d.abs); err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("commit %s: %w", d.target, err)
	}
	return nil
}

// replace renames tmp to abs. An existing abs (checked to be lap's own output or empty) is
// moved aside first and removed once the new one is in place; if that rename fails the old one
// is put back.
func replace(tmp, abs string) error {
	if _, err := os.Lstat(abs); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, abs)
	}
	old := filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+oldInfix+strings.TrimPrefix(filepath.Base(tmp), "."+filepath.Base(abs)+tmpInfix))
	if err := os.Rename(abs, old); err != nil {
		return fmt.Errorf("move the earlier output aside: %w", err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		if rerr := os.Rename(old, abs); rerr != nil {
			return fmt.Errorf("move the output into place: %w (and put the earlier output back from %s: %v)", err, old, rerr)
		}
		return fmt.Errorf("move the output into place: %w", err)
	}
	if err := removeTree(old); err != nil {
		return fmt.Errorf("remove the earlier output %s: %w", old, err)
	}
	return nil
}

// removeTree removes the directory dir, lap's own earlier output, each of its subdirectories
// by a goroutine of its own: files of one directory are removed one after the other (the
// directory is locked for each), those of different directories side by side. The earlier
// report's files are mostly in charts/ and profiles/; removing them was a tenth of a re-run.
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var wg sync.WaitGroup
	for _, e := range entries {
		if e.IsDir() {
			wg.Go(func() { os.RemoveAll(filepath.Join(dir, e.Name())) })
		}
	}
	wg.Wait()
	return os.RemoveAll(dir) // what is left, and whatever a goroutine could not remove (its error)
}

// cleanStale removes what interrupted runs left beside abs: temporary directories marked by a
// process that no longer runs, or holding lap's own output. An earlier output moved aside by
// an interrupted Commit is put back when abs is missing; restored reports whether it was.
func cleanStale(parent, base, abs, command string) (restored bool, _ error) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return false, fmt.Errorf("read %s: %w", parent, err)
	}
	for _, e := range entries {
		name := e.Name()
		isTmp := strings.HasPrefix(name, "."+base+tmpInfix)
		isOld := strings.HasPrefix(name, "."+base+oldInfix)
		if !e.IsDir() || !isTmp && !isOld {
			continue
		}
		p := filepath.Join(parent, name)
		if pid, ok := marker(p); ok {
			if pid != os.Getpid() && running(pid) {
				continue // another run is writing it
			}
			os.RemoveAll(p)
			continue
		}
		if isTmp && (emptyDir(p) || onlyMarker(p)) {
			// killed between creating the directory and marking it, or while writing the mark
			// (the file created, the process id not yet in it): nothing in it to lose
			os.RemoveAll(p)
			continue
		}
		m, err := owned(p, p, command, false)
		if err != nil || m == nil {
			continue // not recognisably lap's: leave it
		}
		if isOld {
			if _, err := os.Lstat(abs); errors.Is(err, fs.ErrNotExist) {
				if os.Rename(p, abs) == nil {
					restored = true
					continue
				}
			}
		}
		os.RemoveAll(p)
	}
	return restored, nil
}

// onlyMarker reports whether dir holds nothing but a marker file without a process id in it.
func onlyMarker(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 1 && entries[0].Name() == markerName && entries[0].Type().IsRegular()
}

// emptyDir reports whether dir is a directory with nothing in it.
func emptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// marker reads the process id in a temporary directory's marker file.
func marker(dir string) (int, bool) {
	b, err := os.ReadFile(filepath.Join(dir, markerName))
	if err != nil || len(b) > 32 {
		return 0, false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid, err == nil && pid > 0
}
