// Package project loads what the analysis reads: starting from the files Next.js treats as entry points
// (route handlers, Pages API routes, 'use server' modules, files with inline server actions, middleware and
// proxy), it parses them and, transitively, the project files they import or re-export from (relative,
// tsconfig paths/baseUrl and workspace-package specifiers, as package resolve resolves them), on a pool of
// workers. Files no entry point reaches are never parsed.
//
// The Project is the input of every analyzer. It is built once and read-only afterwards.
package project

import (
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/resolve"
	"github.com/archlint/archlint/internal/syntax"
	"github.com/archlint/archlint/internal/textpos"
	"github.com/archlint/archlint/rules"
)

// Project is a discovered repository with its parsed modules.
type Project struct {
	Repo *discover.Repo
	// Files are the parsed JS/TS modules by path.
	Files map[string]*jsmodel.File
	// Resolver resolves import specifiers to project files.
	Resolver *resolve.Resolver
	// Notifications are the loader's own (unreadable files, syntax errors), sorted.
	Notifications []report.Notification
	// BytesParsed is the total size of the parsed files.
	BytesParsed int64
}

// Options tune loading.
type Options struct {
	// Workers is the number of parsing goroutines; 0 means GOMAXPROCS.
	Workers int
	// SkipEntry, when set, excludes entry points for which it returns true (excluded paths). Files they
	// would import are still parsed when another entry point imports them.
	SkipEntry func(path string) bool
}

// Paths returns the parsed files' paths, sorted.
func (p *Project) Paths() []string {
	out := make([]string, 0, len(p.Files))
	for k := range p.Files {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Entries returns the entry-point files of the repository, sorted and without duplicates.
func Entries(r *discover.Repo) []string {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, a := range r.Apps {
		for _, rt := range a.Routes {
			add(rt.File)
		}
		for _, rt := range a.PagesAPI {
			add(rt.File)
		}
		for _, f := range a.ActionFiles {
			add(f)
		}
		for _, f := range a.InlineActionCandidates {
			add(f)
		}
		if a.Middleware != nil {
			add(a.Middleware.Path)
		}
	}
	// 'use server' modules outside any app (shared workspace packages) still define actions for the apps
	// that import them.
	for _, f := range r.Files {
		if f.Directive == discover.UseServer {
			add(f.Path)
		}
	}
	sort.Strings(out)
	return out
}

// Load parses the entry points of r and everything they import.
func Load(r *discover.Repo, opt Options) *Project {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := &Project{
		Repo:     r,
		Files:    map[string]*jsmodel.File{},
		Resolver: resolve.New(r),
	}

	// Every file is queued at most once, so a channel as large as the number of files never blocks.
	queue := make(chan string, len(r.Files)+1)
	var (
		mu      sync.Mutex
		queued  = map[string]bool{}
		pending sync.WaitGroup
		notes   []report.Notification
	)
	enqueue := func(path string) {
		mu.Lock()
		defer mu.Unlock()
		if queued[path] {
			return
		}
		queued[path] = true
		pending.Add(1)
		queue <- path
	}
	for _, e := range Entries(r) {
		if opt.SkipEntry != nil && opt.SkipEntry(e) {
			continue
		}
		if f := r.File(e); f != nil && f.Kind.IsSource() {
			enqueue(e)
		}
	}

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := syntax.NewParser()
			defer parser.Close()
			for path := range queue {
				f, note := parseFile(r, parser, path)
				if f != nil {
					for _, src := range dependencies(f) {
						if res := p.Resolver.Resolve(path, src); res.Kind == resolve.Local {
							enqueue(res.Path)
						}
					}
				}
				mu.Lock()
				if f != nil {
					p.Files[path] = f
					p.BytesParsed += int64(len(f.Tree.Src))
				}
				if note != nil {
					notes = append(notes, *note)
				}
				mu.Unlock()
				pending.Done()
			}
		}()
	}
	pending.Wait()
	close(queue)
	wg.Wait()

	report.SortNotifications(notes)
	p.Notifications = notes
	return p
}

// dependencies returns the specifiers of the modules f needs at run time, without duplicates: first its
// imports (static, dynamic, require) in source order, then the sources of its re-exports (`export … from`,
// which jsmodel records among the exports, not the imports). Type-only ones are left out.
func dependencies(f *jsmodel.File) []string {
	seen := map[string]bool{}
	var out []string
	add := func(src string) {
		if src != "" && !seen[src] {
			seen[src] = true
			out = append(out, src)
		}
	}
	for _, imp := range f.Imports {
		if !imp.TypeOnly {
			add(imp.Source)
		}
	}
	for _, ex := range f.Exports {
		if !ex.TypeOnly && ex.Source != "" {
			add(ex.Source)
		}
	}
	return out
}

// parseFile reads and parses one file. A file that cannot be read yields only a notification; a file with
// syntax errors yields its model and a notification.
func parseFile(r *discover.Repo, parser *syntax.Parser, path string) (*jsmodel.File, *report.Notification) {
	lang, ok := syntax.LangForPath(path)
	if !ok {
		return nil, nil
	}
	src, err := r.ReadFile(path)
	if err != nil {
		return nil, &report.Notification{ID: "unreadable-file", Level: rules.Warning, Path: path,
			Message: fmt.Sprintf("could not read %s: %v; it was not analysed", path, err)}
	}
	tree, err := parser.Parse(src, lang)
	if err != nil {
		return nil, &report.Notification{ID: "parse-failed", Level: rules.Warning, Path: path,
			Message: fmt.Sprintf("could not parse %s: %v; it was not analysed", path, err)}
	}
	var note *report.Notification
	if tree.Errors.Count > 0 {
		line, col := textpos.New(src).Position(tree.Errors.FirstOffset)
		what := "syntax error"
		if tree.Errors.FirstIsMissing {
			what = "syntax error (missing token)"
		}
		note = &report.Notification{ID: "syntax-error", Level: rules.Warning, Path: path,
			Position: &report.Position{Offset: tree.Errors.FirstOffset, Line: line, Column: col},
			Message:  fmt.Sprintf("%s at %s:%d:%d; the rest of the file was analysed", what, path, line, col)}
	}
	return jsmodel.Build(path, tree), note
}
