import { db } from "@acme/db";
import type { Session } from "./session-types";

export async function requireUser(): Promise<{ id: string }> {
  const session: Session | null = await db.session.current();
  if (!session) throw new Error("unauthorized");
  return { id: session.userId };
}
