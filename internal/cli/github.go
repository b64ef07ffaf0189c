package cli

// Code scanning and new-findings options of the check command, and the hooks runCheck calls.
//
// Code scanning: --sarif-category (automationDetails.id), --sarif-include-suppressed, --sarif-max-results
// and --sarif-srcroot set the SARIF writer's options (sarif.Options).
//
// New findings only (BASE-04, BASE-05): --new-from-rev REV and --new-from-merge-base REF analyse the base
// commit too, in a temporary git worktree, and report only the findings whose line-independent fingerprint
// the base does not have (package newfindings), cross-file findings included.
//
// --diff-filter (needs one of the two, whose commit is the diff's base): after the new-findings filter, keep
// only the findings whose primary range passes the filter mode against the diff from the base commit to
// the working tree (committed, staged, unstaged and untracked changes), like golangci-lint's --new or
// reviewdog's -filter-mode: added (every line of the finding added), diff_context (every line within a
// hunk), file (in a changed file), nofilter (default: no diff filtering; a new cross-file finding in an
// untouched file is kept). The review bot uses the same names to decide which findings are commented
// inline; there, nothing is dropped (see github_review.go).

import (
	"context"
	"errors"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/gitdiff"
	"github.com/archlint/archlint/internal/newfindings"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/sarif"
)

// GitHubOptions are the code-scanning and new-findings flags of the check command.
type GitHubOptions struct {
	// SarifCategory is written as the SARIF run's automationDetails.id (SARIF-17).
	SarifCategory string
	// SarifIncludeSuppressed writes suppressed findings to SARIF, with suppressions (SARIF-19).
	SarifIncludeSuppressed bool
	// SarifMaxResults caps the SARIF results (-1: no cap; SARIF-02b).
	SarifMaxResults int
	// SarifSrcRoot overrides originalUriBaseIds["%SRCROOT%"] ("none" omits it; SARIF-18).
	SarifSrcRoot string
	// NewFromRev and NewFromMergeBase name the base commit of new-findings mode.
	NewFromRev       string
	NewFromMergeBase string
	// DiffFilter is the --diff-filter mode ("" means nofilter).
	DiffFilter string

	// Set by prepare.
	mode gitdiff.Mode
	base *newfindings.Base
	diff *gitdiff.Diff
}

func addGitHubFlags(f *pflag.FlagSet, o *GitHubOptions) {
	f.StringVar(&o.SarifCategory, "sarif-category", "", "write `NAME` as the SARIF run's category (automationDetails.id); one per app or job that uploads to code scanning")
	f.BoolVar(&o.SarifIncludeSuppressed, "sarif-include-suppressed", false, "also write suppressed findings to SARIF, with their suppressions (GitHub ignores them, so they are left out by default)")
	f.IntVar(&o.SarifMaxResults, "sarif-max-results", sarif.DefaultMaxResults, "write at most `N` SARIF results, most severe first, and note the cut (GitHub shows 5,000 and rejects more than 25,000; -1: no cap)")
	f.StringVar(&o.SarifSrcRoot, "sarif-srcroot", "", "use `URI` as SARIF's %SRCROOT% (default: the repository root's file: URI; none: omit)")
	f.StringVar(&o.NewFromRev, "new-from-rev", "", "report only findings that the commit `REV` does not have (it is analysed too, in a temporary git worktree)")
	f.StringVar(&o.NewFromMergeBase, "new-from-merge-base", "", "report only findings that the merge base of `REF` and HEAD does not have (a pull request's base branch: origin/main)")
	f.StringVar(&o.DiffFilter, "diff-filter", "", "with --new-from-*, keep only findings on lines the change touches: added, diff_context, file or nofilter (default)")
}

