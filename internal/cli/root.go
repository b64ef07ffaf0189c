// Package cli implements archlint's command line with cobra: flags map to plain Options structs, each
// command's behaviour is a function of those options and the injected streams, and commands return typed
// exit errors instead of exiting. Tests drive commands in-process through Run.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// Streams are the command's standard streams and environment. Tests inject their own.
type Streams struct {
	In       io.Reader
	Out, Err io.Writer
	// Getenv reads an environment variable (os.Getenv in production).
	Getenv func(string) string
	// OutIsTerminal reports whether Out is an interactive terminal (colour is used only then).
	OutIsTerminal bool
}

// SystemStreams returns the process's streams.
func SystemStreams() Streams {
	return Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, OutIsTerminal: isTerminal(os.Stdout)}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Run executes archlint with the given arguments and returns the exit code. Errors are printed to
// s.Err.
func Run(args []string, s Streams) int {
	cmd := NewRootCmd(s)
	cmd.SetArgs(args)
	err := cmd.Execute()
	code := ExitCode(err)
	var ee *ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		if ee.Err != nil {
			fmt.Fprintf(s.Err, "archlint: %s\n", ee.Err)
		}
		if ee.Usage {
			fmt.Fprintln(s.Err, "Run 'archlint --help' for usage.")
		}
	default:
		// cobra's own errors (unknown command, wrong argument count) are usage errors too.
		fmt.Fprintf(s.Err, "archlint: %s\nRun 'archlint --help' for usage.\n", err)
	}
	return code
}

// NewRootCmd builds the command tree. The root command is `check`: `archlint [path...]`.
func NewRootCmd(s Streams) *cobra.Command {
	root := newCheckCmd(s, nil)
	root.AddCommand(newRulesCmd(s), newExplainCmd(s), newVersionCmd(s))
	addAdoptionCommands(root, s) // config, baseline, init
	addGitHubCommands(root, s)   // github review
	root.AddCommand(newMapCmd(s, nil))
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SilenceErrors = true
	root.SilenceUsage = true
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError("%v", err) })
	return root
}
