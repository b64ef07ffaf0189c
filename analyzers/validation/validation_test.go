package validation_test

import (
	"testing"

	"github.com/archlint/archlint/analyzers/validation"
	"github.com/archlint/archlint/internal/analysistest"
)

func TestFlows(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/validation", validation.Analyzer)
}
