package prismarules_test

import (
	"strings"
	"testing"

	"github.com/archlint/archlint/analyzers/prismarules"
	"github.com/archlint/archlint/internal/analysistest"
)

// Each fixture is a small app whose files state the expected findings in want comments.
func TestFixtures(t *testing.T) {
	for _, dir := range []string{
		"prisma-fk-postgres",           // every construct that covers a foreign key or not
		"prisma-fk-mysql",              // MySQL default relationMode: nothing to report
		"prisma-fk-mysql-relationmode", // relationMode = "prisma" on MySQL: reported
		"prisma-fk-folder",             // folder schema, datasource in another file
		"prisma-fk-nodatasource",       // no datasource: reported with the assumption spelled out
		"prisma-mongo",                 // MongoDB: no foreign keys; money as Int
		"prisma-money",                 // money names and look-alikes
		"prisma-queries",               // queries × indexes, client resolution
		"prisma-queries-mysql",         // InnoDB's implicit foreign key indexes
		"prisma-monorepo",              // each app's code is checked against its own schema
		"prisma-syntax-error",          // a broken line does not hide the rest
	} {
		t.Run(dir, func(t *testing.T) {
			analysistest.Run(t, "../../testdata/fixtures/"+dir, prismarules.Analyzer)
		})
	}
}

// The query finding points at the where key and relates the schema model by byte offsets.
func TestQueryFindingLocations(t *testing.T) {
	rep := analysistest.Run(t, "../../testdata/fixtures/prisma-queries", prismarules.Analyzer)
	for _, f := range rep.Findings {
		if f.RuleID != "prisma/unindexed-query-filter" || !strings.HasSuffix(f.Location.Path, "app/api/posts/route.ts") ||
			f.Location.Range.Start.Line != 9 {
			continue
		}
		if got := f.Location.Range.Start.Column; got != 45 {
			t.Errorf("column of the where key = %d, want 45", got)
		}
		if f.Location.Range.End.Column-f.Location.Range.Start.Column != len("where") {
			t.Errorf("range %+v does not cover the key 'where'", f.Location.Range)
		}
		if len(f.Related) != 1 {
			t.Fatalf("related = %+v, want the schema model", f.Related)
		}
		r := f.Related[0]
		if !strings.HasSuffix(r.Path, "prisma/schema.prisma") || r.Range.Start.Line != 21 || r.Range.Start.Column != 7 ||
			r.Range.End.Column != 11 || r.Message != "model Post and its indexes" {
			t.Errorf("related = %+v, want prisma/schema.prisma:21:7-11 'model Post and its indexes'", r)
		}
		return
	}
	t.Fatal("no finding at app/api/posts/route.ts:9")
}

// A syntax error in a schema is a notification with its position; the rest of the file is analysed
// (the fixture's want comment after the broken line proves it).
func TestSyntaxErrorNotification(t *testing.T) {
	rep := analysistest.Run(t, "../../testdata/fixtures/prisma-syntax-error", prismarules.Analyzer)
	var got []string
	for _, n := range rep.Notifications {
		if n.ID == "prisma-syntax-error" {
			if n.Position == nil || !strings.HasSuffix(n.Path, "prisma/schema.prisma") || n.Position.Line != 9 {
				t.Errorf("notification %+v: want prisma/schema.prisma line 9", n)
			}
			got = append(got, n.Message)
		}
	}
	if len(got) == 0 {
		t.Fatalf("no prisma-syntax-error notification in %+v", rep.Notifications)
	}
	if !strings.Contains(got[0], "Prisma schema syntax error: ") {
		t.Errorf("message %q", got[0])
	}
}
