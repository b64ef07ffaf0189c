import { getServerSession } from "next-auth";

export async function requireUser() {
  const session = await getServerSession();
  if (!session) throw new Error("unauthorized");
  return session;
}

// Shadowed by the barrel: `export *` never re-exports a default.
export default requireUser;
