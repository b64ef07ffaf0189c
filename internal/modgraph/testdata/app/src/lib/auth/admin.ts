import { requireUser } from "./user";

export async function requireAdmin() {
  const session = await requireUser();
  if ((session as { role?: string }).role !== "admin") throw new Error("forbidden");
  return session;
}
