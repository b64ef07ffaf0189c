export async function requireAdmin() {
  return { role: "admin" };
}
