// Command archlint reviews the backend architecture of a Next.js repository. See README.md.
package main

import (
	"os"

	"github.com/archlint/archlint/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.SystemStreams()))
}
