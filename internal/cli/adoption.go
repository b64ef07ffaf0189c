package cli

// Configuration file, inline suppressions and baseline: the options and hooks the check command calls, and
// the config and baseline commands (init is in adoption_init.go).
//
// Order of the adoption processors (after exclude and scope, before the new-findings filter and sort):
//  1. suppressions: inline directives hide findings and add meta/* findings about the directives;
//  2. rule settings: per-rule excludes and configured severities, applied to the meta findings too;
//  3. baseline: marks what the baseline file accepts; must see the findings that suppressions and rule
//     settings left, so that suppressed or excluded findings neither match nor use up entries.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/archlint/archlint/internal/baseline"
	"github.com/archlint/archlint/internal/config"
	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/output"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/suppress"
	"github.com/archlint/archlint/rules"
)

// AdoptionOptions are the configuration, suppression and baseline flags of the check command.
type AdoptionOptions struct {
	// Config is the configuration file (--config); "" means look for one.
	Config string
	// NoConfig ignores configuration files (--no-config).
	NoConfig bool
	// Baseline is the baseline file (--baseline); "" means the configuration's, or the default one when it
	// exists.
	Baseline string
	// PassOnUnprunedBaseline turns baseline entries that match nothing from an error into a warning.
	PassOnUnprunedBaseline bool
	// ShowSuppressed and ShowBaselined list hidden findings in text output.
	ShowSuppressed bool
	ShowBaselined  bool

	// run holds what prepare loaded, for the later hooks.
	run *adoptionRun
}

// adoptionRun is the state of one check run.
type adoptionRun struct {
	cfg          *config.Config
	exclude      []string
	baselinePath string // as displayed
	baseline     *baseline.File
	result       *baseline.Result
	quiet        bool
}

func addAdoptionFlags(f *pflag.FlagSet, o *AdoptionOptions) {
	f.StringVar(&o.Config, "config", "", "read the configuration from `FILE` (default: archlint.yaml, .archlint.yaml or archlint.json at the repository root)")
	f.BoolVar(&o.NoConfig, "no-config", false, "ignore configuration files")
	f.StringVar(&o.Baseline, "baseline", "", "report only findings not in the baseline `FILE` (default: the configuration's baseline, else .archlint-baseline.json when it exists)")
	f.BoolVar(&o.PassOnUnprunedBaseline, "pass-on-unpruned-baseline", false, "warn instead of failing (exit 2) when baseline entries match no finding")
	f.BoolVar(&o.ShowSuppressed, "show-suppressed", false, "also list findings suppressed in source, with their reasons")
	f.BoolVar(&o.ShowBaselined, "show-baselined", false, "also list findings accepted by the baseline")
}

// loadedConfig is a configuration with where it came from.
type loadedConfig struct {
	cfg *config.Config
	// target is where the analysis will look, when the paths could be located.
	target *discover.Target
	// dir is the directory relative files of the configuration are resolved against (the configuration
	// file's, else the repository root).
	dir string
}

// loadConfig locates the analysis root and reads the configuration: the --config file, else the first
// file found from the analysis root up to the repository root, else the empty configuration. Errors in
// the file exit with code 2.
func loadConfig(paths []string, file string, noConfig bool) (*loadedConfig, error) {
	if file != "" && noConfig {
		return nil, usageError("--config and --no-config cannot be used together")
	}
	lc := &loadedConfig{cfg: &config.Config{}}
	if t, err := discover.Locate(paths); err == nil {
		lc.target = t
		lc.dir = t.Base
	} else if file == "" {
		// The engine reports the path problem itself.
		return lc, nil
	}
	if file == "" && !noConfig {
		var dirs []string
		for d := lc.target.Root; ; d = filepath.Dir(d) {
			dirs = append(dirs, d)
			if d == lc.target.Base || d == filepath.Dir(d) || !strings.HasPrefix(d, lc.target.Base) {
				break
			}
		}
		found, err := config.Find(dirs...)
		if err != nil {
			return nil, &ExitError{Code: ExitUsage, Err: err}
		}
		file = found
	}
	if file == "" {
		return lc, nil
	}
	cfg, err := config.Load(displayPath(file))
	if err != nil {
		return nil, &ExitError{Code: ExitUsage, Err: err}
	}
	lc.cfg = cfg
	if abs, err := filepath.Abs(file); err == nil {
		lc.dir = filepath.Dir(abs)
	}
	return lc, nil
}

