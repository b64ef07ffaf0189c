// Command benchgen writes the synthetic Next.js monorepo that archlint's benchmarks analyse, so that the
// binary can be measured on it too:
//
//	go run ./cmd/benchgen -o /tmp/bench-mono
//	/usr/bin/time -v go run ./cmd/archlint --quiet --fail-on none /tmp/bench-mono
//
// It is a development tool, not part of archlint.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/archlint/archlint/internal/benchgen"
)

func main() {
	out := flag.String("o", "", "directory to write the repository into (must not exist or be empty)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: benchgen -o DIR")
		os.Exit(2)
	}
	files, size, err := benchgen.Generate(*out, benchgen.Default)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files, %.1f MB to %s\n", files, float64(size)/1e6, *out)
}
