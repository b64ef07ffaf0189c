package prismarules

// prisma/missing-fk-index.
//
// Which databases index foreign keys by themselves decides whether a missing index is a finding:
//
//   - MySQL (InnoDB) creates an index on the referencing columns of every foreign key constraint when no
//     usable one exists. With the default relationMode ("foreignKeys") there is nothing to report.
//   - PostgreSQL, CockroachDB, SQLite and SQL Server create the constraint but no index: lookups by the
//     foreign key (joins from the parent, a parent's cascading delete or update, `include` of a list
//     relation) scan the child table.
//   - relationMode = "prisma" (PlanetScale, some Vitess and serverless setups) creates no foreign key at
//     all, on any database; Prisma emulates the relation in the client, and its documentation tells you to
//     add the index yourself. Reported whatever the provider.
//   - MongoDB has no foreign keys and no relation-driven indexes; skipped (its relations are emulated with
//     the same queries, but its index story — including the automatic _id index — differs enough that a
//     schema-level rule would mislead).
//   - No datasource in any file of the schema, or a provider archlint does not know: the rule assumes a
//     database that does not index foreign keys (four of the five relational providers) and says so in the
//     message, so a reader can dismiss it for MySQL.
//
// Covered means: some @id, @@id, @unique (one field), @@unique or @@index (of any type, Hash included:
// foreign key lookups are equality lookups) whose first len(fields) columns are exactly the foreign key
// fields, in any order. An index on a prefix of a composite foreign key does not count, and neither do
// single-column indexes on each of its fields. @@fulltext never counts.

import (
	"fmt"
	"strings"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/prismaschema"
	psl "github.com/archlint/archlint/internal/prismaschema"
	"github.com/archlint/archlint/rules"
)

// fkPolicy is what the datasource says about foreign key indexes.
type fkPolicy struct {
	// check is false when the database indexes foreign keys by itself (or has none to index).
	check bool
	// why explains, for the message, why no index exists unless the schema declares one.
	why string
}

// fkPolicyFor returns the policy of a schema's datasource.
func fkPolicyFor(s *psl.Schema) fkPolicy {
	ds := s.Datasource
	if ds == nil {
		return fkPolicy{true, "the schema declares no datasource, so archlint assumes a database that does not index foreign keys by itself (MySQL would)"}
	}
	if ds.Provider == "mongodb" {
		return fkPolicy{}
	}
	if ds.EffectiveRelationMode() == "prisma" {
		return fkPolicy{true, `relationMode = "prisma" creates no foreign keys, so no database index exists unless the schema declares one`}
	}
	switch ds.Provider {
	case "mysql":
		return fkPolicy{}
	case "postgresql", "cockroachdb", "sqlite", "sqlserver":
		return fkPolicy{true, ds.Provider + " does not index foreign key columns by itself"}
	case "":
		return fkPolicy{true, "the datasource names no provider archlint can read, so it assumes a database that does not index foreign keys by itself (MySQL would)"}
	}
	return fkPolicy{true, fmt.Sprintf("provider %q is not one archlint knows, so it assumes a database that does not index foreign keys by itself (MySQL would)", ds.Provider)}
}

func checkFKIndexes(pass *analyzers.Pass, set *prismaschema.Set) {
	s := set.Schema
	pol := fkPolicyFor(s)
	if !pol.check {
		return
	}
	for _, m := range s.Models {
		if m.Kind != psl.ModelBlock {
			continue // a view has no foreign keys
		}
		for _, f := range m.Fields {
			r := f.Relation
			if r == nil || !r.HoldsForeignKey() || m.HasIndexWithLeadingColumns(r.Fields) {
				continue
			}
			rng := f.Range()
			pass.Report(analyzers.Diagnostic{
				Rule:  rules.MissingFKIndex,
				Path:  m.Path,
				Start: rng.Start.Offset, End: rng.End.Offset,
				Message: fmt.Sprintf("%s.%s keeps its foreign key in %s, but no index of %s starts with %s: %s, so finding the %s rows of a %s (joins, includes, cascading deletes) scans the table; add @@index([%s]).",
					m.Name, f.Name, fieldList(r.Fields), m.Name, itOrThem(r.Fields), pol.why, m.Name, r.Target.Name, strings.Join(r.Fields, ", ")),
				Key: m.Name + "." + f.Name,
			})
		}
	}
}

// fieldList renders field names for a message: "authorId", "orgId and userId", "a, b and c".
func fieldList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func itOrThem(names []string) string {
	if len(names) == 1 {
		return "it"
	}
	return "them"
}
