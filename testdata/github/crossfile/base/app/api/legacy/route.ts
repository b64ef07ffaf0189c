import { prisma } from "../../../lib/db";

// Debt that predates the change: present in the base, so never "new".
export async function GET(request: Request) {
  const id = new URL(request.url).searchParams.get("id");
  const rows = await prisma.$queryRawUnsafe(`SELECT * FROM "Legacy" WHERE id = '${id}'`);
  return Response.json(rows);
}
