import { getServerSession } from "next-auth";
import { readSession } from "./session.js";

export async function requireUser() {
  const session = await getServerSession();
  if (!session) throw new Error("unauthorized");
  return readSession(session);
}