// displayPath shortens an absolute path under the working directory to a relative one, for messages.
func displayPath(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// baselineFile returns the baseline to use and whether it was asked for explicitly (flag or
// configuration); the default file is used only when it exists.
func (lc *loadedConfig) baselineFile(flag string) (path string, explicit bool) {
	switch {
	case flag != "":
		return flag, true
	case lc.cfg.Baseline != "":
		return displayPath(lc.cfg.BaselinePath()), true
	case lc.dir != "":
		return displayPath(filepath.Join(lc.dir, config.DefaultBaselineName)), false
	}
	return "", false
}

// engineOptions applies the configuration to engine options; flag excludes come first and add up with the
// configuration's.
func (lc *loadedConfig) engineOptions(e *engine.Options) {
	e.Exclude = append(append([]string(nil), e.Exclude...), lc.cfg.Exclude...)
	e.Rules = lc.cfg.EnabledRules()
	e.Settings = lc.cfg.AnalyzerSettings()
}

// prepare loads configuration and applies it to the check and engine options (flags win over the file).
func (o *AdoptionOptions) prepare(c *CheckOptions, e *engine.Options, s Streams) error {
	lc, err := loadConfig(c.Paths, o.Config, o.NoConfig)
	if err != nil {
		return err
	}
	run := &adoptionRun{cfg: lc.cfg, quiet: c.Quiet}
	o.run = run
	if lc.cfg.FailOn != "" && (c.Changed == nil || !c.Changed("fail-on")) {
		c.FailOn = lc.cfg.FailOn
	}
	lc.engineOptions(e)
	run.exclude = e.Exclude
	path, explicit := lc.baselineFile(o.Baseline)
	if path == "" {
		return nil
	}
	b, err := baseline.Read(path)
	switch {
	case errors.Is(err, baseline.ErrNotExist) && !explicit:
		return nil
	case errors.Is(err, baseline.ErrNotExist):
		return usageError("baseline file %s does not exist; create it with 'archlint baseline'", path)
	case err != nil:
		return &ExitError{Code: ExitUsage, Err: err}
	}
	run.baseline, run.baselinePath = b, path
	return nil
}

// adoptionProcessors returns the suppression, rule-settings and (with a baseline) baseline processors.
// onBaseline receives the baseline result.
func adoptionProcessors(res *engine.Result, cfg *config.Config, exclude []string, b *baseline.File, onBaseline func(*baseline.Result)) []processors.Processor {
	skip := func(p string) bool { return !res.Target.InScope(p) || processors.MatchAny(exclude, p) }
	ps := []processors.Processor{
		suppress.Processor(res.Project, suppress.Options{MinReasonLength: cfg.MinReasonLength(), Skip: skip, Active: cfg.Active}),
		cfg.Processor(),
	}
	if b != nil {
		ps = append(ps, processors.Func{ID: "baseline", Fn: func(r *report.Report) error {
			result := baseline.Apply(r, b.Entries, inView(r, cfg, skip))
			if result.ByCount > 0 {
				r.Notifications = append(r.Notifications, report.Notification{ID: "baseline-matched-by-count", Level: rules.Note,
					Message: fmt.Sprintf("%d baselined finding(s) matched by rule and file only, because their code changed; 'archlint baseline --prune' refreshes their entries", result.ByCount)})
			}
			onBaseline(result)
			return nil
		}})
	}
	return ps
}

// inView reports whether a baseline entry could have matched in this run: its rule is enabled and active
// in the path, and the path is analysed (in scope, not excluded). Entries of rules this archlint does not
// know are in view, so that they count as unused and get pruned.
func inView(r *report.Report, cfg *config.Config, skip func(string) bool) func(rule, path string) bool {
	return func(id, p string) bool {
		if skip(p) {
			return false
		}
		rule := rules.Lookup(id)
		if rule == nil {
			return true
		}
		return r.Rule(rule.ID) != nil && cfg.Active(rule.ID, p)
	}
}

// processors returns the suppression, rule-settings and baseline processors.
func (o *AdoptionOptions) processors(res *engine.Result) ([]processors.Processor, error) {
	run := o.run
	if run == nil {
		run = &adoptionRun{cfg: &config.Config{}}
		o.run = run
	}
	return adoptionProcessors(res, run.cfg, run.exclude, run.baseline, func(r *baseline.Result) { run.result = r }), nil
}

// textOptions adjusts the text writer (showing suppressed or baselined findings).
func (o *AdoptionOptions) textOptions(t *output.TextOptions) {
	t.ShowSuppressed = o.ShowSuppressed
	t.ShowBaselined = o.ShowBaselined
}

// finish runs after output was written: baseline entries that match nothing end the run with exit code 2
// (BASE-02) unless --pass-on-unpruned-baseline.
func (o *AdoptionOptions) finish(rep *report.Report, s Streams) error {
	if o.run == nil || o.run.result == nil {
		return nil
	}
	n := o.run.result.UnusedCount()
	if n == 0 {
		return nil
	}
	verb := "match"
	if n == 1 {
		verb = "matches"
	}
	msg := fmt.Sprintf("the baseline %s has %s that %s no finding (fixed, suppressed in source, or moved to another file):\n%s",
		o.run.baselinePath, entriesWord(n), verb, baseline.Describe(o.run.result.Unused, 20))
	if o.PassOnUnprunedBaseline {
		if !o.run.quiet {
			fmt.Fprintf(s.Err, "archlint: warning: %sRun 'archlint baseline --prune' to remove them.\n", msg)
		}
		return nil
	}
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%sRun 'archlint baseline --prune' to remove them, or pass --pass-on-unpruned-baseline", msg)}
}

// addAdoptionCommands registers the config, baseline and init commands.
func addAdoptionCommands(root *cobra.Command, s Streams) {
	root.AddCommand(newConfigCmd(s), newBaselineCmd(s, nil), newInitCmd(s, nil))
}
