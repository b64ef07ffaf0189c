package project

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/archlint/archlint/internal/discover"
)

// discoverFixture copies testdata/<name> into a fresh directory that is its own git root (so that paths are
// relative to the fixture) and runs discovery on it.
func discoverFixture(t testing.TB, name string) *discover.Repo {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("testdata", name)
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		full := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return os.WriteFile(full, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
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

func TestLoadFollowsAliasesWorkspacesAndReexports(t *testing.T) {
	repo := discoverFixture(t, "monorepo")
	p := Load(repo, Options{Workers: 3})
	want := []string{
		"apps/web/app/api/projects/route.ts", // entry point
		"apps/web/lib/auth.ts",               // "@/lib/auth": tsconfig paths
		"apps/web/lib/queries.ts",            // "lib/queries": baseUrl
		"packages/db/src/client.ts",          // `export * from "./client"`
		"packages/db/src/index.ts",           // "@acme/db": workspace package, exports dist → src
		"packages/db/src/schema.ts",          // `export { schema } from "./schema"`
	}
	// Not parsed: lib/session-types.ts and db/src/row.ts (type-only), lib/unused.ts and db/src/seed.ts
	// (unreachable).
	if got := p.Paths(); !reflect.DeepEqual(got, want) {
		t.Errorf("parsed files:\n got %q\nwant %q", got, want)
	}
	if len(p.Notifications) != 0 {
		t.Errorf("notifications: %+v", p.Notifications)
	}
}

func TestLoadSkipEntry(t *testing.T) {
	repo := discoverFixture(t, "monorepo")
	p := Load(repo, Options{SkipEntry: func(string) bool { return true }})
	if len(p.Files) != 0 {
		t.Errorf("parsed %q with every entry point skipped", p.Paths())
	}
}
