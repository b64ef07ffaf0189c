package discover

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
)

// monorepo is a pnpm/Turborepo-style repository with two apps and a database package.
var monorepo = map[string]string{
	".git/":               "",
	".gitignore":          "node_modules\n.env*.local\n",
	"package.json":        `{"name":"acme","private":true,"workspaces":{"packages":["apps/*","packages/*"]},"devDependencies":{"turbo":"2.0.0"}}`,
	"pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n  - \"packages/*\" # libraries\n",
	"turbo.json":          `{"tasks":{}}`,
	"tsconfig.base.json":  "{}",

	"apps/web/package.json": `{"name":"@acme/web","private":true,"dependencies":{"next":"15.2.0","@acme/db":"workspace:*"},` +
		`"devDependencies":{"typescript":"5.6.0"}}`,
	"apps/web/next.config.ts":                          "export default {}",
	"apps/web/tsconfig.json":                           "{}",
	"apps/web/src/middleware.ts":                       "export function middleware() {}",
	"apps/web/src/app/layout.tsx":                      "export default function L() {}",
	"apps/web/src/app/api/users/[id]/route.ts":         "export async function GET() {}",
	"apps/web/src/app/api/auth/[...nextauth]/route.ts": "export { handler as GET, handler as POST }",
	"apps/web/src/app/(shop)/cart/actions.ts":          "\ufeff// cart actions\r\n'use server'\r\n\r\nexport async function add() {}\r\n",
	"apps/web/src/app/(shop)/cart/page.tsx":            "export default function Page() {\n  async function save() {\n    'use server'\n  }\n}\n",
	"apps/web/src/app/(shop)/cart/button.tsx":          "'use client'\nexport function B() {}",
	"apps/web/src/lib/strict.ts":                       "\"use strict\"; \"use server\";\nexport async function x() {}",
	"apps/web/src/lib/docs.ts":                         "// explains what 'use server' does\nexport const x = 1",
	"apps/web/node_modules/.bin/next":                  "",

	"apps/admin/package.json":                  `{"name":"@acme/admin","dependencies":{"next":"16.0.0"}}`,
	"apps/admin/app/docs/[[...slug]]/route.ts": "",
	"apps/admin/pages/api/health.ts":           "",
	"apps/admin/proxy.ts":                      "export function proxy() {}",
	"apps/admin/app/actions.js":                "'use server'\n",

	"packages/db/package.json": `{"name":"@acme/db","main":"./dist/index.js","types":"./dist/index.d.ts",` +
		`"exports":{".":"./src/index.ts"},"dependencies":{"@prisma/client":"6.7.0"},"devDependencies":{"prisma":"6.7.0"}}`,
	"packages/db/src/index.ts":                         "export * from '@prisma/client'",
	"packages/db/prisma/schema/schema.prisma":          "generator client { provider = \"prisma-client-js\" }",
	"packages/db/prisma/schema/user.prisma":            "model User { id Int @id }",
	"packages/db/prisma/schema/billing/invoice.prisma": "model Invoice { id Int @id }",
	"packages/db/dist/index.js":                        "",

	"packages/ui/package.json": `{"name":"@acme/ui","peerDependencies":{"react":"19"},"private":"yes"}`,
	"packages/ui/button.tsx":   "'use client'",
	"tools/scratch.prisma":     "model Scratch { id Int @id }",
}

