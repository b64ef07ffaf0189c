// Package newfindings computes which findings a change introduces (--new-from-rev, --new-from-merge-base;
// spec BASE-04, BASE-05).
//
// Many archlint findings are cross-file: a change to lib/db.ts can make a finding appear in a route that
// the change does not touch. Keeping only the findings on changed lines (golangci-lint's model) would miss
// those, so this package follows semgrep's model: it analyses the base commit too, in a temporary git
// worktree, and keeps the head findings whose line-independent fingerprint (report.Finding.Fingerprint,
// archlintFingerprint/v1 = rule + repository-relative path + rule key) the base does not have.
//
// Comparability. A fingerprint includes the path relative to the repository root (discover's Target.Base),
// so the base must be analysed with the same repository-relative paths under a different root: the
// worktree is a complete checkout whose root holds a .git file, so discovery takes the worktree as the
// repository root and every path comes out exactly as in the head analysis. The base analysis uses the
// head's engine options (exclusions, enabled rules, analyzer settings) and the processors the caller
// gives: the check command passes the suppression and rule-settings processors, not the baseline (the
// baseline file describes the head and its unused-entry check must not be spent on the base). A finding
// suppressed in the base does not count as present there, so a change that removes a suppression makes its
// finding new (semgrep's model too).
//
// Known limit: a renamed file changes the path and so the fingerprint of every finding in it; such
// findings are reported as new (semgrep behaves the same way).
//
// The package also holds the --diff-filter processor (DiffFilter), which restricts findings to the lines
// a diff touches, and FindingLines, the line range anchoring uses.
package newfindings

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/gitdiff"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/rules"
)

// ErrUnknownRevision is returned (wrapped) when a revision does not name a commit.
var ErrUnknownRevision = errors.New("unknown revision")

// ErrNotGit is returned (wrapped) when the analysed directory is not inside a git repository.
var ErrNotGit = errors.New("not a git repository")

// TopLevel returns the root of the git working tree that contains dir.
func TopLevel(ctx context.Context, dir string) (string, error) {
	out, err := gitdiff.Git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("%w: %s", ErrNotGit, dir)
	}
	top := strings.TrimSpace(string(out))
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	return filepath.Clean(top), nil
}

// Resolve returns the full SHA of the commit rev names in the repository at dir.
func Resolve(ctx context.Context, dir, rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%w %q", ErrUnknownRevision, rev)
	}
	out, err := gitdiff.Git(ctx, dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%w %q (in a CI checkout, fetch it: actions/checkout with fetch-depth: 0)", ErrUnknownRevision, rev)
	}
	return strings.TrimSpace(string(out)), nil
}

// MergeBase returns the best common ancestor of ref and HEAD in the repository at dir.
func MergeBase(ctx context.Context, dir, ref string) (string, error) {
	sha, err := Resolve(ctx, dir, ref)
	if err != nil {
		return "", err
	}
	out, err := gitdiff.Git(ctx, dir, "merge-base", sha, "HEAD")
	if err != nil {
		return "", fmt.Errorf("%w: %q and HEAD have no common ancestor (a shallow clone? fetch-depth: 0)", ErrUnknownRevision, ref)
	}
	return strings.TrimSpace(string(out)), nil
}

// Worktree checks commit out in a new temporary directory (`git worktree add --detach`, hooks disabled,
// Git LFS objects not fetched) and calls fn with its root. The worktree is removed and unregistered
// afterwards, also when fn returns an error or panics (the deferred removal runs while the panic
// unwinds). Worktrees left by a killed process are pruned by the next call.
func Worktree(ctx context.Context, dir, commit string, fn func(root string) error) (err error) {
	tmp, err := os.MkdirTemp("", "archlint-base-")
	if err != nil {
		return err
	}
	root := filepath.Join(tmp, "tree")
	defer func() {
		// A fresh context: the caller's may be cancelled, and the worktree must go regardless.
		cctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, rerr := gitdiff.Git(cctx, dir, "worktree", "remove", "--force", root)
		if e := os.RemoveAll(tmp); e != nil && rerr == nil {
			rerr = e
		}
		_, _ = gitdiff.Git(cctx, dir, "worktree", "prune")
		if rerr != nil && err == nil {
			err = fmt.Errorf("removing the base worktree: %v", rerr)
		}
	}()
	_, _ = gitdiff.Git(ctx, dir, "worktree", "prune")
	if _, err := gitdiff.Git(ctx, dir, "-c", "core.hooksPath=/dev/null", "-c", "advice.detachedHead=false",
		"worktree", "add", "--detach", "--quiet", root, commit); err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	return fn(root)
}

