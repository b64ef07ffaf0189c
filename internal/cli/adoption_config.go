package cli

import (
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/archlint/archlint/internal/config"
	"github.com/archlint/archlint/internal/processors"
)

// ConfigPrintOptions are the inputs of `archlint config print`: the check command's configuration flags.
type ConfigPrintOptions struct {
	Paths    []string
	Config   string
	NoConfig bool
	FailOn   string
	Exclude  []string
	Baseline string
}

func newConfigCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the effective configuration or the configuration file's JSON Schema",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return usageError("missing subcommand: archlint config print | archlint config schema")
		},
	}
	cmd.AddCommand(newConfigPrintCmd(s, nil), newConfigSchemaCmd(s))
	return cmd
}

func newConfigPrintCmd(s Streams, runF func(*ConfigPrintOptions) error) *cobra.Command {
	opts := &ConfigPrintOptions{}
	cmd := &cobra.Command{
		Use:   "print [path...]",
		Short: "Print the effective configuration as YAML: the file found (or given), with flags applied and defaults filled in",
		Long: `Print the configuration a check of the same paths would use, as YAML that is itself a valid
configuration file: every rule with its effective severity (a comment names the entry it comes from),
--fail-on, exclusions, the baseline, guards, public endpoints and suppression settings.`,
		Example: `  archlint config print
  archlint config print --config ci/archlint.yaml --fail-on warning`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runConfigPrint(opts, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Config, "config", "", "read the configuration from `FILE`")
	f.BoolVar(&opts.NoConfig, "no-config", false, "ignore configuration files")
	f.StringVar(&opts.FailOn, "fail-on", "", "override failOn: error, warning, note, none")
	f.StringArrayVar(&opts.Exclude, "exclude", nil, "add an exclude `GLOB` (repeatable)")
	f.StringVar(&opts.Baseline, "baseline", "", "override the baseline `FILE`")
	return cmd
}

func runConfigPrint(opts *ConfigPrintOptions, s Streams) error {
	if opts.FailOn != "" && !contains(FailOnValues, opts.FailOn) {
		return usageError("invalid --fail-on %q (want one of %v)", opts.FailOn, FailOnValues)
	}
	if err := processors.ValidateGlobs(opts.Exclude); err != nil {
		return usageError("--exclude: %v", err)
	}
	lc, err := loadConfig(opts.Paths, opts.Config, opts.NoConfig)
	if err != nil {
		return err
	}
	cfg := *lc.cfg
	header := []string{"Effective archlint configuration (archlint config print)."}
	if cfg.Path != "" {
		header = append(header, "Read from "+cfg.Path+".")
	} else {
		header = append(header, "No configuration file: defaults.")
	}
	if opts.FailOn != "" {
		cfg.FailOn = opts.FailOn
	}
	cfg.Exclude = append(append([]string(nil), opts.Exclude...), cfg.Exclude...)
	// The baseline, relative to the directory a configuration file there would be in.
	if path, explicit := lc.baselineFile(opts.Baseline); path != "" {
		if explicit || fileExists(path) {
			cfg.Baseline = relTo(lc.dir, path)
		}
	}
	header = append(header, "yaml-language-server: $schema="+config.SchemaURL)
	_, err = s.Out.Write(config.Print(&cfg, header...))
	return err
}

func newConfigSchemaCmd(s Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the configuration file (for editors and CI checks)",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			_, err := s.Out.Write(config.Schema)
			return err
		},
	}
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// relTo renders path relative to dir, slash-separated, or absolute when it lies elsewhere.
func relTo(dir, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil || dir == "" {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}
