package discover

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// initGit makes root a git repository: with git when it is installed (so that tests can ask git), else with
// an empty .git directory.
func initGit(t *testing.T, root string) (haveGit bool) {
	t.Helper()
	if _, err := exec.LookPath("git"); err == nil {
		cmd := exec.Command("git", "init", "-q", root)
		if out, err := cmd.CombinedOutput(); err == nil {
			return true
		} else {
			t.Logf("git init: %v: %s", err, out)
		}
	}
	writeTree(t, root, map[string]string{".git/info/": ""})
	return false
}

// gitignoreTree is a tree exercising nested .gitignore files. Every file is a .ts file, so that only the
// ignore rules decide whether it is listed.
var gitignoreTree = map[string]string{
	".gitignore": "# build products\n" +
		"#comment.ts\n" +
		"*.gen.ts\n" +
		"/generated\n" +
		"secret*.ts\n" +
		"!secret-ok.ts\n" +
		"docs/*.ts\n" +
		"tmp/\n" +
		"**/fixtures/**\n" +
		"\n" +
		"spaced.ts   \n" +
		"\\#hash.ts\n",
	"src/.gitignore":          "local.ts\r\n!keep.gen.ts\r\n/only-here.ts\r\nignored-dir/\r\n!ignored-dir/back.ts\r\n",
	"a.ts":                    "",
	"x.gen.ts":                "",
	"generated/a.ts":          "",
	"src/generated/b.ts":      "",
	"secret1.ts":              "",
	"secret-ok.ts":            "",
	"src/secret2.ts":          "",
	"docs/a.ts":               "",
	"docs/sub/b.ts":           "",
	"tmp/c.ts":                "",
	"src/tmp/d.ts":            "",
	"src/tmp.ts":              "",
	"src/local.ts":            "",
	"src/deep/local.ts":       "",
	"local.ts":                "",
	"src/only-here.ts":        "",
	"src/deep/only-here.ts":   "",
	"src/keep.gen.ts":         "",
	"src/other.gen.ts":        "",
	"keep.gen.ts":             "",
	"src/ignored-dir/a.ts":    "",
	"src/ignored-dir/back.ts": "",
	"test/fixtures/f.ts":      "",
	"test/fixtures/d/g.ts":    "",
	"test/fixture.ts":         "",
	"spaced.ts":               "",
	"#hash.ts":                "",
	"#comment.ts":             "",
	"hash.ts":                 "",
	"excluded.ts":             "",
	"src/excluded.ts":         "",
}

func TestGitignore(t *testing.T) {
	root := tempRoot(t)
	haveGit := initGit(t, root)
	writeTree(t, root, gitignoreTree)
	writeTree(t, root, map[string]string{".git/info/exclude": "# local\n/excluded.ts\n"})
	r := discoverAt(t, root, Options{})
	want := []string{
		"#comment.ts", // "#comment.ts" in .gitignore is a comment
		"hash.ts",     // "\\#hash.ts" ignores only the literal "#hash.ts"
		"a.ts",
		"docs/sub/b.ts",
		"local.ts",
		"secret-ok.ts",
		"src/deep/only-here.ts",
		"src/excluded.ts",
		"src/generated/b.ts",
		"src/keep.gen.ts",
		"src/tmp.ts",
		"test/fixture.ts",
	}
	equalJSON(t, "files", filePaths(r), sorted(want))

	if !haveGit {
		t.Log("git not available: no cross-check with git check-ignore")
		return
	}
	var all []string
	for p := range gitignoreTree {
		if strings.HasSuffix(p, ".ts") {
			all = append(all, p)
		}
	}
	all = append(all, "excluded.ts")
	cmd := exec.Command("git", "check-ignore", "--no-index", "--stdin")
	cmd.Dir = root
	cmd.Stdin = strings.NewReader(strings.Join(all, "\n") + "\n")
	out, err := cmd.Output()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		t.Fatalf("git check-ignore: %v", err)
	}
	ignored := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		ignored[l] = true
	}
	listed := map[string]bool{}
	for _, p := range filePaths(r) {
		listed[p] = true
	}
	for _, p := range all {
		if ignored[p] == listed[p] {
			t.Errorf("%s: git ignores it: %v; archlint lists it: %v", p, ignored[p], listed[p])
		}
	}
}

// TestGitignoreAboveRoot: the root is an app below the git root, and .gitignore files between them apply.
func TestGitignoreAboveRoot(t *testing.T) {
	root := tempRoot(t)
	writeTree(t, root, map[string]string{
		".git/info/exclude":         "apps/web/lib/excluded.ts\n",
		".gitignore":                "*.local.ts\n/apps/web/generated/\n",
		"apps/.gitignore":           "web/lib/by-apps.ts\n",
		"apps/web/package.json":     nextPkg,
		"apps/web/lib/a.ts":         "",
		"apps/web/lib/a.local.ts":   "",
		"apps/web/lib/by-apps.ts":   "",
		"apps/web/lib/excluded.ts":  "",
		"apps/web/generated/x.ts":   "",
		"apps/web/app/api/route.ts": "",
		"apps/other.ts":             "",
	})
	r := discoverAt(t, root, Options{}, "apps/web")
	if r.RootRel != "apps/web" {
		t.Fatalf("RootRel = %q, want apps/web", r.RootRel)
	}
	equalJSON(t, "files", filePaths(r), []string{"apps/web/app/api/route.ts", "apps/web/lib/a.ts", "apps/web/package.json"})
}

