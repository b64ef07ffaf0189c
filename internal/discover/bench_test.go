package discover

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkDiscover measures Locate+Discover over a generated monorepo of 5,000 source files in 5 apps, plus
// a node_modules tree that must be pruned and a few ignored files.
func BenchmarkDiscover(b *testing.B) {
	root := tempRoot(b)
	files := map[string]string{
		".git/":               "",
		".gitignore":          "*.generated.ts\n/coverage\n",
		"package.json":        `{"private":true,"workspaces":["apps/*","packages/*"]}`,
		"pnpm-workspace.yaml": "packages:\n  - apps/*\n  - packages/*\n",
	}
	for a := range 5 {
		app := fmt.Sprintf("apps/app%d", a)
		files[app+"/package.json"] = nextPkg
		files[app+"/tsconfig.json"] = "{}"
		files[app+"/.gitignore"] = "local/\n"
		files[app+"/middleware.ts"] = "export function middleware() {}"
		for i := range 1000 {
			var p, src string
			switch i % 5 {
			case 0:
				p, src = fmt.Sprintf("app/api/r%d/[id]/route.ts", i), "export async function GET(req: Request) {\n  return Response.json({})\n}\n"
			case 1:
				p, src = fmt.Sprintf("app/(shop)/s%d/actions.ts", i), "// actions\n'use server'\nexport async function a() {}\n"
			case 2:
				p, src = fmt.Sprintf("components/c%d/view.tsx", i), "'use client'\nexport function V() { return null }\n"
			case 3:
				p, src = fmt.Sprintf("lib/l%d/util.ts", i), strings.Repeat("export const x = 1\n", 20)
			default:
				p, src = fmt.Sprintf("app/p%d/page.tsx", i), "export default async function P() {\n  async function s() { 'use server' }\n}\n"
			}
			files[app+"/"+p] = src
		}
		for i := range 200 {
			files[fmt.Sprintf("%s/node_modules/dep%d/index.js", app, i)] = "module.exports = 1"
		}
	}
	files["packages/db/package.json"] = `{"name":"db"}`
	files["packages/db/prisma/schema/a.prisma"] = "model A { id Int @id }"
	writeTree(b, root, files)
	var n int
	for b.Loop() {
		t, err := Locate([]string{filepath.Join(root, "apps", "app0")})
		if err != nil {
			b.Fatal(err)
		}
		r, err := Discover(t, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(r.Files)
	}
	b.ReportMetric(float64(n), "files/op")
}
