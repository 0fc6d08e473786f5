package main

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the systems Go supports (x86-64, arm64
// with 4 KiB pages, …); a system with another size gets part of the advice right or none, and
// the advice changes no byte either way.
const hugePage = 2 << 20

// adviseHugePages advises the whole huge pages inside b as memory to back with transparent
// huge pages, and returns the advised part (nil when there is none or the system refuses:
// a kernel without transparent huge pages). b must not have been touched.
func adviseHugePages(b []byte) []byte {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	beg := (p + hugePage - 1) &^ (hugePage - 1)
	end := (p + uintptr(len(b))) &^ (hugePage - 1)
	if beg >= end {
		return nil
	}
	part := b[beg-p : end-p]
	if syscall.Madvise(part, syscall.MADV_HUGEPAGE) != nil {
		return nil
	}
	return part
}
