import { requireAdmin } from "@/lib/auth";
import { sendInvite } from "@acme/emails";

export async function POST(req: Request) {
  await requireAdmin();
  await sendInvite(await req.json());
  return new Response(null, { status: 204 });
}