func TestPruning(t *testing.T) {
	root := tempRoot(t)
	writeTree(t, root, map[string]string{
		".git/HEAD":                               "",
		"package.json":                            `{"workspaces":["apps/*"]}`,
		"node_modules/next/index.js":              "",
		"apps/web/package.json":                   nextPkg,
		"apps/web/node_modules/x/index.ts":        "",
		"apps/web/.next/server/app/page.js":       "",
		"apps/web/.turbo/cache.js":                "",
		"apps/web/.vercel/output/functions/a.js":  "",
		"apps/web/.output/server/index.mjs":       "",
		"apps/web/dist/index.js":                  "",
		"apps/web/build/index.js":                 "",
		"apps/web/out/index.js":                   "",
		"apps/web/coverage/lcov-report/sorter.js": "",
		"apps/web/app/api/build/route.ts":         "",
		"apps/web/app/api/out/[id]/route.ts":      "",
		"apps/web/src/dist/helper.ts":             "",
		"apps/web/src/node_modules/y.ts":          "",
		"dist/bundle.js":                          "",
		"coverage/x.js":                           "",
		"apps/web/app/page.tsx":                   "",
		"apps/web/app/styles.css":                 "",
		"apps/web/types.d.ts":                     "",
		"apps/web/tsconfig.json":                  "{}",
		"apps/web/tsconfig.build.json":            "{}",
		"jsconfig.json":                           "{}",
		"apps/web/next.config.mjs":                "",
		"apps/web/prisma.config.ts":               "",
		"apps/web/prisma/schema.prisma":           "",
		"apps/web/lib/a.mts":                      "",
		"apps/web/lib/b.cts":                      "",
		"apps/web/lib/c.cjs":                      "",
		"apps/web/lib/d.jsx":                      "",
		"apps/web/lib/e.d.mts":                    "",
		"apps/web/README.md":                      "",
		"pnpm-workspace.yaml":                     "packages: [apps/*]\n",
		"apps/web/eslint.config.json":             "{}",
	})
	r := discoverAt(t, root, Options{})
	want := []string{
		"apps/web/app/api/build/route.ts",
		"apps/web/app/api/out/[id]/route.ts",
		"apps/web/app/page.tsx",
		"apps/web/lib/a.mts",
		"apps/web/lib/b.cts",
		"apps/web/lib/c.cjs",
		"apps/web/lib/d.jsx",
		"apps/web/next.config.mjs",
		"apps/web/package.json",
		"apps/web/prisma.config.ts",
		"apps/web/prisma/schema.prisma",
		"apps/web/src/dist/helper.ts",
		"apps/web/tsconfig.build.json",
		"apps/web/tsconfig.json",
		"jsconfig.json",
		"package.json",
		"pnpm-workspace.yaml",
	}
	equalJSON(t, "files", filePaths(r), want)
	kinds := map[string]Kind{}
	for _, f := range r.Files {
		kinds[f.Path] = f.Kind
	}
	for p, k := range map[string]Kind{
		"apps/web/app/page.tsx": TSX, "apps/web/lib/a.mts": TS, "apps/web/lib/b.cts": TS, "apps/web/lib/c.cjs": JS,
		"apps/web/lib/d.jsx": JSX, "apps/web/prisma/schema.prisma": Prisma, "apps/web/tsconfig.json": JSON,
		"pnpm-workspace.yaml": Config, "apps/web/next.config.mjs": JS,
	} {
		if kinds[p] != k {
			t.Errorf("%s: kind %q, want %q", p, kinds[p], k)
		}
	}
}