// validate checks the values flags cannot.
func (o *GitHubOptions) validate() error {
	if o.SarifMaxResults == 0 || o.SarifMaxResults < -1 || o.SarifMaxResults > sarif.GitHubMaxResults {
		return usageError("invalid --sarif-max-results %d (want 1 to %d, or -1 for no cap)", o.SarifMaxResults, sarif.GitHubMaxResults)
	}
	if o.NewFromRev != "" && o.NewFromMergeBase != "" {
		return usageError("--new-from-rev and --new-from-merge-base cannot be used together")
	}
	o.mode = gitdiff.ModeNoFilter
	if o.DiffFilter != "" {
		m, err := gitdiff.ParseMode(o.DiffFilter)
		if err != nil {
			return usageError("--diff-filter: %v", err)
		}
		o.mode = m
	}
	if o.mode != gitdiff.ModeNoFilter && o.NewFromRev == "" && o.NewFromMergeBase == "" {
		return usageError("--diff-filter %s needs --new-from-rev or --new-from-merge-base, whose commit is the diff's base", o.mode)
	}
	return nil
}

// prepare validates the options and, in new-findings mode, analyses the base commit (and reads the diff
// for --diff-filter) before the head is analysed. It must run after the adoption hook, whose configuration
// the base analysis shares.
func (o *GitHubOptions) prepare(c *CheckOptions, e *engine.Options, s Streams) error {
	if err := o.validate(); err != nil {
		return err
	}
	if o.NewFromRev == "" && o.NewFromMergeBase == "" {
		return nil
	}
	flag, rev := "--new-from-rev", o.NewFromRev
	if o.NewFromMergeBase != "" {
		flag, rev = "--new-from-merge-base", o.NewFromMergeBase
	}
	ctx := context.Background()
	target, err := discover.Locate(e.Paths)
	if err != nil {
		return usageError("%v", err)
	}
	root, err := newfindings.TopLevel(ctx, target.Root)
	if err != nil {
		return usageError("%s: %v", flag, err)
	}
	if root != target.Base {
		// Finding paths are relative to target.Base; the diff's to the git root. They must agree.
		return failure("%s: the repository root %s is not the git root %s", flag, target.Base, root)
	}
	var commit string
	if o.NewFromMergeBase != "" {
		commit, err = newfindings.MergeBase(ctx, root, rev)
	} else {
		commit, err = newfindings.Resolve(ctx, root, rev)
	}
	if errors.Is(err, newfindings.ErrUnknownRevision) {
		return usageError("%s: %v", flag, err)
	}
	if err != nil {
		return failure("%s: %v", flag, err)
	}
	bopt := *e
	bopt.Processors = func(res *engine.Result) ([]processors.Processor, error) {
		return baseAdoptionProcessors(&c.Adoption, res), nil
	}
	base, err := newfindings.AnalyzeBase(ctx, root, commit, bopt)
	if err != nil {
		return failure("%s: %v", flag, err)
	}
	o.base = base
	if o.mode != gitdiff.ModeNoFilter {
		d, err := gitdiff.Local(ctx, root, commit)
		if err != nil {
			return failure("--diff-filter: %v", err)
		}
		o.diff = d
	}
	return nil
}

// baseAdoptionProcessors are the adoption processors the base analysis runs: suppressions and rule
// settings, so that meta findings about suppression directives and configured severities compare equal
// with the head's; not the baseline, whose unused-entry accounting belongs to the head (adoption.go).
func baseAdoptionProcessors(a *AdoptionOptions, res *engine.Result) []processors.Processor {
	if a.run == nil {
		return nil
	}
	return adoptionProcessors(res, a.run.cfg, a.run.exclude, nil, nil)
}

// processors returns the new-findings filter and then the diff filter. They run after the adoption
// processors: "new" is decided on the findings suppressions and the baseline left.
func (o *GitHubOptions) processors(res *engine.Result) ([]processors.Processor, error) {
	var ps []processors.Processor
	if o.base != nil {
		ps = append(ps, newfindings.Filter(o.base))
	}
	if o.diff != nil {
		ps = append(ps, newfindings.DiffFilter(o.diff, o.mode))
	}
	return ps, nil
}

// sarifOptions sets the SARIF writer's options (category, suppressed results, cap, source root).
func (o *GitHubOptions) sarifOptions(so *sarif.Options) {
	so.Category = o.SarifCategory
	so.IncludeSuppressed = o.SarifIncludeSuppressed
	so.MaxResults = o.SarifMaxResults
	so.SrcRootURI = o.SarifSrcRoot
}

// addGitHubCommands registers the github command group (github review).
func addGitHubCommands(root *cobra.Command, s Streams) {
	root.AddCommand(newGitHubCmd(s))
}
