import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { projects } from "lib/queries";

const Body = z.object({ name: z.string() });

export async function POST(req: Request) {
  const user = await requireUser();
  const body = Body.parse(await req.json());
  return Response.json(await projects.create(user.id, body.name));
}
