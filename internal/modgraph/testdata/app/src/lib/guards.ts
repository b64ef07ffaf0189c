import { requireAdmin } from "./auth/admin";
export { requireUser } from "./auth/user";

export const requireOwner = async (ownerId: string) => ownerId;

export { requireAdmin as requireStaff };
