package main

import (
	"os"
	"runtime"
	"strings"
	"sync"
	"unsafe"
)

// Fresh memory is dear on the machines lap runs on: the kernel maps a process's memory a page
// (4 KiB) at a time, on first touch, and on a virtual machine each such page fault is an exit
// to the hypervisor. A re-run of lap report after a one-field change made about 13,000 page
// faults, about a fifth of its CPU time (`perf record`: asm_exc_page_fault), most of them in
// the Go heap as it grew to its peak of about 60 MiB. So every command that loads a plan and
// data (and lap report before anything else) asks the kernel to back the heap with
// transparent huge pages (2 MiB) where the system offers them
// (/sys/kernel/mm/transparent_hugepage/enabled "always" or "madvise"): the same heap then
// takes a few dozen faults. Go does not do it itself (since Go 1.21.1 its heap keeps the
// system's default, which is "madvise" on many distributions: 4 KiB pages).
//
// How: the runtime maps heap memory as the heap grows and reuses it (returning unused pages
// with MADV_DONTNEED, which keeps the advice) rather than mapping it again. premapHeap
// allocates one object of heapPremap bytes without touching it, so that the runtime maps that
// much fresh memory in one piece, advises that piece (madvise MADV_HUGEPAGE, advisory: it
// changes no byte, only how the kernel backs the pages when they are first touched) and lets
// the object go: the collection that follows frees it, and what the command makes next is made
// in memory faulted in 2 MiB at a time. Nothing is touched before use, so the resident memory
// grows only as the heap does (by at most a huge page's rounding).
//
// heapPremap is the memory limit lap report runs under (reportMemLimit), which bounds the
// heap of a report on the sample; with more data the heap grows beyond it in 4 KiB pages as
// before. `GODEBUG=disablethp=1` (Go's own switch for huge pages) leaves the heap alone.
const heapPremap = reportMemLimit

var (
	premapOnce sync.Once
	// premapped is the advised part of the heap (its first and last address + 1; 0, 0 when
	// none was advised), kept as numbers, not as a pointer that would keep the object alive
	premapped [2]uintptr
)

// premapHeap advises the heap the command will use as transparent huge pages (above), once a
// process (tests run lap in-process).
func premapHeap() {
	premapOnce.Do(func() {
		if strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
			return
		}
		if part := adviseHugePages(make([]byte, heapPremap)); len(part) > 0 {
			p := uintptr(unsafe.Pointer(unsafe.SliceData(part)))
			premapped = [2]uintptr{p, p + uintptr(len(part))}
		}
		// the object is garbage: collected now (a millisecond or two, with almost nothing
		// live yet), its memory is free for what comes next; collected whenever the next
		// collection came, objects made in between would be put above it, in memory mapped
		// afresh, and the advised memory might go unused
		runtime.GC()
	})
}
