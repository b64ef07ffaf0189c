package output

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/fingerprint"
	"github.com/archlint/archlint/internal/report"
	"github.com/archlint/archlint/internal/textpos"
	"github.com/archlint/archlint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// testRules are defined outside the catalog so that these goldens do not change with it.
func testRules(t testing.TB) (sql, boundary, note *rules.Rule) {
	t.Helper()
	def := func(r rules.Rule, help string) *rules.Rule {
		d, err := rules.Define(r, help)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	sql = def(rules.Rule{ID: "security/test-sql", Name: "TestSql", Title: "Raw SQL built from a non-constant string",
		Severity: rules.Error, Tags: []string{"security"}, CWE: 89, SecuritySeverity: "9.8", Precision: "high"},
		"Raw SQL assembled from strings lets a caller run any query.\n")
	boundary = def(rules.Rule{ID: "arch/test-boundary", Name: "TestBoundary", Title: "Client component imports a server-only module",
		Severity: rules.Warning, Tags: []string{"architecture"}}, "A client component imports a server-only module.\n")
	note = def(rules.Rule{ID: "perf/test-note", Title: "Segment opts out of caching", Severity: rules.Note},
		"A route segment disables caching.\n")
	return sql, boundary, note
}

type source struct {
	path string
	text string
}

// at builds a finding covering the first occurrence of target in src, as the driver would.
func at(t testing.TB, rule *rules.Rule, src source, target, msg string) report.Finding {
	t.Helper()
	l := loc(t, src, target, "")
	f := report.Finding{
		RuleID: rule.ID, Severity: rule.Severity, Message: msg, Location: l,
		Fingerprint: fingerprint.Key(rule.ID, src.path, fingerprint.NormalizeCode(target)),
		SourceLine:  textpos.New([]byte(src.text)).LineText(l.Range.Start.Line),
	}
	if hs, ok := fingerprint.LineHashes([]byte(src.text)); ok {
		f.LineHash = hs[l.Range.Start.Line-1]
	}
	return f
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

var (
	routeSrc = source{"app/api/users/route.ts", "import { prisma } from \"@/lib/db\";\n\nexport async function GET(request: Request) {\n" +
		"\tconst email = new URL(request.url).searchParams.get(\"email\");\n" +
		"\tconst users = await prisma.$queryRawUnsafe(`SELECT * FROM \"User\" WHERE email = '${email}'`);\n" +
		"\treturn Response.json(users);\n}\n"}
	clientSrc = source{"app/[id]/Cart.tsx", "'use client';\nimport { db } from \"@/lib/server/db\";\n\nexport function Cart() {\n" +
		"  const label = \"😀 日本\"; return <div title={label}>{db.name}</div>;\n}\n"}
	dbSrc = source{"lib/server/db.ts", "import \"server-only\";\nexport const db = new PrismaClient({\n  log: [\"query\"],\n});\n"}
)

// sampleReport has findings of every severity in three files, a multi-line range, tabs, an emoji before a
// finding, related locations, a suppressed and a baselined finding, and notifications.
func sampleReport(t testing.TB) *report.Report {
	sql, boundary, note := testRules(t)
	f1 := at(t, sql, routeSrc, "prisma.$queryRawUnsafe(", "prisma.$queryRawUnsafe is called with a template literal that interpolates 'email'.")
	f2 := at(t, boundary, clientSrc, `import { db } from "@/lib/server/db";`, "Client component 'Cart' imports <ServerThing> & co. from '@/lib/server/db'.")
	f2.Related = []report.Location{loc(t, dbSrc, `import "server-only";`, "'lib/server/db.ts' is marked server-only here")}
	f3 := at(t, note, clientSrc, "{db.name}", "Client component 'Cart' reads 'db.name' | renders it.")
	f4 := at(t, note, dbSrc, "new PrismaClient({\n  log: [\"query\"],\n})", "A Prisma client is created at import time.")
	f5 := at(t, boundary, dbSrc, `export const db`, "Suppressed finding.")
	dir := loc(t, dbSrc, `import "server-only";`, "")
	f5.Suppression = &report.Suppression{Kind: "inSource", Justification: "only read on the server", Location: &dir}
	f6 := at(t, sql, routeSrc, "request.url", "Baselined finding.")
	f6.Baselined = true
	r := &report.Report{
		Tool:     report.Tool{Name: "archlint", Version: "v1.2.3", InformationURI: "https://github.com/archlint/archlint"},
		RootURI:  "file:///work/repo/",
		Rules:    []*rules.Rule{boundary, note, sql},
		Findings: []report.Finding{f1, f2, f3, f4, f5, f6},
		Notifications: []report.Notification{
			{ID: "file-too-large", Level: rules.Warning, Message: "File is larger than 1 MiB and was skipped.", Path: "public/vendor.js"},
			{ID: "syntax-error", Level: rules.Error, Message: "Unexpected token '<'.", Path: "app/broken/page.tsx",
				Position: &report.Position{Offset: 40, Line: 3, Column: 7}},
			{ID: "analyzer-panic", Level: rules.Note, Message: "Analyzer 'boundaries' stopped early."},
		},
		Stats:               report.Stats{Apps: 1, FilesSeen: 5, FilesParsed: 4, BytesParsed: 812, FilesSkipped: 1, Endpoints: 1},
		ExecutionSuccessful: true,
		Endpoints: []report.Endpoint{{
			Kind: "route", URLPath: "/api/users", Methods: []string{"GET"}, Name: "GET",
			Location: loc(t, routeSrc, "request.url", ""),
			Controls: map[string]report.ControlStatus{"auth": {Status: "missing"}},
			Models:   []string{"user"}, Sensitive: []string{"a raw SQL query"},
		}},
	}
	report.SortFindings(r.Findings)
	report.SortNotifications(r.Notifications)
	return r
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/output -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./internal/output -update and review the diff\n--- got ---\n%s", path, got)
	}
}
