//go:build unix

package discover

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestSymlinks(t *testing.T) {
	top := tempRoot(t)
	root := filepath.Join(top, "repo")
	writeTree(t, top, map[string]string{
		"outside/secret.ts":        "'use server'",
		"outside/dir/route.ts":     "",
		"repo/.git/":               "",
		"repo/.gitignore":          "vendor/\n",
		"repo/package.json":        nextPkg,
		"repo/lib/x.ts":            "",
		"repo/lib/sub/y.ts":        "",
		"repo/vendor/v.ts":         "",
		"repo/vendor/inner/w.ts":   "",
		"repo/node_modules/m/m.ts": "",
	})
	// A FIFO outside the root: opening it for reading would block, so the test hangs if the walk reads it.
	if err := syscall.Mkfifo(filepath.Join(top, "outside", "pipe.ts"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	// A FIFO inside the root is not a regular file and is never opened either.
	if err := syscall.Mkfifo(filepath.Join(root, "lib", "fifo.ts"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	symlink(t, root, "../outside", "ext")                   // directory outside
	symlink(t, root, "../outside/secret.ts", "ext-file.ts") // file outside
	symlink(t, root, "../outside/pipe.ts", "pipe.ts")       // FIFO outside
	symlink(t, root, "../../outside", "lib/deep-ext")       // outside, from deeper down
	symlink(t, root, ".", "self")                           // its own directory
	symlink(t, root, "..", "lib/sub/up")                    // an ancestor
	symlink(t, root, "loop-b", "loop-a")                    // a -> b -> a
	symlink(t, root, "loop-a", "loop-b")
	symlink(t, root, "nowhere.ts", "dangling.ts")       // broken
	symlink(t, root, "lib", "lib-link")                 // a directory walked anyway
	symlink(t, root, "lib/x.ts", "alias.ts")            // a file inside
	symlink(t, root, "vendor/inner", "a-inner")         // part of an ignored directory, walked first
	symlink(t, root, "vendor", "v1")                    // the whole ignored directory, through two links
	symlink(t, root, "vendor", "v2")                    //
	symlink(t, root, "node_modules/m", "linked-module") // into a pruned directory
	symlink(t, root, "lib/sub", "z-sub")                // a subdirectory already walked

	r := discoverAt(t, root, Options{})
	want := []string{
		"a-inner/w.ts", // v1/inner is the same directory: not walked again
		"alias.ts",
		"lib/sub/y.ts",
		"lib/x.ts",
		"package.json",
		"v1/v.ts",
	}
	equalJSON(t, "files", filePaths(r), want)
	wantNotes := []string{
		"symlink-broken dangling.ts",
		"symlink-outside-root ext",
		"symlink-outside-root ext-file.ts",
		"symlink-outside-root lib/deep-ext",
		"symlink-loop lib/sub/up",
		"symlink-loop loop-a",
		"symlink-loop loop-b",
		"symlink-outside-root pipe.ts",
		"symlink-loop self",
	}
	equalJSON(t, "notifications", notes(r), wantNotes)
	if r.Skipped != 4 {
		t.Errorf("Skipped = %d, want 4 (the links leading outside)", r.Skipped)
	}
	for _, n := range r.Notifications {
		if strings.Contains(n.Message, top) {
			t.Errorf("notification %q reveals an absolute path", n.Message)
		}
	}
}
