package discover

// The walk, and symbolic links.
//
// filepath.WalkDir does not follow symbolic links. The walk handles each link it meets itself:
//   - a link whose target (after resolving every link on the way) lies outside Root is never followed and
//     nothing behind it is read: notification symlink-outside-root;
//   - a link that cannot be resolved because it loops (a -> b -> a), or that points at one of its own
//     ancestors (lib/self -> ..), is reported as symlink-loop;
//   - a dangling link is reported as symlink-broken;
//   - a link to a file inside Root is a file of interest under the link's path (the target may be listed
//     under its own path too);
//   - a link to a directory inside Root is walked after the real tree, under the link's path, unless that
//     directory was already walked: every real directory is walked at most once, so links to directories
//     the walk reaches anyway add nothing, and a directory reached through two links appears once.
// Links into pruned folders (node_modules, .git, …) are not followed. Ignore rules apply to the paths as
// seen through the link.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// DefaultMaxFileSize is the size above which files are skipped (minified bundles, generated code).
const DefaultMaxFileSize = 2 << 20

// Options tune Discover. The zero value is ready to use.
type Options struct {
	// MaxFileSize is the size in bytes above which a file is skipped; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Workers is the number of goroutines reading files; 0 means GOMAXPROCS.
	Workers int
}

// candidate is a file of interest found by the walk, to be read.
type candidate struct {
	index int    // order in which the walk found it
	rel   string // Base-relative display path
	real  string // absolute path to read
	kind  Kind
}

// linkedDir is a symbolic link to a directory inside Root, walked after the real tree.
type linkedDir struct {
	rel  string // Base-relative path of the link
	real string // resolved target
}

type walker struct {
	t *Target

	above    []gitignore.Pattern            // patterns in force at Root before its own .gitignore
	patterns map[string][]gitignore.Pattern // per walked directory (Base-relative), in priority order
	visited  map[string]bool                // real directories walked
	dirs     map[string]bool                // walked directories, Base-relative display paths
	pending  []linkedDir

	found   int               // candidates found so far
	emit    func(c candidate) // hands a candidate to the readers
	notes   []report.Notification
	skipped int
}

// walkAll walks Root, then the linked directories, handing candidates to emit.
func (w *walker) walkAll() error {
	w.above = ignoreAbove(w.t)
	if err := w.walk(w.t.Root, w.t.RootRel); err != nil {
		return err
	}
	for len(w.pending) > 0 {
		l := w.pending[0]
		w.pending = w.pending[1:]
		if !w.visited[l.real] {
			if err := w.walk(l.real, l.rel); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *walker) note(id string, level rules.Severity, rel, format string, args ...any) {
	w.notes = append(w.notes, report.Notification{ID: id, Level: level, Path: rel, Message: fmt.Sprintf(format, args...)})
}

// walk walks the real directory top, which is shown as the Base-relative path topRel.
func (w *walker) walk(top, topRel string) error {
	return filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		rel := topRel
		if p != top {
			rel = joinRel(topRel, filepath.ToSlash(p[len(top)+1:]))
		}
		if err != nil {
			if p == w.t.Root && d == nil {
				return err
			}
			w.note("unreadable-dir", rules.Warning, rel, "directory skipped: %v", errText(err))
			return nil
		}
		if p != top {
			if d.Type()&fs.ModeSymlink != 0 {
				w.link(p, rel)
				return nil
			}
			if d.IsDir() && w.pruned(p, rel, d.Name()) {
				return filepath.SkipDir
			}
		}
		if d.IsDir() {
			if w.visited[p] {
				return filepath.SkipDir
			}
			w.visited[p] = true
			w.dirs[rel] = true
			w.enterDir(p, rel, p == top)
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // devices, sockets, FIFOs: never opened
		}
		kind, ok := classify(d.Name())
		if !ok || w.ignored(rel, false) {
			return nil
		}
		w.add(candidate{rel: rel, real: p, kind: kind}) // the size is checked when the file is read
		return nil
	})
}

// pruned reports whether the walk must not enter the directory p (shown as rel) named name.
func (w *walker) pruned(p, rel, name string) bool {
	if alwaysPruned[name] {
		return true
	}
	if outputDirs[name] {
		parent := filepath.Dir(p)
		if parent == w.t.Root || isFile(filepath.Join(parent, "package.json")) {
			return true
		}
	}
	return w.ignored(rel, true)
}

