export async function auth() {
  return { userId: "u_1" } as { userId: string } | null;
}
