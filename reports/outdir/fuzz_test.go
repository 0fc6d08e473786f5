package outdir

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzPaths are the paths a fuzzed program builds its tree from, relative to the root; the
// working directory is root/work and the run's input is root/data.
var fuzzPaths = []string{"out", "out/charts", "out/charts/a.svg", "out/report.md", "work", "work/out", "data",
	"data/facts.csv", "x", "x/y", "link", "out/link", "work/.git", ".", "..", "work/..", "out/.lap-manifest.json"}

// FuzzOutputPolicy runs random trees of user files, directories, links and lap outputs, then
// one write to a random target, and checks the policy's promise: nothing that was there and
// that lap did not write is ever changed or deleted, a refusal changes nothing, and a success
// leaves the target holding exactly the new output.
func FuzzOutputPolicy(f *testing.F) {
	for _, seed := range [][]byte{
		{0, 0, 1, 9},                 // a user file in out, then write out: refused
		{3, 0, 0},                    // lap output in out, then write out: replaced
		{3, 0, 4, 3, 0},              // lap output edited by hand: refused
		{2, 10, 0, 0, 10},            // a link to out: refused
		{0, 7, 0, 6},                 // the data directory: refused
		{0, 12, 1, 13},               // the parent of the working directory: refused
		{1, 5, 3, 1, 5, 0, 5},        // lap output in work/out, replaced
		{0, 2, 1, 3, 0, 0, 0},        // a user file deep in lap's output: refused
		{2, 11, 7, 3, 0, 0, 0},       // a link inside lap's output: refused
		{57, 34, 48, 50},             // out links to root's parent; target out/.lap-manifest.json: written through the link
		{57, 34, 49, 48, 50, 48, 50}, // out links to root; lap output at out/.lap-manifest.json replaced through the link
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, prog []byte) {
		if len(prog) > 64 {
			return
		}
		root, err := filepath.EvalSymlinks(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		mustMkdir(t, filepath.Join(root, "work"))
		mustMkdir(t, filepath.Join(root, "data"))
		mustWrite(t, filepath.Join(root, "data", "facts.csv"), "iso3\n")
		t.Chdir(filepath.Join(root, "work"))
		at := func(b byte) string { return filepath.Join(root, fuzzPaths[int(b)%len(fuzzPaths)]) }

		// build the tree; steps that cannot be done (a parent is a file) are skipped
		i := 0
		next := func() byte {
			if i >= len(prog) {
				return 0
			}
			i++
			return prog[i-1]
		}
		for i < len(prog)-1 {
			switch next() % 5 {
			case 0: // a user file
				p := at(next())
				if os.MkdirAll(filepath.Dir(p), 0o755) == nil {
					os.WriteFile(p, []byte(fmt.Sprintf("user %d", i)), 0o644)
				}
			case 1: // a directory
				os.MkdirAll(at(next()), 0o755)
			case 2: // a symbolic link
				p, to := at(next()), at(next())
				if os.MkdirAll(filepath.Dir(p), 0o755) == nil {
					os.Symlink(to, p)
				}
			case 3: // lap's own output
				p, cmd := at(next()), []string{"report", "whatif"}[next()%2]
				if d, err := Create(p, cmd); err == nil {
					d.WriteFile("report.md", []byte("r"))
					d.WriteFile("charts/a.svg", []byte("<svg/>"))
					d.Commit()
				}
			case 4: // a file edited by hand
				p := at(next())
				if st, err := os.Lstat(p); err == nil && st.Mode().IsRegular() {
					os.WriteFile(p, []byte("edited"), 0o644)
				}
			}
		}
		target := at(next())
		if next()%3 == 0 { // the same target, relative to the working directory
			if rel, err := filepath.Rel(filepath.Join(root, "work"), target); err == nil {
				target = rel
			}
		}
		before := fuzzSnapshot(t, root)
		abs, _ := filepath.Abs(target)
		// the snapshot names paths as they are, links not followed; a link in a parent
		// component of the target (allowed) names the same place another way
		if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
			abs = filepath.Join(dir, filepath.Base(abs))
		}
		owned := map[string]bool{} // files of lap's output in the target before the write
		if m, err := Read(abs); err == nil {
			for _, f := range m.Files {
				owned[filepath.Join(abs, filepath.FromSlash(f.Path))] = true
			}
			owned[filepath.Join(abs, ManifestName)] = true
		}

		d, err := Create(target, "report", filepath.Join(root, "data"))
		if err == nil {
			if werr := d.WriteFile("report.md", []byte("new")); werr != nil {
				t.Fatal(werr)
			}
			err = d.Commit()
		}
		after := fuzzSnapshot(t, root)
		var re *RefusedError
		if err != nil && !errors.As(err, &re) {
			t.Logf("not a refusal: %v", err) // an I/O error: the same promise holds
		}
		for p, sum := range before {
			if strings.Contains(p, ".lap-tmp-") || strings.Contains(p, ".lap-old-") {
				continue // what an earlier run left: the next run may remove it
			}
			if err == nil && within(p, abs) && (owned[p] || sum == "dir") {
				continue // lap's own earlier output (and the directories holding it), replaced
			}
			if after[p] != sum {
				t.Fatalf("%s changed or vanished (target %s, err %v)", p, target, err)
			}
		}
		for p := range after {
			if strings.Contains(p, ".lap-tmp-") || strings.Contains(p, ".lap-old-") {
				t.Fatalf("left behind: %s", p)
			}
		}
		if err == nil {
			// read the file itself: a link in a parent component may put the target outside root,
			// where the snapshot does not look (writing through such a link is allowed)
			if got, rerr := os.ReadFile(filepath.Join(abs, "report.md")); rerr != nil || string(got) != "new" {
				t.Fatalf("the new output is not in place: %q, %v", got, rerr)
			}
			if before[abs] == "link" {
				t.Fatalf("replaced the symbolic link %s", abs)
			}
		}
	})
}

// fuzzSnapshot maps every file, link and directory under root to its content hash, "link" or
// "dir"; it does not follow links.
func fuzzSnapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			out[p] = "link"
		case d.IsDir():
			out[p] = "dir"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[p] = fmt.Sprintf("%x", sha256.Sum256(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustMkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
