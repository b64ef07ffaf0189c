"use server";

import { Resend } from "resend";
import { prisma } from "../../lib/db";

const resend = new Resend(process.env.RESEND_API_KEY);

// Callable by anyone who can reach the site: no session check, no schema, no rate limit.
export async function inviteMember(projectId: string, email: string) {
  await prisma.membership.create({ data: { projectId, email, role: "member" } });
  await resend.emails.send({ from: "team@acme.dev", to: email, subject: "You are invited", text: "Join us" });
}
