package sarif

import (
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/fingerprint"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/textpos"
	"github.com/archlint/archlint/rules"
)

// Test rules live outside the catalog so that the goldens other than every-rule.sarif do not change when
// the catalog does.

const sqlHelp = `Raw SQL assembled from strings lets a caller run any query.

## How to fix

Use the tagged template, which binds every value as a parameter:

` + "```ts" + `
const rows = await prisma.$queryRaw` + "`SELECT * FROM \"User\" WHERE email = ${email}`" + `;
if (rows.length < 1 && ok) return null;
` + "```" + `
`

const boundaryHelp = "A file marked `'use client'` imports a module that must stay on the server, such as `<ServerThing>` & co.\n\n" +
	"## How to fix\n\nMove the import behind a Server Action or a route handler.\n"

const noteHelp = "A route segment exports `revalidate = 0`, which disables caching for the whole segment.\n"

func testRules(t testing.TB) (sql, boundary, note *rules.Rule) {
	t.Helper()
	var err error
	sql, err = rules.Define(rules.Rule{
		ID: "security/test-sql", Name: "TestSql", Title: "Raw SQL built from a non-constant string",
		Severity: rules.Error, Tags: []string{"security", "sql-injection"}, CWE: 89, SecuritySeverity: "9.8",
		Precision: "high",
	}, sqlHelp)
	if err != nil {
		t.Fatal(err)
	}
	boundary, err = rules.Define(rules.Rule{
		ID: "arch/test-boundary", Name: "TestBoundary", Title: "Client component imports a server-only module",
		Severity: rules.Warning, Tags: []string{"architecture", "nextjs"}, Precision: "very-high",
	}, boundaryHelp)
	if err != nil {
		t.Fatal(err)
	}
	note, err = rules.Define(rules.Rule{
		ID: "perf/test-note", Title: "Segment opts out of caching", Severity: rules.Note,
	}, noteHelp)
	if err != nil {
		t.Fatal(err)
	}
	return sql, boundary, note
}

// baseReport returns a report with the test rules and no findings.
func baseReport(t testing.TB) *report.Report {
	sql, boundary, note := testRules(t)
	return &report.Report{
		Tool:                report.Tool{Name: "archlint", Version: "v1.2.3", InformationURI: "https://github.com/archlint/archlint"},
		RootURI:             "file:///work/repo/",
		Rules:               []*rules.Rule{boundary, note, sql},
		Stats:               report.Stats{Apps: 1, FilesSeen: 3, FilesParsed: 3, BytesParsed: 512},
		ExecutionSuccessful: true,
	}
}

// source is one analysed file.
type source struct {
	path string
	text string
}

// at builds a finding of rule in src covering the first occurrence of target, positioned the way the
// driver does it: UTF-16 columns from textpos, the line hash from fingerprint.LineHashes, the fingerprint
// from the normalised target text.
func at(t testing.TB, rule *rules.Rule, src source, target, msg string) report.Finding {
	t.Helper()
	return report.Finding{
		RuleID:      rule.ID,
		Severity:    rule.Severity,
		Message:     msg,
		Location:    loc(t, src, target, ""),
		Fingerprint: fingerprint.Key(rule.ID, src.path, fingerprint.NormalizeCode(target)),
		LineHash:    lineHash(t, src, target),
		SourceLine:  textpos.New([]byte(src.text)).LineText(loc(t, src, target, "").Range.Start.Line),
	}
}

func loc(t testing.TB, src source, target, msg string) report.Location {
	t.Helper()
	off := strings.Index(src.text, target)
	if off < 0 {
		t.Fatalf("%q not found in %s", target, src.path)
	}
	x := textpos.New([]byte(src.text))
	pos := func(o int) report.Position {
		l, c := x.Position(o)
		return report.Position{Offset: o, Line: l, Column: c}
	}
	return report.Location{Path: src.path, Message: msg, Range: report.Range{Start: pos(off), End: pos(off + len(target))}}
}

func lineHash(t testing.TB, src source, target string) string {
	t.Helper()
	hs, ok := fingerprint.LineHashes([]byte(src.text))
	if !ok {
		return ""
	}
	return hs[loc(t, src, target, "").Range.Start.Line-1]
}

var (
	routeSrc = source{"app/api/users/route.ts", `import { prisma } from "@/lib/db";

export async function GET(request: Request) {
  const email = new URL(request.url).searchParams.get("email");
  const users = await prisma.$queryRawUnsafe(` + "`SELECT * FROM \"User\" WHERE email = '${email}'`" + `);
  return Response.json(users);
}
`}
	clientSrc = source{"components/Cart.tsx", "'use client';\nimport { db } from \"@/lib/server/db\";\n\nexport function Cart() {\n  return <div>{db.name}</div>;\n}\n"}
	dbSrc     = source{"lib/server/db.ts", "import \"server-only\";\nexport const db = new PrismaClient();\n"}
)
