// Package prismaschema parses Prisma Schema Language (PSL) files and builds the schema model that the
// Prisma rules query: models and views with their fields, relations (both sides paired), identifiers and
// indexes as one uniform list, enums, composite types, the datasource and the generators.
//
// It has two layers:
//
//   - Parse turns one file into a File: a syntax tree (blocks, fields, attributes, arguments, values) in
//     which every node has a Range with byte offsets, 1-based lines and 1-based UTF-16 columns, plus all
//     comments and the syntax Diagnostics. Parse never fails: a broken line becomes a Diagnostic and the
//     rest of the file is still parsed.
//   - Build (or Load, which reads and parses first) combines the files of one schema (a single
//     schema.prisma or a folder schema such as prisma/schema/*.prisma) into a Schema and resolves names
//     across files.
//
// Parse and Build share no state; a File and a Schema are not modified after they are returned, so
// they may be read from several goroutines.
//
// The package owns the PSL grammar and the meaning of its attributes. It does not find schema files (the
// discover package does), does not decide what is a finding (the Prisma analyzers do) and does not
// validate the schema the way the Prisma engines do: it accepts some things they reject (legacy syntax,
// duplicate names) as long as their meaning is clear. It reads no environment variables and touches no
// files except in Load, through the fs.FS it is given.
package prismaschema
