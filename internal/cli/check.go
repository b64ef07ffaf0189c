package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/output"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/version"
	"github.com/archlint/archlint/rules"
	"github.com/archlint/archlint/sarif"
)

// CheckOptions are the inputs of the check command, mapped one to one from its flags.
type CheckOptions struct {
	Paths       []string
	Format      string
	Output      string
	SarifOutput string
	FailOn      string
	Exclude     []string
	NoColor     bool
	Quiet       bool
	// Changed reports whether a flag was given on the command line (configuration does not override
	// flags).
	Changed func(flag string) bool

	// Adoption holds the configuration, suppression and baseline options (adoption.go).
	Adoption AdoptionOptions
	// GitHub holds the code-scanning and new-findings options (github.go).
	GitHub GitHubOptions
}

// Formats are the values of --format.
var Formats = []string{"text", "json", "sarif", "github"}

// FailOnValues are the values of --fail-on.
var FailOnValues = []string{"error", "warning", "note", "none"}

func newCheckCmd(s Streams, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{}
	cmd := &cobra.Command{
		Use:   "archlint [path...]",
		Short: "Review the backend architecture of a Next.js repository",
		Long: `archlint reads a Next.js repository without running it and reports where its backend falls short:
raw SQL built from strings, missing authentication, unvalidated input, missing rate limits, unsafe error
handling, Prisma foreign keys without an index, and more.

A path inside an app (archlint ./app/api) analyses the whole app, so that facts from other files hold,
and reports findings under the given paths only. Without a path, the current directory is analysed.`,
		Example: `  archlint
  archlint ./apps/web/app/api
  archlint --format sarif --output archlint.sarif --fail-on none
  archlint --exclude 'legacy/**' --fail-on warning`,
		Args:    cobra.ArbitraryArgs,
		Version: version.Version,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Changed = func(name string) bool { return c.Flags().Changed(name) }
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts, s)
		},
	}
	cmd.SetVersionTemplate("archlint {{.Version}}\n")
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "output format: "+strings.Join(Formats, ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the output to `FILE` instead of standard output")
	f.StringVar(&opts.SarifOutput, "sarif-output", "", "also write SARIF to `FILE`, whatever --format is")
	f.StringVar(&opts.FailOn, "fail-on", "error", "exit 1 when a finding has at least this severity: "+strings.Join(FailOnValues, ", "))
	f.StringArrayVar(&opts.Exclude, "exclude", nil, "do not report findings in paths matching `GLOB` (repeatable; escape Next.js segments: 'app/\\[id\\]/**')")
	f.BoolVar(&opts.NoColor, "no-color", false, "never colour the output (NO_COLOR is honoured too)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print findings only: no summary and no notifications")
	addAdoptionFlags(f, &opts.Adoption)
	addGitHubFlags(f, &opts.GitHub)
	return cmd
}

