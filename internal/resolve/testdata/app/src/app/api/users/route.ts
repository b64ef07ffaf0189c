import { requireUser } from "@/lib/auth";
import { db } from "@/lib/db";

export async function GET() {
  const user = await requireUser();
  return Response.json(await db.user.findMany({ where: { orgId: user.orgId } }));
}
