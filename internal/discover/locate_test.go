package discover

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

const nextPkg = `{"name":"web","dependencies":{"next":"15.1.0","react":"19.0.0"}}`

func locateFixture(t *testing.T) string {
	root := tempRoot(t)
	writeTree(t, root, map[string]string{
		// A monorepo: git root and workspace root at mono/.
		"mono/.git/":                       "",
		"mono/package.json":                `{"private":true,"workspaces":["apps/*","packages/*"]}`,
		"mono/apps/web/package.json":       nextPkg,
		"mono/apps/web/app/api/route.ts":   "export function GET() {}",
		"mono/apps/admin/next.config.mjs":  "export default {}",
		"mono/apps/admin/src/app/page.tsx": "",
		"mono/packages/db/package.json":    `{"name":"@acme/db"}`,
		// A single app one level below the git root.
		"solo/.git":                 "gitdir: ../elsewhere\n", // a worktree's .git is a file
		"solo/site/package.json":    `{"devDependencies":{"next":"16.0.0"}}`,
		"solo/site/lib/x.ts":        "",
		"solo/site/app/route.ts":    "",
		"solo/README.md":            "",
		"solo/site/components/a.ts": "",
		// pnpm workspace, no git at all.
		"pnpm/pnpm-workspace.yaml":        "packages:\n  - apps/*\n",
		"pnpm/package.json":               `{"name":"root"}`,
		"pnpm/apps/shop/package.json":     `{"peerDependencies":{"next":"*"}}`,
		"pnpm/apps/shop/app/page.tsx":     "",
		"turbo/.git/":                     "",
		"turbo/turbo.json":                `{"tasks":{}}`,
		"turbo/apps/blog/turbo.json":      `{"extends":["//"],"tasks":{}}`,
		"turbo/apps/blog/next.config.ts":  "export default {}",
		"turbo/apps/blog/app/page.tsx":    "",
		"nx/nx.json":                      "{}",
		"nx/apps/a/next.config.js":        "",
		"lerna/lerna.json":                "{}",
		"lerna/packages/a/package.json":   nextPkg,
		"rush/rush.json":                  "{}",
		"rush/apps/a/package.json":        nextPkg,
		"other/.git/":                     "",
		"other/app1/package.json":         nextPkg,
		"top/package.json":                `{"workspaces":["inner"]}`,
		"top/inner/.git/":                 "",
		"top/inner/package.json":          nextPkg,
		"top/inner/app/page.tsx":          "",
		"notapp/.git/":                    "",
		"notapp/tools/script.ts":          "",
		"notapp/package.json":             `{"dependencies":{"react":"19"}}`,
		"selfws/.git/":                    "",
		"selfws/package.json":             `{"workspaces":["packages/*"],"dependencies":{"next":"15"}}`,
		"selfws/packages/ui/package.json": `{"name":"ui"}`,
		"badjson/package.json":            `{"dependencies":`,
		"badjson/next.config.js":          "",
	})
	return root
}

func TestLocate(t *testing.T) {
	root := locateFixture(t)
	tests := []struct {
		name                string
		paths               []string
		root, base, rootRel string
		scope               []string
	}{
		{"subdir of an app in a monorepo", []string{"mono/apps/web/app/api"}, "mono", "mono", "", []string{"apps/web/app/api"}},
		{"monorepo root", []string{"mono"}, "mono", "mono", "", []string{""}},
		{"file path", []string{"mono/apps/web/app/api/route.ts"}, "mono", "mono", "", []string{"apps/web/app/api/route.ts"}},
		{"app found by next.config", []string{"mono/apps/admin/src"}, "mono", "mono", "", []string{"apps/admin/src"}},
		{"two apps of one workspace", []string{"mono/apps/web", "mono/apps/admin"}, "mono", "mono", "", []string{"apps/admin", "apps/web"}},
		{"scope collapses under the root", []string{"mono/apps/web", "mono"}, "mono", "mono", "", []string{""}},
		{"duplicate and nested scopes", []string{"mono/apps/web/app", "mono/apps/web", "mono/apps/web/"}, "mono", "mono", "", []string{"apps/web"}},
		{"package of the monorepo that is no app", []string{"mono/packages/db"}, "mono/packages/db", "mono", "packages/db", []string{"packages/db"}},
		{"git root above the app", []string{"solo/site/lib"}, "solo/site", "solo", "site", []string{"site/lib"}},
		{"app root itself", []string{"solo/site"}, "solo/site", "solo", "site", []string{"site"}},
		{"pnpm workspace without git", []string{"pnpm/apps/shop/app"}, "pnpm", "pnpm", "", []string{"apps/shop/app"}},
		{"package turbo.json is no workspace root", []string{"turbo/apps/blog"}, "turbo", "turbo", "", []string{"apps/blog"}},
		{"nx.json", []string{"nx/apps/a"}, "nx", "nx", "", []string{"apps/a"}},
		{"lerna.json", []string{"lerna/packages/a"}, "lerna", "lerna", "", []string{"packages/a"}},
		{"rush.json", []string{"rush/apps/a"}, "rush", "rush", "", []string{"apps/a"}},
		{"workspace above the git root is not used", []string{"top/inner/app"}, "top/inner", "top/inner", "", []string{"app"}},
		{"no app anywhere", []string{"notapp/tools"}, "notapp/tools", "notapp", "tools", []string{"tools"}},
		{"no app, file path", []string{"notapp/tools/script.ts"}, "notapp/tools", "notapp", "tools", []string{"tools/script.ts"}},
		{"package inside an app that is its own workspace root", []string{"selfws/packages/ui"}, "selfws", "selfws", "", []string{"packages/ui"}},
		{"app with its own workspaces", []string{"selfws"}, "selfws", "selfws", "", []string{""}},
		{"invalid package.json, next.config decides", []string{"badjson"}, "badjson", "badjson", "", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var abs []string
			for _, p := range tt.paths {
				abs = append(abs, filepath.Join(root, filepath.FromSlash(p)))
			}
			got, err := Locate(abs)
			if err != nil {
				t.Fatal(err)
			}
			want := Target{
				Root:    filepath.Join(root, filepath.FromSlash(tt.root)),
				Base:    filepath.Join(root, filepath.FromSlash(tt.base)),
				RootRel: tt.rootRel,
				Scope:   tt.scope,
			}
			equalJSON(t, "target", got, want)
		})
	}
}