// validate checks option values that flags cannot.
func (o *CheckOptions) validate() error {
	if !contains(Formats, o.Format) {
		return usageError("invalid --format %q (want one of %s)", o.Format, strings.Join(Formats, ", "))
	}
	if !contains(FailOnValues, o.FailOn) {
		return usageError("invalid --fail-on %q (want one of %s)", o.FailOn, strings.Join(FailOnValues, ", "))
	}
	if err := processors.ValidateGlobs(o.Exclude); err != nil {
		return usageError("--exclude: %v", err)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func runCheck(opts *CheckOptions, s Streams) error {
	start := time.Now()
	res, err := analyzeCheck(opts, s)
	if err != nil {
		return err
	}
	rep := res.Report
	elapsed := time.Since(start)

	color := !opts.NoColor && s.Getenv("NO_COLOR") == "" && s.OutIsTerminal && opts.Output == ""
	inActions := s.Getenv("GITHUB_ACTIONS") == "true"

	textOpts := output.TextOptions{Color: color, GitHubActions: inActions}
	opts.Adoption.textOptions(&textOpts)
	sarifOpts := sarif.Options{}
	opts.GitHub.sarifOptions(&sarifOpts)

	var primary bytes.Buffer
	switch opts.Format {
	case "text":
		err = output.WriteText(&primary, rep, textOpts)
	case "json":
		err = output.WriteJSON(&primary, rep)
	case "sarif":
		err = sarif.Write(&primary, rep, sarifOpts)
	case "github":
		err = output.WriteGitHub(&primary, rep)
		if err == nil {
			if p := s.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
				err = appendStepSummary(p, rep)
			}
		}
	}
	if err != nil {
		return failure("writing %s output: %v", opts.Format, err)
	}
	if err := emit(opts.Output, primary.Bytes(), s.Out); err != nil {
		return err
	}
	if opts.SarifOutput != "" {
		var b bytes.Buffer
		if err := sarif.Write(&b, rep, sarifOpts); err != nil {
			return failure("writing SARIF: %v", err)
		}
		if err := emit(opts.SarifOutput, b.Bytes(), nil); err != nil {
			return err
		}
	}
	if !opts.Quiet {
		errColor := !opts.NoColor && s.Getenv("NO_COLOR") == "" && s.OutIsTerminal
		_ = output.WriteNotifications(s.Err, rep, errColor)
		if opts.Format == "text" || opts.Output != "" {
			fmt.Fprintln(s.Err, output.Summary(rep, elapsed))
		}
	}
	// Adoption may end the run with exit 2 (baseline entries that match nothing) before the threshold.
	if err := opts.Adoption.finish(rep, s); err != nil {
		return err
	}
	return exitFor(rep, opts.FailOn)
}

// analyzeCheck validates the options and runs the analysis with the check's processors, short of writing
// output. `archlint github review` analyses through it too, so that both commands see the same findings.
func analyzeCheck(opts *CheckOptions, s Streams) (*engine.Result, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	eopts := engine.Options{Paths: opts.Paths, Exclude: opts.Exclude}
	// Configuration may change the engine options, the exclusions and --fail-on (flags win).
	if err := opts.Adoption.prepare(opts, &eopts, s); err != nil {
		return nil, err
	}
	if err := opts.GitHub.prepare(opts, &eopts, s); err != nil {
		return nil, err
	}
	// Processors after scope, in order: suppressions and baseline (adoption), then the new-findings
	// filter (github), which must see the findings the baseline left.
	eopts.Processors = func(res *engine.Result) ([]processors.Processor, error) {
		a, err := opts.Adoption.processors(res)
		if err != nil {
			return nil, err
		}
		g, err := opts.GitHub.processors(res)
		if err != nil {
			return nil, err
		}
		return append(a, g...), nil
	}
	res, err := engine.Analyze(eopts)
	var ee *ExitError
	switch {
	case errors.As(err, &ee):
		return nil, err
	case errors.Is(err, engine.ErrInput):
		return nil, usageError("%v", err)
	case err != nil:
		return nil, failure("%v", err)
	}
	return res, nil
}

// emit writes data to the named file (truncating it) or, when path is "" or "-", to w.
func emit(path string, data []byte, w io.Writer) error {
	if path == "" || path == "-" {
		if w == nil {
			return nil
		}
		_, err := w.Write(data)
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return failure("writing %s: %v", path, errors.Unwrap(err))
	}
	return nil
}

func appendStepSummary(path string, rep *report.Report) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	werr := output.WriteStepSummary(f, rep)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// exitFor returns the exit error for the visible findings at or above the threshold.
func exitFor(rep *report.Report, failOn string) error {
	if failOn == "none" {
		return nil
	}
	threshold, _ := rules.ParseSeverity(failOn)
	for _, f := range rep.Visible() {
		if f.Severity >= threshold {
			return &ExitError{Code: ExitFindings}
		}
	}
	return nil
}
