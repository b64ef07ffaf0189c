// Package processors holds the ordered, named steps that shape a Report after the analyzers ran and before
// a writer renders it (golangci-lint's processor pipeline). Each processor does one thing; the order is
// fixed by the caller and documented where the pipeline is built (internal/cli).
package processors

import (
	"fmt"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/archlint/archlint/internal/report"
)

// Processor transforms a report in place.
type Processor interface {
	// Name identifies the processor in errors.
	Name() string
	// Process transforms the report.
	Process(r *report.Report) error
}

// Apply runs the processors in order and stops at the first error.
func Apply(r *report.Report, ps ...Processor) error {
	for _, p := range ps {
		if err := p.Process(r); err != nil {
			return fmt.Errorf("%s: %w", p.Name(), err)
		}
	}
	return nil
}

// Func adapts a function to a Processor.
type Func struct {
	ID string
	Fn func(*report.Report) error
}

// Name returns the processor's ID.
func (f Func) Name() string { return f.ID }

// Process calls the function.
func (f Func) Process(r *report.Report) error { return f.Fn(r) }

// ValidateGlobs checks doublestar patterns; the error names the first invalid one.
func ValidateGlobs(globs []string) error {
	for _, g := range globs {
		if !doublestar.ValidatePattern(g) {
			return fmt.Errorf("invalid glob %q", g)
		}
	}
	return nil
}

// MatchAny reports whether the repository-relative path matches one of the globs. A glob also matches
// everything below a directory it matches, so `legacy` and `legacy/**` both exclude legacy/a/b.ts. Write
// Next.js segments escaped: `app/\[id\]/route.ts` (a bare `[id]` is a character class).
func MatchAny(globs []string, path string) bool {
	for _, g := range globs {
		g = strings.TrimPrefix(g, "./")
		if ok, _ := doublestar.Match(g, path); ok {
			return true
		}
		for dir := path; ; {
			i := strings.LastIndexByte(dir, '/')
			if i < 0 {
				break
			}
			dir = dir[:i]
			if ok, _ := doublestar.Match(g, dir); ok {
				return true
			}
		}
	}
	return false
}

// Exclude drops findings whose path matches one of the globs.
func Exclude(globs []string) Processor {
	return Func{ID: "exclude", Fn: func(r *report.Report) error {
		if len(globs) == 0 {
			return nil
		}
		keep := r.Findings[:0]
		for _, f := range r.Findings {
			if !MatchAny(globs, f.Location.Path) {
				keep = append(keep, f)
			}
		}
		r.Findings = keep
		return nil
	}}
}

// Scope drops findings outside the paths the user asked about (the whole app is analysed so that
// cross-file facts hold, but `archlint ./app/api` reports only under app/api).
func Scope(inScope func(path string) bool) Processor {
	return Func{ID: "scope", Fn: func(r *report.Report) error {
		keep := r.Findings[:0]
		for _, f := range r.Findings {
			if inScope(f.Location.Path) {
				keep = append(keep, f)
			}
		}
		r.Findings = keep
		return nil
	}}
}

// Sort puts findings and notifications in their canonical order. Must run last: every writer relies on it.
func Sort() Processor {
	return Func{ID: "sort", Fn: func(r *report.Report) error {
		report.SortFindings(r.Findings)
		report.SortNotifications(r.Notifications)
		return nil
	}}
}
