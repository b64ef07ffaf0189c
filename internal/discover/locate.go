package discover

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Target says where archlint looks: the analysis root, the git root above it, and the part the user asked
// about.
type Target struct {
	// Root is the absolute, cleaned, symlink-free directory that is walked: the workspace root of the app the
	// paths lie in, else that app's root, else the path itself.
	Root string
	// Base is the nearest ancestor-or-self of Root that contains .git (a directory, or a file for worktrees
	// and submodules), else Root. Every path archlint prints is relative to Base, as SARIF wants.
	Base string
	// RootRel is Root relative to Base, slash-separated; "" when they are the same.
	RootRel string
	// Scope are the given paths relative to Base, slash-separated, sorted, without duplicates and without
	// paths lying under another one. Findings are reported only under these; "" means everything.
	Scope []string
}

// InScope reports whether the Base-relative path p lies under one of the Scope paths.
func (t *Target) InScope(p string) bool {
	if len(t.Scope) == 0 {
		return true
	}
	for _, s := range t.Scope {
		if under(p, s) {
			return true
		}
	}
	return false
}

// PathErrorKind says why Locate rejected its paths.
type PathErrorKind int

// The kinds of PathError.
const (
	// PathNotFound: a path does not exist or cannot be examined.
	PathNotFound PathErrorKind = iota + 1
	// PathsDisagree: the paths resolve to different analysis roots.
	PathsDisagree
)

// PathError is returned by Locate when the paths it was given cannot be analysed together. It is a usage
// error: the CLI maps it to exit code 2.
type PathError struct {
	// Kind says which problem it is.
	Kind PathErrorKind
	// Paths are the offending paths as given (one for PathNotFound, two for PathsDisagree).
	Paths []string
	// Roots are the two different roots, for PathsDisagree.
	Roots []string
	// Err is the underlying error, for PathNotFound.
	Err error
}

// Error describes the problem in one sentence.
func (e *PathError) Error() string {
	switch e.Kind {
	case PathNotFound:
		return fmt.Sprintf("path %q: %v", e.Paths[0], e.Err)
	case PathsDisagree:
		return fmt.Sprintf("paths %q and %q belong to different projects (%s and %s); run archlint once per project",
			e.Paths[0], e.Paths[1], e.Roots[0], e.Roots[1])
	}
	return "invalid paths"
}

// Unwrap returns the underlying error.
func (e *PathError) Unwrap() error { return e.Err }

// nextConfigNames are the next.config files Next.js loads, in its order of preference.
var nextConfigNames = []string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs", "next.config.mts"}

// Locate finds the analysis root for the given paths (files or directories; "." when there are none).
//
// For each path it looks for the nearest ancestor-or-self that is a Next.js app (a package.json depending on
// next, or a next.config file); from there it looks further up for a workspace root (pnpm-workspace.yaml,
// package.json with "workspaces", lerna.json, nx.json, rush.json, or a turbo.json without "extends"). Both
// searches stop at the git root: they never look above a directory containing .git. The root is the
// workspace root if there is one, else the app; a path inside no app is its own root (a directory, or a
// file's directory), so that a monorepo root can be given. All paths must resolve to the same root.
//
// Errors are *PathError.
func Locate(paths []string) (*Target, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var (
		root, rootOf string
		reals        []string
	)
	for _, p := range paths {
		real, dir, err := resolvePath(p)
		if err != nil {
			return nil, &PathError{Kind: PathNotFound, Paths: []string{p}, Err: err}
		}
		r := rootFor(dir)
		if root == "" {
			root, rootOf = r, p
		} else if r != root {
			return nil, &PathError{Kind: PathsDisagree, Paths: []string{rootOf, p}, Roots: []string{root, r}}
		}
		reals = append(reals, real)
	}
	t := &Target{Root: root, Base: gitRoot(root)}
	t.RootRel = relSlash(t.Base, t.Root)
	for _, r := range reals {
		t.Scope = append(t.Scope, relSlash(t.Base, r))
	}
	t.Scope = normalizeScope(t.Scope)
	return t, nil
}

// resolvePath returns the absolute symlink-free path of p and the directory to search from (p itself, or its
// directory when p is a file).
func resolvePath(p string) (real, dir string, err error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", "", err
	}
	real, err = filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", "", errors.New("no such file or directory")
		}
		return "", "", err
	}
	fi, err := os.Stat(real)
	if err != nil {
		return "", "", err
	}
	if fi.IsDir() {
		return real, real, nil
	}
	return real, filepath.Dir(real), nil
}

// rootFor returns the analysis root for a directory.
func rootFor(dir string) string {
	app := ""
	for d := dir; ; {
		if isNextApp(d) {
			app = d
			break
		}
		up := filepath.Dir(d)
		if hasGit(d) || up == d {
			break
		}
		d = up
	}
	if app == "" {
		return dir
	}
	for d := app; ; {
		if isWorkspaceRoot(d) {
			return d
		}
		up := filepath.Dir(d)
		if hasGit(d) || up == d {
			break
		}
		d = up
	}
	return app
}

// gitRoot returns the nearest ancestor-or-self of dir containing .git, or dir.
func gitRoot(dir string) string {
	for d := dir; ; {
		if hasGit(d) {
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			return dir
		}
		d = up
	}
}

func hasGit(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// isNextApp reports whether dir is a Next.js app: a package.json that depends on next, or a next.config file.
func isNextApp(dir string) bool {
	for _, n := range nextConfigNames {
		if isFile(filepath.Join(dir, n)) {
			return true
		}
	}
	pkg := readPackageJSONFile(filepath.Join(dir, "package.json"))
	return pkg != nil && pkg.dependsOnNext()
}

// isWorkspaceRoot reports whether dir holds a monorepo tool's root configuration. turbo.json is also used
// per package (with "extends": ["//"]), so a turbo.json with "extends" does not count.
func isWorkspaceRoot(dir string) bool {
	for _, n := range []string{"pnpm-workspace.yaml", "lerna.json", "nx.json", "rush.json"} {
		if isFile(filepath.Join(dir, n)) {
			return true
		}
	}
	if data, err := readSmall(filepath.Join(dir, "turbo.json")); err == nil {
		if !strings.Contains(string(data), `"extends"`) {
			return true
		}
	}
	pkg := readPackageJSONFile(filepath.Join(dir, "package.json"))
	return pkg != nil && len(pkg.workspaces) > 0
}

// readSmall reads a regular file of at most 1 MB, for the configuration files Locate looks at.
func readSmall(p string) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > 1<<20 {
		return nil, errors.New("not a small regular file")
	}
	return os.ReadFile(p)
}

func readPackageJSONFile(p string) *packageJSON {
	data, err := readSmall(p)
	if err != nil {
		return nil
	}
	pkg, err := parsePackageJSON(data)
	if err != nil {
		return nil
	}
	return pkg
}

// relSlash returns target relative to base, slash-separated, "" when they are equal. target must be base
// or lie below it.
func relSlash(base, target string) string {
	r, err := filepath.Rel(base, target)
	if err != nil || r == "." {
		return ""
	}
	return filepath.ToSlash(r)
}

// normalizeScope sorts scope paths and drops duplicates and paths under another one.
func normalizeScope(s []string) []string {
	sort.Strings(s)
	var out []string
	for _, p := range s {
		if len(out) > 0 && under(p, out[len(out)-1]) {
			continue
		}
		out = append(out, p)
	}
	return out
}
