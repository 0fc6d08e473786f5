//go:build !linux

package main

// adviseHugePages does nothing here: transparent huge pages are Linux's.
func adviseHugePages(b []byte) []byte { return nil }