func TestLocateRelativeAndDefault(t *testing.T) {
	root := locateFixture(t)
	t.Chdir(filepath.Join(root, "mono", "apps", "web"))
	for _, paths := range [][]string{nil, {"."}, {"app/../app/.."}} {
		got, err := Locate(paths)
		if err != nil {
			t.Fatal(err)
		}
		if got.Root != filepath.Join(root, "mono") || len(got.Scope) != 1 || got.Scope[0] != "apps/web" {
			t.Errorf("Locate(%q) = root %s scope %q, want root mono, scope apps/web", paths, got.Root, got.Scope)
		}
	}
}

func TestLocateSymlinkedPath(t *testing.T) {
	root := locateFixture(t)
	symlink(t, root, "mono/apps/web", "shortcut")
	got, err := Locate([]string{filepath.Join(root, "shortcut", "app")})
	if err != nil {
		t.Fatal(err)
	}
	if got.Root != filepath.Join(root, "mono") || got.Scope[0] != "apps/web/app" {
		t.Errorf("through a link: root %s scope %q; want the real locations", got.Root, got.Scope)
	}
}

func TestLocateErrors(t *testing.T) {
	root := locateFixture(t)
	abs := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	tests := []struct {
		name    string
		paths   []string
		kind    PathErrorKind
		message string
	}{
		{"missing path", []string{abs("mono/apps/nope")}, PathNotFound, "no such file or directory"},
		{"missing among good ones", []string{abs("mono/apps/web"), abs("mono/x.ts")}, PathNotFound, "mono/x.ts"},
		{"different projects", []string{abs("mono/apps/web"), abs("other/app1")}, PathsDisagree, "different projects"},
		{"app and a non-app elsewhere", []string{abs("mono/apps/web"), abs("notapp/tools")}, PathsDisagree, "notapp/tools"},
		{"app root and its git root", []string{abs("solo/site"), abs("solo")}, PathsDisagree, "different projects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Locate(tt.paths)
			var pe *PathError
			if !errors.As(err, &pe) {
				t.Fatalf("Locate = %v, want a *PathError", err)
			}
			if pe.Kind != tt.kind {
				t.Errorf("kind = %v, want %v", pe.Kind, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("message %q does not mention %q", err, tt.message)
			}
		})
	}
}

func TestInScope(t *testing.T) {
	tg := &Target{Scope: []string{"apps/web", "packages/db/src/x.ts"}}
	for p, want := range map[string]bool{
		"apps/web":              true,
		"apps/web/app/route.ts": true,
		"apps/webshop/a.ts":     false,
		"apps":                  false,
		"packages/db/src/x.ts":  true,
		"packages/db/src/y.ts":  false,
	} {
		if got := tg.InScope(p); got != want {
			t.Errorf("InScope(%q) = %v, want %v", p, got, want)
		}
	}
	if !(&Target{Scope: []string{""}}).InScope("anything/at/all.ts") {
		t.Error(`scope "" must cover everything`)
	}
}
