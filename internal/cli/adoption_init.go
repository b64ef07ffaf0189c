package cli

import "github.com/spf13/cobra"

func newInitCmd(s Streams, runF func(any) error) *cobra.Command {
	return &cobra.Command{Use: "init", Hidden: true}
}
