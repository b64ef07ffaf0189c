import { requireAdmin, requireStaff, hasRole, getSession as sessionViaBarrel, authz, serverSession, currentUser } from "@/lib";
import getSession from "@/lib/session";
import * as guards from "@/lib/guards";
import { getServerSession } from "next-auth";
import NextAuth from "next-auth";
import { ping, loop } from "@/lib/cycle-a";
import handler from "@/lib/handler";
import onboard from "@/lib/anon";
import type { Role } from "@/lib/types";
import { unknownThing } from "@/lib/guards";

export async function GET() {
  await requireAdmin();
  await guards.requireUser();
  return Response.json({ ok: await authz.checkRole("admin" as Role) });
}
