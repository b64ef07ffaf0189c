package matcher

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/jsmodel"
	"github.com/archlint/archlint/internal/syntax"
)

// TestFixtures runs the middleware files under testdata/, which carry their expectations as comments:
//
//	// want config <route pattern> <coverage>      FromFile(...).Covers
//	// want <name> <route pattern> <coverage>      route list: the createRouteMatcher(...) bound to name,
//	                                               or the publicRoutes/ignoredRoutes property of the first
//	                                               authMiddleware({...}) call
//	// want problem <kind>                         FromFile's problems, in order
//
// Every file must state at least one expectation, and every expectation is checked.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.[jt]s")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := parseFile(t, path, string(src))
			if f.Tree.Errors.Count > 0 {
				t.Fatalf("fixture has syntax errors at byte %d", f.Tree.Errors.FirstOffset)
			}
			cfg, problems := FromFile(f)
			var wantProblems []string
			checked := 0
			for _, c := range f.Comments() {
				fields := strings.Fields(strings.TrimPrefix(c, "//"))
				if len(fields) < 3 || fields[0] != "want" {
					continue
				}
				checked++
				if fields[1] == "problem" {
					wantProblems = append(wantProblems, fields[2])
					continue
				}
				if len(fields) != 4 {
					t.Errorf("malformed expectation %q", c)
					continue
				}
				name, route, want := fields[1], fields[2], fields[3]
				var got Coverage
				var desc string
				if name == "config" {
					got, desc = cfg.Covers(route), cfg.String()
				} else {
					list := fixtureRouteList(t, f, name)
					if list == nil {
						continue
					}
					got, desc = list.Covers(route), list.String()
				}
				if got.String() != want {
					t.Errorf("%s %s.Covers(%q) = %v, want %s", name, desc, route, got, want)
				}
			}
			if checked == 0 {
				t.Fatal("fixture states no expectation")
			}
			if got := problemKinds(problems); got != strings.Join(wantProblems, ",") {
				t.Errorf("problems = %q, want %q: %v", got, strings.Join(wantProblems, ","), problems)
			}
		})
	}
}

// fixtureRouteList finds the route list a fixture expectation names, the way an analyzer would: through
// the model's bindings and call sites.
func fixtureRouteList(t *testing.T, f *jsmodel.File, name string) *RouteList {
	t.Helper()
	if b, ok := f.Bindings[name]; ok && f.Tree.Kind(b.Init) == syntax.CallExpression {
		for i := range f.Calls {
			c := &f.Calls[i]
			if c.Node == b.Init && c.Callee == "createRouteMatcher" {
				list, problems := FromArrayNode(f.Tree, f.ArgList(c)[0], f)
				if len(problems) > 0 {
					t.Errorf("%s: %v", name, problems)
				}
				return list
			}
		}
	}
	for i := range f.Calls {
		c := &f.Calls[i]
		if c.Callee != "authMiddleware" {
			continue
		}
		list, found, problems := FromObjectProperty(f.Tree, f.ArgList(c)[0], name, f)
		if !found || len(problems) > 0 {
			t.Errorf("%s: found %v, %v", name, found, problems)
		}
		return list
	}
	t.Errorf("no route list %s", name)
	return nil
}
