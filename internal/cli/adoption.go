package cli

// Configuration file, inline suppressions and baseline: the options and hooks the check command calls.
// (Issue "Adoption" fills these in; until then they do nothing.)

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/output"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/internal/report"
)

// AdoptionOptions are the configuration, suppression and baseline flags of the check command.
type AdoptionOptions struct{}

func addAdoptionFlags(f *pflag.FlagSet, o *AdoptionOptions) {}

// prepare loads configuration and applies it to the check and engine options (flags win over the file).
func (o *AdoptionOptions) prepare(c *CheckOptions, e *engine.Options, s Streams) error { return nil }

// processors returns the suppression and baseline processors.
func (o *AdoptionOptions) processors(res *engine.Result) ([]processors.Processor, error) {
	return nil, nil
}

// textOptions adjusts the text writer (showing suppressed or baselined findings).
func (o *AdoptionOptions) textOptions(t *output.TextOptions) {}

// finish runs after output was written; it may end the run with an exit error.
func (o *AdoptionOptions) finish(rep *report.Report, s Streams) error { return nil }

// addAdoptionCommands registers the config, baseline and init commands.
func addAdoptionCommands(root *cobra.Command, s Streams) {}
