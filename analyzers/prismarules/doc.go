// Package prismarules holds archlint's Prisma rules, which read the schemas that analyzers/prismaschema
// loads (and, for one rule, the code that queries them):
//
//   - prisma/missing-fk-index: a relation's foreign key columns (`@relation(fields: […])`) are not the
//     leading columns of any @id, @@id, @unique, @@unique or @@index, on a database that will not index
//     them by itself (see fkindex.go for the provider matrix);
//   - prisma/float-for-money: a Float field whose name says it holds money (see money.go for the words);
//   - prisma/unindexed-query-filter: a Prisma Client call in code whose literal `where` (or, without a
//     filter, `orderBy`) uses only columns that no index of the model starts with (see queryfilter.go, and
//     client.go for how archlint decides that an expression is a Prisma client).
//
// The package decides what is a finding; it never parses schema files (internal/prismaschema does) and
// never finds them (internal/discover does).
package prismarules
