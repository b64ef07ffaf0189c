package resolve_test

import (
	"testing"

	"github.com/archlint/archlint/internal/resolve"
)

type resolveCase struct {
	name     string
	from     string
	spec     string
	want     resolve.Result
	wantRule resolve.Rule
}

func local(p string, rule resolve.Rule) resolve.Result {
	return resolve.Result{Kind: resolve.Local, Path: p, Rule: rule}
}

func pkg(name, sub string) resolve.Result {
	return resolve.Result{Kind: resolve.Package, Package: name, Subpath: sub, Rule: resolve.RuleNodeModules}
}

func unresolved(rule resolve.Rule) resolve.Result {
	return resolve.Result{Kind: resolve.Unresolved, Rule: rule}
}

func runCases(t *testing.T, r *resolve.Resolver, cases []resolveCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := r.Resolve(c.from, c.spec)
			got.Config = "" // checked separately
			if got != c.want {
				t.Errorf("Resolve(%q, %q) = %+v (rule %s), want %+v (rule %s)", c.from, c.spec, got, got.Rule, c.want, c.want.Rule)
			}
		})
	}
}

func TestResolveApp(t *testing.T) {
	r := resolve.New(resolve.DiscoverFixture(t, "app"))
	const route = "src/app/api/users/route.ts"
	const nav = "src/components/nav.tsx"
	runCases(t, r, []resolveCase{
		{name: "paths wildcard", from: route, spec: "@/lib/auth", want: local("src/lib/auth.ts", resolve.RulePaths)},
		{name: "paths wildcard to index", from: route, spec: "@/lib/db", want: local("src/lib/db/index.ts", resolve.RulePaths)},
		{name: "paths from the extended config file", from: nav, spec: "@/config/server", want: local("src/config/server.ts", resolve.RulePaths)},
		{name: "paths exact key", from: nav, spec: "server-config", want: local("src/config/server.ts", resolve.RulePaths)},
		{name: "longest prefix wins, first target missing", from: nav, spec: "@/components/button", want: local("src/ui/button.tsx", resolve.RulePaths)},
		{name: "longest prefix wins, first target present", from: route, spec: "@/components/nav", want: local("src/components/nav.tsx", resolve.RulePaths)},
		{name: "catch-all paths pattern", from: nav, spec: "analytics", want: local("src/vendor/analytics.ts", resolve.RulePaths)},
		{name: "catch-all misses, baseUrl finds", from: nav, spec: "components/header", want: local("components/header.tsx", resolve.RuleBaseURL)},
		{name: "catch-all misses, package", from: nav, spec: "next-auth", want: pkg("next-auth", "")},
		{name: "scoped package subpath", from: route, spec: "@clerk/nextjs/server", want: pkg("@clerk/nextjs", "server")},
		{name: "node builtin", from: route, spec: "node:crypto", want: pkg("node:crypto", "")},
		{name: "alias to missing file", from: route, spec: "@/lib/missing", want: unresolved(resolve.RulePaths)},
		{name: "alias to stylesheet", from: nav, spec: "@/styles/globals.css", want: unresolved(resolve.RulePaths)},
		{name: "relative .js written for .ts", from: "src/lib/auth.ts", spec: "./session.js", want: local("src/lib/session.ts", resolve.RuleRelative)},
		{name: "relative .mjs written for .mts", from: nav, spec: "../lib/button-styles.mjs", want: local("src/lib/button-styles.mts", resolve.RuleRelative)},
		{name: "relative without extension", from: "src/lib/auth.ts", spec: "./session", want: local("src/lib/session.ts", resolve.RuleRelative)},
		{name: "relative directory index", from: "src/lib/auth.ts", spec: "./db", want: local("src/lib/db/index.ts", resolve.RuleRelative)},
		{name: "relative parent", from: "src/lib/db/index.ts", spec: "../session", want: local("src/lib/session.ts", resolve.RuleRelative)},
		{name: "relative missing", from: route, spec: "./helpers", want: unresolved(resolve.RuleRelative)},
		{name: "relative leaving the repository", from: route, spec: "../../../../../x", want: unresolved(resolve.RuleRelative)},
		{name: "absolute", from: route, spec: "/etc/passwd", want: unresolved(resolve.RuleNone)},
		{name: "empty", from: route, spec: "", want: unresolved(resolve.RuleNone)},
	})
	if got := r.Resolve(route, "@/lib/auth").Config; got != "tsconfig.json" {
		t.Errorf("Config = %q, want tsconfig.json (the file nearest the importer)", got)
	}
}

