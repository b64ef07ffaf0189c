package resolve

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/archlint/archlint/internal/discover"
)

// DiscoverFixture copies testdata/<name> into a fresh directory that is its own git root (so that paths are
// relative to the fixture) and runs discovery on it. It is exported to the external tests of this package.
func DiscoverFixture(t testing.TB, name string) *discover.Repo {
	t.Helper()
	files := map[string]string{}
	src := filepath.Join("testdata", name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return discoverFiles(t, files)
}

// discoverFiles writes files (slash-separated path to content) into a fresh git root and runs discovery.
func discoverFiles(t testing.TB, files map[string]string) *discover.Repo {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	target, err := discover.Locate([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := discover.Discover(target, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return repo
}
