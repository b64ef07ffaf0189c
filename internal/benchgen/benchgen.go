// Package benchgen writes a synthetic Next.js monorepo for benchmarks: by default about 5,000 TS/TSX files
// and 20 MB, with 500 route handlers, 100 'use server' files, shared libraries, UI components that no
// endpoint imports, a Prisma schema, and a few files discovery must skip (a minified bundle over 2 MB and
// binary files with a .js name). The output is deterministic for a given Config.
//
// The files are generated, never committed: benchmarks write them to a temporary directory, and
// `go run ./cmd/benchgen -o DIR` writes them for measuring the binary (peak RSS with /usr/bin/time).
package benchgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Config sizes the generated repository.
type Config struct {
	Routes      int // route handlers (app/api/**/route.ts)
	ActionFiles int // 'use server' modules
	LibFiles    int // shared helpers imported by endpoints
	Components  int // .tsx components no endpoint imports
	Packages    int // workspace packages with their own files
	Skipped     int // files discovery must skip (over 2 MB or binary)
}

// Default is the benchmark budget's repository: about 5,000 files and 20 MB.
var Default = Config{Routes: 500, ActionFiles: 100, LibFiles: 400, Components: 3990, Packages: 4, Skipped: 3}

// Generate writes the repository under dir and returns the number of files written and their total size.
func Generate(dir string, c Config) (files int, bytes int64, err error) {
	w := &writer{dir: dir}
	w.write("package.json", `{"name":"bench-monorepo","private":true,"workspaces":["apps/*","packages/*"]}`+"\n")
	w.write("apps/web/package.json", `{"name":"web","private":true,"dependencies":{"next":"15.1.0","@prisma/client":"6.1.0","zod":"3.24.1","next-auth":"4.24.11"}}`+"\n")
	w.write("apps/web/tsconfig.json", `{"compilerOptions":{"baseUrl":".","paths":{"@/*":["./*"]},"strict":true}}`+"\n")
	w.write("apps/web/prisma/schema.prisma", schema(c.LibFiles/4+10))
	w.write("apps/web/middleware.ts", middleware)
	for i := 0; i < c.LibFiles; i++ {
		w.write(fmt.Sprintf("apps/web/lib/domain%03d/service.ts", i), libFile(i, c.LibFiles))
	}
	for i := 0; i < c.Routes; i++ {
		seg := fmt.Sprintf("apps/web/app/api/r%03d", i)
		if i%5 == 0 {
			seg += "/[id]"
		}
		w.write(seg+"/route.ts", routeFile(i, c.LibFiles))
	}
	for i := 0; i < c.ActionFiles; i++ {
		w.write(fmt.Sprintf("apps/web/app/(app)/feature%03d/actions.ts", i), actionFile(i, c.LibFiles))
	}
	for i := 0; i < c.Components; i++ {
		w.write(fmt.Sprintf("apps/web/components/c%02d/Component%04d.tsx", i%60, i), componentFile(i))
	}
	for p := 0; p < c.Packages; p++ {
		w.write(fmt.Sprintf("packages/pkg%d/package.json", p), fmt.Sprintf(`{"name":"@bench/pkg%d","main":"src/index.ts"}`+"\n", p))
		w.write(fmt.Sprintf("packages/pkg%d/src/index.ts", p), libFile(p, 1))
	}
	for i := 0; i < c.Skipped; i++ {
		if i%2 == 0 {
			w.write(fmt.Sprintf("apps/web/public/vendor%d.min.js", i), minified(2<<20+1024))
		} else {
			w.write(fmt.Sprintf("apps/web/public/blob%d.js", i), "\x00\x01\x02binary\x00")
		}
	}
	return w.files, w.bytes, w.err
}

type writer struct {
	dir   string
	files int
	bytes int64
	err   error
}

func (w *writer) write(rel, content string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		w.err = err
		return
	}
	w.files++
	w.bytes += int64(len(content))
}

const middleware = `import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = { matcher: ["/dashboard/:path*", "/api/r0:n(\\d+)/:path*"] };
`