func TestResolveMonorepo(t *testing.T) {
	r := resolve.New(resolve.DiscoverFixture(t, "monorepo"))
	const web = "apps/web/src/app/api/projects/route.ts"
	const admin = "apps/admin/app/api/invite/route.ts"
	ws := func(p, name, sub string) resolve.Result {
		return resolve.Result{Kind: resolve.Local, Path: p, Package: name, Subpath: sub, Rule: resolve.RuleWorkspace}
	}
	runCases(t, r, []resolveCase{
		{name: "web @/* is apps/web/src", from: web, spec: "@/lib/auth", want: local("apps/web/src/lib/auth.ts", resolve.RulePaths)},
		{name: "admin @/* from the root paths file", from: admin, spec: "@/lib/auth", want: local("apps/admin/lib/auth.ts", resolve.RulePaths)},
		{name: "admin exact paths key beats the workspace package", from: admin, spec: "@acme/emails", want: local("packages/emails/src/index.ts", resolve.RulePaths)},
		{name: "jsconfig.json when there is no tsconfig.json", from: "apps/docs/pages/api/search.js", spec: "~/lib/search", want: local("apps/docs/lib/search.js", resolve.RulePaths)},
		{name: "no config applies in a package without one", from: "packages/emails/src/render.ts", spec: "#base/theme", want: unresolved(resolve.RuleNone)},

		{name: "exports . with types/import/require, dist to src", from: web, spec: "@acme/auth", want: ws("packages/auth/src/index.ts", "@acme/auth", "")},
		{name: "exports subpath, browser condition skipped", from: web, spec: "@acme/auth/client", want: ws("packages/auth/src/client.ts", "@acme/auth", "client")},
		{name: "exports subpath string", from: web, spec: "@acme/auth/server", want: ws("packages/auth/src/server.ts", "@acme/auth", "server")},
		{name: "exports conditions in package order", from: web, spec: "@acme/auth/edge", want: ws("packages/auth/src/edge-node.ts", "@acme/auth", "edge")},
		{name: "exports wildcard", from: web, spec: "@acme/auth/providers/github", want: ws("packages/auth/src/providers/github.ts", "@acme/auth", "providers/github")},
		{name: "exports folder mapping", from: web, spec: "@acme/auth/internal/tokens", want: ws("packages/auth/src/internal/tokens.ts", "@acme/auth", "internal/tokens")},
		{name: "main only", from: web, spec: "@acme/db", want: ws("packages/db/src/index.ts", "@acme/db", "")},
		{name: "subpath without exports is a folder path", from: web, spec: "@acme/db/client", want: ws("packages/db/client.ts", "@acme/db", "client")},
		{name: "no entry fields: index at the package root", from: web, spec: "@acme/ui", want: ws("packages/ui/index.tsx", "@acme/ui", "")},
		{name: "subpath folder with index", from: web, spec: "@acme/ui/card", want: ws("packages/ui/card/index.tsx", "@acme/ui", "card")},
		{name: "types pointing at build output", from: web, spec: "@acme/emails", want: ws("packages/emails/src/index.ts", "@acme/emails", "")},
		{name: "workspace package imported by itself", from: "packages/auth/src/server.ts", spec: "@acme/auth/client", want: ws("packages/auth/src/client.ts", "@acme/auth", "client")},

		{name: "workspace package without a file is a package", from: web, spec: "@acme/tsconfig",
			want: resolve.Result{Kind: resolve.Package, Package: "@acme/tsconfig", Rule: resolve.RuleWorkspace}},
		{name: "workspace root is not a workspace package", from: web, spec: "acme", want: pkg("acme", "")},
		{name: "unknown scoped package", from: web, spec: "@clerk/nextjs/server", want: pkg("@clerk/nextjs", "server")},
		{name: "web has no paths for admin's alias target", from: web, spec: "@/app/api/invite/route", want: unresolved(resolve.RulePaths)},
	})
}

func TestSplitPackage(t *testing.T) {
	for _, c := range []struct{ spec, pkg, sub string }{
		{"@clerk/nextjs/server", "@clerk/nextjs", "server"},
		{"@clerk/nextjs", "@clerk/nextjs", ""},
		{"zod/v4", "zod", "v4"},
		{"next/server", "next", "server"},
		{"node:fs", "node:fs", ""},
		{"@acme/ui/components/button", "@acme/ui", "components/button"},
	} {
		if p, s := resolve.SplitPackage(c.spec); p != c.pkg || s != c.sub {
			t.Errorf("SplitPackage(%q) = %q, %q; want %q, %q", c.spec, p, s, c.pkg, c.sub)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	r := resolve.New(resolve.DiscoverFixture(b, "monorepo"))
	const from = "apps/web/src/app/api/projects/route.ts"
	specs := []string{"@/lib/auth", "@acme/auth", "@acme/auth/providers/github", "@acme/db/client", "./x", "@clerk/nextjs/server", "zod"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range specs {
			r.Resolve(from, s)
		}
	}
}
