package prismarules

import (
	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/prismaschema"
	"github.com/archlint/archlint/rules"
)

// Analyzer reports the Prisma rules. It needs the schemas of prismaschema.Analyzer.
var Analyzer = &analyzers.Analyzer{
	Name: "prismarules",
	Doc: "Reports Prisma schema problems (foreign keys without an index, money in Float fields) and Prisma Client " +
		"queries that filter on columns no index covers.",
	Rules:    []*rules.Rule{rules.MissingFKIndex, rules.FloatForMoney, rules.UnindexedQueryFilter},
	Requires: []*analyzers.Analyzer{prismaschema.Analyzer},
	Run:      run,
}

func run(pass *analyzers.Pass) (any, error) {
	res, _ := pass.ResultOf[prismaschema.Analyzer].(*prismaschema.Result)
	if res == nil || len(res.Sets) == 0 {
		return nil, nil
	}
	for _, set := range res.Sets {
		if pass.Enabled(rules.MissingFKIndex) {
			checkFKIndexes(pass, set)
		}
		if pass.Enabled(rules.FloatForMoney) {
			checkMoney(pass, set)
		}
	}
	if pass.Enabled(rules.UnindexedQueryFilter) {
		checkQueries(pass, res)
	}
	return nil, nil
}
