package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// An output directory (lap report --out, lap whatif --out) is written whole or not at all:
// into a temporary directory next to it, which then replaces it.

// tempDirFor creates an empty directory (mode 0755) next to out, to be filled and then moved
// into place by replaceDir; abs is out made absolute.
func tempDirFor(out string) (abs, tmp string, err error) {
	abs, err = filepath.Abs(out)
	if err != nil {
		return "", "", fmt.Errorf("resolve output directory: %w", err)
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", "", fmt.Errorf("create output directory: %w", err)
	}
	tmp, err = os.MkdirTemp(parent, "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return "", "", fmt.Errorf("create temporary output directory: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return "", "", fmt.Errorf("create temporary output directory: %w", err)
	}
	return abs, tmp, nil
}

// replaceDir renames tmp to out. An existing out is moved aside first and removed once the new
// one is in place; if that rename fails the old one is put back.
func replaceDir(tmp, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("move the output into %s: %w", out, err)
		}
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("move the earlier %s aside: %w", out, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return fmt.Errorf("move the output into %s: %w (and restore the earlier one from %s: %v)", out, err, old, rerr)
		}
		return fmt.Errorf("move the output into %s: %w", out, err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("remove the earlier %s: %w", old, err)
	}
	return nil
}
