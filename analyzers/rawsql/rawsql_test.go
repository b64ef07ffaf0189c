package rawsql_test

import (
	"testing"

	"github.com/archlint/archlint/analyzers/rawsql"
	"github.com/archlint/archlint/internal/analysistest"
)

func TestFixture(t *testing.T) {
	analysistest.Run(t, "../../testdata/fixtures/rawsql", rawsql.Analyzer)
}
