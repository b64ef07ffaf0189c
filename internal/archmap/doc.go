// Package archmap renders the architecture archlint's model found — the endpoint inventory of a
// report.Report and the Prisma schemas — for `archlint map`: an aligned text table for a terminal, a
// GitHub-flavoured Markdown table, a JSON document, a Mermaid flowchart (endpoints → guards → Prisma
// models) and, with --erd, Mermaid entity-relationship diagrams.
//
// Every renderer is a pure function of the Report, the schemas and Options: given the same input it writes
// the same bytes, in an order of its own (apps, then middleware, routes by URL and method, Server Actions
// by file) that does not depend on the order of Report.Endpoints. The package never decides what is an
// endpoint or whether a control is present (the endpoint model and the analyzers do), never reads files,
// the environment or the terminal; the CLI decides about colour and where the output goes.
package archmap
