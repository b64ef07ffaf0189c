import { NextRequest, NextResponse } from "next/server";
import { prisma } from "../../../lib/db";

export async function GET(request: NextRequest) {
  const term = request.nextUrl.searchParams.get("q") ?? "";
  const sort = request.nextUrl.searchParams.get("sort") ?? "name";
  const rows = await prisma.$queryRawUnsafe(
    `SELECT id, name FROM "Project" WHERE public = true AND name ILIKE $1 ORDER BY ${sort}`,
    `%${term}%`,
  );
  return NextResponse.json(rows);
}
