package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/archlint/archlint/internal/baseline"
	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/output"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/report"
)

// BaselineOptions are the inputs of `archlint baseline`.
type BaselineOptions struct {
	Paths    []string
	Config   string
	NoConfig bool
	Exclude  []string
	// Baseline is the file to write (default: the configuration's, else .archlint-baseline.json at the
	// repository root, next to the configuration file when there is one).
	Baseline string
	// Prune removes the entries that match no finding instead of writing every finding.
	Prune bool
}

func newBaselineCmd(s Streams, runF func(*BaselineOptions) error) *cobra.Command {
	opts := &BaselineOptions{}
	cmd := &cobra.Command{
		Use:   "baseline [path...]",
		Short: "Accept the current findings as existing debt: write them to the baseline file",
		Long: `Write every finding a check would report (after configuration and inline suppressions) to the
baseline file, so that later checks report only new findings. Commit the file: each entry names the rule,
the file, a fingerprint that survives moving lines, and the message.

Entries outside the analysed paths, and of rules turned off, are kept as they are. With --prune, nothing is
added: entries that match no finding any more are removed (checks fail with exit 2 until they are), and
entries matched by rule and file only get their current fingerprint.`,
		Example: `  archlint baseline
  archlint baseline --prune
  archlint baseline --baseline ci/archlint-baseline.json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runBaseline(opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Config, "config", "", "read the configuration from `FILE`")
	f.BoolVar(&opts.NoConfig, "no-config", false, "ignore configuration files")
	f.StringArrayVar(&opts.Exclude, "exclude", nil, "do not record findings in paths matching `GLOB` (repeatable)")
	f.StringVar(&opts.Baseline, "baseline", "", "the baseline `FILE` to write or prune")
	f.BoolVar(&opts.Prune, "prune", false, "only remove entries that match no finding")
	return cmd
}

func runBaseline(opts *BaselineOptions, s Streams) error {
	if err := processors.ValidateGlobs(opts.Exclude); err != nil {
		return usageError("--exclude: %v", err)
	}
	lc, err := loadConfig(opts.Paths, opts.Config, opts.NoConfig)
	if err != nil {
		return err
	}
	path, _ := lc.baselineFile(opts.Baseline)
	if path == "" {
		return usageError("cannot tell where to write the baseline; pass --baseline FILE")
	}
	old, err := baseline.Read(path)
	switch {
	case errors.Is(err, baseline.ErrNotExist) && opts.Prune:
		return usageError("baseline file %s does not exist; nothing to prune", path)
	case errors.Is(err, baseline.ErrNotExist):
		old = &baseline.File{Version: baseline.Version}
	case err != nil:
		return &ExitError{Code: ExitUsage, Err: err}
	}

	eopts := engine.Options{Paths: opts.Paths, Exclude: opts.Exclude}
	lc.engineOptions(&eopts)
	var view func(rule, path string) bool
	eopts.Processors = func(res *engine.Result) ([]processors.Processor, error) {
		skip := func(p string) bool { return !res.Target.InScope(p) || processors.MatchAny(eopts.Exclude, p) }
		ps := adoptionProcessors(res, lc.cfg, eopts.Exclude, nil, nil)
		ps = append(ps, processors.Func{ID: "baseline-view", Fn: func(r *report.Report) error {
			view = inView(r, lc.cfg, skip)
			return nil
		}})
		return ps, nil
	}
	res, err := engine.Analyze(eopts)
	var ee *ExitError
	switch {
	case errors.As(err, &ee):
		return err
	case errors.Is(err, engine.ErrInput):
		return usageError("%v", err)
	case err != nil:
		return failure("%v", err)
	}
	rep := res.Report
	_ = output.WriteNotifications(s.Err, rep, false)
	if view == nil {
		view = func(string, string) bool { return true }
	}

	var entries []baseline.Entry
	var summary string
	if opts.Prune {
		result := baseline.Apply(rep, old.Entries, view)
		entries = result.Kept
		summary = fmt.Sprintf("pruned %s from %s; %s remain", entriesWord(len(old.Entries)-len(entries)), path, entriesWord(len(entries)))
	} else {
		for _, e := range old.Entries {
			if !view(e.Rule, e.Path) {
				entries = append(entries, e)
			}
		}
		kept := len(entries)
		var fs []report.Finding
		for _, f := range rep.Findings {
			if f.Suppression == nil {
				fs = append(fs, f)
			}
		}
		entries = append(entries, baseline.FromFindings(fs)...)
		summary = fmt.Sprintf("wrote %s to %s", entriesWord(len(entries)), path)
		if kept > 0 {
			summary += fmt.Sprintf(" (%d kept from outside the analysed paths or rules)", kept)
		}
		summary += "; checks now report only findings not in it"
	}
	if err := baseline.Write(path, entries); err != nil {
		return failure("writing %s: %v", path, errors.Unwrap(err))
	}
	fmt.Fprintln(s.Err, "archlint: "+summary)
	return nil
}

func entriesWord(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}
