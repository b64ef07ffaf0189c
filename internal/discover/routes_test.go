package discover

import "testing"

func TestAppRouteURL(t *testing.T) {
	tests := []struct {
		dir  string // folder of route.ts below the app directory
		want string // "" when the folder is private
	}{
		{"", "/"},
		{"api", "/api"},
		{"api/users", "/api/users"},
		{"api/users/[id]", "/api/users/[id]"},
		{"api/auth/[...nextauth]", "/api/auth/[...nextauth]"},
		{"docs/[[...slug]]", "/docs/[[...slug]]"},
		{"(marketing)/api/newsletter", "/api/newsletter"},
		{"(a)/(b)", "/"},
		{"api/(v1)/items", "/api/items"},
		{"_lib/api", ""},
		{"api/_internal/health", ""},
		{"api/_internal", ""},
		{"%5Fnext/data", "/_next/data"},
		{"api/%5Fhidden", "/api/_hidden"},
		{"api/%5fhidden", "/api/_hidden"},
		{"@modal/api/x", "/api/x"},
		{"dashboard/@team/settings", "/dashboard/settings"},
		{"feed/(.)photo/[id]", "/feed/photo/[id]"},
		{"feed/(..)photo/[id]", "/feed/photo/[id]"},
		{"a/b/(..)(..)photo", "/a/b/photo"},
		{"feed/(...)photo", "/feed/photo"},
		{"@modal/(.)photo/[id]", "/photo/[id]"},
		{"(group)/(.)x", "/x"},
		{"shop/[category]/[item]", "/shop/[category]/[item]"},
	}
	for _, tt := range tests {
		got, ok := appRouteURL(tt.dir)
		if tt.want == "" {
			if ok {
				t.Errorf("appRouteURL(%q) = %q, want private (excluded)", tt.dir, got)
			}
			continue
		}
		if !ok || got != tt.want {
			t.Errorf("appRouteURL(%q) = %q, %v; want %q", tt.dir, got, ok, tt.want)
		}
	}
}

