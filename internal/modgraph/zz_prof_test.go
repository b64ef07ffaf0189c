package modgraph_test

import (
	"os"
	"testing"

	"github.com/archlint/archlint/internal/engine"
)

func TestZZProf(t *testing.T) {
	dir := os.Getenv("CORPUS")
	if dir == "" {
		t.Skip()
	}
	if _, err := engine.Analyze(engine.Options{Paths: []string{dir}}); err != nil {
		t.Fatal(err)
	}
}
