package cli

// Code scanning and new-findings options: the options and hooks the check command calls.
// (Issue "GitHub" fills these in; until then they do nothing.)

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/archlint/archlint/internal/engine"
	"github.com/archlint/archlint/internal/processors"
	"github.com/archlint/archlint/sarif"
)

// GitHubOptions are the code-scanning and new-findings flags of the check command.
type GitHubOptions struct{}

func addGitHubFlags(f *pflag.FlagSet, o *GitHubOptions) {}

// prepare validates the options before the analysis.
func (o *GitHubOptions) prepare(c *CheckOptions, e *engine.Options, s Streams) error { return nil }

// processors returns the new-findings filter.
func (o *GitHubOptions) processors(res *engine.Result) ([]processors.Processor, error) {
	return nil, nil
}

// sarifOptions sets the SARIF writer's options (category, suppressed results).
func (o *GitHubOptions) sarifOptions(so *sarif.Options) {}

// addGitHubCommands registers the github command group (github review).
func addGitHubCommands(root *cobra.Command, s Streams) {}
