export function readSession(s: { user?: { orgId: string } }) {
  return { orgId: s.user?.orgId ?? "" };
}