func routeFile(i, libs int) string {
	var b strings.Builder
	a, c := i%libs, (i*7+3)%libs
	fmt.Fprintf(&b, "import { NextResponse } from \"next/server\";\nimport { z } from \"zod\";\n")
	fmt.Fprintf(&b, "import { getServerSession } from \"next-auth\";\n")
	fmt.Fprintf(&b, "import { load%03d, save%03d } from \"../../../lib/domain%03d/service\";\n", a, a, a)
	fmt.Fprintf(&b, "import { load%03d as other } from \"@/lib/domain%03d/service\";\n\n", c, c)
	fmt.Fprintf(&b, "const input = z.object({\n  name: z.string().min(1).max(200),\n  email: z.string().email(),\n  count: z.number().int().nonnegative(),\n  tags: z.array(z.string()).max(20),\n});\n\n")
	fmt.Fprintf(&b, "export async function GET(request: Request) {\n  const session = await getServerSession();\n  if (!session) return NextResponse.json({ error: \"unauthorized\" }, { status: 401 });\n  const url = new URL(request.url);\n  const page = Number(url.searchParams.get(\"page\") ?? \"1\");\n  const rows = await load%03d({ page, take: 50 });\n  const more = await other({ page: page + 1, take: 10 });\n  return NextResponse.json({ rows, more });\n}\n\n", a)
	fmt.Fprintf(&b, "export async function POST(request: Request) {\n  try {\n    const data = input.parse(await request.json());\n    const saved = await save%03d(data);\n    return NextResponse.json(saved, { status: 201 });\n  } catch (error) {\n    return NextResponse.json({ error: \"invalid input\" }, { status: 400 });\n  }\n}\n", a)
	for k := 0; k < 12; k++ {
		fmt.Fprintf(&b, "\nfunction helper%d_%d(values: Array<{ id: string; score: number }>): number {\n  let total = 0;\n  for (const v of values) {\n    if (v.score > %d) total += v.score * %d;\n    else total -= v.id.length;\n  }\n  return Math.round(total / Math.max(values.length, 1));\n}\n", i, k, k, k+1)
	}
	return b.String()
}

func actionFile(i, libs int) string {
	var b strings.Builder
	a := (i * 13) % libs
	fmt.Fprintf(&b, "\"use server\";\n\nimport { revalidatePath } from \"next/cache\";\nimport { save%03d } from \"../../../lib/domain%03d/service\";\n\n", a, a)
	for k := 0; k < 6; k++ {
		fmt.Fprintf(&b, "export async function update%d_%d(formData: FormData) {\n  const name = String(formData.get(\"name\") ?? \"\");\n  if (!name) return { error: \"name required\" };\n  await save%03d({ name, email: \"x@example.com\", count: %d, tags: [] });\n  revalidatePath(\"/feature%03d\");\n  return { ok: true };\n}\n\n", i, k, a, k, i)
	}
	return b.String()
}

func libFile(i, libs int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "import { PrismaClient } from \"@prisma/client\";\n\nconst prisma = new PrismaClient();\n\n")
	fmt.Fprintf(&b, "export type Input%03d = { name: string; email: string; count: number; tags: string[] };\n\n", i)
	fmt.Fprintf(&b, "export async function load%03d(opts: { page: number; take: number }) {\n  return prisma.model%d.findMany({ skip: (opts.page - 1) * opts.take, take: opts.take, orderBy: { createdAt: \"desc\" } });\n}\n\n", i, i%40)
	fmt.Fprintf(&b, "export async function save%03d(input: Input%03d) {\n  return prisma.model%d.create({ data: { name: input.name, email: input.email } });\n}\n", i, i, i%40)
	for k := 0; k < 8; k++ {
		fmt.Fprintf(&b, "\nexport function format%d_%d(value: number, currency = \"EUR\"): string {\n  const fixed = (Math.round(value * 100) / 100).toFixed(2);\n  return `${fixed} ${currency} (%d)`;\n}\n", i, k, k)
	}
	return b.String()
}

func componentFile(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\"use client\";\n\nimport { useState } from \"react\";\n\ntype Props%d = { title: string; items: { id: string; label: string }[] };\n\n", i)
	fmt.Fprintf(&b, "export function Component%04d({ title, items }: Props%d) {\n  const [open, setOpen] = useState(false);\n  return (\n    <section className=\"card\">\n      <h2 onClick={() => setOpen(!open)}>{title}</h2>\n      {open && (\n        <ul>\n          {items.map((item) => (\n            <li key={item.id} className=\"item\">{item.label}</li>\n          ))}\n        </ul>\n      )}\n", i, i)
	for k := 0; k < 28; k++ {
		fmt.Fprintf(&b, "      <div className=\"row-%d\"><span>{title.length + %d}</span><button type=\"button\" onClick={() => setOpen(false)}>Close %d</button></div>\n", k, k, k)
	}
	fmt.Fprintf(&b, "    </section>\n  );\n}\n")
	return b.String()
}

func schema(models int) string {
	var b strings.Builder
	b.WriteString("datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n")
	for m := 0; m < models; m++ {
		fmt.Fprintf(&b, "\nmodel Model%d {\n  id        String   @id @default(cuid())\n  name      String\n  email     String\n  createdAt DateTime @default(now())\n  ownerId   String?\n}\n", m)
	}
	return b.String()
}

func minified(size int) string {
	unit := "var a=function(b){return b*2},c=[1,2,3].map(a);"
	return strings.Repeat(unit, size/len(unit)+1)
}
