package syntax

import (
	"strings"
	"testing"
)

// benchSource is a route-handler-like module repeated to about 1 MB.
func benchSource() []byte {
	unit := `import { NextResponse } from "next/server";
import { z } from "zod";
import { prisma } from "@/lib/db";
const schema = z.object({ name: z.string().min(1), email: z.string().email() });
interface Body { name: string; email: string }
export async function POST(req: Request): Promise<Response> {
  try {
    const body: Body = schema.parse(await req.json());
    const user = await prisma.user.create({ data: { name: body.name, email: body.email } });
    return NextResponse.json({ id: user.id }, { status: 201 });
  } catch (e: unknown) {
    return NextResponse.json({ error: "invalid" }, { status: 400 });
  }
}
`
	return []byte(strings.Repeat(unit, 1<<20/len(unit)))
}

func BenchmarkParse(b *testing.B) {
	src := benchSource()
	p := NewParser()
	defer p.Close()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Parse(src, TypeScript); err != nil {
			b.Fatal(err)
		}
	}
}