// RebasePaths maps the paths of the head analysis (relative to the working directory, or absolute) to the
// same repository-relative paths under root, a checkout of another commit of the repository whose root is
// gitRoot. Paths that do not exist under root (added by the change) are left out; ok is false when none
// is left, and then the base has nothing to analyse. An empty paths means ".".
func RebasePaths(gitRoot, root string, paths []string) (out []string, ok bool, err error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, false, err
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		rel, err := filepath.Rel(gitRoot, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, false, fmt.Errorf("path %q is outside the git repository %s", p, gitRoot)
		}
		mapped := filepath.Join(root, rel)
		if _, err := os.Lstat(mapped); err != nil {
			continue
		}
		out = append(out, mapped)
	}
	return out, len(out) > 0, nil
}

// Base is the analysis of the base commit.
type Base struct {
	// Commit is the analysed commit's SHA.
	Commit string
	// Report is the base's report after the processors; nil when none of the head's paths existed in the
	// base.
	Report *report.Report
	// fingerprints are the fingerprints of the base's findings that are not suppressed.
	fingerprints map[string]bool
}

// Has reports whether the base has a finding with the fingerprint fp.
func (b *Base) Has(fp string) bool { return b.fingerprints[fp] }

// Len returns the number of distinct fingerprints in the base.
func (b *Base) Len() int { return len(b.fingerprints) }

// NewBase returns a Base holding the findings of rep (nil for none) that are not suppressed, for tests and
// for callers that analysed the base themselves. Baselined findings count: the baseline accepts them.
func NewBase(commit string, rep *report.Report) *Base {
	b := &Base{Commit: commit, Report: rep, fingerprints: map[string]bool{}}
	if rep != nil {
		for _, f := range rep.Findings {
			if f.Suppression == nil {
				b.fingerprints[f.Fingerprint] = true
			}
		}
	}
	return b
}

// AnalyzeBase analyses commit of the repository rooted at gitRoot in a temporary worktree, with the head's
// engine options opt and the head's paths (as given on the command line; see RebasePaths). opt.Processors
// are the base's extra processors (see the package comment); they must not be the head's new-findings
// filter.
func AnalyzeBase(ctx context.Context, gitRoot, commit string, opt engine.Options) (*Base, error) {
	var base *Base
	err := Worktree(ctx, gitRoot, commit, func(root string) error {
		paths, ok, err := RebasePaths(gitRoot, root, opt.Paths)
		if err != nil {
			return err
		}
		if !ok {
			base = NewBase(commit, nil)
			return nil
		}
		bopt := opt
		bopt.Paths = paths
		res, err := engine.Analyze(bopt)
		if err != nil {
			return fmt.Errorf("analysing the base commit %s: %w", short(commit), err)
		}
		base = NewBase(commit, res.Report)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return base, nil
}

// NotificationID identifies the note Filter adds.
const NotificationID = "new-findings-only"

// Filter returns the processor that drops the findings the base already had (by fingerprint) and adds a
// note saying how many were dropped. It must run after suppressions and the baseline (so that it sees the
// findings they left) and before the diff filter and sort.
func Filter(b *Base) processors.Processor {
	return processors.Func{ID: "new-findings", Fn: func(r *report.Report) error {
		keep := r.Findings[:0]
		dropped := 0
		for _, f := range r.Findings {
			if b.Has(f.Fingerprint) {
				dropped++
				continue
			}
			keep = append(keep, f)
		}
		r.Findings = keep
		if dropped > 0 {
			r.Notifications = append(r.Notifications, report.Notification{
				ID:    NotificationID,
				Level: rules.Note,
				Message: fmt.Sprintf("%d %s already present in the base commit %s %s not reported.",
					dropped, plural(dropped, "finding"), short(b.Commit), plural(dropped, "is", "are")),
			})
		}
		return nil
	}}
}

// DiffFilter returns the processor for --diff-filter: it keeps the findings whose primary range passes
// mode in d (see gitdiff.Diff.Contains). Must run after Filter.
func DiffFilter(d *gitdiff.Diff, mode gitdiff.Mode) processors.Processor {
	return processors.Func{ID: "diff-filter", Fn: func(r *report.Report) error {
		if mode == gitdiff.ModeNoFilter {
			return nil
		}
		keep := r.Findings[:0]
		for _, f := range r.Findings {
			start, end := FindingLines(f.Location.Range)
			if d.Contains(mode, f.Location.Path, start, end) {
				keep = append(keep, f)
			}
		}
		r.Findings = keep
		return nil
	}}
}

// FindingLines returns the first and last line a range covers. The range is half-open, so a range that
// ends at column 1 of a later line ends on the line before; a range without a start is line 1.
func FindingLines(rg report.Range) (start, end int) {
	start = max(rg.Start.Line, 1)
	end = rg.End.Line
	if end > start && rg.End.Column <= 1 {
		end--
	}
	if end < start {
		end = start
	}
	return start, end
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

func plural(n int, forms ...string) string {
	if n == 1 {
		return forms[0]
	}
	if len(forms) > 1 {
		return forms[1]
	}
	return forms[0] + "s"
}
