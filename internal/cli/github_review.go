package cli

// `archlint github review`: the pull-request review bot (package prbot) as a command.
//
// Findings come from a SARIF file a previous step wrote (--sarif, typically `archlint --format sarif
// --new-from-merge-base origin/main`) or from an analysis the command runs itself through the check
// command's pipeline (analyzeCheck), with the same configuration, suppressions and baseline. Only an
// analysis knows the endpoint inventory, which the summary comment shows.
//
// The analysis must see the pull request's head (PR-05): on `pull_request` events actions/checkout checks
// out a merge commit by default, whose line numbers differ from the head's when the base branch changed the
// same file, and comments anchored to them would land on the wrong lines or be rejected. When the checkout
// is not at the head commit and the head is available locally, the command analyses the head in a
// temporary worktree; when it is not available, it stops with exit code 2 and says how to check it out.
//
// --diff-filter here decides which findings are commented inline (package gitdiff, Diff.Anchor): added
// (default; every line of the finding is an added line), diff_context (every line within one hunk), file
// and nofilter (like diff_context: GitHub accepts line comments only inside hunks). No finding is dropped:
// those that cannot be commented inline are listed in the summary comment, and all of them count for
// --fail-on.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/gitdiff"
	"github.com/archlint/archlint/internal/newfindings"
	"github.com/archlint/archlint/internal/output"
	"github.com/archlint/archlint/internal/prbot"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/sarif"
)

// ReviewOptions are the inputs of `archlint github review`, one to one from its flags.
type ReviewOptions struct {
	// Paths are the paths to analyse (without --sarif).
	Paths []string
	// CheckArgs are extra check-command arguments given after "--" (--config, --baseline, ...).
	CheckArgs []string
	// Sarif is the SARIF file to take the findings from instead of analysing.
	Sarif string
	// DiffFilter decides which findings are commented inline.
	DiffFilter string
	FailOn     string
	// Category separates several reviews on one pull request.
	Category string
	// MaxComments caps the inline comments.
	MaxComments int
	// CommentAuthor is the login of the token's comments ("" detects it).
	CommentAuthor string
	// NewFromRev, NewFromMergeBase and Exclude are passed to the analysis.
	NewFromRev       string
	NewFromMergeBase string
	Exclude          []string
	// Changed reports whether a flag was given on the command line.
	Changed func(flag string) bool
}

func newGitHubCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "github",
		Short: "GitHub integration: review pull requests",
		Long: `Commands for GitHub Actions. For code scanning, write SARIF with the check command
(archlint --format sarif --output archlint.sarif) and upload it with github/codeql-action/upload-sarif;
see docs/github.md.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newReviewCmd(s, nil))
	return cmd
}

func newReviewCmd(s Streams, runF func(*ReviewOptions) error) *cobra.Command {
	opts := &ReviewOptions{}
	cmd := &cobra.Command{
		Use:   "review [path...] [-- check-flags...]",
		Short: "Review a pull request: inline comments on the changed lines and one summary comment",
		Long: `Review the pull request of a GitHub Actions run (pull_request event): one review with inline comments
on the lines the pull request changes (at most 30), and one summary comment, updated in place, with the
counts, the findings that could not be commented inline and the endpoints the pull request adds or changes.
Re-runs post nothing new for unchanged findings and delete the comments of fixed ones, unless someone
replied. With a read-only token (pull requests from forks) the findings become annotations and a job
summary instead.