func TestMonorepo(t *testing.T) {
	root := tempRoot(t)
	writeTree(t, root, monorepo)
	r := discoverAt(t, root, Options{}, "apps/web/src/app")
	if r.Root != root || r.Base != root || r.RootRel != "" {
		t.Fatalf("Root %s Base %s RootRel %q; want the monorepo root for both", r.Root, r.Base, r.RootRel)
	}
	equalJSON(t, "scope", r.Scope, []string{"apps/web/src/app"})

	wantApps := []*App{
		{
			Dir:         "apps/admin",
			Name:        "@acme/admin",
			AppDirs:     []string{"apps/admin/app"},
			PagesDirs:   []string{"apps/admin/pages"},
			Routes:      []*Route{{File: "apps/admin/app/docs/[[...slug]]/route.ts", URLPath: "/docs/[[...slug]]"}},
			PagesAPI:    []*Route{{File: "apps/admin/pages/api/health.ts", URLPath: "/api/health"}},
			ActionFiles: []string{"apps/admin/app/actions.js"},
			Middleware:  &Middleware{Path: "apps/admin/proxy.ts", Kind: "proxy"},
		},
		{
			Dir:     "apps/web",
			Name:    "@acme/web",
			AppDirs: []string{"apps/web/src/app"},
			Routes: []*Route{
				{File: "apps/web/src/app/api/auth/[...nextauth]/route.ts", URLPath: "/api/auth/[...nextauth]"},
				{File: "apps/web/src/app/api/users/[id]/route.ts", URLPath: "/api/users/[id]"},
			},
			ActionFiles:            []string{"apps/web/src/app/(shop)/cart/actions.ts", "apps/web/src/lib/strict.ts"},
			InlineActionCandidates: []string{"apps/web/src/app/(shop)/cart/page.tsx", "apps/web/src/lib/docs.ts"},
			Middleware:             &Middleware{Path: "apps/web/src/middleware.ts", Kind: "middleware"},
			NextConfig:             "apps/web/next.config.ts",
		},
	}
	equalJSON(t, "apps", r.Apps, wantApps)

	if got := r.File("apps/web/src/app/(shop)/cart/button.tsx"); got == nil || got.Directive != UseClient || got.MentionsUseServer {
		t.Errorf("button.tsx: %+v, want 'use client' and no 'use server' mention", got)
	}
	if got := r.File("apps/web/src/app/(shop)/cart/actions.ts"); got == nil || got.Directive != UseServer || !got.MentionsUseServer {
		t.Errorf("actions.ts: %+v, want the 'use server' directive", got)
	}
	if got := r.AppOf("apps/web/src/lib/docs.ts"); got == nil || got.Dir != "apps/web" {
		t.Errorf("AppOf(apps/web/src/lib/docs.ts) = %+v", got)
	}
	if got := r.AppOf("packages/db/src/index.ts"); got != nil {
		t.Errorf("AppOf(packages/db/src/index.ts) = %s, want none", got.Dir)
	}

	var pkgDirs []string
	for _, p := range r.Packages {
		pkgDirs = append(pkgDirs, p.Dir)
	}
	equalJSON(t, "package dirs", pkgDirs, []string{"", "apps/admin", "apps/web", "packages/db", "packages/ui"})
	rootPkg := r.Package("")
	equalJSON(t, "root package", rootPkg, &Package{
		Name: "acme", Private: true, Deps: map[string]string{"turbo": "2.0.0"},
		Workspaces: []string{"apps/*", "packages/*"},
	})
	db := r.Package("packages/db")
	equalJSON(t, "db package", db, &Package{
		Dir: "packages/db", Name: "@acme/db",
		Deps: map[string]string{"@prisma/client": "6.7.0", "prisma": "6.7.0"},
		Main: "./dist/index.js", Types: "./dist/index.d.ts", Exports: json.RawMessage(`{".":"./src/index.ts"}`),
	})
	if ui := r.Package("packages/ui"); ui.Private || ui.Deps["react"] != "19" {
		t.Errorf("ui package: %+v; a non-boolean private must read as false without losing the rest", ui)
	}

	wantSchemas := []*SchemaSet{
		{
			Files: []string{
				"packages/db/prisma/schema/billing/invoice.prisma",
				"packages/db/prisma/schema/schema.prisma",
				"packages/db/prisma/schema/user.prisma",
			},
			Dir: "packages/db/prisma/schema", Folder: true, Origin: OriginFolder, PackageDir: "packages/db",
		},
		{Files: []string{"tools/scratch.prisma"}, Dir: "tools", Origin: OriginFound, PackageDir: "tools"},
	}
	equalJSON(t, "schemas", r.Schemas, wantSchemas)
	if len(r.Notifications) != 0 {
		t.Errorf("notifications: %q", notes(r))
	}
}

func TestDeterministic(t *testing.T) {
	root := tempRoot(t)
	writeTree(t, root, monorepo)
	for i := range 40 {
		writeTree(t, root, map[string]string{
			fmt.Sprintf("apps/web/src/app/api/r%d/route.ts", i):    "'use server'",
			fmt.Sprintf("apps/web/src/components/c%d.tsx", i):      "'use client'",
			fmt.Sprintf("packages/db/prisma/schema/m%d.prisma", i): "",
			fmt.Sprintf("big/b%d.js", i):                           string(make([]byte, 2000)),
		})
	}
	a := discoverAt(t, root, Options{Workers: 8, MaxFileSize: 1000})
	b := discoverAt(t, root, Options{Workers: 1, MaxFileSize: 1000})
	if !reflect.DeepEqual(a, b) {
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		t.Fatalf("two runs differ:\n%s\n%s", ja, jb)
	}
	if len(a.Notifications) != 40 || len(a.Apps[1].Routes) != 42 {
		t.Errorf("fixture not as intended: %d notifications, %d routes", len(a.Notifications), len(a.Apps[1].Routes))
	}
}

func TestDiscoverRootUnreadable(t *testing.T) {
	tg := &Target{Root: filepath.Join(tempRoot(t), "gone"), Base: "/"}
	if _, err := Discover(tg, Options{}); err == nil {
		t.Error("Discover of a missing root succeeded")
	}
}
