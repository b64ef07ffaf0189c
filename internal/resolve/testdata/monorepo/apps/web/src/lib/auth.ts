import { auth } from "@acme/auth";

export async function requireSession() {
  const session = await auth();
  if (!session) throw new Error("unauthorized");
  return session;
}
