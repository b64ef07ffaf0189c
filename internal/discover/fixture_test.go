package discover

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// tempRoot returns a fresh temporary directory with symbolic links resolved, so that it can be compared
// with the roots Locate returns.
func tempRoot(t testing.TB) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// writeTree creates files under root. Keys are slash-separated paths; a key ending in "/" creates a
// directory.
func writeTree(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// symlink creates the link at root/link pointing to target (written as given: relative targets are
// relative to the link's directory).
func symlink(t testing.TB, root, target, link string) {
	t.Helper()
	full := filepath.Join(root, filepath.FromSlash(link))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.FromSlash(target), full); err != nil {
		t.Skipf("cannot create symbolic links here: %v", err)
	}
}

// discoverAt runs Locate on root-relative paths and Discover on the result.
func discoverAt(t testing.TB, root string, opt Options, paths ...string) *Repo {
	t.Helper()
	var abs []string
	for _, p := range paths {
		abs = append(abs, filepath.Join(root, filepath.FromSlash(p)))
	}
	if len(abs) == 0 {
		abs = []string{root}
	}
	tg, err := Locate(abs)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Discover(tg, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func filePaths(r *Repo) []string {
	var out []string
	for _, f := range r.Files {
		out = append(out, f.Path)
	}
	return out
}

// notes renders the notifications as "id path" lines.
func notes(r *Repo) []string {
	var out []string
	for _, n := range r.Notifications {
		out = append(out, n.ID+" "+n.Path)
	}
	return out
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

// equalJSON fails the test when got and want differ, printing both as indented JSON.
func equalJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.MarshalIndent(got, "", "  ")
	w, _ := json.MarshalIndent(want, "", "  ")
	if string(g) != string(w) {
		t.Errorf("%s:\ngot  %s\nwant %s", what, g, w)
	}
}
