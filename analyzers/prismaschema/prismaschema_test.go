package prismaschema_test

import (
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/archlint/archlint/analyzers"
	"github.com/archlint/archlint/analyzers/prismaschema"
	"github.com/archlint/archlint/internal/discover"
	"github.com/archlint/archlint/internal/project"
)

// load runs the analyzer over a fixture through the driver and returns its result, the report's
// notifications and the fixture's path relative to the repository root (with a trailing slash), which
// prefixes every path in them.
func load(t *testing.T, dir string) (*prismaschema.Result, []string, string) {
	t.Helper()
	target, err := discover.Locate([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := discover.Discover(target, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var res *prismaschema.Result
	probe := &analyzers.Analyzer{Name: "probe", Doc: "captures the schemas", Requires: []*analyzers.Analyzer{prismaschema.Analyzer},
		Run: func(p *analyzers.Pass) (any, error) {
			res = p.ResultOf[prismaschema.Analyzer].(*prismaschema.Result)
			return nil, nil
		}}
	rep, err := analyzers.Run(project.Load(repo, project.Options{}), []*analyzers.Analyzer{probe}, analyzers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	prefix, err := filepath.Rel(repo.Base, abs)
	if err != nil {
		t.Fatal(err)
	}
	prefix = filepath.ToSlash(prefix) + "/"
	var notes []string
	for _, n := range rep.Notifications {
		if strings.HasPrefix(n.ID, "prisma-") {
			line := 0
			if n.Position != nil {
				line = n.Position.Line
			}
			notes = append(notes, n.ID+" "+strings.TrimPrefix(n.Path, prefix)+":"+strconv.Itoa(line))
		}
	}
	return res, notes, prefix
}

func TestFolderSchemasAndMonorepo(t *testing.T) {
	res, notes, prefix := load(t, "../../testdata/fixtures/prisma-monorepo")
	if len(notes) != 0 {
		t.Errorf("notifications %v, want none", notes)
	}
	var got []string
	for _, s := range res.Sets {
		var models []string
		for _, m := range s.Schema.Models {
			models = append(models, m.Name)
		}
		got = append(got, strings.ReplaceAll(strings.Join(s.Files.Files, ","), prefix, "")+" => "+s.Schema.Provider()+" "+strings.Join(models, ","))
	}
	want := []string{
		"apps/blog/prisma/schema.prisma => postgresql Order",
		"apps/shop/prisma/schema.prisma => postgresql Order",
		"packages/database/prisma/schema/models/account.prisma,packages/database/prisma/schema/schema.prisma => mysql Account,Project",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// For puts the schema of the file's own package first.
	for path, first := range map[string]string{
		"apps/shop/app/api/orders/route.ts": "apps/shop/prisma/schema.prisma",
		"apps/blog/app/api/orders/route.ts": "apps/blog/prisma/schema.prisma",
		"packages/database/src/index.ts":    "packages/database/prisma/schema/models/account.prisma",
		"scripts/seed.ts":                   "apps/blog/prisma/schema.prisma", // no package of its own: set order
	} {
		sets := res.For(prefix + path)
		if len(sets) != 3 || sets[0].Files.Files[0] != prefix+first {
			t.Errorf("For(%s)[0] = %s, want %s", path, sets[0].Files.Files[0], first)
		}
	}
	var nilResult *prismaschema.Result
	if nilResult.For("x") != nil {
		t.Error("For on a nil result must return nil")
	}
}

func TestSyntaxErrorsAreNotifications(t *testing.T) {
	res, notes, _ := load(t, "../../testdata/fixtures/prisma-syntax-error")
	if len(res.Sets) != 1 || res.Sets[0].Schema.Model("Post") == nil {
		t.Fatalf("the schema after the broken line must still be built: %+v", res.Sets)
	}
	if len(notes) == 0 || notes[0] != "prisma-syntax-error prisma/schema.prisma:9" {
		t.Errorf("notifications %v, want prisma-syntax-error at prisma/schema.prisma:9 first", notes)
	}
}