func TestIsRouteHandlerName(t *testing.T) {
	for name, want := range map[string]bool{
		"route.ts":      true,
		"route.tsx":     true,
		"route.js":      true,
		"route.jsx":     true,
		"route.mjs":     true,
		"_route.ts":     false,
		"route.test.ts": false,
		"route.d.ts":    false,
		"route.cjs":     false,
		"route.mts":     false,
		"Route.ts":      false,
		"routes.ts":     false,
		"page.tsx":      false,
		"route":         false,
	} {
		if got := isRouteHandlerName(name); got != want {
			t.Errorf("isRouteHandlerName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestPagesAPIURL(t *testing.T) {
	tests := []struct {
		rel  string // path below the pages directory
		want string // "" when not an API route
	}{
		{"api/index.ts", "/api"},
		{"api.ts", "/api"},
		{"api/hello.ts", "/api/hello"},
		{"api/users/index.js", "/api/users"},
		{"api/users/[id].ts", "/api/users/[id]"},
		{"api/[id].ts", "/api/[id]"},
		{"api/auth/[...nextauth].ts", "/api/auth/[...nextauth]"},
		{"api/[[...all]].tsx", "/api/[[...all]]"},
		{"api/legacy.mjs", "/api/legacy"},
		{"api/index/more.ts", "/api/index/more"},
		{"api/_helpers.ts", ""},
		{"api/users/_db.ts", ""},
		{"api/types.d.ts", ""},
		{"api/data.json", ""},
		{"api/worker.cjs", ""},
		{"index.tsx", ""},
		{"apis/x.ts", ""},
		{"about/api/x.ts", ""},
	}
	for _, tt := range tests {
		got, ok := pagesAPIURL(tt.rel)
		if tt.want == "" {
			if ok {
				t.Errorf("pagesAPIURL(%q) = %q, want no API route", tt.rel, got)
			}
			continue
		}
		if !ok || got != tt.want {
			t.Errorf("pagesAPIURL(%q) = %q, %v; want %q", tt.rel, got, ok, tt.want)
		}
	}
}

// TestRouterLayout runs Discover over apps laid out in the ways Next.js distinguishes.
func TestRouterLayout(t *testing.T) {
	root := tempRoot(t)
	writeTree(t, root, map[string]string{
		".git/":        "",
		"package.json": `{"workspaces":["apps/*"]}`,
		// Both app/ and src/app/: src/app is ignored; middleware sits beside app/.
		"apps/both/package.json":                    nextPkg,
		"apps/both/app/api/ping/route.ts":           "export const GET = () => new Response('ok')",
		"apps/both/app/route.ts":                    "",
		"apps/both/app/_lib/route.ts":               "",
		"apps/both/app/api/_route.ts":               "",
		"apps/both/app/api/route.test.ts":           "",
		"apps/both/app/api/(v1)/items/route.js":     "",
		"apps/both/app/%5Fdata/route.ts":            "",
		"apps/both/src/app/api/ignored/route.ts":    "",
		"apps/both/middleware.ts":                   "",
		"apps/both/src/middleware.ts":               "",
		"apps/both/pages/api/index.ts":              "",
		"apps/both/pages/api/users/[id].ts":         "",
		"apps/both/pages/api/users/index.ts":        "",
		"apps/both/pages/api/_util.ts":              "",
		"apps/both/src/pages/api/ignored.ts":        "",
		"apps/srconly/package.json":                 nextPkg,
		"apps/srconly/src/app/api/[id]/route.ts":    "",
		"apps/srconly/src/proxy.ts":                 "",
		"apps/srconly/middleware.ts":                "", // ignored by Next.js: the app dir is in src/
		"apps/srconly/src/app/api/(.)x/route.ts":    "",
		"apps/mixed/next.config.ts":                 "export default {}",
		"apps/mixed/app/api/a/route.tsx":            "",
		"apps/mixed/src/pages/api/b.ts":             "",
		"apps/mixed/src/middleware.js":              "", // pages wins: middleware sits beside src/pages
		"apps/mixed/proxy.ts":                       "",
		"apps/mixed/src/pages/index.tsx":            "",
		"apps/twomw/package.json":                   nextPkg,
		"apps/twomw/app/page.tsx":                   "",
		"apps/twomw/middleware.ts":                  "",
		"apps/twomw/proxy.ts":                       "",
		"apps/twomw/app/api/(..)(..)thing/route.ts": "",
	})
	r := discoverAt(t, root, Options{})
	type appView struct {
		Dir, Middleware   string
		AppDirs, Pages    []string
		Routes, PagesAPI  []string
		NextConfig, Name0 string
	}
	view := func(a *App) appView {
		v := appView{Dir: a.Dir, AppDirs: a.AppDirs, Pages: a.PagesDirs, NextConfig: a.NextConfig}
		if a.Middleware != nil {
			v.Middleware = a.Middleware.Kind + " " + a.Middleware.Path
		}
		for _, rt := range a.Routes {
			v.Routes = append(v.Routes, rt.URLPath+" "+rt.File)
		}
		for _, rt := range a.PagesAPI {
			v.PagesAPI = append(v.PagesAPI, rt.URLPath+" "+rt.File)
		}
		return v
	}
	var got []appView
	for _, a := range r.Apps {
		got = append(got, view(a))
	}
	want := []appView{
		{
			Dir: "apps/both", AppDirs: []string{"apps/both/app"}, Pages: []string{"apps/both/pages"},
			Middleware: "middleware apps/both/middleware.ts",
			Routes: []string{
				"/_data apps/both/app/%5Fdata/route.ts",
				"/api/items apps/both/app/api/(v1)/items/route.js",
				"/api/ping apps/both/app/api/ping/route.ts",
				"/ apps/both/app/route.ts",
			},
			PagesAPI: []string{
				"/api apps/both/pages/api/index.ts",
				"/api/users/[id] apps/both/pages/api/users/[id].ts",
				"/api/users apps/both/pages/api/users/index.ts",
			},
		},
		{
			Dir: "apps/mixed", AppDirs: []string{"apps/mixed/app"}, Pages: []string{"apps/mixed/src/pages"},
			Middleware: "middleware apps/mixed/src/middleware.js",
			Routes:     []string{"/api/a apps/mixed/app/api/a/route.tsx"},
			PagesAPI:   []string{"/api/b apps/mixed/src/pages/api/b.ts"},
			NextConfig: "apps/mixed/next.config.ts",
		},
		{
			Dir: "apps/srconly", AppDirs: []string{"apps/srconly/src/app"},
			Middleware: "proxy apps/srconly/src/proxy.ts",
			Routes: []string{
				"/api/x apps/srconly/src/app/api/(.)x/route.ts",
				"/api/[id] apps/srconly/src/app/api/[id]/route.ts",
			},
		},
		{
			Dir: "apps/twomw", AppDirs: []string{"apps/twomw/app"},
			Middleware: "proxy apps/twomw/proxy.ts",
			Routes:     []string{"/api/thing apps/twomw/app/api/(..)(..)thing/route.ts"},
		},
	}
	equalJSON(t, "apps", got, want)
	if !contains(notes(r), "middleware-and-proxy apps/twomw/middleware.ts") {
		t.Errorf("no middleware-and-proxy notification for apps/twomw; notifications: %q", notes(r))
	}
}
