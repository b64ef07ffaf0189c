package jsmodel

import (
	"fmt"
	"strings"
	"testing"

	"github.com/archlint/archlint/internal/syntax"
)

func build(t *testing.T, path, src string) *File {
	t.Helper()
	lang, ok := syntax.LangForPath(path)
	if !ok {
		t.Fatalf("no grammar for %s", path)
	}
	p := syntax.NewParser()
	defer p.Close()
	tr, err := p.Parse([]byte(src), lang)
	if err != nil {
		t.Fatal(err)
	}
	return Build(path, tr)
}

func describeImports(f *File) string {
	var b strings.Builder
	for _, i := range f.Imports {
		fmt.Fprintf(&b, "%d %s %s->%s type=%v\n", i.Kind, i.Source, i.Imported, i.Local, i.TypeOnly)
	}
	return b.String()
}

func describeExports(f *File) string {
	var b strings.Builder
	for _, e := range f.Exports {
		fn := ""
		if e.Func != NoFunc {
			fn = " func=" + f.Functions[e.Func].Name
		}
		fmt.Fprintf(&b, "%d name=%s local=%s src=%s imported=%s type=%v%s\n", e.Kind, e.Name, e.Local, e.Source, e.Imported, e.TypeOnly, fn)
	}
	return b.String()
}

func TestImports(t *testing.T) {
	f := build(t, "a.ts", `import def, { a as b, type C, default as D } from "x";
import * as ns from './y';
import type { Q } from "q";
import "side";
import fs = require("fs");
const z = require("zz");
async function f() { await import("dyn"); import(name); }
`)
	want := `1 x default->def type=false
2 x a->b type=false
2 x C->C type=true
1 x default->D type=false
3 ./y ->ns type=false
2 q Q->Q type=true
4 side -> type=false
1 fs default->fs type=false
6 zz ->z type=false
5 dyn -> type=false
`
	if got := describeImports(f); got != want {
		t.Errorf("imports:\n%s\nwant:\n%s", got, want)
	}
	if b := f.Bindings["b"]; b.Kind != BindImport || f.Imports[b.Import].Imported != "a" {
		t.Errorf("binding b = %+v", b)
	}
}

func TestExports(t *testing.T) {
	f := build(t, "route.ts", `export async function GET(req: Request) {}
export const POST = withAuth(async (req) => {});
export const PUT = async () => {}, PATCH = handler;
export const { GET: G2, POST: P2 } = handlers;
export { DELETE } from "./other";
export { x as default, y };
export * from "./all";
export * as ns from "./ns";
export type { T } from "./t";
export class K {}
export interface I {}
module.exports.config = {};
`)
	want := `1 name=GET local=GET src= imported= type=false func=GET
2 name=POST local=POST src= imported= type=false
2 name=PUT local=PUT src= imported= type=false func=PUT
2 name=PATCH local=PATCH src= imported= type=false
3 name=G2 local=G2 src= imported= type=false
3 name=P2 local=P2 src= imported= type=false
5 name=DELETE local= src=./other imported=DELETE type=false
4 name=default local=x src= imported= type=false
4 name=y local=y src= imported= type=false
6 name= local= src=./all imported= type=false
7 name=ns local= src=./ns imported= type=false
5 name=T local= src=./t imported=T type=true
1 name=K local=K src= imported= type=false
1 name=I local=I src= imported= type=true
9 name=config local= src= imported= type=false
`
	if got := describeExports(f); got != want {
		t.Errorf("exports:\n%s\nwant:\n%s", got, want)
	}
}

func TestDefaultExports(t *testing.T) {
	for src, want := range map[string]string{
		"export default async function handler(req, res) {}": "1 name=default local=handler src= imported= type=false func=handler\n",
		"export default function () {}":                      "8 name=default local= src= imported= type=false func=\n",
		"export default withAuth(handler);":                  "8 name=default local= src= imported= type=false\n",
		"export default handler;":                            "8 name=default local=handler src= imported= type=false\n",
		"module.exports = handler;":                          "9 name=default local=handler src= imported= type=false\n",
	} {
		if got := describeExports(build(t, "p.js", src)); got != want {
			t.Errorf("%s:\n got %s want %s", src, got, want)
		}
	}
}

func TestFunctionsAndCalls(t *testing.T) {
	f := build(t, "actions.tsx", `'use server'
import { z } from "zod";
export async function create({ name }: In, [a], d = 1, ...rest) {
  const s = await auth.api.getSession({ headers: await headers() });
  const v = z.object({ n: z.string() }).parse(input);
  await prisma.$queryRaw`+"`SELECT ${1}`"+`;
  await (await getDb()).user.findMany();
  const u = new URL(req.url);
  await ctx["prisma"].post.create({});
}
const obj = { handler: async () => {}, async method() {} };
export default function Page() {
  async function act(formData: FormData) { 'use server'; await db.x.delete(); }
  return <form action={act} />;
}
`)
	if !f.HasDirective("use server") {
		t.Errorf("directives = %v", f.Directives)
	}
	var names []string
	for _, fn := range f.Functions {
		par := "-"
		if fn.Parent != NoFunc {
			par = f.Functions[fn.Parent].Name
		}
		names = append(names, fmt.Sprintf("%s(%d,%v,%s,%s)", fn.Name, len(fn.Params), fn.Async, par, fn.Directive))
	}
	if got, want := strings.Join(names, " "), "create(4,true,-,) handler(0,true,-,) method(0,true,-,) Page(0,false,-,) act(1,true,Page,use server)"; got != want {
		t.Errorf("functions:\n got %s\nwant %s", got, want)
	}
	ps := f.Functions[0].Params
	if ps[0].Name != "" || ps[1].Name != "" || ps[2].Name != "d" || ps[2].Default == syntax.None || !ps[3].Rest || ps[3].Name != "rest" {
		t.Errorf("params = %+v", ps)
	}
	var calls []string
	for _, c := range f.Calls {
		in := "-"
		if c.Func != NoFunc {
			in = f.Functions[c.Func].Name
		}
		calls = append(calls, fmt.Sprintf("%s@%s/%v/%v", c.Callee, in, c.Tagged, c.New))
	}
	want := "auth.api.getSession@create/false/false headers@create/false/false z.object(...).parse@create/false/false z.object@create/false/false z.string@create/false/false prisma.$queryRaw@create/true/false getDb(...).user.findMany@create/false/false getDb@create/false/false URL@create/false/true ctx.prisma.post.create@create/false/false db.x.delete@act/false/false"
	if got := strings.Join(calls, " "); got != want {
		t.Errorf("calls:\n got %s\nwant %s", got, want)
	}
}

func TestChainEdgeCases(t *testing.T) {
	f := build(t, "a.ts", `a?.b!.c(); (x as any).y(); obj[k](); this.db.q(); super.m(); fn()(); arr[0].z();`)
	var got []string
	for _, c := range f.Calls {
		got = append(got, c.Callee)
	}
	if s := strings.Join(got, ","); s != "a.b.c,x.y,,this.db.q,super.m,,fn," {
		t.Errorf("chains = %s", s)
	}
}
