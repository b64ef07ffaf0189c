// Next.js's documented matcher that skips prefetches: a client that sends the prefetch header skips the
// middleware, so coverage is conditional.
import { NextResponse, type NextRequest } from "next/server";

export function middleware(request: NextRequest) {
  return NextResponse.next();
}

export const config = {
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    "/api/admin/:path*",
  ],
};

// want config /dashboard conditional
// want config /api/x none
// want config /api/admin/[id] all