func TestSkippedFiles(t *testing.T) {
	root := tempRoot(t)
	writeTree(t, root, map[string]string{
		".git/":        "",
		"package.json": nextPkg,
		"app/page.tsx": "export default function P() {}",
		"exact.ts":     "",
	})
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(root, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("big.min.js", bytes.Repeat([]byte("a"), DefaultMaxFileSize+1))
	write("exact.ts", bytes.Repeat([]byte("b"), DefaultMaxFileSize))
	binary := append([]byte("'use server'\n"), 0, 1, 2)
	write("binary.ts", binary)
	late := append(bytes.Repeat([]byte(" "), binarySniffLen), 0)
	write("late-nul.ts", late) // a NUL after the first 8000 bytes: text
	write("latin1.ts", []byte("'use server'\nconst s = '\xe9t\xe9 \xff\xfe';\n"))
	write("schema.prisma", []byte("model A {\x00}"))
	write("locked.ts", []byte("x"))
	if err := os.Chmod(filepath.Join(root, "locked.ts"), 0); err != nil {
		t.Fatal(err)
	}
	canRead := false
	if f, err := os.Open(filepath.Join(root, "locked.ts")); err == nil {
		canRead = true // running as root: permissions do not stop reads
		f.Close()
	}

	r := discoverAt(t, root, Options{})
	want := []string{"app/page.tsx", "exact.ts", "late-nul.ts", "latin1.ts", "package.json"}
	wantNotes := []string{
		"binary-file binary.ts",
		"file-too-large big.min.js",
		"binary-file schema.prisma",
	}
	wantSkipped := 3
	if canRead {
		want = append(want, "locked.ts")
	} else {
		wantNotes = append(wantNotes, "unreadable-file locked.ts")
		wantSkipped++
	}
	equalJSON(t, "files", filePaths(r), sorted(want))
	equalJSON(t, "notifications", sorted(notes(r)), sorted(wantNotes))
	if r.Skipped != wantSkipped {
		t.Errorf("Skipped = %d, want %d", r.Skipped, wantSkipped)
	}
	if f := r.File("latin1.ts"); f == nil || f.Kind != TS || f.Directive != UseServer {
		t.Errorf("invalid UTF-8 file: %+v, want a TS file with the 'use server' directive", f)
	}
	if f := r.File("exact.ts"); f == nil || f.Size != DefaultMaxFileSize {
		t.Errorf("file of exactly the limit: %+v, want listed with its size", f)
	}

	// A smaller limit through Options.
	r = discoverAt(t, root, Options{MaxFileSize: 100})
	if r.File("exact.ts") != nil || r.File("latin1.ts") == nil || r.File("package.json") == nil {
		t.Errorf("MaxFileSize 100: files %q; want the small files only", filePaths(r))
	}
	if !contains(notes(r), "file-too-large exact.ts") {
		t.Errorf("MaxFileSize 100: notifications %q, want file-too-large for exact.ts", notes(r))
	}
}

func TestReadFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	top := tempRoot(t)
	root := filepath.Join(top, "repo")
	writeTree(t, top, map[string]string{
		"outside/secret.ts":      "secret",
		"repo/.git/":             "",
		"repo/.gitignore":        "ignored.ts\n",
		"repo/package.json":      nextPkg,
		"repo/app/api/route.ts":  "export const GET = 1",
		"repo/ignored.ts":        "still readable",
		"repo/big.ts":            strings.Repeat("x", 100),
		"repo/apps/web/page.tsx": "",
	})
	symlink(t, root, "../outside", "ext")
	symlink(t, root, "app/api/route.ts", "alias.ts")
	r := discoverAt(t, root, Options{MaxFileSize: 50})

	data, err := r.ReadFile("app/api/route.ts")
	if err != nil || string(data) != "export const GET = 1" {
		t.Errorf("ReadFile(app/api/route.ts) = %q, %v", data, err)
	}
	if data, err := r.ReadFile("alias.ts"); err != nil || string(data) != "export const GET = 1" {
		t.Errorf("ReadFile through a link inside the root = %q, %v", data, err)
	}
	if _, err := r.ReadFile("ignored.ts"); err != nil {
		t.Errorf("ReadFile of an ignored file inside the root: %v", err)
	}
	for _, p := range []string{"ext/secret.ts", "../outside/secret.ts", "app/../../outside/secret.ts", filepath.Join(top, "outside", "secret.ts")} {
		if data, err := r.ReadFile(p); !errors.Is(err, ErrOutsideRoot) {
			t.Errorf("ReadFile(%q) = %q, %v; want ErrOutsideRoot", p, data, err)
		}
	}
	if _, err := r.ReadFile("big.ts"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadFile(big.ts) error = %v, want ErrTooLarge", err)
	}
	if _, err := r.ReadFile("nope.ts"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(nope.ts) error = %v, want not-exist", err)
	} else if strings.Contains(err.Error(), top) {
		t.Errorf("ReadFile error %q reveals an absolute path", err)
	}
	if _, err := r.ReadFile("app"); err == nil {
		t.Error("ReadFile of a directory succeeded")
	}
}

// TestReadFileRootBelowBase: with the root below the git root, files of the git root outside the analysed
// directory are refused.
func TestReadFileRootBelowBase(t *testing.T) {
	root := tempRoot(t)
	writeTree(t, root, map[string]string{
		".git/":                 "",
		"secrets.ts":            "",
		"apps/web/package.json": nextPkg,
		"apps/web/lib/a.ts":     "a",
	})
	r := discoverAt(t, root, Options{}, "apps/web")
	if data, err := r.ReadFile("apps/web/lib/a.ts"); err != nil || string(data) != "a" {
		t.Errorf("ReadFile(apps/web/lib/a.ts) = %q, %v", data, err)
	}
	if _, err := r.ReadFile("secrets.ts"); !errors.Is(err, ErrOutsideRoot) {
		t.Errorf("ReadFile(secrets.ts) error = %v, want ErrOutsideRoot", err)
	}
}