The findings come from --sarif FILE, or from an analysis of the given paths (the pull request's head is
analysed; extra check flags may follow --). The token is read from ARCHLINT_GITHUB_TOKEN or GITHUB_TOKEN;
the job needs the permissions pull-requests: write and issues: write.`,
		Example: `  archlint github review --sarif archlint.sarif
  archlint github review --new-from-merge-base origin/main apps/web
  archlint github review --diff-filter diff_context -- --config ci/archlint.yaml`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if dash := c.ArgsLenAtDash(); dash >= 0 {
				opts.Paths, opts.CheckArgs = args[:dash], args[dash:]
			}
			opts.Changed = func(name string) bool { return c.Flags().Changed(name) }
			if runF != nil {
				return runF(opts)
			}
			return runReview(opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Sarif, "sarif", "", "take the findings from the SARIF `FILE` a previous step wrote, instead of analysing")
	f.StringVar(&opts.DiffFilter, "diff-filter", "", "which findings are commented inline: added (default), diff_context, file or nofilter")
	f.StringVar(&opts.FailOn, "fail-on", "error", "exit 1 when a reviewed finding has at least this severity: "+strings.Join(FailOnValues, ", "))
	f.StringVar(&opts.Category, "category", "", "name this review's comments (default archlint), to run one review per app of a monorepo")
	f.IntVar(&opts.MaxComments, "max-comments", prbot.DefaultMaxComments, "keep at most `N` inline comments on the pull request (1 to 30)")
	f.StringVar(&opts.CommentAuthor, "comment-author", "", "the `LOGIN` the token comments as (default: asked from GitHub, else github-actions[bot])")
	f.StringVar(&opts.NewFromRev, "new-from-rev", "", "when analysing: review only findings that the commit `REV` does not have")
	f.StringVar(&opts.NewFromMergeBase, "new-from-merge-base", "", "when analysing: review only findings that the merge base of `REF` and the head does not have")
	f.StringArrayVar(&opts.Exclude, "exclude", nil, "when analysing: do not report findings in paths matching `GLOB` (repeatable)")
	return cmd
}

// validate checks option values that flags cannot.
func (o *ReviewOptions) validate() error {
	if !contains(FailOnValues, o.FailOn) {
		return usageError("invalid --fail-on %q (want one of %s)", o.FailOn, strings.Join(FailOnValues, ", "))
	}
	if o.DiffFilter != "" {
		if _, err := gitdiff.ParseMode(o.DiffFilter); err != nil {
			return usageError("--diff-filter: %v", err)
		}
	}
	if o.MaxComments < 1 || o.MaxComments > prbot.DefaultMaxComments {
		return usageError("invalid --max-comments %d (want 1 to %d)", o.MaxComments, prbot.DefaultMaxComments)
	}
	if o.Sarif != "" {
		var also []string
		if len(o.Paths) > 0 || len(o.CheckArgs) > 0 {
			also = append(also, "paths or check flags")
		}
		for f, v := range map[string]bool{"--new-from-rev": o.NewFromRev != "", "--new-from-merge-base": o.NewFromMergeBase != "", "--exclude": len(o.Exclude) > 0} {
			if v {
				also = append(also, f)
			}
		}
		sort.Strings(also)
		if len(also) > 0 {
			return usageError("--sarif takes the findings as they are; %s apply only when archlint github review analyses", strings.Join(also, ", "))
		}
	}
	return nil
}

func runReview(opts *ReviewOptions, s Streams) error {
	if err := opts.validate(); err != nil {
		return err
	}
	ghctx, err := prbot.FromEnv(s.Getenv)
	if errors.Is(err, prbot.ErrNotPullRequest) {
		fmt.Fprintf(s.Err, "archlint: %v; nothing to review\n", err)
		return nil
	}
	if err != nil {
		return failure("%v", err)
	}
	ctx := context.Background()
	bo := prbot.Options{
		Context: ghctx, Category: opts.Category, MaxComments: opts.MaxComments, Author: opts.CommentAuthor,
		Out: s.Out, Log: s.Err,
	}
	if opts.DiffFilter != "" {
		bo.Mode = gitdiff.Mode(opts.DiffFilter)
	}
	failOn := opts.FailOn
	repoDir := ""
	if opts.Sarif != "" {
		rep, err := sarif.ReadFile(opts.Sarif)
		if err != nil {
			return usageError("--sarif: %v", err)
		}
		bo.Report = rep
	} else {
		a, err := analyzeForReview(ctx, opts, ghctx, s)
		if err != nil {
			return err
		}
		bo.Report, bo.EndpointsKnown, repoDir = a.res.Report, true, a.repoDir
		if base := a.check.GitHub.base; base != nil {
			bo.HaveBase = true
			if base.Report != nil {
				bo.BaseEndpoints = base.Report.Endpoints
			}
		}
		if !opts.Changed("fail-on") {
			failOn = a.check.FailOn // the configuration's fail_on, when it has one
		}
		_ = output.WriteNotifications(s.Err, bo.Report, false)
	}
	bo.LocalDiff = func(ctx context.Context, base, head string) (*gitdiff.Diff, error) {
		dir := repoDir
		if dir == "" {
			d, err := newfindings.TopLevel(ctx, ".")
			if err != nil {
				return nil, err
			}
			dir = d
		}
		return gitdiff.Between(ctx, dir, base, head)
	}
	out, err := prbot.Run(ctx, bo)
	if err != nil {
		return failure("%v", err)
	}
	printOutcome(s, ghctx, out)
	return exitFor(&report.Report{Findings: out.Findings}, failOn)
}

func printOutcome(s Streams, c *prbot.Context, o *prbot.Outcome) {
	where := fmt.Sprintf("%s/%s#%d", c.Owner, c.Repo, c.Number)
	if o.Fallback != "" {
		fmt.Fprintf(s.Err, "archlint: %s: %d %s written as annotations and to the job summary (%s)\n",
			where, len(o.Findings), pluralWord(len(o.Findings), "finding"), o.Fallback)
		return
	}
	summary := o.Summary
	if summary == "" {
		summary = "not needed"
	}
	fmt.Fprintf(s.Err, "archlint: %s: %d %s; %d commented inline (%d new), %d in the summary; %d outdated %s deleted; summary comment %s\n",
		where, len(o.Findings), pluralWord(len(o.Findings), "finding"), o.Inline, o.Posted, o.Listed,
		o.Deleted, pluralWord(o.Deleted, "comment"), summary)
}

func pluralWord(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
}

// reviewAnalysis is the analysis the review command ran.
type reviewAnalysis struct {
	res   *engine.Result
	check *CheckOptions
	// repoDir is the git root of the analysed checkout ("" when unknown).
	repoDir string
}

// analyzeForReview analyses the pull request's head with the check command's pipeline: in place when the
// checkout is at the head commit, else in a temporary worktree of the head (PR-05).
func analyzeForReview(ctx context.Context, opts *ReviewOptions, ghctx *prbot.Context, s Streams) (*reviewAnalysis, error) {
	from := "."
	if len(opts.Paths) > 0 {
		from = opts.Paths[0]
		if !isDir(from) {
			from = filepath.Dir(from)
		}
	}
	top, err := newfindings.TopLevel(ctx, from)
	if err != nil {
		// Not a git checkout: nothing to compare the head with; analyse what is there.
		fmt.Fprintf(s.Err, "archlint: warning: %v; cannot check that the checkout is the pull request's head %s\n", err, ghctx.HeadSHA)
		return analyzeReviewPaths(opts, opts.Paths, s, "")
	}
	head, _ := newfindings.Resolve(ctx, top, "HEAD")
	if head == ghctx.HeadSHA {
		return analyzeReviewPaths(opts, opts.Paths, s, top)
	}
	if _, err := newfindings.Resolve(ctx, top, ghctx.HeadSHA); err != nil {
		return nil, failure("the checkout is at %s, not at the pull request's head %s, and the head is not available locally; "+
			"check it out (actions/checkout with ref: ${{ github.event.pull_request.head.sha }}) so that comments land on the right lines",
			short(head), ghctx.HeadSHA)
	}
	fmt.Fprintf(s.Err, "archlint: the checkout is at %s, not at the pull request's head; analysing the head %s in a temporary worktree\n",
		short(head), short(ghctx.HeadSHA))
	var a *reviewAnalysis
	err = newfindings.Worktree(ctx, top, ghctx.HeadSHA, func(root string) error {
		paths, ok, err := newfindings.RebasePaths(top, root, opts.Paths)
		if err != nil {
			return usageError("%v", err)
		}
		if !ok {
			return usageError("the paths %q do not exist at the pull request's head", opts.Paths)
		}
		a, err = analyzeReviewPaths(opts, paths, s, root)
		return err
	})
	if err != nil {
		var ee *ExitError
		if errors.As(err, &ee) {
			return nil, err
		}
		return nil, failure("%v", err)
	}
	// The worktree is gone; the local diff fallback uses the clone itself.
	a.repoDir = top
	return a, nil
}

// analyzeReviewPaths runs the check command's analysis on paths, with the review's analysis flags.
func analyzeReviewPaths(opts *ReviewOptions, paths []string, s Streams, repoDir string) (*reviewAnalysis, error) {
	args := []string{}
	if opts.NewFromRev != "" {
		args = append(args, "--new-from-rev", opts.NewFromRev)
	}
	if opts.NewFromMergeBase != "" {
		args = append(args, "--new-from-merge-base", opts.NewFromMergeBase)
	}
	for _, x := range opts.Exclude {
		args = append(args, "--exclude", x)
	}
	args = append(args, opts.CheckArgs...)
	args = append(args, "--")
	args = append(args, paths...)
	copts, err := checkOptionsFor(args, s)
	if err != nil {
		return nil, err
	}
	res, err := analyzeCheck(copts, s)
	if err != nil {
		return nil, err
	}
	return &reviewAnalysis{res: res, check: copts, repoDir: repoDir}, nil
}

// checkOptionsFor parses check-command arguments into CheckOptions, defaults included, with the real
// command (so that every check flag and its default apply).
func checkOptionsFor(args []string, s Streams) (*CheckOptions, error) {
	var got *CheckOptions
	cmd := newCheckCmd(s, func(o *CheckOptions) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetOut(s.Err)
	cmd.SetErr(s.Err)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError("check flags after --: %v", err) })
	if err := cmd.Execute(); err != nil {
		var ee *ExitError
		if errors.As(err, &ee) {
			return nil, err
		}
		return nil, usageError("check flags after --: %v", err)
	}
	if got == nil {
		return nil, usageError("check flags after --: %q is not an analysis", args)
	}
	return got, nil
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
