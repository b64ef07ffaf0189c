import { prisma } from "../../../lib/db";

export async function GET() {
  const rows = await prisma.$queryRaw`SELECT id, title FROM "Report" ORDER BY id`;
  return Response.json(rows);
}
