// Package suite lists archlint's analyzers. The CLI, the catalog test and the fixture harness all run this
// list, so a new analyzer is added here and nowhere else.
package suite

import (
	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/auth"
	"github.com/archlint/archlint/analyzers/endpointmodel"
	"github.com/archlint/archlint/analyzers/errors"
	"github.com/archlint/archlint/analyzers/prismarules"
	"github.com/archlint/archlint/analyzers/ratelimit"
	"github.com/archlint/archlint/analyzers/rawsql"
	"github.com/archlint/archlint/analyzers/validation"
)

// All returns every analyzer, in a fixed order.
func All() []*analyzers.Analyzer {
	return []*analyzers.Analyzer{
		endpointmodel.Analyzer,
		auth.Analyzer,
		ratelimit.Analyzer,
		validation.Analyzer,
		rawsql.Analyzer,
		prismarules.Analyzer,
		errors.Analyzer,
	}
}