// enterDir computes the ignore patterns in force inside a directory: its parent's plus its own .gitignore.
func (w *walker) enterDir(p, rel string, top bool) {
	var parent []gitignore.Pattern
	if top && rel == w.t.RootRel {
		parent = w.above
	} else {
		parent = w.patterns[dirOf(rel)]
	}
	own := readIgnoreFile(filepath.Join(p, ".gitignore"), splitRel(rel))
	if len(own) == 0 {
		w.patterns[rel] = parent
		return
	}
	w.patterns[rel] = append(parent[:len(parent):len(parent)], own...)
}

// ignored reports whether git ignores the Base-relative path rel, given the patterns of its directory.
func (w *walker) ignored(rel string, isDir bool) bool {
	ps := w.patterns[dirOf(rel)]
	if len(ps) == 0 {
		return false
	}
	return gitignore.NewMatcher(ps).Match(splitRel(rel), isDir)
}

// link handles a symbolic link met by the walk at p, shown as rel.
func (w *walker) link(p, rel string) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		_, serr := os.Stat(p)
		switch {
		case errors.Is(serr, syscall.ELOOP) || strings.Contains(err.Error(), "too many links"):
			w.note("symlink-loop", rules.Warning, rel, "symbolic link loops; not followed")
		case errors.Is(err, fs.ErrNotExist):
			w.note("symlink-broken", rules.Note, rel, "symbolic link points to nothing")
		default:
			w.unreadable(rel, err)
		}
		return
	}
	if !within(w.t.Root, real) {
		w.note("symlink-outside-root", rules.Warning, rel,
			"symbolic link leads outside the analysed directory; not followed")
		w.skipped++
		return
	}
	if r, _ := filepath.Rel(w.t.Root, real); r != "." {
		for _, c := range strings.Split(filepath.ToSlash(r), "/") {
			if alwaysPruned[c] {
				return
			}
		}
	}
	fi, err := os.Stat(real)
	if err != nil {
		w.unreadable(rel, err)
		return
	}
	if fi.IsDir() {
		if within(real, filepath.Dir(p)) {
			w.note("symlink-loop", rules.Warning, rel, "symbolic link points to a directory containing it; not followed")
			return
		}
		if alwaysPruned[baseOf(rel)] || w.ignored(rel, true) {
			return
		}
		w.pending = append(w.pending, linkedDir{rel: rel, real: real})
		return
	}
	if !fi.Mode().IsRegular() {
		return
	}
	kind, ok := classify(baseOf(rel))
	if !ok || w.ignored(rel, false) {
		return
	}
	w.add(candidate{rel: rel, real: real, kind: kind})
}

// add numbers a candidate and hands it to the readers.
func (w *walker) add(c candidate) {
	c.index = w.found
	w.found++
	w.emit(c)
}

func (w *walker) unreadable(rel string, err error) {
	w.note("unreadable-file", rules.Warning, rel, "file skipped: %v", errText(err))
	w.skipped++
}

// errText returns the message of err without the absolute path an *fs.PathError carries: notification
// messages name files by their Base-relative Path only.
func errText(err error) string { return errCause(err).Error() }

// errCause unwraps an *fs.PathError, dropping the absolute path it carries.
func errCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// within reports whether the absolute cleaned path p is root or lies below it.
func within(root, p string) bool {
	if p == root {
		return true
	}
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	return strings.HasPrefix(p, root)
}

// classify returns the kind of a file of interest named name, and false for any other file.
func classify(name string) (Kind, bool) {
	switch {
	case name == "package.json" || name == "jsconfig.json":
		return JSON, true
	case strings.HasPrefix(name, "tsconfig") && strings.HasSuffix(name, ".json"):
		return JSON, true
	case name == "pnpm-workspace.yaml":
		return Config, true
	}
	switch filepath.Ext(name) {
	case ".prisma":
		return Prisma, true
	case ".ts", ".mts", ".cts":
		if strings.HasSuffix(name, ".d.ts") || strings.HasSuffix(name, ".d.mts") || strings.HasSuffix(name, ".d.cts") {
			return "", false
		}
		return TS, true
	case ".tsx":
		return TSX, true
	case ".js", ".mjs", ".cjs":
		return JS, true
	case ".jsx":
		return JSX, true
	}
	return "", false
}
