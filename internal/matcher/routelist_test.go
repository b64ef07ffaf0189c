package matcher

import (
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/syntax"
)

// listOf evaluates the expression in `const list = <expr>;` (after any preamble) as a route list.
func listOf(t *testing.T, preamble, expr string) (*RouteList, []Problem) {
	t.Helper()
	f := parseFile(t, "middleware.ts", preamble+"\nconst list = "+expr+";\n")
	b, ok := f.Bindings["list"]
	if !ok {
		t.Fatal("no binding")
	}
	return FromArrayNode(f.Tree, b.Init, f)
}

func TestRouteListCovers(t *testing.T) {
	tests := []struct {
		preamble, expr, route string
		want                  Coverage
	}{
		{"", `['/', '/api/webhooks(.*)', '/api/:path*']`, "/", All},
		{"", `['/', '/api/webhooks(.*)', '/api/:path*']`, "/api/webhooks/[id]", All},
		{"", `['/', '/api/webhooks(.*)', '/api/:path*']`, "/api", All},
		{"", `['/', '/api/webhooks(.*)', '/api/:path*']`, "/dashboard/[id]", None},
		// Clerk's pathToRegexp(route) keeps the library's default "i" flag.
		{"", `['/dashboard(.*)']`, "/DASHBOARD/x", All},
		{"", `'/dashboard(.*)'`, "/dashboard/[id]", All}, // a single string
		// A RegExp is used as written: unanchored test() finds "/api/" anywhere.
		{"", `[/\/api\//]`, "/x/api/y", All},
		{"", `[/^\/api\//]`, "/x/api/y", None},
		{"", `[/^\/admin/i]`, "/ADMIN", All},
		{"", `[/^\/admin$/]`, "/admin/[id]", None},
		{"", `['/users/:id(\\d+)']`, "/users/[id]", Partial},
		{"const P = ['/a(.*)'] as const;", `[...P, '/b']`, "/a/[x]", All},
		{"const B = '/b';", "[`${B}/:path*`]", "/b/c", All},
		{"const B = '/b';", `[B + '(.*)']`, "/bc", All},
		{"", `['', null, undefined, false, '/x']`, "/x", All}, // filter(Boolean)
		// Unknown entries: paths the known ones match are decided, others unknown.
		{"import { X } from './x';", `[X, '/api/:path*']`, "/api/x", All},
		{"import { X } from './x';", `[X, '/api/:path*']`, "/dashboard", Unknown},
		{"", `(req) => req.nextUrl.pathname.startsWith('/a')`, "/a", Unknown},
		{"", `getRoutes()`, "/a", Unknown},
		// Clerk throws "Invalid path" for patterns path-to-regexp rejects.
		{"", `['/api/*']`, "/api/x", Unknown},
	}
	for _, tt := range tests {
		list, _ := listOf(t, tt.preamble, tt.expr)
		if got := list.Covers(tt.route); got != tt.want {
			t.Errorf("%s %s → %s.Covers(%q) = %v, want %v", tt.preamble, tt.expr, list, tt.route, got, tt.want)
		}
	}
}

func TestRouteListProblems(t *testing.T) {
	tests := []struct{ preamble, expr, want string }{
		{"", `['/a', /b/]`, ""},
		{"import { X } from './x';", `[X]`, "not-static"},
		{"", `['/api/*', /(/]`, "invalid,invalid"},
		{"", `[/(a)\1/]`, "unsupported"},
		{"", `[1]`, "invalid"},
		{"", `() => true`, "not-static"},
	}
	for _, tt := range tests {
		list, ps := listOf(t, tt.preamble, tt.expr)
		if got := problemKinds(ps); got != tt.want {
			t.Errorf("%s: problems %q, want %q (%v)", tt.expr, got, tt.want, ps)
		}
		for _, p := range ps {
			if p.Node == syntax.None {
				t.Errorf("%s: problem without node", tt.expr)
			}
		}
		if len(ps) > 0 && !strings.Contains(list.String(), "unknown") {
			t.Errorf("%s: %s has no unknown entry", tt.expr, list)
		}
	}
}

func TestFromObjectProperty(t *testing.T) {
	f := parseFile(t, "middleware.ts", `const ignoredRoutes = ["/api/health"];
const a = { publicRoutes: ["/"], ignoredRoutes };
const b = { ...other };
const c = { publicRoutes: ["/"] };
`)
	obj := func(name string) syntax.NodeID { return f.Bindings[name].Init }
	list, found, ps := FromObjectProperty(f.Tree, obj("a"), "ignoredRoutes", f)
	if !found || len(ps) > 0 || list.Covers("/api/health") != All {
		t.Errorf("shorthand: %v %v %v", list, found, ps)
	}
	if _, found, _ := FromObjectProperty(f.Tree, obj("c"), "ignoredRoutes", f); found {
		t.Error("absent property reported found")
	}
	list, found, ps = FromObjectProperty(f.Tree, obj("b"), "publicRoutes", f)
	if !found || len(ps) != 1 || list.Covers("/") != Unknown {
		t.Errorf("spread: %v %v %v", list, found, ps)
	}
}

// authMiddleware's default ignoredRoutes: internals and file-looking paths, except under /api and /trpc.
func TestClerkV4DefaultIgnoredRoutes(t *testing.T) {
	d := ClerkV4DefaultIgnoredRoutes()
	for path, want := range map[string]Coverage{
		"/_next/static/chunk.js": All,
		"/logo.png":              All,
		"/api/data.json":         None,
		"/trpc/a.b":              None,
		"/dashboard":             None,
	} {
		if got := d.Match(path); got != want {
			t.Errorf("Match(%q) = %v, want %v", path, got, want)
		}
	}
	if got := d.Covers("/blog/[slug]"); got != Partial {
		t.Errorf("Covers(/blog/[slug]) = %v", got)
	}
}

func TestRouteListFalsyNumbers(t *testing.T) {
	// filter(Boolean) drops 0 in any notation; other numbers are invalid routes.
	list, ps := listOf(t, "", `[0, 0x0, 0n, '/a']`)
	if len(ps) != 0 || list.String() != `["/a"]` {
		t.Fatalf("%s %v", list, ps)
	}
	if _, ps := listOf(t, "", `[0x10]`); problemKinds(ps) != "invalid" {
		t.Fatalf("%v", ps)
	}
}
