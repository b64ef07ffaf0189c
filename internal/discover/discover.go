package discover

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// ErrOutsideRoot is returned by ReadFile for a path whose real location is outside the analysis root.
var ErrOutsideRoot = errors.New("path is outside the analysed directory")

// ErrTooLarge is returned by ReadFile for a file over the size limit.
var ErrTooLarge = errors.New("file is over the size limit")

// binarySniffLen is how much of a file is searched for a NUL byte to call it binary, as git does.
const binarySniffLen = 8000

// Discover walks t.Root and describes what it holds. It fails only when Root itself cannot be read; problems
// with single files and directories become notifications.
func Discover(t *Target, opt Options) (*Repo, error) {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	w := &walker{
		t:        t,
		patterns: map[string][]gitignore.Pattern{},
		visited:  map[string]bool{},
		dirs:     map[string]bool{},
	}
	// Files are read while the walk goes on; both are bound by system calls.
	rd := startReaders(opt)
	w.emit = rd.read
	err := w.walkAll()
	results := rd.wait(w.found)
	if err != nil {
		return nil, fmt.Errorf("walking %s: %w", t.Root, err)
	}

	r := &Repo{Target: *t, maxFileSize: opt.MaxFileSize}
	r.Target.Scope = append([]string(nil), t.Scope...)
	r.Notifications = w.notes
	r.Skipped = w.skipped
	pkgs := map[string]*packageJSON{}
	pnpm := map[string][]string{}
	prismaConfigs := map[string]*prismaConfig{}
	for i := range results {
		res := &results[i]
		if res.note != nil {
			r.Notifications = append(r.Notifications, *res.note)
		}
		if res.file == nil {
			r.Skipped++
			continue
		}
		r.Files = append(r.Files, res.file)
		dir, name := dirOf(res.file.Path), baseOf(res.file.Path)
		switch {
		case res.pkg != nil:
			pkgs[dir] = res.pkg
		case name == "pnpm-workspace.yaml":
			pnpm[dir] = res.pnpm
		case res.prisma != nil:
			if prev := prismaConfigs[dir]; prev == nil || prismaConfigRank(name) < prismaConfigRank(baseOf(prev.path)) {
				prismaConfigs[dir] = res.prisma
			}
		}
	}
	sort.Slice(r.Files, func(i, j int) bool { return r.Files[i].Path < r.Files[j].Path })
	r.Packages = buildPackages(pkgs, pnpm)
	r.Apps = buildApps(r, pkgs, w.dirs)
	r.Schemas = buildSchemas(r, pkgs, prismaConfigs, w.dirs)
	report.SortNotifications(r.Notifications)
	return r, nil
}

// readResult is what reading one candidate gave.
type readResult struct {
	file   *File // nil when the file was skipped
	note   *report.Notification
	pkg    *packageJSON
	pnpm   []string
	prisma *prismaConfig
}

// readers is a pool of goroutines reading candidates as the walk finds them.
type readers struct {
	jobs    chan candidate
	wg      sync.WaitGroup
	mu      sync.Mutex
	results map[int]readResult
}

func startReaders(opt Options) *readers {
	rd := &readers{jobs: make(chan candidate, 4*opt.Workers), results: map[int]readResult{}}
	for range opt.Workers {
		rd.wg.Add(1)
		go func() {
			defer rd.wg.Done()
			for c := range rd.jobs {
				res := readCandidate(&c, opt.MaxFileSize)
				rd.mu.Lock()
				rd.results[c.index] = res
				rd.mu.Unlock()
			}
		}()
	}
	return rd
}

func (rd *readers) read(c candidate) { rd.jobs <- c }

// wait waits for the n candidates handed over and returns their results in the order the walk found them,
// whatever the scheduling.
func (rd *readers) wait(n int) []readResult {
	close(rd.jobs)
	rd.wg.Wait()
	out := make([]readResult, n)
	for i := range out {
		out[i] = rd.results[i]
	}
	return out
}

// readCandidate reads one file once and keeps only what discovery needs from it.
func readCandidate(c *candidate, maxSize int64) readResult {
	skip := func(id string, level rules.Severity, format string, args ...any) readResult {
		return readResult{note: &report.Notification{ID: id, Level: level, Path: c.rel, Message: fmt.Sprintf(format, args...)}}
	}
	data, err := readLimited(c.real, maxSize)
	switch {
	case errors.Is(err, ErrTooLarge):
		return skip("file-too-large", rules.Warning, "file skipped: it is over the %d-byte limit", maxSize)
	case err != nil:
		return skip("unreadable-file", rules.Warning, "file skipped: %v", errText(err))
	}
	if bytes.IndexByte(data[:min(len(data), binarySniffLen)], 0) >= 0 {
		return skip("binary-file", rules.Note, "file skipped: it contains NUL bytes, so it is not text")
	}
	f := &File{Path: c.rel, Size: int64(len(data)), Kind: c.kind}
	res := readResult{file: f}
	name := baseOf(c.rel)
	if c.kind.IsSource() {
		f.Directive = ModuleDirective(data)
		f.MentionsUseServer = bytes.Contains(data, []byte(UseServer))
		if prismaConfigRank(name) >= 0 {
			res.prisma = scanPrismaConfig(c.rel, data)
		}
	}
	switch name {
	case "package.json":
		pkg, err := parsePackageJSON(data)
		if err != nil {
			res.note = &report.Notification{ID: "invalid-package-json", Level: rules.Warning, Path: c.rel,
				Message: fmt.Sprintf("package.json is not a JSON object (%v); its dependencies and workspaces are ignored", err)}
		} else {
			res.pkg = pkg
		}
	case "pnpm-workspace.yaml":
		res.pnpm = parsePnpmWorkspace(data)
	}
	return res
}

// readLimited reads the regular file at the absolute path p, failing with ErrTooLarge beyond maxSize bytes.
func readLimited(p string, maxSize int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if fi.Size() > maxSize {
		return nil, ErrTooLarge
	}
	// Read the size fstat gave, no more: one read system call for most files. A file that grew meanwhile is
	// read up to its old size; one that shrank is read to its end.
	data := make([]byte, fi.Size())
	n, err := io.ReadFull(f, data)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return data[:n], nil
}

// ReadFile reads a file by its Base-relative, slash-separated path. It refuses a path whose real location
// (after resolving symbolic links) is outside Root (ErrOutsideRoot), anything but a regular file, and files
// over the size limit (ErrTooLarge). Every later stage reads project files through it.
func (r *Repo) ReadFile(p string) ([]byte, error) {
	if filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		return nil, fmt.Errorf("read %s: %w", p, ErrOutsideRoot)
	}
	real, err := filepath.EvalSymlinks(filepath.Join(r.Base, filepath.FromSlash(p)))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, errCause(err))
	}
	if !within(r.Root, real) {
		return nil, fmt.Errorf("read %s: %w", p, ErrOutsideRoot)
	}
	max := r.maxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	data, err := readLimited(real, max)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, errCause(err))
	}
	return data, nil
}
