// Package contentkey computes the content key of a generated file: a SHA-256 of everything
// the file's bytes are made from (the values a renderer reads, hashed deeply, field by field)
// and of the running binary, which holds the renderer's code, templates, fonts and words.
//
// Two files with the same key hold the same bytes, so a run can reuse a file an earlier run
// wrote (package outdir records each file's key in its manifest) instead of making it again:
// lap report re-run after a small change draws only the charts and writes only the country
// profiles whose content changed.
//
// The binary is identified by its Go build ID, whose last part is a hash of the binary's own
// content (go doc cmd/buildid), read from the running executable. Where it cannot be read (a
// system without /proc/self/exe, a binary without the ELF note) or is not of the form the go
// command writes (four hashes: a build with -ldflags=-buildid=X sets its own), Of returns no
// key and nothing is reused.
package contentkey

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// keyVersion changes whenever the way values are hashed changes.
const keyVersion = "lap content key 1"

// maxDepth bounds the nesting Of follows (pointers, slices, maps, structs): a deeper value, or
// a cycle of pointers, gives no key.
const maxDepth = 64

// Binary returns the running binary's Go build ID ("" when it cannot be read).
func Binary() string { return binaryID() }

var binaryID = sync.OnceValue(func() string {
	for _, p := range executables() {
		if id := readBuildID(p); id != "" {
			return id
		}
	}
	return ""
})

// executables lists where to read the running binary: /proc/self/exe is the very file the
// process runs even if its path was replaced since.
func executables() []string {
	if _, err := os.Stat("/proc/self/exe"); err == nil {
		return []string{"/proc/self/exe"}
	}
	return nil
}

// readBuildID reads the Go build ID from the ELF note the Go linker writes.
func readBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil || s.Size > 4096 {
		return ""
	}
	b, err := s.Data()
	if err != nil || len(b) < 16 {
		return ""
	}
	bo := f.ByteOrder
	namesz, descsz, typ := bo.Uint32(b), bo.Uint32(b[4:]), bo.Uint32(b[8:])
	const goNoteType = 4 // ELF note type of the Go build ID
	if namesz != 4 || typ != goNoteType || !bytes.Equal(b[12:16], []byte("Go\x00\x00")) || uint64(descsz) > uint64(len(b)-16) {
		return ""
	}
	id := string(b[16 : 16+descsz])
	if !goBuildID(id) {
		return ""
	}
	return id
}

// goBuildID reports whether id has the form of the build ID the go command gives a binary:
// four hashes of 20 URL-safe base64 characters, separated by slashes.
func goBuildID(id string) bool {
	parts := strings.Split(id, "/")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if len(p) != 20 || strings.IndexFunc(p, func(r rune) bool {
			return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_')
		}) >= 0 {
			return false
		}
	}
	return true
}

// Of returns the content key of parts, hashed in order together with the binary's build ID:
// every value, including unexported struct fields, pointed-to values and map entries (in
// the order of their keys' hashes, so that map order does not matter), numbers by their exact
// bits. ok is false, with no key, when the binary is not identified or a part holds something
// that cannot be hashed as data: a function, a channel, an unsafe pointer, or nesting deeper
// than maxDepth (a cycle).
func Of(parts ...any) (key string, ok bool) {
	id := binaryID()
	if id == "" {
		return "", false
	}
	return of(id, parts)
}

func of(id string, parts []any) (string, bool) {
	h := &hasher{b: make([]byte, 0, flushAt+512), d: sha256.New()}
	h.str(keyVersion)
	h.str(id)
	h.int(int64(len(parts)))
	for _, p := range parts {
		if err := h.dynamic(reflect.ValueOf(p), 0); err != nil {
			return "", false
		}
	}
	h.d.Write(h.b)
	return hex.EncodeToString(h.d.Sum(nil)), true
}

// hasher serialises a value unambiguously (every string and list with its length, every
// value with its type) into b. The key's hasher passes b on to the SHA-256 d whenever it
// holds flushAt bytes, so that a large value (a country profile serialises to about 57 KB) is
// hashed as it is serialised instead of first growing a buffer of its whole serialisation;
// the hash is of the same bytes. A map entry's hasher (d nil) keeps its bytes, which are
// sorted before they are hashed.
type hasher struct {
	b []byte
	d hash.Hash
}

// flushAt is how many serialised bytes a key's hasher holds before hashing them.
const flushAt = 4 << 10

// flush hashes what b holds once it holds flushAt bytes (a key's hasher only).
func (h *hasher) flush() {
	if h.d != nil && len(h.b) >= flushAt {
		h.d.Write(h.b)
		h.b = h.b[:0]
	}
}

var errUnhashable = errors.New("content key: value cannot be hashed")

func (h *hasher) u64(v uint64) {
	h.b = binary.LittleEndian.AppendUint64(h.b, v)
	h.flush()
}

func (h *hasher) int(v int64) { h.u64(uint64(v)) }

func (h *hasher) str(s string) {
	h.int(int64(len(s)))
	h.b = append(h.b, s...)
	h.flush()
}

// dynamic serialises v, of a type not known from where it is (a part, what an interface
// holds), with its type, so that values of different types never serialise alike.
func (h *hasher) dynamic(v reflect.Value, depth int) error {
	if !v.IsValid() {
		h.str("invalid")
		return nil
	}
	h.str(v.Type().PkgPath())
	h.str(v.Type().String())
	return h.value(v, depth)
}

// value serialises v, whose type is known from where it is (a part's or an interface's
// dynamic type, and below it the types of fields, elements and pointers): the binary, which
// the key holds, fixes every type's layout.
func (h *hasher) value(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return errUnhashable
	}
	t := v.Type()
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			h.u64(1)
		} else {
			h.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.u64(math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		h.u64(math.Float64bits(real(c)))
		h.u64(math.Float64bits(imag(c)))
	case reflect.String:
		h.str(v.String())
	case reflect.Pointer:
		if v.IsNil() {
			h.u64(0)
			return nil
		}
		h.u64(1)
		return h.value(v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			h.u64(0)
			return nil
		}
		h.u64(1)
		return h.dynamic(v.Elem(), depth+1)
	case reflect.Slice:
		if v.IsNil() {
			h.int(-1) // nil and empty may print differently
			return nil
		}
		fallthrough
	case reflect.Array:
		h.int(int64(v.Len()))
		for i := range v.Len() {
			if err := h.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if err := h.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.IsNil() {
			h.int(-1)
			return nil
		}
		// each entry serialised on its own, the entries sorted by their key's serialisation
		type entry struct{ k, kv []byte }
		entries := make([]entry, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			kh := &hasher{}
			if err := kh.value(it.Key(), depth+1); err != nil {
				return err
			}
			k := kh.b
			kh = &hasher{b: slices.Clone(k)}
			if err := kh.value(it.Value(), depth+1); err != nil {
				return err
			}
			entries = append(entries, entry{k, kh.b})
		}
		slices.SortFunc(entries, func(a, b entry) int { return bytes.Compare(a.k, b.k) })
		h.int(int64(len(entries)))
		for _, e := range entries {
			h.int(int64(len(e.kv)))
			h.b = append(h.b, e.kv...)
			h.flush()
		}
	default: // func, chan, unsafe pointer
		return fmt.Errorf("%w: %s", errUnhashable, t)
	}
	return nil
}
