// Next.js 16 proxy.ts; the matcher refers to a constant, which current Next.js rejects at build time and
// older versions ignore. The resolved value is the lower bound.
import { NextResponse } from "next/server";

const PROTECTED = ["/app/:path*", "/api/:path*"];

export function proxy() {
  return NextResponse.next();
}

export const config = { matcher: PROTECTED };

// want problem not-static
// want config /app/[id] all
// want config /api/users/[id] all
// want config / none
