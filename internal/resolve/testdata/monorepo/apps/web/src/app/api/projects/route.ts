import { requireSession } from "@/lib/auth";
import { prisma } from "@acme/db";
import { createClient } from "@acme/db/client";
import { github } from "@acme/auth/providers/github";
import { verifyToken } from "@acme/auth/internal/tokens";
import { signIn } from "@acme/auth/client";
import { currentUser } from "@acme/auth/server";
import { Button } from "@acme/ui";
import { Card } from "@acme/ui/card";
import { edgeAuth } from "@acme/auth/edge";
import { currentUser as clerkUser } from "@clerk/nextjs/server";
import { randomUUID } from "node:crypto";
import config from "@acme/tsconfig";
import root from "acme";

export async function GET() {
  const session = await requireSession();
  return Response.json(await prisma.project.findMany({ where: { ownerId: session.userId } }));
}
