// The library's public surface.
export * from "./auth";
export * as authz from "./authz";
export { default as getSession } from "./session";
export { checkRole as hasRole } from "./authz";
export { requireStaff } from "./guards";
export { getServerSession as serverSession } from "next-auth";
export * from "@clerk/nextjs/server";
export type { Role } from "./types";
